//! Where Leadbook keeps its data. The app and the CLI resolve the data dir the same way.

use std::path::{Path, PathBuf};

/// The app identifier; on Linux the data lives in `~/.local/share/<APP_IDENTIFIER>/`.
/// Must match `identifier` in `src-tauri/tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "app.leadbook.desktop";
/// Environment variable that overrides the data dir (for tests, demos, several profiles).
pub const DATA_DIR_ENV: &str = "LEADBOOK_DATA_DIR";
pub const DB_FILE: &str = "leadbook.db";
pub const BACKUP_DIR: &str = "backups";
/// The running app holds an exclusive lock on this file in its data dir.
pub const LOCK_FILE: &str = "leadbook.lock";

/// The data dir: an explicit `--data-dir` first, then `LEADBOOK_DATA_DIR`, then the OS app data dir.
pub fn resolve_data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_IDENTIFIER)
}

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

/// Whether a Leadbook app has this data dir open (it holds the lock), so a tool that would
/// replace the database underneath it can refuse.
pub fn app_is_running(data_dir: &Path) -> bool {
    let Ok(file) = std::fs::File::open(data_dir.join(LOCK_FILE)) else {
        return false;
    };
    matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_dir_wins() {
        assert_eq!(
            resolve_data_dir(Some(Path::new("/tmp/x"))),
            PathBuf::from("/tmp/x")
        );
    }

    #[test]
    fn default_dir_ends_with_identifier() {
        if std::env::var_os(DATA_DIR_ENV).is_none() {
            assert!(resolve_data_dir(None).ends_with(APP_IDENTIFIER));
        }
    }
}
