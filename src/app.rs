//! The context commands share: config, state directory, clock, output mode,
//! and the ledger and channels, opened on first use so that commands that
//! need none of them stay fast.

use std::cell::OnceCell;

use anyhow::Context;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::channel::modem::ModemTurns;
use crate::channel::reloadly::{Reloadly, ReloadlySettings};
use crate::channel::sandbox::{Fault, Sandbox};
use crate::channel::web::Browser;
use crate::config::{Config, Line};
use crate::domain::Msisdn;
use crate::domain::suggest::did_you_mean;
use crate::domain::timefmt::Clock;
use crate::error::TopupError;
use crate::ledger::{Ledger, LedgerWriter};
use crate::output::Output;
use crate::secrets::{self, SecretSource};

pub struct App {
    pub config: Config,
    pub state_dir: PathBuf,
    pub out: Output,
    /// The system's clock, or `TOPUP_NOW`'s fixed one (tests and demos).
    pub clock: Clock,
    pub fault: Option<Fault>,
    /// Path of `mmcli` (`TOPUP_MMCLI`).
    pub mmcli: PathBuf,
    /// The person's browser, for payments on the operator's page
    /// (`TOPUP_BROWSER`, else `BROWSER`, else `xdg-open`/`open`).
    pub browser: Browser,
    /// `TOPUP_RELOADLY_CLIENT_SECRET`, read once; used only when Reloadly is.
    reloadly_secret_env: Option<OsString>,
    /// `TOPUP_HILINK_PASSWORD`: a HiLink router's password, before its
    /// `password_file`/`password_command`; used only for routers that log in.
    pub hilink_password_env: Option<OsString>,
    ledger: OnceCell<Ledger>,
    /// Where the renewal flow's order writes go (`ledger::LedgerWriter`);
    /// `ledger` is for reading and for other commands' writes.
    ledger_writer: OnceCell<LedgerWriter>,
    sandbox: OnceCell<Sandbox>,
    reloadly: OnceCell<Reloadly>,
    /// One USSD/SMS conversation at a time, across this run's tasks.
    pub modem_turns: ModemTurns,
}

/// The environment topup reads, gathered once so tests can reason about it.
/// Values stay `OsString`: a path is used exactly as given (a lossy copy of
/// a state directory's name would be another directory, with another
/// ledger), and a text value that is not UTF-8 is refused where it is read.
pub struct Env {
    pub now: Option<OsString>,
    pub fault: Option<OsString>,
    pub config: Option<OsString>,
    pub xdg_config: Option<OsString>,
    pub state_dir: Option<OsString>,
    pub xdg_state: Option<OsString>,
    pub home: Option<OsString>,
    pub mmcli: Option<OsString>,
    pub reloadly_secret: Option<OsString>,
    /// `TOPUP_BROWSER`: the program that opens a recharge page (test seam).
    pub topup_browser: Option<OsString>,
    /// `BROWSER`, the usual way to name one's browser.
    pub browser: Option<OsString>,
    pub hilink_password: Option<OsString>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k: &str| std::env::var_os(k);
        Env {
            now: var("TOPUP_NOW"),
            fault: var("TOPUP_SANDBOX_FAULT"),
            config: var("TOPUP_CONFIG"),
            xdg_config: var("XDG_CONFIG_HOME"),
            state_dir: var("TOPUP_STATE_DIR"),
            xdg_state: var("XDG_STATE_HOME"),
            home: var("HOME"),
            mmcli: var("TOPUP_MMCLI"),
            reloadly_secret: var("TOPUP_RELOADLY_CLIENT_SECRET"),
            topup_browser: var("TOPUP_BROWSER"),
            browser: var("BROWSER"),
            hilink_password: var("TOPUP_HILINK_PASSWORD"),
        }
    }
}

/// A variable's value when it is set and not empty (empty counts as unset,
/// as XDG's variables do).
pub fn non_empty(value: Option<&OsStr>) -> Option<&OsStr> {
    value.filter(|v| !v.is_empty())
}

/// A variable that holds text (a time, a fault's name): refused with exit 2
/// when it is not UTF-8, never read lossily.
fn env_text<'a>(name: &str, value: Option<&'a OsStr>) -> anyhow::Result<Option<&'a str>> {
    match non_empty(value) {
        None => Ok(None),
        Some(v) => v.to_str().map(Some).ok_or_else(|| {
            TopupError::usage(crate::t!("env-not-utf8", name = name))
                .hint(crate::t!("hint-env-not-utf8", name = name))
                .into()
        }),
    }
}

impl App {
    pub fn new(config: Config, out: Output, env: &Env) -> anyhow::Result<App> {
        let fixed_now = match env_text("TOPUP_NOW", env.now.as_deref())? {
            Some(v) => Some(v.trim().parse::<Timestamp>().map_err(|_| {
                TopupError::usage(crate::t!("env-now-malformed", value = v.escape_default().to_string()))
                    .hint(crate::t!("hint-env-now"))
            })?),
            None => None,
        };
        let fault = Fault::parse(env_text("TOPUP_SANDBOX_FAULT", env.fault.as_deref())?.unwrap_or(""))?;
        let state_dir = state_dir(env)?;
        check_state_dir(&state_dir)?;
        let ledger = state_dir.join("ledger.sqlite3");
        crate::diag::note(format!("state directory: {}", state_dir.display()));
        let none = if ledger.exists() { "" } else { " (none yet)" };
        crate::diag::note(format!("ledger: {}{none}", ledger.display()));
        Ok(App {
            config,
            state_dir,
            out,
            clock: Clock::fixed_at(fixed_now),
            fault,
            mmcli: non_empty(env.mmcli.as_deref()).map_or_else(|| PathBuf::from("mmcli"), PathBuf::from),
            browser: Browser::from_env(env.topup_browser.as_deref(), env.browser.as_deref()),
            reloadly_secret_env: env.reloadly_secret.clone(),
            hilink_password_env: env.hilink_password.clone(),
            ledger: OnceCell::new(),
            ledger_writer: OnceCell::new(),
            sandbox: OnceCell::new(),
            reloadly: OnceCell::new(),
            modem_turns: ModemTurns::default(),
        })
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    pub fn ensure_state_dir(&self) -> anyhow::Result<&Path> {
        create_private_dir(&self.state_dir)?;
        Ok(&self.state_dir)
    }

    pub fn ledger(&self) -> anyhow::Result<&Ledger> {
        if let Some(l) = self.ledger.get() {
            return Ok(l);
        }
        self.ensure_state_dir()?;
        let ledger = Ledger::open(&self.state_dir.join("ledger.sqlite3"))?;
        Ok(self.ledger.get_or_init(|| ledger))
    }

    /// The ledger's writer thread, started on first use with its own
    /// connection.
    pub fn ledger_writer(&self) -> anyhow::Result<&LedgerWriter> {
        if let Some(w) = self.ledger_writer.get() {
            return Ok(w);
        }
        self.ensure_state_dir()?;
        let ledger = Ledger::open(&self.state_dir.join("ledger.sqlite3"))?;
        let writer = LedgerWriter::start(ledger).with_context(|| crate::t!("ledger-writer-start"))?;
        Ok(self.ledger_writer.get_or_init(|| writer))
    }

    /// The ledger when there is one, for reading: a dry run or a balance
    /// estimate does not create one.
    pub fn existing_ledger(&self) -> anyhow::Result<Option<&Ledger>> {
        if self.ledger.get().is_some() || self.state_dir.join("ledger.sqlite3").exists() {
            return self.ledger().map(Some);
        }
        Ok(None)
    }

    pub fn sandbox(&self) -> anyhow::Result<&Sandbox> {
        if let Some(s) = self.sandbox.get() {
            return Ok(s);
        }
        self.ensure_state_dir()?;
        let sandbox = Sandbox::open(&self.state_dir, self.fault)?;
        Ok(self.sandbox.get_or_init(|| sandbox))
    }

    /// The Reloadly client, built on first use (the secret is read then).
    pub fn reloadly(&self) -> anyhow::Result<&Reloadly> {
        if let Some(r) = self.reloadly.get() {
            return Ok(r);
        }
        let cfg = self.config.reloadly.as_ref().ok_or_else(|| {
            TopupError::usage(crate::t!("reloadly-not-configured")).hint(crate::t!("hint-reloadly-not-configured"))
        })?;
        let secret = secrets::resolve(&SecretSource {
            what: "the Reloadly client secret",
            env_var: "TOPUP_RELOADLY_CLIENT_SECRET",
            env_value: self.reloadly_secret_env.as_deref(),
            file: cfg.client_secret_file.as_deref(),
            command: cfg.client_secret_command.as_deref(),
        })?;
        self.ensure_state_dir()?;
        let client = Reloadly::new(ReloadlySettings {
            environment: cfg.environment,
            client_id: cfg.client_id.clone(),
            client_secret: secret,
            base_url: cfg.base_url.clone(),
            auth_url: cfg.auth_url.clone(),
            audience: cfg.audience.clone(),
            timeout: crate::domain::timefmt::std_duration(cfg.timeout),
            state_dir: self.state_dir.clone(),
        })?;
        Ok(self.reloadly.get_or_init(|| client))
    }

    /// Whether anything this run touches is simulated: the built-in sandbox,
    /// or any of these lines reading or paying through it.
    pub fn uses_sandbox<'a>(&self, lines: impl IntoIterator<Item = &'a Line>) -> bool {
        self.config.is_builtin_sandbox() || lines.into_iter().any(crate::channel::registry::simulated)
    }

    /// A LINE argument: a configured line's name, or a phone number in any
    /// common form. A name matches ignoring case when none matches exactly.
    pub fn resolve_line(&self, arg: &str) -> anyhow::Result<Line> {
        if let Some(line) = self.config.lines.iter().find(|l| l.name == arg) {
            return Ok(line.clone());
        }
        // Names differing only in case are allowed in a config: then refuse to pick.
        let alike: Vec<&Line> = self
            .config
            .lines
            .iter()
            .filter(|l| l.name.eq_ignore_ascii_case(arg))
            .collect();
        match alike[..] {
            [line] => return Ok(line.clone()),
            [_, _, ..] => {
                let names: Vec<String> = alike.iter().map(|l| format!("`{}`", l.name)).collect();
                let names = names.join(&crate::t!("line-and"));
                return Err(
                    TopupError::usage(crate::t!("line-ambiguous", name = arg, lines = names))
                        .hint(crate::t!("hint-line-exact-case"))
                        .into(),
                );
            }
            [] => {}
        }
        if Msisdn::looks_like_number(arg) {
            let msisdn = arg.parse::<Msisdn>().map_err(|e| TopupError::usage(e.to_string()))?;
            if let Some(line) = self.config.lines.iter().find(|l| l.msisdn == msisdn) {
                return Ok(line.clone());
            }
            // The sandbox knows its demo lines only: a balance or plan it made
            // up for a real number would be read as that number's.
            let hint = if self.config.is_builtin_sandbox() {
                crate::t!("hint-line-sandbox-number")
            } else {
                crate::t!("hint-line-add-number")
            };
            return Err(TopupError::usage(crate::t!("line-no-number", number = msisdn.pretty()))
                .hint(hint)
                .into());
        }
        // Escaped where it is printed (`output::printable`); cut here so a
        // pasted paragraph is not echoed whole.
        let shown: String = arg.chars().take(40).collect();
        let known: Vec<&str> = self.config.lines.iter().map(|l| l.name.as_str()).collect();
        let hint = if known.is_empty() {
            crate::t!("hint-no-lines")
        } else {
            let guess = did_you_mean(arg, known.iter().copied())
                .map(|g| g + " ")
                .unwrap_or_default();
            guess + &crate::t!("hint-known-lines", lines = known.join(", "))
        };
        Err(TopupError::usage(crate::t!("line-unknown", name = shown))
            .hint(hint)
            .into())
    }
}

/// `$TOPUP_STATE_DIR`, else `$XDG_STATE_HOME/topup`, else
/// `~/.local/state/topup`, made absolute: `schedule` writes it for cron,
/// which starts in another directory.
pub fn state_dir(env: &Env) -> anyhow::Result<PathBuf> {
    let dir = if let Some(d) = non_empty(env.state_dir.as_deref()) {
        PathBuf::from(d)
    } else if let Some(x) = non_empty(env.xdg_state.as_deref()) {
        PathBuf::from(x).join("topup")
    } else if let Some(h) = non_empty(env.home.as_deref()) {
        PathBuf::from(h).join(".local/state/topup")
    } else {
        return Err(TopupError::usage(crate::t!("state-no-home"))
            .hint(crate::t!("hint-state-dir"))
            .into());
    };
    std::path::absolute(&dir).map_err(|e| {
        TopupError::usage(crate::t!(
            "state-unusable",
            dir = dir.display().to_string(),
            problem = e.to_string()
        ))
        .hint(crate::t!("hint-state-absolute"))
        .into()
    })
}

/// Refuses a state directory that cannot be one (it, or a parent, is a
/// file) before any command starts, so the problem is said once.
fn check_state_dir(dir: &Path) -> anyhow::Result<()> {
    let existing = dir.ancestors().find(|a| a.exists());
    match existing {
        Some(a) if !a.is_dir() => Err(TopupError::usage(crate::t!(
            "state-not-dir",
            dir = dir.display().to_string(),
            file = a.display().to_string()
        ))
        .hint(crate::t!("hint-state-not-dir"))
        .into()),
        _ => Ok(()),
    }
}

/// Creates a directory readable only by its owner: the ledger and token
/// caches are private.
pub fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        TopupError::usage(crate::t!(
            "state-create",
            dir = dir.display().to_string(),
            problem = e.to_string()
        ))
        .hint(crate::t!("hint-state-writable"))
        .into()
    })
}
