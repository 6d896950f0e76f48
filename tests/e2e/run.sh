#!/usr/bin/env bash
# Builds the UI and the desktop binary, then drives the real app under Xvfb (tests/e2e).
# Needs: node/npm, webkit2gtk-4.1 dev files, xvfb, WebKitWebDriver, tauri-driver, python3 selenium + pytest.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root/ui"
if [ ! -d node_modules ]; then
  npm ci
fi
# The desktop shell embeds ui/dist: a build newer than every source of the UI is kept (scripts/test.sh has just
# made it), since a rebuild would change its files' times and so recompile the shell.
if [[ ! -f dist/index.html ]] ||
  [[ -n $(find src index.html package.json package-lock.json vite.config.* svelte.config.js tsconfig*.json -newer dist/index.html 2>/dev/null | head -n1) ]]; then
  npm run build
fi

cd "$root"
# The same build as `cargo test --workspace` (src-tauri's integration test needs the binary): building
# `-p shiryo-desktop` alone would unify features differently and rebuild the whole Tauri graph. The feature
# `e2e-hooks` (save dialogs answer in SHIRYO_EXPORT_DIR) enables nothing in a dependency: only shiryo-desktop
# itself is compiled again, and scripts/test.sh runs its tests with the same feature, so CI builds it once.
cargo test --workspace --locked --no-run --features shiryo-desktop/e2e-hooks

# xvfb-run's default screen (640x480x8) is smaller than the window's minimum size, and the
# test makes the window tall for a screenshot of the whole 次第.
# scripts/setup.sh installs selenium and pytest into this venv (tests/e2e/requirements.txt).
python=target/e2e-venv/bin/python
[ -x "$python" ] || python=python3
xvfb-run -a -s "-screen 0 1600x2000x24" "$python" -m pytest -q tests/e2e "$@"
