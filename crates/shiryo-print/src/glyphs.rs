//! The glyph check every print runs (the packet, a 資料 on its own, `shiryo shinkyu --pdf`): each string is checked
//! against the face it is set in before layout, so that a character no font has is reported with its place
//! instead of printing as a blank.

use crate::error::{Error, MissingGlyph, Result};
use crate::fonts::{Face, Fonts};

/// What to do with a character the fonts lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GlyphPolicy {
    /// Stop with [`Error::MissingGlyphs`] listing every one.
    #[default]
    Refuse,
    /// Print 〓 (下駄記号, the customary mark for a missing character) and report each one as a warning.
    Substitute,
}

/// Checks each string set against the fonts and records missing characters with their position.
pub(crate) struct Checker<'f> {
    fonts: &'f Fonts,
    /// The 資料 (or table) being set: named in each report.
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
    pub(crate) fn new(fonts: &'f Fonts, label: &str) -> Checker<'f> {
        Checker { fonts, label: label.to_string(), missing: Vec::new() }
    }

    /// The string to set for `text`: the same number of characters, each one the fonts have. A line break is
    /// layout (the table and paragraph setters break there) and other control characters are spaces, never
    /// "missing glyphs"; a tab is a full-width space; a vertical form its horizontal character; anything else
    /// missing is recorded and set as 〓.
    pub(crate) fn check(&mut self, face: Face, line: usize, text: &str) -> String {
        let fine = |c: char| c == '\n' || self.fonts.has(face, c);
        if text.chars().all(fine) {
            return text.to_string();
        }
        text.chars()
            .map(|c| {
                if c == '\t' {
                    '\u{3000}'
                } else if c == '\n' || self.fonts.has(face, c) {
                    c
                } else if c.is_control() {
                    ' '
                } else if let Some(h) = horizontal_form(c).filter(|h| self.fonts.has(face, *h)) {
                    h
                } else {
                    self.missing.push(MissingGlyph { ch: c, label: self.label.clone(), line });
                    '〓'
                }
            })
            .collect()
    }

    /// What the policy makes of the characters found missing: an error, or the list to warn about (printed as 〓).
    pub(crate) fn finish(self, policy: GlyphPolicy) -> Result<Vec<MissingGlyph>> {
        match policy {
            _ if self.missing.is_empty() => Ok(Vec::new()),
            GlyphPolicy::Refuse => Err(Error::MissingGlyphs(self.missing)),
            GlyphPolicy::Substitute => Ok(self.missing),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_and_control_characters_are_layout_and_vertical_forms_print_horizontally() {
        let fonts = Fonts::load().unwrap();
        let mut checker = Checker::new(&fonts, "新旧対照表");
        assert_eq!(checker.check(Face::Mincho, 1, "（目的）\n第一条\u{3000}目的"), "（目的）\n第一条\u{3000}目的");
        assert_eq!(checker.check(Face::Mincho, 2, "甲\r\u{7}乙\t丙"), "甲  乙\u{3000}丙");
        assert_eq!(checker.check(Face::Mincho, 3, "期間\u{FE13}三年"), "期間：三年");
        assert!(checker.missing.is_empty(), "{:?}", checker.missing);
        assert_eq!(checker.check(Face::Mincho, 4, "絵文字😀"), "絵文字〓");
        let err = checker.finish(GlyphPolicy::Refuse).unwrap_err();
        assert!(err.to_string().contains("U+1F600"), "{err}");
    }
}
