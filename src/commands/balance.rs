//! `topup balance [LINE]... [--all]`: saldo, data left and plan expiry per
//! line, and the payment gateways' account balances.

use futures_util::StreamExt;
use serde_json::json;

use crate::app::App;
use crate::cli::BalanceArgs;
use crate::config::Line;
use crate::domain::{LineStatus, Operator};
use crate::error::{TopupError, classify};
use crate::flow;
use crate::output::{or_dash, show_time};

/// One line's reading, or why there is none.
pub struct LineReading {
    pub line: Line,
    pub operator: Option<Operator>,
    pub result: Result<LineStatus, TopupError>,
}

pub async fn run(app: &App, args: BalanceArgs) -> anyhow::Result<()> {
    let lines: Vec<Line> = if args.lines.is_empty() {
        app.config.lines.clone()
    } else {
        args.lines
            .iter()
            .map(|a| app.resolve_line(a))
            .collect::<anyhow::Result<_>>()?
    };
    let sandbox = app.uses_sandbox(&lines);
    let readings = read_all(app, &lines).await;
    let accounts = account_balances(app).await;
    let worst = readings
        .iter()
        .filter_map(|r| r.result.as_ref().err())
        .chain(accounts.iter().filter_map(|a| a.result.as_ref().err()))
        .max_by_key(|e| e.kind.severity())
        .cloned();

    if app.out.json {
        let items: Vec<_> = readings.iter().map(reading_json).collect();
        let accounts: Vec<_> = accounts
            .iter()
            .map(|a| match &a.result {
                Ok(b) => json!({"gateway": a.gateway, "balance": b.balance, "currency": b.currency, "error": null}),
                Err(e) => json!({"gateway": a.gateway, "balance": null, "currency": null,
                                 "error": {"code": e.kind.code(), "message": e.message}}),
            })
            .collect();
        app.out
            .json(&json!({"sandbox": sandbox, "lines": items, "accounts": accounts}))?;
    } else {
        if sandbox {
            app.out.sandbox_banner();
        }
        if !readings.is_empty() {
            print_table(app, &readings);
        }
        for a in &accounts {
            match &a.result {
                Ok(b) => app.out.line(format!(
                    "{} account balance: {:.2} {}",
                    a.gateway, b.balance, b.currency
                )),
                Err(e) => crate::diag::warn(format!("{} account balance: {}", a.gateway, e.message)),
            }
        }
        // With one line its error is the command's error, said once below.
        if readings.len() + accounts.len() > 1 {
            for r in &readings {
                if let Err(e) = &r.result {
                    crate::diag::warn(format!("{}: {}", r.line.name, e.message));
                }
            }
        }
    }
    match worst {
        Some(e) if readings.len() + accounts.len() == 1 => Err(e.into()),
        Some(e) => Err(TopupError::new(
            e.kind,
            format!("some lines could not be read; first problem: {}", e.message),
        )
        .into()),
        None => Ok(()),
    }
}

/// A payment gateway's account balance, or why it could not be read.
struct AccountReading {
    gateway: &'static str,
    result: Result<crate::channel::reloadly::AccountBalance, TopupError>,
}

/// The balance of every configured gateway account (money for top-ups).
async fn account_balances(app: &App) -> Vec<AccountReading> {
    if app.config.reloadly.is_none() {
        return Vec::new();
    }
    let result = match app.reloadly() {
        Ok(r) => r.account_balance().await.map_err(|e| classify(&e)),
        Err(e) => Err(classify(&e)),
    };
    vec![AccountReading {
        gateway: "reloadly",
        result,
    }]
}

/// Reads every line, several at once (bounded by `[auto] concurrency`),
/// keeping the lines' order.
pub async fn read_all(app: &App, lines: &[Line]) -> Vec<LineReading> {
    futures_util::stream::iter(lines.iter().cloned())
        .map(|line| async move {
            match flow::read_status(app, &line).await {
                Ok(r) => LineReading {
                    operator: Some(r.operator),
                    line,
                    result: Ok(r.status),
                },
                Err(e) => LineReading {
                    operator: line.operator,
                    line,
                    result: Err(classify(&e)),
                },
            }
        })
        .buffered(app.config.auto.concurrency.max(1))
        .collect()
        .await
}

fn reading_json(r: &LineReading) -> serde_json::Value {
    let mut v = json!({
        "line": r.line.name,
        "msisdn": r.line.msisdn,
        "operator": r.operator,
        "saldo_clp": null,
        "bonus_saldo_clp": null,
        "data_left_bytes": null,
        "data_unlimited": false,
        "expires_at": null,
        "plan": null,
        "source": null,
        "as_of": null,
        "error": null,
    });
    match &r.result {
        Ok(s) => {
            v["saldo_clp"] = json!(s.saldo);
            v["bonus_saldo_clp"] = json!(s.bonus_saldo);
            v["data_left_bytes"] = json!(s.data_bytes());
            v["data_unlimited"] = json!(s.data_unlimited());
            v["expires_at"] = json!(s.expires_at);
            v["plan"] = json!(s.plan);
            v["source"] = json!(s.source);
            v["as_of"] = json!(s.as_of);
        }
        Err(e) => v["error"] = json!({"code": e.kind.code(), "message": e.message}),
    }
    v
}

fn print_table(app: &App, readings: &[LineReading]) {
    let mut table = app.out.table(&[
        "Line",
        "Number",
        "Operator",
        "Saldo",
        "Data left",
        "Plan ends",
        "Plan",
        "Source",
    ]);
    for r in readings {
        let operator = or_dash(r.operator);
        match &r.result {
            Ok(s) => {
                let saldo = match (s.saldo, s.bonus_saldo) {
                    (Some(a), Some(b)) => format!("{a} (+{b} bonus)"),
                    (a, _) => or_dash(a),
                };
                let data = if s.data_unlimited() {
                    "unlimited".to_string()
                } else {
                    match s.data_bytes() {
                        Some(0) => app.out.bad("0 B"),
                        Some(b) => crate::domain::DataAmount(b).to_string(),
                        None => "unknown".to_string(),
                    }
                };
                let ends = s
                    .expires_at
                    .map_or_else(|| "unknown".to_string(), |t| ends_text(app, t, s.as_of));
                table.add_row(vec![
                    r.line.name.clone(),
                    r.line.msisdn.pretty(),
                    operator,
                    saldo,
                    data,
                    ends,
                    or_dash(s.plan.clone()),
                    s.source.as_str().to_string(),
                ]);
            }
            Err(e) => {
                table.add_row(vec![
                    r.line.name.clone(),
                    r.line.msisdn.pretty(),
                    operator,
                    app.out.bad("error"),
                    String::new(),
                    String::new(),
                    e.message.chars().take(60).collect(),
                    String::new(),
                ]);
            }
        }
    }
    app.out.print_table(&table);
}

/// `2026-12-04 12:00 (in 9d)` or `2026-11-24 12:00 (ended)`.
fn ends_text(app: &App, at: jiff::Timestamp, now: jiff::Timestamp) -> String {
    let left = now.duration_until(at);
    if left.is_negative() || left.is_zero() {
        format!("{} ({})", show_time(at), app.out.bad("ended"))
    } else {
        format!("{} (in {})", show_time(at), crate::domain::timefmt::show_duration(left))
    }
}
