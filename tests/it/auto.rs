//! `topup auto` end to end on sandbox lines: renews when due, silent when
//! not, cooldown, caps, month rollover, the lock, a crash mid-payment, hooks.

use std::time::{Duration, Instant};

use crate::common::{Env, NOW, Run};

/// demo-wom's number: 300 MB left, 200 MB used a day, plan ends in 2 days.
const WOM: &str = "+56990000004";

fn config(policy: &str, auto: &str) -> String {
    format!(
        "[lines.finca]\nmsisdn = \"{WOM}\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [lines.finca.auto]\nplan = \"sandbox-wom-3gb\"\n{policy}\n\
         [lines.casa]\nmsisdn = \"+56990000001\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
         [auto]\n{auto}\n"
    )
}

fn confirmed(env: &Env) -> usize {
    env.orders()
        .iter()
        .filter(|o| o.status == topup::domain::OrderStatus::Confirmed)
        .count()
}

#[test]
fn renews_when_due_then_stays_silent() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", ""));
    let run = env.run(&["auto"]).ok();
    assert!(
        run.stdout.contains("finca") && run.stdout.contains("renew"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("1 renewed, 0 failed"), "{}", run.stdout);
    assert_eq!(confirmed(&env), 1);
    assert_eq!(env.sandbox_payments(WOM), 1);
    // Nothing is due now: no output at all, exit 0, nothing paid.
    let again = env.run(&["auto"]).ok();
    assert_eq!(again.stdout, "");
    assert_eq!(again.stderr, "");
    assert_eq!(env.sandbox_payments(WOM), 1);
    // -v shows the report even when nothing was due.
    let verbose = env.run(&["auto", "-v"]).ok();
    assert!(verbose.stdout.contains("not due"), "{}", verbose.stdout);
}

#[test]
fn json_report_has_every_line_with_its_decision() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", ""));
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(doc["sandbox"], true);
    assert_eq!(doc["renewed"], 1);
    assert_eq!(doc["failed"], 0);
    let lines = doc["lines"].as_array().expect("lines");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], "finca");
    assert_eq!(lines[0]["decision"], "renew");
    assert!(
        lines[0]["reason"].as_str().unwrap().contains("data 300 MB < 500 MB"),
        "{doc}"
    );
    assert_eq!(lines[0]["order"]["status"], "confirmed");
    assert_eq!(lines[0]["order"]["plan_id"], "sandbox-wom-3gb");
    assert_eq!(lines[1]["line"], "casa");
    assert_eq!(lines[1]["decision"], "skip");
    assert_eq!(lines[1]["reason"], "no auto policy");
    assert!(lines[1]["order"].is_null());
}

#[test]
fn cron_loop_keeps_the_line_above_its_threshold_with_one_renewal_per_need() {
    let mut env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"\nmin_interval = \"12h\"", ""));
    let start: jiff::Timestamp = NOW.parse().unwrap();
    let mut renewals = 0;
    let mut needs = 0;
    // Every 12 hours for 40 days.
    for step in 0..80 {
        let now = start
            .checked_add(jiff::SignedDuration::from_hours(12 * step))
            .unwrap()
            .to_string();
        env.set_now(&now);
        let before = env.data_left("finca");
        let due = before < 500_000_000;
        needs += usize::from(due);
        let run = env.run(&["auto"]).ok();
        if due {
            renewals += 1;
            assert!(run.stdout.contains("renewed"), "{now}: {}", run.stdout);
            assert!(
                env.data_left("finca") >= 500_000_000,
                "{now}: still below after renewing"
            );
        } else {
            assert_eq!(run.stdout, "", "{now}: auto spoke when nothing was due");
        }
    }
    assert!(needs >= 3, "the loop should cover several needs, saw {needs}");
    assert_eq!(renewals, needs);
    assert_eq!(confirmed(&env), needs);
    assert_eq!(env.sandbox_payments(WOM) as usize, needs);
}

#[test]
fn cooldown_blocks_a_second_renewal_without_failing() {
    let mut env = Env::new();
    // Always due: data is always below 100 GB.
    env.write_config(&config("when_data_below = \"100 GB\"\nmin_interval = \"12h\"", ""));
    env.run(&["auto"]).ok();
    env.set_now("2026-11-25T13:00:00Z");
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["decision"], "blocked");
    assert!(
        doc["lines"][0]["reason"].as_str().unwrap().contains("min_interval"),
        "{doc}"
    );
    // Not news for cron: silent, like a line that is not due.
    let quiet = env.run(&["auto"]).ok();
    assert_eq!((quiet.stdout.as_str(), quiet.stderr.as_str()), ("", ""));
    assert_eq!(confirmed(&env), 1);
    env.set_now("2026-11-26T01:00:00Z");
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["decision"], "renew");
    assert_eq!(confirmed(&env), 2);
}

/// A cooldown is honoured in every unit it may be written in: an hour
/// written in nanoseconds (once read as zero) still blocks a renewal ten
/// minutes later, and a fraction of a second is refused, never cut.
#[test]
fn a_cooldown_in_any_unit_blocks_like_the_same_time_in_hours() {
    for min_interval in ["3600000000000ns", "3600000000us", "3600000ms", "60m", "PT1H"] {
        let mut env = Env::new();
        env.write_config(&config(
            &format!("when_data_below = \"100 GB\"\nmin_interval = \"{min_interval}\""),
            "",
        ));
        env.run(&["auto"]).ok();
        env.set_now("2026-11-25T12:10:00Z");
        let doc = env.run(&["auto", "--json"]).ok().json();
        assert_eq!(doc["lines"][0]["decision"], "blocked", "{min_interval}: {doc}");
        assert_eq!(confirmed(&env), 1, "{min_interval}");
        env.set_now("2026-11-25T13:00:01Z");
        env.run(&["auto"]).ok();
        assert_eq!(confirmed(&env), 2, "{min_interval}");
    }
    let env = Env::new();
    env.write_config(&config(
        "when_data_below = \"100 GB\"\nmin_interval = \"3599999999999ns\"",
        "",
    ));
    let run = env.run(&["auto"]).code(2);
    assert!(run.error_line().contains("whole number of seconds"), "{}", run.stderr);
    assert_eq!(env.ledger_count(), 0);
}

#[test]
fn caps_stop_renewals_until_next_month() {
    let mut env = Env::new();
    // Always due; the plan costs $3.490; the line may spend $7.000 a month.
    env.write_config(&config("when_data_below = \"100 GB\"\nmonthly_cap_clp = 7000", ""));
    env.run(&["auto"]).ok();
    env.set_now("2026-11-26T12:00:00Z");
    env.run(&["auto"]).ok();
    assert_eq!(confirmed(&env), 2);
    env.set_now("2026-11-27T12:00:00Z");
    let run = env.run(&["auto", "--json"]).code(6);
    let doc = run.json();
    assert_eq!(doc["lines"][0]["decision"], "blocked");
    assert!(doc["lines"][0]["reason"].as_str().unwrap().contains("cap"), "{doc}");
    assert_eq!(confirmed(&env), 2);
    // December 1st, 02:00 UTC is still November 30 in Santiago.
    env.set_now("2026-12-01T02:00:00Z");
    env.run(&["auto"]).code(6);
    env.set_now("2026-12-01T12:00:00Z");
    env.run(&["auto"]).ok();
    assert_eq!(confirmed(&env), 3);
}

#[test]
fn global_cap_counts_every_line() {
    let env = Env::new();
    let text = "[lines.a]\nmsisdn = \"+56990000004\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
                [lines.a.auto]\nplan = \"sandbox-wom-3gb\"\nwhen_data_below = \"100 GB\"\n\
                [lines.b]\nmsisdn = \"+56990000001\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
                [lines.b.auto]\nplan = \"sandbox-entel-3gb\"\nwhen_data_below = \"100 GB\"\n\
                [auto]\nmonthly_cap_clp = 5000\n";
    env.write_config(text);
    let doc = env.run(&["auto", "--json"]).code(6).json();
    let decisions: Vec<&str> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["renew", "blocked"], "{doc}");
    assert_eq!(confirmed(&env), 1);
}

#[test]
fn max_renewals_bounds_a_run() {
    let env = Env::new();
    let text = "[lines.a]\nmsisdn = \"+56990000004\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
                [lines.a.auto]\nplan = \"sandbox-wom-3gb\"\nwhen_data_below = \"100 GB\"\n\
                [lines.b]\nmsisdn = \"+56990000001\"\noperator = \"entel\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
                [lines.b.auto]\nplan = \"sandbox-entel-3gb\"\nwhen_data_below = \"100 GB\"\n";
    env.write_config(text);
    let doc = env.run(&["auto", "--max-renewals", "1", "--json"]).ok().json();
    assert_eq!(doc["renewed"], 1);
    assert!(
        doc["lines"][1]["reason"].as_str().unwrap().contains("--max-renewals"),
        "{doc}"
    );
    assert_eq!(confirmed(&env), 1);
}

#[test]
fn dry_run_pays_nothing_and_runs_no_hooks() {
    let env = Env::new();
    let marker = env.home().join("hook-ran");
    env.write_config(&config(
        "when_data_below = \"500 MB\"",
        &format!(
            "renew_hook = \"touch {}\"\npre_hook = \"touch {}\"",
            marker.display(),
            marker.display()
        ),
    ));
    let doc = env.run(&["auto", "--dry-run", "--json"]).ok().json();
    assert_eq!(doc["dry_run"], true);
    assert_eq!(doc["lines"][0]["decision"], "renew");
    assert!(doc["lines"][0]["order"].is_null());
    assert_eq!(env.ledger_count(), 0);
    assert_eq!(env.sandbox_payments(WOM), 0);
    assert!(!marker.exists());
    let human = env.run(&["auto", "--dry-run"]).ok();
    assert!(human.stdout.contains("would renew"), "{}", human.stdout);
}

/// Silent is for cron; a dry run is someone asking, so it reports every
/// line's decision even when nothing is due.
#[test]
fn dry_run_reports_every_line_even_when_nothing_is_due() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"100 MB\"", ""));
    assert_eq!(env.run(&["auto"]).ok().stdout, "");
    let run = env.run(&["auto", "--dry-run"]).ok();
    let row = |line: &str| {
        run.stdout
            .lines()
            .find(|l| l.contains(line))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("finca").contains("skip"), "{}", run.stdout);
    assert!(row("casa").contains("no auto policy"), "{}", run.stdout);
    assert!(run.stdout.contains("dry run: nothing was paid"), "{}", run.stdout);
    assert_eq!(env.ledger_count(), 0);
}

#[test]
fn unknown_policy_plan_is_a_config_error() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", "").replace("sandbox-wom-3gb", "sandbox-wom-99gb"));
    let run = env.run(&["auto", "--json"]).code(2);
    let doc = run.json();
    assert_eq!(doc["lines"][0]["decision"], "blocked");
    assert_eq!(env.ledger_count(), 0);
}

#[test]
fn hooks_see_the_renewal_and_their_failures_do_not_stop_it() {
    let env = Env::new();
    let out = env.home().join("renew-env");
    let post = env.home().join("post-env");
    let auto = format!(
        "pre_hook = \"exit 3\"\nrenew_hook = \"env > {}\"\npost_hook = \"env > {}\"",
        out.display(),
        post.display()
    );
    env.write_config(&config("when_data_below = \"500 MB\"", &auto));
    let run = env.run(&["auto"]).ok();
    assert!(
        run.stderr.contains("warning: pre_hook failed (exit status 3)") && !run.stderr.contains("failed: pre_hook"),
        "{}",
        run.stderr
    );
    let seen = std::fs::read_to_string(&out).expect("renew_hook ran");
    let order = &env.orders()[0];
    for want in [
        "TOPUP_LINE=finca".to_string(),
        format!("TOPUP_MSISDN={WOM}"),
        "TOPUP_OPERATOR=wom".to_string(),
        "TOPUP_PLAN=sandbox-wom-3gb".to_string(),
        "TOPUP_AMOUNT_CLP=3490".to_string(),
        format!("TOPUP_ORDER={}", order.id),
    ] {
        assert!(
            seen.lines().any(|l| l == want),
            "`{want}` not in renew_hook's env:\n{seen}"
        );
    }
    let post = std::fs::read_to_string(&post).expect("post_hook ran");
    assert!(post.lines().any(|l| l == "TOPUP_RENEWED=1"), "{post}");
    assert!(post.lines().any(|l| l == "TOPUP_FAILED=0"), "{post}");
}

#[test]
fn failure_hook_gets_the_error_and_exit_code_is_the_lines() {
    let env = Env::new();
    let out = env.home().join("failure-env");
    env.write_config(&config(
        "when_data_below = \"500 MB\"",
        &format!("failure_hook = \"env > {}\"", out.display()),
    ));
    let run = env.run_fault("decline", &["auto"]).code(6);
    assert!(run.stdout.contains("0 renewed, 1 failed"), "{}", run.stdout);
    let seen = std::fs::read_to_string(&out).expect("failure_hook ran");
    assert!(
        seen.lines()
            .any(|l| l.starts_with("TOPUP_ERROR=") && l.contains("declined")),
        "{seen}"
    );
    // unknown outcomes are the most serious: exit 7, and the next run settles them first.
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", ""));
    env.run_fault("unknown", &["auto"]).code(7);
    let doc = env.run(&["auto", "--json"]).ok().json();
    assert_eq!(doc["lines"][0]["decision"], "skip", "{doc}");
    assert_eq!(confirmed(&env), 1);
    assert_eq!(env.sandbox_payments(WOM), 1);
}

#[test]
fn a_cap_reached_by_another_line_in_the_same_run_blocks_like_a_cap_seen_before() {
    let env = Env::new();
    let out = env.home().join("failure-env");
    // Two lines due at once; the global cap has room for one $3.490 plan.
    let line = |name: &str, number: &str| {
        format!(
            "[lines.{name}]\nmsisdn = \"{number}\"\noperator = \"wom\"\nbalance = \"sandbox\"\npay = \"sandbox\"\n\
             [lines.{name}.auto]\nplan = \"sandbox-wom-3gb\"\nwhen_data_below = \"100 GB\"\n"
        )
    };
    env.write_config(&format!(
        "{}{}[auto]\nmonthly_cap_clp = 5000\nfailure_hook = \"env > {}\"\n",
        line("finca", WOM),
        line("bodega", "+56990000014"),
        out.display()
    ));
    let run = env.run(&["auto", "--json"]).code(6);
    let doc = run.json();
    assert_eq!(
        (doc["renewed"].as_u64(), doc["failed"].as_u64()),
        (Some(1), Some(0)),
        "{doc}"
    );
    let blocked: Vec<&serde_json::Value> = doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["decision"] == "blocked")
        .collect();
    assert_eq!(blocked.len(), 1, "{doc}");
    assert!(blocked[0]["order"].is_null(), "{doc}");
    assert!(
        blocked[0]["reason"]
            .as_str()
            .unwrap()
            .contains("monthly cap across all lines"),
        "{doc}"
    );
    assert_eq!(env.orders().len(), 1, "the refused renewal wrote no order");
    assert!(!out.exists(), "a cap is not a failure");
}

#[test]
fn two_runs_at_once_renew_once() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", ""));
    let mut first = env.std_command(&["auto"]);
    first.env("TOPUP_SANDBOX_FAULT", "slow");
    let first = first.spawn().expect("spawn");
    wait_for(|| env.state_dir().join("topup.lock").exists() && !env.orders().is_empty());
    let second = env.run_fault("slow", &["auto"]);
    let first = first.wait_with_output().expect("first auto");
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(second.code, 3, "{}", second.stderr);
    assert!(second.error_line().contains("another topup"), "{}", second.stderr);
    assert_eq!(confirmed(&env), 1);
    assert_eq!(env.sandbox_payments(WOM), 1);
}

#[test]
fn killed_mid_payment_is_reconciled_never_paid_twice() {
    let env = Env::new();
    env.write_config(&config("when_data_below = \"500 MB\"", ""));
    let mut cmd = env.std_command(&["auto"]);
    cmd.env("TOPUP_SANDBOX_FAULT", "slow");
    let mut child = cmd.spawn().expect("spawn");
    // Killed while the simulated network has taken the payment but not yet
    // answered: the worst moment for a crash.
    wait_for(|| {
        env.orders()
            .iter()
            .any(|o| o.status == topup::domain::OrderStatus::Submitted)
            && env.sandbox_payments(WOM) == 1
    });
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert_eq!(env.orders()[0].status, topup::domain::OrderStatus::Submitted);
    let doc = env.run(&["auto", "--json"]).ok().json();
    // The order was reconciled (the sandbox had applied it), so the line is
    // no longer due: nothing is paid again.
    assert_eq!(doc["lines"][0]["decision"], "skip", "{doc}");
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status, topup::domain::OrderStatus::Confirmed);
    assert_eq!(env.sandbox_payments(WOM), 1);
}

fn wait_for(mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn schedule_prints_cron_and_systemd_for_this_config() {
    let env = Env::new();
    let path = env.write_config(&config("when_data_below = \"500 MB\"", ""));
    let run = env.run(&["schedule"]).ok();
    assert!(
        run.stdout.contains("PATH=/usr/local/bin:/usr/bin:/bin"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(&format!("--config {} auto", path.display())),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("\\% 300"), "cron needs % escaped: {}", run.stdout);
    assert!(
        run.stdout.contains("[Timer]")
            && run.stdout.contains("OnCalendar=")
            && run.stdout.contains("RandomizedDelaySec=")
    );
    let doc = env.run(&["schedule", "--json"]).ok().json();
    assert!(doc["systemd"]["timer"].as_str().unwrap().contains("Persistent=true"));

    // The state directory this run uses, even when it came from
    // XDG_STATE_HOME, which cron and systemd would not have.
    let mut cmd = env.topup(&["schedule", "--json"]);
    cmd.env_remove("TOPUP_STATE_DIR");
    let doc = Run::of(cmd).ok().json();
    let state = env.home().join("xdg-state/topup");
    assert!(
        doc["crontab"]
            .as_str()
            .unwrap()
            .contains(&format!("TOPUP_STATE_DIR={}\n", state.display())),
        "{doc}"
    );
    assert!(
        doc["systemd"]["service"]
            .as_str()
            .unwrap()
            .contains(&format!("Environment=\"TOPUP_STATE_DIR={}\"", state.display())),
        "{doc}"
    );
}
