// `npm run demo`: converts and checks the bundled samples with the built CLI and prints what it found.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
const out = join(import.meta.dirname, '..', 'out', 'demo');
mkdirSync(out, { recursive: true });

function afcurate(...args) {
  console.log(`\n$ afcurate ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

for (const sample of ['samples/ms_agent_sample.jsonl', 'samples/ms_agent_demo.jsonl']) {
  const name = sample.split('/').pop().replace('.jsonl', '');
  afcurate('check', sample, '--max-problems', '15');
  afcurate(
    'convert',
    sample,
    '--to',
    'agentfabric',
    '-o',
    join(out, `${name}.agentfabric.jsonl`),
    '--report',
    join(out, `${name}.agentfabric.report.json`),
  );
  afcurate(
    'convert',
    sample,
    '--to',
    'seed',
    '-o',
    join(out, `${name}.seed.jsonl`),
    '--report',
    join(out, `${name}.seed.report.json`),
  );
}
console.log(`\nConverted files and reports are in ${out}`);
