use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use tauri::{AppHandle, State};

use crate::state::AppState;
use leadbook_core::db::archive::{self, ArchiveReport};
use leadbook_core::db::snapshots::{self, RestoreReport, Snapshot};
use leadbook_core::db::{self, CheckReport, DbInfo};
use leadbook_core::preferences::{self, Preferences};
use leadbook_core::Error;

#[tauri::command]
pub async fn settings_preferences(state: State<'_, AppState>) -> Result<Preferences, Error> {
    state.with_db(|c| preferences::get(c)).await
}

#[tauri::command]
pub async fn settings_set_preferences(
    state: State<'_, AppState>,
    preferences: Preferences,
) -> Result<Preferences, Error> {
    state
        .with_db(move |c| preferences::set(c, &preferences))
        .await
}

#[tauri::command]
pub async fn settings_db_info(state: State<'_, AppState>) -> Result<DbInfo, Error> {
    let data_dir = state.data_dir.clone();
    state.with_db(move |c| db::info(c, &data_dir)).await
}

/// SQLite's integrity and foreign key checks over the whole file.
#[tauri::command]
pub async fn settings_check_db(state: State<'_, AppState>) -> Result<CheckReport, Error> {
    state.with_db(|c| db::check_report(c)).await
}

/// The snapshots in the data folder's backups/, newest first.
#[tauri::command]
pub async fn settings_snapshots(state: State<'_, AppState>) -> Result<Vec<Snapshot>, Error> {
    let data_dir = state.data_dir.clone();
    tauri::async_runtime::spawn_blocking(move || snapshots::list(&data_dir))
        .await
        .map_err(|e| Error::storage(format!("task failed: {e}")))?
}

#[tauri::command]
pub async fn settings_snapshot_now(state: State<'_, AppState>) -> Result<Snapshot, Error> {
    let data_dir = state.data_dir.clone();
    state
        .with_db(move |_| snapshots::snapshot(&data_dir, "manual"))
        .await
}

/// Restores the snapshot named `file` (a name from `settings_snapshots`, never a path). The
/// page reloads afterwards.
#[tauri::command]
pub async fn settings_restore_snapshot(
    state: State<'_, AppState>,
    file: String,
) -> Result<RestoreReport, Error> {
    state
        .replace_db(move |dir| {
            let chosen = snapshots::list(dir)?
                .into_iter()
                .find(|s| s.file == file)
                .ok_or_else(|| Error::not_found("Snapshot"))?;
            snapshots::restore(dir, Path::new(&chosen.path))
        })
        .await
}

/// For a database found damaged at start: restores the newest snapshot that passes the
/// integrity check (the damaged file is moved aside, never overwritten).
#[tauri::command]
pub async fn settings_restore_latest_good(
    state: State<'_, AppState>,
) -> Result<RestoreReport, Error> {
    state
        .replace_db(|dir| {
            let good = snapshots::latest_good(dir)?
                .ok_or_else(|| Error::not_found("A snapshot that passes the integrity check"))?;
            snapshots::restore(dir, Path::new(&good.path))
        })
        .await
}

/// Everything to one archive file where the user chooses. `None` if the dialog was cancelled.
#[tauri::command]
pub async fn settings_export_archive(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, Error> {
    let name = format!("leadbook-{}.json", leadbook_core::time::today());
    let Some(path) = super::ask_save_path(&app, "Export everything", &name, "json")? else {
        return Ok(None);
    };
    let bytes = state
        .with_db(|c| archive::to_bytes(&archive::export(c)?))
        .await?;
    leadbook_export::write_file(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}

/// The archive an import was refused for (the database holds data): the replace the page asks
/// for next uses the file the user already chose rather than asking for it again.
static REFUSED_IMPORT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Which archive to import: with `replace`, the one just refused if there is one; otherwise
/// (or without one) what `ask` gets from the user. Either way nothing stays remembered.
fn archive_to_import(
    replace: bool,
    refused: &Mutex<Option<PathBuf>>,
    ask: impl FnOnce() -> Result<Option<PathBuf>, Error>,
) -> Result<Option<PathBuf>, Error> {
    let refused = refused
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    match refused {
        Some(path) if replace => Ok(Some(path)),
        _ => ask(),
    }
}

/// Loads an archive the user picks: into an empty database, or with `replace` over this one
/// (a snapshot is taken first). Refused (`conflict`) over a database that holds data unless
/// `replace`; the replace that follows uses the same file without asking again. `None` if the
/// dialog was cancelled. The page reloads afterwards.
#[tauri::command]
pub async fn settings_import_archive(
    app: AppHandle,
    state: State<'_, AppState>,
    replace: bool,
) -> Result<Option<ArchiveReport>, Error> {
    let Some(path) = archive_to_import(replace, &REFUSED_IMPORT, || {
        super::ask_open_path(&app, "Import an archive", "json")
    })?
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| Error::invalid("file", format!("cannot read {}: {e}", path.display())))?;
    let parsed = archive::parse(&bytes)?;
    let data_dir = state.data_dir.clone();
    let result = state
        .with_db(move |c| {
            if replace {
                snapshots::snapshot(&data_dir, "before archive import")?;
            }
            archive::import(c, &parsed, replace)
        })
        .await;
    if let Err(e) = &result {
        if !replace && e.code == leadbook_core::ErrorCode::Conflict {
            *REFUSED_IMPORT
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Some(path);
        }
    }
    result.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replace_after_a_refused_import_uses_the_same_file_once() {
        let refused = Mutex::new(None);
        let asked = |p: &str| {
            let p = PathBuf::from(p);
            move || Ok(Some(p))
        };
        // Nothing refused yet: a replace asks.
        let got = archive_to_import(true, &refused, asked("/picked.json")).unwrap();
        assert_eq!(got, Some(PathBuf::from("/picked.json")));
        // Refused, then the replace the page asks for: the same file, without asking.
        *refused.lock().unwrap() = Some(PathBuf::from("/first.json"));
        let got = archive_to_import(true, &refused, || panic!("must not ask")).unwrap();
        assert_eq!(got, Some(PathBuf::from("/first.json")));
        assert!(refused.lock().unwrap().is_none(), "used once");
        // Refused, then a fresh import (not a replace): asks again and forgets the old file.
        *refused.lock().unwrap() = Some(PathBuf::from("/first.json"));
        let got = archive_to_import(false, &refused, asked("/second.json")).unwrap();
        assert_eq!(got, Some(PathBuf::from("/second.json")));
        assert!(refused.lock().unwrap().is_none());
        // Cancelled dialog.
        assert_eq!(
            archive_to_import(false, &refused, || Ok(None)).unwrap(),
            None
        );
    }
}
