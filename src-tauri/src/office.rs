//! Office files from the window: converted on a worker thread, off the workspace lock (the 次第 editor stays
//! usable), with the seconds sent through a channel and a cancel that kills LibreOffice at once; only a checked
//! conversion is stored, in one edit that undo takes back.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use shiryo_app::office::{Conversion, ConvertError, ConvertOutcome, ConvertProgress, ConverterStatus};
use shiryo_app::{AppError, AppErrorDto};
use tauri::{AppHandle, Manager, Runtime};

/// The conversion state of the window: the converter settings read at start, and the cancel flag of the running
/// conversion with its run id (chosen by the page, so a cancel that overtakes its start still stops it).
pub struct Conversions {
    settings: shiryo_app::office::ConvertSettings,
    cancelled_run: AtomicU64,
    current: Mutex<Option<(u64, Arc<AtomicBool>)>>,
}

impl Conversions {
    /// Reads SHIRYO_SOFFICE, PATH and SHIRYO_CONVERT_TIMEOUT_S once; the private LibreOffice profile lives in the
    /// app's cache folder.
    pub fn from_env<R: Runtime>(handle: &AppHandle<R>) -> Self {
        let cache = handle.path().app_cache_dir().unwrap_or_else(|_| std::env::temp_dir().join("shiryo"));
        Conversions {
            settings: shiryo_app::office::settings(|k| std::env::var_os(k), cache),
            cancelled_run: AtomicU64::new(0),
            current: Mutex::new(None),
        }
    }

    pub fn status(&self) -> ConverterStatus {
        shiryo_app::office::converter_status(&self.settings)
    }

    pub fn cancel(&self, run: u64) {
        self.cancelled_run.store(run, Ordering::SeqCst);
        if let Ok(current) = self.current.lock() {
            if let Some((id, flag)) = current.as_ref() {
                if *id == run {
                    flag.store(true, Ordering::SeqCst);
                }
            }
        }
    }

    /// Converts `file_name` on a worker thread, telling `progress` the seconds under `label`. `None` when the
    /// person cancelled.
    pub async fn convert(
        &self,
        run: u64,
        label: String,
        file_name: String,
        bytes: Vec<u8>,
        progress: impl Fn(ConvertProgress) + Send + 'static,
    ) -> Result<Option<Conversion>, AppErrorDto> {
        let flag = Arc::new(AtomicBool::new(self.cancelled_run.load(Ordering::SeqCst) == run));
        *self.current.lock().map_err(|_| poisoned())? = Some((run, Arc::clone(&flag)));
        let settings = self.settings.clone();
        let cancel = Arc::clone(&flag);
        let result = tauri::async_runtime::spawn_blocking(move || {
            let lo = shiryo_app::office::libre_office(&settings)?;
            shiryo_app::office::convert(&lo, &file_name, &bytes, &cancel, &mut |spent| {
                let seconds = u32::try_from(spent.as_secs()).unwrap_or(u32::MAX);
                progress(ConvertProgress { label: label.clone(), seconds });
            })
        })
        .await
        .map_err(|e| AppErrorDto::internal(format!("the conversion thread failed: {e}")))?;
        if let Ok(mut current) = self.current.lock() {
            *current = None;
        }
        match result {
            Ok(conversion) => Ok(Some(conversion)),
            Err(AppError::Convert(ConvertError::Cancelled)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

fn poisoned() -> AppErrorDto {
    AppErrorDto::internal("an earlier conversion panicked")
}

/// What a done conversion answers with.
pub fn done(outcome: shiryo_app::EditOutcome, material_id: i64) -> ConvertOutcome {
    ConvertOutcome::Done { outcome, material_id }
}
