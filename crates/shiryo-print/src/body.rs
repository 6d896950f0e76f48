//! A text 資料 set as a document: one paragraph per source line, hanging indents by the numbering level of plans
//! and policies (第1部 → 第1 → 1 → (1) → ア → (ア) → a → (a)), headings in ゴシック, body in 明朝.

use crate::fonts::Face;
use crate::grid::{set_grid, Grid, GridColumn};
use crate::layout::{Align, Flow, Para};
use crate::model::Item;

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

/// A short numbered line without a full stop is a heading (第1部 …, 第１ 対象範囲, １ 適用範囲, (1) 位置づけ).
fn is_heading(n: &Numbered<'_>) -> bool {
    n.level <= 3 && n.rest.chars().count() <= 30 && !n.rest.contains('。')
}

/// 【参考：…】 and ＜…イメージ＞: headings in brackets, set in ゴシック.
fn is_bracket_heading(line: &str) -> bool {
    let short = line.chars().count() <= 40;
    short && ((line.starts_with('【') && line.ends_with('】')) || (line.starts_with('＜') && line.ends_with('＞')))
}

/// The line that opens a table block in a text 資料 and the line that closes it.
pub const TABLE_START: &str = "［表］";
pub const TABLE_END: &str = "［表ここまで］";
/// A figure's line: ［図：caption］.
pub const FIGURE_START: &str = "［図：";

/// A ［表］ block: the first row is the header; set with the one table layout, indented with the text around it.
fn block_table(flow: &mut Flow<'_>, rows: Vec<Vec<String>>, indent: f32) {
    let mut rows = rows.into_iter();
    let Some(header) = rows.next() else { return };
    let width = rows.clone().map(|r| r.len()).chain([header.len()]).max().unwrap_or(0);
    let mut columns: Vec<GridColumn> = header.into_iter().map(GridColumn::new).collect();
    columns.resize_with(width, || GridColumn::new(""));
    let grid = Grid { columns, rows: rows.collect(), size: 9.0, ..Grid::default() };
    flow.space(BODY_LEADING / 4.0);
    let frame = flow.frame;
    flow.frame.left += indent;
    set_grid(flow, &grid);
    flow.frame = frame;
    flow.space(BODY_LEADING / 2.0);
}

/// A ［図：…］ line: a framed placeholder with the caption centred in it (the figure itself is not in the text).
fn figure(flow: &mut Flow<'_>, caption: &str, indent: f32) {
    let size = 9.0;
    let leading = 14.0;
    let width = flow.frame.content_width() - indent;
    let inner = width - 24.0;
    let adv = |c: char| flow.fonts.advance(Face::Gothic, c);
    let lines = crate::linebreak::break_lines(caption, inner / size, inner / size, &adv);
    let height = (lines.len() as f32 * leading + 24.0).max(60.0);
    flow.space(BODY_LEADING / 4.0);
    flow.ensure(height + 4.0);
    let top = flow.y;
    let left = flow.frame.left + indent;
    flow.push(Item::Rect { x: left, y: top, w: width, h: height, width: 0.6 });
    let first = top + (height - lines.len() as f32 * leading) / 2.0;
    for (k, line) in lines.into_iter().enumerate() {
        let w = flow.fonts.width(Face::Gothic, size, &line);
        let x = left + (width - w).max(0.0) / 2.0;
        let y = first + k as f32 * leading + size * 0.88 + (leading - size) / 2.0;
        flow.push(Item::Text { x, y, face: Face::Gothic, size, text: line });
    }
    flow.y = top + height;
    flow.space(BODY_LEADING / 2.0);
}

/// Where a level's label starts, in em: 第1部, 第1 and １ at the margin, then one character deeper per level.
fn label_indent(level: usize) -> f32 {
    level.saturating_sub(2) as f32
}

/// A block of a text 資料 as it prints: what [`set_text`] sets and the text editor shows beside the text. `line` is
/// the 1-based source line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The first short line: the centred title.
    Title { line: usize, text: String },
    /// A short line between the title and the body (the date, the department), set at the right.
    Aside { line: usize, text: String },
    /// A numbered paragraph (１ はじめに, (1) 位置づけ, ア …); `heading` when short and without 。 (ゴシック).
    Numbered { line: usize, level: usize, label: String, text: String, heading: bool },
    /// 【参考：…】 or ＜…＞: a heading in brackets (ゴシック).
    Bracketed { line: usize, text: String },
    /// An ordinary paragraph, indented one character under the last numbered one.
    Paragraph { line: usize, text: String },
    /// A ［表］ … ［表ここまで］ block: tab-separated rows, the first the header.
    Table { line: usize, rows: Vec<Vec<String>> },
    /// A ［図：…］ line: a framed placeholder with its caption.
    Figure { line: usize, caption: String },
    /// A blank line (half a line of space).
    Blank,
}

/// A line that is only a 資料 label: 資料 followed by numbers and dashes (資料２－５, 資料3-1, 資料１).
fn is_typed_label(line: &str) -> bool {
    let Some(rest) = line.trim().strip_prefix("資料") else { return false };
    let rest = rest.trim();
    !rest.is_empty()
        && rest.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && rest.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || "－-―ー‐−".contains(c))
}

/// The blocks of a text 資料's body. A first line equal to `skip_label` (the 資料's own label typed into its text),
/// or any other 資料 label, is left out, since the label box prints it.
pub fn structure(text: &str, skip_label: &str) -> Vec<Block> {
    let normalise = |s: &str| s.replace(['―', 'ー', '-', '‐', '−'], "－");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut first = true;
    let mut before_body = false;
    let mut i = 0usize;
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        if line == TABLE_START {
            let start = i;
            let mut rows: Vec<Vec<String>> = Vec::new();
            while i < lines.len() && lines[i].trim() != TABLE_END {
                if !lines[i].trim().is_empty() {
                    rows.push(lines[i].split('\t').map(|c| c.trim().to_string()).collect());
                }
                i += 1;
            }
            i += 1; // the ［表ここまで］ line (or the end of the text)
            out.push(Block::Table { line: start, rows });
            first = false;
            before_body = false;
            continue;
        }
        if let Some(caption) = line.strip_prefix(FIGURE_START).and_then(|l| l.strip_suffix('］')) {
            out.push(Block::Figure { line: i, caption: caption.to_string() });
            first = false;
            before_body = false;
            continue;
        }
        if line.is_empty() {
            out.push(Block::Blank);
            continue;
        }
        // The department's own label (資料２－５) typed as the first line: the label box prints the label the
        // 資料 has now, which differs from the typed one once the 資料 moved.
        if first && (normalise(line) == normalise(skip_label) || is_typed_label(line)) {
            continue;
        }
        if first {
            first = false;
            if line.chars().count() <= 40 && !line.contains('。') && numbered(line).is_none() {
                out.push(Block::Title { line: i, text: line.to_string() });
                before_body = true;
                continue;
            }
        }
        if numbered(line).is_some() || line.chars().count() > 24 || line.contains('。') {
            before_body = false;
        }
        out.push(match numbered(line) {
            Some(n) => Block::Numbered {
                line: i,
                level: n.level,
                label: n.label.to_string(),
                text: n.rest.to_string(),
                heading: is_heading(&n),
            },
            None if is_bracket_heading(line) => Block::Bracketed { line: i, text: line.to_string() },
            None if before_body => Block::Aside { line: i, text: line.to_string() },
            None => Block::Paragraph { line: i, text: line.to_string() },
        });
    }
    out
}

/// Sets the body of a text 資料 from its [`structure`]. `check` gets each string with its source line number
/// (for positions in messages) before it is set.
pub fn set_text(flow: &mut Flow<'_>, text: &str, skip_label: &str, check: &mut dyn FnMut(usize, &str) -> String) {
    let em = BODY_SIZE;
    // The x (in points) where the text of the last numbered paragraph starts: unnumbered paragraphs align there.
    let mut context_x = 0.0f32;
    for block in structure(text, skip_label) {
        match block {
            Block::Blank => flow.space(BODY_LEADING / 2.0),
            Block::Title { line, text } => {
                let mut para = Para::plain(Face::GothicBold, 14.0, 24.0);
                para.align = Align::Center;
                para.keep_with_next = 2;
                flow.paragraph(&check(line, &text), &para);
                flow.space(BODY_LEADING / 2.0);
            }
            Block::Aside { line, text } => {
                let mut para = Para::plain(Face::Mincho, BODY_SIZE, BODY_LEADING);
                para.align = Align::Right;
                flow.paragraph(&check(line, &text), &para);
            }
            Block::Numbered { line, level, label, text, heading } => {
                let face = if heading { Face::Gothic } else { Face::Mincho };
                let label = check(line, &label);
                let label_x = label_indent(level) * em;
                let label_w = flow.fonts.width(face, BODY_SIZE, &label);
                let gap = if label.ends_with(|c: char| c.is_ascii()) { 0.5 * em } else { em };
                // Snap to the half-em grid so texts of sibling paragraphs line up.
                let text_x = ((label_x + label_w + gap) / (em / 2.0)).ceil() * (em / 2.0);
                let mut para = Para::plain(face, BODY_SIZE, BODY_LEADING);
                para.label = Some((label, label_x));
                para.first_x = text_x;
                para.rest_x = text_x;
                if heading {
                    para.keep_with_next = 2;
                    if level <= 1 {
                        flow.space(BODY_LEADING / 2.0);
                    }
                }
                flow.paragraph(&check(line, &text), &para);
                context_x = if level <= 1 { 0.0 } else { text_x };
            }
            Block::Bracketed { line, text } => {
                let mut para = Para::plain(Face::Gothic, BODY_SIZE, BODY_LEADING);
                para.first_x = context_x;
                para.rest_x = context_x + em;
                para.keep_with_next = 2;
                flow.paragraph(&check(line, &text), &para);
            }
            Block::Paragraph { line, text } => {
                let mut para = Para::plain(Face::Mincho, BODY_SIZE, BODY_LEADING);
                para.first_x = context_x + em;
                para.rest_x = context_x;
                flow.paragraph(&check(line, &text), &para);
            }
            Block::Table { line, rows } => {
                let rows = rows
                    .into_iter()
                    .enumerate()
                    .map(|(k, r)| r.into_iter().map(|c| check(line + k + 1, &c)).collect())
                    .collect();
                block_table(flow, rows, context_x);
            }
            Block::Figure { line, caption } => figure(flow, &check(line, &caption), context_x),
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

    #[test]
    fn a_structured_text_reads_as_title_headings_tables_and_figures() {
        let text = "資料３－１\n「方針」の一部改正について\n令和５年６月〇日\n１ 改正理由等\n急速に高度化する。\n［表］\n分類\tリスク\n業務委託\t\n［表ここまで］\n(1) 外部サービス\n【参考：原則】\n［図：推進体制イメージ図］\n";
        let blocks = structure(text, "資料３－１");
        let kinds: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Block::Title { .. } => "title",
                Block::Aside { .. } => "aside",
                Block::Numbered { heading: true, .. } => "heading",
                Block::Numbered { .. } => "numbered",
                Block::Bracketed { .. } => "bracketed",
                Block::Paragraph { .. } => "paragraph",
                Block::Table { .. } => "table",
                Block::Figure { .. } => "figure",
                Block::Blank => "blank",
            })
            .collect();
        assert_eq!(kinds, ["title", "aside", "heading", "paragraph", "table", "heading", "bracketed", "figure"]);
        assert!(
            matches!(&blocks[4], Block::Table { rows, .. } if rows == &[vec!["分類".to_string(), "リスク".into()], vec!["業務委託".into(), "".into()]])
        );
        assert!(matches!(&blocks[7], Block::Figure { caption, .. } if caption == "推進体制イメージ図"));
    }
}
