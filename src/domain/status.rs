//! What is known about a line right now: each fact optional, with its source.

use jiff::Timestamp;
use serde::Serialize;

use super::{Clp, DataAmount};

/// Where a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusSource {
    /// The built-in simulated network.
    Sandbox,
    /// Read from the SIM over USSD/SMS through ModemManager.
    Modem,
    /// Estimated from past purchases in the ledger (no reading possible).
    Ledger,
}

impl StatusSource {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusSource::Sandbox => "sandbox",
            StatusSource::Modem => "modem",
            StatusSource::Ledger => "ledger",
        }
    }
}

/// Data left on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataLeft {
    Amount(DataAmount),
    /// The operator says "Ilimitado".
    Unlimited,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LineStatus {
    /// Saldo that can buy plans.
    pub saldo: Option<Clp>,
    /// Bonus saldo (regalo, promociones, Extra Saldo): usable for traffic,
    /// not for buying plans on some operators; kept apart.
    pub bonus_saldo: Option<Clp>,
    pub data_left: Option<DataLeft>,
    /// Name of the active plan, when known.
    pub plan: Option<String>,
    pub expires_at: Option<Timestamp>,
    pub source: StatusSource,
    pub as_of: Timestamp,
}

impl LineStatus {
    pub fn empty(source: StatusSource, as_of: Timestamp) -> Self {
        LineStatus {
            saldo: None,
            bonus_saldo: None,
            data_left: None,
            plan: None,
            expires_at: None,
            source,
            as_of,
        }
    }

    pub fn data_bytes(&self) -> Option<u64> {
        match self.data_left {
            Some(DataLeft::Amount(a)) => Some(a.bytes()),
            _ => None,
        }
    }

    pub fn data_unlimited(&self) -> bool {
        matches!(self.data_left, Some(DataLeft::Unlimited))
    }
}
