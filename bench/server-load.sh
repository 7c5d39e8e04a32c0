#!/usr/bin/env bash
# The server under load with wrk as the load generator (ServerLoad --wrk): installs wrk when it is
# missing and apt-get can (root, or sudo without a password), builds the benchmark jar when it is
# missing, else falls back to the Java load generator. Arguments go to ServerLoad (--quick,
# --connections N, --threads N). Usage, from the checkout: bench/server-load.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  mvn -B -q -pl bench -am package -DskipTests
fi
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y -q wrk >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q wrk >/dev/null 2>&1; } || true
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n apt-get install -y -q wrk >/dev/null 2>&1 || true
  fi
fi
if command -v wrk >/dev/null 2>&1; then
  exec java -cp "$jar" io.countersign.bench.ServerLoad --wrk "$@"
fi
echo "wrk is not installed and could not be (apt-get install wrk): the Java load generator drives the load," >&2
echo "and it shares the cores with the server" >&2
exec java -cp "$jar" io.countersign.bench.ServerLoad "$@"
