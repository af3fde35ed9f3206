import { AGENTFABRIC_CODES } from '../agentfabric/codes';
import { JSONL_CODES } from '../jsonl/codes';
import { MSAGENT_CODES } from '../msagent/codes';
import { RECORD_CODES } from '../record/codes';
import { SEED_CODES } from '../seed/codes';
import { SWIFT_CODES } from '../swift/codes';
import type { CodeDef, Diagnostic, DiagnosticFacts, Finding, Severity } from './types';

/** Every diagnostic code the engine can produce, in documentation order. */
export const ALL_CODES: readonly CodeDef[] = [
  ...JSONL_CODES,
  ...RECORD_CODES,
  ...MSAGENT_CODES,
  ...SEED_CODES,
  ...AGENTFABRIC_CODES,
  ...SWIFT_CODES,
];

const BY_CODE = new Map<string, CodeDef>();
for (const def of ALL_CODES) {
  if (BY_CODE.has(def.code)) throw new Error(`Diagnostic code ${def.code} is defined twice`);
  BY_CODE.set(def.code, def);
}

export function codeDef(code: string): CodeDef {
  const def = BY_CODE.get(code);
  // A finding with an unknown code is a bug in the engine, not in the user's data.
  if (!def) throw new Error(`Unknown diagnostic code ${code}`);
  return def;
}

export function severityOf(code: string): Severity {
  return codeDef(code).severity;
}

/** Places a finding on a file line and renders its messages in both languages. */
export function toDiagnostic(finding: Finding, line: number): Diagnostic {
  const def = codeDef(finding.code);
  const params = finding.params ?? {};
  const d: Diagnostic = {
    code: def.code,
    severity: def.severity,
    message: def.en(params),
    messageZh: def.zh(params),
    line,
  };
  if (finding.at) {
    d.column = finding.at.offset + 1;
    d.length = finding.at.length;
  }
  if (finding.span) d.span = finding.span;
  if (finding.data) d.data = finding.data;
  return d;
}

/** A finding's code, severity, span and data, without rendering its messages (see {@link DiagnosticFacts}). */
export function toDiagnosticFacts(finding: Finding): DiagnosticFacts {
  const facts: DiagnosticFacts = { code: finding.code, severity: codeDef(finding.code).severity };
  if (finding.span) facts.span = finding.span;
  if (finding.data) facts.data = finding.data;
  return facts;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
