//! The lock that serialises paying runs. (Interim version; being rewritten.)

use std::path::Path;
use std::time::Duration;

use crate::error::{ErrorKind, TopupError};

pub struct RunLock {
    _file: std::fs::File,
}

pub fn acquire(state_dir: &Path, wait: Option<Duration>) -> anyhow::Result<RunLock> {
    let path = state_dir.join("topup.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    let deadline = std::time::Instant::now() + wait.unwrap_or_default();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(RunLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(TopupError::new(
                    ErrorKind::Locked,
                    format!("another topup is running (lock {})", path.display()),
                )
                .hint("wait for it, or pass --wait-lock 2m")
                .into());
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(e.into()),
        }
    }
}
