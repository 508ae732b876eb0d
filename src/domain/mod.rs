//! Pure domain types: no I/O, no config. Table-tested.

pub mod data;
pub mod modem;
pub mod money;
pub mod msisdn;
pub mod operator;
pub mod order;
pub mod plan;
pub mod promotion;
pub mod status;
pub mod suggest;
pub mod timefmt;

pub use data::DataAmount;
pub use modem::ModemSelector;
pub use money::Clp;
pub use msisdn::Msisdn;
pub use operator::Operator;
pub use order::{Order, OrderId, OrderStatus, PayMethod, Via};
pub use plan::{AccountCost, Plan, PlanId, PlanSource};
pub use promotion::Promotion;
pub use status::{Baseline, DataLeft, LineStatus, MonthUsage, StatusSource};
