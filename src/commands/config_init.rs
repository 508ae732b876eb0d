//! `topup config init`: a first config, asked for in a terminal or given as
//! flags, written once from a commented template (`config_init.toml`).
//! It never overwrites: the file appears whole or not at all.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, Select};
use serde::Serialize;

use crate::channel::registry::check_pay;
use crate::cli::InitArgs;
use crate::config::{BalanceMethod, Line, Located, check_line_name};
use crate::domain::{Msisdn, Operator, PayMethod};
use crate::error::{ErrorKind, TopupError};
use crate::output::Output;
use crate::t;

const TEMPLATE: &str = include_str!("config_init.toml");

/// The answers, each checked as it was given.
struct Answers {
    name: String,
    msisdn: Msisdn,
    operator: Operator,
    balance: BalanceMethod,
    pay: PayMethod,
    client_id: Option<String>,
}

pub fn run(args: InitArgs, located: &Located, out: &Output) -> anyhow::Result<()> {
    let path = match located {
        Located::Explicit(p) | Located::Default(p) => p,
        Located::None => {
            return Err(TopupError::usage(t!("init-no-home"))
                .hint(t!("hint-pass-config"))
                .into());
        }
    };
    // Before any question: nothing asked is then thrown away.
    refuse_existing(path)?;
    let ask = out.interactive && !out.json;
    if ask {
        on_interrupt(on_sigint as extern "C" fn(libc::c_int) as libc::sighandler_t);
    }
    let answers = answers(args, ask);
    on_interrupt(libc::SIG_DFL);
    let answers = answers?;
    let text = render(&answers);
    // What is written loads: checked by the real loader before it exists.
    let config = crate::config::parse(&text, path)?;
    write_new(path, &text)?;
    let report = Written {
        config: path.to_string_lossy(),
        config_utf8: path.to_str().is_some(),
        lines: &config.lines,
    };
    out.print(false, &report, |r, out| {
        out.line(crate::t!("init-wrote", path = r.config.as_ref()));
        if answers.balance == BalanceMethod::Modem || answers.pay == PayMethod::Saldo {
            out.line(crate::t!("init-fill-ussd", operator = answers.operator.to_string()));
        }
        if answers.pay == PayMethod::Web && crate::carrier::carrier(answers.operator).recharge_page.is_none() {
            out.line(crate::t!(
                "init-fill-web",
                name = crate::carrier::carrier(answers.operator).display_name,
                operator = answers.operator.to_string()
            ));
        }
        if answers.client_id.is_some() {
            out.line(crate::t!("init-give-secret"));
        }
        out.line(crate::t!("init-next", line = answers.name.as_str()));
    })
}

/// `config init`'s report: the file written and its lines, as `lines --json` shows them.
#[derive(Serialize)]
struct Written<'a> {
    config: Cow<'a, str>,
    config_utf8: bool,
    lines: &'a [Line],
}

fn refuse_existing(path: &Path) -> anyhow::Result<()> {
    // A dangling symlink or a directory is "something there" too.
    match path.symlink_metadata() {
        Ok(_) => Err(exists(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(cannot_write(path, e)),
    }
}

fn exists(path: &Path) -> anyhow::Error {
    TopupError::usage(t!("init-exists", path = path.display().to_string()))
        .hint(t!("hint-init-exists"))
        .into()
}

fn cannot_write(path: &Path, e: std::io::Error) -> anyhow::Error {
    TopupError::usage(t!(
        "init-cannot-write",
        path = path.display().to_string(),
        problem = e.to_string()
    ))
    .hint(t!("hint-init-elsewhere"))
    .into()
}

/// Writes `text` to a private temp file beside `path`, then links it into
/// place: a rename that never replaces a file another process put there.
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| cannot_write(path, e))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.symlink_metadata().is_ok() => Err(exists(path)),
        Err(e) => Err(cannot_write(path, e)),
        Ok(()) => Ok(()),
    }
}

fn answers(args: InitArgs, ask: bool) -> anyhow::Result<Answers> {
    let name = answer(args.name, ask, "--line NAME", || {
        ask_text("Line name, as you will type it (topup renew NAME)", |s| {
            check_line_name(s).map(|()| s.to_string())
        })
    })?;
    let msisdn = answer(args.msisdn, ask, "--msisdn NUMBER", || {
        ask_text("Its phone number", str::parse::<Msisdn>)
    })?;
    let operator = answer(args.operator, ask, "--operator OP", || {
        let names = Operator::ALL.map(|op| crate::carrier::carrier(op).display_name);
        Ok(Operator::ALL[pick("Operator", &names)?])
    })?;
    let balance = answer(args.balance, ask, "--balance METHOD", || {
        let choices = [
            (
                BalanceMethod::Modem,
                "modem    read over USSD/SMS by the modem or router holding the SIM",
            ),
            (
                BalanceMethod::Ledger,
                "ledger   estimated from past purchases (no modem)",
            ),
            (
                BalanceMethod::Sandbox,
                "sandbox  the simulated network, to try topup (fictional)",
            ),
        ];
        Ok(choices[pick("How is the balance read?", &choices.map(|c| c.1))?].0)
    })?;
    let pay = answer(args.pay, ask, "--pay METHOD", || {
        let choices: Vec<(PayMethod, &str)> = [
            (
                PayMethod::Reloadly,
                "reloadly  from your Reloadly account (a client id and secret)",
            ),
            (
                PayMethod::Saldo,
                "saldo     with the line's own saldo, over USSD on the modem",
            ),
            (
                PayMethod::Web,
                "web       on the operator's recharge page, in your browser (you pay there)",
            ),
            (PayMethod::Sandbox, "sandbox   simulated, no money moves"),
        ]
        .into_iter()
        .filter(|&(p, _)| check_pay(balance, Some(p), p).is_ok())
        .collect();
        let labels: Vec<&str> = choices.iter().map(|c| c.1).collect();
        Ok(choices[pick("How does it pay?", &labels)?].0)
    })?;
    check_pay(balance, Some(pay), pay).map_err(|e| {
        TopupError::usage(t!(
            "init-pay-balance",
            pay = pay.to_string(),
            balance = balance.to_string(),
            why = e.to_string()
        ))
        .hint(t!("hint-init-help"))
    })?;
    let client_id = match args.reloadly_client_id {
        Some(id) => Some(id),
        None if pay == PayMethod::Reloadly => Some(answer(None, ask, "--reloadly-client-id ID", || {
            ask_text("Reloadly client id (Developers > API settings; not the secret)", |s| {
                crate::cli::client_id(s)
            })
        })?),
        None => None,
    };
    Ok(Answers {
        name,
        msisdn,
        operator,
        balance,
        pay,
        client_id,
    })
}

/// The flag's value, else the prompt's answer; without a terminal a missing
/// flag is exit 8 naming it.
fn answer<T>(given: Option<T>, ask: bool, flag: &str, prompt: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    match given {
        Some(v) => Ok(v),
        None if ask => prompt(),
        None => Err(TopupError::input_needed(t!("init-needs", flag = flag))
            .hint(t!("hint-init-needs", flag = flag))
            .into()),
    }
}

/// A typed answer, asked again until `parse` takes it.
fn ask_text<T, E: Display>(prompt: &str, parse: impl Fn(&str) -> Result<T, E>) -> anyhow::Result<T> {
    let text: String = Input::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .validate_with(|s: &String| parse(s.trim()).map(|_| ()).map_err(|e| e.to_string()))
        .interact_text()
        .map_err(prompt_error)?;
    parse(text.trim()).map_err(|e| TopupError::usage(e.to_string()).into())
}

fn pick(prompt: &str, items: &[&str]) -> anyhow::Result<usize> {
    Select::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .items(items)
        .default(0)
        .interact()
        .map_err(prompt_error)
}

fn on_interrupt(handler: libc::sighandler_t) {
    // SAFETY: setting SIGINT's disposition; the handler below only calls
    // async-signal-safe functions.
    unsafe {
        libc::signal(libc::SIGINT, handler);
    }
}

/// Ctrl-C where a prompt is not reading keys itself: show the cursor a
/// menu hid, say it in one line, exit 130. Nothing is written before the
/// last answer.
extern "C" fn on_sigint(_: libc::c_int) {
    let text = b"\x1b[?25h\nerror: interrupted; nothing was written\n";
    // SAFETY: write(2) and _exit(2) are async-signal-safe.
    unsafe {
        libc::write(2, text.as_ptr().cast(), text.len());
        libc::_exit(130);
    }
}

/// As `renew`'s prompts: Ctrl-C is exit 130, and nothing was written.
fn prompt_error(e: dialoguer::Error) -> anyhow::Error {
    let _ = dialoguer::console::Term::stderr().show_cursor();
    match e {
        dialoguer::Error::IO(io) if io.kind() == std::io::ErrorKind::Interrupted => {
            TopupError::new(ErrorKind::Interrupted, t!("init-interrupted")).into()
        }
        other => TopupError::input_needed(t!("prompt-failed", problem = other.to_string()))
            .hint(t!("hint-init-prompt"))
            .into(),
    }
}

/// The template's blocks for these answers, with each value written by the
/// toml crate (so quoting is right) where the template says `{name}`.
fn render(a: &Answers) -> String {
    let string = |s: &str| toml::Value::String(s.to_string()).to_string();
    // A bare key unless it needs quotes (a line name may hold `.`).
    let key = if a
        .name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        a.name.clone()
    } else {
        string(&a.name)
    };
    let values = [
        ("key", key),
        ("msisdn", string(&a.msisdn.pretty())),
        ("operator", string(a.operator.as_str())),
        ("balance", string(&a.balance.to_string())),
        ("pay", string(a.pay.as_str())),
        ("client_id", string(a.client_id.as_deref().unwrap_or_default())),
        ("op", a.operator.as_str().to_string()),
    ];
    let needs_codes = a.balance == BalanceMethod::Modem || matches!(a.pay, PayMethod::Saldo | PayMethod::Web);
    let blocks = [
        ("head", true),
        ("line", true),
        ("modem", a.balance == BalanceMethod::Modem),
        ("auto", true),
        ("operator", needs_codes),
        ("reloadly", a.client_id.is_some()),
    ];
    let placeholder = regex::Regex::new(r"\{(\w+)\}").expect("a valid pattern");
    let chosen: Vec<&str> = blocks.iter().filter(|b| b.1).map(|b| block(b.0)).collect();
    placeholder
        .replace_all(&chosen.join(""), |c: &regex::Captures| {
            values
                .iter()
                .find(|v| v.0 == &c[1])
                .map_or(c[0].to_string(), |v| v.1.clone())
        })
        .into_owned()
}

/// The template's text between `#% NAME` and the next marker.
fn block(name: &str) -> &'static str {
    TEMPLATE
        .split("#% ")
        .find_map(|b| b.strip_prefix(name)?.strip_prefix('\n'))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(name: &str, balance: BalanceMethod, pay: PayMethod, client_id: Option<&str>) -> Answers {
        Answers {
            name: name.into(),
            msisdn: "987654321".parse().unwrap(),
            operator: Operator::Wom,
            balance,
            pay,
            client_id: client_id.map(Into::into),
        }
    }

    /// Every combination `check_pay` allows loads with the real loader, with
    /// every placeholder filled and the values quoted right.
    #[test]
    fn every_allowed_answer_loads() {
        use BalanceMethod as B;
        use PayMethod as P;
        let placeholder = regex::Regex::new(r"\{\w+\}").unwrap();
        for balance in [B::Modem, B::Ledger, B::Sandbox] {
            for pay in [P::Reloadly, P::Saldo, P::Web, P::Sandbox] {
                if check_pay(balance, Some(pay), pay).is_err() {
                    continue;
                }
                let id = (pay == P::Reloadly).then_some("id \"with\" quotes\\");
                let text = render(&answers("casa.de-mi_mama", balance, pay, id));
                assert!(!placeholder.is_match(&text), "{text}");
                let cfg = crate::config::parse(&text, Path::new("c.toml")).unwrap_or_else(|e| panic!("{e:#}\n{text}"));
                let line = &cfg.lines[0];
                assert_eq!(
                    (line.name.as_str(), line.balance, line.pay),
                    ("casa.de-mi_mama", balance, Some(pay))
                );
                assert_eq!(cfg.reloadly.map(|r| r.client_id), id.map(String::from));
                assert_eq!(
                    text.contains("[operators.wom]"),
                    balance == B::Modem || matches!(pay, P::Saldo | P::Web)
                );
            }
        }
    }

    #[test]
    fn every_block_is_in_the_template() {
        for name in ["head", "line", "modem", "auto", "operator", "reloadly"] {
            assert!(!block(name).is_empty(), "{name}");
        }
    }
}
