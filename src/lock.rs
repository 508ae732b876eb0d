//! The lock that serialises paying runs: it covers decide → pay → record
//! (money safety rule 4), so two `topup auto` from overlapping cron runs
//! cannot both see a line as due and both pay.
//!
//! An exclusive `flock` on `<state_dir>/topup.lock`. The file is created when
//! missing and never deleted: deleting a lock file lets a third process lock
//! a fresh inode while the second still waits on the old one. The lock goes
//! away with the file handle: on drop, or by the OS when the process dies, so
//! a crash never leaves a stale lock. The holder writes its pid into the file
//! for the "who holds it" message; the pid is advice, the lock is the flock.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use jiff::SignedDuration;

use crate::domain::timefmt::show_duration;

/// Another topup holds a lock. `pid`: the holder's, when it wrote it.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}", crate::t!("lock-held", path = path.display().to_string(), holder = held_by(pid)))]
    Held { path: PathBuf, pid: Option<u32> },
    #[error("{}", crate::t!("lock-still-held", waited = show_duration(*waited), path = path.display().to_string(), holder = held_by(pid)))]
    StillHeld {
        path: PathBuf,
        pid: Option<u32>,
        waited: SignedDuration,
    },
    #[error("{}", crate::t!("lock-modem-busy", secs = secs.to_string(), path = path.display().to_string()))]
    ModemBusy { path: PathBuf, secs: u64 },
}

fn held_by(pid: &Option<u32>) -> String {
    pid.map(|pid| crate::t!("lock-held-by", pid = pid.to_string()))
        .unwrap_or_default()
}

const RETRY_EVERY: Duration = Duration::from_millis(100);

/// Held while a run may pay. Released on drop.
#[derive(Debug)]
pub struct RunLock {
    file: File,
}

/// `<state_dir>/topup.lock`.
pub fn lock_path(state_dir: &Path) -> PathBuf {
    state_dir.join("topup.lock")
}

/// Takes the run lock, waiting up to `wait` (asynchronously, so Ctrl-C still
/// interrupts it).
pub async fn acquire(state_dir: &Path, wait: Option<Duration>) -> anyhow::Result<RunLock> {
    let path = lock_path(state_dir);
    let mut file = open_lock_file(state_dir, &path)?;
    if !lock_within(&file, &path, wait.unwrap_or(Duration::ZERO)).await? {
        return Err(held_elsewhere(&mut file, &path, wait).into());
    }
    write_pid(&mut file).with_context(|| crate::t!("context-writing-pid", path = path.display().to_string()))?;
    Ok(RunLock { file })
}

/// Tries at least once, then until `wait` has passed; false when another
/// holds it still.
async fn lock_within(file: &File, path: &Path, wait: Duration) -> anyhow::Result<bool> {
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(true),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => tokio::time::sleep(RETRY_EVERY).await,
            Err(TryLockError::WouldBlock) => return Ok(false),
            Err(TryLockError::Error(err)) => {
                return Err(err).with_context(|| crate::t!("context-locking", path = path.display().to_string()));
            }
        }
    }
}

/// Opens (creating when missing) a lock file in the state directory. No
/// truncate: the file may hold the current holder's pid.
fn open_lock_file(state_dir: &Path, path: &Path) -> anyhow::Result<File> {
    std::fs::create_dir_all(state_dir)
        .with_context(|| crate::t!("context-creating-state-dir", path = state_dir.display().to_string()))?;
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .with_context(|| crate::t!("context-opening-lock", path = path.display().to_string()))
}

/// Held while this process talks to a modem (why: `ModemTurns`). An
/// exclusive `flock` on `<state_dir>/modem.lock`, one for every modem of the
/// machine: `any` and `0` may be the same one.
#[derive(Debug)]
pub struct ModemLock {
    _file: File,
}

/// Takes the modem lock, waiting up to `wait` for another topup to finish
/// its conversation.
pub async fn acquire_modem(state_dir: &Path, wait: Duration) -> anyhow::Result<ModemLock> {
    let path = state_dir.join("modem.lock");
    let file = open_lock_file(state_dir, &path)?;
    if !lock_within(&file, &path, wait).await? {
        let secs = wait.as_secs();
        return Err(LockError::ModemBusy { path, secs }.into());
    }
    Ok(ModemLock { _file: file })
}

fn write_pid(file: &mut File) -> std::io::Result<()> {
    file.set_len(0)?;
    file.seek(SeekFrom::Start(0))?;
    writeln!(file, "{}", std::process::id())?;
    file.flush()
}

fn held_elsewhere(file: &mut File, path: &Path, waited: Option<Duration>) -> LockError {
    // A holder that has locked but not yet written its pid shows no pid.
    let mut text = String::new();
    let pid = file
        .seek(SeekFrom::Start(0))
        .and_then(|_| file.take(32).read_to_string(&mut text))
        .ok()
        .and_then(|_| text.trim().parse::<u32>().ok());
    let path = path.to_path_buf();
    match waited {
        Some(w) if !w.is_zero() => {
            let waited = SignedDuration::try_from(w).unwrap_or(SignedDuration::MAX);
            LockError::StillHeld { path, pid, waited }
        }
        _ => LockError::Held { path, pid },
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Clear the pid so a later "held by" never names a finished process;
        // closing the handle releases the lock even if these calls fail.
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ErrorKind, TopupError, classify};

    /// `acquire` from synchronous test code.
    fn take(state_dir: &Path, wait: Option<Duration>) -> anyhow::Result<RunLock> {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(acquire(state_dir, wait))
    }

    fn locked_kind(result: anyhow::Result<RunLock>) -> TopupError {
        classify(&result.unwrap_err())
    }

    #[test]
    fn second_holder_is_refused_until_the_first_drops() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("state");
        let first = take(&state, None).unwrap();
        let pid = std::fs::read_to_string(lock_path(&state)).unwrap();
        assert_eq!(pid.trim(), std::process::id().to_string());

        // A second open file description conflicts even within one process.
        let err = locked_kind(take(&state, None));
        assert_eq!(err.kind, ErrorKind::Locked);
        assert_eq!(err.exit_code(), 3);
        assert!(
            err.message.starts_with("another topup is running (lock "),
            "{}",
            err.message
        );
        assert!(
            err.message.contains(&format!("held by pid {}", std::process::id())),
            "{}",
            err.message
        );
        assert!(err.hint.unwrap().contains("--wait-lock 2m"));

        drop(first);
        assert!(lock_path(&state).exists(), "the lock file is never deleted");
        assert_eq!(std::fs::read_to_string(lock_path(&state)).unwrap(), "");
        let again = take(&state, None).unwrap();
        drop(again);
    }

    #[test]
    fn waiting_gets_the_lock_when_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let held = take(dir.path(), None).unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        let started = Instant::now();
        let lock = take(dir.path(), Some(Duration::from_secs(5)));
        assert!(lock.is_ok());
        assert!(started.elapsed() < Duration::from_secs(4));
        releaser.join().unwrap();
    }

    #[test]
    fn waiting_gives_up_after_the_wait() {
        let dir = tempfile::tempdir().unwrap();
        let _held = take(dir.path(), None).unwrap();
        let started = Instant::now();
        let err = locked_kind(take(dir.path(), Some(Duration::from_millis(300))));
        let waited = started.elapsed();
        assert!(
            waited >= Duration::from_millis(300) && waited < Duration::from_secs(2),
            "{waited:?}"
        );
        assert_eq!(err.kind, ErrorKind::Locked);
        assert!(err.message.contains("still running after waiting"), "{}", err.message);
    }

    /// Env var naming the state dir for `hold_lock_in_child`.
    const CHILD_DIR: &str = "TOPUP_TEST_LOCK_HOLDER_DIR";

    /// Not a test on its own: the child process of
    /// `a_killed_holder_releases_the_lock`, run from this test binary.
    #[test]
    #[ignore = "run as a child process by a_killed_holder_releases_the_lock"]
    fn hold_lock_in_child() {
        let Some(dir) = std::env::var_os(CHILD_DIR) else {
            return;
        };
        let _lock = take(Path::new(&dir), None).unwrap();
        println!("\nLOCK-HELD");
        std::io::stdout().flush().unwrap();
        std::thread::sleep(Duration::from_secs(30));
    }

    #[test]
    fn a_killed_holder_releases_the_lock() {
        use std::io::BufRead;
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "lock::tests::hold_lock_in_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let locked = stdout
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("LOCK-HELD"));
        assert!(locked, "the child never took the lock");

        let err = locked_kind(take(dir.path(), None));
        assert!(
            err.message.contains(&format!("held by pid {}", child.id())),
            "{}",
            err.message
        );

        // SIGKILL: no destructor runs; the OS must release the lock.
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(take(dir.path(), None).is_ok());
    }

    #[tokio::test]
    async fn one_modem_conversation_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = acquire_modem(dir.path(), Duration::ZERO).await.unwrap();
        // Another open file description (as in another process) waits, then
        // gives up with a temporary failure.
        let err = acquire_modem(dir.path(), Duration::from_millis(200)).await.unwrap_err();
        let err = classify(&err);
        assert_eq!(err.kind, ErrorKind::Temporary);
        assert!(err.message.contains("using the modem"), "{}", err.message);
        // The run lock is another lock.
        drop(acquire(dir.path(), None).await.unwrap());
        drop(first);
        drop(acquire_modem(dir.path(), Duration::ZERO).await.unwrap());
    }

    #[test]
    fn unwritable_state_dir_is_an_error_not_a_lock() {
        let dir = tempfile::tempdir().unwrap();
        let not_a_dir = dir.path().join("file");
        std::fs::write(&not_a_dir, "x").unwrap();
        let err = take(&not_a_dir, None).unwrap_err();
        assert!(err.downcast_ref::<LockError>().is_none());
        assert!(format!("{err:#}").contains("creating the state directory"), "{err:#}");
    }
}
