import type { LineIndex } from '../../core/jsonl/lineIndex';
import { binaryOffset } from '../../core/jsonl/utf8';
import { decodeLine } from '../../core/pipeline/readRecord';
import { isBlankLine } from './blankLine';

/**
 * What a file is, before anything is shown: JSONL text (possibly with damaged lines), or a file that is
 * not text at all. A file that is not text gets one clear message instead of thousands of garbage rows.
 */
export type FileKind =
  | { kind: 'text' }
  | { kind: 'binary'; byteOffset: number }
  | { kind: 'utf16' }
  | { kind: 'not-utf8'; badLines: number; sampled: number };

/** Non-blank lines looked at to decide whether a file is in another encoding (e.g. GBK). */
const SAMPLE_LINES = 50;

/** Binary by core's rule (`binaryOffset`, shared with the CLI); UTF-16 and undecodable files get their own message. */
export function classifyFile(buf: Buffer, index: LineIndex): FileKind {
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))
    return { kind: 'utf16' };
  const nul = binaryOffset(buf);
  if (nul !== -1) return { kind: 'binary', byteOffset: nul };
  let sampled = 0;
  let bad = 0;
  for (let i = 0; i < index.count && sampled < SAMPLE_LINES; i++) {
    const bytes = buf.subarray(index.start(i), index.end(i));
    if (isBlankLine(bytes)) continue;
    sampled++;
    if (!decodeLine(bytes).ok) bad++;
  }
  // Every sampled line broken means an encoding problem, not a few damaged lines.
  if (sampled > 0 && bad === sampled) return { kind: 'not-utf8', badLines: bad, sampled };
  return { kind: 'text' };
}
