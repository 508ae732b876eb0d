//! Warnings and verbose notes on stderr. Set once from the command line;
//! channels and flow call `warn`/`note` without threading an output handle.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

static LEVEL: AtomicU8 = AtomicU8::new(1);
static JSON: AtomicBool = AtomicBool::new(false);

/// With `--json`, stderr carries JSON objects only: warnings become
/// `{"warning": {"message": …}}` lines, like errors are `{"error": …}`.
pub fn set_json(json: bool) {
    JSON.store(json, Ordering::Relaxed);
}

/// 0 = quiet (errors only), 1 = normal (warnings), 2 = verbose (notes too).
pub fn set_level(level: u8) {
    LEVEL.store(level, Ordering::Relaxed);
}

pub fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) >= 2
}

/// Something the user should know but that does not stop the command.
pub fn warn(message: impl AsRef<str>) {
    if LEVEL.load(Ordering::Relaxed) < 1 {
        return;
    }
    if JSON.load(Ordering::Relaxed) {
        eprintln!("{}", serde_json::json!({"warning": {"message": message.as_ref()}}));
    } else {
        let message = crate::output::one_line_safe(message.as_ref());
        eprintln!("{}", crate::t!("warning-line", message = message));
    }
}

/// Detail shown with `-v`: what topup is doing, never a secret.
pub fn note(message: impl AsRef<str>) {
    if !verbose() {
        return;
    }
    if JSON.load(Ordering::Relaxed) {
        eprintln!("{}", serde_json::json!({"note": {"message": message.as_ref()}}));
    } else {
        eprintln!("note: {}", crate::output::one_line_safe(message.as_ref()));
    }
}
