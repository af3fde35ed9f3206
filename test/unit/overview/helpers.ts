import { buildLineIndex } from '../../../src/core/jsonl/lineIndex';
import { type LineFeatures, lineFeatures } from '../../../src/core/stats/features';
import { runCheckPass } from '../../../src/editor/model/checkPass';
import type { DocumentStats } from '../../../src/editor/overviewStats';
import { charCounter } from '../stats/helpers';

/** Runs the worker's pass in-process, feeding a DocumentStats the way the worker's messages do. */
export function passInto(stats: DocumentStats, bytes: Buffer, batchLines = 7) {
  const index = buildLineIndex(bytes);
  const pass = stats.beginPass(index.count);
  pass.onTokenizer({ exact: charCounter.exact, label: charCounter.label });
  let features: LineFeatures[] = [];
  const result = runCheckPass(bytes, index, {
    batchLines,
    onLine: (analyzed) => features.push(lineFeatures(analyzed, charCounter)),
    onBatch: () => {
      pass.onFeatures(features);
      features = [];
    },
    onFileDiagnostics: (d) => pass.onFileDiagnostics(d),
  });
  pass.done();
  return { index, result };
}
