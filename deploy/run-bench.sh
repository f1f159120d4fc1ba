#!/usr/bin/env bash
# The benchmark suite (issue 11). Builds what it needs, then runs:
#   hub_bench (tests/bench/hub_bench.cc): the real `rosa-hub serve` process
#     over mutual TLS with its development PKI, measured by a callback-API
#     load generator: B1 health, B2 SubmitReferral, B3 UpdateReferralStatus,
#     B4 Ingest, B5 submit -> Watch delivery, B7 queries empty / after N
#     referrals, B8 start and RSS; prints a table and the issue's ratios
#     beside their goals, and writes build/bench/results.json;
#   rabbitmq_bench (B6): the same delivery through a private RabbitMQ
#     (started here on a loopback port under a temporary directory, stopped
#     after), when rabbitmq-server and librabbitmq are installed;
#   ingest_bench and report_bench (full run only).
# A missed goal never fails the run; an error (a failed call) does.
#
#   deploy/run-bench.sh                     # full run (B7 with 1 000 000)
#   deploy/run-bench.sh --referrals 100000  # B7 with fewer referrals
#   deploy/run-bench.sh --smoke             # ~10 s, errors only (CI)
#
# Other arguments go to hub_bench (--duration-ms, --in-flight, --rate, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
for a in "$@"; do [ "$a" = --smoke ] && smoke=1; done
out=build/bench
mkdir -p "$out"

targets=(hub_bench)
[ "$smoke" = 1 ] || targets+=(ingest_bench report_bench)
deploy/build.sh "${targets[@]}"

build/tests/bench/hub_bench --json "$out/results.json" "$@"

if [ "$smoke" = 0 ]; then
  # The worst payload of each partner format at the 1 MiB limit, and the
  # annual report of a year with 5 000 inquiries and 500 clients.
  build/tests/bench/ingest_bench
  build/tests/bench/report_bench
fi
