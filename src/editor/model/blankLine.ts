import { decodeLine, readRecordText } from '../../core/pipeline/readRecord';

/** Lines of this many bytes or more are never blank (core only calls lines under 64 characters blank). */
export const BLANK_CANDIDATE_BYTES = 256;

/**
 * Whether a line is blank by core's rule (Python's `str.strip()` emptiness), decided without parsing a
 * long line: core only calls lines under 64 characters blank, so longer byte runs are never blank.
 */
export function isBlankLine(bytes: Buffer): boolean {
  if (bytes.length === 0) return true;
  if (bytes.length >= BLANK_CANDIDATE_BYTES) return false;
  const decoded = decodeLine(bytes);
  return decoded.ok && decoded.text.length < 64 && readRecordText(decoded.text, 1, false).kind === 'blank';
}
