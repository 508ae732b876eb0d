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
        Err(e) => return usage_error(localized_help(e)),
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

/// Help asked for, in the reader's language (`asked_before_parsing`): the
/// arguments parsed again with the localized command give its help.
/// Anything else is left as is.
fn localized_help(e: clap::Error) -> clap::Error {
    use clap::error::ErrorKind as Clap;
    if !matches!(
        e.kind(),
        Clap::DisplayHelp | Clap::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return e;
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if options(&args).any(|a| a == "--json") {
        return e;
    }
    let choice = asked_before_parsing(&args).choose();
    if choice.0 == i18n::Lang::En {
        return e;
    }
    i18n::set(choice, false);
    match topup::cli::localized_command().try_get_matches_from(&args) {
        Err(localized) => localized,
        // `topup help renew`: the localized command's `help` is a plain
        // subcommand, so its help is asked for as `topup renew --help`.
        Ok(matches) => match topup::cli::help_subcommand_path(&matches) {
            Some(path) => {
                let asked = args.iter().take(1).cloned().chain(path.into_iter().map(Into::into));
                topup::cli::localized_command()
                    .try_get_matches_from(asked.chain(["--help".into()]))
                    .err()
                    .unwrap_or(e)
            }
            None => e,
        },
    }
}

/// The arguments before `--`, without the program's name.
fn options(args: &[std::ffi::OsString]) -> impl Iterator<Item = &std::ffi::OsString> {
    args.iter().skip(1).take_while(|a| *a != "--")
}

/// The reader's language when the arguments did not parse (help, a usage
/// error): `--lang` and `--config` as typed, TOPUP_LANG, the config's
/// `language` if it reads, the locale.
fn asked_before_parsing(args: &[std::ffi::OsString]) -> i18n::Asked {
    let (mut lang, mut config) = (None, None);
    let mut options = options(args).filter_map(|a| a.to_str());
    while let Some(arg) = options.next() {
        for (name, slot) in [("--lang", &mut lang), ("--config", &mut config)] {
            let value = match arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
                Some(value) => Some(value),
                None if arg == name => options.next(),
                None => None,
            };
            if let Some(value) = value {
                *slot = Some(value.to_string());
            }
        }
    }
    let env = Env::from_process();
    let located = config::locate(
        config.as_deref().map(std::path::Path::new),
        env.config.as_deref(),
        env.home.as_deref(),
        env.xdg_config.as_deref(),
    );
    i18n::Asked {
        config: config::language_only(located),
        ..i18n::Asked::from_env(lang.and_then(|l| l.parse().ok()))
    }
}

/// clap's own answers: help and version on stdout (exit 0); usage errors as
/// one `error:` line, or one JSON object when `--json` was asked for (exit 2).
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind as Clap;
    if matches!(
        e.kind(),
        Clap::DisplayHelp | Clap::DisplayVersion | Clap::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return if e.kind() == Clap::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let json = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--json");
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    i18n::set(asked_before_parsing(&args).choose(), json);
    let rendered = e.render().to_string();
    // clap's first paragraph says what is wrong; "…not provided:" continues
    // on the next lines with the missing arguments.
    let message = rendered
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    let message = match message.trim_start_matches("error: ") {
        "" => "invalid arguments".to_string(),
        message => message.to_string(),
    };
    // Keep clap's list of valid values, which says what to type instead,
    // once: clap puts it in the first paragraph for some errors and on a
    // line of its own for others.
    let message = match rendered.lines().find(|l| l.contains("possible values:")) {
        Some(values) if !message.contains(values.trim()) => format!("{message} {}", values.trim()),
        _ => message,
    };
    let message = topup::cli::usage_message(&e).unwrap_or(message);
    let te = TopupError::usage(message).hint(suggestions(&e).unwrap_or_else(|| topup::t!("hint-usage")));
    Output::new(json, false, false, true, topup::cli::ColorChoice::Auto, false).error(&te);
    ExitCode::from(2)
}

/// clap's tips, as the hint: its best "similar subcommand, argument or value"
/// (its rendering lists every candidate, the best last) and its other tips.
fn suggestions(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V};
    let best = [K::SuggestedSubcommand, K::SuggestedArg, K::SuggestedValue]
        .into_iter()
        .find_map(|k| match e.get(k)? {
            V::String(s) => Some(s.clone()),
            V::Strings(v) => v.last().cloned(),
            _ => None,
        });
    let mut tips: Vec<String> = best
        .map(|b| topup::t!("suggest-did-you-mean", names = format!("`{b}`")))
        .into_iter()
        .collect();
    match topup::cli::usage_tip(e) {
        Some(tip) => tips.push(tip),
        None => {
            if let Some(V::StyledStrs(more)) = e.get(K::Suggested) {
                tips.extend(more.iter().map(ToString::to_string));
            }
        }
    }
    (!tips.is_empty()).then(|| tips.join("; "))
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
