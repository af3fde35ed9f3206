import { basename } from 'node:path';
import * as vscode from 'vscode';
import { toDiagnostic } from '../core/diagnostics/registry';
import { convertRecord } from '../core/pipeline/convertRecord';
import type { CuratorProvider } from './curatorProvider';
import { CuratorModel } from './model/curatorModel';
import { renderTurns } from './model/recordText';
import type { Profile } from './protocol';
import { readSharedBytes } from './readBytes';

export const RECORD_SCHEME = 'agentfabric-record';

export type RecordVariant = 'original' | Profile;

interface RecordQuery {
  uri: string;
  line: number;
  variant: RecordVariant;
}

/**
 * A record's text as a virtual document (`agentfabric-record:`), for "Open Record as Text" and VS Code's
 * diff editor. The `.afprompt` extension gives it the prompt grammar's language.
 */
export function recordUri(source: vscode.Uri, line: number, variant: RecordVariant): vscode.Uri {
  const query: RecordQuery = { uri: source.toString(), line, variant };
  return vscode.Uri.from({
    scheme: RECORD_SCHEME,
    path: `/${basename(source.path)}/line ${line}/${variant}.afprompt`,
    query: JSON.stringify(query),
  });
}

function parseQuery(uri: vscode.Uri): RecordQuery | undefined {
  try {
    const q: unknown = JSON.parse(uri.query);
    if (typeof q !== 'object' || q === null) return undefined;
    const { uri: source, line, variant } = q as Record<string, unknown>;
    if (typeof source !== 'string' || typeof line !== 'number') return undefined;
    if (variant !== 'original' && variant !== 'agentfabric' && variant !== 'seed') return undefined;
    return { uri: source, line, variant };
  } catch {
    return undefined;
  }
}

export class RecordContentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly curator: CuratorProvider) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = parseQuery(uri);
    if (!query) return vscode.l10n.t('This record link is malformed.');
    const source = vscode.Uri.parse(query.uri);
    const model =
      this.curator.documentFor(source)?.model ??
      new CuratorModel(basename(source.path), await readSharedBytes(source));
    const i = query.line - 1;
    if (i < 0 || i >= model.lineCount)
      return vscode.l10n.t('Line {0} does not exist in {1}.', query.line, model.fileName);
    const read = model.readLine(i);
    const zh = vscode.env.language.toLowerCase().startsWith('zh');
    if (!read.record) {
      const reason = read.findings[0] ? toDiagnostic(read.findings[0], query.line) : undefined;
      return vscode.l10n.t(
        'Line {0} is not a record: {1}',
        query.line,
        reason ? (zh ? reason.messageZh : reason.message) : '',
      );
    }
    if (query.variant === 'original') return renderTurns(read.record.turns);
    const out = convertRecord(read.record, { profile: query.variant, userPrefix: 'last' });
    if (out.ok) return renderTurns(out.turns);
    const reasons = out.findings.map((f) => {
      const d = toDiagnostic(f, query.line);
      return `- ${d.code}: ${zh ? d.messageZh : d.message}`;
    });
    return `${vscode.l10n.t('This record cannot be converted to the "{0}" profile:', query.variant)}\n${reasons.join('\n')}\n`;
  }
}
