use tauri::State;

use crate::state::AppState;
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
