//! The operators topup knows by name. What each one is lives in `carrier/`.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Operator {
    Entel,
    Movistar,
    Claro,
    Wom,
    Virgin,
}

impl Operator {
    pub const ALL: [Operator; 5] = [
        Operator::Entel,
        Operator::Movistar,
        Operator::Claro,
        Operator::Wom,
        Operator::Virgin,
    ];

    /// The config and command-line spelling.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A name that is not one of the operators topup knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("operator-unknown", text = .0.as_str()))]
pub struct OperatorError(pub String);

impl FromStr for Operator {
    type Err = OperatorError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Operator::ALL
            .into_iter()
            .find(|op| op.as_str() == wanted)
            .ok_or_else(|| OperatorError(s.trim().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        for op in Operator::ALL {
            assert_eq!(op.as_str().parse::<Operator>(), Ok(op));
            assert_eq!(op.as_str().to_uppercase().parse::<Operator>(), Ok(op));
        }
        for bad in ["", "vtr", "entel2", "tigo"] {
            assert!(bad.parse::<Operator>().is_err(), "{bad}");
        }
    }
}
