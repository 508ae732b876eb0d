//! Chilean pesos: whole pesos, no decimals, shown `$12.990`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of Chilean pesos. CLP has no subunit in practice; amounts are
/// whole pesos in an `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Clp(pub i64);

/// Prices above this are refused as input: no prepaid plan costs a million pesos,
/// and a typo with an extra zero should not reach a payment.
pub const MAX_PRICE: Clp = Clp(1_000_000);

impl Clp {
    pub fn pesos(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Clp) -> Option<Clp> {
        self.0.checked_add(other.0).map(Clp)
    }

    /// A price a user may pay: positive and not absurd.
    pub fn validate_price(self) -> Result<Clp, PriceError> {
        if self.0 <= 0 {
            return Err(PriceError::NotPositive(self));
        }
        if self > MAX_PRICE {
            return Err(PriceError::TooHigh(self));
        }
        Ok(self)
    }
}

/// Why an amount is not a price a user may pay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error("{}", crate::t!("money-not-positive", amount = .0.to_string()))]
    NotPositive(Clp),
    #[error("{}", crate::t!("money-too-high", amount = .0.to_string(), max = MAX_PRICE.to_string()))]
    TooHigh(Clp),
}

/// Why a text is not an amount of pesos.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("{}", crate::t!("money-empty", text = .0.as_str()))]
    Empty(String),
    #[error("{}", crate::t!("money-decimal", text = .0.as_str()))]
    Decimal(String),
    #[error("{}", crate::t!("money-malformed", text = .0.as_str()))]
    Malformed(String),
    #[error("{}", crate::t!("money-too-large", text = .0.as_str()))]
    TooLarge(String),
}

impl fmt::Display for Clp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.0.unsigned_abs().to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('.');
            }
            grouped.push(c);
        }
        let sign = if self.0 < 0 { "-" } else { "" };
        f.pad(&format!("{sign}${grouped}"))
    }
}

impl FromStr for Clp {
    type Err = AmountError;

    /// Accepts `12990`, `12.990`, `$12.990`, `$ 12.990`, `12990 CLP`. Dots are
    /// thousands separators (Chilean usage); a decimal part is refused because
    /// pesos have none.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        let mut body = trimmed;
        for suffix in ["CLP", "clp", "pesos"] {
            if let Some(b) = body.strip_suffix(suffix) {
                body = b.trim_end();
            }
        }
        let (negative, body) = match body.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, body),
        };
        let body = body.strip_prefix('$').unwrap_or(body).trim_start();
        if body.is_empty() {
            return Err(AmountError::Empty(trimmed.into()));
        }
        if body.contains(',') {
            return Err(AmountError::Decimal(trimmed.into()));
        }
        let groups: Vec<&str> = body.split('.').collect();
        let well_grouped = groups.len() == 1
            || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        if !well_grouped || !groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit())) {
            return Err(AmountError::Malformed(trimmed.into()));
        }
        let digits: String = groups.concat();
        // Through i128 so that i64::MIN, whose magnitude i64 cannot hold,
        // parses back from its own display.
        let too_large = || AmountError::TooLarge(trimmed.into());
        let magnitude: i128 = digits.parse().map_err(|_| too_large())?;
        let value = if negative { -magnitude } else { magnitude };
        i64::try_from(value).map(Clp).map_err(|_| too_large())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_table() {
        let table = [
            (0, "$0"),
            (5, "$5"),
            (990, "$990"),
            (1000, "$1.000"),
            (12990, "$12.990"),
            (100000, "$100.000"),
            (1234567, "$1.234.567"),
            (-500, "-$500"),
            (-12990, "-$12.990"),
        ];
        for (pesos, shown) in table {
            assert_eq!(Clp(pesos).to_string(), shown);
        }
    }

    #[test]
    fn parse_table() {
        let ok = [
            ("12990", 12990),
            ("12.990", 12990),
            ("$12.990", 12990),
            ("$ 12.990", 12990),
            ("1.234.567", 1234567),
            ("12990 CLP", 12990),
            ("1.500 pesos", 1500),
            ("0", 0),
            ("-500", -500),
        ];
        for (text, pesos) in ok {
            assert_eq!(text.parse::<Clp>(), Ok(Clp(pesos)), "{text}");
        }
        let bad = [
            "",
            "$",
            "12,5",
            "12.99",
            "1.2345",
            "abc",
            "12a",
            ".500",
            "99999999999999999999",
            "1..000",
        ];
        for text in bad {
            assert!(text.parse::<Clp>().is_err(), "{text} should not parse");
        }
    }

    #[test]
    fn display_then_parse_round_trips() {
        for pesos in [0, 1, 999, 1000, 12990, 1_000_000, 987_654_321, i64::MIN, i64::MAX] {
            assert_eq!(Clp(pesos).to_string().parse::<Clp>(), Ok(Clp(pesos)));
        }
    }

    #[test]
    fn price_validation() {
        assert!(Clp(0).validate_price().is_err());
        assert!(Clp(-1).validate_price().is_err());
        assert!(Clp(1_000_001).validate_price().is_err());
        assert_eq!(Clp(4990).validate_price(), Ok(Clp(4990)));
    }
}
