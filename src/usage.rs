//! clap's own answers, before anything runs: help in the reader's language
//! (which comes before the config is read, so it is found here), and usage
//! errors as one `error:` line with a hint, or one JSON object with
//! `--json` (exit 2).

use std::process::ExitCode;

use crate::app::Env;
use crate::error::TopupError;
use crate::output::Output;
use crate::{config, i18n};

/// Answers the arguments clap did not take: help, version, or a usage error.
pub fn answer(e: clap::Error) -> ExitCode {
    usage_error(localized_help(e))
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
    match crate::cli::localized_command().try_get_matches_from(&args) {
        Err(localized) => localized,
        // `topup help renew`: the localized command's `help` is a plain
        // subcommand, so its help is asked for as `topup renew --help`.
        Ok(matches) => match help_subcommand_path(&matches) {
            Some(path) => {
                let asked = args.iter().take(1).cloned().chain(path.into_iter().map(Into::into));
                crate::cli::localized_command()
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
    let message = usage_message(&e).unwrap_or(message);
    let te = TopupError::usage(message).hint(suggestions(&e).unwrap_or_else(|| crate::t!("hint-usage")));
    Output::new(json, false, false, true, crate::cli::ColorChoice::Auto, false).error(&te);
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
        .map(|b| crate::t!("suggest-did-you-mean", names = format!("`{b}`")))
        .into_iter()
        .collect();
    match usage_tip(e) {
        Some(tip) => tips.push(tip),
        None => {
            if let Some(V::StyledStrs(more)) = e.get(K::Suggested) {
                tips.extend(more.iter().map(ToString::to_string));
            }
        }
    }
    (!tips.is_empty()).then(|| tips.join("; "))
}

/// clap's usage errors in the reader's language (clap speaks only
/// English), from the error's context: `None` in English, and for the kinds
/// not listed here, which keep clap's words.
fn usage_message(e: &clap::Error) -> Option<String> {
    use crate::t;
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind as E};
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return None;
    }
    let get = |kind| match e.get(kind)? {
        V::String(s) => Some(s.clone()),
        V::Strings(v) => Some(v.join(", ")),
        _ => None,
    };
    let with_values = |message: String| match get(K::ValidValue).filter(|v| !v.is_empty()) {
        Some(values) => format!("{message} [{}]", t!("clap-possible-values", values = values)),
        None => message,
    };
    Some(match e.kind() {
        E::InvalidSubcommand => t!("clap-error-unknown-command", name = get(K::InvalidSubcommand)?),
        E::UnknownArgument => t!("clap-error-unknown-argument", arg = get(K::InvalidArg)?),
        E::InvalidValue => match get(K::InvalidValue)? {
            empty if empty.is_empty() => with_values(t!("clap-error-value-required", arg = get(K::InvalidArg)?)),
            value => with_values(t!("clap-error-invalid-value", value = value, arg = get(K::InvalidArg)?)),
        },
        E::ValueValidation => t!(
            "clap-error-invalid-value-why",
            value = get(K::InvalidValue)?,
            arg = get(K::InvalidArg)?,
            why = std::error::Error::source(e)?.to_string()
        ),
        E::MissingRequiredArgument => t!("clap-error-missing", args = get(K::InvalidArg)?),
        E::MissingSubcommand => t!("clap-error-missing-command", name = get(K::InvalidSubcommand)?),
        E::ArgumentConflict => t!(
            "clap-error-conflict",
            arg = get(K::InvalidArg)?,
            other = get(K::PriorArg)?
        ),
        _ => return None,
    })
}

/// clap's tip for an unknown argument that could be a value (`-5` as a
/// number), in the reader's language.
fn usage_tip(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind as E};
    if crate::i18n::lang() == crate::i18n::Lang::En || e.kind() != E::UnknownArgument {
        return None;
    }
    match (e.get(K::InvalidArg), e.get(K::Suggested)) {
        (Some(V::String(arg)), Some(V::StyledStrs(_))) => Some(crate::t!("clap-tip-pass-as-value", arg = arg.as_str())),
        _ => None,
    }
}

/// The subcommand path `topup help A B` asks about, when the localized
/// command (whose `help` is a plain subcommand) parsed it.
fn help_subcommand_path(matches: &clap::ArgMatches) -> Option<Vec<String>> {
    match matches.subcommand() {
        Some(("help", sub)) => Some(
            sub.get_many::<String>("command")
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
        ),
        _ => None,
    }
}
