//! Inputs: `.txt` in UTF-8 (with or without BOM), UTF-16 with BOM or Shift_JIS/CP932, `.docx` paragraphs and
//! e-Gov 法令標準XML (`.xml`).

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use quick_xml::events::Event;

use crate::error::{Error, Result};

/// The largest input file read (and the largest `word/document.xml` unpacked from a .docx): 64 MiB.
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a text for the table: the format is chosen by the extension (.txt/.text or none, .docx).
pub fn read_text(path: &Path) -> Result<String> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_docx = match ext.as_deref() {
        None | Some("txt" | "text") => false,
        Some("docx") => true,
        Some("xml") => return law_xml_text(&read_capped(path, MAX_INPUT_BYTES)?, path),
        Some(_) => return Err(Error::Unsupported { file: path.to_path_buf() }),
    };
    let bytes = read_capped(path, MAX_INPUT_BYTES)?;
    if is_docx {
        docx_text(&bytes, path, MAX_INPUT_BYTES)
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

fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let read_err = |source| Error::Read { file: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(Error::TooLarge { file: path.to_path_buf(), limit });
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

/// The paragraphs of a .docx (its `word/document.xml`), one per line. Text deleted in tracked changes is left
/// out; `<w:br/>` starts a new line. `limit` caps the unpacked size (a zip bomb is refused, not unpacked).
pub fn docx_text(bytes: &[u8], file: &Path, limit: u64) -> Result<String> {
    let bad = |detail: String| Error::Docx { file: file.to_path_buf(), detail };
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    if archive.len() > shiryo_core::limits::MAX_ZIP_ENTRIES {
        let limit = shiryo_core::limits::MAX_ZIP_ENTRIES;
        return Err(bad(format!("{} parts, more than a Word document has (limit {limit})", archive.len())));
    }
    let entry = archive.by_name("word/document.xml").map_err(|e| bad(format!("word/document.xml: {e}")))?;
    if entry.size() > limit {
        return Err(Error::TooLarge { file: file.to_path_buf(), limit });
    }
    let mut xml = Vec::new();
    // The declared size can lie: read at most one byte past the limit.
    entry.take(limit + 1).read_to_end(&mut xml).map_err(|e| bad(e.to_string()))?;
    if xml.len() as u64 > limit {
        return Err(Error::TooLarge { file: file.to_path_buf(), limit });
    }
    paragraphs_of_document_xml(&xml).map_err(bad)
}

fn paragraphs_of_document_xml(xml: &[u8]) -> std::result::Result<String, String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => paragraph.clear(),
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" => paragraph.push('\t'),
                b"br" | b"cr" => paragraph.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => paragraph.push_str(&t.xml10_content().map_err(|e| e.to_string())?),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    paragraph.push(c);
                } else {
                    let name = r.decode().map_err(|e| e.to_string())?;
                    paragraph.push_str(match name.as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    });
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    out.push_str(&paragraph);
                    out.push('\n');
                    paragraph.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
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
    fn document_xml_paragraphs_skip_deleted_text() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:r><w:t>第１ 要</w:t></w:r><w:ins><w:r><w:t>綱</w:t></w:r></w:ins><w:del><w:r><w:delText>領</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:t xml:space="preserve">A &amp; B&#x3000;C</w:t></w:r></w:p>
            </w:body></w:document>"#;
        assert_eq!(paragraphs_of_document_xml(xml.as_bytes()).unwrap(), "第１ 要綱\nA & B\u{3000}C\n");
    }
}
