// The Countersign extension: highlighting comes from the TextMate grammar; everything else from
// `countersign lsp`, started here over stdio.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const config = vscode.workspace.getConfiguration('countersign');
  return {
    command: config.get('server.path') || 'countersign',
    args: config.get('server.args') || ['lsp'],
    options: { env: process.env },
  };
}

function clientOptions() {
  const config = vscode.workspace.getConfiguration('countersign');
  return {
    documentSelector: [
      { scheme: 'file', language: 'countersign' },
      { scheme: 'file', pattern: '**/*.test.yaml' },
    ],
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{*.policy,*.test.yaml,directory.yaml}'),
    },
    initializationOptions: {
      policyRoots: config.get('policyRoots') || [],
      debounceMillis: config.get('debounceMillis'),
    },
  };
}

async function start() {
  client = new LanguageClient('countersign', 'Countersign', serverOptions(), clientOptions());
  try {
    await client.start();
  } catch (e) {
    vscode.window.showErrorMessage(
      `Countersign: cannot start "${serverOptions().command} lsp" (set countersign.server.path): ${e.message || e}`);
  }
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (e) => {
    // The server reads its settings when it starts: a change restarts it.
    if (e.affectsConfiguration('countersign') && client) {
      await client.stop();
      await start();
    }
  }));
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
