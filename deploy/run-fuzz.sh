#!/usr/bin/env bash
# Builds the plugin decoders' libFuzzer targets with clang-14 (ASan + UBSan)
# in build-fuzz/ and runs each for a bounded time, seeded from the shared
# sample files and the corpus kept in the repo (tests/fuzz/corpus/<format>/).
# Fails on any crash, leak or sanitizer report. With ROSA_FUZZ_KEEP=1 (the
# reliability campaign sets it) the inputs of the run that reach new code
# are merged into tests/fuzz/corpus/<format>/ (libFuzzer -merge=1), to be
# committed.
#
#
# The targets run ROSA_FUZZ_JOBS at a time (default: the number of cores),
# each for the whole time given; each prints its executions, executions per
# second and the CPU seconds it had, so a run on a shared machine says how
# much fuzzing it really did.
#
# With ROSA_FUZZ_CPU=1 the seconds are seconds of CPU, not of wall clock:
# each target is stopped (SIGINT; libFuzzer prints its final stats) once it
# has had that much CPU, so the run can share the machine, for example under
# `nice -n 19`, and still give every decoder the same fuzzing. Its per-input
# timeout is then 300 s of wall clock instead of 10 s, so that a starved or
# stopped (SIGSTOP) fuzzer does not report a false timeout.
#
#   deploy/run-fuzz.sh            # 20 s per target (what the test command runs)
#   deploy/run-fuzz.sh 3600       # an hour per target
#   deploy/run-fuzz.sh 600 filemon_fuzz   # one target
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-20}"
shift || true

if [ $# -gt 0 ]; then
  fuzzers=("$@")
else
  mapfile -t fuzzers < <(cd tests/fuzz && ls ./*_fuzz.cc | sed 's|^\./||; s|\.cc$||')
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DROSA_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for f in "${fuzzers[@]}"; do targets+=(--target "$f"); done
cmake --build build-fuzz -j"$(nproc)" "${targets[@]}"

jobs="${ROSA_FUZZ_JOBS:-$(nproc)}"
cpu_budget="${ROSA_FUZZ_CPU:-0}"
wall="$seconds"
unit_timeout=10
if [ "$cpu_budget" = 1 ]; then
  wall=$((seconds * 100))
  unit_timeout=300
fi

# stop_at_cpu <time pid> <seconds> <marker>: interrupts the fuzzer that
# /usr/bin/time <time pid> runs once its user + system time reaches
# <seconds>, and leaves <marker> to say the stop was the budget's.
stop_at_cpu() {
  local timer="$1" budget="$2" marker="$3" pid="" ticks hz
  hz="$(getconf CLK_TCK)"
  while kill -0 "$timer" 2>/dev/null; do
    sleep 2
    if [ -z "$pid" ]; then
      pid="$(pgrep -P "$timer" | head -n 1)" || true
      [ -n "$pid" ] || continue
    fi
    ticks="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)" || break
    if [ "$ticks" -ge $((budget * hz)) ]; then
      touch "$marker"
      kill -INT "$pid" 2>/dev/null || true
      break
    fi
  done
}

# fuzz_one <fuzzer>: seeds its corpus and runs it; its exit status and CPU
# seconds go to build-fuzz/<fuzzer>.status and .cpu.
fuzz_one() {
  local fuzzer="$1" plugin kept corpus samples timer status=0
  local marker="build-fuzz/${fuzzer}.budget"
  plugin="${fuzzer%_fuzz}"
  samples="tests/testdata/partner-formats/${plugin//_/-}"
  # libFuzzer adds what it finds to its first corpus folder: keep that out
  # of the source tree.
  kept="tests/fuzz/corpus/${plugin//_/-}"
  corpus="build-fuzz/corpus/${fuzzer}"
  mkdir -p "$corpus"
  if [ -d "$samples" ]; then cp -f "$samples"/* "$corpus"/; fi
  if [ -d "$kept" ]; then cp -f "$kept"/* "$corpus"/ 2>/dev/null || true; fi
  rm -f "$marker"
  /usr/bin/time -f '%U %S' -o "build-fuzz/${fuzzer}.cpu" \
    "build-fuzz/tests/fuzz/${fuzzer}" -max_total_time="$wall" \
    -rss_limit_mb=2048 -max_len=65536 -timeout="$unit_timeout" \
    -print_final_stats=1 -artifact_prefix="build-fuzz/${fuzzer}-" "$corpus" \
    >"build-fuzz/${fuzzer}.log" 2>&1 &
  timer=$!
  if [ "$cpu_budget" = 1 ]; then stop_at_cpu "$timer" "$seconds" "$marker"; fi
  wait "$timer" || status=$?
  # libFuzzer exits 72 when interrupted: the budget's stop is no failure.
  if [ "$status" = 72 ] && [ -f "$marker" ]; then status=0; fi
  echo "$status" >"build-fuzz/${fuzzer}.status"
  # Merged as soon as the target ends, so a run cut short keeps what its
  # finished targets found.
  rm -f "build-fuzz/${fuzzer}.kept"
  if [ "$status" = 0 ] && [ "${ROSA_FUZZ_KEEP:-0}" = 1 ]; then
    mkdir -p "$kept"
    local before
    before=$(find "$kept" -type f | wc -l)
    "build-fuzz/tests/fuzz/${fuzzer}" -merge=1 -rss_limit_mb=2048 \
      -max_len=65536 -timeout=10 "$kept" "$corpus" \
      >>"build-fuzz/${fuzzer}.log" 2>&1
    echo "${before} -> $(find "$kept" -type f | wc -l) inputs" \
      >"build-fuzz/${fuzzer}.kept"
  fi
}

unit="s"
if [ "$cpu_budget" = 1 ]; then unit="s of CPU"; fi
echo "fuzz: ${#fuzzers[@]} target(s), ${seconds} ${unit} each, ${jobs} at a time"
running=0
for fuzzer in "${fuzzers[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n || true
    running=$((running - 1))
  fi
  rm -f "build-fuzz/${fuzzer}.status"
  fuzz_one "$fuzzer" &
  running=$((running + 1))
done
wait || true

failed=0
for fuzzer in "${fuzzers[@]}"; do
  plugin="${fuzzer%_fuzz}"
  kept="tests/fuzz/corpus/${plugin//_/-}"
  corpus="build-fuzz/corpus/${fuzzer}"
  status="$(cat "build-fuzz/${fuzzer}.status" 2>/dev/null || echo 1)"
  runs="$(grep -oE 'stat::number_of_executed_units: +[0-9]+' \
    "build-fuzz/${fuzzer}.log" | grep -oE '[0-9]+$' || echo '?')"
  rate="$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' \
    "build-fuzz/${fuzzer}.log" | grep -oE '[0-9]+$' || echo '?')"
  # The last line: time(1) puts "Command exited with ..." before it.
  cpu="$(tail -n 1 "build-fuzz/${fuzzer}.cpu" 2>/dev/null \
    | awk '{printf "%.0f", $1 + $2}')"
  cpu="${cpu:-?}"
  if [ "$status" -ne 0 ]; then
    tail -n 12 "build-fuzz/${fuzzer}.log"
    echo "fuzz: ${fuzzer} FAILED (exit ${status}); log build-fuzz/${fuzzer}.log," \
      "crashing input build-fuzz/${fuzzer}-*" >&2
    failed=1
    continue
  fi
  echo "fuzz: ${fuzzer} clean: ${runs} runs in ${seconds} ${unit}" \
    "(${rate}/s, ${cpu} s of CPU)"
  if [ -f "build-fuzz/${fuzzer}.kept" ]; then
    echo "fuzz: ${fuzzer} corpus ${kept}: $(cat "build-fuzz/${fuzzer}.kept")"
  fi
done
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "fuzz: all targets clean"
