//! The IPC commands: each is one call into `shiryo_app` on the open workspace.

use shiryo_app::{AppErrorDto, MeetingSummary, ShidaiRequest, ShidaiView, WorkspaceInfo};
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
