#!/usr/bin/env bash
# Configures and builds rosa-hub in build/. Extra arguments are build targets
# (default: everything; `rosa-hub` is the hub with every plugin).
set -euo pipefail
cd "$(dirname "$0")/.."

# ccache (when installed) lets a second checkout reuse what the first
# compiled (deploy/lib/ccache.sh).
. deploy/lib/ccache.sh
ccache_launcher "$PWD"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
if [ $# -gt 0 ]; then
  targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build build -j"$(nproc)" "${targets[@]}"
else
  cmake --build build -j"$(nproc)"
fi
