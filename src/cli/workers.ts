import { UsageError } from './errors';

/**
 * `AFC_WORKERS`: how many worker threads `convert`, `check` and `export` may use on large files; 0 runs
 * everything in the main thread. Unset: one per available core, at most 4.
 */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.AFC_WORKERS;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`AFC_WORKERS must be a whole number >= 0, not "${raw}"`);
  return n;
}
