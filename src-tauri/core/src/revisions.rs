//! One revision/audit log for every area: who changed what, when, from what to what, and why.
//! Areas write entries inside the transaction that makes the change, so the log and the data
//! never disagree; each area reads its own entries back for its history view.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::time::now_utc;

/// A change about to be logged.
#[derive(Debug, Clone, Default)]
pub struct Change<'a> {
    /// The area that owns the change (`blueprint`, `calibration`, ...).
    pub area: &'a str,
    /// Groups entries for a history view within the area (blueprint: the section id).
    pub scope: &'a str,
    /// The record changed; `None` for a change to the whole scope.
    pub entity_id: Option<&'a str>,
    /// A short verb the area defines (`edit`, `move`, `reopen`, ...).
    pub action: &'a str,
    /// One line a person reads in the history.
    pub summary: &'a str,
    /// Why, where the area asks for a reason.
    pub reason: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// A logged change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub area: String,
    pub scope: String,
    pub entity_id: Option<String>,
    pub action: String,
    pub summary: String,
    pub reason: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Who is changing things through this connection: the OS user and the client, e.g.
/// `ada (app)`. Set once per connection (`set_actor`); "you" until then.
pub fn actor(conn: &Connection) -> String {
    conn.query_row(
        "SELECT value FROM temp.session WHERE key = 'actor'",
        [],
        |r| r.get(0),
    )
    .optional()
    .ok()
    .flatten()
    .unwrap_or_else(|| "you".into())
}

/// Names who writes through this connection (`client` is `app` or `cli`).
pub fn set_actor(conn: &Connection, client: &str) -> Result<()> {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "you".into());
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS session (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    )?;
    conn.execute(
        "INSERT OR REPLACE INTO temp.session (key, value) VALUES ('actor', ?1)",
        [format!("{user} ({client})")],
    )?;
    Ok(())
}

/// Logs a change. Call it inside the transaction that makes the change.
pub fn record(conn: &Connection, c: &Change) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO revisions (at, actor, area, scope, entity_id, action, summary, reason, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        now_utc(),
        actor(conn),
        c.area,
        c.scope,
        c.entity_id,
        c.action,
        c.summary,
        c.reason,
        c.before,
        c.after
    ])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str =
    "id, at, actor, area, scope, entity_id, action, summary, reason, before, after";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        area: r.get(3)?,
        scope: r.get(4)?,
        entity_id: r.get(5)?,
        action: r.get(6)?,
        summary: r.get(7)?,
        reason: r.get(8)?,
        before: r.get(9)?,
        after: r.get(10)?,
    })
}

/// An area's entries in one scope, newest first, at most `limit`.
pub fn list(conn: &Connection, area: &str, scope: &str, limit: u32) -> Result<Vec<Entry>> {
    let entries = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM revisions WHERE area = ?1 AND scope = ?2 ORDER BY id DESC LIMIT ?3"
        ))?
        .query_map(params![area, scope, limit], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}

/// The entries about one record, newest first.
pub fn for_entity(conn: &Connection, area: &str, entity_id: &str) -> Result<Vec<Entry>> {
    let entries = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM revisions WHERE entity_id = ?1 AND area = ?2 ORDER BY id DESC"
        ))?
        .query_map(params![entity_id, area], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(entries)
}

/// One entry of an area (an entry of another area is not found).
pub fn get(conn: &Connection, area: &str, id: i64) -> Result<Entry> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM revisions WHERE id = ?1 AND area = ?2"
    ))?
    .query_row(params![id, area], from_row)
    .optional()?
    .ok_or_else(|| Error::not_found("Revision"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    #[test]
    fn records_who_what_when_and_why_per_area() {
        let conn = db::open_in_memory().unwrap();
        assert_eq!(actor(&conn), "you");
        set_actor(&conn, "cli").unwrap();
        assert!(actor(&conn).ends_with(" (cli)"));
        let id = record(
            &conn,
            &Change {
                area: "calibration",
                scope: "cycle-1",
                entity_id: Some("rating-1"),
                action: "move",
                summary: "Moved Ada from 3/2 to 4/2",
                reason: Some("Led the migration"),
                before: Some("3/2".into()),
                after: Some("4/2".into()),
            },
        )
        .unwrap();
        record(
            &conn,
            &Change {
                area: "calibration",
                scope: "cycle-1",
                action: "reopen",
                summary: "Reopened",
                ..Default::default()
            },
        )
        .unwrap();
        let all = list(&conn, "calibration", "cycle-1", 10).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].action, "reopen", "newest first");
        let e = get(&conn, "calibration", id).unwrap();
        assert_eq!(e.reason.as_deref(), Some("Led the migration"));
        assert!(e.actor.ends_with("(cli)"));
        assert_eq!(
            for_entity(&conn, "calibration", "rating-1").unwrap().len(),
            1
        );
        assert!(get(&conn, "blueprint", id).is_err(), "another area's entry");
        assert!(list(&conn, "blueprint", "cycle-1", 10).unwrap().is_empty());
    }
}
