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
    keep_snapshots(app_state.db.clone(), data_dir.clone());

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

/// Takes a snapshot at most every 5 minutes while there are changes, and prunes old ones, on a
/// thread of its own (the snapshot reads through its own connection, so typing never waits).
fn keep_snapshots(db: leadbook_core::db::SharedConnection, data_dir: PathBuf) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
        // Only while the database is open (not damaged, not being replaced).
        if db.run(|_| Ok(())).is_err() {
            continue;
        }
        if let Err(e) = leadbook_core::db::snapshots::snapshot_if_due(&data_dir) {
            eprintln!("leadbook: automatic snapshot failed: {}", e.message);
        }
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
