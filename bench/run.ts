// `npm run bench`: speed and memory as ratios against a floor measured in the same run.
// Usage: npm run bench [-- --records 30000] [-- --rounds 3] [-- --big]
//   (--big adds the 300,000-record memory run; figures are medians over the rounds)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { copyRanks, separateRanksOptions } from '../scripts/separateRanks.mjs';

const ROOT = resolve(__dirname, '..');
const DATA = join(ROOT, 'bench/.data');
const SEED_SCRIPT = resolve(ROOT, '../shared/reference/seed_convert.py');
const args = process.argv.slice(2);
const records = Number(args[args.indexOf('--records') + 1]) || 30000;
const big = args.includes('--big');
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 3;

/** What bench/editor.ts prints. */
interface EditorRun {
  firstPage: number;
  pass: number;
  /** CPU time of the whole process (every thread) during the pass. */
  passCpuMs: number;
  tokensDone: number;
  rssMB: number;
  peakRssMB: number;
}

interface Run {
  ms: number;
  maxRssMB: number;
}

/** Runs a command once, timing it and reading the peak RSS the preload reports. */
function measure(cmd: string, cmdArgs: string[]): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed: ${r.stderr}`);
  const m = /@@maxrss (\d+)/.exec(r.stderr);
  return { ms, maxRssMB: m ? Number(m[1]) / 1024 : Number.NaN };
}

function corpus(n: number): string {
  const file = join(DATA, `corpus-${n}.jsonl`);
  if (!existsSync(file)) {
    console.log(`generating ${n} records…`);
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(ROOT, 'test/fixtures/generate.ts'),
        '--records',
        String(n),
        '--seed',
        '7',
        '-o',
        file,
      ],
      { stdio: 'inherit' },
    );
    if (r.status !== 0) throw new Error('corpus generation failed');
  }
  return file;
}

/** Bundles `bench/<name>.ts` for node into bench/.data (jsonc-parser needs its ESM entry, as in the build). */
async function bundle(name: string): Promise<string> {
  const outfile = join(DATA, `${name}.js`);
  await esbuild.build({
    entryPoints: [join(ROOT, `bench/${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
    mainFields: ['module', 'main'],
    // As the extension's bundles: the token estimate's ranks load from beside the bundle when needed.
    ...separateRanksOptions,
  });
  return outfile;
}

function fmt(run: Run, floor: Run, mb: number): string {
  return `${(run.ms / 1000).toFixed(2)} s  (${(run.ms / floor.ms).toFixed(2)}× floor, ${(mb / (run.ms / 1000)).toFixed(0)} MB/s, peak RSS ${run.maxRssMB.toFixed(0)} MB)`;
}

/** Median of a non-empty list. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `median (min–max)` of a list of figures, with `digits` decimals. */
function spread(xs: number[], digits = 2): string {
  const lo = Math.min(...xs).toFixed(digits);
  const hi = Math.max(...xs).toFixed(digits);
  return xs.length > 1 ? `${median(xs).toFixed(digits)} (${lo}–${hi})` : median(xs).toFixed(digits);
}

/**
 * One round: the floor, then every measured command right after it, each as a ratio to this round's
 * floor. Machines like this one (shared, two cores) drift by ±20% within a minute, so a ratio is only
 * meaningful against a floor measured next to it, and the figures printed are medians over rounds.
 */
interface Round {
  /** The floor measured right before the editor's run. */
  floor: Run;
  /** Every floor of the round: one right before each command, which is measured against it. */
  floors: Run[];
  ratios: Record<string, number>;
  runs: Record<string, Run>;
  editor: EditorRun;
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  // Beside the bundles below, which load it when they count tokens.
  copyRanks(DATA);
  const floorJs = await bundle('floor');
  const editorJs = await bundle('editor');
  const reviewJs = await bundle('review');
  const cli = join(ROOT, 'dist/cli.js');
  const rss = join(ROOT, 'bench/rss.cjs');
  const file = corpus(records);
  const mb = statSync(file).size / 1e6;
  const out = join(DATA, 'out.jsonl');
  // The agentfabric conversion is kept: exporting it is the curator's workflow (convert, review, export).
  const converted = join(DATA, 'converted.jsonl');
  const python = existsSync(SEED_SCRIPT) && spawnSync('python3', ['--version']).status === 0;
  console.log(
    `\ncorpus: ${records} records, ${mb.toFixed(1)} MB (${file}); ${rounds} round(s), medians (min–max)\n`,
  );

  const commands: Record<string, [string, string[]]> = {
    'convert --to agentfabric': [
      process.execPath,
      ['-r', rss, cli, 'convert', file, '--to', 'agentfabric', '-o', converted, '--quiet'],
    ],
    'convert --to seed': [
      process.execPath,
      ['-r', rss, cli, 'convert', file, '--to', 'seed', '-o', out, '--quiet'],
    ],
    check: [process.execPath, ['-r', rss, cli, 'check', file, '--quiet', '--max-problems', '0']],
    export: [
      process.execPath,
      [
        '-r',
        rss,
        cli,
        'export',
        file,
        '--out-dir',
        join(DATA, 'export'),
        '--profile',
        'agentfabric',
        '--val-ratio',
        '0.01',
        '--quiet',
      ],
    ],
    'export (converted file)': [
      process.execPath,
      [
        '-r',
        rss,
        cli,
        'export',
        converted,
        '--out-dir',
        join(DATA, 'export-converted'),
        '--profile',
        'agentfabric',
        '--val-ratio',
        '0.01',
        '--quiet',
      ],
    ],
  };
  const all: Round[] = [];
  // Each command right after a floor of its own: the machine's speed drifts within a round (on a busy
  // day by a third within a minute), and a floor taken half a minute earlier says little about it.
  const measureFloor = () => measure(process.execPath, ['-r', rss, floorJs, file]);
  for (let r = 0; r < rounds; r++) {
    const floor = measureFloor();
    const round: Round = { floor, floors: [floor], ratios: {}, runs: {}, editor: editorRun(editorJs, file) };
    round.ratios.editorPass = round.editor.pass / floor.ms;
    for (const [name, [cmd, args]] of Object.entries(commands)) {
      const own = measureFloor();
      round.floors.push(own);
      const run = measure(cmd, args);
      round.runs[name] = run;
      round.ratios[name] = run.ms / own.ms;
    }
    if (python) {
      round.runs.python = measure('python3', [SEED_SCRIPT, file, join(DATA, 'py.jsonl')]);
      round.ratios.python = round.runs['convert --to agentfabric'].ms / round.runs.python.ms;
    }
    all.push(round);
    process.stdout.write(`round ${r + 1}/${rounds} done\n`);
  }
  const ratios = (name: string) => all.map((r) => r.ratios[name]);
  const secs = (name: string) => all.map((r) => r.runs[name].ms / 1000);
  const rssOf = (name: string) => Math.max(...all.map((r) => r.runs[name].maxRssMB));
  const floors = all.flatMap((r) => r.floors.map((f) => f.ms / 1000));
  console.log(
    `\nfloor (stream + JSON.parse + JSON.stringify):  ${spread(floors)} s (each command is timed against the floor run right before it), peak RSS ${Math.max(...all.flatMap((r) => r.floors.map((f) => f.maxRssMB))).toFixed(0)} MB`,
  );
  const line = (name: string, target: string) =>
    console.log(
      `${`${name}:`.padEnd(27)}${spread(secs(name))} s, ${spread(ratios(name))}× floor, ${(mb / median(secs(name))).toFixed(0)} MB/s, peak RSS ${rssOf(name).toFixed(0)} MB${target}`,
    );
  line('convert --to agentfabric', '   target ≤ 1.5×');
  line('convert --to seed', '');
  line('check', '');
  if (python)
    console.log(
      `${'seed script (python3):'.padEnd(27)}${spread(secs('python'))} s; convert --to agentfabric takes ${spread(ratios('python'))}× its time (target ≤ 0.5×)`,
    );
  const ed = all.map((r) => r.editor);
  console.log(
    `${'editor: first page ready'.padEnd(27)}${spread(
      ed.map((e) => e.firstPage),
      0,
    )} ms (${spread(
      all.map((r) => (r.editor.firstPage / r.floor.ms) * 100),
      1,
    )}% of floor; target ≤ 10%)`,
  );
  console.log(
    `${'editor: full check pass'.padEnd(27)}${spread(ed.map((e) => e.pass / 1000))} s, ${spread(ratios('editorPass'))}× floor; target ≤ 1.5× (CPU ${spread(ed.map((e) => e.passCpuMs / 1000))} s, all threads)`,
  );
  console.log(
    `${'editor: token counts in'.padEnd(27)}${spread(ed.map((e) => e.tokensDone / 1000))} s after the pass began (the overview's second sweep)`,
  );
  console.log(
    `${'editor: host memory'.padEnd(27)}${spread(
      ed.map((e) => e.rssMB),
      0,
    )} MB with the document open (${spread(ed.map((e) => e.rssMB / mb))}× file size; target ≤ 2.5×); peak during the pass ${spread(
      ed.map((e) => e.peakRssMB),
      0,
    )} MB (worker threads included)`,
  );
  line('export', '   target ≤ 1.5× (export --val-ratio 0.01)');
  line('export (converted file)', '   (exporting the converted file, ~10% larger: convert, review, export)');

  const rv = spawnSync(process.execPath, [reviewJs, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (rv.status !== 0) throw new Error(`review bench failed: ${rv.stderr}`);
  const r = JSON.parse(rv.stdout) as { bulk: number; undo: number; save: number; approved: number };
  console.log(
    `review: bulk-approve ${r.approved} records   ${r.bulk.toFixed(0)} ms (one edit; target well under 1 s); undo ${r.undo.toFixed(0)} ms`,
  );
  console.log(
    `review: save with every line reviewed   ${r.save.toFixed(0)} ms (each line spliced, nothing re-serialised)`,
  );

  if (big) {
    const bigFile = corpus(records * 10);
    const bigMb = statSync(bigFile).size / 1e6;
    const bigFloor = measure(process.execPath, ['-r', rss, floorJs, bigFile]);
    const bigRun = measure(process.execPath, [
      '-r',
      rss,
      cli,
      'convert',
      bigFile,
      '--to',
      'agentfabric',
      '-o',
      out,
      '--quiet',
    ]);
    console.log(
      `\n${records * 10} records (${bigMb.toFixed(0)} MB): convert ${fmt(bigRun, bigFloor, bigMb)}   target peak RSS < 300 MB`,
    );
    // The editor on a ~1 GB file: must open and finish its pass without running out of memory.
    const be = editorRun(editorJs, bigFile);
    console.log(
      `editor on ${bigMb.toFixed(0)} MB: first page ${be.firstPage.toFixed(0)} ms, full pass ${(be.pass / 1000).toFixed(1)} s, token counts ${(be.tokensDone / 1000).toFixed(1)} s, host memory ${be.rssMB.toFixed(0)} MB open (${(be.rssMB / bigMb).toFixed(2)}× file size), peak ${be.peakRssMB.toFixed(0)} MB (${(be.peakRssMB / bigMb).toFixed(2)}×)`,
    );
  }
}

/** The editor's figures for one file, from bench/editor.ts in a process of its own. */
function editorRun(editorJs: string, file: string): EditorRun {
  const ed = spawnSync(process.execPath, [editorJs, file, join(ROOT, 'dist/checkWorker.js')], {
    encoding: 'utf8',
  });
  if (ed.status !== 0) throw new Error(`editor bench failed: ${ed.stderr}`);
  return JSON.parse(ed.stdout) as EditorRun;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
