//! What a conversion can fail with, naming the file and what happened (in English: the app gives the Japanese).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No LibreOffice found: where it was looked for.
    #[error("LibreOffice (soffice) not found; looked in: {}", .searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))]
    NotInstalled { searched: Vec<PathBuf> },
    /// The program named by the settings (SHIRYO_SOFFICE) does not exist.
    #[error("the converter program {program} does not exist")]
    ProgramMissing { program: PathBuf },
    #[error("{file}: not an Office file Shiryo converts (.docx .doc .odt .rtf .xlsx .xls .ods .pptx .ppt .odp)")]
    Unsupported { file: String },
    #[error("{file}: {size} bytes, over the limit of {limit} bytes")]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error("{file}: the file is password-protected (encrypted)")]
    PasswordProtected { file: String },
    #[error("{file}: broken or not what its extension says: {reason}")]
    Broken { file: String, reason: String },
    #[error("{file}: the conversion took longer than {seconds} s and was stopped")]
    Timeout { file: String, seconds: u64 },
    #[error("the conversion was cancelled")]
    Cancelled,
    /// LibreOffice ran but wrote no PDF (it says "source file could not be loaded" for broken files).
    #[error("{file}: {program} wrote no PDF (exit status {status}): {output}")]
    Failed { file: String, program: String, status: String, output: String },
    #[error("{file}: the converted PDF is unusable: {reason}")]
    BadOutput { file: String, reason: String },
    #[error("{what}: {source}")]
    Io { what: String, source: std::io::Error },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

pub(crate) fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
    let what = what.into();
    move |source| Error::Io { what, source }
}
