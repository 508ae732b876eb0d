//! Replies that reach topup still hex-encoded.
//!
//! ModemManager decodes a USSD reply only when its hex matches the modem's
//! current character set, and it ignores the data coding scheme, so some
//! modems hand over raw hex: UCS2 (a Spanish reply as `00530061…`), GSM-7
//! packed (Huawei sticks) or one septet per byte, or plain 8-bit text.
//! `decode_reply` tries each reading and keeps the most plausible text;
//! anything else, such as a plain reply or a number, is returned unchanged.

/// The GSM 03.38 default alphabet, indexed by septet. 0x1B is the escape to
/// the extension table (`GSM_EXTENSION`).
const GSM_DEFAULT: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{1b}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

const GSM_ESCAPE: u8 = 0x1B;

/// The GSM 03.38 extension table: the character after an escape.
fn gsm_extension(septet: u8) -> Option<char> {
    Some(match septet {
        0x0A => '\u{c}',
        0x14 => '^',
        0x28 => '{',
        0x29 => '}',
        0x2F => '\\',
        0x3C => '[',
        0x3D => '~',
        0x3E => ']',
        0x40 => '|',
        0x65 => '€',
        _ => return None,
    })
}

/// Shorter hex than this is more likely a word or a number than an encoding.
const MIN_HEX_LEN: usize = 8;
/// A digits-only reply shorter than this stays as it is: it reads as a
/// number (a PIN, an amount) before it reads as UCS2 text.
const MIN_DIGITS_ONLY_LEN: usize = 16;
/// Share of a decoded text that must be ordinary Spanish text characters.
const MIN_PLAUSIBLE_SHARE: f64 = 0.9;

/// Decodes a reply that is entirely hex-encoded UCS2 or GSM-7 (packed or one
/// septet per byte) into text; returns any other reply unchanged.
pub fn decode_reply(text: &str) -> String {
    let hex = text.trim();
    let Some(bytes) = hex_bytes(hex) else {
        return text.to_string();
    };
    let digits_only = hex.bytes().all(|b| b.is_ascii_digit());
    if hex.len() < MIN_HEX_LEN || (digits_only && hex.len() < MIN_DIGITS_ONLY_LEN) {
        return text.to_string();
    }
    // In order of preference when two readings are equally plausible. A
    // long number (a voucher PIN) often reads as 8-bit or GSM-7 text by
    // chance, so digits alone are only read as UCS2, whose zero high bytes
    // are a strong sign.
    let candidates = if digits_only {
        [ucs2(&bytes), None, None, None]
    } else {
        [ucs2(&bytes), gsm7_packed(&bytes), gsm7_unpacked(&bytes), latin1(&bytes)]
    };
    let mut best: Option<(f64, String)> = None;
    for decoded in candidates.into_iter().flatten() {
        if let Some(score) = plausibility(&decoded)
            && best.as_ref().is_none_or(|(best_score, _)| score > *best_score)
        {
            best = Some((score, decoded));
        }
    }
    best.map_or_else(|| text.to_string(), |(_, decoded)| decoded)
}

/// The bytes of an even-length string of hex digits; None for anything else.
fn hex_bytes(hex: &str) -> Option<Vec<u8>> {
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect()
}

/// UCS2 big-endian, read as UTF-16 so surrogate pairs (emoji) survive.
fn ucs2(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| pair.iter().fold(0u16, |unit, byte| unit << 8 | u16::from(*byte)))
        .collect();
    String::from_utf16(&units).ok()
}

/// GSM-7 packed eight septets into seven bytes, least significant bit first.
fn gsm7_packed(bytes: &[u8]) -> Option<String> {
    let count = bytes.len() * 8 / 7;
    let septets: Vec<u8> = (0..count)
        .map(|i| {
            let bit = i * 7;
            let byte = |index: usize| bytes.get(index).map_or(0, |b| u16::from(*b));
            let (low, high) = (byte(bit / 8), byte(bit / 8 + 1));
            (((high << 8 | low) >> (bit % 8)) & 0x7F) as u8
        })
        .collect();
    let mut text = gsm_septets_to_text(&septets)?;
    // When the septets fill the last byte exactly, the final septet is
    // padding: CR by the USSD rule (TS 23.038), or zero bits ('@').
    if (bytes.len() * 8).is_multiple_of(7) && (text.ends_with('\r') || text.ends_with('@')) {
        text.pop();
    }
    Some(text)
}

/// GSM-7 with one septet per byte (the modem unpacked but did not map).
fn gsm7_unpacked(bytes: &[u8]) -> Option<String> {
    if bytes.iter().any(|b| *b > 0x7F) {
        return None;
    }
    gsm_septets_to_text(bytes)
}

/// 8-bit text (ASCII, Latin-1). Where it and unpacked GSM-7 differ (`$` is
/// 0x24 in one and 0x02 in the other), plausibility picks between them.
fn latin1(bytes: &[u8]) -> Option<String> {
    Some(bytes.iter().map(|b| char::from(*b)).collect())
}

fn gsm_septets_to_text(septets: &[u8]) -> Option<String> {
    let mut text = String::with_capacity(septets.len());
    let mut iter = septets.iter();
    while let Some(&septet) = iter.next() {
        if septet == GSM_ESCAPE {
            match iter.next() {
                Some(&next) => text.push(gsm_extension(next)?),
                // A trailing escape is padding, not a character.
                None => break,
            }
        } else {
            text.push(*GSM_DEFAULT.get(usize::from(septet))?);
        }
    }
    Some(text)
}

/// How much a decoded text looks like an operator's reply: the share of
/// ordinary characters, or None when it has control characters, no letter
/// at all, or too many unusual characters.
fn plausibility(text: &str) -> Option<f64> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 2 || !chars.iter().any(|c| c.is_alphabetic()) {
        return None;
    }
    if chars.iter().any(|c| c.is_control() && !matches!(c, '\n' | '\r')) {
        return None;
    }
    let ordinary = chars.iter().filter(|c| is_ordinary(**c)).count();
    let share = ordinary as f64 / chars.len() as f64;
    (share >= MIN_PLAUSIBLE_SHARE).then_some(share)
}

fn is_ordinary(c: char) -> bool {
    c.is_ascii_alphanumeric() || " \n\r.,:;!?¿¡$%()-/*#+='\"&".contains(c) || "áéíóúÁÉÍÓÚñÑüÜ€".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_hex_replies_and_leaves_text_alone() {
        let table = [
            // UCS2
            ("00530061006C0064006F", "Saldo"),
            ("00530061006c0064006f", "Saldo"),
            ("0049006E0066006F0072006D00610063006900F3006E", "Información"),
            (
                "004D0065006E00FA0020007000720069006E0063006900700061006C003A000A0031002E002000530061006C0064006F",
                "Menú principal:\n1. Saldo",
            ),
            ("  00530061006C0064006F\n", "Saldo"),
            // GSM-7 packed (the first is the textbook example)
            ("E8329BFD4697D9EC37", "hellohello"),
            ("D3309BFCD6810431570D0603", "Saldo: $1.500"),
            (
                "D43A681E6693DFA0F21C2490B97239980B642DBBC76550990D9AC15EB118",
                "Tu saldo es $2.990. Vence el 30/11",
            ),
            (
                "D372FF2D6781E87590F8CD9E8741E432A8063A0A41F930A83CA78741E1313D6D0F03",
                "Señor, tu bolsa de 5 GB ya esta activa",
            ),
            (
                "D2F2382C3F87411B546D930291CBA04DB9060AC3D9E971981C06",
                "Recarga {5} de €5 aplicada",
            ),
            ("C2377B1E06C58E42", "Bolsa 1GB"),
            // GSM-7, one septet per byte
            ("53616C646F3A2002312E353030", "Saldo: $1.500"),
            ("53657D6F722C20747520626F6C7361", "Señor, tu bolsa"),
            // 8-bit text
            ("53616C646F2024312E353030", "Saldo $1.500"),
            ("496E666F726D616369F36E", "Información"),
            // Left alone: plain text, numbers, short or odd hex, implausible decodes
            ("Tu saldo es $1.500", "Tu saldo es $1.500"),
            ("1234", "1234"),
            ("12345678", "12345678"),
            ("1234567890123456", "1234567890123456"),
            ("4142434445464748", "4142434445464748"),
            ("00530069002000320030", "Si 20"),
            ("0031003200330034", "0031003200330034"),
            ("CAFE", "CAFE"),
            ("ABCDEF012", "ABCDEF012"),
            ("FFFFFFFFFFFFFFFF", "FFFFFFFFFFFFFFFF"),
            ("00000000", "00000000"),
            ("", ""),
            ("1. Saldo\n2. Bolsas", "1. Saldo\n2. Bolsas"),
        ];
        for (input, expected) in table {
            assert_eq!(decode_reply(input), expected, "{input:?}");
        }
    }
}
