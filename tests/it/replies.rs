//! The balance-reply corpus (`tests/corpus/balance-replies.toml`): real
//! replies of Spanish-speaking operators from public code and constructed
//! Chilean ones, each with the reading a careful person gives it (or
//! "refuse"). Every reply goes through the reply parser; a few also through
//! `topup balance` on a modem line with the fake mmcli.
//!
//! `cargo test --test it replies -- --nocapture` prints the figures: read
//! right of the readable replies, refused of the must-refuse ones, wrong
//! readings. A wrong reading gives a value the reply does not say (or any
//! reading of a must-refuse reply); leaving a field out is not read right,
//! but not wrong. Any wrong reading fails, and so does falling under the
//! bars.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::Timestamp;
use jiff::civil::DateTime;
use serde::Deserialize;
use topup::carrier::carrier;
use topup::domain::{DataAmount, DataLeft, Operator};
use topup::ussd::decode::decode_reply;
use topup::ussd::parse::{BalanceReading, ReplyPatterns, parse_balance};

use crate::common::*;

/// The clock for replies that give a date without a year: 2026-11-20 12:00
/// in Santiago.
const CORPUS_NOW: &str = "2026-11-20T15:00:00Z";
/// Share of the readable replies that must be read right.
const MIN_READ_RIGHT: f64 = 0.95;

#[derive(Debug, Deserialize)]
struct Corpus {
    reply: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    text: String,
    #[serde(default)]
    hex: bool,
    op: Option<String>,
    #[serde(default)]
    refuse: bool,
    saldo: Option<i64>,
    bonus: Option<i64>,
    data: Option<String>,
    expires: Option<String>,
    class: String,
    source: String,
}

/// The fields a reading is judged on.
#[derive(Debug, PartialEq)]
struct Reading {
    saldo: Option<i64>,
    bonus: Option<i64>,
    data: Option<DataLeft>,
    expires: Option<Timestamp>,
}

impl Reading {
    /// Every field it gives is right; it only leaves out some the reply
    /// has (over-caution, not a wrong reading).
    fn misses_only(&self, want: &Reading) -> bool {
        fn agrees<T: PartialEq>(got: &Option<T>, want: &Option<T>) -> bool {
            got.is_none() || got == want
        }
        agrees(&self.saldo, &want.saldo)
            && agrees(&self.bonus, &want.bonus)
            && agrees(&self.data, &want.data)
            && agrees(&self.expires, &want.expires)
    }

    fn of(reading: &BalanceReading) -> Reading {
        Reading {
            saldo: reading.saldo.map(|c| c.pesos()),
            bonus: reading.bonus_saldo.map(|c| c.pesos()),
            data: reading.data_left,
            expires: reading.expires_at,
        }
    }
}

impl Entry {
    fn operator(&self) -> Operator {
        self.op
            .as_deref()
            .map_or(Operator::Entel, |op| op.parse().expect("operator"))
    }

    fn reply(&self) -> String {
        if self.hex {
            decode_reply(&self.text)
        } else {
            self.text.clone()
        }
    }

    /// What a careful person reads; `None` for "refuse".
    fn expected(&self) -> Option<Reading> {
        if self.refuse {
            let given = [
                self.saldo.is_some(),
                self.bonus.is_some(),
                self.data.is_some(),
                self.expires.is_some(),
            ];
            assert!(!given.contains(&true), "{}: refuse with a reading", self.text);
            return None;
        }
        let data = self.data.as_deref().map(|d| match d {
            "unlimited" => DataLeft::Unlimited,
            amount => DataLeft::Amount(amount.parse::<DataAmount>().expect("data amount")),
        });
        Some(Reading {
            saldo: self.saldo,
            bonus: self.bonus,
            data,
            expires: self.expires.as_deref().map(santiago_time),
        })
    }
}

/// `2026-12-15` (the end of that day) or `2026-12-15 18:30`, in Santiago.
fn santiago_time(text: &str) -> Timestamp {
    let civil: DateTime = if text.len() == 10 {
        format!("{text}T23:59:59").parse().expect("date")
    } else {
        text.replace(' ', "T").parse().expect("date and time")
    };
    civil.in_tz("America/Santiago").expect("Santiago").timestamp()
}

fn corpus() -> Vec<Entry> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/balance-replies.toml");
    let text = std::fs::read_to_string(&path).expect("corpus file");
    let corpus: Corpus = toml::from_str(&text).expect("corpus TOML");
    corpus.reply
}

#[derive(Debug, Default)]
struct Figures {
    readable: usize,
    read_right: usize,
    must_refuse: usize,
    refused: usize,
    wrong: Vec<String>,
    missed: Vec<String>,
}

#[test]
fn corpus_replies_are_read_right_or_refused() {
    let now: Timestamp = CORPUS_NOW.parse().expect("now");
    let entries = corpus();
    let mut all = Figures::default();
    let mut by_class: BTreeMap<&str, Figures> = BTreeMap::new();
    let mut real = 0;
    for entry in &entries {
        assert!(!entry.source.trim().is_empty(), "{}: no source", entry.text);
        if entry.class == "real" {
            real += 1;
        }
        let got = parse_balance(
            &entry.reply(),
            carrier(entry.operator()),
            &ReplyPatterns::default(),
            now,
        );
        let class = by_class.entry(entry.class.as_str()).or_default();
        for figures in [&mut all, class] {
            match (entry.expected(), &got) {
                (Some(want), Ok(reading)) => {
                    figures.readable += 1;
                    let reading = Reading::of(reading);
                    if reading == want {
                        figures.read_right += 1;
                    } else if reading.misses_only(&want) {
                        figures
                            .missed
                            .push(format!("{:?}: read {reading:?}, want {want:?}", entry.text));
                    } else {
                        figures
                            .wrong
                            .push(format!("{:?}: read {reading:?}, want {want:?}", entry.text));
                    }
                }
                (Some(_), Err(e)) => {
                    figures.readable += 1;
                    figures.missed.push(format!("{:?}: refused: {e}", entry.text));
                }
                (None, Ok(reading)) => {
                    figures.must_refuse += 1;
                    figures.wrong.push(format!(
                        "{:?}: must refuse, read {:?}",
                        entry.text,
                        Reading::of(reading)
                    ));
                }
                (None, Err(_)) => {
                    figures.must_refuse += 1;
                    figures.refused += 1;
                }
            }
        }
    }
    println!("balance-reply corpus: {} replies ({real} real)", entries.len());
    for (class, f) in &by_class {
        println!(
            "  {class:<13} read right {:>3}/{:<3} refused {:>3}/{:<3} wrong {}",
            f.read_right,
            f.readable,
            f.refused,
            f.must_refuse,
            f.wrong.len()
        );
    }
    let share = all.read_right as f64 / all.readable.max(1) as f64;
    println!(
        "  all           read right {}/{} ({:.1}%), refused {}/{} must-refuse, wrong readings {}",
        all.read_right,
        all.readable,
        share * 100.0,
        all.refused,
        all.must_refuse,
        all.wrong.len()
    );
    for missed in &all.missed {
        println!("  not read right (refused or incomplete): {missed}");
    }
    assert!(entries.len() >= 150, "{} replies", entries.len());
    assert!(all.wrong.is_empty(), "wrong readings:\n{}", all.wrong.join("\n"));
    assert!(share >= MIN_READ_RIGHT, "read right {share:.3} < {MIN_READ_RIGHT}");
    assert_eq!(all.refused, all.must_refuse);
}

/// The failure classes of issue 12, what worked before it, hex replies, and
/// the real replies.
const CLASSES: [&str; 10] = [
    "separators",
    "dates",
    "unlimited",
    "offers",
    "label-pairs",
    "decimals",
    "over-caution",
    "works-today",
    "encoding",
    "real",
];

/// Every class has its cases, and every entry a known class.
#[test]
fn corpus_covers_every_failure_class() {
    let entries = corpus();
    for class in CLASSES {
        let cases = entries.iter().filter(|e| e.class == class).count();
        assert!(cases >= 3, "class {class}: {cases} cases");
    }
    let unknown: Vec<&str> = entries
        .iter()
        .map(|e| e.class.as_str())
        .filter(|c| !CLASSES.contains(c))
        .collect();
    assert!(unknown.is_empty(), "{unknown:?}");
}

/// A few corpus replies through `topup balance` on a modem line, answered by
/// the fake mmcli: what the binary prints is what the parser read.
#[test]
fn corpus_replies_through_the_binary() {
    // Dates with a year: the binary runs at the harness's NOW.
    let picks = [
        "Saldo: $1\u{a0}500. Datos: 2 GB",
        "Tu saldo es $1'500",
        "Datos: 2 GB vence el 10/12/2026. Minutos: 100 vencen el 31/12/2026",
        "Datos: 916.89 MB + 504.32 MB LTE",
        "Tu saldo es $0 y no tienes bolsas activas",
        "Navega hasta 10 GB con la Bolsa Mensual por $7.990",
        "Datos: 1.024 GB",
        "SMS:50 MB:100,5",
    ];
    let entries = corpus();
    let env = Env::new();
    let mut codes = serde_json::Map::new();
    let mut chosen = Vec::new();
    for (i, text) in picks.iter().enumerate() {
        let entry = entries.iter().find(|e| e.text == *text).expect("pick is in the corpus");
        let code = format!("*{}#", 200 + i);
        codes.insert(code.clone(), serde_json::json!({ "reply": entry.text }));
        chosen.push((code, entry));
    }
    let scenario = serde_json::json!({
        "modem": {"operator-code": "73001", "operator-name": "ENTEL PCS",
                  "sim": "/org/freedesktop/ModemManager1/SIM/0", "state": "registered"},
        "sim": {"operator-code": "73001", "operator-name": "Entel"},
        "ussd": {"status": "idle", "codes": codes},
    });
    let scenario_path = env.write_file("corpus-scenario.json", &scenario.to_string());
    let fake = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mmcli/fake-mmcli");
    for (code, entry) in chosen {
        env.write_config(&format!(
            "[lines.finca]\nmsisdn = \"+56 9 8765 4322\"\nbalance = \"modem\"\noperator = \"entel\"\n\n[operators.entel]\nbalance_ussd = [\"{code}\"]\n"
        ));
        let mut cmd = env.topup(&["balance", "finca", "--json"]);
        cmd.env("TOPUP_MMCLI", &fake)
            .env("FAKE_MMCLI_SCENARIO", &scenario_path)
            .env("FAKE_MMCLI_STATE", env.home().join("mmcli-state.json"))
            .env("FAKE_MMCLI_LOG", env.home().join("mmcli-log.jsonl"));
        let run = Run::of(cmd);
        match entry.expected() {
            None => {
                let error = run.code(1).json_error();
                assert!(
                    error["hint"].as_str().is_some_and(|h| h.contains("saldo_pattern")),
                    "{}: {error}",
                    entry.text
                );
            }
            Some(want) => {
                let doc = run.ok().json();
                let line = &doc["lines"][0];
                let data = match (line["data_unlimited"].as_bool(), line["data_left_bytes"].as_u64()) {
                    (Some(true), _) => Some(DataLeft::Unlimited),
                    (_, Some(bytes)) => Some(DataLeft::Amount(DataAmount(bytes))),
                    _ => None,
                };
                let got = Reading {
                    saldo: line["saldo_clp"].as_i64(),
                    bonus: line["bonus_saldo_clp"].as_i64(),
                    data,
                    expires: line["expires_at"].as_str().map(|t| t.parse().expect("time")),
                };
                assert_eq!(got, want, "{}: {line}", entry.text);
            }
        }
    }
}
