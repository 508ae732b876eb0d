//! The ledger's writer: one thread that owns a write connection and commits
//! the renewals' state changes, so that a disk sync never stalls the runtime
//! (every renewal in flight waits on one thread otherwise).
//!
//! Writes that arrive while a commit is syncing are grouped into the next
//! transaction, each in its own savepoint: one sync makes a whole group
//! durable. The order of writes is kept because each caller waits for its
//! write's commit before going on (an order is `intent`, then `submitted`,
//! durable, before its payment call), and a write that fails (a cap reached,
//! a move the state machine refuses) rolls back to its savepoint without
//! touching the rest of its group. No caller hears of its write before the
//! group's commit; if that fails, every write in the group fails with it.

use std::sync::mpsc;

use jiff::Timestamp;
use rusqlite::{Connection, TransactionBehavior};
use tokio::sync::oneshot;

use super::{Ledger, LedgerError, NewOrder, Result};
use crate::domain::{Order, OrderId, OrderStatus, Via};
use crate::policy::Caps;

/// At most this many writes share a commit: a bound on how long the first
/// of them waits for the rest.
const MAX_GROUP: usize = 256;

/// A handle on the writer thread; dropping it ends the thread once the
/// writes already sent are committed.
pub struct LedgerWriter {
    writes: Option<mpsc::Sender<Box<dyn Write>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LedgerWriter {
    /// Moves `ledger`'s connection (opened and migrated) to a new thread.
    pub fn start(ledger: Ledger) -> std::io::Result<LedgerWriter> {
        let (writes, queue) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("ledger-writer".into())
            .spawn(move || serve(ledger.conn, queue))?;
        Ok(LedgerWriter {
            writes: Some(writes),
            thread: Some(thread),
        })
    }

    // The writes copy what they are given before they return their future,
    // which then borrows only the writer.

    /// A new order, written as `intent` (its caps checked) and moved to
    /// `submitted` in one transaction, both events kept: what a payment
    /// call needs on disk before it is made, in one sync.
    pub fn insert_submitted(
        &self,
        new: &NewOrder,
        caps: Caps,
        now: Timestamp,
    ) -> impl Future<Output = Result<Order>> + use<'_> {
        let new = new.clone();
        self.write(move |tx| {
            let order = super::write_intent(tx, &new, caps, now)?;
            super::write_transition(tx, order.id, OrderStatus::Submitted, None, None, now)
        })
    }

    /// [`Ledger::insert_record`], durable when it returns.
    pub fn insert_record(
        &self,
        new: &NewOrder,
        via: Option<Via>,
        at: Timestamp,
        now: Timestamp,
    ) -> impl Future<Output = Result<Order>> + use<'_> {
        let new = new.clone();
        self.write(move |tx| super::write_record(tx, &new, via, at, now))
    }

    /// [`Ledger::transition`], durable when it returns.
    pub fn transition(
        &self,
        id: OrderId,
        to: OrderStatus,
        gateway_ref: Option<&str>,
        error: Option<&str>,
        now: Timestamp,
    ) -> impl Future<Output = Result<Order>> + use<'_> {
        let (gateway_ref, error) = (gateway_ref.map(str::to_owned), error.map(str::to_owned));
        self.write(move |tx| super::write_transition(tx, id, to, gateway_ref.as_deref(), error.as_deref(), now))
    }

    /// [`Ledger::set_gateway_ref`], durable when it returns.
    pub fn set_gateway_ref(
        &self,
        id: OrderId,
        gateway_ref: &str,
        now: Timestamp,
    ) -> impl Future<Output = Result<Order>> + use<'_> {
        let gateway_ref = gateway_ref.to_owned();
        self.write(move |tx| super::write_gateway_ref(tx, id, &gateway_ref, now))
    }

    /// Sends `write` to the writer thread and waits for its group's commit.
    async fn write<T, F>(&self, write: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T> + Send + 'static,
    {
        let (reply, answer) = oneshot::channel();
        let pending = Box::new(Pending {
            write: Some(write),
            written: None,
            reply,
        });
        let sent = self.writes.as_ref().is_some_and(|w| w.send(pending).is_ok());
        if !sent {
            return Err(LedgerError::WriterStopped);
        }
        // The thread ended without answering (it panicked): not written.
        answer.await.unwrap_or(Err(LedgerError::WriterStopped))
    }
}

impl Drop for LedgerWriter {
    fn drop(&mut self) {
        // Closing the queue ends the thread after the writes already sent;
        // joining closes its connection before the process goes on.
        drop(self.writes.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One write waiting in the queue: applied inside the group's transaction,
/// answered after the group's commit.
trait Write: Send {
    /// Runs the write; `false` when it failed (and must be rolled back).
    fn apply(&mut self, tx: &Connection) -> bool;
    /// Tells the caller, once the group is committed (or is not).
    fn answer(self: Box<Self>, committed: std::result::Result<(), &rusqlite::Error>);
}

struct Pending<T, F> {
    write: Option<F>,
    written: Option<Result<T>>,
    reply: oneshot::Sender<Result<T>>,
}

impl<T, F> Write for Pending<T, F>
where
    T: Send,
    F: FnOnce(&Connection) -> Result<T> + Send,
{
    fn apply(&mut self, tx: &Connection) -> bool {
        let written = self.write.take().map(|write| write(tx));
        let ok = matches!(written, Some(Ok(_)));
        self.written = written;
        ok
    }

    fn answer(self: Box<Self>, committed: std::result::Result<(), &rusqlite::Error>) {
        let answer = match (self.written, committed) {
            // Its own refusal says more than the group's commit.
            (Some(Err(refused)), _) => Err(refused),
            (Some(Ok(order)), Ok(())) => Ok(order),
            (Some(Ok(_)) | None, Err(e)) => Err(LedgerError::Sqlite(copy_error(e))),
            (None, Ok(())) => Err(LedgerError::WriterStopped),
        };
        // The caller may have gone (its run was cancelled): nothing to tell.
        let _ = self.reply.send(answer);
    }
}

/// The writer thread: takes what is queued, commits it as one group, tells
/// each caller, and waits for more.
fn serve(mut conn: Connection, queue: mpsc::Receiver<Box<dyn Write>>) {
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        group.extend(queue.try_iter().take(MAX_GROUP - 1));
        let committed = commit_group(&mut conn, &mut group);
        if group.len() > 1 {
            crate::diag::note(format!("{} ledger writes in one commit", group.len()));
        }
        for write in group {
            write.answer(committed.as_ref().map(|_| ()));
        }
    }
}

fn commit_group(conn: &mut Connection, group: &mut [Box<dyn Write>]) -> rusqlite::Result<()> {
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for write in group.iter_mut() {
        let savepoint = tx.savepoint()?;
        if write.apply(&savepoint) {
            savepoint.commit()?;
        }
        // A failed write's savepoint is rolled back as it drops.
    }
    tx.commit()
}

/// The commit's error, for each write of the group (rusqlite's errors do not
/// clone): SQLite's own failure keeps its code, so it is explained the same.
fn copy_error(e: &rusqlite::Error) -> rusqlite::Error {
    match e {
        rusqlite::Error::SqliteFailure(code, message) => rusqlite::Error::SqliteFailure(*code, message.clone()),
        other => rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_ERROR),
            Some(other.to_string()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures_util::future::join_all;

    use super::*;
    use crate::domain::{Clp, Msisdn, Operator, PayMethod};

    fn new_order(number: &str, amount: i64) -> NewOrder {
        NewOrder {
            line: format!("line-{number}"),
            msisdn: number.parse::<Msisdn>().unwrap(),
            operator: Operator::Entel,
            plan_id: "p1".parse().unwrap(),
            plan_name: "Plan 1".into(),
            data_bytes: None,
            validity_days: Some(30),
            amount: Clp(amount),
            pay: PayMethod::Sandbox,
            baseline: None,
        }
    }

    fn now() -> Timestamp {
        "2026-11-25T12:00:00Z".parse().unwrap()
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().build().unwrap()
    }

    /// Holds the ledger's write lock from another connection for a moment,
    /// so that the writes sent meanwhile queue up and commit as one group.
    fn hold_write_lock(path: &std::path::Path) -> std::thread::JoinHandle<()> {
        let other = crate::sqlite::open(path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.execute_batch("COMMIT").unwrap();
        })
    }

    #[test]
    fn concurrent_writes_are_all_durable_and_a_refused_one_leaves_its_group_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        let writer = LedgerWriter::start(Ledger::open(&path).unwrap()).unwrap();
        // Room for three orders of 5,000 this month, across all lines.
        let caps = Caps {
            line_monthly: None,
            all_monthly: Some(Clp(15_000)),
        };
        let numbers: Vec<String> = (0..10).map(|i| format!("98765432{i}")).collect();
        let held = hold_write_lock(&path);
        let written = runtime().block_on(join_all(
            numbers
                .iter()
                .map(|n| writer.insert_submitted(&new_order(n, 5_000), caps, now())),
        ));
        held.join().unwrap();
        let (ok, refused): (Vec<_>, Vec<_>) = written.into_iter().partition(Result::is_ok);
        assert_eq!(ok.len(), 3);
        assert!(refused.iter().all(|r| matches!(r, Err(LedgerError::CapExceeded(_)))));
        drop(writer);
        // What the callers were told is what another connection reads.
        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(ledger.count().unwrap(), 3);
        assert_eq!(ledger.month_spent(now(), None).unwrap(), Clp(15_000));
        for order in ok.into_iter().map(Result::unwrap) {
            assert_eq!(ledger.get(order.id).unwrap().unwrap().status, OrderStatus::Submitted);
        }
        // Each written order has both its events: → intent, intent → submitted.
        let events: Vec<(Option<String>, String)> = ledger
            .conn
            .prepare("SELECT from_status, to_status FROM order_events ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let intent = (None, "intent".to_string());
        let submitted = (Some("intent".to_string()), "submitted".to_string());
        assert_eq!(
            events,
            [&intent, &submitted].repeat(3).into_iter().cloned().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_move_the_state_machine_refuses_fails_alone_in_its_group() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("l.sqlite3");
        let writer = LedgerWriter::start(Ledger::open(&path).unwrap()).unwrap();
        let rt = runtime();
        let a = rt
            .block_on(writer.insert_submitted(&new_order("987654321", 5_000), Caps::default(), now()))
            .unwrap();
        let b = rt
            .block_on(writer.insert_submitted(&new_order("987654322", 5_000), Caps::default(), now()))
            .unwrap();
        let held = hold_write_lock(&path);
        let (a_confirmed, b_back, b_unknown) = rt.block_on(async {
            tokio::join!(
                writer.transition(a.id, OrderStatus::Confirmed, Some("ref-a"), None, now()),
                // submitted → intent is not a move the state machine has.
                writer.transition(b.id, OrderStatus::Intent, Some("ref-b"), None, now()),
                writer.transition(b.id, OrderStatus::Unknown, None, Some("timeout"), now()),
            )
        });
        held.join().unwrap();
        assert_eq!(a_confirmed.unwrap().status, OrderStatus::Confirmed);
        assert!(matches!(b_back, Err(LedgerError::IllegalMove { .. })));
        assert_eq!(b_unknown.unwrap().status, OrderStatus::Unknown);
        drop(writer);
        let ledger = Ledger::open(&path).unwrap();
        let b = ledger.get(b.id).unwrap().unwrap();
        assert_eq!((b.status, b.gateway_ref), (OrderStatus::Unknown, None));
    }

    #[test]
    fn a_write_sent_after_the_writer_stopped_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = LedgerWriter::start(Ledger::open(&dir.path().join("l.sqlite3")).unwrap()).unwrap();
        drop(writer.writes.take());
        let refused =
            runtime().block_on(writer.insert_submitted(&new_order("987654321", 5_000), Caps::default(), now()));
        assert!(matches!(refused, Err(LedgerError::WriterStopped)));
    }
}
