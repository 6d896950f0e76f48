//! Backups and restore: a rolling set of copies of the workspace beside it (`<workspace>.backups/`).

use std::path::Path;

use chrono::NaiveDateTime;
use shiryo_store::Workspace;

pub use shiryo_store::{backup_dir, BackupInfo, RestoreReport, BACKUPS_KEPT};

use crate::{App, Result};

impl App {
    /// Backs the workspace up now (reason `manual`); the oldest backups beyond [`BACKUPS_KEPT`] are removed.
    pub fn backup_now(&self, now: NaiveDateTime) -> Result<BackupInfo> {
        Ok(self.ws.backup("manual", now)?)
    }

    /// Backs the workspace up before a destructive operation (`operation`: `delete-meeting`, …); use cases that
    /// delete call this first and stop if it fails.
    pub fn backup_before(&self, operation: &str, now: NaiveDateTime) -> Result<BackupInfo> {
        Ok(self.ws.backup(&format!("before-{operation}"), now)?)
    }

    /// The workspace's backups, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        Ok(self.ws.list_backups()?)
    }

    /// Replaces the workspace with `backup` after checking it; the current state is backed up first
    /// (`before-restore`). Refused with `workspace_in_use` while another program has the workspace open.
    pub fn restore(&mut self, backup: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
        let report = self.ws.restore(backup, now)?;
        // The steps describe rows of the file that was replaced.
        self.history.clear();
        Ok(report)
    }
}

/// The backups of the workspace at `workspace`, without opening it (it may be damaged).
pub fn list_backups(workspace: &Path) -> Result<Vec<BackupInfo>> {
    Ok(shiryo_store::list_backups(workspace)?)
}

/// Restores the workspace at `workspace` from `backup` without opening it first: works when the workspace is
/// damaged or missing. See [`App::restore`].
pub fn restore(
    workspace: &Path,
    backup: &Path,
    now: NaiveDateTime,
    opts: &shiryo_store::OpenOptions,
) -> Result<RestoreReport> {
    let report = shiryo_store::restore(workspace, backup, now)?;
    // Open once so the restored file is checked and migrated if it came from an older Shiryo.
    drop(Workspace::open_with(workspace, opts)?);
    Ok(report)
}
