//! Finding amounts in folded text: pesos (`$1.500`, `1.500 pesos`), data
//! (`2,5 GB`, `1.024 MB`) and "ilimitado". Chilean number style: a dot
//! groups thousands, a comma starts decimals.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::domain::{Clp, DataAmount};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    Money(Clp),
    Data(DataAmount),
    /// "ilimitado": data only if its label says so.
    Unlimited,
    /// Looks like money but is not whole pesos (`$12.50`, `US$10`).
    Unreadable,
}

#[derive(Debug, Clone)]
pub(super) struct Found {
    pub at: Range<usize>,
    pub token: Token,
}

impl Found {
    pub fn is_data(&self) -> bool {
        matches!(self.token, Token::Data(_) | Token::Unlimited)
    }
}

const NUMBER: &str = r"\d[\d.,]*\d|\d";

// Only a `$` or a `pesos`/`CLP` word makes a number money: a bare number may
// be a phone number, a short code, a date or a menu option.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(&format!(
        r"(?P<neg>-)?(?P<foreign>\busd? ?)?\$ ?(?P<neg2>-)?(?P<num>{NUMBER})(?: ?(?P<cur>pesos|clp|usd|dolares)\b)?|(?P<neg3>-)?(?P<num2>{NUMBER}) ?(?:pesos|clp)\b"
    ))
});
static DATA: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(&format!(
        r"(?P<num>{NUMBER}) ?(?P<unit>gigabytes?|megabytes?|kilobytes?|gigas?|megas?|gbs?|mbs?|kbs?|tb)\b"
    ))
});
static UNLIMITED: LazyLock<Regex> = LazyLock::new(|| static_regex(r"\bilimitad[oa]s?\b"));

/// The patterns above are literals checked by the tests; a failure here is a
/// bug in this file, never in a reply.
fn static_regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern}: {e}"))
}

/// Every amount in `text` (folded), in order, without overlaps.
pub(super) fn scan(text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for caps in MONEY.captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        let number = caps.name("num").or_else(|| caps.name("num2"));
        let Some(number) = number else { continue };
        if caps.name("num2").is_some() && !stands_alone(text, whole.start()) {
            continue;
        }
        let foreign = caps.name("foreign").is_some()
            || caps
                .name("cur")
                .is_some_and(|c| matches!(c.as_str(), "usd" | "dolares"));
        let negative = ["neg", "neg2", "neg3"].iter().any(|n| caps.name(n).is_some());
        let token = match pesos(number.as_str()) {
            Some(Clp(p)) if !foreign => Token::Money(Clp(if negative { -p } else { p })),
            _ => Token::Unreadable,
        };
        found.push(Found {
            at: whole.range(),
            token,
        });
    }
    for caps in DATA.captures_iter(text) {
        let (Some(whole), Some(number), Some(unit)) = (caps.get(0), caps.name("num"), caps.name("unit")) else {
            continue;
        };
        if !stands_alone(text, whole.start()) {
            continue;
        }
        if let Some(amount) = data_amount(number.as_str(), unit.as_str()) {
            found.push(Found {
                at: whole.range(),
                token: Token::Data(amount),
            });
        }
    }
    for m in UNLIMITED.find_iter(text) {
        found.push(Found {
            at: m.range(),
            token: Token::Unlimited,
        });
    }
    found.sort_by_key(|f| f.at.start);
    let mut kept: Vec<Found> = Vec::with_capacity(found.len());
    for f in found {
        if kept.last().is_none_or(|last| last.at.end <= f.at.start) {
            kept.push(f);
        }
    }
    kept
}

/// A number starting at `at` is its own number: not the tail of a word, of a
/// bigger number, of a `$` amount, or of a spaced phone number (`600 600
/// 1106`). A `$` amount just before is fine: "$1.990 1GB".
fn stands_alone(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '.' | ',' | '$' | '+' | '*' | '#') => false,
        Some(' ') => {
            let before = before.trim_end();
            let number = before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
            number.len() == before.len() || number.trim_end().ends_with('$')
        }
        Some(_) => true,
    }
}

/// Whole pesos from `1.500`, `1500` or `1.500,00`; a non-zero decimal part
/// (`12,50`) or a decimal point (`12.50`) is not Chilean pesos.
pub(super) fn pesos(number: &str) -> Option<Clp> {
    let (whole, cents) = number.split_once(',').unwrap_or((number, ""));
    if cents.len() > 2 || !cents.chars().all(|c| c == '0') {
        return None;
    }
    whole.parse::<Clp>().ok()
}

/// Pesos as a user pattern may capture them: `$ 1.500`, `1.500.-`,
/// `1500 CLP`, `-$500`.
pub(super) fn pesos_lenient(text: &str) -> Option<Clp> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let compact = compact.strip_prefix("clp").unwrap_or(&compact);
    let digits_at = compact.find(|c: char| c.is_ascii_digit())?;
    let (sign, body) = compact.split_at(digits_at);
    if !sign.chars().all(|c| matches!(c, '$' | '-')) {
        return None;
    }
    let body = body.trim_end_matches(|c: char| c.is_alphabetic() || matches!(c, '.' | '-' | ','));
    pesos(body).map(|Clp(p)| Clp(if sign.contains('-') { -p } else { p }))
}

/// A data amount from a number in Chilean style and a unit word.
fn data_amount(number: &str, unit: &str) -> Option<DataAmount> {
    let unit = match unit.trim_end_matches('s') {
        "gb" | "giga" | "gigabyte" => "GB",
        "mb" | "mega" | "megabyte" => "MB",
        "kb" | "kilobyte" => "KB",
        "tb" => "TB",
        _ => return None,
    };
    let (whole, decimals) = chilean_number(number)?;
    let text = if decimals.is_empty() {
        format!("{whole} {unit}")
    } else {
        format!("{whole}.{decimals} {unit}")
    };
    text.parse().ok()
}

/// `1.024` → 1024, `2,5` → 2 and 5, `1.5` → 1 and 5 (a dot that cannot group
/// thousands is a decimal point, as some systems print).
fn chilean_number(number: &str) -> Option<(String, &str)> {
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if let Some((whole, decimals)) = number.split_once(',') {
        return (all_digits(decimals))
            .then_some(())
            .and(thousands(whole))
            .map(|w| (w, decimals));
    }
    if let Some(whole) = thousands(number) {
        return Some((whole, ""));
    }
    let (whole, decimals) = number.split_once('.')?;
    (all_digits(whole) && all_digits(decimals)).then(|| (whole.to_string(), decimals))
}

/// Digits, or digits grouped by dots in threes (`10.240`).
fn thousands(number: &str) -> Option<String> {
    let mut groups = number.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let ok = !first.is_empty()
        && digits(first)
        && (rest.is_empty() || (first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))));
    ok.then(|| std::iter::once(first).chain(rest).collect())
}

/// The first data amount or "ilimitado" in a piece of text (a user
/// pattern's capture).
pub(super) fn first_data(text: &str) -> Option<crate::domain::DataLeft> {
    scan(&super::text::Folded::new(text).text)
        .into_iter()
        .find_map(|f| match f.token {
            Token::Data(a) => Some(crate::domain::DataLeft::Amount(a)),
            Token::Unlimited => Some(crate::domain::DataLeft::Unlimited),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::data::{GB, KB, MB};

    fn tokens(text: &str) -> Vec<Token> {
        scan(text).into_iter().map(|f| f.token).collect()
    }

    #[test]
    fn money_table() {
        let table: [(&str, &[Token]); 17] = [
            ("saldo $1.500", &[Token::Money(Clp(1500))]),
            ("saldo $ 12.500", &[Token::Money(Clp(12500))]),
            ("1.500 pesos", &[Token::Money(Clp(1500))]),
            ("$1500", &[Token::Money(Clp(1500))]),
            ("saldo: $0", &[Token::Money(Clp(0))]),
            ("$1.500.- vence", &[Token::Money(Clp(1500))]),
            ("$1.500,00", &[Token::Money(Clp(1500))]),
            ("2000 clp", &[Token::Money(Clp(2000))]),
            ("saldo -$500", &[Token::Money(Clp(-500))]),
            ("$12.50", &[Token::Unreadable]),
            ("$12,50", &[Token::Unreadable]),
            ("us$10", &[Token::Unreadable]),
            ("$10 usd", &[Token::Unreadable]),
            // Numbers without `$` or `pesos` are never money.
            ("llama al 600 600 1106 o al +56 9 8765 4321, marca *103# o 103", &[]),
            ("1. saldo 2) bolsas 15/12 23:59 2026", &[]),
            ("600 600 1106 pesos", &[]),
            ("bonus $500", &[Token::Money(Clp(500))]),
        ];
        for (text, expected) in table {
            assert_eq!(tokens(text), expected, "{text}");
        }
    }

    #[test]
    fn data_table() {
        let table: [(&str, &[Token]); 14] = [
            ("2,5 gb", &[Token::Data(DataAmount(2_500 * MB))]),
            ("850 mb", &[Token::Data(DataAmount(850 * MB))]),
            ("1.024 mb", &[Token::Data(DataAmount(1_024 * MB))]),
            ("10.240 mb", &[Token::Data(DataAmount(10_240 * MB))]),
            ("1,5gb", &[Token::Data(DataAmount(1_500 * MB))]),
            ("500 kb", &[Token::Data(DataAmount(500 * KB))]),
            ("1.5 gb", &[Token::Data(DataAmount(1_500 * MB))]),
            ("3 gigas", &[Token::Data(DataAmount(3 * GB))]),
            ("1.234,5 mb", &[Token::Data(DataAmount(1_234_500_000))]),
            ("datos ilimitados", &[Token::Unlimited]),
            ("plan 5g libre, 4g lte", &[]),
            ("1.2.3 gb", &[]),
            ("1 024 mb", &[]),
            ("$1.990 1gb", &[Token::Money(Clp(1990)), Token::Data(DataAmount(GB))]),
        ];
        for (text, expected) in table {
            assert_eq!(tokens(text), expected, "{text}");
        }
    }

    #[test]
    fn lenient_pesos_for_user_captures() {
        let table = [
            ("1.500", Some(1500)),
            ("$ 1.500", Some(1500)),
            ("1.500.-", Some(1500)),
            ("1.500.", Some(1500)),
            ("1500 CLP", Some(1500)),
            ("-$500", Some(-500)),
            ("$-500", Some(-500)),
            ("0", Some(0)),
            ("12.50", None),
            ("", None),
            ("$", None),
        ];
        for (text, pesos) in table {
            assert_eq!(pesos_lenient(text), pesos.map(Clp), "{text}");
        }
    }
}
