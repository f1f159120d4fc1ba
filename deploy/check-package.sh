#!/usr/bin/env bash
# Checks the Debian package on this machine, as an operator would use it:
# builds build/rosa-hub_<version>_<arch>.deb (deploy/package.sh, reusing
# build/), installs it with dpkg -i, checks files, owners and modes, checks
# the unit with systemd-analyze (verify; security 2.0 or lower), creates
# the production PKI as the README says, starts the installed hub as the
# rosa-hub user with the unit's own ExecStart line (systemd need not run),
# waits for SERVING through a real mutual-TLS client and for sd_notify
# READY=1, stops it with SIGTERM (STOPPING=1, exit 0), upgrades in place
# (data kept), then dpkg -r (data and configuration kept) and dpkg -P (both
# removed; the system user stays, see deploy/debian/postrm).
#
# SYSTEM-WIDE: it installs and purges the package rosa-hub, so it needs
# root, and it skips (exit 0, with a message) when not root or when rosa-hub
# is already installed or its directories exist (a real installation is
# never touched). It leaves the machine as it found it: on exit, also after
# a failure, the hub is stopped, the package purged, and the rosa-hub user
# removed if this script created it.
set -euo pipefail
cd "$(dirname "$0")/.."

skip() { echo "check-package: SKIPPED: $*"; exit 0; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "needs root (installs the .deb system-wide)"
if dpkg-query -W -f='${Status}' rosa-hub 2>/dev/null | grep -qv "not-installed"; then
  skip "the rosa-hub package is installed here; not touching it"
fi
for path in /var/lib/rosa-hub /etc/rosa-hub; do
  [ ! -e "$path" ] || skip "$path exists; not touching it"
done
user_existed=no
getent passwd rosa-hub >/dev/null && user_existed=yes

deb=$(deploy/package.sh | tail -n 1)
work=$(mktemp -d /tmp/rosa-check-package.XXXXXX)
chmod 0755 "$work"
hub_pid=
listener_pid=
cleanup() {
  set +e
  [ -n "$hub_pid" ] && kill -KILL "$hub_pid" 2>/dev/null
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null
  dpkg -P rosa-hub >/dev/null 2>&1
  if [ "$user_existed" = no ] && getent passwd rosa-hub >/dev/null; then
    deluser --system --quiet rosa-hub >/dev/null 2>&1
    getent group rosa-hub >/dev/null && delgroup --system --quiet rosa-hub >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

as_hub() { setpriv --reuid rosa-hub --regid rosa-hub --init-groups "$@"; }
expect_stat() {  # path owner:group mode
  local got
  got=$(stat -c '%U:%G %a' "$1") || fail "$1 missing"
  [ "$got" = "$2 $3" ] || fail "$1 is $got, expected $2 $3"
}

echo "check-package: installing $deb"
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i"; }

# Files, owners, modes.
[ -x /usr/bin/rosa-hub ] || fail "/usr/bin/rosa-hub missing"
plugins_built=$(ls build/plugins/*.so | wc -l)
plugins_installed=$(ls /usr/lib/rosa-hub/plugins/*.so | wc -l)
[ "$plugins_built" -eq "$plugins_installed" ] ||
  fail "$plugins_installed plugins installed, $plugins_built built"
if ldd /usr/bin/rosa-hub /usr/lib/rosa-hub/plugins/*.so | grep -q "not found"; then
  fail "an installed binary misses a shared library"
fi
readelf -d /usr/bin/rosa-hub | grep -q 'RUNPATH.*\$ORIGIN/../lib/rosa-hub' ||
  fail "rosa-hub lacks its RUNPATH"
uid=$(id -u rosa-hub)
[ "$uid" -lt 1000 ] || fail "rosa-hub is not a system user (uid $uid)"
expect_stat /var/lib/rosa-hub rosa-hub:rosa-hub 700
expect_stat /var/lib/rosa-hub/keys rosa-hub:rosa-hub 700
expect_stat /var/lib/rosa-hub-backups rosa-hub:rosa-hub 700
expect_stat /etc/rosa-hub/partners.json root:rosa-hub 640
expect_stat /etc/rosa-hub/rosa-hub.conf root:rosa-hub 640
expect_stat /lib/systemd/system/rosa-hub.service root:root 644
dpkg-query -W -f='${Conffiles}\n' rosa-hub | grep -q /etc/rosa-hub/rosa-hub.conf ||
  fail "rosa-hub.conf is not a conffile"

# The unit: valid, and rated 2.0 or lower ("OK") by systemd's own measure
# (systemd-analyze needs no running systemd with --offline).
if command -v systemd-analyze >/dev/null; then
  unit=/lib/systemd/system/rosa-hub.service
  systemd-analyze verify "$unit" >"$work/verify.log" 2>&1 ||
    { cat "$work/verify.log"; fail "systemd-analyze verify"; }
  systemd-analyze security --offline=true --threshold=20 "$unit" \
    >"$work/security.log" 2>&1 ||
    { tail -n 3 "$work/security.log"; fail "the unit rates above 2.0"; }
  exposure=$(grep -o 'exposure level for .*' "$work/security.log")
  echo "check-package: $exposure"
fi

# The production PKI, as the README's "Production PKI" says: the CA lives
# elsewhere (here: $work/ca, standing for the offline CA machine); the hub's
# pki/ gets ca.pem, hub.pem and hub.key only, owned by rosa-hub. The
# packaged hub never makes a PKI by itself: without one it refuses to start.
if as_hub /usr/bin/rosa-hub serve --config /etc/rosa-hub/rosa-hub.conf \
    --listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 \
    >"$work/nopki.log" 2>&1; then
  fail "the hub started without a PKI"
fi
grep -q "no PKI" "$work/nopki.log" || fail "the hub did not say that the PKI is missing"
[ ! -e /var/lib/rosa-hub/pki/ca.key ] || fail "the hub made a CA by itself"
/usr/bin/rosa-hub pki init --pki-dir "$work/ca" \
  --host localhost --host 127.0.0.1 >/dev/null
/usr/bin/rosa-hub pki issue --pki-dir "$work/ca" --partner rosa >/dev/null
install -d -o rosa-hub -g rosa-hub -m 0700 /var/lib/rosa-hub/pki
install -o rosa-hub -g rosa-hub -m 0644 "$work/ca/ca.pem" "$work/ca/hub.pem" \
  /var/lib/rosa-hub/pki/
install -o rosa-hub -g rosa-hub -m 0600 "$work/ca/hub.key" /var/lib/rosa-hub/pki/

# sd_notify's socket, as systemd would offer it (when python3 is there).
notify_log="$work/notify.log"
if command -v python3 >/dev/null; then
  python3 - "$work/notify" "$notify_log" <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o666); s.settimeout(120)
with open(sys.argv[2], "a") as log:
    while True:
        msg = s.recv(4096).decode()
        log.write(msg + "\n"); log.flush()
        if "STOPPING=1" in msg: break
PY
  listener_pid=$!
  for _ in $(seq 1 50); do [ -S "$work/notify" ] && break; sleep 0.1; done
fi

# The unit's own ExecStart, as the rosa-hub user; the check listens on a
# free loopback port and writes the port where it can find it.
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/rosa-hub.service)
read -r -a command <<<"$exec_start"
ready=/var/lib/rosa-hub/check-package.ready
(umask 0077; cd / && exec setpriv --reuid rosa-hub --regid rosa-hub \
  --init-groups env NOTIFY_SOCKET="$work/notify" "${command[@]}" \
  --listen 127.0.0.1:0 --metrics-listen 127.0.0.1:0 --ready-file "$ready") \
  >"$work/hub.log" 2>&1 &
hub_pid=$!
for _ in $(seq 1 300); do [ -s "$ready" ] && break; sleep 0.1; done
[ -s "$ready" ] || { cat "$work/hub.log"; fail "the installed hub did not start"; }
port=$(cat "$ready")
# ROSA's side, with the certificate the CA machine issued to it.
/usr/bin/rosa-hub client health --hub "127.0.0.1:$port" \
  --pki-dir "$work/ca" --partner rosa --wait 30s | grep -qx SERVING ||
  fail "the installed hub is not SERVING over mutual TLS"
expect_stat /var/lib/rosa-hub/rosa-hub.db rosa-hub:rosa-hub 600
kill -TERM "$hub_pid"
wait "$hub_pid" || fail "the hub did not exit 0 on SIGTERM"
hub_pid=
rm -f "$ready"
if [ -n "$listener_pid" ]; then
  wait "$listener_pid" || true
  listener_pid=
  grep -q "READY=1" "$notify_log" || fail "no sd_notify READY=1"
  grep -q "STOPPING=1" "$notify_log" || fail "no sd_notify STOPPING=1"
fi

# Upgrade in place (the same version again runs the upgrade path): data,
# keys and PKI stay.
db_before=$(sha256sum /var/lib/rosa-hub/rosa-hub.db | cut -d' ' -f1)
dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "upgrade"; }
[ "$(sha256sum /var/lib/rosa-hub/rosa-hub.db | cut -d' ' -f1)" = "$db_before" ] ||
  fail "the upgrade changed the database"
[ -f /var/lib/rosa-hub/pki/hub.key ] || fail "the upgrade lost the PKI"

# Remove keeps data and configuration; purge removes both.
dpkg -r rosa-hub >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -r"; }
[ ! -e /usr/bin/rosa-hub ] || fail "dpkg -r left the binary"
[ -f /var/lib/rosa-hub/rosa-hub.db ] || fail "dpkg -r removed the database"
[ -d /var/lib/rosa-hub/keys ] || fail "dpkg -r removed the keys"
[ -f /etc/rosa-hub/rosa-hub.conf ] || fail "dpkg -r removed the configuration"
dpkg -P rosa-hub >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -P"; }
[ ! -e /var/lib/rosa-hub ] || fail "dpkg -P left /var/lib/rosa-hub"
[ ! -e /etc/rosa-hub ] || fail "dpkg -P left /etc/rosa-hub"
[ -d /var/lib/rosa-hub-backups ] || fail "dpkg -P removed the backups"
getent passwd rosa-hub >/dev/null || fail "dpkg -P removed the system user"

echo "check-package: OK ($deb: install, PKI, SERVING as rosa-hub, upgrade, remove, purge)"
