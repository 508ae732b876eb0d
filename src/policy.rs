//! Auto-renewal decisions: a pure function, no I/O.
//!
//! `decide` asks in order, each answer final: no policy → skip; unsettled
//! orders → reconcile (money safety rule 3: settle before paying again);
//! unknown plan → blocked; no trigger fired → skip; cooldown or a monthly cap
//! → blocked; else renew.
//!
//! `before_expiry` and the default rule (a third of the plan's validity left,
//! when no threshold is set) count whole days as Santiago calendar days, so
//! "2d" across a DST change is 47 or 49 hours. A trigger whose reading is
//! missing cannot fire; with no trigger evaluated the line is skipped: topup
//! never renews blindly.

use jiff::{SignedDuration, Span, Timestamp};

use crate::domain::timefmt::{month_key, santiago, show_duration};
use crate::domain::{Clp, DataAmount, DataLeft, LineStatus, PayMethod, Plan, PlanId};
use crate::t;

/// A line's `[lines.NAME.auto]` section, validated. Serialized as `lines
/// --json` shows it, units in the field names.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AutoPolicy {
    pub plan: PlanId,
    pub pay: Option<PayMethod>,
    #[serde(rename = "when_data_below_bytes")]
    pub when_data_below: Option<DataAmount>,
    #[serde(rename = "when_saldo_below_clp")]
    pub when_saldo_below: Option<Clp>,
    #[serde(rename = "before_expiry_seconds", serialize_with = "seconds")]
    pub before_expiry: Option<SignedDuration>,
    #[serde(rename = "min_interval_seconds", serialize_with = "seconds")]
    pub min_interval: Option<SignedDuration>,
    #[serde(rename = "monthly_cap_clp")]
    pub monthly_cap: Option<Clp>,
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
    /// This calendar month's spending that counts against the caps.
    pub month_spent: MonthSpent,
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
            Decision::Skip(reason) | Decision::Renew { reason, .. } | Decision::Blocked(reason, _) => reason,
        }
    }
}

/// Decides what `topup auto` does for one line. Pure: `now` is the clock,
/// `plan` is the policy's plan as resolved by the caller (`None` = unknown).
pub fn decide(
    now: Timestamp,
    line: &str,
    status: Option<&LineStatus>,
    policy: Option<&AutoPolicy>,
    plan: Option<&Plan>,
    facts: &LedgerFacts,
    caps: Caps,
) -> Decision {
    let Some(policy) = policy else {
        return Decision::Skip(t!("reason-no-policy"));
    };
    if facts.needs_reconcile > 0 {
        return Decision::Reconcile;
    }
    let Some(plan) = plan else {
        return Decision::Blocked(
            t!("reason-unknown-plan", plan = policy.plan.to_string()),
            Guard::UnknownPlan,
        );
    };
    let due = match due_reason(now, status, policy, plan) {
        Ok(due) => due,
        Err(not_due) => return Decision::Skip(not_due.to_string()),
    };
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
        return Decision::Blocked(t!("reason-blocked-due", guard = guard, due = due), kind);
    }
    Decision::Renew {
        plan: policy.plan.clone(),
        reason: due,
    }
}

/// What was learnt from the readings, trigger by trigger.
#[derive(Default)]
struct Triggers {
    fired: Vec<String>,
    /// Triggers evaluated that did not fire.
    calm: Vec<String>,
    /// Readings a configured trigger needed but did not get.
    missing: Vec<String>,
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

/// `Ok(reason)` when the line is due, `Err(why not)` to skip it.
fn due_reason(now: Timestamp, status: Option<&LineStatus>, policy: &AutoPolicy, plan: &Plan) -> Result<String, NotDue> {
    let mut t = Triggers::default();
    let expires_at = status.and_then(|s| s.expires_at);
    let expired = expires_at.is_some_and(|e| e <= now);
    if let Some(e) = expires_at.filter(|_| expired) {
        t.fired
            .push(t!("reason-plan-expired", ago = show_duration(e.duration_until(now))));
    }

    if let Some(threshold) = policy.when_data_below {
        match status.and_then(|s| s.data_left) {
            Some(DataLeft::Unlimited) => t.calm.push(t!("reason-data-unlimited")),
            Some(DataLeft::Amount(left)) => {
                let (left, fired) = (left.to_string(), left < threshold);
                let threshold = threshold.to_string();
                if fired {
                    t.fired
                        .push(t!("reason-data-below", left = left, threshold = threshold));
                } else {
                    t.calm
                        .push(t!("reason-data-enough", left = left, threshold = threshold));
                }
            }
            None => t.missing.push(t!("reason-missing-data")),
        }
    }
    if let Some(threshold) = policy.when_saldo_below {
        match status.and_then(|s| s.saldo) {
            Some(saldo) => {
                let (fired, saldo, threshold) = (saldo < threshold, saldo.to_string(), threshold.to_string());
                if fired {
                    t.fired
                        .push(t!("reason-saldo-below", saldo = saldo, threshold = threshold));
                } else {
                    t.calm
                        .push(t!("reason-saldo-enough", saldo = saldo, threshold = threshold));
                }
            }
            None => t.missing.push(t!("reason-missing-saldo")),
        }
    }
    // The expiry window: before_expiry, or by default a third of the validity.
    let any_threshold =
        policy.when_data_below.is_some() || policy.when_saldo_below.is_some() || policy.before_expiry.is_some();
    let window = match (policy.before_expiry, plan.validity_days.filter(|d| *d > 0)) {
        (Some(w), _) => Some((w, t!("reason-within", window = show_duration(w)))),
        _ if any_threshold => None,
        (None, Some(days)) => Some((
            SignedDuration::from_secs(i64::from(days) * 86_400 / 3),
            t!("reason-third-of-validity", days = days.to_string()),
        )),
        // An expired plan is due whatever its validity.
        (None, None) if expired => None,
        (None, None) => return Err(NotDue::NoValidity(plan.id.clone())),
    };
    if let Some((window, label)) = window {
        match expires_at {
            _ if expired => {}
            Some(e) => {
                let left = show_duration(now.duration_until(e));
                if e <= calendar_add(now, window) {
                    t.fired.push(t!("reason-expires-soon", left = left, label = label));
                } else {
                    t.calm.push(t!("reason-expires", left = left));
                }
            }
            None => t.missing.push(t!("reason-missing-expiry")),
        }
    }

    if !t.fired.is_empty() {
        return Ok(t.fired.join(&t!("reason-and")));
    }
    let missing = t.missing.join(&t!("reason-or"));
    if t.calm.is_empty() {
        return Err(NotDue::Unread { missing });
    }
    let calm = t.calm.join(&t!("reason-and"));
    if missing.is_empty() {
        Err(NotDue::Calm { calm })
    } else {
        Err(NotDue::CalmPartlyRead { calm, missing })
    }
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
                plan: "p-5gb".parse().unwrap(),
                pay: None,
                when_data_below: None,
                when_saldo_below: None,
                before_expiry: None,
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

    #[derive(Debug)]
    enum Want {
        Reconcile,
        Skip(&'static str),
        Renew(&'static str),
        Blocked(&'static str),
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
                Decision::Reconcile,
                "reconcile",
                "an earlier order's outcome is not settled; reconciling before paying again",
            ),
        ];
        for (decision, name, reason) in table {
            assert_eq!((decision.as_str(), decision.reason()), (name, reason));
        }
    }
}
