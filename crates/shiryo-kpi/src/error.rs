//! What can go wrong reading a KPI table, with the data that identifies it (in English; the Japanese message a
//! person reads is written by `shiryo-app`).

use std::path::PathBuf;

/// A KPI import error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{name} is neither UTF-8 nor Shift_JIS text: the {encoding} reading fails at byte offset {offset}")]
    Encoding { name: String, offset: usize, encoding: &'static str },
    #[error("{name} is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { name: String, size: u64, limit: u64 },
    #[error("{name}: refused as a zip bomb: {reason}")]
    ZipBomb { name: String, reason: String },
    #[error("{name}: unsupported file type (expected .csv, .xlsx, .xlsm, .xls or .ods)")]
    UnsupportedType { name: String },
    #[error("{name}: CSV is malformed: {source}")]
    Csv { name: String, source: csv::Error },
    #[error("{name}: spreadsheet cannot be read: {reason}")]
    Spreadsheet { name: String, reason: String },
    #[error("{name}: the table is empty")]
    Empty { name: String },
    #[error("{name}: columns not recognised ({headers}); a column mapping is needed")]
    UnknownColumns { name: String, headers: String },
    #[error("column mapping names a column the file does not have: {column}")]
    MappingColumn { column: String },
    #[error("column mapping is invalid: {0}")]
    Mapping(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
