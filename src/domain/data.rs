//! Data amounts in bytes, decimal units (1 GB = 1000 MB = 10⁹ bytes).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of mobile data in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DataAmount(pub u64);

pub const KB: u64 = 1_000;
pub const MB: u64 = 1_000_000;
pub const GB: u64 = 1_000_000_000;
pub const TB: u64 = 1_000_000_000_000;

impl DataAmount {
    pub fn bytes(self) -> u64 {
        self.0
    }
    pub fn from_mb(mb: u64) -> Self {
        DataAmount(mb.saturating_mul(MB))
    }
    pub fn from_gb(gb: u64) -> Self {
        DataAmount(gb.saturating_mul(GB))
    }
    pub fn saturating_sub(self, other: DataAmount) -> DataAmount {
        DataAmount(self.0.saturating_sub(other.0))
    }
    pub fn saturating_add(self, other: DataAmount) -> DataAmount {
        DataAmount(self.0.saturating_add(other.0))
    }
    pub fn gigabytes(self) -> f64 {
        self.0 as f64 / GB as f64
    }
}

fn unit_factor(unit: &str) -> Option<u64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "b" | "byte" | "bytes" => 1,
        "kb" | "k" => KB,
        "mb" | "m" | "mega" | "megas" => MB,
        "gb" | "g" | "giga" | "gigas" => GB,
        "tb" | "t" => TB,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "tib" => 1 << 40,
        _ => return None,
    })
}

/// Why a text is not a data amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DataAmountError {
    #[error("{}", crate::t!("data-malformed", text = .0.as_str()))]
    Malformed(String),
    #[error("{}", crate::t!("data-no-unit", text = .text.as_str(), number = .number.as_str()))]
    NoUnit { text: String, number: String },
    #[error("{}", crate::t!("data-unknown-unit", text = .text.as_str(), unit = .unit.as_str()))]
    UnknownUnit { text: String, unit: String },
    #[error("{}", crate::t!("data-too-large", text = .0.as_str()))]
    TooLarge(String),
}

impl FromStr for DataAmount {
    type Err = DataAmountError;

    /// Accepts `500MB`, `500 MB`, `1.5 GB`, `1,5 GB` (Chilean decimal comma),
    /// `2GiB`, `0`. A bare number without a unit is refused (bytes or
    /// gigabytes? nobody can tell).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let split = text
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let unit = unit.trim();
        let number = number.replace(',', ".");
        if number.is_empty() || number.matches('.').count() > 1 || number.ends_with('.') || number.starts_with('.') {
            return Err(DataAmountError::Malformed(text.into()));
        }
        let factor = if unit.is_empty() {
            if number.chars().all(|c| c == '0' || c == '.') {
                1
            } else {
                return Err(DataAmountError::NoUnit {
                    text: text.into(),
                    number,
                });
            }
        } else {
            unit_factor(unit).ok_or_else(|| DataAmountError::UnknownUnit {
                text: text.into(),
                unit: unit.into(),
            })?
        };
        let (whole, frac) = number.split_once('.').unwrap_or((&number, ""));
        let too_large = || DataAmountError::TooLarge(text.into());
        let whole: u64 = whole.parse().map_err(|_| too_large())?;
        let mut bytes = whole.checked_mul(factor).ok_or_else(too_large)?;
        // Exact decimal arithmetic for the fraction: 1.5 GB is 1_500_000_000 bytes.
        let mut scale = factor;
        for digit in frac.chars().take(18) {
            scale /= 10;
            let d = u64::from(digit.to_digit(10).unwrap_or(0));
            bytes = bytes.checked_add(d * scale).ok_or_else(too_large)?;
        }
        Ok(DataAmount(bytes))
    }
}

impl fmt::Display for DataAmount {
    /// `1.5 GB`, `850 MB`, `12 KB`, `0 B`: the largest unit that keeps the number
    /// at least 1, with up to two decimals and no trailing zeros. Spanish
    /// readers get a decimal comma (`1,5 GB`); JSON is always English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let point = match crate::i18n::lang() {
            crate::i18n::Lang::Es => ',',
            _ => '.',
        };
        let b = self.0;
        let (unit, factor) = match b {
            _ if b >= TB => ("TB", TB),
            _ if b >= GB => ("GB", GB),
            _ if b >= MB => ("MB", MB),
            _ if b >= KB => ("KB", KB),
            _ => ("B", 1),
        };
        let whole = b / factor;
        let hundredths = (b % factor) * 100 / factor;
        let text = if hundredths == 0 {
            format!("{whole} {unit}")
        } else if hundredths.is_multiple_of(10) {
            format!("{whole}{point}{} {unit}", hundredths / 10)
        } else {
            format!("{whole}{point}{hundredths:02} {unit}")
        };
        f.pad(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let ok = [
            ("500MB", 500 * MB),
            ("500 MB", 500 * MB),
            ("500 mb", 500 * MB),
            ("1.5 GB", 1_500 * MB),
            ("1,5 GB", 1_500 * MB),
            ("1,5GB", 1_500 * MB),
            ("2 GB", 2 * GB),
            ("0.25 GB", 250 * MB),
            ("10 KB", 10 * KB),
            ("1 TB", TB),
            ("2GiB", 2 << 30),
            ("0", 0),
            ("  850 MB ", 850 * MB),
            ("100 B", 100),
        ];
        for (text, bytes) in ok {
            assert_eq!(text.parse::<DataAmount>(), Ok(DataAmount(bytes)), "{text}");
        }
        let bad = [
            "",
            "GB",
            "5",
            "1.5",
            "1.2.3 GB",
            "5 XB",
            "-5 GB",
            ".5 GB",
            "5. GB",
            "abc",
            "99999999999999999999 GB",
            "1e3 MB",
        ];
        for text in bad {
            assert!(text.parse::<DataAmount>().is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn display_table() {
        let table = [
            (0, "0 B"),
            (999, "999 B"),
            (KB, "1 KB"),
            (850 * MB, "850 MB"),
            (GB, "1 GB"),
            (1_500 * MB, "1.5 GB"),
            (2_250 * MB, "2.25 GB"),
            (10 * GB, "10 GB"),
        ];
        for (bytes, shown) in table {
            assert_eq!(DataAmount(bytes).to_string(), shown);
        }
    }

    #[test]
    fn display_then_parse_round_trips_for_whole_hundredths() {
        for bytes in [0, 5 * MB, 850 * MB, GB, 1_500 * MB, 2_250 * MB, 7 * GB] {
            let shown = DataAmount(bytes).to_string();
            assert_eq!(shown.parse::<DataAmount>(), Ok(DataAmount(bytes)), "{shown}");
        }
    }
}
