//! Opening the SQLite files topup keeps (the ledger, the sandbox's state) so
//! that several topups started at once (cron's `auto` beside a user's
//! `balance`) wait for each other instead of failing.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

/// How long a statement waits for another process's lock.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// Opens `path` (creating it) in WAL mode, which lets readers run beside a
/// writer, with a busy timeout.
pub fn open(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_WAIT)?;
    // Plans that do not depend on the values bound: the bundled SQLite
    // (STAT4) otherwise re-prepares a statement whenever a value bound
    // where two indexes compete changes, as every per-number query's does,
    // about a fifth of `auto`'s CPU time.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // Turning a new file's journal into WAL needs the file to itself, and
    // SQLite answers "busy" for that without waiting: wait here instead.
    let deadline = Instant::now() + BUSY_WAIT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e) if is_busy(&e) && Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            other => return other.map(|()| conn),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
    )
}
