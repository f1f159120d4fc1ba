#!/usr/bin/env bash
# Sets up and proves both of the README's commands: first that every include
# points down the layers (deploy/check-includes.sh), then the first command
# on a fresh clone of this repository (deploy/check-first-command.sh: set-up,
# build, start, health check SERVING over mutual TLS, SIGTERM), then builds
# and runs every test: unit tests, integration tests that start the real hub
# process with real certificates and real plugins, the concurrent parts
# again under ASan + UBSan and under TSan (deploy/run-sanitizers.sh), and
# then every plugin
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
# The concurrent parts under ASan + UBSan and under TSan, each in its own
# build folder (deploy/sanitizers/ci-targets.txt names them and why; the
# whole suite runs under both in deploy/run-reliability.sh).
ci_targets="$(sed 's/#.*//' deploy/sanitizers/ci-targets.txt | xargs)"
ROSA_SANITIZE_TARGETS="$ci_targets" deploy/run-sanitizers.sh asan
ROSA_SANITIZE_TARGETS="$ci_targets" deploy/run-sanitizers.sh tsan
deploy/run-fuzz.sh 20
deploy/check-package.sh
