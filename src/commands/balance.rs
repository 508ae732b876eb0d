//! `topup balance [LINE]... [--all]`: saldo, data left and plan expiry per
//! line, and the payment gateways' account balances.

use futures_util::StreamExt;
use jiff::Timestamp;
use serde::Serialize;

use crate::app::App;
use crate::cli::BalanceArgs;
use crate::config::Line;
use crate::domain::{Clp, DataAmount, LineStatus, Msisdn, Operator, StatusSource};
use crate::error::{TopupError, classify};
use crate::flow;
use crate::output::{Cell, Output, batch_error, item_error, or_dash, show_date};
use crate::t;

pub async fn run(app: &App, args: BalanceArgs) -> anyhow::Result<()> {
    let lines: Vec<Line> = if args.lines.is_empty() {
        app.config.lines.clone()
    } else {
        args.lines
            .iter()
            .map(|a| app.resolve_line(a))
            .collect::<anyhow::Result<_>>()?
    };
    // A config with only [reloadly] still has an account balance to show.
    if lines.is_empty() && app.config.reloadly.is_none() {
        return Err(super::no_lines(app));
    }
    let sandbox = app.uses_sandbox(&lines);
    let report = Report {
        lines: read_all(app, &lines).await,
        accounts: account_balances(app).await,
    };
    app.out.print(sandbox, &report, render)?;
    let line_problems: Vec<&TopupError> = report.lines.iter().filter_map(|l| l.error.as_ref()).collect();
    let account_problems: Vec<&TopupError> = report.accounts.iter().filter_map(|a| a.error.as_ref()).collect();
    // Said of a batch: which of its items failed (the Reloadly account's
    // balance is no line's reading), and that the message is the most
    // serious problem's when there were several.
    let failed = match (line_problems.len(), account_problems.len()) {
        (0, _) => "the Reloadly account balance could not be read".to_string(),
        (n, 0) => format!("{n} of {} lines could not be read", report.lines.len()),
        (n, _) => format!(
            "{n} of {} lines and the Reloadly account balance could not be read",
            report.lines.len()
        ),
    };
    let summary = match line_problems.len() + account_problems.len() {
        1 => failed,
        _ => format!("{failed}; most serious"),
    };
    let several = report.lines.len() + report.accounts.len() > 1;
    let problems = line_problems.into_iter().chain(account_problems);
    batch_error(problems, several.then_some(summary.as_str())).map_or(Ok(()), |e| Err(e.into()))
}

/// `balance`'s report (DESIGN.md).
#[derive(Serialize)]
struct Report {
    lines: Vec<LineRow>,
    accounts: Vec<AccountRow>,
}

/// A line's reading: unknown values are `null`, all of them when the line
/// could not be read, and `error` says why.
#[derive(Serialize)]
struct LineRow {
    line: String,
    msisdn: Msisdn,
    operator: Option<Operator>,
    saldo_clp: Option<Clp>,
    bonus_saldo_clp: Option<Clp>,
    data_left_bytes: Option<u64>,
    data_unlimited: bool,
    expires_at: Option<Timestamp>,
    /// What the device counted this month (HiLink routers), given when the
    /// operator gives no data figure.
    data_used_month_bytes: Option<u64>,
    /// The monthly limit set in the device, if any.
    data_month_limit_bytes: Option<u64>,
    plan: Option<String>,
    source: Option<StatusSource>,
    as_of: Option<Timestamp>,
    #[serde(serialize_with = "item_error")]
    error: Option<TopupError>,
}

/// A payment gateway's account balance (money for top-ups), or why it
/// could not be read.
#[derive(Serialize)]
struct AccountRow {
    gateway: &'static str,
    balance: Option<f64>,
    currency: Option<String>,
    #[serde(serialize_with = "item_error")]
    error: Option<TopupError>,
}

/// The balance of every configured gateway account.
async fn account_balances(app: &App) -> Vec<AccountRow> {
    if app.config.reloadly.is_none() {
        return Vec::new();
    }
    let result = match app.reloadly() {
        Ok(r) => r.account_balance().await.map_err(|e| classify(&e)),
        Err(e) => Err(classify(&e)),
    };
    vec![AccountRow {
        gateway: "reloadly",
        balance: result.as_ref().ok().map(|b| b.balance),
        currency: result.as_ref().ok().map(|b| b.currency.clone()),
        error: result.err(),
    }]
}

/// Reads every line, several at once (bounded by `[auto] concurrency`),
/// keeping the lines' order.
async fn read_all(app: &App, lines: &[Line]) -> Vec<LineRow> {
    futures_util::stream::iter(lines.iter().cloned())
        .map(|line| async move {
            let (operator, result) = match flow::read_status(app, &line).await {
                Ok(r) => (Some(r.operator), Ok(r.status)),
                Err(e) => (line.operator, Err(classify(&e))),
            };
            let status = result.as_ref().ok();
            LineRow {
                line: line.name,
                msisdn: line.msisdn,
                operator,
                saldo_clp: status.and_then(|s| s.saldo),
                bonus_saldo_clp: status.and_then(|s| s.bonus_saldo),
                data_left_bytes: status.and_then(LineStatus::data_bytes),
                data_unlimited: status.is_some_and(LineStatus::data_unlimited),
                expires_at: status.and_then(|s| s.expires_at),
                data_used_month_bytes: status.and_then(|s| s.month_usage).map(|u| u.used.bytes()),
                data_month_limit_bytes: status
                    .and_then(|s| s.month_usage)
                    .and_then(|u| u.limit)
                    .map(DataAmount::bytes),
                plan: status.and_then(|s| s.plan.clone()),
                source: status.map(|s| s.source),
                as_of: status.map(|s| s.as_of),
                error: result.err(),
            }
        })
        .buffered(app.config.auto.concurrency.max(1))
        .collect()
        .await
}

fn render(report: &Report, out: &Output) {
    if !report.lines.is_empty() {
        print_table(out, &report.lines);
    }
    for a in &report.accounts {
        match (&a.error, a.balance, &a.currency) {
            (Some(e), ..) => {
                crate::diag::warn(t!("account-balance", gateway = a.gateway, balance = e.message.as_str()))
            }
            (None, Some(balance), Some(currency)) => {
                let balance = format!("{balance:.2} {currency}");
                out.line(t!("account-balance", gateway = a.gateway, balance = balance));
            }
            (None, ..) => {}
        }
    }
    // With one line its error is the command's error, said once.
    if report.lines.len() + report.accounts.len() > 1 {
        for l in &report.lines {
            if let Some(e) = &l.error {
                crate::diag::warn(format!("{}: {}", l.line, e.message));
            }
        }
    }
}

fn print_table(out: &Output, lines: &[LineRow]) {
    let mut table = out.table(&[
        (&t!("col-line"), 0),
        (&t!("col-number"), 3),
        (&t!("col-operator"), 2),
        (&t!("col-saldo"), 0),
        (&t!("col-data-left"), 0),
        (&t!("col-plan-ends"), 0),
        (&t!("col-plan"), 4),
        (&t!("col-source"), 1),
    ]);
    for l in lines {
        let mut row = vec![
            l.line.as_str().into(),
            l.msisdn.pretty().into(),
            or_dash(l.operator).into(),
        ];
        // The error itself is told on stderr, not squeezed into a cell.
        if l.error.is_some() {
            row.push(Cell::bad(t!("cell-error")));
            table.add_row(row);
            continue;
        }
        let saldo = match (l.saldo_clp, l.bonus_saldo_clp) {
            (Some(a), Some(b)) => t!("saldo-with-bonus", saldo = a.to_string(), bonus = b.to_string()),
            (a, _) => or_dash(a),
        };
        let data = match (l.data_unlimited, l.data_left_bytes, l.data_used_month_bytes) {
            (true, ..) => t!("unlimited").into(),
            (false, Some(0), _) => Cell::bad("0 B"),
            (false, Some(b), _) => DataAmount(b).to_string().into(),
            (false, None, Some(used)) => month_usage_cell(used, l.data_month_limit_bytes),
            (false, None, None) => t!("unknown-value").into(),
        };
        let ends = match (l.expires_at, l.as_of) {
            (Some(at), Some(as_of)) => ends_cell(at, as_of),
            _ => t!("unknown-value").into(),
        };
        let source = l.source.map_or("", StatusSource::as_str);
        row.extend([
            saldo.into(),
            data,
            ends,
            or_dash(l.plan.as_deref()).into(),
            source.into(),
        ]);
        table.add_row(row);
    }
    out.print_table(&table);
}

/// `1.2 GB used this month` (the device's count), or `… of 5 GB`.
fn month_usage_cell(used: u64, limit: Option<u64>) -> Cell {
    let used = DataAmount(used).to_string();
    match limit {
        Some(limit) => t!("data-used-month-of", used = used, limit = DataAmount(limit).to_string()).into(),
        None => t!("data-used-month", used = used).into(),
    }
}

/// `2026-12-04 (in 9d)` or `2026-11-24 (ended)`.
fn ends_cell(at: Timestamp, now: Timestamp) -> Cell {
    let left = now.duration_until(at);
    let date = show_date(at);
    if left.is_negative() || left.is_zero() {
        Cell::bad(format!("{date} ({})", t!("ended")))
    } else {
        let duration = crate::domain::timefmt::show_duration(left);
        format!("{date} ({})", t!("in-duration", duration = duration)).into()
    }
}
