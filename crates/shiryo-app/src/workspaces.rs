//! Workspace files from the window: a new empty workspace, the recent files list (JSON in the app's config
//! folder, newest first, at most [`RECENT_MAX`]), and the backups offered for a restore. Paths reach these use
//! cases only from the shell's dialogs or from these lists, never from the page.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use shiryo_store::Workspace;
use ts_rs::TS;

use crate::{App, AppError, Result};

/// Files kept in the recent list.
pub const RECENT_MAX: usize = 10;

/// The recent workspaces, as stored (`{"paths": [...]}`, newest first).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
}

/// One recent workspace as the window lists it; a missing file is shown greyed and can be removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RecentWorkspace {
    pub path: String,
    pub name: String,
    pub exists: bool,
    /// The workspace open now.
    pub current: bool,
}

impl RecentFiles {
    /// The list in `file`; empty when it is missing or unreadable (a damaged list is only a convenience lost).
    pub fn load(file: &Path) -> RecentFiles {
        std::fs::read(file).ok().and_then(|bytes| serde_json::from_slice(&bytes).ok()).unwrap_or_default()
    }

    /// Writes the list through a temporary file renamed into place.
    pub fn save(&self, file: &Path) -> Result<()> {
        let io = |source: std::io::Error| AppError::ExportIo { path: file.to_path_buf(), source };
        let dir = file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let json = serde_json::to_vec_pretty(self).map_err(|e| io(std::io::Error::other(e)))?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
        tmp.write_all(&json).map_err(io)?;
        tmp.persist(file).map_err(|e| io(e.error))?;
        Ok(())
    }

    /// Puts `path` first (once), keeping at most [`RECENT_MAX`].
    pub fn touch(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
        self.paths.insert(0, path.to_path_buf());
        self.paths.truncate(RECENT_MAX);
    }

    pub fn remove(&mut self, path: &Path) {
        self.paths.retain(|p| p != path);
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.paths.iter().any(|p| p == path)
    }

    pub fn views(&self, current: Option<&Path>) -> Vec<RecentWorkspace> {
        self.paths
            .iter()
            .map(|p| RecentWorkspace {
                path: p.display().to_string(),
                name: p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                exists: p.is_file(),
                current: current == Some(p.as_path()),
            })
            .collect()
    }
}

/// A backup as the restore screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct BackupView {
    pub path: String,
    /// `2023-06-05 09:00:00`.
    pub taken_at: String,
    /// Why it was taken, in Japanese (手動, 会議の削除の前, …).
    pub reason: String,
    #[ts(type = "number")]
    pub size: u64,
}

fn view(b: shiryo_store::BackupInfo) -> BackupView {
    BackupView {
        path: b.path.display().to_string(),
        taken_at: b.taken_at.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: reason_ja(&b.reason),
        size: b.size,
    }
}

/// The backups of a workspace that could not be opened (damaged, too new …), newest first.
pub fn backup_views_of(workspace: &Path) -> Result<Vec<BackupView>> {
    Ok(crate::backup::list_backups(workspace)?.into_iter().map(view).collect())
}

/// Restores one of the listed backups of a workspace that could not be opened, without opening it first (it may
/// be damaged; its bytes are kept as a backup too), then opens the restored file.
pub fn restore_listed_backup_of(
    workspace: &Path,
    backup: &str,
    now: NaiveDateTime,
    opts: &crate::OpenOptions,
) -> Result<(App, BackupView)> {
    let listed = crate::backup::list_backups(workspace)?.into_iter().find(|b| b.path.display().to_string() == backup);
    let Some(chosen) = listed else {
        return Err(shiryo_store::Error::NotFound { path: PathBuf::from(backup) }.into());
    };
    let report = crate::backup::restore(workspace, &chosen.path, now, opts)?;
    Ok((App::open_with(workspace, opts)?, view(report.previous)))
}

/// The Japanese words for a backup's reason.
fn reason_ja(reason: &str) -> String {
    match reason {
        "manual" => "手動".to_string(),
        "before-restore" => "復元の前".to_string(),
        "before-delete-meeting" => "会議の削除の前".to_string(),
        "before-delete-item" => "項目の削除の前".to_string(),
        "before-delete-material" => "資料の削除の前".to_string(),
        other if other.starts_with("before-migration") => "更新（移行）の前".to_string(),
        other => other.to_string(),
    }
}

impl App {
    /// Creates a new workspace with no meeting at `path` (refused if the file exists).
    pub fn create_empty(path: &Path) -> Result<App> {
        drop(Workspace::create(path)?);
        App::open(path)
    }

    /// The file this app has open.
    pub fn path(&self) -> &Path {
        self.ws.path()
    }

    /// The backups of this workspace, newest first.
    pub fn backup_views(&self) -> Result<Vec<BackupView>> {
        Ok(self.list_backups()?.into_iter().map(view).collect())
    }

    /// Restores one of this workspace's listed backups (any other path is refused); the current state is backed
    /// up first. Undo histories start afresh: they described the replaced state.
    pub fn restore_listed_backup(&mut self, backup: &str, now: NaiveDateTime) -> Result<BackupView> {
        let listed = self.list_backups()?.into_iter().find(|b| b.path.display().to_string() == backup);
        let Some(chosen) = listed else {
            return Err(shiryo_store::Error::NotFound { path: PathBuf::from(backup) }.into());
        };
        let report = self.restore(&chosen.path, now)?;
        let path = self.path().to_path_buf();
        *self = App::open_with(&path, &self.open_options)?;
        Ok(view(report.previous))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn the_recent_list_keeps_ten_newest_first_and_marks_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let json = dir.path().join("config").join("recent.json");
        assert_eq!(RecentFiles::load(&json), RecentFiles::default());
        let mut recent = RecentFiles::default();
        for i in 0..12 {
            recent.touch(&dir.path().join(format!("w{i}.shiryo")));
        }
        let existing = dir.path().join("w11.shiryo");
        std::fs::write(&existing, b"x").unwrap();
        recent.touch(&dir.path().join("w5.shiryo"));
        recent.save(&json).unwrap();
        let loaded = RecentFiles::load(&json);
        let views = loaded.views(Some(&existing));
        assert_eq!(views.len(), RECENT_MAX);
        assert_eq!(views[0].name, "w5.shiryo");
        assert_eq!(views[1].name, "w11.shiryo");
        assert!(views[1].exists && views[1].current && !views[0].exists);
        assert!(!loaded.contains(&dir.path().join("w0.shiryo")), "the oldest fell off");
        let mut loaded = loaded;
        loaded.remove(&existing);
        assert!(!loaded.contains(&existing));
        std::fs::write(&json, b"not json").unwrap();
        assert_eq!(RecentFiles::load(&json), RecentFiles::default());
    }

    #[test]
    fn a_damaged_workspace_is_restored_from_its_listed_backup_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.shiryo");
        let (app, _) = App::create_demo(&path, now()).unwrap();
        app.backup_now(now()).unwrap();
        drop(app);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        let err = App::open(&path).unwrap_err();
        assert!(matches!(err, AppError::Store(shiryo_store::Error::Damaged { .. })), "truncated: refused: {err}");
        let backups = backup_views_of(&path).unwrap();
        assert_eq!(backups.len(), 1);
        let err = restore_listed_backup_of(&path, "/elsewhere/x.shiryo", now(), &Default::default()).unwrap_err();
        assert!(matches!(err, AppError::Store(shiryo_store::Error::NotFound { .. })), "not listed: {err}");
        let (app, _) = restore_listed_backup_of(&path, &backups[0].path, now(), &Default::default()).unwrap();
        assert_eq!(app.list_meetings().unwrap().len(), 1);
    }

    #[test]
    fn a_new_workspace_is_empty_and_only_a_listed_backup_is_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.shiryo");
        let app = App::create_empty(&path).unwrap();
        assert!(app.list_meetings().unwrap().is_empty());
        let err = App::create_empty(&path).unwrap_err();
        assert!(matches!(err, AppError::Store(shiryo_store::Error::AlreadyExists { .. })), "never over a file: {err}");

        let (mut app, id) = App::create_demo(&dir.path().join("d.shiryo"), now()).unwrap();
        app.backup_now(now()).unwrap();
        app.delete_meeting(&crate::editor::DeleteMeetingRequest { meeting_id: id }, now()).unwrap();
        let backups = app.backup_views().unwrap();
        assert!(backups.iter().any(|b| b.reason == "会議の削除の前"), "{backups:?}");
        let err = app.restore_listed_backup(&path.display().to_string(), now()).unwrap_err();
        assert!(matches!(err, AppError::Store(shiryo_store::Error::NotFound { .. })), "not one of its backups: {err}");
        let manual = backups.iter().find(|b| b.reason == "手動").unwrap();
        app.restore_listed_backup(&manual.path, now()).unwrap();
        assert_eq!(app.list_meetings().unwrap().len(), 1);
    }
}
