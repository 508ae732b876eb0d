#!/usr/bin/env bash
# Copies a sample of the fuzz corpus (the smallest inputs of each target,
# which libFuzzer keeps because each added coverage) into tests/fuzz_cases/,
# where `cargo test` replays them (tests/it/fuzz_cases.rs).
#   scripts/keep-fuzz-cases.sh [COUNT_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-40}"
for t in reply_parser config_loader reloadly_decode; do
    [ -d "fuzz/corpus/$t" ] || continue
    mkdir -p "tests/fuzz_cases/$t"
    # Spread the sample over sizes: every Nth file by size.
    mapfile -t files < <(find "fuzz/corpus/$t" -type f -printf '%s %p\n' | sort -n | awk '{print $2}')
    n=${#files[@]}
    [ "$n" -gt 0 ] || continue
    step=$(( n / count > 0 ? n / count : 1 ))
    for ((i = 0; i < n; i += step)); do cp "${files[$i]}" "tests/fuzz_cases/$t/"; done
    cp fuzz/seeds/"$t"/* "tests/fuzz_cases/$t/" 2>/dev/null || true
done
du -sh tests/fuzz_cases
