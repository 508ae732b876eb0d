//! Global behaviour: the sandbox banner, exit codes, `lines`, `operators`,
//! `completions`.

use std::process::Stdio;

use crate::common::*;

#[test]
fn banner_on_stderr_in_human_mode_only() {
    let env = Env::new();
    renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
    let commands: [&[&str]; 6] = [
        &["balance"],
        &["plans"],
        &["history"],
        &["reconcile"],
        &["lines"],
        &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--dry-run"],
    ];
    for args in commands {
        let human = env.run(args).ok();
        assert_eq!(human.banners(), 1, "{args:?}: {}", human.stderr);
        assert!(
            human.stderr.starts_with(BANNER),
            "{args:?}: the banner is the first line"
        );
        assert!(!human.stdout.contains(BANNER), "{args:?}: the banner is not on stdout");

        let mut json_args = args.to_vec();
        json_args.push("--json");
        let json = env.run(&json_args).ok();
        assert_eq!(json.stderr, "", "{args:?} --json");
        assert_eq!(json.json()["sandbox"], true, "{args:?} --json");
    }
    for args in [
        &["-q", "balance"][..],
        &["-q", "renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--dry-run"],
    ] {
        let quiet = env.run(args).ok();
        assert_eq!(quiet.stderr, "", "{args:?}");
        assert!(!quiet.stdout.is_empty(), "{args:?}: quiet keeps the result");
    }
}

/// `-v` says which config, state directory and ledger this run uses.
#[test]
fn verbose_names_the_config_state_directory_and_ledger() {
    let env = Env::new();
    let state = env.state_dir();
    let sandbox = env.run(&["-v", "lines"]).ok();
    let notes = [
        format!(
            "note: built-in sandbox: no config file at {}",
            env.default_config_path().display()
        ),
        format!("note: state directory: {}", state.display()),
        format!("note: ledger: {} (none yet)", state.join("ledger.sqlite3").display()),
    ];
    for note in &notes {
        assert!(sandbox.stderr.lines().any(|l| l == note), "{note}:\n{}", sandbox.stderr);
    }
    let path = env.write_config("[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n");
    let run = env.run(&["-v", "lines"]).ok();
    let note = format!("note: config file: {}", path.display());
    assert!(run.stderr.lines().any(|l| l == note), "{}", run.stderr);
    assert!(!env.run(&["lines"]).ok().stderr.contains("note:"));
}

#[test]
fn color_never_and_no_color_mean_no_escape_codes() {
    let env = Env::new();
    for args in [&["--color", "never", "balance"][..], &["balance"]] {
        let run = env.run(args).ok();
        assert!(!run.stdout.contains('\x1b') && !run.stderr.contains('\x1b'), "{args:?}");
    }
    // `always` forces colour even without a terminal.
    let run = env.run(&["--color", "always", "balance"]).ok();
    assert!(run.stderr.contains('\x1b'), "{}", run.stderr);
}

/// How a run is set up to end with one exit code.
struct ExitCase {
    code: i32,
    /// The `code` of the `--json` error object; `None` for success.
    error: Option<&'static str>,
    args: &'static [&'static str],
    fault: Option<&'static str>,
    /// Another process holds the lock.
    locked: bool,
}

/// Every exit code the foundation can produce, with its JSON error code.
#[test]
fn exit_codes() {
    const RENEW: &[&str] = &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes", "--json"];
    let case = |code, error, fault| ExitCase {
        code,
        error,
        args: RENEW,
        fault,
        locked: false,
    };
    let cases = [
        case(0, None, None),
        ExitCase {
            args: &["renew", "demo-entel", "--plan", "nope", "--yes", "--json"],
            ..case(2, Some("usage"), None)
        },
        ExitCase {
            locked: true,
            ..case(3, Some("locked"), None)
        },
        case(5, Some("temporary"), Some("timeout")),
        case(6, Some("declined"), Some("decline")),
        case(7, Some("outcome_unknown"), Some("unknown")),
        ExitCase {
            args: &["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--json"],
            ..case(8, Some("input_needed"), None)
        },
    ];
    for c in cases {
        let env = Env::new();
        let _lock = c.locked.then(|| env.hold_run_lock());
        let mut cmd = env.topup(c.args);
        if let Some(f) = c.fault {
            cmd.env("TOPUP_SANDBOX_FAULT", f);
        }
        let run = Run::of(cmd).code(c.code);
        match c.error {
            None => assert_eq!(run.stderr, "", "exit {}", c.code),
            Some(e) => assert_eq!(run.json_error()["code"], e, "exit {}", c.code),
        }
        // Orders exist exactly when a payment was attempted.
        let attempted = matches!(c.code, 0 | 5 | 6 | 7);
        assert_eq!(env.ledger_count(), u64::from(attempted), "exit {}", c.code);
    }
}

/// Ctrl-C while waiting for another run's lock: exit 130, nothing written.
#[test]
fn interrupted_is_130() {
    let env = Env::new();
    let _held = env.hold_run_lock();
    let child = env
        .std_command(&[
            "renew",
            "demo-entel",
            "--plan",
            "sandbox-entel-1gb",
            "--yes",
            "--wait-lock",
            "60s",
            "--json",
        ])
        .spawn()
        .unwrap();
    // Signal only once topup catches SIGINT (before that, the default action
    // would kill it and the exit status would have no code): Linux lists the
    // caught signals in /proc/PID/status, SIGINT as bit 1 of SigCgt.
    let caught = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .is_some_and(|mask| mask & (1 << (libc::SIGINT - 1)) != 0)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !caught() {
        assert!(std::time::Instant::now() < deadline, "topup never caught SIGINT");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0);
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let error: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(error["error"]["code"], "interrupted");
    assert_eq!(env.ledger_count(), 0);
}

/// A missing mmcli is a setup problem (exit 2, with the install hint); one
/// that is there but cannot run is an unclassified failure (exit 1).
#[test]
fn missing_mmcli_is_2_and_an_unrunnable_one_is_1() {
    let env = Env::new();
    env.write_config("[lines.finca]\nmsisdn = \"987654321\"\nbalance = \"modem\"\n");
    let not_executable = env.write_file("mmcli", "");
    for (mmcli, code, kind, says) in [
        (env.home().join("no-such-mmcli"), 2, "usage", "mmcli was not found"),
        (not_executable, 1, "failure", "could not run"),
    ] {
        let mut cmd = env.topup(&["balance", "finca", "--json"]);
        cmd.env("TOPUP_MMCLI", mmcli);
        let err = Run::of(cmd).code(code).json_error();
        assert_eq!(err["code"], kind, "{err}");
        assert!(err["message"].as_str().unwrap().contains(says), "{err}");
    }
}

#[test]
fn lines_lists_the_demo_lines() {
    let env = Env::new();
    let doc = env.run(&["lines", "--json"]).ok().json();
    assert_eq!(doc["sandbox"], true);
    assert!(doc["config"].is_null(), "no config file: {doc}");
    let lines = doc["lines"].as_array().unwrap();
    let rows: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| {
            (
                l["name"].as_str().unwrap(),
                l["msisdn"].as_str().unwrap(),
                l["operator"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("demo-entel", "+56990000001", "entel"),
            ("demo-movistar", "+56990000002", "movistar"),
            ("demo-claro", "+56990000003", "claro"),
            ("demo-wom", "+56990000004", "wom"),
            ("demo-virgin", "+56990000005", "virgin"),
        ]
    );
    assert!(lines.iter().all(|l| l["balance"] == "sandbox" && l["pay"] == "sandbox"));
    let run = env.run(&["lines"]).ok();
    assert_eq!(run.stdout.lines().filter(|l| l.contains("demo-")).count(), 5);
    assert!(run.stdout.contains("+56 9 9000 0003"));
}

#[test]
fn operators_describe_every_operator_with_sources() {
    let env = Env::new();
    let doc = env.run(&["operators", "--json"]).ok().json();
    let ops = doc["operators"].as_array().unwrap();
    let names: Vec<&str> = ops.iter().map(|o| o["operator"].as_str().unwrap()).collect();
    assert_eq!(names, ["entel", "movistar", "claro", "wom", "virgin"]);
    for o in ops {
        assert_has_keys(o, &["name", "company", "network_codes", "channels", "unknown"]);
        assert!(
            !o["unknown"].as_array().unwrap().is_empty(),
            "what is unknown is said: {o}"
        );
        for ch in o["channels"].as_array().unwrap() {
            assert!(
                ch["source"].as_str().is_some_and(|s| s.starts_with("http")),
                "every channel has a source: {ch}"
            );
        }
    }
    // Facts, not simulated data: no sandbox banner even on the sandbox.
    assert_eq!(doc["sandbox"], false, "{doc}");
    let run = env.run(&["operators", "wom"]).ok();
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("WOM (wom)"), "{}", run.stdout);
    assert!(run.stdout.contains("source: https://"), "{}", run.stdout);
    assert!(run.stdout.contains("unknown (set in your config instead):"));
    assert!(!run.stdout.contains("Entel"), "only WOM: {}", run.stdout);
    let one = env.run(&["operators", "WOM", "--json"]).ok().json();
    assert_eq!(one["operators"].as_array().unwrap().len(), 1);
    // What the config adds is shown as the user wrote it.
    let configured = Env::new();
    configured.write_config("[operators.entel]\nbalance_ussd = [\"*103#\", \"2\"]\n");
    let run = configured.run(&["operators", "entel"]).ok();
    assert!(
        run.stdout.contains("your config: balance_ussd = [\"*103#\", \"2\"]"),
        "{}",
        run.stdout
    );
    let doc = configured.run(&["operators", "entel", "--json"]).ok().json();
    assert_eq!(
        doc["operators"][0]["configured"]["balance_ussd"],
        serde_json::json!(["*103#", "2"])
    );
}

/// A fact about one operator is not sourced to a page about another.
#[test]
fn no_operator_cites_another_operators_page() {
    let env = Env::new();
    let doc = env.run(&["operators", "--json"]).ok().json();
    let ops = doc["operators"].as_array().unwrap();
    let names: Vec<&str> = ops.iter().map(|o| o["operator"].as_str().unwrap()).collect();
    for o in ops {
        for ch in o["channels"].as_array().unwrap() {
            let source = ch["source"].as_str().unwrap().to_lowercase();
            for other in names.iter().filter(|n| **n != o["operator"]) {
                assert!(!source.contains(other), "{}: {source}", o["operator"]);
            }
        }
    }
}

#[test]
fn completions_for_each_shell() {
    let env = Env::new();
    for (shell, marker) in [
        ("bash", "_topup()"),
        ("zsh", "#compdef topup"),
        ("fish", "complete -c topup"),
        ("powershell", "topup"),
        ("elvish", "topup"),
    ] {
        let run = env.run(&["completions", shell]).ok();
        assert!(run.stdout.contains(marker), "{shell}");
        for sub in ["balance", "renew", "history", "reconcile"] {
            assert!(run.stdout.contains(sub), "{shell} completes {sub}");
        }
        assert_eq!(run.stderr, "", "{shell}");
    }
    assert!(!env.state_dir().exists(), "completions touch no state");
    env.run(&["completions", "tcsh"]).code(2);
    // A script is not JSON: asking for JSON is an error, not a script.
    let run = env.run(&["completions", "bash", "--json"]).code(2);
    assert_eq!(run.stdout, "");
    let err = run.json_error();
    assert_eq!(
        err["message"],
        "completions prints a shell script; --json does not apply"
    );
    let run = env.run(&["--json", "completions", "bash"]).code(2);
    assert_eq!(run.stdout, "");
}

#[test]
fn help_and_version() {
    let env = Env::new();
    let run = env.run(&["--help"]).ok();
    assert!(run.stdout.contains("Exit codes:"), "{}", run.stdout);
    let run = env.run(&["--version"]).ok();
    assert!(run.stdout.starts_with("topup "), "{}", run.stdout);
}

/// A reader that stops early (`topup completions bash | head -1`) closes the
/// pipe: topup should stop quietly, not panic with a backtrace.
#[test]
fn a_closed_stdout_is_not_a_crash() {
    let env = Env::new();
    for args in [&["completions", "bash"][..], &["operators", "--json"], &["plans"]] {
        // assert_cmd cannot close stdout early; copy its command into std's.
        let template = env.topup(args);
        let mut cmd = std::process::Command::new(template.get_program());
        cmd.args(template.get_args()).current_dir(env.home());
        for (key, value) in template.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

/// Each sandbox payment should have its own reference: a receipt's reference
/// identifies one payment. Today it is `SBX-` + the first 8 hex digits of the
/// UUID v7 key, which are the top bits of its millisecond timestamp, so every
/// order made within about a minute gets the same reference.
#[test]
fn sandbox_references_are_unique() {
    let env = Env::new();
    let a = renew_ok(&env, "demo-entel", "sandbox-entel-1gb");
    let b = renew_ok(&env, "demo-wom", "sandbox-wom-1gb");
    assert_ne!(a["gateway_ref"], b["gateway_ref"]);
}

/// clap's list of valid values says what to type instead, once.
#[test]
fn a_bad_choice_lists_the_possible_values_once() {
    let env = Env::new();
    let cases: [&[&str]; 5] = [
        &["--color", "purple", "balance"],
        &["plans", "--sort", "cheap"],
        &["renew", "demo-wom", "--pay", "cash"],
        &["completions", "tcsh"],
        &["--json", "plans", "--sort", "x"],
    ];
    for args in cases {
        let run = env.run(args).code(2);
        let text = if args.contains(&"--json") {
            run.json_error()["message"].as_str().unwrap().to_string()
        } else {
            run.error_line()
        };
        assert_eq!(text.matches("possible values:").count(), 1, "{args:?}: {text}");
    }
}
