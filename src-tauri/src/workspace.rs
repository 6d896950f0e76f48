//! The workspace the window works on, opened once at start.

use std::path::PathBuf;
use std::sync::Mutex;

use shiryo_app::{App, AppError, AppErrorDto};
use tauri::{AppHandle, Manager, Runtime};

/// Names the workspace file to open instead of the one in the app's data folder (tests, several workspaces).
const WORKSPACE_ENV: &str = "SHIRYO_WORKSPACE";
const DEFAULT_FILE_NAME: &str = "workspace.shiryo";

/// The open workspace, or why it could not be opened: every command then answers with that error,
/// so the window still opens and tells the person what went wrong. The file's path is kept either way, so a
/// damaged workspace can still be restored from its backups.
pub struct Workspace(Mutex<Result<App, AppErrorDto>>, Mutex<Option<PathBuf>>);

impl Workspace {
    pub fn open<R: Runtime>(handle: &AppHandle<R>) -> Self {
        let path = workspace_path(handle);
        let opened = path.clone().and_then(|path| {
            App::open_or_create_demo(&path, local_now(), &local_open_options()).map_err(AppErrorDto::from)
        });
        if let Err(error) = &opened {
            eprintln!("shiryo-desktop: cannot open the workspace: {}", error.detail);
        }
        Workspace(Mutex::new(opened), Mutex::new(path.ok()))
    }

    /// The workspace file named at start or opened since, whether or not it could be opened.
    pub fn file(&self) -> Option<PathBuf> {
        self.1.lock().ok().and_then(|path| path.clone())
    }

    /// True when no workspace is open (it could not be opened at start).
    pub fn is_refused(&self) -> bool {
        self.0.lock().map(|guard| guard.is_err()).unwrap_or(true)
    }

    /// Runs one use case on the open workspace.
    pub fn with<T>(&self, use_case: impl FnOnce(&App) -> Result<T, AppError>) -> Result<T, AppErrorDto> {
        self.with_mut(|app| use_case(app))
    }

    /// Runs one use case that edits the workspace (one at a time: the lock is held throughout).
    pub fn with_mut<T>(&self, use_case: impl FnOnce(&mut App) -> Result<T, AppError>) -> Result<T, AppErrorDto> {
        let mut guard = self
            .0
            .lock()
            .map_err(|_| AppErrorDto::internal("an earlier command panicked while holding the workspace"))?;
        match &mut *guard {
            Ok(app) => use_case(app).map_err(Into::into),
            Err(error) => Err(error.clone()),
        }
    }

    /// Makes `app` the open workspace (the previous one is closed); the page reloads after this.
    pub fn switch_to(&self, app: App) -> Result<(), AppErrorDto> {
        let mut guard = self
            .0
            .lock()
            .map_err(|_| AppErrorDto::internal("an earlier command panicked while holding the workspace"))?;
        if let Ok(mut path) = self.1.lock() {
            *path = Some(app.path().to_path_buf());
        }
        *guard = Ok(app);
        Ok(())
    }

    /// The file of the open workspace, if one is open.
    pub fn current_path(&self) -> Option<PathBuf> {
        self.0.lock().ok().and_then(|guard| guard.as_ref().ok().map(|app| app.path().to_path_buf()))
    }

    /// Runs one edit with the current local time passed in.
    pub fn edit<T>(
        &self,
        use_case: impl FnOnce(&mut App, chrono::NaiveDateTime) -> Result<T, AppError>,
    ) -> Result<T, AppErrorDto> {
        self.with_mut(|app| use_case(app, local_now()))
    }
}

/// `$SHIRYO_WORKSPACE` if set, else `workspace.shiryo` in the app's data folder (created if missing).
fn workspace_path<R: Runtime>(handle: &AppHandle<R>) -> Result<PathBuf, AppErrorDto> {
    if let Some(path) = std::env::var_os(WORKSPACE_ENV).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dir = handle
        .path()
        .app_data_dir()
        .map_err(|error| AppErrorDto::internal(format!("no app data directory: {error}")))?;
    std::fs::create_dir_all(&dir).map_err(|source| AppError::CreateFolder { path: dir.clone(), source })?;
    Ok(dir.join(DEFAULT_FILE_NAME))
}

/// The local wall-clock time, passed into the core as `now`.
// The one place the desktop app reads the clock; everything below it gets the time passed in.
#[allow(clippy::disallowed_methods)]
pub(crate) fn local_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The local time zone, passed into opening a workspace (it names a migration backup in local time).
#[allow(clippy::disallowed_methods)]
pub(crate) fn local_open_options() -> shiryo_app::OpenOptions {
    shiryo_app::OpenOptions { utc_offset: *chrono::Local::now().offset() }
}
