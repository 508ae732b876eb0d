//! Dynamic completion (`COMPLETE=bash topup`), driven as the shells'
//! registration scripts drive it: `topup -- topup WORDS…` with the index of
//! the word being completed in `_CLAP_COMPLETE_INDEX`.

use crate::common::{Env, Run};

const CONFIG: &str = r#"
[lines.casa]
msisdn = "+56 9 8765 4321"
operator = "wom"
balance = "sandbox"
pay = "sandbox"

[lines.finca]
msisdn = "+56 9 8765 4322"
operator = "entel"
balance = "modem"
pay = "saldo"

[[operators.entel.plan]]
id = "entel-bolsa-5gb"
name = "Bolsa 5 GB"
data = "5 GB"
days = 30
price_clp = 5990
buy_ussd = ["*103#", "1"]
"#;

/// A completion request from `shell` for the last of `words`.
fn ask(env: &Env, shell: &str, words: &[&str]) -> Run {
    let mut args = vec!["--", "topup"];
    args.extend(words);
    let mut cmd = env.topup(&args);
    cmd.env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string());
    let run = Run::of(cmd).ok();
    assert_eq!(run.stderr, "", "completion is silent: {words:?}");
    run
}

/// The values bash is offered for the last of `words`.
fn offered(env: &Env, words: &[&str]) -> Vec<String> {
    ask(env, "bash", words).stdout.lines().map(str::to_string).collect()
}

#[test]
fn the_sandbox_completes_demo_lines_plans_and_operators() {
    let env = Env::new();
    assert_eq!(
        offered(&env, &["balance", "demo-"]),
        ["demo-entel", "demo-movistar", "demo-claro", "demo-wom", "demo-virgin"]
    );
    assert_eq!(offered(&env, &["history", "demo-w"]), ["demo-wom"]);
    assert_eq!(
        offered(&env, &["renew", "demo-wom", "--plan", "sandbox-wom-"]),
        [
            "sandbox-wom-10gb",
            "sandbox-wom-1gb",
            "sandbox-wom-25gb",
            "sandbox-wom-3gb"
        ]
    );
    assert_eq!(
        offered(&env, &["plans", "--operator", ""]),
        ["entel", "movistar", "claro", "wom", "virgin"]
    );
    assert_eq!(offered(&env, &["operators", "m"]), ["movistar"]);
    assert!(offered(&env, &["reconcile", "--mark-failed", ""]).is_empty());
    assert!(!env.state_dir().exists(), "completion creates nothing");
}

#[test]
fn configured_lines_and_plans_are_completed_and_a_bad_config_offers_nothing() {
    let env = Env::new();
    env.write_config(CONFIG);
    let lines = offered(&env, &["renew", ""]);
    assert!(
        lines.contains(&"casa".into()) && lines.contains(&"finca".into()),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("demo-")), "{lines:?}");
    // Config plans, and the sandbox's catalogue for the line that pays with it.
    let plans = offered(&env, &["renew", "--plan", ""]);
    assert!(plans.contains(&"entel-bolsa-5gb".into()), "{plans:?}");
    assert!(plans.contains(&"sandbox-wom-3gb".into()), "{plans:?}");
    assert!(!plans.iter().any(|p| p.starts_with("sandbox-entel")), "{plans:?}");
    // Descriptions for shells that show them.
    let fish = ask(&env, "fish", &["balance", "fi"]).stdout;
    assert_eq!(fish.trim_end(), "finca\tentel +56 9 8765 4322");

    // `--config` on the line being completed is the config read.
    let other = env.write_file("other.toml", &CONFIG.replace("lines.casa", "lines.oficina"));
    let other = other.to_str().expect("utf-8 path");
    assert_eq!(offered(&env, &["--config", other, "balance", "o"]), ["oficina"]);
    assert_eq!(
        offered(&env, &["balance", &format!("--config={other}"), "o"]),
        ["oficina"]
    );

    env.write_config("[lines.casa\n");
    assert!(offered(&env, &["balance", "c"]).is_empty());
    assert!(!env.state_dir().exists(), "completion creates nothing");
}

#[test]
fn unsettled_orders_are_completed_short_from_the_ledger_read_only() {
    let env = Env::new();
    env.run(&["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"])
        .ok();
    env.run_fault("unknown", &["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes"])
        .code(7);
    let orders = env.orders();
    let id_of = |status: &str| {
        let order = orders.iter().find(|o| o.status.to_string() == status);
        order.map(|o| o.id.to_string()).expect(status)
    };
    let (unknown, confirmed) = (id_of("unknown"), id_of("confirmed"));
    let files = |env: &Env| {
        let mut names: Vec<_> = std::fs::read_dir(env.state_dir())
            .expect("state dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        names.sort();
        names
    };
    let before = files(&env);

    let ids = offered(&env, &["reconcile", "--mark-failed", ""]);
    assert_eq!(ids.len(), 1, "only the unsettled order: {ids:?}");
    assert!(ids[0].len() < unknown.len() && unknown.starts_with(&ids[0]), "{ids:?}");
    assert!(!confirmed.starts_with(&ids[0]));
    // Typed past the short id, the whole id is offered.
    let typed = &unknown[..ids[0].len() + 2];
    assert_eq!(
        offered(&env, &["reconcile", "--mark-confirmed", typed]),
        [unknown.as_str()]
    );
    assert_eq!(
        files(&env),
        before,
        "the ledger is read without a -wal or -shm left behind"
    );

    // What was offered is what the command takes.
    env.run(&["reconcile", "--mark-failed", &ids[0]]).ok();
    assert!(offered(&env, &["reconcile", "--mark-failed", ""]).is_empty());
}

#[test]
fn each_shell_gets_a_registration_script() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "complete -o"),
        ("zsh", "compdef"),
        ("fish", "complete --keep-order --exclusive --command topup"),
    ] {
        let mut cmd = env.topup(&[]);
        cmd.env("COMPLETE", shell);
        let run = Run::of(cmd).ok();
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("COMPLETE="), "{shell}");
        assert_eq!(run.stderr, "", "{shell}");
    }
    assert!(!env.state_dir().exists());
}
