import { runCheck } from './check';
import { runConvert } from './convert';
import { EXIT_IO, EXIT_OK, EXIT_USAGE, IoError, UsageError } from './errors';
import { runExport } from './export';
import { runStats } from './stats';

export const HELP = `afcurate — convert, check and export ms_agent / AgentFabric tool-calling datasets

Usage:
  afcurate convert <in.jsonl> --to agentfabric|seed [-o out.jsonl] [--report report.json]
                   [--role-config role.json] [--user-prefix last|none|all] [--lang en|zh] [--quiet]
  afcurate check <in.jsonl> [--json] [--lang en|zh] [--max-problems N]
  afcurate export <in.jsonl>[:weight] [<in2.jsonl>[:weight] …] --out-dir DIR
                  [--select approved|not-rejected|all] [--profile agentfabric|seed|asis]
                  [--user-prefix last|none|all] [--shape conversations|messages|query-response]
                  [--val-ratio R] [--seed N] [--max-length N] [--tokenizer qwen.tiktoken]
                  [--over-length report|drop] [--force-errors] [--role-config role.json] [--quiet]
  afcurate stats <in.jsonl> [--json] [--tokenizer qwen.tiktoken] [--max-length N] [--top N]
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

stats
  Prints the figures of the curator's overview: tokens per record against max_length, tools, tool calls
  (one per "Action:" in an assistant turn) and turns per record, problems by code and severity, what the
  seed script would lose (S1–S11), the most called tools and the review progress. Per-record figures
  count the lines that parsed as records; problem counts are diagnostics, as check reports them.
  --json             prints {"records","toolsPerRecord","callsPerRecord","turnsPerRecord","problemsByCode",
                     "tokens":{"min","median","max","overMaxLength","exact",…},"topTools":[[name,calls]],…}
  --tokenizer FILE   a qwen.tiktoken file for exact token counts (default: an estimate, marked as such)
  --max-length N     the training max_length to count records against (default 2048)
  --top N            how many tools to list (default 20)

export
  Writes DIR/train.jsonl, DIR/val.jsonl (when R > 0) and DIR/export-report.json for ms-swift's
  --custom_train_dataset_path: each line is the record's "id" and its conversation in the chosen shape,
  nothing else (no review state). Steps: select by review status, convert, enforce ms-swift's role rules,
  leave out records whose checks report errors, remove duplicates (whitespace-normalised), count tokens,
  sample each input by its weight, shuffle with the seed, split. Details: docs/export.md.
  :weight            :2.0 = 2.0× as many records as the inputs without a ratio; :#3000 = 3000 records;
                     none = all
  --select MODE      approved, not-rejected (default: all but rejected), all
  --profile P        agentfabric (default), seed, asis (conversation unchanged)
  --shape S          conversations (default, from/value), messages (role/content), query-response
  --val-ratio R      share of the selected records for val.jsonl (default 0: no val.jsonl)
  --seed N           shuffle and sampling seed (default 42); same inputs and seed, same bytes
  --max-length N     token limit per record (default 2048), counted in Qwen's chat layout
  --tokenizer FILE   the model's qwen.tiktoken for exact counts; otherwise an estimate (cl100k_base)
  --over-length M    report (default: keep and list them) or drop
  --force-errors     keep records whose checks report errors (role-rule violations are always left out)
  Report: {"sources","options","tokenizer","selected","dropped":{reason:n},"duplicates","overLength",
  "forcedErrors","train","val","sha256":{file:hex},"tokens","droppedRecords","overLengthRecords"}.

Common
  --lang en|zh       message language (default: from LANG)
  --quiet            no summary on stderr

Environment
  AFC_WORKERS=N      worker threads for convert, check and export of files over 4 MB (default: one
                     per CPU core, at most 4); AFC_WORKERS=0 does all the work in the main thread. The
                     output is the same either way.

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
      case 'export':
        return await runExport(rest);
      case 'stats':
        return await runStats(rest);
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
