//! What reading an input for a 新旧対照表 can fail with; every variant names the file. The messages are English
//! detail; the Japanese a person reads is written by `shiryo-app` per variant.

use std::path::PathBuf;

use shiryo_core::FileKind;

/// An input that could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{}: unsupported file type (expected .txt or .docx)", file.display())]
    Unsupported { file: PathBuf },
    /// `offset`: the first byte (from 0) that no reading accepts.
    #[error("{} is neither UTF-8 nor Shift_JIS text: the {encoding} reading fails at byte offset {offset}", file.display())]
    Encoding { file: PathBuf, offset: usize, encoding: &'static str },
    /// Over the limit of its kind: the file itself, or the `word/document.xml` it unpacks to (kind `Docx`).
    #[error("{} ({kind:?}) is over the limit of {limit} bytes", file.display())]
    TooLarge { file: PathBuf, kind: FileKind, limit: u64 },
    #[error("{} cannot be read as a Word document (.docx): {detail}", file.display())]
    Docx { file: PathBuf, detail: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
