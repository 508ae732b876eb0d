//! The modem channel: a SIM in a modem on this machine, reached through
//! ModemManager. `Modem` is the boundary (mmcli today, D-Bus later); the
//! USSD session walk and the SMS query are written once, over any `Modem`.
//!
//! No operator knowledge lives here: codes, menu answers and SMS keywords
//! come from config, and the caller maps SIM operator codes to operators
//! (`crate::carrier::operators_for_network_code`).

mod channel;
mod error;
mod mmcli;
pub mod purchase;

use std::collections::HashSet;
use std::fmt;
use std::future::Future;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::diag;
use crate::ussd::decode::decode_reply;
use crate::ussd::menu::find_option;

pub use crate::domain::ModemSelector;
pub use crate::ussd::UssdSteps;
use channel::STEP_TIMEOUT;
pub use channel::{ModemChannel, ModemTurn, ModemTurns, read_sim, sim_operator};
pub use error::ModemError;
pub use mmcli::{MmcliModem, polkit_rule};
pub use purchase::SaldoLine;

/// Who issued the SIM and which network the modem is on. Codes are MCC-MNC
/// as ModemManager prints them (`73001`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SimIdentity {
    pub sim_operator_code: Option<String>,
    /// None when the modem is not registered on a network.
    pub network_operator_code: Option<String>,
}

/// ModemManager's USSD session state, parsed from mmcli's name for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "kebab-case")]
pub enum UssdState {
    Idle,
    /// Waiting for the network.
    Active,
    /// The network waits for a menu answer.
    UserResponse,
    Unknown,
}

impl UssdState {
    /// A session that must be cancelled before a new one can start.
    pub fn is_open(self) -> bool {
        matches!(self, UssdState::Active | UssdState::UserResponse)
    }
}

/// The USSD session state and the last texts the network sent outside a
/// request (a reply that came late lands here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UssdStatus {
    pub state: UssdState,
    pub network_request: Option<String>,
    pub network_notification: Option<String>,
}

/// An SMS stored in the modem: its ModemManager object path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SmsRef(String);

impl SmsRef {
    pub fn new(path: impl Into<String>) -> Self {
        SmsRef(path.into())
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SmsRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "lowercase")]
pub enum SmsState {
    Unknown,
    Stored,
    Receiving,
    Received,
    Sending,
    Sent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sms {
    pub sms_ref: SmsRef,
    /// The sender of a received message, the recipient of a sent one.
    pub number: Option<String>,
    pub text: String,
    pub state: SmsState,
}

/// A modem that can do USSD and SMS. Replies are returned as the modem
/// gives them; `run_ussd` decodes them.
pub trait Modem {
    fn identity(&self) -> impl Future<Output = Result<SimIdentity>> + Send;
    fn ussd_status(&self) -> impl Future<Output = Result<UssdStatus>> + Send;
    /// Starts a session with a code (`*103#`); the network's first reply.
    fn ussd_initiate(&self, code: &str) -> impl Future<Output = Result<String>> + Send;
    /// Answers the menu of an open session; the network's next reply.
    fn ussd_respond(&self, answer: &str) -> impl Future<Output = Result<String>> + Send;
    fn ussd_cancel(&self) -> impl Future<Output = Result<()>> + Send;
    /// Sends an SMS; where the modem keeps the sent message, if it says
    /// (then `sms_query` deletes it).
    fn sms_send(&self, to: &str, text: &str) -> impl Future<Output = Result<Option<SmsRef>>> + Send;
    fn sms_list(&self) -> impl Future<Output = Result<Vec<Sms>>> + Send;
    fn sms_delete(&self, sms: &SmsRef) -> impl Future<Output = Result<()>> + Send;
}

/// Where a USSD walk was when it failed, attached as context to its error,
/// so a purchase can tell whether anything it sent may have bought the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UssdStep {
    /// 1-based; step 1 is the code.
    pub step: usize,
    pub total: usize,
    /// What this step sends (the option number, once looked up).
    pub sent: String,
    /// Whether this step's request went to the modem; false when its menu
    /// answer could not be found in the previous reply.
    pub handed_to_modem: bool,
}

impl UssdStep {
    /// Whether a purchase walk that failed here may have bought the plan.
    /// A one-step walk is a one-shot purchase code; in a longer walk the code
    /// only opens a menu, and any menu answer that reached the network may
    /// have completed the purchase (menus change: a confirmation step may be
    /// gone). Only known refusals before sending (polkit, no USSD) prove a
    /// sent code bought nothing; a failure topup does not recognise (`cause`
    /// `None`, or an mmcli error it does not know) may have come after.
    pub fn may_have_bought(&self, cause: Option<&ModemError>) -> bool {
        self.may_have_bought_if(cause.is_none_or(ModemError::may_have_reached_network))
    }

    /// `may_have_bought`, told whether the failure may have come after the
    /// request reached the network (each device knows its own refusals).
    pub fn may_have_bought_if(&self, reached_network: bool) -> bool {
        let requests_out = if self.handed_to_modem { self.step } else { self.step - 1 };
        if self.total == 1 {
            requests_out == 1 && reached_network
        } else {
            requests_out >= 2
        }
    }
}

impl fmt::Display for UssdStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.handed_to_modem {
            write!(f, "USSD step {} of {} (sending {:?})", self.step, self.total, self.sent)
        } else {
            write!(f, "USSD step {} of {}", self.step, self.total)
        }
    }
}

/// A menu answer sent as it is rather than looked up: `2`, `0`, `*`, `#`.
fn is_literal_answer(answer: &str) -> bool {
    answer.bytes().all(|b| b.is_ascii_digit() || b == b'*' || b == b'#')
}

/// What a USSD walk is for, which decides whether its code may be sent twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UssdPurpose {
    /// Reading the balance: sending the code again costs nothing.
    Reading,
    /// Buying: nothing is ever sent twice.
    Purchase,
}

/// The message of ModemManager's `Aborted: USSD terminated by network`
/// (`modem-network-ended` in English, as the tests expect it).
#[cfg(test)]
pub(crate) const NETWORK_ENDED: &str = "the network ended the USSD session";

/// Runs a USSD session, cancelling one left open before and this one if it
/// is still open at the end; returns the last reply, decoded.
///
/// ModemManager sends only its first cancel to the modem (it caches the
/// reply to `AT+CUSD=2` for as long as the port lives); later cancels only
/// reset its own state. A menu still open in the modem then takes the code
/// as an answer it does not offer, and the network ends the session. So a
/// reading whose cancel is followed by that error dials the code once more:
/// by then the network has closed the stale menu.
pub async fn run_ussd<M: Modem>(
    modem: &M,
    steps: &UssdSteps,
    purpose: UssdPurpose,
    step_timeout: Duration,
) -> Result<String> {
    let steps = steps.as_slice();
    let before = bounded(step_timeout, "reading the USSD session state", modem.ussd_status()).await?;
    if before.state.is_open() {
        diag::note("a USSD session was left open; cancelling it first");
        bounded(
            step_timeout,
            "cancelling the USSD session left open",
            modem.ussd_cancel(),
        )
        .await?;
    }
    let redial = before.state.is_open() && purpose == UssdPurpose::Reading;
    let walked = walk_menu(modem, steps, step_timeout, &before, redial).await;
    if let Err(err) = close_session(modem, step_timeout).await {
        let message = format!("could not close the USSD session: {err:#}");
        if walked.is_ok() {
            diag::warn(message)
        } else {
            diag::note(message)
        }
    }
    walked
}

/// `redial`: dial the code once more if the network ends the session at
/// once (after a cancel that did not reach the modem). Only readings do. A
/// one-shot purchase code the network ended may still have bought the plan,
/// so it stays unknown rather than being dialled again. The code of a
/// purchase menu should find no stale menu: the balance read that precedes
/// every purchase walk (`flow::prepare_saldo_purchase`) has just cleared one
/// by this same redial; if it is ended at once all the same, the walk fails
/// with nothing bought (the code only opens the menu).
async fn walk_menu<M: Modem>(
    modem: &M,
    steps: &[String],
    step_timeout: Duration,
    before: &UssdStatus,
    redial: bool,
) -> Result<String> {
    let total = steps.len();
    let mut reply = String::new();
    for (index, step) in steps.iter().enumerate() {
        let step = step.trim();
        let at = |sent: &str, handed_to_modem| UssdStep {
            step: index + 1,
            total,
            sent: sent.to_string(),
            handed_to_modem,
        };
        let sent = if index == 0 || is_literal_answer(step) {
            step.to_string()
        } else {
            find_option(&reply, step)
                .map_err(ModemError::Menu)
                .context(at(step, false))?
        };
        let raw = if index == 0 {
            let first = bounded(step_timeout, "waiting for the USSD reply", modem.ussd_initiate(&sent)).await;
            match first {
                Err(err) if redial && ended_by_network(&err) => {
                    diag::note(
                        "the network ended the session at once: the cancel did not reach the modem, \
                         whose old menu took the code; dialling it again",
                    );
                    bounded(step_timeout, "waiting for the USSD reply", modem.ussd_initiate(&sent)).await
                }
                other => other,
            }
        } else {
            bounded(step_timeout, "waiting for the USSD reply", modem.ussd_respond(&sent)).await
        };
        let raw = match raw {
            Ok(text) if text.trim().is_empty() => late_reply(modem, step_timeout, before).await,
            other => other,
        };
        reply = decode_reply(&raw.context(at(&sent, true))?);
    }
    Ok(reply)
}

fn ended_by_network(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| matches!(e.downcast_ref::<ModemError>(), Some(ModemError::NetworkEnded)))
}

/// Some networks first answer with an empty reply and send the text a few
/// seconds later; ModemManager then shows it as a network request or
/// notification. Texts that were there before the session are old.
async fn late_reply<M: Modem>(modem: &M, wait: Duration, before: &UssdStatus) -> Result<String> {
    const POLL: Duration = Duration::from_millis(500);
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        tokio::time::sleep(POLL.min(deadline.saturating_duration_since(tokio::time::Instant::now()))).await;
        let now = bounded(wait, "waiting for the USSD reply", modem.ussd_status()).await?;
        let fresh = |text: &Option<String>, old: &Option<String>| {
            text.as_ref().filter(|t| !t.trim().is_empty() && *text != *old).cloned()
        };
        if let Some(text) = fresh(&now.network_request, &before.network_request)
            .or_else(|| fresh(&now.network_notification, &before.network_notification))
        {
            return Ok(text);
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(ModemError::EmptyReply.into());
        }
    }
}

async fn close_session<M: Modem>(modem: &M, step_timeout: Duration) -> Result<()> {
    let status = bounded(step_timeout, "reading the USSD session state", modem.ussd_status()).await?;
    if status.state.is_open() {
        bounded(step_timeout, "cancelling the USSD session", modem.ussd_cancel()).await?;
    }
    Ok(())
}

/// A modem call with a time limit; dropping the call ends its process.
async fn bounded<T>(limit: Duration, doing: &'static str, call: impl Future<Output = Result<T>>) -> Result<T> {
    match tokio::time::timeout(limit, call).await {
        Ok(result) => result,
        Err(_) => Err(ModemError::TimedOut { limit, doing }.into()),
    }
}

/// Sends `text` to `to` and returns the text of the reply, deleting both.
/// The reply is an SMS not in the modem before sending, rather than one
/// stamped after sending: a Raspberry Pi without a clock battery may have the
/// wrong time.
pub async fn sms_query<M: Modem>(modem: &M, to: &str, text: &str, wait: Duration) -> Result<String> {
    let before: HashSet<SmsRef> = modem
        .sms_list()
        .await
        .with_context(|| crate::t!("context-listing-sms-before"))?
        .into_iter()
        .map(|sms| sms.sms_ref)
        .collect();
    let sent = modem
        .sms_send(to, text)
        .await
        .with_context(|| crate::t!("context-sending-sms", text = format!("{text:?}"), to = to.to_string()))?;
    let reply = wait_for_reply(modem, to, &before, wait).await;
    if let Some(sent) = &sent {
        delete_quietly(modem, sent).await;
    }
    let reply = reply?;
    delete_quietly(modem, &reply.sms_ref).await;
    Ok(reply.text)
}

async fn wait_for_reply<M: Modem>(modem: &M, from: &str, before: &HashSet<SmsRef>, wait: Duration) -> Result<Sms> {
    const POLL: Duration = Duration::from_secs(1);
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let found = modem
            .sms_list()
            .await
            .with_context(|| crate::t!("context-listing-sms-waiting"))?
            .into_iter()
            .find(|sms| {
                sms.state == SmsState::Received
                    && !before.contains(&sms.sms_ref)
                    && sms.number.as_deref().is_some_and(|number| same_number(number, from))
            });
        if let Some(reply) = found {
            return Ok(reply);
        }
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        if left.is_zero() {
            return Err(ModemError::NoSmsReply {
                from: from.to_string(),
                wait,
            }
            .into());
        }
        tokio::time::sleep(POLL.min(left)).await;
    }
}

async fn delete_quietly<M: Modem>(modem: &M, sms: &SmsRef) {
    if let Err(err) = modem.sms_delete(sms).await {
        diag::warn(format!("could not delete SMS {sms} from the modem: {err:#}"));
    }
}

/// Equal digits, or for full numbers the same last 8 digits (`+56 9 1234
/// 5678` and `912345678`); short codes must match exactly.
fn same_number(a: &str, b: &str) -> bool {
    let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_digit).collect() };
    let (a, b) = (digits(a), digits(b));
    const SIGNIFICANT: usize = 8;
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b
        || (a.len() >= SIGNIFICANT
            && b.len() >= SIGNIFICANT
            && a.get(a.len() - SIGNIFICANT..) == b.get(b.len() - SIGNIFICANT..))
}

#[cfg(test)]
mod fake_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn which_failed_walks_may_have_bought() {
        let no_answer = || Some(ModemError::NoAnswer);
        let refused = || Some(ModemError::NotAuthorized("pi".into()));
        let unsupported = || Some(ModemError::UssdNotSupported(ModemSelector::Any));
        let not_offered = || {
            Some(ModemError::Menu(crate::ussd::menu::MenuError::NoWords {
                wanted: "x".into(),
            }))
        };
        // (step, total, handed to the modem, error, may have bought)
        let table = [
            // A one-shot purchase code: sent is enough.
            (1, 1, true, no_answer(), true),
            (1, 1, true, refused(), false),
            (1, 1, true, unsupported(), false),
            (1, 1, true, None, true),
            (
                1,
                1,
                true,
                Some(ModemError::MmcliFailed("error: GDBus.Error:x".into())),
                true,
            ),
            (1, 1, false, None, false),
            // A menu: the code only opens it.
            (1, 3, true, no_answer(), false),
            (2, 3, false, not_offered(), false),
            // A menu answer reached the network.
            (2, 3, true, no_answer(), true),
            (3, 3, false, not_offered(), true),
            (3, 3, true, no_answer(), true),
            (4, 4, true, unsupported(), true),
        ];
        for (step, total, handed_to_modem, error, expected) in table {
            let at = UssdStep {
                step,
                total,
                sent: "1".into(),
                handed_to_modem,
            };
            assert_eq!(at.may_have_bought(error.as_ref()), expected, "{at:?} {error:?}");
        }
    }

    #[test]
    fn numbers_match_across_formats() {
        let table = [
            ("+56912345678", "912345678", true),
            ("+56 9 1234 5678", "56912345678", true),
            ("103", "103", true),
            ("103", "1103", false),
            ("+56912345678", "+56912345679", false),
            ("Entel", "103", false),
            ("", "", false),
        ];
        for (a, b, expected) in table {
            assert_eq!(same_number(a, b), expected, "{a} vs {b}");
        }
    }
}
