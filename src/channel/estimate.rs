//! Lines no channel can read (a Reloadly line): what the ledger says, as an
//! estimate. The last plan bought and when its validity ends (calendar
//! days in Santiago); data and saldo are unknown, not zero.

use async_trait::async_trait;
use jiff::Timestamp;

use super::{BalanceChannel, Reading, configured_operator};
use crate::config::Line;
use crate::domain::timefmt::{self, Clock};
use crate::domain::{LineStatus, StatusSource};
use crate::ledger::{Ledger, Purchase};

pub struct LedgerEstimate<'a> {
    /// `None` before the first order: nothing to estimate from.
    pub ledger: Option<&'a Ledger>,
    pub clock: Clock,
}

#[async_trait(?Send)]
impl BalanceChannel for LedgerEstimate<'_> {
    async fn read(&self, line: &Line) -> anyhow::Result<Reading> {
        let last = match self.ledger {
            Some(ledger) => ledger.last_purchase(&line.msisdn)?,
            None => None,
        };
        Ok(Reading {
            status: estimate(last, self.clock.now()),
            operator: configured_operator(line)?,
        })
    }
}

/// The line as the last purchase leaves it.
fn estimate(last: Option<Purchase>, now: Timestamp) -> LineStatus {
    let mut status = LineStatus::empty(StatusSource::Ledger, now);
    if let Some(p) = last {
        status.plan = p.plan_name.or_else(|| Some(p.order.plan_id.to_string()));
        status.expires_at = p.validity_days.and_then(|days| {
            let start = timefmt::in_santiago(p.order.created_at);
            start
                .checked_add(jiff::Span::new().days(i64::from(days)))
                .ok()
                .map(|z| z.timestamp())
        });
    }
    status
}
