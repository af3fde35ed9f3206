import { severityOf, toDiagnostic } from '../diagnostics/registry';
import type { Finding } from '../diagnostics/types';

export function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter((f) => severityOf(f.code) === 'error');
}

/** `CODE: message` of the first finding, and the other codes, for the report's listing. */
export function describe(findings: Finding[], line: number): string {
  if (findings.length === 0) return '';
  const first = `${findings[0].code}: ${toDiagnostic(findings[0], line).message}`;
  const others = [...new Set(findings.slice(1).map((f) => f.code))].filter((c) => c !== findings[0].code);
  return others.length ? `${first} (also ${others.join(', ')})` : first;
}
