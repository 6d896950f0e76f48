//! The one table of limits on what Shiryo reads and stores: file sizes, lengths, counts.
//!
//! Every import refuses a file over its limit before parsing it, and a zip container (.docx, .xlsx) whose parts
//! would unpack to more than [`MAX_UNZIPPED_BYTES`] or that holds more than [`MAX_ZIP_ENTRIES`] parts (a zip bomb):
//! the user gets a clear message instead of a frozen app. Every crate takes its numbers from here, the UI from
//! [`LIMITS`] (written to `ui/src/ipc/generated/limits_table.ts` by `cargo test -p shiryo-app`), and
//! docs/reliability.md quotes them. A number that is not here is not a limit of Shiryo.

use serde::Serialize;
use ts_rs::TS;

const MIB: u64 = 1024 * 1024;

/// The largest plain text file (.txt) read: for a 新旧対照表 or a text 資料. 16 MiB (a whole code of law is
/// under 5 MiB); the page sends a file's bytes as JSON numbers, so this also bounds one IPC message.
pub const MAX_TEXT_BYTES: u64 = 16 * MIB;
/// The largest Word file (.docx) read: 64 MiB (pictures make them big; only the text is kept).
pub const MAX_DOCX_BYTES: u64 = 64 * MIB;
/// The largest table file (.csv, .xlsx, .xlsm, .xls, .ods) read: 32 MiB (the seed's largest is under 100 KiB).
pub const MAX_TABLE_BYTES: u64 = 32 * MIB;
/// The largest PDF imported as a 資料: 64 MiB.
pub const MAX_PDF_BYTES: u64 = 64 * MIB;
/// The largest e-Gov 法令標準XML file (.xml) read for a 新旧対照表: 64 MiB (its markup is several times its text).
pub const MAX_XML_BYTES: u64 = 64 * MIB;
/// The largest other office file (.pptx, .doc, .rtf, .ppt, .odt, .odp) handed in, and the largest file the
/// converter (LibreOffice) is given: 64 MiB (a department's Word or Excel file is well under 10 MiB).
pub const MAX_OFFICE_BYTES: u64 = 64 * MIB;
/// The most a .docx or .xlsx may unpack to, all parts together: 256 MiB.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * MIB;
/// The most parts a .docx or .xlsx may hold (a real one has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most cells a spreadsheet sheet may span from its first to its last cell (a KPI table has a few thousand;
/// the reader lays the span out as a grid of 32-byte cells, so this is at most 64 MB).
pub const MAX_SHEET_CELLS: u64 = 2_000_000;
/// The most one page's content stream of an imported PDF may unpack to: 256 MiB.
pub const MAX_PDF_STREAM_BYTES: u64 = 256 * MIB;
/// Tables of a .docx nested deeper than this are read as part of the cell that holds them (their rows as lines).
pub const MAX_DOCX_TABLE_DEPTH: usize = 16;
/// The most abstractNum, num or style definitions of a .docx read; a real document has dozens.
pub const MAX_DOCX_DEFINITIONS: usize = 20_000;
/// The longest list label pattern (`lvlText`) of a .docx read (Word's own dialog allows far less); longer ones
/// are cut.
pub const MAX_DOCX_LEVEL_TEXT_CHARS: usize = 64;
/// The most steps followed along a .docx's `basedOn` and `numStyleLink` chains (a cycle ends there).
pub const MAX_DOCX_STYLE_LINKS: usize = 16;
/// The most times a list letter repeats in a .docx label (27 → AA, 53 → AAA): past it the number is printed in
/// decimal, so a hostile `w:start` cannot make a label of millions of letters.
pub const MAX_DOCX_LETTER_REPEATS: u32 = 32;
/// The most of one XML part of an Office file read when looking for the fonts it asks for: 16 MiB.
pub const MAX_FONT_PART_BYTES: u64 = 16 * MIB;
/// The most parts (slides, themes) of an Office file read when looking for the fonts it asks for.
pub const MAX_FONT_PARTS: usize = 500;
/// The most of an OpenDocument file's `META-INF/manifest.xml` read to tell whether it is encrypted: 1 MiB.
pub const MAX_ODF_MANIFEST_BYTES: u64 = MIB;
/// One title from the page: an agenda item, a 資料, one line of a meeting's title or place (a printed line holds
/// about 40).
pub const MAX_TITLE_CHARS: usize = 500;
/// Lines of a header field (title lines, place lines).
pub const MAX_LINES: usize = 20;
/// A file name sent with a file's bytes.
pub const MAX_FILE_NAME_CHARS: usize = 255;
/// A short note, caption or status set by hand.
pub const MAX_NOTE_CHARS: usize = 2_000;
/// The text of a 資料 or of a table cell edited by hand, in bytes of UTF-8: 16 MiB.
pub const MAX_EDITED_TEXT_BYTES: usize = 16 * 1024 * 1024;
/// Levels of the agenda (１ → (1) → ア → (ア) → a → (a)).
pub const MAX_AGENDA_DEPTH: usize = 6;

/// Every limit in one value, as the UI receives it (`LIMITS` in `ui/src/ipc/generated/limits_table.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Limits {
    #[ts(type = "number")]
    pub text_file_bytes: u64,
    #[ts(type = "number")]
    pub docx_file_bytes: u64,
    #[ts(type = "number")]
    pub table_file_bytes: u64,
    #[ts(type = "number")]
    pub pdf_file_bytes: u64,
    #[ts(type = "number")]
    pub xml_file_bytes: u64,
    #[ts(type = "number")]
    pub office_file_bytes: u64,
    #[ts(type = "number")]
    pub unzipped_bytes: u64,
    #[ts(type = "number")]
    pub zip_entries: usize,
    #[ts(type = "number")]
    pub sheet_cells: u64,
    #[ts(type = "number")]
    pub pdf_stream_bytes: u64,
    #[ts(type = "number")]
    pub docx_table_depth: usize,
    #[ts(type = "number")]
    pub docx_definitions: usize,
    #[ts(type = "number")]
    pub docx_level_text_chars: usize,
    #[ts(type = "number")]
    pub docx_style_links: usize,
    #[ts(type = "number")]
    pub docx_letter_repeats: u32,
    #[ts(type = "number")]
    pub font_part_bytes: u64,
    #[ts(type = "number")]
    pub font_parts: usize,
    #[ts(type = "number")]
    pub odf_manifest_bytes: u64,
    #[ts(type = "number")]
    pub title_chars: usize,
    #[ts(type = "number")]
    pub lines: usize,
    #[ts(type = "number")]
    pub file_name_chars: usize,
    #[ts(type = "number")]
    pub note_chars: usize,
    #[ts(type = "number")]
    pub edited_text_bytes: usize,
    #[ts(type = "number")]
    pub agenda_depth: usize,
}

/// The limits table.
pub const LIMITS: Limits = Limits {
    text_file_bytes: MAX_TEXT_BYTES,
    docx_file_bytes: MAX_DOCX_BYTES,
    table_file_bytes: MAX_TABLE_BYTES,
    pdf_file_bytes: MAX_PDF_BYTES,
    xml_file_bytes: MAX_XML_BYTES,
    office_file_bytes: MAX_OFFICE_BYTES,
    unzipped_bytes: MAX_UNZIPPED_BYTES,
    zip_entries: MAX_ZIP_ENTRIES,
    sheet_cells: MAX_SHEET_CELLS,
    pdf_stream_bytes: MAX_PDF_STREAM_BYTES,
    docx_table_depth: MAX_DOCX_TABLE_DEPTH,
    docx_definitions: MAX_DOCX_DEFINITIONS,
    docx_level_text_chars: MAX_DOCX_LEVEL_TEXT_CHARS,
    docx_style_links: MAX_DOCX_STYLE_LINKS,
    docx_letter_repeats: MAX_DOCX_LETTER_REPEATS,
    font_part_bytes: MAX_FONT_PART_BYTES,
    font_parts: MAX_FONT_PARTS,
    odf_manifest_bytes: MAX_ODF_MANIFEST_BYTES,
    title_chars: MAX_TITLE_CHARS,
    lines: MAX_LINES,
    file_name_chars: MAX_FILE_NAME_CHARS,
    note_chars: MAX_NOTE_CHARS,
    edited_text_bytes: MAX_EDITED_TEXT_BYTES,
    agenda_depth: MAX_AGENDA_DEPTH,
};

/// Where a text that is neither valid UTF-8 nor valid Shift_JIS (CP932) first goes wrong: the byte offset
/// (from 0) of the first bad byte in whichever of the two readings gets further, and that reading's name.
/// For valid text, the length and the encoding that reads it all.
pub fn undecodable_at(bytes: &[u8]) -> (usize, &'static str) {
    let utf8 = match std::str::from_utf8(bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let sjis = shift_jis_valid_up_to(bytes);
    if sjis > utf8 {
        (sjis, "Shift_JIS")
    } else {
        (utf8, "UTF-8")
    }
}

/// The length of the longest prefix of `bytes` that is valid Shift_JIS (as encoding_rs reads it: CP932).
fn shift_jis_valid_up_to(bytes: &[u8]) -> usize {
    use encoding_rs::DecoderResult;
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        // `bad` bytes were malformed and `after` more were read past them before the error was seen.
        DecoderResult::Malformed(bad, after) => read.saturating_sub(usize::from(bad) + usize::from(after)),
        DecoderResult::InputEmpty | DecoderResult::OutputFull => read,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_is_where_the_better_reading_fails() {
        // UTF-8 "日本語" then a byte UTF-8 never has: UTF-8 reads 9 bytes; Shift_JIS stops early (0xE6 0x97 is a
        // pair, 0xA5 a kana, 0xE6 0x9C a pair, 0xAC a kana, then 0xE8 0xAA, 0x9E 0xFF: 0xFF is no trail byte).
        assert_eq!(undecodable_at(b"\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xFFx"), (9, "UTF-8"));
        // Shift_JIS "あい" then a lead byte with a bad trail byte: Shift_JIS fails at 4.
        assert_eq!(undecodable_at(b"\x82\xA0\x82\xA2\x81\x0Aabc"), (4, "Shift_JIS"));
        // A lead byte cut off at the end.
        assert_eq!(undecodable_at(b"ab\x82\xA0\x82"), (4, "Shift_JIS"));
        assert_eq!(undecodable_at("全部正しい".as_bytes()), (15, "UTF-8"));
    }
}
