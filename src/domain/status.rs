//! What is known about a line right now: each fact optional, with its source.

use jiff::Timestamp;
use serde::Serialize;

use super::{Clp, DataAmount};

/// Where a reading came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum StatusSource {
    /// The built-in simulated network.
    Sandbox,
    /// Read from the SIM over USSD/SMS through ModemManager.
    Modem,
    /// Estimated from past purchases in the ledger (no reading possible).
    Ledger,
    /// Read from the SIM over USSD/SMS through a Huawei HiLink router's web API.
    Hilink,
}

impl StatusSource {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The data a router counted this month (HiLink's month statistics): what
/// the device itself sent and received, not the operator's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthUsage {
    pub used: DataAmount,
    /// The monthly limit set in the router (`DataLimit`), when one is.
    pub limit: Option<DataAmount>,
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
    /// Data the device counted this month, for lines whose operator gives
    /// no data figure (HiLink routers count it).
    pub month_usage: Option<MonthUsage>,
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
            month_usage: None,
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

/// A line as it was before a saldo purchase, kept with the order: the
/// purchase is recognised later by comparing a reading with it.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Baseline {
    pub saldo_clp: Option<i64>,
    pub data_left_bytes: Option<u64>,
    pub expires_at: Option<Timestamp>,
}

impl Baseline {
    pub fn of(s: &LineStatus) -> Baseline {
        Baseline {
            saldo_clp: s.saldo.map(Clp::pesos),
            data_left_bytes: s.data_bytes(),
            expires_at: s.expires_at,
        }
    }

    /// Whether `now` shows a purchase of `price` made since: saldo down by at
    /// least the price, data up, or the plan's end moved later. Usage lowers
    /// data, and calls or SMS lower saldo by less than a plan costs, so none
    /// of these happen without a purchase. (A recarga meanwhile can hide the
    /// saldo going down; data and the plan's end still show it.)
    pub fn shows_purchase(&self, now: &LineStatus, price: Clp) -> bool {
        let saldo_down = matches!((self.saldo_clp, now.saldo),
            (Some(before), Some(after)) if after.pesos() <= before.saturating_sub(price.pesos()));
        saldo_down || self.shows_more_or_longer(now)
    }

    /// Whether `now` shows a payment of `amount` made elsewhere since (a
    /// recarga or a plan paid on the operator's page): saldo up by at least
    /// the amount, data up, or the plan's end moved later. Nothing but a
    /// payment raises saldo (a gift recarga meanwhile would look alike, and
    /// is as rare as it is unlikely to match the amount).
    pub fn shows_payment(&self, now: &LineStatus, amount: Clp) -> bool {
        let saldo_up = matches!((self.saldo_clp, now.saldo),
            (Some(before), Some(after)) if after.pesos() >= before.saturating_add(amount.pesos()));
        saldo_up || self.shows_more_or_longer(now)
    }

    /// Data up, or the plan's end later than before.
    fn shows_more_or_longer(&self, now: &LineStatus) -> bool {
        let data_up = matches!((self.data_left_bytes, now.data_bytes()), (Some(before), Some(after)) if after > before)
            || (now.data_unlimited() && self.data_left_bytes.is_some());
        let later_end = matches!((self.expires_at, now.expires_at), (Some(before), Some(after)) if after > before)
            || (self.expires_at.is_none() && now.expires_at.is_some());
        data_up || later_end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(saldo: Option<i64>, data_mb: Option<u64>, expires: Option<&str>) -> LineStatus {
        let at: Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
        LineStatus {
            saldo: saldo.map(Clp),
            data_left: data_mb.map(|mb| DataLeft::Amount(DataAmount::from_mb(mb))),
            expires_at: expires.map(|e| e.parse().unwrap()),
            ..LineStatus::empty(StatusSource::Modem, at)
        }
    }

    #[test]
    fn a_purchase_shows_as_its_price_off_saldo_more_data_or_a_later_end() {
        let price = Clp(2990);
        let before = Baseline::of(&reading(Some(8000), Some(300), Some("2026-11-30T03:00:00Z")));
        let table = [
            // Saldo down by the price (or more: a call meanwhile).
            (reading(Some(5010), Some(300), Some("2026-11-30T03:00:00Z")), true),
            (reading(Some(4900), Some(300), Some("2026-11-30T03:00:00Z")), true),
            // Down by less than the price: calls or SMS, not a plan.
            (reading(Some(7500), Some(300), Some("2026-11-30T03:00:00Z")), false),
            // Data up, or the plan's end later (a recarga may hide the saldo).
            (reading(Some(9000), Some(2300), Some("2026-11-30T03:00:00Z")), true),
            (reading(Some(9000), Some(100), Some("2026-12-30T03:00:00Z")), true),
            // Nothing moved but data used: no purchase.
            (reading(Some(8000), Some(200), Some("2026-11-30T03:00:00Z")), false),
            // Nothing readable: no proof.
            (reading(None, None, None), false),
        ];
        for (now, shows) in table {
            assert_eq!(before.shows_purchase(&now, price), shows, "{now:?}");
        }
    }

    #[test]
    fn a_payment_elsewhere_shows_as_saldo_up_by_the_amount_more_data_or_a_later_end() {
        let amount = Clp(5000);
        let before = Baseline::of(&reading(Some(8000), Some(300), Some("2026-11-30T03:00:00Z")));
        let table = [
            // A recarga: saldo up by the amount (or more: a bonus).
            (reading(Some(13000), Some(300), Some("2026-11-30T03:00:00Z")), true),
            (reading(Some(15000), Some(300), Some("2026-11-30T03:00:00Z")), true),
            // Up by less than the amount: not this payment.
            (reading(Some(12000), Some(300), Some("2026-11-30T03:00:00Z")), false),
            // Saldo down (a call, or a saldo purchase): not a payment elsewhere.
            (reading(Some(3000), Some(300), Some("2026-11-30T03:00:00Z")), false),
            // A plan paid on the page: data up, or the plan's end later.
            (reading(Some(8000), Some(5300), Some("2026-11-30T03:00:00Z")), true),
            (reading(Some(8000), Some(100), Some("2026-12-30T03:00:00Z")), true),
            // Nothing moved but data used.
            (reading(Some(8000), Some(200), Some("2026-11-30T03:00:00Z")), false),
            (reading(None, None, None), false),
        ];
        for (now, shows) in table {
            assert_eq!(before.shows_payment(&now, amount), shows, "{now:?}");
        }
    }
}
