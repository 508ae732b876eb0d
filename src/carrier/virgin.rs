//! Virgin Mobile Chile (Tribe Mobile Chile SpA), an MVNO on Movistar's network.

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode, RechargePage};
use crate::domain::Operator;

pub const VIRGIN: Carrier = Carrier {
    operator: Operator::Virgin,
    display_name: "Virgin Mobile",
    company: "Tribe Mobile Chile SpA (MVNO on Movistar)",
    network_codes: &[
        NetworkCode::listed("73013", "Tribe Mobile Chile (Wikipedia, mcc-mnc.com)"),
        NetworkCode::listed(
            "73007",
            "GNOME provider database; Wikipedia and AOSP give 730-07 to Movistar",
        ),
    ],
    channels: &[KnownChannel {
        kind: ChannelKind::Web,
        purpose: "website",
        detail: "virginmobile.cl exists; no balance page was found",
        source: "https://aprenderly.com/doc/1963386/virgin-mobile-chile-spa",
        third_party: true,
    }],
    recharge_page: Some(RechargePage {
        url: "https://www.virginmobile.cl/recarga",
        source: "https://khipu.com (its home page's list of merchants that take khipu links Virgin's \
                 recarga page; seen in a saved copy of that page, not on virginmobile.cl); not verified",
        third_party: true,
    }),
    unknowns: &[
        "USSD code and SMS keyword for balance (set [operators.virgin] balance_ussd or balance_sms)",
        "USSD menu to buy a bolsa (set buy_ussd on each [[operators.virgin.plan]])",
        "which MNC its SIMs carry (730-13 or 730-07: sources disagree)",
        "an app for prepaid balance",
    ],
    reloadly_names: &["Virgin Mobile Chile"],
    bonus_saldo_labels: super::DEFAULT_BONUS_LABELS,
    quirks: &[],
};
