//! Inputs the fuzzers found interesting (new coverage), kept as regular tests
//! so `cargo test` replays them: each must end in a value or an error, never
//! a panic. Refresh with `scripts/fuzz.sh` and `scripts/keep-fuzz-cases.sh`.

use std::path::Path;

use topup::carrier::carrier;
use topup::domain::Operator;
use topup::ussd::{decode, menu, parse};

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_cases")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            (path.display().to_string(), std::fs::read(&path).expect("read case"))
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no cases in {}", dir.display());
    out
}

#[test]
fn reply_parser_cases() {
    let now: jiff::Timestamp = "2026-11-25T12:00:00Z".parse().unwrap();
    let none = parse::ReplyPatterns {
        saldo: None,
        data: None,
    };
    for (name, bytes) in cases("reply_parser") {
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        let decoded = decode::decode_reply(text);
        let _ = menu::find_option(text, "Saldo");
        for op in Operator::ALL {
            for input in [text, decoded.as_str()] {
                if let Ok(reading) = parse::parse_balance(input, carrier(op), &none, now)
                    && let Some(saldo) = reading.saldo
                {
                    let digits: String = input.chars().filter(char::is_ascii_digit).collect();
                    assert!(
                        digits.contains(&saldo.pesos().unsigned_abs().to_string()),
                        "{name}: {saldo} not in {input:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn config_loader_cases() {
    for (name, bytes) in cases("config_loader") {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = topup::config::parse(text, Path::new(&name));
        }
    }
}

#[test]
fn reloadly_decode_cases() {
    for (_, bytes) in cases("reloadly_decode") {
        let (status, body) = match bytes.as_slice() {
            [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
            other => (200, other),
        };
        topup::channel::reloadly::fuzz_decode(status, body);
    }
}
