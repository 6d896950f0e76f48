#!/usr/bin/env bash
# Runs a command with a private CUPS server that has one virtual printer, `ShiryoPDF` (cups-pdf), then stops
# the server and removes what it added. The server is a `cupsd` of its own (no systemd needed: it runs in the
# foreground of a background job), with its configuration, spool and logs in a temporary folder and a Unix socket
# for clients; `lp`/`lpstat` reach it through CUPS_SERVER. The machine's own CUPS, if any, is not touched.
#
# Usage: tests/cups/with-cups.sh COMMAND...   (as root, or with sudo; Debian packages cups, printer-driver-cups-pdf)
# The command sees CUPS_SERVER (the socket), SHIRYO_TEST_PRINTER (the printer's name) and SHIRYO_TEST_CUPS_OUT
# (where cups-pdf writes one PDF per job), plus SHIRYO_TEST_CUPS_DOWN, a socket nobody listens on (a stopped CUPS).
set -euo pipefail

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
for tool in cupsd lpadmin lp lpstat; do
  command -v "$tool" >/dev/null || { echo "with-cups: $tool not found (apt-get install cups printer-driver-cups-pdf)" >&2; exit 1; }
done
[[ -x /usr/lib/cups/backend/cups-pdf ]] || as_root test -x /usr/lib/cups/backend/cups-pdf ||
  { echo "with-cups: the cups-pdf backend is missing (apt-get install printer-driver-cups-pdf)" >&2; exit 1; }
ppd=$(ls /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd /usr/share/cups/model/CUPS-PDF_opt.ppd 2>/dev/null | head -n1 || true)
[[ -n $ppd ]] || { echo "with-cups: the CUPS-PDF PPD is missing" >&2; exit 1; }

root=$(mktemp -d "${TMPDIR:-/tmp}/shiryo-cups.XXXXXX")
chmod 755 "$root"
mkdir -p "$root/etc/ppd" "$root/spool/tmp" "$root/cache" "$root/run" "$root/log" "$root/out"
# cups-pdf runs jobs as their user (or nobody): the output folder is open to all, in a temporary folder only.
chmod 1777 "$root/out"
printer=ShiryoPDF
# cups-pdf reads its settings from /etc/cups/cups-pdf-<instance>.conf for the device URI cups-pdf:/<instance>
# (the path is compiled in); the instance name is unique to this run and the file is removed afterwards.
instance="shiryotest$$"
conf=/etc/cups/cups-pdf-$instance.conf

cat >"$root/cups-files.conf" <<CONF
ServerRoot $root/etc
RequestRoot $root/spool
TempDir $root/spool/tmp
CacheDir $root/cache
StateDir $root/run
ErrorLog $root/log/error_log
AccessLog $root/log/access_log
PageLog $root/log/page_log
FileDevice No
CONF
cat >"$root/etc/cupsd.conf" <<CONF
Listen $root/cups.sock
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat <<CONF | as_root tee "$conf" >/dev/null
Out $root/out
AnonDirName $root/out
UserUMask 0000
Label 1
TitlePref 1
CONF

pid=
cleanup() {
  set +e
  [[ -n $pid ]] && as_root kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  as_root rm -f "$conf"
  as_root rm -rf "$root"
}
trap cleanup EXIT
# Killed or interrupted, still stop the server (bash runs the EXIT trap only on a normal exit).
trap 'exit 143' TERM HUP
trap 'exit 130' INT

# Started directly (not through the as_root function, whose background subshell would be what $! names): the
# pid killed at the end is cupsd's own (or sudo's, which passes the signal on).
if [[ $(id -u) -eq 0 ]]; then
  cupsd -f -c "$root/etc/cupsd.conf" -s "$root/cups-files.conf" &
else
  sudo cupsd -f -c "$root/etc/cupsd.conf" -s "$root/cups-files.conf" &
fi
pid=$!
export CUPS_SERVER=$root/cups.sock
for _ in $(seq 1 100); do
  [[ -S $CUPS_SERVER ]] && lpstat -r >/dev/null 2>&1 && break
  sleep 0.1
done
lpstat -r >/dev/null 2>&1 || { echo "with-cups: cupsd did not start:" >&2; cat "$root/log/error_log" >&2 || true; exit 1; }
as_root env CUPS_SERVER="$CUPS_SERVER" lpadmin -p "$printer" -E -v "cups-pdf:/$instance" -P "$ppd"
export SHIRYO_TEST_PRINTER=$printer SHIRYO_TEST_CUPS_OUT=$root/out SHIRYO_TEST_CUPS_DOWN=$root/stopped.sock
echo "with-cups: cupsd $pid on $CUPS_SERVER, printer $printer writes to $SHIRYO_TEST_CUPS_OUT" >&2
"$@"
