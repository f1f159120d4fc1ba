#!/usr/bin/env bash
# Checks deploy/prometheus/ with promtool (Debian's prometheus package; no
# Prometheus server is started): the scrape configuration, the alert rules,
# and the rules' unit tests (each alert fires when it should and not
# before). ctest runs it (prometheus_config_test). The live scrape of the
# real hub is checked by tests/integration/metrics_test.
set -euo pipefail
cd "$(dirname "$0")/prometheus"

command -v promtool >/dev/null || {
  echo "check-prometheus: promtool missing; run deploy/setup.sh" >&2
  exit 1
}
promtool check config prometheus.yml
promtool check rules rosa-hub.rules.yml
promtool test rules rosa-hub.rules.test.yml
