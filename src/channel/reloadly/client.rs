//! HTTP plumbing shared by every call: headers, the one token retry, and
//! saying precisely how an answer failed.

use std::fmt;

use jiff::Timestamp;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap};
use reqwest::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Reloadly;
use super::api::ErrorBody;
use super::errors::{self, Meaning, ReloadlyError, Verdict};
use crate::diag;

/// Reloadly's versioned media type for the Airtime API (spec samples; Java
/// SDK `Version.java`).
pub(super) const MEDIA_TYPE: &str = "application/com.reloadly.topups-v1+json";

/// One call to the Airtime host.
pub(super) struct Call {
    method: Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Value>,
}

impl Call {
    pub fn get(path: impl Into<String>) -> Self {
        Call {
            method: Method::GET,
            path: path.into(),
            query: Vec::new(),
            body: None,
        }
    }

    pub fn post(path: impl Into<String>, body: Value) -> Self {
        Call {
            method: Method::POST,
            body: Some(body),
            ..Call::get(path)
        }
    }

    pub fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }
}

/// `GET /accounts/balance`: how calls are named in messages.
impl fmt::Display for Call {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// An HTTP answer, read in full.
pub(super) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

/// A call that got no HTTP answer.
pub(super) enum Transport {
    /// Failed while connecting (refused, DNS, TLS): the request never left,
    /// so Reloadly cannot have acted on it.
    NotSent(reqwest::Error),
    /// Failed after the request may have left (timeout, reset, body cut
    /// short): Reloadly may have acted on it.
    Lost(reqwest::Error),
}

impl Transport {
    fn from_send(err: reqwest::Error) -> Self {
        if err.is_connect() || err.is_builder() {
            Transport::NotSent(err)
        } else {
            Transport::Lost(err)
        }
    }

    /// What went wrong, for a message: the error's whole chain (reqwest's
    /// own text is only "error sending request"). URLs carry no secrets.
    pub fn describe(&self) -> String {
        let err = match self {
            Transport::NotSent(e) | Transport::Lost(e) => e,
        };
        let mut parts: Vec<String> = Vec::new();
        let mut source: Option<&dyn std::error::Error> = Some(err);
        while let Some(e) = source {
            let text = e.to_string();
            if !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            source = e.source();
        }
        let text = parts.join(": ");
        if err.is_timeout() {
            format!("no answer in time ({text})")
        } else {
            text
        }
    }
}

/// Why a call did not come back as a usable answer.
pub(super) enum Failure {
    /// Getting an access token failed; the call itself was not sent.
    Token(ReloadlyError),
    Transport(Transport),
}

/// Why a body could not be read as the JSON expected.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BodyProblem {
    #[error("{}", crate::t!("body-html"))]
    Html,
    #[error("{}", crate::t!("body-empty"))]
    Empty,
    #[error("{}", crate::t!("body-truncated"))]
    Truncated,
    #[error("{}", crate::t!("body-not-json"))]
    NotJson,
    /// serde_json's words for what did not fit.
    #[error("{}", crate::t!("body-shape", detail = .0.as_str()))]
    Shape(String),
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, BodyProblem> {
        let text = String::from_utf8_lossy(&self.body);
        let trimmed = text.trim_start();
        let html_type = self
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
        if trimmed.is_empty() {
            return Err(BodyProblem::Empty);
        }
        if html_type || trimmed.starts_with('<') {
            return Err(BodyProblem::Html);
        }
        serde_json::from_slice(&self.body).map_err(|e| match e.classify() {
            serde_json::error::Category::Eof => BodyProblem::Truncated,
            serde_json::error::Category::Data => BodyProblem::Shape(e.to_string()),
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => BodyProblem::NotJson,
        })
    }

    /// Reloadly's error body, when the answer is one.
    pub fn error_body(&self) -> Option<ErrorBody> {
        self.json::<ErrorBody>().ok().filter(ErrorBody::is_error)
    }

    /// The error code of a Reloadly error body.
    pub fn error_code(&self) -> Option<String> {
        self.error_body()?.error_code
    }

    /// A 401 whose body says the bearer token is expired or invalid (not
    /// that the account or credentials are bad).
    fn rejects_token(&self) -> bool {
        self.status == StatusCode::UNAUTHORIZED
            && matches!(self.error_code().as_deref(), Some("TOKEN_EXPIRED" | "INVALID_TOKEN"))
    }

    /// `HTTP 503: PROVIDER_INTERNAL_ERROR: …`, or `HTTP 502 with an HTML page, not JSON`.
    pub fn status_summary(&self) -> String {
        let code = self.status.as_u16();
        match self.json::<ErrorBody>() {
            Ok(body) if body.is_error() => format!("HTTP {code}: {}", body.summary()),
            Ok(_) => format!("HTTP {code}"),
            Err(problem) => format!("HTTP {code} with {problem}"),
        }
    }

    /// `limit 100, 0 left, resets in 42s`, from the `X-RateLimit-*` headers
    /// the Java SDK reads on HTTP 429; `None` when there are none.
    pub fn rate_limit(&self) -> Option<String> {
        let header = |name: &str| self.headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        let mut parts = Vec::new();
        if let Some(limit) = header("x-ratelimit-limit") {
            parts.push(format!("limit {limit}"));
        }
        if let Some(left) = header("x-ratelimit-remaining") {
            parts.push(format!("{left} left"));
        }
        if let Some(reset) = header("x-ratelimit-reset") {
            match reset.parse().ok().map(|r| seconds_until_reset(r, Timestamp::now())) {
                Some(secs) if secs > 0 => parts.push(format!("resets in {secs}s")),
                Some(_) => parts.push("resets now".to_string()),
                None => parts.push(format!("X-RateLimit-Reset {reset}")),
            }
        }
        Some(parts.join(", ")).filter(|l| !l.is_empty())
    }
}

/// `X-RateLimit-Reset` is "the UNIX timestamp of the expected time when the
/// rate limit will reset" (Java SDK `RateLimitException`); some servers send
/// seconds to wait or milliseconds instead, told apart by size.
pub(super) fn seconds_until_reset(reset: i64, now: Timestamp) -> i64 {
    const EPOCH_SECONDS_FLOOR: i64 = 1_000_000_000;
    const EPOCH_MILLIS_FLOOR: i64 = 1_000_000_000_000;
    if reset >= EPOCH_MILLIS_FLOOR {
        reset / 1000 - now.as_second()
    } else if reset >= EPOCH_SECONDS_FLOOR {
        reset - now.as_second()
    } else {
        reset
    }
}

/// Sends one request and reads the whole answer.
pub(super) async fn send(request: reqwest::RequestBuilder) -> Result<Reply, Transport> {
    let response = request.send().await.map_err(Transport::from_send)?;
    let status = response.status();
    let headers = response.headers().clone();
    // A body cut short means the request did reach Reloadly.
    let body = response.bytes().await.map_err(Transport::Lost)?;
    Ok(Reply {
        status,
        headers,
        body: body.to_vec(),
    })
}

impl Reloadly {
    async fn send_api(&self, call: &Call, token: &SecretString) -> Result<Reply, Transport> {
        let mut request = self
            .http
            .request(call.method.clone(), format!("{}{}", self.base_url, call.path))
            .header(ACCEPT, MEDIA_TYPE);
        if !call.query.is_empty() {
            request = request.query(&call.query);
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        send(request.bearer_auth(token.expose_secret())).await
    }

    /// Sends a call with the access token. When Reloadly answers 401 with
    /// `TOKEN_EXPIRED` or `INVALID_TOKEN`, fetches a new token once and sends
    /// the call once more.
    ///
    /// This retry is safe for `POST /topups` too: those codes come from the
    /// authentication that runs before any top-up is handled, so the first
    /// request was not processed. Should Reloadly have processed it anyway,
    /// the second carries the same `customIdentifier` and is refused as
    /// `CUSTOM_IDENTIFIER_ALREADY_USED` (an unknown outcome), not paid twice.
    /// Any other 401 is not retried.
    pub(super) async fn send_authed(&self, call: &Call) -> Result<Reply, Failure> {
        let token = self.token(None).await.map_err(Failure::Token)?;
        let reply = self.send_api(call, &token).await.map_err(Failure::Transport)?;
        if !reply.rejects_token() {
            return Ok(reply);
        }
        diag::note(format!(
            "Reloadly did not accept the access token for {call}; fetching a new one and sending it once more"
        ));
        let token = self.token(Some(&token)).await.map_err(Failure::Token)?;
        self.send_api(call, &token).await.map_err(Failure::Transport)
    }

    /// A read-only call whose answer is JSON of type `T`. Failures come back
    /// typed, with Reloadly's error code when it gave one.
    pub(super) async fn get_json<T: DeserializeOwned>(&self, call: &Call) -> Result<T, ReloadlyError> {
        let reply = match self.send_authed(call).await {
            Ok(reply) => reply,
            Err(Failure::Token(error)) => return Err(error),
            Err(Failure::Transport(t)) => return Err(transport_error(call, &t)),
        };
        if !reply.status.is_success() {
            return Err(status_error(call, &reply));
        }
        reply.json().map_err(|problem| ReloadlyError::Unreadable {
            call: call.to_string(),
            status: reply.status.as_u16(),
            problem,
        })
    }
}

/// No answer to a read-only call: temporary either way (nothing changes).
fn transport_error(call: &Call, transport: &Transport) -> ReloadlyError {
    let (call, why) = (call.to_string(), transport.describe());
    match transport {
        Transport::NotSent(_) => ReloadlyError::Unreachable { call, why },
        Transport::Lost(_) => ReloadlyError::Silent { call, why },
    }
}

/// A non-2xx answer to a read-only call.
fn status_error(call: &Call, reply: &Reply) -> ReloadlyError {
    let (status, call, summary) = (reply.status, call.to_string(), reply.status_summary());
    if status == StatusCode::TOO_MANY_REQUESTS {
        let limits = reply.rate_limit();
        return ReloadlyError::RateLimited { call, summary, limits };
    }
    let code = reply.error_code();
    let verdict = match code.as_deref().and_then(errors::meaning) {
        _ if status.is_server_error() => Verdict::ServerTrouble,
        Some(Meaning::Refused(refusal)) => Verdict::Refused(refusal),
        _ if matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN) => Verdict::Credentials,
        // Spring's `{status: 404, error: "Not Found"}` or a page from elsewhere:
        // the path does not exist there.
        _ if status == StatusCode::NOT_FOUND && reply.error_body().is_none_or(|b| b.error.is_some()) => {
            Verdict::NoRoute
        }
        _ => Verdict::Unexpected,
    };
    ReloadlyError::Answered {
        call,
        summary,
        code,
        verdict,
    }
}
