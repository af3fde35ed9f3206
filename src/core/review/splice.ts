import { isAscii } from 'node:buffer';
import { type Node, parseTree } from 'jsonc-parser';
import { detectJsonStyle, stringifyInStyle } from './jsonStyle';
import { REVIEW_KEY, type ReviewState, withReview } from './state';

/**
 * Writes a record's review state into its line's text and changes nothing else: every other byte of the
 * line is kept, so a git diff of an approved record shows the line gaining only its `_review` key. The
 * key is added as the object's last member in the line's own JSON style, replaced in place when it is
 * there, and removed (with its comma) when the state is back to unreviewed without tags or note.
 *
 * `line` is one JSONL line's text without its line end, holding a JSON object.
 */
export function spliceReview(line: string, state: ReviewState): string {
  const value = reviewJsonValue(state);
  // A line without the key spelled plainly cannot hold it as a member: append without parsing (the fast
  // path a bulk approval of 30,000 records takes). `"_review"` inside a turn text is `\"_review\"`.
  if (!line.includes(`"${REVIEW_KEY}"`)) return value === undefined ? line : appendMember(line, value);
  const root = parseTree(line);
  const members = root?.type === 'object' ? (root.children ?? []) : [];
  let at = -1;
  for (let m = 0; m < members.length; m++) if (members[m].children?.[0]?.value === REVIEW_KEY) at = m;
  if (at === -1) return value === undefined ? line : appendMember(line, value);
  const member = members[at];
  if (value === undefined) return removeMember(line, members, at);
  const valueNode = member.children?.[1];
  if (!valueNode) return line;
  const text = stringifyInStyle(value, detectJsonStyle(line));
  return line.slice(0, valueNode.offset) + text + line.slice(valueNode.offset + valueNode.length);
}

const KEY_BYTES = Buffer.from(`"${REVIEW_KEY}"`);
const BACKSLASH_U = Buffer.from('\\u');
/** The style is read from a line's start; its first member is within this many bytes. */
const STYLE_HEAD_BYTES = 512;

function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * {@link spliceReview} on a line's bytes, for the common case of a line without a `_review` key: the
 * member is inserted between byte ranges of the original, nothing is decoded. Returns undefined when the
 * line needs the text path (it has the key already, or does not end like an object).
 */
export function spliceReviewBytes(line: Buffer, state: ReviewState): Buffer | undefined {
  if (line.includes(KEY_BYTES)) return undefined;
  const value = reviewJsonValue(state);
  if (value === undefined) return line;
  let close = line.length - 1;
  while (close >= 0 && isJsonSpace(line[close])) close--;
  if (close < 0 || line[close] !== 0x7d /* } */) return undefined;
  let prev = close - 1;
  while (prev >= 0 && isJsonSpace(line[prev])) prev--;
  if (prev < 0) return undefined;
  // Keys are ASCII in every dataset; latin1 keeps the bytes of any other one distinct from `"` and `\`.
  const head = line.subarray(0, STYLE_HEAD_BYTES).toString('latin1');
  const style = detectJsonStyle(head, isAscii(line) && line.includes(BACKSLASH_U));
  const member = `"${REVIEW_KEY}"${style.colon}${stringifyInStyle(value, style)}`;
  const insert = Buffer.from(line[prev] === 0x7b /* { */ ? member : style.comma + member, 'utf8');
  return Buffer.concat([line.subarray(0, prev + 1), insert, line.subarray(prev + 1)]);
}

/** The `_review` value for a state, or undefined when the state is written as no key at all. */
export function reviewJsonValue(state: ReviewState): Record<string, unknown> | undefined {
  const review = withReview({}, state)[REVIEW_KEY];
  return review === undefined ? undefined : (review as Record<string, unknown>);
}

function lastNonSpace(text: string, from: number): number {
  let i = from;
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

/** Adds `"_review": value` as the last member, right after the previous member (spacing before `}` kept). */
function appendMember(line: string, value: Record<string, unknown>): string {
  const close = lastNonSpace(line, line.length - 1);
  if (close < 0 || line[close] !== '}')
    throw new Error('spliceReview: the line does not end with a JSON object');
  const s = detectJsonStyle(line);
  const prev = lastNonSpace(line, close - 1);
  const empty = prev >= 0 && line[prev] === '{';
  const member = `"${REVIEW_KEY}"${s.colon}${stringifyInStyle(value, s)}`;
  const insertAt = prev + 1;
  return line.slice(0, insertAt) + (empty ? member : s.comma + member) + line.slice(insertAt);
}

/** Removes member `at` and the comma that separated it from its neighbour. */
function removeMember(line: string, members: Node[], at: number): string {
  const member = members[at];
  let start: number;
  let end: number;
  if (at > 0) {
    const prev = members[at - 1];
    start = prev.offset + prev.length;
    end = member.offset + member.length;
  } else if (members.length > 1) {
    start = member.offset;
    end = members[1].offset;
  } else {
    start = member.offset;
    end = member.offset + member.length;
  }
  return line.slice(0, start) + line.slice(end);
}
