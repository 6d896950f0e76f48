//! Shiryo's desktop shell: the Tauri window, the open workspace as state, and one command per use case.

mod commands;
mod workspace;

use tauri::Manager;

/// Opens the window and runs until it is closed.
pub fn run() -> tauri::Result<()> {
    tauri::Builder::default()
        .setup(|app| {
            // Never fails: an error opening the workspace is kept and shown by the UI.
            app.manage(workspace::Workspace::open(app.handle()));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::workspace_info,
            commands::list_meetings,
            commands::get_shidai,
        ])
        .run(tauri::generate_context!())
}
