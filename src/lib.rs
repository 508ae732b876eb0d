//! topup: a top-up assistant for prepaid mobile lines, Chile first.
//!
//! Data flows one way: command → flow → carrier (operator knowledge) →
//! channel (I/O) → domain types → ledger → output.

pub mod app;
pub mod carrier;
pub mod channel;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod config;
pub mod diag;
pub mod domain;
pub mod error;
pub mod files;
pub mod flow;
pub mod hooks;
pub mod http;
pub mod i18n;
pub mod ledger;
pub mod lock;
pub mod output;
pub mod pager;
pub mod policy;
pub mod secrets;
pub mod shell;
pub mod sqlite;
pub mod usage;
pub mod ussd;
