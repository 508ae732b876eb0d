//! WOM (ex-Nextel). The one operator with a documented balance path, and the
//! one that documents that bonus saldo cannot buy plans.

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode};
use crate::domain::Operator;

pub const WOM: Carrier = Carrier {
    operator: Operator::Wom,
    display_name: "WOM",
    company: "WOM (Novator Partners; former Nextel)",
    network_codes: &[
        NetworkCode::listed("73009", "WOM (UMTS/LTE 1700, 5G 3500)"),
        NetworkCode::listed("73004", "WOM, ex-Nextel iDEN"),
    ],
    channels: &[
        KnownChannel {
            kind: ChannelKind::Ussd,
            purpose: "balance",
            detail: "dial *103# then option 2; the balance shows on screen (or call 103, option 2)",
            source: "https://lacompraideal.cl/blog-2/como-consultar-saldo-en-wom",
            third_party: true,
        },
        KnownChannel {
            kind: ChannelKind::App,
            purpose: "balance and renew",
            detail: "APP WOM shows Saldo and Extra Saldo",
            source: "https://wom.cl/centro-de-ayuda/donde-puedo-revisar-el-monto-pendiente-a-pagar",
            third_party: false,
        },
        KnownChannel {
            kind: ChannelKind::Web,
            purpose: "account",
            detail: "sucursal virtual MiWOM, miwom.wom.cl (login with RUT or number + SMS code)",
            source: "https://deudaschile.com/deuda-wom",
            third_party: true,
        },
    ],
    recharge_page: None,
    unknowns: &[
        "verbatim reply of *103# (the code itself is from a third-party page: check it on your SIM)",
        "USSD menu to buy a bolsa (set buy_ussd on each [[operators.wom.plan]])",
    ],
    reloadly_names: &["Wom Chile", "WOM Chile"],
    bonus_saldo_labels: &[
        "extra saldo",
        "saldo de regalo",
        "saldo regalo",
        "regalo",
        "bono",
        "bonificacion",
        "saldo promocional",
        "promocion",
    ],
    quirks: &[
        "Extra Saldo (gifts, promotions) cannot buy plans: only Saldo counts when topup checks whether a plan is affordable (source: https://www.wom.cl/centro-de-ayuda/como-contrato-spotify-con-cargo-a-mi-boleta/)",
        "WOM entered US Chapter 11 in April 2024; ownership changed since",
    ],
};
