#!/usr/bin/env bash
# Checks that every #include points down the layers (README, "Layout"):
#
#   app/       the assembled hub (HubServer); only hub/cli includes it
#   adapters/  transports (gRPC gateway, file drop)
#   hub/       the core; hub/cli is the executable
#   plugins/   partner formats: plugins/sdk and their own folder only
#   common/    the neutral bottom layer: nothing of the above
#
# It fails, naming file and include, when a file under plugins/ includes
# hub/, adapters/ or app/; a file under hub/ includes adapters/ (or app/,
# outside hub/cli); a file under adapters/ includes app/; a file under
# common/ includes hub/, plugins/, adapters/ or app/; or when the folders
# under hub/ include each other in a cycle (tsort finds it).
#
# Usage: deploy/check-includes.sh [ROOT]   (default: the repository root)
set -euo pipefail
root="${1:-$(cd "$(dirname "$0")/.." && pwd)}"
cd "$root"

failed=0

# Prints "file:line:include" for every quoted include of files under $1.
includes() {
  [ -d "$1" ] || return 0
  grep -rnE --include='*.h' --include='*.cc' \
    '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]+"' "$1" |
    sed -E 's/^([^:]+):([0-9]+):.*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1:\2:\3/'
}

# forbid DIR PATTERN REASON [EXCEPT]: includes under DIR matching PATTERN
# (an extended regex on the included path) are errors, except from files
# whose path matches EXCEPT.
forbid() {
  local dir="$1" pattern="$2" reason="$3" except="${4:-}"
  local line file
  while IFS= read -r line; do
    file="${line%%:*}"
    if [ -n "$except" ] && [[ "$file" =~ $except ]]; then continue; fi
    if [[ "${line##*:}" =~ $pattern ]]; then
      echo "check-includes: ${line%:*}: includes \"${line##*:}\": $reason" >&2
      failed=1
    fi
  done < <(includes "$dir")
}

forbid plugins '^(hub|adapters|app)/' \
  'plugins/ includes only plugins/sdk, common/ and its own folder'
forbid hub '^adapters/' 'hub/ never includes adapters/'
forbid hub '^app/' 'only the executable (hub/cli) includes app/' '^hub/cli/'
forbid adapters '^app/' 'adapters/ never includes app/'
forbid common '^(hub|plugins|adapters|app)/' \
  'common/ is the bottom layer: it includes nothing above it'

# Folder cycles among hub/*: one edge per (including folder, included
# folder); tsort fails on a loop and names its members.
edges=$(includes hub |
  sed -nE 's#^hub/([^/]+)/[^:]*:[0-9]+:hub/([^/]+)/.*#\1 \2#p' |
  awk '$1 != $2' | sort -u)
if [ -n "$edges" ]; then
  if ! loop=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null) ||
     [ -n "$loop" ]; then
    echo "check-includes: folders under hub/ include each other:" >&2
    printf '%s\n' "$loop" | sed -n 's/^tsort: /  /p' >&2
    failed=1
  fi
fi

if [ "$failed" -ne 0 ]; then
  echo "check-includes: FAILED (see the layers at the top of $0)" >&2
  exit 1
fi
echo "check-includes: every include points down"
