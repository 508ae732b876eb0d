//! The typed error at the edge: what went wrong, what to do, and the exit code.
//!
//! Inside commands errors travel as `anyhow::Error`; a `TopupError` anywhere in
//! the chain decides the exit code and the hint (see `classify`).

use std::fmt;

use ErrorKind::{Credentials, Declined, Failure, Temporary, Usage};

use crate::channel::reloadly::{self, ReloadlyError};
use crate::channel::sandbox::SandboxError;

/// Exit codes from DESIGN.md. Scripts depend on these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// 1: unclassified failure.
    Failure,
    /// 2: usage, config or input error.
    Usage,
    /// 3: another topup holds the lock.
    Locked,
    /// 4: credentials missing or rejected.
    Credentials,
    /// 5: temporary failure; safe to retry later.
    Temporary,
    /// 6: payment declined or refused.
    Declined,
    /// 7: payment outcome unknown; run `topup reconcile`.
    Unknown,
    /// 8: input needed but no terminal.
    InputNeeded,
    /// 130: interrupted.
    Interrupted,
}

impl ErrorKind {
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorKind::Failure => 1,
            ErrorKind::Usage => 2,
            ErrorKind::Locked => 3,
            ErrorKind::Credentials => 4,
            ErrorKind::Temporary => 5,
            ErrorKind::Declined => 6,
            ErrorKind::Unknown => 7,
            ErrorKind::InputNeeded => 8,
            ErrorKind::Interrupted => 130,
        }
    }

    /// Stable machine-readable code for `{"error": {"code": …}}`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Failure => "failure",
            ErrorKind::Usage => "usage",
            ErrorKind::Locked => "locked",
            ErrorKind::Credentials => "credentials",
            ErrorKind::Temporary => "temporary",
            ErrorKind::Declined => "declined",
            ErrorKind::Unknown => "outcome_unknown",
            ErrorKind::InputNeeded => "input_needed",
            ErrorKind::Interrupted => "interrupted",
        }
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
    pub fn temporary(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Temporary, message)
    }
    pub fn declined(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Declined, message)
    }
    pub fn credentials(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Credentials, message)
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

/// Shorthand for `Err(TopupError::usage(..).into())`.
pub fn usage<T>(message: impl Into<String>) -> anyhow::Result<T> {
    Err(TopupError::usage(message).into())
}

/// Turn any error into the edge error, in this one place: the first error
/// in the chain that a layer typed (a `TopupError`, the ledger's refusals,
/// SQLite's failures) gives kind and hint; the message keeps the outer
/// context so the user sees where it happened.
pub fn classify(err: &anyhow::Error) -> TopupError {
    let mut outer: Vec<String> = Vec::new();
    for cause in err.chain() {
        if let Some(mut typed) = from_layer(cause) {
            if !outer.is_empty() {
                // Context added around a typed error ("reading line casa: …") stays.
                typed.message = format!("{}: {}", outer.join(": "), typed.message);
            }
            return typed;
        }
        outer.push(cause.to_string());
    }
    TopupError::new(ErrorKind::Failure, format!("{err:#}"))
}

/// The edge error for one layer's error, if it is one topup types: the
/// error's own words, with the exit code and hint this layer's variant gets.
fn from_layer(cause: &(dyn std::error::Error + 'static)) -> Option<TopupError> {
    if let Some(te) = cause.downcast_ref::<TopupError>() {
        return Some(te.clone());
    }
    if let Some(e) = cause.downcast_ref::<ReloadlyError>() {
        return Some(reloadly(e));
    }
    if let Some(e) = cause.downcast_ref::<SandboxError>() {
        let (kind, hint) = match e {
            SandboxError::UnknownFault(_) => (Usage, None),
            SandboxError::AlreadyRefused => (Declined, None),
            SandboxError::Unreachable => (
                Temporary,
                Some("try again later (unset TOPUP_SANDBOX_FAULT to stop simulating this)"),
            ),
            SandboxError::Declined => (Declined, Some("unset TOPUP_SANDBOX_FAULT to stop simulating declines")),
        };
        return Some(said(e, kind, hint));
    }
    if let Some(e) = cause.downcast_ref::<crate::ledger::LedgerError>() {
        return Some(match e {
            crate::ledger::LedgerError::CapExceeded(cap) => TopupError::declined(cap.to_string())
                .hint("raise monthly_cap_clp in the config, or wait for next month"),
        });
    }
    if let Some(sql) = cause.downcast_ref::<rusqlite::Error>() {
        // SQLite's own words, without the statement it was running: a
        // person needs what went wrong and where, not a page of SQL.
        let message = sqlite_words(sql);
        return Some(if sql.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
            TopupError::usage(message).hint(
                "this file is not a topup ledger; move it away, or set TOPUP_STATE_DIR to topup's own state directory",
            )
        } else {
            TopupError::new(ErrorKind::Failure, message)
                .hint("the ledger could not be read or written; check the state directory's permissions and free space")
        });
    }
    None
}

/// `e` in its own words, as `kind`, with `hint`.
fn said(e: &dyn std::error::Error, kind: ErrorKind, hint: Option<impl Into<String>>) -> TopupError {
    TopupError {
        kind,
        message: e.to_string(),
        hint: hint.map(Into::into),
    }
}

const NETWORK_HINT: &str = "check the network connection and try again";
const LATER_HINT: &str = "try again later";

fn reloadly(e: &ReloadlyError) -> TopupError {
    use ReloadlyError as R;
    use reloadly::{CREDENTIALS_HINT, Refuser, Verdict as V};
    const BASE_URL_HINT: &str = "check [reloadly] base_url if it is set";
    let refused = |refusal: &reloadly::Refusal| {
        let kind = match refusal.by {
            Refuser::Account | Refuser::Operator => Declined,
            Refuser::Credentials => Credentials,
            Refuser::Request => Usage,
            Refuser::Passing => Temporary,
        };
        (kind, Some(refusal.hint))
    };
    let (kind, hint) = match e {
        // Not made for the reason inside.
        R::NotMade(why) => {
            return TopupError {
                message: e.to_string(),
                ..reloadly(why)
            };
        }
        R::Answered { verdict, .. } => match verdict {
            V::ServerTrouble => (Temporary, Some("Reloadly seems to be having trouble; try again later")),
            V::Refused(refusal) => refused(refusal),
            V::Credentials => (Credentials, Some(CREDENTIALS_HINT)),
            V::NoRoute => (Failure, Some(BASE_URL_HINT)),
            V::Unexpected => (Failure, None),
        },
        R::TopupRefused { refusal, .. } => refused(refusal),
        R::EmptyClientId | R::EmptySecret | R::CredentialsRejected(_) | R::TopupCredentialsRefused(_) => {
            (Credentials, Some(CREDENTIALS_HINT))
        }
        R::ZeroTimeout | R::NotAUrl(..) | R::Price(_) | R::NoAccountAmount(_) => (Usage, None),
        R::OperatorUndetected(_) => (Usage, Some("set the line's operator in the config")),
        R::OperatorNotListed { .. } => (Usage, Some("check the line's operator in the config")),
        R::AuthUnreachable(_) | R::AuthSilent(_) | R::Unreachable { .. } | R::Silent { .. } | R::NotSent(_) => {
            (Temporary, Some(NETWORK_HINT))
        }
        R::AuthBusy(_) | R::Refunded(_) => (Temporary, Some(LATER_HINT)),
        R::RateLimited { .. } => (
            Temporary,
            Some("Reloadly limits how often it may be called; wait, then try again"),
        ),
        R::TopupRateLimited { .. } => (Temporary, Some("wait for the limit to reset, then try again")),
        R::FailedAtOperator(_) => (
            Temporary,
            Some("Reloadly advises waiting 30 minutes before trying again"),
        ),
        R::NoRoute { .. } => (Failure, Some(BASE_URL_HINT)),
        R::KeyNotListed { .. } => (
            Failure,
            Some("look for the key in the Reloadly dashboard's transaction report"),
        ),
        R::AuthRefused(_) | R::AuthUnreadable { .. } | R::NoToken | R::Unreadable { .. } | R::TopupInvalid(_) => {
            (Failure, None)
        }
    };
    said(e, kind, hint)
}

/// What SQLite said, without the SQL text it was given.
fn sqlite_words(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
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
    fn exit_codes_match_design() {
        let table = [
            (ErrorKind::Failure, 1),
            (ErrorKind::Usage, 2),
            (ErrorKind::Locked, 3),
            (ErrorKind::Credentials, 4),
            (ErrorKind::Temporary, 5),
            (ErrorKind::Declined, 6),
            (ErrorKind::Unknown, 7),
            (ErrorKind::InputNeeded, 8),
            (ErrorKind::Interrupted, 130),
        ];
        for (kind, code) in table {
            assert_eq!(kind.exit_code(), code, "{kind:?}");
        }
    }
}
