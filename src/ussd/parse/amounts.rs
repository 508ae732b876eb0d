//! Finding amounts in folded text: pesos (`$1.500`, `1.500 pesos`), data
//! (`2,5 GB`, `1.024 MB`, `Megas: 450`) and "ilimitado".
//!
//! Thousands separators: Spanish-speaking operators group thousands with a
//! dot (Chile, Argentina, Colombia, España), a space or no-break space
//! (`$ 1 500`, UCS2 replies), an apostrophe (`$1'500`, Perú, México), or a
//! comma in US style (`1,234,567`). All are read. A decimal comma (`2,5 GB`)
//! and a decimal point (`57.35 MB`) both occur, so forms that read two ways
//! are refused rather than guessed:
//! - `1.024 GB` / `2.000 GB`: one dot before three digits of GB or TB is a
//!   thousands dot in Chile and a decimal point elsewhere, and both readings
//!   are sizes a reply could hold. (`1.024 MB` is read as 1024 MB, as in
//!   Chile: 1.024 MB would be a size nobody prints with three decimals.)
//! - `1,024 MB` / `2,500 GB`: one comma before three digits is a decimal
//!   comma in Chile and a thousands comma in US style.
//! - `$1,500`, `$12.50`: pesos have no cents, so a comma or a two-digit
//!   group after the point is not whole pesos.
//! - A space-grouped number next to a count (`$1 500 SMS`, `SMS 50 100 MB`)
//!   may be one number or two: it is not read. Nor is one without a `$` to
//!   bind it (`1 024 MB`, `103 100 pesos`): "marca 103 100 GB" is a short
//!   code and 100 GB. (An apostrophe, `1'024 MB`, binds its groups.)

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::domain::{Clp, DataAmount, DataLeft};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token {
    Money(Clp),
    Data(DataAmount),
    /// A data amount whose separators read two ways (`1.024 GB`).
    AmbiguousData,
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
        matches!(self.token, Token::Data(_) | Token::Unlimited | Token::AmbiguousData)
    }
}

/// Digits with group separators: space-grouped (`1 500`, `1'500`) first,
/// so that it wins over its own first group.
const NUMBER: &str = r"\d{1,3}(?:['’ ]\d{3})+(?:[.,]\d+)?|\d[\d.,]*\d|\d";
const DATA_UNIT: &str = r"gigabytes?|megabytes?|kilobytes?|gigas?|megas?|gbs?|mbs?|kbs?|tb";

// Only a `$` or a `pesos`/`CLP` word makes a number money: a bare number may
// be a phone number, a short code, a date or a menu option.
static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(&format!(
        r"(?P<neg>-)?(?P<foreign>\busd? ?)?\$ ?(?P<neg2>-)?(?P<num>{NUMBER})(?: ?(?P<cur>pesos|clp|usd|dolares)\b)?|(?P<neg3>-)?(?P<num2>{NUMBER}) ?(?:pesos|clp)\b"
    ))
});
static DATA: LazyLock<Regex> = LazyLock::new(|| static_regex(&format!(r"(?P<num>{NUMBER}) ?(?P<unit>{DATA_UNIT})\b")));
/// The unit as a label before the number: "Megas disponibles: 1.536", "MB:100,5".
static UNIT_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(&format!(
        r"\b(?P<unit>{DATA_UNIT})(?: (?:disponibles?|restantes?|libres?))? ?: ?(?P<num>{NUMBER})"
    ))
});
static UNLIMITED: LazyLock<Regex> = LazyLock::new(|| static_regex(r"\bilimitad[oa]s?\b"));
static COUNT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(&format!(
        r"^(?:sms|mensajes?|min|mins|minutos?|seg|segundos?|dias?|horas?|hrs?|{DATA_UNIT})\b"
    ))
});

/// Built-in patterns are literals checked by the tests; a failure here is a
/// bug in topup, never in a reply.
pub(super) fn static_regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern}: {e}"))
}

/// A data unit word: `gb`, `megas`, …
pub(super) fn is_data_unit(word: &str) -> bool {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| static_regex(&format!("^(?:{DATA_UNIT})$")));
    UNIT.is_match(word)
}

fn is_space_grouped(number: &str) -> bool {
    number.contains([' ', '\'', '’'])
}

/// Whether a space-grouped number may end in a count of its own: `$500 100
/// SMS`, `$1 500 SMS`.
fn ends_in_a_count(text: &str, number_end: usize) -> bool {
    let rest = text.get(number_end..).unwrap_or("").trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit()) || COUNT_WORD.is_match(rest)
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
        // "$1 500 SMS": $1 and 500 SMS, or $1.500? Not pesos either way.
        // Without a `$` a space may part two numbers ("103 100 pesos").
        let counted =
            (is_space_grouped(number.as_str()) && caps.name("cur").is_none() && ends_in_a_count(text, number.end()))
                || (caps.name("num2").is_some() && number.as_str().contains(' '));
        let foreign = caps.name("foreign").is_some()
            || caps
                .name("cur")
                .is_some_and(|c| matches!(c.as_str(), "usd" | "dolares"));
        let negative = ["neg", "neg2", "neg3"].iter().any(|n| caps.name(n).is_some());
        let token = match pesos(number.as_str()) {
            Some(Clp(p)) if !foreign && !counted => Token::Money(Clp(if negative { -p } else { p })),
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
        // "SMS:50 MB:100,5": a unit followed by a colon labels the next
        // number; it is not this one's unit.
        if starts_a_pair(text, unit.start()) {
            continue;
        }
        // "SMS 50 100 MB", "marca 103 100 GB": one number or two? Not read.
        if number.as_str().contains(' ') || !stands_alone(text, whole.start()) {
            continue;
        }
        if let Some(token) = data_token(number.as_str(), unit.as_str()) {
            found.push(Found {
                at: whole.range(),
                token,
            });
        }
    }
    for caps in UNIT_FIRST.captures_iter(text) {
        let (Some(whole), Some(number), Some(unit)) = (caps.get(0), caps.name("num"), caps.name("unit")) else {
            continue;
        };
        if !starts_a_pair(text, unit.start()) {
            continue;
        }
        // The number must end there: not "MB: 2 GB", "GB: 15/12", "MB: 500 SMS".
        let rest = text.get(number.end()..).unwrap_or("");
        let ends = rest
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '/' | '-' | '%' | '$')));
        if !ends || COUNT_WORD.is_match(rest.trim_start()) {
            continue;
        }
        if let Some(token) = data_token(number.as_str(), unit.as_str()) {
            found.push(Found {
                at: whole.range(),
                token,
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

/// Whether the unit word at `at` is the label of a `LABEL:value` pair:
/// followed by a colon and a number, and not the unit of a number before it
/// unless that number has a label of its own ("SMS:50 MB:100,5", but not
/// "Bolsa de 2 GB: 1 activa").
fn starts_a_pair(text: &str, at: usize) -> bool {
    let after_unit = text.get(at..).unwrap_or("");
    let unit_end = after_unit
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after_unit.len());
    let rest = after_unit[unit_end..].trim_start();
    let rest = ["disponibles", "disponible", "restantes", "restante", "libres", "libre"]
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest);
    let labels_a_number = rest
        .trim_start()
        .strip_prefix(':')
        .is_some_and(|value| value.trim_start().starts_with(|c: char| c.is_ascii_digit()));
    let before = text.get(..at).unwrap_or("").trim_end();
    let after_a_number = before.ends_with(|c: char| c.is_ascii_digit());
    let number_labelled = before
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','))
        .trim_end()
        .ends_with(':');
    labels_a_number && (!after_a_number || number_labelled)
}

/// A number starting at `at` is its own number: not the tail of a word, of a
/// bigger number, of a `$` amount, or of a spaced phone number (`600 600
/// 1106`). A `$` amount just before is fine: "$1.990 1GB".
fn stands_alone(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    match before.chars().next_back() {
        None => true,
        Some(c) if c.is_alphanumeric() || matches!(c, '.' | ',' | '$' | '+' | '*' | '#' | '\'' | '’') => false,
        Some(' ') => {
            let before = before.trim_end();
            let number = before.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','));
            number.len() == before.len() || number.trim_end().ends_with('$')
        }
        Some(_) => true,
    }
}

/// Whole pesos from `1.500`, `1500`, `1 500`, `1'500` or `1.500,00`; a
/// non-zero decimal part (`12,50`), a decimal point (`12.50`) or a comma
/// before three digits (`1,500`: thousands or decimals?) is not pesos.
pub(super) fn pesos(number: &str) -> Option<Clp> {
    let (whole, cents) = number.split_once(',').unwrap_or((number, ""));
    if cents.len() > 2 || !cents.chars().all(|c| c == '0') {
        return None;
    }
    let whole = if is_space_grouped(whole) {
        grouped(whole, &[' ', '\'', '’'])?
    } else {
        whole.to_string()
    };
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

/// A data amount from a number and a unit word; `None` when the number is
/// not one (`1.2.3`).
fn data_token(number: &str, unit: &str) -> Option<Token> {
    let unit = match unit.trim_end_matches('s') {
        "gb" | "giga" | "gigabyte" => "GB",
        "mb" | "mega" | "megabyte" => "MB",
        "kb" | "kilobyte" => "KB",
        "tb" => "TB",
        _ => return None,
    };
    let (whole, decimals) = match split_number(number, unit) {
        Split::Sure(whole, decimals) => (whole, decimals),
        Split::TwoWays => return Some(Token::AmbiguousData),
        Split::Invalid => return None,
    };
    let text = if decimals.is_empty() {
        format!("{whole} {unit}")
    } else {
        format!("{whole}.{decimals} {unit}")
    };
    text.parse().ok().map(Token::Data)
}

enum Split {
    /// Whole digits and decimal digits.
    Sure(String, String),
    TwoWays,
    Invalid,
}

/// A number's whole and decimal digits, from any of the styles in the module
/// comment; `unit` decides what one dot before three digits is.
fn split_number(number: &str, unit: &str) -> Split {
    let all_digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let sure = |whole: Option<String>, decimals: &str| match whole {
        Some(w) if decimals.is_empty() || all_digits(decimals) => Split::Sure(w, decimals.to_string()),
        _ => Split::Invalid,
    };
    // The last separator of a different kind than the grouping ones is the
    // decimal mark: `1 234,5`, `1.234,5`, `1,234.5`.
    if is_space_grouped(number) {
        let (whole, decimals) = number.rsplit_once(['.', ',']).unwrap_or((number, ""));
        return sure(grouped(whole, &[' ', '\'', '’']), decimals);
    }
    let dots = number.matches('.').count();
    let commas = number.matches(',').count();
    match (dots, commas) {
        (0, 0) => sure(Some(number.to_string()), ""),
        (_, 1..) if dots > 0 => {
            let (whole, decimals) = number.rsplit_once(['.', ',']).unwrap_or((number, ""));
            let group = if number.rfind(',') > number.rfind('.') {
                '.'
            } else {
                ','
            };
            sure(grouped(whole, &[group]), decimals)
        }
        (0, 1) | (1, 0) => {
            let (whole, decimals) = number.split_once(['.', ',']).unwrap_or((number, ""));
            let thousands_dot = number.contains('.') && matches!(unit, "MB" | "KB");
            match decimals.len() {
                3 if thousands_dot => sure(Some(format!("{whole}{decimals}")), ""),
                3 => Split::TwoWays,
                _ => sure(all_digits(whole).then(|| whole.to_string()), decimals),
            }
        }
        // `10.240.000`, `1,234,567`: only thousands can repeat.
        (_, 0) => sure(grouped(number, &['.']), ""),
        (0, _) => sure(grouped(number, &[',']), ""),
        _ => Split::Invalid,
    }
}

/// Digits grouped in threes by one of `separators` (`10.240`, `1 500`),
/// without the separators; `None` if the groups are not threes.
fn grouped(number: &str, separators: &[char]) -> Option<String> {
    let mut groups = number.split(separators);
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
pub(super) fn first_data(text: &str) -> Option<DataLeft> {
    scan(&super::text::Folded::new(text).text)
        .into_iter()
        .find_map(|f| match f.token {
            Token::Data(a) => Some(DataLeft::Amount(a)),
            Token::Unlimited => Some(DataLeft::Unlimited),
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
        let table: [(&str, &[Token]); 23] = [
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
            ("saldo $ 1 500", &[Token::Money(Clp(1500))]),
            ("saldo $1'500", &[Token::Money(Clp(1500))]),
            ("saldo $1’500", &[Token::Money(Clp(1500))]),
            ("saldo $1 500 000", &[Token::Money(Clp(1_500_000))]),
            ("$1,500", &[Token::Unreadable]),
            ("$500 100 sms", &[Token::Unreadable]),
        ];
        for (text, expected) in table {
            assert_eq!(tokens(text), expected, "{text}");
        }
    }

    #[test]
    fn data_table() {
        let table: [(&str, &[Token]); 27] = [
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
            ("marca *103# o 103 100 gb disponibles", &[]),
            ("103 100 pesos", &[Token::Unreadable]),
            ("1'024 mb", &[Token::Data(DataAmount(1_024 * MB))]),
            ("1,234.5 mb", &[Token::Data(DataAmount(1_234_500_000))]),
            ("57.35 mb", &[Token::Data(DataAmount(57_350_000))]),
            ("1.024 gb", &[Token::AmbiguousData]),
            ("1,024 mb", &[Token::AmbiguousData]),
            ("megas disponibles: 1.536", &[Token::Data(DataAmount(1_536 * MB))]),
            ("sms:50 mb:100,5", &[Token::Data(DataAmount(100_500_000))]),
            ("sms 50 100 mb", &[]),
            ("gb: 15/12", &[]),
            ("bolsa de 2 gb: 1 activa", &[Token::Data(DataAmount(2 * GB))]),
            ("min:120 mb:2.048", &[Token::Data(DataAmount(2_048 * MB))]),
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
