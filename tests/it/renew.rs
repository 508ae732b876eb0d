//! `topup renew` on the sandbox: paying, what the ledger and the simulated
//! network hold afterwards, dry runs, and the wizard's refusals without a
//! terminal.

use crate::common::*;

#[test]
fn json_order_is_confirmed_recorded_and_the_data_arrives() {
    let env = Env::new();
    let before = env.data_left("demo-entel");
    let run = env
        .run(&["renew", "demo-entel", "--plan", "sandbox-entel-3gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.stderr, "", "no banner with --json");
    let doc = run.json();
    assert_eq!(doc["sandbox"], true);
    let order = &doc["order"];
    assert_has_keys(order, &ORDER_FIELDS);
    assert_eq!(order["status"], "confirmed");
    assert_eq!(order["line"], "demo-entel");
    assert_eq!(order["msisdn"], DEMO_ENTEL);
    assert_eq!(order["operator"], "entel");
    assert_eq!(order["plan_id"], "sandbox-entel-3gb");
    assert_eq!(order["amount_clp"], 3990);
    assert_eq!(order["pay"], "sandbox");
    assert_eq!(order["created_at"], NOW);
    assert_eq!(order["updated_at"], NOW);
    assert!(order["error"].is_null());
    assert!(
        order["gateway_ref"].as_str().is_some_and(|r| r.starts_with("SBX-")),
        "{order}"
    );
    let id = order["id"].as_str().unwrap();
    assert!(id.parse::<uuid::Uuid>().is_ok(), "{id}");

    // The ledger holds it, and `history` shows it.
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].id.to_string(), id);
    assert_eq!(orders[0].status.as_str(), "confirmed");
    assert_eq!(orders[0].amount.pesos(), 3990);
    let history = env.run(&["history", "--json"]).ok().json();
    assert_eq!(history["orders"], serde_json::json!([order.clone()]));

    // The line got the plan's data (same instant: nothing used meanwhile), once.
    assert_eq!(env.data_left("demo-entel"), before + 3_000_000_000);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 1);
}

#[test]
fn human_receipt_shows_the_order_and_the_line_before_and_after() {
    let env = Env::new();
    let run = env
        .run(&["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"])
        .ok();
    assert_eq!(run.banners(), 1, "{}", run.stderr);
    assert_eq!(run.stderr_lines(), Vec::<&str>::new());
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    let id = &orders[0].id.to_string()[..8];
    for text in [
        "Receipt",
        &format!("order     {id}"),
        "status    confirmed",
        "line      demo-wom (+56 9 9000 0004)",
        "[sandbox-wom-1gb]",
        "amount    $1.490 CLP",
        "paid with sandbox",
        "reference SBX-",
        "time      2026-11-25 09:00 -03",
        "before    saldo $2.000 CLP (+$1.000 CLP bonus), data 300 MB\n            plan ends 2026-11-27 09:00 -03",
        "now       saldo $2.000 CLP (+$1.000 CLP bonus), data 1.3 GB\n            plan ends 2026-12-02 09:00 -03",
    ] {
        assert!(run.stdout.contains(text), "`{text}` in\n{}", run.stdout);
    }
}

/// A line whose balance is estimated from the ledger has no "before" and
/// "now": the estimate would only echo the order just paid.
#[test]
fn a_receipt_shows_no_estimate_as_the_line_before_and_after() {
    let env = Env::new();
    env.write_config(
        "[lines.est]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\nbalance = \"ledger\"\npay = \"sandbox\"\n",
    );
    let run = env.run(&["renew", "est", "--plan", "sandbox-entel-1gb", "--yes"]).ok();
    assert!(run.stdout.contains("status    confirmed"), "{}", run.stdout);
    assert!(
        !run.stdout.contains("before") && !run.stdout.contains("now  "),
        "{}",
        run.stdout
    );
}

#[test]
fn ledger_and_sandbox_persist_across_runs_as_time_moves() {
    let mut env = Env::new();
    assert_eq!(env.balance_of("demo-entel")["expires_at"], "2026-12-04T12:00:00Z");
    env.set_now("2026-11-27T12:00:00Z");
    assert_eq!(env.data_left("demo-entel"), 900_000_000);
    renew_ok(&env, "demo-entel", "sandbox-entel-3gb");
    let after = env.balance_of("demo-entel");
    assert_eq!(after["data_left_bytes"], 3_900_000_000u64);
    // 15 days from the purchase, later than the old expiry: it moves.
    assert_eq!(after["expires_at"], "2026-12-12T12:00:00Z");
    assert_eq!(after["plan"], "Bolsa Demo 3 GB 15 días (ficticia)");

    // A day later: 150 MB used; the ledger still has the order.
    env.set_now("2026-11-28T12:00:00Z");
    assert_eq!(env.data_left("demo-entel"), 3_750_000_000);
    renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
    let after = env.balance_of("demo-entel");
    assert_eq!(after["data_left_bytes"], 4_750_000_000u64);
    // 7 days would end before the current plan: the expiry stays.
    assert_eq!(after["expires_at"], "2026-12-12T12:00:00Z");
    let history = env.run(&["history", "--json"]).ok().json();
    let plans: Vec<&str> = history["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["plan_id"].as_str().unwrap())
        .collect();
    assert_eq!(plans, ["sandbox-entel-1gb", "sandbox-entel-3gb"], "newest first");
    assert_eq!(env.ledger_count(), 2);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 2);
}

#[test]
fn a_demo_lines_number_renews_that_demo_line() {
    let env = Env::new();
    // A demo line's number is the demo line (any other number is refused:
    // `balance`'s tests).
    let order = renew_ok(&env, "+56 9 9000 0001", "sandbox-entel-1gb");
    assert_eq!(order["line"], "demo-entel");
    assert_eq!(env.ledger_count(), 1);
}

#[test]
fn dry_run_shows_what_would_be_paid_and_writes_nothing() {
    let env = Env::new();
    let before = env.balance_of("demo-entel");
    let run = env
        .run(&[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-10gb",
            "--dry-run",
            "--json",
        ])
        .ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(doc["sandbox"], true);
    assert_eq!(doc["dry_run"], true);
    let would = &doc["would_pay"];
    assert_eq!(would["amount_clp"], 8990);
    assert_eq!(would["plan_id"], "sandbox-entel-10gb");
    assert_eq!(would["line"], "demo-entel");
    assert_eq!(would["msisdn"], DEMO_ENTEL);
    assert_eq!(would["pay"], "sandbox");
    assert!(doc.get("order").is_none(), "a dry run has no order: {doc}");

    // Human form, without --yes: it needs no confirmation because it pays nothing.
    let run = env
        .run(&["renew", "demo-entel", "--plan", "sandbox-entel-10gb", "--dry-run"])
        .ok();
    for text in [
        "Please check before paying",
        "sandbox-entel-10gb",
        "price     $8.990",
        "pay with  sandbox",
        "Dry run: nothing was paid",
    ] {
        assert!(run.stdout.contains(text), "`{text}` in\n{}", run.stdout);
    }

    assert_eq!(env.ledger_count(), 0);
    assert!(
        !env.state_dir().join("ledger.sqlite3").exists(),
        "no ledger was created"
    );
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);
    assert_eq!(env.balance_of("demo-entel"), before, "the simulated line is unchanged");
}

/// A line on the sandbox with a monthly cap, as a config.
const CAPPED: &str = "[lines.casa]\nmsisdn = \"+56 9 9000 0001\"\noperator = \"entel\"\nbalance = \"sandbox\"\n\
                      pay = \"sandbox\"\n[lines.casa.auto]\nplan = \"sandbox-entel-3gb\"\nmonthly_cap_clp = 5000\n";

#[test]
fn a_dry_run_says_when_a_cap_would_refuse() {
    let env = Env::new();
    env.write_config(CAPPED);
    let run = env
        .run(&["renew", "casa", "--plan", "sandbox-entel-10gb", "--dry-run", "--json"])
        .code(6);
    let doc = run.json();
    assert_eq!(doc["would_pay"]["amount_clp"], 8990);
    let refused = doc["refused"].as_str().unwrap();
    assert!(refused.contains("would exceed line casa's monthly cap"), "{refused}");
    assert_eq!(run.json_error()["code"], "declined");
    assert!(!env.state_dir().join("ledger.sqlite3").exists());
    // Within the cap, the dry run passes; the real run then agrees.
    let doc = env
        .run(&["renew", "casa", "--plan", "sandbox-entel-3gb", "--dry-run", "--json"])
        .ok()
        .json();
    assert!(doc["refused"].is_null(), "{doc}");
}

#[test]
fn an_unsettled_order_is_settled_first_even_after_the_line_was_renamed() {
    let env = Env::new();
    env.write_config(CAPPED);
    let run = env.run_fault(
        "unknown",
        &["renew", "casa", "--plan", "sandbox-entel-1gb", "--yes", "--json"],
    );
    let run = run.code(7);
    let first = run.json()["order"]["id"].as_str().unwrap().to_string();
    // The same number, renamed in the config.
    env.write_config(&CAPPED.replace("lines.casa", "lines.home"));
    let run = env
        .run(&["renew", "home", "--plan", "sandbox-entel-1gb", "--yes", "--again"])
        .ok();
    assert!(
        run.stderr.contains(&format!("earlier order {first}")) && run.stderr.contains("unknown → confirmed"),
        "{}",
        run.stderr
    );
    let orders = env.orders();
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o.status.as_str() == "confirmed"));
    // The cap follows the number too: $1.990 + $1.990 + $1.990 > $5.000.
    let run = env
        .run(&[
            "renew",
            "home",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--again",
            "--json",
        ])
        .code(6);
    assert!(run.json_error()["message"].as_str().unwrap().contains("monthly cap"));
}

#[test]
fn an_unknown_order_can_be_settled_by_hand() {
    let env = Env::new();
    let run = env
        .run_fault(
            "unknown-unpaid",
            &["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes", "--json"],
        )
        .code(7);
    let id = run.json()["order"]["id"].as_str().unwrap().to_string();
    let doc = env.run(&["reconcile", "--mark-confirmed", &id, "--json"]).ok().json();
    assert_eq!(doc["orders"][0]["was"], "unknown");
    assert_eq!(doc["orders"][0]["order"]["status"], "confirmed");
    assert_eq!(doc["orders"][0]["note"], "settled by hand: paid");
    assert_eq!(env.orders()[0].status.as_str(), "confirmed");
    for (args, says) in [
        (
            vec!["reconcile", "--mark-failed", "nope", "--json"],
            "is not an order id",
        ),
        (
            vec![
                "reconcile",
                "--mark-failed",
                "01a231ca-1882-7752-9863-cb64abe60760",
                "--json",
            ],
            "no order",
        ),
        (vec!["reconcile", "--mark-failed", &id, "--json"], "is confirmed"),
    ] {
        let run = env.run(&args).code(2);
        let message = run.json_error()["message"].as_str().unwrap().to_string();
        assert!(message.contains(says), "{args:?}: {message}");
    }
}

#[test]
fn simulated_payments_stay_off_lines_a_modem_reads() {
    let env = Env::new();
    env.write_config("[lines.finca]\nmsisdn = \"987654321\"\noperator = \"wom\"\nbalance = \"modem\"\n");
    let run = env
        .run(&[
            "renew",
            "finca",
            "--plan",
            "sandbox-wom-3gb",
            "--pay",
            "sandbox",
            "--yes",
            "--json",
        ])
        .code(2);
    let message = run.json_error()["message"].as_str().unwrap().to_string();
    assert!(message.contains("cannot change what the modem reads"), "{message}");
    assert_eq!(env.ledger_count(), 0);
}

#[test]
fn without_a_terminal_missing_choices_exit_8_naming_the_flag() {
    let table: [(&[&str], &str); 5] = [
        (&["renew"], "LINE"),
        (&["renew", "demo-entel"], "--plan"),
        (&["renew", "demo-entel", "--yes"], "--plan"),
        (&["renew", "demo-entel", "--plan", "sandbox-entel-1gb"], "--yes"),
        (&["renew", "demo-entel", "--dry-run"], "--plan"),
    ];
    for (args, flag) in table {
        for no_input in [false, true] {
            let env = Env::new();
            let mut all: Vec<&str> = if no_input { vec!["--no-input"] } else { vec![] };
            all.extend_from_slice(args);
            let run = env.run(&all).code(8);
            let line = run.error_line();
            assert!(line.contains("cannot ask"), "{args:?}: {line}");
            assert!(line.contains(flag), "{args:?} should name {flag}: {line}");
            assert_eq!(run.stdout, "", "{args:?}");
            assert_eq!(env.ledger_count(), 0, "{args:?}");
            assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0, "{args:?}");

            if no_input {
                let run = env.run(&[&all[..], &["--json"]].concat()).code(8);
                let err = run.json_error();
                assert_eq!(err["code"], "input_needed");
                assert!(err["hint"].as_str().unwrap().contains(flag), "{err}");
                assert_eq!(env.ledger_count(), 0);
            }
        }
    }
}

#[test]
fn given_arguments_are_checked_before_asking_for_more() {
    let env = Env::new();
    // A wrong plan id is exit 2 even without --yes.
    let run = env.run(&["renew", "demo-entel", "--plan", "nope"]).code(2);
    let line = run.error_line();
    assert!(line.contains("no plan `nope`"), "{line}");
    assert!(line.contains("sandbox-entel-1gb"), "the hint lists the plans: {line}");
    // Another operator's plan is not for this line.
    let run = env
        .run(&["renew", "demo-entel", "--plan", "sandbox-wom-1gb", "--yes"])
        .code(2);
    assert!(run.error_line().contains("sandbox-wom-1gb"));
    assert_eq!(env.ledger_count(), 0);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);
}

#[test]
fn another_topup_holding_the_lock_is_exit_3_and_nothing_is_paid() {
    let env = Env::new();
    let lock = env.hold_run_lock();

    let run = env
        .run(&["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"])
        .code(3);
    assert!(run.error_line().contains("another topup is running"), "{}", run.stderr);
    let run = env
        .run(&["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes", "--json"])
        .code(3);
    assert_eq!(run.json_error()["code"], "locked");
    assert_eq!(run.stdout, "");
    let run = env.run(&["reconcile"]).code(3);
    assert!(run.error_line().contains("another topup is running"));
    assert_eq!(env.ledger_count(), 0);
    assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0);

    drop(lock);
    renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
    assert_eq!(env.ledger_count(), 1);
}

/// `renew` in a terminal (a pseudo-terminal driven by
/// `tests/fixtures/pty/drive.py`): `script` pairs what to wait for with the
/// keys to type. The exit code and everything shown.
fn wizard(env: &Env, script: &[(&str, &str)]) -> (i32, String) {
    let topup = env.std_command(&[]).get_program().to_owned();
    in_terminal(env, script, &[topup.as_os_str(), "renew".as_ref()])
}

/// `command` in an 80x24 pseudo-terminal, driven by `script`.
fn in_terminal(env: &Env, script: &[(&str, &str)], command: &[&std::ffi::OsStr]) -> (i32, String) {
    let driver = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty/drive.py");
    let script = serde_json::to_string(script).unwrap();
    // The environment a plain run gets (temp HOME and state, fixed clock).
    let plain = env.std_command(&[]);
    let output = std::process::Command::new("python3")
        .arg(driver)
        .arg(script)
        .args(command)
        .env_clear()
        .envs(
            plain
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .current_dir(env.home())
        .output()
        .expect("python3 runs the pty driver");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)));
    assert!(doc.get("timeout").is_none(), "a prompt never came: {doc}");
    (
        doc["exit"].as_i64().unwrap() as i32,
        doc["output"].as_str().unwrap().to_string(),
    )
}

const DOWN: &str = "\x1b[B";

#[test]
fn the_wizard_walks_line_balance_plan_summary_pay_receipt() {
    let env = Env::new();
    // The second line (demo-movistar), the second plan (by price), yes.
    let (code, shown) = wizard(
        &env,
        &[
            ("Which line?", DOWN),
            ("demo-movistar", "\r"),
            ("Which plan?", DOWN),
            ("(ficticia)", "\r"),
            ("(y/n)", "y"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    let order = |text: &str| {
        shown
            .find(text)
            .unwrap_or_else(|| panic!("`{text}` missing from\n{shown}"))
    };
    // In this order: the balance now, the plans, the summary, the receipt.
    let steps = [
        order("demo-movistar now: saldo"),
        order("Which plan?"),
        order("Please check before paying:"),
        order("Receipt"),
    ];
    assert!(steps.windows(2).all(|w| w[0] < w[1]), "{shown}");
    assert!(shown.contains("status    confirmed"), "{shown}");
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].line, "demo-movistar");
    assert_eq!(orders[0].status.as_str(), "confirmed");
}

#[test]
fn answering_no_in_the_wizard_pays_nothing() {
    let env = Env::new();
    let (code, shown) = wizard(&env, &[("Which line?", "\r"), ("Which plan?", "\r"), ("(y/n)", "n")]);
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("Nothing paid."), "{shown}");
    assert_eq!(env.ledger_count(), 0);
}

/// An earlier order settled before paying is told as it is settled, even
/// when the payment that follows is refused (here by the cap): the user
/// learns that the earlier payment went through.
#[test]
fn an_earlier_order_settled_first_is_told_even_when_the_renewal_is_refused() {
    let env = Env::new();
    env.write_config(CAPPED);
    let first = env
        .run_fault(
            "unknown",
            &["renew", "casa", "--plan", "sandbox-entel-1gb", "--yes", "--json"],
        )
        .code(7)
        .json()["order"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // $1.990 settled as paid + the 10 GB plan is over the $5.000 cap.
    let run = env
        .run(&["renew", "casa", "--plan", "sandbox-entel-10gb", "--yes"])
        .code(6);
    assert!(
        run.stderr.contains(&format!("earlier order {first}")) && run.stderr.contains("unknown → confirmed"),
        "{}",
        run.stderr
    );
    assert!(run.error_line().contains("monthly cap"), "{}", run.stderr);
}

const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
/// The terminal sequences that hide and show the cursor.
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Esc at a menu and Ctrl-C at the last question end the same way: one
/// line of its own, the cursor shown again, exit 130, nothing paid.
#[test]
fn esc_and_ctrl_c_cancel_with_one_line_and_the_cursor_back() {
    let env = Env::new();
    let ansi = regex::Regex::new("\x1b\\[[0-9;?]*[A-Za-z]").unwrap();
    for script in [
        &[("Which line?", "\r"), ("Which plan?", ESC)][..],
        &[("Which line?", "\r"), ("Which plan?", "\r"), ("(y/n)", CTRL_C)],
        &[("Which line?", CTRL_C)],
    ] {
        let (code, shown) = wizard(&env, script);
        assert_eq!(code, 130, "{shown}");
        assert_eq!(shown.matches("cancelled; nothing was paid").count(), 1, "{shown}");
        // On a line of its own: after the last newline before it, only
        // cursor moves and cleared lines.
        let before = ansi
            .replace_all(&shown[..shown.find("error: cancelled").unwrap()], "")
            .into_owned();
        let tail = before.rsplit('\n').next().unwrap_or_default();
        assert!(tail.trim().is_empty(), "the error is glued to `{tail}`: {shown:?}");
        let (hidden, shown_again) = (shown.rfind(HIDE_CURSOR), shown.rfind(SHOW_CURSOR));
        assert!(
            hidden.is_none_or(|h| shown_again.is_some_and(|s| s > h)),
            "cursor left hidden: {shown:?}"
        );
    }
    assert_eq!(env.ledger_count(), 0);
}

/// With one configured line the wizard does not ask which; and with stdout
/// piped (`| tee log`) the summary to double-check is on the terminal
/// before the question, while the receipt goes down the pipe.
#[test]
fn one_line_is_taken_and_the_summary_comes_before_the_question_when_piped() {
    let env = Env::new();
    env.write_config(
        "[lines.casa]\nmsisdn = \"+56 9 9000 0004\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n",
    );
    let log = env.home().join("log");
    let topup = env.std_command(&[]).get_program().to_owned();
    let piped = format!("'{}' renew | tee '{}'", topup.to_string_lossy(), log.display());
    let (code, shown) = in_terminal(
        &env,
        &[("Which plan?", "\r"), ("(y/n)", "y")],
        &["sh".as_ref(), "-c".as_ref(), piped.as_ref()],
    );
    assert_eq!(code, 0, "{shown}");
    assert!(!shown.contains("Which line? ›"), "{shown}");
    assert!(shown.contains("Which line? casa (the only choice)"), "{shown}");
    let summary = shown.find("Please check before paying:").expect("a summary");
    assert!(summary < shown.find("(y/n)").unwrap(), "{shown}");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.starts_with("Receipt") && !logged.contains("Please check"),
        "{logged}"
    );
    assert_eq!(env.orders().len(), 1);
}
