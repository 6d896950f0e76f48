//! The zip container of a .docx: the parts the reader needs, each read with a cap (a zip bomb is refused, not
//! unpacked).

use std::io::Read;

use shiryo_core::limits::{MAX_DOCX_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};

use crate::error::{Error, Result};

/// The XML parts of a Word document that carry text and numbering.
pub(crate) struct Parts {
    pub document: Vec<u8>,
    pub numbering: Option<Vec<u8>>,
    pub styles: Option<Vec<u8>>,
}

/// Opens the container; `max_unpacked` caps what all parts together unpack to (at most
/// [`MAX_UNZIPPED_BYTES`]).
pub(crate) fn open(bytes: &[u8], max_unpacked: u64) -> Result<Parts> {
    if bytes.len() as u64 > MAX_DOCX_BYTES {
        return Err(Error::TooLarge { what: "the .docx file".into(), limit: MAX_DOCX_BYTES });
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| Error::Zip(e.to_string()))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(Error::TooManyParts { count: archive.len(), limit: MAX_ZIP_ENTRIES });
    }
    let limit = max_unpacked.min(MAX_UNZIPPED_BYTES);
    let mut budget = limit;
    let document = read_part(&mut archive, "word/document.xml", limit, &mut budget)?
        .ok_or(Error::MissingPart("word/document.xml"))?;
    let numbering = read_part(&mut archive, "word/numbering.xml", limit, &mut budget)?;
    let styles = read_part(&mut archive, "word/styles.xml", limit, &mut budget)?;
    Ok(Parts { document, numbering, styles })
}

/// One part, or `None` when the container has no such entry. `budget` is what all parts together may still
/// unpack to; the declared size can lie, so the read itself stops one byte past it.
fn read_part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    limit: u64,
    budget: &mut u64,
) -> Result<Option<Vec<u8>>> {
    let entry = match archive.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(Error::Zip(format!("{name}: {e}"))),
    };
    let too_large = || Error::TooLarge { what: format!("{name} unpacked with the other parts"), limit };
    if entry.size() > *budget {
        return Err(too_large());
    }
    let mut out = Vec::new();
    entry.take(*budget + 1).read_to_end(&mut out).map_err(|e| Error::Zip(format!("{name}: {e}")))?;
    if out.len() as u64 > *budget {
        return Err(too_large());
    }
    *budget -= out.len() as u64;
    Ok(Some(out))
}
