import { runCheck } from './check';
import { runConvert } from './convert';
import { EXIT_IO, EXIT_OK, EXIT_USAGE, IoError, UsageError } from './errors';

export const HELP = `afcurate — convert, check and export ms_agent / AgentFabric tool-calling datasets

Usage:
  afcurate convert <in.jsonl> --to agentfabric|seed [-o out.jsonl] [--report report.json]
                   [--role-config role.json] [--user-prefix last|none|all] [--lang en|zh] [--quiet]
  afcurate check <in.jsonl> [--json] [--lang en|zh] [--max-problems N]
  afcurate --help | --version

convert
  Converts every ms_agent record of <in.jsonl> and writes one JSON line per converted record, in input
  order: the input object with its conversation converted and every other key (such as "id") kept.
  --to agentfabric   the exact AgentFabric runtime prompt format (system prompt, per-tool text, role
                     prompt, user prefix, Observation: <result>…</result>\\nAnswer: traces, JSON arguments)
  --to seed          what the fine-tuning guide's regex script produces, character for character
                     (with its artefacts S1–S11 reported); records on which that script raises are errors
  -o, --output FILE  where to write (atomically: a temporary file renamed when complete); default stdout
  --report FILE      writes {"input","profile","lines","records","converted","problems":[{"line","id",
                     "code","severity","message"}]} (1-based physical line numbers)
  --role-config FILE AgentFabric role config JSON: {"name", "description", "instruction"}
  --user-prefix MODE which user turns get "(。你可以使用工具：[…])": last (default), none, all
  Records that are not ms_agent are copied unchanged (info R04); seed-converted AgentFabric records are
  repaired into the runtime format with --to agentfabric. A record that cannot be converted is left out
  and reported as an error.

check
  Reads <in.jsonl> and reports every problem: lines that are not records, ms_agent parse errors, what
  the seed script would break (S1–S11), AgentFabric format checks (spec §4), ms-swift role rules (§5).
  Prints file:line:col: severity CODE: message lines, then a summary on stderr.
  --json             prints {"input","lines","records","summary","problems":[…]} instead
  --max-problems N   prints at most N problems (all are still counted)

Common
  --lang en|zh       message language (default: from LANG)
  --quiet            no summary on stderr

Exit status: 0 when the command ran (whether or not problems were found), 2 on bad usage,
1 when a file could not be read or written. Diagnostic codes: docs/diagnostics.md.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP);
        return command === undefined ? EXIT_USAGE : EXIT_OK;
      case '-v':
      case '--version':
        process.stdout.write(`${VERSION}\n`);
        return EXIT_OK;
      case 'convert':
        return await runConvert(rest);
      case 'check':
        return await runCheck(rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`afcurate: ${e.message}\nRun "afcurate --help" for usage.\n`);
      return EXIT_USAGE;
    }
    if (e instanceof IoError) {
      process.stderr.write(`afcurate: ${e.message}\n`);
      return EXIT_IO;
    }
    throw e;
  }
}

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
