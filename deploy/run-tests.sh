#!/usr/bin/env bash
# Sets up and proves both of the README's commands: first that every include
# points down the layers (deploy/check-includes.sh), then the first command
# on a fresh clone of this repository (deploy/check-first-command.sh: set-up,
# build, start, health check SERVING over mutual TLS, SIGTERM), then builds
# and runs every test: unit tests, integration tests that start the real hub
# process with real certificates and real plugins, and then every plugin
# decoder's fuzz target for a short bounded time (clang-14, ASan + UBSan;
# see deploy/run-fuzz.sh to fuzz longer), and finally the Debian package
# (deploy/check-package.sh: as root it installs, runs and purges the .deb
# system-wide; otherwise it says SKIPPED).
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
deploy/check-includes.sh
deploy/check-first-command.sh
deploy/build.sh
(cd build && ctest --output-on-failure --timeout 900 -j"$(nproc)")
deploy/run-fuzz.sh 20
deploy/check-package.sh
