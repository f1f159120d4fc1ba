#!/usr/bin/env bash
# Proves the README's first command on a fresh clone of this repository:
# clones HEAD into a temporary folder, runs deploy/run-hub.sh there (set-up,
# build, start), waits until the hub answers the standard health check with
# SERVING through a real mutual-TLS client (`rosa-hub client health`, with the
# clone's own development PKI) and serves its /metrics page, then stops it with SIGTERM and expects a
# clean exit. The test command (.ci/run) runs this first.
#
#   deploy/check-first-command.sh [max-seconds]   # default 2400
set -euo pipefail
cd "$(dirname "$0")/.."

max_seconds="${1:-2400}"
listen="127.0.0.1:${ROSA_CHECK_PORT:-50161}"
metrics_port="${ROSA_CHECK_METRICS_PORT:-50162}"
console_port="${ROSA_CHECK_CONSOLE_PORT:-50163}"
work="$(mktemp -d /tmp/rosa-first-command.XXXXXX)"
clone="$work/rosa-hub"
log="$work/run-hub.log"
hub_pid=""

cleanup() {
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -KILL "$hub_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

git clone --quiet --no-local . "$clone"
echo "first command: deploy/run-hub.sh on a fresh clone ($(git -C "$clone" rev-parse --short HEAD))"
(cd "$clone" && ROSA_HUB_LISTEN="$listen" \
  ROSA_HUB_METRICS_LISTEN="127.0.0.1:$metrics_port" \
  ROSA_HUB_CONSOLE_LISTEN="127.0.0.1:$console_port" exec deploy/run-hub.sh) \
  >"$log" 2>&1 </dev/null &
hub_pid=$!

fail() {
  echo "first command: FAILED: $*" >&2
  echo "---- last lines of deploy/run-hub.sh output" >&2
  tail -n 40 "$log" >&2 || true
  exit 1
}

client="$clone/build/hub/cli/rosa-hub"
deadline=$((SECONDS + max_seconds))
# Wait for the build to finish and the dev PKI to appear.
until [ -x "$client" ] && [ -f "$clone/var/pki/rosa.key" ]; do
  kill -0 "$hub_pid" 2>/dev/null || fail "deploy/run-hub.sh exited before serving"
  [ "$SECONDS" -lt "$deadline" ] || fail "not serving after ${max_seconds} s"
  sleep 2
done
until "$client" client health --hub "$listen" --pki-dir "$clone/var/pki" \
    --partner rosa --wait 5s >"$work/health.out" 2>"$work/health.err"; do
  kill -0 "$hub_pid" 2>/dev/null || fail "the hub exited before serving"
  [ "$SECONDS" -lt "$deadline" ] || fail "not serving after ${max_seconds} s: $(cat "$work/health.err")"
done
echo "first command: health check over mTLS says $(cat "$work/health.out")"
# The metrics page, with bash's own TCP client.
exec 3<>"/dev/tcp/127.0.0.1/$metrics_port" || fail "no metrics page on port $metrics_port"
printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
grep -q '^rosa_hub_rpcs_total{' <&3 || fail "the metrics page has no RPC counts"
exec 3<&-
echo "first command: metrics served on 127.0.0.1:$metrics_port/metrics"

kill -TERM "$hub_pid"
status=0
wait "$hub_pid" || status=$?
hub_pid=""
[ "$status" -eq 0 ] || fail "the hub exited with status ${status} after SIGTERM"
echo "first command: stopped cleanly by SIGTERM"
