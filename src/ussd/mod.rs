//! Decoding and parsing of USSD/SMS replies: pure, table-tested.

pub mod decode;
pub mod menu;
pub mod parse;
pub mod steps;

pub use steps::{UssdSteps, UssdStepsError};
