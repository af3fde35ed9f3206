import { basename } from 'node:path';
import * as vscode from 'vscode';
import { toDiagnostic } from '../core/diagnostics/registry';
import { convertRecord } from '../core/pipeline/convertRecord';
import { l10n, uiLanguage } from '../l10n';
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
 * A record's text as a read-only file (`agentfabric-record:`), for "Open Record as Text" and VS Code's
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

/**
 * Serves the record documents as a read-only file system, not as a text document content provider: VS Code
 * then knows they are read-only before it shows them. A record may hold U+2028/U+2029 (kept as they are,
 * J10), and VS Code offers to strip those from a document when an editable editor opens it; the diff
 * editor makes a content provider's document read-only only after that check, so "Compare Record with
 * Converted" asked. Nothing here changes a record's text.
 */
export class RecordFileSystem implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  /** Never fires: a record document is rendered again each time it is opened. */
  readonly onDidChangeFile = this.changes.event;

  constructor(private readonly curator: CuratorProvider) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    // Only the documents exist: no folders to list (`/<file>/line <n>/` is a label).
    if (!uri.path.endsWith('.afprompt')) throw vscode.FileSystemError.FileNotFound(uri);
    const size = (await this.readFile(uri)).byteLength;
    return {
      type: vscode.FileType.File,
      ctime: 0,
      mtime: 0,
      size,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    if (!uri.path.endsWith('.afprompt')) throw vscode.FileSystemError.FileNotFound(uri);
    return Buffer.from(await recordText(this.curator, uri), 'utf8');
  }

  readDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

/** The text of a record document: the record's turns, original or converted, or why there are none. */
async function recordText(curator: CuratorProvider, uri: vscode.Uri): Promise<string> {
  const query = parseQuery(uri);
  if (!query) return l10n.t('This record link is malformed.');
  const source = vscode.Uri.parse(query.uri);
  const model =
    curator.documentFor(source)?.model ??
    CuratorModel.ofRead(basename(source.path), await readSharedBytes(source));
  const i = query.line - 1;
  if (i < 0 || i >= model.lineCount)
    return l10n.t('Line {0} does not exist in {1}.', query.line, model.fileName);
  const read = model.readLine(i);
  const zh = uiLanguage() === 'zh';
  if (!read.record) {
    const reason = read.findings[0] ? toDiagnostic(read.findings[0], query.line) : undefined;
    return l10n.t(
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
  return `${l10n.t('This record cannot be converted to the "{0}" profile:', query.variant)}\n${reasons.join('\n')}\n`;
}
