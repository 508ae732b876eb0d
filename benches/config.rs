//! Config validation over a fleet-sized config (criterion): parsing and
//! every check `topup` runs before any command, in-process.
//!
//! - `validate_100k_lines`: 100,000 `[lines.NAME]` tables, each with an
//!   auto policy (about 19 MB of TOML).
//! - `validate_100k_plans`: 100,000 `[[operators.entel.plan]]` entries.
//!
//! Target: each under a second (issue 9; it was quadratic: 2.3 s at 20,000
//! lines, 10 s at 40,000).
//!
//! ```sh
//! cargo bench --bench config
//! ```

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

const COUNT: usize = 100_000;

/// `count` lines with distinct, valid mobile numbers (+56 9 1xxx xxxx: 9
/// then an allocated range) and an auto policy each.
fn lines_config(count: usize) -> String {
    let mut text = String::with_capacity(count * 200);
    for i in 0..count {
        let _ = write!(
            text,
            "[lines.router-{i:06}-sim]\nmsisdn = \"+56 9 6{i:07}\"\noperator = \"entel\"\nbalance = \"ledger\"\npay = \"sandbox\"\n\
             [lines.router-{i:06}-sim.auto]\nplan = \"entel-bolsa-5gb\"\nbefore_expiry = \"2d\"\nmin_interval = \"12h\"\n\n"
        );
    }
    text
}

fn plans_config(count: usize) -> String {
    let mut text = String::with_capacity(count * 120);
    for i in 0..count {
        let _ = write!(
            text,
            "[[operators.entel.plan]]\nid = \"entel-plan-{i:06}\"\nname = \"Bolsa {i}\"\ndata = \"5 GB\"\ndays = 30\nprice_clp = 5990\n\n"
        );
    }
    text
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("config");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, text) in [
        ("validate_100k_lines", lines_config(COUNT)),
        ("validate_100k_plans", plans_config(COUNT)),
    ] {
        // A config the benchmark cannot load would measure an error path.
        let config = topup::config::parse(&text, Path::new("bench.toml")).expect("the bench config is valid");
        assert!(
            config.lines.len() == COUNT || config.operators.values().map(|o| o.plans.len()).sum::<usize>() == COUNT
        );
        group.bench_function(name, |b| {
            b.iter(|| topup::config::parse(black_box(&text), Path::new("bench.toml")).map(|c| c.lines.len()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
