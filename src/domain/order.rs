//! Orders and their state machine. The ledger stores them; money safety
//! depends on the transitions below being the only ones possible.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::Serialize;
use uuid::Uuid;

use super::{Clp, Msisdn, Operator, PlanId};

/// An order's id. It is also the idempotency key sent to the gateway
/// (Reloadly `customIdentifier`): one order, one key, sent at most once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderId(pub Uuid);

impl OrderId {
    /// A fresh time-ordered key (UUID v7).
    pub fn new() -> Self {
        OrderId(Uuid::now_v7())
    }
}

impl Default for OrderId {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Display for OrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

/// A text that is not an order id (a UUID).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("order-id-malformed", text = .0.as_str()))]
pub struct OrderIdError(String);

impl FromStr for OrderId {
    type Err = OrderIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s.trim())
            .map(OrderId)
            .map_err(|_| OrderIdError(s.trim().into()))
    }
}

/// An order id as people type it: the whole id, or a prefix of at least 4
/// of its characters (`history` shows 8 or more), lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderPrefix(String);

impl FromStr for OrderPrefix {
    type Err = OrderIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim().to_ascii_lowercase();
        let id_like = text.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
        match text.len() {
            4..=36 if id_like => Ok(OrderPrefix(text)),
            _ => Err(OrderIdError(s.trim().into())),
        }
    }
}

impl OrderPrefix {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Serialize for OrderId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // The Display form, written without `fmt`: history writes thousands.
        s.serialize_str(self.0.hyphenated().encode_lower(&mut Uuid::encode_buffer()))
    }
}

/// How an order is paid.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    serde::Deserialize,
    clap::ValueEnum,
    strum::IntoStaticStr,
    strum::Display,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum PayMethod {
    /// The simulated network's payment (no money moves).
    Sandbox,
    /// Reloadly Airtime API (real money from the Reloadly account).
    Reloadly,
    /// Bought with the line's own saldo over USSD.
    Saldo,
    /// Paid by you on the operator's own recharge page, in your browser
    Web,
    /// A purchase made elsewhere (a store, the operator's app, a gift) and
    /// recorded with `topup record`: never a way to pay, so neither the
    /// config nor `--pay` takes it.
    #[serde(skip_deserializing)]
    #[value(skip)]
    Record,
}

impl PayMethod {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A name that is not a payment method.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("pay-method-unknown", text = .0.as_str()))]
pub struct PayMethodError(String);

impl FromStr for PayMethod {
    type Err = PayMethodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "sandbox" => Ok(PayMethod::Sandbox),
            "reloadly" => Ok(PayMethod::Reloadly),
            "saldo" => Ok(PayMethod::Saldo),
            "web" => Ok(PayMethod::Web),
            "record" => Ok(PayMethod::Record),
            other => Err(PayMethodError(other.into())),
        }
    }
}

/// Where a recorded purchase (`topup record`) was made.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    clap::ValueEnum,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumString,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum Via {
    /// A shop, a kiosk or the operator's store
    Store,
    /// The operator's app
    App,
    /// A web page, the operator's or another seller's
    Web,
    /// A gift: someone else topped the line up
    Gift,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::Display)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum OrderStatus {
    /// Written to the ledger; nothing sent yet.
    Intent,
    /// About to be sent or sent; the gateway may be processing it.
    Submitted,
    Confirmed,
    Failed,
    /// The request may have reached the gateway but no clear answer came.
    /// Never retried blindly: reconcile asks the channel under the same key.
    Unknown,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 5] = [
        OrderStatus::Intent,
        OrderStatus::Submitted,
        OrderStatus::Confirmed,
        OrderStatus::Failed,
        OrderStatus::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The only legal moves:
    /// `intent → submitted | failed` (failed: never sent),
    /// `submitted → confirmed | failed | unknown`,
    /// `unknown → confirmed | failed`.
    pub fn can_move_to(self, next: OrderStatus) -> bool {
        use OrderStatus::*;
        matches!(
            (self, next),
            (Intent, Submitted)
                | (Intent, Failed)
                | (Submitted, Confirmed)
                | (Submitted, Failed)
                | (Submitted, Unknown)
                | (Unknown, Confirmed)
                | (Unknown, Failed)
        )
    }

    /// Needs `reconcile` before the line may be paid again.
    pub fn needs_reconcile(self) -> bool {
        matches!(self, OrderStatus::Submitted | OrderStatus::Unknown)
    }
}

/// A name that is not an order status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::t!("order-status-unknown", text = .0.as_str()))]
pub struct OrderStatusError(String);

impl FromStr for OrderStatus {
    type Err = OrderStatusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OrderStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| OrderStatusError(s.into()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    pub id: OrderId,
    pub line: String,
    pub msisdn: Msisdn,
    pub operator: Operator,
    pub plan_id: PlanId,
    #[serde(rename = "amount_clp")]
    pub amount: Clp,
    pub pay: PayMethod,
    pub status: OrderStatus,
    pub gateway_ref: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub error: Option<String>,
    /// Where a recorded purchase was made (`pay` is `record`); `None` for
    /// every other order, and for a record that did not say.
    pub via: Option<Via>,
}

impl Order {
    /// How the order was paid, as people read it: the method, and for a
    /// recorded purchase where it was made (`record/store`).
    pub fn paid_with(&self) -> String {
        match self.via {
            Some(via) => format!("{}/{}", self.pay, via),
            None => self.pay.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OrderStatus::{self, *};

    #[test]
    fn transition_table() {
        let legal = [
            (Intent, Submitted),
            (Intent, Failed),
            (Submitted, Confirmed),
            (Submitted, Failed),
            (Submitted, Unknown),
            (Unknown, Confirmed),
            (Unknown, Failed),
        ];
        for from in OrderStatus::ALL {
            for to in OrderStatus::ALL {
                assert_eq!(from.can_move_to(to), legal.contains(&(from, to)), "{from} -> {to}");
            }
        }
    }

    #[test]
    fn id_json_is_its_display_form() {
        let id = super::OrderId::new();
        assert_eq!(
            serde_json::to_value(id).unwrap(),
            serde_json::Value::String(id.to_string())
        );
    }

    #[test]
    fn final_states_never_move() {
        for to in OrderStatus::ALL {
            assert!(!Confirmed.can_move_to(to));
            assert!(!Failed.can_move_to(to));
        }
    }

    #[test]
    fn reconcile() {
        assert!(Unknown.needs_reconcile() && Submitted.needs_reconcile() && !Intent.needs_reconcile());
    }
}
