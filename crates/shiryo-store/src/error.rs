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
    #[error("migration to schema version {version} failed: {source}")]
    Migration { version: u32, source: rusqlite_migration::Error },
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("meeting {id} not found")]
    MeetingNotFound { id: i64 },
    #[error("stored value is invalid: {0}")]
    Invalid(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
