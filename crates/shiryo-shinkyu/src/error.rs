//! What reading an input for a 新旧対照表 can fail with; every variant names the file. The messages are English
//! detail; the Japanese a person reads is written by `shiryo-app` per variant.

use std::path::PathBuf;

use shiryo_core::FileKind;

/// An input that could not be turned into text.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {}: {source}", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("{}: unsupported file type (expected .txt, .docx or e-Gov law XML .xml)", file.display())]
    Unsupported { file: PathBuf },
    /// `offset`: the first byte (from 0) that no reading accepts.
    #[error("{} is neither UTF-8 nor Shift_JIS text: the {encoding} reading fails at byte offset {offset}", file.display())]
    Encoding { file: PathBuf, offset: usize, encoding: &'static str },
    /// Over the limit of its kind: the file itself, or the parts a .docx unpacks to (kind `Docx`).
    #[error("{} ({kind:?}) is over the limit of {limit} bytes", file.display())]
    TooLarge { file: PathBuf, kind: FileKind, limit: u64 },
    #[error("{} cannot be read as a Word document (.docx): {detail}", file.display())]
    Docx { file: PathBuf, detail: String },
    /// A `.xml` file that is not e-Gov 法令標準XML (or not well-formed).
    #[error("{} cannot be read as e-Gov law XML: {detail}", file.display())]
    LawXml { file: PathBuf, detail: String },
    /// 見え消し wanted, but the document holds no tracked change.
    #[error("{} holds no tracked change (both versions would be the same text)", file.display())]
    NoTrackedChanges { file: PathBuf },
    /// A received 新旧対照表 wanted, but no table of the document is headed 新/旧, 改正後/改正前 or 改正案/現行.
    #[error("{} holds no table headed 新/旧, 改正後/改正前 or 改正案/現行", file.display())]
    NoComparisonTable { file: PathBuf },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
