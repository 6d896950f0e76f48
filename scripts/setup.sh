#!/usr/bin/env bash
# Installs what Shiryo's build and tests need on a fresh Debian/Ubuntu machine; skips what is already there.
# Usage: scripts/setup.sh [--headless]   (--headless: only what the CLI needs: no webkit, node or e2e tools)
set -euo pipefail
cd "$(dirname "$0")/.."

headless=0
[[ ${1:-} == --headless ]] && headless=1

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Debian packages: C toolchain for bundled SQLite; webkit for the desktop shell; Xvfb, WebKitWebDriver and
# poppler for the end-to-end tests; the BIZ UD fonts the UI names.
apt_packages=(build-essential pkg-config)
if ((!headless)); then
  apt_packages+=(libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev xvfb xauth x11-utils xdotool imagemagick
    webkit2gtk-driver poppler-utils fonts-morisawa-bizud-mincho fonts-morisawa-bizud-gothic)
  # LibreOffice converts Office 資料 in the tests (shiryo-convert, `shiryo material`); the product finds it at run
  # time and says what to install when it is missing, so scripts/run-demo.sh does not need it.
  apt_packages+=(libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui)
  # The print test: a private CUPS server (tests/cups/with-cups.sh) with the cups-pdf virtual printer.
  apt_packages+=(cups printer-driver-cups-pdf)
  # Node.js and Python may come from elsewhere (nodesource, pyenv): take Debian's only when missing.
  command -v npm >/dev/null || apt_packages+=(nodejs npm)
  python3 -m venv --help >/dev/null 2>&1 || apt_packages+=(python3 python3-venv)
fi
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

command -v cargo >/dev/null || { echo "setup: cargo not found: install Rust (rustup) first" >&2; exit 1; }
((headless)) && exit 0

# Front-end packages, exactly as locked.
if [[ ! -d ui/node_modules ]] || [[ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]]; then
  (cd ui && npm ci --no-audit --no-fund)
fi

# WebDriver bridge between the test client and WebKitWebDriver.
export PATH="$HOME/.cargo/bin:$PATH"
if ! tauri-driver --help >/dev/null 2>&1; then
  cargo install tauri-driver --version 2.1.0 --locked
fi

# The WebDriver client for the end-to-end tests, in a venv of its own.
venv=target/e2e-venv
if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -c 'import selenium, pytest' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r tests/e2e/requirements.txt
fi
