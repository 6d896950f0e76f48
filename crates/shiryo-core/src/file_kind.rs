//! What kind of file a user handed in: the one place that tells a .docx from a .xlsm from a PDF.
//!
//! Every reader, the 資料 dialog and the KPI import ask [`sniff`]; nothing else looks at extensions or magic
//! bytes. The extension decides (it is what the person chose and what Word, Excel and Explorer go by); a file
//! without one is a PDF when it starts with `%PDF-`, else plain text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::limits;

/// A kind of file Shiryo knows, or [`FileKind::Other`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// Plain text (.txt, .text, or no extension): UTF-8, UTF-16 with BOM or Shift_JIS.
    Text,
    /// Comma-separated values (.csv).
    Csv,
    /// Word (.docx).
    Docx,
    /// Word 97–2003 (.doc).
    Doc,
    /// Rich Text Format (.rtf), printed through a converter as Word would.
    Rtf,
    /// Excel (.xlsx).
    Xlsx,
    /// Excel with macros (.xlsm); read like .xlsx, the macros are never run.
    Xlsm,
    /// Excel 97–2003 (.xls).
    Xls,
    /// PowerPoint (.pptx).
    Pptx,
    /// PowerPoint 97–2003 (.ppt).
    Ppt,
    /// OpenDocument text (.odt).
    Odt,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// OpenDocument presentation (.odp).
    Odp,
    /// PDF (.pdf).
    Pdf,
    /// JSON (.json): the printed pairs of the demo's 新旧対照表, never a file a person hands in.
    Json,
    /// XML (.xml): e-Gov 法令標準XML, a law as the national database publishes it (a 新旧 text).
    Xml,
    /// Anything else.
    Other,
}

/// The kind of the file named `file_name` with content `bytes` (only the first bytes are looked at, and only
/// when the name has no extension).
pub fn sniff(file_name: &str, bytes: &[u8]) -> FileKind {
    let ext = std::path::Path::new(file_name).extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        None if bytes.starts_with(b"%PDF-") => FileKind::Pdf,
        None | Some("txt" | "text") => FileKind::Text,
        Some("csv") => FileKind::Csv,
        Some("docx") => FileKind::Docx,
        Some("doc") => FileKind::Doc,
        Some("rtf") => FileKind::Rtf,
        Some("xlsx") => FileKind::Xlsx,
        Some("xlsm") => FileKind::Xlsm,
        Some("xls") => FileKind::Xls,
        Some("pptx") => FileKind::Pptx,
        Some("ppt") => FileKind::Ppt,
        Some("odt") => FileKind::Odt,
        Some("ods") => FileKind::Ods,
        Some("odp") => FileKind::Odp,
        Some("pdf") => FileKind::Pdf,
        Some("json") => FileKind::Json,
        Some("xml") => FileKind::Xml,
        Some(_) => FileKind::Other,
    }
}

impl FileKind {
    /// A table a KPI import or a 表 資料 reads cell by cell (calamine or the CSV reader).
    pub fn is_spreadsheet(self) -> bool {
        matches!(self, FileKind::Csv | FileKind::Xlsx | FileKind::Xlsm | FileKind::Xls | FileKind::Ods)
    }

    /// The texts the 新旧 engine reads (.txt, .docx, or e-Gov 法令標準XML).
    pub const COMPARISON_TEXTS: &'static [FileKind] = &[FileKind::Text, FileKind::Docx, FileKind::Xml];

    /// A text the 新旧 engine reads: one of [`FileKind::COMPARISON_TEXTS`].
    pub fn is_comparison_text(self) -> bool {
        FileKind::COMPARISON_TEXTS.contains(&self)
    }

    /// A document of an office program (printed through a converter).
    pub fn is_office(self) -> bool {
        matches!(
            self,
            FileKind::Docx
                | FileKind::Doc
                | FileKind::Rtf
                | FileKind::Xlsx
                | FileKind::Xlsm
                | FileKind::Xls
                | FileKind::Pptx
                | FileKind::Ppt
                | FileKind::Odt
                | FileKind::Ods
                | FileKind::Odp
        )
    }

    /// The largest file of this kind Shiryo reads ([`limits`]).
    pub fn limit(self) -> u64 {
        match self {
            FileKind::Text | FileKind::Json => limits::MAX_TEXT_BYTES,
            FileKind::Xml => limits::MAX_XML_BYTES,
            FileKind::Docx => limits::MAX_DOCX_BYTES,
            FileKind::Csv | FileKind::Xlsx | FileKind::Xlsm | FileKind::Xls | FileKind::Ods => limits::MAX_TABLE_BYTES,
            FileKind::Pdf => limits::MAX_PDF_BYTES,
            FileKind::Doc
            | FileKind::Rtf
            | FileKind::Pptx
            | FileKind::Ppt
            | FileKind::Odt
            | FileKind::Odp
            | FileKind::Other => limits::MAX_OFFICE_BYTES,
        }
    }

    /// The usual extension of the kind, lower case without the dot (`None` for [`FileKind::Other`]).
    pub fn extension(self) -> Option<&'static str> {
        Some(match self {
            FileKind::Text => "txt",
            FileKind::Csv => "csv",
            FileKind::Docx => "docx",
            FileKind::Doc => "doc",
            FileKind::Rtf => "rtf",
            FileKind::Xlsx => "xlsx",
            FileKind::Xlsm => "xlsm",
            FileKind::Xls => "xls",
            FileKind::Pptx => "pptx",
            FileKind::Ppt => "ppt",
            FileKind::Odt => "odt",
            FileKind::Ods => "ods",
            FileKind::Odp => "odp",
            FileKind::Pdf => "pdf",
            FileKind::Json => "json",
            FileKind::Xml => "xml",
            FileKind::Other => return None,
        })
    }

    /// The media type stored with the file.
    pub fn media_type(self) -> &'static str {
        match self {
            FileKind::Text => "text/plain",
            FileKind::Csv => "text/csv",
            FileKind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            FileKind::Doc => "application/msword",
            FileKind::Rtf => "application/rtf",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Xlsm => "application/vnd.ms-excel.sheet.macroEnabled.12",
            FileKind::Xls => "application/vnd.ms-excel",
            FileKind::Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileKind::Ppt => "application/vnd.ms-powerpoint",
            FileKind::Odt => "application/vnd.oasis.opendocument.text",
            FileKind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            FileKind::Odp => "application/vnd.oasis.opendocument.presentation",
            FileKind::Pdf => "application/pdf",
            FileKind::Json => "application/json",
            FileKind::Xml => "application/xml",
            FileKind::Other => "application/octet-stream",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_whatever_its_case() {
        assert_eq!(sniff("令和５年度 KPI.XLSM", b"PK\x03\x04"), FileKind::Xlsm);
        assert_eq!(sniff("kpi.xlsx", b""), FileKind::Xlsx);
        assert_eq!(sniff("改正案.Docx", b"not a zip"), FileKind::Docx);
        assert_eq!(sniff("a.csv", b"%PDF-1.7"), FileKind::Csv);
        assert_eq!(sniff("slides.pptx", b""), FileKind::Pptx);
        assert_eq!(sniff("x.pdf", b""), FileKind::Pdf);
        assert_eq!(sniff("x.exe", b"MZ"), FileKind::Other);
        assert_eq!(sniff("電気事業法.XML", b"<?xml"), FileKind::Xml);
        assert_eq!(sniff("メモ.rtf", b"{\\rtf1"), FileKind::Rtf);
        assert_eq!(sniff("old.text", b""), FileKind::Text);
    }

    #[test]
    fn a_file_without_extension_is_a_pdf_by_its_magic_else_text() {
        assert_eq!(sniff("貼り付けた文章", b"%PDF-1.4\n"), FileKind::Pdf);
        assert_eq!(sniff("貼り付けた文章", "第１ 総則".as_bytes()), FileKind::Text);
        assert_eq!(sniff("old.txt", b"%PDF-1.4"), FileKind::Text);
    }

    #[test]
    fn xlsm_is_a_spreadsheet_and_office_but_not_a_comparison_text() {
        assert!(FileKind::Xlsm.is_spreadsheet() && FileKind::Xlsm.is_office());
        assert!(!FileKind::Xlsm.is_comparison_text());
        assert!(FileKind::Docx.is_comparison_text() && !FileKind::Docx.is_spreadsheet());
        assert!(FileKind::Xml.is_comparison_text() && !FileKind::Xml.is_office());
        assert!(FileKind::Rtf.is_office() && !FileKind::Rtf.is_comparison_text());
        assert_eq!(FileKind::Xml.limit(), limits::MAX_XML_BYTES);
        assert_eq!(FileKind::Xlsm.limit(), limits::MAX_TABLE_BYTES);
        assert_eq!(FileKind::Text.limit(), limits::MAX_TEXT_BYTES);
    }

    #[test]
    fn every_kind_but_other_is_sniffed_back_from_its_own_extension() {
        let all = [
            FileKind::Text,
            FileKind::Csv,
            FileKind::Docx,
            FileKind::Doc,
            FileKind::Rtf,
            FileKind::Xlsx,
            FileKind::Xlsm,
            FileKind::Xls,
            FileKind::Pptx,
            FileKind::Ppt,
            FileKind::Odt,
            FileKind::Ods,
            FileKind::Odp,
            FileKind::Pdf,
            FileKind::Json,
            FileKind::Xml,
        ];
        for kind in all {
            let ext = kind.extension().unwrap_or_default();
            assert_eq!(sniff(&format!("資料.{ext}"), b""), kind, "{ext}");
        }
        assert_eq!(FileKind::Other.extension(), None);
    }
}
