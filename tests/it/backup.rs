//! `topup backup PATH`: a consistent copy of the ledger by SQLite's online
//! backup API, never over an existing file, that restores by copying back.

use crate::common::*;

fn renew(env: &Env, line: &str, plan: &str) {
    env.run(&["renew", line, "--plan", plan, "--yes", "--json"]).ok();
}

/// The orders of a ledger file, as `history --json` in a fresh state
/// directory shows them once the file is put there (the README's restore).
fn restored_ids(backup: &std::path::Path) -> Vec<String> {
    let env = Env::new();
    std::fs::create_dir_all(env.state_dir()).unwrap();
    std::fs::copy(backup, env.state_dir().join("ledger.sqlite3")).unwrap();
    let doc = env.run(&["history", "--json"]).ok().json();
    doc["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_backup_holds_every_order_and_restores() {
    let env = Env::new();
    let dest = env.home().join("copia.sqlite3");
    // No ledger yet: nothing to copy, and nothing written.
    let run = env.run(&["backup", dest.to_str().unwrap()]).code(2);
    assert!(run.error_line().contains("no ledger to back up yet"), "{}", run.stderr);
    assert!(!dest.exists());

    renew(&env, "demo-entel", "sandbox-entel-1gb");
    renew(&env, "demo-wom", "sandbox-wom-1gb");
    let doc = env.run(&["backup", dest.to_str().unwrap(), "--json"]).ok().json();
    assert_eq!(doc["orders"], 2);
    assert_eq!(doc["path"], dest.to_str().unwrap());
    assert_eq!(doc["bytes"], std::fs::metadata(&dest).unwrap().len());
    let ids: Vec<String> = env.orders().iter().map(|o| o.id.to_string()).collect();
    assert_eq!(restored_ids(&dest), ids);
    // One file, readable by itself: no write-ahead log, no temporary file left.
    let names: Vec<String> = std::fs::read_dir(env.home())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("copia") || n.contains("topup-backup"))
        .collect();
    assert_eq!(names, ["copia.sqlite3"]);
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let mode: String = copy.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "delete");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&dest).unwrap().permissions().mode() & 0o077,
        0,
        "phone numbers are private"
    );

    // Never over an existing file, and the file is left as it was.
    renew(&env, "demo-claro", "sandbox-claro-1gb");
    let before = std::fs::read(&dest).unwrap();
    let run = env.run(&["backup", dest.to_str().unwrap()]).code(2);
    assert!(run.error_line().contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read(&dest).unwrap(), before);
    // A folder that is not there.
    let run = env
        .run(&["backup", env.home().join("no/such/folder.sqlite3").to_str().unwrap()])
        .code(2);
    assert!(run.error_line().contains("the folder does not exist"), "{}", run.stderr);
}

/// Another process in the middle of writing (an open write transaction)
/// does not stop a backup, and its uncommitted order is not in the copy.
#[test]
fn a_backup_while_another_process_writes() {
    let env = Env::new();
    renew(&env, "demo-entel", "sandbox-entel-1gb");
    let ids: Vec<String> = env.orders().iter().map(|o| o.id.to_string()).collect();
    let writer = rusqlite::Connection::open(env.state_dir().join("ledger.sqlite3")).unwrap();
    writer
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM order_events; DELETE FROM orders;")
        .unwrap();
    let dest = env.home().join("during.sqlite3");
    let run = env.run(&["backup", dest.to_str().unwrap()]).ok();
    assert!(run.stdout.contains("1 order"), "{}", run.stdout);
    writer.execute_batch("ROLLBACK").unwrap();
    assert_eq!(restored_ids(&dest), ids);
}
