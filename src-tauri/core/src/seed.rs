//! Reference content seeded once: a flag in `meta` records that it was, so content the user
//! has edited, renamed or deleted is never seeded over.

use rusqlite::{params, Connection, OptionalExtension};

use crate::db::write;
use crate::error::Result;
use crate::time::now_utc;

/// Runs `seed` in one transaction unless `flag` says it already ran; sets the flag with it.
pub fn once(
    conn: &Connection,
    flag: &str,
    seed: impl FnOnce(&Connection) -> Result<()>,
) -> Result<()> {
    write(conn, |tx| {
        let seeded: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = ?1", [flag], |r| {
                r.get(0)
            })
            .optional()?;
        if seeded.is_none() {
            seed(tx)?;
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![flag, now_utc()],
            )?;
        }
        Ok(())
    })
}
