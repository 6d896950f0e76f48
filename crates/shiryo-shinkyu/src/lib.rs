//! 新旧対照表: reads two versions of a plan or regulation and builds the comparison table, provision by provision.
//!
//! Pipeline: [`input`] (UTF-8 / Shift_JIS / .docx through `shiryo-formats` / 法令標準XML via [`egov`] → text) →
//! [`parse`] (provision tree with paths) → [`align`] (pairs by content, then by path and similarity) → [`jiku`]
//! (字句 marks) → [`table`] (rows, （略）, presets) → [`render`] (text with visible marks) or JSON (`serde`) for the
//! print engine and other tools. [`check`] takes in a department's own finished table from a .docx and checks its
//! underlines, （略） and numbering.

pub mod align;
pub mod check;
pub mod edit;
pub mod egov;
pub mod error;
pub mod input;
pub mod jiku;
pub mod parse;
pub mod render;
pub mod table;

use std::path::Path;

pub use error::{Error, Result};
pub use parse::Document;
pub use render::render_text;
pub use table::{Cell, ColumnOrder, Options, PairJoin, Preset, Row, RowKind, Table};

/// Builds the 新旧対照表 of two texts (one paragraph per line).
pub fn compare(old: &str, new: &str, options: &Options) -> Table {
    let (old, new) = (Document::parse(old), Document::parse(new));
    let entries = align::align(&old, &new);
    table::build(&old, &new, &entries, options)
}

/// Reads both versions of one .docx with tracked changes (見え消し: see [`input::read_tracked`]) and builds
/// their table; it equals the table of the two versions saved separately.
pub fn compare_tracked(file: &Path, options: &Options) -> Result<Table> {
    let (old, new) = input::read_tracked(file)?;
    Ok(compare(&old, &new, options))
}

/// Reads both files (see [`input::read_text`]) and builds their table.
pub fn compare_files(old: &Path, new: &Path, options: &Options) -> Result<Table> {
    Ok(compare(&input::read_text(old)?, &input::read_text(new)?, options))
}
