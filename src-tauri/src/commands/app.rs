use tauri::State;

use crate::state::AppState;
use leadbook_core::db::AppStatus;
use leadbook_core::Error;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, Error> {
    Ok(state.status())
}

/// Fills an empty database with the demo team (refused when people already exist).
#[tauri::command]
pub async fn demo_load(
    state: State<'_, AppState>,
) -> Result<leadbook_core::demo::DemoReport, Error> {
    state
        .with_db(|c| leadbook_core::demo::load(c, leadbook_core::time::today()))
        .await
}
