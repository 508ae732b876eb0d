//! Wire types of the Reloadly Airtime API, as the official spec
//! (`shared/reference/reloadly.openapi.yaml`) and SDKs show them.
//!
//! Every field is optional or defaulted and unknown fields are ignored: the
//! spec's schemas and examples disagree on types (`operatorId` is an integer
//! in one place and a string in another, amounts are numbers or strings,
//! `fixedAmountsDescriptions` is `[]` in examples and a map in the Java SDK),
//! so the deserializers below accept every form seen and `null`.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// `POST /oauth/token` answer (spec `AccessTokenResponse200`). The token is
/// moved into a `SecretString` as soon as it is read.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct TokenReply {
    pub access_token: Option<String>,
    #[serde(deserialize_with = "opt_num")]
    pub expires_in: Option<f64>,
}

/// The error body every Reloadly endpoint uses (spec `*Response401/404`,
/// Java SDK `APIError`): `{timeStamp, message, path, errorCode, infoLink,
/// details}`; unknown paths get Spring's `{timeStamp, status, error, message, path}`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct ErrorBody {
    pub message: Option<String>,
    pub error_code: Option<String>,
    /// Spring's reason phrase on unknown paths ("Not Found").
    pub error: Option<String>,
}

impl ErrorBody {
    /// Whether this is one of Reloadly's JSON error bodies rather than some
    /// other JSON document: it names an error.
    pub fn is_error(&self) -> bool {
        self.error_code.is_some() || self.message.is_some() || self.error.is_some()
    }

    /// `INVALID_AMOUNT: Amount is not valid`, or whichever parts exist.
    pub fn summary(&self) -> String {
        let message = self
            .message
            .as_deref()
            .or(self.error.as_deref())
            .map(str::trim)
            .unwrap_or("");
        match (self.error_code.as_deref(), message) {
            (Some(code), "") => code.to_string(),
            (Some(code), message) => format!("{code}: {message}"),
            (None, "") => "no error message".to_string(),
            (None, message) => message.to_string(),
        }
    }
}

/// `GET /accounts/balance`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct BalanceReply {
    #[serde(deserialize_with = "opt_num")]
    pub balance: Option<f64>,
    pub currency_code: Option<String>,
    pub currency_name: Option<String>,
    pub updated_at: Option<String>,
}

/// An operator as `/operators/...` answers it (spec `GetOperatorByIdResponse200`,
/// Java SDK `Operator`), with the fields `plans` reads; the operator cache
/// stores it so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ReloadlyOperator {
    #[serde(deserialize_with = "opt_int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub operator_id: Option<i64>,
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    #[serde(deserialize_with = "or_default")]
    pub supports_local_amounts: bool,
    /// `FIXED` or `RANGE`.
    pub denomination_type: Option<String>,
    /// The Reloadly account's currency.
    pub sender_currency_code: Option<String>,
    /// Range limits in the account currency.
    #[serde(deserialize_with = "opt_num")]
    pub min_amount: Option<f64>,
    #[serde(deserialize_with = "opt_num")]
    pub max_amount: Option<f64>,
    /// Range limits in the operator's currency (CLP), when it takes local amounts.
    #[serde(deserialize_with = "opt_num")]
    pub local_min_amount: Option<f64>,
    #[serde(deserialize_with = "opt_num")]
    pub local_max_amount: Option<f64>,
    pub fx: Option<OperatorFx>,
    /// FIXED amounts in the account currency.
    #[serde(deserialize_with = "nums")]
    pub fixed_amounts: Vec<f64>,
    #[serde(deserialize_with = "text_map")]
    pub fixed_amounts_descriptions: BTreeMap<String, String>,
    /// FIXED amounts in the operator's currency (CLP).
    #[serde(deserialize_with = "nums")]
    pub local_fixed_amounts: Vec<f64>,
    #[serde(deserialize_with = "text_map")]
    pub local_fixed_amounts_descriptions: BTreeMap<String, String>,
}

impl ReloadlyOperator {
    /// The id to send as `operatorId` (`operatorId`, else `id`; the spec
    /// shows both, equal).
    pub fn reloadly_id(&self) -> Option<i64> {
        self.operator_id.or(self.id)
    }

    /// Whether `denominationType` is `kind` (`FIXED` or `RANGE`).
    pub fn denominated(&self, kind: &str) -> bool {
        self.denomination_type
            .as_deref()
            .is_some_and(|d| d.eq_ignore_ascii_case(kind))
    }

    /// Units of the operator's currency per unit of the account currency
    /// (go-reloadly divides a local amount by it to get the account amount).
    pub fn fx_rate(&self) -> Option<f64> {
        self.fx.as_ref()?.rate.filter(|r| r.is_finite() && *r > 0.0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OperatorFx {
    #[serde(deserialize_with = "opt_num")]
    pub rate: Option<f64>,
}

/// A top-up transaction: the answer of `POST /topups`, of the status
/// endpoint (bare form) and an item of the transactions report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct Transaction {
    #[serde(deserialize_with = "opt_text")]
    pub transaction_id: Option<String>,
    pub status: Option<String>,
    #[serde(deserialize_with = "opt_text")]
    pub custom_identifier: Option<String>,
}

/// `GET /topups/{id}/status`. The spec's example is a bare transaction; the
/// Java SDK and Reloadly's auto-refund article show `{code, message, status,
/// transaction}`. Both carry `status` at the top, so one struct reads both.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct StatusReply {
    pub status: Option<String>,
    pub message: Option<String>,
    pub transaction: Option<Transaction>,
}

/// Reloadly's page envelope (`content, number, size, totalElements, …`).
#[derive(Deserialize)]
pub(super) struct Page<T> {
    /// Missing reads as `None` (serde's rule for `Option`).
    pub content: Option<Vec<T>>,
}

/// A promotion as `/promotions/operators/{id}` lists it. The spec names the
/// fields `promotionId`/`title1`; the Java SDK `id`/`title`.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(super) struct PromotionWire {
    #[serde(deserialize_with = "opt_int")]
    pub promotion_id: Option<i64>,
    #[serde(deserialize_with = "opt_int")]
    pub id: Option<i64>,
    pub title: Option<String>,
    pub title1: Option<String>,
    pub title2: Option<String>,
    pub description: Option<String>,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
    pub denominations: Option<String>,
    pub local_denominations: Option<String>,
}

/// `/promotions/operators/{id}` is a page in the spec; accept a bare array too.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum PromotionList {
    Page(Page<PromotionWire>),
    Bare(Vec<PromotionWire>),
}

// ---- tolerant field readers ------------------------------------------------

/// `null` reads as the type's default.
fn or_default<'de, D: Deserializer<'de>, T: Default + DeserializeOwned>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// `null`, or what `read` makes of the value; `what` is the form expected.
fn opt_with<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &str,
    read: impl FnOnce(&Value) -> Option<T>,
) -> Result<Option<T>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(None),
        Some(v) => read(&v)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("expected {what}, found {v}"))),
    }
}

/// A number, a numeric string, or `null`.
fn opt_num<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    opt_with(d, "a number", number_of)
}

/// An integer id, as a number or a string.
fn opt_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    opt_with(d, "an integer id", |v| match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Text that the spec sometimes shows as a number (`transactionId`,
/// `recipientPhone`): kept as text either way.
fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_with(d, "text or a number", |v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// A list of amounts; `null` is empty.
fn nums<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<f64>, D::Error> {
    let values = Option::<Vec<Value>>::deserialize(d)?.unwrap_or_default();
    values
        .iter()
        .map(|v| number_of(v).ok_or_else(|| serde::de::Error::custom(format!("expected an amount, found {v}"))))
        .collect()
}

/// A map amount → text. Examples show an empty list `[]` where there are none.
fn text_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => Ok(BTreeMap::new()),
        Some(Value::Array(items)) if items.is_empty() => Ok(BTreeMap::new()),
        Some(Value::Object(map)) => Ok(map
            .into_iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect()),
        Some(v) => Err(serde::de::Error::custom(format!(
            "expected a map of descriptions, found {v}"
        ))),
    }
}
