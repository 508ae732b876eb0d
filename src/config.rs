//! Config: TOML at `--config`, `$TOPUP_CONFIG` or `$XDG_CONFIG_HOME/topup/config.toml`.
//! No file means the sandbox with its demo lines.
//!
//! Every key is checked: unknown keys and bad values fail with file, line,
//! column, the key and what was expected (exit 2). Cross-field rules (a line
//! paying with Reloadly needs `[reloadly]`, …) are checked after parsing and
//! point at the line's table.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use jiff::SignedDuration;
use serde::{Deserialize, Deserializer};
use toml::Spanned;

use crate::domain::{Clp, DataAmount, ModemSelector, Msisdn, Operator, PayMethod, Plan, PlanId, timefmt};
use crate::policy::{AutoPolicy, Caps};
use crate::ussd::UssdSteps;
use crate::ussd::parse::ReplyPatterns;

/// Where a line's readings come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, strum::Display, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum BalanceMethod {
    Sandbox,
    Modem,
    Ledger,
    // A Huawei HiLink router or stick, through its web API (`[hilink]`).
    // Not offered by `config init` yet: it writes no `[hilink]`.
    #[value(skip)]
    Hilink,
}

impl BalanceMethod {
    /// Whether readings come from the SIM itself (a modem or a HiLink
    /// router): the operator may come from the network, and plans may be
    /// bought with saldo over USSD.
    pub fn reads_sim(self) -> bool {
        matches!(self, BalanceMethod::Modem | BalanceMethod::Hilink)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReloadlyEnvironment {
    Sandbox,
    Live,
}

/// A configured line, resolved and validated; `lines --json` shows it as is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Line {
    pub name: String,
    pub msisdn: Msisdn,
    /// `None` only when the balance comes from a modem: the SIM says.
    pub operator: Option<Operator>,
    pub balance: BalanceMethod,
    /// Default payment method for `renew`; `None` means ask or `--pay`.
    pub pay: Option<PayMethod>,
    /// Which ModemManager modem holds the SIM.
    pub modem: ModemSelector,
    /// Which `[hilink.routers.NAME]` holds the SIM (`balance = "hilink"`);
    /// `None`: the `[hilink]` router.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub router: Option<String>,
    pub auto: Option<AutoPolicy>,
}

/// `[auto]`: limits and hooks for every line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AutoSettings {
    #[serde(rename = "monthly_cap_clp", deserialize_with = "some_pesos")]
    pub monthly_cap: Option<Clp>,
    #[serde(deserialize_with = "concurrency")]
    pub concurrency: usize,
    pub pre_hook: Option<String>,
    pub renew_hook: Option<String>,
    pub failure_hook: Option<String>,
    pub post_hook: Option<String>,
    /// Per alert: a due line under `action = "notify"`, a new promotion.
    pub alert_hook: Option<String>,
    #[serde(deserialize_with = "some_http_url")]
    pub notify_url: Option<String>,
    #[serde(deserialize_with = "timeout")]
    pub hook_timeout: SignedDuration,
    /// Alert once per new promotion the lines' payment channels list.
    pub watch_promotions: bool,
}

impl Default for AutoSettings {
    fn default() -> Self {
        AutoSettings {
            monthly_cap: None,
            concurrency: DEFAULT_CONCURRENCY,
            pre_hook: None,
            renew_hook: None,
            failure_hook: None,
            post_hook: None,
            alert_hook: None,
            notify_url: None,
            hook_timeout: SignedDuration::from_secs(60),
            watch_promotions: false,
        }
    }
}

/// `[reloadly]`: the account topup pays from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReloadlyConfig {
    pub environment: ReloadlyEnvironment,
    #[serde(deserialize_with = "client_id")]
    pub client_id: String,
    pub client_secret_file: Option<PathBuf>,
    pub client_secret_command: Option<String>,
    #[serde(default, deserialize_with = "some_http_url")]
    pub base_url: Option<String>,
    #[serde(default, deserialize_with = "some_http_url")]
    pub auth_url: Option<String>,
    pub audience: Option<String>,
    #[serde(default = "reloadly_timeout", deserialize_with = "timeout")]
    pub timeout: SignedDuration,
}

fn reloadly_timeout() -> SignedDuration {
    SignedDuration::from_secs(30)
}

/// `[hilink]`: the router HiLink lines read through unless they name
/// another, and `[hilink.routers.NAME]`, the others (fleets with several).
#[derive(Debug, Clone, Default)]
pub struct HilinkConfig {
    pub default: HilinkRouter,
    pub routers: BTreeMap<String, HilinkRouter>,
}

/// One HiLink router: where its web API is and how to log in, if it asks.
/// A router table stands alone: what it leaves out takes the defaults, not
/// `[hilink]`'s values.
#[derive(Debug, Clone)]
pub struct HilinkRouter {
    pub url: String,
    /// Set with a password source; `admin` when only the password is set
    /// (as `huawei-lte-api` does).
    pub username: Option<String>,
    pub password_file: Option<PathBuf>,
    pub password_command: Option<String>,
    /// What `api/ussd/send` sends as `codeType`: clients differ (the
    /// reference notes `codeType` and `CodeType`), so it is a key.
    pub ussd_code_type: String,
    /// How long one request to the router may take.
    pub timeout: SignedDuration,
}

/// The address HiLink devices answer on out of the box (the reference's
/// examples and `huawei-lte-api`'s).
pub const HILINK_DEFAULT_URL: &str = "http://192.168.8.1";

impl Default for HilinkRouter {
    fn default() -> Self {
        HilinkRouter {
            url: HILINK_DEFAULT_URL.to_string(),
            username: None,
            password_file: None,
            password_command: None,
            ussd_code_type: "codeType".to_string(),
            timeout: SignedDuration::from_secs(10),
        }
    }
}

impl HilinkRouter {
    /// Whether topup logs in: a password source is set.
    pub fn logs_in(&self) -> bool {
        self.password_file.is_some() || self.password_command.is_some()
    }
}

fn concurrency<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = u32::deserialize(d)? as usize;
    if n == 0 || n > MAX_CONCURRENCY {
        return Err(serde::de::Error::custom(crate::t!(
            "config-out-of-range",
            n = n,
            max = MAX_CONCURRENCY
        )));
    }
    Ok(n)
}

fn client_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    from_text(d, |s| match s.trim() {
        "" => Err(crate::t!("config-client-id-empty")),
        _ => Ok(s.to_string()),
    })
}

fn sms_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    from_text(d, |s| crate::domain::modem::sms_number(s).map(str::to_string))
}

/// An absolute http(s) URL that parses (a space in the host, say, does not).
fn some_http_url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    from_text(d, |s| {
        let ok = reqwest::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if ok {
            Ok(Some(s.to_string()))
        } else {
            Err(crate::t!("config-not-url", text = s))
        }
    })
}

fn timeout<'de, D: Deserializer<'de>>(d: D) -> Result<SignedDuration, D::Error> {
    from_text(d, timefmt::parse_timeout)
}

fn some_pesos<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Clp>, D::Error> {
    PesosValue::deserialize(d).map(|p| Some(p.0))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsQuery {
    #[serde(deserialize_with = "sms_number")]
    pub to: String,
    pub text: String,
}

/// What topup cannot know about an operator: the user's own codes and plans.
#[derive(Debug, Clone, Default)]
pub struct OperatorConfig {
    pub balance_ussd: Option<UssdSteps>,
    pub balance_sms: Option<SmsQuery>,
    /// `saldo_pattern` and `data_pattern`, compiled.
    pub patterns: ReplyPatterns,
    pub plans: Vec<ConfigPlan>,
    /// The operator's recharge page for `pay = "web"`, overriding the one
    /// topup knows (`carrier::Carrier::recharge_page`).
    pub recharge_url: Option<String>,
}

/// A plan the user listed for an operator (`[[operators.X.plan]]`).
#[derive(Debug, Clone)]
pub struct ConfigPlan {
    pub id: PlanId,
    pub name: String,
    pub data: Option<DataAmount>,
    pub days: Option<u32>,
    pub price: Clp,
    pub promo: Option<String>,
    pub buy_ussd: Option<UssdSteps>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from; `None` for the built-in sandbox.
    pub path: Option<PathBuf>,
    /// In file order.
    pub lines: Vec<Line>,
    pub auto: AutoSettings,
    pub reloadly: Option<ReloadlyConfig>,
    pub operators: BTreeMap<Operator, OperatorConfig>,
    /// `[hilink]` and `[hilink.routers.NAME]`: the HiLink routers lines read through.
    pub hilink: HilinkConfig,
    /// `language = "zh-CN"`: what people read, when neither `--lang` nor
    /// `TOPUP_LANG` says (cron starts jobs without a locale).
    pub language: Option<crate::i18n::Lang>,
}

/// The demo lines of the built-in sandbox: fictional numbers on the
/// simulated network (see `channel::sandbox`).
pub const DEMO_LINES: [(&str, &str, Operator); 5] = [
    ("demo-entel", "+56990000001", Operator::Entel),
    ("demo-movistar", "+56990000002", Operator::Movistar),
    ("demo-claro", "+56990000003", Operator::Claro),
    ("demo-wom", "+56990000004", Operator::Wom),
    ("demo-virgin", "+56990000005", Operator::Virgin),
];

const DEFAULT_CONCURRENCY: usize = 8;
const MAX_CONCURRENCY: usize = 256;

impl Config {
    /// The built-in sandbox: demo lines, nothing else.
    pub fn sandbox() -> anyhow::Result<Config> {
        let lines = DEMO_LINES.map(|(name, number, operator)| {
            Ok(Line {
                name: name.to_string(),
                msisdn: number.parse().map_err(anyhow::Error::msg)?,
                operator: Some(operator),
                balance: BalanceMethod::Sandbox,
                pay: Some(PayMethod::Sandbox),
                modem: ModemSelector::Any,
                router: None,
                auto: None,
            })
        });
        Ok(Config {
            path: None,
            lines: lines.into_iter().collect::<anyhow::Result<_>>()?,
            auto: AutoSettings::default(),
            reloadly: None,
            operators: BTreeMap::new(),
            hilink: HilinkConfig::default(),
            language: None,
        })
    }

    pub fn is_builtin_sandbox(&self) -> bool {
        self.path.is_none()
    }

    pub fn operator(&self, op: Operator) -> Option<&OperatorConfig> {
        self.operators.get(&op)
    }

    /// The page `pay = "web"` sends the person to for `op`: the config's
    /// `recharge_url`, else the one topup knows; `None` when neither says.
    pub fn recharge_page(&self, op: Operator) -> Option<crate::carrier::PageChoice<'_>> {
        crate::carrier::recharge_page(self.operator(op).and_then(|o| o.recharge_url.as_deref()), op)
    }

    /// The HiLink router `line` reads through: its `router`, else `[hilink]`'s.
    pub fn router(&self, line: &Line) -> &HilinkRouter {
        line.router
            .as_ref()
            .and_then(|name| self.hilink.routers.get(name))
            .unwrap_or(&self.hilink.default)
    }

    /// The spending caps a payment for `line` meets.
    pub fn caps(&self, line: &Line) -> Caps {
        Caps {
            line_monthly: line.auto.as_ref().and_then(|a| a.monthly_cap),
            all_monthly: self.auto.monthly_cap,
        }
    }

    /// The plans the user listed for an operator (`[[operators.X.plan]]`).
    pub fn plans(&self, op: Operator) -> impl Iterator<Item = Plan> + '_ {
        self.operator(op)
            .into_iter()
            .flat_map(move |oc| oc.plans.iter().map(move |p| p.plan(op)))
    }
}

impl ConfigPlan {
    pub fn plan(&self, operator: Operator) -> Plan {
        Plan {
            id: self.id.clone(),
            operator,
            name: self.name.clone(),
            data: self.data,
            validity_days: self.days,
            price: self.price,
            promo: self.promo.clone(),
            source: crate::domain::PlanSource::Config,
            account_cost: None,
        }
    }
}

/// Which config file to read: `--config`, `$TOPUP_CONFIG`, or the XDG
/// default. The flag and the variable must name a readable file; the
/// default may be absent (then: sandbox). An empty variable is unset, as
/// XDG's are.
pub fn locate(
    flag: Option<&Path>,
    env_value: Option<&OsStr>,
    home: Option<&OsStr>,
    xdg_config: Option<&OsStr>,
) -> Located {
    if let Some(p) = flag {
        return Located::Explicit(p.to_path_buf());
    }
    if let Some(v) = crate::app::non_empty(env_value) {
        return Located::Explicit(PathBuf::from(v));
    }
    let base = match crate::app::non_empty(xdg_config) {
        Some(x) => Some(PathBuf::from(x)),
        None => crate::app::non_empty(home).map(|h| Path::new(h).join(".config")),
    };
    match base {
        Some(b) => Located::Default(b.join("topup").join("config.toml")),
        None => Located::None,
    }
}

pub enum Located {
    Explicit(PathBuf),
    Default(PathBuf),
    None,
}

/// The config's `language` alone, for help and usage errors, which come
/// before the config is read: `None` when there is no config, it does not
/// parse, or it names no language (its errors are for the run that reads it).
pub fn language_only(located: Located) -> Option<crate::i18n::Lang> {
    #[derive(Deserialize)]
    struct Language {
        language: Option<crate::i18n::Lang>,
    }
    let (Located::Explicit(path) | Located::Default(path)) = located else {
        return None;
    };
    let bytes = crate::files::read_regular(&path, MAX_CONFIG_BYTES).ok()?;
    toml::from_str::<Language>(std::str::from_utf8(&bytes).ok()?)
        .ok()?
        .language
}

/// The most a config may hold: far more than 100,000 lines need, far less
/// than a file that is not a config (a log, a disk image) would.
const MAX_CONFIG_BYTES: u64 = 64 << 20;

/// What is wrong with a config; `error.rs` turns each into exit 2 and a hint.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be read as a config (what is there instead).
    #[error("{}", crate::t!("config-file-problem", path = path.display().to_string(), problem = problem.to_string()))]
    File {
        path: PathBuf,
        problem: crate::files::FileProblem,
        /// Named by `--config`/`TOPUP_CONFIG`, not the default path.
        explicit: bool,
    },
    #[error("{}", crate::t!("config-not-utf8", at = .at.as_str()))]
    NotUtf8 { at: String },
    /// Not TOML at all.
    #[error("{at}: {message}")]
    Syntax { at: String, message: String },
    /// A key or value serde refused: an unknown key, a wrong type.
    #[error("{at}: {message}")]
    Value { at: String, message: String },
    /// A value the checks after parsing refused (duplicates, a rule between
    /// two keys).
    #[error("{at}: {key}: {message}")]
    Rule { at: String, key: String, message: String },
}

/// `[hilink]` and its routers, checked: a password from one source, a
/// username only with a password, router names as line names are.
fn resolve_hilink(
    raw: Option<Spanned<RawHilink>>,
    err: &dyn Fn(std::ops::Range<usize>, &str, String) -> anyhow::Error,
) -> anyhow::Result<HilinkConfig> {
    let Some(raw) = raw else {
        return Ok(HilinkConfig::default());
    };
    let span = raw.span();
    let raw = raw.into_inner();
    let router = |r: RawRouter, span: std::ops::Range<usize>, key: &str| -> anyhow::Result<HilinkRouter> {
        if r.password_file.is_some() && r.password_command.is_some() {
            return Err(err(span, key, crate::t!("config-hilink-password-both")));
        }
        if r.username.is_some() && r.password_file.is_none() && r.password_command.is_none() {
            return Err(err(span, key, crate::t!("config-hilink-username-alone")));
        }
        let default = HilinkRouter::default();
        Ok(HilinkRouter {
            url: r.url.unwrap_or(default.url),
            username: r.username,
            password_file: r.password_file.map(|p| expand_home(&p)),
            password_command: r.password_command,
            ussd_code_type: r.ussd_code_type.unwrap_or(default.ussd_code_type),
            timeout: r.timeout.unwrap_or(default.timeout),
        })
    };
    let default = router(
        RawRouter {
            url: raw.url,
            username: raw.username,
            password_file: raw.password_file,
            password_command: raw.password_command,
            ussd_code_type: raw.ussd_code_type,
            timeout: raw.timeout,
        },
        span,
        "hilink",
    )?;
    let mut routers = BTreeMap::new();
    for (name, r) in raw.routers {
        let key = format!("hilink.routers.{name}");
        let span = r.span();
        check_line_name(&name).map_err(|e| err(span.clone(), &key, e.to_string()))?;
        routers.insert(name, router(r.into_inner(), span, &key)?);
    }
    Ok(HilinkConfig { default, routers })
}

fn some_username<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    from_text(d, |s| match s.trim() {
        "" => Err(crate::t!("config-hilink-username-empty")),
        _ => Ok(Some(s.to_string())),
    })
}

fn some_timeout<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SignedDuration>, D::Error> {
    timeout(d).map(Some)
}

/// Reads the located config. Only nothing at all at the default path means
/// the sandbox: anything else there that is not a readable config (a
/// directory, a dangling symlink, a FIFO) is an error naming it, or `auto`
/// from cron would quietly run on the sandbox and never renew the real lines.
pub fn load(located: Located) -> anyhow::Result<Config> {
    let (path, explicit) = match located {
        Located::Explicit(p) => (p, true),
        Located::Default(p) => (p, false),
        Located::None => {
            crate::diag::note("built-in sandbox: no config file (neither XDG_CONFIG_HOME nor HOME is set)");
            return Config::sandbox();
        }
    };
    let bytes = match crate::files::read_regular(&path, MAX_CONFIG_BYTES) {
        Ok(bytes) => bytes,
        Err(problem) if problem.is_missing() && !explicit => {
            crate::diag::note(format!("built-in sandbox: no config file at {}", path.display()));
            return Config::sandbox();
        }
        Err(problem) => {
            return Err(ConfigError::File {
                path,
                problem,
                explicit,
            }
            .into());
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, col) = line_col(&String::from_utf8_lossy(&e.into_bytes()), at);
        ConfigError::NotUtf8 {
            at: format!("{}:{line}:{col}", path.display()),
        }
    })?;
    crate::diag::note(format!("config file: {}", path.display()));
    parse(&text, &path)
}

/// Parses config text; `path` is used in messages only.
pub fn parse(text: &str, path: &Path) -> anyhow::Result<Config> {
    let raw = parse_raw(text, path)?;
    resolve(raw, text, path)
}

fn parse_raw(text: &str, path: &Path) -> Result<RawConfig, ConfigError> {
    let located = |span: Option<std::ops::Range<usize>>| match span {
        Some(s) => {
            let (l, c) = line_col(text, s.start);
            format!("{}:{l}:{c}", path.display())
        }
        None => path.display().to_string(),
    };
    let de = toml::de::Deserializer::parse(text).map_err(|e| ConfigError::Syntax {
        at: located(e.span()),
        message: crate::t!("config-toml-syntax", detail = one_line(e.message())),
    })?;
    serde_path_to_error::deserialize::<_, RawConfig>(de).map_err(|e| {
        // A `Spanned` value is a struct of its own to serde; its inner field
        // is not a key a person wrote.
        let key = e.path().to_string().replace(".$__serde_spanned_private_value", "");
        let inner = e.into_inner();
        let key = if key == "." { String::new() } else { format!("{key}: ") };
        ConfigError::Value {
            at: located(inner.span()),
            message: format!("{key}{}", serde_words(&one_line(inner.message()))),
        }
    })
}

/// serde's standard messages (`unknown field …`, `missing field …`,
/// `invalid type: …, expected …`) in the reader's language; the names,
/// values and lists in them are kept as written. Our own checks' messages
/// are translated where they are made, so anything else passes as is.
fn serde_words(message: &str) -> String {
    use crate::t;
    let quoted = |rest: &str| {
        rest.strip_prefix('`')
            .and_then(|r| r.split_once('`'))
            .map(|(name, after)| (name.to_string(), after.to_string()))
    };
    // serde writes `one of `a`, `b``, `` `a` or `b` ``, or `there are no fields`.
    let choices = |after: &str| match after.strip_prefix(", expected ") {
        Some(list) => list.strip_prefix("one of ").unwrap_or(list).replace("` or `", "`, `"),
        None => t!("config-serde-none"),
    };
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return message.to_string();
    }
    if let Some((key, after)) = message.strip_prefix("unknown field ").and_then(quoted) {
        return t!("config-serde-unknown-key", key = key, keys = choices(&after));
    }
    if let Some((value, after)) = message.strip_prefix("unknown variant ").and_then(quoted) {
        return t!("config-serde-unknown-value", value = value, values = choices(&after));
    }
    if let Some((key, _)) = message.strip_prefix("missing field ").and_then(quoted) {
        return t!("config-serde-missing-key", key = key);
    }
    if let Some((key, _)) = message.strip_prefix("duplicate field ").and_then(quoted) {
        return t!("config-serde-duplicate-key", key = key);
    }
    for (prefix, id) in [
        ("invalid type: ", "config-serde-invalid-type"),
        ("invalid value: ", "config-serde-invalid-value"),
    ] {
        if let Some((found, expected)) = message.strip_prefix(prefix).and_then(|r| r.split_once(", expected ")) {
            return t!(id, found = serde_found(found), expected = serde_expected(expected));
        }
    }
    message.to_string()
}

/// serde's `string "x"`, `integer `5``, `floating point `5.5``, `boolean
/// `true``, `sequence`, `map`: the kind in the reader's words, the value kept.
fn serde_found(found: &str) -> String {
    let (kind, value) = [
        ("string ", "string"),
        ("integer ", "integer"),
        ("floating point ", "float"),
        ("boolean ", "boolean"),
    ]
    .into_iter()
    .find_map(|(prefix, kind)| found.strip_prefix(prefix).map(|v| (kind, v.trim_matches('`'))))
    .unwrap_or(match found {
        "sequence" => ("sequence", ""),
        "map" => ("map", ""),
        other => ("other", other),
    });
    crate::t!("config-serde-found", kind = kind, value = value)
}

/// What serde expected (`u32`, `a string`, `a boolean`, `struct X`, …), in
/// the reader's words when it is one of the common kinds.
fn serde_expected(expected: &str) -> String {
    let kind = match expected {
        "a string" | "string" => "string",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => "integer",
        "f32" | "f64" | "a float" => "float",
        "a boolean" | "bool" => "boolean",
        "a sequence" | "an array" => "sequence",
        "a map" | "a table" => "map",
        _ if expected.starts_with("struct ") => "map",
        _ => "other",
    };
    crate::t!("config-serde-expected", kind = kind, text = expected)
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Checks what serde cannot (one value against another, duplicates) and
/// builds the config. Errors point at the offending value, by the span toml
/// kept for it, and name its dotted key.
fn resolve(raw: RawConfig, text: &str, path: &Path) -> anyhow::Result<Config> {
    let err = |span: std::ops::Range<usize>, key: &str, message: String| -> anyhow::Error {
        let (l, c) = line_col(text, span.start);
        ConfigError::Rule {
            at: format!("{}:{l}:{c}", path.display()),
            key: key.to_string(),
            message,
        }
        .into()
    };
    let reloadly = match raw.reloadly {
        Some(r) if r.get_ref().client_secret_file.is_some() && r.get_ref().client_secret_command.is_some() => {
            return Err(err(r.span(), "reloadly", crate::t!("config-secret-both")));
        }
        Some(r) => {
            let mut r = r.into_inner();
            r.client_secret_file = r.client_secret_file.map(|p| expand_home(&p));
            Some(r)
        }
        None => None,
    };

    let hilink = resolve_hilink(raw.hilink, &err)?;

    let mut operators = BTreeMap::new();
    for (name, op_raw) in raw.operators {
        let op = name
            .parse::<Operator>()
            .map_err(|e| err(op_raw.span(), &format!("operators.{name}"), e.to_string()))?;
        let op_raw = op_raw.into_inner();
        let at = |key: &str| format!("operators.{op}.{key}");
        let ussd = |key: &str, steps: Option<Spanned<Vec<String>>>| {
            steps
                .map(|steps| {
                    let span = steps.span();
                    UssdSteps::new(steps.into_inner()).map_err(|e| err(span, &at(key), e.to_string()))
                })
                .transpose()
        };
        let mut plans = Vec::with_capacity(op_raw.plan.len());
        // Checks stay linear: a fleet's config may list 100,000 lines or plans.
        let mut plan_ids = HashSet::with_capacity(op_raw.plan.len());
        for p in op_raw.plan {
            let id = p.id.get_ref().clone();
            if !plan_ids.insert(id.clone()) {
                return Err(err(
                    p.id.span(),
                    &at("plan"),
                    crate::t!("config-plan-twice", id = id.as_str()),
                ));
            }
            let buy_ussd = ussd(&format!("plan.{id}.buy_ussd"), p.buy_ussd)?;
            if let Some(days) = &p.days
                && !(1..=MAX_PLAN_DAYS).contains(days.get_ref())
            {
                return Err(err(
                    days.span(),
                    &at(&format!("plan.{id}.days")),
                    crate::t!("config-plan-days", days = *days.get_ref(), max = MAX_PLAN_DAYS),
                ));
            }
            if let Some(data) = p.data.as_ref().filter(|d| d.get_ref().0.bytes() == 0) {
                return Err(err(
                    data.span(),
                    &at(&format!("plan.{id}.data")),
                    crate::t!("config-plan-data-zero"),
                ));
            }
            plans.push(ConfigPlan {
                id,
                name: p.name,
                data: p.data.map(|d| d.into_inner().0),
                days: p.days.map(Spanned::into_inner),
                price: p.price_clp.0,
                promo: p.promo,
                buy_ussd,
            });
        }
        let balance_ussd = ussd("balance_ussd", op_raw.balance_ussd)?;
        let compile = |key: &str, pattern: &Option<Spanned<String>>| match pattern {
            Some(p) => crate::ussd::parse::compile_pattern(p.get_ref())
                .map(Some)
                .map_err(|e| err(p.span(), &at(key), e.to_string())),
            None => Ok(None),
        };
        let patterns = ReplyPatterns {
            saldo: compile("saldo_pattern", &op_raw.saldo_pattern)?,
            data: compile("data_pattern", &op_raw.data_pattern)?,
        };
        operators.insert(
            op,
            OperatorConfig {
                balance_ussd,
                balance_sms: op_raw.balance_sms,
                patterns,
                plans,
                recharge_url: op_raw.recharge_url,
            },
        );
    }

    let mut lines: Vec<Line> = Vec::with_capacity(raw.lines.len());
    // Each number's line so far, by position in `lines`.
    let mut line_of_number: HashMap<Msisdn, usize> = HashMap::with_capacity(raw.lines.len());
    for (name, l) in raw.lines {
        let table = l.span();
        let l = l.into_inner();
        let at = |key: &str| format!("lines.{name}.{key}");
        check_line_name(&name).map_err(|e| err(table.clone(), &format!("lines.{name}"), e.to_string()))?;
        if let Some(&other) = line_of_number.get(l.msisdn.get_ref()) {
            return Err(err(
                l.msisdn.span(),
                &at("msisdn"),
                crate::t!(
                    "config-number-twice",
                    number = l.msisdn.get_ref().pretty(),
                    line = lines[other].name.as_str()
                ),
            ));
        }
        line_of_number.insert(l.msisdn.get_ref().clone(), lines.len());
        let balance = l.balance.unwrap_or(BalanceMethod::Ledger);
        if l.operator.is_none() && !balance.reads_sim() {
            return Err(err(
                table.clone(),
                &at("operator"),
                crate::t!("config-operator-missing"),
            ));
        }
        let line_pay = l.pay.as_ref().map(|p| *p.get_ref());
        let auto_pay = l.auto.as_ref().and_then(|a| a.get_ref().pay.as_ref());
        for (key, pay) in [("pay", l.pay.as_ref()), ("auto.pay", auto_pay)] {
            let Some(pay) = pay else { continue };
            if *pay.get_ref() == PayMethod::Reloadly && reloadly.is_none() {
                return Err(err(pay.span(), &at(key), crate::t!("config-reloadly-missing")));
            }
            crate::channel::registry::check_pay(balance, line_pay, *pay.get_ref())
                .map_err(|e| err(pay.span(), &at(key), e.to_string()))?;
        }
        // `auto` runs without a person, and a payment on the operator's page
        // needs one: a policy that would pay with `web` cannot work.
        if l.auto.is_some() {
            let (key, message) = match auto_pay {
                Some(_) => ("auto.pay", "config-auto-web"),
                None => ("pay", "config-auto-web-line"),
            };
            if let Some(web) = auto_pay.or(l.pay.as_ref()).filter(|p| *p.get_ref() == PayMethod::Web) {
                return Err(err(web.span(), &at(key), crate::t!(message, line = name.as_str())));
            }
        }
        let modem = match l.modem {
            Some(m) => m
                .get_ref()
                .parse::<ModemSelector>()
                .map_err(|e| err(m.span(), &at("modem"), e.to_string()))?,
            None => ModemSelector::Any,
        };
        if let Some(router) = &l.router {
            if balance != BalanceMethod::Hilink {
                return Err(err(router.span(), &at("router"), crate::t!("config-router-not-hilink")));
            }
            if !hilink.routers.contains_key(router.get_ref()) {
                let known: Vec<&str> = hilink.routers.keys().map(String::as_str).collect();
                return Err(err(
                    router.span(),
                    &at("router"),
                    crate::t!(
                        "config-router-unknown",
                        name = router.get_ref().as_str(),
                        known = if known.is_empty() {
                            "-".to_string()
                        } else {
                            known.join(", ")
                        }
                    ),
                ));
            }
        }
        let auto = match l.auto {
            Some(a) => Some(auto_policy(a, &at("auto"), &err)?),
            None => None,
        };
        lines.push(Line {
            name,
            msisdn: l.msisdn.into_inner(),
            operator: l.operator,
            balance,
            pay: line_pay,
            modem,
            router: l.router.map(Spanned::into_inner),
            auto,
        });
    }

    Ok(Config {
        path: Some(path.to_path_buf()),
        lines,
        auto: raw.auto,
        reloadly,
        operators,
        hilink,
        language: raw.language,
    })
}

/// A line's `[lines.NAME.auto]`, checked: a policy that buys names its
/// plan; one that only alerts and names none sets a trigger of its own (the
/// default rule needs a plan's validity); `keep_alive` is positive and
/// shorter than the 180 days after which saldo can lapse (a renewal later
/// than that could come after the saldo is gone).
fn auto_policy(
    raw: Spanned<RawAutoPolicy>,
    at: &str,
    err: &dyn Fn(std::ops::Range<usize>, &str, String) -> anyhow::Error,
) -> anyhow::Result<AutoPolicy> {
    let table = raw.span();
    let a = raw.into_inner();
    let action = a.action.unwrap_or_default();
    let keep_alive = match a.keep_alive {
        Some(k) => {
            let span = k.span();
            let value = k.into_inner().0;
            let most = SignedDuration::from_hours(24 * crate::policy::SALDO_LAPSES_AFTER_DAYS);
            if !value.is_positive() || value >= most {
                return Err(err(
                    span,
                    &format!("{at}.keep_alive"),
                    crate::t!(
                        "config-keep-alive-range",
                        value = timefmt::show_duration(value),
                        days = crate::policy::SALDO_LAPSES_AFTER_DAYS
                    ),
                ));
            }
            Some(value)
        }
        None => None,
    };
    let policy = AutoPolicy {
        action,
        plan: a.plan,
        pay: a.pay.map(Spanned::into_inner),
        when_data_below: a.when_data_below.map(|d| d.0),
        when_saldo_below: a.when_saldo_below.map(|c| c.0),
        before_expiry: a.before_expiry.map(|d| d.0),
        keep_alive,
        min_interval: a.min_interval.map(|d| d.0),
        monthly_cap: a.monthly_cap_clp.map(|c| c.0),
    };
    if policy.plan.is_none() {
        if action == crate::policy::Action::Renew {
            return Err(err(table, &format!("{at}.plan"), crate::t!("config-auto-plan-missing")));
        }
        if !policy.has_threshold() && policy.keep_alive.is_none() {
            return Err(err(table, at, crate::t!("config-auto-notify-no-trigger")));
        }
    }
    Ok(policy)
}

/// Why a line name is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineNameError {
    #[error("{}", crate::t!("line-name-length"))]
    Length,
    #[error("{}", crate::t!("line-name-character", character = .0.escape_default().to_string()))]
    Character(char),
    #[error("{}", crate::t!("line-name-number"))]
    LooksLikeNumber,
}

/// Line names are what people type: letters, digits, `-`, `_`, `.`; they must
/// not look like phone numbers, or `topup renew 987654321` would be ambiguous.
pub fn check_line_name(name: &str) -> Result<(), LineNameError> {
    if name.is_empty() || name.len() > 64 {
        return Err(LineNameError::Length);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    {
        return Err(LineNameError::Character(c));
    }
    if Msisdn::looks_like_number(name) {
        return Err(LineNameError::LooksLikeNumber);
    }
    Ok(())
}

fn expand_home(p: &Path) -> PathBuf {
    match p.strip_prefix("~") {
        Ok(rest) => std::env::var_os("HOME").map_or_else(|| p.to_path_buf(), |h| PathBuf::from(h).join(rest)),
        Err(_) => p.to_path_buf(),
    }
}

// ---- raw, as written in the file ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    lines: IndexMap<String, Spanned<RawLine>>,
    #[serde(default)]
    auto: AutoSettings,
    reloadly: Option<Spanned<ReloadlyConfig>>,
    #[serde(default)]
    operators: IndexMap<String, Spanned<RawOperator>>,
    hilink: Option<Spanned<RawHilink>>,
    language: Option<crate::i18n::Lang>,
}

/// `[hilink]`: a router's keys (as in `RawRouter`), and `routers`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHilink {
    #[serde(default, deserialize_with = "some_http_url")]
    url: Option<String>,
    #[serde(default, deserialize_with = "some_username")]
    username: Option<String>,
    password_file: Option<PathBuf>,
    password_command: Option<String>,
    ussd_code_type: Option<String>,
    #[serde(default, deserialize_with = "some_timeout")]
    timeout: Option<SignedDuration>,
    #[serde(default)]
    routers: IndexMap<String, Spanned<RawRouter>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRouter {
    #[serde(default, deserialize_with = "some_http_url")]
    url: Option<String>,
    #[serde(default, deserialize_with = "some_username")]
    username: Option<String>,
    password_file: Option<PathBuf>,
    password_command: Option<String>,
    ussd_code_type: Option<String>,
    #[serde(default, deserialize_with = "some_timeout")]
    timeout: Option<SignedDuration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    msisdn: Spanned<Msisdn>,
    operator: Option<Operator>,
    balance: Option<BalanceMethod>,
    pay: Option<Spanned<PayMethod>>,
    modem: Option<Spanned<String>>,
    router: Option<Spanned<String>>,
    auto: Option<Spanned<RawAutoPolicy>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAutoPolicy {
    action: Option<crate::policy::Action>,
    plan: Option<PlanId>,
    pay: Option<Spanned<PayMethod>>,
    when_data_below: Option<DataText>,
    when_saldo_below: Option<PesosValue>,
    before_expiry: Option<DurationText>,
    keep_alive: Option<Spanned<DurationText>>,
    min_interval: Option<DurationText>,
    monthly_cap_clp: Option<PesosValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperator {
    balance_ussd: Option<Spanned<Vec<String>>>,
    balance_sms: Option<SmsQuery>,
    saldo_pattern: Option<Spanned<String>>,
    data_pattern: Option<Spanned<String>>,
    #[serde(default)]
    plan: Vec<RawPlan>,
    #[serde(default, deserialize_with = "some_http_url")]
    recharge_url: Option<String>,
}

/// Prepaid plans last days to a year.
const MAX_PLAN_DAYS: u32 = 366;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    id: Spanned<PlanId>,
    name: String,
    data: Option<Spanned<DataText>>,
    days: Option<Spanned<u32>>,
    price_clp: PriceValue,
    promo: Option<String>,
    buy_ussd: Option<Spanned<Vec<String>>>,
}

/// A string read with `parse`, its error shown at the key.
fn from_text<'de, D: Deserializer<'de>, T, E: fmt::Display>(
    d: D,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Result<T, D::Error> {
    parse(&String::deserialize(d)?).map_err(serde::de::Error::custom)
}

/// `"500 MB"`, `"1,5 GB"`.
struct DataText(DataAmount);

impl<'de> Deserialize<'de> for DataText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        from_text(d, |s| s.parse().map(DataText))
    }
}

/// `"2d"`, `"12h"`.
struct DurationText(SignedDuration);

impl<'de> Deserialize<'de> for DurationText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        from_text(d, |s| timefmt::parse_duration(s).map(DurationText))
    }
}

/// Pesos as an integer (`20000`) or a string (`"$20.000"`); zero or more.
struct PesosValue(Clp);

impl<'de> Deserialize<'de> for PesosValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let clp = deserialize_pesos(d)?;
        if clp.pesos() < 0 {
            return Err(serde::de::Error::custom(crate::t!(
                "config-negative",
                amount = clp.to_string()
            )));
        }
        if clp > Clp(100_000_000) {
            return Err(serde::de::Error::custom(crate::t!(
                "config-absurd",
                amount = clp.to_string()
            )));
        }
        Ok(PesosValue(clp))
    }
}

/// A plan price: more than zero and not absurd.
struct PriceValue(Clp);

impl<'de> Deserialize<'de> for PriceValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let clp = deserialize_pesos(d)?;
        clp.validate_price().map(PriceValue).map_err(serde::de::Error::custom)
    }
}

fn deserialize_pesos<'de, D: Deserializer<'de>>(d: D) -> Result<Clp, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Clp;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("whole pesos, like 20000 or \"$20.000\"")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Clp, E> {
            Ok(Clp(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Clp, E> {
            i64::try_from(v)
                .map(Clp)
                .map_err(|_| E::custom(crate::t!("config-too-large")))
        }
        // TOML's dot is a decimal point: `20.000` (twenty thousand to a
        // Chilean) arrives here as 20.0, so say what TOML read.
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Clp, E> {
            Err(E::custom(crate::t!("config-decimal-pesos", number = format!("{v:?}"))))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Clp, E> {
            v.parse().map_err(E::custom)
        }
    }
    d.deserialize_any(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, Path::new("c.toml")).unwrap_or_else(|e| panic!("{e:#}"))
    }

    fn parse_err(text: &str) -> String {
        let e = parse(text, Path::new("c.toml")).expect_err("should fail");
        crate::error::classify(&e).message
    }

    #[test]
    fn full_example_parses() {
        let text = include_str!("../config.example.toml");
        let cfg = parse_ok(text);
        assert!(!cfg.lines.is_empty());
        assert!(cfg.reloadly.is_some());
    }

    #[test]
    fn lines_keep_file_order() {
        let cfg = parse_ok(
            "[lines.zeta]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.alpha]\nmsisdn = \"987654322\"\noperator = \"wom\"\n",
        );
        let names: Vec<_> = cfg.lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["zeta", "alpha"]);
        assert_eq!(cfg.lines[0].balance, BalanceMethod::Ledger);
    }

    #[test]
    fn errors_name_file_line_column_and_key() {
        let table = [
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\ncolour = 1\n",
                "c.toml:4:1",
                "unknown field `colour`",
            ),
            (
                "[lines.casa]\nmsisdn = \"12345\"\noperator = \"entel\"\n",
                "c.toml:2:10",
                "lines.casa.msisdn",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"tigo\"\n",
                "c.toml:3:12",
                "unknown variant",
            ),
            ("[lines.casa\n", "c.toml:1:12", "unclosed table"),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nwhen_data_below = \"5 XB\"\n",
                "c.toml:6:",
                "unknown unit",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nmonthly_cap_clp = -5\n",
                "c.toml:6:",
                "negative",
            ),
            (
                "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 0\n",
                "c.toml:4:",
                "more than $0",
            ),
            (
                "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 99999999\n",
                "c.toml:4:",
                "check for an extra zero",
            ),
            (
                "[[operators.entel.plan]]\nid = \"a\"\nname = \"A\"\nprice_clp = 5.5\n",
                "c.toml:4:",
                "decimal number 5.5",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\n",
                "c.toml:1:1:",
                "operator: is missing",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\npay = \"reloadly\"\n",
                "c.toml:4:7:",
                "no [reloadly] section",
            ),
            (
                "[lines.a]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.b]\nmsisdn = \"+56 9 8765 4321\"\noperator = \"wom\"\n",
                "c.toml:5:10:",
                "also line `a`",
            ),
            (
                "[lines.987654321]\nmsisdn = \"987654321\"\noperator = \"entel\"\n",
                "c.toml:1:1:",
                "looks like a phone number",
            ),
            (
                "[operators.tigo]\nbalance_ussd = [\"*103#\"]\n",
                "c.toml:1:1:",
                "unknown operator",
            ),
            (
                "[operators.entel]\nbalance_ussd = [\"103\"]\n",
                "c.toml:2:16:",
                "not a USSD code",
            ),
            ("[auto]\nconcurrency = 0\n", "c.toml:2:15:", "out of range"),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nkeep_alive = \"180d\"\n",
                "c.toml:6:14:",
                "lines.casa.auto.keep_alive: keep_alive must be more than 0 and less than 180d (got 180d)",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nplan = \"x\"\nkeep_alive = \"0s\"\n",
                "c.toml:6:14:",
                "more than 0",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\nwhen_data_below = \"1 GB\"\n",
                "c.toml:4:1:",
                "lines.casa.auto.plan: a policy that renews needs `plan`",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\naction = \"notify\"\n",
                "c.toml:4:1:",
                "lines.casa.auto: an alert-only policy without a plan needs a trigger",
            ),
            (
                "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\naction = \"email\"\nplan = \"x\"\n",
                "c.toml:5:10:",
                "unknown variant `email`, expected `renew` or `notify`",
            ),
        ];
        let mut wrong = Vec::new();
        for (text, at, what) in table {
            let msg = parse_err(text);
            if !msg.starts_with(at) || !msg.contains(what) {
                wrong.push(format!("`{msg}` should start with `{at}` and contain `{what}`"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn locate_order() {
        let os = OsStr::new;
        let home = Some(os("/home/u"));
        assert!(
            matches!(locate(Some(Path::new("/x.toml")), Some(os("/y.toml")), home, None), Located::Explicit(p) if p == Path::new("/x.toml"))
        );
        assert!(
            matches!(locate(None, Some(os("/y.toml")), home, None), Located::Explicit(p) if p == Path::new("/y.toml"))
        );
        assert!(
            matches!(locate(None, None, home, Some(os("/xdg"))), Located::Default(p) if p == Path::new("/xdg/topup/config.toml"))
        );
        assert!(
            matches!(locate(None, Some(os("")), home, Some(os(""))), Located::Default(p) if p == Path::new("/home/u/.config/topup/config.toml"))
        );
        // Names that are not UTF-8 are kept byte for byte.
        use std::os::unix::ffi::OsStrExt;
        let odd = OsStr::from_bytes(b"/tmp/l\xedneas.toml");
        assert!(matches!(locate(None, Some(odd), home, None), Located::Explicit(p) if p.as_os_str() == odd));
    }

    #[test]
    fn alert_only_policies_and_keep_alive() {
        let line = "[lines.casa]\nmsisdn = \"987654321\"\noperator = \"entel\"\n[lines.casa.auto]\n";
        let policy = |auto: &str| {
            parse_ok(&format!("{line}{auto}")).lines[0]
                .auto
                .clone()
                .expect("a policy")
        };
        let renew = policy("plan = \"x\"\nkeep_alive = \"179d\"\n");
        assert_eq!(renew.action, crate::policy::Action::Renew);
        assert_eq!(renew.keep_alive, Some(SignedDuration::from_hours(179 * 24)));
        let notify = policy("action = \"notify\"\nkeep_alive = \"170d\"\n");
        assert_eq!((notify.action, notify.plan), (crate::policy::Action::Notify, None));
        let notify = policy("action = \"notify\"\nwhen_saldo_below = 1000\n");
        assert!(notify.keep_alive.is_none());
        // An alert-only policy may name a plan: the default rule then applies.
        assert!(policy("action = \"notify\"\nplan = \"x\"\n").plan.is_some());
        let cfg = parse_ok("[auto]\nwatch_promotions = true\nalert_hook = \"true\"\n");
        assert!(cfg.auto.watch_promotions);
        assert_eq!(cfg.auto.alert_hook.as_deref(), Some("true"));
        assert!(!AutoSettings::default().watch_promotions);
    }
}
