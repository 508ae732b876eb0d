//! Secrets come from a file, a command or an environment variable — never
//! from the config itself or the command line — and live in `SecretString`.

use std::path::Path;

use anyhow::Context;
use secrecy::SecretString;

use crate::diag;
use crate::error::TopupError;

/// Where a secret may come from, in order of precedence: the environment
/// variable, then the file, then the command.
pub struct SecretSource<'a> {
    /// What it is, for messages (`the Reloadly client secret`).
    pub what: &'a str,
    pub env_var: &'a str,
    pub env_value: Option<String>,
    pub file: Option<&'a Path>,
    pub command: Option<&'a str>,
}

pub fn resolve(src: &SecretSource<'_>) -> anyhow::Result<SecretString> {
    if let Some(v) = src.env_value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        return Ok(SecretString::from(v.to_string()));
    }
    if let Some(path) = src.file {
        warn_if_readable_by_others(path, src.what);
        let text = std::fs::read_to_string(path).map_err(|e| {
            TopupError::credentials(format!("cannot read {} from {}: {e}", src.what, path.display()))
                .hint("check the *_secret_file path, or set the environment variable instead")
        })?;
        return non_empty(text, src);
    }
    if let Some(cmd) = src.command {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::inherit())
            .output()
            .with_context(|| format!("running the command for {}", src.what))?;
        if !out.status.success() {
            return Err(
                TopupError::credentials(format!("the command for {} failed ({})", src.what, out.status))
                    .hint("run it by hand to see why")
                    .into(),
            );
        }
        let text = String::from_utf8(out.stdout).map_err(|_| {
            TopupError::credentials(format!(
                "the command for {} printed something that is not text",
                src.what
            ))
        })?;
        return non_empty(text, src);
    }
    Err(TopupError::credentials(format!("{} is not configured", src.what))
        .hint(format!(
            "set {}, or a *_secret_file / *_secret_command in the config",
            src.env_var
        ))
        .into())
}

fn non_empty(text: String, src: &SecretSource<'_>) -> anyhow::Result<SecretString> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(TopupError::credentials(format!("{} is empty", src.what)).into());
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

    fn src<'a>(env: Option<&str>, file: Option<&'a Path>, command: Option<&'a str>) -> SecretSource<'a> {
        SecretSource {
            what: "the test secret",
            env_var: "TEST_SECRET",
            env_value: env.map(String::from),
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
