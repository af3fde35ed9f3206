import { convertTurnsToAgentFabric } from '../agentfabric/convert';
import { repairSeedRecord } from '../agentfabric/repair';
import type { Finding } from '../diagnostics/types';
import { FORMAT_LABELS } from '../record/format';
import { seedConvertRecordTurns } from '../seed/processSystem';
import type { ConvertOptions, Turn } from '../types';
import type { ParsedRecord } from './readRecord';

export type ConvertResult =
  | { ok: true; turns: Turn[]; findings: Finding[] }
  | { ok: false; findings: Finding[] };

/**
 * Converts one record to a profile. ms_agent records are converted; a seed-converted record is repaired
 * into the runtime format when the target is "agentfabric"; anything else is kept as it is, with a note.
 * A record that cannot be converted gets an R03 error and no output (never a guess).
 */
export function convertRecord(record: ParsedRecord, opts: ConvertOptions): ConvertResult {
  const turns = record.turns;
  if (opts.profile === 'seed') {
    if (record.format !== 'ms_agent') return unchanged(record);
    const res = seedConvertRecordTurns(turns);
    if (res.ok) return { ok: true, turns: res.turns, findings: [] };
    return fail('seed', `the seed script raises ${res.error}`, `种子脚本抛出异常 ${res.error}`, []);
  }
  if (record.format === 'ms_agent') {
    const res = convertTurnsToAgentFabric(turns, { userPrefix: opts.userPrefix, role: opts.role });
    if (res.ok) return { ok: true, turns: res.turns, findings: res.findings };
    return fail('agentfabric', 'see the errors above.', '参见上面的错误。', res.findings);
  }
  if (record.format === 'agentfabric-seed') {
    const res = repairSeedRecord(turns, opts.role);
    if (res.ok) return { ok: true, turns: res.turns, findings: [] };
    return fail('agentfabric', res.reason, res.reason, []);
  }
  return unchanged(record);
}

function unchanged(record: ParsedRecord): ConvertResult {
  return {
    ok: true,
    turns: record.turns,
    findings: [{ code: 'R04', params: { format: FORMAT_LABELS[record.format] } }],
  };
}

function fail(profile: string, reason: string, reasonZh: string, findings: Finding[]): ConvertResult {
  return { ok: false, findings: [...findings, { code: 'R03', params: { profile, reason, reasonZh } }] };
}
