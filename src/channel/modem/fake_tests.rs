//! `MmcliModem`, `run_ussd` and `sms_query` against the fake mmcli in
//! `tests/fixtures/mmcli/`, each test with its own state and argv log.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::UssdPurpose::{Purchase, Reading};
use super::*;
use crate::error::{ErrorKind, TopupError, classify};

const LONG: Duration = Duration::from_secs(10);

struct Fake {
    dir: tempfile::TempDir,
}

impl Fake {
    /// A temp dir with `mmcli` (a symlink to the fake, so nothing is
    /// written to an executable while tests fork) and its configuration.
    fn new(scenario: &str) -> Fake {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli/fake-mmcli");
        std::os::unix::fs::symlink(script, dir.path().join("mmcli")).unwrap();
        let config = serde_json::json!({
            "scenario": scenario,
            "state": dir.path().join("state.json"),
            "log": dir.path().join("log.jsonl"),
        });
        std::fs::write(dir.path().join("fake-mmcli.json"), config.to_string()).unwrap();
        Fake { dir }
    }

    fn program(&self) -> PathBuf {
        self.dir.path().join("mmcli")
    }

    fn modem(&self) -> MmcliModem {
        MmcliModem::new(self.program(), ModemSelector::Any, LONG)
    }

    /// Every mmcli call so far, argv joined by spaces, without `--timeout`.
    fn calls(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.dir.path().join("log.jsonl")).unwrap_or_default();
        log.lines()
            .map(|line| {
                let argv: Vec<String> = serde_json::from_str(line).unwrap();
                argv.into_iter()
                    .filter(|a| !a.starts_with("--timeout="))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

fn steps(items: &[&str]) -> UssdSteps {
    UssdSteps::new(items.iter().map(|s| s.to_string()).collect()).expect("valid steps")
}

fn topup_error(result: Result<impl std::fmt::Debug>) -> TopupError {
    classify(&result.expect_err("expected an error"))
}

const STATUS: &str = "-m any --3gpp-ussd-status -J";
const CANCEL: &str = "-m any --3gpp-ussd-cancel";
const MODEM: &str = "-m any -J";

#[tokio::test]
async fn identity_reads_the_network_and_the_modems_own_sim() {
    let fake = Fake::new("menu");
    let identity = fake.modem().identity().await.unwrap();
    assert_eq!(
        identity,
        SimIdentity {
            sim_operator_code: Some("73001".into()),
            network_operator_code: Some("73001".into()),
        }
    );
    assert_eq!(
        fake.calls(),
        ["-m any -J", "-i /org/freedesktop/ModemManager1/SIM/0 -J"]
    );
}

#[tokio::test]
async fn identity_without_sim_or_network() {
    let fake = Fake::new("no-sim");
    assert_eq!(fake.modem().identity().await.unwrap(), SimIdentity::default());
    assert_eq!(fake.calls(), ["-m any -J"]);
}

#[tokio::test]
async fn selector_and_timeout_reach_mmcli() {
    let fake = Fake::new("menu");
    let modem = MmcliModem::new(fake.program(), ModemSelector::Index(0), Duration::from_secs(7));
    modem.ussd_status().await.unwrap();
    let log = std::fs::read_to_string(fake.dir.path().join("log.jsonl")).unwrap();
    assert_eq!(log.trim(), r#"["-m", "0", "--3gpp-ussd-status", "-J", "--timeout=7"]"#);
}

#[tokio::test]
async fn one_shot_code() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*100#"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Saldo: $1.500");
    assert_eq!(fake.calls(), [STATUS, "-m any --3gpp-ussd-initiate=*100#", STATUS]);
}

#[tokio::test]
async fn menu_answered_by_number() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*103#", "1"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Tu saldo es $1.500. Vence el 30/11/2026");
    assert_eq!(
        fake.calls(),
        [
            STATUS,
            "-m any --3gpp-ussd-initiate=*103#",
            "-m any --3gpp-ussd-respond=1",
            STATUS
        ]
    );
}

#[tokio::test]
async fn menu_answered_by_text() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*103#", "bolsas", "5 GB", "si"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Listo! Tu Bolsa 5 GB está activa");
    assert_eq!(
        fake.calls(),
        [
            STATUS,
            "-m any --3gpp-ussd-initiate=*103#",
            "-m any --3gpp-ussd-respond=2",
            "-m any --3gpp-ussd-respond=2",
            "-m any --3gpp-ussd-respond=1",
            STATUS,
        ]
    );
}

#[tokio::test]
async fn a_menu_left_open_is_cancelled() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*103#", "2"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "1) Bolsa 1 GB $990\n2) Bolsa 5 GB $2.990\n9) Volver");
    assert_eq!(fake.calls().last().map(String::as_str), Some(CANCEL));
    assert_eq!(fake.modem().ussd_status().await.unwrap().state, UssdState::Idle);
}

#[tokio::test]
async fn a_stale_session_is_cancelled_before_starting() {
    let fake = Fake::new("stale-session");
    let reply = run_ussd(&fake.modem(), &steps(&["*100#"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Saldo: $1.500");
    assert_eq!(
        fake.calls(),
        [STATUS, CANCEL, "-m any --3gpp-ussd-initiate=*100#", STATUS]
    );
}

/// Leaves a menu open, as a person at the modem or a killed run would; the
/// first cancel of the (fake) daemon's life has already been used.
async fn menu_left_open_after_a_cancel(fake: &Fake) -> MmcliModem {
    let modem = fake.modem();
    modem.ussd_cancel().await.unwrap();
    modem.ussd_initiate("*103#").await.unwrap();
    modem
}

#[tokio::test]
async fn a_reading_dials_again_when_a_cancel_did_not_reach_the_modem() {
    let fake = Fake::new("menu");
    let modem = menu_left_open_after_a_cancel(&fake).await;
    let reply = run_ussd(&modem, &steps(&["*100#"]), Reading, LONG).await.unwrap();
    assert_eq!(reply, "Saldo: $1.500");
    assert_eq!(
        fake.calls()[2..],
        [
            STATUS,
            CANCEL,
            "-m any --3gpp-ussd-initiate=*100#",
            // A failed first request reads the modem's modes (is it LTE only?).
            MODEM,
            "-m any --3gpp-ussd-initiate=*100#",
            STATUS
        ]
    );
}

#[tokio::test]
async fn a_reading_dials_again_only_once_and_only_after_a_cancel() {
    // The network ends the code itself: dialled once, no cancel before.
    let fake = Fake::new("menu");
    let err = topup_error(run_ussd(&fake.modem(), &steps(&["*106#"]), Reading, LONG).await);
    assert_eq!(
        err.message,
        format!("USSD step 1 of 1 (sending \"*106#\"): {NETWORK_ENDED}")
    );
    assert_eq!(
        fake.calls(),
        [STATUS, "-m any --3gpp-ussd-initiate=*106#", MODEM, STATUS]
    );

    // After a cancel that did not reach the modem, it is dialled twice.
    let fake = Fake::new("menu");
    let modem = menu_left_open_after_a_cancel(&fake).await;
    let err = topup_error(run_ussd(&modem, &steps(&["*106#"]), Reading, LONG).await);
    assert_eq!(err.kind, ErrorKind::Temporary);
    let dialled = fake.calls().iter().filter(|c| c.ends_with("initiate=*106#")).count();
    assert_eq!(dialled, 2, "{:#?}", fake.calls());
}

#[tokio::test]
async fn a_purchase_never_dials_again() {
    let fake = Fake::new("menu");
    let modem = menu_left_open_after_a_cancel(&fake).await;
    let result = run_ussd(&modem, &steps(&["*103#", "2", "1", "1"]), Purchase, LONG).await;
    let err = result.expect_err("the old menu took the code");
    let step = err.downcast_ref::<UssdStep>().expect("step context").clone();
    // Step 1 of a menu only opens it: nothing was bought, so the order fails.
    assert_eq!((step.step, step.handed_to_modem), (1, true));
    assert!(!step.may_have_bought(err.downcast_ref::<ModemError>()));
    assert_eq!(classify(&err).message, format!("{step}: {NETWORK_ENDED}"));
    assert_eq!(
        fake.calls()[2..],
        [STATUS, CANCEL, "-m any --3gpp-ussd-initiate=*103#", MODEM, STATUS]
    );
}

#[tokio::test]
async fn an_answer_missing_from_the_menu_stops_and_cancels() {
    let fake = Fake::new("menu");
    let err = topup_error(run_ussd(&fake.modem(), &steps(&["*103#", "Minutos"]), Reading, LONG).await);
    assert_eq!(err.kind, ErrorKind::Usage);
    assert_eq!(
        err.message,
        "USSD step 2 of 2: no option matches \"Minutos\" in the menu: \"Bienvenido / 1. Saldo / 2. Bolsas / 0. Salir\""
    );
    assert_eq!(
        fake.calls(),
        [STATUS, "-m any --3gpp-ussd-initiate=*103#", STATUS, CANCEL]
    );
}

#[tokio::test]
async fn bad_steps_are_refused_before_touching_the_modem() {
    // Steps are checked when the config is read: a walk cannot even be
    // made of bad ones, so no modem is ever asked.
    for bad in [&[][..], &["103"], &["*103#", ""]] {
        let bad: Vec<String> = bad.iter().map(|s| s.to_string()).collect();
        assert!(UssdSteps::new(bad.clone()).is_err(), "{bad:?}");
    }
}

#[tokio::test]
async fn hex_replies_are_decoded() {
    let fake = Fake::new("menu");
    let table = [
        ("*101#", "Tu saldo es $2.990. Información: entel.cl"),
        ("*102#", "Saldo: $1.500"),
    ];
    for (code, expected) in table {
        assert_eq!(
            run_ussd(&fake.modem(), &steps(&[code]), Reading, LONG).await.unwrap(),
            expected,
            "{code}"
        );
    }
}

#[tokio::test]
async fn quotes_and_newlines_survive() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*107#"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Hola 'Juan'\n\"Plan\" activo: $5.000");
}

#[tokio::test]
async fn a_late_reply_is_picked_up() {
    let fake = Fake::new("menu");
    let reply = run_ussd(&fake.modem(), &steps(&["*105#"]), Reading, LONG)
        .await
        .unwrap();
    assert_eq!(reply, "Saldo: $3.000");
}

#[tokio::test]
async fn a_slow_reply_times_out_and_the_session_is_cancelled() {
    let fake = Fake::new("menu");
    let result = run_ussd(&fake.modem(), &steps(&["*104#"]), Reading, Duration::from_secs(3)).await;
    let err = result.expect_err("timeout");
    let step = err.downcast_ref::<UssdStep>().expect("step context");
    assert_eq!(
        step,
        &UssdStep {
            step: 1,
            total: 1,
            sent: "*104#".into(),
            handed_to_modem: true,
        }
    );
    let err = classify(&err);
    assert_eq!(err.kind, ErrorKind::Temporary);
    assert!(
        err.message.contains("timed out after 3s waiting for the USSD reply"),
        "{}",
        err.message
    );
    // The killed call left the session active; it was cancelled.
    assert_eq!(fake.calls().last().map(String::as_str), Some(CANCEL));
}

#[tokio::test]
async fn mmclis_own_timeout() {
    let fake = Fake::new("menu");
    let modem = MmcliModem::new(fake.program(), ModemSelector::Any, Duration::from_secs(1));
    let err = topup_error(modem.ussd_initiate("*104#").await);
    assert_eq!(err.kind, ErrorKind::Temporary);
    assert_eq!(err.message, "the modem or the network did not answer in time");
}

#[tokio::test]
async fn network_termination_is_temporary() {
    let fake = Fake::new("menu");
    let err = topup_error(run_ussd(&fake.modem(), &steps(&["*106#"]), Reading, LONG).await);
    assert_eq!(err.kind, ErrorKind::Temporary);
    assert_eq!(
        err.message,
        "USSD step 1 of 1 (sending \"*106#\"): the network ended the USSD session"
    );
}

#[tokio::test]
async fn device_errors_say_what_to_do() {
    let fake = Fake::new("device-errors");
    let modem = fake.modem();
    let table = [
        (
            "*901#",
            ErrorKind::Credentials,
            "is not authorized to use the modem (polkit)",
            "50-topup.rules",
        ),
        (
            "*902#",
            ErrorKind::Temporary,
            "modem `any` is not enabled",
            "mmcli -m any -e",
        ),
        ("*903#", ErrorKind::Failure, "modem `any` cannot do USSD", "balance_sms"),
        (
            "*904#",
            ErrorKind::Temporary,
            "ModemManager is not running",
            "systemctl start ModemManager",
        ),
        (
            "*905#",
            ErrorKind::Failure,
            "refused the USSD request as not supported",
            "LTE",
        ),
        ("*906#", ErrorKind::Failure, "error: something new went wrong", ""),
    ];
    for (code, kind, message, hint) in table {
        let err = topup_error(modem.ussd_initiate(code).await);
        assert_eq!(err.kind, kind, "{code}");
        assert!(err.message.contains(message), "{code}: {}", err.message);
        assert!(err.hint.unwrap_or_default().contains(hint), "{code}");
    }
}

#[tokio::test]
async fn no_modem_and_no_mmcli() {
    let fake = Fake::new("menu");
    let missing = MmcliModem::new(fake.program(), ModemSelector::Index(5), LONG);
    let err = topup_error(missing.ussd_status().await);
    assert_eq!(
        (err.kind, err.message.as_str()),
        (ErrorKind::Temporary, "no modem found for `5`")
    );

    let absent = MmcliModem::new(fake.dir.path().join("no-such-mmcli"), ModemSelector::Any, LONG);
    let err = topup_error(absent.identity().await);
    assert_eq!(err.kind, ErrorKind::Usage);
    assert!(err.message.contains("mmcli was not found"), "{}", err.message);
    assert!(err.hint.unwrap_or_default().contains("TOPUP_MMCLI"));
}

#[tokio::test]
async fn sms_list_reads_each_message() {
    let fake = Fake::new("sms");
    let messages = fake.modem().sms_list().await.unwrap();
    let summary: Vec<(&str, Option<&str>, &str, SmsState)> = messages
        .iter()
        .map(|m| (m.sms_ref.as_str(), m.number.as_deref(), m.text.as_str(), m.state))
        .collect();
    // Newest first, as ModemManager lists them.
    assert_eq!(
        summary,
        [
            (
                "/org/freedesktop/ModemManager1/SMS/1",
                Some("+56911112222"),
                "Hola",
                SmsState::Received
            ),
            (
                "/org/freedesktop/ModemManager1/SMS/0",
                Some("103"),
                "Saldo: $9.999 (old)",
                SmsState::Received
            ),
        ]
    );
}

#[tokio::test]
async fn sms_query_returns_the_new_reply_and_cleans_up() {
    let fake = Fake::new("sms");
    let modem = fake.modem();
    let reply = sms_query(&modem, "103", "SALDO", Duration::from_secs(10))
        .await
        .unwrap();
    // Not the old stored balance from the same number.
    assert_eq!(reply, "Saldo: $4.000. Vence el 15/12/2026");
    let calls = fake.calls();
    assert!(
        calls.contains(&"-m any --messaging-create-sms=number='103',text='SALDO'".to_string()),
        "{calls:?}"
    );
    assert!(
        calls.contains(&"-s /org/freedesktop/ModemManager1/SMS/2 --send".to_string()),
        "{calls:?}"
    );
    let deleted: Vec<&String> = calls.iter().filter(|c| c.contains("--messaging-delete-sms")).collect();
    assert_eq!(
        deleted,
        [
            "-m any --messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/2",
            "-m any --messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/3",
        ]
    );
    let left: Vec<String> = modem.sms_list().await.unwrap().into_iter().map(|m| m.text).collect();
    assert_eq!(left, ["Hola", "Saldo: $9.999 (old)"]);
}

#[tokio::test]
async fn sms_query_times_out_and_deletes_what_it_sent() {
    let fake = Fake::new("sms");
    let modem = fake.modem();
    let err = topup_error(sms_query(&modem, "200", "SALDO", Duration::from_millis(300)).await);
    assert_eq!(err.kind, ErrorKind::Temporary);
    assert_eq!(err.message, "no SMS reply from 200 within 0.3s");
    assert_eq!(
        fake.calls().last().map(String::as_str),
        Some("-m any --messaging-delete-sms=/org/freedesktop/ModemManager1/SMS/2")
    );
    assert_eq!(modem.sms_list().await.unwrap().len(), 2);
}

#[tokio::test]
async fn sms_refused_by_polkit() {
    let fake = Fake::new("device-errors");
    let err = topup_error(fake.modem().sms_send("103", "SALDO").await);
    assert_eq!(err.kind, ErrorKind::Credentials);
    assert!(
        err.hint
            .unwrap_or_default()
            .contains("org.freedesktop.ModemManager1.Messaging")
    );
}
