import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { type LineFeatures, lineFeatures } from '../../../src/core/stats/features';
import { runCheckPass } from '../../../src/editor/model/checkPass';
import type { DocumentStats } from '../../../src/editor/overviewStats';
import { countRangeTokens } from '../../../src/worker/tokenSweep';
import { charCounter } from '../stats/helpers';

/**
 * Runs the worker's pass in-process, feeding a DocumentStats the way the worker's messages do: the
 * checks with features but no tokens, `done`, then the token sweep.
 */
export async function passInto(stats: DocumentStats, bytes: Buffer, batchLines = 7) {
  const index = buildLineIndex(bytes);
  const pass = stats.beginPass(index.count);
  let features: LineFeatures[] = [];
  const result = runCheckPass(bytes, index, {
    batchLines,
    onLine: (analyzed) => features.push(lineFeatures(analyzed, undefined)),
    onBatch: () => {
      pass.onFeatures(features);
      features = [];
    },
    onFileDiagnostics: (d) => pass.onFileDiagnostics(d),
  });
  pass.done();
  pass.onTokenizer({ exact: charCounter.exact, label: charCounter.label });
  await countRangeTokens(bytes, index, 0, index.count, charCounter, pass.onTokens, batchLines);
  pass.onTokensDone();
  return { index, result };
}
