//! What went wrong with a modem, a USSD session, an SMS or a saldo purchase,
//! with what the message needs. `error.rs` gives each its exit code and hint.

use std::path::PathBuf;
use std::time::Duration;

use crate::domain::{Clp, ModemSelector, Msisdn, Operator, PlanId};
use crate::ussd::menu::MenuError;

#[derive(Debug, thiserror::Error)]
pub enum ModemError {
    #[error("{}", crate::t!("modem-mmcli-missing", path = .0.display().to_string()))]
    MmcliMissing(PathBuf),
    #[error("{}", crate::t!("modem-mmcli-unrunnable", program = program.display().to_string(), why = error.to_string()))]
    MmcliUnrunnable { program: PathBuf, error: std::io::Error },
    #[error("{}", crate::t!("modem-mmcli-stuck", secs = .0.to_string()))]
    MmcliStuck(u64),
    /// ModemManager's polkit refused the user.
    #[error("{}", crate::t!("modem-not-authorized", user = .0.as_str()))]
    NotAuthorized(String),
    #[error("{}", crate::t!("modem-not-enabled", modem = .0.to_string()))]
    NotEnabled(ModemSelector),
    #[error("{}", crate::t!("modem-no-ussd", modem = .0.to_string()))]
    NoUssd(ModemSelector),
    #[error("{}", crate::t!("modem-no-messaging", modem = .0.to_string()))]
    NoMessaging(ModemSelector),
    #[error("{}", crate::t!("modem-no-modem", modem = .0.to_string()))]
    NoModem(ModemSelector),
    #[error("{}", crate::t!("modem-not-running"))]
    NotRunning,
    #[error("{}", crate::t!("modem-no-bus"))]
    NoBus,
    #[error("{}", crate::t!("modem-network-ended"))]
    NetworkEnded,
    #[error("{}", crate::t!("modem-session-ended"))]
    SessionEnded,
    #[error("{}", crate::t!("modem-session-open"))]
    SessionOpen(ModemSelector),
    #[error("{}", crate::t!("modem-ussd-not-supported"))]
    UssdNotSupported(ModemSelector),
    #[error("{}", crate::t!("modem-no-answer"))]
    NoAnswer,
    /// An mmcli failure topup does not know: the first line it printed, or
    /// how it ended without one.
    #[error("{0}")]
    MmcliFailed(String),
    /// A USSD failure while the modem allows LTE only (`modes` as mmcli
    /// prints them), which may be its cause.
    #[error("{}", crate::t!("modem-lte-only", failure = failure.to_string(), modes = modes.as_str()))]
    LteOnly {
        failure: Box<ModemError>,
        modes: String,
        modem: ModemSelector,
    },
    /// `doing`: `waiting for the USSD reply`.
    #[error("{}", crate::t!("modem-timed-out", secs = limit.as_secs_f32().to_string(), doing = *doing))]
    TimedOut { limit: Duration, doing: &'static str },
    #[error("{}", crate::t!("modem-empty-reply"))]
    EmptyReply,
    /// A menu answer the reply does not offer.
    #[error("{0}")]
    Menu(MenuError),
    #[error("{}", crate::t!("modem-no-sms-reply", from = from.as_str(), secs = wait.as_secs_f32().to_string()))]
    NoSmsReply { from: String, wait: Duration },
    #[error(transparent)]
    NotSmsNumber(#[from] crate::domain::modem::NotSmsNumber),
    #[error("{}", crate::t!("modem-sms-quotes", text = format!("{:?}", .0)))]
    SmsQuotes(String),
    #[error("{}", crate::t!("modem-no-balance-codes", operator = crate::carrier::carrier(*operator).display_name))]
    NoBalanceCodes { operator: Operator },
    /// A SIM whose operator code (`shown`) names no operator, or several.
    #[error("{}", crate::t!("modem-unknown-sim", line = line.as_str(), shown = shown.as_str()))]
    UnknownSim { line: String, shown: String },
    #[error("{}", crate::t!("modem-ambiguous-sim", line = line.as_str(), shown = shown.as_str()))]
    AmbiguousSim { line: String, shown: String },
    #[error("{}", crate::t!("modem-no-buy-ussd", plan = .0.to_string()))]
    NoBuyUssd(PlanId, Operator),
    #[error("{}", crate::t!("modem-saldo-unread", line = .0.as_str()))]
    SaldoUnread(String),
    #[error("{}", crate::t!("modem-saldo-short", saldo = saldo.to_string(), short = Clp(price.pesos() - saldo.pesos()).to_string(),
        price = price.to_string(), plan = plan.to_string(),
        bonus = bonus.map(|b| crate::t!("modem-saldo-short-bonus", bonus = b.to_string())).unwrap_or_default()))]
    SaldoShort {
        saldo: Clp,
        price: Clp,
        plan: PlanId,
        bonus: Option<Clp>,
    },
    /// A purchase walk that failed before anything it sent could buy the
    /// plan; the walk's error (with the step) inside.
    #[error("{}", crate::t!("modem-nothing-bought", why = format!("{:#}", .0)))]
    NothingBought(anyhow::Error),
    #[error("{}", crate::t!("modem-line-gone", line = .0.as_str(), number = .1.to_string()))]
    LineGone(String, Msisdn),
}

impl ModemError {
    /// Whether the request this error ended may have reached the network:
    /// not when the modem, ModemManager or topup refused it first. An mmcli
    /// failure topup does not recognise may have come after sending.
    pub fn may_have_reached_network(&self) -> bool {
        use ModemError::*;
        match self {
            LteOnly { failure, .. } => failure.may_have_reached_network(),
            MmcliMissing(_) | MmcliUnrunnable { .. } | NotAuthorized(_) | NoUssd(_) | NoMessaging(_) => false,
            UssdNotSupported(_) | Menu(_) => false,
            NotSmsNumber(_) | SmsQuotes(_) => false,
            _ => true,
        }
    }
}
