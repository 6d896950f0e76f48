//! A text 資料 set as a document: one paragraph per source line, hanging indents by the numbering level of plans
//! and policies (第1部 → 第1 → 1 → (1) → ア → (ア) → a → (a)), headings in ゴシック, body in 明朝.

use crate::fonts::Face;
use crate::layout::{Align, Flow, Para};

/// Body text size and baseline distance (40 characters a line, about 36 lines a page).
pub const BODY_SIZE: f32 = 10.5;
pub const BODY_LEADING: f32 = 18.0;

/// A numbering label at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Numbered<'a> {
    /// 0 第1部, 1 第1, 2 １, 3 (1), 4 ア, 5 (ア), 6 a, 7 (a).
    pub level: usize,
    pub label: &'a str,
    pub rest: &'a str,
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９')
}

fn is_kanji_digit(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百')
}

fn is_katakana_label(c: char) -> bool {
    matches!(c, 'ア'..='ン') && !matches!(c, 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ')
}

/// Length in bytes of the run of characters from the start of `s` that satisfy `f`.
fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.char_indices().find(|(_, c)| !f(*c)).map_or(s.len(), |(i, _)| i)
}

fn after_separator(s: &str) -> Option<&str> {
    let t = s.trim_start_matches([' ', '\u{3000}']);
    (t.len() < s.len()).then_some(t)
}

/// Recognises the numbering label of a paragraph.
pub fn numbered(line: &str) -> Option<Numbered<'_>> {
    // 第1部, 第１, 第三条 …
    if let Some(tail) = line.strip_prefix('第') {
        let n = run(tail, |c| is_digit(c) || is_kanji_digit(c));
        if n > 0 {
            let after = &tail[n..];
            let (level, unit) = match after.chars().next() {
                Some(u @ ('部' | '章' | '編')) => (0, u.len_utf8()),
                Some(u @ ('節' | '款' | '条')) => (1, u.len_utf8()),
                _ => (1, 0),
            };
            let label_len = '第'.len_utf8() + n + unit;
            let rest = &line[label_len..];
            let rest_text = after_separator(rest).or_else(|| rest.is_empty().then_some(rest))?;
            return Some(Numbered { level, label: &line[..label_len], rest: rest_text });
        }
    }
    // (1) （1） (ア) (a)
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(tail) = line.strip_prefix(open) {
            let inner_len = tail.find(close)?;
            let inner = &tail[..inner_len];
            let level = if !inner.is_empty() && inner.chars().all(is_digit) {
                3
            } else if inner.chars().count() == 1 && inner.chars().all(is_katakana_label) {
                5
            } else if inner.chars().count() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()) {
                7
            } else {
                return None;
            };
            let label_len = open.len_utf8() + inner_len + close.len_utf8();
            let rest = &line[label_len..];
            return Some(Numbered {
                level,
                label: &line[..label_len],
                rest: rest.trim_start_matches([' ', '\u{3000}']),
            });
        }
    }
    // １ / 1 / ア / a followed by a space
    let n = run(line, is_digit);
    let (level, label_len) = if n > 0 {
        (2, n)
    } else {
        let first = line.chars().next()?;
        if is_katakana_label(first) {
            (4, first.len_utf8())
        } else if first.is_ascii_lowercase() {
            (6, 1)
        } else {
            return None;
        }
    };
    let rest = after_separator(&line[label_len..])?;
    if rest.is_empty() {
        return None;
    }
    Some(Numbered { level, label: &line[..label_len], rest })
}

/// A short numbered line without a full stop is a heading (第1部 …, 第１ 対象範囲, １ 適用範囲).
fn is_heading(n: &Numbered<'_>) -> bool {
    n.level <= 2 && n.rest.chars().count() <= 30 && !n.rest.contains('。')
}

/// Where a level's label starts, in em: 第1部, 第1 and １ at the margin, then one character deeper per level.
fn label_indent(level: usize) -> f32 {
    level.saturating_sub(2) as f32
}

/// Sets the body of a text 資料. `on_line` is told each source line number before it is set (for positions in
/// messages); lines equal to `skip_label` (the 資料's own label typed into its text) are left out.
pub fn set_text(flow: &mut Flow<'_>, text: &str, skip_label: &str, check: &mut dyn FnMut(usize, &str) -> String) {
    let em = BODY_SIZE;
    // The x (in points) where the text of the last numbered paragraph starts: unnumbered paragraphs align there.
    let mut context_x = 0.0f32;
    let mut first = true;
    let normalise = |s: &str| s.replace(['―', 'ー', '-', '‐', '−'], "－");
    for (i, raw) in text.lines().enumerate() {
        let line = check(i + 1, raw.trim());
        if line.is_empty() {
            flow.space(BODY_LEADING / 2.0);
            continue;
        }
        if first && normalise(&line) == normalise(skip_label) {
            continue;
        }
        if first {
            first = false;
            if line.chars().count() <= 40 && !line.contains('。') && numbered(&line).is_none() {
                let mut para = Para::plain(Face::GothicBold, 14.0, 24.0);
                para.align = Align::Center;
                para.keep_with_next = 2;
                flow.paragraph(&line, &para);
                flow.space(BODY_LEADING / 2.0);
                continue;
            }
        }
        match numbered(&line) {
            Some(n) => {
                let heading = is_heading(&n);
                let face = if heading { Face::Gothic } else { Face::Mincho };
                let label_x = label_indent(n.level) * em;
                let label_w = flow.fonts.width(face, BODY_SIZE, n.label);
                let gap = if n.label.ends_with(|c: char| c.is_ascii()) { 0.5 * em } else { em };
                // Snap to the half-em grid so texts of sibling paragraphs line up.
                let text_x = ((label_x + label_w + gap) / (em / 2.0)).ceil() * (em / 2.0);
                let mut para = Para::plain(face, BODY_SIZE, BODY_LEADING);
                para.label = Some((n.label.to_string(), label_x));
                para.first_x = text_x;
                para.rest_x = text_x;
                if heading {
                    para.keep_with_next = 2;
                    if n.level <= 1 {
                        flow.space(BODY_LEADING / 2.0);
                    }
                }
                flow.paragraph(n.rest, &para);
                context_x = if n.level <= 1 { 0.0 } else { text_x };
            }
            None => {
                let mut para = Para::plain(Face::Mincho, BODY_SIZE, BODY_LEADING);
                para.first_x = context_x + em;
                para.rest_x = context_x;
                flow.paragraph(&line, &para);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(line: &str) -> Option<(usize, &str, &str)> {
        numbered(line).map(|n| (n.level, n.label, n.rest))
    }

    #[test]
    fn the_plan_numbering_levels_are_recognised() {
        assert_eq!(level("第1部 情報セキュリティ基本方針"), Some((0, "第1部", "情報セキュリティ基本方針")));
        assert_eq!(level("第１ 対象範囲"), Some((1, "第１", "対象範囲")));
        assert_eq!(level("１ 適用範囲"), Some((2, "１", "適用範囲")));
        assert_eq!(level("(1) 知事、副知事"), Some((3, "(1)", "知事、副知事")));
        assert_eq!(level("ア 知事部局"), Some((4, "ア", "知事部局")));
        assert_eq!(level("(ア) 職員"), Some((5, "(ア)", "職員")));
        assert_eq!(level("a 端末"), Some((6, "a", "端末")));
        assert_eq!(level("(a) 端末"), Some((7, "(a)", "端末")));
        assert_eq!(level("第三十六条の二"), None, "a 条 without a space is not a label we hang");
    }

    #[test]
    fn ordinary_sentences_are_not_numbered() {
        assert_eq!(level("今日、県民生活の場に情報通信技術が急速に普及し"), None);
        assert_eq!(level("アナログ規制の点検"), None);
        assert_eq!(level("（令和５年６月日 福島県デジタル社会形成推進本部決定）"), None);
        assert_eq!(level("2023年度の方針"), None);
    }
}
