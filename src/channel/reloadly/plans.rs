//! Turning a Reloadly operator's amounts into plans. Pure.
//!
//! - FIXED operators that take local amounts: one plan per local amount,
//!   `reloadly-<op>-<pesos>`, priced in pesos, sent as pesos.
//! - FIXED operators that take account-currency amounts only: one plan per
//!   amount, `reloadly-<op>-<amount><currency>` (e.g. `reloadly-entel-5usd`,
//!   so the id does not move with the exchange rate), priced at the
//!   operator's fx rate.
//! - RANGE operators: any whole amount of pesos in the range can be bought
//!   as `reloadly-<op>-<pesos>` (see `by_id`); `plans` lists the round
//!   amounts of [`RANGE_AMOUNTS_CLP`] that fit. On an operator without local
//!   amounts the account amount is the pesos at the fx rate, in cents,
//!   rounded up.
//!
//! A plan has data or a validity only when Reloadly's description of the
//! amount states exactly one of each; nothing is guessed.

use std::sync::LazyLock;

use regex::Regex;

use super::TopupRequest;
use super::api::ReloadlyOperator;
use super::operators::Promotion;
use crate::carrier::fold;
use crate::domain::{AccountCost, Clp, DataAmount, Msisdn, Operator, OrderId, Plan, PlanId, PlanSource};

/// Round recarga amounts listed for operators that take any amount in a
/// range. topup's choice of what to list, not an operator's price list.
pub const RANGE_AMOUNTS_CLP: [i64; 8] = [1000, 2000, 3000, 5000, 10_000, 15_000, 20_000, 30_000];

/// A plan as Reloadly sells it, with what paying it sends.
#[derive(Debug, Clone, PartialEq)]
pub struct ReloadlyPlan {
    pub plan: Plan,
    /// Reloadly's operator id.
    pub operator_id: i64,
    /// Whether the amount is sent in pesos (`plan.price`) or in the
    /// account's currency (`account_amount`).
    pub use_local_amount: bool,
    /// The cost in the Reloadly account's currency before Reloadly's
    /// discount: the amount sent when `use_local_amount` is false, an
    /// estimate from the fx rate otherwise (`None` without a rate).
    pub account_amount: Option<f64>,
}

impl ReloadlyPlan {
    /// The top-up that buys this plan for `msisdn` under `order_id`.
    pub fn topup_request(&self, order_id: OrderId, msisdn: Msisdn) -> TopupRequest {
        TopupRequest {
            order_id,
            msisdn,
            operator_id: self.operator_id,
            amount_clp: self.plan.price,
            use_local_amount: self.use_local_amount,
            account_amount: self.account_amount,
        }
    }
}

/// What every plan of one operator shares.
struct Seller<'a> {
    op: &'a ReloadlyOperator,
    operator: Operator,
    operator_id: i64,
    rate: Option<f64>,
}

pub(super) fn build(op: &ReloadlyOperator, operator: Operator) -> Vec<ReloadlyPlan> {
    let Some(seller) = Seller::new(op, operator) else {
        return Vec::new();
    };
    let mut plans: Vec<ReloadlyPlan> = if op.denominated("FIXED")
        && op.supports_local_amounts
        && !op.local_fixed_amounts.is_empty()
    {
        op.local_fixed_amounts
            .iter()
            .filter_map(|&amount| {
                let pesos = whole(amount)?;
                seller.local_plan(pesos, described(&op.local_fixed_amounts_descriptions, amount))
            })
            .collect()
    } else if op.denominated("FIXED") {
        op.fixed_amounts
            .iter()
            .filter_map(|&amount| seller.fixed_account_plan(amount, described(&op.fixed_amounts_descriptions, amount)))
            .collect()
    } else if op.denominated("RANGE") {
        RANGE_AMOUNTS_CLP
            .iter()
            .filter_map(|&pesos| seller.range_plan(pesos))
            .collect()
    } else {
        Vec::new()
    };
    plans.sort_by(|a, b| a.plan.price.cmp(&b.plan.price).then_with(|| a.plan.id.cmp(&b.plan.id)));
    plans.dedup_by(|a, b| a.plan.id == b.plan.id);
    plans
}

pub(super) fn by_id(op: &ReloadlyOperator, operator: Operator, id: &PlanId) -> Option<ReloadlyPlan> {
    if let Some(plan) = build(op, operator).into_iter().find(|p| &p.plan.id == id) {
        return Some(plan);
    }
    if !op.denominated("RANGE") {
        return None;
    }
    let digits = id.as_str().strip_prefix(&format!("reloadly-{operator}-"))?;
    let pesos: i64 = digits.parse().ok()?;
    // `reloadly-entel-05000` is not the id of anything.
    if pesos.to_string() != digits {
        return None;
    }
    Seller::new(op, operator)?.range_plan(pesos)
}

/// Sets every plan's promo to the operator's current promotions.
pub(super) fn annotate(plans: &mut [ReloadlyPlan], promotions: &[Promotion]) {
    if promotions.is_empty() {
        return;
    }
    let text = promotions
        .iter()
        .map(|p| match &p.denominations {
            Some(amounts) => format!("{} ({})", p.title, amounts.trim()),
            None => p.title.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    for plan in plans {
        plan.plan.promo = Some(text.clone());
    }
}

impl<'a> Seller<'a> {
    fn new(op: &'a ReloadlyOperator, operator: Operator) -> Option<Self> {
        Some(Seller {
            op,
            operator,
            operator_id: op.reloadly_id()?,
            rate: op.fx_rate(),
        })
    }

    /// A plan as this operator sells it; it shows what it costs the Reloadly
    /// account (in its currency) when that is known.
    fn sell(
        &self,
        id_suffix: &str,
        name: String,
        price: Clp,
        description: Option<&str>,
        use_local_amount: bool,
        account_amount: Option<f64>,
    ) -> Option<ReloadlyPlan> {
        price.validate_price().ok()?;
        let plan = Plan {
            id: format!("reloadly-{}-{id_suffix}", self.operator).parse().ok()?,
            operator: self.operator,
            name,
            data: description.and_then(stated_data),
            validity_days: description.and_then(stated_days),
            price,
            promo: None,
            source: PlanSource::Reloadly,
            account_cost: account_amount
                .zip(self.op.sender_currency_code.clone())
                .map(|(amount, currency)| AccountCost { amount, currency }),
        };
        Some(ReloadlyPlan {
            plan,
            operator_id: self.operator_id,
            use_local_amount,
            account_amount,
        })
    }

    /// `pesos` sent as a local amount.
    fn local_plan(&self, pesos: i64, description: Option<&str>) -> Option<ReloadlyPlan> {
        let name = description
            .map(str::to_string)
            .unwrap_or_else(|| format!("Recarga {}", Clp(pesos)));
        let account_amount = self.rate.map(|rate| cents_up(pesos as f64 / rate));
        self.sell(&pesos.to_string(), name, Clp(pesos), description, true, account_amount)
    }

    /// A FIXED amount in the account's currency.
    fn fixed_account_plan(&self, amount: f64, description: Option<&str>) -> Option<ReloadlyPlan> {
        let currency = self.op.sender_currency_code.as_deref()?;
        let pesos = (amount * self.rate?).round() as i64;
        let shown = show_amount(amount);
        let name = description
            .map(str::to_string)
            .unwrap_or_else(|| format!("Recarga {shown} {currency} (≈{})", Clp(pesos)));
        let suffix = format!("{shown}{}", currency.to_ascii_lowercase());
        self.sell(&suffix, name, Clp(pesos), description, false, Some(amount))
    }

    /// `pesos` on a RANGE operator, if within its limits.
    fn range_plan(&self, pesos: i64) -> Option<ReloadlyPlan> {
        let op = self.op;
        if op.supports_local_amounts && op.local_min_amount.is_some() && op.local_max_amount.is_some() {
            return within(pesos as f64, op.local_min_amount, op.local_max_amount)
                .then(|| self.local_plan(pesos, None))
                .flatten();
        }
        let amount = cents_up(pesos as f64 / self.rate?);
        let currency = op.sender_currency_code.as_deref().unwrap_or("");
        if !within(amount, op.min_amount, op.max_amount) {
            return None;
        }
        let name = format!("Recarga ≈{} ({} {currency})", Clp(pesos), show_amount(amount));
        self.sell(&pesos.to_string(), name, Clp(pesos), None, false, Some(amount))
    }
}

/// Whether `amount` is within both limits, which must be known.
fn within(amount: f64, min: Option<f64>, max: Option<f64>) -> bool {
    const SLACK: f64 = 1e-9;
    matches!((min, max), (Some(min), Some(max)) if amount >= min - SLACK && amount <= max + SLACK)
}

/// A whole, positive number of pesos.
fn whole(amount: f64) -> Option<i64> {
    (amount.is_finite() && amount > 0.0 && amount.fract().abs() < 1e-9 && amount < 1e12)
        .then_some(amount.round() as i64)
}

/// Rounded up to the cent, ignoring float noise (`1.1 * 100` is not 111).
pub(super) fn cents_up(amount: f64) -> f64 {
    ((amount * 100.0) - 1e-6).ceil() / 100.0
}

/// `5`, `7.5`, `7.25`: an amount without trailing zeros.
pub(super) fn show_amount(amount: f64) -> String {
    let text = format!("{amount:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The description Reloadly gives for `amount` (keys are amounts as text,
/// `"5000"` or `"5000.00"`), trimmed.
fn described(descriptions: &std::collections::BTreeMap<String, String>, amount: f64) -> Option<&str> {
    descriptions
        .iter()
        .find(|(key, _)| key.trim().parse::<f64>().is_ok_and(|k| (k - amount).abs() < 1e-6))
        .map(|(_, text)| text.trim())
        .filter(|text| !text.is_empty())
}

static DATA_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d+(?:[.,]\d+)?)\s*(gb|mb|gigas?|megas?)\b").expect("valid regex literal"));
static DAYS_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3})\s*(dias?|days?)\b").expect("valid regex literal"));

/// The data a description states, when it states exactly one amount.
pub(super) fn stated_data(description: &str) -> Option<DataAmount> {
    only_one(
        DATA_RE
            .captures_iter(&fold(description))
            .filter_map(|c| format!("{} {}", c.get(1)?.as_str(), c.get(2)?.as_str()).parse().ok())
            .collect(),
    )
}

/// The validity in days a description states, when it states exactly one.
pub(super) fn stated_days(description: &str) -> Option<u32> {
    only_one(
        DAYS_RE
            .captures_iter(&fold(description))
            .filter_map(|c| c.get(1)?.as_str().parse().ok())
            .collect(),
    )
    .filter(|days| *days > 0)
}

/// The one value stated, however often; `None` for none or several.
fn only_one<T: Ord>(mut values: Vec<T>) -> Option<T> {
    values.sort();
    values.dedup();
    if values.len() == 1 { values.pop() } else { None }
}
