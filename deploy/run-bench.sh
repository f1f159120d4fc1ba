#!/usr/bin/env bash
# Builds and runs the ingest benchmark (tests/bench/ingest_bench.cc): the
# worst payload of each partner format at the size limit (1 MiB), applied
# through the real plugins and ingest desk on a real store in a temporary
# directory, while ROSA keeps submitting referrals. Prints the time per
# payload and the concurrent submit latency beside a baseline from the
# same run. Extra arguments go to the benchmark:
#
#   deploy/run-bench.sh                          # 1 MiB payloads
#   deploy/run-bench.sh --payload-bytes 262144   # smaller payloads
#
# The numbers depend on the machine and its disk (every commit is fsynced);
# ctest runs only a short smoke of it (label `bench`).
set -euo pipefail
cd "$(dirname "$0")/.."

# The benchmark target depends on every plugin, so they are built too.
deploy/build.sh ingest_bench report_bench
build/tests/bench/ingest_bench "$@"
# The annual report of a year with 5 000 inquiries and 500 clients.
build/tests/bench/report_bench
