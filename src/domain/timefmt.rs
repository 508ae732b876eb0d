//! Time helpers shared by the domain: America/Santiago calendar, months,
//! and human durations (`2d`, `12h`, `90s`).

use std::sync::OnceLock;

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp, ZonedDateTime};

/// The time topup goes by: the system's, or a fixed one (`TOPUP_NOW`, for
/// tests and demos). Copied into what needs it, so a run has one clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    fixed: Option<Timestamp>,
}

impl Clock {
    pub fn fixed_at(at: Option<Timestamp>) -> Clock {
        Clock { fixed: at }
    }

    pub fn now(self) -> Timestamp {
        self.fixed.unwrap_or_else(Timestamp::now)
    }
}

/// Chile's civil time. Plan validity and monthly caps follow it.
pub fn santiago() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    // The tz database is bundled into the binary as a fallback, so this only
    // fails if jiff itself is broken; UTC keeps topup usable in that case.
    TZ.get_or_init(|| TimeZone::get("America/Santiago").unwrap_or(TimeZone::UTC))
}

pub fn in_santiago(ts: Timestamp) -> ZonedDateTime {
    ts.to_zoned_datetime(santiago().clone())
}

/// `2026-11` for the calendar month in Santiago that holds `ts`.
pub fn month_key(ts: Timestamp) -> String {
    let z = in_santiago(ts);
    format!("{:04}-{:02}", z.year(), z.month())
}

/// A calendar month as `YYYY-MM` (the form of [`month_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month(String);

impl Month {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A text that is not a `YYYY-MM` month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("month-malformed", text = .0.as_str()))]
pub struct MonthError(String);

impl std::str::FromStr for Month {
    type Err = MonthError;
    fn from_str(text: &str) -> Result<Self, MonthError> {
        let t = text.trim();
        let ok = t.len() == 7
            && t.as_bytes()[4] == b'-'
            && t[..4].chars().all(|c| c.is_ascii_digit())
            && t[5..].chars().all(|c| c.is_ascii_digit())
            && matches!(t[5..].parse::<u8>(), Ok(1..=12));
        ok.then(|| Month(t.into())).ok_or_else(|| MonthError(t.into()))
    }
}

/// A text that is neither a date nor an RFC 3339 time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("date-malformed", text = .0.as_str()))]
pub struct DateError(String);

/// Parses a date (`2026-11-01`) or a full RFC 3339 time into a timestamp; a
/// date means its midnight in Santiago.
pub fn parse_since(text: &str) -> Result<Timestamp, DateError> {
    let t = text.trim();
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Ok(ts);
    }
    t.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.to_zoned_datetime(santiago().clone()).ok())
        .map(|z| z.timestamp())
        .ok_or_else(|| DateError(t.into()))
}

/// When something happened: an RFC 3339 time, a date and time of day in
/// Chile's time (`2026-11-20T10:30`, `2026-11-20 10:30`), or a date (its
/// start, in Chile's time).
pub fn parse_when(text: &str) -> Result<Timestamp, DateError> {
    let t = text.trim();
    let civil = t.replacen(' ', "T", 1).parse::<jiff::civil::DateTime>();
    if t.len() > 10
        && let Ok(dt) = civil
        && let Ok(z) = dt.to_zoned_datetime(santiago().clone())
    {
        return Ok(z.timestamp());
    }
    parse_since(t)
}

/// Why a text is not a duration topup accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    #[error("{}", crate::t!("duration-malformed", text = .0.as_str()))]
    Malformed(String),
    #[error("{}", crate::t!("duration-months", text = .0.as_str()))]
    MonthsOrYears(String),
    #[error("{}", crate::t!("duration-too-long", text = .0.as_str()))]
    TooLong(String),
    #[error("{}", crate::t!("duration-negative", text = .0.as_str()))]
    Negative(String),
    #[error("{}", crate::t!("duration-whole-seconds", text = .0.as_str()))]
    NotWholeSeconds(String),
    #[error("{}", crate::t!("duration-zero-timeout", text = .0.as_str()))]
    ZeroTimeout(String),
}

/// The most any duration in topup may be: a year. Longer is a typo.
const MAX_DURATION: SignedDuration = SignedDuration::from_hours(366 * 24);

/// Parses `2d`, `12h`, `30m`, `90s`, `1h30m`, `2 days`, `3600000000000ns`
/// (jiff's friendly format) or ISO 8601 (`PT2H`), honouring every unit jiff
/// accepts. Days and weeks are 24 hours and 7 days here; calendar-day logic
/// (before_expiry) works from the result in Santiago time. topup waits and
/// compares in whole seconds, so a value that is not a whole number of
/// seconds (`1500ms`, `0.5s`) is refused rather than cut: a cooldown read as
/// shorter than written could renew twice.
pub fn parse_duration(text: &str) -> Result<SignedDuration, DurationError> {
    let t = text.trim();
    let span: Span = t.parse().map_err(|_| DurationError::Malformed(t.into()))?;
    if span.get_years() != 0 || span.get_months() != 0 {
        return Err(DurationError::MonthsOrYears(t.into()));
    }
    let too_long = || DurationError::TooLong(t.into());
    let d = span
        .to_duration(SpanRelativeTo::days_are_24_hours())
        .map_err(|_| too_long())?;
    if d.is_negative() {
        return Err(DurationError::Negative(t.into()));
    }
    if d > MAX_DURATION {
        return Err(too_long());
    }
    if d.subsec_nanos() != 0 {
        return Err(DurationError::NotWholeSeconds(t.into()));
    }
    Ok(d)
}

/// Like [`parse_duration`], for how long something may take: zero would
/// fail every call at once, so it is refused rather than raised.
pub fn parse_timeout(text: &str) -> Result<SignedDuration, DurationError> {
    let d = parse_duration(text)?;
    if d.is_zero() {
        return Err(DurationError::ZeroTimeout(text.trim().into()));
    }
    Ok(d)
}

/// A duration for the standard library (sleeps, timeouts). Durations topup
/// reads are whole, non-negative seconds (`parse_duration`), so nothing is
/// cut; a negative one (an internal difference of times) is zero.
pub fn std_duration(d: SignedDuration) -> std::time::Duration {
    std::time::Duration::try_from(d).unwrap_or(std::time::Duration::ZERO)
}

/// `2d 3h`, `45m`, `12s`: short human form of a duration.
pub fn show_duration(d: SignedDuration) -> String {
    let secs = d.as_secs().max(0);
    let (days, hours, mins) = (secs / 86400, secs % 86400 / 3600, secs % 3600 / 60);
    // Units in the reader's language (`9d 23h`, `9天 23小时`).
    let unit = |id: &str, n: i64| crate::i18n::text(id, Some(&fluent_bundle::FluentArgs::from_iter([("n", n)])));
    match (days, hours, mins) {
        (0, 0, 0) => unit("unit-seconds", secs),
        (0, 0, m) => unit("unit-minutes", m),
        (0, h, 0) => unit("unit-hours", h),
        (0, h, m) => format!("{} {}", unit("unit-hours", h), unit("unit-minutes", m)),
        (d, 0, _) => unit("unit-days", d),
        (d, h, _) => format!("{} {}", unit("unit-days", d), unit("unit-hours", h)),
    }
}

/// `ts + d`, clamped to jiff's range instead of failing: a plan that lasts
/// past the year 9999 is not a case worth an error path.
pub fn plus(ts: Timestamp, d: SignedDuration) -> Timestamp {
    ts.checked_add(d).unwrap_or(if d.is_negative() {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_honour_every_unit() {
        let ok = [
            ("30s", 30),
            ("2m", 120),
            ("12h", 43200),
            ("2d", 172800),
            ("1w", 604800),
            ("1h30m", 5400),
            ("1.5h", 5400),
            ("2 days", 172800),
            ("PT2H", 7200),
            ("0s", 0),
            ("3600000000000ns", 3600),
            ("30000000000ns", 30),
            ("5000000us", 5),
            ("5000000µs", 5),
            ("2000ms", 2),
            ("1h 1000ms", 3601),
            ("31622400s", 31_622_400),
        ];
        for (text, secs) in ok {
            assert_eq!(parse_duration(text).map(|d| d.as_secs()), Ok(secs), "{text}");
            assert_eq!(parse_duration(text).map(|d| d.subsec_nanos()), Ok(0), "{text}");
        }
    }

    #[test]
    fn durations_that_would_be_cut_or_guessed_are_refused() {
        let table = [
            ("", "not a duration"),
            ("2", "not a duration"),
            ("abc", "not a duration"),
            ("-2d", "negative"),
            ("400d", "longer than a year"),
            ("31622401s", "longer than a year"),
            ("9999999999999999999ns", "not a duration"),
            ("2 months", "months"),
            ("1y", "months or years"),
            ("1500ms", "whole number of seconds"),
            ("0.5s", "whole number of seconds"),
            ("1ns", "whole number of seconds"),
            ("3600000000001ns", "whole number of seconds"),
            ("999us", "whole number of seconds"),
        ];
        for (text, says) in table {
            match parse_duration(text) {
                Ok(d) => panic!("{text} read as {d:?}"),
                Err(e) => assert!(e.to_string().contains(says), "{text}: {e}"),
            }
        }
        assert!(parse_timeout("0s").unwrap_err().to_string().contains("at least 1s"));
        assert!(parse_timeout("0ns").is_err());
        assert_eq!(parse_timeout("1000000000ns").map(|d| d.as_secs()), Ok(1));
    }

    #[test]
    fn std_durations_are_exact() {
        assert_eq!(std_duration(SignedDuration::from_secs(90)).as_secs(), 90);
        assert_eq!(std_duration(SignedDuration::from_secs(-5)), std::time::Duration::ZERO);
    }

    #[test]
    fn months_follow_santiago() {
        // 02:00 UTC on Dec 1 is still Nov 30 in Santiago (UTC-3 in summer).
        let ts: Timestamp = "2026-12-01T02:00:00Z".parse().unwrap();
        assert_eq!(month_key(ts), "2026-11");
        let ts: Timestamp = "2026-12-01T04:00:00Z".parse().unwrap();
        assert_eq!(month_key(ts), "2026-12");
    }

    #[test]
    fn month_and_since_parsing() {
        assert_eq!(
            "2026-11".parse::<Month>().map(|m| m.as_str().to_string()),
            Ok("2026-11".into())
        );
        for bad in ["2026-13", "2026-1", "nov", "2026/11", ""] {
            assert!(bad.parse::<Month>().is_err(), "{bad}");
        }
        assert!(parse_since("2026-11-01").is_ok());
        assert!(parse_since("2026-11-01T00:00:00Z").is_ok());
        assert!(parse_since("yesterday").is_err());
    }

    #[test]
    fn show_durations() {
        let table = [
            (5, "5s"),
            (120, "2m"),
            (3600, "1h"),
            (5400, "1h 30m"),
            (86400, "1d"),
            (90000, "1d 1h"),
        ];
        for (secs, shown) in table {
            assert_eq!(show_duration(SignedDuration::from_secs(secs)), shown);
        }
    }
}
