//! What can stop a packet from printing, with the 資料 label, file or character that caused it.

use std::fmt;

/// A character the embedded fonts cannot print, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingGlyph {
    pub ch: char,
    /// The 資料 label (資料３－３), or 次第.
    pub label: String,
    /// 1-based line of the 資料's source: a text line, a CSV record, a 新旧 pair.
    pub line: usize,
}

impl MissingGlyph {
    /// `U+1F600 😀`
    pub fn name(&self) -> String {
        let shown = if self.ch.is_control() { String::new() } else { format!(" {}", self.ch) };
        format!("U+{:04X}{shown}", u32::from(self.ch))
    }
}

impl fmt::Display for MissingGlyph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} in {} line {}", self.name(), self.label, self.line)
    }
}

/// A print error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("embedded font {face} cannot be read: {reason}")]
    Font { face: &'static str, reason: String },
    #[error("{} character(s) missing from the fonts: {}", .0.len(), list(.0))]
    MissingGlyphs(Vec<MissingGlyph>),
    #[error("{label} ({title}) has no content")]
    EmptyMaterial { label: String, title: String },
    #[error("the PDF {file} of {label} is encrypted or password-protected")]
    EncryptedPdf { label: String, file: String },
    #[error("the PDF {file} of {label} cannot be read: {reason}")]
    BrokenPdf { label: String, file: String, reason: String },
    #[error("the PDF {file} of {label} is {size} bytes, over the limit of {limit} bytes")]
    PdfTooLarge { label: String, file: String, size: u64, limit: u64 },
    #[error("the file {file} of {label} cannot be read: {reason}")]
    BadSource { label: String, file: String, reason: String },
    #[error("no 資料 with id {id} in this meeting")]
    NoSuchMaterial { id: i64 },
    #[error("PDF assembly failed: {0}")]
    Pdf(String),
}

/// Something the user should know about a printed packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A 資料 without content printed as （別途配付）.
    EmptyMaterial { label: String, title: String },
    /// A character printed as 〓.
    MissingGlyph(MissingGlyph),
    /// Two 資料 have the same label.
    DuplicateLabel { label: String },
}

fn list(missing: &[MissingGlyph]) -> String {
    let shown: Vec<String> = missing.iter().take(10).map(ToString::to_string).collect();
    let more = if missing.len() > 10 { format!(" and {} more", missing.len() - 10) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
