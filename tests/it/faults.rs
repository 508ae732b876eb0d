//! Payments that go wrong (`TOPUP_SANDBOX_FAULT`): each lands in the ledger
//! with the right status and exit code, and nothing is ever paid twice.

use std::time::{Duration, Instant};

use crate::common::*;

const RENEW_ENTEL_1GB: [&str; 6] = ["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes", "--json"];
const GB: u64 = 1_000_000_000;

#[test]
fn decline_fails_the_order_exit_6() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let run = env.run_fault("decline", &RENEW_ENTEL_1GB).code(6);
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "failed");
    assert!(order["error"].as_str().unwrap().contains("declined"), "{order}");
    let err = run.json_error();
    assert_eq!(err["code"], "declined");
    assert!(err["message"].as_str().unwrap().contains("declined"));

    // Human form: the receipt on stdout, one error line on stderr.
    let run = env.run_fault("decline", &RENEW_ENTEL_1GB[..5]).code(6);
    assert!(run.stdout.contains("status    failed"), "{}", run.stdout);
    assert!(run.error_line().contains("declined the payment"), "{}", run.stderr);

    let orders = env.orders();
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o.status.as_str() == "failed"));
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);
    assert_eq!(env.data_left("demo-entel"), before);
    // Failed orders need no reconciling.
    let run = env.run(&["reconcile"]).ok();
    assert!(run.stdout.contains("Nothing to reconcile"), "{}", run.stdout);
}

#[test]
fn timeout_before_sending_fails_the_order_exit_5() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let run = env.run_fault("timeout", &RENEW_ENTEL_1GB).code(5);
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "failed");
    assert!(order["gateway_ref"].is_null(), "nothing reached the gateway: {order}");
    assert_eq!(run.json_error()["code"], "temporary");
    let run = env.run_fault("timeout", &RENEW_ENTEL_1GB[..5]).code(5);
    assert!(run.error_line().contains("did not answer"), "{}", run.stderr);
    assert_eq!(env.orders().iter().filter(|o| o.status.as_str() == "failed").count(), 2);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);
    assert_eq!(env.data_left("demo-entel"), before);
}

#[test]
fn unknown_outcome_is_exit_7_and_reconcile_finds_it_paid_once() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let run = env.run_fault("unknown", &RENEW_ENTEL_1GB).code(7);
    let order = run.json()["order"].clone();
    let id = order["id"].as_str().unwrap().to_string();
    assert_eq!(order["status"], "unknown");
    let err = run.json_error();
    assert_eq!(err["code"], "outcome_unknown");
    assert!(err["hint"].as_str().unwrap().contains("topup reconcile"), "{err}");
    assert_eq!(env.orders()[0].status.as_str(), "unknown");

    let run = env.run(&["reconcile", "--json"]).ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(doc["sandbox"], true);
    let settled = doc["orders"].as_array().unwrap();
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0]["was"], "unknown");
    assert_eq!(settled[0]["order"]["id"], id.as_str());
    assert_eq!(settled[0]["order"]["status"], "confirmed");
    assert!(
        settled[0]["order"]["gateway_ref"]
            .as_str()
            .is_some_and(|r| r.starts_with("SBX-"))
    );

    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    // Exactly one plan's data, one payment; reconciling again changes nothing.
    assert_eq!(env.data_left("demo-entel"), before + GB);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
    let run = env.run(&["reconcile"]).ok();
    assert!(run.stdout.contains("Nothing to reconcile"), "{}", run.stdout);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
    assert_eq!(env.data_left("demo-entel"), before + GB);
}

#[test]
fn unknown_unpaid_is_settled_as_failed() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let run = env.run_fault("unknown-unpaid", &RENEW_ENTEL_1GB[..5]).code(7);
    assert!(run.stdout.contains("status    unknown"), "{}", run.stdout);
    let line = run.error_line();
    assert!(line.contains("unknown") && line.contains("topup reconcile"), "{line}");

    let run = env.run(&["reconcile"]).ok();
    let row = run
        .stdout
        .lines()
        .find(|l| l.contains("demo-entel"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    for cell in ["sandbox-entel-1gb", "$1.990", "unknown", "failed"] {
        assert!(row.contains(cell), "`{cell}` in {row}");
    }
    // What happened is told below the table, by the order's short id.
    let id = &env.orders()[0].id.to_string()[..8];
    assert!(row.starts_with(id), "{row}");
    let note = run
        .stdout
        .lines()
        .find(|l| l.contains("never received"))
        .unwrap_or_default();
    assert!(note.starts_with(id), "{}", run.stdout);
    assert_eq!(run.banners(), 1);
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "failed");
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);
    assert_eq!(env.data_left("demo-entel"), before);
}

#[test]
fn a_renew_after_an_unknown_order_settles_it_first_and_never_pays_twice() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let first = env.run_fault("unknown", &RENEW_ENTEL_1GB).code(7).json()["order"].clone();
    let first_id = first["id"].as_str().unwrap();

    // A second plan, asked for (`--again`): the first was bought moments ago.
    let run = env.run(&[RENEW_ENTEL_1GB.as_slice(), &["--again"]].concat()).ok();
    let second = run.json()["order"].clone();
    assert_eq!(second["status"], "confirmed");
    assert_ne!(second["id"], first["id"]);
    // stderr tells what happened to the earlier order (a warning, not an error).
    assert!(run.stderr.contains(first_id), "{}", run.stderr);
    assert!(run.stderr.contains("unknown → confirmed"), "{}", run.stderr);

    let orders = env.orders();
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o.status.as_str() == "confirmed"), "{orders:?}");
    // Two orders, two payments, two plans' data: the unknown one was not paid again.
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 2);
    assert_eq!(env.data_left("demo-entel"), before + 2 * GB);
    let totals = env.run(&["history", "--json"]).ok().json()["totals"].clone();
    assert_eq!(
        totals,
        serde_json::json!([{"month": "2026-11", "line": "demo-entel", "amount_clp": 3980, "count": 2}])
    );
}

#[test]
fn a_renew_after_an_unpaid_unknown_order_marks_it_failed_then_pays() {
    let env = Env::new();
    let first = env.run_fault("unknown-unpaid", &RENEW_ENTEL_1GB).code(7).json()["order"].clone();
    let run = env.run(&RENEW_ENTEL_1GB[..5]).ok();
    assert!(run.stderr.contains(first["id"].as_str().unwrap()), "{}", run.stderr);
    assert!(run.stderr.contains("unknown → failed"), "{}", run.stderr);
    let statuses: Vec<&str> = env.orders().iter().map(|o| o.status.as_str()).collect();
    assert_eq!(statuses, ["confirmed", "failed"]);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
}

#[test]
fn reconcile_only_touches_the_named_line() {
    let env = Env::new();
    env.run_fault("unknown", &RENEW_ENTEL_1GB).code(7);
    env.run_fault("unknown", &["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"])
        .code(7);
    let doc = env.run(&["reconcile", "demo-wom", "--json"]).ok().json();
    let settled = doc["orders"].as_array().unwrap();
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0]["order"]["line"], "demo-wom");
    let mut statuses: Vec<(String, &str)> = env
        .orders()
        .iter()
        .map(|o| (o.line.clone(), o.status.as_str()))
        .collect();
    statuses.sort();
    assert_eq!(
        statuses,
        [
            ("demo-entel".to_string(), "unknown"),
            ("demo-wom".to_string(), "confirmed")
        ]
    );
}

#[test]
fn slow_payment_still_confirms() {
    let env = Env::new();
    let started = Instant::now();
    let run = env.run_fault("slow", &RENEW_ENTEL_1GB).ok();
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "the slow fault takes about 3 s"
    );
    assert_eq!(run.json()["order"]["status"], "confirmed");
    assert_eq!(env.orders()[0].status.as_str(), "confirmed");
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
}

#[test]
fn a_ledger_that_cannot_record_the_outcome_is_unknown_not_a_failure_to_retry() {
    let env = Env::new();
    // The ledger refuses to record a confirmation, as a full disk or a
    // locked file would, after the payment was made.
    let ledger = env.state_dir().join("ledger.sqlite3");
    std::fs::create_dir_all(env.state_dir()).unwrap();
    drop(topup::ledger::Ledger::open(&ledger).unwrap());
    let refuse = "CREATE TRIGGER refuse AFTER UPDATE OF status ON orders WHEN NEW.status = 'confirmed' \
                  BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END";
    rusqlite::Connection::open(&ledger)
        .unwrap()
        .execute_batch(refuse)
        .unwrap();

    let run = env.run(&RENEW_ENTEL_1GB).code(7);
    let err = run.json_error();
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("was sent, but recording its outcome failed"), "{err}");
    assert!(err["hint"].as_str().unwrap().contains("do not pay again"), "{err}");
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
    assert_eq!(env.orders()[0].status.as_str(), "submitted", "kept for reconcile");

    // Once the ledger can be written, reconcile settles it; nothing is paid again.
    rusqlite::Connection::open(&ledger)
        .unwrap()
        .execute_batch("DROP TRIGGER refuse")
        .unwrap();
    env.run(&["reconcile"]).ok();
    assert_eq!(env.orders()[0].status.as_str(), "confirmed");
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
}

/// The simulated network's own file, damaged: one failure (exit 1) that
/// says it holds nothing real and how to start over; no order is written.
#[test]
fn a_damaged_sandbox_state_says_how_to_start_over() {
    let env = Env::new();
    let sandbox = env.state_dir().join("sandbox.sqlite3");
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::fs::write(&sandbox, "not a database, not at all, not even close".repeat(4)).unwrap();
    let run = env.run(&RENEW_ENTEL_1GB).code(1);
    let err = run.json_error();
    assert!(
        err["message"].as_str().unwrap().contains("file is not a database"),
        "{err}"
    );
    let hint = err["hint"].as_str().unwrap();
    assert!(
        hint.contains("to start the sandbox over (it holds nothing real)"),
        "{hint}"
    );
    assert!(!hint.contains("ledger"), "{hint}");
    assert_eq!(env.ledger_count(), 0);

    // A row topup did not write: the same advice.
    std::fs::remove_file(&sandbox).unwrap();
    env.run(&["balance", "demo-entel", "--json"]).ok();
    rusqlite::Connection::open(&sandbox)
        .unwrap()
        .execute_batch("UPDATE lines SET data_at = 'yesterday'")
        .unwrap();
    let err = env.run(&["balance", "demo-entel", "--json"]).code(1).json_error();
    assert!(err["message"].as_str().unwrap().contains("is damaged"), "{err}");
    assert!(
        err["hint"].as_str().unwrap().contains("delete sandbox.sqlite3"),
        "{err}"
    );
}

/// A script that reruns `renew --yes` after exit 7 ("do not pay again")
/// must not buy twice: the rerun settles the first order and, finding it
/// confirmed, pays nothing and answers with that order (exit 0).
#[test]
fn a_retry_after_exit_7_settles_and_buys_nothing() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let first = env.run_fault("unknown", &RENEW_ENTEL_1GB).code(7);
    let id = first.json()["order"]["id"].as_str().unwrap().to_string();

    let retry = env.run(&RENEW_ENTEL_1GB).ok();
    let doc = retry.json();
    assert_eq!(doc["already_renewed"], true, "{doc}");
    assert_eq!(doc["order"]["id"], id.as_str());
    assert_eq!(doc["order"]["status"], "confirmed");
    assert!(retry.stderr.contains("unknown → confirmed"), "{}", retry.stderr);

    // The human form says so, and a third run is no different.
    let again = env.run(&RENEW_ENTEL_1GB[..5]).ok();
    assert!(
        again.stdout.contains("Nothing was paid now") && again.stdout.contains(&id[..8]),
        "{}",
        again.stdout
    );
    assert!(again.stdout.contains("pass --again"), "{}", again.stdout);
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
    assert_eq!(env.data_left("demo-entel"), before + GB);
}

/// `--again` buys the same plan once more; `--again-after` bounds how
/// recent a confirmed order must be to stop a payment; a dry run reports it.
#[test]
fn again_and_again_after_decide_a_second_purchase() {
    let env = Env::new();
    renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
    let dry = env.run(&[RENEW_ENTEL_1GB.as_slice(), &["--dry-run"]].concat()).ok();
    assert_eq!(dry.json()["already_renewed"], true, "{}", dry.stdout);

    // Twenty minutes later: still within the default 30 minutes.
    let later = |args: &[&str]| {
        let mut cmd = env.topup(&[RENEW_ENTEL_1GB.as_slice(), args].concat());
        cmd.env("TOPUP_NOW", "2026-11-25T12:20:00Z");
        Run::of(cmd).ok().json()
    };
    assert_eq!(later(&[])["already_renewed"], true);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
    // A shorter window, or --again, pays.
    let paid = later(&["--again-after", "10m"]);
    assert_eq!(paid["order"]["status"], "confirmed", "{paid}");
    assert!(paid.get("already_renewed").is_none(), "{paid}");
    later(&["--again"]);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 3);
    assert_eq!(env.orders().len(), 3);
    // Another plan is not a retry of this one.
    renew_ok(&env, "demo-entel", "sandbox-entel-3gb");
    assert_eq!(env.orders().len(), 4);
}
