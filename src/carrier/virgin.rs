//! Virgin Mobile Chile (Tribe Mobile Chile SpA), an MVNO on Movistar's network.

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode, SOURCE_NETWORK_CODES};
use crate::domain::Operator;

pub struct Virgin;

impl Carrier for Virgin {
    fn operator(&self) -> Operator {
        Operator::Virgin
    }
    fn display_name(&self) -> &'static str {
        "Virgin Mobile"
    }
    fn company(&self) -> &'static str {
        "Tribe Mobile Chile SpA (MVNO on Movistar)"
    }
    fn network_codes(&self) -> &'static [NetworkCode] {
        &[
            NetworkCode {
                code: "73013",
                note: "Tribe Mobile Chile (Wikipedia, mcc-mnc.com)",
                source: SOURCE_NETWORK_CODES,
            },
            NetworkCode {
                code: "73007",
                note: "GNOME provider database; Wikipedia and AOSP give 730-07 to Movistar",
                source: SOURCE_NETWORK_CODES,
            },
        ]
    }
    fn channels(&self) -> &'static [KnownChannel] {
        &[KnownChannel {
            kind: ChannelKind::Web,
            purpose: "website",
            detail: "virginmobile.cl exists; no balance or recarga page was found",
            source: "https://aprenderly.com/doc/1963386/virgin-mobile-chile-spa",
            third_party: true,
        }]
    }
    fn unknowns(&self) -> &'static [&'static str] {
        &[
            "USSD code and SMS keyword for balance (set [operators.virgin] balance_ussd or balance_sms)",
            "USSD menu to buy a bolsa (set buy_ussd on each [[operators.virgin.plan]])",
            "which MNC its SIMs carry (730-13 or 730-07: sources disagree)",
            "an app for prepaid balance",
        ]
    }
    fn reloadly_names(&self) -> &'static [&'static str] {
        &["Virgin Mobile Chile"]
    }
}
