#!/usr/bin/env bash
# Proves deploy/check-includes.sh can fail: each bad include below, alone in
# a scratch tree, must make it exit 1 naming the file; a tree of good
# includes must pass; and so must the repository itself.
# Usage: check_includes_test.sh REPO_ROOT
set -euo pipefail
repo="$1"
check="$repo/deploy/check-includes.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# tree NAME FILE INCLUDE [FILE INCLUDE...]: a scratch tree with those files.
tree() {
  local dir="$scratch/$1"; shift
  mkdir -p "$dir"
  while [ $# -gt 0 ]; do
    mkdir -p "$(dirname "$dir/$1")"
    printf '#include "%s"\n' "$2" >>"$dir/$1"
    shift 2
  done
  echo "$dir"
}

expect_fail() {
  local name="$1" named="$2"; shift 2
  local dir out
  dir=$(tree "$name" "$@")
  if out=$("$check" "$dir" 2>&1); then
    echo "FAIL: $name passed the check"; exit 1
  fi
  if ! grep -q -- "$named" <<<"$out"; then
    echo "FAIL: $name: output does not name $named:"; echo "$out"; exit 1
  fi
  echo "ok: $name refused"
}

expect_fail plugin_includes_hub plugins/ks_csv/x.cc \
  plugins/ks_csv/x.cc hub/common/time_util.h
expect_fail plugin_includes_adapters plugins/sdk/y.h \
  plugins/sdk/y.h adapters/file_drop/file_drop.h
expect_fail hub_includes_adapters hub/server/z.h \
  hub/server/z.h adapters/partner_exchange.h
expect_fail hub_includes_app hub/server/w.cc hub/server/w.cc app/hub_server.h
expect_fail common_includes_hub common/c.h common/c.h hub/store/sqlite.h
expect_fail hub_folder_cycle 'include each other' \
  hub/referral/a.cc hub/placement/b.h hub/placement/b.cc hub/consent/c.h \
  hub/consent/c.cc hub/referral/a.h

good=$(tree good plugins/ks_csv/x.cc plugins/sdk/text.h \
  plugins/ks_csv/x.cc common/time_util.h hub/cli/main.cc app/hub_server.h \
  hub/referral/a.cc hub/placement/b.h adapters/f.cc hub/exchange/e.h \
  app/hub_server.cc adapters/partner_exchange.h)
"$check" "$good" >/dev/null || { echo "FAIL: good includes refused"; exit 1; }
echo "ok: good includes pass"
"$check" "$repo"
