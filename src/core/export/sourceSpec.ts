import type { ExportSource, SourceWeight } from './types';

/** A source argument that does not parse; the message says what was expected. */
export class SourceSpecError extends Error {}

const WEIGHTED = /^(.+):(#\d+|\d+(?:\.\d*)?|\.\d+)$/;

/** Suffixes that are meant as a weight but are not one (`:-1`, `:#x`, `:1e3`, `:2.0.1`). */
const BAD_WEIGHT = /:(#.*|[-+]?[\d.]+(?:e[-+]?\d+)?)$/i;

/**
 * Reads `path`, `path:<ratio>` (`:2.0`, `:0.5`) or `path:#<count>` (`:#3000`). Only a numeric suffix
 * after the last colon is a weight, so `C:\data\x.jsonl` stays a path.
 */
export function parseSourceSpec(arg: string): ExportSource {
  const m = WEIGHTED.exec(arg);
  if (!m) {
    if (arg === '') throw new SourceSpecError('an input file name is empty');
    if (BAD_WEIGHT.test(arg)) {
      throw new SourceSpecError(`"${arg}": a weight is :<ratio> (e.g. :2.0) or :#<count> (e.g. :#3000)`);
    }
    return { path: arg, weight: { kind: 'all' } };
  }
  const [, path, w] = m;
  let weight: SourceWeight;
  if (w.startsWith('#')) {
    const count = Number(w.slice(1));
    if (!Number.isSafeInteger(count)) throw new SourceSpecError(`"${arg}": the count is too large`);
    weight = { kind: 'count', count };
  } else {
    const ratio = Number(w);
    if (!Number.isFinite(ratio)) throw new SourceSpecError(`"${arg}": the ratio is not a number`);
    weight = { kind: 'ratio', ratio };
  }
  return { path, weight };
}

export function formatWeight(w: SourceWeight): string {
  if (w.kind === 'all') return 'all';
  if (w.kind === 'count') return `#${w.count}`;
  return String(w.ratio);
}
