//! The renewal flow, shared by `renew` and `auto`: settle a line's unsettled
//! orders → check the caps → write the intent → pay → record the outcome.
//! Channels are reached through their traits (`channel::registry`), never
//! by name; money safety lives here and in the ledger.
//!
//! Invariants: an order is in the ledger (with its key, and its baseline when
//! its channel needs one) before any payment call; nothing here retries a
//! payment; an unclear outcome is `unknown` and settled by `reconcile`, which
//! runs before every payment for that line; operations that write orders
//! take the run lock (`&RunLock`).

use jiff::SignedDuration;

use crate::app::App;
use crate::channel::{HandOff, Lookup, Offer, PaymentOutcome, Reading, registry};
use crate::config::Line;
use crate::domain::{Clp, Operator, Order, OrderStatus, PayMethod, Plan, PlanId, Promotion, Via, suggest, timefmt};
use crate::error::{ErrorKind, TopupError};
use crate::ledger::NewOrder;
use crate::lock::RunLock;
use crate::policy::{self, CapCheck, CapExceeded, MonthSpent};
use crate::t;

/// The operator of a line: configured, or (modem lines) read from the SIM.
pub async fn operator_of(app: &App, line: &Line) -> anyhow::Result<Operator> {
    match line.operator {
        Some(op) => Ok(op),
        None => registry::balance(app, line)?.operator(line).await,
    }
}

/// A line's current status from its balance channel.
pub async fn read_status(app: &App, line: &Line) -> anyhow::Result<Reading> {
    registry::balance(app, line)?.read(line).await
}

/// The offers a line can buy with a payment method.
pub async fn offers(app: &App, line: &Line, operator: Operator, pay: PayMethod) -> anyhow::Result<Vec<Offer>> {
    registry::payment(app, pay, Some(line))?.offers(line, operator).await
}

/// The plans of `offers`, for listing.
pub async fn plans(app: &App, line: &Line, operator: Operator, pay: PayMethod) -> anyhow::Result<Vec<Plan>> {
    Ok(offers(app, line, operator, pay)
        .await?
        .into_iter()
        .map(|o| o.plan)
        .collect())
}

/// The promotions the payment method's gateway lists now for the line's
/// operator.
pub async fn promotions(app: &App, line: &Line, operator: Operator, pay: PayMethod) -> anyhow::Result<Vec<Promotion>> {
    registry::payment(app, pay, Some(line))?
        .promotions(line, operator)
        .await
}

/// The offer `id` names for a line and payment method, if there is one.
pub async fn find_offer(
    app: &App,
    line: &Line,
    operator: Operator,
    pay: PayMethod,
    id: &PlanId,
) -> anyhow::Result<Option<Offer>> {
    let channel = registry::payment(app, pay, Some(line))?;
    let listed = channel.offers(line, operator).await?;
    channel.offer_by_id(&listed, line, operator, id).await
}

/// Like `find_offer`, but an unknown id is an error (exit 2) that names the
/// plans the channel lists.
pub async fn resolve_offer(
    app: &App,
    line: &Line,
    operator: Operator,
    pay: PayMethod,
    id: &PlanId,
) -> anyhow::Result<Offer> {
    if let Some(offer) = find_offer(app, line, operator, pay, id).await? {
        return Ok(offer);
    }
    let listed = offers(app, line, operator, pay).await?;
    let ids: Vec<&str> = listed.iter().map(|o| o.plan.id.as_str()).collect();
    let hint = if ids.is_empty() {
        t!("hint-no-plans-with", line = line.name.as_str(), pay = pay.to_string())
    } else {
        let guess = suggest::did_you_mean(id.as_str(), ids.iter().copied()).map_or(String::new(), |g| g + " ");
        let some = ids[..ids.len().min(8)].join(", ");
        guess + &t!("hint-plans-here", plans = some, line = line.name.as_str())
    };
    Err(TopupError::usage(t!(
        "plan-unknown",
        plan = id.as_str(),
        line = line.name.as_str(),
        pay = pay.to_string()
    ))
    .hint(hint)
    .into())
}

/// The offer for a free sum (`--amount`) with a payment method; exit 2 when
/// the method sells only what it lists.
pub async fn amount_offer(
    app: &App,
    line: &Line,
    operator: Operator,
    pay: PayMethod,
    amount: Clp,
) -> anyhow::Result<Offer> {
    match registry::payment(app, pay, Some(line))?
        .offer_for_amount(line, operator, amount)
        .await?
    {
        Some(offer) => Ok(offer),
        None => Err(TopupError::usage(t!("amount-not-with", pay = pay.to_string()))
            .hint(t!("hint-amount-not-with", line = line.name.as_str()))
            .into()),
    }
}

/// What a payment would meet, without writing anything: a cap it would
/// exceed (exit 6), and how many unsettled orders the line has (a real
/// renew settles them first).
pub fn dry_run_check(app: &App, line: &Line, offer: &Offer) -> anyhow::Result<(Option<CapExceeded>, usize)> {
    let payment = CapCheck {
        line: &line.name,
        plan: &offer.plan.id,
        price: offer.plan.price,
        month: &timefmt::month_key(app.now()),
    };
    // No ledger yet: nothing spent, nothing unsettled.
    let (spent, unsettled) = match app.existing_ledger()? {
        Some(l) => (
            l.spent(app.now(), &line.msisdn)?,
            l.unsettled(Some(&line.msisdn))?.len(),
        ),
        None => (MonthSpent::default(), 0),
    };
    let exceeded = policy::cap_exceeded(&payment, app.config.caps(line), spent);
    Ok((exceeded, unsettled))
}

/// A renewal to make.
pub struct RenewRequest<'a> {
    pub line: &'a Line,
    /// Listed for the line's operator (for modem lines, possibly read from
    /// the SIM), which its plan names.
    pub offer: &'a Offer,
    /// How long to wait for the payment to be confirmed.
    pub wait_confirm: SignedDuration,
    /// The person renewing, for payments they make themselves (a hand-off
    /// to the operator's page); `None` (`auto`): such a payment is refused
    /// before any order is written.
    pub payer: Option<&'a dyn Payer>,
    /// Whether a hand-off may open the page in the person's browser
    /// (`renew --no-open`: it is only shown).
    pub open_page: bool,
}

/// The person at the other end of a hand-off. `renew` is one (it prints
/// and asks, in the reader's language); the flow and the channels only
/// call it.
pub trait Payer {
    /// The order is written and submitted: what to do, and where. Called
    /// before the channel opens the page or watches the balance.
    fn hand_off(&self, order: &Order, hand_off: &HandOff, wait_confirm: SignedDuration);
    /// Only the person can tell the outcome: did the payment go through?
    /// Anything but a clear answer (no terminal, a cancelled prompt) is
    /// `NotSure`.
    fn outcome(&self, order: &Order) -> PayerAnswer;
}

/// What the person says of a payment only they could see.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayerAnswer {
    Paid,
    NotPaid,
    NotSure,
}

/// What a renewal came to: the order as recorded, and what went wrong, if
/// anything (its kind is the exit code).
pub struct RenewOutcome {
    pub order: Order,
    pub problem: Option<TopupError>,
}

/// Settles a line's unsettled orders before it is paid again, warning of
/// each that moved, as it happens; refuses (exit 7) when one stays
/// unsettled: paying now could pay twice. `renew` calls it before its
/// spinner, and `flow::renew` again (then it finds nothing to do).
pub async fn settle_line(app: &App, lock: &RunLock, line: &Line) -> anyhow::Result<()> {
    let (settled, _) = reconcile(app, lock, Some(line)).await?;
    for s in settled.iter().filter(|s| s.was != s.order.status) {
        crate::diag::warn(t!(
            "warn-earlier-order",
            order = s.order.id.to_string(),
            plan = s.order.plan_id.as_str(),
            was = crate::output::status_word(s.was),
            now = crate::output::status_word(s.order.status),
            note = s.note.as_str()
        ));
    }
    match settled.iter().find(|s| s.order.status.needs_reconcile()) {
        Some(open) => Err(TopupError::new(
            ErrorKind::Unknown,
            t!(
                "earlier-unsettled",
                line = line.name.as_str(),
                plan = open.order.plan_id.as_str(),
                amount = open.order.amount.to_string(),
                note = open.note.as_str()
            ),
        )
        // What only the person who paid can tell, they settle by hand.
        .hint(match open.by_hand {
            true => t!("hint-payer-settles", order = app.ledger()?.short_id(open.order.id)?),
            false => t!("hint-could-pay-twice"),
        })
        .into()),
        None => Ok(()),
    }
}

/// Renews a line in the order the module's invariants ask: settle, let the
/// channel check what it can, write the intent (caps checked there), mark it
/// submitted, pay once, record the outcome.
pub async fn renew(app: &App, lock: &RunLock, req: RenewRequest<'_>) -> anyhow::Result<RenewOutcome> {
    Ok(pay(app, lock, req).await?.record(app).await)
}

/// A payment call made, its outcome not yet in the ledger: the order stays
/// `submitted` until [`Paid::record`], and an order left so (the process
/// ended first) is settled by `reconcile` under its key.
#[must_use = "the payment's outcome must be recorded"]
pub struct Paid {
    order: Order,
    outcome: PaymentOutcome,
}

impl Paid {
    /// Moves the order to what the payment call came to. Once the payment
    /// call was made, no error may end the renewal as a plain failure: the
    /// money may be gone, and a retry would pay twice.
    pub async fn record(self, app: &App) -> RenewOutcome {
        let Paid { order, outcome } = self;
        let (order, problem) = record_outcome(app, &order, outcome).await.unwrap_or_else(|e| {
            let (id, problem) = (order.id.to_string(), format!("{e:#}"));
            let message = t!("order-record-failed", order = id, problem = problem);
            let hint = t!("hint-record-failed");
            (order, Some(TopupError::new(ErrorKind::Unknown, message).hint(hint)))
        });
        RenewOutcome { order, problem }
    }
}

/// [`renew`] up to the payment call's answer, for callers that record it
/// apart (`auto` frees the line's turn for the next payment while the
/// outcome is written).
pub async fn pay(app: &App, lock: &RunLock, req: RenewRequest<'_>) -> anyhow::Result<Paid> {
    let RenewRequest {
        line,
        offer,
        wait_confirm,
        payer,
        open_page,
    } = req;
    registry::check(line, offer.method())?;
    settle_line(app, lock, line).await?;
    let channel = registry::payment(app, offer.method(), Some(line))?;
    let mut prepared = channel.prepare(line, offer).await?;
    if let Some(hand_off) = prepared.hand_off.as_mut() {
        if payer.is_none() {
            // Never reached through `auto` (its config refuses `web`), but a
            // payment only a person can make is not started without one.
            return Err(TopupError::usage(t!("hand-off-needs-person", pay = offer.method().to_string())).into());
        }
        hand_off.open &= open_page;
    }
    // Written (intent, then submitted, in one transaction) and synced
    // before the payment call, on the writer's thread: other renewals in
    // flight go on meanwhile.
    let writer = app.ledger_writer()?;
    let plan = &offer.plan;
    let new = NewOrder {
        baseline: prepared.baseline.clone(),
        ..new_order(line, plan, offer.method())
    };
    let order = writer.insert_submitted(&new, app.config.caps(line), app.now()).await?;
    crate::diag::note(format!("order {} written as submitted", order.id));
    if let (Some(hand_off), Some(payer)) = (&prepared.hand_off, payer) {
        payer.hand_off(&order, hand_off, wait_confirm);
    }
    let outcome = match channel.pay(line, offer, &prepared, &order, wait_confirm).await {
        PaymentOutcome::AskPayer { reason } => ask_payer(payer, &order, reason),
        outcome => outcome,
    };
    Ok(Paid { order, outcome })
}

/// What the person says of a payment only they could see, as an outcome:
/// not sure (or nobody to ask) is `unknown`, settled by hand later.
fn ask_payer(payer: Option<&dyn Payer>, order: &Order, reason: String) -> PaymentOutcome {
    match payer.map_or(PayerAnswer::NotSure, |p| p.outcome(order)) {
        PayerAnswer::Paid => PaymentOutcome::Confirmed { gateway_ref: None },
        PayerAnswer::NotPaid => PaymentOutcome::Failed {
            error: TopupError::new(ErrorKind::Declined, t!("payer-not-paid"))
                .hint(t!("hint-payer-not-paid"))
                .into(),
            gateway_ref: None,
        },
        PayerAnswer::NotSure => PaymentOutcome::AskPayer { reason },
    }
}

/// Moves the order to what the payment call came to.
async fn record_outcome(
    app: &App,
    order: &Order,
    outcome: PaymentOutcome,
) -> anyhow::Result<(Order, Option<TopupError>)> {
    let writer = app.ledger_writer()?;
    let now = app.now();
    Ok(match outcome {
        PaymentOutcome::Confirmed { gateway_ref } => (
            writer
                .transition(order.id, OrderStatus::Confirmed, gateway_ref.as_deref(), None, now)
                .await?,
            None,
        ),
        PaymentOutcome::Pending { gateway_ref } => {
            let order = match gateway_ref.as_deref() {
                // Keep the gateway's reference for reconcile; the status stays.
                Some(r) => writer.set_gateway_ref(order.id, r, now).await?,
                None => order.clone(),
            };
            let problem = TopupError::new(ErrorKind::Unknown, t!("order-processing", order = order.id.to_string()))
                .hint(t!("hint-order-processing"));
            (order, Some(problem))
        }
        PaymentOutcome::Failed { error, gateway_ref } => {
            let problem = crate::error::classify(&error);
            let order = writer
                .transition(
                    order.id,
                    OrderStatus::Failed,
                    gateway_ref.as_deref(),
                    Some(&problem.message),
                    now,
                )
                .await?;
            (order, Some(problem))
        }
        PaymentOutcome::Unknown { reason } => {
            let order = writer
                .transition(order.id, OrderStatus::Unknown, None, Some(&reason), now)
                .await?;
            let id = order.id.to_string();
            let message = t!("order-outcome-unknown", order = id, reason = reason.as_str());
            let problem = TopupError::new(ErrorKind::Unknown, message).hint(t!("hint-outcome-unknown"));
            (order, Some(problem))
        }
        // The person was not asked, or was not sure: only they can settle it.
        PaymentOutcome::AskPayer { reason } => {
            let order = writer
                .transition(order.id, OrderStatus::Unknown, None, Some(&reason), now)
                .await?;
            // As `history` shows it, and as `reconcile --mark-…` takes it.
            let id = app.ledger()?.short_id(order.id)?;
            let problem = TopupError::new(ErrorKind::Unknown, t!("order-payer-knows", order = id.as_str()))
                .hint(t!("hint-payer-settles", order = id));
            (order, Some(problem))
        }
    })
}

/// The plan `id` names for a line, to record a purchase of it: the user's
/// own plans for the operator first, then what the line's payment method
/// lists (the sandbox's catalogue, Reloadly's); exit 2 when neither has it.
pub async fn known_plan(app: &App, line: &Line, operator: Operator, id: &PlanId) -> anyhow::Result<Plan> {
    if let Some(plan) = app.config.plans(operator).find(|p| &p.id == id) {
        return Ok(plan);
    }
    match registry::listing_method(app, line) {
        Some(pay) => Ok(resolve_offer(app, line, operator, pay, id).await?.plan),
        None => Err(TopupError::usage(t!(
            "record-plan-unknown",
            plan = id.as_str(),
            operator = operator.to_string()
        ))
        .hint(t!("hint-record-plan-unknown", operator = operator.to_string()))
        .into()),
    }
}

/// A purchase made elsewhere (a store, the operator's app, a gift), to
/// write down.
pub struct RecordRequest<'a> {
    pub line: &'a Line,
    /// For the line's operator, which it names.
    pub plan: &'a Plan,
    pub via: Option<Via>,
    /// When it was bought; never after now.
    pub at: jiff::Timestamp,
}

/// Writes a purchase made elsewhere as a confirmed order (pay `record`), so
/// that history, monthly totals, caps and the ledger's estimate of the
/// plan's end include it. Nothing is paid. A time after now is exit 2, and
/// so is the same purchase recorded twice within a minute (the ledger
/// checks). Also returns the cap of this month it puts the line over, if
/// any: a warning, not a refusal (the money is spent).
pub async fn record(
    app: &App,
    _lock: &RunLock,
    req: RecordRequest<'_>,
) -> anyhow::Result<(Order, Option<CapExceeded>)> {
    let RecordRequest { line, plan, via, at } = req;
    let now = app.now();
    if at > now {
        return Err(
            TopupError::usage(t!("record-future", at = crate::output::show_time(at)))
                .hint(t!("hint-record-future"))
                .into(),
        );
    }
    let ledger = app.ledger()?;
    let month = timefmt::month_key(at);
    let over = if month == timefmt::month_key(now) {
        let payment = CapCheck {
            line: &line.name,
            plan: &plan.id,
            price: plan.price,
            month: &month,
        };
        policy::cap_exceeded(&payment, app.config.caps(line), ledger.spent(now, &line.msisdn)?)
    } else {
        None
    };
    let order = app
        .ledger_writer()?
        .insert_record(&new_order(line, plan, PayMethod::Record), via, at, now)
        .await?;
    crate::diag::note(format!("order {} recorded as confirmed", order.id));
    Ok((order, over))
}

/// The order for `plan` on `line`, paid with `pay` (no baseline).
fn new_order(line: &Line, plan: &Plan, pay: PayMethod) -> NewOrder {
    NewOrder {
        line: line.name.clone(),
        msisdn: line.msisdn.clone(),
        operator: plan.operator,
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        data_bytes: plan.data.map(|d| d.bytes()),
        validity_days: plan.validity_days,
        amount: plan.price,
        pay,
        baseline: None,
    }
}

/// One order that reconcile looked at.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Settlement {
    pub order: Order,
    /// The status before reconcile.
    pub was: OrderStatus,
    /// What reconcile learned, for people.
    pub note: String,
    /// Only the person who paid can settle it (`reconcile --mark-…`).
    #[serde(skip)]
    pub by_hand: bool,
}

/// Settles the unsettled orders of one line (or all): asks each order's
/// payment channel what happened under the order's key. An `intent` found
/// under the lock was left by a process that died before sending, so it is
/// failed without asking anyone.
pub async fn reconcile(
    app: &App,
    _lock: &RunLock,
    line: Option<&Line>,
) -> anyhow::Result<(Vec<Settlement>, Option<TopupError>)> {
    let Some(ledger) = app.existing_ledger()? else {
        return Ok((Vec::new(), None));
    };
    let writer = app.ledger_writer()?;
    let mut settled = Vec::new();
    let mut problem: Option<TopupError> = None;
    for order in ledger.unsettled(line.map(|l| &l.msisdn))? {
        let now = app.now();
        let was = order.status;
        if was == OrderStatus::Intent {
            let note = "topup stopped before sending it; nothing was paid";
            let order = writer
                .transition(order.id, OrderStatus::Failed, None, Some(note), now)
                .await?;
            settled.push(Settlement {
                order,
                was,
                note: t!("note-stopped-before-sending"),
                by_hand: false,
            });
            continue;
        }
        // By its number, not its name: the line may have been renamed.
        let line = app.config.lines.iter().find(|l| l.msisdn == order.msisdn);
        // A damaged baseline is this order's problem, not the others'.
        let lookup = match (registry::payment(app, order.pay, line), ledger.baseline(order.id)) {
            (Ok(c), Ok(baseline)) => c.lookup(&order, line, baseline.as_ref()).await,
            (Err(e), _) => Err(e),
            (_, Err(e)) => Err(e.into()),
        };
        let moved = |to, gateway_ref: Option<&str>, error: Option<&str>| {
            writer.transition(order.id, to, gateway_ref, error, now)
        };
        let by_hand = matches!(lookup, Ok(Lookup::PayerKnows { .. }));
        let (order, note) = match lookup {
            Ok(Lookup::Confirmed { gateway_ref }) => (
                moved(OrderStatus::Confirmed, gateway_ref.as_deref(), None).await?,
                t!("note-went-through"),
            ),
            Ok(Lookup::Failed { reason, gateway_ref }) => (
                moved(OrderStatus::Failed, gateway_ref.as_deref(), Some(&reason)).await?,
                t!("note-failed", reason = reason.as_str()),
            ),
            Ok(Lookup::NotFound { proof_after }) if now.duration_since(order.updated_at) >= proof_after => {
                let note = "the payment channel never received it; no money was taken";
                (
                    moved(OrderStatus::Failed, None, Some(note)).await?,
                    t!("note-never-received"),
                )
            }
            Ok(Lookup::NoSign { note }) => {
                let note = t!("note-no-sign", note = note);
                problem.get_or_insert_with(|| {
                    let id = order.id.to_string();
                    TopupError::new(
                        ErrorKind::Unknown,
                        t!("order-problem", order = id.as_str(), note = note.as_str()),
                    )
                    .hint(t!("hint-mark-failed", order = id))
                });
                (order, note)
            }
            Ok(Lookup::PayerKnows { note }) => {
                let id = ledger.short_id(order.id)?;
                problem.get_or_insert_with(|| {
                    TopupError::new(
                        ErrorKind::Unknown,
                        t!("order-problem", order = id.as_str(), note = note.as_str()),
                    )
                    .hint(t!("hint-payer-settles", order = id))
                });
                (order, note)
            }
            Ok(Lookup::NotFound { .. }) => {
                let note = t!("note-too-early");
                let message = t!("order-problem", order = order.id.to_string(), note = note.as_str());
                problem.get_or_insert_with(|| TopupError::new(ErrorKind::Unknown, message));
                (order, note)
            }
            Ok(Lookup::Pending { .. }) => {
                let note = t!("note-pending");
                problem.get_or_insert_with(|| {
                    TopupError::new(
                        ErrorKind::Unknown,
                        t!("order-is", order = order.id.to_string(), note = note.as_str()),
                    )
                    .hint(t!("hint-reconcile-again"))
                });
                (order, note)
            }
            Err(e) => {
                let te = crate::error::classify(&e);
                let note = t!("note-could-not-ask", why = te.message.as_str());
                problem.get_or_insert(te);
                (order, note)
            }
        };
        settled.push(Settlement {
            order,
            was,
            note,
            by_hand,
        });
    }
    Ok((settled, problem))
}
