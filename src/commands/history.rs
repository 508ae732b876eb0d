//! `topup history [LINE] [--month YYYY-MM] [--since DATE] [--csv]`: every
//! order, newest first, and confirmed spend per month and line.

use std::io::Write;

use super::history_summary;
use crate::app::App;
use crate::cli::HistoryArgs;
use crate::domain::{Order, PayMethod};
use crate::ledger::{Ledger, OrderFilter};
use crate::output::{Cell, Output, cell_width, or_dash, status_cell, time_parts};
use crate::t;

pub fn run(app: &App, args: HistoryArgs) -> anyhow::Result<()> {
    let filter = OrderFilter {
        line: args
            .line
            .as_deref()
            .map(|arg| app.resolve_line(arg))
            .transpose()?
            .map(|l| l.name),
        month: args.month.as_ref().map(|m| m.as_str().to_string()),
        since: args.since,
    };
    let ledger = app.ledger()?;
    if args.summary {
        // Every month is read, so the first month shown has its change.
        let totals = ledger.totals(&OrderFilter {
            month: None,
            ..filter.clone()
        })?;
        let report = history_summary::Report {
            summary: history_summary::summarize(
                &totals,
                filter.month.as_deref(),
                &crate::domain::timefmt::month_key(app.now()),
            ),
        };
        return app
            .out
            .print(app.config.is_builtin_sandbox(), &report, history_summary::render);
    }
    if app.out.json && !args.csv {
        // The whole document is made before any of it is shown: a damaged
        // row found late must not leave half a document on stdout. Its bytes
        // are held, never the orders (about 350 bytes an order).
        let mut doc = Vec::new();
        write_json(
            ledger,
            &filter,
            app.config.is_builtin_sandbox(),
            app.out.stdout_tty,
            &mut doc,
        )?;
        std::io::stdout().lock().write_all(&doc)?;
        return Ok(());
    }
    if args.csv {
        // Read whole first: a damaged row found late must not leave half a
        // file behind.
        let orders = ledger.orders(&filter)?;
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
            "via",
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
                o.via.map(|v| v.to_string()).unwrap_or_default(),
            ])?;
        }
        w.flush()?;
        return Ok(());
    }
    if app.config.is_builtin_sandbox() || ledger.any_paid_with(&filter, PayMethod::Sandbox)? {
        app.out.sandbox_banner();
    }
    // Until the end of `run`: everything after this goes to the pager.
    let _pager = crate::pager::Pager::start(&app.out, args.no_pager);
    render(ledger, &filter, &app.out)
}

/// How many orders a page of the table holds: all a run keeps of them.
const PAGE: usize = 500;

/// The orders table's columns, by index in `cells`.
const COLUMNS: usize = 8;

/// `history`'s orders and monthly totals for people, a page of orders at a
/// time as they come from the ledger, so the first screen shows at once and a
/// long ledger is never held whole. Each page is laid out for its own rows;
/// columns only grow, so a page lines up with the ones above it, and when a
/// page needs more room or its times another zone, its header is shown
/// again (the zone is said once in the header when a page's times share it).
/// A ledger of one page is laid out as one table. The totals, summed by
/// SQLite, come after the orders. Its JSON, the same fields, is streamed by
/// `write_json`.
fn render(ledger: &Ledger, filter: &OrderFilter, out: &Output) -> anyhow::Result<()> {
    let mut page: Vec<(Order, String)> = Vec::with_capacity(PAGE);
    let mut shown: Option<Layout> = None;
    ledger.each_order(filter, |o| {
        let id = ledger.short_id(o.id)?;
        page.push((o, id));
        if page.len() == PAGE {
            print_page(&page, &mut shown, out);
            page.clear();
        }
        Ok(())
    })?;
    if !page.is_empty() {
        print_page(&page, &mut shown, out);
    }
    if shown.is_none() {
        out.line(t!("no-orders"));
        return Ok(());
    }
    let totals = ledger.totals(filter)?;
    if !totals.is_empty() {
        out.line("");
        // Months are the plans' calendar: Chile's, whatever the reader's zone.
        let mut t = out.table(&[
            (&t!("col-month"), 0),
            (&t!("col-line"), 0),
            (&t!("col-spent"), 0),
            (&t!("col-orders"), 0),
        ]);
        for total in totals {
            t.add_row(vec![
                total.month.as_str().into(),
                total.line.as_str().into(),
                total.amount_clp.to_string().into(),
                total.count.to_string().into(),
            ]);
        }
        out.print_table(&t);
    }
    Ok(())
}

/// What the last header shown said: the zone of every time below it (none:
/// each time says its own), and the columns' widths.
#[derive(PartialEq)]
struct Layout {
    zone: Option<String>,
    widths: [usize; COLUMNS],
}

/// Prints a page of orders (with their short ids) under the header shown
/// last, or under a new one when the page does not fit that layout.
fn print_page(page: &[(Order, String)], shown: &mut Option<Layout>, out: &Output) {
    let times: Vec<(String, String)> = page.iter().map(|(o, _)| time_parts(o.created_at)).collect();
    let zone = times
        .first()
        .map(|(_, zone)| zone.clone())
        .filter(|zone| times.iter().all(|(_, z)| z == zone));
    let when = match &zone {
        Some(zone) => format!("{} ({zone})", t!("col-when")),
        None => t!("col-when"),
    };
    let headers = [
        (t!("col-order"), 0),
        (when, 0),
        (t!("col-line"), 0),
        // How each order was paid is kept before its plan id: the id is in
        // the JSON, the CSV and `--wide`.
        (t!("col-plan"), 2),
        (t!("col-amount"), 0),
        (t!("col-status"), 0),
        (t!("col-paid-with"), 1),
        (t!("col-reference"), 3),
    ];
    let mut widths = shown.as_ref().map_or([0; COLUMNS], |s| s.widths);
    for (width, (header, _)) in widths.iter_mut().zip(&headers) {
        *width = (*width).max(cell_width(header));
    }
    let rows: Vec<Vec<Cell>> = page
        .iter()
        .zip(times)
        .map(|((o, id), (time, z))| {
            let time = if zone.is_some() { time } else { format!("{time} {z}") };
            cells(o, id.clone(), time)
        })
        .collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell_width(cell.text()));
        }
    }
    let mut table = out.table(&headers).fixed_widths(widths.to_vec());
    for row in rows {
        table.add_row(row);
    }
    let layout = Layout { zone, widths };
    out.print_table_page(&table, shown.as_ref() != Some(&layout));
    *shown = Some(layout);
}

/// One order's cells, in the table's column order.
fn cells(o: &Order, short_id: String, time: String) -> Vec<Cell> {
    vec![
        short_id.into(),
        time.into(),
        o.line.as_str().into(),
        o.plan_id.to_string().into(),
        o.amount.to_string().into(),
        status_cell(o.status),
        o.paid_with().into(),
        or_dash(o.gateway_ref.as_deref()).into(),
    ]
}

/// Writes `history --json` (`{"orders", "sandbox", "totals"}`, DESIGN.md)
/// as the orders come from the ledger: each order through serde_json as
/// itself, between the list's brackets and commas, so the orders of a long
/// ledger are never held whole (as atuin writes its history). The layout is serde_json's,
/// indented when `pretty`. `sandbox` is true on the built-in sandbox or when
/// any order listed was paid on it; totals are summed by SQLite.
pub fn write_json(
    ledger: &crate::ledger::Ledger,
    filter: &OrderFilter,
    builtin_sandbox: bool,
    pretty: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    out.write_all(if pretty {
        b"{\n  \"orders\": ["
    } else {
        b"{\"orders\":["
    })?;
    let mut sandbox = builtin_sandbox;
    let mut empty = true;
    let mut element = Vec::new();
    ledger.each_order(filter, |order| {
        sandbox |= order.pay == PayMethod::Sandbox;
        if !std::mem::replace(&mut empty, false) {
            out.write_all(b",")?;
        }
        if pretty {
            // An element two levels deep: serde_json's own indented form,
            // each line moved in by those two levels.
            element.clear();
            serde_json::to_writer_pretty(&mut element, &order)?;
            out.write_all(b"\n    ")?;
            for (i, line) in element.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    out.write_all(b"\n    ")?;
                }
                out.write_all(line)?;
            }
        } else {
            serde_json::to_writer(&mut *out, &order)?;
        }
        Ok(())
    })?;
    let totals = ledger.totals(filter)?;
    if pretty {
        out.write_all(if empty { b"]" } else { b"\n  ]" })?;
        write!(out, ",\n  \"sandbox\": {sandbox},\n  \"totals\": ")?;
        let mut rest = Vec::new();
        serde_json::to_writer_pretty(&mut rest, &totals)?;
        for (i, line) in rest.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                out.write_all(b"\n  ")?;
            }
            out.write_all(line)?;
        }
        out.write_all(b"\n}\n")?;
    } else {
        write!(out, "],\"sandbox\":{sandbox},\"totals\":")?;
        serde_json::to_writer(&mut *out, &totals)?;
        out.write_all(b"}\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Clp, Operator, OrderStatus};
    use crate::ledger::{Ledger, NewOrder};
    use crate::policy::Caps;
    use jiff::Timestamp;

    /// A ledger with orders whose texts need escaping (an error with quotes,
    /// a newline, a tab and accents), pending and settled ones, and two months.
    fn ledger() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("ledger.sqlite3")).unwrap();
        let times = [
            "2026-10-31T12:00:00Z",
            "2026-11-25T12:00:00.123456789Z",
            "2026-11-25T13:00:00Z",
        ];
        for (i, at) in times.iter().enumerate() {
            let now: Timestamp = at.parse().unwrap();
            let new = NewOrder {
                line: ["casa", "finca", "casa"][i].into(),
                msisdn: ["987654321", "987654322", "987654321"][i].parse().unwrap(),
                operator: Operator::Entel,
                plan_id: "reloadly-entel-5000".parse().unwrap(),
                plan_name: "Bolsa".into(),
                data_bytes: None,
                validity_days: Some(30),
                amount: Clp(5000 + i as i64),
                pay: [PayMethod::Reloadly, PayMethod::Sandbox, PayMethod::Reloadly][i],
                baseline: None,
            };
            let o = ledger.insert_intent(&new, Caps::default(), now).unwrap();
            if i < 2 {
                ledger
                    .transition(o.id, OrderStatus::Submitted, None, None, now)
                    .unwrap();
            }
            if i == 0 {
                ledger
                    .transition(o.id, OrderStatus::Confirmed, Some("4602843"), None, now)
                    .unwrap();
            }
            if i == 1 {
                let error = "rechazó: \"saldo\"\ninsuficiente\t(código 7)";
                ledger
                    .transition(o.id, OrderStatus::Failed, None, Some(error), now)
                    .unwrap();
            }
        }
        (dir, ledger)
    }

    /// The stream is, byte for byte, what serde_json writes for the whole
    /// document: compact and indented.
    #[test]
    fn streamed_json_is_serde_jsons_document() {
        let (_dir, ledger) = ledger();
        let filter = OrderFilter::default();
        let orders = ledger.orders(&filter).unwrap();
        let totals = ledger.totals(&filter).unwrap();
        assert_eq!(orders.len(), 3);
        assert_eq!(totals.len(), 1);
        #[derive(serde::Serialize)]
        struct Document<'a> {
            orders: &'a [crate::domain::Order],
            sandbox: bool,
            totals: &'a [crate::ledger::MonthTotal],
        }
        let document = Document {
            orders: &orders,
            sandbox: true,
            totals: &totals,
        };
        for pretty in [false, true] {
            let mut out = Vec::new();
            write_json(&ledger, &filter, false, pretty, &mut out).unwrap();
            let expected = if pretty {
                serde_json::to_string_pretty(&document).unwrap()
            } else {
                serde_json::to_string(&document).unwrap()
            };
            assert_eq!(String::from_utf8(out).unwrap(), expected + "\n", "pretty: {pretty}");
        }
    }

    #[test]
    fn an_empty_history() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("ledger.sqlite3")).unwrap();
        for (pretty, expected) in [
            (false, "{\"orders\":[],\"sandbox\":false,\"totals\":[]}\n"),
            (
                true,
                "{\n  \"orders\": [],\n  \"sandbox\": false,\n  \"totals\": []\n}\n",
            ),
        ] {
            let mut out = Vec::new();
            write_json(&ledger, &OrderFilter::default(), false, pretty, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected);
        }
    }
}
