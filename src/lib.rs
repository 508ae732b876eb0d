//! topup: a top-up assistant for prepaid mobile lines, Chile first.
//!
//! Data flows one way: command → flow → carrier (operator knowledge) →
//! channel (I/O) → domain types → ledger → output.

pub mod carrier;
pub mod config;
pub mod channel;
pub mod diag;
pub mod domain;
pub mod error;
pub mod hooks;
pub mod ledger;
pub mod lock;
pub mod policy;
pub mod ussd;
