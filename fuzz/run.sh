#!/usr/bin/env bash
# Builds the fuzz targets (cargo fuzz, libFuzzer + AddressSanitizer, overflow checks on) and runs each one for
# a fixed time from its seed corpus (fuzz/seeds.py: the repository's fixtures, demo assets and past crashes).
# A crash stops the run with its input in fuzz/artifacts/<target>/; keep it as a regression test under
# tests/fixtures/fuzz-regressions/<target>/ once fixed.
# Usage: fuzz/run.sh [seconds per target (default 20)] [target...]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
# Only a stable toolchain is installed: RUSTC_BOOTSTRAP lets cargo-fuzz pass its -Z sanitizer flags to it.
export RUSTC_BOOTSTRAP=1

# cargo-fuzz, once (libFuzzer's C++ part builds with build-essential's compiler: scripts/setup.sh).
if [[ $(cargo fuzz --version 2>/dev/null) != "cargo-fuzz 0.13.2" ]]; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

seconds=${1:-20}
shift || true
mapfile -t targets < <(if (($#)); then printf '%s\n' "$@"; else cargo fuzz list; fi)

python3 seeds.py
# fuzz/Cargo.lock is committed: after a dependency change in shiryo-core/-kpi/-shinkyu/-print, run
# `cargo update --workspace --manifest-path fuzz/Cargo.toml` and commit the lock file.
if ! cargo fetch --locked --quiet; then
  echo "fuzz/Cargo.lock is stale: run 'cargo update --workspace --manifest-path fuzz/Cargo.toml' and commit it" >&2
  exit 1
fi
# FUZZ_BUILD=quick (the default): a debug build without a sanitizer (dependencies at opt-level 1), the
# quicker one; panics, overflows, out-of-memory and timeouts are still found.
# FUZZ_BUILD=full (long campaigns): optimised, with AddressSanitizer and overflow checks.
# The build goes to a folder outside the checkout, kept between runs: the instrumented dependency graph (printpdf
# and its layout engine, lopdf, calamine) takes ~15 CPU-minutes from scratch, then only Shiryo's crates rebuild.
target=${SHIRYO_FUZZ_TARGET_DIR:-$HOME/.cache/shiryo/fuzz-target}
case ${FUZZ_BUILD:-quick} in
  quick) cargo fuzz build --dev --sanitizer none --target-dir "$target" && profile=debug ;;
  full) cargo fuzz build -O --debug-assertions --codegen-units 16 --target-dir "$target" && profile=release ;;
  *) echo "FUZZ_BUILD is quick or full" >&2; exit 2 ;;
esac
bin=$target/x86_64-unknown-linux-gnu/$profile

total=0
for t in "${targets[@]}"; do
  mkdir -p "artifacts/$t"
  log=$(mktemp)
  status=0
  # -max_len: large seeds are kept whole, new inputs stay small enough for many executions per second.
  "$bin/$t" "corpus/$t" -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 -timeout=20 \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  total=$((total + ${runs:-0}))
  if ((status != 0)); then
    tail -n 60 "$log" >&2
    echo "fuzz: $t: CRASH after ${runs:-?} executions; input saved in fuzz/artifacts/$t/" >&2
    rm -f "$log"
    exit 1
  fi
  echo "fuzz: $t: ${runs:-0} executions in ${seconds} s, no crash"
  rm -f "$log"
done
echo "fuzz: ${#targets[@]} targets, $total executions, no crash"
