// The curator's review figures for one file, run in its own process by bench/run.ts: bulk-approving every
// record through the document model (one edit), undoing it, and building the saved bytes of a file in
// which every line gained its `_review` key. The check pass runs first (in-process, as the worker would),
// because a bulk action comes after the file has been checked.
import { runCheckPass } from '../src/editor/model/checkPass';
import { CuratorModel } from '../src/editor/model/curatorModel';
import { CuratorSession } from '../src/editor/model/session';
import { readFileShared } from '../src/editor/sharedFile';

async function main(path: string): Promise<void> {
  const session = new CuratorSession(CuratorModel.ofRead(path, await readFileShared(path)));
  const model = session.model;
  runCheckPass(model.bytes, model.index, {
    onBatch: (batch) => {
      model.summaries.apply(batch);
      session.onBatch(batch);
    },
  });
  const lines = model.rows;
  const t0 = performance.now();
  const out = session.setReviews(lines, (s) => ({ ...s, status: 'approved' }), 'Approve all');
  const bulk = performance.now() - t0;
  if (!out.ok) throw new Error(out.reason);
  const t1 = performance.now();
  session.undo();
  const undo = performance.now() - t1;
  session.redo();
  const t2 = performance.now();
  const saved = session.savedBytes();
  const save = performance.now() - t2;
  const approved = session.reviews.counts().byStatus.approved;
  process.stdout.write(
    `${JSON.stringify({ bulk, undo, save, approved, savedMB: saved.length / 1e6, rows: lines.length })}\n`,
  );
}

main(process.argv[2]).catch((e) => {
  console.error(e);
  process.exit(1);
});
