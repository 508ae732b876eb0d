//! What went wrong with Reloadly ([`ReloadlyError`]), and what each
//! Reloadly `errorCode` means: who refused, what happened, what to do.
//! `error.rs` gives each error its exit code and hint.
//!
//! Codes come from Reloadly's error-code page and spec examples
//! (`shared/reference/gateways.md` §1.7), plus codes observed in production
//! by vlab-research/fly (`dinersclub/classify.go`). Codes not listed are
//! shown verbatim and, on a payment, treated as an unknown outcome.

use Meaning::NotDefinitive;
use Refuser::{Account, Credentials, Operator, Passing, Request};

use super::client::BodyProblem;
use crate::domain::money::PriceError;
use crate::domain::{Clp, Msisdn};

/// The hint for any credentials problem.
pub const CREDENTIALS_HINT: &str = "check [reloadly] client_id and where the secret comes from (client_secret_file, client_secret_command or TOPUP_RELOADLY_CLIENT_SECRET); sandbox and live accounts have different credentials, so check [reloadly] environment too";

/// A Reloadly failure, with what its message needs. Texts that say "no
/// money was taken" are failures of `POST /topups` that certainly paid nothing.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReloadlyError {
    #[error("{}", crate::t!("reloadly-auth-unreachable", why = .0.as_str()))]
    AuthUnreachable(String),
    #[error("{}", crate::t!("reloadly-auth-silent", why = .0.as_str()))]
    AuthSilent(String),
    /// The auth server refused the client credentials (`HTTP 401: …`).
    #[error("{}", crate::t!("reloadly-credentials-rejected", answer = .0.as_str()))]
    CredentialsRejected(String),
    /// 429 or 5xx from the auth server.
    #[error("{}", crate::t!("reloadly-auth-answered", answer = .0.as_str()))]
    AuthBusy(String),
    #[error("{}", crate::t!("reloadly-auth-answered", answer = .0.as_str()))]
    AuthRefused(String),
    #[error("{}", crate::t!("reloadly-auth-unreadable", status = status.to_string(), problem = problem.to_string()))]
    AuthUnreadable { status: u16, problem: BodyProblem },
    #[error("{}", crate::t!("reloadly-no-token"))]
    NoToken,
    /// `call` is `GET /accounts/balance`; `why` the transport's words.
    #[error("{}", crate::t!("reloadly-unreachable", call = call.as_str(), why = why.as_str()))]
    Unreachable { call: String, why: String },
    #[error("{}", crate::t!("reloadly-silent", call = call.as_str(), why = why.as_str()))]
    Silent { call: String, why: String },
    /// HTTP 429 to a read-only call; `limits` as in `TopupRateLimited`.
    #[error("{}", crate::t!("reloadly-rate-limited", call = call.as_str(), summary = summary.as_str(),
        aside = aside(limits.as_ref().map(|l| crate::t!("reloadly-rate-limited-aside", limits = l.as_str())))))]
    RateLimited {
        call: String,
        summary: String,
        limits: Option<String>,
    },
    /// Another non-2xx answer to a read-only call; `code` is Reloadly's error code.
    #[error("{}", crate::t!("reloadly-answered", call = call.as_str(), summary = summary.as_str()))]
    Answered {
        call: String,
        summary: String,
        code: Option<String>,
        verdict: Verdict,
    },
    #[error("{}", crate::t!("reloadly-unreadable", call = call.as_str(), status = status.to_string(), problem = problem.to_string()))]
    Unreadable {
        call: String,
        status: u16,
        problem: BodyProblem,
    },
    #[error("{}", crate::t!("reloadly-key-not-listed", call = call.as_str(), listed = *listed, key = key.as_str()))]
    KeyNotListed { call: String, listed: usize, key: String },
    #[error("{}", crate::t!("reloadly-operator-undetected", number = .0.to_string()))]
    OperatorUndetected(Msisdn),
    /// `wanted`: `Entel or Entel Chile`; `listed`: Reloadly's names, or `none`.
    #[error("{}", crate::t!("reloadly-operator-not-listed", wanted = wanted.as_str(), listed = listed.as_str()))]
    OperatorNotListed { wanted: String, listed: String },
    #[error("{0}")]
    Price(PriceError),
    #[error("{}", crate::t!("reloadly-no-account-amount", amount = .0.to_string()))]
    NoAccountAmount(Clp),
    /// No token for `POST /topups`: the call was not made.
    #[error("{}", crate::t!("reloadly-not-made", why = .0.to_string()))]
    NotMade(Box<ReloadlyError>),
    #[error("{}", crate::t!("reloadly-not-sent", why = .0.as_str()))]
    NotSent(String),
    /// With Reloadly's message about it, if any.
    #[error("{}", crate::t!("reloadly-refunded", aside = aside(.0.clone())))]
    Refunded(Option<String>),
    #[error("{}", crate::t!("reloadly-failed-at-operator", aside = aside(.0.clone())))]
    FailedAtOperator(Option<String>),
    /// `limits`: `limit 100, 0 left, resets in 42s`.
    #[error("{}", crate::t!("reloadly-topup-rate-limited", aside = aside(limits.clone()), summary = summary.as_str()))]
    TopupRateLimited { limits: Option<String>, summary: String },
    #[error("{}", crate::t!("reloadly-topup-refused", what = refusal.what_text(), summary = summary.as_str()))]
    TopupRefused { refusal: Refusal, summary: String },
    #[error("{}", crate::t!("reloadly-topup-credentials-refused", summary = .0.as_str()))]
    TopupCredentialsRefused(String),
    #[error("{}", crate::t!("reloadly-no-route", call = call.as_str(), summary = summary.as_str()))]
    NoRoute { call: String, summary: String },
    /// Reloadly's own validation error, without a code.
    #[error("{}", crate::t!("reloadly-topup-invalid", why = .0.as_str()))]
    TopupInvalid(String),
}

impl ReloadlyError {
    /// Whether Reloadly refused the credentials: asking again is pointless.
    pub(super) fn refuses_credentials(&self) -> bool {
        match self {
            ReloadlyError::CredentialsRejected(_) => true,
            ReloadlyError::Answered { verdict, .. } => match verdict {
                Verdict::Refused(refusal) => refusal.by == Refuser::Credentials,
                other => *other == Verdict::Credentials,
            },
            _ => false,
        }
    }
}

/// ` (text)` in the reader's language, or nothing.
fn aside(text: Option<String>) -> String {
    text.map(|text| crate::t!("reloadly-aside", text = text))
        .unwrap_or_default()
}

/// What a non-2xx answer (not 429) to a read-only call says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// HTTP 5xx.
    ServerTrouble,
    /// A code topup knows.
    Refused(Refusal),
    /// 401 or 403 without a code topup knows.
    Credentials,
    /// The path does not exist there.
    NoRoute,
    Unexpected,
}

/// Who refused a request, as Reloadly's code says: the Reloadly account,
/// the credentials, the request (number or amount), the operator, or
/// passing trouble on the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refuser {
    Account,
    Credentials,
    Request,
    Operator,
    Passing,
}

/// A code by which Reloadly refused the request before doing anything (on
/// a top-up, nothing was paid): who, what happened, and what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub by: Refuser,
    /// What happened and what to do, in English; the reader gets them in
    /// their language from `what_text` and `hint_text`.
    pub what: &'static str,
    pub hint: &'static str,
    /// Where in `CODES` its code (`INSUFFICIENT_BALANCE`) is: the code names
    /// the messages. A byte, to keep `ReloadlyError` small.
    index: u8,
}

impl Refusal {
    /// What happened, in the reader's language.
    pub fn what_text(&self) -> String {
        crate::t!(&format!("reloadly-code-{}", kebab(self.code())))
    }

    /// What to do, in the reader's language.
    pub fn hint_text(&self) -> String {
        crate::t!(&format!("hint-reloadly-code-{}", kebab(self.code())))
    }

    /// Reloadly's code for it.
    pub fn code(&self) -> &'static str {
        CODES.get(usize::from(self.index)).map_or("", |(code, _)| code)
    }
}

/// `INSUFFICIENT_BALANCE` as in a message id: `insufficient-balance`.
fn kebab(code: &str) -> String {
    code.to_ascii_lowercase().replace('_', "-")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meaning {
    Refused(Refusal),
    /// The code does not say whether a top-up was made.
    NotDefinitive(&'static str),
}

const fn refused(by: Refuser, what: &'static str, hint: &'static str) -> Meaning {
    // `meaning` fills in the index.
    Meaning::Refused(Refusal {
        by,
        what,
        hint,
        index: 0,
    })
}

const LATER: &str = "try again later";
const CHECK_LINE: &str = "check the line's number and operator in the config";
const CHECK_AMOUNT: &str = "run `topup plans` for the amounts on offer";
const DAILY_LIMIT: &str = "try again tomorrow, or ask Reloadly support to raise the account's daily limits";

#[rustfmt::skip]
const CODES: &[(&str, Meaning)] = &[
    // The Reloadly account.
    ("INSUFFICIENT_BALANCE", refused(Account, "the Reloadly account balance is too low for this top-up", "add funds to the Reloadly account (dashboard → Wallet), then try again")),
    ("MAX_DAILY_TRANSACTION_AMOUNT_REACHED", refused(Account, "the Reloadly account reached its daily amount limit", DAILY_LIMIT)),
    ("MAX_DAILY_TRANSACTION_COUNT_REACHED", refused(Account, "the Reloadly account reached its daily number of top-ups", DAILY_LIMIT)),
    ("INACTIVE_ACCOUNT", refused(Account, "the Reloadly account is inactive", "activate it in the Reloadly dashboard or ask Reloadly support")),
    ("ACCOUNT_NOT_FOUND", refused(Credentials, "Reloadly finds no account for these credentials", CREDENTIALS_HINT)),
    ("INVALID_CREDENTIALS", refused(Credentials, "Reloadly rejected the client credentials", CREDENTIALS_HINT)),
    ("TOKEN_EXPIRED", refused(Credentials, "Reloadly did not accept a freshly fetched access token", CREDENTIALS_HINT)),
    ("INVALID_TOKEN", refused(Credentials, "Reloadly did not accept a freshly fetched access token", CREDENTIALS_HINT)),
    // The number or the amount.
    ("INVALID_RECIPIENT_PHONE", refused(Request, "Reloadly says the number is not valid for this operator", CHECK_LINE)),
    ("INVALID_PHONE_NUMBER", refused(Request, "Reloadly says the phone number is not valid", CHECK_LINE)),
    ("INVALID_SENDER_PHONE", refused(Request, "Reloadly says the sender phone is not valid", CHECK_LINE)),
    ("COULD_NOT_AUTO_DETECT_OPERATOR", refused(Request, "Reloadly could not tell which operator the number belongs to", "set the line's operator in the config")),
    ("OPERATOR_NOT_FOUND", refused(Request, "Reloadly does not know this operator", CHECK_LINE)),
    ("COUNTRY_NOT_SUPPORTED", refused(Request, "Reloadly does not support this country", CHECK_LINE)),
    ("INVALID_AMOUNT_FOR_OPERATOR", refused(Request, "the operator does not take this amount on Reloadly", CHECK_AMOUNT)),
    ("INVALID_AMOUNT", refused(Request, "Reloadly says the amount is not valid", CHECK_AMOUNT)),
    ("INVALID_AMOUNT_FOR_RECIPIENT_PHONE", refused(Request, "the operator does not take this amount for this number", CHECK_AMOUNT)),
    ("IMPOSSIBLE_AMOUNT", refused(Request, "Reloadly cannot send this amount", CHECK_AMOUNT)),
    ("INVALID_INPUT_PROVIDED", refused(Request, "Reloadly says the request was not valid", CHECK_LINE)),
    // The operator refuses this number.
    ("PHONE_BANNED_BY_OPERATOR", refused(Operator, "the operator does not allow top-ups to this number", "ask the operator about the line")),
    ("RECIPIENT_PHONE_INACTIVE", refused(Operator, "the operator says the number is inactive", "ask the operator about the line")),
    ("TRANSACTION_REJECTED_BY_OPERATOR", refused(Operator, "the operator rejected the top-up", "ask the operator about the line, or try another amount")),
    ("TRANSACTION_REFUSED_BY_OPERATOR", refused(Operator, "the operator refused the top-up", "ask the operator about the line, or try another amount")),
    ("RECIPIENT_REACHED_MAX_TOPUP_NUMBER", refused(Operator, "the number reached the operator's limit of top-ups", "wait before topping it up again")),
    // Passing trouble.
    ("PHONE_RECENTLY_RECHARGED", refused(Passing, "the number was topped up moments ago and Reloadly refuses another top-up within two minutes", "wait two minutes, then try again")),
    ("RECIPIENT_HAS_PENDING_TRANSACTION", refused(Passing, "another top-up to this number is still being processed", "wait a few minutes, check `topup history`, then try again")),
    ("OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE", refused(Passing, "the operator is unavailable on Reloadly at the moment", LATER)),
    ("OPERATOR_NOT_IN_SERVICE", refused(Passing, "the operator is not in service on Reloadly at the moment", LATER)),
    ("TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT", refused(Passing, "Reloadly cannot process the top-up at the moment", LATER)),
    ("TOPUP_TRANSACTION_FAILED", refused(Passing, "the top-up failed at the operator", LATER)),
    ("TRANSACTION_FAILED_ON_OPERATOR", refused(Passing, "the top-up failed at the operator", LATER)),
    ("PROVIDER_INTERNAL_ERROR", refused(Passing, "Reloadly's provider had an internal error", LATER)),
    ("REQUEST_FAILED_ON_PROVIDER", refused(Passing, "the request failed at Reloadly's provider", LATER)),
    ("REQUEST_PROCESSING_FAILED", refused(Passing, "Reloadly could not process the request", LATER)),
    ("CONNECTION_TO_OPERATOR_TEMPORARILY_DOWN", refused(Passing, "Reloadly's connection to the operator is down", LATER)),
    ("CONNECTION_TO_OPERATOR_FAILED", refused(Passing, "Reloadly could not connect to the operator", LATER)),
    ("SERVICE_TO_OPERATOR_TEMPORARILY_UNAVAILABLE", refused(Passing, "service to the operator is temporarily unavailable", LATER)),
    ("FX_RATE_NOT_AVAILABLE", refused(Passing, "Reloadly has no exchange rate for this operator at the moment", LATER)),
    // Not a refusal: the key was used, so an earlier attempt may well have
    // been paid (fly: most such orders had been).
    ("CUSTOM_IDENTIFIER_ALREADY_USED", NotDefinitive("Reloadly says this order's key was already used, so an earlier attempt probably went through")),
    // Reloadly's provider failed in a way Reloadly could not map: whether it
    // charged is not said.
    ("UNMAPPED_PROVIDER_ERROR_CODE", NotDefinitive("Reloadly's provider failed with an error Reloadly could not map")),
];

pub(super) fn meaning(code: &str) -> Option<Meaning> {
    let index = CODES.iter().position(|(c, _)| *c == code)?;
    Some(match CODES[index].1 {
        Meaning::Refused(refusal) => Meaning::Refused(Refusal {
            index: u8::try_from(index).ok()?,
            ..refusal
        }),
        other => other,
    })
}

#[cfg(test)]
pub(super) fn all_codes() -> impl Iterator<Item = &'static str> {
    CODES.iter().map(|(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each code's messages are there, and in English say what the table says.
    #[test]
    fn every_code_has_its_messages() {
        for (code, _) in CODES {
            if let Some(Meaning::Refused(refusal)) = meaning(code) {
                assert_eq!(refusal.what_text(), refusal.what, "{code}");
                assert_eq!(refusal.hint_text(), refusal.hint, "{code}");
            }
        }
        assert_eq!(crate::t!("hint-reloadly-credentials"), CREDENTIALS_HINT);
    }
}
