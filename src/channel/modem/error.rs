//! What went wrong with a modem, a USSD session, an SMS or a saldo purchase,
//! with what the message needs. `error.rs` gives each its exit code and hint.

use std::path::PathBuf;
use std::time::Duration;

use super::NETWORK_ENDED;
use crate::domain::{Clp, ModemSelector, Msisdn, Operator, PlanId};
use crate::ussd::menu::MenuError;

#[derive(Debug, thiserror::Error)]
pub enum ModemError {
    #[error("mmcli was not found (`{}`)", .0.display())]
    MmcliMissing(PathBuf),
    #[error("could not run `{}`: {error}", program.display())]
    MmcliUnrunnable { program: PathBuf, error: std::io::Error },
    #[error("mmcli did not answer within {0}s")]
    MmcliStuck(u64),
    /// ModemManager's polkit refused the user.
    #[error("ModemManager refused: user `{0}` is not authorized to use the modem (polkit)")]
    NotAuthorized(String),
    #[error("modem `{0}` is not enabled")]
    NotEnabled(ModemSelector),
    #[error("modem `{0}` cannot do USSD")]
    NoUssd(ModemSelector),
    #[error("modem `{0}` cannot send or read SMS")]
    NoMessaging(ModemSelector),
    #[error("no modem found for `{0}`")]
    NoModem(ModemSelector),
    #[error("ModemManager is not running")]
    NotRunning,
    #[error("cannot reach the system D-Bus, which ModemManager needs")]
    NoBus,
    #[error("{NETWORK_ENDED}")]
    NetworkEnded,
    #[error("the USSD session ended before its menu was answered")]
    SessionEnded,
    #[error("another USSD session is open on the modem")]
    SessionOpen(ModemSelector),
    #[error("the network or the modem refused the USSD request as not supported")]
    UssdNotSupported(ModemSelector),
    #[error("the modem or the network did not answer in time")]
    NoAnswer,
    /// An mmcli failure topup does not know: the first line it printed, or
    /// how it ended without one.
    #[error("{0}")]
    MmcliFailed(String),
    /// A USSD failure while the modem allows LTE only (`modes` as mmcli
    /// prints them), which may be its cause.
    #[error("{failure}; the modem is set to LTE only ({modes}), and many networks answer USSD only over 2G/3G")]
    LteOnly {
        failure: Box<ModemError>,
        modes: String,
        modem: ModemSelector,
    },
    /// `doing`: `waiting for the USSD reply`.
    #[error("timed out after {}s {doing}", limit.as_secs_f32())]
    TimedOut { limit: Duration, doing: &'static str },
    #[error("the network sent an empty USSD reply")]
    EmptyReply,
    /// A menu answer the reply does not offer.
    #[error("{0}")]
    Menu(MenuError),
    #[error("no SMS reply from {from} within {}s", wait.as_secs_f32())]
    NoSmsReply { from: String, wait: Duration },
    #[error(transparent)]
    NotSmsNumber(#[from] crate::domain::modem::NotSmsNumber),
    #[error("the SMS text {0:?} has both ' and \" quotes, which mmcli cannot send; drop one kind")]
    SmsQuotes(String),
    #[error("topup does not know how to ask {} for the balance: its codes are not public",
        crate::carrier::carrier(*operator).display_name)]
    NoBalanceCodes { operator: Operator },
    /// A SIM whose operator code (`shown`) names no operator, or several.
    #[error("line {line}: the SIM's operator code {shown} is not one of the operators topup knows")]
    UnknownSim { line: String, shown: String },
    #[error("line {line}: the SIM's operator code {shown} belongs to more than one operator in topup's sources")]
    AmbiguousSim { line: String, shown: String },
    #[error("plan {0} has no buy_ussd, so it cannot be bought with saldo")]
    NoBuyUssd(PlanId, Operator),
    #[error("the balance reply for {0} did not show the saldo, so topup cannot check the price is covered")]
    SaldoUnread(String),
    #[error("saldo {saldo} is {} short of {price} for {plan}{}", Clp(price.pesos() - saldo.pesos()),
        bonus.map(|b| format!(" (bonus saldo {b} cannot buy plans)")).unwrap_or_default())]
    SaldoShort {
        saldo: Clp,
        price: Clp,
        plan: PlanId,
        bonus: Option<Clp>,
    },
    /// A purchase walk that failed before anything it sent could buy the
    /// plan; the walk's error (with the step) inside.
    #[error("{0:#}; nothing was bought")]
    NothingBought(anyhow::Error),
    #[error("line {0} ({1}) is no longer in the config, so its balance cannot be read")]
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
