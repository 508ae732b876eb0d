//! Which ModemManager modem a line's SIM sits in.

use std::fmt;
use std::str::FromStr;

/// `any` (the first), its number, or its D-Bus path. Passed to mmcli as `-m`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModemSelector {
    Any,
    Index(u32),
    Path(String),
}

/// `to` is not a number an SMS can be sent to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("modem-sms-number", text = .0.as_str()))]
pub struct NotSmsNumber(pub String);

/// `to` trimmed, when it is digits with an optional leading `+` (`103`,
/// `+56912345678`): what an SMS can be sent to.
pub fn sms_number(to: &str) -> Result<&str, NotSmsNumber> {
    let to = to.trim();
    let digits = to.strip_prefix('+').unwrap_or(to);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NotSmsNumber(to.to_string()));
    }
    Ok(to)
}

const MODEM_PATH_PREFIX: &str = "/org/freedesktop/ModemManager1/Modem/";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("modem-selector", text = .0.as_str()))]
pub struct ModemSelectorError(String);

impl FromStr for ModemSelector {
    type Err = ModemSelectorError;

    fn from_str(text: &str) -> Result<Self, ModemSelectorError> {
        let t = text.trim();
        // Up to nine digits: always a u32.
        let is_index = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
        if t.eq_ignore_ascii_case("any") {
            Ok(ModemSelector::Any)
        } else if is_index(t) {
            t.parse()
                .map(ModemSelector::Index)
                .map_err(|_| ModemSelectorError(t.to_string()))
        } else if t.strip_prefix(MODEM_PATH_PREFIX).is_some_and(is_index) {
            Ok(ModemSelector::Path(t.to_string()))
        } else {
            Err(ModemSelectorError(t.to_string()))
        }
    }
}

impl serde::Serialize for ModemSelector {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for ModemSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModemSelector::Any => f.write_str("any"),
            ModemSelector::Index(n) => write!(f, "{n}"),
            ModemSelector::Path(path) => f.write_str(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modem_selectors() {
        let table = [
            ("any", Ok(ModemSelector::Any)),
            ("ANY", Ok(ModemSelector::Any)),
            (" 0 ", Ok(ModemSelector::Index(0))),
            ("12", Ok(ModemSelector::Index(12))),
            (
                "/org/freedesktop/ModemManager1/Modem/3",
                Ok(ModemSelector::Path(
                    "/org/freedesktop/ModemManager1/Modem/3".to_string(),
                )),
            ),
            ("/org/freedesktop/ModemManager1/Modem/", Err(())),
            ("/org/freedesktop/ModemManager1/SIM/0", Err(())),
            ("first", Err(())),
            ("", Err(())),
            ("-1", Err(())),
            ("99999999999", Err(())),
        ];
        for (input, expected) in table {
            assert_eq!(input.parse::<ModemSelector>().map_err(|_| ()), expected, "{input:?}");
        }
        for text in ["any", "0", "/org/freedesktop/ModemManager1/Modem/3"] {
            assert_eq!(text.parse::<ModemSelector>().unwrap().to_string(), text);
        }
    }
}
