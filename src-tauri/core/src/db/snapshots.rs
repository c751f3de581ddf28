//! Snapshots: consistent copies of the database in `DATA_DIR/backups/` (`VACUUM INTO`, never a
//! raw copy of a live file), taken at most every 5 minutes while there are changes, before every
//! migration, import and restore; kept 7 days, then one a week for 8 weeks. And restore: the
//! chosen file is checked before it replaces anything, and the current database is snapshotted
//! (or, if damaged, moved aside) first.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::{peek, schema_version};
use crate::error::{Error, Result};
use crate::{files, paths};

/// How often, at most, an automatic snapshot is taken while there are changes.
pub const AUTO_INTERVAL_MINUTES: i64 = 5;
/// Every snapshot is kept this long; then one a week until `KEEP_WEEKS`.
pub const KEEP_ALL_DAYS: i64 = 7;
pub const KEEP_WEEKS: i64 = 8;

const STAMP: &str = "%Y%m%dT%H%M%S%.3fZ";

/// A snapshot file as Settings lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snapshot {
    pub file: String,
    pub path: String,
    /// UTC instant it was taken (RFC 3339).
    pub at: String,
    /// Why: `auto`, `import`, `restore`, `manual`, `migration from v3`, ...
    pub reason: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

pub fn backup_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(paths::BACKUP_DIR)
}

/// Writes a consistent snapshot of `conn`'s database into `dir`, named by time and reason.
pub fn snapshot_to(conn: &Connection, dir: &Path, reason: &str) -> Result<Snapshot> {
    std::fs::create_dir_all(dir)?;
    let now = Utc::now();
    let name = format!("leadbook-{}-{}.db", now.format(STAMP), slug(reason));
    let target = dir.join(&name);
    // VACUUM INTO wants a file that does not exist yet: a random name, renamed when complete.
    let tmp = dir.join(format!(
        ".leadbook-snapshot-{}.partial",
        crate::ids::new_id()
    ));
    let result = conn
        .execute("VACUUM INTO ?1", [tmp.display().to_string()])
        .map_err(|e| Error::storage(format!("snapshot to {} failed: {e}", target.display())))
        .and_then(|_| {
            owner_only(&tmp)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, &target)?;
            files::sync_dir(dir)?;
            Ok(())
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    describe(&target).ok_or_else(|| Error::storage("the snapshot vanished as it was written"))
}

/// A snapshot of the database in `data_dir` through a connection of its own (WAL: it reads a
/// consistent state while the app keeps writing).
pub fn snapshot(data_dir: &Path, reason: &str) -> Result<Snapshot> {
    let conn = Connection::open_with_flags(
        paths::db_path(data_dir),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    snapshot_to(&conn, &backup_dir(data_dir), reason)
}

fn slug(reason: &str) -> String {
    reason
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(unix)]
fn owner_only(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn owner_only(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Reads a snapshot's time and reason from its name: `leadbook-<stamp>-<reason>.db`, or the
/// migration backups of earlier builds, `leadbook-v<version>-<stamp>.db`.
fn describe(path: &Path) -> Option<Snapshot> {
    let file = path.file_name()?.to_str()?.to_string();
    let rest = file.strip_prefix("leadbook-")?.strip_suffix(".db")?;
    let (stamp, reason) = match rest.strip_prefix('v') {
        Some(legacy) => {
            let (version, stamp) = legacy.split_once('-')?;
            (stamp.to_string(), format!("migration from v{version}"))
        }
        None => {
            let (stamp, reason) = rest.split_at(rest.find('Z')? + 1);
            (
                stamp.to_string(),
                reason.trim_start_matches('-').replace('-', " "),
            )
        }
    };
    let at = NaiveDateTime::parse_from_str(&stamp, STAMP).ok()?.and_utc();
    Some(Snapshot {
        path: path.display().to_string(),
        file,
        at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        reason,
        size_bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    })
}

/// The snapshots in `data_dir`, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<Snapshot>> {
    let dir = backup_dir(data_dir);
    if !dir.exists() {
        return Ok(vec![]);
    }
    let mut out: Vec<Snapshot> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| describe(&e.path()))
        .collect();
    out.sort_by(|a, b| b.at.cmp(&a.at));
    Ok(out)
}

fn instant(s: &Snapshot) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(&s.at)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Which snapshots the retention policy drops at `now`: everything from the last 7 days stays;
/// older ones keep the newest of each week up to 8 weeks; older still go. `list` is newest first.
pub fn plan_prune(list: &[Snapshot], now: DateTime<Utc>) -> Vec<Snapshot> {
    let mut kept_weeks = std::collections::HashSet::new();
    let mut drop = Vec::new();
    for s in list {
        let Some(at) = instant(s) else { continue };
        let age = now - at;
        if age <= Duration::days(KEEP_ALL_DAYS) {
            continue;
        }
        let week = at.iso_week();
        if age <= Duration::weeks(KEEP_WEEKS) && kept_weeks.insert((week.year(), week.week())) {
            continue;
        }
        drop.push(s.clone());
    }
    drop
}

/// Applies the retention policy; returns what was deleted.
pub fn prune(data_dir: &Path, now: DateTime<Utc>) -> Result<Vec<Snapshot>> {
    let doomed = plan_prune(&list(data_dir)?, now);
    for s in &doomed {
        std::fs::remove_file(&s.path)?;
    }
    Ok(doomed)
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The automatic snapshot: taken when the newest is older than 5 minutes (or there is none) and
/// the database changed since (its file or WAL was written after it); then pruned.
pub fn snapshot_if_due(data_dir: &Path) -> Result<Option<Snapshot>> {
    let db = paths::db_path(data_dir);
    let changed_at = [modified(&db), modified(&db.with_extension("db-wal"))]
        .into_iter()
        .flatten()
        .max();
    let Some(changed_at) = changed_at else {
        return Ok(None);
    };
    let newest = list(data_dir)?.into_iter().next();
    if let Some(newest) = newest.as_ref().and_then(instant) {
        let changed_at: DateTime<Utc> = changed_at.into();
        if Utc::now() - newest < Duration::minutes(AUTO_INTERVAL_MINUTES) || changed_at <= newest {
            return Ok(None);
        }
    }
    let taken = snapshot(data_dir, "auto")?;
    prune(data_dir, Utc::now())?;
    Ok(Some(taken))
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreReport {
    /// The file restored from.
    pub restored: String,
    /// The snapshot of the database as it was just before (or where a damaged one was moved).
    pub previous: Option<String>,
    #[ts(type = "number")]
    pub schema_version: i64,
}

/// Checks that `path` is a sound Leadbook database this build can open: Leadbook's, not newer,
/// and passing SQLite's integrity check. Read-only; changes nothing.
pub fn verify(path: &Path) -> Result<()> {
    if !path.is_file() {
        return Err(Error::invalid(
            "file",
            format!("{} is not a file", path.display()),
        ));
    }
    peek(path)?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let problems = super::check(&conn)?;
    if !problems.is_empty() {
        return Err(Error::storage(format!(
            "{} is damaged ({}); nothing was restored",
            path.display(),
            problems.join("; ")
        )));
    }
    Ok(())
}

/// Replaces the database in `data_dir` with the one at `source`. The caller must have closed
/// its connection (and no other Leadbook may have it open). The source is verified first; the
/// current database is snapshotted, or moved aside whole if it cannot be read. Reopen with
/// `db::open` afterwards (it migrates an older file, with a backup).
pub fn restore(data_dir: &Path, source: &Path) -> Result<RestoreReport> {
    verify(source)?;
    let db = paths::db_path(data_dir);
    let previous = if db.exists() {
        Some(match snapshot(data_dir, "before restore") {
            Ok(s) => s.path,
            Err(_) => set_aside_damaged(data_dir)?,
        })
    } else {
        None
    };
    // Copy beside the database, flush, then rename over it: never half a database.
    let bytes = std::fs::read(source)?;
    for side in ["db-wal", "db-shm"] {
        let side = db.with_extension(side);
        if side.exists() {
            std::fs::remove_file(side)?;
        }
    }
    files::write_atomic(&db, &bytes)?;
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    Ok(RestoreReport {
        restored: source.display().to_string(),
        previous,
        schema_version: schema_version(&conn)?,
    })
}

/// Moves a database that cannot be read aside (never overwritten, never deleted), with its WAL.
pub fn set_aside_damaged(data_dir: &Path) -> Result<String> {
    let dir = backup_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let db = paths::db_path(data_dir);
    let target = dir.join(format!("damaged-{}-leadbook.db", Utc::now().format(STAMP)));
    std::fs::rename(&db, &target)?;
    for side in ["db-wal", "db-shm"] {
        let from = db.with_extension(side);
        if from.exists() {
            std::fs::rename(&from, target.with_extension(side))?;
        }
    }
    files::sync_dir(&dir)?;
    Ok(target.display().to_string())
}

/// The newest snapshot that passes `verify`, for a start-up that found the database damaged.
pub fn latest_good(data_dir: &Path) -> Result<Option<Snapshot>> {
    Ok(list(data_dir)?
        .into_iter()
        .find(|s| verify(Path::new(&s.path)).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db;

    fn named(stamp: &str) -> Snapshot {
        let at = NaiveDateTime::parse_from_str(stamp, STAMP)
            .unwrap()
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        Snapshot {
            file: stamp.into(),
            path: stamp.into(),
            at,
            reason: "auto".into(),
            size_bytes: 0,
        }
    }

    #[test]
    fn retention_keeps_a_week_of_everything_then_one_a_week_for_eight_weeks() {
        let now = NaiveDateTime::parse_from_str("20261204T120000.000Z", STAMP)
            .unwrap()
            .and_utc();
        let mut list: Vec<Snapshot> = (0..100)
            .map(|day| {
                let at = now - Duration::days(day) - Duration::hours(1);
                named(&at.format(STAMP).to_string())
            })
            .collect();
        list.sort_by(|a, b| b.at.cmp(&a.at));
        let dropped = plan_prune(&list, now);
        let kept: Vec<&Snapshot> = list.iter().filter(|s| !dropped.contains(s)).collect();
        let recent = kept
            .iter()
            .filter(|s| now - instant(s).unwrap() <= Duration::days(7))
            .count();
        assert_eq!(recent, 7, "every snapshot of the last 7 days");
        let older: Vec<_> = kept
            .iter()
            .filter(|s| now - instant(s).unwrap() > Duration::days(7))
            .collect();
        assert!(
            older.len() <= KEEP_WEEKS as usize && older.len() >= 6,
            "{}",
            older.len()
        );
        assert!(older
            .iter()
            .all(|s| now - instant(s).unwrap() <= Duration::weeks(8)));
        let weeks: std::collections::HashSet<_> = older
            .iter()
            .map(|s| instant(s).unwrap().iso_week())
            .collect();
        assert_eq!(weeks.len(), older.len(), "one per week");
    }

    #[test]
    fn names_read_back_including_earlier_migration_backups() {
        let s = describe(Path::new(
            "/b/leadbook-20261204T120000.000Z-before-restore.db",
        ))
        .unwrap();
        assert_eq!(
            (s.at.as_str(), s.reason.as_str()),
            ("2026-12-04T12:00:00.000Z", "before restore")
        );
        let s = describe(Path::new("/b/leadbook-v3-20261130T090000.500Z.db")).unwrap();
        assert_eq!(s.reason, "migration from v3");
        assert!(describe(Path::new("/b/notes.txt")).is_none());
    }

    #[test]
    fn snapshot_restore_round_trip_keeps_the_current_one_first() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, _) = db::open(dir.path()).unwrap();
        conn.execute("INSERT INTO meta VALUES ('marker', 'one')", [])
            .unwrap();
        let first = snapshot(dir.path(), "manual").unwrap();
        conn.execute("UPDATE meta SET value = 'two' WHERE key = 'marker'", [])
            .unwrap();
        drop(conn);
        let report = restore(dir.path(), Path::new(&first.path)).unwrap();
        let (conn, _) = db::open(dir.path()).unwrap();
        let marker: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'marker'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(marker, "one");
        // The state just before the restore was kept.
        let before = Connection::open(report.previous.unwrap()).unwrap();
        let marker: String = before
            .query_row("SELECT value FROM meta WHERE key = 'marker'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(marker, "two");
        assert_eq!(list(dir.path()).unwrap().len(), 2);
    }

    #[test]
    fn a_damaged_or_foreign_file_is_never_restored() {
        let dir = tempfile::tempdir().unwrap();
        drop(db::open(dir.path()).unwrap());
        let before = std::fs::read(paths::db_path(dir.path())).unwrap();
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, b"SQLite format 3\0 but then nothing sensible at all").unwrap();
        assert!(restore(dir.path(), &junk).is_err());
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); PRAGMA user_version = 7;")
            .unwrap();
        assert!(restore(dir.path(), &other).is_err());
        assert!(restore(dir.path(), &dir.path().join("missing.db")).is_err());
        assert_eq!(std::fs::read(paths::db_path(dir.path())).unwrap(), before);
        assert!(
            list(dir.path()).unwrap().is_empty(),
            "nothing snapshotted for a refused restore"
        );
    }

    #[test]
    fn a_damaged_database_is_refused_at_start_and_the_latest_good_snapshot_restores() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, _) = db::open(dir.path()).unwrap();
        crate::demo::load(&conn, crate::time::today()).unwrap();
        let good = snapshot(dir.path(), "auto").unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        drop(conn);
        // Scribble over pages in the middle of the file, as a failing disk might.
        let path = paths::db_path(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        for b in &mut bytes[page * 3..page * 6] {
            *b = 0xA5;
        }
        std::fs::write(&path, &bytes).unwrap();
        let e = db::open(dir.path()).unwrap_err();
        assert_eq!(e.code, crate::ErrorCode::Damaged, "{}", e.message);
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "the damaged file is left as it is"
        );
        let latest = latest_good(dir.path()).unwrap().unwrap();
        assert_eq!(latest.path, good.path);
        let report = restore(dir.path(), Path::new(&latest.path)).unwrap();
        // The damaged file could not be snapshotted, so it was moved aside, byte for byte.
        let aside = report.previous.unwrap();
        assert!(aside.contains("damaged-"), "{aside}");
        assert_eq!(std::fs::read(&aside).unwrap(), bytes);
        let (conn, _) = db::open(dir.path()).unwrap();
        assert_eq!(
            crate::people::list(&conn, &Default::default())
                .unwrap()
                .len(),
            8
        );
    }

    #[test]
    fn auto_snapshots_only_when_changed_and_due() {
        let dir = tempfile::tempdir().unwrap();
        let (conn, _) = db::open(dir.path()).unwrap();
        let first = snapshot_if_due(dir.path()).unwrap();
        assert!(first.is_some(), "no snapshot yet: take one");
        conn.execute("INSERT INTO meta VALUES ('x', 'y')", [])
            .unwrap();
        assert!(
            snapshot_if_due(dir.path()).unwrap().is_none(),
            "changed, but the last one is under 5 minutes old"
        );
    }
}
