//! The built-in sandbox: a simulated prepaid network, the default when there
//! is no config. Its plans and prices are fictional and labelled as such.
//!
//! State lives in `sandbox.sqlite3` in the state directory, so the next run
//! sees what the last one bought. Data runs down with time at a fixed rate
//! per line, so everything is a function of the stored state and `now`:
//! deterministic under `TOPUP_NOW`. Payments are idempotent by key, like a
//! real gateway's, and can be made to fail with `TOPUP_SANDBOX_FAULT`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use rusqlite::{Connection, OptionalExtension, params};

use async_trait::async_trait;

use super::{
    BalanceChannel, Lookup, Offer, OfferTerms, PaymentChannel, PaymentOutcome, Prepared, Reading, configured_operator,
};
use crate::config::{Config, Line};
use crate::domain::data::{GB, MB};
use crate::domain::timefmt::{Clock, in_santiago, plus, santiago};
use crate::domain::{
    Baseline, Clp, DataAmount, DataLeft, LineStatus, Msisdn, Operator, Order, OrderId, Plan, PlanSource, Promotion,
    StatusSource,
};

/// Ways to make sandbox payments fail (`TOPUP_SANDBOX_FAULT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum Fault {
    /// The simulated bank declines: failed, exit 6.
    Decline,
    /// The gateway cannot be reached; nothing is sent: failed, exit 5.
    Timeout,
    /// The payment goes through but the answer is lost: unknown, exit 7;
    /// reconcile finds it confirmed.
    Unknown,
    /// Like `unknown`, but the payment never arrived: reconcile finds nothing
    /// and marks it failed.
    UnknownUnpaid,
    /// The payment takes `SLOW_PAYMENT` to answer (it is applied first, so a
    /// process killed meanwhile leaves a paid order to reconcile).
    Slow,
}

const SLOW_PAYMENT: Duration = Duration::from_secs(3);

/// A sandbox failure, simulated or in its settings.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("{}", crate::t!("sandbox-unknown-fault", value = .0.escape_default().to_string()))]
    UnknownFault(String),
    #[error("{}", crate::t!("sandbox-already-refused"))]
    AlreadyRefused,
    #[error("{}", crate::t!("sandbox-unreachable"))]
    Unreachable,
    #[error("{}", crate::t!("sandbox-declined"))]
    Declined,
    /// The file of the simulated network's state could not be opened or
    /// prepared (not a database, permissions, a full disk).
    #[error("{}", crate::t!("sandbox-state", path = path.display().to_string(), why = error.to_string()))]
    State { path: PathBuf, error: rusqlite::Error },
    /// A row of the simulated state that topup did not write.
    #[error("{}", crate::t!("sandbox-damaged", number = .0.to_string()))]
    Damaged(Msisdn),
}

impl Fault {
    pub fn parse(value: &str) -> Result<Option<Fault>, SandboxError> {
        match value.trim() {
            "" | "none" => Ok(None),
            other => other
                .parse()
                .map(Some)
                .map_err(|_| SandboxError::UnknownFault(other.to_string())),
        }
    }
}

/// The fictional plan catalogue: (id suffix, data GB, days, base price,
/// promo's message id: the reader's language, English in JSON).
const CATALOG: [(&str, u64, u32, i64, Option<&str>); 4] = [
    ("1gb", 1, 7, 1990, None),
    ("3gb", 3, 15, 3990, Some("sandbox-promo-discount")),
    ("10gb", 10, 30, 8990, None),
    ("25gb", 25, 30, 14990, Some("sandbox-promo-per-gb")),
];

/// Per-operator price offset so the catalogues differ (fictional).
fn price_offset(op: Operator) -> i64 {
    match op {
        Operator::Entel => 0,
        Operator::Movistar => 500,
        Operator::Claro => 300,
        Operator::Wom => -500,
        Operator::Virgin => -300,
    }
}

/// The sandbox's plans for an operator: clearly fictional.
pub fn catalog(op: Operator) -> Vec<Plan> {
    CATALOG
        .iter()
        .map(|(suffix, gb, days, price, promo)| Plan {
            id: format!("sandbox-{}-{suffix}", op.as_str())
                .parse()
                .unwrap_or_else(|_| unreachable!("static ids are valid")),
            operator: op,
            name: format!("Bolsa Demo {gb} GB {days} días (ficticia)"),
            data: Some(DataAmount(gb * GB)),
            validity_days: Some(*days),
            price: Clp(price + price_offset(op)),
            promo: promo.map(|id| crate::i18n::text(id, None)),
            source: PlanSource::Sandbox,
            account_cost: None,
        })
        .collect()
}

/// The simulated network's promotions at `now`: fictional, and a function of
/// `now` alone (Santiago's calendar), so `TOPUP_NOW` steps through them.
/// Entel runs one each calendar month; WOM one from the 1st and another from
/// the 16th of each month; the other operators none.
pub fn promotions(op: Operator, now: Timestamp) -> Vec<Promotion> {
    let today = in_santiago(now).date();
    let first = today.first_of_month();
    let sixteenth = first.with().day(16).build().ok();
    let next_month = first.checked_add(jiff::Span::new().months(1)).ok();
    let (message, starts, ends) = match op {
        Operator::Entel => ("sandbox-promotion-entel", Some(first), next_month),
        Operator::Wom if today.day() < 16 => ("sandbox-promotion-wom-early", Some(first), sixteenth),
        Operator::Wom => ("sandbox-promotion-wom-late", sixteenth, next_month),
        Operator::Movistar | Operator::Claro | Operator::Virgin => return Vec::new(),
    };
    // Midnight in Santiago (01:00 on the one day a year DST skips it).
    let at = |date: Option<jiff::civil::Date>| {
        date.and_then(|d| d.to_zoned_datetime(santiago().clone()).ok())
            .map(|z| z.timestamp())
    };
    let (Some(starts_at), Some(ends_at)) = (at(starts), at(ends)) else {
        return Vec::new();
    };
    let id = format!("sandbox-{op}-{}", starts.map_or_else(String::new, |d| d.to_string()));
    vec![Promotion {
        id,
        operator: op,
        title: crate::i18n::text(message, None),
        description: None,
        denominations: None,
        starts_at,
        ends_at,
        source: PlanSource::Sandbox,
    }]
}

/// A simulated line's stored state.
#[derive(Debug, Clone)]
struct SimLine {
    operator: Operator,
    saldo: i64,
    bonus: i64,
    /// Data left at `data_at`.
    data_bytes: u64,
    data_at: Timestamp,
    burn_per_day: u64,
    plan: Option<String>,
    expires_at: Timestamp,
}

impl SimLine {
    /// First sight of a line: demo lines have hand-picked states that show
    /// different situations; any other number gets one derived from its digits.
    fn initial(msisdn: &Msisdn, operator: Operator, now: Timestamp) -> SimLine {
        let days = |d: i64| plus(now, SignedDuration::from_hours(24 * d));
        let (saldo, bonus, data, burn, expires_in, plan) = match msisdn.national() {
            "990000001" => (3500, 0, 1_200 * MB, 150 * MB, 9, "Bolsa Demo 3 GB 15 días (ficticia)"),
            "990000002" => (800, 0, 0, 100 * MB, -1, "Bolsa Demo 1 GB 7 días (ficticia)"),
            "990000003" => (
                12000,
                0,
                6_500 * MB,
                250 * MB,
                20,
                "Bolsa Demo 10 GB 30 días (ficticia)",
            ),
            "990000004" => (2000, 1000, 300 * MB, 200 * MB, 2, "Bolsa Demo 3 GB 15 días (ficticia)"),
            "990000005" => (0, 0, 2 * GB, 300 * MB, 5, "Bolsa Demo 3 GB 15 días (ficticia)"),
            other => {
                let seed: u64 = other.bytes().map(|b| u64::from(b - b'0')).sum();
                (
                    500 * (seed % 10) as i64,
                    0,
                    (seed % 7) * 400 * MB,
                    100 * MB + (seed % 3) * 50 * MB,
                    (seed % 12) as i64,
                    "Bolsa Demo 3 GB 15 días (ficticia)",
                )
            }
        };
        SimLine {
            operator,
            saldo,
            bonus,
            data_bytes: data,
            data_at: now,
            burn_per_day: burn,
            plan: Some(plan.to_string()),
            expires_at: days(expires_in),
        }
    }

    /// Data left at `now`: nothing once the plan has expired, else the stored
    /// amount minus what was used since.
    fn data_at(&self, now: Timestamp) -> u64 {
        if now >= self.expires_at {
            return 0;
        }
        let elapsed = now.duration_since(self.data_at).as_secs().max(0) as u64;
        let used = (self.burn_per_day as u128 * elapsed as u128 / 86_400) as u64;
        self.data_bytes.saturating_sub(used)
    }
}

/// A `lines` row as stored: `SimLine`'s fields, unchecked.
type LineRow = (String, i64, i64, i64, String, i64, Option<String>, String);

pub struct Sandbox {
    conn: Connection,
    fault: Option<Fault>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS lines (
    msisdn TEXT PRIMARY KEY NOT NULL, operator TEXT NOT NULL, saldo INTEGER NOT NULL, bonus INTEGER NOT NULL,
    data_bytes INTEGER NOT NULL, data_at TEXT NOT NULL, burn_per_day INTEGER NOT NULL, plan TEXT, expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS payments (
    key TEXT PRIMARY KEY NOT NULL, msisdn TEXT NOT NULL, plan_id TEXT NOT NULL, amount INTEGER NOT NULL,
    status TEXT NOT NULL, reference TEXT NOT NULL, at TEXT NOT NULL
);";

impl Sandbox {
    pub fn open(state_dir: &Path, fault: Option<Fault>) -> anyhow::Result<Sandbox> {
        let path = state_dir.join("sandbox.sqlite3");
        let conn = crate::sqlite::open(&path)
            .and_then(|conn| conn.execute_batch(SCHEMA).map(|()| conn))
            .map_err(|error| SandboxError::State { path, error })?;
        Ok(Sandbox { conn, fault })
    }

    fn load(&self, msisdn: &Msisdn, operator: Operator, now: Timestamp) -> anyhow::Result<SimLine> {
        let row: Option<LineRow> = self
            .conn
            .query_row(
                "SELECT operator, saldo, bonus, data_bytes, data_at, burn_per_day, plan, expires_at FROM lines WHERE msisdn = ?1",
                [msisdn.e164()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
            )
            .optional()?;
        let Some((op, saldo, bonus, data, data_at, burn, plan, expires)) = row else {
            let line = SimLine::initial(msisdn, operator, now);
            self.store(msisdn, &line)?;
            return Ok(line);
        };
        let bad = || SandboxError::Damaged(msisdn.clone());
        Ok(SimLine {
            operator: op.parse().map_err(|_| bad())?,
            saldo,
            bonus,
            data_bytes: u64::try_from(data).map_err(|_| bad())?,
            data_at: data_at.parse().map_err(|_| bad())?,
            burn_per_day: u64::try_from(burn).map_err(|_| bad())?,
            plan,
            expires_at: expires.parse().map_err(|_| bad())?,
        })
    }

    fn store(&self, msisdn: &Msisdn, line: &SimLine) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO lines (msisdn, operator, saldo, bonus, data_bytes, data_at, burn_per_day, plan, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (msisdn) DO UPDATE SET operator = ?2, saldo = ?3, bonus = ?4, data_bytes = ?5, data_at = ?6,
                 burn_per_day = ?7, plan = ?8, expires_at = ?9",
            params![
                msisdn.e164(),
                line.operator.as_str(),
                line.saldo,
                line.bonus,
                i64::try_from(line.data_bytes).unwrap_or(i64::MAX),
                line.data_at.to_string(),
                i64::try_from(line.burn_per_day).unwrap_or(i64::MAX),
                line.plan,
                line.expires_at.to_string(),
            ],
        )?;
        Ok(())
    }

    pub fn status(&self, msisdn: &Msisdn, operator: Operator, now: Timestamp) -> anyhow::Result<LineStatus> {
        let line = self.load(msisdn, operator, now)?;
        Ok(LineStatus {
            saldo: Some(Clp(line.saldo)),
            bonus_saldo: (line.bonus > 0).then_some(Clp(line.bonus)),
            data_left: Some(DataLeft::Amount(DataAmount(line.data_at(now)))),
            plan: line.plan.clone(),
            expires_at: Some(line.expires_at),
            month_usage: None,
            source: StatusSource::Sandbox,
            as_of: now,
        })
    }

    /// Pays `plan` for the line under `key`. A key already seen answers with
    /// its first outcome and changes nothing (idempotent, like a gateway).
    pub async fn pay(
        &self,
        key: OrderId,
        msisdn: &Msisdn,
        operator: Operator,
        plan: &Plan,
        now: Timestamp,
    ) -> PaymentOutcome {
        // The simulated network's own storage failing mid-call may or may
        // not have recorded the payment.
        self.pay_inner(key, msisdn, operator, plan, now)
            .await
            .unwrap_or_else(|e| PaymentOutcome::Unknown {
                reason: format!("the sandbox failed while paying: {e:#}"),
            })
    }

    async fn pay_inner(
        &self,
        key: OrderId,
        msisdn: &Msisdn,
        operator: Operator,
        plan: &Plan,
        now: Timestamp,
    ) -> anyhow::Result<PaymentOutcome> {
        if let Some(earlier) = self.lookup(key)? {
            return Ok(match earlier {
                Lookup::Confirmed { gateway_ref } => PaymentOutcome::Confirmed { gateway_ref },
                _ => PaymentOutcome::Failed {
                    error: SandboxError::AlreadyRefused.into(),
                    gateway_ref: None,
                },
            });
        }
        // The key's last 12 hex digits are random (UUID v7); its first ones are a
        // timestamp shared by orders made close together.
        let simple = key.0.simple().to_string();
        let reference = format!("SBX-{}", &simple[simple.len().saturating_sub(12)..]);
        let unanswered = || PaymentOutcome::Unknown {
            reason: "the sandbox gateway stopped answering after the request was sent".into(),
        };
        match self.fault {
            Some(Fault::Timeout) => {
                return Ok(PaymentOutcome::not_sent(SandboxError::Unreachable.into()));
            }
            Some(Fault::Decline) => {
                self.record(key, msisdn, plan, "failed", &reference, now)?;
                return Ok(PaymentOutcome::Failed {
                    error: SandboxError::Declined.into(),
                    gateway_ref: Some(reference),
                });
            }
            Some(Fault::UnknownUnpaid) => return Ok(unanswered()),
            _ => {}
        }
        let tx = self.conn.unchecked_transaction()?;
        let mut line = self.load(msisdn, operator, now)?;
        let left = line.data_at(now);
        line.data_bytes = left.saturating_add(plan.data.map_or(0, |d| d.bytes()));
        line.data_at = now;
        if let Some(days) = plan.validity_days {
            let until = plus(now, SignedDuration::from_hours(24 * i64::from(days)));
            if now >= line.expires_at || until > line.expires_at {
                line.expires_at = until;
            }
        }
        line.plan = Some(plan.name.clone());
        self.store(msisdn, &line)?;
        self.record(key, msisdn, plan, "confirmed", &reference, now)?;
        tx.commit()?;
        match self.fault {
            Some(Fault::Unknown) => return Ok(unanswered()),
            Some(Fault::Slow) => tokio::time::sleep(SLOW_PAYMENT).await,
            _ => {}
        }
        Ok(PaymentOutcome::Confirmed {
            gateway_ref: Some(reference),
        })
    }

    fn record(
        &self,
        key: OrderId,
        msisdn: &Msisdn,
        plan: &Plan,
        status: &str,
        reference: &str,
        now: Timestamp,
    ) -> anyhow::Result<()> {
        self.conn.execute(
            "INSERT INTO payments (key, msisdn, plan_id, amount, status, reference, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![key.to_string(), msisdn.e164(), plan.id.as_str(), plan.price.pesos(), status, reference, now.to_string()],
        )?;
        Ok(())
    }

    /// What the simulated gateway knows about a key; `None` if it never saw it.
    pub fn lookup(&self, key: OrderId) -> anyhow::Result<Option<Lookup>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT status, reference FROM payments WHERE key = ?1",
                [key.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.map(|(status, reference)| match status.as_str() {
            "confirmed" => Lookup::Confirmed {
                gateway_ref: Some(reference),
            },
            _ => Lookup::Failed {
                reason: "declined by the sandbox".into(),
                gateway_ref: Some(reference),
            },
        }))
    }

    /// Number of payments applied, for tests.
    pub fn payments_for(&self, msisdn: &Msisdn) -> anyhow::Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM payments WHERE msisdn = ?1 AND status = 'confirmed'",
            [msisdn.e164()],
            |r| r.get(0),
        )?;
        Ok(n.try_into().unwrap_or(0))
    }
}

/// The sandbox behind the channel traits.
pub struct SandboxChannel<'a> {
    /// Opens the simulated network's state when first needed: listing its
    /// plans needs none, so a mistyped plan id creates nothing.
    pub state: Box<dyn Fn() -> anyhow::Result<&'a Sandbox> + 'a>,
    pub config: &'a Config,
    pub clock: Clock,
}

#[async_trait(?Send)]
impl BalanceChannel for SandboxChannel<'_> {
    async fn read(&self, line: &Line) -> anyhow::Result<Reading> {
        let operator = configured_operator(line)?;
        Ok(Reading {
            status: (self.state)()?.status(&line.msisdn, operator, self.clock.now())?,
            operator,
        })
    }
}

#[async_trait(?Send)]
impl PaymentChannel for SandboxChannel<'_> {
    /// The fictional catalogue, and the user's own plans too, so a config
    /// can be tried on the sandbox before it spends money.
    async fn offers(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        let plans = catalog(operator).into_iter().chain(self.config.plans(operator));
        Ok(plans
            .map(|plan| Offer {
                plan,
                terms: OfferTerms::Sandbox,
            })
            .collect())
    }

    /// The simulated network's demo promotions for the operator.
    async fn promotions(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Promotion>> {
        Ok(promotions(operator, self.clock.now()))
    }

    /// The state is opened before the order is written: a state directory
    /// that cannot hold it fails here, with no order.
    async fn prepare(&self, _line: &Line, _offer: &Offer) -> anyhow::Result<Prepared> {
        (self.state)()?;
        Ok(Prepared::default())
    }

    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        _prepared: &Prepared,
        order: &Order,
        _wait: SignedDuration,
    ) -> PaymentOutcome {
        match (self.state)() {
            Ok(sandbox) => {
                sandbox
                    .pay(order.id, &line.msisdn, order.operator, &offer.plan, self.clock.now())
                    .await
            }
            Err(e) => PaymentOutcome::not_sent(e),
        }
    }

    async fn lookup(
        &self,
        order: &Order,
        _line: Option<&Line>,
        _baseline: Option<&Baseline>,
    ) -> anyhow::Result<Lookup> {
        Ok((self.state)()?.lookup(order.id)?.unwrap_or(Lookup::NotFound {
            // The simulated gateway records a payment before it answers.
            proof_after: SignedDuration::ZERO,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn faults_parse() {
        assert_eq!(Fault::parse("decline").unwrap(), Some(Fault::Decline));
        assert_eq!(Fault::parse("").unwrap(), None);
        assert!(Fault::parse("explode").is_err());
    }

    #[test]
    fn catalogs_are_fictional_and_valid() {
        for op in Operator::ALL {
            let plans = catalog(op);
            assert!(plans.len() >= 3);
            assert!(plans.iter().any(|p| p.promo.is_some()));
            for p in plans {
                assert!(p.name.contains("ficticia"), "{}", p.name);
                assert!(p.price.validate_price().is_ok());
            }
        }
    }

    #[tokio::test]
    async fn data_runs_down_and_buying_adds_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let sb = Sandbox::open(dir.path(), None).unwrap();
        let m: Msisdn = "+56990000001".parse().unwrap();
        let t0 = at("2026-11-25T12:00:00Z");
        let s0 = sb.status(&m, Operator::Entel, t0).unwrap();
        assert_eq!(s0.data_bytes(), Some(1_200 * MB));
        let s1 = sb.status(&m, Operator::Entel, at("2026-11-27T12:00:00Z")).unwrap();
        assert_eq!(s1.data_bytes(), Some(900 * MB));
        // After expiry there is no data.
        let s2 = sb.status(&m, Operator::Entel, at("2026-12-05T12:00:00Z")).unwrap();
        assert_eq!(s2.data_bytes(), Some(0));
        let plan = &catalog(Operator::Entel)[1];
        let key = OrderId::new();
        let t = at("2026-11-27T12:00:00Z");
        assert!(matches!(
            sb.pay(key, &m, Operator::Entel, plan, t).await,
            PaymentOutcome::Confirmed { .. }
        ));
        let s3 = sb.status(&m, Operator::Entel, t).unwrap();
        assert_eq!(s3.data_bytes(), Some(3_900 * MB));
        assert_eq!(s3.expires_at, Some(at("2026-12-12T12:00:00Z")));
        // Same key again: same answer, no second payment.
        assert!(matches!(
            sb.pay(key, &m, Operator::Entel, plan, t).await,
            PaymentOutcome::Confirmed { .. }
        ));
        assert_eq!(sb.payments_for(&m).unwrap(), 1);
        assert_eq!(
            sb.status(&m, Operator::Entel, t).unwrap().data_bytes(),
            Some(3_900 * MB)
        );
    }

    #[tokio::test]
    async fn unknown_fault_pays_but_hides_the_answer() {
        let dir = tempfile::tempdir().unwrap();
        let m: Msisdn = "+56990000002".parse().unwrap();
        let plan = &catalog(Operator::Movistar)[0];
        let t = at("2026-11-25T12:00:00Z");
        let key = OrderId::new();
        let sb = Sandbox::open(dir.path(), Some(Fault::Unknown)).unwrap();
        assert!(matches!(
            sb.pay(key, &m, Operator::Movistar, plan, t).await,
            PaymentOutcome::Unknown { .. }
        ));
        assert!(matches!(sb.lookup(key).unwrap(), Some(Lookup::Confirmed { .. })));
        let unpaid = OrderId::new();
        let sb = Sandbox::open(dir.path(), Some(Fault::UnknownUnpaid)).unwrap();
        assert!(matches!(
            sb.pay(unpaid, &m, Operator::Movistar, plan, t).await,
            PaymentOutcome::Unknown { .. }
        ));
        assert!(sb.lookup(unpaid).unwrap().is_none());
        let sb = Sandbox::open(dir.path(), Some(Fault::Decline)).unwrap();
        let declined = OrderId::new();
        assert!(matches!(
            sb.pay(declined, &m, Operator::Movistar, plan, t).await,
            PaymentOutcome::Failed { .. }
        ));
        assert_eq!(sb.payments_for(&m).unwrap(), 1);
    }
}
