//! `sh -c COMMAND` for hooks and secret commands, bounded in time (and in
//! output when it is kept). The command runs in its own process group, so
//! stopping it at its deadline stops everything it started, not just the shell.

use std::io::Read;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use jiff::SignedDuration;

use crate::domain::timefmt::show_duration;

/// How a command went wrong; messages follow the command's name.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    #[error("{}", crate::t!("shell-start", why = .0.to_string()))]
    Start(std::io::Error),
    #[error("{}", crate::t!("shell-wait", why = .0.to_string()))]
    Wait(std::io::Error),
    #[error("{}", crate::t!("shell-slow", duration = show_duration(SignedDuration::try_from(*.0).unwrap_or(SignedDuration::MAX))))]
    Slow(Duration),
    /// More output than the limit; `stopped`: while still printing.
    #[error("{}", crate::t!(if *.stopped { "shell-verbose-stopped" } else { "shell-verbose" }, limit = limit.to_string()))]
    Verbose { limit: u64, stopped: bool },
    #[error("{}", crate::t!("shell-failed", exit = describe_exit(*.0)))]
    Failed(ExitStatus),
}

/// `sh -c command` with stdin closed, in a process group of its own; the
/// caller decides where stdout goes and what the environment holds.
pub fn sh(command: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command).stdin(Stdio::null()).process_group(0);
    cmd
}

/// Runs `cmd` to its end, or stops it (with its process group) once
/// `timeout` has passed. With `keep_stdout = Some(limit)`, stdout is piped
/// and returned, and printing more than `limit` bytes stops the command.
pub fn run(mut cmd: Command, keep_stdout: Option<u64>, timeout: Duration) -> Result<Vec<u8>, ShellError> {
    if keep_stdout.is_some() {
        cmd.stdout(Stdio::piped());
    }
    let deadline = Instant::now() + timeout;
    let mut child = cmd.spawn().map_err(ShellError::Start)?;
    // Set by the reader once it read past the limit: no point waiting then.
    let overflow = Arc::new(AtomicBool::new(false));
    let output = match (keep_stdout, child.stdout.take()) {
        (Some(limit), Some(stdout)) => Some(read_in_background(stdout, limit, overflow.clone())),
        _ => None,
    };
    let verbose = |stopped| ShellError::Verbose {
        limit: keep_stdout.unwrap_or_default(),
        stopped,
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                stop(&mut child);
                return Err(ShellError::Slow(timeout));
            }
            Ok(None) if overflow.load(Ordering::Relaxed) => {
                stop(&mut child);
                return Err(verbose(true));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                stop(&mut child);
                return Err(ShellError::Wait(e));
            }
        }
    };
    let mut out = Vec::new();
    if let Some((limit, output)) = keep_stdout.zip(output) {
        // The shell exited, but something it started may still hold the pipe
        // (in the group, stopped here; or out of it, by `setsid`): the
        // deadline holds for that too.
        stop(&mut child);
        out = match output.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(read) => read.map_err(ShellError::Wait)?,
            Err(_) => return Err(ShellError::Slow(timeout)),
        };
        if out.len() as u64 > limit {
            return Err(verbose(false));
        }
    }
    if !status.success() {
        return Err(ShellError::Failed(status));
    }
    Ok(out)
}

/// Reads at most `limit + 1` bytes on a thread of its own, so that the
/// deadline holds however the pipe behaves.
fn read_in_background(
    stdout: impl Read + Send + 'static,
    limit: u64,
    overflow: Arc<AtomicBool>,
) -> mpsc::Receiver<std::io::Result<Vec<u8>>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let read = stdout.take(limit + 1).read_to_end(&mut out);
        if out.len() as u64 > limit {
            overflow.store(true, Ordering::Relaxed);
        }
        // The receiver may be gone (the command was stopped): nothing to say.
        let _ = tx.send(read.map(|_| out));
    });
    rx
}

/// SIGKILL to the command's process group, then reaps the shell.
fn stop(child: &mut Child) {
    if let Ok(pgid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the process group the
        // child leads (`process_group(0)` in `sh`); no memory is touched.
        unsafe {
            libc::kill(-pgid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

fn describe_exit(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => crate::t!("shell-exit-status", code = code.to_string()),
        (None, Some(signal)) => crate::t!("shell-killed-by-signal", signal = signal.to_string()),
        (None, None) => status.to_string(),
    }
}
