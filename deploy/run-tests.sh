#!/usr/bin/env bash
# Sets up, builds and runs every test: unit tests, and integration tests that
# start the real hub process with real certificates.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
deploy/build.sh
cd build
ctest --output-on-failure --timeout 900 -j"$(nproc)"
