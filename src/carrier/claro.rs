//! Claro Chile (Claro Chile S.A.).

use super::{Carrier, ChannelKind, KnownChannel, NetworkCode, SOURCE_NETWORK_CODES};
use crate::domain::Operator;

pub struct Claro;

impl Carrier for Claro {
    fn operator(&self) -> Operator {
        Operator::Claro
    }
    fn display_name(&self) -> &'static str {
        "Claro"
    }
    fn company(&self) -> &'static str {
        "Claro Chile S.A. (ClaroVTR joint venture)"
    }
    fn network_codes(&self) -> &'static [NetworkCode] {
        &[NetworkCode {
            code: "73003",
            note: "Claro (AOSP: Claro CL)",
            source: SOURCE_NETWORK_CODES,
        }]
    }
    fn channels(&self) -> &'static [KnownChannel] {
        &[KnownChannel {
            kind: ChannelKind::Web,
            purpose: "account",
            detail: "Sucursal Virtual Mi Claro (login with RUT and contraseña)",
            source: "https://telefonochile.cl/resolver-problemas-pago-movistar",
            third_party: true,
        }]
    }
    fn unknowns(&self) -> &'static [&'static str] {
        &[
            "USSD code and SMS keyword for balance (set [operators.claro] balance_ussd or balance_sms)",
            "USSD menu to buy a bolsa (set buy_ussd on each [[operators.claro.plan]])",
            "an official app for prepaid balance",
        ]
    }
    fn reloadly_names(&self) -> &'static [&'static str] {
        &["Claro Chile"]
    }
}
