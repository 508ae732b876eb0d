//! How a line is reached: I/O only, no operator knowledge. Each channel
//! answers in domain types behind one of two traits; `flow` decides what the
//! answers mean for orders, and never names a channel.
//!
//! - [`BalanceChannel`]: reads a line (saldo, data, plan end) and its operator.
//! - [`PaymentChannel`]: lists what a line can buy ([`Offer`]s) and the
//!   promotions its gateway runs, checks a payment can be tried, pays an
//!   order, and looks an order up by its key.
//!
//! [`registry`] is the one place that maps a line's config to its channels.
//! Adding a channel is a module here implementing one or both traits, an
//! [`OfferTerms`] variant if it pays, the method variant it answers to, and
//! an arm in each registry function.

pub mod estimate;
pub mod hilink;
pub mod modem;
pub mod registry;
pub mod reloadly;
pub mod sandbox;
pub mod web;

use async_trait::async_trait;
use jiff::SignedDuration;

use crate::config::Line;
use crate::domain::{Baseline, Clp, LineStatus, Operator, Order, PayMethod, Plan, PlanId, Promotion};
use crate::error::TopupError;

/// A reading of a line, and the operator it is on (for modem lines the SIM
/// may be what says so).
#[derive(Debug, Clone)]
pub struct Reading {
    pub status: LineStatus,
    pub operator: Operator,
}

/// Where a line's balance comes from.
#[async_trait(?Send)]
pub trait BalanceChannel {
    /// The line's operator: configured, or where the channel can tell, read
    /// from the line itself (a modem's SIM).
    async fn operator(&self, line: &Line) -> anyhow::Result<Operator> {
        configured_operator(line)
    }

    /// The line's status now. Never a guessed number: what cannot be read is
    /// unknown, or an error.
    async fn read(&self, line: &Line) -> anyhow::Result<Reading>;
}

/// The operator a line's config names; an error when it names none.
pub fn configured_operator(line: &Line) -> anyhow::Result<Operator> {
    line.operator.ok_or_else(|| {
        TopupError::usage(crate::t!("line-no-operator", line = line.name.as_str()))
            .hint(crate::t!("hint-line-no-operator"))
            .into()
    })
}

/// A plan and how its channel pays it, resolved once from the listing and
/// carried to the payment.
#[derive(Debug, Clone)]
pub struct Offer {
    pub plan: Plan,
    pub terms: OfferTerms,
}

impl Offer {
    /// The payment method that pays this offer: its terms say which.
    pub fn method(&self) -> PayMethod {
        match self.terms {
            OfferTerms::Sandbox => PayMethod::Sandbox,
            OfferTerms::Reloadly(_) => PayMethod::Reloadly,
            OfferTerms::Ussd(_) => PayMethod::Saldo,
            OfferTerms::Web => PayMethod::Web,
        }
    }
}

/// What a channel needs to pay an offer, found while listing it. Only the
/// channel that listed an offer reads its terms.
#[derive(Debug, Clone)]
pub enum OfferTerms {
    /// The simulated network sells by plan.
    Sandbox,
    /// Reloadly's operator and amount.
    Reloadly(reloadly::ReloadlyPlan),
    /// The menu walk that buys the plan with saldo; `None` for a plan the
    /// user listed without one (it can be bought another way).
    Ussd(Option<crate::ussd::UssdSteps>),
    /// Paid by the person on the operator's recharge page.
    Web,
}

/// What a payment may be tried with: checked before the order exists.
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    /// The line as it was, kept with the order so that the purchase can be
    /// recognised later (saldo and web purchases).
    pub baseline: Option<Baseline>,
    /// A payment the person makes themselves, at a page: what to tell them
    /// once the order is written (the flow passes it to its `Payer`).
    pub hand_off: Option<HandOff>,
}

/// A payment handed off to the person: they pay at `url`, in their browser.
#[derive(Debug, Clone)]
pub struct HandOff {
    pub url: String,
    /// The address was seen only on a third-party page: the person should
    /// check the page is the operator's before paying.
    pub unverified: bool,
    /// Whether `pay` opens the page in the person's browser (else it is
    /// only shown: `renew --no-open`, or a simulated line's rehearsal). The
    /// channel says whether it may; the caller may say not to.
    pub open: bool,
    /// Whether the channel confirms the payment by reading the line's
    /// balance (else only the person can tell: `PaymentOutcome::AskPayer`).
    pub watch_balance: bool,
}

/// How plans are bought for a line.
#[async_trait(?Send)]
pub trait PaymentChannel {
    /// The offers `line` (on `operator`) can buy here.
    async fn offers(&self, line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>>;

    /// The offer `id` names, from `listed` (what `offers` answered) or, for
    /// channels that take more than they list (Reloadly's range amounts),
    /// made for it.
    async fn offer_by_id(
        &self,
        listed: &[Offer],
        _line: &Line,
        _operator: Operator,
        id: &PlanId,
    ) -> anyhow::Result<Option<Offer>> {
        Ok(listed.iter().find(|o| &o.plan.id == id).cloned())
    }

    /// An offer for a free sum (`renew --amount`), for channels that take
    /// one; `None` when the channel sells only what it lists.
    async fn offer_for_amount(&self, _line: &Line, _operator: Operator, _amount: Clp) -> anyhow::Result<Option<Offer>> {
        Ok(None)
    }

    /// The promotions this channel's gateway lists now for `operator` (as
    /// reached for `line`), with their dates. Channels without a gateway
    /// that lists promotions have none.
    async fn promotions(&self, _line: &Line, _operator: Operator) -> anyhow::Result<Vec<Promotion>> {
        Ok(Vec::new())
    }

    /// Everything that can fail without a payment call (credentials, a
    /// saldo too low): an error here writes no order.
    async fn prepare(&self, line: &Line, offer: &Offer) -> anyhow::Result<Prepared>;

    /// Pays `offer` for `order`, which is in the ledger as `submitted`, with
    /// at most one payment call; waits up to `wait` for a confirmation.
    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        prepared: &Prepared,
        order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome;

    /// What became of `order`, asked under its key. `line` is the configured
    /// line with the order's number, if any; `baseline` what was kept with it.
    async fn lookup(&self, order: &Order, line: Option<&Line>, baseline: Option<&Baseline>) -> anyhow::Result<Lookup>;
}

/// What a payment call came to. The flow turns it into the order's next state.
#[derive(Debug)]
pub enum PaymentOutcome {
    /// Paid and delivered.
    Confirmed { gateway_ref: Option<String> },
    /// Accepted, still processing: the order stays `submitted` and reconcile
    /// settles it later.
    Pending { gateway_ref: Option<String> },
    /// Definitely not paid (declined, refunded, refused, invalid): the
    /// channel's own error, whose message says that no money was taken.
    Failed {
        error: anyhow::Error,
        gateway_ref: Option<String>,
    },
    /// The request may have reached the gateway but no clear answer came back
    /// (timeout after sending, reset, 5xx, unreadable body). Never retried.
    Unknown { reason: String },
    /// Handed off to the person, and nothing the channel can read will show
    /// the outcome: only they can say (the flow asks its `Payer`; without
    /// one, the order is `unknown` with `reason`).
    AskPayer { reason: String },
}

impl PaymentOutcome {
    /// A failure that happened before anything was sent.
    pub fn not_sent(error: anyhow::Error) -> PaymentOutcome {
        PaymentOutcome::Failed {
            error,
            gateway_ref: None,
        }
    }
}

/// What the channel says about an earlier order, looked up by its key.
#[derive(Debug, Clone)]
pub enum Lookup {
    Confirmed {
        gateway_ref: Option<String>,
    },
    Pending {
        gateway_ref: Option<String>,
    },
    /// The gateway has it and it failed: no money was taken.
    Failed {
        reason: String,
        gateway_ref: Option<String>,
    },
    /// The gateway has no order under that key: it never arrived, once
    /// `proof_after` has passed since it was sent (a gateway may list what it
    /// received late).
    NotFound {
        proof_after: SignedDuration,
    },
    /// No sign of the order where the channel looks, which never proves it
    /// failed (a purchase the balance does not show may be applied late):
    /// the owner settles it by hand. `note` says what was seen.
    NoSign {
        note: String,
    },
    /// Only the person who paid can tell (a payment on the operator's page
    /// of a line whose balance nothing reads): settled by hand.
    PayerKnows {
        note: String,
    },
}
