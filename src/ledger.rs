//! The SQLite ledger: every order, every state change, with migrations.
//!
//! Money safety lives here as much as in `flow`: an order is inserted (with
//! its idempotency key = its id) in its own transaction before any payment
//! call, caps are checked in that same transaction, and a state change only
//! happens from a state the state machine allows (checked in SQL, so two
//! processes cannot both move one order).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::domain::timefmt::month_key;
use crate::domain::{Baseline, Clp, Msisdn, Operator, Order, OrderId, OrderStatus, PayMethod, PlanId, Promotion, Via};
use crate::policy::{self, Caps, Trigger};

mod writer;
pub use writer::LedgerWriter;

/// Schema migrations, applied in order; `PRAGMA user_version` counts them.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE orders (
    id            TEXT PRIMARY KEY NOT NULL,        -- UUID v7, also the idempotency key
    line          TEXT NOT NULL,
    msisdn        TEXT NOT NULL,
    operator      TEXT NOT NULL,
    plan_id       TEXT NOT NULL,
    plan_name     TEXT,
    data_bytes    INTEGER,
    validity_days INTEGER,
    amount_clp    INTEGER NOT NULL CHECK (amount_clp > 0),
    pay           TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('intent','submitted','confirmed','failed','unknown')),
    gateway_ref   TEXT,
    error         TEXT,
    month         TEXT NOT NULL,                    -- YYYY-MM in America/Santiago, for totals and caps
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX orders_line_created ON orders (line, created_at);
CREATE INDEX orders_month ON orders (month, line);
CREATE INDEX orders_status ON orders (status);
CREATE TABLE order_events (
    order_id    TEXT NOT NULL REFERENCES orders (id),
    at          TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    detail      TEXT
) STRICT;
CREATE INDEX order_events_order ON order_events (order_id);
"#,
    r#"
-- What the line looked like before a saldo purchase, so reconcile can tell
-- whether the purchase happened (JSON: saldo_clp, data_left_bytes, expires_at).
ALTER TABLE orders ADD COLUMN baseline TEXT;
"#,
    r#"
-- A line's orders are found by its phone number: money safety follows the
-- number, whatever the line is called in the config.
CREATE INDEX orders_msisdn_created ON orders (msisdn, created_at);
-- History lists orders newest first straight from this index, without
-- sorting the table.
CREATE INDEX orders_created ON orders (created_at);
"#,
    r#"
-- Alerts of `action = "notify"` policies, once per crossing: for each number
-- and kind of trigger (`threshold`, `keep_alive`), when the last alert was
-- sent and when its crossing ended (the line seen above its threshold);
-- NULL while it stands. Keyed by number, like orders.
CREATE TABLE alerts (
    msisdn     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    alerted_at TEXT NOT NULL,
    cleared_at TEXT,
    PRIMARY KEY (msisdn, kind)
) STRICT;
-- Promotions `[auto] watch_promotions` has alerted, by the channel that
-- listed them (`sandbox`, `reloadly`) and its id: each is told once.
CREATE TABLE promotions_alerted (
    source       TEXT NOT NULL,
    promotion_id TEXT NOT NULL,
    operator     TEXT NOT NULL,
    title        TEXT NOT NULL,
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    alerted_at   TEXT NOT NULL,
    PRIMARY KEY (source, promotion_id)
) STRICT;
"#,
    r#"
-- Where a purchase recorded with `topup record` (pay = 'record') was made:
-- store, app, web or gift; NULL for the orders topup paid.
ALTER TABLE orders ADD COLUMN via TEXT;
"#,
    r#"
-- What counts against the monthly caps (every order not failed), kept as
-- running totals per Santiago month and number, and for all numbers under
-- msisdn '': a cap check reads two rows instead of summing the month's
-- orders (which made a fleet's run quadratic). Triggers keep them in the
-- transaction that changes an order, whatever changes it.
CREATE TABLE month_spent (
    month      TEXT NOT NULL,
    msisdn     TEXT NOT NULL,
    amount_clp INTEGER NOT NULL,
    PRIMARY KEY (month, msisdn)
) STRICT, WITHOUT ROWID;
INSERT INTO month_spent (month, msisdn, amount_clp)
    SELECT month, msisdn, SUM(amount_clp) FROM orders WHERE status != 'failed' GROUP BY month, msisdn
    UNION ALL
    SELECT month, '', SUM(amount_clp) FROM orders WHERE status != 'failed' GROUP BY month;
CREATE TRIGGER month_spent_insert AFTER INSERT ON orders WHEN NEW.status != 'failed' BEGIN
    INSERT INTO month_spent (month, msisdn, amount_clp)
        VALUES (NEW.month, NEW.msisdn, NEW.amount_clp), (NEW.month, '', NEW.amount_clp)
        ON CONFLICT (month, msisdn) DO UPDATE SET amount_clp = amount_clp + excluded.amount_clp;
END;
CREATE TRIGGER month_spent_update AFTER UPDATE OF status, month, msisdn, amount_clp ON orders BEGIN
    UPDATE month_spent SET amount_clp = amount_clp - OLD.amount_clp
        WHERE OLD.status != 'failed' AND month = OLD.month AND msisdn IN (OLD.msisdn, '');
    INSERT INTO month_spent (month, msisdn, amount_clp)
        SELECT NEW.month, m, NEW.amount_clp FROM (SELECT NEW.msisdn AS m UNION ALL SELECT '')
        WHERE NEW.status != 'failed'
        ON CONFLICT (month, msisdn) DO UPDATE SET amount_clp = amount_clp + excluded.amount_clp;
END;
CREATE TRIGGER month_spent_delete AFTER DELETE ON orders WHEN OLD.status != 'failed' BEGIN
    UPDATE month_spent SET amount_clp = amount_clp - OLD.amount_clp
        WHERE month = OLD.month AND msisdn IN (OLD.msisdn, '');
END;
"#,
    // 7: whether any order was paid a given way (history's sandbox banner)
    // is answered from an index, not a scan of every order: `history` on a
    // ledger of a million orders shows its first screen at once.
    "CREATE INDEX orders_pay ON orders (pay);",
];

/// What can go wrong in the ledger; `error.rs` says what each means for
/// the user (exit code, hint).
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    /// A monthly cap would be exceeded: checked in the transaction that
    /// would write the order, so concurrent renewals cannot overshoot.
    #[error(transparent)]
    CapExceeded(policy::CapExceeded),
    /// A file at the ledger's path that topup did not write: refused whole,
    /// never added to.
    #[error("{}", crate::t!("ledger-not-ours", path = .path.display().to_string(), why = .why.as_str()))]
    NotALedger { path: PathBuf, why: String },
    #[error("{}", crate::t!(
        "ledger-newer",
        path = .path.display().to_string(),
        found = *.found,
        known = *.known
    ))]
    Newer { path: PathBuf, found: usize, known: usize },
    #[error("{}", crate::t!("ledger-opening", path = .path.display().to_string(), problem = .source.to_string()))]
    Open { path: PathBuf, source: rusqlite::Error },
    /// A row something other than topup changed so that it does not read.
    #[error("{}", crate::t!("ledger-damaged", order = .order.as_str(), why = .why.as_str()))]
    Damaged { order: String, why: String },
    #[error("{}", crate::t!("ledger-missing", order = .0.to_string()))]
    Missing(OrderId),
    /// The writer thread is gone (it panicked): the write was not made.
    #[error("{}", crate::t!("ledger-writer-stopped"))]
    WriterStopped,
    /// A backup's copy did not pass SQLite's `quick_check` (its words).
    #[error("{}", crate::t!("ledger-backup-check", detail = .0.as_str()))]
    BackupCheck(String),
    #[error("{}", crate::t!("ledger-illegal-move", order = .id.to_string(), from = .from.to_string(), to = .to.to_string()))]
    IllegalMove {
        id: OrderId,
        from: OrderStatus,
        to: OrderStatus,
    },
    /// The same purchase recorded twice (`topup record` run again).
    #[error("{}", crate::t!(
        "record-duplicate",
        order = .id.to_string(),
        plan = .plan.as_str(),
        at = crate::output::show_time(*.at)
    ))]
    DuplicateRecord { id: OrderId, plan: PlanId, at: Timestamp },
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

type Result<T, E = LedgerError> = std::result::Result<T, E>;

/// The columns of `orders`, as the migrations create them: a file whose
/// `orders` lacks one is not a topup ledger.
const SCHEMA_COLUMNS: &str = "id line msisdn operator plan_id plan_name data_bytes validity_days amount_clp pay status gateway_ref error month created_at updated_at baseline via";

pub struct Ledger {
    conn: Connection,
}

/// What is known about a plan when its order is written; kept with the order
/// so the ledger can estimate a line's state later.
#[derive(Debug, Clone)]
pub struct NewOrder {
    pub line: String,
    pub msisdn: Msisdn,
    pub operator: Operator,
    pub plan_id: PlanId,
    pub plan_name: String,
    pub data_bytes: Option<u64>,
    pub validity_days: Option<u32>,
    pub amount: Clp,
    pub pay: PayMethod,
    /// The line before the purchase, when its channel recognises a purchase
    /// by comparing readings (saldo over USSD).
    pub baseline: Option<Baseline>,
}

#[derive(Debug, Clone, Default)]
pub struct OrderFilter {
    pub line: Option<String>,
    pub month: Option<String>,
    pub since: Option<Timestamp>,
}

/// What `Ledger::backup_to` copied.
#[derive(Debug, Clone, Copy)]
pub struct BackupCopy {
    pub orders: u64,
    pub schema_version: i64,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MonthTotal {
    pub month: String,
    pub line: String,
    pub amount_clp: Clp,
    pub count: u64,
}

/// One order as the ledger stores it, borrowed from its row.
#[derive(Debug, Clone, Copy)]
struct StoredOrder<'r> {
    id: &'r str,
    line: &'r str,
    msisdn: &'r str,
    operator: &'r str,
    plan_id: &'r str,
    amount_clp: i64,
    pay: &'r str,
    status: &'r str,
    gateway_ref: Option<&'r str>,
    created_at: &'r str,
    updated_at: &'r str,
    error: Option<&'r str>,
    via: Option<&'r str>,
}

impl StoredOrder<'_> {
    /// The order, checked; a row that does not parse (a hand-edited ledger)
    /// is an error naming it, not a panic. `numbers` remembers the numbers
    /// already checked: a ledger holds many orders per number.
    fn to_order(self, numbers: &mut std::collections::HashMap<String, Msisdn>) -> Result<Order> {
        let mut parse = || -> Result<Order, Box<dyn std::error::Error>> {
            let msisdn = match numbers.get(self.msisdn) {
                Some(known) => known.clone(),
                None => {
                    let parsed: Msisdn = self.msisdn.parse()?;
                    numbers.insert(self.msisdn.to_string(), parsed.clone());
                    parsed
                }
            };
            Ok(Order {
                id: self.id.parse()?,
                line: self.line.to_string(),
                msisdn,
                operator: self.operator.parse()?,
                plan_id: self.plan_id.parse()?,
                amount: Clp(self.amount_clp),
                pay: self.pay.parse()?,
                status: self.status.parse()?,
                gateway_ref: self.gateway_ref.map(str::to_string),
                created_at: self.created_at.parse().map_err(|e| format!("created_at: {e}"))?,
                updated_at: self.updated_at.parse().map_err(|e| format!("updated_at: {e}"))?,
                error: self.error.map(str::to_string),
                via: self.via.map(str::parse).transpose().map_err(|e| format!("via: {e}"))?,
            })
        };
        parse().map_err(|e| damaged(self.id, e))
    }
}

/// `file:PATH?immutable=1`, the path's bytes percent-encoded as URIs need.
fn immutable_uri(path: &Path) -> PathBuf {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    PathBuf::from(uri + "?immutable=1")
}

/// A row that does not read: which order, and what is wrong with it.
fn damaged(order: impl ToString, why: impl std::fmt::Display) -> LedgerError {
    LedgerError::Damaged {
        order: order.to_string(),
        why: why.to_string(),
    }
}

/// The last confirmed purchase of a line, for estimates.
#[derive(Debug, Clone)]
pub struct Purchase {
    pub order: Order,
    pub plan_name: Option<String>,
    pub data_bytes: Option<u64>,
    pub validity_days: Option<u32>,
}

impl Ledger {
    pub fn open(path: &Path) -> Result<Ledger> {
        let at = |source| LedgerError::Open {
            path: path.to_path_buf(),
            source,
        };
        let conn = crate::sqlite::open(path).map_err(at)?;
        // Room for every statement the ledger runs, so none is parsed twice.
        conn.set_prepared_statement_cache_capacity(32);
        // FULL makes every committed state change survive a power cut.
        conn.pragma_update(None, "synchronous", "FULL").map_err(at)?;
        conn.pragma_update(None, "foreign_keys", "ON").map_err(at)?;
        let ledger = Ledger { conn };
        ledger.migrate(path)?;
        Ok(ledger)
    }

    /// An existing ledger, for reading only (shell completion): nothing is
    /// created, migrated or switched to WAL, and a busy ledger is not waited for.
    pub fn open_read_only(path: &Path) -> Result<Ledger> {
        use rusqlite::OpenFlags as F;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        // Without a write-ahead log beside it (no topup at work) the file holds
        // every order; read as immutable, SQLite leaves no -wal/-shm behind.
        let (target, flags) = if Path::new(&wal).exists() {
            (path.to_path_buf(), F::SQLITE_OPEN_READ_ONLY)
        } else {
            (immutable_uri(path), F::SQLITE_OPEN_READ_ONLY | F::SQLITE_OPEN_URI)
        };
        let conn = Connection::open_with_flags(target, flags | F::SQLITE_OPEN_NO_MUTEX).map_err(|source| {
            LedgerError::Open {
                path: path.to_path_buf(),
                source,
            }
        })?;
        Ok(Ledger { conn })
    }

    /// Brings the schema up to date. The version is read inside an
    /// IMMEDIATE transaction, so two processes opening a fresh ledger at
    /// once (two cron runs) cannot both apply the same migration.
    fn migrate(&self, path: &Path) -> Result<()> {
        let not_a_ledger = |why: String| LedgerError::NotALedger {
            path: path.to_path_buf(),
            why,
        };
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len();
        let version = match usize::try_from(version) {
            Ok(v) if v <= known => v,
            Ok(found) => {
                return Err(LedgerError::Newer {
                    path: path.to_path_buf(),
                    found,
                    known,
                });
            }
            Err(_) => return Err(not_a_ledger(format!("its schema version is {version}"))),
        };
        // A new ledger is an empty file: tables someone else made (an
        // `orders` of their own) are not ours to add to.
        let tables: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |r| r.get(0),
        )?;
        if version == 0 && tables > 0 {
            return Err(not_a_ledger("it already holds tables that topup did not create".into()));
        }
        // An orders table with columns topup did not make is not ours, and
        // is said so when a migration that reads it fails or after them all.
        let foreign_columns = || -> Result<Option<LedgerError>> {
            let columns: std::collections::HashSet<String> = tx
                .prepare("SELECT name FROM pragma_table_info('orders')")?
                .query_map([], |r| r.get(0))?
                .collect::<std::result::Result<_, _>>()?;
            Ok(SCHEMA_COLUMNS
                .split(' ')
                .find(|c| !columns.contains(*c))
                .map(|missing| not_a_ledger(format!("its orders table has no `{missing}` column"))))
        };
        for sql in MIGRATIONS.iter().skip(version) {
            if let Err(e) = tx.execute_batch(sql) {
                return Err(foreign_columns()?.unwrap_or(LedgerError::Sqlite(e)));
            }
        }
        if let Some(foreign) = foreign_columns()? {
            return Err(foreign);
        }
        tx.pragma_update(None, "user_version", known as i64)?;
        tx.commit()?;
        Ok(())
    }

    /// Writes a new order as `intent`, in its own transaction, after checking
    /// the caps against everything that counts in this calendar month
    /// (Santiago). Refuses with exit 6 when a cap would be exceeded.
    pub fn insert_intent(&self, new: &NewOrder, caps: Caps, now: Timestamp) -> Result<Order> {
        self.in_transaction(|tx| write_intent(tx, new, caps, now))
    }

    /// Writes a purchase made elsewhere (`topup record`) as `confirmed`, in
    /// its own transaction (see [`write_record`]).
    pub fn insert_record(&self, new: &NewOrder, via: Option<Via>, at: Timestamp, now: Timestamp) -> Result<Order> {
        self.in_transaction(|tx| write_record(tx, new, via, at, now))
    }

    /// Moves an order to `to`, in its own transaction (see [`write_transition`]).
    pub fn transition(
        &self,
        id: OrderId,
        to: OrderStatus,
        gateway_ref: Option<&str>,
        error: Option<&str>,
        now: Timestamp,
    ) -> Result<Order> {
        self.in_transaction(|tx| write_transition(tx, id, to, gateway_ref, error, now))
    }

    /// Stores the gateway's reference on an order without moving it (a payment
    /// still processing: reconcile will need the reference).
    pub fn set_gateway_ref(&self, id: OrderId, gateway_ref: &str, now: Timestamp) -> Result<Order> {
        self.in_transaction(|tx| write_gateway_ref(tx, id, gateway_ref, now))
    }

    /// Runs `write` in an IMMEDIATE transaction and commits it: with
    /// `synchronous=FULL`, durable when this returns.
    fn in_transaction<T>(&self, write: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let written = write(&tx)?;
        tx.commit()?;
        Ok(written)
    }

    /// What was kept of the line with the order (see `NewOrder::baseline`).
    pub fn baseline(&self, id: OrderId) -> Result<Option<Baseline>> {
        let stored: Option<Option<String>> = self
            .conn
            .query_row("SELECT baseline FROM orders WHERE id = ?1", [id.to_string()], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(text) = stored.flatten() else {
            return Ok(None);
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| damaged(id, format!("baseline: {e}")))
    }

    pub fn get(&self, id: OrderId) -> Result<Option<Order>> {
        order_by_id(&self.conn, id)
    }

    /// Every order of `filter`, newest first (by `created_at` as stored,
    /// then latest written), checked, one at a time: a long history is never
    /// held whole. A row that does not read (a hand-edited ledger) stops the
    /// listing with an error naming the order.
    pub fn each_order(
        &self,
        filter: &OrderFilter,
        mut each: impl FnMut(Order) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders
             WHERE (?1 IS NULL OR line = ?1) AND (?2 IS NULL OR month = ?2) AND (?3 IS NULL OR created_at >= ?3)
             ORDER BY created_at DESC, rowid DESC"
        ))?;
        let since = filter.since.map(|t| t.to_string());
        let mut rows = stmt.query(params![filter.line, filter.month, since])?;
        // A ledger holds many orders per number: each is checked once.
        let mut numbers = std::collections::HashMap::new();
        while let Some(row) = rows.next()? {
            each(stored_order(row)?.to_order(&mut numbers)?)?;
        }
        Ok(())
    }

    /// Orders, newest first: by `created_at` as stored, then latest written.
    pub fn orders(&self, filter: &OrderFilter) -> anyhow::Result<Vec<Order>> {
        let mut orders = Vec::new();
        self.each_order(filter, |order| {
            orders.push(order);
            Ok(())
        })?;
        Ok(orders)
    }

    /// Confirmed spend per month (Santiago) and line, newest month first.
    /// Copies the ledger at `path` into `dest`, a new empty file, with
    /// SQLite's online backup API: a consistent copy even while another
    /// topup writes (a reader beside the writer, in WAL mode; the copy starts
    /// again if the ledger changes under it). The ledger is copied as it is,
    /// not migrated. The copy is a single file (no write-ahead log) and is
    /// checked before it is reported.
    pub fn backup(path: &Path, dest: &Path) -> Result<BackupCopy> {
        let ledger = crate::sqlite::open(path).map_err(|source| LedgerError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut copy = Connection::open(dest)?;
        // 1,024 pages (4 MB) a step; while a writer holds the file, wait a
        // little between tries rather than spin.
        rusqlite::backup::Backup::new(&ledger, &mut copy)?.run_to_completion(
            1024,
            std::time::Duration::from_millis(20),
            None,
        )?;
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        let check: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(LedgerError::BackupCheck(check));
        }
        let orders: i64 = copy.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?;
        let schema_version: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0))?;
        copy.close().map_err(|(_, e)| e)?;
        Ok(BackupCopy {
            orders: orders.try_into().unwrap_or(0),
            schema_version,
        })
    }

    /// Whether any order `filter` lists was paid with `pay`.
    pub fn any_paid_with(&self, filter: &OrderFilter, pay: PayMethod) -> Result<bool> {
        let since = filter.since.map(|t| t.to_string());
        Ok(self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM orders
             WHERE pay = ?4 AND (?1 IS NULL OR line = ?1) AND (?2 IS NULL OR month = ?2) AND (?3 IS NULL OR created_at >= ?3))",
        )?
        .query_row(params![filter.line, filter.month, since, pay.as_str()], |r| r.get(0))?)
    }

    pub fn totals(&self, filter: &OrderFilter) -> Result<Vec<MonthTotal>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, line, SUM(amount_clp), COUNT(*) FROM orders
             WHERE status = 'confirmed' AND (?1 IS NULL OR line = ?1) AND (?2 IS NULL OR month = ?2)
               AND (?3 IS NULL OR created_at >= ?3)
             GROUP BY month, line ORDER BY month DESC, line",
        )?;
        let since = filter.since.map(|t| t.to_string());
        let rows = stmt.query_map(params![filter.line, filter.month, since], |r| {
            Ok(MonthTotal {
                month: r.get(0)?,
                line: r.get(1)?,
                amount_clp: Clp(r.get(2)?),
                count: r.get::<_, i64>(3)?.try_into().unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Orders whose outcome is not settled: `submitted`, `unknown`, and
    /// `intent` left behind by a process that died before sending.
    /// `line` is a phone number: a line renamed in the config keeps its
    /// orders.
    pub fn unsettled(&self, line: Option<&Msisdn>) -> Result<Vec<Order>> {
        // A number's own query walks its orders by index; `?1 IS NULL OR
        // msisdn = ?1` could not, and read every unsettled order of the
        // fleet for each line that `auto` renews.
        let by_number = match line {
            Some(_) => "msisdn = ?1 AND",
            None => "",
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders
             WHERE {by_number} status IN ('intent', 'submitted', 'unknown')
             ORDER BY created_at, rowid"
        ))?;
        let rows = match line {
            Some(number) => stmt.query_map([number.e164()], row_to_order)?,
            None => stmt.query_map([], row_to_order)?,
        };
        rows.map(|row| row?).collect()
    }

    /// What counts against the caps in the month holding `now`: this line's
    /// and all lines'.
    pub fn spent(&self, now: Timestamp, line: &Msisdn) -> Result<policy::MonthSpent> {
        Ok(policy::MonthSpent {
            line: self.month_spent(now, Some(line))?,
            all: self.month_spent(now, None)?,
        })
    }

    /// Pesos spent or pending (anything not failed) in the month holding `now`.
    pub fn month_spent(&self, now: Timestamp, line: Option<&Msisdn>) -> Result<Clp> {
        Ok(month_spent_in(&self.conn, &month_key(now), line)?)
    }

    /// When the line last had an order that was not a failure.
    pub fn last_renewal_at(&self, line: &Msisdn) -> Result<Option<Timestamp>> {
        self.latest_created(line, "status != 'failed'")
    }

    /// When the number's latest order with `condition` (SQL on `status`,
    /// ours, never a person's text) was made.
    fn latest_created(&self, line: &Msisdn, condition: &str) -> Result<Option<Timestamp>> {
        let at: Option<String> = self
            .conn
            .prepare_cached(&latest_created_sql(condition))?
            .query_row([line.e164()], |r| r.get(0))
            .optional()?;
        at.map(|a| {
            a.parse()
                .map_err(|e| damaged(format!("of {line}"), format!("created_at: {e}")))
        })
        .transpose()
    }

    /// When the number's latest confirmed order was made (any way of
    /// paying): what `keep_alive` counts from.
    pub fn last_confirmed_at(&self, line: &Msisdn) -> Result<Option<Timestamp>> {
        self.latest_created(line, "status = 'confirmed'")
    }

    /// The number's alerts that still stand (their crossing not seen to
    /// end), by kind: when each was sent. Kinds this topup does not know
    /// (written by a newer one) are left out.
    pub fn standing_alerts(&self, line: &Msisdn) -> Result<BTreeMap<Trigger, Timestamp>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT kind, alerted_at FROM alerts WHERE msisdn = ?1 AND cleared_at IS NULL")?;
        let rows = stmt.query_map([line.e164()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut standing = BTreeMap::new();
        for row in rows {
            let (kind, at) = row?;
            let Ok(kind) = kind.parse::<Trigger>() else { continue };
            let at = at
                .parse()
                .map_err(|e| damaged(format!("alert {kind} of {line}"), format!("alerted_at: {e}")))?;
            standing.insert(kind, at);
        }
        Ok(standing)
    }

    /// An alert of `kind` was sent for the number at `now`: it stands until
    /// `clear_alert`.
    pub fn record_alert(&self, line: &Msisdn, kind: Trigger, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO alerts (msisdn, kind, alerted_at, cleared_at) VALUES (?1, ?2, ?3, NULL)
                 ON CONFLICT (msisdn, kind) DO UPDATE SET alerted_at = ?3, cleared_at = NULL",
            )?
            .execute(params![line.e164(), kind.as_str(), now.to_string()])?;
        Ok(())
    }

    /// The crossing of the number's standing alert of `kind` ended at `now`
    /// (the line was seen above its threshold): the next one alerts again.
    pub fn clear_alert(&self, line: &Msisdn, kind: Trigger, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE alerts SET cleared_at = ?3 WHERE msisdn = ?1 AND kind = ?2 AND cleared_at IS NULL")?
            .execute(params![line.e164(), kind.as_str(), now.to_string()])?;
        Ok(())
    }

    /// Whether the promotion `id` listed by `source` was alerted before.
    pub fn promotion_alerted(&self, source: &str, id: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM promotions_alerted WHERE source = ?1 AND promotion_id = ?2")?
            .query_row([source, id], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }

    /// The promotion was alerted at `now`: it is not told again.
    pub fn record_promotion(&self, promotion: &Promotion, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO promotions_alerted
                     (source, promotion_id, operator, title, starts_at, ends_at, alerted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                promotion.source.as_str(),
                promotion.id,
                promotion.operator.as_str(),
                promotion.title,
                promotion.starts_at.to_string(),
                promotion.ends_at.to_string(),
                now.to_string(),
            ])?;
        Ok(())
    }

    /// `id` as people see it, like git's short hashes: the shortest prefix
    /// of at least 8 characters that no other order in the ledger shares.
    pub fn short_id(&self, id: OrderId) -> Result<String> {
        let full = id.to_string();
        let mut shared = 0;
        for sql in [
            "SELECT id FROM orders WHERE id < ?1 ORDER BY id DESC LIMIT 1",
            "SELECT id FROM orders WHERE id > ?1 ORDER BY id LIMIT 1",
        ] {
            let neighbour: Option<String> = self
                .conn
                .prepare_cached(sql)?
                .query_row([&full], |r| r.get(0))
                .optional()?;
            let common = neighbour.map_or(0, |n| full.bytes().zip(n.bytes()).take_while(|(a, b)| a == b).count());
            shared = shared.max(common);
        }
        // A prefix never ends at a dash: it would read as a cut-off.
        let mut len = (shared + 1).max(8).min(full.len());
        if full[..len].ends_with('-') {
            len += 1;
        }
        Ok(full[..len].to_string())
    }

    /// The orders whose id starts with `prefix` (at most two: one is an
    /// answer, two say the prefix is ambiguous).
    pub fn ids_starting_with(&self, prefix: &str) -> Result<Vec<OrderId>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM orders WHERE id >= ?1 ORDER BY id LIMIT 2")?;
        let ids = stmt.query_map([prefix], |r| r.get::<_, String>(0))?;
        let mut found = Vec::new();
        for id in ids {
            let id = id?;
            if id.starts_with(prefix) {
                found.push(
                    id.parse()
                        .map_err(|e: crate::domain::order::OrderIdError| damaged(&id, e))?,
                );
            }
        }
        Ok(found)
    }

    /// The line's latest confirmed order of `plan` that topup paid, by when
    /// it was confirmed (an order settled long after it was sent counts from
    /// its settling). A purchase recorded from elsewhere is not a retry of
    /// topup's own payment, so it is not one.
    pub fn last_confirmed(&self, line: &Msisdn, plan: &PlanId) -> Result<Option<Order>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE msisdn = ?1 AND plan_id = ?2 AND status = 'confirmed'
               AND pay != 'record'
             ORDER BY updated_at DESC, rowid DESC LIMIT 1"
        ))?;
        let row = stmt
            .query_row(params![line.e164(), plan.as_str()], row_to_order)
            .optional()?;
        row.transpose()
    }

    /// The line's most recent confirmed purchase.
    pub fn last_purchase(&self, line: &Msisdn) -> Result<Option<Purchase>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ORDER_COLUMNS}, plan_name, data_bytes, validity_days FROM orders
             WHERE msisdn = ?1 AND status = 'confirmed' ORDER BY created_at DESC, rowid DESC LIMIT 1"
        ))?;
        let row = stmt
            .query_row([line.e164()], |r| {
                let order = row_to_order(r)?;
                let (plan_name, data, validity_days) = (r.get(14)?, r.get::<_, Option<i64>>(15)?, r.get(16)?);
                Ok(order.map(|order| Purchase {
                    order,
                    plan_name,
                    data_bytes: data.and_then(|d| u64::try_from(d).ok()),
                    validity_days,
                }))
            })
            .optional()?;
        row.transpose()
    }

    /// Number of orders, for tests and benchmarks.
    pub fn count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?;
        Ok(n.try_into().unwrap_or(0))
    }
}

/// Writes a new order as `intent` after checking the caps against
/// everything that counts in this calendar month (Santiago), inside the
/// caller's transaction. Refuses with exit 6 when a cap would be exceeded.
fn write_intent(tx: &Connection, new: &NewOrder, caps: Caps, now: Timestamp) -> Result<Order> {
    let month = month_key(now);
    let spent = policy::MonthSpent {
        line: month_spent_in(tx, &month, Some(&new.msisdn))?,
        all: month_spent_in(tx, &month, None)?,
    };
    let payment = policy::CapCheck {
        line: &new.line,
        plan: &new.plan_id,
        price: new.amount,
        month: &month,
    };
    if let Some(exceeded) = policy::cap_exceeded(&payment, caps, spent) {
        return Err(LedgerError::CapExceeded(exceeded));
    }
    let id = OrderId::new();
    let at = now.to_string();
    // A baseline is a few numbers: serialising it cannot fail.
    let baseline = new.baseline.as_ref().and_then(|b| serde_json::to_string(b).ok());
    tx.prepare_cached(
        "INSERT INTO orders (id, line, msisdn, operator, plan_id, plan_name, data_bytes, validity_days,
                             amount_clp, pay, status, month, created_at, updated_at, baseline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'intent', ?11, ?12, ?12, ?13)",
    )?
    .execute(params![
        id.to_string(),
        new.line,
        new.msisdn.e164(),
        new.operator.as_str(),
        new.plan_id.as_str(),
        new.plan_name,
        new.data_bytes.map(|b| i64::try_from(b).unwrap_or(i64::MAX)),
        new.validity_days,
        new.amount.pesos(),
        new.pay.as_str(),
        month,
        at,
        baseline,
    ])?;
    tx.prepare_cached(
        "INSERT INTO order_events (order_id, at, from_status, to_status) VALUES (?1, ?2, NULL, 'intent')",
    )?
    .execute(params![id.to_string(), at])?;
    order_in(tx, id)
}

/// Writes a purchase made elsewhere (`topup record`) as `confirmed`, with
/// one event. It was paid before topup heard
/// of it, so it enters the state machine at its end and is never sent
/// anywhere. `at` is when it was bought: the order's `created_at` and
/// month (its totals, the caps it counts in, the plan's end). Caps are
/// not checked: the money is spent, and refusing would only leave the
/// ledger short. The same purchase (plan, amount, data, days and `via`)
/// recorded within a minute of `at` is refused: the command run twice.
fn write_record(tx: &Connection, new: &NewOrder, via: Option<Via>, at: Timestamp, now: Timestamp) -> Result<Order> {
    const SAME_PURCHASE: jiff::SignedDuration = jiff::SignedDuration::from_secs(60);
    let data_bytes = new.data_bytes.map(|b| i64::try_from(b).unwrap_or(i64::MAX));
    let via_text = via.map(Via::as_str);
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, created_at FROM orders
             WHERE msisdn = ?1 AND pay = 'record' AND plan_id = ?2 AND amount_clp = ?3
               AND via IS ?4 AND data_bytes IS ?5 AND validity_days IS ?6",
        )?;
        let rows = stmt.query_map(
            params![
                new.msisdn.e164(),
                new.plan_id.as_str(),
                new.amount.pesos(),
                via_text,
                data_bytes,
                new.validity_days
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        for row in rows {
            let (id, created) = row?;
            let created: Timestamp = created.parse().map_err(|e| damaged(&id, format!("created_at: {e}")))?;
            if created.duration_since(at).abs() < SAME_PURCHASE {
                return Err(LedgerError::DuplicateRecord {
                    id: id
                        .parse()
                        .map_err(|e: crate::domain::order::OrderIdError| damaged(&id, e))?,
                    plan: new.plan_id.clone(),
                    at: created,
                });
            }
        }
    }
    let id = OrderId::new();
    let (bought, written) = (at.to_string(), now.to_string());
    tx.prepare_cached(
        "INSERT INTO orders (id, line, msisdn, operator, plan_id, plan_name, data_bytes, validity_days,
                             amount_clp, pay, status, month, created_at, updated_at, via)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'record', 'confirmed', ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id.to_string(),
        new.line,
        new.msisdn.e164(),
        new.operator.as_str(),
        new.plan_id.as_str(),
        new.plan_name,
        data_bytes,
        new.validity_days,
        new.amount.pesos(),
        month_key(at),
        bought,
        written,
        via_text,
    ])?;
    let detail = match via {
        Some(via) => format!("recorded: bought elsewhere ({via})"),
        None => "recorded: bought elsewhere".to_string(),
    };
    tx.prepare_cached(
        "INSERT INTO order_events (order_id, at, from_status, to_status, detail)
         VALUES (?1, ?2, NULL, 'confirmed', ?3)",
    )?
    .execute(params![id.to_string(), written, detail])?;
    order_in(tx, id)
}

/// Moves an order to `to`, only from a state the state machine allows.
/// `gateway_ref` and `error` replace the stored ones when given.
fn write_transition(
    tx: &Connection,
    id: OrderId,
    to: OrderStatus,
    gateway_ref: Option<&str>,
    error: Option<&str>,
    now: Timestamp,
) -> Result<Order> {
    let current: Option<String> = tx
        .prepare_cached("SELECT status FROM orders WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    let current = current.ok_or(LedgerError::Missing(id))?;
    let current: OrderStatus = current.parse().map_err(|e| damaged(id, e))?;
    if !current.can_move_to(to) {
        return Err(LedgerError::IllegalMove { id, from: current, to });
    }
    let at = now.to_string();
    tx.prepare_cached(
        "UPDATE orders SET status = ?2, gateway_ref = COALESCE(?3, gateway_ref), error = ?4, updated_at = ?5
         WHERE id = ?1 AND status = ?6",
    )?
    .execute(params![
        id.to_string(),
        to.as_str(),
        gateway_ref,
        error,
        at,
        current.as_str()
    ])?;
    tx.prepare_cached(
        "INSERT INTO order_events (order_id, at, from_status, to_status, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id.to_string(),
        at,
        current.as_str(),
        to.as_str(),
        error.or(gateway_ref)
    ])?;
    order_in(tx, id)
}

/// Stores the gateway's reference on an order without moving it (a payment
/// still processing: reconcile will need the reference).
fn write_gateway_ref(tx: &Connection, id: OrderId, gateway_ref: &str, now: Timestamp) -> Result<Order> {
    tx.execute(
        "UPDATE orders SET gateway_ref = ?2, updated_at = ?3 WHERE id = ?1",
        params![id.to_string(), gateway_ref, now.to_string()],
    )?;
    order_in(tx, id)
}

fn order_by_id(conn: &Connection, id: OrderId) -> Result<Option<Order>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = ?1"))?;
    let row = stmt.query_row([id.to_string()], row_to_order).optional()?;
    row.transpose()
}

/// The order `id` just written, as the writing transaction sees it.
fn order_in(tx: &Connection, id: OrderId) -> Result<Order> {
    order_by_id(tx, id)?.ok_or(LedgerError::Missing(id))
}

/// The query for the number's latest order meeting `condition`.
fn latest_created_sql(condition: &str) -> String {
    format!(
        "SELECT created_at FROM orders WHERE msisdn = ?1 AND {condition}
         ORDER BY created_at DESC, rowid DESC LIMIT 1"
    )
}

/// Pesos spent or pending (anything not failed) in `month`, by one line or
/// all: `intent` counts, so two renewals in flight cannot both fit a cap.
/// Read from the running totals the triggers keep (`month_spent`).
fn month_spent_in(conn: &Connection, month: &str, line: Option<&Msisdn>) -> rusqlite::Result<Clp> {
    conn.prepare_cached("SELECT amount_clp FROM month_spent WHERE month = ?1 AND msisdn = ?2")?
        .query_row(params![month, line.map_or(String::new(), Msisdn::e164)], |r| {
            r.get(0).map(Clp)
        })
        .optional()
        .map(|spent| spent.unwrap_or(Clp(0)))
}

/// What every order query selects; queries that need more add columns after
/// these (from index 14: `month` is 12, `via` 13).
const ORDER_COLUMNS: &str = "id, line, msisdn, operator, plan_id, amount_clp, pay, status, gateway_ref, created_at, updated_at, error, month, via";

/// A text column, borrowed from the row.
fn text<'r>(r: &'r rusqlite::Row<'_>, column: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(column)?
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

fn optional_text<'r>(r: &'r rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    r.get_ref(column)?
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

/// A row of [`ORDER_COLUMNS`] as stored.
fn stored_order<'r>(r: &'r rusqlite::Row<'_>) -> rusqlite::Result<StoredOrder<'r>> {
    Ok(StoredOrder {
        id: text(r, 0)?,
        line: text(r, 1)?,
        msisdn: text(r, 2)?,
        operator: text(r, 3)?,
        plan_id: text(r, 4)?,
        amount_clp: r.get(5)?,
        pay: text(r, 6)?,
        status: text(r, 7)?,
        gateway_ref: optional_text(r, 8)?,
        created_at: text(r, 9)?,
        updated_at: text(r, 10)?,
        error: optional_text(r, 11)?,
        via: optional_text(r, 13)?,
    })
}

/// A row of [`ORDER_COLUMNS`] to a checked order.
fn row_to_order(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<Order>> {
    Ok(stored_order(r)?.to_order(&mut std::collections::HashMap::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each test line has its own number.
    fn number_of(line: &str) -> Msisdn {
        match line {
            "finca" => "987654322",
            _ => "987654321",
        }
        .parse()
        .unwrap()
    }

    fn new_order(line: &str, amount: i64) -> NewOrder {
        NewOrder {
            line: line.into(),
            msisdn: number_of(line),
            operator: Operator::Entel,
            plan_id: "p1".parse().unwrap(),
            plan_name: "Plan 1".into(),
            data_bytes: Some(1_000_000_000),
            validity_days: Some(30),
            amount: Clp(amount),
            pay: PayMethod::Sandbox,
            baseline: None,
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn open() -> (tempfile::TempDir, Ledger) {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::open(&dir.path().join("l.sqlite3")).unwrap();
        (dir, ledger)
    }

    /// Looking numbers up one after another prepares each query once (the
    /// bundled SQLite re-prepared them on every new number: `sqlite::open`).
    #[test]
    fn per_number_queries_are_not_prepared_again_for_each_number() {
        let (_d, l) = open();
        let now = at("2026-11-25T12:00:00Z");
        for line in ["casa", "finca"] {
            let o = l.insert_intent(&new_order(line, 5000), Caps::default(), now).unwrap();
            l.transition(o.id, OrderStatus::Submitted, None, None, now).unwrap();
            l.transition(o.id, OrderStatus::Confirmed, None, None, now).unwrap();
        }
        for line in ["casa", "finca", "casa", "finca"] {
            assert_eq!(l.last_confirmed_at(&number_of(line)).unwrap(), Some(now));
        }
        let stmt = l
            .conn
            .prepare_cached(&latest_created_sql("status = 'confirmed'"))
            .unwrap();
        assert_eq!(stmt.get_status(rusqlite::StatementStatus::RePrepare), 0);
    }

    #[test]
    fn order_lifecycle_and_illegal_moves() {
        let (_d, l) = open();
        let now = at("2026-11-25T12:00:00Z");
        let o = l.insert_intent(&new_order("casa", 5000), Caps::default(), now).unwrap();
        assert_eq!(o.status, OrderStatus::Intent);
        assert!(l.transition(o.id, OrderStatus::Confirmed, None, None, now).is_err());
        let o = l.transition(o.id, OrderStatus::Submitted, None, None, now).unwrap();
        let o = l
            .transition(o.id, OrderStatus::Unknown, None, Some("timeout"), now)
            .unwrap();
        let o = l
            .transition(o.id, OrderStatus::Confirmed, Some("tx-1"), None, now)
            .unwrap();
        assert_eq!(o.gateway_ref.as_deref(), Some("tx-1"));
        assert!(l.transition(o.id, OrderStatus::Failed, None, None, now).is_err());
        let events: i64 = l
            .conn
            .query_row("SELECT COUNT(*) FROM order_events", [], |r| r.get(0))
            .unwrap();
        assert_eq!(events, 4);
    }

    #[test]
    fn caps_count_pending_and_follow_santiago_months() {
        let (_d, l) = open();
        let caps = Caps {
            line_monthly: Some(Clp(10000)),
            all_monthly: Some(Clp(15000)),
        };
        let nov = at("2026-11-30T12:00:00Z");
        let a = l.insert_intent(&new_order("casa", 6000), caps, nov).unwrap();
        // An intent counts: a second 6000 would exceed the line's 10000.
        let err = l.insert_intent(&new_order("casa", 6000), caps, nov).unwrap_err();
        assert!(matches!(err, LedgerError::CapExceeded(_)), "{err}");
        // Exactly reaching the cap is allowed.
        l.insert_intent(&new_order("casa", 4000), caps, nov).unwrap();
        // The global cap counts other lines: 10000 + 6000 > 15000.
        assert!(l.insert_intent(&new_order("finca", 6000), caps, nov).is_err());
        // A failed order frees its amount.
        l.transition(a.id, OrderStatus::Failed, None, Some("declined"), nov)
            .unwrap();
        l.insert_intent(&new_order("finca", 5000), caps, nov).unwrap();
        // 02:00 UTC on Dec 1 is still November in Santiago.
        assert!(
            l.insert_intent(&new_order("casa", 7000), caps, at("2026-12-01T02:00:00Z"))
                .is_err()
        );
        l.insert_intent(&new_order("casa", 7000), caps, at("2026-12-01T04:00:00Z"))
            .unwrap();
        assert_eq!(l.month_spent(nov, None).unwrap(), Clp(9000));
    }

    /// The running totals the triggers keep equal a sum over the orders,
    /// after every kind of change: intents, records, moves to failed and to
    /// confirmed, in two months and for two numbers.
    #[test]
    fn running_month_totals_equal_the_sum_of_the_orders() {
        let (_d, l) = open();
        let summed = |month: &str, msisdn: Option<&Msisdn>| -> Clp {
            l.conn
                .query_row(
                    "SELECT COALESCE(SUM(amount_clp), 0) FROM orders
                     WHERE month = ?1 AND status != 'failed' AND (?2 IS NULL OR msisdn = ?2)",
                    params![month, msisdn.map(Msisdn::e164)],
                    |r| r.get(0).map(Clp),
                )
                .unwrap()
        };
        let check = |when: Timestamp| {
            let month = month_key(when);
            for number in [None, Some(number_of("casa")), Some(number_of("finca"))] {
                assert_eq!(
                    month_spent_in(&l.conn, &month, number.as_ref()).unwrap(),
                    summed(&month, number.as_ref()),
                    "{month} {number:?}"
                );
            }
        };
        let (nov, dec) = (at("2026-11-20T12:00:00Z"), at("2026-12-20T12:00:00Z"));
        let mut amount = 1000;
        for (i, (line, when)) in [
            ("casa", nov),
            ("finca", nov),
            ("casa", dec),
            ("finca", dec),
            ("casa", nov),
        ]
        .into_iter()
        .enumerate()
        {
            amount += 370;
            let o = l
                .insert_intent(&new_order(line, amount), Caps::default(), when)
                .unwrap();
            check(when);
            l.transition(o.id, OrderStatus::Submitted, None, None, when).unwrap();
            let end = [OrderStatus::Failed, OrderStatus::Confirmed, OrderStatus::Unknown][i % 3];
            l.transition(o.id, end, None, None, when).unwrap();
            check(when);
            if end == OrderStatus::Unknown {
                l.transition(o.id, OrderStatus::Failed, None, Some("by hand"), when)
                    .unwrap();
                check(when);
            }
            l.insert_record(&new_order(line, 990 + amount), None, when, when)
                .unwrap();
            check(when);
        }
        assert_eq!(month_spent_in(&l.conn, "2025-01", None).unwrap(), Clp(0));
    }

    /// A ledger written before the running totals gets them from its
    /// orders when it is opened.
    #[test]
    fn running_totals_are_filled_in_for_an_older_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        let nov = at("2026-11-20T12:00:00Z");
        {
            let l = Ledger::open(&path).unwrap();
            let a = l.insert_intent(&new_order("casa", 4000), Caps::default(), nov).unwrap();
            l.insert_intent(&new_order("finca", 3000), Caps::default(), nov)
                .unwrap();
            l.transition(a.id, OrderStatus::Failed, None, None, nov).unwrap();
            // As the schema before the running totals left it.
            let totals_came = MIGRATIONS
                .iter()
                .position(|m| m.contains("CREATE TABLE month_spent"))
                .unwrap();
            l.conn
                .execute_batch(&format!(
                    "DROP TRIGGER month_spent_insert; DROP TRIGGER month_spent_update;
                     DROP TRIGGER month_spent_delete; DROP TABLE month_spent; DROP INDEX orders_pay;
                     PRAGMA user_version = {totals_came};"
                ))
                .unwrap();
        }
        let l = Ledger::open(&path).unwrap();
        assert_eq!(l.month_spent(nov, None).unwrap(), Clp(3000));
        assert_eq!(l.month_spent(nov, Some(&number_of("casa"))).unwrap(), Clp(0));
        assert_eq!(l.month_spent(nov, Some(&number_of("finca"))).unwrap(), Clp(3000));
    }

    #[test]
    fn history_totals_and_unsettled() {
        let (_d, l) = open();
        let t1 = at("2026-10-10T12:00:00Z");
        let t2 = at("2026-11-10T12:00:00Z");
        let a = l.insert_intent(&new_order("casa", 1000), Caps::default(), t1).unwrap();
        l.transition(a.id, OrderStatus::Submitted, None, None, t1).unwrap();
        l.transition(a.id, OrderStatus::Confirmed, None, None, t1).unwrap();
        let b = l.insert_intent(&new_order("casa", 2000), Caps::default(), t2).unwrap();
        l.transition(b.id, OrderStatus::Submitted, None, None, t2).unwrap();
        l.transition(b.id, OrderStatus::Unknown, None, None, t2).unwrap();
        let c = l.insert_intent(&new_order("finca", 3000), Caps::default(), t2).unwrap();
        let all = l.orders(&OrderFilter::default()).unwrap();
        assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), vec![c.id, b.id, a.id]);
        let totals = l.totals(&OrderFilter::default()).unwrap();
        assert_eq!(
            totals,
            vec![MonthTotal {
                month: "2026-10".into(),
                line: "casa".into(),
                amount_clp: Clp(1000),
                count: 1
            }]
        );
        let unsettled: Vec<_> = l.unsettled(None).unwrap().iter().map(|o| o.id).collect();
        assert_eq!(unsettled, vec![b.id, c.id]);
        let finca = number_of("finca");
        assert_eq!(l.unsettled(Some(&finca)).unwrap().len(), 1);
        let nov = OrderFilter {
            month: Some("2026-11".into()),
            ..Default::default()
        };
        assert_eq!(l.orders(&nov).unwrap().len(), 2);
        let casa = number_of("casa");
        assert_eq!(l.last_renewal_at(&casa).unwrap(), Some(t2));
        let p = l.last_purchase(&casa).unwrap().unwrap();
        assert_eq!(p.order.id, a.id);
        assert_eq!(p.validity_days, Some(30));
    }

    /// `orders` sorts as `ORDER BY created_at DESC, rowid DESC` did, and the
    /// totals of the orders listed are the ledger's totals for that filter.
    #[test]
    fn orders_newest_first_and_totals_of_the_listed_orders() {
        let (_d, l) = open();
        let times = [
            "2026-10-31T23:30:00Z",
            "2026-11-01T02:00:00Z", // still October in Santiago
            "2026-11-01T04:00:00Z",
            "2026-11-10T12:00:00.5Z",
            "2026-11-10T12:00:00.52Z", // text order differs from time order
            "2026-11-10T12:00:00Z",
            "2026-11-01T04:00:00Z", // same time as an earlier write
            "2026-12-05T12:00:00Z",
        ];
        let mut written = Vec::new();
        for (i, t) in times.iter().enumerate() {
            let line = if i % 2 == 0 { "casa" } else { "finca" };
            let o = l
                .insert_intent(&new_order(line, 1000 * (i as i64 + 1)), Caps::default(), at(t))
                .unwrap();
            l.transition(o.id, OrderStatus::Submitted, None, None, at(t)).unwrap();
            let end = if i == 3 {
                OrderStatus::Failed
            } else {
                OrderStatus::Confirmed
            };
            l.transition(o.id, end, None, None, at(t)).unwrap();
            written.push(o.id);
        }
        let by_sql: Vec<OrderId> = {
            let mut stmt = l
                .conn
                .prepare("SELECT id FROM orders ORDER BY created_at DESC, rowid DESC")
                .unwrap();
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(|id| id.unwrap().parse().unwrap())
                .collect()
        };
        let all = l.orders(&OrderFilter::default()).unwrap();
        assert_eq!(all.iter().map(|o| o.id).collect::<Vec<_>>(), by_sql);
        for filter in [
            OrderFilter::default(),
            OrderFilter {
                line: Some("casa".into()),
                ..Default::default()
            },
            OrderFilter {
                month: Some("2026-10".into()),
                ..Default::default()
            },
            OrderFilter {
                since: Some(at("2026-11-05T00:00:00Z")),
                ..Default::default()
            },
        ] {
            let confirmed: Vec<Order> = l
                .orders(&filter)
                .unwrap()
                .into_iter()
                .filter(|o| o.status == OrderStatus::Confirmed)
                .collect();
            let summed: i64 = l.totals(&filter).unwrap().iter().map(|t| t.amount_clp.pesos()).sum();
            assert_eq!(
                summed,
                confirmed.iter().map(|o| o.amount.pesos()).sum::<i64>(),
                "{filter:?}"
            );
        }
        assert_eq!(written.len(), times.len());
    }

    #[test]
    fn a_renamed_line_keeps_its_orders_by_number() {
        let (_d, l) = open();
        let now = at("2026-11-10T12:00:00Z");
        let caps = Caps {
            line_monthly: Some(Clp(5000)),
            all_monthly: None,
        };
        let old = l.insert_intent(&new_order("casa", 4000), caps, now).unwrap();
        l.transition(old.id, OrderStatus::Submitted, None, None, now).unwrap();
        l.transition(old.id, OrderStatus::Unknown, None, None, now).unwrap();
        // The same number, now called "home" in the config.
        let number = number_of("casa");
        assert_eq!(l.unsettled(Some(&number)).unwrap().len(), 1);
        assert_eq!(l.last_renewal_at(&number).unwrap(), Some(now));
        assert_eq!(l.month_spent(now, Some(&number)).unwrap(), Clp(4000));
        let renamed = NewOrder {
            line: "home".into(),
            ..new_order("casa", 2000)
        };
        assert!(
            l.insert_intent(&renamed, caps, now).is_err(),
            "the cap follows the number"
        );
        // Another number under another name is another line.
        assert!(l.unsettled(Some(&number_of("finca"))).unwrap().is_empty());
    }

    #[test]
    fn a_record_is_confirmed_in_its_month_counts_in_caps_and_is_written_once() {
        let (_d, l) = open();
        let now = at("2026-12-01T12:00:00Z");
        // Bought on 30 November in Santiago (02:00 UTC on 1 December).
        let bought = at("2026-12-01T02:00:00Z");
        let new = NewOrder {
            pay: PayMethod::Record,
            ..new_order("casa", 5000)
        };
        let o = l.insert_record(&new, Some(Via::Store), bought, now).unwrap();
        assert_eq!(
            (o.status, o.pay, o.via),
            (OrderStatus::Confirmed, PayMethod::Record, Some(Via::Store))
        );
        assert_eq!((o.created_at, o.updated_at), (bought, now));
        let month: String = l
            .conn
            .query_row("SELECT month FROM orders WHERE id = ?1", [o.id.to_string()], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(month, "2026-11");
        assert_eq!(l.month_spent(bought, None).unwrap(), Clp(5000));
        let events: Vec<(Option<String>, String)> = l
            .conn
            .prepare("SELECT from_status, to_status FROM order_events")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(events, [(None, "confirmed".to_string())]);
        // Not a retry of topup's own payment; the line's last purchase.
        assert!(l.last_confirmed(&number_of("casa"), &new.plan_id).unwrap().is_none());
        assert_eq!(l.last_purchase(&number_of("casa")).unwrap().unwrap().order.id, o.id);
        // The same purchase within a minute is refused; later, or bought
        // another way, it is another.
        let again = l.insert_record(&new, Some(Via::Store), plus(bought, 59), now);
        assert!(
            matches!(again, Err(LedgerError::DuplicateRecord { id, .. }) if id == o.id),
            "{again:?}"
        );
        l.insert_record(&new, Some(Via::Store), plus(bought, 60), now).unwrap();
        l.insert_record(&new, Some(Via::App), bought, now).unwrap();
        l.insert_record(&new, None, bought, now).unwrap();
        let other_plan = NewOrder {
            amount: Clp(6000),
            ..new.clone()
        };
        l.insert_record(&other_plan, Some(Via::Store), bought, now).unwrap();
        assert_eq!(l.count().unwrap(), 5);
    }

    fn plus(t: Timestamp, secs: i64) -> Timestamp {
        t + jiff::SignedDuration::from_secs(secs)
    }

    #[test]
    fn reopening_keeps_orders_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        let id = {
            let l = Ledger::open(&path).unwrap();
            l.insert_intent(&new_order("casa", 1000), Caps::default(), at("2026-11-01T00:00:00Z"))
                .unwrap()
                .id
        };
        let l = Ledger::open(&path).unwrap();
        assert_eq!(l.get(id).unwrap().unwrap().amount, Clp(1000));
    }

    #[test]
    fn concurrent_first_opens_migrate_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        let handles: Vec<_> = (0..8)
            .map(|_| {
                let path = path.clone();
                std::thread::spawn(move || Ledger::open(&path).map(|_| ()).map_err(|e| format!("{e:#}")))
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), Ok(()));
        }
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        let err = Ledger::open(&path).err().unwrap();
        assert!(format!("{err:#}").contains("newer topup"));
    }
}
