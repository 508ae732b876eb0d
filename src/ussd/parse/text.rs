//! The reply as the parser reads it: folded (lowercase, accent-free, one
//! space between words) with a way back to the original spelling, cut into
//! clauses, and searched for whole words.

use std::ops::Range;

use crate::carrier::fold;

pub(super) struct Folded<'a> {
    pub text: String,
    original: &'a str,
    /// For each byte offset of `text`, and its end, the offset in `original`
    /// of the character it came from.
    origin: Vec<usize>,
}

impl<'a> Folded<'a> {
    pub fn new(original: &'a str) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            let leader = |c: char| matches!(c, '.' | '…');
            // Line breaks separate clauses; every other blank (tab, NBSP from a
            // UCS2 reply) is one space, so labels like "extra  saldo" match.
            // Dot leaders ("Megas.......450 MB") join a label to its value
            // like a colon.
            let piece = match c {
                '\n' | '\r' => "\n".to_string(),
                c if leader(c) && (c == '…' || chars.peek().is_some_and(|(_, n)| leader(*n))) => {
                    while chars.next_if(|(_, n)| leader(*n)).is_some() {}
                    ": ".to_string()
                }
                c if c.is_whitespace() || c.is_control() => {
                    if text.ends_with(' ') {
                        continue;
                    }
                    " ".to_string()
                }
                c => fold(c.encode_utf8(&mut buf)),
            };
            origin.extend(std::iter::repeat_n(at, piece.len()));
            text.push_str(&piece);
        }
        origin.push(original.len());
        Folded { text, original, origin }
    }

    /// The original spelling of a range of `text`.
    pub fn original(&self, range: Range<usize>) -> Option<&'a str> {
        let start = *self.origin.get(range.start)?;
        let end = *self.origin.get(range.end)?;
        self.original.get(start..end)
    }
}

/// A stretch of text between separators: a line, a sentence, a comma-part,
/// or a parenthesis. Labels never reach across clauses.
#[derive(Debug, Clone)]
pub(super) struct Clause {
    pub range: Range<usize>,
    /// Inside `(…)` or `[…]`: a breakdown of an amount given outside.
    pub in_parens: bool,
}

pub(super) fn clauses(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_parens = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next_is_blank = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let opens = matches!(c, '(' | '[');
        let closes = matches!(c, ')' | ']');
        let separates = opens
            || closes
            || matches!(c, '\n' | ';' | '|' | '!' | '?' | '¡' | '¿')
            || (matches!(c, '.' | ',') && next_is_blank);
        if separates {
            push_clause(&mut out, text, start..at, in_parens);
            start = at + c.len_utf8();
            if opens {
                in_parens = true;
            } else if closes {
                in_parens = false;
            }
        }
    }
    push_clause(&mut out, text, start..text.len(), in_parens);
    out
}

fn push_clause(out: &mut Vec<Clause>, text: &str, range: Range<usize>, in_parens: bool) {
    if text
        .get(range.clone())
        .is_some_and(|t| t.chars().any(char::is_alphanumeric) || t.contains('$'))
    {
        out.push(Clause { range, in_parens });
    }
}

/// Where `word` occurs in `text` as a whole word; a plural `s`/`es` is part
/// of the word (`bono` finds `bonos`). `word` may hold spaces.
pub(super) fn word_spans<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
    text.match_indices(word).filter_map(move |(at, _)| {
        if text[..at].chars().next_back().is_some_and(char::is_alphanumeric) {
            return None;
        }
        let end = at + word.len();
        let rest = &text[end..];
        ["es", "s", ""]
            .into_iter()
            .find(|plural| {
                rest.strip_prefix(plural)
                    .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
            .map(|plural| at..end + plural.len())
    })
}

pub(super) fn has_word(text: &str, word: &str) -> bool {
    word_spans(text, word).next().is_some()
}

/// `word` exactly, not its plural (`compra` but not `compras`).
pub(super) fn has_exact_word(text: &str, word: &str) -> bool {
    word_spans(text, word).any(|span| span.len() == word.len())
}

/// The keyword of `table` that ends last in `text`, i.e. the one nearest to
/// an amount that follows, and where it is; on a tie the longer one
/// (`extra saldo` over `saldo`).
pub(super) fn last_keyword<T: Copy>(text: &str, table: &[(&'static str, T)]) -> Option<(Range<usize>, T)> {
    table
        .iter()
        .filter_map(|&(word, value)| word_spans(text, word).last().map(|span| (span, value)))
        .max_by_key(|(span, _)| (span.end, span.len()))
}

/// The first `n` words of `text`.
pub(super) fn first_words(text: &str, n: usize) -> String {
    text.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_a_way_back() {
        let f = Folded::new("Válido\u{a0}\u{a0}HASTA  el\r\n15/12");
        assert_eq!(f.text, "valido hasta el\n\n15/12");
        let at = f.text.find("hasta").unwrap();
        assert_eq!(f.original(at..at + 5), Some("HASTA"));
        assert_eq!(f.original(0..6), Some("Válido"));
        // Dot leaders join a label to its value like a colon.
        let f = Folded::new("Megas.......450 MB… Saldo…$1.500");
        assert_eq!(f.text, "megas: 450 mb: saldo: $1.500");
        let at = f.text.find("450").unwrap();
        assert_eq!(f.original(at..at + 6), Some("450 MB"));
    }

    #[test]
    fn clause_table() {
        let table: [(&str, &[&str]); 6] = [
            ("Saldo $1.500. Vence 15/12", &["Saldo $1.500", " Vence 15/12"]),
            ("Datos 2,5 GB, bono 1 GB", &["Datos 2,5 GB", " bono 1 GB"]),
            ("1. Saldo\n2) Bolsas", &["1", " Saldo", "2", " Bolsas"]),
            ("Saldo $3.000 (Extra $1.000)", &["Saldo $3.000 ", "Extra $1.000"]),
            ("$1.500.- hasta el 1.12.2026", &["$1.500.- hasta el 1.12.2026"]),
            ("", &[]),
        ];
        for (text, expected) in table {
            let got: Vec<&str> = clauses(text).iter().map(|c| &text[c.range.clone()]).collect();
            assert_eq!(got, expected, "{text}");
        }
        let parens: Vec<bool> = clauses("a (b) c").iter().map(|c| c.in_parens).collect();
        assert_eq!(parens, [false, true, false]);
    }

    #[test]
    fn words_are_whole() {
        assert!(has_word("tus bonos:", "bono"));
        assert!(has_word("meses", "mes"));
        assert!(!has_word("abono", "bono"));
        assert!(!has_word("bonoso", "bono"));
        assert!(has_word("el extra saldo", "extra saldo"));
        let table = [("saldo", 1), ("extra saldo", 2)];
        assert_eq!(last_keyword("tu extra saldo: ", &table), Some((3..14, 2)));
        assert_eq!(last_keyword("extra saldo y saldo ", &table), Some((14..19, 1)));
        assert!(has_exact_word("compra ya", "compra"));
        assert!(!has_exact_word("para compras", "compra"));
        assert_eq!(last_keyword("nada", &table), None);
    }
}
