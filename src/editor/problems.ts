import * as vscode from 'vscode';
import type { Diagnostic } from '../core/diagnostics/types';
import { l10n } from '../l10n';

export const REVEAL_RECORD_COMMAND = 'agentfabric.revealRecord';

const SEVERITY: Record<Diagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A command link that opens the record in the curator: the diagnostic code's target in the Problems panel. */
export function revealRecordUri(uri: vscode.Uri, line: number): vscode.Uri {
  const args = encodeURIComponent(JSON.stringify([uri.toString(), line]));
  return vscode.Uri.parse(`command:${REVEAL_RECORD_COMMAND}?${args}`);
}

/** The range a diagnostic covers: its column range when core placed it, else the whole line. */
export function diagnosticRange(d: Diagnostic): vscode.Range {
  const line = Math.max(0, d.line - 1);
  if (d.column === undefined) return new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER);
  const start = d.column - 1;
  return new vscode.Range(line, start, line, start + Math.max(1, d.length ?? 1));
}

/** Core diagnostics as VS Code diagnostics, message in the UI language. */
export function toVsDiagnostics(
  uri: vscode.Uri,
  diagnostics: readonly Diagnostic[],
  total: number,
  language: 'en' | 'zh',
): vscode.Diagnostic[] {
  const out = diagnostics.map((d) => {
    const v = new vscode.Diagnostic(
      diagnosticRange(d),
      language === 'zh' ? d.messageZh : d.message,
      SEVERITY[d.severity],
    );
    v.source = 'AgentFabric';
    v.code = { value: d.code, target: revealRecordUri(uri, d.line) };
    return v;
  });
  if (total > diagnostics.length) {
    const more = new vscode.Diagnostic(
      new vscode.Range(0, 0, 0, 0),
      l10n.t(
        '{0} more problems are not listed here; the curator shows every record’s problems.',
        total - diagnostics.length,
      ),
      vscode.DiagnosticSeverity.Information,
    );
    more.source = 'AgentFabric';
    out.push(more);
  }
  return out;
}
