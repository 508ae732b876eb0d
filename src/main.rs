//! The `topup` binary: parse arguments, run, map the error to an exit code.

use std::process::ExitCode;

use clap::Parser;

use topup::app::{App, Env};
use topup::cli::{Cli, Command, ConfigCommand};
use topup::error::{ErrorKind, TopupError, classify};
use topup::output::Output;
use topup::{commands, config, diag, i18n};

fn main() -> ExitCode {
    restore_sigpipe();
    topup::complete::answer_if_asked();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return topup::usage::answer(e),
    };
    // The language before the config is read (its errors are shown in it).
    let asked = i18n::Asked::from_env(cli.lang);
    i18n::set(asked.choose(), cli.json);
    let out = Output::new(cli.json, cli.quiet, cli.verbose, cli.no_input, cli.color, cli.wide);
    diag::set_json(cli.json);
    diag::set_level(match (cli.quiet, cli.verbose) {
        (true, _) => 0,
        (_, true) => 2,
        _ => 1,
    });
    match run(cli, &out, asked) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let te: TopupError = classify(&err);
            out.error(&te);
            ExitCode::from(u8::try_from(te.exit_code()).unwrap_or(1))
        }
    }
}

fn run(cli: Cli, out: &Output, asked: i18n::Asked) -> anyhow::Result<()> {
    let env = Env::from_process();
    let located = config::locate(
        cli.config.as_deref(),
        env.config.as_deref(),
        env.home.as_deref(),
        env.xdg_config.as_deref(),
    );
    // These read no config: `config init` must not read the one it refuses
    // to overwrite, and a man page needs none (nor a HOME).
    let command = match cli.command {
        Command::Config(ConfigCommand::Init(args)) => return commands::config_init::run(args, &located, out),
        Command::Generate(command) => return commands::generate::run(command, out.json),
        command => command,
    };
    let config = config::load(located)?;
    // The config's language counts when neither --lang nor TOPUP_LANG said.
    i18n::set(
        i18n::Asked {
            config: config.language,
            ..asked
        }
        .choose(),
        cli.json,
    );
    let app = App::new(config, out.clone(), &env)?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let result = runtime.block_on(async {
        // Listening from the start: a prompt's Ctrl-C (which raises SIGINT)
        // must not kill topup before it restores the terminal.
        let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
        tokio::select! {
            result = commands::run(&app, command) => result,
            _ = interrupt.recv() => Err(TopupError::new(ErrorKind::Interrupted, i18n::text("interrupted", None))
                .hint(i18n::text("hint-interrupted", None)).into()),
        }
    });
    // A hook still running on a blocking thread must not hold the exit.
    runtime.shutdown_background();
    result
}

/// Rust ignores SIGPIPE, so `topup history | head` would turn the closed pipe
/// into an error (or a panic inside a library). Like other Unix tools, topup
/// should just stop: restore the default action. Output is written after the
/// work is done, so no payment is cut short by it.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default at the start of
    // main, before any thread exists, is sound.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
