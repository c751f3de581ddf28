//! The one SQLite store: connection settings, embedded ordered migrations, backups and checks,
//! and the one way to write (`write`).

pub mod archive;
mod migrate;
pub mod snapshots;
mod stored_enum;
mod write;

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};
use crate::paths;

pub use migrate::{
    latest_version, migrate, migrate_to, schema_version, APPLICATION_ID, MIGRATIONS,
};
pub use write::{write, SharedConnection};

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
    if path.exists() {
        // A start killed mid-write (the very first one switches the new file to WAL) can leave a
        // hot rollback journal, which only a read-write connection can roll back; until it is,
        // the read-only look below cannot read the file. Rolling it back is SQLite's own
        // recovery, bringing the file back to its last commit.
        if hot_journal(&path) {
            Connection::open(&path)?
                .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        }
        // Read-only first: a file this build must not touch is refused before anything writes,
        // and a damaged one is reported, never written to (a snapshot can replace it).
        peek(&path)?;
        quick_check(&path)?;
    }

    let conn = Connection::open(&path)
        .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
    configure(&conn)?;
    // Re-read under the write connection: another process may have migrated meanwhile.
    let from_version = schema_version(&conn)?;
    migrate::check_known(from_version)?;
    let backup = if from_version > 0 && from_version < latest_version() {
        Some(snapshots::snapshot_to(
            &conn,
            &snapshots::backup_dir(data_dir),
            &format!("migration from v{from_version}"),
        )?)
    } else {
        None
    };
    let to_version = migrate(&conn)?;
    seed_reference_content(&conn)?;
    Ok((
        conn,
        OpenReport {
            path: path.display().to_string(),
            from_version,
            to_version,
            backup: backup.map(|s| s.path),
        },
    ))
}

/// A fresh, fully migrated in-memory database (unit tests, benchmarks).
pub fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&conn)?;
    seed_reference_content(&conn)?;
    Ok(conn)
}

/// Reference content the app carries (the role blueprint, default 1:1 templates, the skills
/// catalog and the career ladders seeded from the blueprint), seeded once.
fn seed_reference_content(conn: &Connection) -> Result<()> {
    crate::blueprint::ensure_seeded(conn)?;
    crate::one_on_ones::ensure_default_templates(conn)?;
    crate::skills::ensure_seeded(conn)?;
    crate::ladders::ensure_seeded(conn)
}

/// Per-connection settings every Leadbook connection uses.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a commit is on disk when it returns, so a power cut or OS crash cannot roll back
    // what the page already called saved (NORMAL in WAL mode only survives an app crash).
    conn.pragma_update(None, "synchronous", "FULL")?;
    // macOS's fsync does not flush the drive's cache; F_FULLFSYNC does.
    #[cfg(target_os = "macos")]
    conn.pragma_update(None, "fullfsync", "ON")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.set_prepared_statement_cache_capacity(128);
    Ok(())
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

/// The outcome of an integrity check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CheckReport {
    pub ok: bool,
    pub problems: Vec<String>,
}

pub fn check_report(conn: &Connection) -> Result<CheckReport> {
    let problems = check(conn)?;
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
    })
}

/// Where the data lives and what is in it (Settings, `db info`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct DbInfo {
    pub data_dir: String,
    pub path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    /// The database file's size (without its WAL).
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub tables: Vec<TableCount>,
}

pub fn info(conn: &Connection, data_dir: &Path) -> Result<DbInfo> {
    let path = paths::db_path(data_dir);
    Ok(DbInfo {
        data_dir: data_dir.display().to_string(),
        size_bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        path: path.display().to_string(),
        schema_version: schema_version(conn)?,
        tables: table_counts(conn)?,
    })
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

/// A rollback journal with content beside the database: a write was interrupted.
fn hot_journal(db: &Path) -> bool {
    std::fs::metadata(db.with_extension("db-journal")).is_ok_and(|m| m.len() > 0)
}

/// `PRAGMA quick_check` through a read-only connection: a damaged file is refused with the
/// `damaged` code (the app then offers the latest good snapshot) and left as it is.
fn quick_check(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let problems: Vec<String> = conn
        .prepare("PRAGMA quick_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()
        .unwrap_or_else(|e| vec![e.to_string()]);
    if problems.iter().all(|p| p == "ok") {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::Damaged,
        format!(
            "The database file {} is damaged ({}). It was left as it is; restore the latest good \
             snapshot from the app, or with `leadbook-cli db restore FILE`.",
            path.display(),
            problems.into_iter().take(3).collect::<Vec<_>>().join("; ")
        ),
    ))
}

/// Checks, without writing anything (no WAL switch, no journal), that the file at `path` is a
/// Leadbook database this build may open: a readable SQLite file, Leadbook's application id (or
/// none yet, with Leadbook's tables), and a schema version that is neither negative nor newer.
pub(crate) fn peek(path: &Path) -> Result<()> {
    let unreadable = |e: rusqlite::Error| {
        Error::storage(format!(
            "{} is not a readable Leadbook database: {e}",
            path.display()
        ))
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Error::storage(format!("cannot open {}: {e}", path.display())))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(unreadable)?;
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(unreadable)?;
    let has = |table: &str| -> Result<bool> {
        conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )
        .map_err(unreadable)
    };
    let any_table: bool = conn
        .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |r| {
            r.get(0)
        })
        .map_err(unreadable)?;
    let foreign = |why: String| {
        Err(Error::storage(format!(
            "{} is not a Leadbook database ({why}). The file was not changed.",
            path.display()
        )))
    };
    if app_id != 0 && app_id != APPLICATION_ID {
        return foreign(format!("it belongs to another application, id {app_id:#x}"));
    }
    migrate::check_known(version)?;
    // Before migration 4 set the application id, a Leadbook file is known by its tables.
    if app_id == 0 && version > 0 && !has("people")? {
        return foreign(format!(
            "schema version {version} without Leadbook's tables"
        ));
    }
    if version == 0 && any_table {
        return foreign("it holds another program's tables".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::error::ErrorCode;

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
        assert_eq!(sync, 2, "FULL");
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
                let conn = Connection::open(&path).unwrap();
                migrate_to(&conn, start).unwrap();
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
        let conn = Connection::open_in_memory().unwrap();
        for v in 1..=latest_version() {
            assert_eq!(migrate_to(&conn, v).unwrap(), v);
            assert_eq!(schema_version(&conn).unwrap(), v);
        }
    }

    /// A start killed mid-write leaves a hot rollback journal; the next start rolls it back and
    /// opens (the read-only first look alone cannot, which once locked the user out).
    #[test]
    fn a_hot_journal_from_a_killed_start_is_rolled_back_not_a_lock_out() {
        let scratch = tempfile::tempdir().unwrap();
        let src = scratch.path().join("src.db");
        let conn = Connection::open(&src).unwrap();
        migrate(&conn).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        // A tiny cache makes SQLite write changed pages into the file before the commit, as a
        // large transaction does; the journal then holds what they replaced.
        conn.pragma_update(None, "cache_size", 1).unwrap();
        conn.execute_batch(
            "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('half', 'written');
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
             INSERT INTO meta SELECT 'filler' || i, printf('%.2000c', 'x') FROM n;",
        )
        .unwrap();
        // "Crash" here: copy the file and its journal as they are mid-transaction.
        let dir = tempfile::tempdir().unwrap();
        let db = paths::db_path(dir.path());
        std::fs::copy(&src, &db).unwrap();
        std::fs::copy(
            src.with_extension("db-journal"),
            db.with_extension("db-journal"),
        )
        .unwrap();
        assert!(hot_journal(&db));
        assert!(
            peek(&db).is_err(),
            "read-only, the hot journal makes the file unreadable"
        );
        let (conn, _) = open(dir.path()).unwrap();
        let half: i64 = conn
            .query_row("SELECT count(*) FROM meta WHERE key = 'half'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(half, 0, "the interrupted write was rolled back");
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
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE people (x)").unwrap(); // clash with migration 1
        assert!(migrate(&conn).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 0);
    }

    #[test]
    fn table_counts_lists_people() {
        let conn = open_in_memory().unwrap();
        let counts = table_counts(&conn).unwrap();
        assert!(counts.iter().any(|c| c.table == "people" && c.rows == 0));
    }
}
