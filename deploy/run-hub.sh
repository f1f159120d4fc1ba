#!/usr/bin/env bash
# Sets up, builds and starts the hub on its embedded default: SQLite under
# var/, a development PKI created in var/pki/ on first run, the development
# partner registry, every partner plugin, listening on 127.0.0.1:50051
# (ROSA_HUB_LISTEN overrides it), with Prometheus metrics on
# http://127.0.0.1:9464/metrics (ROSA_HUB_METRICS_LISTEN overrides it; empty
# turns the page off), and the web console on https://127.0.0.1:8443/
# (ROSA_HUB_CONSOLE_LISTEN overrides it; empty turns it off). Stop it with
# Ctrl-C (SIGINT) or SIGTERM.
# Extra arguments go to `rosa-hub serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
deploy/build.sh rosa-hub
metrics=()
metrics_listen="${ROSA_HUB_METRICS_LISTEN-127.0.0.1:9464}"
if [ -n "$metrics_listen" ]; then
  metrics=(--metrics-listen "$metrics_listen")
fi
console=()
console_listen="${ROSA_HUB_CONSOLE_LISTEN-127.0.0.1:8443}"
if [ -n "$console_listen" ]; then
  console=(--console-listen "$console_listen")
fi
exec build/hub/cli/rosa-hub serve \
  --listen "${ROSA_HUB_LISTEN:-127.0.0.1:50051}" \
  "${metrics[@]}" \
  "${console[@]}" \
  --data-dir var \
  --partners deploy/dev/partners.json \
  --dev-pki "$@"
