// The files every journey opens, shared by the browser suite (code-server) and the desktop one
// (@vscode/test-electron): the ms_agent sample and a damaged copy of it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function journeyFiles(repoRoot: string): { sample: Buffer; broken: Buffer; sampleRecords: number } {
  const sample = readFileSync(join(repoRoot, 'samples', 'ms_agent_sample.jsonl'));
  const lines = sample.toString('utf8').split('\n');
  // One good record, then a line of binary bytes, then a last line cut off mid-write (no newline).
  const broken = Buffer.concat([
    Buffer.from(`${lines[0]}\n`),
    Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x80, 0x0a]),
    Buffer.from('{"id": "cut", "conversations": [{"from": "user", "value": "half wri'),
  ]);
  return { sample, broken, sampleRecords: lines.filter((line) => line.trim() !== '').length };
}

/** Line numbers (1-based) of the damaged lines in `broken`. */
export const BROKEN_LINES = [2, 3];
