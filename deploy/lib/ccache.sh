# Sourced by the build scripts: when ccache is installed, fills the array
# `launcher` with the CMake options that compile through it, and hashes the
# paths below `$1` (the source root) relative to it, so that a second
# checkout reuses what the first compiled. Without ccache `launcher` is
# empty.
#   . deploy/lib/ccache.sh; ccache_launcher "$PWD"
#   cmake ... "${launcher[@]}"
ccache_launcher() {
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    export CCACHE_BASEDIR="$1" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache
              -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  fi
}
