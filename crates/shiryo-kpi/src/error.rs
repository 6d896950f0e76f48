//! What can go wrong reading a KPI table, with the data that identifies it.

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
    #[error("{name}: unsupported file type (expected .csv or .xlsx)")]
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

impl Error {
    /// One line in Japanese for the user.
    pub fn message_ja(&self) -> String {
        match self {
            Error::Io { path, .. } => format!("「{}」を読み込めません。", path.display()),
            Error::Encoding { name, offset, .. } => format!(
                "「{name}」の文字コードを判別できません。先頭から {} バイト目に UTF-8 としても Shift_JIS としても読めない文字があります（UTF-8 または Shift_JIS で保存してください）。",
                offset + 1
            ),
            Error::TooLarge { name, limit, .. } => format!(
                "「{name}」は大きすぎるため読み込めません（上限 {} MB）。表を分けてから読み込んでください。",
                limit / (1024 * 1024)
            ),
            Error::ZipBomb { name, .. } => format!(
                "「{name}」は展開すると極端に大きくなる（または部品が多すぎる）ため読み込めません。Excel で開いて保存し直してください。"
            ),
            Error::UnsupportedType { name } => {
                format!("「{name}」は読み込めない形式です（CSV または Excel（.xlsx）を指定してください）。")
            }
            Error::Csv { name, .. } => format!("「{name}」は CSV として正しくありません。"),
            Error::Spreadsheet { name, .. } => format!("「{name}」を Excel ファイルとして読み込めません。"),
            Error::Empty { name } => format!("「{name}」に表がありません。"),
            Error::UnknownColumns { name, .. } => {
                format!("「{name}」の列の見出しを認識できません。列の対応（マッピング）を指定してください。")
            }
            Error::MappingColumn { column } => format!("列の対応に指定された列「{column}」がファイルにありません。"),
            Error::Mapping(_) => "列の対応（マッピング）の指定が正しくありません。".to_string(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
