//! Reloadly behind [`PaymentChannel`]: offers from the operator's listing
//! (with current promotions), payments under the order's key.

use async_trait::async_trait;
use jiff::SignedDuration;

use super::{Reloadly, plans};
use crate::channel::{Lookup, Offer, OfferTerms, PaymentChannel, PaymentOutcome, Prepared};
use crate::config::Line;
use crate::domain::timefmt::{Clock, std_duration};
use crate::domain::{Baseline, Operator, Order, PlanId, Promotion};
use crate::{carrier, diag};

pub struct ReloadlyChannel<'a> {
    pub client: &'a Reloadly,
    pub clock: Clock,
}

impl ReloadlyChannel<'_> {
    /// The line's operator as Reloadly knows it (auto-detected, cached a
    /// day). The credentials are checked first (a cached listing needs
    /// none), so a refusal is one clear exit 4 rather than a warning about
    /// promotions and an error later.
    async fn operator_of(&self, line: &Line, operator: Operator) -> anyhow::Result<super::ReloadlyOperator> {
        self.client.token(None).await?;
        self.client
            .find_operator(&line.msisdn, carrier::carrier(operator).reloadly_names)
            .await
    }
}

fn offer(plan: super::ReloadlyPlan) -> Offer {
    Offer {
        plan: plan.plan.clone(),
        terms: OfferTerms::Reloadly(plan),
    }
}

#[async_trait(?Send)]
impl PaymentChannel for ReloadlyChannel<'_> {
    async fn offers(&self, line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        let op = self.operator_of(line, operator).await?;
        let mut plans = plans::build(&op, operator);
        if let Some(id) = op.reloadly_id() {
            match self.client.promotions(id, self.clock.now()).await {
                Ok(promos) => plans::annotate(&mut plans, &promos),
                Err(e) => diag::warn(format!("Reloadly promotions could not be read: {e:#}")),
            }
        }
        Ok(plans.into_iter().map(offer).collect())
    }

    /// `GET /promotions/operators/{id}` for the line's Reloadly operator: the
    /// promotions on now.
    async fn promotions(&self, line: &Line, operator: Operator) -> anyhow::Result<Vec<Promotion>> {
        let op = self.operator_of(line, operator).await?;
        let Some(id) = op.reloadly_id() else {
            return Ok(Vec::new());
        };
        let promotions = self.client.promotions(id, self.clock.now()).await?;
        Ok(promotions.iter().map(|p| p.listed(operator)).collect())
    }

    /// Range operators take any whole amount in range, so an id like
    /// `reloadly-entel-7000` names an offer even when the listing only
    /// shows round amounts.
    async fn offer_by_id(
        &self,
        listed: &[Offer],
        line: &Line,
        operator: Operator,
        id: &PlanId,
    ) -> anyhow::Result<Option<Offer>> {
        if let Some(found) = listed.iter().find(|o| &o.plan.id == id) {
            return Ok(Some(found.clone()));
        }
        let op = self.operator_of(line, operator).await?;
        Ok(plans::by_id(&op, operator, id).map(offer))
    }

    /// A token now: credentials known to work, or refused (exit 4) before
    /// any order is written.
    async fn prepare(&self, _line: &Line, _offer: &Offer) -> anyhow::Result<Prepared> {
        self.client.token(None).await?;
        Ok(Prepared::default())
    }

    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        _prepared: &Prepared,
        order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome {
        let OfferTerms::Reloadly(plan) = &offer.terms else {
            return PaymentOutcome::not_sent(anyhow::anyhow!("internal: an offer of another channel"));
        };
        let request = plan.topup_request(order.id, line.msisdn.clone());
        self.client.topup(&request, std_duration(wait)).await
    }

    async fn lookup(
        &self,
        order: &Order,
        _line: Option<&Line>,
        _baseline: Option<&Baseline>,
    ) -> anyhow::Result<Lookup> {
        self.client.lookup(&order.id, order.gateway_ref.as_deref()).await
    }
}
