//! Auto-renewal decisions: a pure function, no I/O. (Being written: types only.)

use crate::domain::{Clp, DataAmount, PayMethod, PlanId};

#[derive(Debug, Clone)]
pub struct AutoPolicy {
    pub plan: PlanId,
    pub pay: Option<PayMethod>,
    pub when_data_below: Option<DataAmount>,
    pub when_saldo_below: Option<Clp>,
    pub before_expiry: Option<jiff::SignedDuration>,
    pub min_interval: Option<jiff::SignedDuration>,
    pub monthly_cap: Option<Clp>,
}
