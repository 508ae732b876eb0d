//! Any bytes as a Reloadly answer, with any HTTP status: every decoder and
//! the judgement of a top-up answer must end in a value or an error, never a
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
        _ => (200, data),
    };
    topup::channel::reloadly::fuzz_decode(status, body);
});
