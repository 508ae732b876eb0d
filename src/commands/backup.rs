//! `topup backup PATH`: a copy of the ledger, made with SQLite's online
//! backup API, so it is consistent even while another topup is writing.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::app::App;
use crate::error::TopupError;
use crate::ledger::Ledger;
use crate::output::Output;
use crate::t;

/// `backup`'s report.
#[derive(Serialize)]
struct Report {
    /// Where the copy is, as given (text for people; see `path_utf8`).
    path: String,
    /// False when the path is not UTF-8 and `path` shows it lossily.
    path_utf8: bool,
    orders: u64,
    bytes: u64,
    schema_version: i64,
}

pub fn run(app: &App, path: &Path) -> anyhow::Result<()> {
    // Refused before anything is read: a backup is never overwritten.
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(exists(path));
    }
    let ledger = app.state_dir.join("ledger.sqlite3");
    if !ledger.exists() {
        return Err(
            TopupError::usage(t!("backup-no-ledger", path = ledger.display().to_string()))
                .hint(t!("hint-backup-no-ledger"))
                .into(),
        );
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // Written beside the destination under a temporary name and linked into
    // place only when complete: no half-written backup at PATH, and a file
    // that appears there meanwhile is not replaced.
    let temp = tempfile::Builder::new()
        .prefix(".topup-backup-")
        .tempfile_in(&dir)
        .map_err(|e| unwritable(path, &e))?;
    let copy = Ledger::backup(&ledger, temp.path())?;
    let bytes = temp.as_file().metadata().map(|m| m.len()).unwrap_or(0);
    temp.persist_noclobber(path).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => exists(path),
        _ => unwritable(path, &e.error),
    })?;
    // The new name survives a power cut too.
    if let Ok(dir) = std::fs::File::open(&dir) {
        let _ = dir.sync_all();
    }
    let report = Report {
        path: path.to_string_lossy().into_owned(),
        path_utf8: path.to_str().is_some(),
        orders: copy.orders,
        bytes,
        schema_version: copy.schema_version,
    };
    app.out.print(false, &report, render)
}

fn exists(path: &Path) -> anyhow::Error {
    TopupError::usage(t!("backup-exists", path = path.display().to_string()))
        .hint(t!("hint-backup-exists"))
        .into()
}

fn unwritable(path: &Path, e: &std::io::Error) -> anyhow::Error {
    // The system's words, without the temporary file's name.
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => t!("backup-why-no-folder"),
        std::io::ErrorKind::PermissionDenied => t!("backup-why-permission"),
        _ => e.raw_os_error().map_or_else(
            || e.kind().to_string(),
            |code| std::io::Error::from_raw_os_error(code).to_string(),
        ),
    };
    TopupError::usage(t!("backup-unwritable", path = path.display().to_string(), why = why))
        .hint(t!("hint-backup-unwritable"))
        .into()
}

fn render(report: &Report, out: &Output) {
    out.line(t!(
        "backup-done",
        path = report.path.as_str(),
        orders = report.orders,
        kib = report.bytes.div_ceil(1024)
    ));
    out.line(t!("backup-restore"));
}
