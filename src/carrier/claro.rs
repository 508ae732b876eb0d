//! Claro Chile (Claro Chile S.A.).

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode};
use crate::domain::Operator;

pub const CLARO: Carrier = Carrier {
    operator: Operator::Claro,
    display_name: "Claro",
    company: "Claro Chile S.A. (ClaroVTR joint venture)",
    network_codes: &[NetworkCode::listed("73003", "Claro (AOSP: Claro CL)")],
    channels: &[KnownChannel {
        kind: ChannelKind::Web,
        purpose: "account",
        detail: "Sucursal Virtual Mi Claro (login with RUT and contraseña)",
        // The same site's Claro page: the reference's [c1] is a page titled
        // for Movistar (its text is about Claro, its title and address not).
        source: "https://telefonochile.cl/reclamar-factura-claro",
        third_party: true,
    }],
    recharge_page: None,
    unknowns: &[
        "USSD code and SMS keyword for balance (set [operators.claro] balance_ussd or balance_sms)",
        "USSD menu to buy a bolsa (set buy_ussd on each [[operators.claro.plan]])",
        "an official app for prepaid balance",
    ],
    reloadly_names: &["Claro Chile"],
    bonus_saldo_labels: super::DEFAULT_BONUS_LABELS,
    quirks: &[],
};
