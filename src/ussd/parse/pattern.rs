//! The user's own regexes (`[operators.X] saldo_pattern` / `data_pattern`),
//! for replies the built-in reading gets wrong or cannot read.

use regex::{Captures, Regex, RegexBuilder};

use super::amounts::{first_data, pesos_lenient};
use crate::domain::{Clp, DataLeft};

/// A config regex longer than this is a mistake, not a reply format.
const MAX_PATTERN_CHARS: usize = 300;
/// Compiled size cap: small patterns stay far below it.
const MAX_COMPILED_BYTES: usize = 1 << 20;

/// Why a user pattern is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PatternError {
    #[error("the pattern is empty")]
    Empty,
    #[error("the pattern is {0} characters long; keep it under {MAX_PATTERN_CHARS}")]
    TooLong(usize),
    /// Holds regex's own one-line message.
    #[error("not a valid regex: {0}")]
    Invalid(String),
    #[error(r"the pattern needs a capture group around the amount, e.g. 'Saldo:?\s*\$\s*([\d.]+)'")]
    NoCaptureGroup,
    #[error(
        "the pattern matches an empty text, so it would match any reply; make it name something in the reply, e.g. 'Saldo'"
    )]
    MatchesEmpty,
}

/// Why a user pattern gave no value for a reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(super) enum CaptureError {
    /// Holds the config key: `saldo_pattern` or `data_pattern`.
    #[error("{0} does not match the reply")]
    NoMatch(&'static str),
    #[error("{0} matches but its amount group is empty")]
    EmptyGroup(&'static str),
    #[error("saldo_pattern captures `{0}`, which is not an amount of pesos")]
    NotPesos(String),
    #[error("data_pattern captures `{0}`, which is not a data amount with a unit (e.g. 2,5 GB) or \"ilimitado\"")]
    NotData(String),
}

/// Checks and compiles a user pattern. Matching ignores case (operators
/// shout); `(?-i)` turns that off. The value is the group named `amount`,
/// else the first group not named `unit`; an optional `unit` group supplies a
/// data unit the amount group lacks.
pub fn compile_pattern(text: &str) -> Result<Regex, PatternError> {
    if text.trim().is_empty() {
        return Err(PatternError::Empty);
    }
    let length = text.chars().count();
    if length > MAX_PATTERN_CHARS {
        return Err(PatternError::TooLong(length));
    }
    let re = RegexBuilder::new(text)
        .case_insensitive(true)
        .size_limit(MAX_COMPILED_BYTES)
        .dfa_size_limit(MAX_COMPILED_BYTES)
        .build()
        .map_err(|e| PatternError::Invalid(one_line_regex_error(&e)))?;
    if amount_group_index(&re).is_none() {
        return Err(PatternError::NoCaptureGroup);
    }
    if re.is_match("") {
        return Err(PatternError::MatchesEmpty);
    }
    Ok(re)
}

/// regex's syntax errors draw a caret under the pattern over several lines;
/// config errors are one line, so keep the `error: …` line.
fn one_line_regex_error(e: &regex::Error) -> String {
    let text = e.to_string();
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .or_else(|| text.lines().next());
    line.unwrap_or("unknown error").trim().to_string()
}

fn amount_group_index(re: &Regex) -> Option<usize> {
    let names: Vec<Option<&str>> = re.capture_names().collect();
    names.iter().position(|n| *n == Some("amount")).or_else(|| {
        names
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, n)| **n != Some("unit"))
            .map(|(i, _)| i)
    })
}

fn amount<'t>(re: &Regex, caps: &Captures<'t>) -> Option<&'t str> {
    caps.get(amount_group_index(re)?)
        .map(|m| m.as_str())
        .filter(|s| !s.trim().is_empty())
}

pub(super) fn saldo(re: &Regex, text: &str) -> Result<Clp, CaptureError> {
    let key = "saldo_pattern";
    let caps = re.captures(text).ok_or(CaptureError::NoMatch(key))?;
    let value = amount(re, &caps).ok_or(CaptureError::EmptyGroup(key))?;
    pesos_lenient(value).ok_or_else(|| CaptureError::NotPesos(value.trim().into()))
}

pub(super) fn data(re: &Regex, text: &str) -> Result<DataLeft, CaptureError> {
    let key = "data_pattern";
    let caps = re.captures(text).ok_or(CaptureError::NoMatch(key))?;
    let value = amount(re, &caps).ok_or(CaptureError::EmptyGroup(key))?;
    let with_unit = match caps.name("unit") {
        Some(unit) => format!("{value} {}", unit.as_str()),
        None => value.to_string(),
    };
    first_data(&with_unit).ok_or_else(|| CaptureError::NotData(with_unit.trim().into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DataAmount;
    use crate::domain::data::{GB, MB};

    #[test]
    fn compile_table() {
        let ok = [
            r"Saldo:?\s*\$\s*([\d.]+)",
            r"([\d.,]+\s*[MG]B)",
            r"(?P<unit>GB|MB) restantes: (?P<amount>[\d,]+)",
            r"Datos: (?P<amount>[\d,]+) (?P<unit>GB|MB)",
        ];
        for p in ok {
            assert!(compile_pattern(p).is_ok(), "{p}: {:?}", compile_pattern(p).err());
        }
        let long = format!("({})", "a".repeat(400));
        let bad: [(&str, &str); 7] = [
            ("", "empty"),
            ("   ", "empty"),
            (r"Saldo \$[\d.]+", "capture group"),
            (r"Saldo (\d+", "not a valid regex: unclosed group"),
            (r"(?P<unit>GB)", "capture group"),
            (r"(\d*)", "empty text"),
            (&long, "characters long"),
        ];
        for (p, says) in bad {
            let err = compile_pattern(p).unwrap_err().to_string();
            assert!(err.contains(says), "{p}: {err}");
            assert!(!err.contains('\n'), "{p}: {err}");
        }
        let huge = r"(\w{1000}){1000}";
        assert!(compile_pattern(huge).is_err());
    }

    #[test]
    fn saldo_captures() {
        let re = compile_pattern(r"saldo:?\s*\$\s*([\d.]+)").unwrap();
        let table = [
            ("SALDO: $1.500.", Ok(Clp(1500))),
            ("Tu saldo $ 12.500 vence", Ok(Clp(12500))),
            ("Saldo: $0", Ok(Clp(0))),
            ("Saldo: $12.50", Err("not an amount of pesos")),
            ("Datos 2 GB", Err("does not match")),
        ];
        for (text, expected) in table {
            match (saldo(&re, text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{text}"),
                (Err(got), Err(says)) => assert!(got.to_string().contains(says), "{text}: {got}"),
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
        let named = compile_pattern(r"(Saldo|Credito) (?P<amount>\d+) pesos").unwrap();
        assert_eq!(saldo(&named, "Credito 990 pesos"), Ok(Clp(990)));
    }

    #[test]
    fn data_captures() {
        let table = [
            (
                r"Datos: ([\d.,]+\s*[MG]B)",
                "Datos: 1.024 MB",
                Ok(DataLeft::Amount(DataAmount(1_024 * MB))),
            ),
            (r"Internet (\w+)", "INTERNET ILIMITADO", Ok(DataLeft::Unlimited)),
            (
                r"Datos: (?P<amount>[\d,]+) (?P<unit>GB|MB)",
                "Datos: 2,5 GB",
                Ok(DataLeft::Amount(DataAmount(2_500 * MB))),
            ),
            (
                r"quedan (\d+ ?GB)",
                "Te quedan 3 GB",
                Ok(DataLeft::Amount(DataAmount(3 * GB))),
            ),
            (r"quedan (\d+)", "Te quedan 3 GB", Err("not a data amount")),
            (r"Datos: (\d+)", "Saldo $500", Err("does not match")),
        ];
        for (pattern, text, expected) in table {
            let re = compile_pattern(pattern).unwrap();
            match (data(&re, text), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{text}"),
                (Err(got), Err(says)) => assert!(got.to_string().contains(says), "{text}: {got}"),
                (got, want) => panic!("{pattern} on {text}: got {got:?}, want {want:?}"),
            }
        }
    }
}
