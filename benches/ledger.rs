//! In-process ledger benchmarks (criterion), on the real ledger settings
//! (`Ledger::open`: WAL, `synchronous = FULL`), in a temporary directory on
//! the same disk as the state directory would be.
//!
//! - `record_order_durable`: one `insert_intent` (caps checked in the same
//!   transaction), committed to disk: the write that must be durable before
//!   any payment call.
//! - `order_life`: intent → submitted → confirmed, three transactions.
//! - `history_json_100k`: what `topup history --json` does in-process over
//!   100,000 orders: read the orders, sum the totals, write the JSON.
//!
//! ```sh
//! cargo bench --bench ledger
//! ```

#[path = "support/seed.rs"]
mod seed;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use jiff::Timestamp;
use topup::domain::{Clp, Msisdn, Operator, OrderStatus, PayMethod};
use topup::ledger::{Ledger, NewOrder, OrderFilter};
use topup::policy::Caps;

const NOW: &str = "2026-11-25T12:00:00Z";

fn new_order(msisdn: &Msisdn) -> NewOrder {
    NewOrder {
        line: "line-0001".into(),
        msisdn: msisdn.clone(),
        operator: Operator::Entel,
        plan_id: "reloadly-entel-5000".parse().expect("plan id"),
        plan_name: "Bolsa 3 GB 30 días".into(),
        data_bytes: Some(3_000_000_000),
        validity_days: Some(30),
        amount: Clp(5000),
        pay: PayMethod::Reloadly,
        baseline: None,
    }
}

/// Caps high enough never to refuse, so each insert pays for checking them.
const CAPS: Caps = Caps {
    line_monthly: Some(Clp(i64::MAX / 4)),
    all_monthly: Some(Clp(i64::MAX / 4)),
};

/// A ledger with a year of history for 250 lines, as a fleet's would have.
fn ledger_with_history(dir: &std::path::Path, orders: usize) -> Ledger {
    let path = dir.join("ledger.sqlite3");
    let now: Timestamp = NOW.parse().expect("NOW");
    seed::seed_ledger(&path, seed::history_orders(orders, now)).expect("seed");
    Ledger::open(&path).expect("open ledger")
}

/// The clock of successive orders: 45 minutes apart, so each month holds
/// about 1,000 orders (a 1,000-line fleet renewing monthly) however many
/// iterations criterion runs; the caps sum a month's orders.
fn clock() -> impl FnMut() -> Timestamp {
    let mut now: Timestamp = NOW.parse().expect("NOW");
    move || {
        now = now.checked_add(jiff::SignedDuration::from_mins(45)).expect("in range");
        now
    }
}

fn record_order(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = ledger_with_history(dir.path(), 10_000);
    let msisdn = seed::fleet_numbers(1).remove(0);
    let new = new_order(&msisdn);
    let mut group = c.benchmark_group("ledger");
    group.sample_size(50).measurement_time(Duration::from_secs(10));
    let mut next = clock();
    group.bench_function("record_order_durable", |b| {
        b.iter(|| black_box(ledger.insert_intent(&new, CAPS, next()).expect("insert")))
    });
    group.bench_function("order_life", |b| {
        b.iter(|| {
            let now = next();
            let order = ledger.insert_intent(&new, CAPS, now).expect("insert");
            ledger
                .transition(order.id, OrderStatus::Submitted, None, None, now)
                .expect("submitted");
            black_box(
                ledger
                    .transition(order.id, OrderStatus::Confirmed, Some("4600001"), None, now)
                    .expect("confirmed"),
            )
        })
    });
    group.finish();
}

/// A busy month (a 20,000-line fleet renewing monthly): the caps of each new
/// order are read from the running totals, not summed over the month.
fn record_order_in_a_busy_month(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open(&dir.path().join("ledger.sqlite3")).expect("open ledger");
    let numbers = seed::fleet_numbers(20);
    let start: Timestamp = NOW.parse().expect("NOW");
    let month_start = start
        .checked_sub(jiff::SignedDuration::from_hours(24 * 20))
        .expect("in range");
    for i in 0..20_000 {
        let at = month_start
            .checked_add(jiff::SignedDuration::from_secs(i * 60))
            .expect("in range");
        ledger
            .insert_intent(&new_order(&numbers[i as usize % 20]), CAPS, at)
            .expect("seed order");
    }
    let new = new_order(&numbers[0]);
    let mut group = c.benchmark_group("ledger");
    group.sample_size(50).measurement_time(Duration::from_secs(10));
    group.bench_function("record_order_month_of_20k", |b| {
        b.iter(|| black_box(ledger.insert_intent(&new, CAPS, start).expect("insert")))
    });
    group.finish();
}

fn history(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = ledger_with_history(dir.path(), 100_000);
    let mut group = c.benchmark_group("ledger");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.bench_function("history_json_100k", |b| {
        b.iter(|| {
            let mut sink = std::io::BufWriter::new(std::io::sink());
            topup::commands::history::write_json(&ledger, &OrderFilter::default(), false, false, &mut sink)
                .expect("JSON");
            black_box(sink.buffer().len())
        })
    });
    group.finish();
}

criterion_group!(benches, record_order, record_order_in_a_busy_month, history);
criterion_main!(benches);
