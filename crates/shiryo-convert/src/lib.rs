//! Office files to PDF: one [`Converter`] trait, LibreOffice headless as its implementation; the only place in
//! Shiryo that starts a process.
//!
//! Nothing here reads the environment: the program, the search path, the cache folder, the timeout and the
//! replacement fonts come in as [`Settings`] from the binaries.

pub mod container;
mod error;
pub mod fonts;
mod libreoffice;
mod process;

use std::sync::atomic::AtomicBool;
use std::time::Duration;

pub use container::{office_format, OfficeApp, OfficeFormat, CONVERTED};
pub use error::{Error, Result};
pub use libreoffice::{default_install_dirs, find_program, LibreOffice, Settings, DEFAULT_TIMEOUT};
/// The environment variables the binaries read into [`Settings`] (never read here): the program to use, and the
/// conversion deadline in whole seconds.
pub const ENV_PROGRAM: &str = "SHIRYO_SOFFICE";
pub const ENV_TIMEOUT: &str = "SHIRYO_CONVERT_TIMEOUT_S";

/// The largest Office file converted (the limits table's).
pub use shiryo_core::limits::MAX_OFFICE_BYTES;

/// One file to convert.
#[derive(Debug, Clone, Copy)]
pub struct Job<'a> {
    /// The file's name as the person chose it (`shiryo_core::sniff` tells its kind from it; never used as a path).
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    /// Set by the caller to stop the conversion (the process tree is killed, nothing is kept).
    pub cancel: &'a AtomicBool,
}

/// A converted file: the PDF, checked, and what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    pub pdf: Vec<u8>,
    pub pages: u32,
    /// The fonts embedded in the PDF (subset tags removed), sorted, without duplicates.
    pub embedded_fonts: Vec<String>,
    /// Who converted it, for the record: "LibreOffice 7.4.7.2" or the program's path.
    pub converter: String,
    /// How long the conversion took, waiting for another conversion included (measured here, on the monotonic
    /// clock the deadline is kept with, so the app reads no clock for its record).
    pub spent: Duration,
}

/// Converts Office files to PDF. LibreOffice ([`LibreOffice`]) is the implementation; Microsoft Office through
/// COM (`ExportAsFixedFormat`) would be another (docs/office.md).
pub trait Converter: Send + Sync {
    /// Converts one file; `progress` is told the time spent so far, about four times a second. The deadline
    /// and the one-at-a-time rule are the implementation's.
    fn convert(&self, job: &Job<'_>, progress: &mut dyn FnMut(Duration)) -> Result<Converted>;

    /// The converter's name for messages and the conversion record.
    fn name(&self) -> String;
}

/// Checks a converted PDF (lopdf reads it, not encrypted, at least one page) and lists its fonts; `spent` is the
/// time the conversion took.
pub fn check_pdf(file: &str, pdf: Vec<u8>, converter: String, spent: Duration) -> Result<Converted> {
    let bad = |reason: String| Error::BadOutput { file: file.to_string(), reason };
    if !pdf.starts_with(b"%PDF-") {
        return Err(bad("the output does not start with %PDF-".into()));
    }
    let doc = lopdf::Document::load_mem(&pdf).map_err(|e| bad(format!("lopdf cannot read it: {e}")))?;
    if doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(bad("the output is encrypted".into()));
    }
    let pages = u32::try_from(doc.get_pages().len()).unwrap_or(u32::MAX);
    if pages == 0 {
        return Err(bad("the output has no pages".into()));
    }
    let embedded_fonts = fonts::embedded_fonts(&doc);
    Ok(Converted { pdf, pages, embedded_fonts, converter, spent })
}
