//! Limits on what the page may send: lengths of titles, lines, names and texts. Each use case checks its request
//! with these before it touches the workspace, so a runaway or hostile value is refused with a clear message
//! instead of being stored (src-tauri/tests/hostile_ipc.rs sends every command such values).

use crate::{AppError, Result};

/// One title: an agenda item, a 資料, one line of a meeting's title or place. A printed line holds ~40.
pub const MAX_TITLE_CHARS: usize = 500;
/// Lines of a header field (title lines, place lines).
pub const MAX_LINES: usize = 20;
/// A file name sent with a file's bytes.
pub const MAX_FILE_NAME_CHARS: usize = 255;
/// A short note, caption or status set by hand.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The text of a 資料 or of a table cell edited by hand: 16 MiB of UTF-8.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

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
        assert!(lines("会議名", &vec!["x".to_string(); MAX_LINES + 1]).is_err());
        assert!(text("本文", &"a".repeat(MAX_TEXT_BYTES + 1)).is_err());
        assert!(note("備考", &"a".repeat(MAX_NOTE_CHARS + 1)).is_err());
        for bad in ["../../etc/passwd", "..\\x.txt", "a\0.txt", ".."] {
            assert_eq!(file_name(bad).unwrap_err().code(), crate::ErrorCode::InvalidInput, "{bad:?}");
        }
        assert!(file_name("令和５年度 KPI.xlsx").is_ok());
    }
}
