//! `topup record`: purchases made elsewhere, written down as confirmed
//! orders (pay `record`, `via` kept) so that history, monthly totals, caps
//! and the ledger's estimate of the plan's end include them.

use crate::common::*;

/// A line nothing reads (its balance is the ledger's estimate), with one
/// plan of its own.
const CASA: &str = "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\nbalance = \"ledger\"\n\n\
    [[operators.entel.plan]]\nid = \"entel-5gb\"\nname = \"Bolsa 5 GB\"\ndata = \"5 GB\"\ndays = 30\nprice_clp = 5990\n";

#[test]
fn a_store_purchase_of_a_plan_counts_in_history_totals_and_the_estimate() {
    let env = Env::new();
    env.write_config(CASA);
    // Before: nothing to estimate from.
    assert!(env.balance_of("casa")["expires_at"].is_null());
    let run = env
        .run(&[
            "record",
            "casa",
            "--plan",
            "entel-5gb",
            "--via",
            "store",
            "--at",
            "2026-11-20",
            "--json",
        ])
        .ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(keys(&doc), ["order", "sandbox"]);
    assert_eq!(doc["sandbox"], false);
    let order = &doc["order"];
    assert_has_keys(order, &ORDER_FIELDS);
    assert_eq!(order["pay"], "record");
    assert_eq!(order["via"], "store");
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["plan_id"], "entel-5gb");
    assert_eq!(order["amount_clp"], 5990);
    assert_eq!(order["operator"], "entel");
    // Bought at the start of 20 November in Chile; written now.
    assert_eq!(order["created_at"], "2026-11-20T03:00:00Z");
    assert_eq!(order["updated_at"], NOW);
    assert!(order["gateway_ref"].is_null() && order["error"].is_null());

    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].paid_with(), "record/store");

    let history = env.run(&["history", "--json"]).ok().json();
    assert_eq!(history["orders"][0]["via"], "store");
    assert_eq!(history["totals"][0]["month"], "2026-11");
    assert_eq!(history["totals"][0]["amount_clp"], 5990);
    assert_eq!(history["totals"][0]["count"], 1);
    let shown = env.run(&["history"]).ok().stdout;
    assert!(
        shown.contains("2026-11-20 00:00  casa  entel-5gb  $5.990  confirmed  record/store"),
        "{shown}"
    );
    let csv = env.run(&["history", "--csv"]).ok().stdout;
    let mut rows = csv.lines();
    assert!(rows.next().unwrap().ends_with(",error,via"), "{csv}");
    assert!(rows.next().unwrap().ends_with(",record,confirmed,,,store"), "{csv}");

    // The ledger's estimate: the plan and when it ends (30 days on).
    let line = env.balance_of("casa");
    assert_eq!(line["source"], "ledger");
    assert_eq!(line["plan"], "Bolsa 5 GB");
    assert_eq!(line["expires_at"], "2026-12-20T03:00:00Z");
}

#[test]
fn a_sum_with_its_data_and_days_and_a_time_of_day() {
    let env = Env::new();
    env.write_config(CASA);
    let run = env
        .run(&[
            "record",
            "casa",
            "--amount",
            "$3.000",
            "--data",
            "1,5GB",
            "--days",
            "7",
            "--at",
            "2026-11-24T18:30",
        ])
        .ok();
    let shown = run.stdout;
    for line in [
        "Recorded (bought elsewhere; nothing was paid now)",
        "  status    confirmed",
        "  line      casa (+56 9 8765 4321)",
        "  plan      Recarga $3.000 [recarga-3000]",
        "  data      1.5 GB",
        "  days      7",
        "  amount    $3.000 CLP",
        "  paid with record",
        "  time      2026-11-24 18:30 -03",
        "  ends      2026-12-01 18:30 -03 (estimated from its days)",
    ] {
        assert!(shown.contains(&format!("{line}\n")), "{line}: {shown}");
    }
    let line = env.balance_of("casa");
    assert_eq!(line["plan"], "Recarga $3.000");
    assert_eq!(line["expires_at"], "2026-12-01T21:30:00Z");
    assert!(env.orders()[0].via.is_none());
}

#[test]
fn the_same_purchase_twice_within_a_minute_is_refused() {
    let env = Env::new();
    env.write_config(CASA);
    let args = ["record", "casa", "--amount", "5000", "--via", "app", "--json"];
    let first = env.run(&args).ok().json();
    let run = env.run(&args).code(2);
    let error = run.json_error();
    assert_eq!(
        error["message"],
        format!(
            "this purchase was already recorded: order {} (recarga-5000, 2026-11-25 09:00 -03)",
            first["order"]["id"].as_str().unwrap()
        )
    );
    assert!(error["hint"].as_str().unwrap().contains("--at"), "{error}");
    assert_eq!(env.ledger_count(), 1);
    // 30 seconds later it is still the same purchase; two minutes later, or
    // another way of buying, it is another.
    let mut env = env;
    env.set_now("2026-11-25T12:00:30Z");
    env.run(&args).code(2);
    env.set_now("2026-11-25T12:02:00Z");
    env.run(&args).ok();
    env.run(&["record", "casa", "--amount", "5000", "--via", "store"]).ok();
    env.run(&[
        "record",
        "casa",
        "--amount",
        "5000",
        "--via",
        "app",
        "--at",
        "2026-11-25T09:00",
    ])
    .code(2);
    assert_eq!(env.ledger_count(), 3);
}

#[test]
fn a_purchase_in_the_future_is_refused() {
    let env = Env::new();
    env.write_config(CASA);
    // NOW is 09:00 in Santiago.
    for at in ["2026-11-26", "2026-11-25T09:30", "2026-11-25T12:00:01Z"] {
        let error = env
            .run(&["record", "casa", "--amount", "5000", "--at", at])
            .code(2)
            .error_line();
        assert!(error.contains("is in the future"), "{at}: {error}");
    }
    env.run(&["record", "casa", "--amount", "5000", "--at", "2026-11-25"])
        .ok();
    env.run(&["record", "casa", "--amount", "5000", "--at", "2026-11-25T08:59"])
        .ok();
    assert_eq!(env.ledger_count(), 2);
}

#[test]
fn records_count_in_the_caps_and_are_not_refused_by_them() {
    let env = Env::new();
    env.write_config(
        "[auto]\nmonthly_cap_clp = 10000\n\n[lines.casa]\nmsisdn = \"+56 9 9000 0004\"\noperator = \"wom\"\n\
         balance = \"sandbox\"\npay = \"sandbox\"\n",
    );
    env.run(&["record", "casa", "--amount", "8000"]).ok();
    // 8000 recorded + a plan of a few thousand > 10000: refused.
    let run = env
        .run(&["renew", "casa", "--plan", "sandbox-wom-3gb", "--yes"])
        .code(6);
    assert!(run.error_line().contains("monthly cap"), "{}", run.stderr);
    assert_eq!(env.sandbox_payments(DEMO_WOM), 0);
    // Money spent is recorded all the same, with a warning.
    let run = env.run(&["record", "casa", "--amount", "5000", "--via", "store"]).ok();
    let warning = run
        .stderr_lines()
        .into_iter()
        .find(|l| l.starts_with("warning: "))
        .unwrap_or_default();
    assert!(
        warning
            .contains("recorded all the same (the money is spent), but it takes the monthly cap across all lines over"),
        "{}",
        run.stderr
    );
    // The renewal the cap refused wrote nothing.
    assert_eq!(env.ledger_count(), 2);
    // A past month's record does not warn about this month.
    let run = env
        .run(&["record", "casa", "--amount", "9000", "--at", "2026-10-10"])
        .ok();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn a_record_is_not_a_retry_of_topups_own_payment() {
    let env = Env::new();
    env.run(&["record", "demo-wom", "--plan", "sandbox-wom-3gb", "--via", "store"])
        .ok();
    // The same plan bought now through topup is paid, not "already renewed".
    let order = renew_ok(&env, "demo-wom", "sandbox-wom-3gb");
    assert_eq!(order["pay"], "sandbox");
    assert_eq!(env.sandbox_payments(DEMO_WOM), 1);
    // A record is never unsettled: reconcile has nothing to do.
    let doc = env.run(&["reconcile", "--json"]).ok().json();
    assert_eq!(doc["orders"].as_array().unwrap().len(), 0);
}

#[test]
fn what_was_bought_must_be_said_and_make_sense() {
    let env = Env::new();
    env.write_config(CASA);
    for args in [
        &["record", "casa"][..],
        &["record", "casa", "--plan", "entel-5gb", "--amount", "5000"],
        &["record", "casa", "--plan", "entel-5gb", "--data", "5GB"],
        &["record", "casa", "--amount", "5000", "--days", "0"],
        &["record", "casa", "--amount", "5000", "--days", "400"],
        &["record", "casa", "--amount", "5000", "--data", "0"],
        &["record", "casa", "--amount", "5000", "--data", "5"],
        &["record", "casa", "--amount", "0"],
        &["record", "casa", "--amount", "5000", "--via", "mall"],
        &["record", "casa", "--amount", "5000", "--at", "ayer"],
        &["record", "nadie", "--amount", "5000"],
    ] {
        env.run(args).code(2);
    }
    let run = env.run(&["record", "casa", "--plan", "entel-9gb", "--json"]).code(2);
    let error = run.json_error();
    assert!(error["message"].as_str().unwrap().contains("entel-9gb"), "{error}");
    assert_eq!(env.ledger_count(), 0);
}
