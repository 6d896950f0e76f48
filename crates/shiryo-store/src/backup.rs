//! Backups of a workspace: SQLite's online backup API into `<workspace>.backups/`, the newest [`KEEP`] kept;
//! restore replaces the workspace atomically, after checking the backup like any workspace it opens.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::backup::Backup;
use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::file_check::{self, classify, companions};
use crate::{Workspace, EXTENSION};

/// How many backups of a workspace are kept; the oldest beyond this are removed after each new backup.
pub const KEEP: usize = 10;

const STAMP: &str = "%Y%m%d-%H%M%S";

/// One backup file of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// When it was taken (the time passed in by the caller), to the second.
    pub taken_at: NaiveDateTime,
    /// Why: `manual`, `before-migration-v1-to-v2`, `before-restore`, `before-delete`, …
    pub reason: String,
    pub size: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// The backup of the workspace as it was just before the restore (so a restore can be undone).
    pub previous: BackupInfo,
}

/// The folder holding a workspace's backups: `<workspace file>.backups`, next to it.
pub fn backup_dir(workspace: &Path) -> PathBuf {
    let mut dir = workspace.as_os_str().to_owned();
    dir.push(".backups");
    PathBuf::from(dir)
}

impl Workspace {
    /// Copies the workspace, as of its last commit, into its backup folder (SQLite online backup: consistent
    /// while others read and write). `reason` becomes part of the file name (letters, digits and `-` kept).
    pub fn backup(&self, reason: &str, now: NaiveDateTime) -> Result<BackupInfo> {
        backup_connection(&self.conn, &self.path, reason, now)
    }

    /// The backups of this workspace, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        list_backups(&self.path)
    }
}

/// The backups of the workspace at `workspace`, newest first (an absent backup folder means none).
pub fn list_backups(workspace: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(workspace);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path: dir, source }),
    };
    let stem = stem(workspace);
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io { path: dir.clone(), source })?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((taken_at, reason)) = parse_name(&stem, &name) else { continue };
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        found.push(BackupInfo { path: entry.path(), taken_at, reason, size });
    }
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.path.cmp(&a.path)));
    Ok(found)
}

/// Replaces the workspace at `workspace` with the backup at `backup`:
/// 1. the backup is checked like any workspace being opened (SQLite header, length, ours, not newer,
///    `quick_check`) and refused untouched otherwise;
/// 2. the workspace is locked exclusively — when another program holds it open, [`Error::InUse`] and nothing
///    changes — and copied as it is into the backup folder (`before-restore`), so the restore can be undone;
/// 3. the backup is copied (online backup API) into a temporary file in the workspace's folder, synced, and
///    renamed over the workspace while the lock is held, stale `-wal`/`-shm` files removed first.
///
/// A missing workspace is simply created from the backup. A damaged one is copied byte for byte in step 2.
pub fn restore(workspace: &Path, backup: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
    file_check::check(backup)?;
    let folder = parent(workspace);
    let lock = if workspace.exists() { lock_exclusive(workspace)? } else { None };
    let previous = if workspace.exists() {
        copy_raw_into_backups(workspace, now)?
    } else {
        BackupInfo { path: PathBuf::new(), taken_at: now, reason: "none".into(), size: 0 }
    };

    let tmp = folder.join(format!(".{}.restoring", file_name(workspace)));
    let _ = std::fs::remove_file(&tmp);
    let copied = copy_database(backup, &tmp).and_then(|()| sync_file(&tmp));
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // Nobody else has the workspace open (we hold the exclusive lock), so -wal/-shm left there are stale; the
    // restored file is in rollback-journal mode and must not meet them.
    for companion in companions(workspace) {
        match std::fs::remove_file(&companion) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(Error::Io { path: companion, source });
            }
        }
    }
    if let Err(source) = std::fs::rename(&tmp, workspace) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error(workspace, source));
    }
    sync_dir(&folder);
    drop(lock);
    Ok(RestoreReport { previous })
}

/// Takes a backup through `conn` (an open read-write connection of the workspace at `workspace`).
pub(crate) fn backup_connection(
    conn: &Connection,
    workspace: &Path,
    reason: &str,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let (dir, path, reason) = new_backup_path(workspace, reason, now)?;
    let tmp = dir.join(format!(".{}.partial", file_name(&path)));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut dst = Connection::open(&tmp).map_err(|e| classify(&tmp, e))?;
        {
            let backup = Backup::new(conn, &mut dst).map_err(|e| classify(workspace, e))?;
            // All pages in one step: one read transaction, so the copy is one consistent state.
            backup.run_to_completion(i32::MAX, Duration::from_millis(20), None).map_err(|e| classify(&tmp, e))?;
        }
        // A backup is a single self-contained file: no -wal/-shm beside it.
        let _: String =
            dst.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0)).map_err(|e| classify(&tmp, e))?;
        dst.close().map_err(|(_, e)| classify(&tmp, e))
    })();
    publish(workspace, (dir, path, reason), &tmp, result, now)
}

/// Makes a written `.partial` copy a backup: synced, renamed into place, the folder synced, old ones pruned.
/// On any failure the partial file is removed and nothing else changes.
fn publish(
    workspace: &Path,
    (dir, path, reason): (PathBuf, PathBuf, String),
    tmp: &Path,
    written: Result<()>,
    now: NaiveDateTime,
) -> Result<BackupInfo> {
    let result = written
        .and_then(|()| sync_file(tmp))
        .and_then(|()| std::fs::rename(tmp, &path).map_err(|source| io_error(&path, source)));
    if let Err(e) = result {
        let _ = std::fs::remove_file(tmp);
        return Err(e);
    }
    sync_dir(&dir);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    prune(workspace)?;
    Ok(BackupInfo { path, taken_at: trunc(now), reason, size })
}

/// Removes the oldest backups beyond [`KEEP`].
fn prune(workspace: &Path) -> Result<()> {
    for old in list_backups(workspace)?.into_iter().skip(KEEP) {
        std::fs::remove_file(&old.path).map_err(|source| Error::Io { path: old.path.clone(), source })?;
    }
    Ok(())
}

/// A fresh name `<stem>-YYYYMMDD-HHMMSS-<reason>.shiryo` in the backup folder (created if needed); a second
/// backup in the same second with the same reason gets `-2`, `-3`, … after the reason.
fn new_backup_path(workspace: &Path, reason: &str, now: NaiveDateTime) -> Result<(PathBuf, PathBuf, String)> {
    let dir = backup_dir(workspace);
    std::fs::create_dir_all(&dir).map_err(|source| io_error(&dir, source))?;
    let base = format!("{}-{}-{}", stem(workspace), now.format(STAMP), slug(reason));
    for n in 1u32.. {
        let reason = if n == 1 { slug(reason) } else { format!("{}-{n}", slug(reason)) };
        let name = if n == 1 { format!("{base}.{EXTENSION}") } else { format!("{base}-{n}.{EXTENSION}") };
        let path = dir.join(name);
        if !path.exists() {
            return Ok((dir, path, reason));
        }
    }
    Err(Error::Invalid(format!("no free backup name in {}", dir.display())))
}

/// `reason` as it may appear in a file name: ASCII letters and digits lower-cased, anything else `-`.
fn slug(reason: &str) -> String {
    let mut s: String =
        reason.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).take(48).collect();
    while s.contains("--") {
        s = s.replace("--", "-");
    }
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "manual".to_string()
    } else {
        s
    }
}

fn parse_name(stem: &str, name: &str) -> Option<(NaiveDateTime, String)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(&format!(".{EXTENSION}"))?;
    let stamp = rest.get(..15)?;
    let reason = rest.get(15..)?.strip_prefix('-')?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    (!reason.is_empty()).then(|| (taken_at, reason.to_string()))
}

fn trunc(now: NaiveDateTime) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&now.format(STAMP).to_string(), STAMP).unwrap_or(now)
}

fn stem(workspace: &Path) -> String {
    workspace.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workspace".into())
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An I/O error, told apart when the disk is full or the place is read-only.
pub(crate) fn io_error(path: &Path, source: std::io::Error) -> Error {
    let path = path.to_path_buf();
    match (source.raw_os_error(), source.kind()) {
        (Some(28), _) => Error::DiskFull { path }, // ENOSPC
        (Some(30), _) | (_, std::io::ErrorKind::PermissionDenied) => Error::ReadOnly { path }, // EROFS, EACCES
        _ => Error::Io { path, source },
    }
}

/// Holds the workspace exclusively: journal mode switched to DELETE (which checkpoints the WAL and needs every
/// other connection closed), then an exclusive transaction kept open until the returned connection drops.
/// A damaged or foreign file cannot be locked this way; it is replaced all the same (`None`).
fn lock_exclusive(workspace: &Path) -> Result<Option<Connection>> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(workspace, flags).map_err(|e| classify(workspace, e))?;
    let in_use = || Error::InUse { path: workspace.to_path_buf() };
    let attempt = (|| -> rusqlite::Result<String> {
        // Another program holding the file is an answer, not something to wait for.
        conn.busy_timeout(Duration::ZERO)?;
        conn.pragma_update(None, "locking_mode", "exclusive")?;
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0))?;
        conn.execute_batch("BEGIN EXCLUSIVE")?;
        Ok(mode)
    })();
    match attempt {
        Ok(mode) if mode.eq_ignore_ascii_case("delete") => Ok(Some(conn)),
        // SQLite keeps WAL mode when another connection has the file open.
        Ok(_) => Err(in_use()),
        Err(e) => match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Err(in_use()),
            Some(ErrorCode::ReadOnly) => Err(Error::ReadOnly { path: workspace.to_path_buf() }),
            _ => Ok(None),
        },
    }
}

/// Copies the workspace file byte for byte into its backup folder as `before-restore` (it is locked, and in
/// rollback-journal mode, so the one file is the whole workspace).
fn copy_raw_into_backups(workspace: &Path, now: NaiveDateTime) -> Result<BackupInfo> {
    let target = new_backup_path(workspace, "before-restore", now)?;
    let tmp = target.0.join(format!(".{}.partial", file_name(&target.1)));
    let written = std::fs::copy(workspace, &tmp).map(|_| ()).map_err(|source| io_error(&tmp, source));
    publish(workspace, target, &tmp, written, now)
}

/// Copies the database at `from` (with its WAL, if any) into a new file `to` through the online backup API.
fn copy_database(from: &Path, to: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let src = Connection::open_with_flags(from, flags).map_err(|e| classify(from, e))?;
    let mut dst = Connection::open(to).map_err(|e| classify(to, e))?;
    {
        let backup = Backup::new(&src, &mut dst).map_err(|e| classify(from, e))?;
        backup.run_to_completion(i32::MAX, Duration::from_millis(20), None).map_err(|e| classify(to, e))?;
    }
    let _: String =
        dst.pragma_update_and_check(None, "journal_mode", "delete", |r| r.get(0)).map_err(|e| classify(to, e))?;
    dst.close().map_err(|(_, e)| classify(to, e))
}

fn sync_file(path: &Path) -> Result<()> {
    let file = OpenOptions::new().read(true).write(true).open(path).map_err(|source| io_error(path, source))?;
    file.sync_all().map_err(|source| io_error(path, source))
}

/// Makes a rename durable. Best effort: not every platform can open a folder.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
