//! The one way to write, and a connection handle that survives a panic in the work it runs.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, ErrorCode, Result};

/// Runs `work` in an IMMEDIATE transaction: the write lock is taken at BEGIN (waiting out the
/// busy timeout if another process holds it), so the reads `work` makes are the state it writes
/// on, and it cannot fail half-way with SQLITE_BUSY on upgrade. Commits when `work` returns
/// `Ok`; anything else (an error, a panic) rolls back and nothing is written.
///
/// Inside a transaction already open on `conn` (a demo load, an import, a CLI command that
/// starts a 1:1 and saves its notes), `work` runs in a savepoint of it instead: its writes are
/// undone on error and commit with the outer transaction.
pub fn write<T>(conn: &Connection, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    if conn.is_autocommit() {
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let out = work(&tx)?;
        tx.commit()?;
        return Ok(out);
    }
    conn.execute_batch("SAVEPOINT leadbook_write")?;
    match work(conn) {
        Ok(out) => {
            conn.execute_batch("RELEASE leadbook_write")?;
            Ok(out)
        }
        Err(e) => {
            conn.execute_batch("ROLLBACK TO leadbook_write; RELEASE leadbook_write")?;
            Err(e)
        }
    }
}

/// The app's one connection, shared by commands that run one at a time; or, while there is no
/// usable database (it failed to open, or is being replaced), why not.
///
/// A panic inside a command (a bug) must not break the next one: the lock is recovered instead
/// of staying poisoned, an open transaction is rolled back, and the panic becomes an `internal`
/// error for the page that asked.
#[derive(Clone)]
pub struct SharedConnection(Arc<Mutex<Result<Connection>>>);

impl SharedConnection {
    pub fn new(conn: Result<Connection>) -> Self {
        SharedConnection(Arc::new(Mutex::new(conn)))
    }

    pub fn run<T>(&self, work: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let conn = match slot.as_mut() {
            Ok(conn) => conn,
            Err(why) => return Err(why.clone()),
        };
        match catch_unwind(AssertUnwindSafe(|| work(conn))) {
            Ok(out) => out,
            Err(panic) => {
                // A Transaction dropped while unwinding rolls back; this covers raw BEGINs.
                if !conn.is_autocommit() {
                    let _ = conn.execute_batch("ROLLBACK");
                }
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                Err(Error::new(
                    ErrorCode::Internal,
                    format!("Leadbook hit a bug and saved nothing of that change ({what})"),
                ))
            }
        }
    }

    /// Closes the connection, runs `replace` (a restore, say: nothing else can touch the file
    /// meanwhile, as every command waits on this lock), then holds what `reopen` returns: the
    /// new connection, or why there is none.
    pub fn reopen<T>(
        &self,
        replace: impl FnOnce() -> Result<T>,
        reopen: impl FnOnce() -> Result<Connection>,
    ) -> Result<T> {
        let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *slot = Err(Error::storage("The database is being replaced"));
        let out = replace();
        *slot = reopen();
        let out = out?;
        slot.as_ref().map_err(Clone::clone)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn count(conn: &Connection) -> i64 {
        conn.query_row("SELECT count(*) FROM meta WHERE key LIKE 't%'", [], |r| {
            r.get(0)
        })
        .unwrap()
    }

    #[test]
    fn write_commits_on_ok_and_rolls_back_on_error() {
        let conn = db::open_in_memory().unwrap();
        write(&conn, |tx| {
            tx.execute("INSERT INTO meta VALUES ('t1', 'x')", [])?;
            Ok(())
        })
        .unwrap();
        let e = write(&conn, |tx| {
            tx.execute("INSERT INTO meta VALUES ('t2', 'x')", [])?;
            Err::<(), _>(Error::invalid("x", "no"))
        })
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(count(&conn), 1);
    }

    #[test]
    fn a_write_inside_a_transaction_is_a_savepoint_of_it() {
        let conn = db::open_in_memory().unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        write(&tx, |c| {
            c.execute("INSERT INTO meta VALUES ('t1', 'x')", [])?;
            Ok(())
        })
        .unwrap();
        let e = write(&tx, |c| {
            c.execute("INSERT INTO meta VALUES ('t2', 'x')", [])?;
            Err::<(), _>(Error::invalid("x", "no"))
        });
        assert!(e.is_err());
        assert_eq!(
            count(&tx),
            1,
            "the failed inner write is undone, the other kept"
        );
        drop(tx); // rolls back the outer transaction
        assert_eq!(
            count(&conn),
            0,
            "inner writes commit only with the outer one"
        );
    }

    #[test]
    fn a_panic_in_one_command_never_breaks_the_next() {
        let shared = SharedConnection::new(db::open_in_memory());
        let e = shared
            .run(|conn| {
                write(conn, |tx| {
                    tx.execute("INSERT INTO meta VALUES ('t1', 'x')", [])?;
                    panic!("a bug mid-write");
                    #[allow(unreachable_code)]
                    Ok(())
                })
            })
            .unwrap_err();
        assert_eq!(e.code, ErrorCode::Internal);
        assert!(e.message.contains("a bug mid-write"), "{}", e.message);
        // A raw BEGIN left open by a panicking command is rolled back too.
        let _ = shared.run(|conn| -> Result<()> {
            conn.execute_batch("BEGIN; INSERT INTO meta VALUES ('t2', 'x');")?;
            panic!("left a transaction open");
        });
        // The next command works and sees nothing of either.
        let n = shared.run(|conn| {
            write(conn, |tx| {
                tx.execute("INSERT INTO meta VALUES ('t3', 'x')", [])?;
                Ok(())
            })?;
            Ok(count(conn))
        });
        assert_eq!(n.unwrap(), 1);
    }

    #[test]
    fn reopen_swaps_the_connection_and_a_closed_one_says_why() {
        let shared = SharedConnection::new(Err(Error::storage("damaged, restore a snapshot")));
        let e = shared.run(|_| Ok(())).unwrap_err();
        assert_eq!(e.message, "damaged, restore a snapshot");
        shared.reopen(|| Ok(()), db::open_in_memory).unwrap();
        assert!(shared
            .run(|c| Ok(crate::people::list(c, &Default::default())?.len()))
            .is_ok());
        let e = shared
            .reopen(|| Ok(()), || Err(Error::storage("gone")))
            .unwrap_err();
        assert_eq!(e.message, "gone");
        assert_eq!(shared.run(|_| Ok(())).unwrap_err().message, "gone");
    }

    #[test]
    fn immediate_write_waits_for_another_writer_instead_of_failing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, _) = db::open(dir.path()).unwrap();
        let (b, _) = db::open(dir.path()).unwrap();
        // `a` holds the write lock for a moment; `b`'s read-then-write waits, then succeeds.
        let holder = std::thread::spawn(move || {
            write(&a, |tx| {
                tx.execute("INSERT INTO meta VALUES ('t1', 'a')", [])?;
                std::thread::sleep(std::time::Duration::from_millis(300));
                Ok(())
            })
            .unwrap();
        });
        std::thread::sleep(std::time::Duration::from_millis(50));
        write(&b, |tx| {
            let n: i64 = tx.query_row("SELECT count(*) FROM meta WHERE key = 't1'", [], |r| {
                r.get(0)
            })?;
            assert_eq!(
                n, 1,
                "the read inside the write sees the other writer's commit"
            );
            tx.execute("INSERT INTO meta VALUES ('t2', 'b')", [])?;
            Ok(())
        })
        .unwrap();
        holder.join().unwrap();
        assert_eq!(count(&b), 2);
    }
}
