//! Workspace files from the window: the open and save dialogs (shown by the backend, so the page never names a
//! path), the recent files list in the app's config folder, and backups to restore.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use shiryo_app::workspaces::{RecentFiles, RecentWorkspace};
use shiryo_app::{AppError, AppErrorDto};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

const RECENT_FILE: &str = "recent.json";
const EXTENSION: &str = "shiryo";
const NEW_NAME: &str = "新しいワークスペース.shiryo";

/// The recent workspaces and where they are kept (none when the config folder is unknown).
pub struct Recent {
    file: Option<PathBuf>,
    list: Mutex<RecentFiles>,
}

impl Recent {
    /// Loads the list and puts the workspace opened at start first.
    pub fn load<R: Runtime>(handle: &AppHandle<R>, opened: Option<&Path>) -> Self {
        let file = handle.path().app_config_dir().ok().map(|dir| dir.join(RECENT_FILE));
        let mut list = file.as_deref().map(RecentFiles::load).unwrap_or_default();
        let recent = Recent { file, list: Mutex::new(RecentFiles::default()) };
        if let Some(path) = opened {
            list.touch(path);
            recent.save(&list);
        }
        if let Ok(mut guard) = recent.list.lock() {
            *guard = list;
        }
        recent
    }

    fn save(&self, list: &RecentFiles) {
        if let Some(file) = &self.file {
            // The list is a convenience: failing to write it must not fail opening a workspace.
            if let Err(error) = list.save(file) {
                eprintln!("shiryo-desktop: cannot save the recent files list: {error}");
            }
        }
    }

    fn update(&self, change: impl FnOnce(&mut RecentFiles)) {
        if let Ok(mut guard) = self.list.lock() {
            change(&mut guard);
            self.save(&guard);
        }
    }

    pub fn touch(&self, path: &Path) {
        self.update(|list| list.touch(path));
    }

    pub fn forget(&self, path: &Path) {
        self.update(|list| list.remove(path));
    }

    pub fn contains(&self, path: &Path) -> bool {
        self.list.lock().map(|list| list.contains(path)).unwrap_or(false)
    }

    pub fn views(&self, current: Option<&Path>) -> Vec<RecentWorkspace> {
        self.list.lock().map(|list| list.views(current)).unwrap_or_default()
    }
}

/// The open dialog for a workspace (`.shiryo`); `None` when closed without a choice.
pub async fn pick_workspace<R: Runtime>(app: AppHandle<R>) -> Result<Option<PathBuf>, AppErrorDto> {
    blocking(move || {
        let chosen = app
            .dialog()
            .file()
            .set_title("ワークスペースを開く")
            .add_filter("Shiryo ワークスペース", &[EXTENSION])
            .blocking_pick_file()?;
        chosen.into_path().ok()
    })
    .await
}

/// The save dialog for a new workspace; `.shiryo` is added when the name has no extension. With
/// `SHIRYO_EXPORT_DIR` set (tests), it answers with the suggested name in that folder, as every save dialog does.
pub async fn choose_new_workspace<R: Runtime>(
    app: AppHandle<R>,
    answer_dir: Option<PathBuf>,
) -> Result<Option<PathBuf>, AppErrorDto> {
    blocking(move || {
        if let Some(dir) = answer_dir {
            return Some(dir.join(NEW_NAME));
        }
        let chosen = app
            .dialog()
            .file()
            .set_title("新しいワークスペースの保存先")
            .add_filter("Shiryo ワークスペース", &[EXTENSION])
            .set_file_name(NEW_NAME)
            .blocking_save_file()?;
        let mut path = chosen.into_path().ok()?;
        if path.extension().is_none() {
            path.set_extension(EXTENSION);
        }
        Some(path)
    })
    .await
}

/// Dialogs block, so they are shown from a worker thread, never the main one.
async fn blocking(dialog: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Result<Option<PathBuf>, AppErrorDto> {
    tauri::async_runtime::spawn_blocking(dialog)
        .await
        .map_err(|e| AppErrorDto::internal(format!("the dialog thread failed: {e}")))
}

/// A path the page sent that is not in the recent list (it may only name files listed there).
pub fn not_listed(path: &str) -> AppErrorDto {
    AppError::NotInRecentList { path: path.to_string() }.into()
}
