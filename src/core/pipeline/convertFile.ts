import { toDiagnostic } from '../diagnostics/registry';
import type { Diagnostic } from '../diagnostics/types';
import { diagnoseSeed } from '../seed/artefacts';
import type { ConvertOptions } from '../types';
import { convertRecord } from './convertRecord';
import { ProblemTally, type ScanOptions, scanFile } from './scanFile';
import { serializeRecord } from './writeRecord';

/** Where converted lines go: a file written atomically, stdout, or memory in tests. */
export interface TextSink {
  write(chunk: string): Promise<void>;
}

export interface ConvertFileOptions extends ConvertOptions, Omit<ScanOptions, 'check'> {
  input: string;
  output: TextSink;
  /** Receives every problem as it is found, so nothing accumulates in memory. */
  onProblem?: (d: Diagnostic, id: string | undefined) => Promise<void> | void;
}

export interface ConvertSummary {
  input: string;
  profile: string;
  lines: number;
  records: number;
  converted: number;
  binary: boolean;
  tally: ProblemTally;
}

/**
 * Converts a JSONL file record by record, streaming: one output line per converted record, in input
 * order. Records that cannot be converted are left out and reported as errors; every other line that is
 * not a record is reported too. The same function serves `afcurate convert` and the editor's command.
 */
export async function convertFile(opts: ConvertFileOptions): Promise<ConvertSummary> {
  const tally = new ProblemTally();
  let converted = 0;
  let batch = '';
  const report = async (d: Diagnostic, id: string | undefined) => {
    tally.add(d);
    await opts.onProblem?.(d, id);
  };
  // Reading problems only: the seed's artefacts explain a seed conversion, and the record checks of the
  // input would be noise next to the conversion's own findings.
  const scan = await scanFile(
    opts.input,
    { check: false, signal: opts.signal, onProgress: opts.onProgress },
    async (res) => {
      for (const d of res.diagnostics) await report(d, res.record?.id);
      const record = res.record;
      if (!record) return;
      if (opts.profile === 'seed' && record.format === 'ms_agent') {
        for (const f of diagnoseSeed(record.turns)) await report(toDiagnostic(f, record.line), record.id);
      }
      const out = convertRecord(record, opts);
      for (const f of out.findings) await report(toDiagnostic(f, record.line), record.id);
      if (!out.ok) return;
      converted++;
      batch += serializeRecord(record, out.turns, res.text ?? '') + '\n';
      if (batch.length > 1 << 20) {
        await opts.output.write(batch);
        batch = '';
      }
    },
    (d) => report(d, undefined),
  );
  if (batch) await opts.output.write(batch);
  return { input: opts.input, profile: opts.profile, ...scan, converted, tally };
}
