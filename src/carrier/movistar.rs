//! Movistar Chile (Telefónica Móvil de Chile).

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode, RechargePage};
use crate::domain::Operator;

pub const MOVISTAR: Carrier = Carrier {
    operator: Operator::Movistar,
    display_name: "Movistar",
    company: "Telefónica Móvil de Chile",
    network_codes: &[
        NetworkCode::listed("73002", "Movistar"),
        NetworkCode::listed(
            "73007",
            "Movistar per Wikipedia and AOSP; GNOME lists Virgin Mobile under 730-07",
        ),
    ],
    channels: &[
        KnownChannel {
            kind: ChannelKind::App,
            purpose: "balance and renew",
            detail: "App Mi Movistar (login with RUT and contraseña)",
            source: "https://atencionalcliente.movistar.cl/como-acceder-a-una-prorroga-en-el-pago-de-mi-cuenta-movistar",
            third_party: false,
        },
        KnownChannel {
            kind: ChannelKind::Web,
            purpose: "help centre",
            detail: "atencionalcliente.movistar.cl",
            source: "https://atencionalcliente.movistar.cl/como-acceder-a-una-prorroga-en-el-pago-de-mi-cuenta-movistar",
            third_party: false,
        },
    ],
    recharge_page: Some(RechargePage {
        url: "https://ww2.movistar.cl/recarga/",
        source: "a commented-out \"Pagar Movistar\" link in a third-party page's HTML (public code); not verified",
        third_party: true,
    }),
    unknowns: &[
        "USSD code and SMS keyword for balance (set [operators.movistar] balance_ussd or balance_sms)",
        "USSD menu to buy a bolsa (set buy_ussd on each [[operators.movistar.plan]])",
    ],
    reloadly_names: &["Movistar Chile"],
    bonus_saldo_labels: super::DEFAULT_BONUS_LABELS,
    quirks: &["a 2025 press report says Telefónica is exiting Chile; the brand's future is not known"],
};
