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
    workspace.with_mut(|app| app.undo())
}

#[tauri::command(async)]
pub fn redo(workspace: State<'_, Workspace>) -> Result<EditOutcome, AppErrorDto> {
    workspace.with_mut(|app| app.redo())
}
