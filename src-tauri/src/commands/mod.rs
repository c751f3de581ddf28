//! Tauri commands: thin adapters from IPC to leadbook-core, one module per area.

pub mod app;
pub mod blueprint;
pub mod drafts;
pub mod ladders;
pub mod one_on_ones;
pub mod palette;
pub mod people;
pub mod settings;
pub mod skills;

use std::path::PathBuf;

use leadbook_core::Error;
use tauri::{AppHandle, Wry};
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

/// Asks which file to open with the native open dialog; `None` if the user cancelled.
pub(crate) fn ask_open_path(
    app: &AppHandle,
    title: &str,
    ext: &str,
) -> Result<Option<PathBuf>, Error> {
    let Some(path) = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(ext.to_uppercase(), &[ext])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    path.into_path()
        .map(Some)
        .map_err(|e| Error::storage(format!("unusable file: {e}")))
}

/// Every command the page may call, in one list (an area adds its module's commands here).
/// `ui/src/lib/ipc.ts` wraps each; the test `tests/ipc_contract.rs` fails when they differ.
pub fn handler() -> impl Fn(tauri::ipc::Invoke<Wry>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        app::app_status,
        app::demo_load,
        people::people_list,
        people::people_get,
        people::people_add,
        people::people_update,
        people::people_archive,
        people::people_restore,
        blueprint::blueprint_document,
        blueprint::blueprint_edit,
        blueprint::blueprint_add,
        blueprint::blueprint_delete,
        blueprint::blueprint_move,
        blueprint::blueprint_reset,
        blueprint::blueprint_revisions,
        blueprint::blueprint_restore,
        blueprint::blueprint_search,
        blueprint::blueprint_export,
        one_on_ones::oo_prep,
        one_on_ones::oo_due,
        one_on_ones::oo_meetings,
        one_on_ones::oo_start,
        one_on_ones::oo_set_meeting_date,
        one_on_ones::oo_delete_meeting,
        one_on_ones::oo_save_notes,
        one_on_ones::oo_add_point,
        one_on_ones::oo_add_action,
        one_on_ones::oo_set_action_done,
        one_on_ones::oo_add_goal,
        one_on_ones::oo_set_goal_status,
        one_on_ones::oo_settings,
        one_on_ones::oo_set_settings,
        one_on_ones::oo_templates,
        one_on_ones::oo_create_template,
        one_on_ones::oo_update_template,
        one_on_ones::oo_delete_template,
        one_on_ones::oo_search,
        one_on_ones::oo_export,
        drafts::drafts_keep,
        drafts::drafts_list,
        drafts::drafts_discard,
        palette::palette_search,
        skills::skills_matrix,
        skills::skills_catalog,
        skills::skills_add,
        skills::skills_update,
        skills::skills_retire,
        skills::skills_restore,
        skills::skills_set_scale,
        skills::skills_rate,
        skills::skills_set_wants,
        skills::skills_history,
        skills::skills_profile,
        skills::skills_import,
        skills::skills_export,
        ladders::ladders_list,
        ladders::ladders_get,
        ladders::ladders_create,
        ladders::ladders_update,
        ladders::ladders_add_level,
        ladders::ladders_update_level,
        ladders::ladders_delete_level,
        ladders::ladders_add_competency,
        ladders::ladders_update_competency,
        ladders::ladders_delete_competency,
        ladders::ladders_set_expectation,
        ladders::ladders_set_expected_skill,
        ladders::ladders_history,
        ladders::ladders_diff,
        ladders::ladders_people,
        ladders::ladders_assign,
        ladders::ladders_unassign,
        ladders::ladders_assess,
        ladders::ladders_readiness,
        ladders::ladders_evidence,
        ladders::ladders_add_evidence,
        ladders::ladders_delete_evidence,
        ladders::ladders_export,
        settings::settings_preferences,
        settings::settings_set_preferences,
        settings::settings_db_info,
        settings::settings_check_db,
        settings::settings_snapshots,
        settings::settings_snapshot_now,
        settings::settings_restore_snapshot,
        settings::settings_restore_latest_good,
        settings::settings_export_archive,
        settings::settings_import_archive,
    ]
}
