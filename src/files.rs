//! Reading the small files a user points topup at (the config, secret
//! files): only regular files, never more than a bound, and when it is not
//! one, what it is instead. A directory, a FIFO, `/dev/zero` or a dangling
//! symlink is a mistake to name, not something to read (a FIFO would block
//! forever, `/dev/zero` would fill memory) or to take for "no file".

use std::io::Read;
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FileProblem {
    #[error("{}", crate::t!("file-missing"))]
    Missing,
    #[error("{}", crate::t!("file-dangling-link", target = .0.display().to_string()))]
    DanglingLink(PathBuf),
    /// Missing because a directory on the way is a dangling symlink (a
    /// moved dotfiles repository): not "nothing there".
    #[error("{}", crate::t!("file-below-dangling-link", link = .link.display().to_string(), target = .target.display().to_string()))]
    BelowDanglingLink { link: PathBuf, target: PathBuf },
    #[error("{}", crate::t!("file-link-loop"))]
    LinkLoop,
    /// What is there instead: `dir`, `fifo`, `socket`, `char-device`,
    /// `block-device` or `other` (the message names it).
    #[error("{}", crate::t!("file-not-regular", kind = .0.to_string()))]
    NotRegular(&'static str),
    #[error("{}", crate::t!("file-too-large", bytes = .0.to_string()))]
    TooLarge(u64),
    #[error("{}", crate::t!("file-permission-denied"))]
    PermissionDenied,
    #[error("{}", crate::t!("file-unreadable", why = .0.to_string()))]
    Io(std::io::Error),
}

impl FileProblem {
    /// Whether nothing at all is at the path, so a default may apply.
    pub fn is_missing(&self) -> bool {
        matches!(self, FileProblem::Missing)
    }

    fn from_io(e: std::io::Error) -> FileProblem {
        match e.kind() {
            std::io::ErrorKind::NotFound => FileProblem::Missing,
            std::io::ErrorKind::PermissionDenied => FileProblem::PermissionDenied,
            _ if e.raw_os_error() == Some(libc::ELOOP) => FileProblem::LinkLoop,
            _ => FileProblem::Io(e),
        }
    }
}

/// What a file type is, as `file-not-regular` names it.
fn kind_of(t: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "dir"
    } else if t.is_fifo() {
        "fifo"
    } else if t.is_socket() {
        "socket"
    } else if t.is_char_device() {
        "char-device"
    } else if t.is_block_device() {
        "block-device"
    } else {
        "other"
    }
}

/// The nearest directory above a missing `path` that is a symlink to
/// nothing, if that is why `path` is missing.
fn dangling_ancestor(path: &Path) -> Option<FileProblem> {
    for above in path.ancestors().skip(1) {
        match std::fs::symlink_metadata(above) {
            Ok(meta) if meta.file_type().is_symlink() && std::fs::metadata(above).is_err() => {
                let target = std::fs::read_link(above).unwrap_or_default();
                return Some(FileProblem::BelowDanglingLink {
                    link: above.to_path_buf(),
                    target,
                });
            }
            // An existing directory: what is missing is missing below it.
            Ok(_) => return None,
            Err(_) => continue,
        }
    }
    None
}

/// Reads `path` if it is a regular file (through symlinks) of at most
/// `max_bytes`. The type is checked on the opened file, which is opened
/// without blocking, so a FIFO or a file swapped in meanwhile is refused
/// rather than waited on or read.
pub fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>, FileProblem> {
    let link = std::fs::symlink_metadata(path).map_err(|e| match FileProblem::from_io(e) {
        FileProblem::Missing => dangling_ancestor(path).unwrap_or(FileProblem::Missing),
        other => other,
    })?;
    if link.file_type().is_symlink()
        && let Err(e) = std::fs::metadata(path)
    {
        return Err(match e.kind() {
            std::io::ErrorKind::NotFound => FileProblem::DanglingLink(std::fs::read_link(path).unwrap_or_default()),
            _ => FileProblem::from_io(e),
        });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(FileProblem::from_io)?;
    let meta = file.metadata().map_err(FileProblem::from_io)?;
    if !meta.file_type().is_file() {
        return Err(FileProblem::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > max_bytes {
        return Err(FileProblem::TooLarge(max_bytes));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow after the check: read one byte past the bound to see.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(FileProblem::from_io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(FileProblem::TooLarge(max_bytes));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_within_the_bound_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("ok"), "hello").unwrap();
        std::fs::write(d.join("big"), "x".repeat(100)).unwrap();
        std::os::unix::fs::symlink(d.join("ok"), d.join("link-ok")).unwrap();
        std::os::unix::fs::symlink(d.join("gone"), d.join("dangling")).unwrap();
        std::os::unix::fs::symlink(d.join("loop-b"), d.join("loop-a")).unwrap();
        std::os::unix::fs::symlink(d.join("loop-a"), d.join("loop-b")).unwrap();
        std::fs::create_dir(d.join("dir")).unwrap();
        let fifo = std::ffi::CString::new(d.join("fifo").into_os_string().into_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);

        assert_eq!(read_regular(&d.join("ok"), 10).unwrap(), b"hello");
        assert_eq!(read_regular(&d.join("link-ok"), 10).unwrap(), b"hello");
        let table: [(&str, &str); 7] = [
            ("missing", "does not exist"),
            ("dangling", "symbolic link to"),
            ("loop-a", "loops back"),
            ("dir", "is a directory"),
            ("fifo", "named pipe"),
            ("big", "larger than 10 bytes"),
            ("ok/below", "cannot be read"),
        ];
        for (name, says) in table {
            let e = read_regular(&d.join(name), 10).unwrap_err();
            assert!(e.to_string().contains(says), "{name}: {e}");
            assert_eq!(e.is_missing(), name == "missing", "{name}");
        }
        std::os::unix::fs::symlink(d.join("moved-away"), d.join("dotfiles")).unwrap();
        let below = read_regular(&d.join("dotfiles/topup/config.toml"), 10).unwrap_err();
        assert!(
            !below.is_missing() && below.to_string().contains("dotfiles is a symbolic link"),
            "{below}"
        );
        assert!(read_regular(&d.join("dir/nothing/here"), 10).unwrap_err().is_missing());
        let dev = read_regular(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(dev.to_string().contains("character device"), "{dev}");
    }
}
