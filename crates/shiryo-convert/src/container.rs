//! Whether an Office file's bytes can be what its kind says (the kind is `shiryo_core::sniff`'s, the one place
//! that tells file kinds apart): a password-protected or broken file is refused before LibreOffice starts. This
//! matters: LibreOffice imports a file it cannot recognise as plain text, so a broken .docx would otherwise
//! become pages of garbage, and an encrypted one only "could not be loaded".

use std::io::Cursor;

use shiryo_core::limits::MAX_ODF_MANIFEST_BYTES;
use shiryo_core::FileKind;

use crate::error::{Error, Result};

/// The LibreOffice application that reads a format (and so the shape of its pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeApp {
    /// Word processor documents: .docx .doc .odt .rtf
    Writer,
    /// Spreadsheets: .xlsx .xlsm .xls .ods
    Calc,
    /// Presentations: .pptx .ppt .odp
    Impress,
}

/// The container a format is stored in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    /// Office Open XML: a zip holding this part.
    Ooxml(&'static str),
    /// OpenDocument: a zip holding content.xml.
    Odf,
    /// Office 97–2003 binary: an OLE compound file.
    Legacy,
    Rtf,
}

/// An Office file format Shiryo converts: a kind of file, the application that reads it, its container.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeFormat {
    pub app: OfficeApp,
    pub kind: FileKind,
    container: Container,
}

impl OfficeFormat {
    /// The extension in lower case, without the dot (the converter names its copy of the file with it).
    pub fn extension(self) -> &'static str {
        self.kind.extension().unwrap_or("bin")
    }
}

/// Every kind the converter takes, in the order a file dialog lists them.
pub const CONVERTED: [FileKind; 11] = [
    FileKind::Docx,
    FileKind::Doc,
    FileKind::Odt,
    FileKind::Rtf,
    FileKind::Xlsx,
    FileKind::Xlsm,
    FileKind::Xls,
    FileKind::Ods,
    FileKind::Pptx,
    FileKind::Ppt,
    FileKind::Odp,
];

/// The Office format of a kind of file (`shiryo_core::sniff`); `None` for a kind the converter does not take.
pub fn office_format(kind: FileKind) -> Option<OfficeFormat> {
    let (app, container) = match kind {
        FileKind::Docx => (OfficeApp::Writer, Container::Ooxml("word/document.xml")),
        FileKind::Doc => (OfficeApp::Writer, Container::Legacy),
        FileKind::Odt => (OfficeApp::Writer, Container::Odf),
        FileKind::Rtf => (OfficeApp::Writer, Container::Rtf),
        FileKind::Xlsx | FileKind::Xlsm => (OfficeApp::Calc, Container::Ooxml("xl/workbook.xml")),
        FileKind::Xls => (OfficeApp::Calc, Container::Legacy),
        FileKind::Ods => (OfficeApp::Calc, Container::Odf),
        FileKind::Pptx => (OfficeApp::Impress, Container::Ooxml("ppt/presentation.xml")),
        FileKind::Ppt => (OfficeApp::Impress, Container::Legacy),
        FileKind::Odp => (OfficeApp::Impress, Container::Odf),
        FileKind::Text | FileKind::Csv | FileKind::Pdf | FileKind::Json | FileKind::Xml | FileKind::Other => {
            return None
        }
    };
    Some(OfficeFormat { app, kind, container })
}

/// The extensions converted, for file dialogs: ["docx", "doc", …].
pub fn extensions() -> Vec<&'static str> {
    CONVERTED.iter().filter_map(|k| k.extension()).collect()
}

const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// True when `haystack` contains `name` as UTF-16LE (a stream name in an OLE compound file's directory).
fn has_utf16(haystack: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    haystack.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Checks that `bytes` can be a file of `format`: refuses password-protected files (an encrypted .docx/.xlsx/
/// .pptx is an OLE file holding `EncryptionInfo`; an encrypted ODF file's manifest has `encryption-data`) and
/// files whose container is broken or of another kind.
pub fn check(file: &str, format: OfficeFormat, bytes: &[u8]) -> Result<()> {
    let broken = |reason: &str| Error::Broken { file: file.to_string(), reason: reason.to_string() };
    let is_cfb = bytes.starts_with(&CFB_MAGIC);
    match format.container {
        Container::Ooxml(part) => {
            if is_cfb && has_utf16(bytes, "EncryptionInfo") {
                return Err(Error::PasswordProtected { file: file.to_string() });
            }
            if is_cfb {
                // An Office 97–2003 file saved with a new extension: LibreOffice reads it.
                return Ok(());
            }
            let zip = open_zip(file, bytes)?;
            if zip.index_for_name(part).is_none() {
                return Err(broken(&format!("no {part} inside")));
            }
            Ok(())
        }
        Container::Odf => {
            let mut zip = open_zip(file, bytes)?;
            if let Some(manifest) = read_part(&mut zip, "META-INF/manifest.xml", MAX_ODF_MANIFEST_BYTES) {
                if manifest.windows(15).any(|w| w == b"encryption-data") {
                    return Err(Error::PasswordProtected { file: file.to_string() });
                }
            }
            if zip.index_for_name("content.xml").is_none() {
                return Err(broken("no content.xml inside"));
            }
            Ok(())
        }
        Container::Legacy => {
            if is_cfb && has_utf16(bytes, "EncryptionInfo") {
                return Err(Error::PasswordProtected { file: file.to_string() });
            }
            // Older tools save RTF or HTML under .doc/.xls; LibreOffice reads those too. Anything else is broken.
            let start = trim_start(bytes);
            if is_cfb || start.starts_with(b"{\\rtf") || start.starts_with(b"<") || start.starts_with(b"PK\x03\x04") {
                Ok(())
            } else {
                Err(broken("neither an Office 97-2003 file nor RTF/HTML"))
            }
        }
        Container::Rtf => {
            if trim_start(bytes).starts_with(b"{\\rtf") {
                Ok(())
            } else {
                Err(broken("no {\\rtf header"))
            }
        }
    }
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

pub(crate) fn open_zip<'a>(file: &str, bytes: &'a [u8]) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::Broken { file: file.to_string(), reason: "not a zip container".into() });
    }
    zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| Error::Broken { file: file.to_string(), reason: format!("the zip container is damaged: {e}") })
}

/// A part of a zip, read up to `limit` bytes (None when absent or unreadable).
pub(crate) fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let entry = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    entry.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn format(file_name: &str) -> Option<OfficeFormat> {
        office_format(shiryo_core::sniff(file_name, b""))
    }

    #[test]
    fn formats_are_told_by_the_kind_of_file_whatever_the_case_of_its_extension() {
        assert_eq!(format("方針案.DOCX").unwrap().app, OfficeApp::Writer);
        assert_eq!(format("事業一覧.xls").unwrap().app, OfficeApp::Calc);
        assert_eq!(format("令和５年度 事業.xlsm").unwrap().app, OfficeApp::Calc);
        assert_eq!(format("概要.odp").unwrap().app, OfficeApp::Impress);
        assert_eq!(format("概要.odp").unwrap().extension(), "odp");
        assert!(format("資料.pdf").is_none());
        assert!(format("docx").is_none());
        assert_eq!(extensions(), ["docx", "doc", "odt", "rtf", "xlsx", "xlsm", "xls", "ods", "pptx", "ppt", "odp"]);
    }

    #[test]
    fn an_encrypted_ooxml_file_is_password_protected_and_text_in_a_docx_is_broken() {
        let docx = format("a.docx").unwrap();
        let mut ole = CFB_MAGIC.to_vec();
        ole.extend(std::iter::repeat_n(0u8, 100));
        ole.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(check("a.docx", docx, &ole), Err(Error::PasswordProtected { .. })));
        assert!(matches!(check("a.docx", docx, "ただの文章".as_bytes()), Err(Error::Broken { .. })));
        assert!(matches!(check("a.rtf", format("a.rtf").unwrap(), b"hello"), Err(Error::Broken { .. })));
        assert!(check("a.rtf", format("a.rtf").unwrap(), b"\r\n{\\rtf1\\ansi}").is_ok());
    }
}
