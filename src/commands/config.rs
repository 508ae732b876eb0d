//! `topup config check`: the config loaded (a bad one is exit 2 before this
//! runs), the files topup uses, each line's channels, and whether Reloadly
//! has a secret to use (never the secret). `config init` is `config_init`.

use std::borrow::Cow;
use std::path::Path;

use serde::Serialize;

use crate::app::{App, Env, non_empty};
use crate::cli::ConfigCommand;
use crate::config::{Line, Located, ReloadlyEnvironment, locate};
use crate::error::TopupError;
use crate::output::{Output, or_dash};
use crate::t;

pub fn run(app: &App, command: ConfigCommand) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Check => check(app),
        // `main` runs it before any config is loaded.
        ConfigCommand::Init(_) => Err(TopupError::usage(crate::t!("config-init-late")).into()),
    }
}

/// `config check`'s report.
#[derive(Serialize)]
struct Report<'a> {
    valid: bool,
    /// The file read; `null` on the built-in sandbox.
    config: Option<Cow<'a, str>>,
    state_dir: Cow<'a, str>,
    ledger: String,
    lock: String,
    /// JSON strings are Unicode: false when a path above is not UTF-8 (shown
    /// lossily, so no script should use it).
    paths_utf8: bool,
    lines: &'a [Line],
    reloadly: Option<Reloadly>,
    /// Where `config init` would write, when there is no config.
    #[serde(skip)]
    default_path: Option<String>,
}

#[derive(Serialize)]
struct Reloadly {
    environment: &'static str,
    /// Where the client secret would come from: `env`, `file`, `command`, or `null`.
    client_secret: Option<&'static str>,
}

fn check(app: &App) -> anyhow::Result<()> {
    let env = Env::from_process();
    let config = &app.config;
    let state = &app.state_dir;
    let (ledger, lock) = (state.join("ledger.sqlite3"), state.join("topup.lock"));
    let paths = [config.path.as_deref(), Some(state.as_path())];
    let reloadly = config.reloadly.as_ref().map(|r| Reloadly {
        environment: match r.environment {
            ReloadlyEnvironment::Sandbox => "sandbox",
            ReloadlyEnvironment::Live => "live",
        },
        // The order `secrets::resolve` reads them in.
        client_secret: if non_empty(env.reloadly_secret.as_deref()).is_some() {
            Some("env")
        } else if r.client_secret_file.is_some() {
            Some("file")
        } else {
            r.client_secret_command.as_ref().map(|_| "command")
        },
    });
    if reloadly.as_ref().is_some_and(|r| r.client_secret.is_none()) {
        crate::diag::warn(crate::t!("warn-no-secret"));
    }
    for line in config.lines.iter().filter(|l| l.balance.reads_sim()) {
        let codes = line
            .operator
            .and_then(|op| config.operator(op))
            .is_some_and(|oc| oc.balance_ussd.is_some() || oc.balance_sms.is_some());
        if let (Some(op), false) = (line.operator, codes) {
            crate::diag::warn(crate::t!(
                "warn-no-balance-codes",
                line = line.name.as_str(),
                operator = op.to_string()
            ));
        }
    }
    let default_path = match locate(None, None, env.home.as_deref(), env.xdg_config.as_deref()) {
        Located::Default(p) if config.path.is_none() => Some(p.display().to_string()),
        _ => None,
    };
    let report = Report {
        valid: true,
        config: config.path.as_deref().map(Path::to_string_lossy),
        state_dir: state.to_string_lossy(),
        ledger: ledger.to_string_lossy().into_owned(),
        lock: lock.to_string_lossy().into_owned(),
        paths_utf8: paths.iter().flatten().all(|p| p.to_str().is_some()),
        lines: &config.lines,
        reloadly,
        default_path,
    };
    app.out.print(app.uses_sandbox(&config.lines), &report, render)
}

fn render(r: &Report, out: &Output) {
    match (&r.config, &r.default_path) {
        (Some(path), _) => out.line(t!("check-config-ok", path = path.as_ref())),
        (None, Some(path)) => {
            out.line(t!("check-no-config-at", path = path.as_str()));
            out.line(t!("check-sandbox-init"));
        }
        (None, None) => out.line(t!("check-no-config")),
    }
    for (label, path) in [
        ("check-state-dir", r.state_dir.as_ref()),
        ("check-ledger", &r.ledger),
        ("check-lock", &r.lock),
    ] {
        out.line(format!("  {} {path}", crate::output::pad(&t!(label), 10)));
    }
    out.line("");
    let mut table = out.table(&[
        (t!("col-line"), 0),
        (t!("col-number"), 0),
        (t!("col-operator"), 1),
        (t!("col-balance"), 0),
        (t!("col-pay"), 0),
    ]);
    for l in r.lines {
        let operator = l.operator.map_or_else(|| t!("from-sim"), |o| o.to_string());
        table.add_row(vec![
            l.name.as_str().into(),
            l.msisdn.pretty().into(),
            operator.into(),
            l.balance.to_string().into(),
            or_dash(l.pay).into(),
        ]);
    }
    if r.lines.is_empty() {
        out.line(t!("check-no-lines"));
    } else {
        out.print_table(&table);
    }
    out.line("");
    out.line(match &r.reloadly {
        None => t!("check-reloadly-none"),
        Some(rl) => {
            let source = match rl.client_secret {
                Some("env") => "TOPUP_RELOADLY_CLIENT_SECRET".to_string(),
                Some("file") => "client_secret_file".to_string(),
                Some(_) => "client_secret_command".to_string(),
                None => t!("check-secret-nowhere"),
            };
            t!(
                "check-reloadly",
                environment = rl.environment.to_string(),
                source = source
            )
        }
    });
}
