//! `topup balance` on the built-in sandbox: fields, banner, phone numbers,
//! and the simulated network's state across runs.

use crate::common::*;

#[test]
fn json_lists_every_demo_line_with_the_promised_fields() {
    let env = Env::new();
    let run = env.run(&["balance", "--json"]).ok();
    assert_eq!(run.stderr, "", "no banner and nothing else with --json");
    let doc = run.json();
    assert_eq!(doc["sandbox"], true);
    assert_eq!(doc["accounts"], serde_json::json!([]));
    let lines = doc["lines"].as_array().expect("lines");
    let names: Vec<&str> = lines.iter().map(|l| l["line"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        ["demo-entel", "demo-movistar", "demo-claro", "demo-wom", "demo-virgin"]
    );
    let operators: Vec<&str> = lines.iter().map(|l| l["operator"].as_str().unwrap()).collect();
    assert_eq!(operators, ["entel", "movistar", "claro", "wom", "virgin"]);
    for l in lines {
        assert_has_keys(
            l,
            &[
                "line",
                "msisdn",
                "operator",
                "saldo_clp",
                "data_left_bytes",
                "expires_at",
                "plan",
                "source",
                "as_of",
            ],
        );
        assert_eq!(l["source"], "sandbox", "{l}");
        assert_eq!(l["as_of"], NOW, "{l}");
        assert!(l["msisdn"].as_str().unwrap().starts_with("+569"), "E.164: {l}");
        assert!(
            l["expires_at"].as_str().unwrap().parse::<jiff::Timestamp>().is_ok(),
            "RFC 3339: {l}"
        );
        assert!(
            l["plan"].as_str().unwrap().contains("ficticia"),
            "sandbox plans are labelled fictional: {l}"
        );
    }
    let entel = &lines[0];
    assert_eq!(entel["msisdn"], DEMO_ENTEL);
    assert_eq!(entel["saldo_clp"], 3500);
    assert_eq!(entel["data_left_bytes"], 1_200_000_000u64);
    assert_eq!(entel["expires_at"], "2026-12-04T12:00:00Z");
    // demo-movistar's plan ended yesterday: no data left.
    assert_eq!(lines[1]["data_left_bytes"], 0);
    assert_eq!(lines[1]["expires_at"], "2026-11-24T12:00:00Z");
}

#[test]
fn human_output_is_a_table_with_the_banner_on_stderr() {
    let env = Env::new();
    let run = env.run(&["--wide", "balance"]).ok();
    let header = run.stdout.lines().next().expect("a header");
    for column in [
        "Line",
        "Number",
        "Operator",
        "Saldo",
        "Data left",
        "Plan ends",
        "Plan",
        "Source",
    ] {
        assert!(header.contains(column), "{header}");
    }
    for (name, number) in [
        ("demo-entel", "+56 9 9000 0001"),
        ("demo-wom", "+56 9 9000 0004"),
        ("demo-virgin", "+56 9 9000 0005"),
    ] {
        let row = run
            .stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} row:\n{}", run.stdout));
        assert!(row.contains(number), "{row}");
    }
    let entel = run.stdout.lines().find(|l| l.contains("demo-entel")).unwrap();
    for cell in ["$3.500", "1.2 GB", "2026-12-04 (in 9d)", "sandbox"] {
        assert!(entel.contains(cell), "`{cell}` in {entel}");
    }
    assert!(
        run.stdout.contains("(ended)"),
        "demo-movistar's plan has ended:\n{}",
        run.stdout
    );
    assert_eq!(run.banners(), 1, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "only the banner: {}", run.stderr);
    assert!(!run.stdout.contains('\x1b'), "no colour with NO_COLOR and no terminal");
}

#[test]
fn quiet_drops_the_banner_but_keeps_the_result() {
    let env = Env::new();
    let run = env.run(&["-q", "balance", "demo-entel"]).ok();
    assert_eq!(run.stderr, "");
    assert!(run.stdout.contains("demo-entel"), "{}", run.stdout);
}

#[test]
fn all_is_every_line_and_named_lines_keep_their_order() {
    let env = Env::new();
    let all = env.run(&["balance", "--all", "--json"]).ok().json();
    let default = env.run(&["balance", "--json"]).ok().json();
    assert_eq!(all, default);
    let two = env.run(&["balance", "demo-wom", "demo-entel", "--json"]).ok().json();
    let names: Vec<&str> = two["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["demo-wom", "demo-entel"]);
}

#[test]
fn a_demo_number_in_any_form_is_its_line_and_no_other_number_gets_an_invented_balance() {
    let env = Env::new();
    let first = env.balance_of("demo-wom");
    for form in ["990000004", "56990000004", "+56 9 9000 0004", "9 9000 0004"] {
        assert_eq!(env.balance_of(form), first, "{form}");
    }
    assert_eq!(env.balance_of("+56 9 9000 0001")["line"], "demo-entel");
    // Any other number is a real person's line: the sandbox invents nothing
    // for it, and says what to configure.
    for args in [
        &["balance", "987654321"][..],
        &["renew", "987654321", "--plan", "sandbox-wom-1gb", "--yes"],
    ] {
        let run = env.run(args).code(2);
        assert_eq!(run.stdout, "");
        let line = run.error_line();
        assert!(
            line.contains("no configured line has the number +56 9 8765 4321"),
            "{line}"
        );
        assert!(
            run.stderr.contains("only its demo lines") && run.stderr.contains("[lines.NAME]"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(env.sandbox_payments("+56987654321"), 0);
    assert_eq!(env.ledger_count(), 0);
}

/// A configured line pays with the sandbox only when its config says so:
/// `--pay sandbox` on a real line is refused, and its plans are not the
/// sandbox's fiction.
#[test]
fn a_configured_line_never_pays_with_the_sandbox_unless_it_says_so() {
    let env = Env::new();
    env.write_config("[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\n");
    let run = env
        .run(&[
            "renew",
            "casa",
            "--pay",
            "sandbox",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
        ])
        .code(2);
    assert!(
        run.error_line().contains("does not say pay = \"sandbox\""),
        "{}",
        run.stderr
    );
    assert_eq!(run.banners(), 0, "{}", run.stderr);
    let run = env.run(&["plans", "casa"]).code(2);
    assert!(
        run.error_line().contains("line casa has no way to pay"),
        "{}",
        run.stderr
    );
    assert_eq!(env.ledger_count(), 0);
    assert_eq!(env.sandbox_payments("+56987654321"), 0);
    // Said explicitly, it does.
    env.write_config("[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\npay = \"sandbox\"\n");
    renew_ok(&env, "casa", "sandbox-entel-1gb");
    assert_eq!(env.sandbox_payments("+56987654321"), 1);
}

#[test]
fn the_sandbox_state_persists_and_data_runs_down_with_time() {
    let mut env = Env::new();
    assert_eq!(env.data_left("demo-entel"), 1_200_000_000);
    // demo-entel uses 150 MB a day.
    env.set_now("2026-11-27T12:00:00Z");
    let later = env.balance_of("demo-entel");
    assert_eq!(later["data_left_bytes"], 900_000_000u64);
    assert_eq!(later["as_of"], "2026-11-27T12:00:00Z");
    assert_eq!(
        later["expires_at"], "2026-12-04T12:00:00Z",
        "the expiry is remembered, not recomputed"
    );
    // After the plan ends there is no data.
    env.set_now("2026-12-05T12:00:00Z");
    assert_eq!(env.data_left("demo-entel"), 0);
    // Nothing of this was a payment.
    assert_eq!(env.ledger_count(), 0);
}

/// The reverse of the honest sandbox: simulated readings never decide a
/// real payment (a line reading the sandbox cannot pay with Reloadly, by
/// its own `pay`, its auto policy or `--pay`).
#[test]
fn a_line_reading_the_sandbox_cannot_pay_with_reloadly() {
    let env = Env::new();
    let reloadly = "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"a\"\nclient_secret_file = \"/x\"\n";
    for line in [
        "pay = \"reloadly\"\n",
        "pay = \"sandbox\"\n[lines.x.auto]\nplan = \"p\"\npay = \"reloadly\"\n",
    ] {
        env.write_config(&format!(
            "{reloadly}[lines.x]\nmsisdn = \"+56 9 8765 4399\"\noperator = \"entel\"\nbalance = \"sandbox\"\n{line}"
        ));
        let run = env.run(&["balance", "x"]).code(2);
        assert!(
            run.error_line()
                .contains("a simulated reading must not decide a real payment"),
            "{}",
            run.stderr
        );
    }
    env.write_config(&format!(
        "{reloadly}[lines.x]\nmsisdn = \"+56 9 8765 4399\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n"
    ));
    let run = env
        .run(&[
            "renew",
            "x",
            "--pay",
            "reloadly",
            "--plan",
            "reloadly-entel-5000",
            "--yes",
        ])
        .code(2);
    assert!(
        run.error_line()
            .contains("a simulated reading must not decide a real payment"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.banners(),
        0,
        "no 'no money moves' banner before a real payment: {}",
        run.stderr
    );
    assert_eq!(env.ledger_count(), 0);
}
