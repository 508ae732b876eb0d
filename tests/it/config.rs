//! Config files: errors name file:line:col and the key (exit 2, nothing
//! written); sandbox lines in a config behave like the demo lines.

use crate::common::*;

const CASA: &str =
    "[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n";

/// (config text, `line:col` the error points at, what it must say).
const BAD_CONFIGS: &[(&str, &str, &str)] = &[
    // Malformed TOML.
    ("[lines.casa\n", ":1:12:", "unclosed table"),
    ("[lines.casa]\nmsisdn = \"987654321\n", ":2:", "config.example.toml"),
    ("[lines.casa]\nmsisdn = 987654321 987\n", ":2:", "config.example.toml"),
    // Unknown keys, anywhere.
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\ncolour = 1\n",
        ":4:1:",
        "colour",
    ),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nwhen_data_low = \"1 GB\"\n",
        ":6:1:",
        "when_data_low",
    ),
    ("[auto]\nmonthly_cap = 5000\n", ":2:1:", "monthly_cap"),
    ("[sandbox]\nenabled = true\n", ":1:", "sandbox"),
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 1000\ncolor = \"red\"\n",
        ":5:1:",
        "color",
    ),
    // Phone numbers.
    (
        "[lines.casa]\nmsisdn = \"98765432a\"\noperator = \"entel\"\n",
        ":2:10:",
        "has letters",
    ),
    (
        "[lines.casa]\nmsisdn = \"221234567\"\noperator = \"entel\"\n",
        ":2:10:",
        "landline",
    ),
    (
        "[lines.casa]\nmsisdn = \"+5491123456789\"\noperator = \"entel\"\n",
        ":2:10:",
        "not a Chilean number",
    ),
    (
        "[lines.casa]\nmsisdn = \"12345\"\noperator = \"entel\"\n",
        ":2:10:",
        "lines.casa.msisdn",
    ),
    // Prices of a config plan.
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 0\n",
        ":4:13:",
        "more than $0",
    ),
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = -5\n",
        ":4:13:",
        "price_clp",
    ),
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 99999999\n",
        ":4:13:",
        "extra zero",
    ),
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 5.5\n",
        ":4:13:",
        "decimal number 5.5",
    ),
    // A Chilean's thousands separator is TOML's decimal point.
    (
        "[auto]\nmonthly_cap_clp = 20.000\n",
        ":2:19:",
        "auto.monthly_cap_clp: TOML read this as the decimal number 20.0, and pesos are whole: \
         write them without separators, like 20000 (TOML also allows 20_000)",
    ),
    (
        "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = \"mucho\"\n",
        ":4:13:",
        "price_clp",
    ),
    // Durations and sizes.
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nmin_interval = \"soon\"\n",
        ":6:16:",
        "not a duration",
    ),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nbefore_expiry = \"-2d\"\n",
        ":6:",
        "negative",
    ),
    ("[auto]\nhook_timeout = \"2 fortnights\"\n", ":2:", "hook_timeout"),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nwhen_data_below = \"5 XB\"\n",
        ":6:",
        "when_data_below",
    ),
    // Operators.
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"tigo\"\n",
        ":3:12:",
        "tigo",
    ),
    (
        "[operators.tigo]\nbalance_ussd = [\"*103#\"]\n",
        ":1:",
        "unknown operator `tigo`",
    ),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\n",
        ":1:1:",
        "operator: is missing",
    ),
    (
        "[operators.entel]\nbalance_sms = { to = \"SALDO\", text = \"103\" }\n",
        ":2:",
        "`SALDO` is not a number to send an SMS to",
    ),
    // Cross-field rules point at the value (a comment naming it is not it).
    (
        "# pay = \"reloadly\"\n[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\npay = \"reloadly\"\n",
        ":5:7:",
        "no [reloadly] section",
    ),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\npay = \"saldo\"\n",
        ":4:7:",
        "modem",
    ),
    (
        "[lines.casa]\nmsisdn = \"987654321\"\nbalance = \"modem\"\npay = \"sandbox\"\n",
        ":4:7:",
        "cannot change what the modem reads",
    ),
    (
        "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"a\"\nclient_secret_file = \"/x\"\n\
         [lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\npay = \"reloadly\"\n\
         [lines.casa.auto]\nplan = \"p\"\npay = \"sandbox\"\n",
        ":11:7:",
        "fictional plans into its real history",
    ),
    (
        "[lines.a]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.b]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"wom\"\n",
        ":5:10:",
        "also line `a`",
    ),
    ("[auto]\nconcurrency = 0\n", ":2:15:", "out of range"),
    ("[auto]\nnotify_url = \"ftp://x\"\n", ":2:14:", "not an http(s) URL"),
    (
        "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \" \"\nclient_secret_file = \"/x\"\n",
        ":3:13:",
        "client_id: is empty",
    ),
    (
        "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"a\"\nbase_url = \"nope\"\n",
        ":4:12:",
        "base_url: `nope` is not an http(s) URL",
    ),
    (
        "[reloadly]\nenvironment = \"sandbox\"\nclient_id = \"a\"\nclient_secret_file = \"/x\"\nclient_secret_command = \"echo\"\n",
        ":1:1:",
        "not both",
    ),
    (
        "[[operators.entel.plan]]\nid = \"p1\"\nname = \"P\"\nprice_clp = 1000\nbuy_ussd = [\"103\"]\n",
        ":5:12:",
        "plan.p1.buy_ussd: `103` is not a USSD code",
    ),
    (
        "[[operators.entel.plan]]\nid = \"p1\"\nname = \"P\"\nprice_clp = 1000\ndays = 0\n",
        ":5:8:",
        "plan.p1.days: 0 is not a plan's validity",
    ),
    (
        "[[operators.entel.plan]]\nid = \"p1\"\nname = \"P\"\ndata = \"0 MB\"\nprice_clp = 1000\n",
        ":4:8:",
        "plan.p1.data: is zero",
    ),
];

#[test]
fn bad_configs_fail_with_file_line_column_and_write_nothing() {
    // Every command loads the config first; cycle through a few.
    let commands: [&[&str]; 3] = [
        &["balance"],
        &["renew", "casa", "--plan", "sandbox-entel-1gb", "--yes"],
        &["lines"],
    ];
    for (i, (text, at, says)) in BAD_CONFIGS.iter().enumerate() {
        let env = Env::new();
        let path = env.write_config(text);
        let run = env.run(commands[i % commands.len()]).code(2);
        let line = run.error_line();
        let located = format!("error: {}{at}", path.display());
        assert!(
            line.starts_with(&located),
            "{text:?}: `{line}` should start with `{located}`"
        );
        assert!(line.contains(says), "{text:?}: `{line}` should say `{says}`");
        assert_eq!(run.stdout, "");
        // The same error as one JSON object (a sample: it is the same code path).
        if i % 4 == 0 {
            let err = env.run(&["--json", "balance"]).code(2).json_error();
            assert_eq!(err["code"], "usage");
            let message = err["message"].as_str().unwrap();
            assert!(
                message.starts_with(&format!("{}{at}", path.display())),
                "{text:?}: {err}"
            );
        }
        assert!(!env.state_dir().exists(), "{text:?}: a bad config creates no state");
        assert_eq!(env.ledger_count(), 0);
    }
}

/// An empty config is not the sandbox and not success: `lines` says there
/// are none, and commands that work on lines are exit 2 saying what to add.
#[test]
fn an_empty_config_says_it_has_no_lines() {
    let env = Env::new();
    let path = env.write_config("# nothing yet\n");
    let lines = env.run(&["lines"]).ok();
    assert_eq!(
        lines.stdout,
        format!(
            "No lines configured in {}. Add one as [lines.NAME] (see config.example.toml).\n",
            path.display()
        )
    );
    assert_eq!(lines.stderr, "");
    for args in [&["balance"][..], &["auto"], &["auto", "--dry-run"], &["renew"]] {
        let run = env.run(args).code(2);
        assert_eq!(
            run.error_line(),
            format!(
                "error: the config {} has no lines; add one as [lines.NAME] with msisdn, operator and how \
                 it pays (see config.example.toml)",
                path.display()
            ),
            "{args:?}"
        );
        assert_eq!(run.stdout, "", "{args:?}");
    }
    // The ledger outlives the config's lines.
    env.run(&["history"]).ok();
}

#[test]
fn the_config_is_found_by_flag_env_or_xdg_default() {
    let env = Env::new();
    let other = env.write_file("other.toml", &CASA.replace("casa", "finca"));
    env.write_config(CASA);
    let names = |run: Run| -> Vec<String> {
        run.ok().json()["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(env.run(&["lines", "--json"])), ["casa"]);
    assert_eq!(
        names(env.run(&["--config", other.to_str().unwrap(), "lines", "--json"])),
        ["finca"]
    );
    let mut cmd = env.topup(&["lines", "--json"]);
    cmd.env("TOPUP_CONFIG", &other);
    assert_eq!(names(Run::of(cmd)), ["finca"]);
    // The flag wins over the variable.
    let mut cmd = env.topup(&[
        "--config",
        env.default_config_path().to_str().unwrap(),
        "lines",
        "--json",
    ]);
    cmd.env("TOPUP_CONFIG", &other);
    assert_eq!(names(Run::of(cmd)), ["casa"]);
}

#[test]
fn sandbox_lines_in_a_config_work_like_demo_lines() {
    let env = Env::new();
    let path = env.write_config(CASA);

    let lines = env.run(&["lines", "--json"]).ok().json();
    assert_eq!(lines["sandbox"], true);
    assert_eq!(lines["config"], path.to_str().unwrap());
    assert_eq!(lines["lines"][0]["msisdn"], "+56987654321");
    assert_eq!(lines["lines"][0]["balance"], "sandbox");
    assert_eq!(lines["lines"][0]["pay"], "sandbox");
    let run = env.run(&["lines"]).ok();
    assert!(
        run.stdout.contains("casa") && run.stdout.contains("+56 9 8765 4321"),
        "{}",
        run.stdout
    );
    assert_eq!(run.banners(), 1);

    let casa = env.balance_of("casa");
    assert_eq!(casa["line"], "casa");
    assert_eq!(casa["source"], "sandbox");
    assert_eq!(
        env.balance_of("+56987654321")["line"],
        "casa",
        "the number is the configured line"
    );
    let before = casa["data_left_bytes"].as_u64().unwrap();

    let plans = env.run(&["plans", "casa", "--json"]).ok().json();
    assert_eq!(plans["sandbox"], true);
    assert!(
        plans["plans"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["operator"] == "entel")
    );

    let order = renew_ok(&env, "casa", "sandbox-entel-3gb");
    assert_eq!(order["line"], "casa");
    assert_eq!(env.data_left("casa"), before + 3_000_000_000);
    let history = env.run(&["history", "--json"]).ok().json();
    assert_eq!(history["sandbox"], true);
    assert_eq!(history["totals"][0]["line"], "casa");
    assert_eq!(env.sandbox_payments("+56987654321"), 1);

    // With a config, the demo lines and unconfigured numbers are gone.
    let run = env.run(&["balance", "demo-entel"]).code(2);
    assert!(run.error_line().contains("known lines: casa"), "{}", run.stderr);
    let run = env.run(&["balance", "+56 9 8765 4322"]).code(2);
    assert!(run.error_line().contains("no configured line"), "{}", run.stderr);
}

#[test]
fn config_plans_can_be_bought_on_the_sandbox() {
    let env = Env::new();
    env.write_config(&format!(
        "{CASA}\n[[operators.entel.plan]]\nid = \"entel-bolsa-2gb\"\nname = \"Bolsa 2 GB\"\ndata = \"2 GB\"\ndays = 10\nprice_clp = \"$2.500\"\npromo = \"mine\"\n"
    ));
    let plans = env.run(&["plans", "casa", "--json"]).ok().json();
    let mine = plans["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "entel-bolsa-2gb")
        .expect("the config plan")
        .clone();
    assert_eq!(mine["source"], "config");
    assert_eq!(mine["price_clp"], 2500);
    assert_eq!(mine["data_bytes"], 2_000_000_000u64);
    assert_eq!(mine["validity_days"], 10);
    assert_eq!(mine["price_per_gb_clp"], 1250);
    assert_eq!(mine["promo"], "mine");
    let before = env.data_left("casa");
    let order = renew_ok(&env, "casa", "entel-bolsa-2gb");
    assert_eq!(order["amount_clp"], 2500);
    assert_eq!(env.data_left("casa"), before + 2_000_000_000);
}

#[test]
fn ledger_lines_estimate_from_past_purchases() {
    let mut env = Env::new();
    env.write_config(
        "[lines.router]\nmsisdn = \"987654322\"\noperator = \"wom\"\nbalance = \"ledger\"\npay = \"sandbox\"\n",
    );
    let router = env.balance_of("router");
    assert_eq!(router["source"], "ledger");
    for unknown in ["saldo_clp", "data_left_bytes", "expires_at", "plan"] {
        assert!(router[unknown].is_null(), "{unknown} is unknown, not zero: {router}");
    }
    renew_ok(&env, "router", "sandbox-wom-10gb");
    env.set_now("2026-11-30T12:00:00Z");
    let router = env.balance_of("router");
    assert_eq!(router["source"], "ledger");
    assert_eq!(router["plan"], "Bolsa Demo 10 GB 30 días (ficticia)");
    // 30 calendar days in Santiago from the purchase.
    assert_eq!(router["expires_at"], "2026-12-25T12:00:00Z");
    assert!(router["data_left_bytes"].is_null());
}

#[test]
fn reloadly_without_its_section_is_exit_2_even_for_other_commands() {
    let env = Env::new();
    env.write_config(&format!(
        "{CASA}[lines.farm]\nmsisdn = \"987654322\"\noperator = \"wom\"\npay = \"reloadly\"\n"
    ));
    for args in [&["lines"][..], &["balance", "casa"], &["history"]] {
        let run = env.run(args).code(2);
        let line = run.error_line();
        assert!(line.contains("lines.farm.pay") && line.contains("[reloadly]"), "{line}");
    }
    assert!(!env.state_dir().exists());
}

/// Only nothing at all at the default path means the sandbox. Anything else
/// there (a directory, a dangling symlink, a loop, a FIFO) is exit 2 naming
/// the path and what is there: `auto` from cron must not quietly run on the
/// sandbox while the real lines go unrenewed.
#[test]
fn a_default_config_that_is_not_a_readable_file_is_an_error_not_the_sandbox() {
    type Make = fn(&std::path::Path);
    let cases: [(&str, Make, &str); 6] = [
        ("directory", |p| std::fs::create_dir(p).unwrap(), "is a directory"),
        (
            "dangling symlink",
            |p| std::os::unix::fs::symlink(p.with_file_name("gone.toml"), p).unwrap(),
            "symbolic link to",
        ),
        (
            "symlink loop",
            |p| std::os::unix::fs::symlink(p, p).unwrap(),
            "loops back on itself",
        ),
        (
            "fifo",
            |p| assert!(std::process::Command::new("mkfifo").arg(p).status().unwrap().success()),
            "named pipe",
        ),
        (
            "its directory a dangling symlink",
            |p| {
                let dir = p.parent().unwrap();
                std::os::unix::fs::symlink(dir.with_file_name("moved-dotfiles"), dir).unwrap()
            },
            "is a symbolic link to",
        ),
        (
            "a file below a file",
            |p| std::fs::write(p.parent().unwrap().parent().unwrap().join("topup"), "").unwrap(),
            "Not a directory",
        ),
    ];
    for (what, make, says) in cases {
        let env = Env::new();
        let path = env.default_config_path();
        if what == "a file below a file" || what == "its directory a dangling symlink" {
            std::fs::create_dir_all(path.parent().unwrap().parent().unwrap()).unwrap();
        } else {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        }
        make(&path);
        for args in [
            &["auto"][..],
            &["balance"],
            &["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"],
        ] {
            let run = env.run(args).code(2);
            let line = run.error_line();
            assert!(line.contains(&path.display().to_string()), "{what}: {line}");
            assert!(line.contains(says), "{what}: {line}");
            assert_eq!(run.stdout, "", "{what}");
            assert_eq!(run.banners(), 0, "{what}: ran on the sandbox");
        }
        assert!(!env.state_dir().exists(), "{what}: wrote state");
    }
    // Nothing there at all: the sandbox, as documented.
    let env = Env::new();
    assert_eq!(env.run(&["auto"]).ok().stdout, "");
}

#[test]
fn an_explicit_config_that_is_not_a_file_says_what_it_is() {
    let env = Env::new();
    let fifo = env.home().join("config.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let dir = env.home().join("conf.d");
    std::fs::create_dir(&dir).unwrap();
    for (path, says) in [
        (&fifo, "is a named pipe (FIFO), not a regular file"),
        (&dir, "is a directory, not a regular file"),
        (&env.home().join("missing.toml"), "does not exist"),
    ] {
        let run = env.run(&["--config", path.to_str().unwrap(), "lines"]).code(2);
        assert!(run.error_line().contains(says), "{}", run.stderr);
        let mut cmd = env.topup(&["lines", "--json"]);
        cmd.env("TOPUP_CONFIG", path);
        let run = Run::of(cmd).code(2);
        assert!(
            run.json_error()["message"].as_str().unwrap().contains(says),
            "{}",
            run.stderr
        );
    }
    let run = env.run(&["--config", "/dev/zero", "lines"]).code(2);
    assert!(run.error_line().contains("character device"), "{}", run.stderr);
}
