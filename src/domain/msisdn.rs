//! Chilean mobile numbers, stored in E.164 (`+56987654321`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A validated Chilean mobile number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msisdn {
    /// The nine national digits, e.g. `987654321`.
    national: String,
}

impl Msisdn {
    /// `+56987654321`.
    pub fn e164(&self) -> String {
        format!("+56{}", self.national)
    }
    /// `56987654321`: international digits without the plus, as gateways want.
    pub fn international_digits(&self) -> String {
        format!("56{}", self.national)
    }
    /// `987654321`.
    pub fn national(&self) -> &str {
        &self.national
    }
    /// `+56 9 8765 4321`, the way Chileans write it.
    pub fn pretty(&self) -> String {
        let n = &self.national;
        format!("+56 {} {} {}", &n[..1], &n[1..5], &n[5..])
    }

    /// Whether a command-line word looks like a phone number rather than a
    /// line name (so a mistyped number gets a number's error, not "no line").
    pub fn looks_like_number(text: &str) -> bool {
        let t = text.trim();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        t.starts_with('+')
            || (digits >= 3 && t.chars().all(|c| c.is_ascii_digit() || " -.()".contains(c)))
            || (digits >= 6 && digits * 2 > t.chars().filter(|c| !c.is_whitespace()).count())
    }
}

/// Why a text is not a Chilean mobile number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MsisdnError {
    #[error("{}", crate::t!("msisdn-empty"))]
    Empty,
    #[error("{}", crate::t!("msisdn-letters", text = .0.as_str()))]
    Letters(String),
    #[error("{}", crate::t!("msisdn-character", text = .text.as_str(), character = .character.escape_default().to_string()))]
    UnexpectedCharacter { text: String, character: char },
    #[error("{}", crate::t!("msisdn-not-chilean", text = .text.as_str(), code = .country_code.as_str()))]
    NotChilean { text: String, country_code: String },
    #[error("{}", crate::t!("msisdn-double-zero", text = .0.as_str()))]
    DoubleZeroPrefix(String),
    #[error("{}", crate::t!(
        if *.after_country_code { "msisdn-length-after-code" } else { "msisdn-length" },
        text = .text.as_str(),
        digits = *.digits
    ))]
    Length {
        text: String,
        digits: usize,
        after_country_code: bool,
    },
    #[error("{}", crate::t!("msisdn-not-mobile", text = .text.as_str(), why = .why.to_string()))]
    NotMobile { text: String, why: NumberingError },
}

/// What the numbering plan says against nine national digits.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberingError {
    #[error("{}", crate::t!("msisdn-data-damaged"))]
    DataDamaged,
    #[error("{}", crate::t!("msisdn-unallocated"))]
    Unallocated,
    /// 600 and 809 are commercial-call prefixes (Subtel, 2025).
    #[error("{}", crate::t!("msisdn-commercial"))]
    Commercial,
    #[error("{}", crate::t!("msisdn-service", kind = crate::t!(.0)))]
    Service(&'static str),
    #[error("{}", crate::t!("msisdn-landline"))]
    Landline,
    #[error("{}", crate::t!("msisdn-unallocated-mobile"))]
    UnallocatedMobile,
}

impl FromStr for Msisdn {
    type Err = MsisdnError;

    /// Accepts `+56 9 8765 4321`, `+56987654321`, `56987654321`, `987654321`,
    /// `9 8765 4321`, with spaces, dashes, dots or parentheses between digits.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(MsisdnError::Empty);
        }
        let mut cleaned = String::with_capacity(text.len());
        for (i, c) in text.chars().enumerate() {
            match c {
                '0'..='9' => cleaned.push(c),
                '+' if i == 0 => cleaned.push(c),
                ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
                c if c.is_alphabetic() => return Err(MsisdnError::Letters(text.into())),
                character => {
                    return Err(MsisdnError::UnexpectedCharacter {
                        text: text.into(),
                        character,
                    });
                }
            }
        }
        let had_country_code = cleaned.starts_with('+') || (cleaned.len() == 11 && cleaned.starts_with("56"));
        let national = if let Some(intl) = cleaned.strip_prefix('+') {
            match intl.strip_prefix("56") {
                Some(rest) => rest.to_string(),
                None => {
                    return Err(MsisdnError::NotChilean {
                        text: text.into(),
                        country_code: intl.chars().take(3).collect(),
                    });
                }
            }
        } else if cleaned.len() == 11 && cleaned.starts_with("56") {
            cleaned[2..].to_string()
        } else if cleaned.len() > 11 && cleaned.starts_with("00") {
            return Err(MsisdnError::DoubleZeroPrefix(text.into()));
        } else {
            cleaned
        };
        if national.len() != 9 {
            return Err(MsisdnError::Length {
                text: text.into(),
                digits: national.len(),
                after_country_code: had_country_code,
            });
        }
        classify_national(&national).map_err(|why| MsisdnError::NotMobile { text: text.into(), why })?;
        Ok(Msisdn { national })
    }
}

/// Checks nine national digits against the numbering plan: libphonenumber's
/// metadata for Chile (`cl-metadata.xml`) tells allocated ranges from
/// unallocated ones and spots service numbers. Since portability it calls
/// nearly every range "fixed line or mobile"; the plan itself gives mobiles
/// the leading 9 (shared/reference/chile-operators.md §2), so other ranges
/// are refused.
fn classify_national(national: &str) -> Result<(), NumberingError> {
    let ranges = chile_ranges().ok_or(NumberingError::DataDamaged)?;
    if !ranges.general.is_match(national) {
        return Err(NumberingError::Unallocated);
    }
    if national.starts_with("600") || national.starts_with("809") {
        return Err(NumberingError::Commercial);
    }
    if let Some((kind, _)) = ranges.services.iter().find(|(_, r)| r.is_match(national)) {
        return Err(NumberingError::Service(kind));
    }
    if !national.starts_with('9') {
        return Err(NumberingError::Landline);
    }
    if ranges.mobile.as_ref().is_some_and(|r| r.is_match(national)) {
        Ok(())
    } else {
        Err(NumberingError::UnallocatedMobile)
    }
}

/// One kind of number in the metadata: its national number pattern and the
/// lengths it may have (empty: any), matched as the `phonenumber` crate does.
struct NumberRange {
    lengths: Vec<usize>,
    pattern: regex::Regex,
}

impl NumberRange {
    fn is_match(&self, national: &str) -> bool {
        (self.lengths.is_empty() || self.lengths.contains(&national.len())) && self.pattern.is_match(national)
    }
}

/// The ranges `classify_national` asks about.
struct ChileRanges {
    general: NumberRange,
    mobile: Option<NumberRange>,
    /// Toll-free, premium-rate, shared-cost, VoIP and UAN numbers, each
    /// with what it is called (a VoIP number is not "toll-free").
    services: Vec<(&'static str, NumberRange)>,
}

/// The non-mobile kinds of number the metadata lists: element, description.
const SERVICE_KINDS: [(&str, &str); 5] = [
    ("tollFree", "msisdn-kind-toll-free"),
    ("premiumRate", "msisdn-kind-premium"),
    ("sharedCost", "msisdn-kind-shared-cost"),
    ("voip", "msisdn-kind-voip"),
    ("uan", "msisdn-kind-uan"),
];

/// Chile's ranges, read once from libphonenumber's metadata. Only the few
/// patterns needed are compiled, ASCII-only: the `phonenumber` crate's loader
/// compiles every pattern of the file with Unicode classes, which cost each
/// run about 4 ms, more than the rest of a command like `topup plans`.
fn chile_ranges() -> Option<&'static ChileRanges> {
    static RANGES: std::sync::OnceLock<Option<ChileRanges>> = std::sync::OnceLock::new();
    RANGES
        .get_or_init(|| {
            let xml = include_str!("cl-metadata.xml");
            let services = SERVICE_KINDS
                .into_iter()
                .map(|(element, kind)| Some(number_range(xml, element)?.map(|range| (kind, range))))
                .collect::<Option<Vec<_>>>()?;
            Some(ChileRanges {
                general: number_range(xml, "generalDesc")??,
                mobile: number_range(xml, "mobile")?,
                services: services.into_iter().flatten().collect(),
            })
        })
        .as_ref()
}

/// The `<kind>` element of the metadata: `Some(None)` when the file has no
/// such element, `None` when it is there but cannot be read.
fn number_range(xml: &str, kind: &str) -> Option<Option<NumberRange>> {
    let Some(start) = xml.find(&format!("<{kind}>")) else {
        return Some(None);
    };
    let body = &xml[start..];
    let body = &body[..body.find(&format!("</{kind}>"))?];
    let lengths = match between(body, "<possibleLengths national=\"", "\"") {
        Some(list) => possible_lengths(list)?,
        None => Vec::new(),
    };
    // The metadata writes patterns across lines; whitespace is not part of them.
    let pattern: String = between(body, "<nationalNumberPattern>", "</nationalNumberPattern>")?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    // Anchored at the start only: the `phonenumber` crate's `is_match` takes
    // a match that starts the number (for nine digits it makes no difference).
    let pattern = regex::RegexBuilder::new(&format!("^(?:{pattern})"))
        .unicode(false)
        .build()
        .ok()?;
    Some(Some(NumberRange { lengths, pattern }))
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let from = text.find(open)? + open.len();
    let len = text[from..].find(close)?;
    Some(&text[from..from + len])
}

/// `9`, `9,11` or `[9-11]`, as libphonenumber writes possible lengths.
fn possible_lengths(list: &str) -> Option<Vec<usize>> {
    let mut lengths = Vec::new();
    for part in list.split(',').map(str::trim) {
        if let Some(range) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            let (low, high) = range.split_once('-')?;
            lengths.extend(low.trim().parse::<usize>().ok()?..=high.trim().parse::<usize>().ok()?);
        } else {
            lengths.push(part.parse().ok()?);
        }
    }
    Some(lengths)
}

impl fmt::Display for Msisdn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.e164())
    }
}

impl Serialize for Msisdn {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.e164())
    }
}

impl<'de> Deserialize<'de> for Msisdn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let forms = [
            "+56 9 8765 4321",
            "+56987654321",
            "56987654321",
            "987654321",
            "9 8765 4321",
            "+56 (9) 8765-4321",
            " 9.8765.4321 ",
        ];
        for form in forms {
            let m: Msisdn = form.parse().unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(m.e164(), "+56987654321", "{form}");
            assert_eq!(m.international_digits(), "56987654321");
            assert_eq!(m.pretty(), "+56 9 8765 4321");
        }
    }

    #[test]
    fn refusals_say_why() {
        let table = [
            ("", "empty"),
            ("+54 9 11 2345 6789", "not a Chilean number"),
            ("+1 415 555 0100", "not a Chilean number"),
            ("98765432", "has 8 digits"),
            ("9876543210", "has 10 digits"),
            ("+56 9 8765 43210", "has 10 digits"),
            ("9876x4321", "letters"),
            ("nueve", "letters"),
            ("9876*4321", "unexpected character"),
            ("+56 2 2345 6789", "landline"),
            ("223456789", "landline"),
            ("0056987654321", "with +"),
            ("+56 1 2345 6789", "allocated"),
            ("600 600 1106", "has 10 digits"),
            ("600 600 110", "service number"),
            ("809 123 456", "service number"),
            ("800 123 456", "toll-free"),
            ("+56 44 123 4567", "internet telephony (VoIP)"),
            ("441234567", "VoIP"),
            ("912345678", "allocated"),
            ("712345678", "landline"),
        ];
        for (input, why) in table {
            let err = input.parse::<Msisdn>().expect_err(input);
            assert!(err.to_string().contains(why), "{input}: `{err}` should mention `{why}`");
        }
    }

    /// The ranges read here agree with the `phonenumber` crate's reading of
    /// the same metadata, over numbers from every leading digit.
    #[test]
    fn ranges_agree_with_the_phonenumber_crate() {
        let db = phonenumber::metadata::Database::parse(include_str!("cl-metadata.xml")).unwrap();
        let d = db.by_id("CL").unwrap().descriptors();
        let ranges = chile_ranges().unwrap();
        let services = [d.toll_free(), d.premium_rate(), d.shared_cost(), d.voip(), d.uan()];
        assert_eq!(ranges.services.len(), services.iter().flatten().count());
        let mut checked = 0;
        for lead in 1u64..=9 {
            for len in [8u32, 9, 10, 11] {
                let base = lead * 10u64.pow(len - 1);
                for step in (0..10u64.pow(len - 1)).step_by(10u64.pow(len - 1) as usize / 3001) {
                    let n = (base + step).to_string();
                    assert_eq!(ranges.general.is_match(&n), d.general().is_match(&n), "general {n}");
                    assert_eq!(
                        ranges.mobile.as_ref().unwrap().is_match(&n),
                        d.mobile().unwrap().is_match(&n),
                        "mobile {n}"
                    );
                    let service = services.iter().flatten().any(|s| s.is_match(&n));
                    assert_eq!(
                        ranges.services.iter().any(|(_, r)| r.is_match(&n)),
                        service,
                        "service {n}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000);
    }

    #[test]
    fn possible_lengths_forms() {
        assert_eq!(possible_lengths("9"), Some(vec![9]));
        assert_eq!(possible_lengths("9,11"), Some(vec![9, 11]));
        assert_eq!(possible_lengths("[9-11]"), Some(vec![9, 10, 11]));
        assert_eq!(possible_lengths("x"), None);
    }

    #[test]
    fn looks_like_number_table() {
        for yes in [
            "+56 9 8765 4321",
            "987654321",
            "9-8765-4321",
            "+1",
            "12345",
            "987x654321",
        ] {
            assert!(Msisdn::looks_like_number(yes), "{yes}");
        }
        for no in ["casa", "demo-entel", "router-2", "farm12"] {
            assert!(!Msisdn::looks_like_number(no), "{no}");
        }
    }
}
