//! Operator knowledge: a `Carrier` of plain data per operator, and the
//! lookup. Each operator's module holds everything specific to it (names,
//! network codes, known self-service channels with sources, reply quirks).
//! Nothing here does I/O; channels (`crate::channel`) do, and know no operator.
//!
//! Facts come from `shared/reference/chile-operators.md`. What is not known is
//! said so (`unknowns`) and left to config keys.

pub mod claro;
pub mod entel;
pub mod movistar;
pub mod virgin;
pub mod wom;

use crate::domain::Operator;

/// A mobile network code, MCC-MNC, with where it was read.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct NetworkCode {
    /// `73001`: MCC and MNC as ModemManager prints them.
    pub code: &'static str,
    pub note: &'static str,
    pub source: &'static str,
}

impl NetworkCode {
    /// A code from the numbering lists every operator's codes come from.
    const fn listed(code: &'static str, note: &'static str) -> NetworkCode {
        NetworkCode {
            code,
            note,
            source: SOURCE_NETWORK_CODES,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::Display)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum ChannelKind {
    Web,
    App,
    Ussd,
    Store,
}

/// A self-service way to check or renew, as found in a public source.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct KnownChannel {
    pub kind: ChannelKind,
    /// What it is for: "balance", "renew", "account".
    pub purpose: &'static str,
    pub detail: &'static str,
    pub source: &'static str,
    /// From a third-party page, not the operator: verify on a real SIM.
    pub third_party: bool,
}

/// An operator's recharge page: where `pay = "web"` sends the person when
/// the config sets no `[operators.X] recharge_url`, with where it was seen.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct RechargePage {
    pub url: &'static str,
    /// Where the address was seen.
    pub source: &'static str,
    /// Seen only on a third-party page, not the operator's own: the person
    /// is told to check the page is the operator's before paying.
    pub third_party: bool,
}

/// Everything topup knows about one operator: plain data, a `const` in each
/// operator's module.
#[derive(Debug)]
pub struct Carrier {
    pub operator: Operator,
    /// `Entel`, `WOM`: how people write it.
    pub display_name: &'static str,
    /// The company, as the numbering lists name it.
    pub company: &'static str,
    pub network_codes: &'static [NetworkCode],
    pub channels: &'static [KnownChannel],
    /// The page `pay = "web"` opens by default; `None` when no address was
    /// found (then `[operators.X] recharge_url` must say).
    pub recharge_page: Option<RechargePage>,
    /// Facts searched for and not found for this operator in particular;
    /// each is a config key instead. See `all_unknowns`.
    pub unknowns: &'static [&'static str],
    /// Names Reloadly uses for this operator's prepaid mobile product, matched
    /// case-insensitively against `/operators/countries/CL` (not "BAM" modems).
    pub reloadly_names: &'static [&'static str],
    /// Labels that, in a balance reply, mark saldo that cannot buy plans
    /// (bonus, gift, promotional saldo). Lowercase, accent-free.
    pub bonus_saldo_labels: &'static [&'static str],
    /// Short notes on quirks of this operator that change what topup does.
    pub quirks: &'static [&'static str],
}

impl Carrier {
    /// This operator's unknowns, then those common to every operator.
    pub fn all_unknowns(&self) -> Vec<&'static str> {
        self.unknowns.iter().chain(COMMON_UNKNOWNS).copied().collect()
    }
}

/// Bonus-saldo words seen across operators; kept apart from purchasable saldo
/// because at least WOM documents that such saldo cannot buy plans.
pub const DEFAULT_BONUS_LABELS: &[&str] = &[
    "extra saldo",
    "saldo de regalo",
    "saldo regalo",
    "bono",
    "bonificacion",
    "saldo promocional",
    "promocion",
];

/// The facts every Chilean operator lacks in public sources (reference §0).
pub const COMMON_UNKNOWNS: &[&str] = &[
    "verbatim balance reply texts (set [operators.X] saldo_pattern / data_pattern if topup cannot read yours)",
    "current prepaid plan (bolsa) catalogue and prices (list yours under [[operators.X.plan]])",
    "minimum and maximum recarga amounts",
    "official recarga page and accepted payment methods",
];

pub const SOURCE_NETWORK_CODES: &str = "Wikipedia MNC list via github.com/pbakondy/mcc-mnc-list; AOSP carrier_list.textpb; GNOME mobile-broadband-provider-info";

pub fn carrier(op: Operator) -> &'static Carrier {
    match op {
        Operator::Entel => &entel::ENTEL,
        Operator::Movistar => &movistar::MOVISTAR,
        Operator::Claro => &claro::CLARO,
        Operator::Wom => &wom::WOM,
        Operator::Virgin => &virgin::VIRGIN,
    }
}

/// The page `pay = "web"` sends the person to: the config's own
/// (`[operators.X] recharge_url`), else the one topup knows, if any.
#[derive(Debug, Clone, Copy)]
pub enum PageChoice<'a> {
    Configured(&'a str),
    Known(&'static RechargePage),
}

impl PageChoice<'_> {
    pub fn url(&self) -> &str {
        match self {
            PageChoice::Configured(url) => url,
            PageChoice::Known(page) => page.url,
        }
    }

    /// Seen only on a third-party page (a page the user configured is theirs).
    pub fn unverified(&self) -> bool {
        matches!(self, PageChoice::Known(page) if page.third_party)
    }
}

/// `op`'s recharge page: `configured` (the config's `recharge_url`) first.
pub fn recharge_page(configured: Option<&str>, op: Operator) -> Option<PageChoice<'_>> {
    match configured {
        Some(url) => Some(PageChoice::Configured(url)),
        None => carrier(op).recharge_page.as_ref().map(PageChoice::Known),
    }
}

/// The config key that sets `op`'s recharge page, as people write it.
pub fn recharge_url_key(op: Operator) -> String {
    format!("[operators.{op}] recharge_url")
}

/// The operators whose SIM or network may carry this MCC-MNC (`73001`,
/// `730-01` or `730 01`). More than one when sources disagree (730-07).
pub fn operators_for_network_code(code: &str) -> Vec<Operator> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    Operator::ALL
        .into_iter()
        .filter(|op| carrier(*op).network_codes.iter().any(|nc| nc.code == digits))
        .collect()
}

/// Lowercase and strip Spanish accents, for matching labels and menu text.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_code_table() {
        let table: [(&str, &[Operator]); 10] = [
            ("73001", &[Operator::Entel]),
            ("730-10", &[Operator::Entel]),
            ("73026", &[Operator::Entel]),
            ("73002", &[Operator::Movistar]),
            ("73003", &[Operator::Claro]),
            ("73009", &[Operator::Wom]),
            ("73004", &[Operator::Wom]),
            ("73013", &[Operator::Virgin]),
            ("73007", &[Operator::Movistar, Operator::Virgin]),
            ("72405", &[]),
        ];
        for (code, ops) in table {
            assert_eq!(operators_for_network_code(code), ops, "{code}");
        }
    }

    #[test]
    fn every_operator_is_described() {
        for op in Operator::ALL {
            let c = carrier(op);
            assert_eq!(c.operator, op);
            assert!(!c.network_codes.is_empty());
            assert!(!c.unknowns.is_empty());
            assert!(!c.reloadly_names.is_empty());
            for ch in c.channels {
                assert!(
                    ch.source.starts_with("http") || ch.source.contains("SoloTodo"),
                    "{op}: {}",
                    ch.source
                );
            }
        }
    }

    #[test]
    fn fold_strips_accents() {
        assert_eq!(fold("Válido HASTA el Sábado, Años"), "valido hasta el sabado, anos");
    }
}
