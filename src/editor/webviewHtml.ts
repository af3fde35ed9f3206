import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** Only the extension's own bundle and assets may load into the curator's webview. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The curator's page: a strict CSP (no remote anything, scripts only with this page's nonce, stylesheets and
 * images only from the extension, the codicon font inlined in its stylesheet) and the bundled script and styles.
 */
export function curatorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, language: string): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (name: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', name)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    // The web components set a few inline style attributes (pane sizes, icon sizes); no <style> elements.
    "style-src-attr 'unsafe-inline'",
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${language === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('codicon.css')}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>AgentFabric Curator</title>
</head>
<body>
<div id="app" data-testid="curator"></div>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
