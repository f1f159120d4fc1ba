#!/usr/bin/env bash
# Builds the Debian package build/rosa-hub_<version>_amd64.deb (CPack DEB;
# layout in deploy/packaging.cmake, maintainer scripts in deploy/debian/,
# the unit in deploy/systemd/). Reuses build/: only the hub and its plugins
# are (re)built. Prints the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/setup.sh
deploy/build.sh rosa-hub
version=$(sed -n 's/^project(rosa_hub VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
arch=$(dpkg --print-architecture)
deb="build/rosa-hub_${version}_${arch}.deb"
rm -f "$deb"
(cd build && cpack -G DEB --config CPackConfig.cmake >cpack.log 2>&1) || {
  tail -n 30 build/cpack.log >&2
  exit 1
}
test -f "$deb"
echo "$deb"
