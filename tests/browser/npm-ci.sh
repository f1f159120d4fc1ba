#!/usr/bin/env bash
# Test set-up of the browser tests (a ctest fixture): installs the pinned
# puppeteer-core of tests/browser/package-lock.json into <build dir>/node_modules
# with `npm ci`. No browser is downloaded: the tests drive Debian's
# /usr/bin/chromium. Runs npm again only when the lock file changed.
# Usage: npm-ci.sh <tests/browser source dir> <build dir>
set -euo pipefail
src="$1"
out="$2"
mkdir -p "$out"
if [ -d "$out/node_modules/puppeteer-core" ] &&
   cmp -s "$src/package-lock.json" "$out/package-lock.json"; then
  exit 0
fi
command -v node >/dev/null || { echo "npm-ci: node is missing (deploy/setup.sh installs nodejs)" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm-ci: npm is missing (deploy/setup.sh installs npm)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "npm-ci: /usr/bin/chromium is missing (deploy/setup.sh installs chromium)" >&2; exit 1; }
cp "$src/package.json" "$src/package-lock.json" "$out/"
cd "$out"
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
