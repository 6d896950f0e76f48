//! `.docx` read as Word shows it: list numbers in front of their paragraphs, tracked changes as an old and a new
//! version, body tables as rows of cells, underlined runs, no field codes, comments, hidden text or text boxes.
//!
//! ```text
//! bytes ─ package (zip, capped) ─┬─ numbering.xml + styles.xml → numbering::Definitions
//!                                └─ document.xml → document (runs with ins/del, paragraph marks, rows)
//!                                                  → version (Old | New: joins, labels) → Document
//! ```

mod document;
pub mod format;
mod numbering;
mod package;
mod version;
mod xml;

pub use numbering::LEVELS;
pub use version::{Block, Document, Paragraph, Run, Table, Tables, Version};

use crate::error::Result;

/// A .docx parsed once; each version is made from it on demand.
pub struct Docx {
    defs: numbering::Definitions,
    blocks: Vec<document::RawBlock>,
}

impl Docx {
    /// Opens and parses a .docx (bytes of the whole file).
    pub fn parse(bytes: &[u8]) -> Result<Docx> {
        Self::parse_limited(bytes, shiryo_core::limits::MAX_UNZIPPED_BYTES)
    }

    /// As [`Docx::parse`], with the parts together unpacking to at most `max_unpacked` bytes.
    pub fn parse_limited(bytes: &[u8], max_unpacked: u64) -> Result<Docx> {
        let parts = package::open(bytes, max_unpacked)?;
        Self::from_parts(&parts.document, parts.numbering.as_deref(), parts.styles.as_deref())
    }

    /// Parses the XML parts directly (tests and tools that write them by hand).
    pub fn from_parts(document: &[u8], numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Result<Docx> {
        let defs = numbering::Definitions::read(numbering, styles)?;
        let blocks = document::read(document, &defs)?;
        Ok(Docx { defs, blocks })
    }

    /// Whether the document holds tracked insertions or deletions (text, paragraph marks or table rows).
    pub fn has_tracked_changes(&self) -> bool {
        version::has_changes(&self.blocks)
    }

    /// The document as it reads with every tracked change rejected (`Old`) or accepted (`New`).
    pub fn version(&self, version: Version) -> Document {
        version::make(&self.blocks, &self.defs, version)
    }
}

/// The accepted (new) version of a .docx: what Word prints once every change is accepted.
pub fn read(bytes: &[u8]) -> Result<Document> {
    Ok(Docx::parse(bytes)?.version(Version::New))
}

/// Both versions of a .docx with tracked changes (見え消し): (old, new).
pub fn read_versions(bytes: &[u8]) -> Result<(Document, Document)> {
    let docx = Docx::parse(bytes)?;
    Ok((docx.version(Version::Old), docx.version(Version::New)))
}
#[cfg(test)]
mod tests;
