//! The real ModemManager for `real_modem.rs`. `tests/support/mmstack.py`
//! starts a private system bus, polkitd, one simulated AT modem per test and
//! the daemon, once per run of this test binary (a start takes a few
//! seconds), and stops everything it started, by PID, when this binary's
//! end closes its stdin: normal exit (`atexit` waits for it), a failed
//! test, a panic or a kill alike.
//!
//! Where the machine cannot run it (not root, no CAP_SYS_ADMIN, no
//! `modemmanager` package), the tests return early and the run prints one
//! `skipped: …` line; `TOPUP_REQUIRE_REAL_MM=1` (set by `.ci/run` where
//! `unshare -m` works) turns that into a failure. A stack that should have
//! started and did not always fails the tests.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

use crate::common::{Env, Run};

/// The modems, each named for the one test that uses it, and the scenario
/// it plays (`tests/fixtures/mmcli/`, shared with the fake mmcli). A modem
/// per test keeps USSD sessions and ModemManager's cached cancel (per
/// modem) from leaking between tests running in parallel.
const MODEMS: [(&str, &str); 14] = [
    ("walk", "menu"),
    ("one-shot", "menu"),
    ("sim-operator", "wom-saldo"),
    ("stale", "menu"),
    ("stale-ended", "stale-menu"),
    ("network-end", "menu"),
    ("disabled", "disabled"),
    ("polkit", "menu"),
    ("sms", "sms"),
    ("purchase-fails", "wom-saldo"),
    ("purchase-after-stale", "wom-saldo"),
    ("texts-ussd", "menu"),
    ("texts-sms", "sms"),
    ("texts-disabled", "disabled"),
];

pub struct Stack {
    bus: String,
    polkit_rules: PathBuf,
    modems: HashMap<String, SimModem>,
}

struct SimModem {
    path: String,
    log: PathBuf,
}

enum NotStarted {
    /// This machine cannot run it: skip, unless required.
    Unavailable(String),
    /// It should have started: fail.
    Failed(String),
}

static STACK: OnceLock<Result<Stack, NotStarted>> = OnceLock::new();
/// mmstack.py, held until this process exits.
static SUPERVISOR: Mutex<Option<Child>> = Mutex::new(None);

/// The shared stack, started by the first test that asks; None when this
/// machine cannot run it (said once on stderr).
pub fn stack() -> Option<&'static Stack> {
    match STACK.get_or_init(start) {
        Ok(stack) => Some(stack),
        Err(NotStarted::Unavailable(why)) => {
            assert!(
                !std::env::var("TOPUP_REQUIRE_REAL_MM").is_ok_and(|v| v != "0"),
                "TOPUP_REQUIRE_REAL_MM is set, but the real ModemManager tests cannot run: they need {why}"
            );
            None
        }
        Err(NotStarted::Failed(why)) => panic!("the real ModemManager stack did not start: {why}"),
    }
}

fn start() -> Result<Stack, NotStarted> {
    let result = launch();
    if let Err(NotStarted::Unavailable(why)) = &result {
        // Straight to stderr, past the test harness's capture: one line
        // for the whole run, so a skip is never silent.
        let _ = writeln!(std::io::stderr(), "skipped: real ModemManager tests need {why}");
    }
    result
}

fn launch() -> Result<Stack, NotStarted> {
    let support = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/mmstack.py");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli");
    let specs =
        MODEMS.map(|(name, scenario)| format!("{name}={}", fixtures.join(format!("{scenario}.json")).display()));
    let mut child = Command::new("python3")
        .arg(&support)
        .args(specs)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| NotStarted::Unavailable(format!("python3 to run {} ({e})", support.display())))?;
    let stdout = child.stdout.take();
    *SUPERVISOR.lock().unwrap_or_else(|e| e.into_inner()) = Some(child);
    // SAFETY: registers a plain function once; it runs at exit, after the
    // tests, and only touches the supervisor's handle.
    unsafe { libc::atexit(stop_at_exit) };
    let mut line = String::new();
    if let Some(stdout) = stdout {
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| NotStarted::Failed(format!("reading mmstack.py: {e}")))?;
    }
    let doc: Value = serde_json::from_str(&line)
        .map_err(|_| NotStarted::Failed(format!("mmstack.py printed {line:?}; see its stderr above")))?;
    if let Some(why) = doc["unavailable"].as_str() {
        return Err(NotStarted::Unavailable(why.to_string()));
    }
    if let Some(why) = doc["failed"].as_str() {
        return Err(NotStarted::Failed(why.to_string()));
    }
    let ready = &doc["ready"];
    let text = |key: &str| ready[key].as_str().map(String::from).unwrap_or_default();
    let modems = ready["modems"]
        .as_object()
        .map(|modems| {
            modems
                .iter()
                .map(|(name, m)| {
                    let field = |key: &str| m[key].as_str().unwrap_or_default().to_string();
                    (
                        name.clone(),
                        SimModem {
                            path: field("path"),
                            log: PathBuf::from(field("log")),
                        },
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let _ = writeln!(
        std::io::stderr(),
        "real ModemManager {} started in {}s with {} simulated modems",
        text("version"),
        ready["start_seconds"],
        MODEMS.len()
    );
    Ok(Stack {
        bus: text("bus"),
        polkit_rules: PathBuf::from(text("polkit_rules")),
        modems,
    })
}

/// Closes mmstack.py's stdin and waits while it stops what it started.
extern "C" fn stop_at_exit() {
    if let Ok(mut supervisor) = SUPERVISOR.try_lock()
        && let Some(mut child) = supervisor.take()
    {
        drop(child.stdin.take());
        let _ = child.wait();
    }
}

impl Stack {
    /// The D-Bus path of a test's modem.
    pub fn modem(&self, name: &str) -> &str {
        &self
            .modems
            .get(name)
            .unwrap_or_else(|| panic!("no simulated modem `{name}` in MODEMS"))
            .path
    }

    /// What reached the simulated network from a modem, in order: each USSD
    /// code with the menu answers that followed it (`*103# 2 3`), `cancel`,
    /// `network ended the menu` (left open too long), `sms 103 SALDO`,
    /// `delete 2`.
    pub fn requests(&self, name: &str) -> Vec<String> {
        let Some(modem) = self.modems.get(name) else {
            panic!("no simulated modem `{name}` in MODEMS");
        };
        let log = std::fs::read_to_string(&modem.log).unwrap_or_default();
        let mut requests: Vec<String> = Vec::new();
        let mut in_session = false;
        for line in log.lines() {
            let event: Value = serde_json::from_str(line).expect("a JSON line");
            if let Some(text) = event["ussd"].as_str() {
                let is_code = text.starts_with(['*', '#']);
                match requests.last_mut() {
                    Some(session) if in_session && !is_code => *session = format!("{session} {text}"),
                    _ => requests.push(text.to_string()),
                }
                in_session = true;
                continue;
            }
            in_session = false;
            requests.push(if event["cancel"] == true {
                "cancel".to_string()
            } else if let Some(sms) = event.get("sms") {
                format!(
                    "sms {} {}",
                    sms["to"].as_str().unwrap_or("?"),
                    sms["text"].as_str().unwrap_or("?")
                )
            } else if let Some(index) = event["delete"].as_u64() {
                format!("delete {index}")
            } else if event.get("network_ended").is_some() {
                "network ended the menu".to_string()
            } else {
                event.to_string()
            });
        }
        requests
    }

    /// The real mmcli on the private bus.
    pub fn mmcli(&self, args: &[&str]) -> Output {
        self.mmcli_as(None, args)
    }

    /// The real mmcli, as another user if given (polkit judges mmcli).
    pub fn mmcli_as(&self, user: Option<&str>, args: &[&str]) -> Output {
        let mut cmd = match user {
            Some(user) => {
                let mut cmd = Command::new("setpriv");
                cmd.args([
                    &format!("--reuid={user}"),
                    &format!("--regid={user}"),
                    "--clear-groups",
                    "mmcli",
                ]);
                cmd
            }
            None => Command::new("mmcli"),
        };
        cmd.args(args)
            .env("DBUS_SYSTEM_BUS_ADDRESS", &self.bus)
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null())
            .output()
            .expect("run mmcli")
    }

    /// topup in a test's home, with the real mmcli on the private bus.
    pub fn topup(&self, env: &Env, args: &[&str]) -> std::process::Command {
        let mut cmd = env.std_command(args);
        cmd.env("TOPUP_MMCLI", "mmcli")
            .env("DBUS_SYSTEM_BUS_ADDRESS", &self.bus)
            .env("USER", "root");
        cmd
    }

    pub fn run(&self, env: &Env, args: &[&str]) -> Run {
        run_bounded(self.topup(env, args))
    }

    /// The directory polkitd reads rules from (its /etc/polkit-1/rules.d).
    pub fn polkit_rules(&self) -> &Path {
        &self.polkit_rules
    }
}

/// Runs a topup command to its end, killed after a minute.
pub fn run_bounded(cmd: Command) -> Run {
    let mut cmd = assert_cmd::Command::from_std(cmd);
    cmd.timeout(std::time::Duration::from_secs(60));
    Run::of(cmd)
}
