//! Limits on what Shiryo reads from files a user hands in, and where an undecodable text goes wrong.
//!
//! Every import refuses a file over its limit before parsing it, and a zip container (.docx, .xlsx) whose parts
//! would unpack to more than [`MAX_UNZIPPED_BYTES`] or that holds more than [`MAX_ZIP_ENTRIES`] parts (a zip bomb):
//! the user gets a clear message instead of a frozen app. docs/reliability.md lists them.

/// The largest text (.txt) file read for a 新旧対照表: 64 MiB (a whole code of law is under 5 MiB).
pub const MAX_TEXT_BYTES: u64 = 64 * 1024 * 1024;
/// The largest .docx file read: 64 MiB.
pub const MAX_DOCX_BYTES: u64 = 64 * 1024 * 1024;
/// The largest KPI table file (.csv or .xlsx) read: 32 MiB (the seed's largest is under 100 KiB).
pub const MAX_TABLE_BYTES: u64 = 32 * 1024 * 1024;
/// The largest PDF imported as a 資料: 256 MiB.
pub const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;
/// The most a .docx or .xlsx may unpack to, all parts together: 256 MiB.
pub const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts a .docx or .xlsx may hold (a real one has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// The most cells a spreadsheet sheet may span from its first to its last cell (a KPI table has a few thousand;
/// the reader lays the span out as a grid of 32-byte cells, so this is at most 64 MB).
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

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
