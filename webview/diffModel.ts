import { type Change, diffLines, diffWordsWithSpace } from 'diff';
import type { TurnView } from '../src/editor/protocol';

/**
 * The view-model of the Original | Converted panes: turns paired up, each side's text cut into segments
 * marked same / removed (left only) / added (right only). Pure, so it is unit-tested and the webview only
 * turns segments into text nodes.
 */

export type SegmentKind = 'same' | 'removed' | 'added';

export interface Segment {
  text: string;
  kind: SegmentKind;
}

export interface TurnPair {
  index: number;
  /** Role on each side; undefined when the turn exists only on the other side. */
  leftRole?: string;
  rightRole?: string;
  left: Segment[];
  right: Segment[];
  status: 'same' | 'changed' | 'added' | 'removed';
}

/** Changed blocks larger than this are marked whole instead of word by word. */
const WORD_DIFF_LIMIT = 20_000;
/** Milliseconds one diff may take before it gives up (huge, unrelated texts). */
const DIFF_TIMEOUT_MS = 200;

const segmenter: Intl.Segmenter | undefined =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl
    ? new Intl.Segmenter('zh', { granularity: 'word' })
    : undefined;

export function pairTurns(original: readonly TurnView[], converted: readonly TurnView[]): TurnPair[] {
  const pairs: TurnPair[] = [];
  const n = Math.max(original.length, converted.length);
  for (let i = 0; i < n; i++) {
    const a = original[i];
    const b = converted[i];
    if (a && b) {
      const { left, right } = diffTexts(a.text, b.text);
      const same = a.text === b.text && a.role === b.role;
      pairs.push({
        index: i,
        leftRole: a.role,
        rightRole: b.role,
        left,
        right,
        status: same ? 'same' : 'changed',
      });
    } else if (a) {
      pairs.push({
        index: i,
        leftRole: a.role,
        left: [{ text: a.text, kind: 'removed' }],
        right: [],
        status: 'removed',
      });
    } else if (b) {
      pairs.push({
        index: i,
        rightRole: b.role,
        left: [],
        right: [{ text: b.text, kind: 'added' }],
        status: 'added',
      });
    }
  }
  return pairs;
}

/** Line diff first (cheap on long prompts), then words inside each changed block. */
export function diffTexts(a: string, b: string): { left: Segment[]; right: Segment[] } {
  if (a === b) return { left: seg(a, 'same'), right: seg(b, 'same') };
  const left: Segment[] = [];
  const right: Segment[] = [];
  const lines = diffLines(a, b, { timeout: DIFF_TIMEOUT_MS }) as Change[] | undefined;
  if (!lines) return { left: seg(a, 'removed'), right: seg(b, 'added') };
  for (let k = 0; k < lines.length; k++) {
    const c = lines[k];
    if (!c.added && !c.removed) {
      push(left, c.value, 'same');
      push(right, c.value, 'same');
      continue;
    }
    // A removed block followed by an added one is a replacement: refine it word by word.
    const next = lines[k + 1];
    if (c.removed && next?.added) {
      const words = refine(c.value, next.value);
      for (const s of words.left) push(left, s.text, s.kind);
      for (const s of words.right) push(right, s.text, s.kind);
      k++;
      continue;
    }
    if (c.removed) push(left, c.value, 'removed');
    else push(right, c.value, 'added');
  }
  return { left, right };
}

function refine(a: string, b: string): { left: Segment[]; right: Segment[] } {
  if (a.length + b.length > WORD_DIFF_LIMIT) return { left: seg(a, 'removed'), right: seg(b, 'added') };
  const words = diffWordsWithSpace(a, b, {
    timeout: DIFF_TIMEOUT_MS,
    ...(segmenter ? { intlSegmenter: segmenter } : {}),
  }) as Change[] | undefined;
  if (!words) return { left: seg(a, 'removed'), right: seg(b, 'added') };
  const left: Segment[] = [];
  const right: Segment[] = [];
  for (const w of absorbTinyEqualities(words)) {
    if (w.added) push(right, w.value, 'added');
    else if (w.removed) push(left, w.value, 'removed');
    else {
      push(left, w.value, 'same');
      push(right, w.value, 'same');
    }
  }
  return { left, right };
}

/** An unchanged run this short between two changes reads as noise ("你" kept inside a rewritten phrase). */
const TINY_EQUALITY = 2;

/**
 * A minimal diff happily keeps a lone character or two that a person would see as part of the change;
 * such a run is folded into the changes around it, and each run of changes becomes one removal and one
 * insertion (the idea of diff-match-patch's semantic cleanup, reduced to what these texts need).
 */
export function absorbTinyEqualities(changes: readonly Change[]): Change[] {
  const out: Change[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ value: removed, removed: true, added: false, count: 1 });
    if (added) out.push({ value: added, added: true, removed: false, count: 1 });
    removed = '';
    added = '';
  };
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i];
    const between = i > 0 && i < changes.length - 1 && (removed || added);
    const nextChanged = changes[i + 1] && (changes[i + 1].added || changes[i + 1].removed);
    if (c.added) added += c.value;
    else if (c.removed) removed += c.value;
    else if (between && nextChanged && c.value.length <= TINY_EQUALITY) {
      removed += c.value;
      added += c.value;
    } else {
      flush();
      out.push(c);
    }
  }
  flush();
  return out;
}

function seg(text: string, kind: SegmentKind): Segment[] {
  return text ? [{ text, kind }] : [];
}

/** Appends, merging with the previous segment of the same kind so the DOM gets few nodes. */
function push(out: Segment[], text: string, kind: SegmentKind): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

/** Each side's text put back together: what the segments must always add up to. */
export function joinSegments(segments: readonly Segment[]): string {
  return segments.map((s) => s.text).join('');
}
