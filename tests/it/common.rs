//! The harness: every test gets its own temporary HOME, config and state
//! directories, a fixed clock and an environment free of the caller's
//! `TOPUP_*` variables, then runs the real `topup` binary with stdin closed
//! (not a terminal) and inspects stdout, stderr, the ledger and the sandbox.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;
use topup::channel::sandbox::Sandbox;
use topup::domain::{Msisdn, Order};
use topup::ledger::{Ledger, OrderFilter};

/// The fixed clock most tests run at: a Wednesday in November, 09:00 in Santiago.
pub const NOW: &str = "2026-11-25T12:00:00Z";

/// The stderr line every human output on the sandbox starts with.
pub const BANNER: &str = "sandbox: simulated network, fictional plans, no money moves";

/// Demo lines of the built-in sandbox and their numbers.
pub const DEMO_ENTEL: &str = "+56990000001";
pub const DEMO_WOM: &str = "+56990000004";

/// A sandbox line with an auto policy that is due (300 MB < 1 GB).
pub const AUTO_CASA: &str = "[lines.casa]\nmsisdn = \"+56 9 9000 0004\"\noperator = \"wom\"\nbalance = \"sandbox\"\n\
    pay = \"sandbox\"\n[lines.casa.auto]\nplan = \"sandbox-wom-3gb\"\nwhen_data_below = \"1 GB\"\n";

/// stdout, then stderr, with run-specific values (order ids, gateway
/// references) replaced: what snapshots compare.
pub fn shown(run: &Run) -> String {
    let uuid = regex::Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let short_id = regex::Regex::new(r"\b01[0-9a-f]{6}(-[0-9a-f]{1,4})?\b").unwrap();
    let reference = regex::Regex::new(r"SBX-[0-9a-f]{12}").unwrap();
    let text = format!("{}--- stderr ---\n{}", run.stdout, run.stderr);
    let text = uuid.replace_all(&text, "[order id]");
    let text = short_id.replace_all(&text, "[order]");
    reference.replace_all(&text, "SBX-[reference]").into_owned()
}

/// A temporary home for one test.
pub struct Env {
    dir: TempDir,
    now: String,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            now: NOW.to_string(),
        }
    }

    /// Moves the fixed clock (`TOPUP_NOW`) for the following runs.
    pub fn set_now(&mut self, now: &str) {
        self.now = now.to_string();
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// `TOPUP_STATE_DIR`: not created by the harness, so a run that should
    /// write nothing can be seen to create nothing.
    pub fn state_dir(&self) -> PathBuf {
        self.home().join("state")
    }

    /// Where topup looks for its config without `--config`.
    pub fn default_config_path(&self) -> PathBuf {
        self.home().join("xdg-config").join("topup").join("config.toml")
    }

    /// Writes the default config file (found without `--config`); returns its path.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.default_config_path();
        std::fs::create_dir_all(path.parent().expect("parent")).expect("config dir");
        std::fs::write(&path, text).expect("write config");
        path
    }

    /// Writes a config file under another name (for `--config`); returns its path.
    pub fn write_file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.home().join(name);
        std::fs::write(&path, text).expect("write file");
        path
    }

    /// The `topup` binary with this test's environment and nothing else of ours.
    pub fn topup(&self, args: &[&str]) -> Command {
        let mut cmd = Command::from_std(self.std_command(args));
        cmd.timeout(Duration::from_secs(30));
        cmd
    }

    /// The same as a plain `std::process::Command`, for tests that spawn
    /// topup and act while it runs (stdin closed, output captured).
    pub fn std_command(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("topup"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("TOPUP_") {
                cmd.env_remove(&key);
            }
        }
        for key in [
            "XDG_CONFIG_HOME",
            "XDG_STATE_HOME",
            "CLICOLOR_FORCE",
            "RUST_BACKTRACE",
            "COLUMNS",
            // English unless a test asks: the machine's locale is not the test's.
            "LANG",
            "LC_ALL",
            "LC_MESSAGES",
            "LANGUAGE",
            // A recharge page opens only in the browser a test names.
            "BROWSER",
        ] {
            cmd.env_remove(key);
        }
        cmd.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("xdg-config"))
            .env("XDG_STATE_HOME", self.home().join("xdg-state"))
            .env("TOPUP_STATE_DIR", self.state_dir())
            .env("TOPUP_NOW", &self.now)
            .env("NO_COLOR", "1")
            // Times are shown in the reader's zone: a Chilean reader's here.
            .env("TZ", "America/Santiago")
            .current_dir(self.home())
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .args(args);
        cmd
    }

    /// `std_command` with arguments that need not be UTF-8
    /// (`OsString::from_vec`).
    pub fn std_command_os(&self, args: &[OsString]) -> std::process::Command {
        let mut cmd = self.std_command(&[]);
        cmd.args(args);
        cmd
    }

    /// Holds the run lock as another topup would, until dropped.
    pub fn hold_run_lock(&self) -> std::fs::File {
        std::fs::create_dir_all(self.state_dir()).unwrap();
        let lock = std::fs::File::create(self.state_dir().join("topup.lock")).unwrap();
        lock.try_lock().expect("the test takes the lock");
        lock
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.topup(args))
    }

    /// Runs with a simulated fault (`TOPUP_SANDBOX_FAULT`).
    pub fn run_fault(&self, fault: &str, args: &[&str]) -> Run {
        let mut cmd = self.topup(args);
        cmd.env("TOPUP_SANDBOX_FAULT", fault);
        Run::of(cmd)
    }

    /// Every order in the ledger, newest first; none if there is no ledger.
    pub fn orders(&self) -> Vec<Order> {
        match self.ledger() {
            Some(l) => l.orders(&OrderFilter::default()).expect("ledger orders"),
            None => Vec::new(),
        }
    }

    /// Number of orders in the ledger; 0 if there is no ledger.
    pub fn ledger_count(&self) -> u64 {
        self.ledger().map_or(0, |l| l.count().expect("ledger count"))
    }

    fn ledger(&self) -> Option<Ledger> {
        let path = self.state_dir().join("ledger.sqlite3");
        path.exists().then(|| Ledger::open(&path).expect("open ledger"))
    }

    /// Payments the simulated network applied (confirmed) for a number.
    pub fn sandbox_payments(&self, msisdn: &str) -> u64 {
        if !self.state_dir().join("sandbox.sqlite3").exists() {
            return 0;
        }
        let sandbox = Sandbox::open(&self.state_dir(), None).expect("open sandbox");
        sandbox
            .payments_for(&msisdn.parse::<Msisdn>().expect("msisdn"))
            .expect("payments")
    }

    /// `balance LINE --json` for one line: its entry in `lines`.
    pub fn balance_of(&self, line: &str) -> Value {
        let doc = self.run(&["balance", line, "--json"]).ok().json();
        let lines = doc["lines"].as_array().expect("lines");
        assert_eq!(lines.len(), 1, "{doc}");
        lines[0].clone()
    }

    /// Data left on a line, in bytes, from `balance --json`.
    pub fn data_left(&self, line: &str) -> u64 {
        self.balance_of(line)["data_left_bytes"]
            .as_u64()
            .expect("data_left_bytes")
    }
}

/// What one run of topup did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(mut cmd: Command) -> Run {
        let out = cmd.output().expect("run topup");
        Run {
            // No code means killed by a signal (or the harness timeout).
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts the exit code, showing both streams if it differs.
    #[track_caller]
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn ok(self) -> Run {
        self.code(0)
    }

    /// stdout as one JSON document.
    #[track_caller]
    pub fn json(&self) -> Value {
        json(&self.stdout)
    }

    /// stderr without the sandbox banner.
    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().filter(|l| !l.starts_with(BANNER)).collect()
    }

    pub fn banners(&self) -> usize {
        self.stderr.lines().filter(|l| l.starts_with(BANNER)).count()
    }

    /// The error: exactly one `error: …` line on stderr (besides the banner
    /// and warnings); returns it.
    #[track_caller]
    pub fn error_line(&self) -> String {
        let errors: Vec<&str> = self
            .stderr_lines()
            .into_iter()
            .filter(|l| !l.starts_with("warning: "))
            .collect();
        assert_eq!(errors.len(), 1, "one error line expected on stderr:\n{}", self.stderr);
        assert!(errors[0].starts_with("error: "), "stderr: {}", self.stderr);
        assert!(
            errors[0].len() > "error: ".len() + 10,
            "an empty error: {}",
            self.stderr
        );
        errors[0].to_string()
    }

    /// The `--json` error object: stderr is exactly one JSON document
    /// `{"error": {code, exit, message, hint}}`; returns the inner object.
    #[track_caller]
    pub fn json_error(&self) -> Value {
        let lines: Vec<&str> = self.stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines.len(),
            1,
            "one JSON error line expected on stderr:\n{}",
            self.stderr
        );
        let doc = json(lines[0]);
        let obj = doc.as_object().expect("an object");
        assert_eq!(obj.len(), 1, "{doc}");
        let err = doc["error"].clone();
        for key in ["code", "exit", "message", "hint"] {
            assert!(err.get(key).is_some(), "`{key}` missing in {doc}");
        }
        assert_eq!(err["exit"].as_i64(), Some(i64::from(self.code)), "{doc}");
        assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()), "{doc}");
        err
    }
}

/// What one run did, kept as bytes: for hostile input, where an answer that
/// is not UTF-8 is a finding to report rather than a harness panic.
#[derive(Debug)]
pub struct RawRun {
    /// `None`: killed by a signal (a crash, or the harness timeout).
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl RawRun {
    pub fn of(cmd: std::process::Command) -> RawRun {
        let mut cmd = Command::from_std(cmd);
        cmd.timeout(Duration::from_secs(60));
        let out = cmd.output().expect("run topup");
        RawRun {
            code: out.status.code(),
            stdout: out.stdout,
            stderr: out.stderr,
        }
    }

    /// stderr as text, invalid bytes replaced.
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Parses JSON, showing the text when it is not JSON.
#[track_caller]
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The keys of a JSON object, sorted.
pub fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .cloned()
        .collect();
    k.sort();
    k
}

/// Asserts `v` has at least these keys (DESIGN.md: fields may be added, never renamed).
#[track_caller]
pub fn assert_has_keys(v: &Value, wanted: &[&str]) {
    let have = keys(v);
    for k in wanted {
        assert!(have.iter().any(|h| h == k), "`{k}` missing in {v}");
    }
}

/// The order fields DESIGN.md promises.
pub const ORDER_FIELDS: [&str; 13] = [
    "id",
    "line",
    "msisdn",
    "operator",
    "plan_id",
    "amount_clp",
    "pay",
    "status",
    "gateway_ref",
    "created_at",
    "updated_at",
    "error",
    "via",
];

/// Runs `args` in an 80x24 pseudo-terminal (`tests/fixtures/pty/drive.py`),
/// typing each step's keys once its text shows; returns the exit code and
/// everything shown. `extra` is added to the test's environment. A prompt
/// that never comes fails the test.
pub fn in_a_terminal(
    env: &Env,
    args: &[&str],
    extra: &[(&str, &std::ffi::OsStr)],
    script: &[(&str, &str)],
) -> (i64, String) {
    let plain = env.std_command(&[]);
    let envs = plain
        .get_envs()
        .filter_map(|(k, v)| Some((k.to_owned(), v?.to_owned())));
    let output = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty/drive.py"))
        .arg(serde_json::to_string(script).unwrap())
        .arg(plain.get_program())
        .args(args)
        .env_clear()
        .envs(envs)
        .envs(extra.iter().map(|(k, v)| (*k, *v)))
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TERM", "xterm")
        .output()
        .expect("python3 runs the pty driver");
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).expect("the driver's JSON");
    assert!(doc.get("timeout").is_none(), "a prompt never came: {doc}");
    (doc["exit"].as_i64().unwrap(), doc["output"].as_str().unwrap().into())
}

/// Buys `plan` for `line` with `--yes --json`; returns the order.
#[track_caller]
pub fn renew_ok(env: &Env, line: &str, plan: &str) -> Value {
    let run = env.run(&["renew", line, "--plan", plan, "--yes", "--json"]).ok();
    let doc = run.json();
    assert_eq!(doc["order"]["status"], "confirmed", "{doc}");
    doc["order"].clone()
}
