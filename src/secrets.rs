//! Secrets come from a file, a command or an environment variable — never
//! from the config itself or the command line — and live in `SecretString`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::{Duration, Instant};

use anyhow::Context;
use secrecy::SecretString;

use crate::diag;
use crate::files::FileProblem;

/// Why a secret could not be had; `what` names it (`the Reloadly client secret`).
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("{what} in {var} is not valid UTF-8 text")]
    EnvNotText { what: String, var: String },
    #[error("cannot read {what} from {}: it {problem}", path.display())]
    Unreadable {
        what: String,
        path: PathBuf,
        problem: FileProblem,
    },
    #[error("{what} file {} is not UTF-8 text", path.display())]
    FileNotText { what: String, path: PathBuf },
    #[error("the command for {what} printed something that is not text")]
    CommandNotText { what: String },
    /// No source is set; `var` is the environment variable that could be.
    #[error("{what} is not configured")]
    NotConfigured { what: String, var: String },
    #[error("the command for {what} took longer than {secs}s and was stopped")]
    CommandSlow { what: String, secs: u64 },
    /// `stopped`: while still printing.
    #[error("the command for {what} printed more than {MAX_SECRET_BYTES} bytes{}", if *stopped { " and was stopped" } else { "" })]
    CommandVerbose { what: String, stopped: bool },
    #[error("the command for {what} failed ({status})")]
    CommandFailed { what: String, status: ExitStatus },
    #[error("{what} is empty")]
    Empty { what: String },
}

/// Where a secret may come from, in order of precedence: the environment
/// variable, then the file, then the command.
pub struct SecretSource<'a> {
    /// What it is, for messages (`the Reloadly client secret`).
    pub what: &'a str,
    pub env_var: &'a str,
    pub env_value: Option<&'a std::ffi::OsStr>,
    pub file: Option<&'a Path>,
    pub command: Option<&'a str>,
}

pub fn resolve(src: &SecretSource<'_>) -> anyhow::Result<SecretString> {
    if let Some(v) = crate::app::non_empty(src.env_value) {
        let text = v.to_str().ok_or_else(|| SecretError::EnvNotText {
            what: src.what.to_string(),
            var: src.env_var.to_string(),
        })?;
        return trimmed_secret(text.to_string(), src);
    }
    if let Some(path) = src.file {
        let bytes = crate::files::read_regular(path, MAX_SECRET_BYTES).map_err(|problem| SecretError::Unreadable {
            what: src.what.to_string(),
            path: path.to_path_buf(),
            problem,
        })?;
        warn_if_readable_by_others(path, src.what);
        let text = String::from_utf8(bytes).map_err(|_| SecretError::FileNotText {
            what: src.what.to_string(),
            path: path.to_path_buf(),
        })?;
        return trimmed_secret(text, src);
    }
    if let Some(cmd) = src.command {
        let stdout = run_secret_command(cmd, src.what, SECRET_COMMAND_TIMEOUT)?;
        let what = src.what.to_string();
        let text = String::from_utf8(stdout).map_err(|_| SecretError::CommandNotText { what })?;
        return trimmed_secret(text, src);
    }
    Err(SecretError::NotConfigured {
        what: src.what.to_string(),
        var: src.env_var.to_string(),
    }
    .into())
}

/// A secret is a token or a password: anything longer is the wrong file or
/// a command printing something else (and `/dev/zero` would fill memory).
const MAX_SECRET_BYTES: u64 = 64 * 1024;

/// How long a `*_command` (a password manager, `cat` of a mounted secret)
/// may take before it is stopped.
const SECRET_COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs `sh -c cmd` in its own process group and returns what it printed,
/// bounded in size and time: a command that prints too much or takes too
/// long is stopped with everything it started.
fn run_secret_command(cmd: &str, what: &str, timeout: Duration) -> anyhow::Result<Vec<u8>> {
    use std::os::unix::process::CommandExt;
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .process_group(0)
        .spawn()
        .with_context(|| format!("running the command for {what}"))?;
    let group = child.id();
    let stop = |child: &mut std::process::Child| {
        if let Ok(pgid) = libc::pid_t::try_from(group) {
            // SAFETY: kill(2) with a negative pid signals the process group
            // the child leads (process_group(0) above); no memory is touched.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
        }
        let _ = child.kill();
        let _ = child.wait();
    };
    let Some(stdout) = child.stdout.take() else {
        stop(&mut child);
        anyhow::bail!("running the command for {what}: no output pipe");
    };
    // Set by the reader once it read past the bound: no point waiting then.
    let overflow = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (read_tx, read_rx) = std::sync::mpsc::channel();
    std::thread::spawn({
        let overflow = overflow.clone();
        move || {
            let mut out = Vec::new();
            let read = stdout.take(MAX_SECRET_BYTES + 1).read_to_end(&mut out);
            if out.len() as u64 > MAX_SECRET_BYTES {
                overflow.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            // The receiver may be gone (the command was stopped): nothing to say.
            let _ = read_tx.send(read.map(|_| out));
        }
    });
    let verbose = |stopped| SecretError::CommandVerbose {
        what: what.to_string(),
        stopped,
    };
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                stop(&mut child);
                let (what, secs) = (what.to_string(), timeout.as_secs());
                return Err(SecretError::CommandSlow { what, secs }.into());
            }
            Ok(None) if overflow.load(std::sync::atomic::Ordering::Relaxed) => {
                stop(&mut child);
                return Err(verbose(true).into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => {
                stop(&mut child);
                return Err(e).with_context(|| format!("waiting for the command for {what}"));
            }
        }
    };
    // The command exited, but something it started may still hold the pipe
    // (in the group, stopped here; or out of it, by `setsid`): the deadline
    // holds for that too.
    stop(&mut child);
    let out = match read_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        Ok(Ok(out)) => out,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            let (what, secs) = (what.to_string(), timeout.as_secs());
            return Err(SecretError::CommandSlow { what, secs }.into());
        }
        _ => anyhow::bail!("reading the output of the command for {what} failed"),
    };
    if out.len() as u64 > MAX_SECRET_BYTES {
        return Err(verbose(false).into());
    }
    if !status.success() {
        let what = what.to_string();
        return Err(SecretError::CommandFailed { what, status }.into());
    }
    Ok(out)
}

fn trimmed_secret(text: String, src: &SecretSource<'_>) -> anyhow::Result<SecretString> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(SecretError::Empty {
            what: src.what.to_string(),
        }
        .into());
    }
    Ok(SecretString::from(trimmed.to_string()))
}

fn warn_if_readable_by_others(path: &Path, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            diag::warn(format!(
                "{} ({}) can be read by other users; run: chmod 600 {}",
                path.display(),
                what,
                path.display()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn src<'a>(env: Option<&'a str>, file: Option<&'a Path>, command: Option<&'a str>) -> SecretSource<'a> {
        SecretSource {
            what: "the test secret",
            env_var: "TEST_SECRET",
            env_value: env.map(std::ffi::OsStr::new),
            file,
            command,
        }
    }

    #[test]
    fn sources_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("s");
        std::fs::write(&f, "from-file\n").unwrap();
        assert_eq!(
            resolve(&src(Some("from-env"), Some(&f), None)).unwrap().expose_secret(),
            "from-env"
        );
        assert_eq!(
            resolve(&src(None, Some(&f), None)).unwrap().expose_secret(),
            "from-file"
        );
        assert_eq!(
            resolve(&src(None, None, Some("echo from-cmd")))
                .unwrap()
                .expose_secret(),
            "from-cmd"
        );
    }

    #[test]
    fn secret_files_are_small_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, "s".repeat(64 * 1024 + 1)).unwrap();
        let table: [(&Path, &str); 3] = [
            (Path::new("/dev/zero"), "character device"),
            (dir.path(), "is a directory"),
            (&big, "larger than 65536 bytes"),
        ];
        for (path, says) in table {
            let e = resolve(&src(None, Some(path), None)).unwrap_err();
            let te = crate::error::classify(&e);
            assert_eq!(te.kind, crate::error::ErrorKind::Credentials, "{path:?}");
            assert!(te.message.contains(says), "{path:?}: {}", te.message);
        }
    }

    #[test]
    fn secret_commands_are_bounded_in_output_and_time() {
        let started = Instant::now();
        let e = run_secret_command("yes secret", "the test secret", Duration::from_secs(20)).unwrap_err();
        assert!(format!("{e:#}").contains("printed more than 65536 bytes"), "{e:#}");
        // Stopped at the bound, not at the timeout.
        assert!(started.elapsed() < Duration::from_secs(15));

        let started = Instant::now();
        let e =
            run_secret_command("sleep 30 & echo x; sleep 30", "the test secret", Duration::from_secs(1)).unwrap_err();
        assert!(format!("{e:#}").contains("took longer than 1s"), "{e:#}");
        assert!(started.elapsed() < Duration::from_secs(10));

        // A command that closes its output early but exits in time is fine,
        // and whatever it left running does not hold topup up.
        let out = run_secret_command(
            "echo tok; exec >&-; sleep 0.2",
            "the test secret",
            Duration::from_secs(5),
        )
        .unwrap();
        assert_eq!(out, b"tok\n");
        // Something that left the process group and holds the output open
        // does not hold topup past the deadline.
        let started = Instant::now();
        let e =
            run_secret_command("echo tok; setsid sleep 30 &", "the test secret", Duration::from_secs(1)).unwrap_err();
        assert!(format!("{e:#}").contains("took longer than 1s"), "{e:#}");
        assert!(started.elapsed() < Duration::from_secs(10));

        let started = Instant::now();
        let out = run_secret_command("echo tok; sleep 30 &", "the test secret", Duration::from_secs(5)).unwrap();
        assert_eq!(out, b"tok\n");
        assert!(started.elapsed() < Duration::from_secs(4));
    }

    #[test]
    fn failures_are_credential_errors_without_the_secret() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("e");
        std::fs::write(&empty, "  \n").unwrap();
        for s in [
            src(None, None, None),
            src(None, Some(&dir.path().join("missing")), None),
            src(None, Some(&empty), None),
            src(None, None, Some("exit 3")),
        ] {
            let e = resolve(&s).unwrap_err();
            assert_eq!(crate::error::classify(&e).kind, crate::error::ErrorKind::Credentials);
        }
    }
}
