#!/usr/bin/env bash
# Configures and builds rosa-hub in build/. Extra arguments are build targets
# (default: everything; `rosa-hub` is the hub with every plugin).
set -euo pipefail
cd "$(dirname "$0")/.."

# ccache (when installed) lets a second checkout reuse what the first
# compiled: paths below the repository root are hashed relative to it.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
            -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
if [ $# -gt 0 ]; then
  targets=()
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build build -j"$(nproc)" "${targets[@]}"
else
  cmake --build build -j"$(nproc)"
fi
