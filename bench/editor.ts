// The curator's host-side figures for one file, run in its own process by bench/run.ts:
// time until the first page of rows can be sent to the webview, time of the full check pass (in the
// check worker, as the editor runs it), and the host's memory with the document open.
import { join } from 'node:path';
import { CheckRun } from '../src/editor/checkRunner';
import { CuratorModel } from '../src/editor/model/curatorModel';
import { readFileShared } from '../src/editor/sharedFile';

async function main(path: string, workerPath: string): Promise<void> {
  const t0 = performance.now();
  const bytes = await readFileShared(path);
  const model = new CuratorModel(path, bytes);
  const page = model.rowsPage(0, 200, 'en');
  const firstPage = performance.now() - t0;
  if (page.length === 0) throw new Error('no rows in the first page');
  const t1 = performance.now();
  const run = new CheckRun(workerPath, bytes, { onBatch: (batch) => model.summaries.apply(batch) });
  await run.result;
  const pass = performance.now() - t1;
  const rssMB = process.memoryUsage().rss / 1e6;
  process.stdout.write(`${JSON.stringify({ firstPage, pass, rssMB, rows: model.rowCount })}\n`);
}

main(process.argv[2], process.argv[3] ?? join(__dirname, '..', '..', 'dist', 'checkWorker.js')).catch((e) => {
  console.error(e);
  process.exit(1);
});
