//! Paths from the environment, the config and flags are used byte for byte:
//! a state directory, home or config whose name is not UTF-8 is the same
//! directory every run (a lossy copy would be another ledger, where an
//! unknown order is never seen and the line is paid again), or it is refused
//! where it cannot be written as text (`schedule`).

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::PathBuf;

use topup::ledger::{Ledger, OrderFilter};

use crate::common::*;

/// `<home>/l\xedneas<suffix>`: Latin-1 "líneas", not UTF-8.
fn latin1_dir(env: &Env, suffix: &str) -> PathBuf {
    let mut bytes = env.home().as_os_str().to_owned().into_vec();
    bytes.extend_from_slice(b"/l\xedneas");
    bytes.extend_from_slice(suffix.as_bytes());
    PathBuf::from(OsString::from_vec(bytes))
}

fn orders_in(state_dir: &std::path::Path) -> Vec<topup::domain::Order> {
    let ledger = Ledger::open(&state_dir.join("ledger.sqlite3")).expect("the ledger is where it was named");
    ledger.orders(&OrderFilter::default()).expect("orders")
}

/// Every entry of the home, as raw names.
fn home_entries(env: &Env) -> Vec<Vec<u8>> {
    let mut names: Vec<Vec<u8>> = std::fs::read_dir(env.home())
        .expect("home")
        .map(|e| e.expect("entry").file_name().into_vec())
        .collect();
    names.sort();
    names
}

#[test]
fn a_state_dir_that_is_not_utf8_is_used_as_named_and_its_unknown_order_settled_before_paying() {
    let env = Env::new();
    let state = latin1_dir(&env, "");
    let run = |fault: Option<&str>, args: &[&str]| {
        let mut cmd = env.std_command(args);
        cmd.env("TOPUP_STATE_DIR", &state);
        if let Some(f) = fault {
            cmd.env("TOPUP_SANDBOX_FAULT", f);
        }
        RawRun::of(cmd)
    };
    // The payment went through but its answer was lost: unknown, exit 7.
    let first = run(
        Some("unknown"),
        &["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"],
    );
    assert_eq!(first.code, Some(7), "{}", first.stderr_text());
    let orders = orders_in(&state);
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status, topup::domain::OrderStatus::Unknown);
    // No lossy twin (`l\u{fffd}neas`) appeared beside it.
    let lossy = "l\u{fffd}neas".as_bytes().to_vec();
    assert!(
        !home_entries(&env).contains(&lossy),
        "a lossy copy of the state directory"
    );
    // The next renew finds that order, settles it (it was paid) and pays
    // once more only because the user asked for a second plan (`--again`).
    let second = run(
        None,
        &["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes", "--again"],
    );
    assert_eq!(second.code, Some(0), "{}", second.stderr_text());
    let orders = orders_in(&state);
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o.status == topup::domain::OrderStatus::Confirmed));
    assert!(!home_entries(&env).contains(&lossy));
}

#[test]
fn state_from_xdg_state_home_or_home_that_is_not_utf8_stays_there() {
    let env = Env::new();
    // XDG_STATE_HOME, then HOME, both with a Latin-1 byte.
    let xdg = latin1_dir(&env, "-xdg");
    let mut cmd = env.std_command(&["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"]);
    cmd.env_remove("TOPUP_STATE_DIR").env("XDG_STATE_HOME", &xdg);
    let run = RawRun::of(cmd);
    assert_eq!(run.code, Some(0), "{}", run.stderr_text());
    assert_eq!(orders_in(&xdg.join("topup")).len(), 1);

    let home = latin1_dir(&env, "-home");
    std::fs::create_dir(&home).unwrap();
    let mut cmd = env.std_command(&["renew", "demo-entel", "--plan", "sandbox-entel-1gb", "--yes"]);
    cmd.env_remove("TOPUP_STATE_DIR")
        .env_remove("XDG_STATE_HOME")
        .env("HOME", &home);
    let run = RawRun::of(cmd);
    assert_eq!(run.code, Some(0), "{}", run.stderr_text());
    assert_eq!(orders_in(&home.join(".local/state/topup")).len(), 1);
}

/// A config named by a path that is not UTF-8 (flag, variable, or the XDG
/// directory) is the config read: not the sandbox.
#[test]
fn a_config_whose_path_is_not_utf8_is_read() {
    let env = Env::new();
    let config =
        "[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n";
    let dir = latin1_dir(&env, "-config");
    std::fs::create_dir_all(dir.join("topup")).unwrap();
    std::fs::write(dir.join("topup/config.toml"), config).unwrap();
    let file = dir.join("topup/config.toml");

    let mut by_flag = env.std_command_os(&["lines".into(), "--json".into(), "--config".into(), file.clone().into()]);
    by_flag.env_remove("XDG_CONFIG_HOME");
    let mut by_var = env.std_command(&["lines", "--json"]);
    by_var.env("TOPUP_CONFIG", &file);
    let mut by_xdg = env.std_command(&["lines", "--json"]);
    by_xdg.env("XDG_CONFIG_HOME", &dir);
    for (how, cmd) in [
        ("--config", by_flag),
        ("TOPUP_CONFIG", by_var),
        ("XDG_CONFIG_HOME", by_xdg),
    ] {
        let run = RawRun::of(cmd);
        assert_eq!(run.code, Some(0), "{how}: {}", run.stderr_text());
        let doc = json(std::str::from_utf8(&run.stdout).expect("utf-8"));
        assert_eq!(doc["sandbox"], true, "{how}: a line paying with the sandbox");
        assert_eq!(doc["lines"][0]["name"], "casa", "{how}: {doc}");
    }
}

#[test]
fn an_empty_topup_config_is_unset_like_xdg_variables() {
    let env = Env::new();
    env.write_config("[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"entel\"\nbalance = \"sandbox\"\n");
    let mut cmd = env.topup(&["lines", "--json"]);
    cmd.env("TOPUP_CONFIG", "");
    let doc = Run::of(cmd).ok().json();
    assert_eq!(doc["lines"][0]["name"], "casa", "{doc}");
}

#[test]
fn schedule_refuses_a_state_dir_it_cannot_write_as_text_and_makes_a_relative_one_absolute() {
    let env = Env::new();
    // Not UTF-8, or a bidi override that the screen would show escaped:
    // either would put another directory into the crontab.
    let bidi = env.home().join("st\u{202e}ate");
    for dir in [latin1_dir(&env, ""), bidi] {
        let mut cmd = env.std_command(&["schedule"]);
        cmd.env("TOPUP_STATE_DIR", &dir);
        let run = RawRun::of(cmd);
        assert_eq!(run.code, Some(2), "{}", run.stderr_text());
        let stderr = run.stderr_text();
        assert!(
            stderr.contains("the state directory") && stderr.contains("cannot be written into a crontab"),
            "{stderr}"
        );
        assert!(run.stdout.is_empty());
    }

    // A `%` ends a crontab command and starts a systemd specifier.
    let config = env.write_file("50%off.toml", "");
    let doc = env
        .run(&["--config", config.to_str().unwrap(), "schedule", "--json"])
        .ok()
        .json();
    let (crontab, service) = (
        doc["crontab"].as_str().unwrap(),
        doc["systemd"]["service"].as_str().unwrap(),
    );
    assert!(
        crontab.contains("50\\%off.toml") && !crontab.contains("50%off"),
        "{crontab}"
    );
    assert!(service.contains("50%%off.toml"), "{service}");

    let mut cmd = env.topup(&["schedule", "--json"]);
    cmd.env("TOPUP_STATE_DIR", "relative/state");
    let doc = Run::of(cmd).ok().json();
    let want = format!("TOPUP_STATE_DIR={}/relative/state\n", env.home().display());
    assert!(doc["crontab"].as_str().unwrap().contains(&want), "{doc}");
}

#[test]
fn text_variables_that_are_not_utf8_are_refused_not_read_lossily() {
    let env = Env::new();
    for (var, value, code) in [
        ("TOPUP_NOW", b"2026-11-25T12:00:00Z\xff".to_vec(), 2),
        ("TOPUP_SANDBOX_FAULT", b"declin\xe9".to_vec(), 2),
    ] {
        let mut cmd = env.std_command(&["renew", "demo-wom", "--plan", "sandbox-wom-1gb", "--yes"]);
        cmd.env(var, OsString::from_vec(value));
        let run = RawRun::of(cmd);
        assert_eq!(run.code, Some(code), "{var}: {}", run.stderr_text());
        assert!(
            run.stderr_text().contains(&format!("{var} is not valid UTF-8")),
            "{}",
            run.stderr_text()
        );
    }
    assert_eq!(env.ledger_count(), 0);
}
