//! LibreOffice headless as the [`Converter`]: `soffice --headless --convert-to pdf` with a private profile in our
//! cache folder (never the person's own), one conversion at a time, a deadline after which the whole process
//! group is killed, and a working folder per conversion that is removed whatever happens.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use crate::error::{io, Error, Result};
use crate::fonts::ReplacementFonts;
use crate::process::{run, Ended};
use crate::{check_pdf, container, Converted, Converter, Job, MAX_OFFICE_BYTES};

/// The conversion deadline when none is set (SHIRYO_CONVERT_TIMEOUT_S in the binaries).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);

/// Where and how to convert; filled by the binaries (from SHIRYO_SOFFICE, PATH, SHIRYO_CONVERT_TIMEOUT_S and
/// the app's cache folder).
#[derive(Debug, Clone)]
pub struct Settings {
    /// The program to use; when set, nothing else is searched.
    pub program: Option<PathBuf>,
    /// The program search path, as the operating system's PATH holds it.
    pub search_path: Option<OsString>,
    /// Folders looked in after the search path ([`default_install_dirs`]).
    pub install_dirs: Vec<PathBuf>,
    /// Our cache folder: the private LibreOffice profile and the working folder of each conversion.
    pub cache_dir: PathBuf,
    pub timeout: Duration,
    /// Fonts that stand in for the Windows Japanese fonts (None: LibreOffice's own substitution).
    pub replacement_fonts: Option<ReplacementFonts>,
}

/// The usual LibreOffice install folders of this operating system, after the search path.
pub fn default_install_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if cfg!(windows) {
        dirs.push(PathBuf::from(r"C:\Program Files\LibreOffice\program"));
        dirs.push(PathBuf::from(r"C:\Program Files (x86)\LibreOffice\program"));
    } else if cfg!(target_os = "macos") {
        dirs.push(PathBuf::from("/Applications/LibreOffice.app/Contents/MacOS"));
    } else {
        dirs.push(PathBuf::from("/usr/lib/libreoffice/program"));
        dirs.push(PathBuf::from("/usr/local/lib/libreoffice/program"));
        // The Document Foundation's own packages install as /opt/libreoffice7.6/program and so on.
        if let Ok(entries) = std::fs::read_dir("/opt") {
            let mut opt: Vec<PathBuf> = entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with("libreoffice"))
                .map(|e| e.path().join("program"))
                .collect();
            opt.sort();
            opt.reverse(); // the newest version first
            dirs.extend(opt);
        }
    }
    dirs
}

/// The program names looked for in each folder. On Windows `soffice.com` is the console launcher, which waits
/// for the conversion to end; `soffice.exe` is the fallback.
fn program_names() -> &'static [&'static str] {
    if cfg!(windows) {
        &["soffice.com", "soffice.exe"]
    } else {
        &["soffice", "libreoffice"]
    }
}

/// Finds LibreOffice: the named program, else the search path, else the install folders.
pub fn find_program(
    program: Option<&Path>,
    search_path: Option<&OsString>,
    install_dirs: &[PathBuf],
) -> Result<PathBuf> {
    if let Some(p) = program {
        return if p.is_file() { Ok(p.to_path_buf()) } else { Err(Error::ProgramMissing { program: p.to_path_buf() }) };
    }
    let mut searched = Vec::new();
    let path_dirs: Vec<PathBuf> = search_path.map(|p| std::env::split_paths(p).collect()).unwrap_or_default();
    for dir in path_dirs.iter().chain(install_dirs) {
        if dir.as_os_str().is_empty() || !dir.is_absolute() {
            continue;
        }
        for name in program_names() {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
        searched.push(dir.clone());
    }
    Err(Error::NotInstalled { searched })
}

/// One conversion at a time in this process: LibreOffice hands a second start with the same profile over to the
/// running one, whose deadline would then cover both.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// LibreOffice, found and ready to convert.
#[derive(Debug, Clone)]
pub struct LibreOffice {
    program: PathBuf,
    cache_dir: PathBuf,
    timeout: Duration,
    fonts: Option<ReplacementFonts>,
}

/// Working folders of conversions older than this are left-overs of a killed app and are removed.
const STALE_JOB: Duration = Duration::from_secs(3600);

impl LibreOffice {
    /// Finds the program (see [`find_program`]).
    pub fn new(settings: &Settings) -> Result<LibreOffice> {
        let program = find_program(settings.program.as_deref(), settings.search_path.as_ref(), &settings.install_dirs)?;
        let cache_dir = std::path::absolute(&settings.cache_dir).map_err(io("the cache folder"))?;
        Ok(LibreOffice { program, cache_dir, timeout: settings.timeout, fonts: settings.replacement_fonts })
    }

    pub fn program(&self) -> &Path {
        &self.program
    }

    /// The private profile: `<cache>/libreoffice-profile`, as the file URL `-env:UserInstallation` wants.
    fn profile_url(&self) -> Result<String> {
        let dir = self.cache_dir.join("libreoffice-profile");
        std::fs::create_dir_all(&dir).map_err(io(format!("creating {}", dir.display())))?;
        url::Url::from_directory_path(&dir).map(|u| u.to_string()).map_err(|()| Error::Io {
            what: format!("{} as a URL", dir.display()),
            source: std::io::ErrorKind::InvalidInput.into(),
        })
    }

    /// Takes the profile's lock file, so that another Shiryo (the CLI beside the app) waits for our conversion
    /// instead of handing its file to our LibreOffice. Waiting counts against the deadline and can be cancelled.
    fn lock_profile(&self, job: &Job<'_>) -> Result<std::fs::File> {
        std::fs::create_dir_all(&self.cache_dir).map_err(io(format!("creating {}", self.cache_dir.display())))?;
        let path = self.cache_dir.join("libreoffice-profile.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io(format!("opening {}", path.display())))?;
        let start = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(io(format!("locking {}", path.display()))(e)),
            }
            if job.cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err(Error::Cancelled);
            }
            if start.elapsed() >= self.timeout {
                return Err(Error::Timeout { file: job.file_name.to_string(), seconds: self.timeout.as_secs() });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Removes the working folders of conversions killed before they could clean up: those made more than
    /// [`STALE_JOB`] before `ours` (the folder just made). Ages are told by the file system's own modification
    /// times, so no clock is read here. Best effort, never an error.
    fn remove_stale_jobs(jobs: &Path, ours: &Path) {
        let Ok(now) = std::fs::metadata(ours).and_then(|m| m.modified()) else { return };
        let Ok(entries) = std::fs::read_dir(jobs) else { return };
        for entry in entries.flatten() {
            if entry.path() == ours {
                continue;
            }
            let made = entry.metadata().and_then(|m| m.modified()).ok();
            if made.and_then(|t| now.duration_since(t).ok()).is_some_and(|age| age > STALE_JOB) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// The last part of what the program printed, for the English detail of an error.
fn tail_of(path: &Path) -> String {
    let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
    let lines: Vec<&str> = text.lines().filter(|l| !l.contains("javaldx")).collect();
    let joined = lines.join(" | ");
    let chars: Vec<char> = joined.chars().collect();
    chars[chars.len().saturating_sub(600)..].iter().collect()
}

impl Converter for LibreOffice {
    fn convert(&self, job: &Job<'_>, progress: &mut dyn FnMut(Duration)) -> Result<Converted> {
        let start = std::time::Instant::now();
        let file = job.file_name;
        let format = container::office_format(shiryo_core::sniff(file, job.bytes))
            .ok_or_else(|| Error::Unsupported { file: file.to_string() })?;
        let size = u64::try_from(job.bytes.len()).unwrap_or(u64::MAX);
        if size > MAX_OFFICE_BYTES {
            return Err(Error::TooLarge { file: file.to_string(), size, limit: MAX_OFFICE_BYTES });
        }
        container::check(file, format, job.bytes)?;

        // A poisoned lock only means an earlier conversion panicked; the next one may still run.
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let _profile = self.lock_profile(job)?;
        let jobs = self.cache_dir.join("jobs");
        std::fs::create_dir_all(&jobs).map_err(io(format!("creating {}", jobs.display())))?;
        // Removed when dropped: after success, failure, time-out or cancel alike.
        let work = tempfile::Builder::new().prefix("convert-").tempdir_in(&jobs).map_err(io("a working folder"))?;
        Self::remove_stale_jobs(&jobs, work.path());
        // A fixed ASCII name: the person's file name never reaches the command line.
        let input = work.path().join(format!("source.{}", format.extension()));
        std::fs::write(&input, job.bytes).map_err(io(format!("writing {}", input.display())))?;
        let out_dir = work.path().join("out");
        std::fs::create_dir(&out_dir).map_err(io("the output folder"))?;
        let log = work.path().join("soffice.log");
        let log_file = std::fs::File::create(&log).map_err(io("the log file"))?;
        let log_err = log_file.try_clone().map_err(io("the log file"))?;

        let mut cmd = Command::new(&self.program);
        cmd.arg(format!("-env:UserInstallation={}", self.profile_url()?))
            .args(["--headless", "--invisible", "--nodefault", "--nologo", "--nolockcheck", "--norestore"])
            .args(["--nofirststartwizard", "--convert-to", "pdf", "--outdir"])
            .arg(&out_dir)
            .arg(&input)
            .current_dir(work.path())
            .stdin(Stdio::null())
            .stdout(Stdio::from(log_file))
            .stderr(Stdio::from(log_err));
        if let Some(fonts) = &self.fonts {
            if let Some(config) = crate::fonts::prepare_fontconfig(&self.cache_dir, fonts)? {
                cmd.env("FONTCONFIG_FILE", config);
            }
        }
        let ended = run(&mut cmd, self.timeout, job.cancel, progress)
            .map_err(io(format!("starting {}", self.program.display())))?;
        let status = match ended {
            Ended::Exited(status) => status,
            Ended::TimedOut => return Err(Error::Timeout { file: file.to_string(), seconds: self.timeout.as_secs() }),
            Ended::Cancelled => return Err(Error::Cancelled),
        };
        let output = out_dir.join("source.pdf");
        let pdf = match std::fs::read(&output) {
            Ok(pdf) => pdf,
            Err(_) => {
                return Err(Error::Failed {
                    file: file.to_string(),
                    program: self.program.display().to_string(),
                    status: status.code().map_or_else(|| "killed".to_string(), |c| c.to_string()),
                    output: tail_of(&log),
                })
            }
        };
        check_pdf(file, pdf, self.name(), start.elapsed())
    }

    fn name(&self) -> String {
        format!("LibreOffice ({})", self.program.display())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_working_folder_an_hour_older_than_the_new_one_is_removed_and_a_recent_one_kept() {
        let jobs = tempfile::tempdir().unwrap();
        let [stale, recent, ours] = ["convert-stale", "convert-recent", "convert-ours"].map(|n| jobs.path().join(n));
        for dir in [&stale, &recent, &ours] {
            std::fs::create_dir(dir).unwrap();
        }
        let made = std::fs::metadata(&ours).unwrap().modified().unwrap();
        std::fs::File::open(&stale).unwrap().set_modified(made - 2 * STALE_JOB).unwrap();
        LibreOffice::remove_stale_jobs(jobs.path(), &ours);
        assert!(!stale.exists(), "a killed conversion's folder is removed");
        assert!(recent.exists() && ours.exists(), "another conversion may still use these");
    }
}
