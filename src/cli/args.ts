import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors';
import { defaultLang, type Lang } from './output';

/** node's own argument parser, with its errors turned into usage errors (exit 2). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback?: T,
): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required (one of: ${allowed.join(', ')})`);
  }
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

export function langOf(value: string | undefined): Lang {
  return oneOf('lang', value, ['en', 'zh'] as const, defaultLang());
}

export function singleInput(positionals: string[], command: string): string {
  if (positionals.length !== 1) {
    throw new UsageError(`${command} takes exactly one input file, got ${positionals.length}`);
  }
  return positionals[0];
}
