import { readFile, stat } from 'node:fs/promises';
import type { RoleConfig } from '../core/types';
import { IoError, UsageError } from './errors';

/** Fails early, with the reason, when the input cannot be read. */
export async function assertReadableFile(path: string): Promise<void> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    throw new IoError(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`,
    );
  }
  if (!st.isFile()) throw new IoError(`cannot read ${path}: not a regular file`);
}

/** Reads and validates an AgentFabric role config ({name, description, instruction}). */
export async function readRoleConfig(path: string): Promise<RoleConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new IoError(`cannot read role config ${path}: ${(e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`role config ${path} is not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(
      `role config ${path} must be a JSON object with "name", "description", "instruction"`,
    );
  }
  const obj = raw as Record<string, unknown>;
  const role: RoleConfig = {};
  for (const key of ['name', 'description'] as const) {
    const v = obj[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new UsageError(`role config ${path}: "${key}" must be a string`);
    role[key] = v;
  }
  const ins = obj.instruction;
  if (typeof ins === 'string' || (Array.isArray(ins) && ins.every((x) => typeof x === 'string'))) {
    role.instruction = ins as string | string[];
  } else if (ins !== undefined && ins !== null) {
    throw new UsageError(`role config ${path}: "instruction" must be a string or a list of strings`);
  }
  return role;
}
