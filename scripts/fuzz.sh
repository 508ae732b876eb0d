#!/usr/bin/env bash
# Runs the fuzz targets (fuzz/fuzz_targets/) with cargo-fuzz (libFuzzer).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Default: 600 s each for reply_parser, config_loader and reloadly_decode.
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain build them. Crashes land in fuzz/artifacts/<target>/; the corpus in
# fuzz/corpus/<target>/ (both git-ignored). Interesting inputs are kept as
# regular tests in tests/it/fuzz_cases.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(reply_parser config_loader reloadly_decode)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O "${targets[@]/#/}" >/dev/null 2>&1 || cargo fuzz build -O
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    if [ -d "fuzz/seeds/$t" ]; then cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true; fi
    echo "== $t for ${seconds}s"
    cargo fuzz run -O "$t" "fuzz/corpus/$t" -- -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=1024 2>&1 | tail -n 3
done
