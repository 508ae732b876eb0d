//! `Modem` over the `mmcli` command-line tool.
//!
//! mmcli prints JSON (`-J`) for properties, where every value is a string and
//! a missing one is `--`; USSD initiate/respond/cancel and SMS create/send
//! ignore `-J` and print one line of text. Errors are `error: …` on stderr
//! with exit status 1; `mmcli_failure` turns the known ones into a
//! `ModemError` that says what is wrong.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Modem, ModemError, ModemSelector, SimIdentity, Sms, SmsRef, SmsState, UssdState, UssdStatus};
use crate::diag;

/// Extra time past mmcli's own `--timeout`, so that mmcli reports its
/// timeout itself before topup gives up on the process.
const GRACE: Duration = Duration::from_secs(5);

const SMS_PATH_PREFIX: &str = "/org/freedesktop/ModemManager1/SMS/";

pub struct MmcliModem {
    program: PathBuf,
    selector: ModemSelector,
    timeout: Duration,
}

impl MmcliModem {
    /// `program` is `mmcli` or the path in `TOPUP_MMCLI`; `timeout` bounds
    /// each mmcli call (and is passed to mmcli as `--timeout`).
    pub fn new(program: impl Into<PathBuf>, selector: ModemSelector, timeout: Duration) -> Self {
        MmcliModem {
            program: program.into(),
            selector,
            timeout,
        }
    }

    fn modem_args(&self, action: &[&str]) -> Vec<String> {
        ["-m", &self.selector.to_string()]
            .into_iter()
            .chain(action.iter().copied())
            .map(String::from)
            .collect()
    }

    /// Runs mmcli and returns its stdout; a failure becomes a `ModemError`.
    async fn run(&self, args: Vec<String>) -> Result<String> {
        let seconds = self.timeout.as_secs().max(1);
        diag::note(format!("running {} {}", self.program.display(), args.join(" ")));
        let mut command = tokio::process::Command::new(&self.program);
        command
            .args(&args)
            .arg(format!("--timeout={seconds}"))
            // English error messages to recognise, and UTF-8 output even
            // under cron's C locale: GLib converts printed text to the
            // locale's charset unless CHARSET says UTF-8, and Spanish
            // replies would lose their accents.
            .env("LC_ALL", "C.UTF-8")
            .env("CHARSET", "UTF-8")
            .env_remove("LANGUAGE")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let limit = Duration::from_secs(seconds) + GRACE;
        let output = match tokio::time::timeout(limit, command.output()).await {
            Ok(Ok(output)) => output,
            Ok(Err(err)) if err.kind() == std::io::ErrorKind::NotFound => {
                return Err(ModemError::MmcliMissing(self.program.clone()).into());
            }
            Ok(Err(error)) => {
                let program = self.program.clone();
                return Err(ModemError::MmcliUnrunnable { program, error }.into());
            }
            Err(_) => return Err(ModemError::MmcliStuck(limit.as_secs()).into()),
        };
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        if output.status.success() {
            return Ok(stdout);
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        diag::note(format!("mmcli failed: {}", stderr.trim()));
        Err(mmcli_failure(&stderr, output.status.code(), &self.selector, &current_user()).into())
    }

    async fn json<T: for<'de> Deserialize<'de>>(&self, args: Vec<String>) -> Result<T> {
        let stdout = self.run(args).await?;
        parse_json(&stdout)
    }

    /// Networks that carry USSD over 2G/3G only refuse it, end it or never
    /// answer it while the modem is locked to LTE (a known cause in modem
    /// forums). After such a failure, the modem's allowed modes say whether
    /// that is the cause, and the error then says how to fix it.
    async fn explain_lte_only(&self, err: anyhow::Error) -> anyhow::Error {
        use ModemError::{NetworkEnded, NoAnswer, UssdNotSupported};
        let symptom = err.downcast_ref::<ModemError>();
        if !matches!(symptom, Some(UssdNotSupported(_) | NetworkEnded | NoAnswer)) {
            return err;
        }
        let modes = match self.json::<ModemDoc>(self.modem_args(&["-J"])).await {
            Ok(doc) => doc.modem.generic.current_modes.filter(|m| is_lte_only(m)),
            Err(_) => None,
        };
        let Some(modes) = modes else {
            return err;
        };
        match err.downcast::<ModemError>() {
            Ok(failure) => ModemError::LteOnly {
                failure: Box::new(failure),
                modes,
                modem: self.selector.clone(),
            }
            .into(),
            Err(err) => err,
        }
    }
}

impl Modem for MmcliModem {
    async fn identity(&self) -> Result<SimIdentity> {
        let modem: ModemDoc = self
            .json(self.modem_args(&["-J"]))
            .await
            .with_context(|| crate::t!("context-reading-modem"))?;
        let mut identity = SimIdentity {
            network_operator_code: modem.modem.three_gpp.operator_code,
            ..SimIdentity::default()
        };
        // The modem's own SIM, rather than `-i any`, which could be another
        // modem's when there are several.
        if let Some(sim_path) = modem
            .modem
            .generic
            .sim
            .filter(|path| path.starts_with('/') && path.len() > 1)
        {
            let sim: SimDoc = self
                .json(vec!["-i".into(), sim_path, "-J".into()])
                .await
                .with_context(|| crate::t!("context-reading-sim"))?;
            identity.sim_operator_code = sim.sim.properties.operator_code;
        }
        Ok(identity)
    }

    async fn ussd_status(&self) -> Result<UssdStatus> {
        let doc: ModemDoc = self.json(self.modem_args(&["--3gpp-ussd-status", "-J"])).await?;
        let ussd = doc.modem.three_gpp.ussd;
        Ok(UssdStatus {
            state: ussd.status.and_then(|s| s.parse().ok()).unwrap_or(UssdState::Unknown),
            network_request: ussd.network_request,
            network_notification: ussd.network_notification,
        })
    }

    async fn ussd_initiate(&self, code: &str) -> Result<String> {
        match self
            .run(self.modem_args(&[&format!("--3gpp-ussd-initiate={code}")]))
            .await
        {
            Ok(stdout) => reply_text(&stdout),
            Err(err) => Err(self.explain_lte_only(err).await),
        }
    }

    async fn ussd_respond(&self, answer: &str) -> Result<String> {
        let stdout = self
            .run(self.modem_args(&[&format!("--3gpp-ussd-respond={answer}")]))
            .await?;
        reply_text(&stdout)
    }

    async fn ussd_cancel(&self) -> Result<()> {
        self.run(self.modem_args(&["--3gpp-ussd-cancel"])).await.map(drop)
    }

    async fn sms_send(&self, to: &str, text: &str) -> Result<Option<SmsRef>> {
        let properties = sms_properties(to, text)?;
        let stdout = self
            .run(self.modem_args(&[&format!("--messaging-create-sms={properties}")]))
            .await?;
        let sms = created_sms(&stdout)?;
        let sent = self.run(vec!["-s".into(), sms.to_string(), "--send".into()]).await;
        if let Err(err) = sent {
            // Not sent: leave no draft behind.
            if let Err(delete_err) = self.sms_delete(&sms).await {
                diag::warn(format!("could not delete unsent SMS {sms}: {delete_err:#}"));
            }
            return Err(err);
        }
        Ok(Some(sms))
    }

    async fn sms_list(&self) -> Result<Vec<Sms>> {
        let list: Value = self.json(self.modem_args(&["--messaging-list-sms", "-J"])).await?;
        let mut messages = Vec::new();
        for path in sms_paths(&list) {
            // A message can be deleted between the list and the read.
            match self.json::<SmsDoc>(vec!["-s".into(), path.clone(), "-J".into()]).await {
                Ok(doc) => messages.push(doc.into_sms(SmsRef::new(path.as_str()))),
                Err(err) => diag::note(format!("skipping SMS {path}: {err:#}")),
            }
        }
        Ok(messages)
    }

    async fn sms_delete(&self, sms: &SmsRef) -> Result<()> {
        self.run(self.modem_args(&[&format!("--messaging-delete-sms={sms}")]))
            .await
            .map(drop)
    }
}

fn current_user() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "YOUR-USER".to_string())
}

fn parse_json<T: for<'de> Deserialize<'de>>(stdout: &str) -> Result<T> {
    // mmcli escapes control characters in values except 0x1F.
    let cleaned = stdout.replace('\u{1f}', "\\u001f");
    serde_json::from_str(&cleaned).with_context(|| {
        let first = stdout
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(200)
            .collect::<String>();
        format!("mmcli printed something that is not the expected JSON: {first}")
    })
}

/// The text of `USSD session initiated; new reply from network: '…'` or
/// `response successfully sent in USSD session; new reply from network: '…'`.
/// The reply may itself hold quotes and newlines, so it runs to the last
/// quote.
fn reply_text(stdout: &str) -> Result<String> {
    const MARKER: &str = "new reply from network: '";
    let start = stdout.find(MARKER).map(|at| at + MARKER.len());
    let Some(rest) = start.and_then(|at| stdout.get(at..)) else {
        anyhow::bail!("mmcli printed no USSD reply: {}", stdout.trim());
    };
    let rest = rest.strip_suffix('\n').unwrap_or(rest);
    Ok(rest.strip_suffix('\'').unwrap_or(rest).to_string())
}

/// The properties string of `--messaging-create-sms`. mmcli ends a quoted
/// value at the next quote of the same kind, with no escapes, so the text
/// is quoted with whichever quote it does not contain.
fn sms_properties(to: &str, text: &str) -> Result<String, ModemError> {
    let to = crate::domain::modem::sms_number(to)?;
    let quote = if !text.contains('\'') {
        '\''
    } else if !text.contains('"') {
        '"'
    } else {
        return Err(ModemError::SmsQuotes(text.to_string()));
    };
    Ok(format!("number='{to}',text={quote}{text}{quote}"))
}

/// The path in `Successfully created new SMS: /org/freedesktop/ModemManager1/SMS/3`
/// (older mmcli prints it on the next line).
fn created_sms(stdout: &str) -> Result<SmsRef> {
    let number = stdout
        .find(SMS_PATH_PREFIX)
        .and_then(|at| stdout.get(at + SMS_PATH_PREFIX.len()..))
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .filter(|number| !number.is_empty());
    match number {
        Some(number) => Ok(SmsRef::new(format!("{SMS_PATH_PREFIX}{number}"))),
        None => anyhow::bail!("mmcli created an SMS but printed no SMS path: {}", stdout.trim()),
    }
}

/// `{"modem.messaging.sms": [paths]}`: the key is one dotted string in list
/// output; nested objects are accepted too.
fn sms_paths(list: &Value) -> Vec<String> {
    let paths = list
        .get("modem.messaging.sms")
        .or_else(|| list.pointer("/modem/messaging/sms"));
    paths
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .filter(|p| p.starts_with(SMS_PATH_PREFIX))
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// An mmcli value: `--`, empty or absent is None; numbers are kept as text.
fn mm_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) if !s.trim().is_empty() && s.trim() != "--" => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ModemDoc {
    modem: ModemJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ModemJson {
    #[serde(rename = "3gpp")]
    three_gpp: ThreeGppJson,
    generic: GenericJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct ThreeGppJson {
    #[serde(deserialize_with = "mm_value")]
    operator_code: Option<String>,
    ussd: UssdJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct UssdJson {
    #[serde(deserialize_with = "mm_value")]
    status: Option<String>,
    #[serde(deserialize_with = "mm_value")]
    network_request: Option<String>,
    #[serde(deserialize_with = "mm_value")]
    network_notification: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct GenericJson {
    #[serde(deserialize_with = "mm_value")]
    sim: Option<String>,
    #[serde(deserialize_with = "mm_value")]
    current_modes: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SimDoc {
    sim: SimJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SimJson {
    properties: SimProperties,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
struct SimProperties {
    #[serde(deserialize_with = "mm_value")]
    operator_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SmsDoc {
    sms: SmsJson,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SmsJson {
    content: SmsContent,
    properties: SmsProperties,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SmsContent {
    #[serde(deserialize_with = "mm_value")]
    number: Option<String>,
    #[serde(deserialize_with = "mm_value")]
    text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SmsProperties {
    #[serde(deserialize_with = "mm_value")]
    state: Option<String>,
}

impl SmsDoc {
    fn into_sms(self, sms_ref: SmsRef) -> Sms {
        let SmsJson { content, properties } = self.sms;
        Sms {
            sms_ref,
            number: content.number,
            text: content.text.unwrap_or_default(),
            state: properties
                .state
                .and_then(|s| s.parse().ok())
                .unwrap_or(SmsState::Unknown),
        }
    }
}

/// The polkit rule a job without a login session (cron, systemd timer)
/// needs before ModemManager lets it use USSD and SMS.
pub fn polkit_rule(user: &str) -> String {
    format!(
        "polkit.addRule(function (action, subject) {{\n  \
           if ((action.id == \"org.freedesktop.ModemManager1.USSD\" ||\n       \
                action.id == \"org.freedesktop.ModemManager1.Messaging\") &&\n      \
               subject.user == \"{user}\") {{\n    \
             return polkit.Result.YES;\n  \
           }}\n\
         }});"
    )
}

/// mmcli's `current-modes`, `allowed: 4g; preferred: none`: whether only
/// LTE (or 5G) is allowed, with no 2G or 3G to fall back on for USSD.
fn is_lte_only(modes: &str) -> bool {
    let allowed = modes
        .split(';')
        .find_map(|part| part.trim().strip_prefix("allowed:"))
        .unwrap_or("");
    let allowed: Vec<&str> = allowed
        .split([',', '|', ' '])
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .collect();
    !allowed.is_empty() && allowed.iter().all(|m| matches!(*m, "4g" | "5g"))
}

/// Turns mmcli's stderr into an error that says what is wrong.
/// Unrecognised errors keep mmcli's first line.
fn mmcli_failure(stderr: &str, status: Option<i32>, modem: &ModemSelector, user: &str) -> ModemError {
    let text = stderr.to_lowercase();
    let has = |needles: &[&str]| needles.iter().any(|n| text.contains(n));
    let modem = modem.clone();
    if has(&["notauthorized", "not authorized", "unauthorized", "policykit"]) {
        ModemError::NotAuthorized(user.to_string())
    } else if has(&["modem not enabled"]) {
        ModemError::NotEnabled(modem)
    } else if has(&["no 3gpp ussd capabilities"]) {
        ModemError::NoUssd(modem)
    } else if has(&["no messaging capabilities"]) {
        ModemError::NoMessaging(modem)
    } else if has(&["couldn't find modem", "no modems were found"]) {
        ModemError::NoModem(modem)
    } else if has(&["couldn't find the modemmanager process", "serviceunknown"]) {
        ModemError::NotRunning
    } else if has(&["couldn't get bus"]) {
        ModemError::NoBus
    } else if has(&["ussd terminated by network"]) {
        ModemError::NetworkEnded
    } else if has(&["no active session"]) {
        // Respond with nothing to answer: the network or a cancel ended the
        // session after its menu arrived.
        ModemError::SessionEnded
    } else if has(&["a session is already active", "already an ongoing", "wrongstate"]) {
        ModemError::SessionOpen(modem)
    } else if has(&["operation not supported", "not supported"]) {
        ModemError::UssdNotSupported(modem)
    } else if has(&["timeout was reached", "timed out", "error.timeout"]) {
        ModemError::NoAnswer
    } else {
        ModemError::MmcliFailed(match (stderr.lines().map(str::trim).find(|l| !l.is_empty()), status) {
            (Some(line), _) => line.to_string(),
            (None, Some(code)) => format!("mmcli failed with exit status {code} and no message"),
            (None, None) => "mmcli was killed by a signal".to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn reply_texts() {
        let table = [
            (
                "USSD session initiated; new reply from network: 'Tu saldo es $1.500'\n",
                "Tu saldo es $1.500",
            ),
            (
                "response successfully sent in USSD session; new reply from network: '1. Saldo\n2. Bolsas'\n",
                "1. Saldo\n2. Bolsas",
            ),
            (
                "USSD session initiated; new reply from network: 'it's \"ok\"'\n",
                "it's \"ok\"",
            ),
            (
                "USSD session initiated; new reply from network: 'ends with newline\n'\n",
                "ends with newline\n",
            ),
            ("USSD session initiated; new reply from network: ''\n", ""),
            (
                "USSD session initiated; new reply from network: 'Señor, ñandú'",
                "Señor, ñandú",
            ),
        ];
        for (stdout, expected) in table {
            assert_eq!(reply_text(stdout).unwrap(), expected, "{stdout:?}");
        }
        assert!(reply_text("successfully cancelled USSD session\n").is_err());
    }

    #[test]
    fn ussd_status_json() {
        let table = [
            (
                r#"{"modem":{"3gpp":{"ussd":{"network-notification":"--","network-request":"--","status":"idle"}},"dbus-path":"/org/freedesktop/ModemManager1/Modem/0"}}"#,
                (Some("idle"), None, None),
            ),
            (
                r#"{"modem":{"3gpp":{"ussd":{"network-notification":"Saldo $5","network-request":"1. Si\n2. No","status":"user-response"}}}}"#,
                (Some("user-response"), Some("1. Si\n2. No"), Some("Saldo $5")),
            ),
            (r#"{"modem":{"3gpp":{"ussd":{"status":"--"}}}}"#, (None, None, None)),
            (r#"{}"#, (None, None, None)),
        ];
        for (json, (status, request, notification)) in table {
            let doc: ModemDoc = parse_json(json).unwrap();
            let ussd = doc.modem.three_gpp.ussd;
            assert_eq!(ussd.status.as_deref(), status, "{json}");
            assert_eq!(ussd.network_request.as_deref(), request, "{json}");
            assert_eq!(ussd.network_notification.as_deref(), notification, "{json}");
        }
    }

    #[test]
    fn modem_and_sim_json() {
        let modem: ModemDoc = parse_json(
            r#"{"modem":{"3gpp":{"enabled-locks":["fixed-dialing"],"imei":"867","operator-code":"73001","operator-name":"ENTEL PCS","registration-state":"home"},"dbus-path":"/org/freedesktop/ModemManager1/Modem/0","generic":{"sim":"/org/freedesktop/ModemManager1/SIM/0","sim-slots":[],"state":"registered"}}}"#,
        )
        .unwrap();
        assert_eq!(modem.modem.three_gpp.operator_code.as_deref(), Some("73001"));
        assert_eq!(
            modem.modem.generic.sim.as_deref(),
            Some("/org/freedesktop/ModemManager1/SIM/0")
        );

        let unregistered: ModemDoc =
            parse_json(r#"{"modem":{"3gpp":{"operator-code":"--","operator-name":""},"generic":{"sim":"--"}}}"#)
                .unwrap();
        assert_eq!(unregistered.modem.three_gpp.operator_code, None);
        assert_eq!(unregistered.modem.generic.sim, None);

        let sim: SimDoc = parse_json(
            r#"{"sim":{"dbus-path":"/org/freedesktop/ModemManager1/SIM/0","properties":{"active":"yes","iccid":"8956","imsi":"73001","operator-code":"73001","operator-name":"Entel"}}}"#,
        )
        .unwrap();
        assert_eq!(sim.sim.properties.operator_code.as_deref(), Some("73001"));
    }

    #[test]
    fn sms_json() {
        let doc: SmsDoc = parse_json(
            "{\"sms\":{\"content\":{\"data\":\"--\",\"number\":\"+56912345678\",\"text\":\"Saldo: $1.500\\nVence 30/11 \u{1f}\"},\"dbus-path\":\"/org/freedesktop/ModemManager1/SMS/4\",\"properties\":{\"pdu-type\":\"deliver\",\"state\":\"received\",\"storage\":\"me\",\"timestamp\":\"2026-11-02T10:15:00-03:00\"}}}",
        )
        .unwrap();
        let sms = doc.into_sms(SmsRef::new("/org/freedesktop/ModemManager1/SMS/4"));
        assert_eq!(sms.number.as_deref(), Some("+56912345678"));
        assert_eq!(sms.text, "Saldo: $1.500\nVence 30/11 \u{1f}");
        assert_eq!(sms.state, SmsState::Received);

        let states = [
            ("stored", SmsState::Stored),
            ("receiving", SmsState::Receiving),
            ("sending", SmsState::Sending),
            ("sent", SmsState::Sent),
            ("--", SmsState::Unknown),
        ];
        for (state, expected) in states {
            let json = format!(r#"{{"sms":{{"properties":{{"state":"{state}","timestamp":"--"}}}}}}"#);
            let sms = parse_json::<SmsDoc>(&json).unwrap().into_sms(SmsRef::new("x"));
            assert_eq!((sms.state, sms.text.as_str()), (expected, ""), "{state}");
        }
    }

    #[test]
    fn sms_list_json() {
        let table: [(&str, &[&str]); 4] = [
            (
                r#"{"modem.messaging.sms":["/org/freedesktop/ModemManager1/SMS/0","/org/freedesktop/ModemManager1/SMS/3"]}"#,
                &[
                    "/org/freedesktop/ModemManager1/SMS/0",
                    "/org/freedesktop/ModemManager1/SMS/3",
                ],
            ),
            (r#"{"modem.messaging.sms":[]}"#, &[]),
            (
                r#"{"modem":{"messaging":{"sms":["/org/freedesktop/ModemManager1/SMS/1"]}}}"#,
                &["/org/freedesktop/ModemManager1/SMS/1"],
            ),
            (r#"{}"#, &[]),
        ];
        for (json, expected) in table {
            assert_eq!(sms_paths(&parse_json(json).unwrap()), expected, "{json}");
        }
    }

    #[test]
    fn created_sms_paths() {
        let table = [
            (
                "Successfully created new SMS: /org/freedesktop/ModemManager1/SMS/21\n",
                Some("/org/freedesktop/ModemManager1/SMS/21"),
            ),
            (
                "Successfully created new SMS:\n\t/org/freedesktop/ModemManager1/SMS/2 (unknown)\n",
                Some("/org/freedesktop/ModemManager1/SMS/2"),
            ),
            (
                "Successfully created new SMS: /org/freedesktop/ModemManager1/SMS/\n",
                None,
            ),
            ("", None),
        ];
        for (stdout, expected) in table {
            assert_eq!(
                created_sms(stdout).ok().as_ref().map(SmsRef::as_str),
                expected,
                "{stdout:?}"
            );
        }
    }

    #[test]
    fn sms_property_strings() {
        let table = [
            ("103", "SALDO", Ok("number='103',text='SALDO'")),
            (
                " +56912345678 ",
                "saldo, por favor",
                Ok("number='+56912345678',text='saldo, por favor'"),
            ),
            ("103", "it's", Ok("number='103',text=\"it's\"")),
            ("103", "it's \"x\"", Err("has both")),
            ("", "SALDO", Err("is not a number")),
            ("10 3", "SALDO", Err("is not a number")),
            ("103',text='x", "SALDO", Err("is not a number")),
        ];
        for (to, text, expected) in table {
            match (sms_properties(to, text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want),
                (Err(got), Err(want)) => assert!(got.to_string().contains(want), "{got}"),
                (got, want) => panic!("{to:?} {text:?}: {got:?} vs {want:?}"),
            }
        }
    }

    #[test]
    fn lte_only_modes() {
        let table = [
            ("allowed: 4g; preferred: none", true),
            ("allowed: 4g, 5g; preferred: 5g", true),
            ("allowed: 3g, 4g; preferred: 4g", false),
            ("allowed: 2g, 3g, 4g; preferred: 4g", false),
            ("allowed: any; preferred: none", false),
            ("", false),
        ];
        for (modes, lte_only) in table {
            assert_eq!(is_lte_only(modes), lte_only, "{modes}");
        }
    }

    #[test]
    fn mmcli_errors_become_fixes() {
        let any = ModemSelector::Any;
        let table = [
            (
                "error: couldn't initiate USSD session: 'GDBus.Error:org.freedesktop.ModemManager1.Error.Core.Unauthorized: PolicyKit authorization failed: not authorized for 'org.freedesktop.ModemManager1.USSD''",
                ErrorKind::Credentials,
                "ModemManager refused: user `pi` is not authorized to use the modem (polkit)",
            ),
            (
                "error: couldn't create new SMS: 'GDBus.Error:org.freedesktop.PolicyKit1.Error.NotAuthorized: not allowed'",
                ErrorKind::Credentials,
                "ModemManager refused: user `pi` is not authorized to use the modem (polkit)",
            ),
            (
                "error: modem not enabled yet",
                ErrorKind::Temporary,
                "modem `any` is not enabled",
            ),
            (
                "error: modem has no 3GPP USSD capabilities",
                ErrorKind::Failure,
                "modem `any` cannot do USSD",
            ),
            (
                "error: modem has no messaging capabilities",
                ErrorKind::Failure,
                "modem `any` cannot send or read SMS",
            ),
            (
                "error: couldn't find modem",
                ErrorKind::Temporary,
                "no modem found for `any`",
            ),
            (
                "error: couldn't find the ModemManager process in the bus",
                ErrorKind::Temporary,
                "ModemManager is not running",
            ),
            (
                "error: couldn't get bus: Could not connect: No such file or directory",
                ErrorKind::Temporary,
                "cannot reach the system D-Bus, which ModemManager needs",
            ),
            (
                "error: couldn't initiate USSD session: 'GDBus.Error:org.freedesktop.ModemManager1.Error.Core.Aborted: USSD terminated by network'",
                ErrorKind::Temporary,
                "the network ended the USSD session",
            ),
            (
                "error: couldn't initiate USSD session: 'GDBus.Error:org.freedesktop.ModemManager1.Error.Core.WrongState: Cannot initiate USSD: a session is already active'",
                ErrorKind::Temporary,
                "another USSD session is open on the modem",
            ),
            (
                "error: couldn't send response in USSD session: 'GDBus.Error:org.freedesktop.ModemManager1.Error.Core.WrongState: Cannot respond USSD: no active session'",
                ErrorKind::Temporary,
                "the USSD session ended before its menu was answered",
            ),
            (
                "error: couldn't send response in USSD session: 'GDBus.Error:org.freedesktop.ModemManager1.Error.MobileEquipment.NotSupported: Operation not supported'",
                ErrorKind::Failure,
                "the network or the modem refused the USSD request as not supported",
            ),
            (
                "error: couldn't initiate USSD session: 'Timeout was reached'",
                ErrorKind::Temporary,
                "the modem or the network did not answer in time",
            ),
            (
                "error: invalid modem string specified: 'x'\nmore",
                ErrorKind::Failure,
                "error: invalid modem string specified: 'x'",
            ),
            ("", ErrorKind::Failure, "mmcli failed with exit status 1 and no message"),
        ];
        for (stderr, kind, message) in table {
            let err = crate::error::classify(&mmcli_failure(stderr, Some(1), &any, "pi").into());
            assert_eq!((err.kind, err.message.as_str()), (kind, message), "{stderr}");
        }
    }

    #[test]
    fn polkit_rule_text() {
        let expected = r#"polkit.addRule(function (action, subject) {
  if ((action.id == "org.freedesktop.ModemManager1.USSD" ||
       action.id == "org.freedesktop.ModemManager1.Messaging") &&
      subject.user == "pi") {
    return polkit.Result.YES;
  }
});"#;
        assert_eq!(polkit_rule("pi"), expected);
    }

    #[test]
    fn polkit_hint_holds_the_rule() {
        let err = mmcli_failure("error: not authorized", Some(1), &ModemSelector::Index(0), "pi");
        let hint = crate::error::classify(&err.into()).hint.unwrap();
        for needle in [
            "/etc/polkit-1/rules.d/50-topup.rules",
            "action.id == \"org.freedesktop.ModemManager1.USSD\"",
            "action.id == \"org.freedesktop.ModemManager1.Messaging\"",
            "subject.user == \"pi\"",
            "return polkit.Result.YES;",
        ] {
            assert!(hint.contains(needle), "{needle} in {hint}");
        }
    }
}
