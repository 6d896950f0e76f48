//! Checks of what the page may send against the limits table (`shiryo_core::limits`): lengths of titles, lines,
//! names and texts, and the size of a file's bytes for its kind. Each use case checks its request
//! with these before it touches the workspace, so a runaway or hostile value is refused with a clear message
//! instead of being stored (src-tauri/tests/hostile_ipc.rs sends every command such values).

use crate::{AppError, Result};

/// The text of a 資料 or of a table cell edited by hand (`shiryo_core::limits::MAX_EDITED_TEXT_BYTES`).
pub use shiryo_core::limits::MAX_EDITED_TEXT_BYTES as MAX_TEXT_BYTES;
pub use shiryo_core::limits::{MAX_FILE_NAME_CHARS, MAX_LINES, MAX_NOTE_CHARS, MAX_TITLE_CHARS};
use shiryo_core::FileKind;

fn too_long(field: &'static str, limit: usize, unit: &'static str) -> AppError {
    AppError::TooLong { field, limit, unit }
}

/// A one-line value of at most [`MAX_TITLE_CHARS`] characters (emptiness and line breaks are the store's rules).
pub(crate) fn title(field: &'static str, value: &str) -> Result<()> {
    if value.chars().nth(MAX_TITLE_CHARS).is_some() {
        return Err(too_long(field, MAX_TITLE_CHARS, "文字"));
    }
    Ok(())
}

/// At most [`MAX_LINES`] lines, each a [`title`].
pub(crate) fn lines(field: &'static str, values: &[String]) -> Result<()> {
    if values.len() > MAX_LINES {
        return Err(too_long(field, MAX_LINES, "行"));
    }
    values.iter().try_for_each(|v| title(field, v))
}

/// A note, caption or status: at most [`MAX_NOTE_CHARS`] characters.
pub(crate) fn note(field: &'static str, value: &str) -> Result<()> {
    if value.chars().nth(MAX_NOTE_CHARS).is_some() {
        return Err(too_long(field, MAX_NOTE_CHARS, "文字"));
    }
    Ok(())
}

/// A text of at most [`MAX_TEXT_BYTES`] bytes.
pub(crate) fn text(field: &'static str, value: &str) -> Result<()> {
    if value.len() > MAX_TEXT_BYTES {
        return Err(too_long(field, MAX_TEXT_BYTES / (1024 * 1024), "MB"));
    }
    Ok(())
}

/// A file's bytes as the page sends them: at most the limit of its kind ([`FileKind::limit`]).
pub(crate) fn file_size(file_name: &str, kind: FileKind, len: usize) -> Result<()> {
    let limit = kind.limit();
    if u64::try_from(len).unwrap_or(u64::MAX) > limit {
        return Err(AppError::FileTooLarge { file: file_name.to_string(), kind, limit });
    }
    Ok(())
}

/// A file name as the page sends it with the bytes: a name only (never used as a path, but shown and stored),
/// so no folder separators, NUL or control characters, and at most [`MAX_FILE_NAME_CHARS`] characters.
pub(crate) fn file_name(value: &str) -> Result<()> {
    if value.chars().nth(MAX_FILE_NAME_CHARS).is_some() {
        return Err(too_long("ファイル名", MAX_FILE_NAME_CHARS, "文字"));
    }
    if value.chars().any(|c| c == '/' || c == '\\' || c.is_control()) || value == ".." {
        return Err(AppError::BadFileName { name: value.chars().take(80).collect() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_refuse_with_the_field_and_the_limit() {
        assert!(title("項目名", &"あ".repeat(MAX_TITLE_CHARS)).is_ok());
        let err = title("項目名", &"あ".repeat(MAX_TITLE_CHARS + 1)).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        assert_eq!(err.message_ja(), "項目名が長すぎます（500文字まで）。");
        let too_long = |r: Result<()>| match r {
            Err(AppError::TooLong { field, limit, unit }) => (field, limit, unit),
            other => panic!("{other:?}"),
        };
        assert_eq!(too_long(lines("会議名", &vec!["x".to_string(); MAX_LINES + 1])), ("会議名", MAX_LINES, "行"));
        assert_eq!(too_long(text("本文", &"a".repeat(MAX_TEXT_BYTES + 1))), ("本文", 16, "MB"));
        assert_eq!(too_long(note("備考", &"a".repeat(MAX_NOTE_CHARS + 1))), ("備考", MAX_NOTE_CHARS, "文字"));
        for bad in ["../../etc/passwd", "..\\x.txt", "a\0.txt", ".."] {
            assert_eq!(file_name(bad).unwrap_err().code(), crate::ErrorCode::InvalidInput, "{bad:?}");
        }
        assert!(file_name("令和５年度 KPI.xlsx").is_ok());
    }
}
