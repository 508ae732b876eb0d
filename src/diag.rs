//! Warnings and verbose notes on stderr. Set once from the command line;
//! channels and flow call `warn`/`note` without threading an output handle.

use std::sync::atomic::{AtomicU8, Ordering};

static LEVEL: AtomicU8 = AtomicU8::new(1);

/// 0 = quiet (errors only), 1 = normal (warnings), 2 = verbose (notes too).
pub fn set_level(level: u8) {
    LEVEL.store(level, Ordering::Relaxed);
}

pub fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) >= 2
}

/// Something the user should know but that does not stop the command.
pub fn warn(message: impl AsRef<str>) {
    if LEVEL.load(Ordering::Relaxed) >= 1 {
        eprintln!("warning: {}", message.as_ref());
    }
}

/// Detail shown with `-v`: what topup is doing, never a secret.
pub fn note(message: impl AsRef<str>) {
    if verbose() {
        eprintln!("note: {}", message.as_ref());
    }
}
