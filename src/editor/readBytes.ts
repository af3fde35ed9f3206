import * as vscode from 'vscode';
import { buildLineIndex } from '../core/jsonl/lineIndex';
import { type IndexedBytes, readFileShared } from './sharedFile';

/**
 * A document's bytes in shared memory with their line index (see {@link readFileShared}). Files on disk
 * are read straight into it; other schemes go through `workspace.fs` and are copied once.
 */
export async function readSharedBytes(uri: vscode.Uri): Promise<IndexedBytes> {
  if (uri.scheme === 'file') return readFileShared(uri.fsPath);
  const data = await vscode.workspace.fs.readFile(uri);
  const buf = Buffer.from(new SharedArrayBuffer(data.length));
  buf.set(data);
  return { bytes: buf, index: buildLineIndex(buf) };
}
