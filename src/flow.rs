//! The renewal flow, shared by `renew` and `auto`: read a line's status, list
//! its plans, pay (intent → submitted → outcome) and settle unsettled orders.
//! Every payment goes through `pay`; every settlement through `reconcile`.

use jiff::{SignedDuration, Timestamp};

use crate::app::App;
use crate::channel::modem::{MmcliModem, Modem, ModemSelector, UssdPurpose};
use crate::channel::{Lookup, PaymentOutcome};
use crate::config::{BalanceMethod, Line};
use crate::domain::{
    Clp, LineStatus, Msisdn, Operator, Order, OrderStatus, PayMethod, Plan, PlanId, StatusSource, timefmt,
};
use crate::error::{ErrorKind, TopupError};
use crate::ledger::{Caps, NewOrder, Purchase};
use crate::ussd::parse;
use crate::{carrier, channel, diag};

/// The operator of a line: configured, or (modem lines) read from the SIM.
pub fn line_operator(line: &Line) -> anyhow::Result<Operator> {
    line.operator.ok_or_else(|| {
        TopupError::usage(format!("line {} has no operator set", line.name))
            .hint("set operator = \"…\" for the line in the config")
            .into()
    })
}

/// A reading of a line, and the operator it is on (for modem lines the SIM
/// may be what says so).
#[derive(Debug, Clone)]
pub struct Reading {
    pub status: LineStatus,
    pub operator: Operator,
}

/// How long each modem call may take, and how long to wait for an SMS reply.
const MODEM_STEP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);
const SMS_REPLY_WAIT: std::time::Duration = std::time::Duration::from_secs(90);

/// The operator of a line: configured, or for a modem line without one, the
/// SIM's.
pub async fn operator_of(app: &App, line: &Line) -> anyhow::Result<Operator> {
    match (line.operator, line.balance) {
        (Some(op), _) => Ok(op),
        (None, BalanceMethod::Modem) => {
            let modem = modem_for(app, line)?;
            let _turn = app.modem_turn().await?;
            sim_operator(line, &modem).await
        }
        (None, _) => line_operator(line),
    }
}

/// A line's current status from its balance channel.
pub async fn read_status(app: &App, line: &Line) -> anyhow::Result<Reading> {
    let now = app.now();
    match line.balance {
        BalanceMethod::Sandbox => {
            let operator = line_operator(line)?;
            Ok(Reading {
                status: app.sandbox()?.status(&line.msisdn, operator, now)?,
                operator,
            })
        }
        BalanceMethod::Ledger => Ok(Reading {
            status: estimate_from_ledger(
                match app.existing_ledger()? {
                    Some(ledger) => ledger.last_purchase(&line.msisdn)?,
                    None => None,
                },
                now,
            ),
            operator: line_operator(line)?,
        }),
        BalanceMethod::Modem => read_modem(app, line).await,
    }
}

fn modem_for(app: &App, line: &Line) -> anyhow::Result<MmcliModem> {
    let selector: ModemSelector = line.modem.parse().map_err(|e: String| TopupError::usage(e))?;
    Ok(MmcliModem::new(app.mmcli.clone(), selector, MODEM_STEP_TIMEOUT))
}

/// The operator of a modem line: the SIM's (or network's) MCC-MNC mapped to
/// an operator module; a configured operator wins, with a warning when the
/// SIM disagrees.
async fn sim_operator<M: Modem>(line: &Line, modem: &M) -> anyhow::Result<Operator> {
    let id = modem.identity().await?;
    let code = id
        .sim_operator_code
        .clone()
        .or_else(|| id.network_operator_code.clone());
    let candidates = code
        .as_deref()
        .map(carrier::operators_for_network_code)
        .unwrap_or_default();
    let shown = code.as_deref().unwrap_or("unknown");
    match line.operator {
        Some(op) => {
            if !candidates.is_empty() && !candidates.contains(&op) {
                let names: Vec<&str> = candidates.iter().map(|o| o.as_str()).collect();
                diag::warn(format!(
                    "line {} is configured as {op}, but its SIM says {shown} ({}); using {op}",
                    line.name,
                    names.join(" or ")
                ));
            }
            Ok(op)
        }
        None => match candidates.as_slice() {
            [op] => Ok(*op),
            [] => Err(TopupError::usage(format!(
                "line {}: the SIM's operator code {shown} is not one of the operators topup knows",
                line.name
            ))
            .hint("set operator = \"…\" for the line")
            .into()),
            _ => Err(TopupError::usage(format!(
                "line {}: the SIM's operator code {shown} belongs to more than one operator in topup's sources",
                line.name
            ))
            .hint("set operator = \"…\" for the line")
            .into()),
        },
    }
}

/// Asks the operator for the balance over USSD (or SMS) with the user's
/// codes, and parses the reply. Never guesses a number.
async fn read_modem(app: &App, line: &Line) -> anyhow::Result<Reading> {
    let modem = modem_for(app, line)?;
    let _turn = app.modem_turn().await?;
    let operator = sim_operator(line, &modem).await?;
    let oc = app.config.operator(operator).cloned().unwrap_or_default();
    let text = match (&oc.balance_ussd, &oc.balance_sms) {
        (Some(steps), _) => channel::modem::run_ussd(&modem, steps, UssdPurpose::Reading, MODEM_STEP_TIMEOUT).await?,
        (None, Some(sms)) => channel::modem::sms_query(&modem, &sms.to, &sms.text, SMS_REPLY_WAIT).await?,
        (None, None) => {
            return Err(TopupError::usage(format!(
                "topup does not know how to ask {} for the balance: its codes are not public",
                carrier::carrier(operator).display_name()
            ))
            .hint(format!(
                "set [operators.{operator}] balance_ussd = [\"*code#\", …] or balance_sms = {{ to = \"…\", text = \"…\" }}; see `topup operators {operator}`"
            ))
            .into());
        }
    };
    let compile = |p: &Option<String>| p.as_deref().map(parse::compile_pattern).transpose();
    let patterns = parse::ReplyPatterns {
        saldo: compile(&oc.saldo_pattern).map_err(|e| TopupError::usage(e.to_string()))?,
        data: compile(&oc.data_pattern).map_err(|e| TopupError::usage(e.to_string()))?,
    };
    let now = app.now();
    let reading = parse::parse_balance(&text, carrier::carrier(operator), &patterns, now).map_err(TopupError::from)?;
    Ok(Reading {
        status: reading.into_line_status(StatusSource::Modem, now),
        operator,
    })
}

/// What the ledger says about a line that cannot be read: the last plan
/// bought and when its validity ends (calendar days in Santiago). Data and
/// saldo are unknown, not zero.
pub fn estimate_from_ledger(last: Option<Purchase>, now: Timestamp) -> LineStatus {
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

/// The plans a line can buy with a payment method.
pub async fn plans_for(app: &App, line: &Line, operator: Operator, pay: PayMethod) -> anyhow::Result<Vec<Plan>> {
    let config_plans = config_plans(app, operator);
    match pay {
        // The simulation can "sell" the user's own plans too, so a config can
        // be tried on the sandbox before it spends money.
        PayMethod::Sandbox => {
            let mut plans = channel::sandbox::catalog(operator);
            plans.extend(config_plans);
            Ok(plans)
        }
        PayMethod::Saldo => Ok(config_plans),
        PayMethod::Reloadly => {
            let (reloadly, op) = reloadly_operator(app, line, operator).await?;
            let mut plans = reloadly.plans(&op, operator);
            if let Some(id) = op.reloadly_id() {
                match reloadly.promotions(id, app.now()).await {
                    Ok(promos) => reloadly.annotate_promotions(&mut plans, &promos),
                    Err(e) => diag::warn(format!("Reloadly promotions could not be read: {e:#}")),
                }
            }
            Ok(plans.into_iter().map(|p| p.plan).collect())
        }
    }
}

/// The line's operator as Reloadly knows it (auto-detected, cached a day).
/// The credentials are checked first (a cached listing needs none), so a
/// refusal is one clear exit 4 rather than a warning about promotions and
/// an error later.
async fn reloadly_operator<'a>(
    app: &'a App,
    line: &Line,
    operator: Operator,
) -> anyhow::Result<(&'a channel::reloadly::Reloadly, channel::reloadly::ReloadlyOperator)> {
    let reloadly = app.reloadly()?;
    reloadly.authenticate().await?;
    let op = reloadly
        .find_operator(&line.msisdn, crate::carrier::carrier(operator).reloadly_names())
        .await?;
    Ok((reloadly, op))
}

/// A plan by id for a line and payment method; `None` if there is no such
/// plan. Reloadly's range operators accept any whole amount in range, so an
/// id like `reloadly-entel-7000` resolves even when the listing only shows
/// round amounts.
pub async fn lookup_plan(
    app: &App,
    line: &Line,
    operator: Operator,
    pay: PayMethod,
    id: &PlanId,
) -> anyhow::Result<Option<Plan>> {
    let plans = plans_for(app, line, operator, pay).await?;
    if let Some(p) = plans.into_iter().find(|p| &p.id == id) {
        return Ok(Some(p));
    }
    if pay == PayMethod::Reloadly {
        let (reloadly, op) = reloadly_operator(app, line, operator).await?;
        return Ok(reloadly.plan_by_id(&op, operator, id).map(|p| p.plan));
    }
    Ok(None)
}

/// Like `lookup_plan`, but an unknown id is an error (exit 2) that lists
/// the plans there are.
pub async fn resolve_plan(
    app: &App,
    line: &Line,
    operator: Operator,
    pay: PayMethod,
    wanted: &PlanId,
) -> anyhow::Result<Plan> {
    if let Some(plan) = lookup_plan(app, line, operator, pay, wanted).await? {
        return Ok(plan);
    }
    let plans = plans_for(app, line, operator, pay).await?;
    let ids: Vec<String> = plans.iter().take(8).map(|p| p.id.to_string()).collect();
    let hint = if ids.is_empty() {
        format!(
            "there are no plans for {} with {pay}; see `topup plans {}`",
            line.name, line.name
        )
    } else {
        format!("plans here: {}; see `topup plans {}`", ids.join(", "), line.name)
    };
    Err(
        TopupError::usage(format!("no plan `{wanted}` for line {} paying with {pay}", line.name))
            .hint(hint)
            .into(),
    )
}

/// Plans from `[[operators.X.plan]]`.
pub fn config_plans(app: &App, operator: Operator) -> Vec<Plan> {
    app.config
        .operator(operator)
        .map(|oc| {
            oc.plans
                .iter()
                .map(|p| Plan {
                    id: p.id.clone(),
                    operator,
                    name: p.name.clone(),
                    data: p.data,
                    validity_days: p.days,
                    price: p.price,
                    promo: p.promo.clone(),
                    source: crate::domain::PlanSource::Config,
                    account_cost: None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The payment method for a line: the flag, else the line's `pay`.
pub fn pay_method(line: &Line, flag: Option<PayMethod>) -> Option<PayMethod> {
    flag.or(line.pay)
}

/// The order a payment of `plan` for `line` writes.
pub fn new_order(line: &Line, operator: Operator, plan: &Plan, pay: PayMethod) -> NewOrder {
    NewOrder {
        line: line.name.clone(),
        msisdn: line.msisdn.clone(),
        operator,
        plan_id: plan.id.clone(),
        plan_name: plan.name.clone(),
        data_bytes: plan.data.map(|d| d.bytes()),
        validity_days: plan.validity_days,
        amount: plan.price,
        pay,
    }
}

/// What a payment would meet before any payment call, without writing
/// anything: a cap it would exceed (exit 6), and how many unsettled orders
/// the line has (a real renew reconciles them first).
pub fn dry_run_check(
    app: &App,
    line: &Line,
    operator: Operator,
    plan: &Plan,
    pay: PayMethod,
) -> anyhow::Result<(Option<TopupError>, usize)> {
    let new = new_order(line, operator, plan, pay);
    let now = app.now();
    // No ledger yet: nothing spent, nothing unsettled.
    let ledger = app.existing_ledger()?;
    let refusal = crate::ledger::cap_refusal(
        &new,
        caps_for(app, line),
        &timefmt::month_key(now),
        |of: Option<&Msisdn>| ledger.map_or(Ok(Clp(0)), |l| l.month_spent(now, of)),
    )?;
    let unsettled = match ledger {
        Some(l) => l.unsettled(Some(&line.msisdn))?.len(),
        None => 0,
    };
    Ok((refusal, unsettled))
}

/// The payment methods `line` can use here, most real first: Reloadly when
/// configured, saldo on modem lines, the sandbox on lines it cannot mislead.
pub fn usable_pay_methods(app: &App, line: &Line) -> Vec<PayMethod> {
    [PayMethod::Reloadly, PayMethod::Saldo, PayMethod::Sandbox]
        .into_iter()
        .filter(|&m| m != PayMethod::Reloadly || app.config.reloadly.is_some())
        .filter(|&m| check_pay_method(line, m).is_ok())
        .collect()
}

/// The payment method whose plans to list for `line`: its own, else the
/// first it can use.
pub fn listing_pay_method(app: &App, line: &Line) -> PayMethod {
    line.pay
        .or_else(|| usable_pay_methods(app, line).first().copied())
        .unwrap_or(PayMethod::Sandbox)
}

/// Whether `line` may pay with `pay` (see `config::check_pay`); exit 2 if not.
pub fn check_pay_method(line: &Line, pay: PayMethod) -> anyhow::Result<()> {
    crate::config::check_pay(line.balance, line.pay, pay)
        .map_err(|e| TopupError::usage(format!("line {} cannot pay with {pay}: {e}", line.name)).into())
}

/// Caps that apply to a payment for this line.
pub fn caps_for(app: &App, line: &Line) -> Caps {
    Caps {
        line_monthly: line.auto.as_ref().and_then(|a| a.monthly_cap),
        all_monthly: app.config.auto.monthly_cap,
    }
}

/// The result of one payment: the order as recorded, and what went wrong,
/// if anything (its kind is the exit code).
pub struct Payment {
    pub order: Order,
    pub problem: Option<TopupError>,
}

/// Pays `plan` for `line`. The order is in the ledger as `intent` before any
/// payment call, `submitted` right before the call, and moves to the
/// outcome after it. Nothing here retries a payment.
pub async fn pay(
    app: &App,
    line: &Line,
    operator: Operator,
    plan: &Plan,
    pay: PayMethod,
    wait_confirm: SignedDuration,
) -> anyhow::Result<Payment> {
    check_pay_method(line, pay)?;
    let ledger = app.ledger()?;
    // Everything that can fail without a payment call fails here, before any
    // order exists: the sandbox's state; a saldo purchase's menu walk and
    // saldo (its reading is the baseline to confirm against); Reloadly's
    // credentials, operator and plan. An order is written only when a
    // payment call is about to be made.
    let prepared = match pay {
        PayMethod::Sandbox => Prepared::Sandbox(app.sandbox()?),
        PayMethod::Saldo => {
            let (steps, baseline) = prepare_saldo_purchase(app, line, operator, plan).await?;
            Prepared::Saldo { steps, baseline }
        }
        PayMethod::Reloadly => {
            let (reloadly, plan) = prepare_reloadly(app, line, operator, plan).await?;
            Prepared::Reloadly { reloadly, plan }
        }
    };
    let order = ledger.insert_intent(&new_order(line, operator, plan, pay), caps_for(app, line), app.now())?;
    diag::note(format!("order {} written as intent", order.id));
    if let Prepared::Saldo { baseline, .. } = &prepared {
        ledger.set_baseline(order.id, &serde_json::to_string(&Baseline::of(baseline))?)?;
    }
    let order = ledger.transition(order.id, OrderStatus::Submitted, None, None, app.now())?;
    let outcome = match &prepared {
        Prepared::Sandbox(sandbox) => sandbox.pay(order.id, &line.msisdn, operator, plan, app.now()).await,
        Prepared::Reloadly { reloadly, plan } => {
            let request = plan.topup_request(order.id, line.msisdn.clone());
            reloadly.topup(&request, timefmt::std_duration(wait_confirm)).await
        }
        Prepared::Saldo { steps, baseline } => pay_saldo(app, line, steps, baseline, plan.price, wait_confirm).await,
    };
    record_outcome(app, order, outcome)
}

/// A payment ready to be made: what its call needs, all of it known before
/// the order is written.
enum Prepared<'a> {
    Sandbox(&'a channel::sandbox::Sandbox),
    Reloadly {
        reloadly: &'a channel::reloadly::Reloadly,
        plan: channel::reloadly::ReloadlyPlan,
    },
    Saldo {
        steps: Vec<String>,
        baseline: LineStatus,
    },
}

/// Reloadly: a token (the credentials are known to work, or refused: exit 4
/// with no order), then the operator and the plan's amounts from the
/// (cached) operator listing.
async fn prepare_reloadly<'a>(
    app: &'a App,
    line: &Line,
    operator: Operator,
    plan: &Plan,
) -> anyhow::Result<(&'a channel::reloadly::Reloadly, channel::reloadly::ReloadlyPlan)> {
    let (reloadly, op) = reloadly_operator(app, line, operator).await?;
    let rp = reloadly.plan_by_id(&op, operator, &plan.id).ok_or_else(|| {
        TopupError::usage(format!("Reloadly no longer offers {} for {}", plan.id, line.name))
            .hint(format!("see `topup plans {}`", line.name))
    })?;
    Ok((reloadly, rp))
}

/// The line's state before a saldo purchase, as stored with the order.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Baseline {
    saldo_clp: Option<i64>,
    data_left_bytes: Option<u64>,
    expires_at: Option<Timestamp>,
}

impl Baseline {
    fn of(s: &LineStatus) -> Baseline {
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
    fn shows_purchase(&self, now: &LineStatus, price: Clp) -> bool {
        let saldo_down = matches!((self.saldo_clp, now.saldo),
            (Some(before), Some(after)) if after.pesos() <= before.saturating_sub(price.pesos()));
        let data_up = matches!((self.data_left_bytes, now.data_bytes()), (Some(before), Some(after)) if after > before)
            || (now.data_unlimited() && self.data_left_bytes.is_some());
        let later_end = matches!((self.expires_at, now.expires_at), (Some(before), Some(after)) if after > before)
            || (self.expires_at.is_none() && now.expires_at.is_some());
        saldo_down || data_up || later_end
    }
}

/// Checks a saldo purchase can be tried: the plan has a menu walk and the
/// line's saldo (not bonus saldo) covers the price. Exit 6 says how much is
/// missing.
async fn prepare_saldo_purchase(
    app: &App,
    line: &Line,
    operator: Operator,
    plan: &Plan,
) -> anyhow::Result<(Vec<String>, LineStatus)> {
    let steps = app
        .config
        .operator(operator)
        .and_then(|oc| oc.plans.iter().find(|p| p.id == plan.id))
        .and_then(|p| p.buy_ussd.clone())
        .ok_or_else(|| {
            TopupError::usage(format!(
                "plan {} has no buy_ussd, so it cannot be bought with saldo",
                plan.id
            ))
            .hint(format!(
                "add buy_ussd = [\"*code#\", …] to the plan under [[operators.{operator}.plan]]"
            ))
        })?;
    let reading = read_status(app, line).await?;
    let saldo = reading.status.saldo.ok_or_else(|| {
        TopupError::temporary(format!(
            "the balance reply for {} did not show the saldo, so topup cannot check the price is covered",
            line.name
        ))
        .hint("set [operators.X] saldo_pattern if the reply shows it in a way topup does not read")
    })?;
    if saldo < plan.price {
        let bonus = reading
            .status
            .bonus_saldo
            .map(|b| format!(" (bonus saldo {b} cannot buy plans)"))
            .unwrap_or_default();
        return Err(TopupError::declined(format!(
            "saldo {saldo} is {} short of {} for {}{bonus}",
            Clp(plan.price.pesos() - saldo.pesos()),
            plan.price,
            plan.id
        ))
        .hint("top up saldo first (recarga), or pick a cheaper plan")
        .into());
    }
    Ok((steps, reading.status))
}

/// Walks the plan's purchase menu, then confirms by reading the balance again
/// until it shows the purchase or `wait` runs out. A failure before any menu
/// answer reached the network bought nothing; after, the outcome is unknown
/// (`UssdStep::may_have_bought`).
async fn pay_saldo(
    app: &App,
    line: &Line,
    steps: &[String],
    baseline: &LineStatus,
    price: Clp,
    wait: SignedDuration,
) -> PaymentOutcome {
    let modem = match modem_for(app, line) {
        Ok(m) => m,
        Err(e) => {
            return PaymentOutcome::Failed {
                error: crate::error::classify(&e),
                gateway_ref: None,
            };
        }
    };
    let turn = match app.modem_turn().await {
        Ok(turn) => turn,
        Err(e) => {
            return PaymentOutcome::Failed {
                error: crate::error::classify(&e),
                gateway_ref: None,
            };
        }
    };
    let walked = channel::modem::run_ussd(&modem, steps, UssdPurpose::Purchase, MODEM_STEP_TIMEOUT).await;
    drop(turn);
    // What to say if the balance never shows the purchase.
    let unseen = match walked {
        Ok(reply) => {
            diag::note(format!("purchase menu answered: {}", reply.replace('\n', " ")));
            "the balance showed no change after the purchase menu".to_string()
        }
        Err(e) => {
            let mut error = crate::error::classify(&e);
            if !e
                .downcast_ref::<channel::modem::UssdStep>()
                .is_some_and(|at| at.may_have_bought(error.kind))
            {
                error.message = format!("{}; nothing was bought", error.message);
                return PaymentOutcome::Failed {
                    error,
                    gateway_ref: None,
                };
            }
            // The purchase may have happened: the balance tells.
            diag::note(format!(
                "the purchase menu failed after an answer was sent: {}",
                error.message
            ));
            format!(
                "the purchase menu failed after an answer reached the operator ({}) and the balance shows no change",
                error.message
            )
        }
    };
    let base = Baseline::of(baseline);
    let deadline = std::time::Instant::now() + timefmt::std_duration(wait);
    loop {
        match read_status(app, line).await {
            Ok(r) if base.shows_purchase(&r.status, price) => return PaymentOutcome::Confirmed { gateway_ref: None },
            Ok(_) => diag::note("the balance does not show the purchase yet"),
            Err(e) => diag::note(format!("re-reading the balance failed: {e:#}")),
        }
        if std::time::Instant::now() + CONFIRM_POLL > deadline {
            return PaymentOutcome::Unknown { reason: unseen };
        }
        tokio::time::sleep(CONFIRM_POLL).await;
    }
}

/// How often a saldo purchase re-reads the balance while confirming.
const CONFIRM_POLL: std::time::Duration = std::time::Duration::from_secs(10);

fn record_outcome(app: &App, order: Order, outcome: PaymentOutcome) -> anyhow::Result<Payment> {
    let ledger = app.ledger()?;
    let now = app.now();
    Ok(match outcome {
        PaymentOutcome::Confirmed { gateway_ref } => Payment {
            order: ledger.transition(order.id, OrderStatus::Confirmed, gateway_ref.as_deref(), None, now)?,
            problem: None,
        },
        PaymentOutcome::Pending { gateway_ref } => {
            let order = match gateway_ref.as_deref() {
                // Keep the gateway's reference for reconcile; the status stays.
                Some(r) => ledger.set_gateway_ref(order.id, r, now)?,
                None => order,
            };
            Payment {
                problem: Some(
                    TopupError::new(
                        ErrorKind::Unknown,
                        format!("order {} was accepted but is still processing", order.id),
                    )
                    .hint("run `topup reconcile` in a few minutes; do not pay again"),
                ),
                order,
            }
        }
        PaymentOutcome::Failed { error, gateway_ref } => Payment {
            order: ledger.transition(
                order.id,
                OrderStatus::Failed,
                gateway_ref.as_deref(),
                Some(&error.message),
                now,
            )?,
            problem: Some(error),
        },
        PaymentOutcome::Unknown { reason } => Payment {
            order: ledger.transition(order.id, OrderStatus::Unknown, None, Some(&reason), now)?,
            problem: Some(
                TopupError::new(
                    ErrorKind::Unknown,
                    format!("the outcome of order {} is unknown: {reason}", order.id),
                )
                .hint("run `topup reconcile` later to settle it; do not pay again"),
            ),
        },
    })
}

/// One order that reconcile looked at.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Settlement {
    pub order: Order,
    /// The status before reconcile.
    pub was: OrderStatus,
    /// What reconcile learned, for people.
    pub note: String,
}

/// How long after sending a gateway may still not list an order it received;
/// before that, "not found" is not proof it never arrived. For a saldo
/// purchase it never is: a balance that shows no change may be an operator
/// that applies purchases late, or data already used up.
fn listing_grace(pay: PayMethod) -> Option<SignedDuration> {
    match pay {
        PayMethod::Sandbox => Some(SignedDuration::ZERO),
        PayMethod::Reloadly => Some(SignedDuration::from_mins(5)),
        PayMethod::Saldo => None,
    }
}

/// Settles the unsettled orders of one line (or all): asks each order's
/// payment channel what happened under the order's key. Must run under the
/// lock: an `intent` found then was left by a process that died before
/// sending, so it is failed without asking anyone.
pub async fn reconcile(app: &App, line: Option<&Line>) -> anyhow::Result<(Vec<Settlement>, Option<TopupError>)> {
    let Some(ledger) = app.existing_ledger()? else {
        return Ok((Vec::new(), None));
    };
    let mut settled = Vec::new();
    let mut problem: Option<TopupError> = None;
    for order in ledger.unsettled(line.map(|l| &l.msisdn))? {
        let now = app.now();
        let was = order.status;
        if was == OrderStatus::Intent {
            let note = "topup stopped before sending it; nothing was paid";
            let order = ledger.transition(order.id, OrderStatus::Failed, None, Some(note), now)?;
            settled.push(Settlement {
                order,
                was,
                note: note.into(),
            });
            continue;
        }
        let lookup = match order.pay {
            PayMethod::Sandbox => app
                .sandbox()
                .and_then(|s| s.lookup(order.id))
                .map(|l| l.unwrap_or(Lookup::NotFound)),
            PayMethod::Reloadly => match app.reloadly() {
                Ok(r) => r.lookup(&order.id, order.gateway_ref.as_deref()).await,
                Err(e) => Err(e),
            },
            PayMethod::Saldo => lookup_saldo_purchase(app, &order).await,
        };
        let (order, note) = match lookup {
            Ok(Lookup::Confirmed { gateway_ref }) => (
                ledger.transition(order.id, OrderStatus::Confirmed, gateway_ref.as_deref(), None, now)?,
                "the payment went through".to_string(),
            ),
            Ok(Lookup::Failed { reason, gateway_ref }) => (
                ledger.transition(
                    order.id,
                    OrderStatus::Failed,
                    gateway_ref.as_deref(),
                    Some(&reason),
                    now,
                )?,
                format!("it failed ({reason}); no money was taken"),
            ),
            Ok(Lookup::NotFound)
                if listing_grace(order.pay).is_some_and(|grace| now.duration_since(order.updated_at) >= grace) =>
            {
                let note = "the payment channel never received it; no money was taken";
                (
                    ledger.transition(order.id, OrderStatus::Failed, None, Some(note), now)?,
                    note.to_string(),
                )
            }
            Ok(Lookup::NotFound) if order.pay == PayMethod::Saldo => {
                let note = "the balance shows no sign of the purchase yet, which does not prove it failed";
                problem.get_or_insert_with(|| {
                    TopupError::new(ErrorKind::Unknown, format!("order {}: {note}", order.id)).hint(format!(
                        "run `topup reconcile` again later; if the operator confirms it did not happen (no purchase SMS, no new plan), settle it with `topup reconcile --mark-failed {}`",
                        order.id
                    ))
                });
                (order, note.to_string())
            }
            Ok(Lookup::NotFound) => {
                let note = "not listed by the gateway yet; too early to tell, try again in a few minutes";
                problem
                    .get_or_insert_with(|| TopupError::new(ErrorKind::Unknown, format!("order {}: {note}", order.id)));
                (order, note.to_string())
            }
            Ok(Lookup::Pending { .. }) => {
                let note = "still processing at the gateway";
                problem.get_or_insert_with(|| {
                    TopupError::new(ErrorKind::Unknown, format!("order {} is {note}", order.id))
                        .hint("run `topup reconcile` again later")
                });
                (order, note.to_string())
            }
            Err(e) => {
                let te = crate::error::classify(&e);
                let note = format!("could not ask: {}", te.message);
                problem.get_or_insert(te);
                (order, note)
            }
        };
        settled.push(Settlement { order, was, note });
    }
    Ok((settled, problem))
}

/// Settles one unsettled order as the user says, after they checked with the
/// operator or the gateway. Settled orders stay as they are.
pub fn settle_by_hand(app: &App, id: crate::domain::OrderId, to: OrderStatus) -> anyhow::Result<Settlement> {
    let ledger = app.ledger()?;
    let order = ledger.get(id)?.ok_or_else(|| {
        TopupError::usage(format!("there is no order {id} in the ledger")).hint("see `topup history`")
    })?;
    let was = order.status;
    if !matches!(was, OrderStatus::Submitted | OrderStatus::Unknown) {
        return Err(TopupError::usage(format!(
            "order {id} is {was}; only an order whose outcome is unknown (or still submitted) can be settled by hand"
        ))
        .into());
    }
    let note = match to {
        OrderStatus::Confirmed => "settled by hand: paid",
        _ => "settled by hand: not paid",
    };
    let error = (to == OrderStatus::Failed).then_some(note);
    let order = ledger.transition(id, to, None, error, app.now())?;
    Ok(Settlement {
        order,
        was,
        note: note.to_string(),
    })
}

/// A saldo purchase has no gateway to ask: reading the line again tells
/// whether it happened (against the baseline stored with the order).
async fn lookup_saldo_purchase(app: &App, order: &Order) -> anyhow::Result<Lookup> {
    // By its number, not its name: the line may have been renamed since,
    // and a name given to another SIM would read the wrong balance.
    let line = app
        .config
        .lines
        .iter()
        .find(|l| l.msisdn == order.msisdn)
        .ok_or_else(|| {
            TopupError::usage(format!(
                "line {} ({}) is no longer in the config, so its balance cannot be read",
                order.line, order.msisdn
            ))
        })?;
    let baseline: Baseline = match app.ledger()?.baseline(order.id)? {
        Some(b) => serde_json::from_str(&b)?,
        None => return Ok(Lookup::NotFound),
    };
    let now = read_status(app, line).await?;
    Ok(if baseline.shows_purchase(&now.status, order.amount) {
        Lookup::Confirmed { gateway_ref: None }
    } else {
        Lookup::NotFound
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{DataAmount, DataLeft};

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
}
