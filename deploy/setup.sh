#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages rosa-hub needs to build, run and
# test. Idempotent: installs only what is missing, without prompts.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates tzdata
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc   # gRPC 1.51
  protobuf-compiler libprotobuf-dev                  # protobuf 3.21
  libabsl-dev                                        # absl::Status, time
  libssl-dev                                         # OpenSSL 3: TLS, PKI, hashing
  libsqlite3-dev                                     # the embedded store
  libboost-dev libboost-filesystem-dev               # Boost.DLL (plugins)
  libseccomp-dev                                     # plugin workers' system-call filter
  nlohmann-json3-dev                                 # JSON (registry, JSON plugins)
  libxml2-dev                                        # XML (iom-avrr plugin)
  libcli11-dev                                       # command line
  libspdlog-dev                                      # logging
  libgtest-dev libgmock-dev                          # tests
  clang-14 libclang-rt-14-dev                        # libFuzzer + ASan/UBSan
  ccache                                             # rebuilds reuse objects (CI builds twice)
  libsystemd-dev                                     # sd_notify: Type=notify under systemd
  dpkg-dev                                           # dpkg-shlibdeps for the .deb (deploy/package.sh)
  adduser                                            # the package's postinst makes the system user
  libcpp-httplib-dev                                 # HTTP(S) for /metrics and the web console
  libsodium-dev                                      # web console: Argon2id password hashes, random tokens
  liboath-dev                                        # web console: TOTP one-time codes
  prometheus                                         # promtool: checks deploy/prometheus/ and the live scrape
  systemd                                            # systemd-analyze: checks the unit's security score (check-package.sh)
  chromium                                           # the console's browser tests (headless, DevTools protocol)
  nodejs                                             # runs the browser tests' puppeteer-core script
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# npm installs the browser tests' pinned puppeteer-core (tests/browser). A
# nodejs from elsewhere (NodeSource) ships its own npm and conflicts with
# Debian's package, so Debian's npm is installed only when there is none.
if ! command -v npm >/dev/null; then
  missing+=(npm)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: run as root (or install sudo)" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"

# The prometheus package is here for promtool only: its own server, which
# the package starts under systemd, must not keep running on a build or
# CI machine.
if [[ " ${missing[*]} " == *" prometheus "* ]] && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now prometheus.service >/dev/null 2>&1 || true
fi
