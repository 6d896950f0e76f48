//! What can go wrong with a workspace, with the data that identifies it.

use std::path::PathBuf;

/// A workspace error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("workspace not found: {path}")]
    NotFound { path: PathBuf },
    #[error("a file already exists at {path}")]
    AlreadyExists { path: PathBuf },
    #[error("not a Shiryo workspace ({reason}): {path}")]
    NotAWorkspace { path: PathBuf, reason: String },
    #[error("damaged workspace ({reason}): {path}")]
    Damaged { path: PathBuf, reason: String },
    #[error("workspace {path} has schema version {found}, newer than this Shiryo's {supported}")]
    TooNew { path: PathBuf, found: u32, supported: u32 },
    #[error("workspace is in use by another program: {path}")]
    InUse { path: PathBuf },
    #[error("workspace or its folder is read-only: {path}")]
    ReadOnly { path: PathBuf },
    #[error("disk full while writing {path}")]
    DiskFull { path: PathBuf },
    #[error("migration to schema version {version} failed: {source}")]
    Migration { version: u32, source: rusqlite_migration::Error },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("meeting {id} not found")]
    MeetingNotFound { id: i64 },
    #[error("agenda item {item_id} is not part of meeting {meeting_id}")]
    ItemNotFound { meeting_id: i64, item_id: i64 },
    #[error("資料 {material_id} is not part of meeting {meeting_id}")]
    MaterialNotFound { meeting_id: i64, material_id: i64 },
    #[error("meeting {meeting_id} already has a distribution named {name:?}")]
    DistributionExists { meeting_id: i64, name: String },
    #[error("edit refused: {0:?}")]
    Refused(Refusal),
    /// An undo or redo step no longer fits the workspace: a row it puts back in `table` would refer to a row of
    /// `missing` that is gone (its 資料 was deleted meanwhile). Nothing was changed.
    #[error("undo step no longer applies: row {rowid} of {table} would refer to a missing row of {missing}")]
    StaleUndo { table: String, rowid: i64, missing: String },
    #[error("stored value is invalid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

/// Why an edit of the agenda was refused; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An agenda item needs a title.
    EmptyTitle,
    /// An agenda item's title is one line.
    MultiLineTitle,
    /// The agenda would get deeper than `MAX_AGENDA_DEPTH` levels.
    TooDeep,
    /// Indenting needs a previous sibling to become the parent.
    NoPreviousSibling,
    /// Outdenting a top-level item.
    AlreadyTopLevel,
    /// Moving the first item up.
    AlreadyFirst,
    /// Moving the last item down.
    AlreadyLast,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
