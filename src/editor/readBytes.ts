import * as vscode from 'vscode';
import { readFileShared } from './sharedFile';

/**
 * A document's bytes in shared memory (see {@link readFileShared}). Files on disk are read straight into
 * it; other schemes go through `workspace.fs` and are copied once.
 */
export async function readSharedBytes(uri: vscode.Uri): Promise<Buffer> {
  if (uri.scheme === 'file') return readFileShared(uri.fsPath);
  const data = await vscode.workspace.fs.readFile(uri);
  const buf = Buffer.from(new SharedArrayBuffer(data.length));
  buf.set(data);
  return buf;
}
