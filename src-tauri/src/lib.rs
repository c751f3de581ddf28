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
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("leadbook: the window could not start: {e}");
            std::process::exit(1);
        });
}

/// Brings the main window to the front (used when a second instance is launched).
pub(crate) fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
