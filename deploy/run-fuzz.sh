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

# fuzz_one <fuzzer>: seeds its corpus and runs it; its exit status and CPU
# seconds go to build-fuzz/<fuzzer>.status and .cpu.
fuzz_one() {
  local fuzzer="$1" plugin kept corpus samples status=0
  plugin="${fuzzer%_fuzz}"
  samples="tests/testdata/partner-formats/${plugin//_/-}"
  # libFuzzer adds what it finds to its first corpus folder: keep that out
  # of the source tree.
  kept="tests/fuzz/corpus/${plugin//_/-}"
  corpus="build-fuzz/corpus/${fuzzer}"
  mkdir -p "$corpus"
  if [ -d "$samples" ]; then cp -f "$samples"/* "$corpus"/; fi
  if [ -d "$kept" ]; then cp -f "$kept"/* "$corpus"/ 2>/dev/null || true; fi
  /usr/bin/time -f '%U %S' -o "build-fuzz/${fuzzer}.cpu" \
    "build-fuzz/tests/fuzz/${fuzzer}" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -max_len=65536 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/${fuzzer}-" "$corpus" \
    >"build-fuzz/${fuzzer}.log" 2>&1 || status=$?
  echo "$status" >"build-fuzz/${fuzzer}.status"
}

echo "fuzz: ${#fuzzers[@]} target(s), ${seconds} s each, ${jobs} at a time"
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
  cpu="$(awk '{printf "%.0f", $1 + $2}' "build-fuzz/${fuzzer}.cpu" 2>/dev/null \
    || echo '?')"
  if [ "$status" -ne 0 ]; then
    tail -n 12 "build-fuzz/${fuzzer}.log"
    echo "fuzz: ${fuzzer} FAILED (exit ${status}); log build-fuzz/${fuzzer}.log," \
      "crashing input build-fuzz/${fuzzer}-*" >&2
    failed=1
    continue
  fi
  echo "fuzz: ${fuzzer} clean: ${runs} runs in ${seconds} s" \
    "(${rate}/s, ${cpu} s of CPU)"
  if [ "${ROSA_FUZZ_KEEP:-0}" = 1 ]; then
    mkdir -p "$kept"
    before=$(find "$kept" -type f | wc -l)
    "build-fuzz/tests/fuzz/${fuzzer}" -merge=1 -rss_limit_mb=2048 \
      -max_len=65536 -timeout=10 "$kept" "$corpus" \
      >>"build-fuzz/${fuzzer}.log" 2>&1
    echo "fuzz: ${fuzzer} corpus ${kept}: ${before} ->" \
      "$(find "$kept" -type f | wc -l) inputs"
  fi
done
if [ "$failed" -ne 0 ]; then exit 1; fi
echo "fuzz: all targets clean"
