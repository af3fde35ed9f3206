import type { Diagnostic } from '../core/diagnostics/types';
import { analyzeFileParallel } from '../core/parallel/analyzeFile';
import { langOf, parse, singleInput } from './args';
import { UsageError } from './errors';
import { assertReadableFile } from './files';
import { formatDiagnostic, messageOf, stdoutSink, tallyLine } from './output';
import { workersFromEnv } from './workers';

export async function runCheck(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    json: { type: 'boolean' },
    lang: { type: 'string' },
    quiet: { type: 'boolean' },
    'max-problems': { type: 'string' },
  });
  const input = singleInput(positionals, 'check');
  const lang = langOf(values.lang);
  const max =
    values['max-problems'] === undefined ? Number.POSITIVE_INFINITY : Number(values['max-problems']);
  if (!(max >= 0))
    throw new UsageError(`--max-problems must be a number >= 0, not "${values['max-problems']}"`);
  const workers = workersFromEnv();
  await assertReadableFile(input);

  let printed = 0;
  let text = '';
  const flush = async (force: boolean) => {
    if (text.length > 1 << 16 || (force && text)) {
      await stdoutSink.write(text);
      text = '';
    }
  };
  const print = async (d: Diagnostic, id: string | undefined) => {
    if (printed >= max) return;
    if (values.json) {
      const row = {
        line: d.line,
        column: d.column ?? null,
        id: id ?? null,
        code: d.code,
        severity: d.severity,
        message: messageOf(d, lang),
      };
      text += `${printed === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`;
    } else {
      text += `${formatDiagnostic(input, d, lang)}\n`;
    }
    printed++;
    await flush(false);
  };
  if (values.json) text += `{"input": ${JSON.stringify(input)}, "problems": [`;
  // Every diagnostic is counted; only the ones that can still be printed are rendered.
  const scan = await analyzeFileParallel(
    input,
    { check: true, bare: true, workers, wantDiagnostics: () => printed < max },
    async (batch) => {
      for (const p of batch.problems) for (const d of p.diagnostics) await print(d, p.id);
    },
  );
  for (const d of scan.fileDiagnostics) await print(d, undefined);
  const tally = scan.tally;
  if (values.json) {
    const summary = {
      errors: tally.bySeverity.error,
      warnings: tally.bySeverity.warning,
      info: tally.bySeverity.info,
      byCode: tally.byCode,
    };
    text += `\n], "lines": ${scan.lines}, "records": ${scan.records}, "summary": ${JSON.stringify(summary)}}\n`;
  }
  await flush(true);
  if (!values.quiet) {
    process.stderr.write(
      `afcurate check: ${input}: ${scan.lines} lines, ${scan.records} records; ${tallyLine(tally)}\n`,
    );
  }
  return 0;
}
