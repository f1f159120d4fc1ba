#!/usr/bin/env bash
# Sets up, builds and starts the hub on its embedded default: SQLite under
# var/, a development PKI created in var/pki/ on first run, the development
# partner registry, every partner plugin, listening on 127.0.0.1:50051
# (ROSA_HUB_LISTEN overrides it). Stop it with Ctrl-C (SIGINT) or SIGTERM.
# Extra arguments go to `rosa-hub serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
deploy/build.sh rosa-hub
exec build/hub/cli/rosa-hub serve \
  --listen "${ROSA_HUB_LISTEN:-127.0.0.1:50051}" \
  --data-dir var \
  --partners deploy/dev/partners.json \
  --dev-pki "$@"
