use tauri::State;

use crate::state::AppState;
use leadbook_core::store::AppStatus;
use leadbook_core::Error;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, Error> {
    Ok(state.status())
}
