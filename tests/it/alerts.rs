//! Alerts through the binary: alert-only policies (`action = "notify"`),
//! `keep_alive`, and promotions (`[auto] watch_promotions`, `plans
//! --promos`), stepping `TOPUP_NOW` through days. Each alert comes once per
//! crossing (or per promotion), pays nothing, and is remembered in the ledger.

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

use crate::common::*;

/// demo-wom's number: 300 MB left, 200 MB used a day, plan ends in 2 days.
const WOM: &str = "+56990000004";
const ENTEL: &str = "+56990000001";

/// `NOW` plus `days` days, as `TOPUP_NOW` takes it.
fn day(days: i64) -> String {
    let now: Timestamp = NOW.parse().unwrap();
    now.checked_add(SignedDuration::from_hours(24 * days))
        .unwrap()
        .to_string()
}

/// Where the test's `alert_hook` writes one line per alert.
fn hook_log(env: &Env) -> PathBuf {
    env.home().join("alerts.log")
}

/// An `alert_hook` that logs what each alert is about.
fn logging_hook(env: &Env) -> String {
    format!(
        "alert_hook = \"echo \\\"$TOPUP_ALERT $TOPUP_LINE$TOPUP_PROMOTION_ID $TOPUP_TRIGGERS\\\" >> {}\"\n",
        hook_log(env).display()
    )
}

/// What the hook logged, one alert a line.
fn alerts_logged(env: &Env) -> Vec<String> {
    std::fs::read_to_string(hook_log(env))
        .unwrap_or_default()
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

/// A sandbox line `casa` on demo-wom's number with `policy`, and `[auto]`.
fn config(policy: &str, auto: &str) -> String {
    format!(
        "[lines.casa]\nmsisdn = \"{WOM}\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [lines.casa.auto]\n{policy}\n[auto]\n{auto}"
    )
}

/// The one line's entry of `auto --json`, after checking the exit code.
#[track_caller]
fn auto_line(env: &Env) -> Value {
    let doc = env.run(&["auto", "--json"]).ok().json();
    doc["lines"][0].clone()
}

/// `auto` in a cron job: nothing on stdout or stderr, exit 0.
#[track_caller]
fn silent(env: &Env) {
    let run = env.run(&["auto"]).ok();
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""), "auto spoke");
}

#[test]
fn an_alert_only_policy_alerts_once_per_crossing_and_pays_nothing() {
    let env = Env::new();
    let notify = |threshold: &str| {
        config(
            &format!("action = \"notify\"\nwhen_data_below = \"{threshold}\""),
            &logging_hook(&env),
        )
    };
    env.write_config(&notify("1 GB"));

    let doc = env.run(&["auto", "--json"]).ok().json();
    let line = &doc["lines"][0];
    assert_eq!(line["decision"], "alert", "{doc}");
    assert_eq!(line["reason"], "data 300 MB < 1 GB");
    assert_eq!(
        line["alert"],
        serde_json::json!({"triggers": ["threshold"], "delivered": true})
    );
    assert!(line["order"].is_null());
    assert_eq!((doc["alerted"].as_u64(), doc["renewed"].as_u64()), (Some(1), Some(0)));
    assert_eq!(alerts_logged(&env), ["line casa threshold"]);
    assert_eq!(env.ledger_count(), 0, "an alert writes no order");
    assert_eq!(env.sandbox_payments(WOM), 0, "an alert pays nothing");

    // Still below: once per crossing, so quiet (cron mails nothing).
    silent(&env);
    let line = auto_line(&env);
    assert_eq!(line["decision"], "skip");
    assert!(
        line["reason"].as_str().unwrap().starts_with("already alerted 0s ago"),
        "{line}"
    );
    assert_eq!(alerts_logged(&env).len(), 1);

    // The line seen above its threshold ends the crossing…
    env.write_config(&notify("100 MB"));
    silent(&env);
    // …so the next one alerts again.
    env.write_config(&notify("1 GB"));
    assert_eq!(auto_line(&env)["decision"], "alert");
    assert_eq!(alerts_logged(&env), ["line casa threshold", "line casa threshold"]);
    silent(&env);
    assert_eq!(env.ledger_count(), 0);
    assert_eq!(env.sandbox_payments(WOM), 0);
}

#[test]
fn a_top_up_after_the_alert_lets_the_line_alert_again() {
    let mut env = Env::new();
    // Always due: 3.3 GB after a 3 GB bolsa is still below 10 GB.
    env.write_config(&config(
        "action = \"notify\"\nwhen_data_below = \"10 GB\"",
        &logging_hook(&env),
    ));
    env.run(&["auto"]).ok();
    silent(&env);
    env.set_now(&day(1));
    renew_ok(&env, "casa", "sandbox-wom-3gb");
    let line = auto_line(&env);
    assert_eq!(line["decision"], "alert", "{line}");
    assert_eq!(alerts_logged(&env).len(), 2);
    silent(&env);
    assert_eq!(env.ledger_count(), 1, "only the top-up by hand");
}

/// An alert that no hook or notification took is not recorded: the next
/// run tries again, and a hook failing is a warning, never a failed run.
#[test]
fn an_alert_nobody_took_is_tried_again() {
    let env = Env::new();
    env.write_config(&config(
        "action = \"notify\"\nwhen_data_below = \"1 GB\"",
        "alert_hook = \"exit 1\"\n",
    ));
    for _ in 0..2 {
        let run = env.run(&["auto"]).ok();
        assert!(
            run.stderr.contains("warning: alert_hook failed (exit status 1)"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.contains("alert"), "{}", run.stdout);
    }
    let line = auto_line(&env);
    assert_eq!(line["alert"]["delivered"], false, "{line}");
    env.write_config(&config(
        "action = \"notify\"\nwhen_data_below = \"1 GB\"",
        &logging_hook(&env),
    ));
    assert_eq!(auto_line(&env)["alert"]["delivered"], true);
    silent(&env);
    assert_eq!(alerts_logged(&env).len(), 1);
}

#[test]
fn a_dry_run_says_it_would_alert_and_tells_nobody() {
    let env = Env::new();
    env.write_config(&config(
        "action = \"notify\"\nwhen_data_below = \"1 GB\"",
        &logging_hook(&env),
    ));
    let run = env.run(&["auto", "--dry-run"]).ok();
    assert!(run.stdout.contains("would alert"), "{}", run.stdout);
    let doc = env.run(&["auto", "--dry-run", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["decision"], "alert");
    assert_eq!(doc["lines"][0]["alert"]["delivered"], false);
    assert_eq!(doc["alerted"], 0);
    assert!(alerts_logged(&env).is_empty());
    assert!(!env.state_dir().join("ledger.sqlite3").exists());
    // And the real run after it still alerts.
    assert_eq!(auto_line(&env)["decision"], "alert");
}

/// Keep-alive: `TOPUP_NOW` 150, 169, 171 and 181 days after the last
/// confirmed top-up. It renews once, at 171, through the same flow.
#[test]
fn keep_alive_renews_after_170_days_without_a_top_up() {
    let mut env = Env::new();
    env.write_config(&config("plan = \"sandbox-wom-3gb\"\nkeep_alive = \"170d\"", ""));
    // Nothing confirmed yet: nothing to count from, never a blind renewal.
    let line = auto_line(&env);
    assert_eq!(line["decision"], "skip");
    assert!(
        line["reason"]
            .as_str()
            .unwrap()
            .contains("no reading of the last top-up"),
        "{line}"
    );
    assert_eq!(env.ledger_count(), 0);

    renew_ok(&env, "casa", "sandbox-wom-1gb");
    for (days, since) in [(150, "150d"), (169, "169d")] {
        env.set_now(&day(days));
        silent(&env);
        let line = auto_line(&env);
        assert_eq!(line["decision"], "skip", "day {days}: {line}");
        assert_eq!(
            line["reason"],
            format!("not due: last confirmed top-up {since} ago (keep_alive 170d)")
        );
    }
    assert_eq!(env.ledger_count(), 1);

    env.set_now(&day(171));
    let line = auto_line(&env);
    assert_eq!(line["decision"], "renew", "{line}");
    assert_eq!(
        line["reason"],
        "no confirmed top-up for 171d (keep_alive 170d; saldo can lapse 180 days after the last recarga)"
    );
    assert_eq!(line["order"]["status"], "confirmed");
    assert_eq!(line["order"]["plan_id"], "sandbox-wom-3gb");
    assert_eq!(env.sandbox_payments(WOM), 2);

    env.set_now(&day(181));
    silent(&env);
    assert_eq!(
        auto_line(&env)["reason"],
        "not due: last confirmed top-up 10d ago (keep_alive 170d)"
    );
    let orders = env.orders();
    assert_eq!(orders.len(), 2);
    assert!(orders.iter().all(|o| o.status == topup::domain::OrderStatus::Confirmed));
    assert_eq!(env.sandbox_payments(WOM), 2);
}

/// Without the run on day 171, the run on day 181 renews, saying how long.
#[test]
fn keep_alive_counts_from_the_last_confirmed_order_whatever_failed_since() {
    let mut env = Env::new();
    env.write_config(&config("plan = \"sandbox-wom-3gb\"\nkeep_alive = \"170d\"", ""));
    renew_ok(&env, "casa", "sandbox-wom-1gb");
    // A failed top-up later is not a top-up.
    env.set_now(&day(100));
    env.run_fault("decline", &["renew", "casa", "--plan", "sandbox-wom-1gb", "--yes"])
        .code(6);
    env.set_now(&day(181));
    let line = auto_line(&env);
    assert_eq!(line["decision"], "renew", "{line}");
    assert!(
        line["reason"]
            .as_str()
            .unwrap()
            .starts_with("no confirmed top-up for 181d"),
        "{line}"
    );
}

/// A keep-alive renewal goes through the same flow as any other: the caps
/// still refuse it (exit 6, no order).
#[test]
fn a_keep_alive_renewal_meets_the_caps() {
    let mut env = Env::new();
    env.write_config(&config(
        "plan = \"sandbox-wom-3gb\"\nkeep_alive = \"170d\"\nmonthly_cap_clp = 3000",
        "",
    ));
    renew_ok(&env, "casa", "sandbox-wom-1gb");
    env.set_now(&day(171));
    let doc = env.run(&["auto", "--json"]).code(6).json();
    assert_eq!(doc["lines"][0]["decision"], "blocked", "{doc}");
    assert!(
        doc["lines"][0]["reason"].as_str().unwrap().contains("monthly cap"),
        "{doc}"
    );
    assert_eq!(env.ledger_count(), 1);
}

/// Keep-alive with `action = "notify"`: one alert at day 171, quiet at
/// 181, and again 171 days after the next top-up.
#[test]
fn keep_alive_with_notify_alerts_once_and_pays_nothing() {
    let mut env = Env::new();
    env.write_config(&config(
        "action = \"notify\"\nkeep_alive = \"170d\"",
        &logging_hook(&env),
    ));
    renew_ok(&env, "casa", "sandbox-wom-1gb");
    for days in [150, 169] {
        env.set_now(&day(days));
        silent(&env);
    }
    env.set_now(&day(171));
    let line = auto_line(&env);
    assert_eq!(line["decision"], "alert", "{line}");
    assert!(
        line["reason"]
            .as_str()
            .unwrap()
            .starts_with("no confirmed top-up for 171d"),
        "{line}"
    );
    assert_eq!(line["alert"]["triggers"], serde_json::json!(["keep_alive"]));
    env.set_now(&day(181));
    silent(&env);
    assert!(
        auto_line(&env)["reason"]
            .as_str()
            .unwrap()
            .starts_with("already alerted 10d ago"),
    );
    assert_eq!(alerts_logged(&env), ["line casa keep_alive"]);
    assert_eq!(env.ledger_count(), 1, "alerts write no order");

    // Topped up by hand: the count starts again, and so does the alert.
    env.set_now(&day(182));
    renew_ok(&env, "casa", "sandbox-wom-1gb");
    env.set_now(&day(183));
    silent(&env);
    env.set_now(&day(182 + 171));
    assert_eq!(auto_line(&env)["decision"], "alert");
    assert_eq!(alerts_logged(&env).len(), 2);
    assert_eq!(env.sandbox_payments(WOM), 2, "two top-ups by hand, none by auto");
}

#[test]
fn lines_json_shows_the_action_and_keep_alive() {
    let env = Env::new();
    env.write_config(&config("action = \"notify\"\nkeep_alive = \"170d\"", ""));
    let doc = env.run(&["lines", "--json"]).ok().json();
    let auto = &doc["lines"][0]["auto"];
    assert_eq!(auto["action"], "notify");
    assert_eq!(auto["keep_alive_seconds"], 170 * 86_400);
    assert!(auto["plan"].is_null());
    let run = env.run(&["lines"]).ok();
    assert!(run.stdout.contains("(alert only)"), "{}", run.stdout);
}

#[test]
fn keep_alive_of_180_days_or_more_is_refused() {
    let env = Env::new();
    env.write_config(&config("plan = \"sandbox-wom-3gb\"\nkeep_alive = \"181d\"", ""));
    let run = env.run(&["auto"]).code(2);
    let error = run.error_line();
    assert!(
        error.contains("keep_alive must be more than 0 and less than 180d (got 181d)") && error.contains("Subtel"),
        "{error}"
    );
    assert_eq!(env.ledger_count(), 0);
}

// ---- promotions ------------------------------------------------------------

/// Sandbox lines on Entel and WOM, whose demo promotions change with the
/// calendar (Entel monthly, WOM from the 1st and the 16th), watched.
fn promotions_config(env: &Env) -> String {
    format!(
        "[lines.oficina]\nmsisdn = \"{ENTEL}\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [lines.casa]\nmsisdn = \"{WOM}\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [lines.bodega]\nmsisdn = \"+56990000014\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [auto]\nwatch_promotions = true\n{}",
        logging_hook(env)
    )
}

fn promotion_ids(doc: &Value) -> Vec<String> {
    doc["promotions"]
        .as_array()
        .expect("promotions")
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn each_new_promotion_alerts_once() {
    let mut env = Env::new();
    env.write_config(&promotions_config(&env));

    // A dry run lists what it would tell, tells nobody, writes nothing.
    let doc = env.run(&["auto", "--dry-run", "--json"]).ok().json();
    assert_eq!(
        promotion_ids(&doc),
        ["sandbox-entel-2026-11-01", "sandbox-wom-2026-11-16"]
    );
    assert_eq!(doc["promotions"][0]["delivered"], false);
    assert!(alerts_logged(&env).is_empty());
    assert!(!env.state_dir().join("ledger.sqlite3").exists());

    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(
        promotion_ids(&doc),
        ["sandbox-entel-2026-11-01", "sandbox-wom-2026-11-16"]
    );
    let wom = &doc["promotions"][1];
    assert_has_keys(
        wom,
        &[
            "id",
            "operator",
            "title",
            "description",
            "denominations",
            "starts_at",
            "ends_at",
            "source",
        ],
    );
    assert_eq!(wom["operator"], "wom");
    assert_eq!(wom["source"], "sandbox");
    assert_eq!(wom["starts_at"], "2026-11-16T03:00:00Z");
    assert_eq!(wom["ends_at"], "2026-12-01T03:00:00Z");
    assert_eq!(wom["lines"], serde_json::json!(["casa", "bodega"]));
    assert_eq!(wom["delivered"], true);
    assert_eq!(
        alerts_logged(&env),
        ["promotion sandbox-entel-2026-11-01", "promotion sandbox-wom-2026-11-16"]
    );
    // Nothing new: quiet.
    silent(&env);
    env.set_now(&day(3));
    silent(&env);

    // December: a new month's Entel promotion, WOM's first half.
    env.set_now("2026-12-02T12:00:00Z");
    let run = env.run(&["auto"]).ok();
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("double data on every bolsa (demo)"))
        .unwrap_or_default();
    assert!(
        row.contains("entel") && row.ends_with("2027-01-01 00:00"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("alerts: 0 for lines, 2 for promotions"),
        "{}",
        run.stdout
    );
    silent(&env);
    // The 16th: WOM's second half, and only that.
    env.set_now("2026-12-16T12:00:00Z");
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(promotion_ids(&doc), ["sandbox-wom-2026-12-16"]);
    silent(&env);

    let logged = alerts_logged(&env);
    assert_eq!(logged.len(), 5, "{logged:?}");
    let mut unique = logged.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 5, "each promotion once: {logged:?}");
    assert_eq!(env.ledger_count(), 0, "promotions never pay");
}

#[test]
fn promotions_are_not_watched_unless_asked() {
    let env = Env::new();
    env.write_config(&promotions_config(&env).replace("watch_promotions = true", "watch_promotions = false"));
    silent(&env);
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(doc["promotions"], serde_json::json!([]));
    assert!(alerts_logged(&env).is_empty());
}

#[test]
fn plans_promos_lists_the_current_promotions() {
    let env = Env::new();
    let doc = env.run(&["plans", "--promos", "--json"]).ok().json();
    assert_eq!(doc["sandbox"], true);
    assert_eq!(
        promotion_ids(&doc),
        ["sandbox-entel-2026-11-01", "sandbox-wom-2026-11-16"]
    );
    let entel = &doc["promotions"][0];
    assert_eq!(entel["title"], "double data on every bolsa (demo)");
    assert_eq!(entel["starts_at"], "2026-11-01T03:00:00Z");
    assert_eq!(entel["ends_at"], "2026-12-01T03:00:00Z");
    assert_eq!(entel["source"], "sandbox");

    let run = env.run(&["plans", "--promos"]).ok();
    assert!(run.stdout.contains("From (-03)"), "{}", run.stdout);
    assert!(run.stdout.contains("2026-11-16 00:00"), "{}", run.stdout);
    assert!(run.stdout.contains("fictional"), "{}", run.stdout);
    assert_eq!(run.banners(), 1);

    let doc = env
        .run(&["plans", "--promos", "--operator", "wom", "--json"])
        .ok()
        .json();
    assert_eq!(promotion_ids(&doc), ["sandbox-wom-2026-11-16"]);
    let mut early = Env::new();
    early.set_now("2026-11-05T12:00:00Z");
    let doc = early.run(&["plans", "demo-wom", "--promos", "--json"]).ok().json();
    assert_eq!(promotion_ids(&doc), ["sandbox-wom-2026-11-01"]);

    let none = env.run(&["plans", "demo-claro", "--promos"]).ok();
    assert!(none.stdout.contains("No promotions on now"), "{}", none.stdout);
    env.run(&["plans", "--promos", "--sort", "data"]).code(2);
}
