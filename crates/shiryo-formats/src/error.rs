//! What reading an office file can fail with. Messages are English detail for logs and developers; the app
//! words them in Japanese for the person (it knows which file it was).

/// A file that could not be read as what it claims to be.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Not a zip container, or a damaged one.
    #[error("not a readable zip container: {0}")]
    Zip(String),
    /// A part every document of the kind has is missing (`word/document.xml`).
    #[error("missing part {0}")]
    MissingPart(&'static str),
    /// The container, one of its parts or all parts together are larger than the limit.
    #[error("{what} is larger than the limit of {limit} bytes")]
    TooLarge { what: String, limit: u64 },
    /// More parts than a real document has (a zip bomb made of many small entries).
    #[error("{count} parts, more than a Word document has (limit {limit})")]
    TooManyParts { count: usize, limit: usize },
    /// A part is not well-formed XML.
    #[error("{part}: malformed XML at byte {position}: {detail}")]
    Xml { part: &'static str, position: u64, detail: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
