//! The Reloadly client secret never leaves topup's memory: whichever way it
//! is configured (environment variable, file, command), every command that
//! may read it — with and without `-v` and `--json`, against dead servers
//! and against a live one that answers with errors — keeps it out of stdout,
//! stderr, the ledger and every file in the state directory. A secret file
//! other users can read is warned about.

use std::path::{Path, PathBuf};

use serde_json::json;
use topup::domain::{Clp, Msisdn, Operator, OrderStatus, PayMethod, PlanId};
use topup::ledger::{Ledger, NewOrder};
use topup::policy::Caps;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::common::*;

/// The secret: letters and digits only, so every encoding (JSON, URL, form)
/// of it is this same text.
const SECRET: &str = "CorpusSecret7f3a9cQzW1";
/// The access token the live server hands out: a secret too, but one that
/// belongs in the token cache.
const TOKEN: &str = "CorpusToken5b8e2dKpV9";

/// A port nothing listens on: connections are refused at once.
const DEAD: &str = "http://127.0.0.1:9";

/// Where the secret comes from.
#[derive(Debug, Clone, Copy)]
enum Source {
    EnvVar,
    /// `client_secret_file = "~/…"` (mode 600).
    File,
    /// `client_secret_command`, which reads it from a file (the command
    /// line itself does not hold the secret).
    Command,
}

/// Every command that may read the secret (and some that should not need it).
const COMMANDS: &[&[&str]] = &[
    &["balance"],
    &["balance", "casa"],
    &["plans"],
    &["plans", "casa"],
    &["renew", "casa", "--plan", "reloadly-entel-1000", "--dry-run"],
    &[
        "renew",
        "casa",
        "--plan",
        "reloadly-entel-1000",
        "--yes",
        "--wait-confirm",
        "1s",
    ],
    &["reconcile"],
    &["lines"],
    &["history"],
    &["auto", "--dry-run"],
    &["auto", "--wait-confirm", "1s"],
];

fn config(source: Source, base_url: &str, auth_url: &str) -> String {
    let secret_key = match source {
        Source::EnvVar => String::new(),
        Source::File => "client_secret_file = \"~/reloadly.secret\"\n".to_string(),
        Source::Command => "client_secret_command = \"cat \\\"$HOME/secret-source\\\"\"\n".to_string(),
    };
    format!(
        r#"[reloadly]
environment = "sandbox"
client_id = "corpus-client-id"
{secret_key}base_url = "{base_url}"
auth_url = "{auth_url}"
timeout = "2s"

[lines.casa]
msisdn = "+56 9 8765 4321"
operator = "entel"
pay = "reloadly"

[lines.casa.auto]
plan = "reloadly-entel-1000"
when_saldo_below = 100000

[lines.demo]
msisdn = "+56 9 9000 0001"
operator = "entel"
balance = "sandbox"
pay = "sandbox"
"#
    )
}

/// A private file in the test's home.
fn write_private(env: &Env, name: &str, text: &str, mode: u32) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = env.write_file(name, text);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
    path
}

/// An env with the config and the secret in place.
fn env_with_secret(source: Source, base_url: &str, auth_url: &str) -> Env {
    let env = Env::new();
    env.write_config(&config(source, base_url, auth_url));
    match source {
        Source::EnvVar => {}
        Source::File => {
            write_private(&env, "reloadly.secret", &format!("{SECRET}\n"), 0o600);
        }
        Source::Command => {
            write_private(&env, "secret-source", &format!("{SECRET}\n"), 0o600);
        }
    }
    env
}

/// An order whose outcome is unknown, so that reconcile, renew and auto ask
/// Reloadly about it (and need a token, hence the secret).
fn seed_unknown_order(env: &Env) {
    topup::app::create_private_dir(&env.state_dir()).unwrap();
    let ledger = Ledger::open(&env.state_dir().join("ledger.sqlite3")).unwrap();
    let now: jiff::Timestamp = NOW.parse().unwrap();
    let order = ledger
        .insert_intent(
            &NewOrder {
                line: "casa".into(),
                msisdn: "+56987654321".parse::<Msisdn>().unwrap(),
                operator: Operator::Entel,
                plan_id: "reloadly-entel-1000".parse::<PlanId>().unwrap(),
                plan_name: "Entel $1.000".into(),
                data_bytes: None,
                validity_days: None,
                amount: Clp(1000),
                pay: PayMethod::Reloadly,
                baseline: None,
            },
            Caps::default(),
            now,
        )
        .unwrap();
    ledger
        .transition(order.id, OrderStatus::Submitted, None, None, now)
        .unwrap();
    ledger
        .transition(
            order.id,
            OrderStatus::Unknown,
            None,
            Some("no answer (seeded by the test)"),
            now,
        )
        .unwrap();
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Runs the commands with each set of flags (`-v`, `--json`…); checks
/// each run's output, then every file topup may have written. Returns the
/// exit code of each run, by its arguments.
fn run_checking_for_leaks(
    env: &Env,
    source: Source,
    commands: &[&[&str]],
    flag_sets: &[&[&str]],
) -> Vec<(String, i32)> {
    let mut codes = Vec::new();
    for command in commands {
        for flags in flag_sets {
            let args: Vec<&str> = flags.iter().chain(command.iter()).copied().collect();
            let mut cmd = env.std_command(&args);
            if let Source::EnvVar = source {
                cmd.env("TOPUP_RELOADLY_CLIENT_SECRET", SECRET);
            }
            let run = RawRun::of(cmd);
            let shown = format!(
                "{args:?} ({source:?}) exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
                run.code,
                String::from_utf8_lossy(&run.stdout),
                run.stderr_text()
            );
            for secret in [SECRET, TOKEN] {
                assert!(!contains(&run.stdout, secret), "`{secret}` on stdout: {shown}");
                assert!(!contains(&run.stderr, secret), "`{secret}` on stderr: {shown}");
            }
            assert!(!run.stderr_text().contains("panicked"), "{shown}");
            codes.push((args.join(" "), run.code.unwrap_or(-1)));
        }
    }
    let written: Vec<PathBuf> = files_under(&env.state_dir());
    assert!(
        written.iter().any(|p| p.ends_with("ledger.sqlite3")),
        "no ledger: {written:?}"
    );
    // The ledger with its WAL, the token and operator caches, the lock, the
    // sandbox's state; and the config. Only the secret's own file holds it.
    let mut checked = written;
    checked.extend(files_under(&env.home().join("xdg-config")));
    for file in &checked {
        let bytes = std::fs::read(file).unwrap();
        assert!(!contains(&bytes, SECRET), "the secret is in {}", file.display());
    }
    codes
}

const ALL_FLAGS: &[&[&str]] = &[&[], &["-v"], &["--json"], &["-v", "--json"]];

/// Paying and reading on a fresh ledger (the payment path writes an order),
/// then everything with an order whose outcome is unknown (every command
/// that settles orders asks Reloadly about it).
const FRESH_LEDGER_COMMANDS: &[&[&str]] = &[
    &["plans", "casa"],
    &[
        "renew",
        "casa",
        "--plan",
        "reloadly-entel-1000",
        "--yes",
        "--wait-confirm",
        "1s",
    ],
    &["history"],
];

fn never_leaks_with_dead_servers(source: Source) {
    for (seeded, commands) in [(false, FRESH_LEDGER_COMMANDS), (true, COMMANDS)] {
        let env = env_with_secret(source, DEAD, DEAD);
        if seeded {
            seed_unknown_order(&env);
        }
        let codes = run_checking_for_leaks(&env, source, commands, ALL_FLAGS);
        // The secret was found (else: exit 4, credentials missing) and then
        // the auth server could not be reached: a temporary failure.
        let plans = codes.iter().find(|(args, _)| args == "plans casa").unwrap();
        assert_eq!(plans.1, 5, "{codes:?}");
    }
}

#[test]
fn secret_from_the_environment_never_leaks_with_dead_servers() {
    never_leaks_with_dead_servers(Source::EnvVar);
}

#[test]
fn secret_from_a_file_never_leaks_with_dead_servers() {
    never_leaks_with_dead_servers(Source::File);
}

#[test]
fn secret_from_a_command_never_leaks_with_dead_servers() {
    never_leaks_with_dead_servers(Source::Command);
}

/// A Reloadly stand-in that issues a token, then fails every call.
fn start_failing_server(rt: &tokio::runtime::Runtime) -> MockServer {
    rt.block_on(async {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"access_token": TOKEN, "scope": "developer", "expires_in": 3600, "token_type": "Bearer"}),
            ))
            .mount(&server)
            .await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(503).set_body_json(json!({
                "timeStamp": "2026-11-25 12:00:00",
                "message": "Service unavailable",
                "path": "/",
                "errorCode": "SERVICE_UNAVAILABLE",
                "infoLink": null,
                "details": []
            })))
            .mount(&server)
            .await;
        server
    })
}

#[test]
fn secret_never_leaks_with_a_server_that_answers_errors() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    for source in [Source::EnvVar, Source::File, Source::Command] {
        let server = start_failing_server(&rt);
        let env = env_with_secret(source, &server.uri(), &format!("{}/oauth/token", server.uri()));
        seed_unknown_order(&env);
        run_checking_for_leaks(&env, source, COMMANDS, &[&["-v"], &["-v", "--json"]]);
        // The secret did reach the auth server: the runs above had it.
        let requests = rt.block_on(server.received_requests()).unwrap_or_default();
        assert!(
            requests
                .iter()
                .any(|r| r.url.path() == "/oauth/token" && contains(&r.body, SECRET)),
            "{source:?}: the auth server never received the secret"
        );
    }
}

/// A secret file others can read: a warning naming the file and the fix,
/// which never shows the secret; a private one: no warning.
#[test]
fn a_secret_file_readable_by_others_is_warned_about() {
    for (mode, warned) in [
        (0o644, true),
        (0o640, true),
        (0o604, true),
        (0o600, false),
        (0o400, false),
    ] {
        let env = env_with_secret(Source::File, DEAD, DEAD);
        let file = write_private(&env, "reloadly.secret", &format!("{SECRET}\n"), mode);
        for args in [
            &["plans", "casa"][..],
            &["renew", "casa", "--plan", "reloadly-entel-1000", "--dry-run"],
        ] {
            let run = env.run(args).code(5);
            let warnings: Vec<&str> = run
                .stderr_lines()
                .into_iter()
                .filter(|l| l.starts_with("warning: ") && l.contains("can be read by other users"))
                .collect();
            if warned {
                assert_eq!(warnings.len(), 1, "mode {mode:o}: {}", run.stderr);
                assert!(warnings[0].contains(&file.display().to_string()), "{}", warnings[0]);
                assert!(warnings[0].contains("chmod 600"), "{}", warnings[0]);
            } else {
                assert!(warnings.is_empty(), "mode {mode:o}: {}", run.stderr);
            }
            assert!(!run.stderr.contains(SECRET) && !run.stdout.contains(SECRET));
        }
    }
}
