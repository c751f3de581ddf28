//! Embedded, ordered schema migrations, tracked in `PRAGMA user_version`.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, ErrorCode, Result};

/// Migrations in order; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
/// Never edit a shipped migration: add a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_people.sql"),
    include_str!("../../migrations/0002_blueprint.sql"),
    include_str!("../../migrations/0003_one_on_ones.sql"),
    include_str!("../../migrations/0004_kernel.sql"),
    include_str!("../../migrations/0005_skills_ladders.sql"),
];

/// `PRAGMA application_id` of a Leadbook database ("LBDK"), set by migration 4, so a file of
/// another application is recognised and left alone.
pub const APPLICATION_ID: i64 = 0x4C42_444B;

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every pending migration, each in its own transaction. Returns the new version.
pub fn migrate(conn: &Connection) -> Result<i64> {
    migrate_to(conn, latest_version())
}

/// Applies migrations up to `target` (tests use this to build every earlier schema).
pub fn migrate_to(conn: &Connection, target: i64) -> Result<i64> {
    let mut version = schema_version(conn)?;
    check_known(version)?;
    while version < target.min(latest_version()) {
        let sql = MIGRATIONS[version as usize];
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        tx.execute_batch(sql).map_err(|e| {
            Error::storage(format!(
                "migration to schema version {} failed: {e}",
                version + 1
            ))
        })?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        version += 1;
    }
    Ok(version)
}

/// A version this build can work with: not negative (no Leadbook writes that), not newer.
pub fn check_known(version: i64) -> Result<()> {
    if version < 0 {
        return Err(Error::storage(format!(
            "This file has schema version {version}, which no Leadbook writes: it is not a \
             Leadbook database. The file was not changed."
        )));
    }
    if version > latest_version() {
        return Err(Error::new(
            ErrorCode::NewerSchema,
            format!(
                "This database has schema version {version}, written by a newer Leadbook; \
                 this app knows up to version {}. Update Leadbook to open it. \
                 The file was not changed.",
                latest_version()
            ),
        ));
    }
    Ok(())
}
