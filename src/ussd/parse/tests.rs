//! Whole replies through `parse_balance`.
//!
//! Every reply text here is INVENTED: no Chilean operator publishes its
//! balance replies (reference/chile-operators.md §4). They imitate the
//! style of operator text (`$` with dot thousands, Spanish labels, multi-line
//! USSD screens) and the traps prior art fell into. Replace or extend them
//! with verbatim replies captured from real SIMs.

use jiff::Timestamp;

use super::*;
use crate::carrier::carrier;
use crate::domain::data::{GB, KB, MB};
use crate::domain::timefmt::santiago;
use crate::error::ErrorKind;

/// 2026-11-20 12:00 in Santiago.
fn now() -> Timestamp {
    "2026-11-20T15:00:00Z".parse().unwrap()
}

fn local(y: i16, m: i8, d: i8, h: i8, mi: i8, s: i8) -> Option<Timestamp> {
    Some(
        jiff::civil::date(y, m, d)
            .at(h, mi, s, 0)
            .to_zoned_datetime(santiago().clone())
            .unwrap()
            .timestamp(),
    )
}

fn end_of(y: i16, m: i8, d: i8) -> Option<Timestamp> {
    local(y, m, d, 23, 59, 59)
}

fn clp(pesos: i64) -> Option<Clp> {
    Some(Clp(pesos))
}

fn bytes(n: u64) -> Option<DataLeft> {
    Some(DataLeft::Amount(DataAmount(n)))
}

fn none() -> BalanceReading {
    BalanceReading::default()
}

fn read(op: Operator, text: &str) -> Result<BalanceReading, UnrecognizedReply> {
    parse_balance(text, carrier(op), &ReplyPatterns::default(), now())
}

#[test]
fn readable_replies() {
    use Operator::{Claro, Entel, Movistar, Virgin, Wom};
    let table: Vec<(Operator, &str, BalanceReading)> = vec![
        // Saldo formats; a saldo's own validity is not the plan's expiry.
        (
            Entel,
            "Tu saldo es $1.500. Válido hasta el 15/12/2026",
            BalanceReading {
                saldo: clp(1500),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: $0",
            BalanceReading {
                saldo: clp(0),
                ..none()
            },
        ),
        (
            Entel,
            "SALDO: $ 12.500",
            BalanceReading {
                saldo: clp(12500),
                ..none()
            },
        ),
        (
            Entel,
            "Tienes 1.500 pesos de saldo",
            BalanceReading {
                saldo: clp(1500),
                ..none()
            },
        ),
        (
            Movistar,
            "Saldo $1500",
            BalanceReading {
                saldo: clp(1500),
                ..none()
            },
        ),
        (
            Claro,
            "Saldo disponible: 1.500 CLP",
            BalanceReading {
                saldo: clp(1500),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: $1.500.- Vence: 31/12",
            BalanceReading {
                saldo: clp(1500),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: -$500",
            BalanceReading {
                saldo: clp(-500),
                ..none()
            },
        ),
        (
            Entel,
            "Consulta de saldo\n$2.300",
            BalanceReading {
                saldo: clp(2300),
                ..none()
            },
        ),
        (
            Entel,
            "Tienes $1.200 disponibles y 300 MB",
            BalanceReading {
                saldo: clp(1200),
                data_left: bytes(300 * MB),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: $1.000. Tu saldo es $1.000",
            BalanceReading {
                saldo: clp(1000),
                ..none()
            },
        ),
        // Purchasable saldo kept apart from bonus saldo.
        (
            Wom,
            "Saldo $2.000 Extra Saldo $1.000",
            BalanceReading {
                saldo: clp(2000),
                bonus_saldo: clp(1000),
                ..none()
            },
        ),
        (
            Wom,
            "WOM\nSaldo: $2.000\nExtra Saldo: $1.000\nDatos: 2,5 GB\nVence: 15/12/2026",
            BalanceReading {
                saldo: clp(2000),
                bonus_saldo: clp(1000),
                data_left: bytes(2_500 * MB),
                expires_at: end_of(2026, 12, 15),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo principal: $5.000\nSaldo de regalo: $500\nBono: $300",
            BalanceReading {
                saldo: clp(5000),
                bonus_saldo: clp(800),
                ..none()
            },
        ),
        (
            Entel,
            "Tienes $500 de regalo y $1.000 de saldo",
            BalanceReading {
                saldo: clp(1000),
                bonus_saldo: clp(500),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo activo: $2.500\nSaldo congelado: $1.000",
            BalanceReading {
                saldo: clp(2500),
                ..none()
            },
        ),
        (
            Entel,
            "Bono: $500\nDatos: 1 GB",
            BalanceReading {
                bonus_saldo: clp(500),
                data_left: bytes(GB),
                ..none()
            },
        ),
        (
            Wom,
            "Saldo $3.000 y bono $1.500, datos 4 GB validos hasta el 10/12",
            BalanceReading {
                saldo: clp(3000),
                bonus_saldo: clp(1500),
                data_left: bytes(4 * GB),
                expires_at: end_of(2026, 12, 10),
                ..none()
            },
        ),
        (
            Claro,
            "Claro: Saldo Recarga $1.000, Saldo Promocional $2.000. Vigencia saldo promocional: 25/11/2026",
            BalanceReading {
                saldo: clp(1000),
                bonus_saldo: clp(2000),
                ..none()
            },
        ),
        // Data formats (decimal units; a dot groups thousands).
        (
            Entel,
            "Datos disponibles: 850 MB",
            BalanceReading {
                data_left: bytes(850 * MB),
                ..none()
            },
        ),
        (
            Entel,
            "Te quedan 1.024 MB de tu bolsa",
            BalanceReading {
                data_left: bytes(1_024 * MB),
                ..none()
            },
        ),
        (
            Movistar,
            "Saldo datos: 10.240 MB",
            BalanceReading {
                data_left: bytes(10_240 * MB),
                ..none()
            },
        ),
        (
            Claro,
            "Internet: 1,5GB restantes",
            BalanceReading {
                data_left: bytes(1_500 * MB),
                ..none()
            },
        ),
        (
            Entel,
            "Quedan 500 KB",
            BalanceReading {
                data_left: bytes(500 * KB),
                ..none()
            },
        ),
        (
            Entel,
            "Datos ilimitados hasta el 31/12 23:59",
            BalanceReading {
                data_left: Some(DataLeft::Unlimited),
                expires_at: local(2026, 12, 31, 23, 59, 0),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: $1.000\nInternet: ILIMITADO",
            BalanceReading {
                saldo: clp(1000),
                data_left: Some(DataLeft::Unlimited),
                ..none()
            },
        ),
        (
            Movistar,
            "Plan Libre: WhatsApp ilimitado. Datos: 3 GB",
            BalanceReading {
                data_left: bytes(3 * GB),
                ..none()
            },
        ),
        (
            Entel,
            "Redes sociales ilimitadas. Te quedan 800 MB",
            BalanceReading {
                data_left: bytes(800 * MB),
                ..none()
            },
        ),
        (
            Entel,
            "Te quedan 2 GB en roaming y 1 GB nacional",
            BalanceReading {
                data_left: bytes(GB),
                ..none()
            },
        ),
        (
            Entel,
            "Tienes $2.000 de saldo y 1 GB de datos hasta el 12/12",
            BalanceReading {
                saldo: clp(2000),
                data_left: bytes(GB),
                expires_at: end_of(2026, 12, 12),
                ..none()
            },
        ),
        (
            Claro,
            "Plan: Navegación Plus\nTe quedan 2 GB",
            BalanceReading {
                data_left: bytes(2 * GB),
                plan: Some("Navegación Plus".into()),
                ..none()
            },
        ),
        // Used amounts, totals and product names are not data left.
        (
            Entel,
            "Bolsa 5GB: te quedan 2,5 GB. Vence el 5 de diciembre",
            BalanceReading {
                data_left: bytes(2_500 * MB),
                expires_at: end_of(2026, 12, 5),
                plan: Some("Bolsa 5GB".into()),
                ..none()
            },
        ),
        (
            Entel,
            "Has usado 3,5 GB de 5 GB. Te quedan 1,5 GB",
            BalanceReading {
                data_left: bytes(1_500 * MB),
                ..none()
            },
        ),
        (
            Entel,
            "Te quedan 1 GB de 5 GB",
            BalanceReading {
                data_left: bytes(GB),
                ..none()
            },
        ),
        (
            Entel,
            "Tu Bolsa Mensual 10GB vence el 20/12/2026. Saldo: $0",
            BalanceReading {
                saldo: clp(0),
                expires_at: end_of(2026, 12, 20),
                plan: Some("Bolsa Mensual 10GB".into()),
                ..none()
            },
        ),
        (
            Movistar,
            "Plan: Multimedia 5GB. Te quedan 3.200 MB. Saldo $450",
            BalanceReading {
                saldo: clp(450),
                data_left: bytes(3_200 * MB),
                plan: Some("Multimedia 5GB".into()),
                ..none()
            },
        ),
        // Several data buckets: named ones add up, a total is not added again.
        (
            Entel,
            "Datos: 2 GB\nBono datos: 1 GB",
            BalanceReading {
                data_left: bytes(3 * GB),
                ..none()
            },
        ),
        (
            Entel,
            "Datos disponibles: 3 GB (Bolsa 2 GB + Bono 1 GB)",
            BalanceReading {
                data_left: bytes(3 * GB),
                ..none()
            },
        ),
        (
            Entel,
            "Datos disponibles: 3 GB\nBolsa: 2 GB\nBono: 1 GB",
            BalanceReading {
                data_left: bytes(3 * GB),
                ..none()
            },
        ),
        // A night-only bucket is neither data left nor the plan's end (this
        // case once read 3 GB to 15/12: the latest date won).
        (
            Entel,
            "Bolsa principal: 2 GB, vence el 10/12/2026\nBolsa noche: 1 GB, vence el 15/12/2026",
            BalanceReading {
                data_left: bytes(2 * GB),
                expires_at: end_of(2026, 12, 10),
                ..none()
            },
        ),
        // Used of a total tells what is left (once refused).
        (
            Entel,
            "Has usado 4 GB de 5 GB",
            BalanceReading {
                data_left: bytes(GB),
                ..none()
            },
        ),
        (
            Wom,
            "Datos: 2 GB, vence el 10/12/2026\nDatos extra: 1 GB, vence el 15/12/2026",
            BalanceReading {
                data_left: bytes(3 * GB),
                expires_at: end_of(2026, 12, 10),
                ..none()
            },
        ),
        // Phone numbers, short codes, dates, times, menu and service numbers
        // are never amounts.
        (
            Entel,
            "Saldo: $3.000. Para recargar llama al +56 9 8765 4321 o al 600 600 1106",
            BalanceReading {
                saldo: clp(3000),
                ..none()
            },
        ),
        (
            Wom,
            "Tu saldo es $990. Marca *103# para comprar bolsas",
            BalanceReading {
                saldo: clp(990),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo $1.200\n1. Comprar bolsa\n2) Bolsas\n3. Salir",
            BalanceReading {
                saldo: clp(1200),
                ..none()
            },
        ),
        (
            Entel,
            "Al 15/12 a las 23:59 tu saldo es $4.500",
            BalanceReading {
                saldo: clp(4500),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo de 11/2026: $700",
            BalanceReading {
                saldo: clp(700),
                ..none()
            },
        ),
        (
            Wom,
            "Servicio al cliente 103. Saldo: $1.000",
            BalanceReading {
                saldo: clp(1000),
                ..none()
            },
        ),
        (
            Entel,
            "Tu numero 987654321 tiene saldo $2.000",
            BalanceReading {
                saldo: clp(2000),
                ..none()
            },
        ),
        // Offers, prices and recargas around a balance.
        (
            Entel,
            "Saldo $1.000. Recarga $5.000 y recibe 2 GB de regalo",
            BalanceReading {
                saldo: clp(1000),
                ..none()
            },
        ),
        (
            Entel,
            "Recarga exitosa por $5.000. Tu nuevo saldo es $6.200",
            BalanceReading {
                saldo: clp(6200),
                ..none()
            },
        ),
        (
            Entel,
            "Saldo: $3.990. Bolsa 1GB a $1.990, vigente 7 dias",
            BalanceReading {
                saldo: clp(3990),
                ..none()
            },
        ),
        // UCS2-decoded text: accents, NBSP, CRLF; and shouting.
        (
            Movistar,
            "Estimado cliente:\r\nSu saldo disponible es de $\u{a0}3.450.\r\nNavegación: 1,2\u{a0}GB\r\nVálido hasta el 03-01-2027",
            BalanceReading {
                saldo: clp(3450),
                data_left: bytes(1_200 * MB),
                expires_at: end_of(2027, 1, 3),
                ..none()
            },
        ),
        (
            Entel,
            "SALDO: $1.500 DATOS: 2,5 GB VENCE 15/12/2026",
            BalanceReading {
                saldo: clp(1500),
                data_left: bytes(2_500 * MB),
                expires_at: end_of(2026, 12, 15),
                ..none()
            },
        ),
        (
            Movistar,
            "Movistar: Tu saldo es de $ 2.990 y tienes 1,5 GB para navegar hasta el 30-11-2026 a las 23:59",
            BalanceReading {
                saldo: clp(2990),
                data_left: bytes(1_500 * MB),
                expires_at: local(2026, 11, 30, 23, 59, 0),
                ..none()
            },
        ),
        (
            Virgin,
            "Virgin Mobile: Saldo $5.000. Gigas: 12 GB. Vigente hasta el 15-12-26",
            BalanceReading {
                saldo: clp(5000),
                data_left: bytes(12 * GB),
                expires_at: end_of(2026, 12, 15),
                ..none()
            },
        ),
    ];
    assert!(table.len() >= 40, "{} readable replies", table.len());
    for (op, text, expected) in table {
        match read(op, text) {
            Ok(got) => assert_eq!(got, expected, "{op}: {text}"),
            Err(e) => panic!("{op}: {text}: {e}"),
        }
    }
}

#[test]
fn unreadable_replies() {
    use ReplyProblem::{Ambiguous, Empty, NoBalance, Notice};
    let table: [(Operator, &str, ReplyProblem, &str); 21] = [
        (Operator::Entel, "", Empty, "empty"),
        (Operator::Entel, "   \n ", Empty, "empty"),
        (
            Operator::Entel,
            "Servicio no disponible, intente más tarde",
            Notice,
            "notice",
        ),
        (
            Operator::Claro,
            "Estimado cliente, el sistema se encuentra en mantención. Inténtelo nuevamente.",
            Notice,
            "notice",
        ),
        (
            Operator::Entel,
            "1. Saldo\n2. Bolsas\n3. Recargas\n0. Salir",
            NoBalance,
            "menu",
        ),
        (Operator::Entel, "Error 1500: código inválido", NoBalance, "no saldo"),
        (Operator::Entel, "Tu número es +56 9 8765 4321", NoBalance, "no saldo"),
        (Operator::Entel, "Saldo: 1500", NoBalance, "no saldo"),
        (Operator::Entel, "$1.500", NoBalance, "no word says"),
        (Operator::Entel, "Saldo: $12.50", NoBalance, "`$12.50` is not"),
        (
            Operator::Entel,
            "Saldo $1.000, Saldo disponible $2.000",
            Ambiguous,
            "$1.000 and $2.000",
        ),
        (
            Operator::Entel,
            "Te quedan 2 GB. Datos disponibles: 3 GB",
            Ambiguous,
            "2 GB and 3 GB",
        ),
        (
            Operator::Entel,
            "Recarga $5.000 y recibe 2 GB de regalo",
            NoBalance,
            "offers",
        ),
        (
            Operator::Wom,
            "Extra Saldo: $1.000",
            NoBalance,
            "only bonus saldo ($1.000)",
        ),
        (
            Operator::Entel,
            "Saldo insuficiente para comprar la bolsa de $1.990",
            NoBalance,
            "offers",
        ),
        (
            Operator::Entel,
            "Bolsa 1GB $1.990\nBolsa 3GB $3.990",
            NoBalance,
            "no word says",
        ),
        (
            Operator::Entel,
            "Llamadas ilimitadas y WhatsApp ilimitado",
            NoBalance,
            "none is data left",
        ),
        (Operator::Entel, "Has usado 4 GB", NoBalance, "none is data left"),
        (Operator::Movistar, "Marca *103# o llama al 103", NoBalance, "no saldo"),
        (Operator::Virgin, "Vence el 15/12/2026", NoBalance, "no saldo"),
        (
            Operator::Entel,
            "Saldo total: $3.000",
            NoBalance,
            "not saldo (prices, totals",
        ),
    ];
    for (op, text, problem, says) in table {
        let err = read(op, text).expect_err(text);
        assert_eq!(err.problem, problem, "{text}: {err}");
        assert!(err.reason.contains(says), "{text}: {}", err.reason);
        assert_eq!(err.raw, text);
        assert_eq!(err.operator, op);
    }
}

#[test]
fn user_patterns_win_for_their_field() {
    let entel = carrier(Operator::Entel);
    let patterns = ReplyPatterns::compile(Some(r"saldo disponible \$([\d.]+)"), None).unwrap();
    // Built in, two saldos conflict; the pattern says which one is meant.
    let reading = parse_balance("Saldo $1.000, Saldo disponible $2.000", entel, &patterns, now()).unwrap();
    assert_eq!(reading.saldo, clp(2000));

    // A pattern for saldo leaves data to the built-in reading, and the other way round.
    let reading = parse_balance("Saldo disponible $2.000. Datos: 1 GB", entel, &patterns, now()).unwrap();
    assert_eq!((reading.saldo, reading.data_left), (clp(2000), bytes(GB)));
    let data_only = ReplyPatterns::compile(None, Some(r"navegar:\s*(?P<amount>[\d,]+)\s*(?P<unit>GB|MB)")).unwrap();
    let reading = parse_balance("Saldo $500\nPara navegar: 3,5 GB", entel, &data_only, now()).unwrap();
    assert_eq!((reading.saldo, reading.data_left), (clp(500), bytes(3_500 * MB)));

    // A reply only a pattern can read: an unlabelled amount.
    let bare = ReplyPatterns::compile(Some(r"^\s*(\$[\d.]+)\s*$"), None).unwrap();
    assert_eq!(parse_balance(" $1.500 ", entel, &bare, now()).unwrap().saldo, clp(1500));

    // A pattern that does not match is an error, not a fall back.
    let err = parse_balance("Tu saldo es $1.500", entel, &patterns, now()).unwrap_err();
    assert_eq!(err.problem, ReplyProblem::Pattern);
    assert!(err.reason.contains("saldo_pattern does not match"), "{}", err.reason);

    let err = ReplyPatterns::compile(None, Some("(unclosed")).unwrap_err();
    assert!(err.to_string().starts_with("data_pattern: not a valid regex"), "{err}");
}

#[test]
fn unrecognized_replies_become_edge_errors() {
    let wom = carrier(Operator::Wom);
    let none_set = ReplyPatterns::default();
    let long_menu = format!("1. Saldo\n2. Bolsas\n\u{1b}[31m{}", "Más opciones ".repeat(30));
    let err = parse_balance(&long_menu, wom, &none_set, now()).unwrap_err();
    let shown = err.to_string();
    assert!(!shown.contains('\n') && !shown.contains('\u{1b}'), "{shown}");
    assert!(shown.contains("\"1. Saldo / 2. Bolsas / [31mMás"), "{shown}");
    assert!(shown.chars().count() < 260, "{shown}");
    let te = TopupError::from(err);
    assert_eq!(te.kind, ErrorKind::Failure);
    assert_eq!(te.exit_code(), 1);
    assert!(
        te.message
            .starts_with("could not read the WOM balance reply: it looks like a menu"),
        "{}",
        te.message
    );
    let hint = te.hint.unwrap();
    assert!(
        hint.contains("[operators.wom] set saldo_pattern = '") && hint.contains("data_pattern"),
        "{hint}"
    );

    let notice = parse_balance("Servicio no disponible, intente más tarde", wom, &none_set, now()).unwrap_err();
    let te = notice.to_topup_error();
    assert_eq!((te.kind, te.exit_code()), (ErrorKind::Temporary, 5));
    assert!(te.hint.unwrap().contains("try again later"));

    let patterns = ReplyPatterns::compile(Some(r"Credito (\d+)"), None).unwrap();
    let te = parse_balance("Saldo $100", wom, &patterns, now())
        .unwrap_err()
        .to_topup_error();
    assert_eq!(te.kind, ErrorKind::Failure);
    assert!(
        te.hint
            .unwrap()
            .contains("check saldo_pattern / data_pattern under [operators.wom]")
    );
}

#[test]
fn readings_become_line_status() {
    let reading = read(Operator::Wom, "Saldo $2.000 Extra Saldo $1.000\nDatos: 1 GB").unwrap();
    let status = reading.into_line_status(StatusSource::Modem, now());
    assert_eq!(
        (status.saldo, status.bonus_saldo, status.data_bytes()),
        (clp(2000), clp(1000), Some(GB))
    );
    assert_eq!((status.source, status.as_of), (StatusSource::Modem, now()));
}
