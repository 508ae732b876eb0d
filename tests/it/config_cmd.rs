//! `config init` (flag-driven: no terminal), `config check`, and
//! `generate man|completions`.

use std::os::unix::fs::PermissionsExt;

use crate::common::*;

const WOM_MODEM: &[&str] = &[
    "config",
    "init",
    "--line",
    "finca",
    "--msisdn",
    "+56 9 8765 4321",
    "--operator",
    "WOM",
    "--balance",
    "modem",
    "--pay",
    "saldo",
];

#[test]
fn init_writes_a_private_commented_config_that_loads() {
    let env = Env::new();
    let run = env.run(WOM_MODEM).ok();
    let path = env.default_config_path();
    assert!(run.stdout.contains(&path.display().to_string()), "{}", run.stdout);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(
        std::fs::metadata(path.parent().unwrap()).unwrap().permissions().mode() & 0o777,
        0o700
    );
    // Commented, and nothing invented: the codes are placeholders pointing at `operators`.
    assert!(text.contains("# Where readings come from:"), "{text}");
    assert!(text.contains("`topup operators wom`"), "{text}");
    assert!(!text.contains("*103#") && !text.contains("price_clp = 5"), "{text}");
    assert_eq!(
        std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
        1,
        "no temp file left"
    );
    // The real loader reads it: `lines` shows the line as given.
    let lines = env.run(&["lines", "--json"]).ok().json();
    assert_eq!(lines["sandbox"], false);
    let line = &lines["lines"][0];
    assert_eq!(
        (
            &line["name"],
            &line["msisdn"],
            &line["operator"],
            &line["balance"],
            &line["pay"]
        ),
        (
            &"finca".into(),
            &"+56987654321".into(),
            &"wom".into(),
            &"modem".into(),
            &"saldo".into()
        )
    );
}

#[test]
fn init_never_overwrites_and_names_the_file() {
    let env = Env::new();
    let path = env.write_config("# mine\n");
    let line = env.run(WOM_MODEM).code(2).error_line();
    assert!(
        line.contains(&path.display().to_string()) && line.contains("already exists"),
        "{line}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
    // Not even a broken file, a directory or a dangling symlink.
    let other = env.home().join("other.toml");
    std::os::unix::fs::symlink(env.home().join("nowhere"), &other).unwrap();
    let mut args = vec!["--config", other.to_str().unwrap()];
    args.extend_from_slice(WOM_MODEM);
    env.run(&args).code(2);
    assert!(!env.home().join("nowhere").exists());
}

#[test]
fn init_with_config_writes_there_creating_directories_and_reports_json() {
    let env = Env::new();
    let path = env.home().join("a/b/router.toml");
    let mut args = vec!["--config", path.to_str().unwrap(), "--json"];
    args.extend_from_slice(&[
        "config",
        "init",
        "--line",
        "mi.mama",
        "--msisdn",
        "987654322",
        "--operator",
        "entel",
        "--balance",
        "ledger",
        "--pay",
        "reloadly",
        "--reloadly-client-id",
        "id \"quoted\" \\ here",
    ]);
    let doc = env.run(&args).ok().json();
    assert_eq!(doc["config"], path.to_str().unwrap());
    assert_eq!(doc["lines"][0]["name"], "mi.mama");
    assert!(!env.default_config_path().exists());
    let check = env
        .run(&["--config", path.to_str().unwrap(), "config", "check", "--json"])
        .ok();
    let doc = check.json();
    assert_eq!(
        doc["reloadly"]["environment"], "sandbox",
        "a first config never spends real money"
    );
    assert_eq!(doc["reloadly"]["client_secret"], serde_json::Value::Null);
    assert!(check.stderr.contains("no client secret"), "{}", check.stderr);
    assert!(std::fs::read_to_string(&path).unwrap().contains("[lines.\"mi.mama\"]"));
}

#[test]
fn init_without_a_terminal_names_the_missing_flag() {
    let env = Env::new();
    let cases: [(&[&str], &str); 3] = [
        (&["config", "init"], "--line NAME"),
        (
            &["config", "init", "--line", "casa", "--msisdn", "987654321"],
            "--operator OP",
        ),
        (
            &[
                "config",
                "init",
                "--line",
                "casa",
                "--msisdn",
                "987654321",
                "--operator",
                "entel",
                "--balance",
                "ledger",
                "--pay",
                "reloadly",
            ],
            "--reloadly-client-id ID",
        ),
    ];
    for (args, flag) in cases {
        let line = env.run(args).code(8).error_line();
        assert!(line.contains(flag), "{args:?}: {line}");
    }
    assert!(!env.default_config_path().exists());
}

#[test]
fn init_refuses_bad_answers() {
    let env = Env::new();
    let base = ["config", "init", "--line", "casa", "--operator", "entel"];
    let cases: [(&[&str], &str); 4] = [
        (
            &["--msisdn", "221234567", "--balance", "ledger", "--pay", "reloadly"],
            "landline",
        ),
        (
            &["--msisdn", "987654321", "--balance", "ledger", "--pay", "saldo"],
            "needs balance = \"modem\"",
        ),
        (
            &["--msisdn", "987654321", "--balance", "modem", "--pay", "sandbox"],
            "modem",
        ),
        (
            &["--msisdn", "987654321", "--balance", "sandbox", "--pay", "bitcoin"],
            "bitcoin",
        ),
    ];
    for (more, what) in cases {
        let args: Vec<&str> = base.iter().chain(more).copied().collect();
        let line = env.run(&args).code(2).error_line();
        assert!(line.contains(what), "{args:?}: {line}");
    }
    let line = env.run(&["config", "init", "--line", "987654321"]).code(2).error_line();
    assert!(line.contains("looks like a phone number"), "{line}");
    assert!(!env.default_config_path().exists());
}

#[test]
fn check_shows_paths_lines_and_secret_sources_never_secrets() {
    let env = Env::new();
    let secret = env.write_file("reloadly.secret", "s3cr3t-value\n");
    env.write_config(&format!(
        "[reloadly]\nenvironment = \"live\"\nclient_id = \"cid\"\nclient_secret_file = \"{}\"\n\
         [lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\npay = \"reloadly\"\n",
        secret.display()
    ));
    let human = env.run(&["config", "check"]).ok();
    let state = env.state_dir().display().to_string();
    for shown in [
        env.default_config_path().display().to_string(),
        format!("{state}/ledger.sqlite3"),
        format!("{state}/topup.lock"),
        "casa".into(),
        "client_secret_file".into(),
    ] {
        assert!(human.stdout.contains(&shown), "{shown}: {}", human.stdout);
    }
    let doc = env.run(&["config", "check", "--json"]).ok().json();
    assert_eq!(doc["valid"], true);
    assert_eq!(doc["config"], env.default_config_path().to_str().unwrap());
    assert_eq!(doc["state_dir"], state.as_str());
    assert_eq!(doc["lines"][0]["pay"], "reloadly");
    assert_eq!(doc["reloadly"]["environment"], "live");
    assert_eq!(doc["reloadly"]["client_secret"], "file");
    let mut cmd = env.topup(&["config", "check", "--json"]);
    cmd.env("TOPUP_RELOADLY_CLIENT_SECRET", "from-env-secret");
    let run = Run::of(cmd).ok();
    assert_eq!(run.json()["reloadly"]["client_secret"], "env");
    for out in [&human.stdout, &human.stderr, &run.stdout, &run.stderr] {
        assert!(!out.contains("s3cr3t") && !out.contains("from-env-secret"), "{out}");
    }
}

#[test]
fn check_on_the_sandbox_and_on_a_broken_config() {
    let env = Env::new();
    let run = env.run(&["config", "check"]).ok();
    assert!(run.stdout.contains("built-in sandbox"), "{}", run.stdout);
    assert!(run.stdout.contains("config init"), "{}", run.stdout);
    let doc = env.run(&["config", "check", "--json"]).ok().json();
    assert_eq!(
        (&doc["sandbox"], &doc["config"]),
        (&true.into(), &serde_json::Value::Null)
    );
    env.write_config("[lines.casa]\nmsisdn = \"12345\"\noperator = \"entel\"\n");
    let line = env.run(&["config", "check"]).code(2).error_line();
    assert!(line.contains("config.toml:2:10"), "{line}");
}

#[test]
fn generate_man_and_completions_need_no_config_or_home() {
    let env = Env::new();
    env.write_config("not toml [");
    let mut cmd = env.topup(&["generate", "man"]);
    cmd.env_remove("HOME")
        .env_remove("TOPUP_STATE_DIR")
        .env_remove("XDG_STATE_HOME");
    let run = Run::of(cmd).ok();
    assert!(
        run.stdout.starts_with(".ie") && run.stdout.contains(".TH topup 1"),
        "{}",
        run.stdout
    );
    let renew = env.run(&["generate", "man", "renew"]).ok();
    assert!(renew.stdout.contains(".SH EXAMPLES"), "{}", renew.stdout);
    env.run(&["generate", "man", "renw"]).code(2);
    let alias = env.run(&["generate", "completions", "bash"]).ok();
    std::fs::remove_file(env.default_config_path()).unwrap();
    assert_eq!(alias.stdout, env.run(&["completions", "bash"]).ok().stdout);
}

#[test]
fn every_command_help_has_examples() {
    let env = Env::new();
    for args in [
        &["balance", "--help"][..],
        &["renew", "--help"],
        &["config", "init", "--help"],
        &["config", "check", "-h"],
        &["generate", "man", "--help"],
    ] {
        let run = env.run(args).ok();
        assert!(run.stdout.contains("\nExamples:\n  topup "), "{args:?}: {}", run.stdout);
    }
}

/// The man page and a written config, reviewed when they change.
#[test]
fn snapshots_of_the_man_page_and_a_first_config() {
    let env = Env::new();
    insta::assert_snapshot!("man_page", env.run(&["generate", "man"]).ok().stdout);
    insta::assert_snapshot!("man_page_renew", env.run(&["generate", "man", "renew"]).ok().stdout);
    env.run(WOM_MODEM).ok();
    insta::assert_snapshot!(
        "config_init_modem_saldo",
        std::fs::read_to_string(env.default_config_path()).unwrap()
    );
}

/// `config init` in a pseudo-terminal: what to wait for, keys.
fn init_in_a_terminal(env: &Env, script: &[(&str, &str)]) -> (i64, String) {
    in_a_terminal(env, &["config", "init"], &[], script)
}

#[test]
fn init_in_a_terminal_asks_reasks_and_ctrl_c_writes_nothing() {
    let env = Env::new();
    let down = "\x1b[B";
    let (code, shown) = init_in_a_terminal(
        &env,
        &[
            ("Line name", "987654321\r"),
            ("looks like a phone number", "casa\r"),
            ("phone number", "987654321\r"),
            ("Virgin", &format!("{down}{down}{down}\r")),
            ("sandbox  the simulated", &format!("{down}\r")),
            ("How does it pay?", "\r"),
            ("client id", "my-id\r"),
        ],
    );
    assert_eq!(code, 0, "{shown}");
    let lines = env.run(&["lines", "--json"]).ok().json();
    assert_eq!(lines["lines"][0]["operator"], "wom", "{shown}");
    assert_eq!(lines["lines"][0]["pay"], "reloadly", "{shown}");

    let env = Env::new();
    for script in [
        &[("Line name", "\x03")][..],
        &[
            ("Line name", "casa\r"),
            ("phone number", "987654321\r"),
            ("Virgin", "\x03"),
        ],
    ] {
        let (code, shown) = init_in_a_terminal(&env, script);
        assert_eq!(code, 130, "{shown}");
        assert!(
            shown.contains("interrupted; nothing was written\r\n") && shown.contains("\x1b[?25h"),
            "{shown}"
        );
        assert!(!env.default_config_path().parent().unwrap().exists());
    }
}
