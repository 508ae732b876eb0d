//! What an amount is, from the words around it: its label (the words just
//! before it in its clause, or the heading line above), a `de …` phrase
//! right after it, and offers or errors in its phrase. Also what a clause
//! is about, for the dates in it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::amounts;
use super::text::{first_words, has_exact_word, has_word, last_keyword, word_spans};

/// The words around one amount.
#[derive(Debug, Clone)]
pub(super) struct Around<'t> {
    /// From the clause start or the previous amount to this one; or the
    /// heading line above when this amount starts its line ("Saldo:\n$1.500").
    pub before: &'t str,
    /// Where `before` starts in the folded text.
    pub before_at: usize,
    pub from_heading: bool,
    /// From this amount to the next one or the clause end.
    pub after: &'t str,
    /// The rest of the clause after this amount: "+ 1 GB LTE no activos".
    pub rest: &'t str,
    /// The amount's phrase: its clause cut at conjunctions ("Tu saldo es $0"
    /// of "Tu saldo es $0 y no tienes bolsas activas"); offers and errors
    /// are looked for here.
    pub phrase: &'t str,
    /// The amount just before, in this clause, is data: "2 GB de 5 GB".
    pub follows_data: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Money {
    /// Saldo that can buy plans.
    Saldo,
    /// Saldo under one of the carrier's bonus labels.
    Bonus(&'static str),
    /// A price, a recarga, a debt, a total, frozen saldo: not a balance.
    NotBalance,
    /// Nothing says what it is.
    Unlabelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Data {
    /// Data left; `bucket` names a separate bucket ("bono", "bolsa"), `None`
    /// is plain "datos"/"te quedan".
    Left { bucket: Option<&'static str> },
    /// Used: "1,3 GB usados".
    Used,
    /// What a bucket holds: "de 5 GB", "Total: 5 GB".
    Total,
    /// An app-only or restricted bucket, a non-data service, an offer, an
    /// inactive bucket.
    NotLeft,
    /// Part of a product name ("Bolsa 5GB"): the plan, not what is left.
    /// `product_at` is where the name starts in the folded text.
    Name { product_at: usize },
}

const SALDO_WORDS: &[&str] = &[
    "saldo",
    "credito",
    "saldo de recarga",
    "saldo recarga",
    "saldo principal",
    "saldo disponible",
    "saldo actual",
    "saldo activo",
];
/// Say "saldo" only when nothing stronger is there: "Principal: $1.500".
const WEAK_SALDO_WORDS: &[&str] = &["principal", "disponible", "tienes", "quedan", "queda", "actual"];
const NOT_BALANCE_WORDS: &[&str] = &[
    "recarga",
    "recargaste",
    "recargar",
    "cargo",
    "costo",
    "cuesta",
    "precio",
    "valor",
    "tarifa",
    "cobro",
    "deuda",
    "monto",
    "adelanto",
    "pendiente",
    "prestamo",
    "pagar",
    "pago",
    "congelado",
    "vencido",
    "anterior",
    "consumo",
    "consumido",
    "gastado",
    "descuento",
    "minimo",
    "maximo",
    "total",
    "minuto",
    "llamada",
    "sms",
    "mensaje",
];
/// A clause with these is an offer, an instruction or an error: none of its
/// amounts is a balance ("Recarga $5.000 y recibe 2 GB", "Saldo insuficiente
/// para la bolsa de $1.990"). Matched exactly (`compra`, not `compras`).
const OFFER_OR_ERROR_WORDS: &[&str] = &[
    "compra",
    "contrata",
    "recibe",
    "recibiras",
    "obten",
    "obtienes",
    "obtendras",
    "aprovecha",
    "llevate",
    "gana",
    "navega",
    "disfruta",
    "suscribete",
    "adquiere",
    "agrega",
    "suma",
    "promo",
    "oferta",
    "por solo",
    "a solo",
    "solo por",
    "insuficiente",
    "no tienes",
    "no cuentas",
    "no alcanza",
    "error",
    "intente",
    "intenta",
    "intentalo",
    "intentelo",
    "reintente",
    "mantencion",
    "mantenimiento",
    "no disponible",
];

const USED_WORDS: &[&str] = &[
    "usado",
    "usados",
    "usaste",
    "consumido",
    "consumiste",
    "consumo",
    "utilizado",
    "gastado",
    "ocupado",
];
const CAPACITY_WORDS: &[&str] = &["total", "capacidad", "incluye", "incluido", "contratado"];
/// Data only for some apps, some hours, or abroad: not the data a plan
/// renewal is about.
const APP_ONLY_WORDS: &[&str] = &[
    "noche",
    "nocturno",
    "nocturna",
    "madrugada",
    "fin de semana",
    "mensajeria",
    "todus",
    "datos.cu",
    "whatsapp",
    "redes sociales",
    "rrss",
    "facebook",
    "instagram",
    "twitter",
    "tiktok",
    "youtube",
    "spotify",
    "netflix",
    "musica",
    "video",
    "waze",
    "apps",
    "roaming",
    "chat",
];
const LEFT_WORDS: &[&str] = &[
    "quedan",
    "queda",
    "restante",
    "disponible",
    "libre",
    "saldo",
    "saldo de datos",
    "datos",
    "internet",
    "navegacion",
    "megas",
    "gigas",
    "tienes",
];
/// Separate buckets of data, added up; with the bonus words below and the
/// carrier's bonus labels.
const BUCKET_WORDS: &[&str] = &["principal", "bolsa", "paquete", "diaria"];
/// Bonus data or saldo, whatever the carrier's labels say.
const BONUS_WORDS: &[&str] = &["adicional", "extra", "regalo", "bono", "promocion"];
/// Words that start a product name: "Bolsa 5GB", "Plan Multimedia 10 GB".
pub(super) const PRODUCT_WORDS: &[&str] = &["bolsa", "bolson", "plan", "pack", "paquete"];
/// Services that may be "ilimitado" without the data being so.
const NOT_DATA_WORDS: &[&str] = &[
    "minutos", "minuto", "llamadas", "llamada", "sms", "mensajes", "voz", "plan",
];
const DATA_WORDS: &[&str] = &[
    "datos",
    "internet",
    "navegacion",
    "gigas",
    "megas",
    "gb",
    "bolsa",
    "data",
];

pub(super) fn is_offer_or_error(phrase: &str) -> bool {
    OFFER_OR_ERROR_WORDS.iter().any(|w| has_exact_word(phrase, w))
}

/// "… no activos", "… inactivo": the amounts just before are not usable.
/// `rest` starts right after an amount; other amounts of its group ("+ 3 GB
/// LTE") may stand between.
fn inactive(rest: &str) -> bool {
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '.' | ';'))
        .filter(|w| !w.is_empty())
        .skip_while(|w| {
            matches!(*w, "+" | "y" | "lte" | "4g" | "3g" | "5g")
                || w.starts_with(|c: char| c.is_ascii_digit())
                || amounts::is_data_unit(w)
        })
        .take(2)
        .collect();
    matches!(
        words.as_slice(),
        ["no", "activo" | "activos" | "activa" | "activas", ..] | ["inactivo" | "inactivos", ..]
    )
}

fn table<T: Copy>(groups: &[(&[&'static str], T)]) -> Vec<(&'static str, T)> {
    groups
        .iter()
        .flat_map(|(words, value)| words.iter().map(move |w| (*w, *value)))
        .collect()
}

/// A phrase right after an amount that qualifies it: "$500 de regalo",
/// "2 GB en redes sociales".
fn qualifier(after: &str) -> Option<String> {
    let after = after.trim_start_matches([' ', ':']);
    ["de ", "del ", "en ", "para "]
        .iter()
        .any(|p| after.starts_with(p))
        .then(|| first_words(after, 4))
}

pub(super) fn money(around: &Around, bonus_labels: &'static [&'static str]) -> Money {
    if is_offer_or_error(around.phrase) {
        return Money::NotBalance;
    }
    let mut words = table(&[(SALDO_WORDS, Money::Saldo), (NOT_BALANCE_WORDS, Money::NotBalance)]);
    words.extend(
        BONUS_WORDS
            .iter()
            .chain(bonus_labels)
            .map(|label| (*label, Money::Bonus(label))),
    );
    let near = |text: &str| last_keyword(text, &words).map(|(_, role)| role);
    if let Some(role) = qualifier(around.after).as_deref().and_then(near) {
        return role;
    }
    if let Some(role) = near(around.before) {
        return role;
    }
    let first_after = first_words(around.after, 1);
    if WEAK_SALDO_WORDS.iter().any(|w| has_word(around.before, w)) || has_word(&first_after, "disponible") {
        return Money::Saldo;
    }
    Money::Unlabelled
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Said {
    Used,
    Capacity,
    AppOnly,
    Left,
}

pub(super) fn data(around: &Around, bonus_labels: &'static [&'static str]) -> Data {
    // "Navega hasta 10 GB": up to, an offer.
    let up_to = around.before.trim_end().ends_with(" hasta") || around.before.trim_end() == "hasta";
    if is_offer_or_error(around.phrase) || up_to || inactive(around.rest) {
        return Data::NotLeft;
    }
    if !around.from_heading
        && let Some(product_at) = product_name(around)
    {
        return Data::Name { product_at };
    }
    // "2 GB de 5 GB", "1,3 GB usados de 5 GB": the second is what the bucket holds.
    let joint = around.before.trim();
    let of_a_total = ["de", "del", "/"]
        .iter()
        .any(|j| joint == *j || joint.starts_with(&format!("{j} ")) || joint.ends_with(&format!(" {j}")))
        || joint.starts_with('/');
    if around.follows_data && of_a_total {
        return Data::Total;
    }
    let buckets: Vec<(&'static str, &'static str)> = BUCKET_WORDS
        .iter()
        .chain(BONUS_WORDS)
        .chain(bonus_labels)
        .map(|w| (*w, *w))
        .collect();
    let first_after = first_words(around.after, 1);
    if USED_WORDS.iter().any(|w| has_word(&first_after, w)) {
        return Data::Used;
    }
    let qualifier = qualifier(around.after);
    if let Some(q) = &qualifier
        && APP_ONLY_WORDS.iter().any(|w| has_word(q, w))
    {
        return Data::NotLeft;
    }
    let said = table(&[
        (USED_WORDS, Said::Used),
        (CAPACITY_WORDS, Said::Capacity),
        (APP_ONLY_WORDS, Said::AppOnly),
        (LEFT_WORDS, Said::Left),
    ]);
    match last_keyword(around.before, &said).map(|(_, s)| s) {
        Some(Said::Used) => Data::Used,
        Some(Said::Capacity) => Data::Total,
        Some(Said::AppOnly) => Data::NotLeft,
        Some(Said::Left) | None => {
            let bucket = qualifier
                .as_deref()
                .and_then(|q| last_keyword(q, &buckets))
                .or_else(|| last_keyword(around.before, &buckets))
                .map(|(_, w)| w);
            Data::Left { bucket }
        }
    }
}

/// "Bolsa 5GB", "Plan Multimedia 10 GB", "bolsa de datos 2 GB", "Plan:
/// Full 5GB": a product word at most three words before the amount, with no
/// "quedan"-like word between, and not a label ("Bolsa: 2 GB").
fn product_name(around: &Around) -> Option<usize> {
    let products = table(&[(PRODUCT_WORDS, ())]);
    let (span, ()) = last_keyword(around.before, &products)?;
    let between = around.before.get(span.end..)?;
    let said_left = LEFT_WORDS
        .iter()
        .chain(USED_WORDS)
        .any(|w| *w != "datos" && has_word(between, w));
    let after_label = between.rsplit([':', '=']).next().unwrap_or(between);
    let labels_the_amount = between.contains([':', '=']) && !after_label.chars().any(char::is_alphanumeric);
    let is_name = between.split_whitespace().count() <= 3 && !said_left && !labels_the_amount;
    is_name.then_some(around.before_at + span.start)
}

/// Whether an "ilimitado" is about data: "datos ilimitados", "Internet:
/// ILIMITADO", or alone; not "WhatsApp ilimitado" or "minutos ilimitados".
pub(super) fn unlimited_is_data(around: &Around) -> bool {
    // "Datos: ilimitados: Nocturno", "ilimitada de noche": restricted.
    let next = first_words(around.after.trim_start_matches([' ', ':']), 3);
    if is_offer_or_error(around.phrase) || APP_ONLY_WORDS.iter().any(|w| has_word(&next, w)) {
        return false;
    }
    let words = table(&[(DATA_WORDS, true), (NOT_DATA_WORDS, false), (APP_ONLY_WORDS, false)]);
    if let Some((_, is_data)) = last_keyword(around.before, &words) {
        return is_data;
    }
    !NOT_DATA_WORDS.iter().any(|w| has_word(&next, w))
}

/// Whether a bucket word names a bonus ("bono", the carrier's labels).
pub(super) fn is_bonus_label(word: &str, bonus_labels: &[&str]) -> bool {
    BONUS_WORDS.iter().chain(bonus_labels).any(|w| *w == word)
}

/// What a date is about: only a data plan's date is the plan's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Subject {
    Data,
    Saldo,
    Bonus,
    /// The line itself: "Línea activa hasta …".
    Line,
    /// Minutes, SMS, app-only or night-time buckets.
    OtherService,
}

const LINE_WORDS: &[&str] = &["linea", "numero", "cuenta", "sim", "chip"];
const SUBJECT_SALDO_WORDS: &[&str] = &["saldo", "credito"];
const OTHER_SERVICE_WORDS: &[&str] = &[
    "minutos", "minuto", "min", "voz", "llamadas", "llamada", "sms", "mensajes", "mensaje",
];

/// The subject word of `text` nearest its end (a date follows it), and
/// where that word ends. A bonus or a restricted bucket named anywhere in
/// `text` is its subject: "Datos extra: 1 GB, vence …".
pub(super) fn subject(text: &str, bonus_labels: &'static [&'static str]) -> Option<(usize, Subject)> {
    let anywhere = |words: &[&str]| words.iter().find_map(|w| word_spans(text, w).last());
    if let Some(span) = anywhere(APP_ONLY_WORDS) {
        return Some((span.end, Subject::OtherService));
    }
    let bonus: Vec<&str> = BONUS_WORDS.iter().chain(bonus_labels).copied().collect();
    if let Some(span) = anywhere(&bonus) {
        return Some((span.end, Subject::Bonus));
    }
    let words = table(&[
        (DATA_WORDS, Subject::Data),
        (PRODUCT_WORDS, Subject::Data),
        (&["mb", "kb", "navegar", "diaria"], Subject::Data),
        (SUBJECT_SALDO_WORDS, Subject::Saldo),
        (LINE_WORDS, Subject::Line),
        (OTHER_SERVICE_WORDS, Subject::OtherService),
    ]);
    last_keyword(text, &words).map(|(span, subject)| (span.end, subject))
}

static PLAN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    amounts::static_regex(r"\b(?:tu )?(?:plan|bolsa|pack)(?: (?:actual|activ[oa]|vigente|contratad[oa]))? ?: ?")
});
/// A longer "name" is a sentence, not a plan name.
const MAX_PLAN_NAME_CHARS: usize = 60;

/// "Plan: Multimedia 5GB", "Bolsa activa: Full Redes": where the name is in
/// `clause`. "Bolsa: 2 GB" labels an amount, not a name.
pub(super) fn labelled_plan(clause: &str) -> Option<Range<usize>> {
    let label = PLAN_LABEL.find(clause)?;
    let rest = &clause[label.end()..];
    let cut = [" vence", " hasta", " valid", " vigente", " expira"]
        .iter()
        .filter_map(|w| rest.find(w))
        .min()
        .unwrap_or(rest.len());
    let name = rest.get(..cut)?.trim_end_matches(|c: char| !c.is_alphanumeric());
    let just_an_amount = amounts::scan(name).first().is_some_and(|f| f.at == (0..name.len()));
    let is_name =
        name.chars().any(char::is_alphabetic) && !just_an_amount && name.chars().count() <= MAX_PLAN_NAME_CHARS;
    is_name.then(|| label.end()..label.end() + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::carrier::DEFAULT_BONUS_LABELS;

    fn around<'t>(before: &'t str, after: &'t str, phrase: &'t str) -> Around<'t> {
        Around {
            before,
            before_at: 0,
            from_heading: false,
            after,
            rest: after,
            phrase,
            follows_data: false,
        }
    }

    #[test]
    fn money_labels() {
        let table = [
            ("saldo ", "", Money::Saldo),
            ("tu saldo es de ", "", Money::Saldo),
            ("extra saldo ", "", Money::Bonus("extra saldo")),
            ("saldo de regalo: ", "", Money::Bonus("saldo de regalo")),
            ("bono disponible: ", "", Money::Bonus("bono")),
            ("saldo congelado: ", "", Money::NotBalance),
            ("saldo de recarga: ", "", Money::Saldo),
            ("tu recarga de ", "", Money::NotBalance),
            ("tras tu recarga tu saldo es ", "", Money::Saldo),
            ("principal: ", "", Money::Saldo),
            ("tienes ", " de saldo", Money::Saldo),
            ("tienes ", " de regalo", Money::Bonus("regalo")),
            ("saldo ", " de regalo", Money::Bonus("regalo")),
            ("", " disponibles", Money::Saldo),
            ("", "", Money::Unlabelled),
            ("bolsa 1gb ", "", Money::Unlabelled),
        ];
        let wom = crate::carrier::carrier(crate::domain::Operator::Wom).bonus_saldo_labels;
        for (before, after, role) in table {
            assert_eq!(money(&around(before, after, "x"), wom), role, "{before}|{after}");
        }
        assert_eq!(
            money(&around("saldo ", "", "recarga y gana saldo"), wom),
            Money::NotBalance
        );
    }

    #[test]
    fn data_labels() {
        let table = [
            ("datos: ", "", Data::Left { bucket: None }),
            ("te quedan ", " de tu bolsa", Data::Left { bucket: Some("bolsa") }),
            ("bono datos: ", "", Data::Left { bucket: Some("bono") }),
            ("bolsa: ", "", Data::Left { bucket: Some("bolsa") }),
            ("consumo de tu bono: ", "", Data::Used),
            ("has usado ", "", Data::Used),
            ("", " usados", Data::Used),
            ("whatsapp ", "", Data::NotLeft),
            ("", " en redes sociales", Data::NotLeft),
            ("total: ", "", Data::Total),
            ("navega hasta ", "", Data::NotLeft),
            ("bolsa nocturna: ", "", Data::NotLeft),
            ("paquetes: ", " + 3 gb lte no activos", Data::NotLeft),
            ("diaria: ", " validos 24 horas", Data::Left { bucket: Some("diaria") }),
            ("del total te quedan ", "", Data::Left { bucket: None }),
            ("bolsa ", "", Data::Name { product_at: 0 }),
            ("tu plan multimedia ", "", Data::Name { product_at: 3 }),
            ("bolsa de datos ", "", Data::Name { product_at: 0 }),
            ("bolsa: te quedan ", "", Data::Left { bucket: Some("bolsa") }),
            ("plan: multimedia ", "", Data::Name { product_at: 0 }),
            ("", "", Data::Left { bucket: None }),
        ];
        for (before, after, role) in table {
            assert_eq!(
                data(&around(before, after, "x"), DEFAULT_BONUS_LABELS),
                role,
                "{before}|{after}"
            );
        }
        let mut capacity = around("de ", "", "x");
        capacity.follows_data = true;
        assert_eq!(data(&capacity, DEFAULT_BONUS_LABELS), Data::Total);
    }

    #[test]
    fn plan_labels() {
        let table = [
            ("plan: multimedia 5gb", Some("multimedia 5gb")),
            ("tu plan actual: full redes vence el 15/12", Some("full redes")),
            ("bolsa activa: bolsa 3gb.", Some("bolsa 3gb")),
            ("bolsa: 2 gb", None),
            ("plan 5g libre", None),
            ("plan: 12345", None),
        ];
        for (clause, name) in table {
            assert_eq!(labelled_plan(clause).map(|r| &clause[r]), name, "{clause}");
        }
    }

    #[test]
    fn subjects_of_dates() {
        let table = [
            ("datos: 2 gb ", Some(Subject::Data)),
            ("tu bolsa ", Some(Subject::Data)),
            ("saldo: $1.500 ", Some(Subject::Saldo)),
            ("sms: 57 linea activa ", Some(Subject::Line)),
            ("minutos: 100 ", Some(Subject::OtherService)),
            ("datos extra: 1 gb ", Some(Subject::Bonus)),
            ("datos ilimitados nocturno ", Some(Subject::OtherService)),
            ("datos.cu 175 mb ", Some(Subject::OtherService)),
            ("saldo $1.000 y datos 1 gb ", Some(Subject::Data)),
            ("estimado cliente ", None),
        ];
        for (text, subject) in table {
            assert_eq!(
                super::subject(text, DEFAULT_BONUS_LABELS).map(|(_, s)| s),
                subject,
                "{text}"
            );
        }
    }

    #[test]
    fn inactive_buckets() {
        let table = [
            (" no activos.", true),
            (" + 3 gb lte no activos.", true),
            (" inactivo", true),
            (" validos 30 dias", false),
            (" y no tienes bolsas activas", false),
            ("", false),
        ];
        for (rest, is_inactive) in table {
            assert_eq!(inactive(rest), is_inactive, "{rest}");
        }
    }

    #[test]
    fn unlimited_labels() {
        let table = [
            ("datos ", "", true),
            ("internet: ", "", true),
            ("", "", true),
            ("", " hasta el 15/12", true),
            ("llamadas y datos ", "", true),
            ("datos y llamadas ", "", false),
            ("whatsapp ", "", false),
            ("redes sociales ", "", false),
            ("minutos ", "", false),
            ("", " en redes sociales", false),
            ("plan: ", "", false),
            ("datos: ", ": nocturno vence 24-10-26", false),
            ("navegacion ", " de noche", false),
        ];
        for (before, after, is_data) in table {
            assert_eq!(
                unlimited_is_data(&around(before, after, "x")),
                is_data,
                "{before}|{after}"
            );
        }
    }
}
