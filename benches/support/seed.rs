//! Benchmark fixtures: valid fleet numbers and a fast way to fill a ledger.
//!
//! The schema comes from topup's own `Ledger::open`, so it is always the
//! current one; rows then go in through one transaction with
//! `synchronous = OFF`. That is a fixture's shortcut, never how topup writes
//! its real ledger (one durable transaction per state change).

#![allow(dead_code)] // each bench or example uses part of this module

use std::path::Path;

use anyhow::Context;
use jiff::Timestamp;
use rusqlite::params;
use topup::domain::timefmt::month_key;
use topup::domain::{Msisdn, Operator, OrderId, OrderStatus, PayMethod};
use topup::ledger::Ledger;

/// Operators in the order fleet lines cycle through them.
pub const FLEET_OPERATORS: [Operator; 5] = [
    Operator::Entel,
    Operator::Movistar,
    Operator::Claro,
    Operator::Wom,
    Operator::Virgin,
];

/// `count` distinct Chilean mobile numbers that topup accepts, from
/// +56 9 8760 0000 upwards (numbers outside allocated ranges are skipped).
pub fn fleet_numbers(count: usize) -> Vec<Msisdn> {
    (987_600_000u64..999_999_999)
        .filter_map(|n| n.to_string().parse::<Msisdn>().ok())
        .take(count)
        .collect()
}

/// One order to write as it would stand after its life.
pub struct SeedOrder {
    pub line: String,
    pub msisdn: Msisdn,
    pub operator: Operator,
    pub plan_id: String,
    pub plan_name: String,
    pub data_bytes: Option<u64>,
    pub validity_days: Option<u32>,
    pub amount_clp: i64,
    pub pay: PayMethod,
    /// `Confirmed` or `Failed`: final states, so nothing needs reconciling.
    pub status: OrderStatus,
    pub gateway_ref: Option<String>,
    pub created_at: Timestamp,
}

/// Creates (or migrates) the ledger at `path` with topup's own code, then
/// writes `orders` with their events (intent → submitted → final) in one
/// transaction. Returns how many orders were written.
pub fn seed_ledger(path: &Path, orders: impl IntoIterator<Item = SeedOrder>) -> anyhow::Result<usize> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    drop(Ledger::open(path).context("creating the ledger schema")?);
    let mut conn = rusqlite::Connection::open(path)?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    let mut written = 0;
    {
        let mut insert_order = tx.prepare(
            "INSERT INTO orders (id, line, msisdn, operator, plan_id, plan_name, data_bytes, validity_days,
                                 amount_clp, pay, status, gateway_ref, error, month, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
        )?;
        let mut insert_event = tx.prepare(
            "INSERT INTO order_events (order_id, at, from_status, to_status, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for order in orders {
            let id = OrderId::new().to_string();
            let at = order.created_at.to_string();
            let error = (order.status == OrderStatus::Failed).then_some("the top-up failed at the operator");
            insert_order.execute(params![
                id,
                order.line,
                order.msisdn.e164(),
                order.operator.as_str(),
                order.plan_id,
                order.plan_name,
                order.data_bytes.map(|b| b as i64),
                order.validity_days,
                order.amount_clp,
                order.pay.as_str(),
                order.status.as_str(),
                order.gateway_ref,
                error,
                month_key(order.created_at),
                at,
            ])?;
            insert_event.execute(params![id, at, None::<&str>, "intent", None::<&str>])?;
            insert_event.execute(params![id, at, "intent", "submitted", None::<&str>])?;
            insert_event.execute(params![
                id,
                at,
                "submitted",
                order.status.as_str(),
                error.or(order.gateway_ref.as_deref())
            ])?;
            written += 1;
        }
    }
    tx.commit()?;
    // Leave a plain database file behind (WAL folded in), as after a quiet day.
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    Ok(written)
}

/// A history-sized ledger: `count` orders spread over 250 lines and the
/// three years before `now`, about one in twelve failed.
pub fn history_orders(count: usize, now: Timestamp) -> impl Iterator<Item = SeedOrder> {
    const LINES: usize = 250;
    const SPAN_SECS: i64 = 3 * 365 * 86_400;
    let numbers = fleet_numbers(LINES);
    let step = SPAN_SECS / count.max(1) as i64;
    (0..count).map(move |i| {
        let line = i % LINES;
        let operator = FLEET_OPERATORS[line % FLEET_OPERATORS.len()];
        let amount = [2000, 5000, 10_000][i % 3];
        let status = if i % 12 == 7 {
            OrderStatus::Failed
        } else {
            OrderStatus::Confirmed
        };
        SeedOrder {
            line: format!("line-{line:04}"),
            msisdn: numbers[line].clone(),
            operator,
            plan_id: format!("reloadly-{operator}-{amount}"),
            plan_name: format!("Recarga ${amount}"),
            data_bytes: Some(3_000_000_000),
            validity_days: Some(30),
            amount_clp: amount,
            pay: PayMethod::Reloadly,
            status,
            gateway_ref: (status == OrderStatus::Confirmed).then(|| (4_600_000 + i).to_string()),
            created_at: now - jiff::SignedDuration::from_secs(SPAN_SECS - step * i as i64),
        }
    })
}
