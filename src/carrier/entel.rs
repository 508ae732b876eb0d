//! Entel (Entel Telefonía Móvil S.A.).

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode};
use crate::domain::Operator;

pub const ENTEL: Carrier = Carrier {
    operator: Operator::Entel,
    display_name: "Entel",
    company: "Entel Telefonía Móvil S.A. (older lists: Entel PCS)",
    network_codes: &[
        NetworkCode::listed("73001", "Entel"),
        NetworkCode::listed("73010", "Entel"),
        NetworkCode::listed("73026", "Entel (AOSP carrier list only)"),
    ],
    channels: &[
        KnownChannel {
            kind: ChannelKind::App,
            purpose: "balance and renew",
            detail: "Mi Entel app (login with RUT and password)",
            source: "https://formsandtaxes.com/blog/how-to-pay-entel-types-of-payments-ticket-and-more",
            third_party: true,
        },
        KnownChannel {
            kind: ChannelKind::Web,
            purpose: "prepaid portal",
            detail: "https://www.entel.cl/prepago/ (a balance page was not found)",
            source: "https://www.entel.cl/prepago/ as used by the SoloTodo storescraper",
            third_party: false,
        },
    ],
    recharge_page: None,
    unknowns: &[
        "USSD code and SMS keyword for balance (set [operators.entel] balance_ussd or balance_sms)",
        "USSD menu to buy a bolsa (set buy_ussd on each [[operators.entel.plan]])",
    ],
    reloadly_names: &["Entel Chile"],
    bonus_saldo_labels: super::DEFAULT_BONUS_LABELS,
    quirks: &[],
};
