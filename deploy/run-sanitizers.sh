#!/usr/bin/env bash
# Builds the whole tree and its tests under a sanitizer in its own build
# folder and runs the unit and integration tests there (issue 14, part 4):
#
#   deploy/run-sanitizers.sh asan            # ASan + UBSan, build-asan/
#   deploy/run-sanitizers.sh tsan            # TSan, build-tsan-whole/, with
#                              # gRPC, protobuf and abseil built with TSan
#   deploy/run-sanitizers.sh tsan 'Watch|Outbox'   # ctest -R regex
#   ROSA_SANITIZE_TARGETS="a b" deploy/run-sanitizers.sh asan [gtest-filter]
#                              # only these test targets, binaries run whole
#                              # (TSan: build-tsan/, against Debian's libraries)
#
# g++ 12, -fno-omit-frame-pointer, -fno-sanitize-recover=all; the runtime
# options (halt_on_error and the rest) are compiled into every executable
# (common/sanitizer_options.cc), so they also hold in the plugin workers,
# which start with an empty environment. Suppressions: deploy/sanitizers/.
# Prints the tests run and passed; exits non-zero on any failure or report.
set -euo pipefail
cd "$(dirname "$0")/.."

kind="${1:-}"
regex="${2:-}"
case "$kind" in
  asan) sanitize="address,undefined" ;;
  tsan) sanitize="thread" ;;
  *) echo "usage: $0 asan|tsan [ctest-regex]" >&2; exit 2 ;;
esac
dir="build-$kind"
supp_tsan=tsan.supp
extra=()
if [ "$kind" = tsan ] && [ -z "${ROSA_SANITIZE_TARGETS:-}" ]; then
  # The whole suite needs gRPC, protobuf and abseil built with TSan too
  # (deploy/sanitizers/build-tsan-deps.sh; an hour the first time), in a
  # build folder of its own so the CI targets' build-tsan/ stays as it is.
  deploy/sanitizers/build-tsan-deps.sh
  dir="build-tsan-whole"
  supp_tsan=tsan-whole.supp
  extra=(-DROSA_TSAN_DEPS="$PWD/build-tsan-deps/prefix")
fi

. deploy/lib/ccache.sh
ccache_launcher "$PWD"
jobs="${ROSA_JOBS:-2}"

cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DROSA_SANITIZE="$sanitize" "${extra[@]}" "${launcher[@]}" >/dev/null
# Suppressions, each with its reason, for reports in code this repository
# does not build (Debian's prebuilt libraries).
supp="$PWD/deploy/sanitizers"
# Every report goes to a file of its own in $reports (log_path), whichever
# process made it: a test binary, or a rosa-hub an integration test started,
# whose own log the test deletes and which is often killed at the end of a
# test that passed. Any such file fails the run.
mkdir -p "$dir"
reports="$PWD/$dir/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="log_path=$reports/report"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export TSAN_OPTIONS="suppressions=$supp/$supp_tsan:print_suppressions=0:log_path=$reports/report"
export UBSAN_OPTIONS="suppressions=$supp/ubsan.supp:print_suppressions=0:log_path=$reports/report"
# Prints the reports written so far and returns non-zero if there is one.
check_reports() {
  local files
  files="$(find "$reports" -type f | sort)"
  [ -z "$files" ] && return 0
  echo "$kind: $(echo "$files" | wc -l) sanitizer report file(s) in $reports:" >&2
  for f in $files; do
    echo "--- $f" >&2
    head -n 40 "$f" >&2
  done
  return 1
}

if [ -n "${ROSA_SANITIZE_TARGETS:-}" ]; then
  # Only these test targets: built, then each binary run whole (a target's
  # ctest names are its GoogleTest cases, not the target).
  targets=()
  for t in $ROSA_SANITIZE_TARGETS; do targets+=(--target "$t"); done
  cmake --build "$dir" -j"$jobs" "${targets[@]}"
  status=0 run=0 passed=0 skipped=0
  for t in $ROSA_SANITIZE_TARGETS; do
    bin="$(find "$dir/tests" -type f -name "$t" -perm -u+x | head -n 1)"
    log="$dir/$t.log"
    if (cd "$(dirname "$bin")" && "./$t" ${regex:+--gtest_filter="$regex"}) \
        >"$log" 2>&1; then
      result=ok
    else
      result=FAILED status=1
      grep -E -A30 '\[  FAILED' "$log" | head -n 60 >&2 || true
    fi
    n="$(grep -oE '^\[==========\] [0-9]+ tests? from' "$log" | tail -n 1 | grep -oE '[0-9]+' | head -n 1)"
    p="$(grep -oE '^\[  PASSED  \] [0-9]+' "$log" | grep -oE '[0-9]+' || echo 0)"
    k="$(grep -oE '^\[  SKIPPED \] [0-9]+' "$log" | grep -oE '[0-9]+' || echo 0)"
    run=$((run + ${n:-0})) passed=$((passed + p)) skipped=$((skipped + k))
    echo "$kind: $t: ${p}/${n:-0} passed, $k skipped ($result, log $log)"
  done
  echo "$kind: $run tests run, $passed passed, $skipped skipped"
  check_reports || status=1
  exit "$status"
fi

cmake --build "$dir" -j"$jobs"
ctest_args=(--output-on-failure --timeout 1800 -j"$jobs"
            --label-exclude 'bench|prometheus')
if [ -n "$regex" ]; then ctest_args+=(-R "$regex"); fi
log="$dir/sanitizer-ctest.log"
status=0
(cd "$dir" && ctest "${ctest_args[@]}") >"$log" 2>&1 || status=$?
grep -E -A60 '^[0-9]+% tests passed' "$log" | grep -vE '^\s*$' | head -n 60
echo "$kind: $(grep -E '^[0-9]+% tests passed' "$log" || echo 'no summary') (log $log)"
check_reports || status=1
exit "$status"
