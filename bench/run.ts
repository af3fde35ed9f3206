// `npm run bench`: speed and memory as ratios against a floor measured in the same run.
// Usage: npm run bench [-- --records 30000] [-- --big]   (--big adds the 300,000-record memory run)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = resolve(__dirname, '..');
const DATA = join(ROOT, 'bench/.data');
const SEED_SCRIPT = resolve(ROOT, '../shared/reference/seed_convert.py');
const args = process.argv.slice(2);
const records = Number(args[args.indexOf('--records') + 1]) || 30000;
const big = args.includes('--big');

/** What bench/editor.ts prints. */
interface EditorRun {
  firstPage: number;
  pass: number;
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
  });
  return outfile;
}

function fmt(run: Run, floor: Run, mb: number): string {
  return `${(run.ms / 1000).toFixed(2)} s  (${(run.ms / floor.ms).toFixed(2)}× floor, ${(mb / (run.ms / 1000)).toFixed(0)} MB/s, peak RSS ${run.maxRssMB.toFixed(0)} MB)`;
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const floorJs = await bundle('floor');
  const cli = join(ROOT, 'dist/cli.js');
  const rss = join(ROOT, 'bench/rss.cjs');
  const file = corpus(records);
  const mb = statSync(file).size / 1e6;
  console.log(`\ncorpus: ${records} records, ${mb.toFixed(1)} MB (${file})\n`);

  const floor = measure(process.execPath, ['-r', rss, floorJs, file]);
  console.log(
    `floor (stream + JSON.parse + JSON.stringify):  ${(floor.ms / 1000).toFixed(2)} s, peak RSS ${floor.maxRssMB.toFixed(0)} MB`,
  );
  const out = join(DATA, 'out.jsonl');
  const af = measure(process.execPath, [
    '-r',
    rss,
    cli,
    'convert',
    file,
    '--to',
    'agentfabric',
    '-o',
    out,
    '--quiet',
  ]);
  console.log(`convert --to agentfabric:  ${fmt(af, floor, mb)}   target ≤ 1.5×`);
  const seed = measure(process.execPath, [
    '-r',
    rss,
    cli,
    'convert',
    file,
    '--to',
    'seed',
    '-o',
    out,
    '--quiet',
  ]);
  console.log(`convert --to seed:         ${fmt(seed, floor, mb)}`);
  const check = measure(process.execPath, ['-r', rss, cli, 'check', file, '--quiet', '--max-problems', '0']);
  console.log(`check (all checks):        ${fmt(check, floor, mb)}`);
  if (existsSync(SEED_SCRIPT) && spawnSync('python3', ['--version']).status === 0) {
    const py = measure('python3', [SEED_SCRIPT, file, join(DATA, 'py.jsonl')]);
    console.log(
      `seed script (python3):     ${(py.ms / 1000).toFixed(2)} s; convert --to agentfabric is ${(af.ms / py.ms).toFixed(2)}× its time (target ≤ 0.5×)`,
    );
  }
  const editorJs = await bundle('editor');
  const ed = spawnSync(process.execPath, [editorJs, file, join(ROOT, 'dist/checkWorker.js')], {
    encoding: 'utf8',
  });
  if (ed.status !== 0) throw new Error(`editor bench failed: ${ed.stderr}`);
  const e = JSON.parse(ed.stdout) as EditorRun;
  console.log(
    `editor: first page ready   ${e.firstPage.toFixed(0)} ms (${((e.firstPage / floor.ms) * 100).toFixed(1)}% of floor; target ≤ 10%)`,
  );
  console.log(
    `editor: full check pass    ${(e.pass / 1000).toFixed(2)} s (${(e.pass / floor.ms).toFixed(2)}× floor; target ≤ 1.5×)`,
  );
  console.log(
    `editor: token counts in    ${(e.tokensDone / 1000).toFixed(2)} s (${(e.tokensDone / floor.ms).toFixed(2)}× floor; the overview's second sweep)`,
  );
  console.log(
    `editor: host memory        ${e.rssMB.toFixed(0)} MB with the document open (${(e.rssMB / mb).toFixed(2)}× file size; target ≤ 2.5×); peak during the pass ${e.peakRssMB.toFixed(0)} MB (${(e.peakRssMB / mb).toFixed(2)}×, worker threads included)`,
  );
  const reviewJs = await bundle('review');
  const rv = spawnSync(process.execPath, [reviewJs, file], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (rv.status !== 0) throw new Error(`review bench failed: ${rv.stderr}`);
  const r = JSON.parse(rv.stdout) as { bulk: number; undo: number; save: number; approved: number };
  console.log(
    `review: bulk-approve ${r.approved} records   ${r.bulk.toFixed(0)} ms (one edit; target well under 1 s); undo ${r.undo.toFixed(0)} ms`,
  );
  console.log(
    `review: save with every line reviewed   ${r.save.toFixed(0)} ms (each line spliced, nothing re-serialised)`,
  );

  const exp = measure(process.execPath, [
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
  ]);
  console.log(`export --val-ratio 0.01:   ${fmt(exp, floor, mb)}   target ≤ 1.5×`);
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
    const bigEd = spawnSync(process.execPath, [editorJs, bigFile, join(ROOT, 'dist/checkWorker.js')], {
      encoding: 'utf8',
    });
    if (bigEd.status !== 0) throw new Error(`editor bench on the big file failed: ${bigEd.stderr}`);
    const be = JSON.parse(bigEd.stdout) as EditorRun;
    console.log(
      `editor on ${bigMb.toFixed(0)} MB: first page ${be.firstPage.toFixed(0)} ms, full pass ${(be.pass / 1000).toFixed(1)} s, token counts ${(be.tokensDone / 1000).toFixed(1)} s, host memory ${be.rssMB.toFixed(0)} MB open (${(be.rssMB / bigMb).toFixed(2)}× file size), peak ${be.peakRssMB.toFixed(0)} MB (${(be.peakRssMB / bigMb).toFixed(2)}×)`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
