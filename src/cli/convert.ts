import type { Diagnostic } from '../core/diagnostics/types';
import { AtomicFile } from '../core/io/atomicWrite';
import { convertFile } from '../core/pipeline/convertFile';
import { ScanCancelled } from '../core/pipeline/scanFile';
import type { ConvertOptions } from '../core/types';
import { langOf, oneOf, parse, singleInput } from './args';
import { IoError } from './errors';
import { assertReadableFile, readRoleConfig } from './files';
import { messageOf, stdoutSink, tallyLine } from './output';
import { workersFromEnv } from './workers';

export async function runConvert(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    to: { type: 'string' },
    output: { type: 'string', short: 'o' },
    report: { type: 'string' },
    'role-config': { type: 'string' },
    'user-prefix': { type: 'string' },
    lang: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  const input = singleInput(positionals, 'convert');
  const options: ConvertOptions = {
    profile: oneOf('to', values.to, ['agentfabric', 'seed'] as const),
    userPrefix: oneOf('user-prefix', values['user-prefix'], ['last', 'none', 'all'] as const, 'last'),
  };
  const lang = langOf(values.lang);
  const workers = workersFromEnv();
  if (values['role-config']) options.role = await readRoleConfig(values['role-config']);
  await assertReadableFile(input);

  const out = values.output ? openAtomic(values.output) : undefined;
  const report = values.report ? openAtomic(values.report) : undefined;
  const started = Date.now();
  try {
    // Report rows are gathered into chunks: one stream write per row costs more than the conversion.
    let rows = `{"input": ${JSON.stringify(input)}, "profile": ${JSON.stringify(options.profile)}, "problems": [`;
    let first = true;
    const flushRows = async (force: boolean) => {
      if (report && (rows.length > 1 << 16 || (force && rows))) {
        await report.write(rows);
        rows = '';
      }
    };
    const summary = await convertFile({
      ...options,
      input,
      workers,
      bare: true,
      output: out ?? stdoutSink,
      onProblem: report
        ? async (d: Diagnostic, id: string | undefined) => {
            const row = {
              line: d.line,
              id: id ?? null,
              code: d.code,
              severity: d.severity,
              message: messageOf(d, lang),
            };
            rows += `${first ? '\n' : ',\n'}${JSON.stringify(row)}`;
            first = false;
            await flushRows(false);
          }
        : undefined,
    });
    rows += `\n], "lines": ${summary.lines}, "records": ${summary.records}, "converted": ${summary.converted}}\n`;
    await flushRows(true);
    await out?.commit();
    await report?.commit();
    if (!values.quiet) {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `afcurate convert --to ${options.profile}: ${summary.lines} lines, ${summary.records} records, ` +
          `${summary.converted} converted${values.output ? ` -> ${values.output}` : ''} in ${secs}s; ${tallyLine(summary.tally)}\n`,
      );
    }
    return 0;
  } catch (e) {
    await out?.abort();
    await report?.abort();
    if (e instanceof ScanCancelled) return 1;
    if (isIoError(e)) throw new IoError(`${(e as Error).message}`);
    throw e;
  }
}

function openAtomic(path: string): AtomicFile {
  try {
    return new AtomicFile(path);
  } catch (e) {
    throw new IoError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

function isIoError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';
}
