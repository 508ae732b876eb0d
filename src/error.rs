//! The typed error at the edge: what went wrong, what to do, and the exit code.
//!
//! Layers return their own errors (`ReloadlyError`, `ModemError`, …), never an
//! exit code; `classify` gives exit codes and hints here and only here.

use std::fmt;

use ErrorKind::{Credentials, Declined, Failure, Locked, Temporary, Usage};

use crate::channel::hilink::HilinkError;
use crate::channel::modem::ModemError;
use crate::channel::reloadly::{self, ReloadlyError};
use crate::channel::sandbox::SandboxError;
use crate::domain::Operator;
use crate::domain::operator::OperatorError;
use crate::domain::suggest::did_you_mean;
use crate::lock::LockError;
use crate::secrets::SecretError;
use crate::shell::ShellError;

/// Exit codes from DESIGN.md (the discriminants; scripts depend on these
/// numbers), named for `{"error": {"code": …}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum ErrorKind {
    /// Unclassified failure.
    Failure = 1,
    /// Usage, config or input error.
    Usage = 2,
    /// Another topup holds the lock.
    Locked = 3,
    /// Credentials missing or rejected.
    Credentials = 4,
    /// Temporary failure; safe to retry later.
    Temporary = 5,
    /// Payment declined or refused.
    Declined = 6,
    /// Payment outcome unknown; run `topup reconcile`.
    #[strum(serialize = "outcome_unknown")]
    Unknown = 7,
    /// Input needed but no terminal.
    InputNeeded = 8,
    Interrupted = 130,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        self as i32
    }

    /// Stable machine-readable code for `{"error": {"code": …}}`.
    pub fn code(self) -> &'static str {
        self.into()
    }

    /// Which of two outcomes a script should hear about first (auto reports the
    /// most serious line). Unknown money outcomes beat everything.
    pub fn severity(self) -> u8 {
        match self {
            ErrorKind::Unknown => 9,
            ErrorKind::Declined => 8,
            ErrorKind::Credentials => 7,
            ErrorKind::Usage => 6,
            ErrorKind::Failure => 5,
            ErrorKind::Temporary => 4,
            ErrorKind::InputNeeded => 3,
            ErrorKind::Locked => 2,
            ErrorKind::Interrupted => 1,
        }
    }
}

/// An error a user can act on: one line saying what is wrong, and a hint.
#[derive(Debug, Clone)]
pub struct TopupError {
    pub kind: ErrorKind,
    pub message: String,
    pub hint: Option<String>,
}

impl TopupError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        TopupError {
            kind,
            message: message.into(),
            hint: None,
        }
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    /// A payment a spending cap refuses.
    pub fn cap_reached(message: impl Into<String>) -> Self {
        Self::new(Declined, message).hint(crate::t!("hint-cap"))
    }
    pub fn input_needed(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::InputNeeded, message)
    }
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }
    /// The same error with `context: ` before its message.
    pub fn prefixed(mut self, context: &str) -> Self {
        self.message = format!("{context}: {}", self.message);
        self
    }
}

impl fmt::Display for TopupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TopupError {}

/// An operator named on the command line that topup does not know.
impl From<OperatorError> for TopupError {
    fn from(e: OperatorError) -> Self {
        let known = Operator::ALL.map(Operator::as_str);
        let guess = did_you_mean(&e.0, known).map(|g| g + " ").unwrap_or_default();
        let known = known.join(", ");
        TopupError::usage(crate::t!("operator-unknown-arg", name = e.0.as_str())).hint(crate::t!(
            "hint-known-operators",
            guess = guess,
            known = known
        ))
    }
}

/// The first error in the chain that a layer typed gives kind and hint; the
/// message keeps the outer context so the user sees where it happened.
pub fn classify(err: &anyhow::Error) -> TopupError {
    let mut outer: Vec<String> = Vec::new();
    for cause in err.chain() {
        if let Some(mut typed) = from_layer(cause) {
            if !outer.is_empty() {
                typed.message = format!("{}: {}", outer.join(": "), typed.message);
            }
            return typed;
        }
        outer.push(cause.to_string());
    }
    TopupError::new(ErrorKind::Failure, format!("{err:#}"))
}

/// The edge error for one layer's error, if it is one topup types.
fn from_layer(cause: &(dyn std::error::Error + 'static)) -> Option<TopupError> {
    advised(cause, from_reloadly)
        .or_else(|| advised(cause, from_modem))
        .or_else(|| advised(cause, from_hilink))
        .or_else(|| advised(cause, from_sandbox))
        .or_else(|| advised(cause, from_web))
        .or_else(|| advised(cause, from_secret))
        .or_else(|| advised(cause, from_lock))
        .or_else(|| cause.downcast_ref::<TopupError>().cloned())
        .or_else(|| cause.downcast_ref().map(from_ledger))
        .or_else(|| cause.downcast_ref().map(from_config))
        .or_else(|| cause.downcast_ref().map(|sql| from_sqlite(sqlite_words(sql), sql)))
}

fn from_config(e: &crate::config::ConfigError) -> TopupError {
    use crate::config::ConfigError as C;
    let hint = match e {
        C::File { explicit: true, .. } => "hint-config-explicit",
        C::File { explicit: false, .. } => "hint-config-default",
        C::NotUtf8 { .. } => "hint-config-utf8",
        C::Syntax { .. } => "hint-config-syntax",
        C::Value { .. } => "hint-config-value",
        C::Rule { .. } => "hint-config-rule",
    };
    TopupError::usage(e.to_string()).hint(crate::t!(hint))
}

fn from_ledger(e: &crate::ledger::LedgerError) -> TopupError {
    use crate::ledger::LedgerError as L;
    match e {
        L::CapExceeded(_) => TopupError::cap_reached(e.to_string()),
        L::NotALedger { .. } => TopupError::usage(e.to_string()).hint(crate::t!("hint-not-ours")),
        L::Newer { .. } => TopupError::usage(e.to_string()).hint(crate::t!("hint-ledger-newer")),
        L::Open { path, source } => from_sqlite(
            crate::t!(
                "ledger-opening",
                path = path.display().to_string(),
                problem = sqlite_words(source)
            ),
            source,
        ),
        L::Damaged { .. } => TopupError::new(ErrorKind::Failure, e.to_string()).hint(crate::t!("hint-ledger-damaged")),
        L::Missing(_) | L::IllegalMove { .. } | L::BackupCheck(_) | L::WriterStopped => {
            TopupError::new(ErrorKind::Failure, e.to_string())
        }
        L::DuplicateRecord { .. } => TopupError::usage(e.to_string()).hint(crate::t!("hint-record-duplicate")),
        L::Sqlite(source) => from_sqlite(sqlite_words(source), source),
    }
}

/// SQLite's failures: a file that is not a database is the user's to move
/// (exit 2); anything else is the disk or permissions.
fn from_sqlite(message: String, e: &rusqlite::Error) -> TopupError {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        TopupError::usage(message).hint(crate::t!("hint-not-a-ledger"))
    } else {
        TopupError::new(ErrorKind::Failure, message).hint(crate::t!("hint-ledger-io"))
    }
}

/// What SQLite said, without the SQL text it was given.
fn sqlite_words(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}

/// An exit code and a hint, as the layer matches below give them.
type Advice = (ErrorKind, Option<String>);

fn hint(kind: ErrorKind, hint: impl Into<String>) -> Advice {
    (kind, Some(hint.into()))
}

/// `cause` in its own words with the advice for it, if it is an `E`.
fn advised<E: std::error::Error + 'static>(
    cause: &(dyn std::error::Error + 'static),
    advise: fn(&E) -> Advice,
) -> Option<TopupError> {
    let e = cause.downcast_ref::<E>()?;
    let (kind, hint) = advise(e);
    Some(TopupError {
        hint,
        ..TopupError::new(kind, e.to_string())
    })
}

fn network_hint() -> String {
    crate::t!("hint-network")
}
fn later_hint() -> String {
    crate::t!("hint-later")
}

// The layer tables below keep one variant (or group) per row.

fn from_web(e: &crate::channel::web::WebError) -> Advice {
    use crate::channel::web::WebError as W;
    match e {
        W::NoPage(op) => hint(
            Usage,
            crate::t!(
                "hint-web-no-page",
                key = crate::carrier::recharge_url_key(*op),
                operator = op.to_string()
            ),
        ),
    }
}

#[rustfmt::skip]
fn from_reloadly(e: &ReloadlyError) -> Advice {
    use ReloadlyError as R;
    use reloadly::{Refuser, Verdict as V};
    let refused = |refusal: &reloadly::Refusal| match refusal.by {
        Refuser::Account | Refuser::Operator => hint(Declined, refusal.hint_text()),
        Refuser::Credentials => hint(Credentials, refusal.hint_text()),
        Refuser::Request => hint(Usage, refusal.hint_text()),
        Refuser::Passing => hint(Temporary, refusal.hint_text()),
    };
    match e {
        // Not made for the reason inside.
        R::NotMade(why) => from_reloadly(why),
        R::Answered { verdict: V::Refused(refusal), .. } | R::TopupRefused { refusal, .. } => refused(refusal),
        R::Answered { verdict: V::ServerTrouble, .. } => hint(Temporary, crate::t!("hint-reloadly-server-trouble")),
        R::Answered { verdict: V::NoRoute, .. } | R::NoRoute { .. } => hint(Failure, crate::t!("hint-reloadly-base-url")),
        R::Answered { verdict: V::Unexpected, .. } => (Failure, None),
        R::Answered { verdict: V::Credentials, .. } | R::CredentialsRejected(_) | R::TopupCredentialsRefused(_) => hint(Credentials, crate::t!("hint-reloadly-credentials")),
        R::Price(_) | R::NoAccountAmount(_) => (Usage, None),
        R::OperatorUndetected(_) => hint(Usage, crate::t!("hint-reloadly-set-operator")),
        R::OperatorNotListed { .. } => hint(Usage, crate::t!("hint-reloadly-check-operator")),
        R::AuthUnreachable(_) | R::AuthSilent(_) | R::Unreachable { .. } | R::Silent { .. } | R::NotSent(_) => hint(Temporary, network_hint()),
        R::AuthBusy(_) | R::Refunded(_) => hint(Temporary, later_hint()),
        R::RateLimited { .. } => hint(Temporary, crate::t!("hint-reloadly-rate-limited")),
        R::TopupRateLimited { .. } => hint(Temporary, crate::t!("hint-reloadly-topup-rate-limited")),
        R::FailedAtOperator(_) => hint(Temporary, crate::t!("hint-reloadly-failed-at-operator")),
        R::KeyNotListed { .. } => hint(Failure, crate::t!("hint-reloadly-key-not-listed")),
        R::AuthRefused(_) | R::AuthUnreadable { .. } | R::NoToken | R::Unreadable { .. } | R::TopupInvalid(_) => (Failure, None),
    }
}

#[rustfmt::skip]
fn from_modem(e: &ModemError) -> Advice {
    use ModemError as M;
    const LTE_FIX: &str = "--set-allowed-modes='3g|4g' --set-preferred-mode=4g";
    match e {
        // The same failure, with the LTE-only mode as a likely cause.
        M::LteOnly { failure, modem: m, .. } => hint(from_modem(failure).0, crate::t!("hint-modem-lte-only", modem = m.to_string(), fix = LTE_FIX)),
        // The walk's own kind and hint.
        M::NothingBought(walk) => { let walk = classify(walk); (walk.kind, walk.hint) }
        // A setup problem, like a config one: retrying will not help, installing will.
        M::MmcliMissing(_) => hint(Usage, crate::t!("hint-modem-mmcli-missing")),
        M::MmcliUnrunnable { .. } => hint(Failure, crate::t!("hint-modem-mmcli-unrunnable")),
        M::MmcliStuck(_) => hint(Temporary, crate::t!("hint-modem-mmcli-stuck")),
        M::MmcliFailed(_) => (Failure, None),
        M::NotAuthorized(user) => hint(Credentials, crate::t!("hint-modem-not-authorized", rule = crate::channel::modem::polkit_rule(user))),
        M::NotEnabled(m) => hint(Temporary, crate::t!("hint-modem-not-enabled", modem = m.to_string())),
        M::NoUssd(_) => hint(Failure, crate::t!("hint-modem-no-ussd")),
        M::NoMessaging(_) => hint(Failure, crate::t!("hint-modem-no-messaging")),
        M::NoModem(_) => hint(Temporary, crate::t!("hint-modem-no-modem")),
        M::NotRunning => hint(Temporary, crate::t!("hint-modem-not-running")),
        M::NoBus => hint(Temporary, crate::t!("hint-modem-no-bus")),
        M::NetworkEnded => hint(Temporary, crate::t!("hint-modem-network-ended")),
        M::SessionEnded => hint(Temporary, crate::t!("hint-modem-session-ended")),
        M::SessionOpen(m) => hint(Temporary, crate::t!("hint-modem-session-open", modem = m.to_string())),
        M::UssdNotSupported(m) => hint(Failure, crate::t!("hint-modem-ussd-not-supported", modem = m.to_string(), fix = LTE_FIX)),
        M::NoAnswer | M::EmptyReply => hint(Temporary, later_hint()),
        M::TimedOut { .. } => hint(Temporary, crate::t!("hint-modem-timed-out")),
        M::Menu(_) => hint(Usage, crate::t!("hint-modem-menu")),
        M::NoSmsReply { .. } => hint(Temporary, crate::t!("hint-modem-no-sms-reply")),
        M::NotSmsNumber(_) | M::SmsQuotes(_) | M::LineGone(..) => (Usage, None),
        M::NoBalanceCodes { operator: op, .. } => hint(Usage, crate::t!("hint-modem-no-balance-codes", operator = op.to_string())),
        M::UnknownSim { .. } | M::AmbiguousSim { .. } => hint(Usage, crate::t!("hint-modem-set-operator")),
        M::NoBuyUssd(_, op) => hint(Usage, crate::t!("hint-modem-no-buy-ussd", operator = op.to_string())),
        M::SaldoUnread(_) => hint(Temporary, crate::t!("hint-modem-saldo-unread")),
        M::SaldoShort { .. } => hint(Declined, crate::t!("hint-modem-saldo-short")),
    }
}

#[rustfmt::skip]
fn from_hilink(e: &HilinkError) -> Advice {
    use HilinkError as H;
    match e {
        // The same failure, with LTE as its likely cause.
        H::OnLte(failure) => hint(from_hilink(failure).0, crate::t!("hint-hilink-on-lte")),
        H::Unreachable { .. } => hint(Temporary, crate::t!("hint-hilink-unreachable")),
        H::TimedOut { .. } => hint(Temporary, crate::t!("hint-hilink-timed-out")),
        H::Http { .. } => hint(Temporary, network_hint()),
        H::HttpStatus { .. } | H::Unreadable { .. } => hint(Failure, crate::t!("hint-hilink-not-hilink")),
        H::NoUssd { .. } => hint(Failure, crate::t!("hint-hilink-no-ussd")),
        H::NotSupported { .. } | H::Device { .. } | H::NotOk { .. } => (Failure, None),
        H::LoginNeeded { configured: false, .. } => hint(Credentials, crate::t!("hint-hilink-login-needed")),
        H::LoginNeeded { configured: true, .. } => hint(Credentials, crate::t!("hint-hilink-login-lost")),
        H::Busy { .. } => hint(Temporary, later_hint()),
        H::WrongPassword { .. } => hint(Credentials, crate::t!("hint-hilink-wrong-password")),
        H::TooManyTries { .. } => hint(Credentials, crate::t!("hint-hilink-too-many-tries")),
        H::Session { .. } => hint(Temporary, crate::t!("hint-hilink-session")),
        H::UssdRefused { .. } | H::UssdNoReply { .. } | H::UssdEmpty | H::AfterSend(_) => hint(Temporary, later_hint()),
        H::NoNetwork { .. } => hint(Temporary, crate::t!("hint-hilink-no-network")),
    }
}

#[rustfmt::skip]
fn from_sandbox(e: &SandboxError) -> Advice {
    match e {
        SandboxError::UnknownFault(_) => (Usage, None),
        SandboxError::AlreadyRefused => (Declined, None),
        SandboxError::Unreachable => hint(Temporary, crate::t!("hint-sandbox-unreachable")),
        SandboxError::Declined => hint(Declined, crate::t!("hint-sandbox-declined")),
        // Only simulated lines live there: starting over loses nothing real.
        SandboxError::State { path, .. } => hint(Failure, crate::t!("hint-sandbox-state", path = path.display().to_string())),
        SandboxError::Damaged(_) => hint(Failure, crate::t!("hint-sandbox-damaged")),
    }
}

#[rustfmt::skip]
fn from_secret(e: &SecretError) -> Advice {
    use SecretError as S;
    match e {
        S::EnvNotText { .. } | S::FileNotText { .. } | S::CommandNotText { .. } => hint(Credentials, crate::t!("hint-secret-not-text")),
        S::Empty { .. } => hint(Credentials, crate::t!("hint-secret-empty")),
        S::Unreadable { .. } => hint(Credentials, crate::t!("hint-secret-unreadable")),
        S::NotConfigured { var, .. } => hint(Credentials, crate::t!("hint-secret-not-configured", var = var.as_str())),
        S::Command { problem: ShellError::Slow(_) | ShellError::Verbose { .. }, .. } => hint(Credentials, crate::t!("hint-secret-command-output")),
        S::Command { .. } => hint(Credentials, crate::t!("hint-secret-command")),
    }
}

#[rustfmt::skip]
fn from_lock(e: &LockError) -> Advice {
    match e {
        LockError::Held { .. } | LockError::StillHeld { .. } => hint(Locked, crate::t!("hint-lock-held")),
        LockError::ModemBusy { .. } => hint(Temporary, crate::t!("hint-lock-modem-busy")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn classify_keeps_context_and_kind() {
        let err: anyhow::Result<()> = Err(TopupError::usage("bad plan").hint("run topup plans").into());
        let err = err.context("renewing casa").unwrap_err();
        let te = classify(&err);
        assert_eq!(te.kind, ErrorKind::Usage);
        assert_eq!(te.message, "renewing casa: bad plan");
        assert_eq!(te.hint.as_deref(), Some("run topup plans"));
    }

    #[test]
    fn untyped_errors_are_failures() {
        let err = anyhow::anyhow!("boom").context("outer");
        let te = classify(&err);
        assert_eq!(te.kind.exit_code(), 1);
        assert_eq!(te.message, "outer: boom");
    }

    #[test]
    fn exit_codes_and_names_match_design() {
        let table = [
            (ErrorKind::Failure, 1, "failure"),
            (ErrorKind::Usage, 2, "usage"),
            (ErrorKind::Locked, 3, "locked"),
            (ErrorKind::Credentials, 4, "credentials"),
            (ErrorKind::Temporary, 5, "temporary"),
            (ErrorKind::Declined, 6, "declined"),
            (ErrorKind::Unknown, 7, "outcome_unknown"),
            (ErrorKind::InputNeeded, 8, "input_needed"),
            (ErrorKind::Interrupted, 130, "interrupted"),
        ];
        for (kind, exit, code) in table {
            assert_eq!((kind.exit_code(), kind.code()), (exit, code), "{kind:?}");
        }
    }
}
