#!/usr/bin/env bash
# Builds the plugin decoders' libFuzzer targets with clang-14 (ASan + UBSan)
# in build-fuzz/ and runs each for a bounded time, seeded from the shared
# sample files and the corpus kept in the repo (tests/fuzz/corpus/<format>/).
# Fails on any crash, leak or sanitizer report. With ROSA_FUZZ_KEEP=1 (the
# reliability campaign sets it) the inputs of the run that reach new code
# are merged into tests/fuzz/corpus/<format>/ (libFuzzer -merge=1), to be
# committed.
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

for fuzzer in "${fuzzers[@]}"; do
  plugin="${fuzzer%_fuzz}"
  samples="tests/testdata/partner-formats/${plugin//_/-}"
  # libFuzzer adds what it finds to its first corpus folder: keep that out
  # of the source tree.
  kept="tests/fuzz/corpus/${plugin//_/-}"
  corpus="build-fuzz/corpus/${fuzzer}"
  mkdir -p "$corpus"
  if [ -d "$samples" ]; then cp -f "$samples"/* "$corpus"/; fi
  if [ -d "$kept" ]; then cp -f "$kept"/* "$corpus"/ 2>/dev/null || true; fi
  echo "fuzz: ${fuzzer} for ${seconds} s"
  status=0
  "build-fuzz/tests/fuzz/${fuzzer}" -max_total_time="$seconds" \
    -rss_limit_mb=2048 -max_len=65536 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/${fuzzer}-" "$corpus" \
    >"build-fuzz/${fuzzer}.log" 2>&1 || status=$?
  tail -n 12 "build-fuzz/${fuzzer}.log"
  if [ "$status" -ne 0 ]; then
    echo "fuzz: ${fuzzer} FAILED (exit ${status}); log build-fuzz/${fuzzer}.log," \
      "crashing input build-fuzz/${fuzzer}-*" >&2
    exit 1
  fi
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
echo "fuzz: all targets clean"
