//! What went wrong talking to a HiLink router, with what the message needs.
//! `error.rs` gives each its exit code and hint.
//!
//! Error codes are `huawei-lte-api`'s (`enums/client.py`, `enums/user.py`,
//! at the commit the reference notes cite).

#[derive(Debug, thiserror::Error)]
pub enum HilinkError {
    /// Nothing answers at the address (connection refused, no route).
    #[error("{}", crate::t!("hilink-unreachable", url = url.as_str(), why = why.as_str()))]
    Unreachable { url: String, why: String },
    /// A request got no answer in time: it may have arrived.
    #[error("{}", crate::t!("hilink-timed-out", url = url.as_str(), secs = secs.to_string()))]
    TimedOut { url: String, secs: u64 },
    /// The request failed after it was sent (reset, a broken answer).
    #[error("{}", crate::t!("hilink-http", url = url.as_str(), why = why.as_str()))]
    Http { url: String, why: String },
    #[error("{}", crate::t!("hilink-http-status", url = url.as_str(), status = status.to_string()))]
    HttpStatus { url: String, status: u16 },
    /// An answer that is not the API's XML, or lacks what it must hold.
    #[error("{}", crate::t!("hilink-unreadable", endpoint = endpoint.as_str(), why = why.as_str()))]
    Unreadable { endpoint: String, why: String },
    /// 100002 on `api/ussd/send`: the firmware does not offer USSD.
    #[error("{}", crate::t!("hilink-no-ussd", url = url.as_str()))]
    NoUssd { url: String },
    /// 100002 elsewhere.
    #[error("{}", crate::t!("hilink-not-supported", endpoint = endpoint.as_str()))]
    NotSupported { endpoint: String },
    /// 100003: the router wants a login topup has not got (or lost).
    #[error("{}", crate::t!("hilink-login-needed", url = url.as_str()))]
    LoginNeeded { url: String, configured: bool },
    /// 100004.
    #[error("{}", crate::t!("hilink-busy", url = url.as_str()))]
    Busy { url: String },
    /// 108001, 108002, 108006: the username or password is wrong.
    #[error("{}", crate::t!("hilink-wrong-password", url = url.as_str(), code = code.to_string()))]
    WrongPassword { url: String, code: u32 },
    /// 108007: too many wrong tries; the router waits before the next.
    #[error("{}", crate::t!("hilink-too-many-tries", url = url.as_str()))]
    TooManyTries { url: String },
    /// 125002/125003 again after a new session and login.
    #[error("{}", crate::t!("hilink-session", url = url.as_str(), code = code.to_string()))]
    Session { url: String, code: u32 },
    /// Any other error code.
    #[error("{}", crate::t!("hilink-device-error", endpoint = endpoint.as_str(), code = code.to_string()))]
    Device { endpoint: String, code: u32 },
    /// A request answered with something other than `OK`.
    #[error("{}", crate::t!("hilink-not-ok", endpoint = endpoint.as_str(), answer = answer.as_str()))]
    NotOk { endpoint: String, answer: String },
    /// `api/ussd/send` answered something other than `OK`.
    #[error("{}", crate::t!("hilink-ussd-refused", answer = answer.as_str()))]
    UssdRefused { answer: String },
    /// `api/ussd/status` still showed a request in progress after `secs`.
    #[error("{}", crate::t!("hilink-ussd-no-reply", secs = secs.to_string()))]
    UssdNoReply { secs: u64 },
    /// The status ended but `api/ussd/get` held no text.
    #[error("{}", crate::t!("hilink-ussd-empty"))]
    UssdEmpty,
    /// A USSD request the router had taken, whose reply could not be read:
    /// the network may have acted on it.
    #[error("{}", crate::t!("hilink-ussd-after-send", why = .0.to_string()))]
    AfterSend(Box<HilinkError>),
    /// A USSD failure while the router is on LTE (`Rat` 7), which may be
    /// its cause.
    #[error("{}", crate::t!("hilink-on-lte", failure = .0.to_string()))]
    OnLte(Box<HilinkError>),
    /// `api/net/current-plmn` names no network.
    #[error("{}", crate::t!("hilink-no-network", url = url.as_str()))]
    NoNetwork { url: String },
}

impl HilinkError {
    /// The error for an API error code from `endpoint`. 125002/125003 are
    /// retried once with a new session before they become `Session`.
    pub fn from_code(code: u32, endpoint: &str, url: &str, logs_in: bool) -> HilinkError {
        let url = url.to_string();
        match code {
            100002 if endpoint.starts_with("ussd/") => HilinkError::NoUssd { url },
            100002 => HilinkError::NotSupported {
                endpoint: endpoint.to_string(),
            },
            100003 => HilinkError::LoginNeeded {
                url,
                configured: logs_in,
            },
            100004 => HilinkError::Busy { url },
            108001 | 108002 | 108006 => HilinkError::WrongPassword { url, code },
            108007 => HilinkError::TooManyTries { url },
            SESSION_ERROR | WRONG_SESSION_TOKEN => HilinkError::Session { url, code },
            _ => HilinkError::Device {
                endpoint: endpoint.to_string(),
                code,
            },
        }
    }

    /// Whether the USSD request this error ended may have reached the
    /// network: not when the router refused it, or was never reached.
    pub fn may_have_reached_network(&self) -> bool {
        use HilinkError::*;
        match self {
            OnLte(failure) => failure.may_have_reached_network(),
            Unreachable { .. } | NoUssd { .. } | NotSupported { .. } | LoginNeeded { .. } | Busy { .. } => false,
            WrongPassword { .. } | TooManyTries { .. } | Session { .. } | NoNetwork { .. } => false,
            _ => true,
        }
    }

    /// A failure of USSD itself (not of the router or the login), which an
    /// LTE-only network mode may explain.
    pub fn is_ussd_failure(&self) -> bool {
        use HilinkError::*;
        match self {
            AfterSend(inner) => !matches!(**inner, Unreachable { .. } | Busy { .. } | Session { .. }),
            UssdRefused { .. } | UssdNoReply { .. } | UssdEmpty | Device { .. } => true,
            _ => false,
        }
    }
}

/// `huawei-lte-api`'s ERROR_SYSTEM_CSRF and ERROR_WRONG_SESSION_TOKEN.
pub const SESSION_ERROR: u32 = 125002;
pub const WRONG_SESSION_TOKEN: u32 = 125003;
