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
            commands::open_meeting,
            commands::create_meeting,
            commands::duplicate_meeting,
            commands::delete_meeting,
            commands::update_header,
            commands::add_item,
            commands::rename_item,
            commands::delete_item,
            commands::move_item,
            commands::indent_item,
            commands::outdent_item,
            commands::move_material,
            commands::attach_material,
            commands::undo,
            commands::redo,
        ])
        .run(tauri::generate_context!())
}
