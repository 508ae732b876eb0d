//! OAuth client-credentials tokens: fetched from the auth server, kept in
//! memory and in a private file in the state directory until shortly before
//! they expire, so cron runs do not ask for a new token every time.

use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};
use reqwest::StatusCode;
use reqwest::header::ACCEPT;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Reloadly;
use super::api::TokenReply;
use super::client::{Reply, Transport, send};
use super::errors::ReloadlyError;
use super::store;
use crate::diag;

/// An access token and when to stop using it.
#[derive(Debug, Clone)]
pub(super) struct Token {
    pub value: SecretString,
    /// `None` when the auth server gave no lifetime: used for this run only.
    pub use_until: Option<Timestamp>,
}

impl Token {
    fn usable(&self, now: Timestamp) -> bool {
        self.use_until.is_none_or(|until| now < until)
    }
}

/// The token file. It holds the token (that is its point) but never the
/// client secret, and names what it is for so a stale or foreign file is
/// ignored.
#[derive(Serialize, Deserialize)]
struct TokenFile {
    client_id: String,
    audience: String,
    access_token: String,
    use_until: Timestamp,
}

/// A token is dropped this long before it expires, or a tenth of its
/// lifetime when that is shorter, so it never expires in flight.
const SAFETY_MARGIN: SignedDuration = SignedDuration::from_secs(300);

/// When to stop using a token that lives `lifetime_secs` from `now`.
pub(super) fn use_until(now: Timestamp, lifetime_secs: f64) -> Option<Timestamp> {
    if !lifetime_secs.is_finite() || lifetime_secs <= 0.0 {
        return None;
    }
    // Lifetimes are whole seconds; clamp absurd values rather than overflow.
    let lifetime = SignedDuration::from_secs(lifetime_secs.min(10.0 * 365.0 * 86400.0) as i64);
    let margin = SAFETY_MARGIN.min(lifetime / 10);
    now.checked_add(lifetime - margin).ok()
}

impl Reloadly {
    fn token_file(&self) -> PathBuf {
        let key = store::key(&[&self.settings.client_id, self.audience()]);
        self.settings.state_dir.join(format!("reloadly-token-{key}.json"))
    }

    /// A usable token: from memory, else the token file, else the auth
    /// server. With `rejected` (a token Reloadly just refused), another one:
    /// another call may already have fetched it; otherwise the auth server.
    pub(super) async fn token(&self, rejected: Option<&SecretString>) -> Result<SecretString, ReloadlyError> {
        let mut slot = self.token.lock().await;
        let now = Timestamp::now();
        let fresh = |t: &&Token| t.usable(now) && rejected.is_none_or(|r| t.value.expose_secret() != r.expose_secret());
        if let Some(token) = slot.as_ref().filter(fresh) {
            return Ok(token.value.clone());
        }
        *slot = None;
        // After a rejection the token file most likely holds the rejected token.
        let token = match rejected.is_none().then(|| self.read_token_file(now)).flatten() {
            Some(token) => token,
            None => self.fetch_token().await?,
        };
        let value = token.value.clone();
        *slot = Some(token);
        Ok(value)
    }

    fn read_token_file(&self, now: Timestamp) -> Option<Token> {
        let path = self.token_file();
        let file: TokenFile = match store::read(&path) {
            Ok(file) => file?,
            Err(e) => {
                diag::note(format!("ignoring the Reloadly token cache {}: {e}", path.display()));
                return None;
            }
        };
        let ours = file.client_id == self.settings.client_id && file.audience == self.audience();
        let token = Token {
            value: file.access_token.into(),
            use_until: Some(file.use_until),
        };
        (ours && token.usable(now)).then_some(token)
    }

    fn write_token_file(&self, token: &Token) {
        let Some(use_until) = token.use_until else {
            return;
        };
        let file = TokenFile {
            client_id: self.settings.client_id.clone(),
            audience: self.audience().to_string(),
            access_token: token.value.expose_secret().to_string(),
            use_until,
        };
        let path = self.token_file();
        if let Err(e) = store::write_private(&path, &file) {
            diag::note(format!("could not cache the Reloadly token in {}: {e}", path.display()));
        }
    }

    /// `POST auth_url` with the client credentials. Once the auth server
    /// refused them, this process does not ask again: the answer would be the
    /// same, and `auto` would ask once per line.
    async fn fetch_token(&self) -> Result<Token, ReloadlyError> {
        if let Some(refusal) = self.credentials_refused.get() {
            return Err(refusal.clone());
        }
        let token = self.ask_for_token().await;
        if let Err(e) = &token
            && e.refuses_credentials()
        {
            let _ = self.credentials_refused.set(e.clone());
        }
        token
    }

    async fn ask_for_token(&self) -> Result<Token, ReloadlyError> {
        diag::note(format!("fetching a Reloadly access token for {}", self.audience()));
        let body = json!({
            "client_id": self.settings.client_id,
            "client_secret": self.settings.client_secret.expose_secret(),
            "grant_type": "client_credentials",
            "audience": self.audience(),
        });
        let request = self.http.post(&self.auth_url).header(ACCEPT, "application/json");
        let reply = send(request.json(&body)).await.map_err(|t| auth_transport_error(&t))?;
        let token = read_token(&reply)?;
        self.write_token_file(&token);
        Ok(token)
    }
}

fn auth_transport_error(transport: &Transport) -> ReloadlyError {
    match transport {
        Transport::NotSent(_) => ReloadlyError::AuthUnreachable(transport.describe()),
        Transport::Lost(_) => ReloadlyError::AuthSilent(transport.describe()),
    }
}

/// The token in a 2xx answer, or what the failure means.
fn read_token(reply: &Reply) -> Result<Token, ReloadlyError> {
    let status = reply.status;
    let code = reply.error_code();
    if status == StatusCode::UNAUTHORIZED
        || status == StatusCode::FORBIDDEN
        || code.as_deref() == Some("INVALID_CREDENTIALS")
    {
        return Err(ReloadlyError::CredentialsRejected(reply.status_summary()));
    }
    if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
        return Err(ReloadlyError::AuthBusy(reply.status_summary()));
    }
    if !status.is_success() {
        return Err(ReloadlyError::AuthRefused(reply.status_summary()));
    }
    let parsed: TokenReply = reply.json().map_err(|problem| ReloadlyError::AuthUnreadable {
        status: status.as_u16(),
        problem,
    })?;
    let value = parsed
        .access_token
        .filter(|t| !t.trim().is_empty())
        .ok_or(ReloadlyError::NoToken)?;
    Ok(Token {
        value: value.into(),
        use_until: parsed.expires_in.and_then(|secs| use_until(Timestamp::now(), secs)),
    })
}
