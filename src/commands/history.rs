//! `topup history [LINE] [--month YYYY-MM] [--since DATE] [--csv]`: every
//! order, newest first, and confirmed spend per month and line.

use serde_json::json;

use crate::app::App;
use crate::cli::HistoryArgs;
use crate::domain::{OrderStatus, timefmt};
use crate::error::TopupError;
use crate::ledger::OrderFilter;
use crate::output::{or_dash, show_time};

pub fn run(app: &App, args: HistoryArgs) -> anyhow::Result<()> {
    let filter = OrderFilter {
        line: match &args.line {
            Some(arg) => Some(app.resolve_line(arg)?.name),
            None => None,
        },
        month: args
            .month
            .as_deref()
            .map(timefmt::parse_month)
            .transpose()
            .map_err(|e| TopupError::usage(format!("--month: {e}")))?,
        since: args
            .since
            .as_deref()
            .map(timefmt::parse_since)
            .transpose()
            .map_err(|e| TopupError::usage(format!("--since: {e}")))?,
    };
    let ledger = app.ledger()?;
    let orders = ledger.orders(&filter)?;
    let totals = ledger.totals(&filter)?;
    let sandbox = app.config.is_builtin_sandbox() || orders.iter().any(|o| o.pay == crate::domain::PayMethod::Sandbox);

    if args.csv {
        let mut w = csv::Writer::from_writer(std::io::stdout().lock());
        w.write_record([
            "id",
            "created_at",
            "updated_at",
            "line",
            "msisdn",
            "operator",
            "plan_id",
            "amount_clp",
            "pay",
            "status",
            "gateway_ref",
            "error",
        ])?;
        for o in &orders {
            w.write_record([
                o.id.to_string(),
                o.created_at.to_string(),
                o.updated_at.to_string(),
                o.line.clone(),
                o.msisdn.e164(),
                o.operator.to_string(),
                o.plan_id.to_string(),
                o.amount.pesos().to_string(),
                o.pay.to_string(),
                o.status.to_string(),
                o.gateway_ref.clone().unwrap_or_default(),
                o.error.clone().unwrap_or_default(),
            ])?;
        }
        w.flush()?;
        return Ok(());
    }
    if app.out.json {
        return app
            .out
            .json(&json!({"sandbox": sandbox, "orders": orders, "totals": totals}));
    }
    if sandbox {
        app.out.sandbox_banner();
    }
    if orders.is_empty() {
        app.out.line("No orders yet.");
        return Ok(());
    }
    let mut table = app
        .out
        .table(&["When", "Line", "Plan", "Amount", "Paid with", "Status", "Reference"]);
    for o in &orders {
        let status = match o.status {
            OrderStatus::Confirmed => app.out.good("confirmed"),
            OrderStatus::Failed => app.out.bad("failed"),
            other => app.out.bad(other.as_str()),
        };
        table.add_row(vec![
            show_time(o.created_at),
            o.line.clone(),
            o.plan_id.to_string(),
            o.amount.to_string(),
            o.pay.to_string(),
            status,
            or_dash(o.gateway_ref.clone()),
        ]);
    }
    app.out.print_table(&table);
    if !totals.is_empty() {
        app.out.line("");
        let mut t = app.out.table(&["Month", "Line", "Spent (confirmed)", "Orders"]);
        for total in &totals {
            t.add_row(vec![
                total.month.clone(),
                total.line.clone(),
                total.amount_clp.to_string(),
                total.count.to_string(),
            ]);
        }
        app.out.print_table(&t);
    }
    Ok(())
}
