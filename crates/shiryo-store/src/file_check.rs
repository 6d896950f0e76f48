//! The checks of an SQLite file that never write to it: its bytes (header, length), then identity, version and
//! integrity over a read-only connection; and SQLite's error codes as the store's errors. Opening, restoring and
//! backing up all check a file through here, so none of them depends on another for it.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};
use crate::migrate::{APPLICATION_ID, SCHEMA_VERSION};

/// How long a write waits for another program (the CLI, a second window) to finish its transaction.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The checks of opening that never write: the file's bytes, then identity, version and integrity read-only.
pub(crate) fn check(path: &Path) -> Result<()> {
    check_file(path)?;
    let companions_before = companions(path).map(|p| p.exists());
    if let Err(e) = inspect_read_only(path) {
        // SQLite creates -wal/-shm next to a WAL database even for reading; leave a refused file as we found it.
        for (companion, existed) in companions(path).into_iter().zip(companions_before) {
            if !existed {
                let _ = std::fs::remove_file(companion);
            }
        }
        return Err(e);
    }
    Ok(())
}

/// The -wal and -shm files SQLite keeps beside a workspace in WAL mode.
pub fn companions(path: &Path) -> [std::path::PathBuf; 2] {
    ["-wal", "-shm"].map(|suffix| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::path::PathBuf::from(p)
    })
}

/// Looks at the file's bytes before SQLite does: it must exist, carry the SQLite header, and be as long as
/// the header says (a truncated copy is caught here, before any connection could write to it).
fn check_file(path: &Path) -> Result<()> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NotFound { path: path.to_path_buf() }),
        Err(e) => return Err(io(e)),
    };
    let not_ours = |reason: &str| Error::NotAWorkspace { path: path.to_path_buf(), reason: reason.to_string() };
    if meta.is_dir() {
        return Err(not_ours("it is a folder"));
    }
    let mut header = [0u8; 100];
    let mut file = File::open(path).map_err(io)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..]).map_err(io)? {
            0 => break,
            n => read += n,
        }
    }
    if read < SQLITE_MAGIC.len() || &header[..SQLITE_MAGIC.len()] != SQLITE_MAGIC {
        return Err(not_ours("no SQLite header"));
    }
    if read < header.len() {
        return Err(Error::Damaged { path: path.to_path_buf(), reason: "the database header is cut short".into() });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n => u64::from(n),
    };
    let page_count = u64::from(u32::from_be_bytes([header[28], header[29], header[30], header[31]]));
    // The in-header page count is valid only when the change counter matches "version-valid-for".
    let count_valid = header[24..28] == header[92..96];
    if count_valid && page_count > 0 && meta.len() < page_size * page_count {
        return Err(Error::Damaged {
            path: path.to_path_buf(),
            reason: format!(
                "file is {} bytes, the header says {} pages of {} bytes",
                meta.len(),
                page_count,
                page_size
            ),
        });
    }
    Ok(())
}

/// Reads identity, version and integrity over a read-only connection, so a refused file stays untouched.
fn inspect_read_only(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| classify(path, e))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|e| classify(path, e))?;
    let version: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| classify(path, e))?;
    let tables: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || tables != 0) {
        return Err(Error::NotAWorkspace {
            path: path.to_path_buf(),
            reason: format!("SQLite file of another program (application_id {app_id:#x})"),
        });
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if check != "ok" {
        return Err(Error::Damaged { path: path.to_path_buf(), reason: check });
    }
    Ok(())
}

/// Turns SQLite's error codes into what the user needs to hear.
pub(crate) fn classify(path: &Path, err: rusqlite::Error) -> Error {
    let path = path.to_path_buf();
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotAWorkspace { path, reason: "not an SQLite database".into() },
        Some(ErrorCode::DatabaseCorrupt) => Error::Damaged { path, reason: err.to_string() },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::InUse { path },
        Some(ErrorCode::CannotOpen) if !path.exists() => Error::NotFound { path },
        // The file exists but SQLite cannot open it or create its -wal/-shm beside it: no write permission.
        Some(ErrorCode::CannotOpen | ErrorCode::ReadOnly) => Error::ReadOnly { path },
        Some(ErrorCode::DiskFull) => Error::DiskFull { path },
        _ => Error::Sqlite(err),
    }
}
