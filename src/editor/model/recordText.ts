import type { Turn } from '../../core/types';
import type { CuratorModel } from './curatorModel';

/** The line that opens each turn in a record's text view; the prompt grammar highlights it. */
export function turnHeader(index: number, role: string): string {
  return `───── [${index + 1}] ${role} ─────`;
}

/** A record's turns as plain text for VS Code's own editors (Open Record as Text, the diff editor). */
export function renderTurns(turns: readonly Turn[]): string {
  return turns.map((t, i) => `${turnHeader(i, t.role)}\n${t.text}\n`).join('\n');
}

/** How many places `id` may appear as text before the search gives up (ids inside turn texts, say). */
const MAX_ID_HITS = 10_000;

/**
 * The 0-based line of the record whose `id` is `id`, or -1. A native byte search for the id's JSON
 * spelling finds candidate lines; each is confirmed by reading the record, so no full parse is needed.
 */
export function findLineById(model: CuratorModel, id: string): number {
  // Numeric ids are written without quotes; look for the key then.
  const needles = [JSON.stringify(id)];
  if (/^-?\d+$/.test(id)) needles.push(`"id": ${id}`, `"id":${id}`);
  for (const needle of needles) {
    const found = searchCandidates(model, Buffer.from(needle, 'utf8'), id);
    if (found !== -1) return found;
  }
  return -1;
}

function searchCandidates(model: CuratorModel, needle: Buffer, id: string): number {
  const bytes = model.bytes;
  let hits = 0;
  for (let at = bytes.indexOf(needle); at !== -1 && hits < MAX_ID_HITS; hits++) {
    const line = lineAtOffset(model, at);
    if (model.readLine(line).record?.id === id) return line;
    // One confirmation per line is enough.
    at = bytes.indexOf(needle, model.index.end(line) + 1);
  }
  return -1;
}

/** The 0-based line containing byte `offset`. */
export function lineAtOffset(model: CuratorModel, offset: number): number {
  let lo = 0;
  let hi = model.lineCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (model.index.start(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
