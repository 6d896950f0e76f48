//! The glyph policy: every string set is checked against the embedded fonts; a character no face has is recorded
//! with its 資料 and line, and the policy decides whether that stops the print or prints 〓 with a warning.

use crate::error::MissingGlyph;
use crate::fonts::{Face, Fonts};

/// What to do with a character the fonts lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GlyphPolicy {
    /// Stop with [`crate::Error::MissingGlyphs`] listing every one.
    #[default]
    Refuse,
    /// Print 〓 (下駄記号, the customary mark for a missing character) and report each one as a warning.
    Substitute,
}

/// Checks each string set against the fonts and records missing characters with their position.
pub(crate) struct Checker<'f> {
    fonts: &'f Fonts,
    /// The 資料 label (or 次第) the next strings belong to.
    pub(crate) label: String,
    pub(crate) missing: Vec<MissingGlyph>,
}

/// Vertical presentation forms (U+FE10–FE19, left in text copied from vertical layouts or PDFs) set
/// horizontally are their ordinary characters: ︓ is ：.
fn horizontal_form(c: char) -> Option<char> {
    Some(match c {
        '\u{FE10}' => '，',
        '\u{FE11}' => '、',
        '\u{FE12}' => '。',
        '\u{FE13}' => '：',
        '\u{FE14}' => '；',
        '\u{FE15}' => '！',
        '\u{FE16}' => '？',
        '\u{FE17}' => '〖',
        '\u{FE18}' => '〗',
        '\u{FE19}' => '…',
        _ => return None,
    })
}

impl<'f> Checker<'f> {
    pub(crate) fn new(fonts: &'f Fonts, label: &str) -> Self {
        Checker { fonts, label: label.to_string(), missing: Vec::new() }
    }

    /// `text` as printed: characters the face lacks become their horizontal form or 〓, each one recorded.
    pub(crate) fn check(&mut self, face: Face, line: usize, text: &str) -> String {
        if text.chars().all(|c| self.fonts.has(face, c)) {
            return text.to_string();
        }
        text.chars()
            .map(|c| {
                if c == '\t' {
                    '\u{3000}'
                } else if self.fonts.has(face, c) {
                    c
                } else if let Some(h) = horizontal_form(c).filter(|h| self.fonts.has(face, *h)) {
                    h
                } else {
                    self.missing.push(MissingGlyph { ch: c, label: self.label.clone(), line });
                    '〓'
                }
            })
            .collect()
    }
}
