#!/usr/bin/env bash
# The packaged jar end to end on the embedded default, as a reader of the README would run it: a fresh
# home (the SQLite store created in it on first use), signing keys for the requester and two SRE leads (their public
# halves added to a copy of the policy set, as a reviewed commit would), a request approved by both with
# signed decisions, the access check, the history. Every command must exit as expected and print nothing
# on stderr: no driver or logging lines, no ANTLR version warnings.
# Usage: packaged-lifecycle.sh JAR POLICY_DIR
set -euo pipefail
jar="$1"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
# keys init writes keys/USER.pub into the policy set: work on a copy, never on the source tree
policies="$home/policies"
mkdir "$policies"
tar -C "$2" --exclude=./target -cf - . | tar -C "$policies" -xf -

cs() {
  local expect="$1"
  shift
  local rc=0
  java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" "$@" --home "$home" 2>"$home/stderr" || rc=$?
  if [ "$rc" != "$expect" ]; then
    echo "packaged-lifecycle: countersign $* exited $rc, expected $expect" >&2
    cat "$home/stderr" >&2
    exit 1
  fi
  if [ -s "$home/stderr" ]; then
    echo "packaged-lifecycle: countersign $* wrote to stderr:" >&2
    cat "$home/stderr" >&2
    exit 1
  fi
}

cs 0 keys init --as ivan --policies "$policies" >/dev/null
cs 0 keys init --as alice --policies "$policies" >/dev/null
cs 0 keys init --as bob --policies "$policies" >/dev/null
id="$(cs 0 request --as ivan --profile prod-admin --duration 2h --ticket CHG-1 --justification "Smoke test" \
  --context mfa=true --policies "$policies" -q)"
cs 0 approve "$id" --as alice --reason "On the change calendar" --policies "$policies" >/dev/null
cs 0 approve "$id" --as bob --policies "$policies" >/dev/null
cs 0 access --requester ivan --profile prod-admin --policies "$policies" >/dev/null
shown="$(cs 0 show "$id" --output json --policies "$policies")"
case "$shown" in
  '{"request":{"id":"'"$id"'"'*'"status":"approved"'*'"signed":true'*'"signed":true'*) ;;
  *) echo "packaged-lifecycle: unexpected show output: $shown" >&2; exit 1 ;;
esac
[ -f "$home/countersign.db" ] || { echo "packaged-lifecycle: no $home/countersign.db" >&2; exit 1; }
# the store, and SQLite's native library unpacked once (no lock file, no DynamoDB Local)
ls -d "$home"/lib/sqlite-jdbc-*/libsqlitejdbc.* >/dev/null
[ ! -e "$home/countersign.lock" ] && [ ! -e "$home/dynamodb" ] && [ "$(ls "$home/lib")" = "$(ls -d "$home"/lib/sqlite-jdbc-* | xargs -n1 basename)" ] || {
  echo "packaged-lifecycle: the home holds more than the SQLite store: $(ls -R "$home")" >&2; exit 1; }

# Both notifier providers are found in the shaded jar (its META-INF/services merged): pointed at a
# loopback port nobody listens on, the first event fails as retryable for each, the request's later
# events wait behind it, and the run ends when nothing is due. (A first round slower than the backoff,
# on a loaded machine, finds the event due again: so the total of retries may be more than one.)
notified="$(COUNTERSIGN_WEBHOOK_URL=http://127.0.0.1:9/hook COUNTERSIGN_WEBHOOK_SECRET=packaged-lifecycle-secret \
  COUNTERSIGN_SNS_TOPIC_ARN=arn:aws:sns:us-east-1:000000000000:countersign COUNTERSIGN_SNS_ENDPOINT=http://127.0.0.1:9 \
  cs 0 notify run --notify webhook,sns --until-idle)"
case "$notified" in
  *"round 1: 0 delivered, 1 to retry, 0 dead letters, "*"done: 0 delivered, "[1-9]*" to retry, 0 dead letters, "*) ;;
  *) echo "packaged-lifecycle: unexpected notify run output: $notified" >&2; exit 1 ;;
esac
[ "$(cs 0 notify failed)" = "no dead letters" ] || { echo "packaged-lifecycle: unexpected dead letters" >&2; exit 1; }

verified="$(cs 0 audit verify --policies "$policies")"
[ "$verified" = "1 request checked: all chains and signatures intact" ] || {
  echo "packaged-lifecycle: unexpected audit verify output: $verified" >&2; exit 1; }
logged="$(cs 0 audit log --output json)"
case "$logged" in
  '{"id":"'*'"type":"request.created"'*'"requestId":"'"$id"'","sequence":1,'*) ;;
  *) echo "packaged-lifecycle: unexpected audit log output: $logged" >&2; exit 1 ;;
esac
echo "packaged-lifecycle: request $id approved by two leads with signed decisions, access allowed, webhook and sns configured from the jar," \
  "audit trail intact, stderr clean"
