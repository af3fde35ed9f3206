// The smoke journey in VS Code desktop (`npm run test:desktop`, @vscode/test-electron; it downloads VS Code,
// so it is not part of CI on machines without that network). Runs inside the extension host under mocha.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { BROKEN_LINES, journeyFiles } from '../journeyData';

declare function suite(name: string, body: () => void): void;
declare function test(name: string, body: () => Promise<void>): void;

const repoRoot = resolve(__dirname, '..', '..', '..');
const { sample, broken } = journeyFiles(repoRoot);

async function writeToWorkspace(name: string, content: Uint8Array): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder (see .vscode-test.mjs)');
  const uri = vscode.Uri.file(join(folder.uri.fsPath, name));
  await vscode.workspace.fs.writeFile(uri, content);
  return uri;
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function activeCustomEditor(): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input : undefined;
}

suite('AgentFabric Curator in VS Code desktop', () => {
  test('"AgentFabric: Open in Curator" opens an ms_agent file in the curator', async () => {
    const uri = await writeToWorkspace('ms_agent_sample.jsonl', sample);
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('agentfabric.openInCurator', uri);
    const editor = await waitFor(activeCustomEditor, 'the curator tab');
    assert.equal(editor.viewType, 'agentfabric.curator');
    assert.equal(editor.uri.toString(), uri.toString());
  });

  test('a broken file reports its damaged lines as diagnostics', async () => {
    const uri = await writeToWorkspace('broken.jsonl', broken);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'agentfabric.curator');
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri);
      return found.length >= BROKEN_LINES.length ? found : undefined;
    }, 'diagnostics for broken.jsonl');
    const lines = new Set(diagnostics.map((d) => d.range.start.line + 1));
    for (const line of BROKEN_LINES) assert.ok(lines.has(line), `a diagnostic on line ${line}`);
  });
});
