//! `topup history`: orders newest first, monthly totals per line (months in
//! America/Santiago), filters and CSV.

use serde_json::{Value, json};

use crate::common::*;

#[test]
fn empty_history() {
    let env = Env::new();
    let run = env.run(&["history"]).ok();
    assert_eq!(run.stdout.trim(), "No orders yet.");
    assert_eq!(run.banners(), 1);
    let doc = env.run(&["history", "--json"]).ok().json();
    assert_eq!(doc, json!({"sandbox": true, "orders": [], "totals": []}));
    let run = env.run(&["history", "--csv"]).ok();
    assert_eq!(run.stdout.lines().count(), 1, "only the header: {}", run.stdout);
    assert_eq!(run.stderr, "", "CSV is for machines: no banner");
}

/// Orders over two Santiago months:
/// - 2026-11-20 12:00Z: demo-entel 1 GB ($1.990), demo-wom 1 GB ($1.490)
/// - 2026-12-01 02:00Z (still 30 Nov, 23:00 in Santiago): demo-entel 3 GB ($3.990)
/// - 2026-12-15 12:00Z: demo-entel 10 GB ($8.990), then a declined demo-entel 1 GB
///
/// Returns the order ids, newest first.
fn two_months() -> (Env, Vec<String>) {
    let mut env = Env::new();
    let mut orders = Vec::new();
    env.set_now("2026-11-20T12:00:00Z");
    orders.push(renew_ok(&env, "demo-entel", "sandbox-entel-1gb"));
    orders.push(renew_ok(&env, "demo-wom", "sandbox-wom-1gb"));
    env.set_now("2026-12-01T02:00:00Z");
    orders.push(renew_ok(&env, "demo-entel", "sandbox-entel-3gb"));
    env.set_now("2026-12-15T12:00:00Z");
    orders.push(renew_ok(&env, "demo-entel", "sandbox-entel-10gb"));
    let declined = env
        .run_fault(
            "decline",
            &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes", "--json"],
        )
        .code(6);
    orders.push(declined.json()["order"].clone());
    let newest_first = orders
        .iter()
        .rev()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    (env, newest_first)
}

fn history(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["history", "--json"];
    all.extend_from_slice(args);
    let run = env.run(&all).ok();
    assert_eq!(run.stderr, "");
    run.json()
}

fn ids(doc: &Value) -> Vec<String> {
    doc["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn totals_per_santiago_month_and_line() {
    let (env, newest_first) = two_months();
    let doc = history(&env, &[]);
    assert_eq!(doc["sandbox"], true);
    assert_eq!(ids(&doc), newest_first);
    for o in doc["orders"].as_array().unwrap() {
        assert_has_keys(o, &ORDER_FIELDS);
    }
    // Confirmed spend only; the 02:00Z order belongs to November in Santiago.
    assert_eq!(
        doc["totals"],
        json!([
            {"month": "2026-12", "line": "demo-entel", "amount_clp": 8990, "count": 1},
            {"month": "2026-11", "line": "demo-entel", "amount_clp": 5980, "count": 2},
            {"month": "2026-11", "line": "demo-wom", "amount_clp": 1490, "count": 1},
        ])
    );
}

#[test]
fn month_since_and_line_filters() {
    let (env, all) = two_months();
    // newest first: [declined, 10gb, 3gb (Nov in Santiago), wom, entel 1gb]
    let nov = history(&env, &["--month", "2026-11"]);
    assert_eq!(ids(&nov), all[2..]);
    assert_eq!(nov["totals"].as_array().unwrap().len(), 2);
    let dec = history(&env, &["--month", "2026-12"]);
    assert_eq!(ids(&dec), all[..2]);
    assert_eq!(
        dec["totals"],
        json!([{"month": "2026-12", "line": "demo-entel", "amount_clp": 8990, "count": 1}])
    );
    assert_eq!(ids(&history(&env, &["--month", "2026-10"])), Vec::<String>::new());

    // A date is midnight in Santiago (03:00Z in December): the 02:00Z order is before it.
    assert_eq!(ids(&history(&env, &["--since", "2026-12-01"])), all[..2]);
    // An RFC 3339 time is taken as is.
    assert_eq!(ids(&history(&env, &["--since", "2026-12-01T00:00:00Z"])), all[..3]);

    let wom = history(&env, &["demo-wom"]);
    assert_eq!(ids(&wom), all[3..4]);
    assert_eq!(
        wom["totals"],
        json!([{"month": "2026-11", "line": "demo-wom", "amount_clp": 1490, "count": 1}])
    );
    assert_eq!(history(&env, &["+56 9 9000 0004"]), wom, "a number is its line");
    let entel_nov = history(&env, &["demo-entel", "--month", "2026-11"]);
    assert_eq!(ids(&entel_nov), [all[2].clone(), all[4].clone()]);
}

#[test]
fn csv_has_a_header_and_one_row_per_order() {
    let (env, all) = two_months();
    let run = env.run(&["history", "--csv"]).ok();
    assert_eq!(run.stderr, "");
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
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
            "via"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let col = |row: &csv::StringRecord, name: &str| {
        row.get(header.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_string()
    };
    let row_ids: Vec<String> = rows.iter().map(|r| col(r, "id")).collect();
    assert_eq!(row_ids, all);
    let declined = &rows[0];
    assert_eq!(col(declined, "status"), "failed");
    assert!(col(declined, "error").contains("declined"), "{declined:?}");
    let wom = &rows[3];
    assert_eq!(col(wom, "line"), "demo-wom");
    assert_eq!(col(wom, "msisdn"), DEMO_WOM);
    assert_eq!(col(wom, "operator"), "wom");
    assert_eq!(col(wom, "plan_id"), "sandbox-wom-1gb");
    assert_eq!(col(wom, "amount_clp"), "1490");
    assert_eq!(col(wom, "pay"), "sandbox");
    assert_eq!(col(wom, "status"), "confirmed");
    assert_eq!(col(wom, "created_at"), "2026-11-20T12:00:00Z");
    assert!(col(wom, "gateway_ref").starts_with("SBX-"));
    assert_eq!(col(wom, "error"), "");
    // Filters apply to CSV too.
    let run = env.run(&["history", "--csv", "--month", "2026-12"]).ok();
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
}

#[test]
fn human_history_has_orders_and_totals() {
    let (env, _) = two_months();
    let run = env.run(&["--wide", "history"]).ok();
    assert_eq!(run.banners(), 1);
    let first = run.stdout.lines().next().unwrap();
    for column in [
        "Order",
        "When (-03)",
        "Line",
        "Plan",
        "CLP",
        "Status",
        "Paid with",
        "Reference",
    ] {
        assert!(first.contains(column), "{first}");
    }
    // Times in the reader's zone (Santiago here): 02:00Z on 1 December is
    // 23:00 on 30 November.
    let row = run.stdout.lines().find(|l| l.contains("sandbox-entel-3gb")).unwrap();
    assert!(row.contains("2026-11-30 23:00"), "{row}");
    assert!(run.stdout.lines().any(|l| l.contains("failed")), "{}", run.stdout);
    let totals = run
        .stdout
        .lines()
        .skip_while(|l| !l.contains("Spent (confirmed)"))
        .collect::<Vec<_>>();
    assert_eq!(totals.len(), 5, "header, rule, three rows:\n{}", run.stdout);
    assert!(
        totals
            .iter()
            .any(|l| l.contains("2026-11") && l.contains("demo-entel") && l.contains("$5.980")),
        "{totals:?}"
    );
    assert!(
        totals
            .iter()
            .any(|l| l.contains("2026-12") && l.contains("demo-entel") && l.contains("$8.990")),
        "{totals:?}"
    );
}

#[test]
fn csv_and_json_together_is_a_usage_error() {
    let env = Env::new();
    env.run(&["history", "--csv", "--json"]).code(2);
}

/// Runs `sql` on the test's ledger, as something other than topup would.
fn tamper(env: &Env, sql: &str) {
    let conn = rusqlite::Connection::open(env.state_dir().join("ledger.sqlite3")).unwrap();
    conn.execute_batch(&format!("PRAGMA foreign_keys = OFF; {sql}"))
        .unwrap();
}

/// A row topup cannot read is the same error, with the same exit code, in
/// every form of `history`: the table, CSV and JSON (which used to copy a
/// damaged time through and exit 0).
#[test]
fn a_damaged_row_is_the_same_refusal_in_the_table_csv_and_json() {
    for (column, value, says) in [
        ("created_at", "garbage", "created_at"),
        ("updated_at", "2026-13-01", "updated_at"),
        ("msisdn", "+5612", "digits"),
        ("id", "not-an-id", "not an order id"),
        ("plan_id", "BAD ID", "plan id"),
    ] {
        let env = Env::new();
        renew_ok(&env, "demo-wom", "sandbox-wom-1gb");
        tamper(&env, &format!("UPDATE orders SET {column} = '{value}'"));
        let table = env.run(&["history"]).code(1);
        let csv = env.run(&["history", "--csv"]).code(1);
        let json = env.run(&["history", "--json"]).code(1);
        assert_eq!(json.stdout, "", "{column}: JSON written before the refusal");
        // Below a sound order too: no half document before the refusal.
        renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
        let json_below = env.run(&["history", "--json"]).code(1);
        assert_eq!(json_below.stdout, "", "{column}: half a document");
        assert_eq!(json_below.json_error(), json.json_error());
        let message = json.json_error()["message"].as_str().unwrap().to_string();
        assert!(
            message.contains("is damaged") && message.contains(says),
            "{column}: {message}"
        );
        for run in [&table, &csv] {
            assert!(run.error_line().contains(&message), "{column}: {}", run.stderr);
        }
    }
}

/// A file at the ledger's path that topup did not write is refused in one
/// short line (exit 2), never migrated into or dumped as SQL.
#[test]
fn a_foreign_or_strange_ledger_file_is_one_short_refusal() {
    for (what, sql, says) in [
        (
            "a foreign orders table",
            "CREATE TABLE orders (x INTEGER);",
            "tables that topup did not create",
        ),
        (
            "a negative schema version",
            "CREATE TABLE t (x); PRAGMA user_version = -1;",
            "schema version is -1",
        ),
        (
            "a known version with foreign columns",
            "CREATE TABLE orders (id TEXT); PRAGMA user_version = 3;",
            "has no `line` column",
        ),
    ] {
        let env = Env::new();
        std::fs::create_dir_all(env.state_dir()).unwrap();
        tamper(&env, sql);
        for args in [
            &["history"][..],
            &["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"],
        ] {
            let run = env.run(args).code(2);
            let line = run.error_line();
            assert!(
                line.contains("not a topup ledger") && line.contains(says),
                "{what}: {line}"
            );
            for leaked in ["CREATE TABLE", "SELECT", "18446744073709551615"] {
                assert!(!line.contains(leaked), "{what}: {line}");
            }
            assert!(line.len() < 300, "{what}: {line}");
        }
    }
    let env = Env::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::fs::write(env.state_dir().join("ledger.sqlite3"), vec![0x5a; 8192]).unwrap();
    let line = env.run(&["history"]).code(2).error_line();
    assert!(
        line.contains("not a database") && !line.contains("Error code"),
        "{line}"
    );
}

/// One order whose stored baseline is damaged does not stop reconcile
/// from settling the others: it is reported, and the rest are settled.
#[test]
fn a_damaged_order_does_not_keep_the_others_unsettled() {
    let env = Env::new();
    for line in ["demo-wom", "demo-entel"] {
        let plan = if line == "demo-wom" {
            "sandbox-wom-1gb"
        } else {
            "sandbox-entel-1gb"
        };
        env.run_fault("unknown", &["renew", line, "--plan", plan, "--yes"])
            .code(7);
    }
    tamper(&env, "UPDATE orders SET baseline = 'garbage' WHERE line = 'demo-wom'");
    let run = env.run(&["reconcile"]).code(1);
    assert!(
        run.error_line().contains("damaged baseline") || run.error_line().contains("is damaged"),
        "{}",
        run.stderr
    );
    let statuses: Vec<(String, topup::domain::OrderStatus)> =
        env.orders().into_iter().map(|o| (o.line, o.status)).collect();
    assert!(
        statuses.contains(&("demo-entel".into(), topup::domain::OrderStatus::Confirmed)),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&("demo-wom".into(), topup::domain::OrderStatus::Unknown)),
        "{statuses:?}"
    );
}

/// `--summary`: confirmed spend per Santiago month and line, with the change
/// from the line's month before (none in its first month), in each language.
#[test]
fn summary_per_month_and_line_with_the_change() {
    let (env, _) = two_months();
    let doc = env.run(&["history", "--summary", "--json"]).ok().json();
    assert_eq!(
        doc,
        json!({"sandbox": true, "summary": [
            {"month": "2026-12", "line": "demo-entel", "orders": 1, "spent_clp": 8990, "change_clp": 3010},
            {"month": "2026-12", "line": "demo-wom", "orders": 0, "spent_clp": 0, "change_clp": -1490},
            {"month": "2026-11", "line": "demo-entel", "orders": 2, "spent_clp": 5980, "change_clp": null},
            {"month": "2026-11", "line": "demo-wom", "orders": 1, "spent_clp": 1490, "change_clp": null},
        ]})
    );
    // One month still has its change from the month before.
    let doc = env
        .run(&["history", "--summary", "--month", "2026-12", "--json"])
        .ok()
        .json();
    assert_eq!(doc["summary"].as_array().unwrap().len(), 2);
    assert_eq!(doc["summary"][0]["change_clp"], 3010);
    let run = env.run(&["history", "demo-wom", "--summary"]).ok();
    assert!(
        run.stdout
            .contains("2026-12        demo-wom  0       $0                 -$1.490"),
        "{}",
        run.stdout
    );
    let mut zh = env.topup(&["history", "--summary"]);
    zh.env("TOPUP_LANG", "zh-CN");
    let zh = Run::of(zh).ok();
    assert!(zh.stdout.starts_with("月份（智利）"), "{}", zh.stdout);
    assert!(zh.stdout.contains("+$3.010"), "{}", zh.stdout);
    for line in zh.stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line}");
    }
    env.run(&["history", "--summary", "--csv"]).code(2);
}

/// On a terminal the table goes through the pager (`TOPUP_PAGER`, else
/// `PAGER`, else `less`); `--no-pager`, a pipe, JSON and CSV never do.
#[test]
fn on_a_terminal_the_table_goes_through_the_pager() {
    let (env, newest_first) = two_months();
    let paged = env.home().join("paged.txt");
    let pager = std::ffi::OsString::from(format!("cat > '{}'", paged.display()));
    let extra = [("TOPUP_PAGER", pager.as_os_str())];
    let (code, shown) = in_a_terminal(&env, &["history"], &extra, &[]);
    assert_eq!(code, 0, "{shown}");
    let text = std::fs::read_to_string(&paged).expect("the pager got the table");
    assert!(text.starts_with("Order"), "{text}");
    assert!(text.contains(&newest_first[0][..8]), "{text}");
    assert!(
        !shown.contains("Order "),
        "the table went to the pager, not the screen: {shown}"
    );
    std::fs::remove_file(&paged).unwrap();

    let (code, shown) = in_a_terminal(&env, &["history", "--no-pager"], &extra, &[]);
    assert_eq!(code, 0);
    assert!(shown.contains("Order "), "{shown}");
    for args in [&["history"][..], &["history", "--json"], &["history", "--csv"]] {
        let mut cmd = env.topup(args);
        cmd.env("TOPUP_PAGER", &pager);
        Run::of(cmd).ok();
    }
    assert!(!paged.exists(), "no pager without a terminal");
}

/// A history longer than a page (500 orders) is laid out as one table: the
/// widest cell, on the last page, sets its column on every page, and the
/// header is shown once.
#[test]
/// A long history is shown a page (500 orders) at a time as it is read:
/// columns only grow, and a page that needs more room, or whose times are in
/// another zone, shows the header again; under each header every row lines up.
fn a_long_history_is_laid_out_page_by_page_and_lines_up_under_each_header() {
    use topup::domain::{Clp, Operator, OrderStatus, PayMethod};
    use topup::ledger::{Ledger, NewOrder};
    let env = Env::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    let ledger = Ledger::open(&env.state_dir().join("ledger.sqlite3")).unwrap();
    // An order an hour across the start of Chile's summer time (2026-09-06,
    // -04 → -03): orders 0 to 399 are at -04, the rest at -03.
    let start: jiff::Timestamp = "2026-08-20T12:00:00Z".parse().unwrap();
    for i in 0..1_100 {
        // The oldest order (last on the last page) has the longest line name.
        let line = if i == 0 { "la-casa-de-la-abuela" } else { "casa" };
        let at = start.checked_add(jiff::SignedDuration::from_hours(i)).unwrap();
        let new = NewOrder {
            line: line.into(),
            msisdn: "987654321".parse().unwrap(),
            operator: Operator::Entel,
            plan_id: "sandbox-entel-1gb".parse().unwrap(),
            plan_name: "Bolsa".into(),
            data_bytes: None,
            validity_days: Some(7),
            amount: Clp(1990),
            pay: PayMethod::Sandbox,
            baseline: None,
        };
        let o = ledger.insert_intent(&new, Default::default(), at).unwrap();
        ledger.transition(o.id, OrderStatus::Submitted, None, None, at).unwrap();
        ledger.transition(o.id, OrderStatus::Confirmed, None, None, at).unwrap();
    }
    drop(ledger);
    let run = env.run(&["history", "--wide"]).ok();
    let lines: Vec<&str> = run.stdout.lines().take_while(|l| !l.is_empty()).collect();
    // Newest first: a page at -03, one that mixes both zones (each time says
    // its own), and the oldest, at -04 and with the long name.
    let headers: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("Order")).collect();
    assert_eq!(headers, [0, 502, 1_004], "a header for each page's layout");
    assert_eq!(lines.len(), 3 * 2 + 1_100, "every order once");
    let when = |header: &str| header.split_whitespace().nth(1).map(str::to_string);
    assert!(lines[0].contains("When (-03)"), "{}", lines[0]);
    assert_eq!(when(lines[502]).as_deref(), Some("When"));
    assert!(lines[1_004].contains("When (-04)"), "{}", lines[1_004]);
    assert!(
        lines[504..1_004].iter().any(|l| l.contains(" -04 ")) && lines[504..1_004].iter().any(|l| l.contains(" -03 "))
    );
    let status_at = |l: &str| l.find("confirmed").expect("a status");
    for rows in [&lines[2..502], &lines[504..1_004], &lines[1_006..]] {
        let at = status_at(rows[0]);
        assert!(rows.iter().all(|l| status_at(l) == at), "columns move under one header");
    }
    assert!(status_at(lines[1_006]) > status_at(lines[2]), "the columns grew");
    assert!(lines.last().unwrap().contains("la-casa-de-la-abuela"));
}
