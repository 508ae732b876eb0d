//! `topup schedule`: a crontab line and a systemd service + timer pair that
//! run `topup auto` for the current config, with a random delay so a fleet
//! of machines does not hit a gateway at the same second.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::app::App;
use crate::error::TopupError;
use crate::output::Output;

/// How often auto runs, and the most it waits first.
const EVERY_MINUTES: u32 = 30;
const RANDOM_DELAY_SECONDS: u32 = 300;

pub fn run(app: &App) -> anyhow::Result<()> {
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("topup"));
    let mut command = shell_quote(text_path("topup's own path", &exe)?);
    if let Some(path) = &app.config.path {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        command.push_str(&format!(" --config {}", shell_quote(text_path("config", &path)?)));
    }
    command.push_str(" auto --wait-lock 5m");
    // The state directory as this run resolved it: cron and systemd start
    // with another environment (no XDG_STATE_HOME), and a job with another
    // ledger and lock would not see this one's caps, cooldowns and unknown
    // orders.
    let state_dir = text_path("state", &app.state_dir)?;

    // Comments and descriptions for the person who installs them (JSON's
    // are English, like all of JSON).
    let mut crontab = format!("# {}\n", crate::t!("schedule-crontab-comment"));
    crontab.push_str("PATH=/usr/local/bin:/usr/bin:/bin\n");
    crontab.push_str(&format!("TOPUP_STATE_DIR={state_dir}\n"));
    // cron and systemd start jobs without a locale: the language chosen here.
    let lang = crate::i18n::chosen().map(crate::i18n::Lang::as_str);
    if let Some(lang) = lang {
        crontab.push_str(&format!("TOPUP_LANG={lang}\n"));
    }
    // `%` ends a crontab command line, hence the backslashes (a path with
    // a `%` in it too).
    crontab.push_str(&format!(
        "*/{EVERY_MINUTES} * * * * sleep $(( $(od -An -N2 -tu2 /dev/urandom) \\% {RANDOM_DELAY_SECONDS} )); {}\n",
        command.replace('%', "\\%")
    ));

    let mut env_line = format!("Environment=\"TOPUP_STATE_DIR={}\"\n", systemd_escape(state_dir));
    if let Some(lang) = lang {
        env_line.push_str(&format!("Environment=\"TOPUP_LANG={lang}\"\n"));
    }
    let service = format!(
        "# ~/.config/systemd/user/topup-auto.service\n[Unit]\nDescription={}\n\
         Wants=network-online.target\nAfter=network-online.target\n\n[Service]\nType=oneshot\n{env_line}ExecStart={}\n",
        systemd_escape(&crate::t!("schedule-service-description")),
        command.replace('%', "%%")
    );
    let timer = format!(
        "# ~/.config/systemd/user/topup-auto.timer\n[Unit]\nDescription={}\n\n\
         [Timer]\nOnCalendar=*:0/{EVERY_MINUTES}\nRandomizedDelaySec={RANDOM_DELAY_SECONDS}s\nPersistent=true\n\n\
         [Install]\nWantedBy=timers.target\n",
        systemd_escape(&crate::t!("schedule-timer-description", minutes = EVERY_MINUTES))
    );
    let sandbox = app.config.is_builtin_sandbox();
    let report = Report {
        no_config: sandbox,
        command,
        crontab,
        systemd: Systemd { service, timer },
    };
    app.out.print(sandbox, &report, render)
}

/// `schedule`'s report: the command auto runs as, and the texts to install.
#[derive(Serialize)]
struct Report {
    /// People are warned that auto would then run on the demo lines.
    #[serde(skip)]
    no_config: bool,
    command: String,
    crontab: String,
    systemd: Systemd,
}

#[derive(Serialize)]
struct Systemd {
    service: String,
    timer: String,
}

fn render(report: &Report, out: &Output) {
    if report.no_config {
        crate::diag::warn(crate::t!("schedule-no-config"));
    }
    out.line(crate::t!("schedule-cron"));
    out.line(&report.crontab);
    // Comments fit 80 columns; the cron line and unit files are copied whole.
    out.line(crate::t!("schedule-systemd"));
    out.line("#   systemctl --user daemon-reload && systemctl --user enable --now topup-auto.timer");
    out.line(crate::t!("schedule-linger"));
    out.line(&report.systemd.service);
    out.line(&report.systemd.timer);
}

/// A path as crontab and systemd text. Both are text files, so a name that
/// is not UTF-8 cannot be written there as it is, and a control or format
/// character (a newline, a bidi override) would add lines of its own or be
/// shown escaped, which would name another path: such a path is refused.
/// `what` is `config` or `state` (the message names it).
fn text_path<'a>(what: &'static str, path: &'a Path) -> anyhow::Result<&'a str> {
    path.to_str()
        .filter(|t| !t.chars().any(crate::output::is_hidden_or_control))
        .ok_or_else(|| {
            TopupError::usage(crate::t!(
                "schedule-path-not-text",
                what = what,
                path = path.display().to_string()
            ))
            .hint(crate::t!("hint-schedule-path-not-text"))
            .into()
        })
}

/// Single-quotes a word for sh and systemd when it needs it.
fn shell_quote(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+=:@".contains(c))
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Escapes text for a double-quoted systemd value (`%` starts a specifier).
fn systemd_escape(text: &str) -> String {
    text.replace('\\', r"\\").replace('"', r#"\""#).replace('%', "%%")
}

#[cfg(test)]
mod tests {
    use super::{shell_quote, systemd_escape};

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("/usr/bin/topup"), "/usr/bin/topup");
        assert_eq!(shell_quote("/home/a b/c.toml"), "'/home/a b/c.toml'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(systemd_escape("/home/a b/50%\"x\\"), r#"/home/a b/50%%\"x\\"#);
    }
}
