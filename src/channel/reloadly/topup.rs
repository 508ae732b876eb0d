//! Paying (`POST /topups`), following a top-up to its end
//! (`GET /topups/{id}/status`) and finding an order again
//! (`GET /topups/reports/transactions?customIdentifier=…`).
//!
//! Which answers are definitive, for `POST /topups`:
//! - connect failure (refused, DNS, TLS): nothing left → failed, temporary;
//! - 2xx with a readable transaction: its `status` decides;
//! - 429, 401, 403, and a 404/405 that is not Reloadly's own error: refused
//!   by the rate limiter, authentication or routing, which all act before
//!   any top-up is handled → failed;
//! - another 4xx with Reloadly's error body: a refusal → failed, except
//!   `CUSTOM_IDENTIFIER_ALREADY_USED` and codes topup does not know, which
//!   are unknown (the request may have been a duplicate of a paid one);
//! - everything else (timeout or reset after sending, 5xx, 3xx, a 2xx or 4xx
//!   body that cannot be read) → unknown: `reconcile` asks by the order id.
//!
//! The POST is never sent twice, except after a 401 token error (see
//! `Reloadly::send_authed`).

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::Reloadly;
use super::api::{Page, StatusReply, Transaction};
use super::client::{Call, Failure, Reply, Transport};
use super::errors::{self, Meaning, ReloadlyError};
use crate::channel::{Lookup, PaymentOutcome};
use crate::diag;
use crate::domain::{Clp, Msisdn, OrderId};

/// One top-up to pay.
#[derive(Debug, Clone, PartialEq)]
pub struct TopupRequest {
    /// Sent as `customIdentifier`: Reloadly refuses a second top-up with it.
    pub order_id: OrderId,
    pub msisdn: Msisdn,
    /// Reloadly's operator id.
    pub operator_id: i64,
    /// The plan's price; sent as the amount when `use_local_amount`.
    pub amount_clp: Clp,
    /// Send `amount_clp` in pesos (operators that `supportsLocalAmounts`);
    /// otherwise `account_amount` in the account's currency.
    pub use_local_amount: bool,
    pub account_amount: Option<f64>,
}

/// A transaction's `status` (Java SDK `AirtimeTransactionStatus`).
#[derive(Debug, Clone, PartialEq, Eq, strum::EnumString)]
#[strum(serialize_all = "UPPERCASE", ascii_case_insensitive)]
enum Status {
    Successful,
    Processing,
    Refunded,
    Failed,
    #[strum(default)]
    Other(String),
    #[strum(disabled)]
    Missing,
}

impl Status {
    fn of(status: Option<&str>) -> Status {
        match status.map(str::trim) {
            None | Some("") => Status::Missing,
            Some(s) => s.parse().unwrap_or_else(|_| Status::Other(s.to_string())),
        }
    }
}

/// Polling starts after a tenth of the wait (at most this), then doubles.
const FIRST_POLL_MAX: Duration = Duration::from_secs(1);
const POLL_MAX: Duration = Duration::from_secs(10);

/// How long after sending Reloadly may still not list a top-up it received;
/// before that, "not found" is not proof that it never arrived.
const LISTING_GRACE: jiff::SignedDuration = jiff::SignedDuration::from_mins(5);

const NO_MONEY: &str = "no money was taken";
const RECONCILE: &str = "Do not pay again: run `topup reconcile` to ask Reloadly what happened to this order";

impl Reloadly {
    /// Pays `req` and, while Reloadly says `PROCESSING`, follows it for up
    /// to `wait_confirm`. Sends `POST /topups` at most once (see module docs).
    pub async fn topup(&self, req: &TopupRequest, wait_confirm: Duration) -> PaymentOutcome {
        let body = match topup_body(req) {
            Ok(body) => body,
            Err(error) => return PaymentOutcome::not_sent(error.into()),
        };
        let call = Call::post("/topups", body);
        diag::note(format!(
            "sending {call} for order {} ({}, {})",
            req.order_id, req.msisdn, req.amount_clp
        ));
        let reply = match self.send_authed(&call).await {
            Ok(reply) => reply,
            Err(Failure::Token(error)) => {
                return PaymentOutcome::not_sent(ReloadlyError::NotMade(Box::new(error)).into());
            }
            Err(Failure::Transport(t @ Transport::NotSent(_))) => {
                return PaymentOutcome::not_sent(ReloadlyError::NotSent(t.describe()).into());
            }
            Err(Failure::Transport(t @ Transport::Lost(_))) => {
                return PaymentOutcome::Unknown {
                    reason: format!(
                        "the top-up was sent to Reloadly but no complete answer came back ({}); it may have gone through. {RECONCILE}",
                        t.describe()
                    ),
                };
            }
        };
        if reply.status.is_success() {
            return match reply.json::<Transaction>() {
                Ok(tx) => self.follow(tx, wait_confirm).await,
                Err(problem) => PaymentOutcome::Unknown {
                    reason: format!(
                        "Reloadly {call} answered HTTP {} with {problem}, so whether the top-up went through is not known. {RECONCILE}",
                        reply.status.as_u16()
                    ),
                },
            };
        }
        judge_refusal(&call, &reply)
    }

    /// Settles a transaction `POST /topups` answered, polling its status
    /// while it is processing.
    async fn follow(&self, tx: Transaction, wait_confirm: Duration) -> PaymentOutcome {
        let gateway_ref = tx.transaction_id.clone();
        let status = Status::of(tx.status.as_deref());
        if let Some(outcome) = settled(&status, None, &gateway_ref) {
            return outcome;
        }
        let Some(id) = gateway_ref.clone() else {
            return PaymentOutcome::Unknown {
                reason: format!(
                    "Reloadly accepted the top-up with status {} but gave no transaction id to follow. {RECONCILE}",
                    tx.status.as_deref().unwrap_or("(none)")
                ),
            };
        };
        let deadline = Instant::now() + wait_confirm;
        let mut delay = (wait_confirm / 10).clamp(Duration::from_millis(10), FIRST_POLL_MAX);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                diag::note(format!(
                    "Reloadly transaction {id} is still processing; `topup reconcile` will settle it"
                ));
                return PaymentOutcome::Pending { gateway_ref };
            }
            tokio::time::sleep(delay.min(left)).await;
            delay = (delay * 2).min(POLL_MAX);
            // The top-up is Reloadly's now; a failed poll changes nothing.
            if let Some((status, message)) = self.transaction_status(&id).await
                && let Some(outcome) = settled(&status, message.as_deref(), &gateway_ref)
            {
                return outcome;
            }
        }
    }

    /// `GET /topups/{id}/status`: the transaction's status and Reloadly's
    /// message; `None` (noted with -v) when the call fails.
    async fn transaction_status(&self, id: &str) -> Option<(Status, Option<String>)> {
        let call = Call::get(format!("/topups/{id}/status"));
        match self.get_json::<StatusReply>(&call).await {
            Ok(reply) => {
                let status = reply
                    .status
                    .as_deref()
                    .or(reply.transaction.as_ref().and_then(|t| t.status.as_deref()));
                Some((Status::of(status), reply.message))
            }
            Err(e) => {
                diag::note(format!("checking Reloadly transaction {id}: {e}"));
                None
            }
        }
    }

    /// What Reloadly has under `key` (the order id sent as `customIdentifier`).
    /// An order Reloadly already gave a `transaction_id` (it answered
    /// `PROCESSING`) certainly arrived: its status is asked first, and a
    /// report that does not list it yet never makes it "not found".
    pub async fn lookup(&self, key: &OrderId, transaction_id: Option<&str>) -> anyhow::Result<Lookup> {
        let Some(id) = transaction_id else {
            return self.lookup_by_key(key).await;
        };
        if let Some((status, _)) = self.transaction_status(id).await
            && status != Status::Missing
        {
            return Ok(lookup_of(status, Some(id.to_string()), &key.to_string()));
        }
        Ok(match self.lookup_by_key(key).await? {
            Lookup::NotFound { .. } => Lookup::Pending {
                gateway_ref: Some(id.to_string()),
            },
            found => found,
        })
    }

    /// What the transactions report lists under `key`.
    async fn lookup_by_key(&self, key: &OrderId) -> anyhow::Result<Lookup> {
        let key = key.to_string();
        let call = Call::get("/topups/reports/transactions")
            .query("customIdentifier", key.as_str())
            .query("size", "50");
        let page: Page<Transaction> = self.get_json(&call).await?;
        let content = page.content.unwrap_or_default();
        if content.is_empty() {
            return Ok(Lookup::NotFound {
                proof_after: LISTING_GRACE,
            });
        }
        // Only an exact match counts: a report that ignored the filter must
        // not be read as "never arrived".
        let Some(tx) = content
            .iter()
            .find(|t| t.custom_identifier.as_deref() == Some(key.as_str()))
        else {
            return Err(ReloadlyError::KeyNotListed {
                call: call.to_string(),
                listed: content.len(),
                key,
            }
            .into());
        };
        Ok(lookup_of(
            Status::of(tx.status.as_deref()),
            tx.transaction_id.clone(),
            &key,
        ))
    }
}

/// What a transaction's status says about the order under `key`.
fn lookup_of(status: Status, gateway_ref: Option<String>, key: &str) -> Lookup {
    match status {
        Status::Successful => Lookup::Confirmed { gateway_ref },
        Status::Refunded => Lookup::Failed {
            reason: format!("Reloadly refunded the top-up; {NO_MONEY}"),
            gateway_ref,
        },
        Status::Failed => Lookup::Failed {
            reason: format!("the top-up failed at the operator; {NO_MONEY}"),
            gateway_ref,
        },
        Status::Processing | Status::Missing => Lookup::Pending { gateway_ref },
        Status::Other(s) => {
            diag::warn(format!(
                "Reloadly reports order {key} with status {s}, which topup does not know; leaving it pending"
            ));
            Lookup::Pending { gateway_ref }
        }
    }
}

/// The `POST /topups` body (spec `TopUpsRequest`), or why it cannot be sent.
fn topup_body(req: &TopupRequest) -> Result<Value, ReloadlyError> {
    let amount = if req.use_local_amount {
        req.amount_clp.validate_price().map_err(ReloadlyError::Price)?;
        Value::from(req.amount_clp.pesos())
    } else {
        match req.account_amount.filter(|a| a.is_finite() && *a > 0.0) {
            // Cents: currencies of Reloadly accounts have two decimals.
            Some(amount) => Value::from((amount * 100.0).round() / 100.0),
            None => return Err(ReloadlyError::NoAccountAmount(req.amount_clp)),
        }
    };
    Ok(json!({
        "operatorId": req.operator_id,
        "amount": amount,
        "useLocalAmount": req.use_local_amount,
        "customIdentifier": req.order_id.to_string(),
        "recipientPhone": {"countryCode": "CL", "number": req.msisdn.international_digits()},
    }))
}

/// The outcome a final status gives; `None` while processing (or unsure).
fn settled(status: &Status, message: Option<&str>, gateway_ref: &Option<String>) -> Option<PaymentOutcome> {
    let why = message.map(|m| m.trim().to_string());
    let failed = |error: ReloadlyError| PaymentOutcome::Failed {
        error: error.into(),
        gateway_ref: gateway_ref.clone(),
    };
    match status {
        Status::Successful => Some(PaymentOutcome::Confirmed {
            gateway_ref: gateway_ref.clone(),
        }),
        Status::Refunded => Some(failed(ReloadlyError::Refunded(why))),
        Status::Failed => Some(failed(ReloadlyError::FailedAtOperator(why))),
        Status::Processing | Status::Missing | Status::Other(_) => None,
    }
}

/// A non-2xx answer to `POST /topups` (see the module docs).
fn judge_refusal(call: &Call, reply: &Reply) -> PaymentOutcome {
    let status = reply.status;
    let summary = reply.status_summary();
    let failed = |error: ReloadlyError| PaymentOutcome::Failed {
        error: error.into(),
        gateway_ref: None,
    };
    let unknown = |why: String| PaymentOutcome::Unknown {
        reason: format!("Reloadly answered {call} with {summary}: {why}. {RECONCILE}"),
    };
    if status == StatusCode::TOO_MANY_REQUESTS {
        return failed(ReloadlyError::TopupRateLimited {
            limits: reply.rate_limit(),
            summary,
        });
    }
    if !status.is_client_error() {
        return unknown("that does not say whether the top-up was made".to_string());
    }
    let body = reply.error_body();
    let auth_refusal = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
    if let Some(code) = body.as_ref().and_then(|b| b.error_code.as_deref()) {
        return match errors::meaning(code) {
            Some(Meaning::Refused(refusal)) => failed(ReloadlyError::TopupRefused { refusal, summary }),
            Some(Meaning::NotDefinitive(what)) => unknown(what.to_string()),
            None if auth_refusal => failed(ReloadlyError::TopupCredentialsRefused(summary)),
            None => unknown(format!(
                "topup does not know the code {code}, so it cannot tell whether the top-up was made"
            )),
        };
    }
    if auth_refusal {
        return failed(ReloadlyError::TopupCredentialsRefused(summary));
    }
    // Spring's `{status: 404, error: "Not Found"}` or a page from a proxy:
    // nothing handles that path there.
    let no_route = body.as_ref().is_none_or(|b| b.error.is_some());
    if matches!(status, StatusCode::NOT_FOUND | StatusCode::METHOD_NOT_ALLOWED) && no_route {
        return failed(ReloadlyError::NoRoute {
            call: call.to_string(),
            summary,
        });
    }
    if body.is_some() && matches!(status, StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY) {
        // Reloadly's own validation error without a code: a refusal. Other
        // 4xx bodies (a proxy's 408 or 409) say nothing about the top-up.
        return failed(ReloadlyError::TopupInvalid(summary));
    }
    unknown("the answer cannot be read".to_string())
}

/// The judgement of a `POST /topups` answer, for the fuzzer.
pub(super) fn judge_for_fuzzing(reply: &Reply) -> PaymentOutcome {
    let call = Call::post("/topups", serde_json::Value::Null);
    if reply.status.is_success() {
        match reply.json::<Transaction>() {
            Ok(tx) => settled(&Status::of(tx.status.as_deref()), None, &None)
                .unwrap_or(PaymentOutcome::Pending { gateway_ref: None }),
            Err(_) => PaymentOutcome::Unknown { reason: String::new() },
        }
    } else {
        judge_refusal(&call, reply)
    }
}
