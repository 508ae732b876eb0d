//! Reloadly Airtime API channel: pays prepaid top-ups from a Reloadly
//! account. Follows the official spec (`shared/reference/reloadly.openapi.yaml`)
//! and the official SDKs' behaviour; facts and sources in
//! `shared/reference/gateways.md` §1.
//!
//! Money safety: the order id is sent as `customIdentifier`, and `POST
//! /topups` is sent at most once per call. Any failure after the request may
//! have reached Reloadly is an unknown outcome for `reconcile`, never a retry
//! (see `topup.rs`).

mod api;
mod auth;
mod channel;
mod client;
mod errors;
mod operators;
mod plans;
mod store;
mod topup;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use serde::Serialize;

pub use api::{OperatorFx, ReloadlyOperator};
pub use channel::ReloadlyChannel;
pub use errors::{CREDENTIALS_HINT, Refusal, Refuser, ReloadlyError, Verdict};
pub use operators::Promotion;
pub use plans::ReloadlyPlan;
pub use topup::TopupRequest;

use crate::domain::Operator;

/// Which Reloadly system to use (`[reloadly] environment`). Sandbox and
/// live have separate accounts, credentials and operator catalogues.
pub use crate::config::ReloadlyEnvironment as Environment;

impl Environment {
    /// The Airtime host (spec `servers`; Java SDK `ServiceURLs`).
    ///
    /// It is also the token's `audience`: the spec's samples leave the
    /// audience as a placeholder (`INSERT_PRODUCT_SERVER_URL_HERE`); the
    /// official Node SDK and go-reloadly send the service URL, so this does.
    pub fn host(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://topups-sandbox.reloadly.com",
            Environment::Live => "https://topups.reloadly.com",
        }
    }
}

/// The token server of every Reloadly product.
pub const DEFAULT_AUTH_URL: &str = "https://auth.reloadly.com/oauth/token";

/// How to reach Reloadly. `Debug` shows the secret as `[REDACTED]`.
#[derive(Debug, Clone)]
pub struct ReloadlySettings {
    pub environment: Environment,
    pub client_id: String,
    pub client_secret: secrecy::SecretString,
    /// Overrides the environment's host (tests, proxies). The token's
    /// audience stays the environment's host.
    pub base_url: Option<String>,
    /// Defaults to [`DEFAULT_AUTH_URL`].
    pub auth_url: Option<String>,
    /// The token's `audience`; defaults to the environment's host. Which
    /// audience Reloadly wants today is not settled in its own sources (see
    /// `Environment::host`), so a user whose tokens are refused can set it.
    pub audience: Option<String>,
    /// For each HTTP call, from connecting to the end of the answer.
    pub timeout: Duration,
    /// Where the token and operator caches live.
    pub state_dir: PathBuf,
}

/// The Reloadly account's balance (`GET /accounts/balance`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountBalance {
    pub balance: f64,
    /// ISO 4217, e.g. `USD`.
    pub currency: String,
    pub currency_name: Option<String>,
    /// As Reloadly writes it (`2021-12-04 08:45:51`).
    pub updated_at: Option<String>,
}

/// A Reloadly client. Share it by reference; calls may run concurrently.
pub struct Reloadly {
    settings: ReloadlySettings,
    http: reqwest::Client,
    base_url: String,
    auth_url: String,
    token: futures_util::lock::Mutex<Option<auth::Token>>,
    /// The auth server's refusal of the credentials, once heard.
    credentials_refused: std::sync::OnceLock<ReloadlyError>,
    /// The operator cache in memory; written back on drop when dirty.
    operator_cache: std::sync::Mutex<Option<operators::OperatorCache>>,
    /// Promotions by operator id, for this process.
    promotions: std::sync::Mutex<std::collections::HashMap<i64, Vec<Promotion>>>,
    /// One fetch of a shared answer (a country's operators, an operator's
    /// promotions) at a time, so that lines starting together wait for the
    /// first one's answer instead of each asking.
    fetching: Gates,
}

/// A gate per key: who holds it fetches, who waits then finds the answer
/// kept. Keys are few (a country, a handful of operators).
#[derive(Default)]
struct Gates(std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<tokio::sync::Mutex<()>>>>);

impl Gates {
    async fn turn(&self, key: String) -> tokio::sync::OwnedMutexGuard<()> {
        let gate = std::sync::Arc::clone(self.0.lock().unwrap_or_else(|p| p.into_inner()).entry(key).or_default());
        gate.lock_owned().await
    }
}

impl Drop for Reloadly {
    fn drop(&mut self) {
        self.flush_cache();
    }
}

impl fmt::Debug for Reloadly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reloadly")
            .field("environment", &self.settings.environment)
            .field("base_url", &self.base_url)
            .field("client_id", &self.settings.client_id)
            .finish_non_exhaustive()
    }
}

/// Connecting may take at most this long, within the call's timeout. A
/// connect failure is known to have sent nothing, so it is worth telling
/// apart from a slow answer.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

impl Reloadly {
    /// A client for `settings`, which the config has checked (a client id,
    /// URLs that parse, a timeout above zero) and the secret's source (not
    /// empty).
    pub fn new(settings: ReloadlySettings) -> anyhow::Result<Self> {
        let base_url = settings
            .base_url
            .as_deref()
            .unwrap_or(settings.environment.host())
            .trim_end_matches('/')
            .to_string();
        let auth_url = settings.auth_url.as_deref().unwrap_or(DEFAULT_AUTH_URL).to_string();
        let http = crate::http::client_builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(CONNECT_TIMEOUT))
            // A redirected POST would become a GET; no Reloadly call redirects.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("topup/", env!("CARGO_PKG_VERSION")))
            .build()
            .with_context(|| crate::t!("reloadly-http-client-setup"))?;
        Ok(Reloadly {
            settings,
            http,
            base_url,
            auth_url,
            token: futures_util::lock::Mutex::new(None),
            credentials_refused: std::sync::OnceLock::new(),
            operator_cache: std::sync::Mutex::new(None),
            promotions: std::sync::Mutex::new(std::collections::HashMap::new()),
            fetching: Gates::default(),
        })
    }

    fn audience(&self) -> &str {
        self.settings
            .audience
            .as_deref()
            .unwrap_or(self.settings.environment.host())
    }

    /// `GET /accounts/balance`.
    pub async fn account_balance(&self) -> anyhow::Result<AccountBalance> {
        let call = client::Call::get("/accounts/balance");
        let reply: api::BalanceReply = self.get_json(&call).await?;
        let balance = reply
            .balance
            .with_context(|| crate::t!("reloadly-no-balance", call = call.to_string()))?;
        Ok(AccountBalance {
            balance,
            currency: reply.currency_code.unwrap_or_default(),
            currency_name: reply.currency_name,
            updated_at: reply.updated_at,
        })
    }
}

/// For the fuzzer (`fuzz/fuzz_targets/reloadly_decode.rs`): reads `body` as
/// every answer shape topup parses, and judges it as an answer to
/// `POST /topups` with HTTP `status`. Pure: no I/O. Must never panic.
#[doc(hidden)]
pub fn fuzz_decode(status: u16, body: &[u8]) {
    let reply = client::Reply {
        status: reqwest::StatusCode::from_u16(status).unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR),
        headers: reqwest::header::HeaderMap::new(),
        body: body.to_vec(),
    };
    let _ = reply.json::<api::TokenReply>();
    let _ = reply.json::<api::BalanceReply>();
    let _ = reply.json::<ReloadlyOperator>();
    let _ = reply.json::<Vec<ReloadlyOperator>>();
    let _ = reply.json::<api::Transaction>();
    let _ = reply.json::<api::StatusReply>();
    let _ = reply.json::<api::Page<api::Transaction>>();
    let _ = reply.json::<api::PromotionList>();
    let _ = reply.error_body();
    let _ = reply.error_code();
    let _ = reply.status_summary();
    topup::judge_for_fuzzing(&reply);
    if let Ok(op) = reply.json::<ReloadlyOperator>() {
        for operator in Operator::ALL {
            let _ = plans::build(&op, operator);
        }
    }
}
