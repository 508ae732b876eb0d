//! Huawei HiLink routers and sticks (E3372h, B310/B315/B525/B535 and their
//! rebrands): a SIM behind a web API, which ModemManager cannot see.
//!
//! The router is a [`Modem`](crate::channel::modem::Modem) (`device.rs`), so
//! a line is read and bought for exactly as a modem line is: the operator
//! from the network, checked against the config; the balance over USSD (or
//! SMS) with the operator's codes, read by the same reply parser; saldo
//! purchases through the same flow and money-safety rules
//! (`modem::purchase`). What only HiLink has: the session handshake and
//! login (`api.rs`), and the router's month data counters, shown as data
//! used this month when the operator gives no data figure.
//!
//! Facts come from `huawei-lte-api` as the reference notes (§A3) cite it.

mod api;
mod device;
mod error;

use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

use async_trait::async_trait;
use jiff::SignedDuration;
use serde::Deserialize;

use crate::channel::modem::purchase::{self, SaldoLine};
use crate::channel::modem::{ModemError, ModemTurn, ModemTurns, UssdPurpose, read_sim, run_ussd, sim_operator};
use crate::channel::{BalanceChannel, Lookup, Offer, PaymentChannel, PaymentOutcome, Prepared, Reading};
use crate::config::{Config, HilinkRouter, Line};
use crate::domain::timefmt::{Clock, std_duration};
use crate::domain::{Baseline, DataAmount, MonthUsage, Operator, Order, StatusSource};
use crate::secrets::{self, SecretSource};
use crate::ussd::UssdSteps;
use api::{Credentials, Session};
use device::{Router, USSD_REPLY_WAIT};
pub use error::HilinkError;

/// A line whose SIM is in a HiLink router.
pub struct HilinkChannel<'a> {
    pub turns: &'a ModemTurns,
    pub state_dir: &'a Path,
    /// The routers, and the user's codes, reply patterns and plans.
    pub config: &'a Config,
    pub clock: Clock,
    /// `TOPUP_HILINK_PASSWORD`.
    pub password_env: Option<&'a OsStr>,
}

/// A session with a line's router, held with the modem turn.
struct Open<'a> {
    session: Session,
    router: &'a HilinkRouter,
    _turn: ModemTurn,
}

impl HilinkChannel<'_> {
    /// Takes the turn, then opens a session with `line`'s router (logged in
    /// when it has a password).
    async fn open(&self, line: &Line) -> anyhow::Result<Open<'_>> {
        let router = self.config.router(line);
        let turn = self.turns.take(self.state_dir).await?;
        let env = crate::app::non_empty(self.password_env);
        let login = if router.logs_in() || env.is_some() {
            let password = secrets::resolve(&SecretSource {
                what: "the HiLink router password",
                env_var: "TOPUP_HILINK_PASSWORD",
                env_value: env,
                file: router.password_file.as_deref(),
                command: router.password_command.as_deref(),
            })?;
            Some(Credentials {
                username: router.username.clone(),
                password,
            })
        } else {
            None
        };
        let session = Session::open(&router.url, std_duration(router.timeout), login).await?;
        Ok(Open {
            session,
            router,
            _turn: turn,
        })
    }

    /// How long one USSD step may take: the reply's wait and a few requests.
    fn step_timeout(router: &HilinkRouter) -> Duration {
        USSD_REPLY_WAIT + std_duration(router.timeout) * 4
    }

    fn router<'s>(&self, open: &'s Open<'_>) -> Router<'s> {
        Router {
            session: &open.session,
            code_type: &open.router.ussd_code_type,
            clock: self.clock,
        }
    }
}

#[async_trait(?Send)]
impl BalanceChannel for HilinkChannel<'_> {
    async fn operator(&self, line: &Line) -> anyhow::Result<Operator> {
        if let Some(op) = line.operator {
            return Ok(op);
        }
        let open = self.open(line).await?;
        let found = sim_operator(line, &self.router(&open)).await;
        open.session.close().await;
        found
    }

    /// The balance over the router, and its month counters when the
    /// operator's reply gives no data figure.
    async fn read(&self, line: &Line) -> anyhow::Result<Reading> {
        let open = self.open(line).await?;
        let router = self.router(&open);
        let step = Self::step_timeout(open.router);
        let mut read = read_sim(&router, line, self.config, self.clock, StatusSource::Hilink, step).await;
        if let Ok(reading) = &mut read
            && reading.status.data_left.is_none()
        {
            match month_usage(&open.session).await {
                Ok(usage) => reading.status.month_usage = usage,
                Err(e) => crate::diag::note(format!("the router's month data counters: {e}")),
            }
        }
        open.session.close().await;
        read
    }
}

#[async_trait(?Send)]
impl SaldoLine for HilinkChannel<'_> {
    fn config(&self) -> &Config {
        self.config
    }

    async fn walk_purchase(&self, line: &Line, steps: &UssdSteps) -> anyhow::Result<anyhow::Result<String>> {
        let open = self.open(line).await?;
        let walked = run_ussd(
            &self.router(&open),
            steps,
            UssdPurpose::Purchase,
            Self::step_timeout(open.router),
        )
        .await;
        open.session.close().await;
        Ok(walked)
    }

    fn may_have_reached_network(&self, err: &anyhow::Error) -> bool {
        for cause in err.chain() {
            if let Some(e) = cause.downcast_ref::<HilinkError>() {
                return e.may_have_reached_network();
            }
            if let Some(e) = cause.downcast_ref::<ModemError>() {
                return e.may_have_reached_network();
            }
        }
        true
    }
}

#[async_trait(?Send)]
impl PaymentChannel for HilinkChannel<'_> {
    async fn offers(&self, _line: &Line, operator: Operator) -> anyhow::Result<Vec<Offer>> {
        Ok(purchase::offers(self.config, operator))
    }

    async fn prepare(&self, line: &Line, offer: &Offer) -> anyhow::Result<Prepared> {
        purchase::prepare(self, line, offer).await
    }

    async fn pay(
        &self,
        line: &Line,
        offer: &Offer,
        prepared: &Prepared,
        _order: &Order,
        wait: SignedDuration,
    ) -> PaymentOutcome {
        purchase::pay(self, line, offer, prepared, wait).await
    }

    async fn lookup(&self, order: &Order, line: Option<&Line>, baseline: Option<&Baseline>) -> anyhow::Result<Lookup> {
        purchase::lookup(self, order, line, baseline).await
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct MonthStatistics {
    current_month_download: Option<String>,
    current_month_upload: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StartDate {
    data_limit: Option<String>,
}

/// What the router counted this month (`api/monitoring/month_statistics`,
/// bytes), with the limit set in it (`api/monitoring/start_date`'s
/// `DataLimit`, like `1GB`), when one is.
async fn month_usage(session: &Session) -> Result<Option<MonthUsage>, HilinkError> {
    let stats = session.get::<MonthStatistics>("monitoring/month_statistics").await?;
    let bytes = |v: &Option<String>| v.as_deref().and_then(|b| b.trim().parse::<u64>().ok());
    let (down, up) = (bytes(&stats.current_month_download), bytes(&stats.current_month_upload));
    if down.is_none() && up.is_none() {
        return Ok(None);
    }
    let used = DataAmount(down.unwrap_or(0).saturating_add(up.unwrap_or(0)));
    let limit = match session.get::<StartDate>("monitoring/start_date").await {
        Ok(s) => s
            .data_limit
            .and_then(|l| l.trim().parse::<DataAmount>().ok())
            .filter(|l| l.bytes() > 0),
        Err(_) => None,
    };
    Ok(Some(MonthUsage { used, limit }))
}
