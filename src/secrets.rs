//! Secrets come from a file, a command or an environment variable — never
//! from the config itself or the command line — and live in `SecretString`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use secrecy::SecretString;

use crate::diag;
use crate::files::FileProblem;
use crate::shell::{self, ShellError};

/// Why a secret could not be had; `what` names it (`the Reloadly client secret`).
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("{}", crate::t!("secret-env-not-text", what = what.as_str(), var = var.as_str()))]
    EnvNotText { what: String, var: String },
    #[error("{}", crate::t!("secret-unreadable", what = what.as_str(), path = path.display().to_string(), problem = problem.to_string()))]
    Unreadable {
        what: String,
        path: PathBuf,
        problem: FileProblem,
    },
    #[error("{}", crate::t!("secret-file-not-text", what = what.as_str(), path = path.display().to_string()))]
    FileNotText { what: String, path: PathBuf },
    #[error("{}", crate::t!("secret-command-not-text", what = what.as_str()))]
    CommandNotText { what: String },
    #[error("{}", crate::t!("secret-command", what = what.as_str(), problem = problem.to_string()))]
    Command { what: String, problem: ShellError },
    /// No source is set; `var` is the environment variable that could be.
    #[error("{}", crate::t!("secret-not-configured", what = what.as_str()))]
    NotConfigured { what: String, var: String },
    #[error("{}", crate::t!("secret-empty", what = what.as_str()))]
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
        let what = src.what.to_string();
        let stdout = run_secret_command(cmd, SECRET_COMMAND_TIMEOUT).map_err(|problem| SecretError::Command {
            what: what.clone(),
            problem,
        })?;
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

/// What the command prints is the secret; it keeps topup's environment and stderr.
fn run_secret_command(cmd: &str, timeout: Duration) -> Result<Vec<u8>, ShellError> {
    shell::run(shell::sh(cmd), Some(MAX_SECRET_BYTES), timeout)
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
    use std::time::Instant;

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
        let e = run_secret_command("yes secret", Duration::from_secs(20)).unwrap_err();
        assert!(format!("{e:#}").contains("printed more than 65536 bytes"), "{e:#}");
        // Stopped at the bound, not at the timeout.
        assert!(started.elapsed() < Duration::from_secs(15));

        let started = Instant::now();
        let e = run_secret_command("sleep 30 & echo x; sleep 30", Duration::from_secs(1)).unwrap_err();
        assert!(format!("{e:#}").contains("took longer than 1s"), "{e:#}");
        assert!(started.elapsed() < Duration::from_secs(10));

        // A command that closes its output early but exits in time is fine,
        // and whatever it left running does not hold topup up.
        let out = run_secret_command("echo tok; exec >&-; sleep 0.2", Duration::from_secs(5)).unwrap();
        assert_eq!(out, b"tok\n");
        // Something that left the process group and holds the output open
        // does not hold topup past the deadline.
        let started = Instant::now();
        // (The shell waits a moment so that `setsid` has run when it exits.)
        let e = run_secret_command("echo tok; setsid sleep 30 & sleep 0.3", Duration::from_secs(1)).unwrap_err();
        assert!(format!("{e:#}").contains("took longer than 1s"), "{e:#}");
        assert!(started.elapsed() < Duration::from_secs(10));

        let started = Instant::now();
        let out = run_secret_command("echo tok; sleep 30 &", Duration::from_secs(5)).unwrap();
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
