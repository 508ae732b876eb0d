//! Fills a ledger with orders for benchmarks (`scripts/bench.sh` times
//! `topup history` over it):
//!
//! ```sh
//! cargo run --release --example seed_ledger -- STATE_DIR/ledger.sqlite3 100000 2026-11-25T12:00:00Z
//! ```

#[path = "../benches/support/seed.rs"]
mod seed;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: seed_ledger LEDGER_PATH COUNT [NOW (RFC 3339)]";
    let path = std::path::PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let count: usize = args.next().ok_or_else(|| anyhow::anyhow!(usage))?.parse()?;
    let now: jiff::Timestamp = match args.next() {
        Some(now) => now.parse()?,
        None => jiff::Timestamp::now(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let started = std::time::Instant::now();
    let written = seed::seed_ledger(&path, seed::history_orders(count, now))?;
    eprintln!(
        "seeded {written} orders into {} in {:.1} s",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
