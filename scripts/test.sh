#!/usr/bin/env bash
# Every test of Shiryo, as CI runs it: formatting, lints, the Rust workspace (with the desktop shell), the
# IPC bindings' freshness, the UI's checks and tests, and the end-to-end test of the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "ui: build (the desktop shell embeds ui/dist)"
(cd ui && npm run build)

step "cargo fmt --check"
cargo fmt --all -- --check

# `e2e-hooks`: the test build of the desktop shell (save dialogs answer in SHIRYO_EXPORT_DIR), the same build
# tests/e2e/run.sh drives, so the shell is compiled once; the shipped binary is built without it.
step "cargo clippy (workspace, all targets, -D warnings)"
cargo clippy --workspace --all-targets --locked --features shiryo-desktop/e2e-hooks -- -D warnings

step "cargo test (workspace, including src-tauri)"
cargo test --workspace --locked --features shiryo-desktop/e2e-hooks

step "print: shiryo print to a private CUPS server with the cups-pdf virtual printer"
SHIRYO_REQUIRE_CUPS=1 tests/cups/with-cups.sh cargo test -p shiryo-cli --test print --locked

step "fuzz: build the cargo-fuzz targets, run each from its seeds for 15 s"
fuzz/run.sh 15

step "IPC bindings are up to date (ts-rs output committed)"
if [[ -n $(git status --porcelain -- ui/src/ipc/generated) ]]; then
  git status --porcelain -- ui/src/ipc/generated
  git --no-pager diff -- ui/src/ipc/generated
  echo "ui/src/ipc/generated is stale: run 'cargo test -p shiryo-app' and commit the result" >&2
  exit 1
fi

step "ui: svelte-check and vitest"
(cd ui && npm run check && npm test)

step "end-to-end: the real app through tauri-driver + WebKitWebDriver under Xvfb"
# Under a private CUPS server, so that the export panel's 印刷… reaches the cups-pdf virtual printer.
SHIRYO_REQUIRE_CUPS=1 tests/cups/with-cups.sh tests/e2e/run.sh
