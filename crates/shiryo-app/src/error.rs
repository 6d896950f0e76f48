//! Use-case errors, and their IPC form `{ code, message, detail }` with a Japanese message for the user.

use serde::Serialize;
use ts_rs::TS;

/// What a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] shiryo_store::Error),
    #[error("the workspace holds no meeting")]
    NoMeetings,
    #[error("demo asset {name} is invalid: {reason}")]
    DemoAsset { name: String, reason: String },
    #[error(transparent)]
    Kpi(shiryo_kpi::Error),
}

/// The kinds of error the UI tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    WorkspaceNotFound,
    WorkspaceExists,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceTooNew,
    WorkspaceInUse,
    MeetingNotFound,
    Io,
    Internal,
}

/// An error as it crosses IPC: a code for the UI, a Japanese message for the user, the English detail for us.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppErrorDto {
    pub code: ErrorCode,
    pub message: String,
    pub detail: String,
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        use shiryo_store::Error as S;
        match self {
            AppError::Store(e) => match e {
                S::NotFound { .. } => ErrorCode::WorkspaceNotFound,
                S::AlreadyExists { .. } => ErrorCode::WorkspaceExists,
                S::NotAWorkspace { .. } => ErrorCode::NotAWorkspace,
                S::Damaged { .. } => ErrorCode::WorkspaceDamaged,
                S::TooNew { .. } => ErrorCode::WorkspaceTooNew,
                S::InUse { .. } => ErrorCode::WorkspaceInUse,
                S::MeetingNotFound { .. } => ErrorCode::MeetingNotFound,
                S::Io { .. } => ErrorCode::Io,
                S::Migration { .. } | S::Invalid(_) | S::Sqlite(_) => ErrorCode::Internal,
            },
            AppError::NoMeetings => ErrorCode::MeetingNotFound,
            AppError::DemoAsset { .. } => ErrorCode::Internal,
            AppError::Kpi(e) => crate::kpi::error_code(e),
        }
    }

    /// One line in Japanese saying what happened and what to do.
    pub fn message_ja(&self) -> String {
        use shiryo_store::Error as S;
        match self {
            AppError::Store(e) => match e {
                S::NotFound { path } => format!("ワークスペース「{}」が見つかりません。", path.display()),
                S::AlreadyExists { path } => {
                    format!("「{}」は既に存在します。別のファイル名を指定してください。", path.display())
                }
                S::NotAWorkspace { path, .. } => {
                    format!("「{}」は Shiryo のワークスペースではありません。ファイルは変更していません。", path.display())
                }
                S::Damaged { path, .. } => format!(
                    "ワークスペース「{}」が破損しているため開けません。ファイルは変更していません。バックアップから復元してください。",
                    path.display()
                ),
                S::TooNew { path, .. } => format!(
                    "ワークスペース「{}」は新しいバージョンの Shiryo で作成されています。Shiryo を更新してから開いてください。",
                    path.display()
                ),
                S::InUse { path } => format!(
                    "ワークスペース「{}」は他のプログラムが使用中です。しばらくしてからやり直してください。",
                    path.display()
                ),
                S::MeetingNotFound { .. } => "指定された会議が見つかりません。".to_string(),
                S::Io { path, .. } => format!("「{}」を読み書きできません。", path.display()),
                S::Migration { .. } => {
                    "ワークスペースを更新できませんでした。ファイルは元のままです。".to_string()
                }
                S::Invalid(_) | S::Sqlite(_) => "ワークスペースの処理中にエラーが発生しました。".to_string(),
            },
            AppError::NoMeetings => "このワークスペースには会議がありません。".to_string(),
            AppError::DemoAsset { .. } => "デモ会議のデータを読み込めませんでした。".to_string(),
            AppError::Kpi(e) => e.message_ja(),
        }
    }
}

impl From<AppError> for AppErrorDto {
    fn from(e: AppError) -> Self {
        AppErrorDto { code: e.code(), message: e.message_ja(), detail: e.to_string() }
    }
}
