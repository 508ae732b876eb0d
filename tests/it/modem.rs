//! The modem channel end to end: `topup` with `TOPUP_MMCLI` pointing at the
//! fake mmcli (`tests/fixtures/mmcli/fake-mmcli`), which plays a recorded
//! scenario of invented operator replies and logs every call's argv. Covers
//! balance replies, USSD session handling, the operator from the SIM,
//! unreadable replies, device errors, SMS, and buying with saldo.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::*;

/// The line every test here reads; operator and codes come per test.
pub(crate) const LINE: &str = "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"modem\"\n";

/// The calls every balance read starts with: the modem, then its SIM.
const IDENTITY: [&str; 2] = ["-m any -J", "-i /org/freedesktop/ModemManager1/SIM/0 -J"];
const STATUS: &str = "-m any --3gpp-ussd-status -J";
const CANCEL: &str = "-m any --3gpp-ussd-cancel";

/// One test's home with a modem line, and the fake mmcli playing `scenario`
/// (a name from `tests/fixtures/mmcli/`), its state and argv log in the home.
struct Rig {
    env: Env,
    scenario: &'static str,
}

impl Rig {
    /// `config` is written as the default config file.
    fn new(scenario: &'static str, config: &str) -> Rig {
        let env = Env::new();
        env.write_config(config);
        Rig { env, scenario }
    }

    fn fake_mmcli() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli/fake-mmcli")
    }

    /// topup with `TOPUP_MMCLI` set to `mmcli` and the fake configured;
    /// `USER` is fixed because the polkit hint names it.
    fn run_with(&self, mmcli: &Path, args: &[&str]) -> Run {
        let mut cmd = self.env.topup(args);
        cmd.env("TOPUP_MMCLI", mmcli)
            .env("FAKE_MMCLI_SCENARIO", self.scenario)
            .env("FAKE_MMCLI_STATE", self.env.home().join("mmcli-state.json"))
            .env("FAKE_MMCLI_LOG", self.env.home().join("mmcli-log.jsonl"))
            .env("USER", "pi");
        Run::of(cmd)
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_with(&Rig::fake_mmcli(), args)
    }

    /// `balance finca --json`: the run and the line's entry.
    fn balance(&self) -> (Run, Value) {
        let run = self.run(&["balance", "finca", "--json"]);
        let doc = run.json();
        let lines = doc["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), 1, "{doc}");
        let line = lines[0].clone();
        (run, line)
    }

    /// Every mmcli call so far, argv joined by spaces, without `--timeout=`.
    fn calls(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.env.home().join("mmcli-log.jsonl")).unwrap_or_default();
        log.lines()
            .map(|line| {
                let argv: Vec<String> = serde_json::from_str(line).expect("argv log line");
                argv.into_iter()
                    .filter(|a| !a.starts_with("--timeout="))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The USSD codes dialled, in order.
    fn initiated(&self) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter_map(|c| c.strip_prefix("-m any --3gpp-ussd-initiate=").map(String::from))
            .collect()
    }
}

/// A config with the line on `operator` and `[operators.X]` holding `keys`.
pub(crate) fn config(operator: &str, keys: &str) -> String {
    format!("{LINE}operator = \"{operator}\"\n\n[operators.{operator}]\n{keys}\n")
}

/// The `balance_ussd = [...]` config line.
pub(crate) fn balance_ussd(steps: &[&str]) -> String {
    let quoted: Vec<String> = steps.iter().map(|s| format!("{s:?}")).collect();
    format!("balance_ussd = [{}]", quoted.join(", "))
}

/// The argv log of one USSD balance read: identity, session check, the
/// code and answers, session check.
fn ussd_read(steps: &[&str]) -> Vec<String> {
    let mut calls: Vec<String> = IDENTITY.iter().map(|c| c.to_string()).collect();
    calls.push(STATUS.into());
    for (i, step) in steps.iter().enumerate() {
        let action = if i == 0 { "initiate" } else { "respond" };
        calls.push(format!("-m any --3gpp-ussd-{action}={step}"));
    }
    calls.push(STATUS.into());
    calls
}

/// The fields of a balance line that a modem reading fills.
#[derive(Debug, PartialEq)]
pub(crate) struct Fields {
    pub saldo: Option<i64>,
    pub bonus: Option<i64>,
    pub data: Option<u64>,
    pub unlimited: bool,
    pub expires: Option<String>,
}

impl Fields {
    pub(crate) fn of(line: &Value) -> Fields {
        Fields {
            saldo: line["saldo_clp"].as_i64(),
            bonus: line["bonus_saldo_clp"].as_i64(),
            data: line["data_left_bytes"].as_u64(),
            unlimited: line["data_unlimited"].as_bool().expect("data_unlimited"),
            expires: line["expires_at"].as_str().map(String::from),
        }
    }

    /// wom-saldo's balance before any purchase: "Saldo: $8.000. Extra Saldo:
    /// $2.000. Te quedan 300 MB, vence el 30/11/2026".
    pub(crate) fn wom_balance() -> Fields {
        Fields {
            saldo: Some(8000),
            bonus: Some(2000),
            data: Some(300_000_000),
            unlimited: false,
            // The end of the day in Santiago (summer time, UTC-3).
            expires: Some("2026-12-01T02:59:59Z".into()),
        }
    }

    /// Only saldo, as a bare saldo reply gives.
    pub(crate) fn saldo(pesos: i64) -> Fields {
        Fields {
            saldo: Some(pesos),
            bonus: None,
            data: None,
            unlimited: false,
            expires: None,
        }
    }
}

/// Reads the balance with `balance_ussd = steps` and checks every field
/// and the calls made.
#[track_caller]
fn assert_reads(scenario: &'static str, steps: &[&str], expected: Fields) {
    let rig = Rig::new(scenario, &config("entel", &balance_ussd(steps)));
    let (run, line) = rig.balance();
    let run = run.ok();
    assert_eq!(run.stderr, "", "nothing on stderr with --json");
    assert_eq!(Fields::of(&line), expected, "{steps:?}: {line}");
    assert_eq!(line["source"], "modem", "{line}");
    assert_eq!(line["operator"], "entel", "{line}");
    assert_eq!(line["as_of"], NOW, "{line}");
    assert!(line["error"].is_null(), "{line}");
    assert_eq!(rig.calls(), ussd_read(steps), "{steps:?}");
}

#[test]
fn balance_reads_saldo_bonus_data_and_expiry_from_each_reply() {
    // "Saldo: $3.500. Extra Saldo: $1.000. Te quedan 2,5 GB, vence el 15/12/2026"
    assert_reads(
        "entel-replies",
        &["*111#"],
        Fields {
            saldo: Some(3500),
            bonus: Some(1000),
            data: Some(2_500_000_000),
            unlimited: false,
            // The end of the day in Santiago (summer time, UTC-3).
            expires: Some("2026-12-16T02:59:59Z".into()),
        },
    );
    // "Tu saldo es $12.990 / Datos disponibles: 1.024 MB / Bolsa vigente hasta el 5 de diciembre"
    assert_reads(
        "entel-replies",
        &["*112#"],
        Fields {
            saldo: Some(12990),
            bonus: None,
            data: Some(1_024_000_000),
            unlimited: false,
            // No year: the next 5 December after NOW.
            expires: Some("2026-12-06T02:59:59Z".into()),
        },
    );
}

#[test]
fn balance_reads_unlimited_data_and_a_zero_saldo() {
    // "Saldo $0 / Datos: Ilimitado hasta el 5 de diciembre"
    assert_reads(
        "entel-replies",
        &["*113#"],
        Fields {
            saldo: Some(0),
            bonus: None,
            data: None,
            unlimited: true,
            expires: Some("2026-12-06T02:59:59Z".into()),
        },
    );
}

#[test]
fn menus_are_walked_by_number_and_by_text() {
    // "Bienvenido / 1. Saldo / 2. Bolsas / 0. Salir", then
    // "Tu saldo es $1.500. Vence el 30/11/2026" (saldo's validity, not a plan's).
    for steps in [["*103#", "1"], ["*103#", "Saldo"]] {
        let rig = Rig::new("menu", &config("entel", &balance_ussd(&steps)));
        let (run, line) = rig.balance();
        run.ok();
        assert_eq!(Fields::of(&line), Fields::saldo(1500), "{steps:?}: {line}");
        // "Saldo" is sent as the number of the option that holds it.
        assert_eq!(rig.calls(), ussd_read(&["*103#", "1"]), "{steps:?}");
    }
}

#[test]
fn a_one_shot_code_needs_no_cancel() {
    // "Saldo: $1.500", and the session is over.
    assert_reads("menu", &["*100#"], Fields::saldo(1500));
}

#[test]
fn a_ucs2_hex_reply_is_decoded() {
    // UCS2 hex of "Tu saldo es $2.990. Información: entel.cl".
    assert_reads("menu", &["*101#"], Fields::saldo(2990));
}

#[test]
fn a_stale_session_is_cancelled_before_the_code_is_sent() {
    let rig = Rig::new("stale-session", &config("entel", "balance_ussd = [\"*100#\"]"));
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(line["saldo_clp"], 1500, "{line}");
    let mut expected: Vec<String> = IDENTITY.iter().map(|c| c.to_string()).collect();
    expected.extend([STATUS, CANCEL, "-m any --3gpp-ussd-initiate=*100#", STATUS].map(String::from));
    assert_eq!(rig.calls(), expected);
}

#[test]
fn the_operator_comes_from_the_sim_when_the_line_omits_it() {
    // A WOM SIM (730-09); the line says nothing about its operator.
    let rig = Rig::new(
        "wom-saldo",
        &format!("{LINE}\n[operators.wom]\nbalance_ussd = [\"*103#\", \"Saldo\"]\n"),
    );
    let (run, line) = rig.balance();
    let run = run.ok();
    assert_eq!(run.stderr, "");
    assert_eq!(line["operator"], "wom", "{line}");
    assert_eq!(line["source"], "modem", "{line}");
    assert_eq!(Fields::of(&line), Fields::wom_balance(), "{line}");
    // "Saldo" is option 1 of "1. Saldo y bolsas / 2. Comprar bolsas".
    assert_eq!(rig.calls(), ussd_read(&["*103#", "1"]));
}

#[test]
fn a_configured_operator_the_sim_contradicts_is_used_with_a_warning() {
    let rig = Rig::new("wom-saldo", &config("entel", "balance_ussd = [\"*200#\"]"));
    let (run, line) = rig.balance();
    let run = run.ok();
    assert_eq!(
        run.stderr_lines(),
        // With --json, warnings on stderr are JSON objects too.
        [r#"{"warning":{"message":"line finca is configured as entel, but its SIM says 73009 (wom); using entel"}}"#]
    );
    assert_eq!(line["operator"], "entel", "{line}");
    assert_eq!(line["saldo_clp"], 3000, "{line}");
    // Entel's codes were dialled, not WOM's.
    assert_eq!(rig.initiated(), ["*200#"]);
}

/// A balance read that must fail: exit code, the error object on stderr,
/// and no number on stdout.
#[track_caller]
fn assert_unread(rig: &Rig, exit: i32) -> Value {
    let (run, line) = rig.balance();
    let run = run.code(exit);
    let error = run.json_error();
    assert!(line["saldo_clp"].is_null(), "{line}");
    assert!(line["bonus_saldo_clp"].is_null(), "{line}");
    assert!(line["data_left_bytes"].is_null(), "{line}");
    assert!(line["source"].is_null(), "{line}");
    assert_eq!(line["error"]["message"], error["message"], "{line}");
    assert_eq!(line["error"]["code"], error["code"], "{line}");
    error
}

#[test]
fn replies_without_a_balance_are_errors_that_quote_the_reply() {
    let pattern_hint = "under [operators.entel] set saldo_pattern = ";
    let table = [
        (
            "*114#",
            5,
            "could not read the Entel balance reply: it looks like an operator notice, not a balance: \
             \"Estimado cliente, el servicio no se encuentra disponible por mantencion. Intente mas tarde.\"",
            "try again later",
        ),
        (
            "*115#",
            1,
            "could not read the Entel balance reply: it looks like a menu, not a balance (check the menu \
             answers in balance_ussd): \"Entel / 1. Saldo / 2. Bolsas / 0. Salir\"",
            pattern_hint,
        ),
        (
            "*116#",
            1,
            "could not read the Entel balance reply: it shows no saldo ($ amount) and no data amount: \
             \"Tu saldo disponible asciende a 4500 pesitos\"",
            pattern_hint,
        ),
    ];
    for (code, exit, message, hint) in table {
        let rig = Rig::new("entel-replies", &config("entel", &balance_ussd(&[code])));
        let error = assert_unread(&rig, exit);
        assert_eq!(error["message"], message, "{code}");
        assert!(
            error["hint"].as_str().unwrap_or_default().contains(hint),
            "{code}: {error}"
        );
        if code == "*115#" {
            // The code answered with a menu: the session left waiting is cancelled.
            assert_eq!(rig.calls().last().map(String::as_str), Some(CANCEL));
        } else {
            assert_eq!(rig.calls(), ussd_read(&[code]), "{code}");
        }
    }
}

#[test]
fn an_empty_reply_is_temporary_and_gives_no_number() {
    // An SMS with no text (an empty USSD reply is waited on for 30 s first).
    let rig = Rig::new(
        "entel-replies",
        &config("entel", "balance_sms = { to = \"222\", text = \"SALDO\" }"),
    );
    let error = assert_unread(&rig, 5);
    assert_eq!(
        error["message"],
        "could not read the Entel balance reply: the reply is empty"
    );
    assert!(
        error["hint"].as_str().unwrap_or_default().contains("try again later"),
        "{error}"
    );
}

#[test]
fn a_saldo_pattern_reads_the_reply_the_rules_refuse() {
    let rig = Rig::new(
        "entel-replies",
        &config(
            "entel",
            "balance_ussd = [\"*116#\"]\nsaldo_pattern = 'asciende a (\\d+) pesitos'",
        ),
    );
    let (run, line) = rig.balance();
    run.ok();
    assert_eq!(Fields::of(&line), Fields::saldo(4500), "{line}");
    assert_eq!(line["source"], "modem");
}

#[test]
fn an_operator_notice_stays_temporary_with_a_saldo_pattern_set() {
    let rig = Rig::new(
        "entel-replies",
        &config(
            "entel",
            "balance_ussd = [\"*114#\"]\nsaldo_pattern = 'Saldo:?\\s*\\$\\s*([\\d.]+)'",
        ),
    );
    let error = assert_unread(&rig, 5);
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("operator notice"),
        "{error}"
    );
}

#[test]
fn device_errors_are_one_line_with_the_fix_and_their_exit_code() {
    let table = [
        (
            "device-errors",
            "*902#",
            5,
            "error: USSD step 1 of 1 (sending \"*902#\"): modem `any` is not enabled; \
             enable it with `mmcli -m any -e`, or wait until ModemManager has enabled it",
        ),
        (
            "device-errors",
            "*903#",
            1,
            "error: USSD step 1 of 1 (sending \"*903#\"): modem `any` cannot do USSD; \
             read the balance by SMS instead (balance_sms in the operator's config)",
        ),
        (
            "menu",
            "*106#",
            5,
            "error: USSD step 1 of 1 (sending \"*106#\"): the network ended the USSD session; \
             try again later; if it keeps happening, check the code and answers in the config",
        ),
        (
            // mmcli's own timeout. topup's bound on each call (30 s, a
            // constant) is tested at the channel level only.
            "entel-replies",
            "*117#",
            5,
            "error: USSD step 1 of 1 (sending \"*117#\"): the modem or the network did not answer in time; \
             try again later",
        ),
    ];
    for (scenario, code, exit, expected) in table {
        let rig = Rig::new(scenario, &config("entel", &balance_ussd(&[code])));
        let run = rig.run(&["balance", "finca"]).code(exit);
        assert_eq!(run.error_line(), expected, "{code}");
        assert!(!run.stdout.contains('$'), "no saldo shown: {}", run.stdout);
    }
}

#[test]
fn polkit_refusal_says_which_rule_to_install() {
    let rig = Rig::new("device-errors", &config("entel", "balance_ussd = [\"*901#\"]"));
    let (run, line) = rig.balance();
    let run = run.code(4);
    let error = run.json_error();
    assert_eq!(error["code"], "credentials");
    assert_eq!(
        error["message"],
        "USSD step 1 of 1 (sending \"*901#\"): ModemManager refused: user `pi` is not authorized to use the modem (polkit)"
    );
    let hint = error["hint"].as_str().expect("hint");
    assert!(hint.contains("/etc/polkit-1/rules.d/50-topup.rules"), "{hint}");
    assert!(
        hint.ends_with(
            "polkit.addRule(function (action, subject) {\n  \
             if ((action.id == \"org.freedesktop.ModemManager1.USSD\" ||\n       \
             action.id == \"org.freedesktop.ModemManager1.Messaging\") &&\n      \
             subject.user == \"pi\") {\n    \
             return polkit.Result.YES;\n  }\n});"
        ),
        "{hint}"
    );
    assert!(line["saldo_clp"].is_null(), "{line}");
}

#[test]
fn no_modem_and_no_mmcli() {
    let rig = Rig::new(
        "menu",
        &format!("{LINE}operator = \"entel\"\nmodem = \"2\"\n\n[operators.entel]\nbalance_ussd = [\"*100#\"]\n"),
    );
    let run = rig.run(&["balance", "finca"]).code(5);
    assert_eq!(
        run.error_line(),
        "error: reading the modem: no modem found for `2`; check that the modem is plugged in and \
         listed by `mmcli -L`; the line's `modem` setting selects it"
    );
    assert_eq!(rig.calls(), ["-m 2 -J"]);

    let rig = Rig::new("menu", &config("entel", "balance_ussd = [\"*100#\"]"));
    // A missing program is a setup problem (exit 2), said below the table.
    let run = rig.run_with(Path::new("/nonexistent"), &["balance", "finca"]).code(2);
    assert!(!run.stdout.contains("mmcli"), "{}", run.stdout);
    assert_eq!(
        run.error_line(),
        "error: reading the modem: mmcli was not found (`/nonexistent`); install ModemManager, \
         which provides mmcli, or set TOPUP_MMCLI to mmcli's path"
    );

    // Two lines: the batch's error names the worst problem and keeps its hint.
    let two = format!(
        "{}\n[lines.casa]\nmsisdn = \"+56 9 8765 4321\"\nbalance = \"modem\"\n",
        config("entel", "balance_ussd = [\"*100#\"]")
    );
    let rig = Rig::new("menu", &two);
    let run = rig.run_with(Path::new("/nonexistent"), &["balance"]).code(2);
    assert!(!run.stdout.contains("mmcli"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("warning: finca: reading the modem: mmcli was not found"),
        "each line's problem, named: {}",
        run.stderr
    );
    assert_eq!(
        run.error_line(),
        "error: 2 of 2 lines could not be read; most serious: reading the modem: mmcli was not found \
         (`/nonexistent`); install ModemManager, which provides mmcli, or set TOPUP_MMCLI to mmcli's path"
    );
}

#[test]
fn balance_by_sms_reads_the_reply_and_deletes_both_messages() {
    // The modem holds an old balance SMS from 103 and another message; the
    // operator answers "SALDO" on the second look at the inbox.
    let rig = Rig::new(
        "sms",
        &config("entel", "balance_sms = { to = \"103\", text = \"SALDO\" }"),
    );
    let (run, line) = rig.balance();
    run.ok();
    // "Saldo: $4.000. Vence el 15/12/2026": the new reply, not the old $9.999.
    assert_eq!(line["saldo_clp"], 4000, "{line}");
    assert_eq!(line["source"], "modem");
    let calls = rig.calls();
    let position = |call: &str| {
        calls
            .iter()
            .position(|c| c == call)
            .unwrap_or_else(|| panic!("{call} not in {calls:#?}"))
    };
    let created = position("-m any --messaging-create-sms=number='103',text='SALDO'");
    let sent = position("-s /org/freedesktop/ModemManager1/SMS/2 --send");
    assert!(created < sent);
    let deleted: Vec<&str> = calls
        .iter()
        .filter(|c| c.contains("--messaging-delete-sms"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        deleted,
        [
            "-m any --messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/2",
            "-m any --messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/3",
        ]
    );
    assert!(rig.initiated().is_empty(), "no USSD: {calls:#?}");
}

/// A WOM line that buys with saldo; `balance_ussd` varies per test.
pub(crate) fn saldo_config(balance_ussd: &str) -> String {
    format!(
        "{LINE}operator = \"wom\"\npay = \"saldo\"\n\n[operators.wom]\nbalance_ussd = {balance_ussd}\n\n\
         [[operators.wom.plan]]\nid = \"wom-bolsa-5gb\"\nname = \"Bolsa 5 GB\"\ndata = \"5 GB\"\ndays = 30\n\
         price_clp = 5990\nbuy_ussd = [\"*103#\", \"Comprar\", \"5 GB\", \"Si\"]\n\n\
         [[operators.wom.plan]]\nid = \"wom-bolsa-1gb\"\nname = \"Bolsa 1 GB\"\ndata = \"1 GB\"\ndays = 30\n\
         price_clp = 1990\nbuy_ussd = [\"*103#\", \"2\", \"1\", \"1\"]\n\n\
         [[operators.wom.plan]]\nid = \"wom-bolsa-2gb\"\nname = \"Bolsa 2 GB\"\ndata = \"2 GB\"\ndays = 30\n\
         price_clp = 2990\nbuy_ussd = [\"*103#\", \"2\", \"3\", \"1\"]\n"
    )
}

pub(crate) const WOM_BALANCE: &str = "[\"*103#\", \"Saldo\"]";

#[test]
fn saldo_short_of_the_price_refuses_and_writes_nothing() {
    // "Saldo: $3.000. Extra Saldo: $5.000. Te quedan 100 MB"
    let rig = Rig::new("wom-saldo", &saldo_config("[\"*200#\"]"));
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"])
        .code(6);
    let error = run.json_error();
    assert_eq!(error["code"], "declined");
    assert_eq!(
        error["message"],
        "saldo $3.000 is $2.990 short of $5.990 for wom-bolsa-5gb (bonus saldo $5.000 cannot buy plans)"
    );
    assert_eq!(run.stdout, "");
    assert_eq!(rig.env.ledger_count(), 0);
    // Only balance reads: the purchase menu was never opened.
    assert!(rig.initiated().iter().all(|code| code == "*200#"), "{:#?}", rig.calls());
    assert!(!rig.calls().iter().any(|c| c.contains("--3gpp-ussd-respond")));
}

#[test]
fn saldo_purchase_walks_the_menu_and_is_confirmed_by_the_balance() {
    let rig = Rig::new("wom-saldo", &saldo_config(WOM_BALANCE));
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.stderr, "");
    let doc = run.json();
    assert_eq!(doc["sandbox"], false);
    let order = &doc["order"];
    assert_has_keys(order, &ORDER_FIELDS);
    assert_eq!(order["status"], "confirmed", "{order}");
    assert_eq!(order["pay"], "saldo");
    assert_eq!(order["operator"], "wom");
    assert_eq!(order["plan_id"], "wom-bolsa-5gb");
    assert_eq!(order["amount_clp"], 5990);
    assert!(order["error"].is_null());

    let orders = rig.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].id.to_string(), order["id"].as_str().unwrap());
    assert_eq!(orders[0].status.as_str(), "confirmed");
    assert_eq!(orders[0].amount.pesos(), 5990);

    // The purchase walk, text answers sent as option numbers, between
    // balance reads; the reads after it show the purchase.
    let calls = rig.calls();
    let walk = [
        STATUS,
        "-m any --3gpp-ussd-initiate=*103#",
        "-m any --3gpp-ussd-respond=2",
        "-m any --3gpp-ussd-respond=2",
        "-m any --3gpp-ussd-respond=1",
        STATUS,
    ];
    assert!(
        calls.windows(walk.len()).any(|w| w == walk),
        "purchase walk missing: {calls:#?}"
    );
    let (_, line) = rig.balance();
    // "Saldo: $2.010. Extra Saldo: $2.000. Te quedan 5,3 GB, vence el 25/12/2026"
    assert_eq!(line["saldo_clp"], 2010, "{line}");
    assert_eq!(line["data_left_bytes"], 5_300_000_000u64, "{line}");
}

#[test]
fn saldo_purchase_without_a_visible_change_is_unknown_until_reconcile() {
    // The operator applies the 1 GB purchase one session late: the re-read
    // within --wait-confirm still shows the old balance.
    let rig = Rig::new("wom-saldo", &saldo_config(WOM_BALANCE));
    let run = rig
        .run(&[
            "renew",
            "finca",
            "--plan",
            "wom-bolsa-1gb",
            "--yes",
            "--json",
            "--wait-confirm",
            "1s",
        ])
        .code(7);
    let error = run.json_error();
    assert_eq!(error["code"], "outcome_unknown");
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "unknown", "{order}");
    assert_eq!(order["error"], "the balance showed no change after the purchase menu");
    let id = order["id"].as_str().unwrap().to_string();
    assert_eq!(
        error["message"],
        format!("the outcome of order {id} is unknown: the balance showed no change after the purchase menu")
    );
    assert!(error["hint"].as_str().unwrap_or_default().contains("topup reconcile"));
    let orders = rig.env.orders();
    assert_eq!(orders.len(), 1);
    assert_eq!(orders[0].status.as_str(), "unknown");
    let walk = [
        "-m any --3gpp-ussd-initiate=*103#",
        "-m any --3gpp-ussd-respond=2",
        "-m any --3gpp-ussd-respond=1",
        "-m any --3gpp-ussd-respond=1",
    ];
    assert!(
        rig.calls().windows(walk.len()).any(|w| w == walk),
        "purchase walk missing: {:#?}",
        rig.calls()
    );
    let purchases = rig.calls().iter().filter(|c| c.ends_with("respond=2")).count();
    assert_eq!(purchases, 1, "the menu walked once: {:#?}", rig.calls());

    // Later the balance shows it; reconcile reads it and settles the order.
    let reads_before = rig.initiated().len();
    let run = rig.run(&["reconcile", "--json"]).ok();
    let doc = run.json();
    let settled = doc["orders"].as_array().expect("orders");
    assert_eq!(settled.len(), 1, "{doc}");
    assert_eq!(settled[0]["was"], "unknown");
    assert_eq!(settled[0]["order"]["id"], id.as_str());
    assert_eq!(settled[0]["order"]["status"], "confirmed");
    assert_eq!(settled[0]["note"], "the payment went through");
    assert_eq!(rig.env.orders()[0].status.as_str(), "confirmed");
    // One balance read, and no second purchase.
    assert_eq!(rig.initiated().len(), reads_before + 1);
    assert_eq!(rig.calls().iter().filter(|c| c.ends_with("respond=2")).count(), 1);
}

#[test]
fn a_one_step_purchase_code_that_fails_in_a_way_topup_does_not_know_may_have_bought() {
    // mmcli answers *555# with an error topup does not recognise, after the
    // network applied the bolsa: the balance decides, never "nothing bought".
    let config = saldo_config(WOM_BALANCE)
        + "\n[[operators.wom.plan]]\nid = \"wom-code-5gb\"\nname = \"Bolsa 5 GB\"\ndata = \"5 GB\"\n\
           days = 30\nprice_clp = 5990\nbuy_ussd = [\"*555#\"]\n";
    let rig = Rig::new("wom-saldo", &config);
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-code-5gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.json()["order"]["status"], "confirmed", "{}", run.stderr);
    assert_eq!(rig.env.orders()[0].status.as_str(), "confirmed");
    assert_eq!(rig.initiated().iter().filter(|c| *c == "*555#").count(), 1);
}

#[test]
fn saldo_purchase_on_a_line_whose_operator_comes_from_the_sim() {
    let config = saldo_config(WOM_BALANCE).replace("operator = \"wom\"\n", "");
    let rig = Rig::new("wom-saldo", &config);
    let run = rig
        .run(&["renew", "finca", "--plan", "wom-bolsa-5gb", "--yes", "--json"])
        .ok();
    assert_eq!(run.json()["order"]["status"], "confirmed");
    assert_eq!(run.json()["order"]["operator"], "wom");
}

/// The order of a purchase walk that the network ended after a menu answer
/// went out: unknown, saying so.
pub(crate) fn unknown_after_an_answer(run: &Run) -> Value {
    let order = run.json()["order"].clone();
    assert_eq!(order["status"], "unknown", "{order}");
    let said = order["error"].as_str().unwrap_or_default();
    assert!(
        said.contains("after an answer reached the operator") && said.contains("the network ended the USSD session"),
        "{said}"
    );
    order
}

#[test]
fn a_purchase_menu_that_fails_after_an_answer_stays_unknown_until_settled_by_hand() {
    let rig = Rig::new("wom-saldo", &saldo_config(WOM_BALANCE));
    let renew = [
        "renew",
        "finca",
        "--plan",
        "wom-bolsa-2gb",
        "--yes",
        "--json",
        "--wait-confirm",
        "1s",
    ];
    // The network ends the session after "3" (the bolsa) was sent: the
    // bolsa may be bought, so the order is unknown, not failed.
    let order = unknown_after_an_answer(&rig.run(&renew).code(7));
    let id = order["id"].as_str().unwrap().to_string();

    // Hours later the balance still shows nothing: that proves nothing, so
    // reconcile leaves it unknown and says how to settle it by hand.
    let mut rig = rig;
    rig.env.set_now("2026-11-26T12:00:00Z");
    let run = rig.run(&["reconcile", "--json"]).code(7);
    assert_eq!(run.json()["orders"][0]["order"]["status"], "unknown");
    let hint = run.json_error()["hint"].as_str().unwrap().to_string();
    assert!(hint.contains(&format!("topup reconcile --mark-failed {id}")), "{hint}");
    // Nor will renew pay again meanwhile.
    let run = rig.run(&renew).code(7);
    assert!(
        run.json_error()["message"]
            .as_str()
            .unwrap()
            .contains("still unsettled")
    );
    assert_eq!(rig.calls().iter().filter(|c| c.ends_with("respond=3")).count(), 1);

    // The owner checked with the operator: it was not bought.
    let run = rig.run(&["reconcile", "--mark-failed", &id, "--json"]).ok();
    let settled = &run.json()["orders"][0];
    assert_eq!(settled["was"], "unknown");
    assert_eq!(settled["order"]["status"], "failed");
    assert_eq!(settled["note"], "settled by hand: not paid");
    assert_eq!(rig.env.orders()[0].status.as_str(), "failed");
    // A settled order is not settled again.
    let run = rig.run(&["reconcile", "--mark-confirmed", &id, "--json"]).code(2);
    assert!(run.json_error()["message"].as_str().unwrap().contains("is failed"));
}

#[test]
fn auto_short_of_saldo_fails_before_any_order_and_the_failure_hook_hears() {
    // "Saldo: $3.000. Extra Saldo: $5.000. Te quedan 100 MB": due, but short.
    let rig = Rig::new("wom-saldo", "");
    let out = rig.env.home().join("failure-env");
    rig.env.write_config(&format!(
        "{}[lines.finca.auto]\nplan = \"wom-bolsa-5gb\"\nwhen_data_below = \"500 MB\"\n\
         [auto]\nfailure_hook = \"env > {}\"\n",
        saldo_config("[\"*200#\"]"),
        out.display()
    ));
    let run = rig.run(&["auto", "--json"]).code(6);
    let doc = run.json();
    assert_eq!(
        (doc["renewed"].as_u64(), doc["failed"].as_u64()),
        (Some(0), Some(1)),
        "{doc}"
    );
    assert_eq!(rig.env.ledger_count(), 0);
    let seen = std::fs::read_to_string(&out).expect("failure_hook ran");
    for want in [
        "TOPUP_ORDER=",
        "TOPUP_STATUS=failed",
        "TOPUP_PLAN=wom-bolsa-5gb",
        "TOPUP_AMOUNT_CLP=5990",
    ] {
        assert!(seen.lines().any(|l| l == want), "`{want}` not in:\n{seen}");
    }
    assert!(
        seen.lines()
            .any(|l| l.starts_with("TOPUP_ERROR=") && l.contains("$2.990 short")),
        "{seen}"
    );
}

#[test]
fn ussd_failures_on_a_modem_locked_to_lte_say_so_and_how_to_fix_it() {
    let fix = "allow 3G too: `mmcli -m any --set-allowed-modes='3g|4g' --set-preferred-mode=4g`";
    let table = [
        (
            "*103#",
            1,
            "error: USSD step 1 of 1 (sending \"*103#\"): the network or the modem refused the USSD request as not supported; \
             the modem is set to LTE only (allowed: 4g; preferred: none), and many networks answer USSD only over 2G/3G",
        ),
        (
            "*104#",
            5,
            "error: USSD step 1 of 1 (sending \"*104#\"): the modem or the network did not answer in time; \
             the modem is set to LTE only (allowed: 4g; preferred: none), and many networks answer USSD only over 2G/3G",
        ),
    ];
    for (code, exit, message) in table {
        let rig = Rig::new("lte-only", &config("entel", &balance_ussd(&[code])));
        let run = rig.run(&["balance", "finca"]).code(exit);
        let line = run.error_line();
        assert!(line.starts_with(message), "{code}: {line}");
        assert!(line.contains(fix), "{code}: {line}");
    }
    // A failure LTE does not explain keeps its own fix.
    let rig = Rig::new("lte-only", &config("entel", &balance_ussd(&["*105#"])));
    let line = rig.run(&["balance", "finca"]).code(1).error_line();
    assert!(
        line.ends_with("read the balance by SMS instead (balance_sms in the operator's config)"),
        "{line}"
    );
}
