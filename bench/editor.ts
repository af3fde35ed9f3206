// The curator's host-side figures for one file, run in its own process by bench/run.ts:
// time until the first page of rows can be sent to the webview, time of the full check pass (in the
// check workers, as the editor runs it) and the CPU time all threads spent in it, time until the
// overview's token counts are in too, and the host's memory: its peak while the pass runs (worker
// threads included) and with the document open once the pass is over. The host keeps the overview's statistics as the editor does (DocumentStats,
// fed by the same handlers), with a summary computed on every change as an open overview would ask.
import { join } from 'node:path';
import { CheckRun } from '../src/editor/checkRunner';
import { CuratorModel } from '../src/editor/model/curatorModel';
import { DocumentStats } from '../src/editor/overviewStats';
import { readFileShared } from '../src/editor/sharedFile';

async function main(path: string, workerPath: string): Promise<void> {
  const t0 = performance.now();
  const read = await readFileShared(path);
  const model = CuratorModel.ofRead(path, read);
  const bytes = model.bytes;
  const page = model.rowsPage(0, 200, 'en');
  const firstPage = performance.now() - t0;
  if (page.length === 0) throw new Error('no rows in the first page');
  let peakRss = process.memoryUsage.rss();
  // rss() alone: memoryUsage() also walks the heap's spaces, a cost the pass measured here would share.
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const stats = new DocumentStats();
  stats.onDidChange(() => stats.summary());
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  let passCpuMs = 0;
  const statsPass = stats.beginPass(model.lineCount);
  let tokensDone = 0;
  const counted = new Promise<void>((resolve) => {
    const run = new CheckRun(
      workerPath,
      bytes,
      {
        ...statsPass,
        onBatch: (batch) => model.summaries.apply(batch),
        onTokensDone: (error) => {
          statsPass.onTokensDone(error);
          tokensDone = performance.now() - t1;
          resolve();
        },
      },
      { index: model.index },
    );
    run.result.then(() => {
      statsPass.done();
      pass = performance.now() - t1;
      const cpu = process.cpuUsage(cpu1);
      passCpuMs = (cpu.user + cpu.system) / 1000;
    });
  });
  let pass = 0;
  await counted;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  // The document as it stays open: the worker threads have exited and their heaps are gone.
  await new Promise((r) => setTimeout(r, 500));
  const rssMB = process.memoryUsage.rss() / 1e6;
  process.stdout.write(
    `${JSON.stringify({ firstPage, pass, passCpuMs, tokensDone, rssMB, peakRssMB: peakRss / 1e6, rows: model.rowCount })}\n`,
  );
}

main(process.argv[2], process.argv[3] ?? join(__dirname, '..', '..', 'dist', 'checkWorker.js')).catch((e) => {
  console.error(e);
  process.exit(1);
});
