#!/usr/bin/env bash
# The reliability campaign of issue 14, as far as it is built, in about
# [minutes] (default 30); prints each figure and exits non-zero if any part
# fails:
#   1. power loss: the crash VFS cuts the power under the real store and
#      desks, 10 000 cuts (ROSA_POWER_CUTS) or as many as fit in half the
#      time; figure "lost acknowledged writes over N cuts = 0", and the
#      control (a disk that lies about fsync must lose writes);
#   2. I/O faults: failed writes, syncs and reads under the same workload,
#      and the real hub on a full exchange/log disk (tmpfs, needs root);
#   3. kill -9: the real hub killed under load, ROSA_CRASH_CYCLES cycles
#      (default 200);
#   4. sanitizers: the whole unit and integration suite under ASan + UBSan
#      (build-asan/) and under TSan (build-tsan/), deploy/run-sanitizers.sh;
#      hours from a cold ccache: ROSA_SANITIZERS=0 leaves it out;
#   7. clock steps: the wall clock stepped back and forward by hours and
#      Oslo's daylight saving time under the real store and desks.
# CI runs the short versions through ctest (label `reliability`, the
# full-disk and the 40-cycle crash integration tests).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-30}"
case "$minutes" in
  ''|*[!0-9]*) echo "usage: $0 [minutes]" >&2; exit 2 ;;
esac
cuts="${ROSA_POWER_CUTS:-10000}"
crash_cycles="${ROSA_CRASH_CYCLES:-200}"

deploy/build.sh power_loss_test io_fault_test crash_vfs_test crash_test \
  full_disk_test clock_step_test hub_clock_test rosa-hub >/dev/null

status=0
log="$(mktemp -d)"
trap 'rm -rf "$log"' EXIT

# run <name> <command...>: runs a test binary into $log/<name>; on failure
# prints the end of its output.
run() {
  local name="$1"
  shift
  if "$@" >"$log/$name" 2>&1; then
    return 0
  fi
  status=1
  echo "FAILED: $*" >&2
  grep -v '^\[20' "$log/$name" | tail -n 40 >&2
  return 1
}

echo "== 1. power loss: up to $cuts cuts in $((minutes * 30)) s"
if ROSA_POWER_CUTS="$cuts" ROSA_POWER_SECONDS="$((minutes * 30))" \
    run power build/tests/reliability/power_loss_test; then
  grep -A7 -E '^(power loss|lying disk):' "$log/power"
fi

echo "== 2. I/O faults"
run vfs build/tests/reliability/crash_vfs_test || true
if run io build/tests/reliability/io_fault_test; then
  grep '^I/O faults:' "$log/io"
fi
if run full build/tests/integration/full_disk_test; then
  if grep -q '\[  SKIPPED \]' "$log/full"; then
    echo "full disk: SKIPPED (cannot mount a tmpfs; run as root)"
  else
    echo "full disk: exchange folders and log full, hub SERVING, outbox" \
         "file written once space returned"
  fi
fi

echo "== 3. kill -9: $crash_cycles cycles"
if ROSA_CRASH_CYCLES="$crash_cycles" \
    run crash build/tests/integration/crash_test; then
  grep -E '^crash_test:' "$log/crash"
fi

if [ "${ROSA_SANITIZERS:-1}" != 0 ]; then
  for kind in asan tsan; do
    echo "== 4. sanitizers: the whole suite under $kind"
    if deploy/run-sanitizers.sh "$kind" >"$log/$kind" 2>&1; then
      tail -n 1 "$log/$kind"
    else
      status=1
      echo "FAILED: deploy/run-sanitizers.sh $kind" >&2
      tail -n 60 "$log/$kind" >&2
    fi
  done
fi

echo "== 7. clock steps"
if run clock build/tests/hub/placement/clock_step_test &&
    run hubclock build/tests/hub/common/hub_clock_test; then
  echo "clock steps: $(grep -oE '[0-9]+ tests' "$log/clock" | tail -n 1)" \
       "on the hub clock and the bare wall clock (control) passed," \
       "$(grep -oE '[0-9]+ tests' "$log/hubclock" | tail -n 1) of the hub clock"
fi

echo "== not yet built (issue 14): kill -9 with Watch streams and file-drop" \
     "ingest (3), the API fuzzer (5), tampering (6)"
exit "$status"
