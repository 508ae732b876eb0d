//! Bad input on the command line and in the environment: one `error:` line
//! (or one JSON error object with --json), exit 2, nothing written.

use crate::common::*;

/// Arguments, environment, and what the error line must say.
type Case = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
);

const PHONE_NUMBERS: &[Case] = &[
    (
        &["renew", "12345", "--plan", "sandbox-entel-1gb", "--yes"],
        &[],
        "`12345`",
    ),
    (
        &["renew", "9876543", "--plan", "sandbox-entel-1gb", "--yes"],
        &[],
        "has 7 digits",
    ),
    (
        &["renew", "+5491123456789", "--plan", "sandbox-entel-1gb", "--yes"],
        &[],
        "not a Chilean number",
    ),
    (&["balance", "abc123456"], &[], "has letters"),
    (&["balance", "221234567"], &[], "landline"),
    (&["balance", "+56 2 2123 4567"], &[], "landline"),
    (&["balance", "600 360 7777"], &[], "has 10 digits"),
    (&["history", "98765432x"], &[], "has letters"),
];

const NAMES: &[Case] = &[
    (&["balance", "nosuch"], &[], "no line named `nosuch`"),
    (
        &["renew", "nosuch", "--plan", "sandbox-entel-1gb", "--yes"],
        &[],
        "no line named `nosuch`",
    ),
    (&["history", "nosuch"], &[], "no line named `nosuch`"),
    (&["reconcile", "nosuch"], &[], "no line named `nosuch`"),
    (&["plans", "nosuch"], &[], "no line named `nosuch`"),
    (
        &["renew", "demo-entel", "--plan", "nope", "--yes"],
        &[],
        "no plan `nope`",
    ),
    (
        &["renew", "demo-entel", "--plan", "Bad Plan!", "--yes"],
        &[],
        "Bad Plan!",
    ),
    (&["operators", "tigo"], &[], "unknown operator `tigo`"),
    (&["plans", "--operator", "tigo"], &[], "unknown operator `tigo`"),
];

const FLAGS: &[Case] = &[
    (&["history", "--month", "2026-13"], &[], "--month"),
    (&["history", "--month", "nov"], &[], "--month"),
    (&["history", "--since", "yesterday"], &[], "--since"),
    (&["history", "--since", "2026-02-30"], &[], "--since"),
    (
        &[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--wait-confirm",
            "forever",
        ],
        &[],
        "--wait-confirm",
    ),
    (
        &[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--wait-confirm=-5s",
        ],
        &[],
        "--wait-confirm",
    ),
    (
        &[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--wait-confirm",
            "400d",
        ],
        &[],
        "--wait-confirm",
    ),
    (
        &[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--wait-lock",
            "soon",
        ],
        &[],
        "--wait-lock",
    ),
];

const ENVIRONMENT: &[Case] = &[
    (
        &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"],
        &[("TOPUP_NOW", "tomorrow")],
        "TOPUP_NOW",
    ),
    (&["balance"], &[("TOPUP_NOW", "2026-11-25")], "TOPUP_NOW"),
    (
        &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"],
        &[("TOPUP_SANDBOX_FAULT", "explode")],
        "TOPUP_SANDBOX_FAULT",
    ),
    (
        &["balance"],
        &[("TOPUP_CONFIG", "/nonexistent/topup.toml")],
        "/nonexistent/topup.toml",
    ),
    (&["--config", "missing.toml", "balance"], &[], "missing.toml"),
];

/// Each case: one `error:` line saying what is wrong, exit 2, nothing on
/// stdout, nothing written; with `--json` (a sample: one code path), the same
/// error as one object.
fn check(cases: &[Case]) {
    for (i, (args, vars, says)) in cases.iter().enumerate() {
        let env = Env::new();
        let mut cmd = env.topup(args);
        cmd.envs(vars.iter().copied());
        let run = Run::of(cmd).code(2);
        let line = run.error_line();
        assert!(line.contains(says), "{args:?} {vars:?}: `{line}` should say `{says}`");
        assert_eq!(run.stdout, "", "{args:?}");
        if i % 3 == 0 {
            let mut cmd = env.topup(&[&["--json"], *args].concat());
            cmd.envs(vars.iter().copied());
            let run = Run::of(cmd).code(2);
            let err = run.json_error();
            assert_eq!(err["code"], "usage", "{args:?}");
            let said = |k: &str| err[k].as_str().is_some_and(|t| t.contains(says));
            assert!(said("message") || said("hint"), "{args:?}: {err}");
            assert_eq!(run.stdout, "", "{args:?}");
        }
        assert_eq!(env.ledger_count(), 0, "{args:?}");
        assert_eq!(env.sandbox_payments(DEMO_ENTEL), 0, "{args:?}");
    }
}

#[test]
fn bad_phone_numbers() {
    check(PHONE_NUMBERS);
}

#[test]
fn unknown_lines_plans_and_operators() {
    check(NAMES);
}

#[test]
fn bad_flag_values() {
    check(FLAGS);
}

#[test]
fn bad_environment_and_missing_config() {
    check(ENVIRONMENT);
}

#[test]
fn unknown_line_hint_lists_the_known_lines() {
    let env = Env::new();
    let err = env.run(&["--json", "balance", "nosuch"]).code(2).json_error();
    let hint = err["hint"].as_str().unwrap();
    for name in ["demo-entel", "demo-movistar", "demo-claro", "demo-wom", "demo-virgin"] {
        assert!(hint.contains(name), "{hint}");
    }
}

#[test]
fn valid_durations_are_accepted() {
    let env = Env::new();
    for d in ["0s", "90s", "2m", "1h30m", "2d"] {
        env.run(&[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--dry-run",
            "--wait-confirm",
            d,
        ])
        .ok();
    }
    assert_eq!(env.ledger_count(), 0);
}

/// DESIGN.md: "Errors with `--json`: one object on stderr". Argument errors
/// found by the parser (clap) come out as clap's text instead.
#[test]
fn parser_errors_with_json_are_one_error_object() {
    let env = Env::new();
    for args in [
        &["--json", "plans", "--sort", "cheap"][..],
        &["--json", "renew", "demo-entel", "--pay", "cash"],
        &["--json", "frobnicate"],
    ] {
        let run = env.run(args).code(2);
        assert_eq!(run.json_error()["code"], "usage", "{args:?}");
    }
}

#[test]
fn parser_errors_are_exit_2_with_an_error_line() {
    let env = Env::new();
    for args in [
        &["plans", "--sort", "cheap"][..],
        &["renew", "demo-entel", "--pay", "cash"],
        &["frobnicate"],
        &["balance", "--all", "demo-entel"],
    ] {
        let run = env.run(args).code(2);
        assert!(run.stderr.starts_with("error: "), "{args:?}: {}", run.stderr);
        assert_eq!(run.stdout, "");
    }
}
