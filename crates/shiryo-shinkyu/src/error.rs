//! What reading an input for a 新旧対照表 can fail with; every variant names the file.

use std::path::PathBuf;

/// An input that could not be turned into text. The Japanese message is the `Display` form.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("「{}」を読み込めません（{source}）", file.display())]
    Read { file: PathBuf, source: std::io::Error },
    #[error("「{}」は対応していない形式です（.txt、.docx または法令標準XML の .xml を指定してください）", file.display())]
    Unsupported { file: PathBuf },
    /// `offset`: the first byte (from 0) that no reading accepts; the message counts from 1.
    #[error("「{}」の文字コードを判別できません（先頭から {} バイト目が {encoding} として読めません。UTF-8 または Shift_JIS のテキストを指定してください）", file.display(), offset + 1)]
    Encoding { file: PathBuf, offset: usize, encoding: &'static str },
    #[error("「{}」は大きすぎます（上限 {limit} バイト）", file.display())]
    TooLarge { file: PathBuf, limit: u64 },
    #[error("「{}」は Word 文書（.docx）として読み込めません（{detail}）", file.display())]
    Docx { file: PathBuf, detail: String },
    /// A `.xml` file that is not e-Gov 法令標準XML (or not well-formed).
    #[error("「{}」は法令標準XML（e-Gov）として読み込めません（{detail}）", file.display())]
    LawXml { file: PathBuf, detail: String },
    /// 見え消し wanted, but the document holds no tracked change.
    #[error("「{}」には変更履歴（見え消し）がありません（Word の「変更履歴の記録」で直した文書を選んでください）", file.display())]
    NoTrackedChanges { file: PathBuf },
    /// A received 新旧対照表 wanted, but no table of the document is headed 新/旧, 改正後/改正前 or 改正案/現行.
    #[error("「{}」に新旧対照表（見出しが 新／旧、改正後／改正前 または 改正案／現行 の表）が見つかりません", file.display())]
    NoComparisonTable { file: PathBuf },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
