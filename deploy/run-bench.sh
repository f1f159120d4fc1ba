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
#   deploy/run-bench.sh --smoke             # short, errors only (CI: ctest
#                                           # run_bench_smoke, label bench)
#
# Other arguments go to hub_bench (--duration-ms, --in-flight, --rate, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

smoke=0
for a in "$@"; do [ "$a" = --smoke ] && smoke=1; done
# ROSA_BENCH_BUILD_DIR: the build directory (default build/; ctest's smoke
# sets it and ROSA_BENCH_NO_BUILD=1, since ctest runs after the build).
bdir=${ROSA_BENCH_BUILD_DIR:-build}
out="$bdir/bench"
mkdir -p "$out"

# Bench-only set-up: B6 needs RabbitMQ and its C client. The full run
# installs them (as root, from Debian); the smoke uses them only when they
# are already installed, and says so when it skips B6.
have_rabbitmq() {
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] &&
    dpkg -s librabbitmq-dev >/dev/null 2>&1
}
if ! have_rabbitmq && [ "$smoke" = 0 ] && [ "$(id -u)" = 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server \
    librabbitmq-dev >/dev/null
fi

targets=(hub_bench)
[ "$smoke" = 1 ] || targets+=(ingest_bench report_bench)
have_rabbitmq && targets+=(rabbitmq_bench)
[ "${ROSA_BENCH_NO_BUILD:-0}" = 1 ] || deploy/build.sh "${targets[@]}"

# hub_bench's flags that rabbitmq_bench shares.
rabbit_args=()
[ "$smoke" = 1 ] && rabbit_args+=(--smoke)
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --rate|--in-flight|--warmup-ms|--duration-ms)
      rabbit_args+=("${args[$i]}" "${args[$((i + 1))]}");;
  esac
done

# B6: a private RabbitMQ on loopback ports, its node, data, logs, config,
# Erlang cookie and epmd under a temporary directory; stopped and removed
# on exit. TLS with a fresh PKI from `rosa-hub pki` (the same kind of
# certificates and keys the hub's development PKI has).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
rmq=""
rmq_pid=""
stop_rabbitmq() {
  [ -n "$rmq" ] || return 0
  if [ -n "$rmq_pid" ] && kill -0 "$rmq_pid" 2>/dev/null; then
    /usr/lib/rabbitmq/bin/rabbitmqctl stop >/dev/null 2>&1 ||
      kill "$rmq_pid" 2>/dev/null || true
    wait "$rmq_pid" 2>/dev/null || true
  fi
  epmd -kill >/dev/null 2>&1 || true  # Ours: ERL_EPMD_PORT is private.
  rm -rf "$rmq"
  rmq=""
}
trap stop_rabbitmq EXIT
hub_extra=()
if have_rabbitmq && [ -x "$bdir"/tests/bench/rabbitmq_bench ]; then
  rmq=$(mktemp -d /tmp/rosa-bench-rabbitmq.XXXXXX)
  amqps_port=$(free_port)
  export HOME="$rmq" RABBITMQ_NODENAME="rosabench$$@localhost" \
    RABBITMQ_MNESIA_BASE="$rmq/mnesia" RABBITMQ_LOG_BASE="$rmq/log" \
    RABBITMQ_CONFIG_FILE="$rmq/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$rmq/advanced.config" \
    RABBITMQ_CONF_ENV_FILE="$rmq/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$rmq/enabled_plugins" \
    RABBITMQ_PID_FILE="$rmq/rabbitmq.pid" \
    RABBITMQ_NODE_PORT="$(free_port)" RABBITMQ_DIST_PORT="$(free_port)" \
    ERL_EPMD_PORT="$(free_port)"
  echo "[]." >"$rmq/enabled_plugins"
  "$bdir"/hub/cli/rosa-hub pki init --pki-dir "$rmq/pki" >/dev/null
  for p in rosa ks-oslo; do
    "$bdir"/hub/cli/rosa-hub pki issue --pki-dir "$rmq/pki" --partner "$p" \
      >/dev/null
  done
  cat >"$rmq/rabbitmq.conf" <<CONF
listeners.tcp = none
listeners.ssl.default = 127.0.0.1:$amqps_port
ssl_options.cacertfile = $rmq/pki/ca.pem
ssl_options.certfile = $rmq/pki/hub.pem
ssl_options.keyfile = $rmq/pki/hub.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
loopback_users.guest = true
CONF
  /usr/lib/rabbitmq/bin/rabbitmq-server >"$rmq/server.log" 2>&1 &
  rmq_pid=$!
  rm -f "$out/rabbitmq.json"
  echo "B6: RabbitMQ $(dpkg-query -W -f '${Version}' rabbitmq-server) on 127.0.0.1:$amqps_port (mutual TLS)"
  if "$bdir"/tests/bench/rabbitmq_bench --port "$amqps_port" \
      --pki-dir "$rmq/pki" --json "$out/rabbitmq.json" "${rabbit_args[@]}"; then
    :
  else
    echo "rabbitmq_bench failed; RabbitMQ's log:" >&2
    tail -20 "$rmq/log/$RABBITMQ_NODENAME.log" >&2 || true
  fi
  stop_rabbitmq
  hub_extra+=(--rabbitmq-json "$out/rabbitmq.json")
else
  hub_extra+=(--rabbitmq-note "B6 (RabbitMQ) skipped: rabbitmq-server or librabbitmq-dev is not installed (deploy/run-bench.sh without --smoke installs them as root)")
fi

"$bdir"/tests/bench/hub_bench --json "$out/results.json" "${hub_extra[@]}" "$@"

if [ "$smoke" = 0 ]; then
  # The worst payload of each partner format at the 1 MiB limit, and the
  # annual report of a year with 5 000 inquiries and 500 clients.
  "$bdir"/tests/bench/ingest_bench
  "$bdir"/tests/bench/report_bench
fi
