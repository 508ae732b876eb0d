//! Buying a plan with saldo over USSD: the modem behind [`PaymentChannel`].
//!
//! There is no gateway to ask: a purchase is recognised by reading the line
//! again and comparing it with the reading kept with the order (its
//! baseline). A walk that fails before any menu answer reached the network
//! bought nothing; after, the outcome is unknown until the balance shows it
//! or the user settles it by hand.

use async_trait::async_trait;
use jiff::SignedDuration;

use super::{ModemChannel, ModemError, STEP_TIMEOUT, UssdPurpose, UssdStep};
use crate::channel::{BalanceChannel, Lookup, Offer, OfferTerms, PaymentChannel, PaymentOutcome, Prepared};
use crate::config::Line;
use crate::diag;
use crate::domain::timefmt::std_duration;
use crate::domain::{Baseline, Operator, Order};

/// How often a purchase re-reads the balance while confirming.
const CONFIRM_POLL: std::time::Duration = std::time::Duration::from_secs(10);

#[async_trait(?Send)]
impl PaymentChannel for ModemChannel<'_> {
    /// The user's plans for the operator, each with its purchase menu.
    async fn offers(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        let plans = self
            .config
            .operator(operator)
            .map(|oc| oc.plans.as_slice())
            .unwrap_or_default();
        Ok(plans
            .iter()
            .map(|p| Offer {
                plan: p.plan(operator),
                terms: OfferTerms::Ussd(p.buy_ussd.clone()),
            })
            .collect())
    }

    /// The plan has a menu walk and the line's saldo (not bonus saldo)
    /// covers the price; the reading is the baseline to confirm against.
    async fn prepare(&self, line: &Line, offer: &Offer) -> anyhow::Result<Prepared> {
        let plan = &offer.plan;
        if !matches!(offer.terms, OfferTerms::Ussd(Some(_))) {
            return Err(ModemError::NoBuyUssd(plan.id.clone(), plan.operator).into());
        }
        let reading = self.read(line).await?;
        let saldo = reading
            .status
            .saldo
            .ok_or_else(|| ModemError::SaldoUnread(line.name.clone()))?;
        if saldo < plan.price {
            return Err(ModemError::SaldoShort {
                saldo,
                price: plan.price,
                plan: plan.id.clone(),
                bonus: reading.status.bonus_saldo,
            }
            .into());
        }
        Ok(Prepared {
            baseline: Some(Baseline::of(&reading.status)),
            ..Prepared::default()
        })
    }

    /// Walks the plan's purchase menu, then confirms by reading the balance
    /// again until it shows the purchase or `wait` runs out.
    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        prepared: &Prepared,
        _order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome {
        let (OfferTerms::Ussd(Some(steps)), Some(baseline)) = (&offer.terms, &prepared.baseline) else {
            return PaymentOutcome::not_sent(anyhow::anyhow!("internal: a saldo purchase that was not prepared"));
        };
        let walked = async {
            let modem = self.modem(line);
            let _turn = self.turn().await?;
            Ok::<_, anyhow::Error>(super::run_ussd(&modem, steps, UssdPurpose::Purchase, STEP_TIMEOUT).await)
        };
        let walked = match walked.await {
            Ok(walked) => walked,
            Err(e) => return PaymentOutcome::not_sent(e),
        };
        // What to say if the balance never shows the purchase.
        let unseen = match walked {
            Ok(reply) => {
                diag::note(format!("purchase menu answered: {}", reply.replace('\n', " ")));
                "the balance showed no change after the purchase menu".to_string()
            }
            Err(e) => {
                let cause = e.chain().find_map(|c| c.downcast_ref::<ModemError>());
                if !e.downcast_ref::<UssdStep>().is_some_and(|at| at.may_have_bought(cause)) {
                    return PaymentOutcome::Failed {
                        error: ModemError::NothingBought(e).into(),
                        gateway_ref: None,
                    };
                }
                // The purchase may have happened: the balance tells.
                diag::note(format!("the purchase menu failed after an answer was sent: {e:#}"));
                format!(
                    "the purchase menu failed after an answer reached the operator ({e:#}) and the balance shows no change"
                )
            }
        };
        let deadline = std::time::Instant::now() + std_duration(wait);
        loop {
            match self.read(line).await {
                Ok(r) if baseline.shows_purchase(&r.status, offer.plan.price) => {
                    return PaymentOutcome::Confirmed { gateway_ref: None };
                }
                Ok(_) => diag::note("the balance does not show the purchase yet"),
                Err(e) => diag::note(format!("re-reading the balance failed: {e:#}")),
            }
            if std::time::Instant::now() + CONFIRM_POLL > deadline {
                return PaymentOutcome::Unknown { reason: unseen };
            }
            tokio::time::sleep(CONFIRM_POLL).await;
        }
    }

    /// Reads the line again and compares it with the baseline kept with the
    /// order. The line is found by its number: it may have been renamed,
    /// and a name given to another SIM would read the wrong balance.
    async fn lookup(&self, order: &Order, line: Option<&Line>, baseline: Option<&Baseline>) -> anyhow::Result<Lookup> {
        let line = line.ok_or_else(|| ModemError::LineGone(order.line.clone(), order.msisdn.clone()))?;
        // Operators apply some purchases late, and data may be used up
        // meanwhile, so a balance without the purchase proves nothing.
        let no_sign = || Lookup::NoSign {
            note: crate::t!("note-balance-no-sign"),
        };
        let Some(baseline) = baseline else {
            return Ok(no_sign());
        };
        let now = self.read(line).await?;
        Ok(if baseline.shows_purchase(&now.status, order.amount) {
            Lookup::Confirmed { gateway_ref: None }
        } else {
            no_sign()
        })
    }
}
