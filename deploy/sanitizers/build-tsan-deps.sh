#!/usr/bin/env bash
# Builds abseil, protobuf and gRPC with ThreadSanitizer from Debian's own
# sources, for the TSan run of the whole suite (issue 14, part 4):
#
#   deploy/sanitizers/build-tsan-deps.sh     # into build-tsan-deps/prefix
#
# Why: TSan sees only code built with it. Debian's prebuilt gRPC and abseil
# synchronise the hub's gRPC reactors, its absl::Mutex and absl::Status in
# code TSan cannot see, so a TSan run against them reports races that are
# not there, and suppressing those libraries hides real ones (README,
# "Sanitizer builds"). The same versions Debian installed, with Debian's
# patches, are fetched with `apt-get source` through a private apt state
# (build-tsan-deps/apt: the machine's apt configuration is not touched) and
# built with -fsanitize=thread into one prefix, which deploy/run-sanitizers.sh
# tsan puts first (-DROSA_TSAN_DEPS). OpenSSL, zlib, c-ares and re2 stay
# Debian's: they take no part in the hub's synchronisation.
#
# About 20 minutes on 2 cores (gRPC's core is most of it); ccache makes a rerun
# short. The result is reused while the installed Debian versions match the
# stamp in the prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."

top="$PWD/build-tsan-deps"
prefix="$top/prefix"
jobs="${ROSA_JOBS:-2}"

# The source versions of the binary packages the hub builds against.
source_version() { dpkg-query -W -f='${source:Version}' "$1"; }
absl_v="$(source_version libabsl-dev)"
protobuf_v="$(source_version libprotobuf-dev)"
grpc_v="$(source_version libgrpc++-dev)"
stamp="abseil=$absl_v protobuf=$protobuf_v grpc=$grpc_v"
if [ -f "$prefix/stamp" ] && [ "$(cat "$prefix/stamp")" = "$stamp" ]; then
  echo "tsan deps: up to date in $prefix ($stamp)"
  exit 0
fi

# Debian's source packages, through a private apt state (dpkg-source
# unpacks them and applies Debian's patches).
command -v dpkg-source >/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dpkg-dev >/dev/null
apt_dir="$top/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$top/src"
sed -n 's/^URIs: //p' /etc/apt/sources.list.d/debian.sources |
  sort -u >"$apt_dir/uris"
: >"$apt_dir/sources.list"
while read -r uri; do
  case "$uri" in
    *debian-security*) suite=bookworm-security ;;
    *) suite=bookworm ;;
  esac
  echo "deb-src $uri $suite main" >>"$apt_dir/sources.list"
done <"$apt_dir/uris"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list"
          -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$apt_dir/lists"
          -o "Dir::Cache=$apt_dir")
apt-get "${apt_opts[@]}" -qq update
(cd "$top/src" &&
   apt-get "${apt_opts[@]}" -qq source "abseil=$absl_v" \
     "protobuf=$protobuf_v" "grpc=$grpc_v" >/dev/null 2>&1)
upstream() { echo "${1#*:}" | sed 's/-[^-]*$//'; }
absl_src="$top/src/abseil-$(upstream "$absl_v")"
protobuf_src="$top/src/protobuf-$(upstream "$protobuf_v")"
grpc_src="$top/src/grpc-$(upstream "$grpc_v")"

. deploy/lib/ccache.sh
ccache_launcher "$top"
flags="-fsanitize=thread -fno-omit-frame-pointer"
common=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX="$prefix"
        -DCMAKE_INSTALL_LIBDIR=lib -DCMAKE_PREFIX_PATH="$prefix"
        -DBUILD_SHARED_LIBS=ON -DCMAKE_C_FLAGS="$flags"
        -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
        -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread
        -DCMAKE_INSTALL_RPATH="$prefix/lib" "${launcher[@]}")
build() {  # name source-dir cmake-args...
  local name="$1" src="$2"
  shift 2
  echo "tsan deps: building $name ($(date -u +%H:%M:%S))"
  cmake -S "$src" -B "$top/build/$name" "${common[@]}" "$@" >"$top/$name.log"
  cmake --build "$top/build/$name" -j"$jobs" >>"$top/$name.log" 2>&1 ||
    { tail -n 40 "$top/$name.log" >&2; exit 1; }
  cmake --install "$top/build/$name" >>"$top/$name.log"
}

rm -rf "$prefix"
# Debian builds abseil as C++17 (its options.h fixes absl's own types).
build abseil "$absl_src" -DCMAKE_CXX_STANDARD=17 -DABSL_PROPAGATE_CXX_STD=ON
build protobuf "$protobuf_src" -Dprotobuf_BUILD_TESTS=OFF \
  -Dprotobuf_BUILD_SHARED_LIBS=ON -Dprotobuf_BUILD_PROTOC_BINARIES=ON
# gRPC as Debian configures it, with its codegen for C++ only.
build grpc "$grpc_src" -DgRPC_ABSL_PROVIDER=package \
  -DgRPC_CARES_PROVIDER=package -DgRPC_PROTOBUF_PROVIDER=package \
  -DgRPC_PROTOBUF_PACKAGE_TYPE=CONFIG -DgRPC_RE2_PROVIDER=package \
  -DgRPC_SSL_PROVIDER=package -DgRPC_ZLIB_PROVIDER=package \
  -DgRPC_BUILD_TESTS=OFF -DgRPC_BUILD_CSHARP_EXT=OFF \
  -DgRPC_BUILD_GRPC_CSHARP_PLUGIN=OFF -DgRPC_BUILD_GRPC_NODE_PLUGIN=OFF \
  -DgRPC_BUILD_GRPC_OBJECTIVE_C_PLUGIN=OFF -DgRPC_BUILD_GRPC_PHP_PLUGIN=OFF \
  -DgRPC_BUILD_GRPC_PYTHON_PLUGIN=OFF -DgRPC_BUILD_GRPC_RUBY_PLUGIN=OFF
echo "$stamp" >"$prefix/stamp"
echo "tsan deps: built in $prefix ($stamp, $(date -u +%H:%M:%S))"
