#!/usr/bin/env bash
# Runs Shiryo on the bundled demo meeting (令和５年６月５日 合同会議), installing what is missing first.
# With a display: the desktop app (its workspace starts with the demo meeting). Without one (or with
# --headless): the CLI creates a demo workspace under target/demo/, prints the meeting's 次第 and exports the
# whole packet as target/demo/packet.pdf.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} && ${1:-} != --headless ]]; then
  scripts/setup.sh
  (cd ui && npm run build)
  cargo build --locked -p shiryo-desktop
  exec target/debug/shiryo-desktop
fi

scripts/setup.sh --headless
cargo build --locked -q -p shiryo-cli
mkdir -p target/demo
db=target/demo/demo.shiryo
rm -f "$db" "$db-wal" "$db-shm"
target/debug/shiryo demo --db "$db" --pdf target/demo/packet.pdf
target/debug/shiryo show --db "$db"
