//! Tauri commands: thin adapters from IPC to leadbook-core, one module per area.

pub mod app;
pub mod blueprint;
pub mod one_on_ones;
pub mod people;

use std::path::PathBuf;

use leadbook_core::Error;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Asks where to save an export with the native save dialog; `None` if the user cancelled.
/// Exports are only ever written where the user chose here.
pub(crate) fn ask_save_path(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    ext: &str,
) -> Result<Option<PathBuf>, Error> {
    let Some(path) = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(ext.to_uppercase(), &[ext])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    path.into_path()
        .map(Some)
        .map_err(|e| Error::storage(format!("unusable save location: {e}")))
}
