//! Readers of office formats a department sends: `.docx` read as Word shows it, as pure functions over bytes.
//!
//! [`docx`]: list numbers computed from `numbering.xml` and the paragraph styles, tracked changes as two
//! versions (old and new), body tables as rows of cells, underlined runs, and none of what Word does not print
//! into the text (field codes, comments, footnote references, hidden text, text boxes). Every read is bounded:
//! the container's size and part count, each part's unpacked size, numbering definitions and table nesting.

pub mod docx;
pub mod error;

pub use error::{Error, Result};
