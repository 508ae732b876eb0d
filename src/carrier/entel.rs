//! Entel (Entel Telefonía Móvil S.A.).

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode, SOURCE_NETWORK_CODES};
use crate::domain::Operator;

pub struct Entel;

impl Carrier for Entel {
    fn operator(&self) -> Operator {
        Operator::Entel
    }
    fn display_name(&self) -> &'static str {
        "Entel"
    }
    fn company(&self) -> &'static str {
        "Entel Telefonía Móvil S.A. (older lists: Entel PCS)"
    }
    fn network_codes(&self) -> &'static [NetworkCode] {
        &[
            NetworkCode {
                code: "73001",
                note: "Entel",
                source: SOURCE_NETWORK_CODES,
            },
            NetworkCode {
                code: "73010",
                note: "Entel",
                source: SOURCE_NETWORK_CODES,
            },
            NetworkCode {
                code: "73026",
                note: "Entel (AOSP carrier list only)",
                source: SOURCE_NETWORK_CODES,
            },
        ]
    }
    fn channels(&self) -> &'static [KnownChannel] {
        &[
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
        ]
    }
    fn unknowns(&self) -> &'static [&'static str] {
        &[
            "USSD code and SMS keyword for balance (set [operators.entel] balance_ussd or balance_sms)",
            "USSD menu to buy a bolsa (set buy_ussd on each [[operators.entel.plan]])",
        ]
    }
    fn reloadly_names(&self) -> &'static [&'static str] {
        &["Entel Chile"]
    }
}
