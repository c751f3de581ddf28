//! The Leadbook desktop app: window, single-instance guard, and thin commands over leadbook-core.

mod commands;
mod single_instance;
mod state;

use std::path::PathBuf;

use leadbook_core::paths;
use tauri::Manager;

/// `--data-dir DIR` or `--data-dir=DIR` from the command line, if given.
fn data_dir_arg() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

pub fn run() {
    let data_dir = paths::resolve_data_dir(data_dir_arg().as_deref());

    // One app instance per data dir: a second launch asks the first to show itself and exits.
    let guard = match single_instance::acquire(&data_dir) {
        Ok(single_instance::Acquired::First(guard)) => guard,
        Ok(single_instance::Acquired::AlreadyRunning) => return,
        Err(e) => {
            eprintln!("leadbook: cannot use data dir {}: {e}", data_dir.display());
            std::process::exit(1);
        }
    };

    let app_state = state::AppState::open(&data_dir);

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(app_state)
        .setup(move |app| {
            guard.listen_for_focus(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::demo_load,
            commands::people::people_list,
            commands::people::people_get,
            commands::people::people_add,
            commands::people::people_update,
            commands::people::people_archive,
            commands::people::people_restore,
            commands::blueprint::blueprint_document,
            commands::blueprint::blueprint_edit,
            commands::blueprint::blueprint_add,
            commands::blueprint::blueprint_delete,
            commands::blueprint::blueprint_move,
            commands::blueprint::blueprint_reset,
            commands::blueprint::blueprint_history,
            commands::blueprint::blueprint_restore,
            commands::blueprint::blueprint_search,
            commands::blueprint::blueprint_export,
            commands::one_on_ones::oo_prep,
            commands::one_on_ones::oo_due,
            commands::one_on_ones::oo_meetings,
            commands::one_on_ones::oo_start,
            commands::one_on_ones::oo_set_meeting_date,
            commands::one_on_ones::oo_delete_meeting,
            commands::one_on_ones::oo_save_notes,
            commands::one_on_ones::oo_add_point,
            commands::one_on_ones::oo_add_action,
            commands::one_on_ones::oo_set_action_done,
            commands::one_on_ones::oo_add_goal,
            commands::one_on_ones::oo_set_goal_status,
            commands::one_on_ones::oo_settings,
            commands::one_on_ones::oo_set_settings,
            commands::one_on_ones::oo_templates,
            commands::one_on_ones::oo_create_template,
            commands::one_on_ones::oo_update_template,
            commands::one_on_ones::oo_delete_template,
            commands::one_on_ones::oo_search,
            commands::one_on_ones::oo_export,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Leadbook");
}

/// Brings the main window to the front (used when a second instance is launched).
pub(crate) fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
