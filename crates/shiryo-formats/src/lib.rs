//! Readers of office formats a department sends: `.docx` read as Word shows it, as pure functions over bytes.
//!
//! [`docx`]: list numbers computed from `numbering.xml` and the paragraph styles, tracked changes as two
//! versions (old and new), body tables as rows of cells, underlined runs, and none of what Word does not print
//! into the text (field codes, comments, footnote references, hidden text, text boxes). Every read is bounded:
//! the container's size and part count, each part's unpacked size, numbering definitions and table nesting.

pub mod docx;
pub mod error;

pub use error::{Error, Result};

/// The character an XML character or entity reference stands for (`&#x3000;`, `&amp;`): `Ok(None)` for an entity
/// other than the XML five, `Err` (why, in English) for a malformed reference. For every XML reader of ours: the
/// .docx parts here and the 法令標準XML of `shiryo-shinkyu`.
pub fn xml_char(r: &quick_xml::events::BytesRef) -> std::result::Result<Option<char>, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(Some(c));
    }
    Ok(match r.decode().map_err(|e| e.to_string())?.as_ref() {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    })
}
