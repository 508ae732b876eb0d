//! `topup history [LINE] [--month YYYY-MM] [--since DATE] [--csv]`: every
//! order, newest first, and confirmed spend per month and line.

use std::io::Write;

use anyhow::Context;

use crate::app::App;
use crate::cli::HistoryArgs;
use crate::domain::{OrderStatus, PayMethod, timefmt};
use crate::error::TopupError;
use crate::ledger::{MonthTotals, OrderFilter, OrderPart};
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
    if app.out.json && !args.csv {
        // Straight to the file descriptor: stdout's own line buffering would
        // look for newlines in every chunk of tens of megabytes.
        let stdout = std::fs::File::from(std::os::fd::AsFd::as_fd(&std::io::stdout()).try_clone_to_owned()?);
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout);
        write_json(
            ledger,
            &filter,
            app.config.is_builtin_sandbox(),
            app.out.stdout_tty,
            &mut out,
        )?;
        out.flush()?;
        return Ok(());
    }
    let mut numbers = std::collections::HashMap::new();
    let mut orders = Vec::new();
    let mut totals = MonthTotals::default();
    ledger.each_order(&filter, |stored| {
        orders.push(stored.to_order(&mut numbers)?);
        totals.add(stored);
        Ok(())
    })?;
    let totals = totals.into_vec();
    let sandbox = app.config.is_builtin_sandbox() || orders.iter().any(|o| o.pay == PayMethod::Sandbox);

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

/// Writes `history --json` (`{"orders", "sandbox", "totals"}`, DESIGN.md)
/// as the orders come from the ledger, without building the document or an
/// `Order` per row first: a long ledger is tens of megabytes of JSON. Keys
/// and layout are serde_json's (sorted keys, as a `serde_json::Value` has
/// them; indented when `pretty`), and each order is what its own JSON is
/// (the tests check both). `sandbox` is true on the built-in sandbox or when
/// any order listed was paid on it.
///
/// A long list is cut into parts of `PART_ORDERS` that two threads render
/// (each with its own connection) while this one writes them out in order.
pub fn write_json(
    ledger: &crate::ledger::Ledger,
    filter: &OrderFilter,
    builtin_sandbox: bool,
    pretty: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    write_json_in_parts(ledger, filter, builtin_sandbox, pretty, out, PART_ORDERS)
}

/// Orders per part of a long history: a few megabytes of JSON.
const PART_ORDERS: usize = 10_000;

fn write_json_in_parts(
    ledger: &crate::ledger::Ledger,
    filter: &OrderFilter,
    builtin_sandbox: bool,
    pretty: bool,
    out: &mut impl Write,
    part_orders: usize,
) -> anyhow::Result<()> {
    let parts = ledger.parts(filter, part_orders)?;
    // The document's head goes out with the first part, once it rendered:
    // a damaged row in a history of one part (10,000 orders) writes no
    // JSON at all. In a longer one, the parts before it are out already;
    // the exit code and the error say the document is cut.
    let mut head = JsonStream::new(pretty);
    head.begin(b'{');
    head.key("orders");
    head.begin(b'[');
    let mut head = Some(head.take());

    let mut totals = MonthTotals::default();
    let mut sandbox = builtin_sandbox;
    let mut first = true;
    let mut write_part = |part: Rendered| -> anyhow::Result<()> {
        if let Some(head) = head.take() {
            out.write_all(&head)?;
        }
        // Every order is written after a comma; the list's first is not.
        let json = if first {
            part.json.get(1..).unwrap_or_default()
        } else {
            &part.json[..]
        };
        first = first && part.json.is_empty();
        out.write_all(json)?;
        totals.merge(part.totals);
        sandbox |= part.sandbox;
        Ok(())
    };
    if parts.len() <= 1 {
        write_part(render(ledger, filter, parts.first(), pretty)?)?;
    } else {
        render_on_threads(ledger, filter, &parts, pretty, &mut write_part)?;
    }

    if let Some(head) = head.take() {
        out.write_all(&head)?;
    }
    let mut tail = JsonStream::new(pretty);
    tail.depth = 2;
    tail.empty = first;
    tail.end(b']');
    tail.key("sandbox");
    tail.raw(if sandbox { b"true" } else { b"false" });
    tail.key("totals");
    tail.begin(b'[');
    for t in totals.into_vec() {
        tail.element();
        tail.begin(b'{');
        tail.key("amount_clp");
        tail.int(t.amount_clp.pesos());
        tail.key("count");
        tail.int(i64::try_from(t.count).unwrap_or(i64::MAX));
        tail.key("line");
        tail.str(&t.line);
        tail.key("month");
        tail.str(&t.month);
        tail.end(b'}');
    }
    tail.end(b']');
    tail.end(b'}');
    tail.raw(b"\n");
    out.write_all(&tail.take())?;
    Ok(())
}

/// One part of the orders as JSON (each order after a comma, at the depth
/// of the document's `orders` list), with what it adds to the totals.
struct Rendered {
    json: Vec<u8>,
    totals: MonthTotals,
    sandbox: bool,
}

fn render(
    ledger: &crate::ledger::Ledger,
    filter: &OrderFilter,
    part: Option<&OrderPart>,
    pretty: bool,
) -> anyhow::Result<Rendered> {
    let mut json = JsonStream::new(pretty);
    json.depth = 2;
    json.empty = false;
    let mut totals = MonthTotals::default();
    let mut sandbox = false;
    let mut numbers = std::collections::HashSet::new();
    ledger.each_order_in(filter, part, |o| {
        o.check(&mut numbers)?;
        totals.add(o);
        sandbox |= o.pay == PayMethod::Sandbox.as_str();
        json.element();
        json.begin(b'{');
        json.key("amount_clp");
        json.int(o.amount_clp);
        json.key("created_at");
        json.str(o.created_at);
        json.key("error");
        json.optional_str(o.error);
        json.key("gateway_ref");
        json.optional_str(o.gateway_ref);
        json.key("id");
        json.str(o.id);
        json.key("line");
        json.str(o.line);
        json.key("msisdn");
        json.str(o.msisdn);
        json.key("operator");
        json.str(o.operator);
        json.key("pay");
        json.str(o.pay);
        json.key("plan_id");
        json.str(o.plan_id);
        json.key("status");
        json.str(o.status);
        json.key("updated_at");
        json.str(o.updated_at);
        json.end(b'}');
        Ok(())
    })?;
    Ok(Rendered {
        json: json.take(),
        totals,
        sandbox,
    })
}

/// Renders `parts` on two threads, each taking every other part, and hands
/// them to `write` in order. Each thread waits while its last part is not
/// yet written, so at most four parts are held at once.
fn render_on_threads(
    ledger: &crate::ledger::Ledger,
    filter: &OrderFilter,
    parts: &[OrderPart],
    pretty: bool,
    write: &mut impl FnMut(Rendered) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    const THREADS: usize = 2;
    let readers = (0..THREADS)
        .map(|_| ledger.reader())
        .collect::<anyhow::Result<Vec<_>>>()?;
    std::thread::scope(|scope| {
        let mut rendered = Vec::new();
        for (first, reader) in readers.into_iter().enumerate() {
            let (done, arrived) = std::sync::mpsc::sync_channel(1);
            rendered.push(arrived);
            scope.spawn(move || {
                for part in parts.iter().skip(first).step_by(THREADS) {
                    // The writer stopped (an error): so does this thread.
                    if done.send(render(&reader, filter, Some(part), pretty)).is_err() {
                        break;
                    }
                }
            });
        }
        // Returning drops the receivers, which stops the threads.
        for i in 0..parts.len() {
            let part = rendered[i % THREADS]
                .recv()
                .context("a thread writing the history stopped")??;
            write(part)?;
        }
        Ok(())
    })
}

/// JSON written into a buffer, laid out as serde_json lays it out: compact,
/// or indented by two spaces with `": "` after keys.
struct JsonStream {
    buf: Vec<u8>,
    pretty: bool,
    depth: usize,
    /// Nothing written yet in the innermost array or object.
    empty: bool,
}

impl JsonStream {
    fn new(pretty: bool) -> Self {
        JsonStream {
            buf: Vec::with_capacity(1 << 16),
            pretty,
            depth: 0,
            empty: true,
        }
    }

    fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.buf)
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    fn newline(&mut self, depth: usize) {
        self.buf.push(b'\n');
        for _ in 0..depth {
            self.buf.extend_from_slice(b"  ");
        }
    }

    fn begin(&mut self, open: u8) {
        self.buf.push(open);
        self.depth += 1;
        self.empty = true;
    }

    fn end(&mut self, close: u8) {
        self.depth -= 1;
        if self.pretty && !self.empty {
            self.newline(self.depth);
        }
        self.buf.push(close);
        // The container just closed is an element of its parent.
        self.empty = false;
    }

    /// Before each element of an array, and (through `key`) each member.
    fn element(&mut self) {
        if !self.empty {
            self.buf.push(b',');
        }
        self.empty = false;
        if self.pretty {
            self.newline(self.depth);
        }
    }

    fn key(&mut self, key: &'static str) {
        self.element();
        self.word(key);
        self.raw(if self.pretty { b": " } else { b":" });
    }

    fn int(&mut self, value: i64) {
        // Writing into a Vec cannot fail.
        let _ = write!(self.buf, "{value}");
    }

    /// A string known to need no escaping (a key).
    fn word(&mut self, text: &str) {
        self.buf.push(b'"');
        self.buf.extend_from_slice(text.as_bytes());
        self.buf.push(b'"');
    }

    /// A string; most need no escaping and are copied as they are, the rest
    /// are escaped by serde_json itself.
    fn str(&mut self, text: &str) {
        if needs_escape(text.as_bytes()) {
            // Writing a string into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut self.buf, text);
        } else {
            self.word(text);
        }
    }

    fn optional_str(&mut self, value: Option<&str>) {
        match value {
            Some(text) => self.str(text),
            None => self.raw(b"null"),
        }
    }
}

/// Whether JSON needs any of these bytes escaped: `"`, `\\` or a control
/// character. Eight bytes at a time (a long history is millions of them).
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Whether any byte of `x` is below `n` (n ≤ 128).
    fn any_below(x: u64, n: u8) -> bool {
        x.wrapping_sub(ONES * u64::from(n)) & !x & HIGHS != 0
    }
    fn any_zero(x: u64) -> bool {
        any_below(x, 1)
    }
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(word);
        if any_below(x, 0x20) || any_zero(x ^ (ONES * u64::from(b'"'))) || any_zero(x ^ (ONES * u64::from(b'\\'))) {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Clp, Operator};
    use crate::ledger::{Caps, Ledger, NewOrder};
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

    /// The stream is, byte for byte, what serde_json writes for the document
    /// built from the orders' own JSON: compact and indented.
    #[test]
    fn streamed_json_is_serde_jsons_document() {
        let (_dir, ledger) = ledger();
        let filter = OrderFilter::default();
        let orders = ledger.orders(&filter).unwrap();
        let totals = ledger.totals(&filter).unwrap();
        assert_eq!(orders.len(), 3);
        assert_eq!(totals.len(), 1);
        let document = serde_json::json!({"sandbox": true, "orders": orders, "totals": totals});
        // In one part, and in parts of one and two orders (on threads).
        for (pretty, part_orders) in [
            (false, PART_ORDERS),
            (true, PART_ORDERS),
            (false, 1),
            (true, 1),
            (true, 2),
        ] {
            let mut out = Vec::new();
            write_json_in_parts(&ledger, &filter, false, pretty, &mut out, part_orders).unwrap();
            let expected = if pretty {
                serde_json::to_string_pretty(&document).unwrap()
            } else {
                serde_json::to_string(&document).unwrap()
            };
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected + "\n",
                "pretty: {pretty}, parts of {part_orders}"
            );
        }
    }

    #[test]
    fn which_texts_need_escaping() {
        for text in [
            "",
            "casa",
            "2026-11-25T12:00:00Z",
            "01a231ca-1882-7752-9863-cb64abe60760",
            "año niño €",
        ] {
            assert!(!needs_escape(text.as_bytes()), "{text:?}");
        }
        let clean = "abcdefghijklmnopqrstuvwxyz0123456789";
        for bad in ['"', '\\', '\n', '\t', '\u{0}', '\u{1f}'] {
            for at in 0..clean.len() {
                let mut text = clean.to_string();
                text.insert(at, bad);
                assert!(needs_escape(text.as_bytes()), "{text:?}");
            }
        }
        // Bytes at or above 0x80 (UTF-8) and DEL need no escaping.
        assert!(!needs_escape("ÿÿÿÿÿÿÿÿ\u{7f}".as_bytes()));
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
