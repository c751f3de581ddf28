//! The app's database handle, shared by commands; SQLite work runs off the main thread.

use std::path::{Path, PathBuf};

use leadbook_core::db::{self, AppStatus, OpenReport, SharedConnection};
use leadbook_core::{revisions, Error};
use rusqlite::Connection;

pub struct AppState {
    pub data_dir: PathBuf,
    /// The open database, or why it could not be opened (shown as a banner in the UI).
    pub db: Result<(SharedConnection, OpenReport), Error>,
}

impl AppState {
    pub fn open(data_dir: &Path) -> Self {
        let db = db::open(data_dir).and_then(|(conn, report)| {
            revisions::set_actor(&conn, "app")?;
            Ok((SharedConnection::new(conn), report))
        });
        if let Err(e) = &db {
            eprintln!("leadbook: {}", e.message);
        }
        AppState {
            data_dir: data_dir.to_path_buf(),
            db,
        }
    }

    pub fn status(&self) -> AppStatus {
        let (db_path, schema_version, error) = match &self.db {
            Ok((_, report)) => (Some(report.path.clone()), Some(report.to_version), None),
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
        let conn = match &self.db {
            Ok((conn, _)) => conn.clone(),
            Err(e) => return Err(e.clone()),
        };
        tauri::async_runtime::spawn_blocking(move || conn.run(work))
            .await
            .map_err(|e| Error::storage(format!("database task failed: {e}")))?
    }
}
