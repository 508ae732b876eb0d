//! A session with a HiLink router's web API, as `huawei-lte-api`'s
//! `Session.py` and `User.py` hold one (reference §A3):
//!
//! 1. GET the root page and take every `<meta name="csrf_token"
//!    content="…">`; without any, `api/webserver/token`'s `token`, else
//!    `api/webserver/SesTokInfo`'s `TokInfo` (its `SesInfo` is the cookie).
//! 2. Each POST sends `__RequestVerificationToken`, taking the first of
//!    several tokens; new ones come back in the response headers
//!    `__RequestVerificationTokenone`/`two` or `__RequestVerificationToken`.
//!    A token kept because it was the only one is dropped once a new one
//!    comes (the library keeps it and sends it once more).
//! 3. Login: `api/user/state-login`'s `password_type`, then POST
//!    `api/user/login`; type 4 sends base64(sha256hex(username +
//!    base64(sha256hex(password)) + token)), others base64(password). The
//!    tokens are then the login answer's.
//! 4. 125002/125003 (and 100003 when topup logs in) start a new session,
//!    with its login, once; the request is then sent again.
//!
//! Bodies are XML: `<request>…</request>` out, `<response>…</response>` or
//! `<error><code>…</code></error>` back. Cookies are kept by hand (the
//! router sets a `SessionID`).

use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use quick_xml::events::Event;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::error::{HilinkError, SESSION_ERROR, WRONG_SESSION_TOKEN};

/// The username `huawei-lte-api` logs in with when only a password is given.
const DEFAULT_USERNAME: &str = "admin";

/// The most of an answer topup reads: an SMS list page is a few kB.
const MAX_BODY: usize = 1 << 20;

pub struct Credentials {
    pub username: Option<String>,
    pub password: SecretString,
}

pub struct Session {
    http: reqwest::Client,
    /// The router's address, ending in `/`.
    base: reqwest::Url,
    /// As the user wrote it, for messages.
    shown: String,
    timeout: Duration,
    login: Option<Credentials>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    tokens: VecDeque<String>,
    /// The first token was sent and kept (it was the only one).
    front_sent: bool,
    cookies: BTreeMap<String, String>,
}

/// A request, kept so that it can be sent again after a new session.
#[derive(Clone, Copy)]
enum Req<'a> {
    Get(&'a str),
    Post(&'a str, &'a str),
}

impl Req<'_> {
    fn endpoint(&self) -> &str {
        match self {
            Req::Get(e) | Req::Post(e, _) => e,
        }
    }
}

/// An answer's root: `<response>` or `<error>`.
#[derive(Deserialize)]
struct ApiError {
    code: String,
}

#[derive(Deserialize)]
struct Token {
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct SesTokInfo {
    ses_info: Option<String>,
    tok_info: Option<String>,
}

#[derive(Deserialize)]
struct StateLogin {
    password_type: Option<String>,
}

impl Session {
    /// Opens a session with the router at `url`: the token handshake, then
    /// the login when `login` is given.
    pub async fn open(url: &str, timeout: Duration, login: Option<Credentials>) -> Result<Session, HilinkError> {
        let mut base = reqwest::Url::parse(url).map_err(|e| HilinkError::Unreachable {
            url: url.to_string(),
            why: e.to_string(),
        })?;
        // Credentials in the address are dropped, as the library does.
        let _ = base.set_username("");
        let _ = base.set_password(None);
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        let http = crate::http::client_builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A router on the LAN is never reached through a proxy.
            .no_proxy()
            .build()
            .map_err(|e| HilinkError::Http {
                url: url.to_string(),
                why: e.to_string(),
            })?;
        let session = Session {
            http,
            base,
            shown: url.to_string(),
            timeout,
            login,
            state: Mutex::new(State::default()),
        };
        session.start().await?;
        Ok(session)
    }

    pub fn url(&self) -> &str {
        &self.shown
    }

    /// The handshake and, when configured, the login.
    async fn start(&self) -> Result<(), HilinkError> {
        self.handshake().await?;
        if self.login.is_some() {
            self.log_in().await?;
        }
        Ok(())
    }

    async fn handshake(&self) -> Result<(), HilinkError> {
        *self.lock() = State::default();
        // The page is read for its meta tags only (the library does not
        // check its status either): a page that is not there has none.
        let page = match self.send_raw(Req::Get(""), "").await {
            Ok((_, page)) => page,
            Err(HilinkError::HttpStatus { .. }) => String::new(),
            Err(e) => return Err(e),
        };
        let metas = csrf_metas(&page);
        if !metas.is_empty() {
            self.lock().tokens = metas.into();
            return Ok(());
        }
        // Some firmwares have no `webserver/token` (reference: #250, a
        // missing `token`): any failure there, or no token, falls back.
        let token = match self.once(Req::Get("webserver/token")).await {
            Ok(body) => parse::<Token>("webserver/token", &body).ok().and_then(|t| t.token),
            Err(HilinkError::Unreachable { url, why }) => return Err(HilinkError::Unreachable { url, why }),
            Err(_) => None,
        };
        if let Some(token) = token.filter(|t| !t.trim().is_empty()) {
            self.lock().tokens.push_back(token.trim().to_string());
            return Ok(());
        }
        match self.once(Req::Get("webserver/SesTokInfo")).await {
            Ok(body) => {
                let info = parse::<SesTokInfo>("webserver/SesTokInfo", &body)?;
                let mut state = self.lock();
                if let Some((name, value)) = info.ses_info.as_deref().and_then(|c| c.trim().split_once('=')) {
                    state.cookies.insert(name.to_string(), value.to_string());
                }
                if let Some(token) = info.tok_info.filter(|t| !t.trim().is_empty()) {
                    state.tokens.push_back(token.trim().to_string());
                }
                Ok(())
            }
            // A device with no tokens at all: requests go without one.
            Err(HilinkError::NotSupported { .. } | HilinkError::HttpStatus { status: 404, .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    async fn log_in(&self) -> Result<(), HilinkError> {
        let Some(login) = &self.login else { return Ok(()) };
        let password_type = match self.once(Req::Get("user/state-login")).await {
            Ok(body) => parse::<StateLogin>("user/state-login", &body)?
                .password_type
                .and_then(|t| t.trim().parse::<u32>().ok())
                .unwrap_or(0),
            // No login on this device (the library's answer too).
            Err(HilinkError::NotSupported { .. }) => return Ok(()),
            Err(e) => return Err(e),
        };
        let username = login.username.as_deref().unwrap_or(DEFAULT_USERNAME);
        let token = self.lock().tokens.front().cloned().unwrap_or_default();
        let password = encode_password(username, login.password.expose_secret(), password_type, &token);
        let body = request(&[
            ("Username", username),
            ("Password", &password),
            ("password_type", &password_type.to_string()),
        ]);
        let (headers, answer) = self.send_raw(Req::Post("user/login", &body), "api/").await?;
        // The login answer's tokens replace the old ones.
        {
            let mut state = self.lock();
            state.tokens.clear();
            state.front_sent = false;
            take_tokens(&mut state, &headers);
        }
        check(&answer, "user/login", &self.shown, true)?;
        Ok(())
    }

    /// Logs out, if topup logged in; failures only matter to the router.
    pub async fn close(&self) {
        if self.login.is_some() {
            let body = request(&[("Logout", "1")]);
            if let Err(e) = self.once(Req::Post("user/logout", &body)).await {
                crate::diag::note(format!("logging out of the HiLink router: {e}"));
            }
        }
    }

    /// GET `api/<endpoint>`, read as `T`.
    pub async fn get<T: DeserializeOwned>(&self, endpoint: &str) -> Result<T, HilinkError> {
        let body = self.call(Req::Get(endpoint)).await?;
        parse(endpoint, &body)
    }

    /// POST `api/<endpoint>` with `<request>` holding `fields`, read as `T`.
    pub async fn post<T: DeserializeOwned>(&self, endpoint: &str, fields: &[(&str, &str)]) -> Result<T, HilinkError> {
        let body = self.call(Req::Post(endpoint, &request(fields))).await?;
        parse(endpoint, &body)
    }

    /// POST that the router answers with `<response>OK</response>`; what it
    /// answered otherwise.
    pub async fn post_ok(&self, endpoint: &str, fields: &[(&str, &str)]) -> Result<Result<(), String>, HilinkError> {
        let body = self.call(Req::Post(endpoint, &request(fields))).await?;
        let text = root_text(&body).unwrap_or_default();
        Ok(if text.trim() == "OK" { Ok(()) } else { Err(text) })
    }

    /// A request, with one new session when the router says the session is
    /// gone (or, with a login, that one is needed).
    async fn call(&self, req: Req<'_>) -> Result<String, HilinkError> {
        match self.once(req).await {
            Err(e) if self.renews(&e) => {
                crate::diag::note(format!("the HiLink router ended the session ({e}); starting a new one"));
                self.start().await?;
                self.once(req).await
            }
            other => other,
        }
    }

    fn renews(&self, e: &HilinkError) -> bool {
        match e {
            HilinkError::Session { code, .. } => matches!(*code, SESSION_ERROR | WRONG_SESSION_TOKEN),
            HilinkError::LoginNeeded { .. } => self.login.is_some(),
            _ => false,
        }
    }

    /// One request; an `<error>` answer becomes its error.
    async fn once(&self, req: Req<'_>) -> Result<String, HilinkError> {
        let (_, body) = self.send_raw(req, "api/").await?;
        check(&body, req.endpoint(), &self.shown, self.login.is_some())?;
        Ok(body)
    }

    /// Sends `req` to `<prefix><endpoint>` with the session's cookies and
    /// token, keeps the new ones; the headers and the body.
    async fn send_raw(&self, req: Req<'_>, prefix: &str) -> Result<(reqwest::header::HeaderMap, String), HilinkError> {
        let endpoint = format!("{prefix}{}", req.endpoint());
        let url = self.base.join(&endpoint).map_err(|e| HilinkError::Unreachable {
            url: self.shown.clone(),
            why: e.to_string(),
        })?;
        let (cookie, token) = {
            let mut state = self.lock();
            let cookie: Vec<String> = state.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let token = match req {
                // GETs carry the token only when there is exactly one.
                Req::Get(_) => (state.tokens.len() == 1).then(|| state.tokens[0].clone()),
                Req::Post(..) if state.tokens.len() > 1 => {
                    state.front_sent = false;
                    state.tokens.pop_front()
                }
                Req::Post(..) => {
                    state.front_sent = !state.tokens.is_empty();
                    state.tokens.front().cloned()
                }
            };
            (cookie.join("; "), token)
        };
        let mut builder = match req {
            Req::Get(_) => self.http.get(url),
            Req::Post(_, body) => self
                .http
                .post(url)
                .header(reqwest::header::CONTENT_TYPE, "application/xml")
                .body(body.to_string()),
        };
        if !cookie.is_empty() {
            builder = builder.header(reqwest::header::COOKIE, cookie);
        }
        if let Some(token) = token {
            builder = builder.header("__RequestVerificationToken", token);
        }
        let response = builder.send().await.map_err(|e| self.transport(e))?;
        let status = response.status();
        let headers = response.headers().clone();
        {
            let mut state = self.lock();
            for value in headers.get_all(reqwest::header::SET_COOKIE) {
                if let Some((name, value)) = value
                    .to_str()
                    .ok()
                    .and_then(|c| c.split(';').next())
                    .and_then(|c| c.split_once('='))
                {
                    state.cookies.insert(name.trim().to_string(), value.trim().to_string());
                }
            }
            if matches!(req, Req::Post(..)) {
                take_tokens(&mut state, &headers);
            }
        }
        let bytes = response.bytes().await.map_err(|e| self.transport(e))?;
        if !status.is_success() {
            return Err(HilinkError::HttpStatus {
                url: self.shown.clone(),
                status: status.as_u16(),
            });
        }
        if bytes.len() > MAX_BODY {
            return Err(HilinkError::Unreadable {
                endpoint,
                why: format!("{} bytes", bytes.len()),
            });
        }
        Ok((headers, String::from_utf8_lossy(&bytes).into_owned()))
    }

    fn transport(&self, e: reqwest::Error) -> HilinkError {
        let url = self.shown.clone();
        if e.is_connect() {
            let why = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
            HilinkError::Unreachable { url, why }
        } else if e.is_timeout() {
            HilinkError::TimedOut {
                url,
                secs: self.timeout.as_secs(),
            }
        } else {
            HilinkError::Http {
                url,
                why: e.without_url().to_string(),
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// New tokens from a POST's answer; the one kept because it was alone is
/// spent once a new one comes.
fn take_tokens(state: &mut State, headers: &reqwest::header::HeaderMap) {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
    };
    let fresh: Vec<String> = match header("__RequestVerificationTokenone") {
        Some(one) => std::iter::once(one)
            .chain(header("__RequestVerificationTokentwo"))
            .collect(),
        None => header("__RequestVerificationToken").into_iter().collect(),
    };
    if fresh.is_empty() {
        return;
    }
    if state.front_sent {
        state.tokens.pop_front();
        state.front_sent = false;
    }
    state.tokens.extend(fresh);
}

/// Every `<meta name="csrf_token" content="…">` of a page, in order.
fn csrf_metas(page: &str) -> Vec<String> {
    static META: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"name="csrf_token"\s+content="([^"\s]+)""#).expect("a valid pattern")
    });
    META.captures_iter(page).map(|c| c[1].to_string()).collect()
}

/// The password as `api/user/login` takes it for `password_type`.
pub fn encode_password(username: &str, password: &str, password_type: u32, token: &str) -> String {
    let sha256_hex = |data: &[u8]| -> String { Sha256::digest(data).iter().map(|b| format!("{b:02x}")).collect() };
    if password_type == 4 {
        let inner = B64.encode(sha256_hex(password.as_bytes()));
        B64.encode(sha256_hex(format!("{username}{inner}{token}").as_bytes()))
    } else {
        B64.encode(password.as_bytes())
    }
}

/// `<request>` holding `fields` in order (the B525s-23a is order
/// sensitive); a name `Phones/Phone` nests.
pub fn request(fields: &[(&str, &str)]) -> String {
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?><request>"#);
    for (name, value) in fields {
        let names: Vec<&str> = name.split('/').collect();
        for n in &names {
            xml.push_str(&format!("<{n}>"));
        }
        xml.push_str(&quick_xml::escape::escape(*value));
        for n in names.iter().rev() {
            xml.push_str(&format!("</{n}>"));
        }
    }
    xml.push_str("</request>");
    xml
}

/// The name of a document's root element and its text, if it has only text.
fn root(body: &str) -> Option<(String, String)> {
    let mut reader = quick_xml::Reader::from_str(body);
    let mut name = None;
    let mut text = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if name.is_none() => name = Some(AsRef::<str>::as_ref(&e.name()).to_string()),
            Event::Empty(e) if name.is_none() => {
                return Some((AsRef::<str>::as_ref(&e.name()).to_string(), String::new()));
            }
            Event::Start(_) | Event::Empty(_) => return name.map(|n| (n, String::new())),
            Event::Text(t) if name.is_some() => text.push_str(&t.xml10_content()),
            Event::End(_) | Event::Eof => return name.map(|n| (n, text)),
            _ => {}
        }
    }
}

fn root_text(body: &str) -> Option<String> {
    root(body).map(|(_, text)| text)
}

/// An `<error>` answer as its error; anything else passes.
fn check(body: &str, endpoint: &str, url: &str, logs_in: bool) -> Result<(), HilinkError> {
    if root(body).is_some_and(|(name, _)| name == "error") {
        let code = parse::<ApiError>(endpoint, body)?;
        let code = code.code.trim().parse::<u32>().map_err(|_| HilinkError::Unreadable {
            endpoint: endpoint.to_string(),
            why: format!("error code {:?}", code.code),
        })?;
        return Err(HilinkError::from_code(code, endpoint, url, logs_in));
    }
    Ok(())
}

/// The answer of `endpoint` as `T`.
fn parse<T: DeserializeOwned>(endpoint: &str, body: &str) -> Result<T, HilinkError> {
    quick_xml::de::from_str(body).map_err(|e| HilinkError::Unreadable {
        endpoint: endpoint.to_string(),
        why: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_type_4_is_the_librarys_salted_sha256() {
        // base64(sha256hex("admin" + base64(sha256hex("secret")) + "tok")),
        // as Python's hashlib and base64 compute it (the library's own code).
        assert_eq!(
            encode_password("admin", "secret", 4, "tok"),
            "MzQ4ODljNDIyNzQ2NzQ2NjI1MGRmOTQ0MGQ4MDcyZDY3NDczYzE4NDliZmFiMjNhNzVmMDAxNmM3Y2E5YjFjMw=="
        );
        // Type 0: base64 of the password.
        assert_eq!(encode_password("admin", "secret", 0, "tok"), "c2VjcmV0");
    }

    #[test]
    fn answers_are_read_by_their_root() {
        assert_eq!(
            root_text("<?xml version=\"1.0\"?>\n<response>OK</response>").as_deref(),
            Some("OK")
        );
        let err = check(
            "<error><code>100003</code><message></message></error>",
            "ussd/send",
            "u",
            false,
        );
        assert!(matches!(err, Err(HilinkError::LoginNeeded { .. })), "{err:?}");
        let err = check("<error><code>100002</code><message/></error>", "ussd/send", "u", false);
        assert!(matches!(err, Err(HilinkError::NoUssd { .. })), "{err:?}");
        assert!(check("<response><token>x</token></response>", "webserver/token", "u", false).is_ok());
        let t: Token = parse("webserver/token", "<response><token>abc</token></response>").unwrap();
        assert_eq!(t.token.as_deref(), Some("abc"));
    }

    #[test]
    fn csrf_tokens_come_from_the_pages_meta_tags() {
        let page =
            "<head><meta name=\"csrf_token\" content=\"aaa\"/>\n<meta name=\"csrf_token\" content=\"bbb\"/></head>";
        assert_eq!(csrf_metas(page), ["aaa", "bbb"]);
        assert!(csrf_metas("<html></html>").is_empty());
    }

    #[test]
    fn requests_escape_their_values() {
        assert_eq!(
            request(&[("content", "*103#"), ("x", "<&>"), ("Phones/Phone", "103")]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><request><content>*103#</content><x>&lt;&amp;&gt;</x>\
             <Phones><Phone>103</Phone></Phones></request>"
        );
    }
}
