//! End-to-end tests through the `topup` binary: one binary, one module per area.

mod auto;
mod balance;
mod cli;
mod common;
mod complete;
mod config;
mod config_cmd;
mod corpus;
mod faults;
mod forgiving;
mod fuzz_cases;
mod history;
mod input;
mod lang;
mod lang_operators;
mod mm_stack;
mod modem;
mod paths;
mod plans;
mod props;
mod real_modem;
mod reloadly;
mod renew;
mod replies;
mod secrets;
mod snapshots;
