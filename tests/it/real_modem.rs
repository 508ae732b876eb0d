//! The modem channel end to end through the real ModemManager and the real
//! mmcli (`mm_stack.rs`), each test on its own simulated modem playing a
//! scenario from `tests/fixtures/mmcli/` (the fake mmcli's, so both stay in
//! step), with its own home and state directory. What reached the simulated
//! network is checked from the modem's own request log. The last test holds
//! the fake mmcli's texts against the daemon's.

use serde_json::Value;

use crate::common::*;
use crate::mm_stack::{Stack, run_bounded, stack};
use crate::modem::{Fields, LINE, WOM_BALANCE, balance_ussd, config, saldo_config, unknown_after_an_answer};

/// A config from `modem.rs`'s helpers, its line on the given modem.
fn on_modem(config: &str, path: &str) -> String {
    assert!(config.starts_with(LINE), "{config}");
    config.replacen(LINE, &format!("{LINE}modem = \"{path}\"\n"), 1)
}

/// A home whose line `finca` is an Entel line reading `steps` on `modem`.
fn entel_home(mm: &Stack, modem: &str, steps: &[&str]) -> Env {
    let env = Env::new();
    env.write_config(&on_modem(&config("entel", &balance_ussd(steps)), mm.modem(modem)));
    env
}

/// `balance finca --json`: the run and the line's entry.
fn balance(mm: &Stack, env: &Env, extra: &[&str]) -> (Run, Value) {
    let run = mm.run(env, &[&["balance", "finca", "--json"], extra].concat());
    let line = run.json()["lines"][0].clone();
    (run, line)
}

/// Opens the balance menu with the real mmcli, as a person at the modem
/// would, and leaves it waiting for an answer.
fn leave_menu_open(mm: &Stack, modem: &str) {
    let out = mm.mmcli(&["-m", mm.modem(modem), "--3gpp-ussd-initiate=*103#"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("new reply from network"),
        "{out:?}"
    );
}

#[test]
fn real_menus_are_walked_by_number_and_by_text() {
    let Some(mm) = stack() else { return };
    for steps in [["*103#", "1"], ["*103#", "Saldo"]] {
        let env = entel_home(mm, "walk", &steps);
        let (run, line) = balance(mm, &env, &[]);
        assert_eq!(run.code(0).stderr, "");
        // "Tu saldo es $1.500. Vence el 30/11/2026" (saldo's validity).
        assert_eq!(Fields::of(&line), Fields::saldo(1500), "{steps:?}: {line}");
        assert_eq!(
            (line["source"].as_str(), line["operator"].as_str()),
            (Some("modem"), Some("entel"))
        );
        assert_eq!(env.ledger_count(), 0);
    }
    // "Saldo" went out as the number of its option.
    assert_eq!(mm.requests("walk"), ["*103# 1", "*103# 1"]);
}

#[test]
fn real_one_shot_code() {
    let Some(mm) = stack() else { return };
    let env = entel_home(mm, "one-shot", &["*100#"]);
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    assert_eq!(Fields::of(&line), Fields::saldo(1500), "{line}");
    assert_eq!(line["as_of"], NOW);
    assert_eq!(mm.requests("one-shot"), ["*100#"]);
}

#[test]
fn real_operator_from_the_sim() {
    let Some(mm) = stack() else { return };
    // A WOM SIM (IMSI 73009…); the line says nothing about its operator.
    let env = Env::new();
    env.write_config(&on_modem(
        &format!("{LINE}\n[operators.wom]\nbalance_ussd = {WOM_BALANCE}\n"),
        mm.modem("sim-operator"),
    ));
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    assert_eq!(line["operator"], "wom", "{line}");
    assert_eq!(Fields::of(&line), Fields::wom_balance(), "{line}");
    assert_eq!(mm.requests("sim-operator"), ["*103# 1"]);
}

#[test]
fn real_stale_menu_is_cancelled_twice_in_a_row() {
    let Some(mm) = stack() else { return };
    let env = entel_home(mm, "stale", &["*100#"]);
    // The daemon's first cancel reaches the modem.
    leave_menu_open(mm, "stale");
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    // Its second does not: the menu still open in the modem takes the code,
    // the network ends the session, and the reading dials again.
    leave_menu_open(mm, "stale");
    let (run, line) = balance(mm, &env, &["-v"]);
    let run = run.code(0);
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    assert!(
        run.stderr.contains("the cancel did not reach the modem"),
        "{}",
        run.stderr
    );
    // Nothing left open: a third reading is plain.
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    assert_eq!(
        mm.requests("stale"),
        [
            "*103#", "cancel", "*100#", "*103#",
            // The cancel stayed inside ModemManager; the old menu took the
            // code, then the reading dialled it again.
            "*100#", "*100#", "*100#",
        ]
    );
}

#[test]
fn real_menu_the_network_ended_meanwhile_needs_no_cancel() {
    let Some(mm) = stack() else { return };
    let path = mm.modem("stale-ended");
    let env = entel_home(mm, "stale-ended", &["*100#"]);
    leave_menu_open(mm, "stale-ended");
    // The network ends the menu after a second; ModemManager hears it.
    let idle = || {
        let out = mm.mmcli(&["-m", path, "--3gpp-ussd-status", "-J"]);
        json(&String::from_utf8_lossy(&out.stdout))["modem"]["3gpp"]["ussd"]["status"] == "idle"
    };
    for _ in 0..50 {
        if idle() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(idle(), "the network never ended the menu");
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    assert_eq!(mm.requests("stale-ended"), ["*103#", "network ended the menu", "*100#"]);
}

#[test]
fn real_network_ending_the_session() {
    let Some(mm) = stack() else { return };
    let env = entel_home(mm, "network-end", &["*106#"]);
    let run = mm.run(&env, &["balance", "finca"]).code(5);
    assert_eq!(
        run.error_line(),
        "error: USSD step 1 of 1 (sending \"*106#\"): the network ended the USSD session; \
         try again later; if it keeps happening, check the code and answers in the config"
    );
    assert!(!run.stdout.contains('$'), "{}", run.stdout);
    // No cancel came before: not dialled again.
    assert_eq!(mm.requests("network-end"), ["*106#"]);
}

#[test]
fn real_disabled_modem_says_how_to_enable_it() {
    let Some(mm) = stack() else { return };
    let path = mm.modem("disabled");
    let env = entel_home(mm, "disabled", &["*100#"]);
    let (run, line) = balance(mm, &env, &[]);
    let error = run.code(5).json_error();
    assert_eq!(error["message"], format!("modem `{path}` is not enabled"));
    assert_eq!(
        error["hint"],
        format!("enable it with `mmcli -m {path} -e`, or wait until ModemManager has enabled it")
    );
    assert!(line["saldo_clp"].is_null(), "{line}");
    assert!(mm.requests("disabled").is_empty());
    // The hint's command is the fix.
    let enabled = mm.mmcli(&["-m", path, "-e"]);
    assert!(enabled.status.success(), "{enabled:?}");
    let (run, line) = balance(mm, &env, &[]);
    run.code(0);
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    assert_eq!(mm.requests("disabled"), ["*100#"]);
}

#[test]
fn real_polkit_refuses_another_user_and_the_hints_rule_lets_it_in() {
    let Some(mm) = stack() else { return };
    let env = entel_home(mm, "polkit", &["*100#"]);
    // mmcli is the client polkit judges: run it as `daemon`, as cron would
    // run topup (and so mmcli) as its user.
    let wrapper = env.write_file(
        "mmcli-as-daemon",
        "#!/bin/sh\nexec setpriv --reuid=daemon --regid=daemon --clear-groups mmcli \"$@\"\n",
    );
    std::fs::set_permissions(&wrapper, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let as_daemon = || {
        let mut cmd = mm.topup(&env, &["balance", "finca", "--json"]);
        cmd.env("TOPUP_MMCLI", &wrapper).env("USER", "daemon");
        run_bounded(cmd)
    };
    let run = as_daemon().code(4);
    let error = run.json_error();
    assert_eq!(error["code"], "credentials");
    assert_eq!(
        error["message"],
        "USSD step 1 of 1 (sending \"*100#\"): ModemManager refused: user `daemon` is not authorized to use the modem (polkit)"
    );
    assert!(mm.requests("polkit").is_empty());
    let hint = error["hint"].as_str().expect("hint");
    let (_, rule) = hint
        .split_once("/etc/polkit-1/rules.d/50-topup.rules:\n")
        .unwrap_or_else(|| panic!("no rule in {hint}"));
    // Renamed into place, so polkitd never reads half a rule.
    let draft = mm.polkit_rules().join("50-topup.rules.draft");
    std::fs::write(&draft, rule).unwrap();
    std::fs::rename(&draft, mm.polkit_rules().join("50-topup.rules")).unwrap();
    // polkitd reads new rules at once; give it a moment.
    let mut run = as_daemon();
    for _ in 0..20 {
        if run.code != 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        run = as_daemon();
    }
    let run = run.code(0);
    assert_eq!(run.json()["lines"][0]["saldo_clp"], 1500, "{}", run.stdout);
    assert_eq!(mm.requests("polkit"), ["*100#"]);
}

#[test]
fn real_balance_by_sms() {
    let Some(mm) = stack() else { return };
    let path = mm.modem("sms");
    let env = Env::new();
    env.write_config(&on_modem(
        &config("entel", "balance_sms = { to = \"103\", text = \"SALDO\" }"),
        path,
    ));
    let (run, line) = balance(mm, &env, &[]);
    assert_eq!(run.code(0).stderr, "");
    // "Saldo: $4.000. Vence el 15/12/2026": the answer, not the old $9.999.
    assert_eq!(line["saldo_clp"], 4000, "{line}");
    assert_eq!(line["source"], "modem");
    // The request went out once; the answer (stored as index 2, after the
    // two old messages) was deleted from the modem.
    assert_eq!(mm.requests("sms"), ["sms 103 SALDO", "delete 2"]);
    let listed = mm.mmcli(&["-m", path, "--messaging-list-sms", "-J"]);
    let doc = json(&String::from_utf8_lossy(&listed.stdout));
    assert_eq!(doc["modem.messaging.sms"].as_array().map(Vec::len), Some(2), "{doc}");
}

/// `renew finca --plan PLAN --yes --json --wait-confirm 1s` on a WOM line
/// that buys with saldo.
fn renew_with_saldo(mm: &Stack, modem: &str, plan: &str) -> (Env, Run) {
    let env = Env::new();
    env.write_config(&on_modem(&saldo_config(WOM_BALANCE), mm.modem(modem)));
    let run = mm.run(
        &env,
        &[
            "renew",
            "finca",
            "--plan",
            plan,
            "--yes",
            "--json",
            "--wait-confirm",
            "1s",
        ],
    );
    (env, run)
}

#[test]
fn real_purchase_menu_failing_after_an_answer_stays_unknown() {
    let Some(mm) = stack() else { return };
    // The network ends the session once "3" (Bolsa 2 GB) is sent.
    let (env, run) = renew_with_saldo(mm, "purchase-fails", "wom-bolsa-2gb");
    let run = run.code(7);
    let order = unknown_after_an_answer(&run);
    assert_eq!(run.json_error()["code"], "outcome_unknown");
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!((orders[0].status.as_str(), orders[0].amount.pesos()), ("unknown", 2990));
    assert_eq!(orders[0].id.to_string(), order["id"].as_str().unwrap_or_default());
    // renew's balance, the check that saldo covers the price, the purchase
    // walk once (never dialled again), the balance that does not show it.
    assert_eq!(
        mm.requests("purchase-fails"),
        ["*103# 1", "*103# 1", "*103# 2 3", "*103# 1"]
    );
}

#[test]
fn real_purchase_after_a_stale_menu_is_walked_once() {
    let Some(mm) = stack() else { return };
    let modem = "purchase-after-stale";
    // A menu left open after the daemon's one real cancel was used.
    leave_menu_open(mm, modem);
    let cancelled = mm.mmcli(&["-m", mm.modem(modem), "--3gpp-ussd-cancel"]);
    assert!(cancelled.status.success(), "{cancelled:?}");
    leave_menu_open(mm, modem);
    let (env, run) = renew_with_saldo(mm, modem, "wom-bolsa-5gb");
    let run = run.code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.json()["order"]["status"], "confirmed");
    let orders = env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(
        (orders[0].status.as_str(), orders[0].amount.pesos()),
        ("confirmed", 5990)
    );
    assert_eq!(
        mm.requests(modem),
        [
            "*103#",
            "cancel",
            "*103#",
            // renew's balance read: its cancel stays inside ModemManager,
            // the old menu takes the code, the read dials again.
            "*103#",
            "*103# 1",
            // The check that saldo covers the price, on a closed session.
            "*103# 1",
            // The purchase walk, once.
            "*103# 2 2 1",
            // The balance that confirms it, and the receipt's.
            "*103# 1",
            "*103# 1",
        ]
    );
}

/// One step of a transcript played on the fake and on the real mmcli.
enum Step {
    /// The same mmcli arguments on both sides: output, errors and exit
    /// status must match. `{modem}`, `{sim}`, `{created}` (the last SMS
    /// created) and `{newest}` (the first SMS of the last list) are each
    /// side's own.
    Same(&'static [&'static str]),
    /// A JSON document of which the fake prints only the fields topup
    /// reads: each must be in the real one, with the same value.
    Subset(&'static [&'static str]),
    /// Lists SMS until there are this many (the operator's answer came).
    ListUntil(usize),
    /// Lets the simulated network send what it sends late.
    Pause(u64),
}

/// What one mmcli call printed: exit status, stdout, stderr.
type Printed = (i32, String, String);

type RunMmcli<'a> = Box<dyn Fn(&[&str]) -> std::process::Output + 'a>;

/// One side of the comparison: how it runs mmcli, where `{modem}` and
/// friends point, and the SMS paths it has shown (numbered in that order).
struct Side<'a> {
    run: RunMmcli<'a>,
    modem: String,
    sim: String,
    created: String,
    newest: String,
    sms_seen: Vec<String>,
}

impl<'a> Side<'a> {
    fn new(modem: &str, run: impl Fn(&[&str]) -> std::process::Output + 'a) -> Side<'a> {
        Side {
            run: Box::new(run),
            modem: modem.to_string(),
            sim: String::new(),
            created: String::new(),
            newest: String::new(),
            sms_seen: Vec::new(),
        }
    }

    /// Runs one step; returns what it printed, normalized.
    fn play(&mut self, args: &[&str]) -> Printed {
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                a.replace("{modem}", &self.modem)
                    .replace("{sim}", &self.sim)
                    .replace("{created}", &self.created)
                    .replace("{newest}", &self.newest)
            })
            .collect();
        let out = (self.run)(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        if let Some(path) = stdout.strip_prefix("Successfully created new SMS: ") {
            self.created = path.trim().to_string();
        }
        if let Ok(doc) = serde_json::from_str::<Value>(&stdout) {
            if let Some(first) = doc["modem.messaging.sms"][0].as_str() {
                self.newest = first.to_string();
            }
            if let Some(sim) = doc["modem"]["generic"]["sim"].as_str() {
                self.sim = sim.to_string();
            }
        }
        (
            out.status.code().unwrap_or(-1),
            normalize(&stdout, &mut self.sms_seen),
            normalize(&stderr, &mut self.sms_seen),
        )
    }

    /// Lists SMS until there are `count`; the last list.
    fn list_until(&mut self, count: usize) -> Printed {
        let mut printed = Printed::default();
        for _ in 0..50 {
            printed = self.play(LIST_SMS);
            if json(&printed.1)["modem.messaging.sms"].as_array().map_or(0, Vec::len) >= count {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        printed
    }
}

const LIST_SMS: &[&str] = &["-m", "{modem}", "--messaging-list-sms", "-J"];

/// Object numbers the daemon hands out, and the time of now.
fn normalize(text: &str, sms_seen: &mut Vec<String>) -> String {
    let modem = regex::Regex::new(r"/(Modem|SIM)/\d+").unwrap();
    let sms = regex::Regex::new(r"/SMS/\d+").unwrap();
    let time = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d(:\d\d)?)").unwrap();
    let text = modem.replace_all(text, "/$1/0");
    let text = sms.replace_all(&text, |c: &regex::Captures| {
        let path = c[0].to_string();
        let index = sms_seen.iter().position(|p| *p == path).unwrap_or_else(|| {
            sms_seen.push(path);
            sms_seen.len() - 1
        });
        format!("/SMS/#{index}")
    });
    // A message received during the test carries the time it came.
    time.replace_all(&text, |c: &regex::Captures| match c[0].parse::<jiff::Timestamp>() {
        Ok(t) if (jiff::Timestamp::now().as_second() - t.as_second()).abs() < 3600 => format!("<now>{}", &c[1]),
        _ => c[0].to_string(),
    })
    .into_owned()
}

/// Every leaf of `fake` that `real` lacks or holds otherwise.
fn missing_leaves(fake: &Value, real: &Value, at: &str, out: &mut Vec<String>) {
    match fake.as_object() {
        Some(fields) => {
            for (key, value) in fields {
                missing_leaves(value, &real[key], &format!("{at}.{key}"), out);
            }
        }
        None if fake != real => out.push(format!("{at}: fake {fake}, real {real}")),
        None => {}
    }
}

fn fake_mmcli() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli/fake-mmcli")
}

/// Plays `steps` on the fake mmcli with `scenario` and on the real mmcli
/// with the modem `modem` (playing the same scenario); returns what
/// differed.
fn compare(mm: &Stack, scenario: &str, modem: &str, steps: &[Step]) -> Vec<String> {
    let fake_dir = tempfile::tempdir().unwrap();
    let state = fake_dir.path().join("state.json");
    let mut fake = Side::new("/org/freedesktop/ModemManager1/Modem/0", |args: &[&str]| {
        std::process::Command::new(fake_mmcli())
            .args(args)
            .env("FAKE_MMCLI_SCENARIO", scenario)
            .env("FAKE_MMCLI_STATE", &state)
            .output()
            .expect("run the fake mmcli")
    });
    let mut real = Side::new(mm.modem(modem), |args: &[&str]| mm.mmcli(args));
    let mut differences = Vec::new();
    for step in steps {
        let (args, f, r) = match step {
            Step::Same(args) | Step::Subset(args) => (*args, fake.play(args), real.play(args)),
            Step::ListUntil(count) => (LIST_SMS, fake.list_until(*count), real.list_until(*count)),
            Step::Pause(ms) => {
                std::thread::sleep(std::time::Duration::from_millis(*ms));
                continue;
            }
        };
        let shown = args.join(" ");
        if matches!(step, Step::Subset(_)) {
            let mut missing = Vec::new();
            missing_leaves(&json(&f.1), &json(&r.1), "", &mut missing);
            differences.extend(missing.into_iter().map(|m| format!("{scenario} `{shown}`: {m}")));
        } else if f != r {
            differences.push(format!("{scenario} `{shown}`:\n  fake: {f:?}\n  real: {r:?}"));
        }
    }
    differences
}

#[test]
fn the_fake_mmcli_prints_what_the_real_daemon_prints() {
    let Some(mm) = stack() else { return };
    use Step::*;
    let ussd = [
        Subset(&["-m", "{modem}", "-J"]),
        Subset(&["-i", "{sim}", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-respond=1"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*100#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*101#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*107#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*103#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*100#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-respond=2"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-respond=7"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        // The daemon's first cancel, with no session: it reaches the modem.
        Same(&["-m", "{modem}", "--3gpp-ussd-cancel"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*106#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*999#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*105#"]),
        Pause(1500),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        // A later cancel does not: the menu takes the next code.
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*103#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-cancel"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*100#"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*100#"]),
        Same(&["-m", "/org/freedesktop/ModemManager1/Modem/999", "-J"]),
    ];
    let sms = [
        Same(&["-m", "{modem}", "--messaging-list-sms", "-J"]),
        Same(&["-s", "{newest}", "-J"]),
        Same(&["-m", "{modem}", "--messaging-create-sms=number='103'"]),
        Same(&["-m", "{modem}", "--messaging-create-sms=number='103',text='SALDO'"]),
        Same(&["-s", "{created}", "-J"]),
        Same(&["-s", "{created}", "--send"]),
        Same(&["-s", "{created}", "-J"]),
        ListUntil(4),
        Same(&["-s", "{newest}", "-J"]),
        Same(&["-s", "{newest}", "--send"]),
        Same(&["-m", "{modem}", "--messaging-delete-sms={newest}"]),
        Same(&["-m", "{modem}", "--messaging-delete-sms={newest}"]),
        Same(&["-m", "{modem}", "--messaging-delete-sms={created}"]),
        Same(&["-m", "{modem}", "--messaging-list-sms", "-J"]),
    ];
    let disabled = [
        Subset(&["-m", "{modem}", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-status", "-J"]),
        Same(&["-m", "{modem}", "--3gpp-ussd-initiate=*100#"]),
        Same(&["-m", "{modem}", "--messaging-list-sms", "-J"]),
        Same(&["-m", "{modem}", "--messaging-create-sms=number='103',text='SALDO'"]),
    ];
    // Three modems, three transcripts at once.
    let mut differences = std::thread::scope(|s| {
        let transcripts = [
            s.spawn(|| compare(mm, "menu", "texts-ussd", &ussd)),
            s.spawn(|| compare(mm, "sms", "texts-sms", &sms)),
            s.spawn(|| compare(mm, "disabled", "texts-disabled", &disabled)),
        ];
        transcripts
            .into_iter()
            .flat_map(|t| t.join().expect("a transcript"))
            .collect::<Vec<_>>()
    });

    // The fake's scripted errors (device-errors.json) next to the daemon's
    // in the same situation: (fake's arguments, modem, real user, real's).
    let refused_sms = "--messaging-create-sms=number='103',text='SALDO'";
    let scripted = [
        (
            "--3gpp-ussd-initiate=*901#",
            "texts-ussd",
            Some("65534"),
            "--3gpp-ussd-initiate=*100#",
        ),
        (refused_sms, "texts-sms", Some("65534"), refused_sms),
        (
            "--3gpp-ussd-initiate=*902#",
            "texts-disabled",
            None,
            "--3gpp-ussd-initiate=*100#",
        ),
        (
            "--3gpp-ussd-initiate=*905#",
            "texts-ussd",
            None,
            "--3gpp-ussd-initiate=*999#",
        ),
    ];
    for (fake_arg, modem, user, real_arg) in scripted {
        let fake = std::process::Command::new(fake_mmcli())
            .args(["-m", "any", fake_arg])
            .env("FAKE_MMCLI_SCENARIO", "device-errors")
            .output()
            .expect("run the fake mmcli");
        let real = mm.mmcli_as(user, &["-m", mm.modem(modem), real_arg]);
        let printed =
            |out: &std::process::Output| (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned());
        if printed(&fake) != printed(&real) {
            differences.push(format!(
                "device-errors `{fake_arg}`:\n  fake: {:?}\n  real: {:?}",
                printed(&fake),
                printed(&real)
            ));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
