//! What each Reloadly `errorCode` means for the user: exit code, one line
//! saying what happened, and what to do.
//!
//! Codes come from Reloadly's error-code page and spec examples
//! (`shared/reference/gateways.md` §1.7), plus codes observed in production
//! by vlab-research/fly (`dinersclub/classify.go`). Codes not listed are
//! shown verbatim and, on a payment, treated as an unknown outcome.

use ErrorKind::{Credentials, Declined, Temporary, Usage};
use Meaning::{NotDefinitive, Refused};

use crate::error::ErrorKind;

/// The hint for any credentials problem.
pub(super) const CREDENTIALS_HINT: &str = "check [reloadly] client_id and where the secret comes from (client_secret_file, client_secret_command or TOPUP_RELOADLY_CLIENT_SECRET); sandbox and live accounts have different credentials, so check [reloadly] environment too";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Meaning {
    /// Reloadly refused the request before doing anything: on a top-up,
    /// nothing was paid. Kind, what happened, what to do.
    Refused(ErrorKind, &'static str, &'static str),
    /// The code does not say whether a top-up was made.
    NotDefinitive(&'static str),
}

const LATER: &str = "try again later";
const CHECK_LINE: &str = "check the line's number and operator in the config";
const CHECK_AMOUNT: &str = "run `topup plans` for the amounts on offer";
const DAILY_LIMIT: &str = "try again tomorrow, or ask Reloadly support to raise the account's daily limits";

#[rustfmt::skip]
const CODES: &[(&str, Meaning)] = &[
    // The Reloadly account.
    ("INSUFFICIENT_BALANCE", Refused(Declined, "the Reloadly account balance is too low for this top-up", "add funds to the Reloadly account (dashboard → Wallet), then try again")),
    ("MAX_DAILY_TRANSACTION_AMOUNT_REACHED", Refused(Declined, "the Reloadly account reached its daily amount limit", DAILY_LIMIT)),
    ("MAX_DAILY_TRANSACTION_COUNT_REACHED", Refused(Declined, "the Reloadly account reached its daily number of top-ups", DAILY_LIMIT)),
    ("INACTIVE_ACCOUNT", Refused(Declined, "the Reloadly account is inactive", "activate it in the Reloadly dashboard or ask Reloadly support")),
    ("ACCOUNT_NOT_FOUND", Refused(Credentials, "Reloadly finds no account for these credentials", CREDENTIALS_HINT)),
    ("INVALID_CREDENTIALS", Refused(Credentials, "Reloadly rejected the client credentials", CREDENTIALS_HINT)),
    ("TOKEN_EXPIRED", Refused(Credentials, "Reloadly did not accept a freshly fetched access token", CREDENTIALS_HINT)),
    ("INVALID_TOKEN", Refused(Credentials, "Reloadly did not accept a freshly fetched access token", CREDENTIALS_HINT)),
    // The number or the amount.
    ("INVALID_RECIPIENT_PHONE", Refused(Usage, "Reloadly says the number is not valid for this operator", CHECK_LINE)),
    ("INVALID_PHONE_NUMBER", Refused(Usage, "Reloadly says the phone number is not valid", CHECK_LINE)),
    ("INVALID_SENDER_PHONE", Refused(Usage, "Reloadly says the sender phone is not valid", CHECK_LINE)),
    ("COULD_NOT_AUTO_DETECT_OPERATOR", Refused(Usage, "Reloadly could not tell which operator the number belongs to", "set the line's operator in the config")),
    ("OPERATOR_NOT_FOUND", Refused(Usage, "Reloadly does not know this operator", CHECK_LINE)),
    ("COUNTRY_NOT_SUPPORTED", Refused(Usage, "Reloadly does not support this country", CHECK_LINE)),
    ("INVALID_AMOUNT_FOR_OPERATOR", Refused(Usage, "the operator does not take this amount on Reloadly", CHECK_AMOUNT)),
    ("INVALID_AMOUNT", Refused(Usage, "Reloadly says the amount is not valid", CHECK_AMOUNT)),
    ("INVALID_AMOUNT_FOR_RECIPIENT_PHONE", Refused(Usage, "the operator does not take this amount for this number", CHECK_AMOUNT)),
    ("IMPOSSIBLE_AMOUNT", Refused(Usage, "Reloadly cannot send this amount", CHECK_AMOUNT)),
    ("INVALID_INPUT_PROVIDED", Refused(Usage, "Reloadly says the request was not valid", CHECK_LINE)),
    // The operator refuses this number.
    ("PHONE_BANNED_BY_OPERATOR", Refused(Declined, "the operator does not allow top-ups to this number", "ask the operator about the line")),
    ("RECIPIENT_PHONE_INACTIVE", Refused(Declined, "the operator says the number is inactive", "ask the operator about the line")),
    ("TRANSACTION_REJECTED_BY_OPERATOR", Refused(Declined, "the operator rejected the top-up", "ask the operator about the line, or try another amount")),
    ("TRANSACTION_REFUSED_BY_OPERATOR", Refused(Declined, "the operator refused the top-up", "ask the operator about the line, or try another amount")),
    ("RECIPIENT_REACHED_MAX_TOPUP_NUMBER", Refused(Declined, "the number reached the operator's limit of top-ups", "wait before topping it up again")),
    // Passing trouble.
    ("PHONE_RECENTLY_RECHARGED", Refused(Temporary, "the number was topped up moments ago and Reloadly refuses another top-up within two minutes", "wait two minutes, then try again")),
    ("RECIPIENT_HAS_PENDING_TRANSACTION", Refused(Temporary, "another top-up to this number is still being processed", "wait a few minutes, check `topup history`, then try again")),
    ("OPERATOR_UNAVAILABLE_OR_CURRENTLY_INACTIVE", Refused(Temporary, "the operator is unavailable on Reloadly at the moment", LATER)),
    ("OPERATOR_NOT_IN_SERVICE", Refused(Temporary, "the operator is not in service on Reloadly at the moment", LATER)),
    ("TRANSACTION_CANNOT_BE_PROCESSED_AT_THE_MOMENT", Refused(Temporary, "Reloadly cannot process the top-up at the moment", LATER)),
    ("TOPUP_TRANSACTION_FAILED", Refused(Temporary, "the top-up failed at the operator", LATER)),
    ("TRANSACTION_FAILED_ON_OPERATOR", Refused(Temporary, "the top-up failed at the operator", LATER)),
    ("PROVIDER_INTERNAL_ERROR", Refused(Temporary, "Reloadly's provider had an internal error", LATER)),
    ("REQUEST_FAILED_ON_PROVIDER", Refused(Temporary, "the request failed at Reloadly's provider", LATER)),
    ("REQUEST_PROCESSING_FAILED", Refused(Temporary, "Reloadly could not process the request", LATER)),
    ("CONNECTION_TO_OPERATOR_TEMPORARILY_DOWN", Refused(Temporary, "Reloadly's connection to the operator is down", LATER)),
    ("CONNECTION_TO_OPERATOR_FAILED", Refused(Temporary, "Reloadly could not connect to the operator", LATER)),
    ("SERVICE_TO_OPERATOR_TEMPORARILY_UNAVAILABLE", Refused(Temporary, "service to the operator is temporarily unavailable", LATER)),
    ("FX_RATE_NOT_AVAILABLE", Refused(Temporary, "Reloadly has no exchange rate for this operator at the moment", LATER)),
    // Not a refusal: the key was used, so an earlier attempt may well have
    // been paid (fly: most such orders had been).
    ("CUSTOM_IDENTIFIER_ALREADY_USED", NotDefinitive("Reloadly says this order's key was already used, so an earlier attempt probably went through")),
    // Reloadly's provider failed in a way Reloadly could not map: whether it
    // charged is not said.
    ("UNMAPPED_PROVIDER_ERROR_CODE", NotDefinitive("Reloadly's provider failed with an error Reloadly could not map")),
];

pub(super) fn meaning(code: &str) -> Option<Meaning> {
    CODES.iter().find(|(c, _)| *c == code).map(|(_, m)| *m)
}

#[cfg(test)]
pub(super) fn all_codes() -> impl Iterator<Item = &'static str> {
    CODES.iter().map(|(c, _)| *c)
}
