//! Snapshots of real human output under a fixed clock, at 80 columns (the
//! width without a terminal): what a person sees. Order ids and gateway
//! references change every run and are redacted.

use regex::Regex;

use crate::common::*;

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

#[test]
fn lines() {
    let env = Env::new();
    insta::assert_snapshot!(shown(&env.run(&["lines"]).ok()));
}

#[test]
fn reconcile_after_an_unknown_outcome() {
    let env = Env::new();
    env.run_fault("unknown", &["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes"])
        .code(7);
    insta::assert_snapshot!(shown(&env.run(&["reconcile"]).ok()));
}

#[test]
fn auto_dry_run() {
    let env = Env::new();
    env.write_config(AUTO_CASA);
    insta::assert_snapshot!(shown(&env.run(&["auto", "--dry-run"]).ok()));
}

/// Every table fits its width and lines up with colour forced on: the
/// coloured output, its codes taken out, is the uncoloured output.
#[test]
fn tables_fit_80_100_and_200_columns_with_colour_on() {
    let env = Env::new();
    env.run_fault("unknown", &["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes"])
        .code(7);
    renew_ok(&env, "demo-entel", "sandbox-entel-10gb");
    let ansi = Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for width in ["80", "100", "200"] {
        for args in [&["balance"][..], &["plans"], &["history"], &["lines"]] {
            let run_with = |color: &str| {
                let mut cmd = env.topup(&[&["--color", color][..], args].concat());
                cmd.env("COLUMNS", width);
                Run::of(cmd).stdout
            };
            let (coloured, plain) = (run_with("always"), run_with("never"));
            assert!(coloured.contains('\x1b'), "{args:?}: no colour");
            assert_eq!(ansi.replace_all(&coloured, ""), plain, "{args:?} at {width}");
            let limit: usize = width.parse().unwrap();
            for line in plain.lines() {
                assert!(line.chars().count() <= limit, "{args:?} at {width}: {line}");
            }
        }
    }
}

#[test]
fn renew_dry_run_and_a_retry() {
    let env = Env::new();
    let dry = env
        .run(&["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--dry-run"])
        .ok();
    renew_ok(&env, "demo-wom", "sandbox-wom-3gb");
    let retry = env
        .run(&["renew", "demo-wom", "--plan", "sandbox-wom-3gb", "--yes"])
        .ok();
    insta::assert_snapshot!(format!("{}{}", shown(&dry), shown(&retry)));
}

/// A web renewal on the sandbox (the page only shown), then a purchase
/// recorded from a store. (History with both is asserted in `web` and
/// `record`: two orders' short ids, and so a table's widths, depend on how
/// far apart in time they were written.)
#[test]
fn web_renewal_and_recorded_purchase() {
    let env = Env::new();
    let web = env
        .run(&[
            "renew",
            "demo-movistar",
            "--pay",
            "web",
            "--amount",
            "5000",
            "--yes",
            "--no-open",
        ])
        .code(7);
    let recorded = env
        .run(&[
            "record",
            "demo-wom",
            "--plan",
            "sandbox-wom-3gb",
            "--via",
            "store",
            "--at",
            "2026-11-20",
        ])
        .ok();
    insta::assert_snapshot!(format!("{}{}", shown(&web), shown(&recorded)));
}

/// The same in Chinese: the steps of the hand-off, the record's receipt.
#[test]
fn web_renewal_and_recorded_purchase_zh_cn() {
    let env = Env::new();
    let run = |args: &[&str]| {
        let mut cmd = env.topup(args);
        cmd.env("TOPUP_LANG", "zh-CN");
        Run::of(cmd)
    };
    let web = run(&[
        "renew",
        "demo-movistar",
        "--pay",
        "web",
        "--amount",
        "5000",
        "--yes",
        "--no-open",
    ])
    .code(7);
    let recorded = run(&[
        "record", "demo-wom", "--amount", "3000", "--data", "1GB", "--days", "7", "--via", "gift",
    ])
    .ok();
    let unknown = run(&["renew", "demo-entel", "--pay", "web", "--amount", "5000", "--yes"]).code(2);
    insta::assert_snapshot!(format!("{}{}{}", shown(&web), shown(&recorded), shown(&unknown)));
}

/// An alert-only line due, a keep-alive line not yet due, and two new
/// promotions: what a cron mail shows.
const ALERTS: &str = "[lines.casa]\nmsisdn = \"+56 9 9000 0004\"\noperator = \"wom\"\nbalance = \"sandbox\"\n\
    pay = \"sandbox\"\n[lines.casa.auto]\naction = \"notify\"\nwhen_data_below = \"1 GB\"\n\
    [lines.oficina]\nmsisdn = \"+56 9 9000 0001\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
    [lines.oficina.auto]\nplan = \"sandbox-entel-3gb\"\nkeep_alive = \"170d\"\n[auto]\nwatch_promotions = true\n";

#[test]
fn auto_alert_and_promotions() {
    let env = Env::new();
    env.write_config(ALERTS);
    renew_ok(&env, "oficina", "sandbox-entel-1gb");
    insta::assert_snapshot!(shown(&env.run(&["auto"]).ok()));
}

#[test]
fn auto_alert_and_promotions_zh_cn() {
    let env = Env::new();
    env.write_config(ALERTS);
    renew_ok(&env, "oficina", "sandbox-entel-1gb");
    let mut cmd = env.topup(&["auto"]);
    cmd.env("TOPUP_LANG", "zh-CN");
    insta::assert_snapshot!(shown(&Run::of(cmd).ok()));
}

#[test]
fn plans_promos() {
    let env = Env::new();
    insta::assert_snapshot!(shown(&env.run(&["plans", "--promos"]).ok()));
}

#[test]
fn plans_promos_zh_cn_and_es_cl() {
    let env = Env::new();
    let mut shown_in = String::new();
    for lang in ["zh-CN", "es-CL"] {
        let mut cmd = env.topup(&["plans", "--promos"]);
        cmd.env("TOPUP_LANG", lang);
        shown_in += &format!("=== {lang}\n{}", shown(&Run::of(cmd).ok()));
    }
    insta::assert_snapshot!(shown_in);
}
