//! The Shiryo workspace: one SQLite file (`.shiryo`) holding many meetings, opened safely and migrated.

mod backup;
mod distributions;
mod edit;
mod error;
mod file_check;
mod kpi;
mod materials;
mod meetings;
mod migrate;
mod network;
mod open;
mod rows;
mod shinkyu;
mod table_layout;

pub use backup::{backup_dir, list_backups, restore, BackupInfo, RestoreReport, KEEP as BACKUPS_KEPT};
pub use distributions::{DistributedPart, Distribution, DistributionKind, NewDistribution};
pub use edit::{Direction, ItemPlace, MAX_AGENDA_DEPTH, NEW_MEETING_TITLE};
pub use error::{Error, Refusal, Result};
pub use file_check::companions;
pub use kpi::{KpiTableRow, NewKpiTable};
pub use meetings::{MaterialFile, MeetingRow, NewAgendaItem, NewMaterial, NewMeeting};
pub use migrate::SCHEMA_VERSION;
pub use network::network_file_system;
pub use open::OpenOptions;
pub use rows::{Patch, Rows, STASH_OVER};
pub use shinkyu::{ShinkyuEdit, ShinkyuSetting, ShinkyuState, SHINKYU_ROLES};

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// The file extension of a workspace.
pub const EXTENSION: &str = "shiryo";

/// An open workspace. Every edit runs in one transaction, so a crash never leaves half an edit.
#[derive(Debug)]
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    journal: open::Journal,
    opts: OpenOptions,
}

impl Workspace {
    /// Creates a new, empty workspace at `path`. Refuses to touch an existing file.
    pub fn create(path: &Path) -> Result<Workspace> {
        open::create(path, open::Journal::for_path(path))
    }

    /// Opens an existing workspace, migrating it to the current schema. A file that is not a Shiryo
    /// workspace, is damaged, or comes from a newer Shiryo is refused and left byte for byte as it was.
    /// A migration backup is named in UTC; [`Workspace::open_with`] takes the local time zone.
    pub fn open(path: &Path) -> Result<Workspace> {
        Workspace::open_with(path, &OpenOptions::default())
    }

    /// [`Workspace::open`] with what it needs from the world passed in.
    pub fn open_with(path: &Path, opts: &OpenOptions) -> Result<Workspace> {
        open::open(path, opts, open::Journal::for_path(path))
    }

    /// The network file system the workspace lies on (`cifs`, `smb2`, `nfs`, `smb` on Windows), if it does: it is
    /// then open in rollback-journal mode and locked, so no other program can open it meanwhile.
    pub fn network_file_system(&self) -> Option<&'static str> {
        match self.journal {
            open::Journal::ExclusiveRollback { file_system } => Some(file_system),
            open::Journal::Wal => None,
        }
    }

    /// The workspace file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version recorded in the file (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self.conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

#[cfg(test)]
mod reliability_tests;
#[cfg(test)]
mod tests;
