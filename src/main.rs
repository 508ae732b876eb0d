//! The `topup` binary: parse arguments, run, map the error to an exit code.

use std::process::ExitCode;

use clap::Parser;

use topup::app::{App, Env};
use topup::cli::Cli;
use topup::error::{TopupError, classify};
use topup::output::Output;
use topup::{commands, config, diag};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.json, cli.quiet, cli.verbose, cli.no_input, cli.color);
    diag::set_level(if cli.quiet {
        0
    } else if cli.verbose {
        2
    } else {
        1
    });
    match run(cli, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let te: TopupError = classify(&err);
            out.error(&te);
            ExitCode::from(u8::try_from(te.exit_code()).unwrap_or(1))
        }
    }
}

fn run(cli: Cli, out: &Output) -> anyhow::Result<()> {
    let env = Env::from_process();
    let home = env.home.as_deref().map(std::path::Path::new);
    let xdg = std::env::var("XDG_CONFIG_HOME").ok();
    // clap already folded TOPUP_CONFIG into `--config`.
    let located = config::locate(cli.config.as_deref(), None, home, xdg.as_deref());
    let config = config::load(located)?;
    let app = App::new(config, out.clone(), &env)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        tokio::select! {
            result = commands::run(&app, cli.command) => result,
            _ = tokio::signal::ctrl_c() => Err(TopupError::new(topup::error::ErrorKind::Interrupted, "interrupted").hint("if a payment was in flight, run `topup reconcile`").into()),
        }
    })
}
