//! The IPC commands: each is one call into `shiryo_app` on the open workspace.

use shiryo_app::editor::{
    AddItemRequest, AttachMaterialRequest, CreateMeetingRequest, DeleteItemRequest, DeleteMeetingRequest,
    DuplicateMeetingRequest, IndentItemRequest, MoveItemRequest, MoveMaterialRequest, OpenMeetingRequest,
    OutdentItemRequest, RenameItemRequest, UpdateHeaderRequest,
};
use shiryo_app::{AppErrorDto, EditOutcome, MeetingSummary, ShidaiRequest, ShidaiView, WorkspaceInfo};
use tauri::State;

use crate::workspace::Workspace;

#[tauri::command(async)]
pub fn workspace_info(workspace: State<'_, Workspace>) -> Result<WorkspaceInfo, AppErrorDto> {
    workspace.with(|app| app.workspace_info())
}

#[tauri::command(async)]
pub fn list_meetings(workspace: State<'_, Workspace>) -> Result<Vec<MeetingSummary>, AppErrorDto> {
    workspace.with(|app| app.list_meetings())
}

#[tauri::command(async)]
pub fn get_shidai(workspace: State<'_, Workspace>, req: ShidaiRequest) -> Result<ShidaiView, AppErrorDto> {
    workspace.with(|app| app.shidai(&req))
}

#[tauri::command(async)]
pub fn open_meeting(workspace: State<'_, Workspace>, req: OpenMeetingRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.with(|app| app.open_meeting(&req))
}

#[tauri::command(async)]
pub fn create_meeting(workspace: State<'_, Workspace>, req: CreateMeetingRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.create_meeting(&req, now))
}

#[tauri::command(async)]
pub fn duplicate_meeting(
    workspace: State<'_, Workspace>,
    req: DuplicateMeetingRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.duplicate_meeting_for_editor(&req, now))
}

#[tauri::command(async)]
pub fn delete_meeting(workspace: State<'_, Workspace>, req: DeleteMeetingRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.delete_meeting(&req, now))
}

#[tauri::command(async)]
pub fn update_header(workspace: State<'_, Workspace>, req: UpdateHeaderRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.update_header(&req, now))
}

#[tauri::command(async)]
pub fn add_item(workspace: State<'_, Workspace>, req: AddItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.add_item(&req, now))
}

#[tauri::command(async)]
pub fn rename_item(workspace: State<'_, Workspace>, req: RenameItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.rename_item(&req, now))
}

#[tauri::command(async)]
pub fn delete_item(workspace: State<'_, Workspace>, req: DeleteItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.delete_item(&req, now))
}

#[tauri::command(async)]
pub fn move_item(workspace: State<'_, Workspace>, req: MoveItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.move_item(&req, now))
}

#[tauri::command(async)]
pub fn indent_item(workspace: State<'_, Workspace>, req: IndentItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.indent_item(&req, now))
}

#[tauri::command(async)]
pub fn outdent_item(workspace: State<'_, Workspace>, req: OutdentItemRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.outdent_item(&req, now))
}

#[tauri::command(async)]
pub fn move_material(workspace: State<'_, Workspace>, req: MoveMaterialRequest) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.move_material(&req, now))
}

#[tauri::command(async)]
pub fn attach_material(
    workspace: State<'_, Workspace>,
    req: AttachMaterialRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.attach_material(&req, now))
}

#[tauri::command(async)]
pub fn undo(workspace: State<'_, Workspace>) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.undo(now))
}

#[tauri::command(async)]
pub fn redo(workspace: State<'_, Workspace>) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.redo(now))
}

/// The pages each 資料 of a meeting prints as: read under the workspace lock (SQLite reads), laid out on a
/// worker thread without it, so the editor's next save never waits for a long packet to be laid out.
#[tauri::command]
pub async fn material_pages(
    workspace: State<'_, Workspace>,
    req: ShidaiRequest,
) -> Result<shiryo_app::MaterialPages, AppErrorDto> {
    let prepared = workspace.with(|app| app.prepare_page_count(req.meeting_id))?;
    tauri::async_runtime::spawn_blocking(move || prepared.material_pages())
        .await
        .map_err(|e| AppErrorDto::internal(format!("the page count thread failed: {e}")))?
        .map_err(AppErrorDto::from)
}

// ── Export (helper "app"): save dialog in the backend, worker thread, progress channel, cancel ──

#[tauri::command]
pub async fn export_pdf<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::export::Exports>,
    req: shiryo_app::ExportRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::ExportProgress>,
) -> Result<shiryo_app::ExportOutcome, AppErrorDto> {
    let running = exports.begin(run)?;
    let Some(prepared) = running.prepare(&workspace, &req)? else {
        return Ok(shiryo_app::ExportOutcome::Cancelled);
    };
    let Some(out) = running.choose_target(app, prepared.file_name().to_string()).await? else {
        return Ok(shiryo_app::ExportOutcome::NoTarget);
    };
    let now = crate::workspace::local_now();
    // A closed page cannot take progress any more; the export goes on regardless.
    match running.run(prepared, out, now, move |p| drop(on_progress.send(p))).await? {
        // A ticked 「配付版として記録」: the version is written under the workspace lock once the PDF is in place.
        shiryo_app::ExportOutcome::Done { report } => {
            let report = workspace.with_mut(|app| app.finish_export(report, now))?;
            Ok(shiryo_app::ExportOutcome::Done { report })
        }
        other => Ok(other),
    }
}

/// Saves one file per 資料 into a folder named after the meeting, inside the folder the person picks.
#[tauri::command]
pub async fn export_split<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::export::Exports>,
    req: shiryo_app::ExportRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::ExportProgress>,
) -> Result<shiryo_app::SplitOutcome, AppErrorDto> {
    let running = exports.begin(run)?;
    let Some(prepared) = running.prepare(&workspace, &req)? else {
        return Ok(shiryo_app::SplitOutcome::Cancelled);
    };
    let Some(dir) = running.choose_folder(app, prepared.folder_name()).await? else {
        return Ok(shiryo_app::SplitOutcome::NoTarget);
    };
    let now = crate::workspace::local_now();
    let job = move |c: &shiryo_app::Cancel| prepared.run_split(&dir, now, &mut |p| drop(on_progress.send(p)), c);
    Ok(running
        .run_job(job)
        .await?
        .map_or(shiryo_app::SplitOutcome::Cancelled, |report| shiryo_app::SplitOutcome::Done { report }))
}

/// The printers the OS offers (CUPS `lpstat -e`; Windows: WMI).
#[tauri::command(async)]
pub fn list_printers() -> Result<Vec<String>, AppErrorDto> {
    shiryo_app::printer::system()
        .printers()
        .map_err(|source| shiryo_app::AppError::Printer { source, sent: Vec::new() }.into())
}

/// The sheets a print run would use (pages, blanks, copies).
#[tauri::command(async)]
pub fn sheet_plan(
    workspace: State<'_, Workspace>,
    req: shiryo_app::PrintRequest,
) -> Result<shiryo_app::SheetPlan, AppErrorDto> {
    workspace.with(|app| app.sheet_plan(&req))
}

/// Sends the packet to a printer, after the export's checks; cancellable until the first job is sent.
#[tauri::command]
pub async fn print_packet(
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::export::Exports>,
    req: shiryo_app::PrintRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::ExportProgress>,
) -> Result<shiryo_app::PrintOutcome, AppErrorDto> {
    let running = exports.begin(run)?;
    let Some(prepared) = running.prepare(&workspace, &req.export)? else {
        return Ok(shiryo_app::PrintOutcome::Cancelled);
    };
    let now = crate::workspace::local_now();
    let job = move |c: &shiryo_app::Cancel| {
        let system = shiryo_app::printer::system();
        prepared.run_print(&req, system.as_ref(), now, &mut |p| drop(on_progress.send(p)), c)
    };
    Ok(running
        .run_job(job)
        .await?
        .map_or(shiryo_app::PrintOutcome::Cancelled, |report| shiryo_app::PrintOutcome::Done { report }))
}

/// Stops export `run` (the id the page gave `export_pdf`), even if it has not started yet.
#[tauri::command]
pub fn cancel_export(exports: State<'_, crate::export::Exports>, run: u64) {
    exports.cancel(run);
}

/// The bytes of the PDF exported last (for the preview); the page never names a file.
#[tauri::command(async)]
pub fn exported_pdf(exports: State<'_, crate::export::Exports>) -> Result<tauri::ipc::Response, AppErrorDto> {
    exports.last_pdf().map(tauri::ipc::Response::new)
}

// ── 差し替え (issue 17): the 配付版 of a meeting, what changed since one, and the set of replacement pages ──

#[tauri::command(async)]
pub fn list_distributions(
    workspace: State<'_, Workspace>,
    req: shiryo_app::distribution::DistributionsRequest,
) -> Result<Vec<shiryo_app::distribution::DistributionSummary>, AppErrorDto> {
    workspace.with(|app| app.distributions(req.meeting_id))
}

#[tauri::command(async)]
pub fn change_report(
    workspace: State<'_, Workspace>,
    req: shiryo_app::distribution::ChangesRequest,
) -> Result<shiryo_app::distribution::ChangeReport, AppErrorDto> {
    workspace.with(|app| app.changes(req.meeting_id, &req.since))
}

/// Writes the 差し替え set where the save dialog says and records it as a version; cancellable with
/// `cancel_export(run)` like an export. The workspace is locked only to read the 資料 and to record the version:
/// the comparison and the print run on the export thread.
#[tauri::command]
pub async fn export_replacements<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    exports: State<'_, crate::export::Exports>,
    req: shiryo_app::distribution::ReplacementRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::ExportProgress>,
) -> Result<shiryo_app::distribution::ReplacementOutcome, AppErrorDto> {
    use shiryo_app::distribution::ReplacementOutcome;
    let running = exports.begin(run)?;
    let Some(prepared) = running.prepare_with(&workspace, |ws, cancel| ws.prepare_replacements(&req, cancel))? else {
        return Ok(ReplacementOutcome::Cancelled);
    };
    let now = crate::workspace::local_now();
    let Some(out) = running.choose_target(app, req.file_name(now.date())).await? else {
        return Ok(ReplacementOutcome::NoTarget);
    };
    let job = move |c: &shiryo_app::Cancel| prepared.run(&out, now, &mut |p| drop(on_progress.send(p)), c);
    match running.run_job(job).await? {
        None => Ok(ReplacementOutcome::Cancelled),
        Some(report) => {
            let report = workspace.with_mut(|ws| ws.finish_replacements(report, now))?;
            Ok(ReplacementOutcome::Done { report: Box::new(report) })
        }
    }
}

/// Today as the date fields show it (the shell is the one place that reads the clock).
#[tauri::command]
pub fn today() -> shiryo_app::DayView {
    shiryo_app::DayView::of(crate::workspace::local_now().date())
}

/// A day typed in a date field, named as printed (令和５年６月５日（月）): the page has no calendar of its own.
#[tauri::command]
pub fn day_label(req: shiryo_app::DayRequest) -> shiryo_app::DayView {
    shiryo_app::DayView::of(req.date)
}

// ── 新旧対照表 (helper "shinkyu"): the table of a 新旧 資料, its texts, settings and hand edits, with undo ──

#[tauri::command(async)]
pub fn open_shinkyu(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::ShinkyuRef,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with(|app| app.open_shinkyu(&req))
}

/// The bytes of a chosen file (or pasted text as UTF-8) with its name; decoded and checked by the backend.
#[tauri::command(async)]
pub fn set_shinkyu_text(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::SetShinkyuTextRequest,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with_mut(|app| app.set_shinkyu_text(&req))
}

/// The bytes of a chosen Word file with tracked changes (見え消し): its two versions become the old and new texts.
#[tauri::command(async)]
pub fn set_shinkyu_tracked(
    workspace: State<'_, Workspace>,
    req: shiryo_app::dto::MaterialFileRequest,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with_mut(|app| app.set_shinkyu_tracked(&req))
}

/// The bytes of a department's finished 新旧対照表 (.docx), taken in as it stands and checked.
#[tauri::command(async)]
pub fn import_shinkyu_received(
    workspace: State<'_, Workspace>,
    req: shiryo_app::dto::MaterialFileRequest,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with_mut(|app| app.import_shinkyu_received(&req))
}

#[tauri::command(async)]
pub fn set_shinkyu_options(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::SetShinkyuOptionsRequest,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with_mut(|app| app.set_shinkyu_options(&req))
}

#[tauri::command(async)]
pub fn edit_shinkyu(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::ShinkyuEditRequest,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.with_mut(|app| app.edit_shinkyu(&req))
}

#[tauri::command(async)]
pub fn undo_shinkyu(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::ShinkyuRef,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.edit(|app, now| app.undo_shinkyu(&req, now))
}

#[tauri::command(async)]
pub fn redo_shinkyu(
    workspace: State<'_, Workspace>,
    req: shiryo_app::shinkyu::ShinkyuRef,
) -> Result<shiryo_app::shinkyu::ShinkyuView, AppErrorDto> {
    workspace.edit(|app, now| app.redo_shinkyu(&req, now))
}

// ── 資料 on the 次第 editor (helper "app"): add (bytes from the page, decoded here), rename, delete, text, drag ──

#[tauri::command(async)]
pub fn add_material(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::AddMaterialRequest,
) -> Result<shiryo_app::materials::AddMaterialOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.add_material(&req, now))
}

#[tauri::command(async)]
pub fn rename_material(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::RenameMaterialRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.rename_material(&req, now))
}

#[tauri::command(async)]
pub fn delete_material(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.delete_material(&req, now))
}

#[tauri::command(async)]
pub fn material_text(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
) -> Result<shiryo_app::materials::MaterialTextView, AppErrorDto> {
    workspace.with(|app| app.material_text(&req))
}

#[tauri::command(async)]
pub fn set_material_text(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::SetMaterialTextRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.set_material_text(&req, now))
}

#[tauri::command(async)]
pub fn place_material(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::PlaceMaterialRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.place_material(&req, now))
}

#[tauri::command(async)]
pub fn place_item(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::PlaceItemRequest,
) -> Result<EditOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.place_item(&req, now))
}

// ── Integrity check before printing (helper "app") ──

#[tauri::command(async)]
pub fn check_meeting(
    workspace: State<'_, Workspace>,
    req: shiryo_app::check::CheckRequest,
) -> Result<Vec<shiryo_app::check::CheckProblem>, AppErrorDto> {
    workspace.with(|app| app.check_meeting(&req))
}

// ── KPI review (helper "kpi"): every command answers with the whole review of the 資料 ──

#[tauri::command(async)]
pub fn kpi_review(
    workspace: State<'_, Workspace>,
    req: shiryo_app::kpi_review::KpiReviewRequest,
) -> Result<shiryo_app::kpi_review::KpiReviewView, AppErrorDto> {
    workspace.edit(|app, now| app.kpi_review(&req, now))
}

#[tauri::command(async)]
pub fn kpi_edit_row(
    workspace: State<'_, Workspace>,
    req: shiryo_app::kpi_review::KpiEditRowRequest,
) -> Result<shiryo_app::kpi_review::KpiReviewView, AppErrorDto> {
    workspace.edit(|app, now| app.kpi_edit_row(&req, now))
}

/// The bytes of a chosen CSV/.xlsx file with its name; decoded, checked and imported by the backend.
#[tauri::command(async)]
pub fn kpi_import(
    workspace: State<'_, Workspace>,
    req: shiryo_app::kpi_review::KpiImportRequest,
) -> Result<shiryo_app::kpi_review::KpiImportOutcome, AppErrorDto> {
    workspace.edit(|app, now| app.kpi_import_into_material(&req, now))
}

/// Undo and redo on the KPI 資料 on screen: its imports and its rows' notes, polarities and statuses.
#[tauri::command(async)]
pub fn kpi_undo(
    workspace: State<'_, Workspace>,
    req: shiryo_app::kpi_review::KpiReviewRequest,
) -> Result<shiryo_app::kpi_review::KpiReviewView, AppErrorDto> {
    workspace.edit(|app, now| app.kpi_undo(&req, now))
}

#[tauri::command(async)]
pub fn kpi_redo(
    workspace: State<'_, Workspace>,
    req: shiryo_app::kpi_review::KpiReviewRequest,
) -> Result<shiryo_app::kpi_review::KpiReviewView, AppErrorDto> {
    workspace.edit(|app, now| app.kpi_redo(&req, now))
}

// ── Workspace files (helper "app"): open/new through the backend's dialogs, recent files, restore a backup ──

fn switch(
    workspace: &Workspace,
    recent: &crate::files::Recent,
    opened: Result<shiryo_app::App, shiryo_app::AppError>,
) -> Result<WorkspaceInfo, AppErrorDto> {
    let app = opened.map_err(AppErrorDto::from)?;
    let path = app.path().to_path_buf();
    let info = app.workspace_info().map_err(AppErrorDto::from)?;
    workspace.switch_to(app)?;
    recent.touch(&path);
    Ok(info)
}

/// Opens another workspace chosen in the open dialog; null when the dialog was closed.
#[tauri::command]
pub async fn open_workspace<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    recent: State<'_, crate::files::Recent>,
) -> Result<Option<WorkspaceInfo>, AppErrorDto> {
    let Some(path) = crate::files::pick_workspace(app).await? else {
        return Ok(None);
    };
    switch(&workspace, &recent, shiryo_app::App::open_with(&path, &crate::workspace::local_open_options())).map(Some)
}

/// Creates an empty workspace where the save dialog says and opens it; null when the dialog was closed.
#[tauri::command]
pub async fn new_workspace<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    workspace: State<'_, Workspace>,
    recent: State<'_, crate::files::Recent>,
    exports: State<'_, crate::export::Exports>,
) -> Result<Option<WorkspaceInfo>, AppErrorDto> {
    let Some(path) = crate::files::choose_new_workspace(app, exports.answer_dir()).await? else {
        return Ok(None);
    };
    switch(&workspace, &recent, shiryo_app::App::create_empty(&path)).map(Some)
}

#[tauri::command(async)]
pub fn recent_workspaces(
    workspace: State<'_, Workspace>,
    recent: State<'_, crate::files::Recent>,
) -> Vec<shiryo_app::workspaces::RecentWorkspace> {
    recent.views(workspace.current_path().as_deref())
}

/// Opens a file of the recent list (no other path is accepted).
#[tauri::command(async)]
pub fn open_recent(
    workspace: State<'_, Workspace>,
    recent: State<'_, crate::files::Recent>,
    path: String,
) -> Result<WorkspaceInfo, AppErrorDto> {
    let path = std::path::PathBuf::from(&path);
    if !recent.contains(&path) {
        return Err(crate::files::not_listed(&path.display().to_string()));
    }
    switch(&workspace, &recent, shiryo_app::App::open_with(&path, &crate::workspace::local_open_options()))
}

#[tauri::command(async)]
pub fn forget_recent(recent: State<'_, crate::files::Recent>, path: String) {
    recent.forget(std::path::Path::new(&path));
}

/// The backups of the workspace, also when it could not be opened (a damaged file is restored from them).
#[tauri::command(async)]
pub fn list_backups(workspace: State<'_, Workspace>) -> Result<Vec<shiryo_app::workspaces::BackupView>, AppErrorDto> {
    match workspace.file() {
        Some(file) if workspace.is_refused() => {
            shiryo_app::workspaces::backup_views_of(&file).map_err(AppErrorDto::from)
        }
        _ => workspace.with(|app| app.backup_views()),
    }
}

/// Restores one of the listed backups of the workspace (open, or refused at start); answers with the backup of
/// the state replaced.
#[tauri::command(async)]
pub fn restore_backup(
    workspace: State<'_, Workspace>,
    recent: State<'_, crate::files::Recent>,
    path: String,
) -> Result<shiryo_app::workspaces::BackupView, AppErrorDto> {
    match workspace.file() {
        Some(file) if workspace.is_refused() => {
            let now = crate::workspace::local_now();
            let (app, previous) = shiryo_app::workspaces::restore_listed_backup_of(
                &file,
                &path,
                now,
                &crate::workspace::local_open_options(),
            )
            .map_err(AppErrorDto::from)?;
            workspace.switch_to(app)?;
            recent.touch(&file);
            Ok(previous)
        }
        _ => workspace.edit(|app, now| app.restore_listed_backup(&path, now)),
    }
}

// ── 表 資料 (issue 14): the column list, orientation and title/notes of a sheet; each change one undo step ──

#[tauri::command(async)]
pub fn table_view(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
) -> Result<shiryo_app::table_material::TableView, AppErrorDto> {
    workspace.with(|app| app.table_view(&req))
}

#[tauri::command(async)]
pub fn table_set_layout(
    workspace: State<'_, Workspace>,
    req: shiryo_app::table_material::TableLayoutRequest,
) -> Result<shiryo_app::table_material::TableView, AppErrorDto> {
    workspace.edit(|app, now| app.table_set_layout(&req, now))
}

#[tauri::command(async)]
pub fn table_undo(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
    redo: bool,
) -> Result<shiryo_app::table_material::TableView, AppErrorDto> {
    workspace.edit(|app, now| app.table_undo(&req, redo, now))
}

/// The 資料 as it will print, as PDF bytes (drawn by the page's pdf.js).
#[tauri::command(async)]
pub fn table_preview(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
) -> Result<tauri::ipc::Response, AppErrorDto> {
    workspace.edit(|app, now| app.table_preview(&req, now)).map(tauri::ipc::Response::new)
}

/// The blocks of a text 資料 as they print, for the text editor's view (no workspace needed).
#[tauri::command(async)]
pub fn text_structure(
    req: shiryo_app::materials::TextStructureRequest,
) -> Result<Vec<shiryo_app::materials::TextBlockView>, AppErrorDto> {
    shiryo_app::materials::text_structure(&req).map_err(Into::into)
}

// ── Office 資料 (helper "office"): converted with LibreOffice off the UI thread, with progress and 中止 ──

/// Whether LibreOffice was found (the 資料 dialog says what to install when it was not).
#[tauri::command(async)]
pub fn converter_status(
    conversions: State<'_, crate::office::Conversions>,
) -> Result<shiryo_app::office::ConverterStatus, AppErrorDto> {
    Ok(conversions.status())
}

/// Converts an Office file and adds it as the last 資料 of an agenda item; nothing is stored on failure or cancel.
#[tauri::command]
pub async fn add_office_material(
    workspace: State<'_, Workspace>,
    conversions: State<'_, crate::office::Conversions>,
    req: shiryo_app::office::AddOfficeMaterialRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::office::ConvertProgress>,
) -> Result<shiryo_app::office::ConvertOutcome, AppErrorDto> {
    let label = workspace.with(|app| app.next_material_label(req.meeting_id, req.item_id))?;
    let (name, bytes) = (req.file_name.clone(), req.bytes.clone());
    let converted = conversions.convert(run, label, name, bytes, move |p| drop(on_progress.send(p))).await?;
    let Some(conversion) = converted else { return Ok(shiryo_app::office::ConvertOutcome::Cancelled) };
    let added =
        workspace.edit(|app, now| app.add_office_material(req.meeting_id, req.item_id, &req.title, conversion, now))?;
    Ok(crate::office::done(added.outcome, added.material_id))
}

/// Puts another file in a 資料's place (an Office file is converted first): label, place and title stay.
#[tauri::command]
pub async fn replace_material_file(
    workspace: State<'_, Workspace>,
    conversions: State<'_, crate::office::Conversions>,
    req: shiryo_app::dto::MaterialFileRequest,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::office::ConvertProgress>,
) -> Result<shiryo_app::office::ConvertOutcome, AppErrorDto> {
    let (meeting, material) = (req.meeting_id, req.material_id);
    if !shiryo_app::office::is_office_file(&req.file_name) {
        let source = shiryo_app::materials::MaterialSource::of_file(req.file_name, req.bytes);
        let outcome = workspace.edit(|app, now| app.replace_material_source(meeting, material, &source, now))?;
        return Ok(crate::office::done(outcome, material));
    }
    let label = workspace.with(|app| app.material_label(meeting, material))?;
    let converted =
        conversions.convert(run, label, req.file_name, req.bytes, move |p| drop(on_progress.send(p))).await?;
    let Some(conversion) = converted else { return Ok(shiryo_app::office::ConvertOutcome::Cancelled) };
    let outcome = workspace.edit(|app, now| app.replace_with_conversion(meeting, material, conversion, now))?;
    Ok(crate::office::done(outcome, material))
}

/// 「変換し直す」: converts the kept original of an Office 資料 again.
#[tauri::command]
pub async fn reconvert_material(
    workspace: State<'_, Workspace>,
    conversions: State<'_, crate::office::Conversions>,
    req: shiryo_app::materials::MaterialRef,
    run: u64,
    on_progress: tauri::ipc::Channel<shiryo_app::office::ConvertProgress>,
) -> Result<shiryo_app::office::ConvertOutcome, AppErrorDto> {
    let (meeting, material) = (req.meeting_id, req.material_id);
    let (label, source) =
        workspace.with(|app| Ok((app.material_label(meeting, material)?, app.office_source(meeting, material)?)))?;
    let converted =
        conversions.convert(run, label, source.file_name, source.bytes, move |p| drop(on_progress.send(p))).await?;
    let Some(conversion) = converted else { return Ok(shiryo_app::office::ConvertOutcome::Cancelled) };
    let outcome = workspace.edit(|app, now| app.replace_with_conversion(meeting, material, conversion, now))?;
    Ok(crate::office::done(outcome, material))
}

/// Stops conversion `run` (the id the page gave it), even if it has not started yet.
#[tauri::command]
pub fn cancel_conversion(conversions: State<'_, crate::office::Conversions>, run: u64) {
    conversions.cancel(run);
}

/// An Office 資料 for its own screen.
#[tauri::command(async)]
pub fn office_material(
    workspace: State<'_, Workspace>,
    req: shiryo_app::materials::MaterialRef,
) -> Result<shiryo_app::office::OfficeMaterialView, AppErrorDto> {
    workspace.with(|app| app.office_material(req.meeting_id, req.material_id))
}
