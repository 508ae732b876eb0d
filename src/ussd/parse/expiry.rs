//! Expiry dates: "vence el 15/12/2026", "válido hasta 31/12 23:59", "hasta
//! el 5 de diciembre", "vigente hasta el 15-12-26", read in America/Santiago.
//!
//! A date counts only after an expiry word (a bare `15/12` may be "saldo al
//! 15/12"). No time means the end of that day (23:59:59): operators say
//! "hasta el 15/12" meaning all of it. No year means the year that puts the
//! day nearest to `now` (a plan may have ended already). Two-digit years are
//! 20yy.

use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use regex::{Captures, Regex};

use super::amounts::static_regex;
use crate::domain::timefmt::{in_santiago, santiago};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Expiry {
    /// Where the expiry word is in the folded text.
    pub keyword_at: usize,
    pub at: Timestamp,
}

static KEYWORD: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(
        r"\b(?:vencen?|vencimiento|vto|vigentes?|vigencia|valid[oa]s?|hasta|expiran?|expiracion|caducan?|terminan?|finaliza)\b",
    )
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    static_regex(concat!(
        r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})",
        r"|(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})(?:[/.\-](?P<y>\d{4}|\d{2}))?",
        r"|(?P<wd>\d{1,2})(?: de | ?[-/ ] ?)(?P<month>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept?|oct|nov|dic)\b\.?(?:(?: de| del)? ?[-/]?(?P<wy>\d{4}))?",
        r"|\b(?P<rel>hoy|manana)\b",
    ))
});
static TIME: LazyLock<Regex> = LazyLock::new(|| static_regex(r"\b(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?"));

/// How far after an expiry word its date may be ("válido hasta el día
/// viernes 15/12"), and its time after the date ("15/12 a las 23:59 hrs").
const DATE_REACH: usize = 40;
const TIME_REACH: usize = 25;

/// Every expiry in `text` (folded), one per date.
pub(super) fn find(text: &str, now: Timestamp) -> Vec<Expiry> {
    let mut out: Vec<(usize, Expiry)> = Vec::new();
    for keyword in KEYWORD.find_iter(text) {
        let from = date_search_start(text, keyword.end());
        let window = &text[from..sentence_end(text, from, DATE_REACH)];
        let Some(date) = DATE
            .captures_iter(window)
            .find(|c| c.get(0).is_some_and(|m| date_stands_alone(window, m.range())))
        else {
            continue;
        };
        let Some(date_range) = date.get(0).map(|m| m.range()) else {
            continue;
        };
        let date_at = from + date_range.start;
        if out.iter().any(|(at, _)| *at == date_at) {
            continue;
        }
        let time_window = &text[from..sentence_end(text, from, date_range.end + TIME_REACH)];
        let time = TIME.captures(time_window).and_then(|c| time_of(&c));
        if let Some(at) = resolve(&date, time, now) {
            out.push((
                date_at,
                Expiry {
                    keyword_at: keyword.start(),
                    at,
                },
            ));
        }
    }
    out.into_iter().map(|(_, e)| e).collect()
}

/// Where to look for the date of a keyword that ends at `at`: right there,
/// or on the next line when the keyword ends its line ("Vence:\n31/12/2026").
fn date_search_start(text: &str, at: usize) -> usize {
    let rest = text.get(at..).unwrap_or("");
    match rest.find('\n') {
        Some(line_end) if !rest[..line_end].chars().any(char::is_alphanumeric) => at + line_end + 1,
        _ => at,
    }
}

/// The end of the window of `reach` bytes from `from`, stopped by a line or
/// sentence end (a comma does not stop it: "hasta el 5 de diciembre, a las 23:59").
fn sentence_end(text: &str, from: usize, reach: usize) -> usize {
    let rest = &text[from..];
    let stop = [rest.find(['\n', ';', '|']), rest.find(". ")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    let mut end = from + stop.min(reach);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// `15/12` inside `1.500` or `2,15/12` is no date.
fn date_stands_alone(window: &str, range: std::ops::Range<usize>) -> bool {
    let before_ok = window[..range.start]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '$')));
    let after_ok = window[range.end..].chars().next().is_none_or(|c| !c.is_ascii_digit());
    before_ok && after_ok
}

fn time_of(caps: &Captures) -> Option<Time> {
    let number = |name: &str| caps.name(name).map_or(Some(0), |m| m.as_str().parse::<i8>().ok());
    let (hour, minute, second) = (number("h")?, number("mi")?, number("s")?);
    if (hour, minute, second) == (24, 0, 0) {
        return Some(end_of_day());
    }
    Time::new(hour, minute, second, 0).ok()
}

fn end_of_day() -> Time {
    Time::new(23, 59, 59, 0).unwrap_or(Time::MAX)
}

fn resolve(caps: &Captures, time: Option<Time>, now: Timestamp) -> Option<Timestamp> {
    let time = time.unwrap_or_else(end_of_day);
    let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());
    let today = in_santiago(now).date();
    let (year, month, day) = if let Some(rel) = caps.name("rel") {
        let date = if rel.as_str() == "hoy" {
            today
        } else {
            today.tomorrow().ok()?
        };
        (Some(date.year()), i16::from(date.month()), i16::from(date.day()))
    } else if let Some(year) = number("iy") {
        (Some(year), number("im")?, number("id")?)
    } else if let Some(day) = number("d") {
        let year = caps.name("y").and_then(|y| {
            let value = y.as_str().parse::<i16>().ok()?;
            Some(if y.as_str().len() == 2 { 2000 + value } else { value })
        });
        (year, number("m")?, day)
    } else {
        (number("wy"), month_number(caps.name("month")?.as_str())?, number("wd")?)
    };
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    let at = |year: i16| -> Option<Timestamp> {
        let date = Date::new(year, month, day).ok()?;
        DateTime::from_parts(date, time)
            .to_zoned_datetime(santiago().clone())
            .ok()
            .map(|z| z.timestamp())
    };
    match year {
        Some(year) if (2000..=2100).contains(&year) => at(year),
        Some(_) => None,
        // The year that puts the day nearest to now: "hasta el 10/11" read on
        // 20/11 is a plan that ended ten days ago, not one that runs for
        // another year; "hasta el 5/01" read in December is next month.
        // (29/02 may be years away.)
        None => (today.year().saturating_sub(1)..=today.year().saturating_add(8))
            .filter_map(at)
            .min_by_key(|ts| now.duration_since(*ts).abs()),
    }
}

fn month_number(name: &str) -> Option<i16> {
    const MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
    ];
    if name == "setiembre" {
        return Some(9);
    }
    let index = MONTHS.iter().position(|m| name.starts_with(m))?;
    i16::try_from(index + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i16, m: i8, d: i8, h: i8, mi: i8, s: i8) -> Timestamp {
        jiff::civil::date(y, m, d)
            .at(h, mi, s, 0)
            .to_zoned_datetime(santiago().clone())
            .unwrap()
            .timestamp()
    }

    #[test]
    fn expiry_table() {
        // 2026-11-20 12:00 in Santiago (UTC-3 in summer).
        let now: Timestamp = "2026-11-20T15:00:00Z".parse().unwrap();
        let table: [(&str, Option<Timestamp>); 24] = [
            ("vence el 15/12/2026", Some(local(2026, 12, 15, 23, 59, 59))),
            ("hasta el 03-01-2027", Some(local(2027, 1, 3, 23, 59, 59))),
            ("valido hasta 31/12 23:59", Some(local(2026, 12, 31, 23, 59, 0))),
            ("valido hasta el 10/11", Some(local(2026, 11, 10, 23, 59, 59))),
            ("vence el 5/01", Some(local(2027, 1, 5, 23, 59, 59))),
            ("hasta el 5 de diciembre", Some(local(2026, 12, 5, 23, 59, 59))),
            ("vigente hasta el 15-12-26", Some(local(2026, 12, 15, 23, 59, 59))),
            (
                "vence el 5 de diciembre de 2026 a las 18:30 hrs",
                Some(local(2026, 12, 5, 18, 30, 0)),
            ),
            ("vence: 05-dic-2026", Some(local(2026, 12, 5, 23, 59, 59))),
            ("expira 2027-01-31", Some(local(2027, 1, 31, 23, 59, 59))),
            ("hasta las 23:59 del 31/12", Some(local(2026, 12, 31, 23, 59, 0))),
            (
                "hasta el 5 de diciembre, a las 10:00",
                Some(local(2026, 12, 5, 10, 0, 0)),
            ),
            ("vence hoy", Some(local(2026, 11, 20, 23, 59, 59))),
            ("vence manana a las 24:00", Some(local(2026, 11, 21, 23, 59, 59))),
            ("vencimiento: 1.12.2026", Some(local(2026, 12, 1, 23, 59, 59))),
            ("vence el 29/02", Some(local(2028, 2, 29, 23, 59, 59))),
            ("vence:\n31/12/2026", Some(local(2026, 12, 31, 23, 59, 59))),
            ("vence\n\n31/12/2026", None),
            ("vence tu bolsa\n31/12/2026", None),
            // No expiry word, or no date after it.
            ("saldo al 15/12/2026", None),
            ("navega hasta 10 gb", None),
            ("vence el 31/02/2027", None),
            ("vence el 15/13/2026", None),
            ("hasta $1.500. saldo al 15/12", None),
        ];
        for (text, expected) in table {
            let got = find(text, now).first().map(|e| e.at);
            assert_eq!(got, expected, "{text}");
        }
        assert_eq!(local(2026, 12, 15, 23, 59, 59).to_string(), "2026-12-16T02:59:59Z");
    }

    #[test]
    fn one_expiry_per_date() {
        let now: Timestamp = "2026-11-20T15:00:00Z".parse().unwrap();
        let found = find("valido hasta el 15/12/2026. bono vence el 01/12/2026", now);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].keyword_at, 0);
    }
}
