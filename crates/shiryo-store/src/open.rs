//! Opening a workspace without ever harming a file that is not one: check first, read-only, then migrate.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use chrono::NaiveDateTime;

use crate::backup::RestoreReport;
use crate::error::{Error, Result};
use crate::file_check::{check, classify, companions, BUSY_TIMEOUT};
use crate::migrate::{self, SCHEMA_VERSION};
use crate::Workspace;

/// What opening needs from the world: the binaries pass it in, the store reads no clock or time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// The local time zone's offset from UTC, to name a migration backup after the file's last write in local
    /// time as every other backup is (default: UTC).
    pub utc_offset: chrono::FixedOffset,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { utc_offset: chrono::Offset::fix(&chrono::Utc) }
    }
}

/// How the connection journals: WAL on a local disk; on a network file system, a rollback journal with the file
/// locked exclusively for as long as it is open (WAL's shared-memory index is not shared across machines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Journal {
    Wal,
    ExclusiveRollback { file_system: &'static str },
}

impl Journal {
    pub(crate) fn for_path(path: &Path) -> Journal {
        match crate::network::network_file_system(path) {
            Some(file_system) => Journal::ExclusiveRollback { file_system },
            None => Journal::Wal,
        }
    }
}

pub(crate) fn create(path: &Path, journal: Journal) -> Result<Workspace> {
    if path.exists() {
        return Err(Error::AlreadyExists { path: path.to_path_buf() });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    // A new file has nothing to back up; its time is never used.
    finish_open(path, conn, chrono::NaiveDateTime::default(), journal)
}

pub(crate) fn open(path: &Path, opts: &OpenOptions, journal: Journal) -> Result<Workspace> {
    check(path)?;
    // Read before SQLite touches the file: the time a migration backup is named after.
    let written = last_written(path, opts.utc_offset);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    // SQLite falls back to read-only for a write-protected file; we refuse instead of failing at the first edit.
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return Err(Error::ReadOnly { path: path.to_path_buf() });
    }
    let mut ws = finish_open(path, conn, written, journal)?;
    ws.opts = *opts;
    // Take the write lock once: in a read-only folder SQLite cannot create the -wal it needs and says so here,
    // not at the user's first edit. On a network share the exclusive lock is taken here and, in exclusive
    // locking mode, held until the workspace is closed: no other program reads or writes it meanwhile.
    let take_lock = match journal {
        Journal::Wal => "BEGIN IMMEDIATE; ROLLBACK",
        Journal::ExclusiveRollback { .. } => "BEGIN EXCLUSIVE; COMMIT",
    };
    ws.conn.execute_batch(take_lock).map_err(|e| classify(path, e))?;
    Ok(ws)
}

/// Settings every connection gets, then the migrations.
/// `written`: when the file was last written, for the name of the backup taken before a migration.
fn finish_open(
    path: &Path,
    mut conn: Connection,
    written: chrono::NaiveDateTime,
    journal: Journal,
) -> Result<Workspace> {
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "foreign_keys", true).map_err(|e| classify(path, e))?;
    let (want, synchronous) = match journal {
        Journal::Wal => ("wal", "normal"),
        Journal::ExclusiveRollback { .. } => {
            // Before anything is read: the lock is then taken at the first access and held until closed, and
            // SQLite never maps a -shm file.
            conn.pragma_update(None, "locking_mode", "exclusive").map_err(|e| classify(path, e))?;
            ("delete", "full")
        }
    };
    let mode: String =
        conn.pragma_update_and_check(None, "journal_mode", want, |r| r.get(0)).map_err(|e| classify(path, e))?;
    if !mode.eq_ignore_ascii_case(want) {
        return Err(Error::Invalid(format!("journal_mode is {mode}, not {want}")));
    }
    conn.pragma_update(None, "synchronous", synchronous).map_err(|e| classify(path, e))?;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| classify(path, e))?;
    if version > 0 && version < SCHEMA_VERSION {
        // A backup before the schema changes; named after the file's last write, since the store reads no clock.
        crate::backup::backup_connection(
            &conn,
            path,
            &format!("before-migration-v{version}-to-v{SCHEMA_VERSION}"),
            written,
        )?;
    }
    migrate::to_latest(&mut conn).map_err(|e| match e {
        Error::Migration { source: rusqlite_migration::Error::RusqliteError { err, .. }, .. } => classify(path, err),
        other => other,
    })?;
    Ok(Workspace { conn, path: path.to_path_buf(), journal, opts: OpenOptions::default() })
}

/// When the workspace was last written (its file's or its WAL's modification time, whichever is later).
/// In the time zone `offset` given by the caller (the store never asks the system for it).
fn last_written(path: &Path, offset: chrono::FixedOffset) -> chrono::NaiveDateTime {
    let [wal, _] = companions(path);
    let times = [path, wal.as_path()].map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let latest = times.into_iter().flatten().max().unwrap_or(std::time::UNIX_EPOCH);
    chrono::DateTime::<chrono::Utc>::from(latest).with_timezone(&offset).naive_local()
}

impl Workspace {
    /// Replaces this workspace with `backup` (see [`crate::restore`]), closing and reopening this connection
    /// around it. When the restore is refused, the workspace is reopened as it was.
    pub fn restore(&mut self, backup: &Path, now: NaiveDateTime) -> Result<RestoreReport> {
        let placeholder = Connection::open_in_memory()?;
        drop(std::mem::replace(&mut self.conn, placeholder));
        let result = crate::backup::restore(&self.path, backup, now);
        let reopened = open(&self.path, &self.opts, self.journal);
        match (result, reopened) {
            (Ok(report), Ok(ws)) => {
                self.conn = ws.conn;
                Ok(report)
            }
            (Err(e), Ok(ws)) => {
                self.conn = ws.conn;
                Err(e)
            }
            (_, Err(e)) => Err(e),
        }
    }
}
