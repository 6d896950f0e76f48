//! Export from the window: the target comes from a save dialog opened here, in the backend (the page never names a
//! path), the PDF is printed on a worker thread with progress sent through a channel, and it can be cancelled at
//! once. The last file written is the only one the page can read back (for the in-app preview).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shiryo_app::{AppError, AppErrorDto, Cancel, ExportOutcome, ExportProgress, ExportRequest, PreparedExport};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// For tests only (the save dialog cannot be driven through WebDriver): when set at start, every save dialog
/// answers at once with the suggested file name inside this folder. Never a path from the page. Read only by a
/// build with the feature `e2e-hooks` (tests/e2e/run.sh and scripts/test.sh enable it); the shipped binary is
/// built without it and never looks at the variable.
#[cfg(feature = "e2e-hooks")]
pub const EXPORT_DIR_ENV: &str = "SHIRYO_EXPORT_DIR";

/// The folder save dialogs answer in: `SHIRYO_EXPORT_DIR` in a test build (feature `e2e-hooks`).
#[cfg(feature = "e2e-hooks")]
fn answer_dir_of_test_build() -> Option<PathBuf> {
    let dir = std::env::var_os(EXPORT_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(dir) = &dir {
        eprintln!("shiryo-desktop: {EXPORT_DIR_ENV} is set: save dialogs answer with files in {}", dir.display());
    }
    dir
}

/// A shipped build always shows the save dialogs.
#[cfg(not(feature = "e2e-hooks"))]
fn answer_dir_of_test_build() -> Option<PathBuf> {
    None
}

/// How often the waiting side looks at the cancel token while the worker prints.
const CANCEL_POLL: Duration = Duration::from_millis(25);

/// The export state of the window: one export at a time, its cancel token, and the last file written.
/// Each run has an id chosen by the page, so a cancel that overtakes its export's start still stops it, and a
/// late cancel of a finished run never stops the next one.
pub struct Exports {
    running: AtomicBool,
    cancelled_run: AtomicU64,
    current: Mutex<Option<(u64, Arc<Cancel>)>>,
    last: Mutex<Option<PathBuf>>,
    answer_dir: Option<PathBuf>,
}

impl Exports {
    /// The state at start; in a test build, save dialogs may answer in `SHIRYO_EXPORT_DIR`.
    pub fn at_start() -> Self {
        let answer_dir = answer_dir_of_test_build();
        Exports {
            running: AtomicBool::new(false),
            cancelled_run: AtomicU64::new(0),
            current: Mutex::new(None),
            last: Mutex::new(None),
            answer_dir,
        }
    }

    /// Marks export `run` as started (refused while another runs).
    pub fn begin(&self, run: u64) -> Result<Running<'_>, AppErrorDto> {
        if self.running.swap(true, Ordering::AcqRel) {
            return Err(AppError::ExportRunning.into());
        }
        let running = Running { exports: self, cancel: Arc::new(Cancel::new()) };
        *self.current.lock().map_err(|_| poisoned())? = Some((run, Arc::clone(&running.cancel)));
        // A cancel of this run that came before it started.
        if self.cancelled_run.load(Ordering::SeqCst) == run {
            running.cancel.cancel();
        }
        Ok(running)
    }

    /// Asks export `run` to stop (before or while it runs).
    pub fn cancel(&self, run: u64) {
        self.cancelled_run.store(run, Ordering::SeqCst);
        if let Ok(current) = self.current.lock() {
            if let Some((id, cancel)) = current.as_ref() {
                if *id == run {
                    cancel.cancel();
                }
            }
        }
    }

    /// The folder save dialogs answer with under `SHIRYO_EXPORT_DIR` (test builds), if set.
    pub fn answer_dir(&self) -> Option<PathBuf> {
        self.answer_dir.clone()
    }

    /// The bytes of the last PDF this window exported (nothing else can be read this way).
    pub fn last_pdf(&self) -> Result<Vec<u8>, AppErrorDto> {
        let path = self.last.lock().map_err(|_| poisoned())?.clone();
        let path = path.ok_or(AppError::NoExportedPdf)?;
        std::fs::read(&path).map_err(|e| AppError::ExportIo { path: path.clone(), source: e }.into())
    }
}

/// One export under way; clears the running mark when it ends, however it ends.
pub struct Running<'a> {
    exports: &'a Exports,
    cancel: Arc<Cancel>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        if let Ok(mut current) = self.exports.current.lock() {
            *current = None;
        }
        self.exports.running.store(false, Ordering::Release);
    }
}

impl Running<'_> {
    /// Reads what the export prints under the workspace lock; `None` when it was cancelled meanwhile.
    pub fn prepare(
        &self,
        workspace: &crate::workspace::Workspace,
        req: &ExportRequest,
    ) -> Result<Option<PreparedExport>, AppErrorDto> {
        self.prepare_with(workspace, |app, cancel| app.prepare_export(req, cancel))
    }

    /// Reads what a run prints with `read` under the workspace lock, this run's cancel token passed in; `None`
    /// when it was cancelled meanwhile.
    pub fn prepare_with<T>(
        &self,
        workspace: &crate::workspace::Workspace,
        read: impl FnOnce(&shiryo_app::App, &Cancel) -> Result<T, AppError>,
    ) -> Result<Option<T>, AppErrorDto> {
        workspace.with(|app| match read(app, &self.cancel) {
            Ok(prepared) => Ok(Some(prepared)),
            Err(AppError::ExportCancelled) => Ok(None),
            Err(e) => Err(e),
        })
    }

    /// Asks where to save `suggested` (the save dialog, or the test folder); `None` when the person closed it.
    /// The dialog blocks, so it is shown from a worker thread, never the main one.
    pub async fn choose_target<R: Runtime>(
        &self,
        app: AppHandle<R>,
        suggested: String,
    ) -> Result<Option<PathBuf>, AppErrorDto> {
        let answer_dir = self.exports.answer_dir.clone();
        tauri::async_runtime::spawn_blocking(move || {
            if let Some(dir) = answer_dir {
                return Some(dir.join(suggested));
            }
            let chosen = app
                .dialog()
                .file()
                .set_title("PDF の保存先")
                .add_filter("PDF", &["pdf"])
                .set_file_name(suggested)
                .blocking_save_file()?;
            let mut path = chosen.into_path().ok()?;
            if shiryo_app::sniff(&path.to_string_lossy(), &[]) != shiryo_app::FileKind::Pdf {
                path.as_mut_os_string().push(".pdf");
            }
            Some(path)
        })
        .await
        .map_err(|e| AppErrorDto::internal(format!("the save dialog thread failed: {e}")))
    }

    /// Asks for the folder that receives the folder of one file per 資料 (named `folder`); `None` when the person
    /// closed the dialog. Under `SHIRYO_EXPORT_DIR` (tests) the answer is that folder.
    pub async fn choose_folder<R: Runtime>(
        &self,
        app: AppHandle<R>,
        folder: String,
    ) -> Result<Option<PathBuf>, AppErrorDto> {
        let answer_dir = self.exports.answer_dir.clone();
        tauri::async_runtime::spawn_blocking(move || {
            if let Some(dir) = answer_dir {
                return Some(dir.join(folder));
            }
            let chosen = app.dialog().file().set_title("資料ごとの PDF を保存するフォルダー").blocking_pick_folder()?;
            Some(chosen.into_path().ok()?.join(folder))
        })
        .await
        .map_err(|e| AppErrorDto::internal(format!("the folder dialog thread failed: {e}")))
    }

    /// Prints `prepared` to `out` on a worker thread, sending progress through `progress`. A cancel answers at
    /// once: the worker may still be drawing pages (shiryo-print cannot stop midway), but it writes nothing.
    pub async fn run(
        &self,
        prepared: PreparedExport,
        out: PathBuf,
        now: chrono::NaiveDateTime,
        progress: impl Fn(ExportProgress) + Send + 'static,
    ) -> Result<ExportOutcome, AppErrorDto> {
        let target = out.clone();
        let outcome = self
            .run_job(move |cancel| ExportOutcome::of(prepared.run(&target, now, &mut |p| progress(p), cancel)))
            .await?
            .unwrap_or(ExportOutcome::Cancelled);
        if let ExportOutcome::Done { .. } = outcome {
            *self.exports.last.lock().map_err(|_| poisoned())? = Some(out);
        }
        Ok(outcome)
    }

    /// Runs `job` on a worker thread with this run's cancel token; `None` when a cancel came first (answered at
    /// once, whatever the worker is still doing: it writes nothing after a cancel).
    pub async fn run_job<T: Send + 'static>(
        &self,
        job: impl FnOnce(&Cancel) -> Result<T, AppError> + Send + 'static,
    ) -> Result<Option<T>, AppErrorDto> {
        let (done, result) = mpsc::channel();
        let cancel = Arc::clone(&self.cancel);
        std::thread::Builder::new()
            .name("shiryo-export".into())
            .spawn(move || drop(done.send(job(&cancel))))
            .map_err(|e| AppErrorDto::internal(format!("cannot start the export thread: {e}")))?;
        let cancel = Arc::clone(&self.cancel);
        tauri::async_runtime::spawn_blocking(move || loop {
            match result.recv_timeout(CANCEL_POLL) {
                Ok(Ok(value)) => return Ok(Some(value)),
                Ok(Err(AppError::ExportCancelled)) => return Ok(None),
                Ok(Err(e)) => return Err(AppErrorDto::from(e)),
                Err(RecvTimeoutError::Timeout) if cancel.is_cancelled() => return Ok(None),
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(AppErrorDto::internal("the export thread ended without an answer"))
                }
            }
        })
        .await
        .map_err(|e| AppErrorDto::internal(format!("the export thread failed: {e}")))?
    }
}

fn poisoned() -> AppErrorDto {
    AppErrorDto::internal("an earlier export panicked")
}
