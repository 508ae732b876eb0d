//! `topup history [LINE] [--month YYYY-MM] [--since DATE] [--csv]`: every
//! order, newest first, and confirmed spend per month and line.

use jiff::Timestamp;
use serde::Serialize;

use crate::app::App;
use crate::cli::HistoryArgs;
use crate::domain::{Clp, Msisdn, Operator, Order, OrderId, OrderStatus, PayMethod, PlanId, timefmt};
use crate::error::TopupError;
use crate::ledger::{MonthTotal, OrderFilter};
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
    let totals = MonthTotal::of_orders(&orders);
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
        return app.out.json(&HistoryJson {
            orders: OrdersJson(&orders),
            sandbox,
            totals: totals.iter().map(TotalJson::from).collect(),
        });
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

/// The `--json` document, serialized straight from the orders: going through
/// a `serde_json::Value` first cost most of the time over a long history.
/// Fields are declared in alphabetical order, the order a `Value` wrote them.
#[derive(Serialize)]
struct HistoryJson<'a> {
    orders: OrdersJson<'a>,
    sandbox: bool,
    totals: Vec<TotalJson<'a>>,
}

/// The orders as a JSON array, each written as it comes.
struct OrdersJson<'a>(&'a [Order]);

impl Serialize for OrdersJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(OrderJson::from))
    }
}

/// An [`Order`] with its fields in alphabetical order (the test below checks
/// it carries every field of `Order`'s own JSON).
#[derive(Serialize)]
struct OrderJson<'a> {
    amount_clp: Clp,
    created_at: Timestamp,
    error: &'a Option<String>,
    gateway_ref: &'a Option<String>,
    id: OrderId,
    line: &'a str,
    msisdn: &'a Msisdn,
    operator: Operator,
    pay: PayMethod,
    plan_id: &'a PlanId,
    status: OrderStatus,
    updated_at: Timestamp,
}

impl<'a> From<&'a Order> for OrderJson<'a> {
    fn from(o: &'a Order) -> Self {
        OrderJson {
            amount_clp: o.amount,
            created_at: o.created_at,
            error: &o.error,
            gateway_ref: &o.gateway_ref,
            id: o.id,
            line: &o.line,
            msisdn: &o.msisdn,
            operator: o.operator,
            pay: o.pay,
            plan_id: &o.plan_id,
            status: o.status,
            updated_at: o.updated_at,
        }
    }
}

/// A [`MonthTotal`] with its fields in alphabetical order.
#[derive(Serialize)]
struct TotalJson<'a> {
    amount_clp: Clp,
    count: u64,
    line: &'a str,
    month: &'a str,
}

impl<'a> From<&'a MonthTotal> for TotalJson<'a> {
    fn from(t: &'a MonthTotal) -> Self {
        TotalJson {
            amount_clp: t.amount_clp,
            count: t.count,
            line: &t.line,
            month: &t.month,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document is what `json!({"sandbox", "orders", "totals"})` wrote:
    /// the same keys and values, in the same order.
    #[test]
    fn json_document_matches_the_orders_own_json() {
        let at: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        let orders = vec![Order {
            id: OrderId::new(),
            line: "casa".into(),
            msisdn: "987654321".parse().unwrap(),
            operator: Operator::Entel,
            plan_id: "reloadly-entel-5000".parse().unwrap(),
            amount: Clp(5000),
            pay: PayMethod::Reloadly,
            status: OrderStatus::Failed,
            gateway_ref: Some("4602843".into()),
            created_at: at,
            updated_at: at,
            error: Some("declined".into()),
        }];
        let totals = vec![MonthTotal {
            month: "2026-11".into(),
            line: "casa".into(),
            amount_clp: Clp(5000),
            count: 1,
        }];
        let via_value = serde_json::json!({"sandbox": false, "orders": orders, "totals": totals});
        let direct = HistoryJson {
            orders: OrdersJson(&orders),
            sandbox: false,
            totals: totals.iter().map(TotalJson::from).collect(),
        };
        assert_eq!(serde_json::to_value(&direct).unwrap(), via_value);
        // Keys come out sorted, as a `Value` wrote them (serde_json's map
        // without preserve_order is a BTreeMap).
        let in_order = |text: String, value: &serde_json::Value| {
            let mut keys: Vec<&String> = value.as_object().unwrap().keys().collect();
            keys.sort();
            let at: Vec<usize> = keys.iter().map(|k| text.find(&format!("\"{k}\":")).unwrap()).collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
        };
        in_order(serde_json::to_string(&direct).unwrap(), &via_value);
        in_order(
            serde_json::to_string(&OrderJson::from(&orders[0])).unwrap(),
            &via_value["orders"][0],
        );
        in_order(
            serde_json::to_string(&direct.totals[0]).unwrap(),
            &via_value["totals"][0],
        );
    }
}
