// The floor every figure is measured against: stream the file's lines and only JSON.parse and
// JSON.stringify each one (what any converter must at least do), writing the result to /dev/null.
import { createWriteStream } from 'node:fs';
import { readLines } from '../src/core/jsonl/readLines';

async function main(path: string): Promise<void> {
  const out = createWriteStream('/dev/null');
  let batch = '';
  for await (const ev of readLines(path)) {
    if (ev.type !== 'line') continue;
    try {
      batch += `${JSON.stringify(JSON.parse(ev.bytes.toString('utf8')))}\n`;
    } catch {
      // Bad lines are part of the input; the floor just skips them.
    }
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = '';
    }
  }
  out.end(batch);
}

main(process.argv[2]);
