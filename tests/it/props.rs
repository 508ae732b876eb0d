//! Property tests of the parsers every outside string goes through: phone
//! numbers, data amounts, pesos and balance replies. Whatever the input
//! (arbitrary Unicode, control characters, huge strings), they return a value
//! or an error and never panic; a value they return is written in the input;
//! what topup prints, it reads back as the same value.

use jiff::Timestamp;
use proptest::prelude::*;
use proptest::test_runner::Config;
use topup::carrier::carrier;
use topup::domain::data::{GB, KB, MB, TB};
use topup::domain::{Clp, DataAmount, DataLeft, Msisdn, Operator};
use topup::ussd::parse::{BalanceReading, ReplyPatterns, compile_pattern, parse_balance};

/// Few enough cases to keep the suite fast, enough to reach the odd paths.
fn cases(n: u32) -> Config {
    Config {
        cases: n,
        // Failing inputs are printed (shrunk); regression files would land
        // beside the sources as untracked clutter.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Any string: arbitrary Unicode, or control characters among digits and
/// separators. (Huge strings have their own test: they are slow to read.)
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        1 => "[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{2028}\\u{feff}0-9 .,$+()-]{0,40}",
    ]
}

/// Tens of thousands of characters: random ones, or one of the parsers'
/// own symbols repeated.
fn huge_text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 5_000..30_000).prop_map(String::from_iter),
        ("[0-9$.,+ a-z]{1,8}", 1_000usize..4_000).prop_map(|(unit, n)| unit.repeat(n)),
    ]
}

/// ASCII digits of `text`, in order.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

// ---- phone numbers ----

/// Strings shaped like phone numbers: the interesting paths of the parser.
fn phone_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[+]?[0-9 ().\\-\u{a0}]{0,24}",
        "[+]?(56)?[ ]?9[ -]?[0-9]{4}[ -]?[0-9]{4}",
        "(00|\\+)?[0-9]{1,4}[ ]?[0-9]{6,12}",
        any_text(),
    ]
}

/// A number the parser accepts, written in any of the forms people use.
fn written_forms(m: &Msisdn) -> Vec<String> {
    let n = m.national();
    vec![
        m.e164(),
        m.pretty(),
        m.international_digits(),
        n.to_string(),
        format!("{} {} {}", &n[..1], &n[1..5], &n[5..]),
        format!("+56 ({}) {}-{}", &n[..1], &n[1..5], &n[5..]),
        format!(" {}.{}.{} ", &n[..1], &n[1..5], &n[5..]),
        format!("+56\u{a0}{n}"),
    ]
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn msisdn_never_panics_and_keeps_the_written_digits(text in phone_like()) {
        if let Ok(m) = text.parse::<Msisdn>() {
            let e164 = m.e164();
            prop_assert!(e164.len() == 12 && e164.starts_with("+569"), "{e164}");
            prop_assert!(digits(&e164[1..]).len() == 11, "{e164}");
            // The nine national digits are the last nine digits written.
            prop_assert!(digits(&text).ends_with(m.national()), "{text:?} → {e164}");
            for form in written_forms(&m) {
                prop_assert_eq!(form.parse::<Msisdn>(), Ok(m.clone()), "{:?}", form);
            }
        }
    }

    /// Numbers built from nine digits starting with 9: those the parser
    /// accepts read back identically from every printed form.
    #[test]
    fn msisdn_printed_forms_parse_back(rest in "[0-9]{8}") {
        if let Ok(m) = format!("9{rest}").parse::<Msisdn>() {
            prop_assert_eq!(m.national(), format!("9{rest}"));
            prop_assert_eq!(m.e164().parse::<Msisdn>(), Ok(m.clone()));
            prop_assert_eq!(m.pretty().parse::<Msisdn>(), Ok(m.clone()));
            prop_assert_eq!(m.to_string().parse::<Msisdn>(), Ok(m.clone()));
        }
    }
}

#[test]
fn msisdn_round_trips_for_known_mobile_numbers() {
    for text in ["987654321", "+56990000001", "+56 9 9000 0004", "56987654321"] {
        let m: Msisdn = text.parse().unwrap();
        for form in written_forms(&m) {
            assert_eq!(form.parse::<Msisdn>(), Ok(m.clone()), "{form}");
        }
    }
}

// ---- pesos ----

fn pesos_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-]?[ ]?[$]?[ ]?[0-9.,]{0,24}( ?(CLP|clp|pesos))?",
        "[-$ 0-9.]{0,12}",
        any::<i64>().prop_map(|v| Clp(v).to_string()),
        any_text(),
    ]
}

proptest! {
    #![proptest_config(cases(1000))]

    /// A parsed amount is written in the input: its digits appear once the
    /// thousands dots are removed, and a negative one has a minus sign.
    #[test]
    fn clp_never_panics_and_its_digits_are_written(text in pesos_like()) {
        if let Ok(Clp(pesos)) = text.parse::<Clp>() {
            let undotted = text.replace('.', "");
            prop_assert!(undotted.contains(&pesos.unsigned_abs().to_string()), "{text:?} → {pesos}");
            prop_assert!(pesos >= 0 || text.contains('-'), "{text:?} → {pesos}");
        }
    }

    /// Every form topup prints or people write reads back as the same
    /// amount. (`i64::MIN` is the one exception: see the ignored test below.)
    #[test]
    fn clp_display_then_parse_is_identity(pesos in (i64::MIN + 1)..=i64::MAX) {
        let clp = Clp(pesos);
        let shown = clp.to_string();
        prop_assert_eq!(shown.parse::<Clp>(), Ok(clp), "{}", shown);
        prop_assert_eq!(format!("{shown} CLP").parse::<Clp>(), Ok(clp));
        prop_assert_eq!(format!(" {shown} pesos ").parse::<Clp>(), Ok(clp));
        prop_assert_eq!(pesos.to_string().parse::<Clp>(), Ok(clp));
    }
}

#[test]
fn clp_display_round_trips_at_the_extremes() {
    for pesos in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX] {
        let shown = Clp(pesos).to_string();
        assert_eq!(shown.parse::<Clp>(), Ok(Clp(pesos)), "{shown}");
    }
}

// ---- data amounts ----

fn data_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,22}([.,][0-9]{0,20})? ?(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|mb|gb|megas|gigas|k|m|g|t|XB)?",
        "[0-9.,]{0,12}[ a-zA-Z]{0,6}",
        any::<u64>().prop_map(|b| DataAmount(b).to_string()),
        any_text(),
    ]
}

/// Every unit factor a data amount can be written in (decimal and binary).
const FACTORS: [u64; 9] = [1, KB, MB, GB, TB, 1 << 10, 1 << 20, 1 << 30, 1 << 40];

/// `bytes` rounded down to whole hundredths of the unit it is shown in.
fn whole_hundredths(bytes: u64) -> u64 {
    let unit = [TB, GB, MB, KB].into_iter().find(|&u| bytes >= u).unwrap_or(1);
    let step = (unit / 100).max(1);
    bytes - bytes % step
}

proptest! {
    #![proptest_config(cases(1000))]

    /// A parsed amount is written in the input: its whole number of some
    /// unit appears in the text (the unit's fraction comes after it).
    #[test]
    fn data_never_panics_and_its_number_is_written(text in data_like()) {
        if let Ok(DataAmount(bytes)) = text.parse::<DataAmount>() {
            prop_assert!(
                FACTORS.iter().any(|f| text.contains(&(bytes / f).to_string())),
                "{text:?} → {bytes} bytes"
            );
        }
    }

    #[test]
    fn data_display_then_parse_is_identity_for_whole_hundredths(bytes in any::<u64>().prop_map(whole_hundredths)) {
        let shown = DataAmount(bytes).to_string();
        prop_assert_eq!(shown.parse::<DataAmount>(), Ok(DataAmount(bytes)), "{}", shown);
        // The Chilean decimal comma reads the same.
        prop_assert_eq!(shown.replace('.', ",").parse::<DataAmount>(), Ok(DataAmount(bytes)), "{}", shown);
    }
}

// ---- balance replies ----

fn now() -> Timestamp {
    "2026-11-20T15:00:00Z".parse().unwrap()
}

fn operator() -> impl Strategy<Value = Operator> {
    proptest::sample::select(Operator::ALL.to_vec())
}

/// `pesos` the way operators write them: `$1.500`, `$ 1500`, `1.500 pesos`.
fn write_pesos(pesos: i64, style: u8) -> String {
    let dotted = Clp(pesos).to_string().trim_start_matches('$').to_string();
    match style % 5 {
        0 => format!("${dotted}"),
        1 => format!("$ {dotted}"),
        2 => format!("${pesos}"),
        3 => format!("{dotted} pesos"),
        _ => format!("${dotted},00"),
    }
}

/// A data amount in Chilean style (`1.024 MB`, `2,5 GB`) and its bytes.
fn write_data(whole: u64, tenths: Option<u8>, unit: usize) -> (String, u64) {
    let (name, factor) = [("GB", GB), ("MB", MB), ("KB", KB), ("gigas", GB), ("megas", MB)][unit % 5];
    let grouped = Clp(i64::try_from(whole).unwrap())
        .to_string()
        .trim_start_matches('$')
        .to_string();
    match tenths {
        Some(t) => (
            format!("{grouped},{t} {name}"),
            whole * factor + u64::from(t) * factor / 10,
        ),
        None => (format!("{grouped} {name}"), whole * factor),
    }
}

/// One piece of a reply and the amounts written in it.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    money: Vec<i64>,
    data: Vec<u64>,
    unlimited: bool,
}

fn money_piece() -> impl Strategy<Value = Piece> {
    let labels = proptest::sample::select(vec![
        "Saldo: {}",
        "Tu saldo es {}",
        "Saldo principal {}",
        "Saldo disponible: {}",
        "Extra Saldo: {}",
        "{} de regalo",
        "Bono {}",
        "Saldo de regalo {}",
        "Recarga {} y recibe el doble",
        "Saldo insuficiente para {}",
        "Deuda {}",
        "Total {}",
        "{}",
    ]);
    (labels, 0i64..5_000_000, any::<u8>(), any::<bool>()).prop_map(|(label, pesos, style, negative)| {
        // Now and then a debt: `-$1.500`. (`-1.500 pesos` is left to the
        // ignored test below: the parser drops its sign.)
        let negative = negative && style % 7 == 0 && style % 5 != 3;
        let written = write_pesos(pesos, style);
        let written = if negative { format!("-{written}") } else { written };
        Piece {
            text: label.replace("{}", &written),
            money: vec![if negative { -pesos } else { pesos }],
            data: vec![],
            unlimited: false,
        }
    })
}

fn data_piece() -> impl Strategy<Value = Piece> {
    let labels = proptest::sample::select(vec![
        "Te quedan {}",
        "Datos: {}",
        "Datos disponibles {}",
        "Bolsa {}",
        "Tu Bolsa {} vence el 15/12/2026",
        "Bono {}",
        "Extra {} de regalo",
        "{} de {}",
        "Usaste {}",
        "WhatsApp {}",
        "Roaming {}",
        "Internet {}",
        "{} disponibles",
        "{}",
    ]);
    (
        labels,
        (0u64..20_000, proptest::option::of(0u8..10), 0usize..5),
        (0u64..20_000, proptest::option::of(0u8..10), 0usize..5),
    )
        .prop_map(|(label, (w1, t1, u1), (w2, t2, u2))| {
            let (first, a) = write_data(w1, t1, u1);
            let (second, b) = write_data(w2, t2, u2);
            let text = label.replacen("{}", &first, 1).replacen("{}", &second, 1);
            let data = if label.matches("{}").count() == 2 {
                vec![a, b]
            } else {
                vec![a]
            };
            Piece {
                text,
                money: vec![],
                data,
                unlimited: false,
            }
        })
}

fn other_piece() -> impl Strategy<Value = Piece> {
    let fixed = proptest::sample::select(vec![
        ("Internet ilimitado", true),
        ("Datos ilimitados", true),
        ("WhatsApp ilimitado", true),
        ("Llama al 600 600 1106", false),
        ("marca *103# o 103", false),
        ("+56 9 8765 4321", false),
        ("vence el 15/12/2026", false),
        ("hasta el 5 de diciembre", false),
        ("Válido hasta 23:59", false),
        ("1. Saldo", false),
        ("2) Bolsas", false),
        ("Servicio no disponible, intente más tarde", false),
        ("Plan: Multimedia", false),
        ("¡Gracias!", false),
    ]);
    prop_oneof![
        fixed.prop_map(|(text, unlimited)| Piece {
            text: text.to_string(),
            money: vec![],
            data: vec![],
            unlimited,
        }),
        proptest::collection::vec(proptest::sample::select(WORDS.to_vec()), 1..5).prop_map(|words| Piece {
            text: words.join(" "),
            money: vec![],
            data: vec![],
            unlimited: false,
        }),
    ]
}

/// Filler words. None is a unit or a currency, so no word placed after a
/// number can make it an amount the generator did not write.
const WORDS: [&str; 20] = [
    "hola",
    "cliente",
    "gracias",
    "por",
    "preferirnos",
    "tu",
    "consulta",
    "recuerda",
    "que",
    "puedes",
    "recargar",
    "en",
    "linea",
    "minutos",
    "SMS",
    "llamadas",
    "el",
    "la",
    "Entel",
    "Señor",
];

/// A reply made of labelled amounts and noise, with every amount it writes.
fn reply() -> impl Strategy<Value = (String, Vec<Piece>)> {
    let piece = prop_oneof![money_piece(), data_piece(), other_piece()];
    let separator = proptest::sample::select(vec![". ", "\n", ", ", "; ", " ", "\n\n", " (", ") "]);
    proptest::collection::vec((piece, separator), 1..7).prop_map(|parts| {
        let mut text = String::new();
        for (piece, sep) in &parts {
            text.push_str(&piece.text);
            text.push_str(sep);
        }
        (text, parts.into_iter().map(|(p, _)| p).collect())
    })
}

/// Every sum of a sub-multiset of `values` (the parser adds named buckets).
fn subset_sums(values: &[i128]) -> Vec<i128> {
    let mut sums = vec![0];
    for &v in values {
        let more: Vec<i128> = sums.iter().map(|s| s + v).collect();
        sums.extend(more);
        sums.sort_unstable();
        sums.dedup();
    }
    sums
}

/// What a reading returned that the reply does not write, if anything.
fn unwritten(reading: &BalanceReading, pieces: &[Piece]) -> Option<String> {
    let money: Vec<i64> = pieces.iter().flat_map(|p| p.money.iter().copied()).collect();
    let data: Vec<u64> = pieces.iter().flat_map(|p| p.data.iter().copied()).collect();
    if let Some(Clp(saldo)) = reading.saldo
        && !money.contains(&saldo)
    {
        return Some(format!("saldo {saldo} is none of the written amounts {money:?}"));
    }
    if let Some(Clp(bonus)) = reading.bonus_saldo {
        let written: Vec<i128> = money.iter().map(|&m| i128::from(m)).collect();
        if !subset_sums(&written).contains(&i128::from(bonus)) {
            return Some(format!(
                "bonus saldo {bonus} is no sum of the written amounts {money:?}"
            ));
        }
    }
    let written: Vec<i128> = data.iter().map(|&d| i128::from(d)).collect();
    match reading.data_left {
        Some(DataLeft::Amount(DataAmount(bytes))) if !subset_sums(&written).contains(&i128::from(bytes)) => {
            Some(format!("data left {bytes} is no sum of the written amounts {data:?}"))
        }
        Some(DataLeft::Unlimited) if !pieces.iter().any(|p| p.unlimited) => {
            Some("unlimited data but no piece says ilimitado".to_string())
        }
        _ => None,
    }
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn reply_parser_never_panics(text in any_text(), op in operator(), secs in -4_000_000_000i64..8_000_000_000) {
        let now = Timestamp::from_second(secs).unwrap();
        if let Ok(reading) = parse_balance(&text, carrier(op), &ReplyPatterns::default(), now) {
            // A saldo's digits are written (dots removed: `$1.500` is 1500).
            if let Some(Clp(saldo)) = reading.saldo {
                prop_assert!(text.replace('.', "").contains(&saldo.unsigned_abs().to_string()), "{text:?}");
            }
            if reading.data_left == Some(DataLeft::Unlimited) {
                prop_assert!(topup::carrier::fold(&text).contains("ilimitad"), "{text:?}");
            }
        }
    }

    /// Replies built from labelled amounts and noise: every saldo returned
    /// is one of the amounts written; bonus saldo and data left (which add
    /// up named buckets) are sums of written amounts; "ilimitado" is written
    /// when data is unlimited. Phone numbers, codes, dates and menu numbers
    /// never become amounts.
    #[test]
    fn reply_amounts_are_written_in_the_reply((text, pieces) in reply(), op in operator()) {
        match parse_balance(&text, carrier(op), &ReplyPatterns::default(), now()) {
            Ok(reading) => {
                let problem = unwritten(&reading, &pieces);
                prop_assert!(problem.is_none(), "{}\nreply: {text:?}\nreading: {reading:?}", problem.unwrap_or_default());
            }
            Err(e) => {
                // The error is one bounded line, whatever the reply held.
                let message = e.to_topup_error().message;
                prop_assert!(!message.contains('\n') && message.chars().count() < 600, "{message}");
            }
        }
    }

    /// A user pattern, whatever it is, compiles or is refused, and a
    /// compiled one reads any reply without panicking.
    #[test]
    fn user_patterns_never_panic(pattern in any_text(), text in any_text()) {
        if let Ok(re) = compile_pattern(&pattern) {
            let patterns = ReplyPatterns { saldo: Some(re.clone()), data: Some(re) };
            let _ = parse_balance(&text, carrier(Operator::Entel), &patterns, now());
        }
    }
}

#[test]
fn a_negative_saldo_written_with_pesos_keeps_its_sign() {
    for text in ["Saldo: -1.500 pesos", "Saldo: -1500 CLP", "Saldo: -$1.500"] {
        let reading = parse_balance(text, carrier(Operator::Entel), &ReplyPatterns::default(), now());
        assert_eq!(reading.map(|r| r.saldo), Ok(Some(Clp(-1500))), "{text}");
    }
}

proptest! {
    // Each case reads tens of thousands of characters.
    #![proptest_config(cases(16))]

    /// Huge inputs are refused or read like any other, without a panic.
    #[test]
    fn huge_inputs_never_panic(text in huge_text()) {
        let _ = text.parse::<Msisdn>();
        let _ = text.parse::<Clp>();
        let _ = text.parse::<DataAmount>();
        prop_assert!(compile_pattern(&text).is_err());
        let _ = parse_balance(&text, carrier(Operator::Wom), &ReplyPatterns::default(), now());
    }
}
