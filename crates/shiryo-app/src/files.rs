//! Files the app writes: atomically (a temporary file or folder beside the target, synced, renamed into place) and
//! named by a stable id. Used by the packet export, the one-file-per-資料 export and the 新旧対照表's own PDF alike.

use std::io::Write;
use std::path::Path;

use crate::error::AppError;

/// A stable 16-byte file identifier from what the PDF is of (FNV-1a, two seeds): no clock, no randomness.
pub(crate) fn document_id(parts: &[&str]) -> [u8; 16] {
    let hash = |seed: u64| {
        let mut h = fnv::FnvHasher::with_key(seed);
        for part in parts {
            std::hash::Hasher::write(&mut h, part.as_bytes());
            std::hash::Hasher::write(&mut h, &[0]);
        }
        std::hash::Hasher::finish(&h)
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&hash(0x8422_2325_cbf2_9ce4).to_be_bytes());
    id
}

/// Temporary export files: `.shiryo-export-<pid>-<random>.pdf.tmp` beside the target; a folder of one file per
/// 資料 is written as `….split.tmp` and the folder it replaces is moved aside as `….old.tmp` for a moment.
const TEMP_PREFIX: &str = ".shiryo-export-";
const TEMP_SUFFIX: &str = ".pdf.tmp";
const SPLIT_SUFFIX: &str = ".split.tmp";
const OLD_SUFFIX: &str = ".old.tmp";
/// Where the file system cannot tell whether a temporary file is still being written (no file locks there), one
/// this much older than a new one is left over from a killed export (an export takes seconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Whether another export holds `path` locked while it writes it: `Some(true)` or `Some(false)`, `None` where the
/// file system cannot tell (no locks; a folder on Windows cannot be opened as a file).
fn held_by_another(path: &Path) -> Option<bool> {
    let file = std::fs::File::open(path).ok()?;
    match file.try_lock() {
        // Dropping `file` gives the lock back at once.
        Ok(()) => Some(false),
        Err(std::fs::TryLockError::WouldBlock) => Some(true),
        Err(std::fs::TryLockError::Error(_)) => None,
    }
}

/// Takes the lock that tells other exports "still being written" (see [`remove_stale_temps`]); best effort.
fn hold(file: &std::fs::File) {
    let _ = file.try_lock();
}

/// Removes the temporary files and folders of exports that were killed before their rename: those of another
/// process that nobody holds locked and that were written before `ours` (the temporary file or folder just
/// created). A running export holds its file locked from its creation to its rename, and a killed process's
/// locks go with it, so neither the clock nor the process table is read here; where the file system has no locks
/// the file system's own modification times decide (older than [`STALE_AFTER`]). A folder moved aside is only
/// ever removed by age: its export may be about to move it back. Best effort, never an error.
fn remove_stale_temps(dir: &Path, ours: &Path) {
    let Ok(now) = std::fs::metadata(ours).and_then(|m| m.modified()) else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some((rest, suffix)) = name.to_str().and_then(|n| {
            let n = n.strip_prefix(TEMP_PREFIX)?;
            [TEMP_SUFFIX, SPLIT_SUFFIX, OLD_SUFFIX].into_iter().find_map(|s| Some((n.strip_suffix(s)?, s)))
        }) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let path = entry.path();
        let Some(written) = entry.metadata().and_then(|m| m.modified()).ok() else { continue };
        let old = now.duration_since(written).is_ok_and(|age| age > STALE_AFTER);
        let stale = match held_by_another(&path) {
            _ if suffix == OLD_SUFFIX => old,
            Some(held) => !held && written <= now,
            None => old,
        };
        if stale {
            if path.is_dir() {
                let _ = std::fs::remove_dir_all(&path);
            } else {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// The folder a file is written in (`.` for a bare file name).
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `out` through a temporary file in the same folder, renamed into place at the end. Temporary
/// files that killed exports left there are removed on the way.
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |source: std::io::Error| AppError::ExportIo { path: out.to_path_buf(), source };
    let dir = parent_of(out);
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // tempfile creates 0600 files; a handout PDF gets the mode any new file gets (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    hold(tmp.as_file());
    remove_stale_temps(dir, tmp.path());
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(out).map_err(|e| io(e.error))?;
    Ok(())
}

/// Writes `files` as the folder `dir`, whole or not at all: into a temporary folder beside it (each file synced),
/// which is then renamed to `dir`. An existing `dir` (the caller has checked that it may be replaced) is first
/// moved aside and removed only once the new folder is in place; if that rename fails it is moved back.
pub(crate) fn write_folder_atomically(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<(), AppError> {
    let io = |path: &Path, source| AppError::ExportIo { path: path.to_path_buf(), source };
    let parent = parent_of(dir);
    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(SPLIT_SUFFIX);
    // tempfile makes 0700 folders; the result gets the mode any new folder gets (0777 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let tmp = builder.tempdir_in(parent).map_err(|e| io(parent, e))?;
    // Held until the folder is renamed into place (where a folder can be opened and locked: Linux, macOS).
    let held = std::fs::File::open(tmp.path()).ok();
    if let Some(folder) = &held {
        hold(folder);
    }
    remove_stale_temps(parent, tmp.path());
    for (name, bytes) in files {
        let path = tmp.path().join(name);
        let mut f = std::fs::File::create(&path).map_err(|e| io(&path, e))?;
        f.write_all(bytes).map_err(|e| io(&path, e))?;
        f.sync_all().map_err(|e| io(&path, e))?;
    }
    let old = if dir.exists() {
        let aside = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(OLD_SUFFIX)
            .tempdir_in(parent)
            .map_err(|e| io(parent, e))?;
        let aside = aside.keep();
        // The empty placeholder made the name unique; the old folder takes its place.
        std::fs::remove_dir(&aside).map_err(|e| io(&aside, e))?;
        std::fs::rename(dir, &aside).map_err(|e| io(dir, e))?;
        Some(aside)
    } else {
        None
    };
    let tmp_path = tmp.keep();
    if let Err(e) = std::fs::rename(&tmp_path, dir) {
        if let Some(aside) = &old {
            let _ = std::fs::rename(aside, dir);
        }
        let _ = std::fs::remove_dir_all(&tmp_path);
        return Err(io(dir, e));
    }
    if let Some(aside) = old {
        let _ = std::fs::remove_dir_all(aside);
    }
    drop(held);
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(parent) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn an_exported_file_gets_the_mode_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.pdf");
        std::fs::write(&plain, b"x").unwrap();
        let out = dir.path().join("out.pdf");
        write_atomically(&out, b"%PDF-1.7").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain), "not the 0600 of a temporary file");
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7");
    }

    #[test]
    fn the_document_id_depends_on_its_input_only() {
        assert_eq!(document_id(&["a", "b"]), document_id(&["a", "b"]));
        assert_ne!(document_id(&["a", "b"]), document_id(&["ab", ""]));
    }

    #[test]
    fn a_killed_exports_temporary_file_is_removed_and_one_still_being_written_kept() {
        let dir = tempfile::tempdir().unwrap();
        let killed = dir.path().join(format!("{TEMP_PREFIX}1-abc{TEMP_SUFFIX}"));
        let running = dir.path().join(format!("{TEMP_PREFIX}2-def{TEMP_SUFFIX}"));
        std::fs::write(&killed, b"half").unwrap();
        std::fs::write(&running, b"half").unwrap();
        // Another export writing `running` holds it locked, as `write_atomically` does.
        let writer = std::fs::File::open(&running).unwrap();
        writer.try_lock().unwrap();
        write_atomically(&dir.path().join("out.pdf"), b"%PDF-1.7").unwrap();
        assert!(!killed.exists(), "a killed export's file (nobody holds it) is removed");
        assert!(running.exists(), "an export still writing its file keeps it");
        drop(writer);
        write_atomically(&dir.path().join("out.pdf"), b"%PDF-1.7").unwrap();
        assert!(!running.exists(), "once its writer is gone it is left over too");
    }

    #[test]
    fn a_folder_moved_aside_is_removed_only_an_hour_after_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let aside = |n: &str| dir.path().join(format!("{TEMP_PREFIX}{n}{OLD_SUFFIX}"));
        let (recent, old) = (aside("1-abc"), aside("2-def"));
        std::fs::create_dir(&recent).unwrap();
        std::fs::create_dir(&old).unwrap();
        let now = std::fs::metadata(&old).unwrap().modified().unwrap();
        std::fs::File::open(&old).unwrap().set_modified(now - 2 * STALE_AFTER).unwrap();
        write_atomically(&dir.path().join("out.pdf"), b"%PDF-1.7").unwrap();
        assert!(recent.exists(), "its export may still move it back");
        assert!(!old.exists());
    }

    #[test]
    fn a_left_over_split_folder_is_removed_when_a_new_folder_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!("{TEMP_PREFIX}1-abc{SPLIT_SUFFIX}"));
        std::fs::create_dir(&stale).unwrap();
        std::fs::write(stale.join("00_次第.pdf"), b"half").unwrap();
        let now = std::fs::metadata(&stale).unwrap().modified().unwrap();
        std::fs::File::open(&stale).unwrap().set_modified(now - 2 * STALE_AFTER).unwrap();
        let out = dir.path().join("会議");
        write_folder_atomically(&out, &[("00_次第.pdf".to_string(), b"%PDF-1.7".to_vec())]).unwrap();
        assert!(!stale.exists(), "a killed split export's folder is removed");
        assert_eq!(std::fs::read(out.join("00_次第.pdf")).unwrap(), b"%PDF-1.7");
    }
}
