//! The app's database handle, shared by commands; SQLite work runs off the main thread.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use leadbook_core::db::{self, AppStatus, OpenReport, SharedConnection};
use leadbook_core::{revisions, Error};
use rusqlite::Connection;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (every command then returns that).
    pub db: SharedConnection,
    /// What the last open did, or why it failed (shown as a banner in the UI).
    opened: Mutex<Result<OpenReport, Error>>,
}

/// Opens the data dir's database for the app (migrating it, with a backup first).
fn open_for_app(data_dir: &Path) -> Result<(Connection, OpenReport), Error> {
    let (conn, report) = db::open(data_dir)?;
    revisions::set_actor(&conn, "app")?;
    Ok((conn, report))
}

impl AppState {
    pub fn open(data_dir: &Path) -> Self {
        let opened = open_for_app(data_dir);
        if let Err(e) = &opened {
            eprintln!("leadbook: {}", e.message);
        }
        let (conn, report) = match opened {
            Ok((conn, report)) => (Ok(conn), Ok(report)),
            Err(e) => (Err(e.clone()), Err(e)),
        };
        AppState {
            data_dir: data_dir.to_path_buf(),
            db: SharedConnection::new(conn),
            opened: Mutex::new(report),
        }
    }

    pub fn status(&self) -> AppStatus {
        let opened = self.opened.lock().unwrap_or_else(PoisonError::into_inner);
        let (db_path, schema_version, error) = match &*opened {
            Ok(report) => (Some(report.path.clone()), Some(report.to_version), None),
            Err(e) => (None, None, Some(e.clone())),
        };
        AppStatus {
            data_dir: self.data_dir.display().to_string(),
            db_path,
            schema_version,
            error,
        }
    }

    /// Runs `work` on the connection in a blocking thread, so the UI thread never waits on disk.
    /// A panic in `work` becomes an `internal` error and leaves the connection usable.
    pub async fn with_db<T, F>(&self, work: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, Error> + Send + 'static,
    {
        let conn = self.db.clone();
        tauri::async_runtime::spawn_blocking(move || conn.run(work))
            .await
            .map_err(|e| Error::storage(format!("database task failed: {e}")))?
    }

    /// Replaces the database file (a restore, an archive import over it) with the connection
    /// closed, then reopens it; the status follows. Runs on a blocking thread.
    pub async fn replace_db<T, F>(&self, replace: F) -> Result<T, Error>
    where
        T: Send + 'static,
        F: FnOnce(&Path) -> Result<T, Error> + Send + 'static,
    {
        let conn = self.db.clone();
        let data_dir = self.data_dir.clone();
        let (out, reopened) = tauri::async_runtime::spawn_blocking(move || {
            let mut report = None;
            let out = conn.reopen(
                || replace(&data_dir),
                || {
                    let opened = open_for_app(&data_dir);
                    report = Some(
                        opened
                            .as_ref()
                            .map(|(_, r)| r.clone())
                            .map_err(Clone::clone),
                    );
                    opened.map(|(c, _)| c)
                },
            );
            (out, report)
        })
        .await
        .map_err(|e| Error::storage(format!("database task failed: {e}")))?;
        if let Some(report) = reopened {
            *self.opened.lock().unwrap_or_else(PoisonError::into_inner) = report;
        }
        out
    }
}
