//! Plans (bolsas): what can be bought for a line.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Clp, DataAmount, Operator};

/// A plan id as used on the command line: lowercase letters, digits, `-`,
/// `_` and `.`, up to 64 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PlanId(String);

impl PlanId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a text is not a plan id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanIdError {
    #[error("{}", crate::t!("plan-id-empty"))]
    Empty,
    /// Holds the id's first 20 characters.
    #[error("{}", crate::t!("plan-id-long", id = .0.as_str()))]
    TooLong(String),
    #[error("{}", crate::t!(
        "plan-id-character",
        id = .id.escape_default().to_string(),
        character = .character.escape_default().to_string()
    ))]
    BadCharacter { id: String, character: char },
}

impl FromStr for PlanId {
    type Err = PlanIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if t.is_empty() {
            return Err(PlanIdError::Empty);
        }
        if t.len() > 64 {
            return Err(PlanIdError::TooLong(t.chars().take(20).collect()));
        }
        if let Some(character) = t
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')))
        {
            return Err(PlanIdError::BadCharacter {
                id: t.into(),
                character,
            });
        }
        Ok(PlanId(t.to_string()))
    }
}

impl<'de> Deserialize<'de> for PlanId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for PlanId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// Where a plan's (or a promotion's) facts come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum PlanSource {
    /// The built-in simulated network: fictional plans.
    Sandbox,
    /// The user's config (`[[operators.X.plan]]`).
    Config,
    /// Reloadly's operator catalogue.
    Reloadly,
    /// A sum given on the command line (`renew --amount`, `record --amount`).
    Amount,
}

impl PlanSource {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Serialized with the field names of `plans --json` (DESIGN.md).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub id: PlanId,
    pub operator: Operator,
    pub name: String,
    /// Data included; `None` for a plain saldo top-up.
    #[serde(rename = "data_bytes")]
    pub data: Option<DataAmount>,
    /// Days the plan lasts; `None` when the seller does not say.
    pub validity_days: Option<u32>,
    #[serde(rename = "price_clp")]
    pub price: Clp,
    pub promo: Option<String>,
    pub source: PlanSource,
    /// What the payment channel debits its own account for it, in that
    /// account's currency (Reloadly), when that is not the price in pesos.
    pub account_cost: Option<AccountCost>,
}

/// An amount in a gateway account's currency (`USD 5.50`), before the
/// gateway's discount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountCost {
    pub amount: f64,
    pub currency: String,
}

impl fmt::Display for AccountCost {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {:.2}", self.currency, self.amount)
    }
}

impl Plan {
    /// A recarga of `amount` (`--amount`): id `recarga-PESOS`, with the data
    /// and days it brings when they are known (`record --data --days`).
    pub fn for_amount(operator: Operator, amount: Clp, data: Option<DataAmount>, days: Option<u32>) -> Plan {
        Plan {
            // Digits only, and "recarga-": always a valid plan id.
            id: PlanId(format!("recarga-{}", amount.pesos())),
            operator,
            name: format!("Recarga {amount}"),
            data,
            validity_days: days,
            price: amount,
            promo: None,
            source: PlanSource::Amount,
            account_cost: None,
        }
    }

    /// Price per decimal gigabyte, rounded to the peso; `None` without data.
    pub fn price_per_gb(&self) -> Option<Clp> {
        let bytes = self.data?.bytes();
        if bytes == 0 {
            return None;
        }
        let per_gb = (self.price.pesos() as i128 * 1_000_000_000 + bytes as i128 / 2) / bytes as i128;
        Some(Clp(i64::try_from(per_gb).unwrap_or(i64::MAX)))
    }
}

/// How `topup plans --sort` orders plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PlanSort {
    #[default]
    Price,
    PricePerGb,
    Data,
    Days,
}

/// Sorts in place: cheapest first, best value first, most data first, longest first.
/// Ties keep a stable order by id so output never jitters.
pub fn sort_plans(plans: &mut [Plan], sort: PlanSort) {
    plans.sort_by(|a, b| compare_plans(a, b, sort));
}

/// The order of `sort`, then operator and id, so equal keys list the same way.
pub fn compare_plans(a: &Plan, b: &Plan, sort: PlanSort) -> std::cmp::Ordering {
    let primary = match sort {
        PlanSort::Price => a.price.cmp(&b.price),
        PlanSort::PricePerGb => {
            let key = |p: &Plan| p.price_per_gb().map_or(i64::MAX, Clp::pesos);
            key(a).cmp(&key(b))
        }
        PlanSort::Data => b.data.cmp(&a.data),
        PlanSort::Days => b.validity_days.cmp(&a.validity_days),
    };
    primary
        .then_with(|| a.operator.cmp(&b.operator))
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(id: &str, gb_tenths: Option<u64>, days: Option<u32>, price: i64) -> Plan {
        Plan {
            id: id.parse().unwrap(),
            operator: Operator::Entel,
            name: id.into(),
            data: gb_tenths.map(|t| DataAmount(t * 100_000_000)),
            validity_days: days,
            price: Clp(price),
            promo: None,
            source: PlanSource::Sandbox,
            account_cost: None,
        }
    }

    #[test]
    fn plan_ids() {
        for ok in ["sandbox-entel-1gb", "reloadly-entel-5000", "a", "x_y.z"] {
            assert!(ok.parse::<PlanId>().is_ok(), "{ok}");
        }
        for bad in ["", "Entel", "a b", "plan/1", "ñ", &"x".repeat(65), "a;rm -rf"] {
            assert!(bad.parse::<PlanId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn price_per_gb_table() {
        assert_eq!(plan("a", Some(10), Some(30), 5990).price_per_gb(), Some(Clp(5990)));
        assert_eq!(plan("b", Some(5), Some(7), 2990).price_per_gb(), Some(Clp(5980)));
        assert_eq!(plan("c", Some(150), Some(30), 14990).price_per_gb(), Some(Clp(999)));
        assert_eq!(plan("d", None, None, 5000).price_per_gb(), None);
        assert_eq!(plan("e", Some(0), None, 5000).price_per_gb(), None);
    }

    #[test]
    fn sorting() {
        let mut plans = vec![
            plan("big", Some(200), Some(30), 15990),
            plan("small", Some(10), Some(7), 1990),
            plan("topup", None, None, 1000),
            plan("mid", Some(50), Some(15), 4990),
        ];
        let ids = |p: &[Plan]| p.iter().map(|p| p.id.to_string()).collect::<Vec<_>>();
        sort_plans(&mut plans, PlanSort::Price);
        assert_eq!(ids(&plans), ["topup", "small", "mid", "big"]);
        sort_plans(&mut plans, PlanSort::PricePerGb);
        assert_eq!(ids(&plans), ["big", "mid", "small", "topup"]);
        sort_plans(&mut plans, PlanSort::Data);
        assert_eq!(ids(&plans), ["big", "mid", "small", "topup"]);
        sort_plans(&mut plans, PlanSort::Days);
        assert_eq!(ids(&plans), ["big", "mid", "small", "topup"]);
    }
}
