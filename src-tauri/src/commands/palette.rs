use tauri::State;

use crate::state::AppState;
use leadbook_core::palette::{self, PaletteHit};
use leadbook_core::Error;

#[tauri::command]
pub async fn palette_search(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<PaletteHit>, Error> {
    state.with_db(move |c| palette::search(c, &query)).await
}
