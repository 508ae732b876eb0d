//! Snapshots of real human output under a fixed clock: what a person sees.
//! Order ids and gateway references change every run and are redacted.

use regex::Regex;

use crate::common::*;

/// stdout, then stderr, with run-specific values replaced.
fn shown(run: &Run) -> String {
    let uuid = Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let reference = Regex::new(r"SBX-[0-9a-f]{12}").unwrap();
    let text = format!("{}--- stderr ---\n{}", run.stdout, run.stderr);
    let text = uuid.replace_all(&text, "[order id]");
    reference.replace_all(&text, "SBX-[reference]").into_owned()
}

#[test]
fn balance() {
    let env = Env::new();
    insta::assert_snapshot!(shown(&env.run(&["balance"]).ok()));
}

#[test]
fn plans_for_wom() {
    let env = Env::new();
    insta::assert_snapshot!(shown(&env.run(&["plans", "--operator", "wom"]).ok()));
}

#[test]
fn history_after_one_renew() {
    let env = Env::new();
    renew_ok(&env, "demo-entel", "sandbox-entel-3gb");
    insta::assert_snapshot!(shown(&env.run(&["history"]).ok()));
}

#[test]
fn renew_receipt() {
    let env = Env::new();
    insta::assert_snapshot!(shown(
        &env.run(&["renew", "demo-claro", "--plan", "sandbox-claro-10gb", "--yes"])
            .ok()
    ));
}

#[test]
fn operators_wom() {
    let env = Env::new();
    insta::assert_snapshot!(shown(&env.run(&["operators", "wom"]).ok()));
}
