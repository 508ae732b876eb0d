//! A long table on a terminal goes through a pager, as `git log` does:
//! `TOPUP_PAGER`, else `PAGER`, else `less` with `LESS=FRX` (it quits at
//! once when everything fits on one screen, keeps the colours and leaves the
//! text on the screen). Set either to `cat` or to nothing for none.

use std::io::Write;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Child, Command, Stdio};

use crate::output::Output;

/// While it lives, stdout goes to the pager; dropping it ends the pager's
/// input and waits for the person to quit it.
pub struct Pager {
    child: Child,
    /// The terminal, to give stdout back.
    terminal: OwnedFd,
}

impl Pager {
    /// Starts the pager when stdout is a terminal and one is wanted; `None`
    /// otherwise, and when it cannot start (the text is then shown as is).
    pub fn start(out: &Output, no_pager: bool) -> Option<Pager> {
        if no_pager || out.json || !out.stdout_tty {
            return None;
        }
        let command = match std::env::var_os("TOPUP_PAGER").or_else(|| std::env::var_os("PAGER")) {
            Some(p) if p.is_empty() || p == "cat" => return None,
            Some(p) => p,
            // Without a pager of one's own, `less` if it is there.
            None if which("less") => "less".into(),
            None => return None,
        };
        let mut pager = Command::new("sh");
        pager.arg("-c").arg(&command).stdin(Stdio::piped());
        if std::env::var_os("LESS").is_none() {
            pager.env("LESS", "FRX");
        }
        if std::env::var_os("LV").is_none() {
            pager.env("LV", "-c");
        }
        let mut child = pager.spawn().ok()?;
        let input = child.stdin.take()?;
        let _ = std::io::stdout().flush();
        // SAFETY: dup and dup2 on open descriptors (1 is stdout, `input` is
        // the pipe we own); the duplicate of 1 is owned by `terminal` only.
        let terminal = unsafe {
            let saved = libc::dup(1);
            if saved < 0 || libc::dup2(input.as_raw_fd(), 1) < 0 {
                if saved >= 0 {
                    libc::close(saved);
                }
                return None;
            }
            OwnedFd::from_raw_fd(saved)
        };
        // Stdout is the pipe now; this end of it is no longer needed.
        drop(input);
        Some(Pager { child, terminal })
    }
}

impl Drop for Pager {
    fn drop(&mut self) {
        let _ = std::io::stdout().flush();
        // SAFETY: both descriptors are open; this closes our copy of the
        // pipe at 1, so the pager sees the end of its input.
        unsafe {
            libc::dup2(self.terminal.as_raw_fd(), 1);
        }
        let _ = self.child.wait();
    }
}

/// Whether `program` is on PATH.
fn which(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
