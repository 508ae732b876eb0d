//! Dynamic shell completion (`source <(COMPLETE=bash topup)`): line names,
//! plan ids, operators and unsettled order ids, read from the config and the
//! ledger. The shell runs this on every Tab, so it reads local files only
//! (never a gateway or a modem), writes nothing, prints nothing on stderr,
//! and offers nothing when anything goes wrong.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::app::{Env, state_dir};
use crate::channel::sandbox;
use crate::cli::Cli;
use crate::config::{self, Config};
use crate::domain::{Operator, PayMethod};
use crate::ledger::Ledger;
use crate::output::one_line_safe;

/// Answers a completion request and exits, when the shell made one
/// (`COMPLETE` is set); otherwise returns at once. Call before anything
/// reads the arguments or writes to stdout.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(command).complete();
}

/// The command line with its completers. They are attached here rather
/// than in `cli.rs` so the types stay plain; a renamed argument panics in
/// the unit test below.
pub fn command() -> clap::Command {
    let with = |f: fn(&str) -> Vec<Candidate>| move |a: clap::Arg| a.add(ArgValueCompleter::new(Completer(f)));
    Cli::command()
        .mut_subcommand("balance", |c| c.mut_arg("lines", with(lines)))
        .mut_subcommand("plans", |c| {
            c.mut_arg("line", with(lines)).mut_arg("operator", with(operators))
        })
        .mut_subcommand("renew", |c| c.mut_arg("line", with(lines)).mut_arg("plan", with(plans)))
        .mut_subcommand("record", |c| {
            c.mut_arg("line", with(lines)).mut_arg("plan", with(plans))
        })
        .mut_subcommand("history", |c| c.mut_arg("line", with(lines)))
        .mut_subcommand("reconcile", |c| {
            c.mut_arg("line", with(lines))
                .mut_arg("mark_confirmed", with(orders))
                .mut_arg("mark_failed", with(orders))
        })
        .mut_subcommand("operators", |c| c.mut_arg("operator", with(operators)))
}

/// A value and its description (shown by zsh and fish).
type Candidate = (String, String);

/// Offers a list's values that start with what was typed.
struct Completer(fn(&str) -> Vec<Candidate>);

impl clap_complete::engine::ValueCompleter for Completer {
    fn complete(&self, current: &OsStr) -> Vec<CompletionCandidate> {
        let Some(current) = current.to_str() else {
            return Vec::new();
        };
        (self.0)(current)
            .into_iter()
            .filter(|(value, _)| value.starts_with(current))
            // Descriptions are user text: one line, or the shell's protocol breaks.
            .map(|(value, help)| CompletionCandidate::new(value).help(Some(one_line_safe(&help).into())))
            .collect()
    }
}

fn lines(_: &str) -> Vec<Candidate> {
    let Some(config) = load_config() else {
        return Vec::new();
    };
    let describe = |l: &config::Line| match l.operator {
        Some(op) => format!("{} {}", op.as_str(), l.msisdn.pretty()),
        None => l.msisdn.pretty(),
    };
    config.lines.iter().map(|l| (l.name.clone(), describe(l))).collect()
}

fn operators(_: &str) -> Vec<Candidate> {
    Operator::ALL
        .iter()
        .map(|op| (op.as_str().to_string(), String::new()))
        .collect()
}

/// The config's own plans, and the sandbox's catalogue for the operators of
/// lines that pay with it. Gateway plans (Reloadly) would need the network.
fn plans(_: &str) -> Vec<Candidate> {
    let Some(config) = load_config() else {
        return Vec::new();
    };
    let on_sandbox = config
        .lines
        .iter()
        .filter(|l| l.pay == Some(PayMethod::Sandbox))
        .filter_map(|l| l.operator);
    let sandbox_plans = on_sandbox.flat_map(sandbox::catalog);
    let config_plans = config.operators.keys().flat_map(|op| config.plans(*op));
    // Keyed by id: two lines of one operator list its catalogue once.
    let by_id: BTreeMap<String, String> = sandbox_plans
        .chain(config_plans)
        .map(|p| (p.id.to_string(), p.name))
        .collect();
    by_id.into_iter().collect()
}

/// Unsettled orders (the only ones `--mark-*` takes), short like `history`
/// shows them, or whole once more than the short id was typed.
fn orders(current: &str) -> Vec<Candidate> {
    let Some(ledger) = open_ledger() else {
        return Vec::new();
    };
    let Ok(unsettled) = ledger.unsettled(None) else {
        return Vec::new();
    };
    unsettled
        .into_iter()
        .map(|o| {
            let full = o.id.to_string();
            let short = ledger.short_id(o.id).unwrap_or_else(|_| full.clone());
            let id = if current.len() > short.len() { full } else { short };
            (id, format!("{} {} {}", o.line, o.plan_id, o.status))
        })
        .collect()
}

/// The config, found and read as the app does; `None` on any problem.
fn load_config() -> Option<Config> {
    // Completion never speaks: a warning would land in the user's prompt.
    crate::diag::set_level(0);
    let env = Env::from_process();
    let flag = config_flag();
    let located = config::locate(
        flag.as_deref(),
        env.config.as_deref(),
        env.home.as_deref(),
        env.xdg_config.as_deref(),
    );
    config::load(located).ok()
}

/// The ledger, opened read-only, when there is one.
fn open_ledger() -> Option<Ledger> {
    crate::diag::set_level(0);
    let path = state_dir(&Env::from_process()).ok()?.join("ledger.sqlite3");
    // Opening a missing file read-only fails anyway; checking first keeps it quiet.
    path.is_file().then(|| Ledger::open_read_only(&path).ok())?
}

/// `--config PATH` from the words being completed (the completer sees only
/// the current word), with a `~/` the shell has not expanded yet.
fn config_flag() -> Option<PathBuf> {
    let words: Vec<OsString> = std::env::args_os().skip_while(|a| a != "--").collect();
    let value = words.iter().enumerate().find_map(|(i, w)| {
        let w = w.to_str()?;
        match w.strip_prefix("--config") {
            Some("") => words.get(i + 1).cloned(),
            Some(v) => v.strip_prefix('=').map(OsString::from),
            None => None,
        }
    })?;
    match (
        value.to_str().and_then(|v| v.strip_prefix("~/")),
        std::env::var_os("HOME"),
    ) {
        (Some(rest), Some(home)) => Some(PathBuf::from(home).join(rest)),
        _ => Some(PathBuf::from(value)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn completers_attach_to_existing_arguments() {
        super::command().debug_assert();
    }
}
