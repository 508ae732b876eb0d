//! One file per command: each turns arguments into flow calls and output.

pub mod auto;
pub mod balance;
pub mod completions;
pub mod history;
pub mod lines;
pub mod operators;
pub mod plans;
pub mod reconcile;
pub mod renew;
pub mod schedule;

use crate::app::App;
use crate::cli::Command;

pub async fn run(app: &App, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Balance(args) => balance::run(app, args).await,
        Command::Plans(args) => plans::run(app, args).await,
        Command::Renew(args) => renew::run(app, args).await,
        Command::Auto(args) => auto::run(app, args).await,
        Command::History(args) => history::run(app, args),
        Command::Reconcile(args) => reconcile::run(app, args).await,
        Command::Lines => lines::run(app),
        Command::Operators(args) => operators::run(app, args),
        Command::Schedule => schedule::run(app),
        Command::Completions(args) => completions::run(args),
    }
}

/// Parses a duration flag (`--wait-lock 30s`), naming the flag on error.
pub fn duration_flag(flag: &str, value: &str) -> anyhow::Result<jiff::SignedDuration> {
    crate::domain::timefmt::parse_duration(value)
        .map_err(|e| crate::error::TopupError::usage(format!("{flag}: {e}")).into())
}

/// `--wait-lock` as a std duration for the lock.
pub fn wait_lock(value: Option<&str>) -> anyhow::Result<Option<std::time::Duration>> {
    value
        .map(|v| {
            duration_flag("--wait-lock", v).map(|d| std::time::Duration::from_secs(d.as_secs().max(0).unsigned_abs()))
        })
        .transpose()
}
