//! A promotion that a payment channel lists for an operator: what it offers
//! and when. Gateways word them; topup only carries them.

use jiff::Timestamp;
use serde::Serialize;

use super::{Operator, PlanSource};

/// Serialized with the field names of `plans --promos --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Promotion {
    /// The listing's own id (Reloadly's `promotionId`, the sandbox's
    /// `sandbox-entel-2026-11`); when a gateway gives none, its title and
    /// start, so that the same promotion keeps the same id.
    pub id: String,
    pub operator: Operator,
    pub title: String,
    pub description: Option<String>,
    /// Which top-up amounts qualify, in the gateway's words
    /// (`CLP 5000 and up`).
    pub denominations: Option<String>,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    /// The channel that listed it: `sandbox` (fictional) or `reloadly`.
    pub source: PlanSource,
}

impl Promotion {
    /// The title and, when the gateway says, the amounts that qualify.
    pub fn headline(&self) -> String {
        match &self.denominations {
            Some(amounts) => format!("{} ({})", self.title, amounts.trim()),
            None => self.title.clone(),
        }
    }
}

/// By operator, then start, then source and id: a stable order for lists.
pub fn sort_promotions(promotions: &mut [Promotion]) {
    promotions.sort_by(|a, b| {
        (a.operator, a.starts_at, a.source.as_str(), &a.id).cmp(&(b.operator, b.starts_at, b.source.as_str(), &b.id))
    });
}
