//! Inputs: `.txt` in UTF-8 (with or without BOM), UTF-16 with BOM or Shift_JIS/CP932, `.docx` as Word shows it
//! (through `shiryo-formats`: list numbers, tables as rows, tracked changes as two versions) and e-Gov 法令標準XML
//! (`.xml`).

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use shiryo_core::limits::MAX_DOCX_BYTES;
use shiryo_core::FileKind;
use shiryo_formats::docx::{Docx, Tables, Version};

use crate::error::{Error, Result};

/// Reads a text for the table: the kind is [`shiryo_core::sniff`]'s (.txt/.text or none, .docx, .xml), the size
/// at most that kind's limit ([`shiryo_core::limits`]).
pub fn read_text(path: &Path) -> Result<String> {
    let kind = shiryo_core::sniff(&path.to_string_lossy(), &[]);
    if !kind.is_comparison_text() {
        return Err(Error::Unsupported { file: path.to_path_buf() });
    }
    let bytes = read_capped(path, kind)?;
    if kind == FileKind::Docx {
        docx_text(&bytes, path, MAX_DOCX_BYTES)
    } else if kind == FileKind::Xml {
        law_xml_text(&bytes, path)
    } else {
        // The common case, plain UTF-8 without BOM, is taken over without a copy.
        match String::from_utf8(bytes) {
            Ok(text) if !text.starts_with('\u{feff}') && !text.contains('\0') => Ok(text),
            Ok(text) => decode(text.as_bytes(), path),
            Err(e) => decode(e.as_bytes(), path),
        }
    }
}

/// The text of an e-Gov 法令標準XML file, one provision per line (see [`crate::egov`]).
pub fn law_xml_text(bytes: &[u8], file: &Path) -> Result<String> {
    crate::egov::law_text(bytes).map_err(|detail| Error::LawXml { file: file.to_path_buf(), detail })
}

/// The file's bytes, refused when over the limit of its kind.
fn read_capped(path: &Path, kind: FileKind) -> Result<Vec<u8>> {
    let limit = kind.limit();
    let read_err = |source| Error::Read { file: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { file: path.to_path_buf(), kind, limit });
    }
    Ok(bytes)
}

/// Decodes a text file: a BOM decides; else UTF-8 if valid, else Shift_JIS (CP932) if valid; else an error.
/// A NUL character means a binary file, not text.
pub fn decode(bytes: &[u8], file: &Path) -> Result<String> {
    let text: Option<Cow<str>> = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        enc.decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        Some(Cow::Borrowed(s))
    } else {
        encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
    };
    match text {
        Some(t) if !t.contains('\0') => Ok(t.into_owned()),
        Some(_) => {
            let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
            Err(Error::Encoding { file: file.to_path_buf(), offset, encoding: "text (a NUL byte: binary file)" })
        }
        None => {
            let (offset, encoding) = shiryo_core::limits::undecodable_at(bytes);
            Err(Error::Encoding { file: file.to_path_buf(), offset, encoding })
        }
    }
}

/// The text of a .docx as Word shows it once every tracked change is accepted, one paragraph per line: list
/// numbers in front (第１, (1), ア…), body tables one row per line with the cells separated by tabs, no field
/// codes, comments or hidden text (read by `shiryo-formats`). `limit` caps the file's size and what its parts
/// unpack to (a zip bomb is refused, not unpacked).
pub fn docx_text(bytes: &[u8], file: &Path, limit: u64) -> Result<String> {
    Ok(docx(bytes, file, limit)?.version(Version::New).text(Tables::Tabs))
}

/// The parsed .docx, both versions still in it.
pub fn docx(bytes: &[u8], file: &Path, limit: u64) -> Result<Docx> {
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { file: file.to_path_buf(), kind: FileKind::Docx, limit });
    }
    Docx::parse_limited(bytes, limit).map_err(|e| docx_error(e, file))
}

/// Both versions of a .docx with tracked changes (見え消し), as [`docx_text`] reads each: (old, new). Old keeps
/// every deletion and drops every insertion; new the reverse. A document without any tracked change is refused
/// (its two versions would be the same text: the person chose the wrong file).
pub fn docx_versions(bytes: &[u8], file: &Path, limit: u64) -> Result<(String, String)> {
    let d = docx(bytes, file, limit)?;
    if !d.has_tracked_changes() {
        return Err(Error::NoTrackedChanges { file: file.to_path_buf() });
    }
    Ok((d.version(Version::Old).text(Tables::Tabs), d.version(Version::New).text(Tables::Tabs)))
}

/// Reads a .docx with tracked changes from a file: (old text, new text).
pub fn read_tracked(path: &Path) -> Result<(String, String)> {
    let bytes = read_docx_file(path)?;
    docx_versions(&bytes, path, MAX_DOCX_BYTES)
}

/// Reads a .docx file (refusing any other kind) within the limit of its kind.
pub fn read_docx_file(path: &Path) -> Result<Vec<u8>> {
    if shiryo_core::sniff(&path.to_string_lossy(), &[]) != FileKind::Docx {
        return Err(Error::Unsupported { file: path.to_path_buf() });
    }
    read_capped(path, FileKind::Docx)
}

/// A reader's error as this crate's, naming the file.
pub fn docx_error(e: shiryo_formats::Error, file: &Path) -> Error {
    match e {
        shiryo_formats::Error::TooLarge { limit, .. } => {
            Error::TooLarge { file: file.to_path_buf(), kind: FileKind::Docx, limit }
        }
        e => Error::Docx { file: file.to_path_buf(), detail: e.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom_and_shift_jis_decode_alike() {
        let p = Path::new("a.txt");
        let text = "第１ 要綱\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        assert_eq!(decode(text.as_bytes(), p).unwrap(), text);
        assert_eq!(decode(&bom, p).unwrap(), text);
        assert_eq!(decode(&sjis, p).unwrap(), text);
    }

    #[test]
    fn binary_input_is_refused_with_the_file_name() {
        let err = decode(&[0x00, 0xFF, 0xFE, 0x81], Path::new("図.txt")).unwrap_err();
        assert!(err.to_string().contains("図.txt"), "{err}");
        let err = decode(b"abc\0def", Path::new("x.txt")).unwrap_err();
        assert!(matches!(err, Error::Encoding { .. }));
    }

    #[test]
    fn a_file_that_is_no_docx_is_refused_naming_it() {
        let err = docx_text(b"PK\x03\x04 not really", Path::new("要綱.docx"), MAX_DOCX_BYTES).unwrap_err();
        assert!(matches!(err, Error::Docx { .. }) && err.to_string().contains("要綱.docx"), "{err}");
    }
}
