//! The one SQLite store: connection settings, embedded ordered migrations, backups and checks.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::paths;

/// Migrations in order; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
/// Never edit a shipped migration: add a new one.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_people.sql"),
    include_str!("../migrations/0002_blueprint.sql"),
    include_str!("../migrations/0003_one_on_ones.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// What opening the store did, for `db info` and the app's status line.
#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenReport {
    pub path: String,
    #[ts(type = "number")]
    pub from_version: i64,
    #[ts(type = "number")]
    pub to_version: i64,
    /// The copy made before migrating an existing file, if any.
    pub backup: Option<String>,
}

/// Where the data lives and whether the database opened; the app shows a banner when it did not.
#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub data_dir: String,
    pub db_path: Option<String>,
    #[ts(type = "number | null")]
    pub schema_version: Option<i64>,
    pub error: Option<Error>,
}

/// Opens (creating if needed) `DATA_DIR/leadbook.db`, backs it up and migrates it.
/// A file whose schema is newer than this build is refused and left byte-for-byte untouched.
pub fn open(data_dir: &Path) -> Result<(Connection, OpenReport)> {
    std::fs::create_dir_all(data_dir).map_err(|e| {
        Error::storage(format!(
            "cannot create data dir {}: {e}",
            data_dir.display()
        ))
    })?;
    let path = paths::db_path(data_dir);
    let existing_version = if path.exists() {
        peek_version(&path)?
    } else {
        0
    };
    check_not_newer(existing_version)?;

    let mut conn = Connection::open(&path)
        .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
    configure(&conn)?;
    // Re-read under the write connection: another process may have migrated meanwhile.
    let from_version = schema_version(&conn)?;
    check_not_newer(from_version)?;
    let backup = if from_version > 0 && from_version < latest_version() {
        Some(backup_to(
            &conn,
            &data_dir.join(paths::BACKUP_DIR),
            from_version,
        )?)
    } else {
        None
    };
    let to_version = migrate(&mut conn)?;
    seed_reference_content(&mut conn)?;
    Ok((
        conn,
        OpenReport {
            path: path.display().to_string(),
            from_version,
            to_version,
            backup: backup.map(|p| p.display().to_string()),
        },
    ))
}

/// A fresh, fully migrated in-memory database (unit tests, benchmarks).
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    seed_reference_content(&mut conn)?;
    Ok(conn)
}

/// Reference content the app carries (the role blueprint, default 1:1 templates), seeded once.
fn seed_reference_content(conn: &mut Connection) -> Result<()> {
    crate::blueprint::ensure_seeded(conn)?;
    crate::one_on_ones::ensure_default_templates(conn)
}

/// Per-connection settings every Leadbook connection uses.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Applies every pending migration, each in its own transaction. Returns the new version.
pub fn migrate(conn: &mut Connection) -> Result<i64> {
    migrate_to(conn, latest_version())
}

/// Applies migrations up to `target` (tests use this to build every earlier schema).
pub fn migrate_to(conn: &mut Connection, target: i64) -> Result<i64> {
    let mut version = schema_version(conn)?;
    check_not_newer(version)?;
    while version < target {
        let sql = MIGRATIONS[version as usize];
        let tx = conn.transaction()?;
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

/// Copies the database to `dir/leadbook-v{version}-{timestamp}.db` (a consistent snapshot).
pub fn backup_to(conn: &Connection, dir: &Path, version: i64) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let target = dir.join(format!("leadbook-v{version}-{stamp}.db"));
    conn.execute("VACUUM INTO ?1", [target.display().to_string()])
        .map_err(|e| Error::storage(format!("backup to {} failed: {e}", target.display())))?;
    Ok(target)
}

/// `PRAGMA integrity_check` plus a foreign key check; an empty list means the file is sound.
pub fn check(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = row?;
        if line != "ok" {
            problems.push(line);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        problems.push(format!("foreign key violation in table {}", row?));
    }
    Ok(problems)
}

/// Row counts per table, for `db info`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TableCount {
    pub table: String,
    #[ts(type = "number")]
    pub rows: i64,
}

pub fn table_counts(conn: &Connection) -> Result<Vec<TableCount>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%\\_fts\\_%' ESCAPE '\\'
         ORDER BY name",
    )?;
    let tables: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tables
        .into_iter()
        .map(|table| {
            let rows = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })?;
            Ok(TableCount { table, rows })
        })
        .collect()
}

/// Reads the schema version without writing anything (no WAL switch, no journal).
fn peek_version(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| {
            Error::storage(format!(
                "{} is not a readable Leadbook database: {e}",
                path.display()
            ))
        })
}

fn check_not_newer(version: i64) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file_bytes(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap()
    }

    #[test]
    fn fresh_database_is_fully_migrated_with_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, report) = open(dir.path()).unwrap();
        assert_eq!(report.from_version, 0);
        assert_eq!(report.to_version, latest_version());
        assert!(report.backup.is_none(), "nothing to back up in a new file");
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = conn
            .pragma_query_value(None, "synchronous", |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 1, "NORMAL");
        assert!(check(&conn).unwrap().is_empty());
    }

    #[test]
    fn reopening_a_current_database_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path()).unwrap());
        let (_, report) = open(dir.path()).unwrap();
        assert_eq!(report.from_version, latest_version());
        assert!(report.backup.is_none());
        assert!(!dir.path().join(paths::BACKUP_DIR).exists());
    }

    /// Every earlier schema version migrates to the latest, keeping its rows, with a backup first.
    #[test]
    fn every_earlier_version_migrates_with_backup() {
        for start in 1..latest_version() {
            let dir = tempfile::tempdir().unwrap();
            let path = paths::db_path(dir.path());
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, start).unwrap();
                conn.execute(
                    "INSERT INTO people (id, name, created_at, updated_at)
                     VALUES ('p1', 'Ada', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
                    [],
                )
                .unwrap();
            }
            let (conn, report) = open(dir.path()).unwrap();
            assert_eq!(report.from_version, start);
            assert_eq!(report.to_version, latest_version());
            let backup = PathBuf::from(report.backup.expect("backup made"));
            assert!(backup.exists());
            let name: String = conn
                .query_row("SELECT name FROM people WHERE id='p1'", [], |r| r.get(0))
                .unwrap();
            assert_eq!(name, "Ada");
            let old = Connection::open(&backup).unwrap();
            assert_eq!(schema_version(&old).unwrap(), start);
        }
    }

    #[test]
    fn each_migration_applies_on_its_own() {
        let mut conn = Connection::open_in_memory().unwrap();
        for v in 1..=latest_version() {
            assert_eq!(migrate_to(&mut conn, v).unwrap(), v);
            assert_eq!(schema_version(&conn).unwrap(), v);
        }
    }

    #[test]
    fn newer_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = paths::db_path(dir.path());
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 999;")
                .unwrap();
        }
        let before = file_bytes(&path);
        let err = open(dir.path()).unwrap_err();
        assert_eq!(err.code, ErrorCode::NewerSchema);
        assert!(err.message.contains("999"), "{}", err.message);
        assert_eq!(file_bytes(&path), before);
        assert!(!dir.path().join("leadbook.db-wal").exists());
    }

    #[test]
    fn a_file_that_is_not_a_database_gets_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            paths::db_path(dir.path()),
            b"this is not sqlite at all, not even close....",
        )
        .unwrap();
        let err = open(dir.path()).unwrap_err();
        assert_eq!(err.code, ErrorCode::Storage);
        assert!(
            err.message.contains("not a readable Leadbook database"),
            "{}",
            err.message
        );
    }

    #[test]
    fn failing_migration_leaves_version_unchanged() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE people (x)").unwrap(); // clash with migration 1
        assert!(migrate(&mut conn).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 0);
    }

    #[test]
    fn table_counts_lists_people() {
        let conn = open_in_memory().unwrap();
        let counts = table_counts(&conn).unwrap();
        assert!(counts.iter().any(|c| c.table == "people" && c.rows == 0));
    }
}
