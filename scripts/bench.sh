#!/usr/bin/env bash
# Benchmarks (not run by `cargo test` or CI: slow, and noisy on shared machines).
#
#   scripts/bench.sh                 everything, with a summary table at the end
#   BENCH_RUNS=50 FLEET_RUNS=7 scripts/bench.sh
#
# Whole-process timings of the release binary with hyperfine (each run a new
# process; sandbox, fixed clock, temporary state), `topup history --json` over
# a 100,000-order ledger, the `history` table over 1,000,000 orders (first
# screen on a pseudo-terminal through the pager, whole table's time and peak
# memory: scripts/first_screen.py), the in-process ledger and config benches
# (criterion, `cargo bench --bench ledger`, `--bench config`) and `topup auto`
# against a delayed Reloadly stand-in (`cargo bench --bench fleet`): 300 lines
# at 100 ms and concurrency 16, on this disk and with every disk sync 5 ms
# slower (an LD_PRELOAD shim), then 1,000 and 10,000 lines at 20 ms and
# concurrency 64. Results land in target/bench/; the exit status is 1 when a
# target is missed. FLEET_RUNS sets the fleet's runs (5), HISTORY_RUNS the
# 1,000,000-order history's (5).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${BENCH_RUNS:-30}
FLEET_RUNS=${FLEET_RUNS:-5}
HISTORY_RUNS=${HISTORY_RUNS:-5}
TARGET_DIR=${CARGO_TARGET_DIR:-target}
OUT="$TARGET_DIR/bench"
NOW=2026-11-25T12:00:00Z
mkdir -p "$OUT"

# Fresh machines start without these.
if ! command -v hyperfine >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1 ||
    ! command -v less >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq hyperfine python3 less gcc >/dev/null
fi

echo "== building (release)" >&2
cargo build --release --bin topup --example seed_ledger
BIN="$TARGET_DIR/release/topup"
SEED="$TARGET_DIR/release/examples/seed_ledger"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A clean environment: no config (so the built-in sandbox), temporary state;
# cargo and rustup keep finding their own homes.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_STATE_HOME="$work/home/.state"
export TOPUP_STATE_DIR="$work/state" TOPUP_NOW="$NOW" NO_COLOR=1
unset TOPUP_CONFIG TOPUP_SANDBOX_FAULT TOPUP_MMCLI TOPUP_RELOADLY_CLIENT_SECRET
mkdir -p "$HOME"

hf() { # name, command...
    local name=$1
    shift
    hyperfine --shell=none --warmup 5 --runs "$RUNS" --export-json "$OUT/$name.json" "$@"
}

strip -o "$OUT/topup.stripped" "$BIN"
stat -c %s "$OUT/topup.stripped" >"$OUT/binary_bytes"

echo "== whole process (hyperfine, $RUNS runs each)" >&2
hf version "$BIN --version"
hf plans "$BIN plans"
hf balance "$BIN balance"

echo "== history --json over 100,000 orders" >&2
"$SEED" "$work/history/ledger.sqlite3" 100000 "$NOW"
TOPUP_STATE_DIR="$work/history" hf history "$BIN history --json"

echo "== history table over 1,000,000 orders ($HISTORY_RUNS runs)" >&2
"$SEED" "$work/million/ledger.sqlite3" 1000000 "$NOW"
# A config of its own (not the built-in sandbox), so the table starts as it
# does for a user: after asking the ledger whether any order was a sandbox one.
printf '[lines.casa]\nmsisdn = "+56 9 8765 4321"\noperator = "entel"\nbalance = "sandbox"\npay = "sandbox"\n' \
    >"$work/million.toml"
# The first run migrates the seeded ledger (if the schema moved on): not timed.
TOPUP_STATE_DIR="$work/million" "$BIN" --config "$work/million.toml" history --json >/dev/null
TOPUP_STATE_DIR="$work/million" python3 scripts/first_screen.py "$HISTORY_RUNS" "$OUT/history_1m.json" \
    "$BIN" --config "$work/million.toml" history

echo "== ledger (criterion)" >&2
cargo bench --bench ledger -- --noplot

echo "== config validation, 100,000 lines / plans (criterion)" >&2
cargo bench --bench config -- --noplot

fleet_status=0
fleet() { # name, fleet options...
    local name=$1
    shift
    echo "== fleet $name: $* ($FLEET_RUNS runs)" >&2
    TOPUP_BENCH_OUT="$OUT/fleet-$name.json" cargo bench --bench fleet -- --runs "$FLEET_RUNS" "$@" || fleet_status=$?
}
fleet 300 --lines 300 --delay-ms 100 --concurrency 16 --max-ratio 1.10
fleet 300-slow-disk --lines 300 --delay-ms 100 --concurrency 16 --fsync-delay-ms 5 --max-ratio 1.20
fleet 1k --lines 1000 --delay-ms 20 --concurrency 64 --max-ratio 1.25
fleet 10k --lines 10000 --delay-ms 20 --concurrency 64 --max-ratio 1.25 --max-rss-mb 30

summary_status=0
python3 - "$OUT" "$TARGET_DIR/criterion" <<'EOF' || summary_status=$?
import json, statistics, sys, os
out, crit = sys.argv[1], sys.argv[2]
rows, missed = [], False

def fmt(v):
    return f"{v:.0f}" if v >= 100 else f"{v:.2f}" if v >= 1 else f"{v:.3f}"

def row(name, values, unit, limit, runs):
    global missed
    med = statistics.median(values)
    ok = med <= limit
    missed |= not ok
    rows.append((name, f"{fmt(med)} {unit}", f"{fmt(min(values))}–{fmt(max(values))} {unit}", str(runs),
                 f"≤ {limit:g} {unit}", "met" if ok else "NOT MET"))

for name, label, limit in [("version", "topup --version", 3), ("plans", "topup plans (sandbox)", 5),
                           ("balance", "topup balance (sandbox)", 10),
                           ("history", "topup history --json, 100k orders", 400)]:
    r = json.load(open(os.path.join(out, f"{name}.json")))["results"][0]
    times = [t * 1000 for t in r["times"]]
    row(label, times, "ms", limit, len(times))

for group, name, label, limit in [
        ("ledger", "record_order_durable", "record an order (durable), in-process", 5),
        ("ledger", "order_life", "intent → submitted → confirmed, in-process", None),
        ("ledger", "history_json_100k", "history JSON over 100k orders, in-process", None),
        ("config", "validate_100k_lines", "config validation, 100,000 lines, in-process", 1000),
        ("config", "validate_100k_plans", "config validation, 100,000 plans, in-process", 1000)]:
    path = os.path.join(crit, group, name, "new", "sample.json")
    if not os.path.exists(path):
        continue
    s = json.load(open(path))
    per_iter = [t / i / 1e6 for t, i in zip(s["times"], s["iters"])]
    if limit is None:
        med = statistics.median(per_iter)
        rows.append((label, f"{fmt(med)} ms", f"{fmt(min(per_iter))}–{fmt(max(per_iter))} ms",
                     f"{len(per_iter)} samples", "—", "—"))
    else:
        row(label, per_iter, "ms", limit, f"{len(per_iter)} samples")

size = int(open(os.path.join(out, "binary_bytes")).read()) / 1e6
missed |= size > 8
rows.append(("release binary, stripped", f"{size:.2f} MB", "—", "1", "≤ 8 MB", "met" if size <= 8 else "NOT MET"))

h = os.path.join(out, "history_1m.json")
if os.path.exists(h):
    h = json.load(open(h))
    shown = [v for v in h["first_screen_ms"] if v is not None]
    missed |= len(shown) < len(h["first_screen_ms"])
    row("history table, 1M orders: first screen (pty, pager)", shown, "ms", 100, len(shown))
    row("history table, 1M orders: peak RSS", h["peak_rss_mb"], "MB", 64, len(h["peak_rss_mb"]))
    whole = [v / 1000 for v in h["whole_ms"]]
    rows.append(("history table, 1M orders: whole table", f"{statistics.median(whole):.2f} s",
                 f"{min(whole):.2f}–{max(whole):.2f} s", str(len(whole)), "—", "—"))
else:
    missed = True

cpu_1k = None
for name in ["300", "300-slow-disk", "1k", "10k"]:
    fleet_path = os.path.join(out, f"fleet-{name}.json")
    if not os.path.exists(fleet_path):
        missed = True
        continue
    f = json.load(open(fleet_path))
    runs = f["runs"]
    what = f"auto, {f['lines']} lines, {f['delay_ms']} ms, c{f['concurrency']}"
    if f["fsync_delay_ms"]:
        what += f", syncs +{f['fsync_delay_ms']} ms"
    walls = [r["wall_s"] for r in runs]
    rows.append((f"{what}: wall time", f"{statistics.median(walls):.2f} s",
                 f"{min(walls):.2f}–{max(walls):.2f} s", str(len(runs)),
                 f"bound {statistics.median(f['bound_s']):.2f} s", ""))
    row(f"{what}: wall ÷ bound", f["ratio"], "×", f["max_ratio"], len(runs))
    row(f"{what}: peak RSS", [r["peak_rss_mb"] for r in runs], "MB", f["max_rss_mb"], len(runs))
    cpu = [r["cpu_ms_per_line"] for r in runs]
    if name == "1k":
        cpu_1k = statistics.median(cpu)
    if name == "10k" and cpu_1k:
        row(f"{what}: CPU a line (≤ 1.10 × 1k's {cpu_1k:.3f} ms)", cpu, "ms", round(cpu_1k * 1.10, 3), len(runs))
    else:
        rows.append((f"{what}: CPU a line", f"{statistics.median(cpu):.3f} ms",
                     f"{min(cpu):.3f}–{max(cpu):.3f} ms", str(len(runs)), "—", "—"))
    syncs = [r["syncs"] / f["lines"] for r in runs]
    rows.append((f"{what}: disk syncs a line", f"{statistics.median(syncs):.2f}",
                 f"{min(syncs):.2f}–{max(syncs):.2f}", str(len(runs)), "—", "—"))
    exact = f["met"]["exact_topups"]
    missed |= not exact
    posted = [r["topups_posted"] for r in runs]
    rows.append((f"{what}: top-ups posted (distinct keys)", str(statistics.median(posted)),
                 f"{min(posted)}–{max(posted)}", str(len(runs)), f"= {f['lines']}", "met" if exact else "NOT MET"))

head = ("target", "median", "spread (min–max)", "runs", "limit", "")
widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
print()
for r in [head, tuple("-" * w for w in widths)] + rows:
    print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
sys.exit(1 if missed else 0)
EOF
exit $((summary_status || fleet_status))
