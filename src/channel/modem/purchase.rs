//! Buying a plan with saldo over USSD: written once over [`SaldoLine`], the
//! device a line's SIM is in (a modem through ModemManager, a HiLink
//! router), and behind [`PaymentChannel`] for the modem.
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
use crate::config::{Config, Line};
use crate::diag;
use crate::domain::timefmt::std_duration;
use crate::domain::{Baseline, Operator, Order};
use crate::ussd::UssdSteps;

/// How often a purchase re-reads the balance while confirming.
const CONFIRM_POLL: std::time::Duration = std::time::Duration::from_secs(10);

/// A device that reads a line and walks its USSD purchase menus: what the
/// saldo purchase flow needs, whatever the device is.
#[async_trait(?Send)]
pub trait SaldoLine: BalanceChannel {
    /// The user's plans and reply patterns.
    fn config(&self) -> &Config;

    /// Walks a purchase menu on the line's device. `Err`: the device could
    /// not be had (nothing was sent); `Ok(Err)`: the walk's own failure,
    /// with its [`UssdStep`] as context.
    async fn walk_purchase(&self, line: &Line, steps: &UssdSteps) -> anyhow::Result<anyhow::Result<String>>;

    /// Whether the failure that ended a walk may have come after its
    /// request reached the network: not when the device or topup refused it
    /// first. A failure the device's layer does not recognise may have.
    fn may_have_reached_network(&self, err: &anyhow::Error) -> bool;
}

#[async_trait(?Send)]
impl SaldoLine for ModemChannel<'_> {
    fn config(&self) -> &Config {
        self.config
    }

    async fn walk_purchase(&self, line: &Line, steps: &UssdSteps) -> anyhow::Result<anyhow::Result<String>> {
        let modem = self.modem(line);
        let _turn = self.turn().await?;
        Ok(super::run_ussd(&modem, steps, UssdPurpose::Purchase, STEP_TIMEOUT).await)
    }

    fn may_have_reached_network(&self, err: &anyhow::Error) -> bool {
        err.chain()
            .find_map(|c| c.downcast_ref::<ModemError>())
            .is_none_or(ModemError::may_have_reached_network)
    }
}

#[async_trait(?Send)]
impl PaymentChannel for ModemChannel<'_> {
    async fn offers(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        Ok(offers(self.config, operator))
    }

    async fn prepare(&self, line: &Line, offer: &Offer) -> anyhow::Result<Prepared> {
        prepare(self, line, offer).await
    }

    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        prepared: &Prepared,
        _order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome {
        pay(self, line, offer, prepared, wait).await
    }

    async fn lookup(&self, order: &Order, line: Option<&Line>, baseline: Option<&Baseline>) -> anyhow::Result<Lookup> {
        lookup(self, order, line, baseline).await
    }
}

/// The user's plans for the operator, each with its purchase menu.
pub fn offers(config: &Config, operator: Operator) -> Vec<Offer> {
    let plans = config
        .operator(operator)
        .map(|oc| oc.plans.as_slice())
        .unwrap_or_default();
    plans
        .iter()
        .map(|p| Offer {
            plan: p.plan(operator),
            terms: OfferTerms::Ussd(p.buy_ussd.clone()),
        })
        .collect()
}

/// The plan has a menu walk and the line's saldo (not bonus saldo) covers
/// the price; the reading is the baseline to confirm against.
pub async fn prepare<C: SaldoLine>(device: &C, line: &Line, offer: &Offer) -> anyhow::Result<Prepared> {
    let plan = &offer.plan;
    if !matches!(offer.terms, OfferTerms::Ussd(Some(_))) {
        return Err(ModemError::NoBuyUssd(plan.id.clone(), plan.operator).into());
    }
    let reading = device.read(line).await?;
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
pub async fn pay<C: SaldoLine>(
    device: &C,
    line: &Line,
    offer: &Offer,
    prepared: &Prepared,
    wait: SignedDuration,
) -> PaymentOutcome {
    let (OfferTerms::Ussd(Some(steps)), Some(baseline)) = (&offer.terms, &prepared.baseline) else {
        return PaymentOutcome::not_sent(anyhow::anyhow!("internal: a saldo purchase that was not prepared"));
    };
    let walked = match device.walk_purchase(line, steps).await {
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
            let reached = device.may_have_reached_network(&e);
            if !e
                .downcast_ref::<UssdStep>()
                .is_some_and(|at| at.may_have_bought_if(reached))
            {
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
        match device.read(line).await {
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
/// order. The line is found by its number: it may have been renamed, and a
/// name given to another SIM would read the wrong balance.
pub async fn lookup<C: SaldoLine>(
    device: &C,
    order: &Order,
    line: Option<&Line>,
    baseline: Option<&Baseline>,
) -> anyhow::Result<Lookup> {
    let line = line.ok_or_else(|| ModemError::LineGone(order.line.clone(), order.msisdn.clone()))?;
    // Operators apply some purchases late, and data may be used up
    // meanwhile, so a balance without the purchase proves nothing.
    let no_sign = || Lookup::NoSign {
        note: crate::t!("note-balance-no-sign"),
    };
    let Some(baseline) = baseline else {
        return Ok(no_sign());
    };
    let now = device.read(line).await?;
    Ok(if baseline.shows_purchase(&now.status, order.amount) {
        Lookup::Confirmed { gateway_ref: None }
    } else {
        no_sign()
    })
}
