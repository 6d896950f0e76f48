#!/usr/bin/env bash
# Every test of Shiryo, as CI runs it: formatting, lints, the Rust workspace (with the desktop shell), the
# IPC bindings' freshness, the UI's checks and tests, and the end-to-end test of the real app under Xvfb.
# The fuzz campaign (fuzz/run.sh) is not part of it: its instrumented build of the whole dependency graph and the
# install of cargo-fuzz take about 11 of CI's 45 minutes on a fresh 2-core machine. Every input that ever crashed a
# target is replayed through the targets' own calls by `cargo test` (tests/fuzz_regressions.rs); see
# docs/reliability.md, section 5.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Each step says how long the one before it took (seconds), so that a slow CI run shows where its time went.
last=$SECONDS
step() { printf '\n(%d s)\n==> %s\n' "$((SECONDS - last))" "$*"; last=$SECONDS; }

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

step "cargo test (workspace, including src-tauri), under a private CUPS server with the cups-pdf virtual printer"
# The whole workspace at once, so that `shiryo print` (crates/shiryo-cli/tests/print.rs) reaches a real printer
# without a build of its own: `cargo test -p shiryo-cli` alone would unify features differently and rebuild.
SHIRYO_REQUIRE_CUPS=1 tests/cups/with-cups.sh cargo test --workspace --locked --features shiryo-desktop/e2e-hooks

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

step "all passed"
