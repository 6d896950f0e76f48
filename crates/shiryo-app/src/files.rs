//! Files the app writes: atomically (a temporary file in the same folder, synced, renamed into place) and named
//! by a stable id. Used by the packet export and the 新旧対照表's own PDF alike.

use std::io::Write;
use std::path::Path;

use crate::error::AppError;

/// A stable 16-byte file identifier from what the PDF is of (FNV-1a, two seeds): no clock, no randomness.
pub(crate) fn document_id(parts: &[&str]) -> [u8; 16] {
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for b in part.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&hash(0x8422_2325_cbf2_9ce4).to_be_bytes());
    id
}

/// Temporary export files: `.shiryo-export-<pid>-<random>.pdf.tmp` beside the target.
const TEMP_PREFIX: &str = ".shiryo-export-";
const TEMP_SUFFIX: &str = ".pdf.tmp";
/// A temporary file this much older than a new one is left over from a killed export (an export takes seconds).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files of exports that were killed before their rename: those of another process written
/// more than an hour before `ours` (the temporary file just created). Ages are told by the file system's own
/// modification times, so no clock and no process table is read here. Best effort, never an error.
fn remove_stale_temps(dir: &Path, ours: &Path) {
    let Ok(now) = std::fs::metadata(ours).and_then(|m| m.modified()) else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let written = entry.metadata().and_then(|m| m.modified()).ok();
        let age = written.and_then(|t| now.duration_since(t).ok());
        if age.is_some_and(|a| a > STALE_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `out` through a temporary file in the same folder, renamed into place at the end. Temporary
/// files that killed exports left there are removed first.
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |source: std::io::Error| AppError::ExportIo { path: out.to_path_buf(), source };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
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
    remove_stale_temps(dir, tmp.path());
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(out).map_err(|e| io(e.error))?;
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
    fn a_left_over_temporary_file_an_hour_older_than_the_new_one_is_removed_and_a_recent_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(format!("{TEMP_PREFIX}1-abc{TEMP_SUFFIX}"));
        let recent = dir.path().join(format!("{TEMP_PREFIX}2-def{TEMP_SUFFIX}"));
        std::fs::write(&stale, b"half").unwrap();
        std::fs::write(&recent, b"half").unwrap();
        let two_hours_ago = std::fs::metadata(&recent).unwrap().modified().unwrap() - 2 * STALE_AFTER;
        std::fs::File::options().write(true).open(&stale).unwrap().set_modified(two_hours_ago).unwrap();
        write_atomically(&dir.path().join("out.pdf"), b"%PDF-1.7").unwrap();
        assert!(!stale.exists(), "a killed export's file is removed");
        assert!(recent.exists(), "another export may still be writing this one");
    }
}
