//! How a line is reached: I/O only, no operator knowledge. Each channel
//! answers in domain types; `flow` decides what the answers mean for orders.

pub mod modem;
pub mod reloadly;
pub mod sandbox;

use crate::error::TopupError;

/// What a payment call came to. The flow turns it into the order's next state.
#[derive(Debug, Clone)]
pub enum PaymentOutcome {
    /// Paid and delivered.
    Confirmed { gateway_ref: Option<String> },
    /// Accepted, still processing: the order stays `submitted` and reconcile
    /// settles it later.
    Pending { gateway_ref: Option<String> },
    /// Definitely not paid (declined, refunded, refused, invalid). `error.kind`
    /// gives the exit code; the message says that no money was taken.
    Failed {
        error: TopupError,
        gateway_ref: Option<String>,
    },
    /// The request may have reached the gateway but no clear answer came back
    /// (timeout after sending, reset, 5xx, unreadable body). Never retried.
    Unknown { reason: String },
}

/// What the channel says about an earlier order, looked up by its key.
#[derive(Debug, Clone)]
pub enum Lookup {
    Confirmed {
        gateway_ref: Option<String>,
    },
    Pending {
        gateway_ref: Option<String>,
    },
    /// The gateway has it and it failed: no money was taken.
    Failed {
        reason: String,
        gateway_ref: Option<String>,
    },
    /// The gateway has no order under that key: it never arrived.
    NotFound,
}
