use tauri::{AppHandle, State};

use crate::state::AppState;
use leadbook_core::blueprint::{
    self, Added, BlueprintDocument, ExportFormat, NewNode, NodeContent, Revision, SearchHit,
    Section,
};
use leadbook_core::Error;

#[tauri::command]
pub async fn blueprint_document(state: State<'_, AppState>) -> Result<BlueprintDocument, Error> {
    state.with_db(|c| blueprint::document(c)).await
}

#[tauri::command]
pub async fn blueprint_edit(
    state: State<'_, AppState>,
    id: String,
    content: NodeContent,
) -> Result<Section, Error> {
    state
        .with_db(move |c| blueprint::edit_node(c, &id, &content))
        .await
}

#[tauri::command]
pub async fn blueprint_add(state: State<'_, AppState>, node: NewNode) -> Result<Added, Error> {
    state.with_db(move |c| blueprint::add_node(c, &node)).await
}

#[tauri::command]
pub async fn blueprint_delete(state: State<'_, AppState>, id: String) -> Result<Section, Error> {
    state.with_db(move |c| blueprint::delete_node(c, &id)).await
}

#[tauri::command]
pub async fn blueprint_move(
    state: State<'_, AppState>,
    id: String,
    offset: i64,
) -> Result<Section, Error> {
    state
        .with_db(move |c| blueprint::move_node(c, &id, offset))
        .await
}

#[tauri::command]
pub async fn blueprint_reset(
    state: State<'_, AppState>,
    section_id: String,
) -> Result<Section, Error> {
    state
        .with_db(move |c| blueprint::reset_section(c, &section_id))
        .await
}

#[tauri::command]
pub async fn blueprint_revisions(
    state: State<'_, AppState>,
    section_id: String,
) -> Result<Vec<Revision>, Error> {
    state
        .with_db(move |c| blueprint::revisions(c, &section_id))
        .await
}

#[tauri::command]
pub async fn blueprint_restore(
    state: State<'_, AppState>,
    revision_id: i64,
) -> Result<Section, Error> {
    state
        .with_db(move |c| blueprint::restore_revision(c, revision_id))
        .await
}

#[tauri::command]
pub async fn blueprint_search(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<SearchHit>, Error> {
    state
        .with_db(move |c| blueprint::search(c, &query, 50))
        .await
}

/// Asks where to save (native dialog), then writes the export there. `None` if cancelled.
#[tauri::command]
pub async fn blueprint_export(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> Result<Option<String>, Error> {
    let ext = format.extension();
    let title = "Export the role blueprint";
    let Some(path) = super::ask_save_path(&app, title, &format!("role-blueprint.{ext}"), ext)?
    else {
        return Ok(None);
    };
    let doc = state.with_db(|c| blueprint::document(c)).await?;
    let bytes = tauri::async_runtime::spawn_blocking(move || {
        leadbook_export::blueprint::render(&doc, format)
    })
    .await
    .map_err(|e| Error::storage(format!("export task failed: {e}")))??;
    leadbook_export::write_file(&path, &bytes)?;
    Ok(Some(path.display().to_string()))
}
