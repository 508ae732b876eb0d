//! Auto-renewal decisions: a pure function, no I/O.
//!
//! `decide` asks in order, each answer final: no policy → skip; unsettled
//! orders → reconcile (money safety rule 3: settle before paying again);
//! unknown plan → blocked; no trigger fired → skip; an alert-only policy
//! (`action = "notify"`) → alert, or skip when that crossing was already
//! alerted; cooldown or a monthly cap → blocked; else renew.
//!
//! `before_expiry`, `keep_alive` and the default rule (a third of the plan's
//! validity left, when no threshold is set) count whole days as Santiago
//! calendar days, so "2d" across a DST change is 47 or 49 hours. A trigger
//! whose reading is missing cannot fire; with no trigger evaluated the line is
//! skipped: topup never renews blindly.
//!
//! Alerts come once per crossing: each [`Trigger`] kind alerts, then stays
//! quiet while its alert stands, until the line is seen above its threshold
//! (`Verdict::rearmed`, which the caller records) or a top-up is confirmed
//! after the alert.

use std::collections::BTreeMap;

use jiff::{SignedDuration, Span, Timestamp};

use crate::domain::timefmt::{month_key, santiago, show_duration};
use crate::domain::{Clp, DataAmount, DataLeft, LineStatus, PayMethod, Plan, PlanId};
use crate::t;

/// What a policy does when its line is due: buy its plan (`renew`, the
/// default) or only say so (`notify`: hooks and `notify_url`, nothing paid).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, strum::IntoStaticStr)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Action {
    #[default]
    Renew,
    Notify,
}

/// Why a line is due, as alerts remember it: each kind alerts once per
/// crossing. Its snake_case name is what JSON, hooks and the ledger say.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::Display,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Trigger {
    /// The line's thresholds: data or saldo below, the plan ending within
    /// `before_expiry` (or the default third), or already expired.
    Threshold,
    /// `keep_alive`: no confirmed top-up for that long.
    KeepAlive,
}

impl Trigger {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// How long Chilean saldo lasts after the last recarga: Subtel's rule, as
/// the reference notes give it (chile-operators.md §5.2, "after 180 days
/// from the last recarga it can be lost", from
/// <https://www.biobiochile.cl/noticias/economia/tu-bolsillo/2018/05/24/se-justifica-que-expire-el-saldo-que-cargaste-en-tu-telefono-la-verdad-no.shtml>).
/// `keep_alive` must be shorter.
pub const SALDO_LAPSES_AFTER_DAYS: i64 = 180;

/// A line's `[lines.NAME.auto]` section, validated. Serialized as `lines
/// --json` shows it, units in the field names.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AutoPolicy {
    pub action: Action,
    /// What to buy; only an alert-only policy may go without (the config
    /// then requires a trigger of its own).
    pub plan: Option<PlanId>,
    pub pay: Option<PayMethod>,
    #[serde(rename = "when_data_below_bytes")]
    pub when_data_below: Option<DataAmount>,
    #[serde(rename = "when_saldo_below_clp")]
    pub when_saldo_below: Option<Clp>,
    #[serde(rename = "before_expiry_seconds", serialize_with = "seconds")]
    pub before_expiry: Option<SignedDuration>,
    /// Due when the number has had no confirmed top-up for this long.
    #[serde(rename = "keep_alive_seconds", serialize_with = "seconds")]
    pub keep_alive: Option<SignedDuration>,
    #[serde(rename = "min_interval_seconds", serialize_with = "seconds")]
    pub min_interval: Option<SignedDuration>,
    #[serde(rename = "monthly_cap_clp")]
    pub monthly_cap: Option<Clp>,
}

impl AutoPolicy {
    /// Whether a threshold of the line's state is set; without one the
    /// default rule (a third of the validity) applies, unless the policy
    /// keeps the line alive and nothing else.
    pub fn has_threshold(&self) -> bool {
        self.when_data_below.is_some() || self.when_saldo_below.is_some() || self.before_expiry.is_some()
    }
}

/// A duration in seconds: config durations are whole seconds.
fn seconds<S: serde::Serializer>(duration: &Option<SignedDuration>, s: S) -> Result<S::Ok, S::Error> {
    serde::Serialize::serialize(&duration.map(|d| d.as_secs()), s)
}

/// What the ledger knows that matters for a decision.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LedgerFacts {
    /// This line's orders in submitted, unknown or stale intent.
    pub needs_reconcile: usize,
    /// The latest order of this line that did not fail.
    pub last_renewal_at: Option<Timestamp>,
    /// When the latest confirmed order of this number was made (any way
    /// of paying, recorded purchases included): `keep_alive` counts from it.
    pub last_confirmed_at: Option<Timestamp>,
    /// This calendar month's spending that counts against the caps.
    pub month_spent: MonthSpent,
    /// Alerts sent for this number whose crossing had not ended when last
    /// seen (the line was not above its threshold since): when each was sent.
    pub alerts: BTreeMap<Trigger, Timestamp>,
}

impl LedgerFacts {
    /// When the alert of `kind` was sent, if it still stands: a top-up
    /// confirmed after it ends its crossing too.
    fn standing(&self, kind: Trigger) -> Option<Timestamp> {
        let at = *self.alerts.get(&kind)?;
        self.last_confirmed_at.is_none_or(|c| c <= at).then_some(at)
    }
}

/// Its lowercase name is the `decision` field of `auto --json`.
#[derive(Debug, Clone, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Decision {
    /// Settle this line's unsettled orders, then decide again.
    Reconcile,
    /// Nothing to do; the reason says why.
    Skip(String),
    /// Buy `plan` now.
    Renew { plan: PlanId, reason: String },
    /// Due under an alert-only policy: tell (hooks, `notify_url`), pay
    /// nothing. `triggers` are the crossings not alerted yet.
    Alert { reason: String, triggers: Vec<Trigger> },
    /// Due or misconfigured, but a rule forbids paying.
    Blocked(String, Guard),
}

/// What blocked a line: scripts care whether it is a config mistake, money
/// limits, or a cooldown doing its job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    UnknownPlan,
    Cooldown,
    Cap,
}

impl Decision {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    /// The `reason` field of `auto --json`; the reasons a policy gives are in
    /// the reader's language (English with `--json`), a reconcile's is the
    /// message `reason-reconcile` for people.
    pub fn reason(&self) -> &str {
        match self {
            Decision::Reconcile => "an earlier order's outcome is not settled; reconciling before paying again",
            Decision::Skip(reason)
            | Decision::Renew { reason, .. }
            | Decision::Alert { reason, .. }
            | Decision::Blocked(reason, _) => reason,
        }
    }
}

/// A decision, and the alert crossings it saw end: trigger kinds evaluated
/// calm (the line above its threshold, a recent top-up), whose standing
/// alerts the caller clears so that the next crossing alerts again.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub decision: Decision,
    pub rearmed: Vec<Trigger>,
}

/// Decides what `topup auto` does for one line. Pure: `now` is the clock,
/// `plan` is the policy's plan as resolved by the caller (`None` = unknown,
/// or the policy names none).
pub fn decide(
    now: Timestamp,
    line: &str,
    status: Option<&LineStatus>,
    policy: Option<&AutoPolicy>,
    plan: Option<&Plan>,
    facts: &LedgerFacts,
    caps: Caps,
) -> Decision {
    evaluate(now, line, status, policy, plan, facts, caps).decision
}

/// `decide`, with the crossings that ended.
pub fn evaluate(
    now: Timestamp,
    line: &str,
    status: Option<&LineStatus>,
    policy: Option<&AutoPolicy>,
    plan: Option<&Plan>,
    facts: &LedgerFacts,
    caps: Caps,
) -> Verdict {
    let only = |decision| Verdict {
        decision,
        rearmed: Vec::new(),
    };
    let Some(policy) = policy else {
        return only(Decision::Skip(t!("reason-no-policy")));
    };
    if facts.needs_reconcile > 0 {
        return only(Decision::Reconcile);
    }
    if let (Some(id), None) = (&policy.plan, plan) {
        return only(Decision::Blocked(
            t!("reason-unknown-plan", plan = id.to_string()),
            Guard::UnknownPlan,
        ));
    }
    let triggers = match evaluate_triggers(now, status, policy, plan, facts.last_confirmed_at) {
        Ok(triggers) => triggers,
        Err(not_due) => return only(Decision::Skip(not_due.to_string())),
    };
    let rearmed = triggers.rearmed();
    let decision = match triggers.due() {
        Err(not_due) => Decision::Skip(not_due.to_string()),
        Ok(due) => match (policy.action, plan) {
            (Action::Notify, _) => alert(now, due, facts),
            (Action::Renew, Some(plan)) => renew(now, line, policy, plan, due, facts, caps),
            // The config requires a plan to renew with; a policy without
            // one can only have come from elsewhere.
            (Action::Renew, None) => Decision::Blocked(t!("reason-no-plan"), Guard::UnknownPlan),
        },
    };
    Verdict { decision, rearmed }
}

/// An alert-only policy's due line: an alert for the crossings not alerted
/// yet, else quiet until one of them ends.
fn alert(now: Timestamp, due: Due, facts: &LedgerFacts) -> Decision {
    let fresh: Vec<Trigger> = due
        .kinds
        .iter()
        .copied()
        .filter(|&k| facts.standing(k).is_none())
        .collect();
    if !fresh.is_empty() {
        return Decision::Alert {
            reason: due.reason,
            triggers: fresh,
        };
    }
    let first = due.kinds.iter().filter_map(|&k| facts.standing(k)).min().unwrap_or(now);
    Decision::Skip(t!(
        "reason-alerted",
        ago = show_duration(first.duration_until(now)),
        due = due.reason
    ))
}

/// A due line whose policy buys: cooldown and caps may still forbid it.
fn renew(
    now: Timestamp,
    line: &str,
    policy: &AutoPolicy,
    plan: &Plan,
    due: Due,
    facts: &LedgerFacts,
    caps: Caps,
) -> Decision {
    let payment = CapCheck {
        line,
        plan: &plan.id,
        price: plan.price,
        month: &month_key(now),
    };
    let guard = cooldown(now, policy.min_interval, facts.last_renewal_at)
        .map(|g| (g, Guard::Cooldown))
        .or_else(|| {
            cap_exceeded(&payment, caps, facts.month_spent).map(|c| (cap_reason(&c, &payment, caps, facts), Guard::Cap))
        });
    if let Some((guard, kind)) = guard {
        return Decision::Blocked(t!("reason-blocked-due", guard = guard, due = due.reason), kind);
    }
    Decision::Renew {
        plan: plan.id.clone(),
        reason: due.reason,
    }
}

/// What was learnt from the readings and the ledger, trigger by trigger.
#[derive(Default)]
struct Triggers {
    fired: Vec<(Trigger, String)>,
    /// Triggers evaluated that did not fire.
    calm: Vec<(Trigger, String)>,
    /// Readings a configured trigger needed but did not get.
    missing: Vec<String>,
}

/// Why a line is due: the reasons in words, and their kinds.
struct Due {
    reason: String,
    kinds: Vec<Trigger>,
}

impl Triggers {
    /// Kinds seen calm and not fired: their crossing is over.
    fn rearmed(&self) -> Vec<Trigger> {
        let mut kinds: Vec<Trigger> = self
            .calm
            .iter()
            .map(|(k, _)| *k)
            .filter(|k| !self.fired.iter().any(|(f, _)| f == k))
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// `Ok` when a trigger fired, `Err(why not)` to skip the line.
    fn due(self) -> Result<Due, NotDue> {
        fn text(list: &[(Trigger, String)]) -> Vec<&str> {
            list.iter().map(|(_, r)| r.as_str()).collect()
        }
        if !self.fired.is_empty() {
            let mut kinds: Vec<Trigger> = self.fired.iter().map(|(k, _)| *k).collect();
            kinds.sort();
            kinds.dedup();
            return Ok(Due {
                reason: text(&self.fired).join(&t!("reason-and")),
                kinds,
            });
        }
        let missing = self.missing.join(&t!("reason-or"));
        if self.calm.is_empty() {
            return Err(NotDue::Unread { missing });
        }
        let calm = text(&self.calm).join(&t!("reason-and"));
        if missing.is_empty() {
            Err(NotDue::Calm { calm })
        } else {
            Err(NotDue::CalmPartlyRead { calm, missing })
        }
    }
}

/// A cap a payment would exceed, as `auto` gives the reason: which cap, in
/// the reader's language (`CapExceeded`'s own text is the ledger's error).
fn cap_reason(c: &CapExceeded, payment: &CapCheck<'_>, caps: Caps, facts: &LedgerFacts) -> String {
    let line_only = Caps {
        all_monthly: None,
        ..caps
    };
    let scope = if cap_exceeded(payment, line_only, facts.month_spent).is_some() {
        t!("reason-cap-line", line = payment.line)
    } else {
        t!("reason-cap-all")
    };
    t!(
        "reason-cap",
        plan = c.plan.to_string(),
        scope = scope,
        spent = c.spent.to_string(),
        month = c.month.as_str(),
        price = c.price.to_string(),
        cap = c.cap.to_string(),
    )
}

/// Why a line with a policy is skipped: its `Display` is the skip reason.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NotDue {
    NoValidity(PlanId),
    /// No trigger and no plan for the default rule (the config refuses it).
    NoTrigger,
    /// `missing` names the readings, e.g. `data left or saldo`.
    Unread {
        missing: String,
    },
    Calm {
        calm: String,
    },
    CalmPartlyRead {
        calm: String,
        missing: String,
    },
}

impl std::fmt::Display for NotDue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            NotDue::NoValidity(plan) => t!("reason-no-validity", plan = plan.to_string()),
            NotDue::NoTrigger => t!("reason-no-trigger"),
            NotDue::Unread { missing } => t!("reason-unread", missing = missing.as_str()),
            NotDue::Calm { calm } => t!("reason-calm", calm = calm.as_str()),
            NotDue::CalmPartlyRead { calm, missing } => {
                t!(
                    "reason-calm-partly-read",
                    calm = calm.as_str(),
                    missing = missing.as_str()
                )
            }
        })
    }
}

/// Evaluates each trigger the policy sets; `Err` when none can be (a plan
/// without validity under the default rule).
fn evaluate_triggers(
    now: Timestamp,
    status: Option<&LineStatus>,
    policy: &AutoPolicy,
    plan: Option<&Plan>,
    last_confirmed_at: Option<Timestamp>,
) -> Result<Triggers, NotDue> {
    let mut t = Triggers::default();
    // A keep-alive-only policy watches the last top-up, not the plan.
    let watch_plan = policy.keep_alive.is_none() || policy.has_threshold();
    if watch_plan {
        thresholds(&mut t, now, status, policy, plan)?;
    }
    if let Some(keep_alive) = policy.keep_alive {
        let allowed = show_duration(keep_alive);
        match last_confirmed_at {
            Some(last) => {
                let since = show_duration(last.duration_until(now));
                if calendar_add(last, keep_alive) <= now {
                    let reason = t!(
                        "reason-keep-alive",
                        since = since,
                        keep_alive = allowed,
                        days = SALDO_LAPSES_AFTER_DAYS
                    );
                    t.fired.push((Trigger::KeepAlive, reason));
                } else {
                    let reason = t!("reason-keep-alive-calm", since = since, keep_alive = allowed);
                    t.calm.push((Trigger::KeepAlive, reason));
                }
            }
            None => t.missing.push(t!("reason-missing-last-topup")),
        }
    }
    Ok(t)
}

/// The thresholds of the line's state: data, saldo, the plan's end.
fn thresholds(
    t: &mut Triggers,
    now: Timestamp,
    status: Option<&LineStatus>,
    policy: &AutoPolicy,
    plan: Option<&Plan>,
) -> Result<(), NotDue> {
    let threshold = Trigger::Threshold;
    let expires_at = status.and_then(|s| s.expires_at);
    let expired = expires_at.is_some_and(|e| e <= now);
    if let Some(e) = expires_at.filter(|_| expired) {
        t.fired.push((
            threshold,
            t!("reason-plan-expired", ago = show_duration(e.duration_until(now))),
        ));
    }

    if let Some(limit) = policy.when_data_below {
        match status.and_then(|s| s.data_left) {
            Some(DataLeft::Unlimited) => t.calm.push((threshold, t!("reason-data-unlimited"))),
            Some(DataLeft::Amount(left)) => {
                let (left, fired) = (left.to_string(), left < limit);
                let limit = limit.to_string();
                if fired {
                    t.fired
                        .push((threshold, t!("reason-data-below", left = left, threshold = limit)));
                } else {
                    t.calm
                        .push((threshold, t!("reason-data-enough", left = left, threshold = limit)));
                }
            }
            None => t.missing.push(t!("reason-missing-data")),
        }
    }
    if let Some(limit) = policy.when_saldo_below {
        match status.and_then(|s| s.saldo) {
            Some(saldo) => {
                let (fired, saldo, limit) = (saldo < limit, saldo.to_string(), limit.to_string());
                if fired {
                    t.fired
                        .push((threshold, t!("reason-saldo-below", saldo = saldo, threshold = limit)));
                } else {
                    t.calm
                        .push((threshold, t!("reason-saldo-enough", saldo = saldo, threshold = limit)));
                }
            }
            None => t.missing.push(t!("reason-missing-saldo")),
        }
    }
    // The expiry window: before_expiry, or by default a third of the validity.
    let window = match (
        policy.before_expiry,
        plan.and_then(|p| p.validity_days).filter(|d| *d > 0),
    ) {
        (Some(w), _) => Some((w, t!("reason-within", window = show_duration(w)))),
        _ if policy.has_threshold() || policy.keep_alive.is_some() => None,
        (None, Some(days)) => Some((
            SignedDuration::from_secs(i64::from(days) * 86_400 / 3),
            t!("reason-third-of-validity", days = days.to_string()),
        )),
        // An expired plan is due whatever its validity.
        (None, None) if expired => None,
        (None, None) => {
            return Err(plan.map_or(NotDue::NoTrigger, |p| NotDue::NoValidity(p.id.clone())));
        }
    };
    if let Some((window, label)) = window {
        match expires_at {
            _ if expired => {}
            Some(e) => {
                let left = show_duration(now.duration_until(e));
                if e <= calendar_add(now, window) {
                    t.fired
                        .push((threshold, t!("reason-expires-soon", left = left, label = label)));
                } else {
                    t.calm.push((threshold, t!("reason-expires", left = left)));
                }
            }
            None => t.missing.push(t!("reason-missing-expiry")),
        }
    }
    Ok(())
}

/// `now` plus `d` on Santiago's calendar: whole days as calendar days, the
/// rest as exact time. Past the representable range means "never reached".
fn calendar_add(now: Timestamp, d: SignedDuration) -> Timestamp {
    let days = d.as_secs() / 86_400;
    let rest = d - SignedDuration::from_secs(days * 86_400);
    Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| now.to_zoned_datetime(santiago().clone()).checked_add(span).ok())
        .and_then(|z| z.checked_add(rest).ok())
        .map_or(Timestamp::MAX, |z| z.timestamp())
}

/// A cooldown still running: when it ends.
fn cooldown(now: Timestamp, min_interval: Option<SignedDuration>, last: Option<Timestamp>) -> Option<String> {
    let (min_interval, last) = (min_interval?, last?);
    let ends = last.checked_add(min_interval).unwrap_or(Timestamp::MAX);
    (now < ends).then(|| {
        t!(
            "reason-cooldown",
            ago = show_duration(last.duration_until(now)),
            interval = show_duration(min_interval),
            ends = ends
                .to_zoned_datetime(santiago().clone())
                .strftime("%Y-%m-%d %H:%M %Z")
                .to_string(),
            left = show_duration(now.duration_until(ends)),
        )
    })
}

/// Monthly spending caps: a line's own (`[lines.NAME.auto]`) and all lines'
/// together (`[auto]`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Caps {
    pub line_monthly: Option<Clp>,
    pub all_monthly: Option<Clp>,
}

/// What counts against the caps this calendar month (America/Santiago):
/// every order that did not fail (confirmed, submitted, unknown, intent).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MonthSpent {
    pub line: Clp,
    pub all: Clp,
}

/// A payment about to be checked against the caps.
pub struct CapCheck<'a> {
    pub line: &'a str,
    pub plan: &'a PlanId,
    pub price: Clp,
    /// `YYYY-MM`, for the message.
    pub month: &'a str,
}

/// A monthly cap a payment would exceed (exit 6).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", crate::t!("cap-exceeded", plan = plan.to_string(), scope = scope.as_str(), spent = spent.to_string(), month = month.as_str(), price = price.to_string(), cap = cap.to_string()))]
pub struct CapExceeded {
    pub plan: PlanId,
    /// `line casa's monthly cap` or `the monthly cap across all lines`.
    pub scope: String,
    pub spent: Clp,
    pub price: Clp,
    pub cap: Clp,
    pub month: String,
}

/// The one cap rule, for `auto`'s decisions and for the ledger, which
/// checks it again in the transaction that writes the order: spent plus the
/// price may equal a cap, not exceed it (a sum that overflows exceeds any).
pub fn cap_exceeded(payment: &CapCheck<'_>, caps: Caps, spent: MonthSpent) -> Option<CapExceeded> {
    let limits = [
        (
            caps.line_monthly,
            spent.line,
            crate::t!("cap-scope-line", line = payment.line),
        ),
        (caps.all_monthly, spent.all, crate::t!("cap-scope-all")),
    ];
    limits.into_iter().find_map(|(cap, spent, scope)| {
        let cap = cap?;
        let fits = spent.checked_add(payment.price).is_some_and(|total| total <= cap);
        (!fits).then(|| CapExceeded {
            plan: payment.plan.clone(),
            scope,
            spent,
            price: payment.price,
            cap,
            month: payment.month.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Operator, PlanSource, StatusSource};

    const MB: u64 = 1_000_000;

    struct Input {
        now: Timestamp,
        status: Option<LineStatus>,
        policy: Option<AutoPolicy>,
        plan: Option<Plan>,
        facts: LedgerFacts,
        caps: Caps,
    }

    impl Input {
        fn status(&mut self) -> &mut LineStatus {
            self.status.as_mut().unwrap()
        }
        fn policy(&mut self) -> &mut AutoPolicy {
            self.policy.as_mut().unwrap()
        }
        fn plan(&mut self) -> &mut Plan {
            self.plan.as_mut().unwrap()
        }
        /// The line's plan expires this long after `now`.
        fn expires_in(&mut self, d: SignedDuration) {
            let at = self.now.checked_add(d).unwrap();
            self.status().expires_at = Some(at);
        }
    }

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn hours(h: i64) -> SignedDuration {
        SignedDuration::from_hours(h)
    }

    fn mb(n: u64) -> Option<DataLeft> {
        Some(DataLeft::Amount(DataAmount(n * MB)))
    }

    /// A line with plenty left and a policy with every trigger and guard
    /// unset: each row switches on what it tests.
    fn base() -> Input {
        let now = ts("2026-11-10T15:00:00Z");
        let mut status = LineStatus::empty(StatusSource::Sandbox, now);
        status.data_left = mb(2000);
        status.saldo = Some(Clp(3000));
        status.expires_at = now.checked_add(hours(20 * 24)).ok();
        Input {
            now,
            status: Some(status),
            policy: Some(AutoPolicy {
                action: Action::Renew,
                plan: Some("p-5gb".parse().unwrap()),
                pay: None,
                when_data_below: None,
                when_saldo_below: None,
                before_expiry: None,
                keep_alive: None,
                min_interval: None,
                monthly_cap: None,
            }),
            plan: Some(Plan {
                id: "p-5gb".parse().unwrap(),
                operator: Operator::Entel,
                name: "5 GB".into(),
                data: Some(DataAmount(5000 * MB)),
                validity_days: Some(30),
                price: Clp(5000),
                promo: None,
                source: PlanSource::Sandbox,
                account_cost: None,
            }),
            facts: LedgerFacts::default(),
            caps: Caps::default(),
        }
    }

    fn data_500(i: &mut Input) {
        i.policy().when_data_below = Some(DataAmount(500 * MB));
    }

    fn due_by_data(i: &mut Input) {
        data_500(i);
        i.status().data_left = mb(320);
    }

    fn days(d: i64) -> SignedDuration {
        hours(24 * d)
    }

    /// An alert-only policy.
    fn notify(i: &mut Input) {
        i.policy().action = Action::Notify;
    }

    /// A keep-alive-only policy of 170 days, the last top-up `ago` days before now.
    fn keep_alive_170(i: &mut Input, ago: i64) {
        i.policy().keep_alive = Some(days(170));
        i.facts.last_confirmed_at = i.now.checked_sub(days(ago)).ok();
    }

    #[derive(Debug)]
    enum Want {
        Reconcile,
        Skip(&'static str),
        Renew(&'static str),
        Blocked(&'static str),
        Alert(&'static str),
    }

    #[test]
    fn decision_table() {
        type Setup = fn(&mut Input);
        let table: Vec<(&str, Setup, Want)> = vec![
            ("no policy", |i| i.policy = None, Want::Skip("no auto policy")),
            (
                "no policy, even with unsettled orders",
                |i| {
                    i.policy = None;
                    i.facts.needs_reconcile = 2;
                },
                Want::Skip("no auto policy"),
            ),
            (
                "reconcile before anything else",
                |i| {
                    due_by_data(i);
                    i.plan = None;
                    i.facts.needs_reconcile = 1;
                },
                Want::Reconcile,
            ),
            (
                "unknown plan",
                |i| {
                    data_500(i);
                    i.plan = None;
                },
                Want::Blocked("plan `p-5gb` is not known"),
            ),
            // Data: strictly below fires.
            (
                "data just below",
                |i| {
                    data_500(i);
                    i.status().data_left = mb(499);
                },
                Want::Renew("data 499 MB < 500 MB"),
            ),
            (
                "data at threshold",
                |i| {
                    data_500(i);
                    i.status().data_left = mb(500);
                },
                Want::Skip("not due: data 500 MB ≥ 500 MB"),
            ),
            (
                "data above",
                |i| {
                    data_500(i);
                    i.status().data_left = mb(501);
                },
                Want::Skip("not due: data 501 MB ≥ 500 MB"),
            ),
            (
                "data unlimited never fires",
                |i| {
                    data_500(i);
                    i.status().data_left = Some(DataLeft::Unlimited);
                },
                Want::Skip("not due: data unlimited"),
            ),
            (
                "data reading missing",
                |i| {
                    data_500(i);
                    i.status().data_left = None;
                },
                Want::Skip("no reading of data left"),
            ),
            // Saldo: strictly below fires.
            (
                "saldo just below",
                |i| {
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().saldo = Some(Clp(999));
                },
                Want::Renew("saldo $999 < $1.000"),
            ),
            (
                "saldo at threshold",
                |i| {
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().saldo = Some(Clp(1000));
                },
                Want::Skip("not due: saldo $1.000 ≥ $1.000"),
            ),
            (
                "saldo above",
                |i| {
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().saldo = Some(Clp(1001));
                },
                Want::Skip("saldo $1.001 ≥ $1.000"),
            ),
            (
                "one reading missing, the other evaluated",
                |i| {
                    data_500(i);
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().data_left = None;
                },
                Want::Skip("not due: saldo $3.000 ≥ $1.000 (data left not read)"),
            ),
            (
                "one reading missing, the other fires",
                |i| {
                    data_500(i);
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().data_left = None;
                    i.status().saldo = Some(Clp(10));
                },
                Want::Renew("saldo $10 < $1.000"),
            ),
            (
                "no reading at all",
                |i| {
                    data_500(i);
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status = None;
                },
                Want::Skip("no reading of data left or saldo"),
            ),
            (
                "two triggers fire",
                |i| {
                    due_by_data(i);
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().saldo = Some(Clp(0));
                },
                Want::Renew("data 320 MB < 500 MB, saldo $0 < $1.000"),
            ),
            // Expiry: within the window (inclusive) fires.
            (
                "expiry just inside before_expiry",
                |i| {
                    i.policy().before_expiry = Some(hours(48));
                    i.expires_in(hours(47));
                },
                Want::Renew("expires in 1d 23h, within 2d"),
            ),
            (
                "expiry exactly at before_expiry",
                |i| {
                    i.policy().before_expiry = Some(hours(48));
                    i.expires_in(hours(48));
                },
                Want::Renew("expires in 2d, within 2d"),
            ),
            (
                "expiry just outside before_expiry",
                |i| {
                    i.policy().before_expiry = Some(hours(48));
                    i.expires_in(hours(49));
                },
                Want::Skip("not due: expires in 2d 1h"),
            ),
            (
                "expiry reading missing",
                |i| {
                    i.policy().before_expiry = Some(hours(48));
                    i.status().expires_at = None;
                },
                Want::Skip("no reading of plan expiry"),
            ),
            (
                "expired plan renews even when data is plenty",
                |i| {
                    data_500(i);
                    i.expires_in(hours(-3));
                },
                Want::Renew("plan expired 3h ago"),
            ),
            (
                "expired plan renews with before_expiry too, said once",
                |i| {
                    i.policy().before_expiry = Some(hours(48));
                    i.expires_in(SignedDuration::ZERO);
                },
                Want::Renew("plan expired 0s ago"),
            ),
            // Default rule: a third of 30 days = 10 days.
            (
                "default rule: just under a third left",
                |i| i.expires_in(hours(10 * 24 - 1)),
                Want::Renew("expires in 9d 23h, a third or less of the plan's 30 days"),
            ),
            (
                "default rule: exactly a third left",
                |i| i.expires_in(hours(10 * 24)),
                Want::Renew("expires in 10d, a third or less"),
            ),
            (
                "default rule: just over a third left",
                |i| i.expires_in(hours(10 * 24 + 1)),
                Want::Skip("not due: expires in 10d 1h"),
            ),
            (
                "default rule: 7-day plan, a third is 2d 8h",
                |i| {
                    i.plan().validity_days = Some(7);
                    i.expires_in(hours(56));
                },
                Want::Renew("expires in 2d 8h, a third or less of the plan's 7 days"),
            ),
            (
                "default rule: ledger estimate counts the same",
                |i| {
                    i.status().source = StatusSource::Ledger;
                    i.expires_in(hours(24));
                },
                Want::Renew("a third or less"),
            ),
            (
                "default rule: no expiry reading",
                |i| i.status().expires_at = None,
                Want::Skip("no reading of plan expiry"),
            ),
            (
                "default rule: plan without validity",
                |i| i.plan().validity_days = None,
                Want::Skip("has no validity period"),
            ),
            (
                "default rule: plan without validity, but expired",
                |i| {
                    i.plan().validity_days = None;
                    i.expires_in(hours(-1));
                },
                Want::Renew("plan expired 1h ago"),
            ),
            // Cooldown: blocked until min_interval has passed since the last renewal.
            (
                "cooldown running",
                |i| {
                    due_by_data(i);
                    i.policy().min_interval = Some(hours(12));
                    i.facts.last_renewal_at = i.now.checked_sub(hours(3)).ok();
                },
                Want::Blocked(
                    "last renewal 3h ago; min_interval 12h ends 2026-11-10 21:00 -03 (in 9h); due: data 320 MB < 500 MB",
                ),
            ),
            (
                "cooldown just over",
                |i| {
                    due_by_data(i);
                    i.policy().min_interval = Some(hours(12));
                    i.facts.last_renewal_at = i.now.checked_sub(hours(12)).ok();
                },
                Want::Renew("data 320 MB"),
            ),
            (
                "cooldown without an earlier renewal",
                |i| {
                    due_by_data(i);
                    i.policy().min_interval = Some(hours(12));
                },
                Want::Renew("data 320 MB"),
            ),
            (
                "cooldown does not matter when nothing is due",
                |i| {
                    data_500(i);
                    i.policy().min_interval = Some(hours(12));
                    i.facts.last_renewal_at = Some(i.now);
                },
                Want::Skip("not due"),
            ),
            // Caps: spent + price may equal the cap, not exceed it.
            (
                "line cap fits exactly",
                |i| {
                    due_by_data(i);
                    i.caps.line_monthly = Some(Clp(20000));
                    i.facts.month_spent.line = Clp(15000);
                },
                Want::Renew("data 320 MB"),
            ),
            (
                "line cap exceeded by 1",
                |i| {
                    due_by_data(i);
                    i.caps.line_monthly = Some(Clp(20000));
                    i.facts.month_spent.line = Clp(15001);
                },
                Want::Blocked(
                    "p-5gb would exceed line casa's monthly cap ($15.001 spent or pending in 2026-11 + $5.000 > $20.000)",
                ),
            ),
            (
                "global cap fits exactly",
                |i| {
                    due_by_data(i);
                    i.caps.all_monthly = Some(Clp(50000));
                    i.facts.month_spent.all = Clp(45000);
                },
                Want::Renew("data 320 MB"),
            ),
            (
                "global cap exceeded by 1",
                |i| {
                    due_by_data(i);
                    i.caps.all_monthly = Some(Clp(50000));
                    i.facts.month_spent.all = Clp(45001);
                },
                Want::Blocked("would exceed the monthly cap across all lines ($45.001 spent"),
            ),
            (
                "spending that overflows is over any cap",
                |i| {
                    due_by_data(i);
                    i.caps.all_monthly = Some(Clp(i64::MAX));
                    i.facts.month_spent.all = Clp(i64::MAX);
                },
                Want::Blocked("the monthly cap across all lines"),
            ),
            // Keep-alive: due once the number has had no confirmed top-up
            // for that long (calendar days, like before_expiry).
            (
                "keep_alive: 150 days since the last top-up",
                |i| keep_alive_170(i, 150),
                Want::Skip("not due: last confirmed top-up 150d ago (keep_alive 170d)"),
            ),
            (
                "keep_alive: 169 days",
                |i| keep_alive_170(i, 169),
                Want::Skip("not due: last confirmed top-up 169d ago"),
            ),
            (
                "keep_alive: exactly 170 days",
                |i| keep_alive_170(i, 170),
                Want::Renew("no confirmed top-up for 170d (keep_alive 170d"),
            ),
            (
                "keep_alive: 171 days, the reason says why",
                |i| keep_alive_170(i, 171),
                Want::Renew("saldo can lapse 180 days after the last recarga"),
            ),
            (
                "keep_alive without any confirmed top-up cannot count",
                |i| i.policy().keep_alive = Some(days(170)),
                Want::Skip("no reading of the last top-up"),
            ),
            (
                "keep_alive only: an expired plan is not its business",
                |i| {
                    keep_alive_170(i, 10);
                    i.expires_in(hours(-3));
                },
                Want::Skip("not due: last confirmed top-up 10d ago"),
            ),
            (
                "keep_alive only: the default third is not applied",
                |i| {
                    keep_alive_170(i, 10);
                    i.expires_in(hours(1));
                },
                Want::Skip("not due"),
            ),
            (
                "keep_alive fires while data is plenty",
                |i| {
                    data_500(i);
                    keep_alive_170(i, 171);
                },
                Want::Renew("no confirmed top-up for 171d"),
            ),
            (
                "keep_alive calm, data fires",
                |i| {
                    due_by_data(i);
                    keep_alive_170(i, 3);
                },
                Want::Renew("data 320 MB < 500 MB"),
            ),
            (
                "keep_alive with a threshold keeps the expired-plan rule",
                |i| {
                    data_500(i);
                    keep_alive_170(i, 3);
                    i.expires_in(hours(-3));
                },
                Want::Renew("plan expired 3h ago"),
            ),
            (
                "a keep-alive renewal still meets the caps",
                |i| {
                    keep_alive_170(i, 171);
                    i.caps.line_monthly = Some(Clp(4000));
                },
                Want::Blocked("would exceed line casa's monthly cap"),
            ),
            (
                "a keep-alive renewal still meets the cooldown",
                |i| {
                    keep_alive_170(i, 171);
                    i.policy().min_interval = Some(hours(12));
                    i.facts.last_renewal_at = i.now.checked_sub(hours(1)).ok();
                },
                Want::Blocked("min_interval"),
            ),
            // Alert-only policies: due means an alert, once per crossing.
            (
                "notify: due alerts",
                |i| {
                    notify(i);
                    due_by_data(i);
                },
                Want::Alert("data 320 MB < 500 MB"),
            ),
            (
                "notify: not due skips",
                |i| {
                    notify(i);
                    data_500(i);
                },
                Want::Skip("not due: data 2 GB ≥ 500 MB"),
            ),
            (
                "notify: already alerted, still below",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.facts
                        .alerts
                        .insert(Trigger::Threshold, i.now.checked_sub(days(2)).unwrap());
                },
                Want::Skip("already alerted 2d ago"),
            ),
            (
                "notify: a top-up confirmed after the alert ends the crossing",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.facts
                        .alerts
                        .insert(Trigger::Threshold, i.now.checked_sub(days(2)).unwrap());
                    i.facts.last_confirmed_at = i.now.checked_sub(days(1)).ok();
                },
                Want::Alert("data 320 MB"),
            ),
            (
                "notify: a top-up before the alert does not",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.facts
                        .alerts
                        .insert(Trigger::Threshold, i.now.checked_sub(days(1)).unwrap());
                    i.facts.last_confirmed_at = i.now.checked_sub(days(2)).ok();
                },
                Want::Skip("already alerted 1d ago"),
            ),
            (
                "notify: caps and cooldowns are for payments",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.caps.line_monthly = Some(Clp(1));
                    i.policy().min_interval = Some(hours(12));
                    i.facts.last_renewal_at = Some(i.now);
                },
                Want::Alert("data 320 MB"),
            ),
            (
                "notify without a plan",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.policy().plan = None;
                    i.plan = None;
                },
                Want::Alert("data 320 MB"),
            ),
            (
                "notify with a plan that is not known is a config mistake",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.plan = None;
                },
                Want::Blocked("plan `p-5gb` is not known"),
            ),
            (
                "notify: keep-alive alerts while a threshold alert stands",
                |i| {
                    notify(i);
                    due_by_data(i);
                    keep_alive_170(i, 171);
                    i.facts
                        .alerts
                        .insert(Trigger::Threshold, i.now.checked_sub(days(2)).unwrap());
                },
                Want::Alert("data 320 MB < 500 MB, no confirmed top-up for 171d"),
            ),
            (
                "notify: reconcile still comes first",
                |i| {
                    notify(i);
                    due_by_data(i);
                    i.facts.needs_reconcile = 1;
                },
                Want::Reconcile,
            ),
        ];
        assert!(table.len() >= 25);
        for (name, setup, want) in table {
            let mut input = base();
            setup(&mut input);
            let got = decide(
                input.now,
                "casa",
                input.status.as_ref(),
                input.policy.as_ref(),
                input.plan.as_ref(),
                &input.facts,
                input.caps,
            );
            let ok = match (&want, &got) {
                (Want::Reconcile, Decision::Reconcile) => true,
                (Want::Skip(text), Decision::Skip(reason)) | (Want::Blocked(text), Decision::Blocked(reason, _)) => {
                    reason.contains(text)
                }
                (Want::Renew(text), Decision::Renew { plan, reason }) => {
                    plan.as_str() == "p-5gb" && reason.contains(text)
                }
                (Want::Alert(text), Decision::Alert { reason, triggers }) => {
                    !triggers.is_empty() && reason.contains(text)
                }
                _ => false,
            };
            assert!(ok, "{name}: wanted {want:?}, got {got:?}");
        }
    }

    /// "2d" before expiry means two days on Santiago's wall clock, which is
    /// 49 hours across the April fall-back and 47 across the September
    /// spring-forward (2026: DST ends Apr 5 00:00 -03 → Apr 4 23:00 -04;
    /// starts Sep 6 00:00 -04 → 01:00 -03).
    #[test]
    fn before_expiry_counts_calendar_days_across_dst() {
        let table = [
            // now, expires_at, fires?
            ("2026-04-03T12:00:00-03:00", "2026-04-05T11:30:00-04:00", true), // 48.5 h, inside 2 calendar days
            ("2026-04-03T12:00:00-03:00", "2026-04-05T12:30:00-04:00", false),
            ("2026-09-05T12:00:00-04:00", "2026-09-07T11:30:00-03:00", true),
            ("2026-09-05T12:00:00-04:00", "2026-09-07T12:30:00-03:00", false), // 47.5 h, past 2 calendar days
        ];
        for (now, expires, fires) in table {
            let mut input = base();
            input.now = ts(now);
            input.status().expires_at = Some(ts(expires));
            input.policy().before_expiry = Some(hours(48));
            let got = decide(
                input.now,
                "casa",
                input.status.as_ref(),
                input.policy.as_ref(),
                input.plan.as_ref(),
                &input.facts,
                input.caps,
            );
            assert_eq!(got.as_str() == "renew", fires, "{now} → {expires}: {got:?}");
        }
        // The rows above only test calendar days if those dates are DST changes.
        let offset = |t: &str| santiago().to_offset(ts(t)).seconds();
        assert_ne!(offset("2026-04-03T15:00:00Z"), offset("2026-04-05T16:00:00Z"));
        assert_ne!(offset("2026-09-05T16:00:00Z"), offset("2026-09-07T15:00:00Z"));
    }

    #[test]
    fn json_names_and_reasons() {
        let plan: PlanId = "p".parse().unwrap();
        let table = [
            (Decision::Skip("a".into()), "skip", "a"),
            (
                Decision::Renew {
                    plan,
                    reason: "b".into(),
                },
                "renew",
                "b",
            ),
            (Decision::Blocked("c".into(), Guard::Cap), "blocked", "c"),
            (
                Decision::Alert {
                    reason: "d".into(),
                    triggers: vec![Trigger::KeepAlive],
                },
                "alert",
                "d",
            ),
            (
                Decision::Reconcile,
                "reconcile",
                "an earlier order's outcome is not settled; reconciling before paying again",
            ),
        ];
        for (decision, name, reason) in table {
            assert_eq!((decision.as_str(), decision.reason()), (name, reason));
        }
    }

    /// Which crossings an alert is for, and which ones a run saw end.
    #[test]
    fn alert_triggers_and_rearmed_crossings() {
        type Setup = fn(&mut Input);
        let table: Vec<(&str, Setup, Vec<Trigger>, Vec<Trigger>)> = vec![
            (
                "data below: a threshold alert",
                |i| {
                    notify(i);
                    due_by_data(i);
                },
                vec![Trigger::Threshold],
                vec![],
            ),
            (
                "data enough: the threshold crossing is over",
                |i| {
                    notify(i);
                    data_500(i);
                },
                vec![],
                vec![Trigger::Threshold],
            ),
            (
                "data enough, saldo unread: still above the threshold that was read",
                |i| {
                    notify(i);
                    data_500(i);
                    i.policy().when_saldo_below = Some(Clp(1000));
                    i.status().saldo = None;
                },
                vec![],
                vec![Trigger::Threshold],
            ),
            (
                "nothing read: nothing is over",
                |i| {
                    notify(i);
                    data_500(i);
                    i.status = None;
                },
                vec![],
                vec![],
            ),
            (
                "data enough, saldo below: the threshold crossing goes on",
                |i| {
                    notify(i);
                    data_500(i);
                    i.policy().when_saldo_below = Some(Clp(5000));
                },
                vec![Trigger::Threshold],
                vec![],
            ),
            (
                "keep-alive fires, data enough",
                |i| {
                    notify(i);
                    data_500(i);
                    keep_alive_170(i, 171);
                },
                vec![Trigger::KeepAlive],
                vec![Trigger::Threshold],
            ),
            (
                "both fire, the threshold already alerted",
                |i| {
                    notify(i);
                    due_by_data(i);
                    keep_alive_170(i, 171);
                    i.facts.alerts.insert(Trigger::Threshold, i.now);
                },
                vec![Trigger::KeepAlive],
                vec![],
            ),
            (
                "a recent top-up ends the keep-alive crossing",
                |i| {
                    notify(i);
                    due_by_data(i);
                    keep_alive_170(i, 1);
                },
                vec![Trigger::Threshold],
                vec![Trigger::KeepAlive],
            ),
        ];
        for (name, setup, alerted, rearmed) in table {
            let mut input = base();
            setup(&mut input);
            let verdict = evaluate(
                input.now,
                "casa",
                input.status.as_ref(),
                input.policy.as_ref(),
                input.plan.as_ref(),
                &input.facts,
                input.caps,
            );
            let got = match &verdict.decision {
                Decision::Alert { triggers, .. } => triggers.clone(),
                _ => vec![],
            };
            assert_eq!(
                (got, verdict.rearmed.clone()),
                (alerted, rearmed),
                "{name}: {verdict:?}"
            );
        }
    }

    /// `keep_alive` counts Santiago calendar days, like `before_expiry`:
    /// 170 days from a top-up before the April DST change end at the same
    /// wall-clock time, an hour later in UTC than 170 × 24 hours.
    #[test]
    fn keep_alive_counts_calendar_days() {
        let mut input = base();
        keep_alive_170(&mut input, 0);
        // 2026-03-01 12:00 -03 + 170 calendar days = 2026-08-18 12:00 -04 (16:00Z).
        input.facts.last_confirmed_at = Some(ts("2026-03-01T15:00:00Z"));
        let at = |now: &str, input: &mut Input| {
            input.now = ts(now);
            decide(
                input.now,
                "casa",
                input.status.as_ref(),
                input.policy.as_ref(),
                input.plan.as_ref(),
                &input.facts,
                input.caps,
            )
        };
        assert_eq!(at("2026-08-18T15:30:00Z", &mut input).as_str(), "skip");
        assert_eq!(at("2026-08-18T16:00:00Z", &mut input).as_str(), "renew");
    }
}
