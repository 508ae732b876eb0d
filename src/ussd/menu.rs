//! USSD menus: find the number of the option whose text the config names.
//!
//! Menus come one option per line (`1. Saldo`, `1) Recargas`, `2- Bolsas`,
//! `3 Minutos`) or, when a modem flattens the reply, on one line
//! (`1 Saldo 2 Bolsas`). Matching ignores case and accents and compares
//! whole words, so `1 GB` never picks `11 GB`. An answer picks an option
//! only when exactly one option matches: buying the wrong plan is worse than
//! stopping with an error.

use std::sync::OnceLock;

use regex::Regex;

use crate::carrier::fold;

/// One option of a menu: the number to send and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MenuOption {
    number: String,
    label: String,
}

/// Why a menu answer picks no option. `menu` is the reply on one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MenuError {
    #[error("the menu answer {wanted:?} has no words to look for")]
    NoWords { wanted: String },
    #[error("looked for {wanted:?} but the reply is not a menu: {menu}")]
    NotAMenu { wanted: String, menu: String },
    #[error("no option matches {wanted:?} in the menu: {menu}")]
    NoMatch { wanted: String, menu: String },
    /// `options` lists the matching ones as `1 (Bolsa 1 GB), 2 (Bolsa 5 GB)`.
    #[error("{wanted:?} matches options {options} in the menu: {menu}; write more of the option's text, or its number")]
    Several {
        wanted: String,
        options: String,
        menu: String,
    },
}

/// The number of the one option whose text contains `wanted`; an error
/// (with the menu) when no option or several options match.
pub fn find_option(menu: &str, wanted: &str) -> Result<String, MenuError> {
    let wanted_words = words(wanted);
    if wanted_words.is_empty() {
        return Err(MenuError::NoWords { wanted: wanted.into() });
    }
    let options = parse_options(menu);
    if options.is_empty() {
        return Err(MenuError::NotAMenu {
            wanted: wanted.into(),
            menu: one_line(menu),
        });
    }
    let matching: Vec<&MenuOption> = options
        .iter()
        .filter(|option| contains_words(&words(&option.label), &wanted_words))
        .collect();
    // "Bolsa" may match "Bolsa" and "Bolsas": an option that is exactly
    // the wanted text wins.
    let exact: Vec<&MenuOption> = matching
        .iter()
        .copied()
        .filter(|option| words(&option.label) == wanted_words)
        .collect();
    match (matching.as_slice(), exact.as_slice()) {
        ([only], _) | (_, [only]) => Ok(only.number.clone()),
        ([], _) => Err(MenuError::NoMatch {
            wanted: wanted.into(),
            menu: one_line(menu),
        }),
        (several, _) => {
            let listed: Vec<String> = several.iter().map(|o| format!("{} ({})", o.number, o.label)).collect();
            Err(MenuError::Several {
                wanted: wanted.into(),
                options: listed.join(", "),
                menu: one_line(menu),
            })
        }
    }
}

fn one_line(menu: &str) -> String {
    let lines: Vec<&str> = menu.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    format!("\"{}\"", lines.join(" / "))
}

/// The options of a menu, one per line when at least two lines are options,
/// otherwise read inline.
fn parse_options(menu: &str) -> Vec<MenuOption> {
    let by_line: Vec<MenuOption> = menu.lines().filter_map(line_option).collect();
    if by_line.len() >= 2 {
        return by_line;
    }
    let inline = inline_options(menu);
    if inline.len() >= 2 { inline } else { by_line }
}

/// `1. Saldo`, `1) Saldo`, `1- Saldo`, `1: Saldo`, `1 Saldo`; not `5.990`
/// or `1GB gratis`.
fn line_option(line: &str) -> Option<MenuOption> {
    let line = line.trim();
    let digits_end = line.find(|c: char| !c.is_ascii_digit()).unwrap_or(line.len());
    if !(1..=3).contains(&digits_end) {
        return None;
    }
    let (number, rest) = line.split_at(digits_end);
    let label = if let Some(after_dot) = rest.strip_prefix('.') {
        // `5.990` is a price, not option 5.
        if after_dot.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        after_dot
    } else {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix([')', '-', ':']) {
            Some(after) => after,
            None if trimmed.len() < rest.len() => trimmed,
            None => return None,
        }
    };
    let label = label.trim();
    (!label.is_empty()).then(|| MenuOption {
        number: number.to_string(),
        label: label.to_string(),
    })
}

/// Options on one line: markers numbered 1, 2, 3… in order. Every number
/// followed by a space ends the label before it (so `1 Bolsa 5 GB 2 …`
/// gives option 1 the label `Bolsa`): a label cut short fails to match,
/// where a label run long could match the wrong option.
fn inline_options(menu: &str) -> Vec<MenuOption> {
    static MARKER: OnceLock<Option<Regex>> = OnceLock::new();
    let Some(marker) = MARKER.get_or_init(|| Regex::new(r"(?:^|\s)(\d{1,2})[.)\-:]?(?:\s|$)").ok()) else {
        return Vec::new();
    };
    // Markers can share a space ("1 2 3"), so search from each match's
    // number rather than iterating non-overlapping matches.
    let mut markers: Vec<(usize, usize, &str)> = Vec::new();
    let mut from = 0;
    while let Some(caps) = marker.captures_at(menu, from) {
        let (Some(whole), Some(number)) = (caps.get(0), caps.get(1)) else {
            break;
        };
        markers.push((number.start(), whole.end(), number.as_str()));
        from = number.end();
    }
    let mut options = Vec::new();
    let mut expected = 1u32;
    for (index, (_, label_start, number)) in markers.iter().enumerate() {
        if number.parse::<u32>().ok() != Some(expected) {
            continue;
        }
        let label_end = markers.get(index + 1).map_or(menu.len(), |(start, _, _)| *start);
        let label = menu.get(*label_start..label_end).unwrap_or("").trim();
        if !label.is_empty() {
            options.push(MenuOption {
                number: number.to_string(),
                label: label.to_string(),
            });
        }
        expected += 1;
    }
    options
}

/// Folded words, with numbers split from letters (`5GB` → `5`, `gb`).
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in fold(text).chars() {
        let same_kind = current
            .chars()
            .last()
            .is_none_or(|last| last.is_ascii_digit() == c.is_ascii_digit());
        if (!c.is_alphanumeric() || !same_kind) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if c.is_alphanumeric() {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether `wanted` appears in `label` as consecutive words. Numbers must be
/// equal; a word may be the start of the label's word (`bolsa` → `bolsas`).
fn contains_words(label: &[String], wanted: &[String]) -> bool {
    label.windows(wanted.len()).any(|window| {
        window.iter().zip(wanted).all(|(have, want)| {
            if want.chars().all(|c| c.is_ascii_digit()) {
                have == want
            } else {
                have.starts_with(want.as_str())
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: &str = "Bienvenido a tu menu\n1. Saldo\n2. Bolsas\n3. Recargas\n0. Volver";

    #[test]
    fn finds_the_option_number() {
        let table = [
            (LINES, "Saldo", "1"),
            (LINES, "bolsas", "2"),
            (LINES, "BOLSA", "2"),
            (LINES, "recarga", "3"),
            (LINES, "volver", "0"),
            ("1) Recargas\n2) Bolsas", "Bolsas", "2"),
            ("1- Recargas\n2- Bolsas", "bolsas", "2"),
            ("1: Saldo\n2: Bolsas", "saldo", "1"),
            ("1.Saldo\n2.Bolsas", "bolsas", "2"),
            ("1 Saldo\n2 Bolsas", "bolsas", "2"),
            ("  1. Información\n  2. Promociones", "informacion", "1"),
            ("1. Informacion\n2. Promociones", "Información", "1"),
            (
                "1. Bolsa 1 GB $990\n2. Bolsa 11 GB $5.990\n3. Bolsa 5GB $2.990",
                "1 GB",
                "1",
            ),
            (
                "1. Bolsa 1 GB $990\n2. Bolsa 11 GB $5.990\n3. Bolsa 5GB $2.990",
                "11 GB",
                "2",
            ),
            (
                "1. Bolsa 1 GB $990\n2. Bolsa 11 GB $5.990\n3. Bolsa 5GB $2.990",
                "5 GB",
                "3",
            ),
            (
                "1. Bolsa 1 GB $990\n2. Bolsa 11 GB $5.990\n3. Bolsa 5GB $2.990",
                "$5.990",
                "2",
            ),
            ("Elige:\n10. Bolsas\n11. Saldo", "saldo", "11"),
            ("Precio 5.990 pesos\n1. Confirmar\n2. Cancelar", "confirmar", "1"),
            // "Bolsa" matches both, but one option is exactly "Bolsa".
            ("1. Bolsas\n2. Bolsa", "bolsa", "2"),
            // Inline menus.
            ("1 Saldo 2 Bolsas 3 Minutos", "bolsas", "2"),
            ("Elige una opcion: 1. Saldo 2. Bolsas", "saldo", "1"),
            ("Entel 4G 1) Recargas 2) Bolsas", "Recargas", "1"),
        ];
        for (menu, wanted, expected) in table {
            assert_eq!(
                find_option(menu, wanted).as_deref(),
                Ok(expected),
                "{wanted:?} in {menu:?}"
            );
        }
    }

    #[test]
    fn refuses_to_guess() {
        let table = [
            (LINES, "Minutos", "no option matches \"Minutos\""),
            (
                "1. Bolsa 1 GB\n2. Bolsa 5 GB",
                "bolsa",
                "matches options 1 (Bolsa 1 GB), 2 (Bolsa 5 GB)",
            ),
            ("1. Bolsa 11 GB\n2. Bolsa 5 GB", "1 GB", "no option matches"),
            ("Tu saldo es $1.500", "saldo", "the reply is not a menu"),
            (LINES, "  ", "has no words"),
            // Inline labels stop at any number, so a plan size cannot be matched
            // across options, and "Bolsa" is ambiguous.
            ("1 Bolsa 5 GB 2 Bolsa 10 GB", "10 GB", "no option matches"),
            (
                "1 Bolsa 5 GB 2 Bolsa 10 GB",
                "Bolsa",
                "matches options 1 (Bolsa), 2 (Bolsa)",
            ),
        ];
        for (menu, wanted, expected) in table {
            let err = find_option(menu, wanted).expect_err(wanted);
            assert!(err.to_string().contains(expected), "{wanted:?} in {menu:?}: {err}");
        }
    }

    #[test]
    fn errors_show_the_menu_on_one_line() {
        let err = find_option(LINES, "Minutos").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no option matches \"Minutos\" in the menu: \"Bienvenido a tu menu / 1. Saldo / 2. Bolsas / 3. Recargas / 0. Volver\""
        );
    }

    #[test]
    fn words_split_numbers_from_letters() {
        let table: [(&str, &[&str]); 4] = [
            ("Bolsa 5GB", &["bolsa", "5", "gb"]),
            ("$5.990", &["5", "990"]),
            ("Información útil", &["informacion", "util"]),
            ("  ", &[]),
        ];
        for (input, expected) in table {
            assert_eq!(words(input), expected, "{input:?}");
        }
    }
}
