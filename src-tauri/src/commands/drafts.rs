//! Drafts of text the page could not save to the database: kept as files, offered back at start.

use tauri::State;

use crate::state::AppState;
use leadbook_core::drafts::{self, Draft};
use leadbook_core::Error;

/// Keeps what an editor could not save (no database involved: this is for when it fails).
#[tauri::command]
pub async fn drafts_keep(state: State<'_, AppState>, draft: Draft) -> Result<(), Error> {
    drafts::keep(&state.data_dir, &draft)
}

#[tauri::command]
pub async fn drafts_list(state: State<'_, AppState>) -> Result<Vec<Draft>, Error> {
    drafts::list(&state.data_dir)
}

#[tauri::command]
pub async fn drafts_discard(state: State<'_, AppState>, key: String) -> Result<(), Error> {
    drafts::discard(&state.data_dir, &key)
}
