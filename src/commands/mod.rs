//! One file per command: each turns arguments into flow calls and output.

pub mod auto;
pub mod backup;
pub mod balance;
pub mod completions;
pub mod config;
pub mod config_init;
pub mod generate;
pub mod history;
pub mod history_summary;
pub mod lines;
pub mod operators;
pub mod plans;
pub mod reconcile;
pub mod record;
pub mod renew;
pub mod schedule;

use crate::app::App;
use crate::cli::Command;
use crate::error::TopupError;

pub async fn run(app: &App, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Balance(args) => balance::run(app, args).await,
        Command::Plans(args) => plans::run(app, args).await,
        Command::Renew(args) => renew::run(app, args).await,
        Command::Record(args) => record::run(app, args).await,
        Command::Auto(args) => auto::run(app, args).await,
        Command::History(args) => history::run(app, args),
        Command::Reconcile(args) => reconcile::run(app, args).await,
        Command::Lines => lines::run(app),
        Command::Backup(args) => backup::run(app, &args.path),
        Command::Operators(args) => operators::run(app, args),
        Command::Schedule => schedule::run(app),
        Command::Completions(args) => completions::run(app.out.json, args),
        Command::Config(command) => config::run(app, command),
        Command::Generate(command) => generate::run(command, app.out.json),
    }
}

/// A command that works on lines, with a config that has none: exit 2 naming
/// the file, rather than an empty answer that looks like success.
fn no_lines(app: &App) -> anyhow::Error {
    let message = match app.config.path.as_deref() {
        Some(p) => crate::t!("config-no-lines-at", path = p.display().to_string()),
        None => crate::t!("config-no-lines"),
    };
    TopupError::usage(message)
        .hint(crate::t!("hint-config-no-lines"))
        .into()
}
