import { main } from './cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`afcurate: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
