//! Shiryo's desktop shell: the Tauri window, the open workspace as state, and one command per use case.

mod commands;
mod export;
mod files;
mod office;
mod workspace;

use tauri::Manager;

/// Opens the window and runs until it is closed.
pub fn run() -> tauri::Result<()> {
    app(tauri::Builder::default()).run(tauri::generate_context!())
}

/// The shell on any runtime: plugins, state and every command. The tests drive it on Tauri's mock runtime
/// (src-tauri/tests/hostile_ipc.rs sends each command hostile values).
pub fn app<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        // Remembers the window's size and position (saved on close, restored at start).
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            // Never fails: an error opening the workspace is kept and shown by the UI.
            app.manage(workspace::Workspace::open(app.handle()));
            app.manage(export::Exports::at_start());
            app.manage(office::Conversions::from_env(app.handle()));
            let opened = app.state::<workspace::Workspace>().current_path();
            app.manage(files::Recent::load(app.handle(), opened.as_deref()));
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
            commands::material_pages,
            commands::export_pdf,
            commands::list_distributions,
            commands::change_report,
            commands::export_replacements,
            commands::today,
            commands::day_label,
            commands::cancel_export,
            commands::exported_pdf,
            commands::export_split,
            commands::list_printers,
            commands::sheet_plan,
            commands::print_packet,
            commands::add_material,
            commands::rename_material,
            commands::delete_material,
            commands::material_text,
            commands::set_material_text,
            commands::place_material,
            commands::place_item,
            commands::check_meeting,
            commands::open_workspace,
            commands::new_workspace,
            commands::recent_workspaces,
            commands::open_recent,
            commands::forget_recent,
            commands::list_backups,
            commands::restore_backup,
            commands::open_shinkyu,
            commands::set_shinkyu_text,
            commands::set_shinkyu_tracked,
            commands::import_shinkyu_received,
            commands::set_shinkyu_options,
            commands::edit_shinkyu,
            commands::undo_shinkyu,
            commands::redo_shinkyu,
            commands::kpi_review,
            commands::kpi_edit_row,
            commands::kpi_import,
            commands::table_view,
            commands::table_set_layout,
            commands::table_undo,
            commands::table_preview,
            commands::text_structure,
            commands::kpi_undo,
            commands::kpi_redo,
            commands::converter_status,
            commands::add_office_material,
            commands::replace_material_file,
            commands::reconvert_material,
            commands::cancel_conversion,
            commands::office_material,
        ])
}
