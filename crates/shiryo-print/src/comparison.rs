//! A comparison table (新旧対照表): two equal columns under headings repeated on every page, a caption above,
//! the marked spans of each cell underlined (傍線), rows split between pages line by line.
//!
//! The print engine knows nothing of how the rows were found: `shiryo-shinkyu` builds them, `shiryo-app` (or the
//! CLI) converts its table into a [`Comparison`].

use std::ops::Range;

use crate::decor::page_number;
use crate::emit::emit;
use crate::error::Result;
use crate::fonts::{Face, Fonts};
use crate::glyphs::Checker;
use crate::laid::{Laid, LayoutOptions, Warning};
use crate::layout::{Align, Cell, Column, Flow, Frame, Para, Table};
use crate::model::{Document, OutlineItem};
use crate::{PrintOptions, Printed};

/// One cell of a comparison: its text and the spans to underline, as `[start, end)` in Unicode scalar values
/// (the offsets `shiryo-shinkyu` and the UI use).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ComparisonCell {
    /// Lines separated by `\n` (a law's （見出し） above its 条).
    pub text: String,
    pub marks: Vec<Range<usize>>,
    /// Per line of `text`: (first printed line, continuation lines) indented by so many characters (a law's 号
    /// at 1 hanging at 2); lines without an entry are set flush.
    pub indents: Vec<[u8; 2]>,
}

/// A comparison table, in column order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Comparison {
    /// The left and right headings (新 / 旧, 改正後 / 改正前, 改正案 / 現行, or the other way round).
    pub headings: [String; 2],
    /// The sentence above the table, e.g. （下線部分は改正部分）.
    pub caption: Option<String>,
    /// (left cell, right cell) of each row; an empty cell is an empty text.
    pub rows: Vec<[ComparisonCell; 2]>,
}

/// Text size of the cells and of the headings.
pub const CELL_SIZE: f32 = 10.0;
pub const HEADING_SIZE: f32 = 11.0;

/// Marks in characters to byte ranges of `text` (out-of-range offsets are clamped).
fn byte_ranges(text: &str, marks: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    offsets.push(text.len());
    let at = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    marks.iter().filter(|m| m.start < m.end).map(|m| at(m.start)..at(m.end)).collect()
}

/// Sets the caption and the table on `flow` (the title is the caller's). `check` is told the face, the 1-based row
/// and each string before it is set; it returns the string to print (same number of characters).
pub(crate) fn set_comparison(
    flow: &mut Flow<'_>,
    cmp: &Comparison,
    check: &mut dyn FnMut(Face, usize, &str) -> String,
) {
    if let Some(caption) = cmp.caption.as_deref().filter(|c| !c.trim().is_empty()) {
        let mut note = Para::plain(Face::Mincho, CELL_SIZE, CELL_SIZE * 1.6);
        note.align = Align::Left;
        flow.paragraph(&check(Face::Mincho, 0, caption), &note);
        flow.space(2.0);
    }
    let columns =
        cmp.headings.iter().map(|h| Column { title: check(Face::Gothic, 0, h), weight: 1.0, min: 0.0 }).collect();
    let rows = cmp
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .map(|c| {
                    // The check replaces characters one for one, so character marks still apply to its result.
                    let text = check(Face::Mincho, i + 1, &c.text);
                    let underline = byte_ranges(&text, &c.marks);
                    let indents = c.indents.iter().map(|i| i.map(f32::from)).collect();
                    Cell { text, underline, indents }
                })
                .collect()
        })
        .collect();
    flow.table(&Table { columns, rows, size: CELL_SIZE, header_size: HEADING_SIZE });
}

/// The frame of a comparison: A4 landscape, so each column holds about 37 characters, as printed 新旧対照表 do.
pub(crate) fn frame() -> Frame {
    Frame::landscape()
}

/// Lays out a comparison on its own (`shiryo shinkyu --pdf`): the title centred on the first page, the table, a
/// page number at the foot of every page. Pure, like the packet's layout, and checked by the same glyph
/// check (vertical forms set horizontally, line breaks as layout, missing characters by `opts.missing_glyphs`).
pub fn layout_comparison(fonts: &Fonts, title: &str, cmp: &Comparison, opts: &LayoutOptions) -> Result<Laid> {
    let mut checker = Checker::new(fonts, if title.trim().is_empty() { "新旧対照表" } else { title });
    let mut flow = Flow::new(fonts, frame());
    if !title.trim().is_empty() {
        let mut para = Para::plain(Face::GothicBold, 13.0, 22.0);
        para.align = Align::Center;
        para.keep_with_next = 3;
        let title = checker.check(Face::GothicBold, 0, title);
        flow.paragraph(&title, &para);
        flow.space(6.0);
    }
    set_comparison(&mut flow, cmp, &mut |face, line, s| checker.check(face, line, s));
    let mut pages = flow.pages;
    let warnings = checker.finish(opts.missing_glyphs)?.into_iter().map(Warning::MissingGlyph).collect();
    for (i, page) in pages.iter_mut().enumerate() {
        page_number(fonts, page, u32::try_from(i + 1).unwrap_or(u32::MAX));
    }
    let count = pages.len();
    let document = Document {
        title: title.to_string(),
        author: opts.author.clone(),
        outline: vec![OutlineItem { title: title.to_string(), page: 0, children: Vec::new() }],
        pages,
        imports: Vec::new(),
    };
    Ok(Laid { document, warnings, materials: vec![(title.to_string(), 0, count)], blanks: 0, bodies: Vec::new() })
}

/// Prints a comparison on its own: [`layout_comparison`], then [`emit`] as for the packet.
pub fn print_comparison(title: &str, cmp: &Comparison, opts: &PrintOptions) -> Result<Printed> {
    let fonts = Fonts::load()?;
    let laid = layout_comparison(&fonts, title, cmp, &opts.layout)?;
    let bytes = emit(&fonts, &laid.document, &opts.emit, &mut |_, _| {})?;
    Ok(Printed {
        bytes,
        pages: laid.document.pages.len(),
        warnings: laid.warnings,
        materials: Vec::new(),
        blanks: 0,
        bodies: Vec::new(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Item, A4_LONG};

    #[test]
    fn character_marks_become_byte_ranges() {
        let r = byte_ranges("(2) 要綱を定め", &[4..6, 3..3, 8..99]);
        assert_eq!(r, [4..10, 16..19]);
    }

    fn cell(text: &str, marked: &[&str]) -> ComparisonCell {
        let marks = marked
            .iter()
            .map(|m| {
                let b = text.find(m).unwrap();
                let s = text[..b].chars().count();
                s..s + m.chars().count()
            })
            .collect();
        ComparisonCell { text: text.into(), marks, indents: Vec::new() }
    }

    /// 120 rows, one of them long enough to be split between pages, marks in both columns.
    fn long_comparison() -> Comparison {
        let mut rows = Vec::new();
        for i in 0..120 {
            let new = format!("{i} 監査実施要綱を定め、情報セキュリティ対策を実施する。");
            let old = format!("{i} 監査実施要領を定め、情報セキュリティ対策を実施する。");
            rows.push([cell(&new, &["綱"]), cell(&old, &["領"])]);
            if i == 30 {
                let long = "情報通信技術を活用した行政の推進に当たっては、".repeat(40);
                rows.push([cell(&long, &["情報通信技術"]), cell("（新設）", &[])]);
            }
        }
        Comparison {
            headings: ["新".into(), "旧".into()], caption: Some("（下線部分は改正部分）".into()), rows
        }
    }

    fn lay_out(cmp: &Comparison) -> Vec<crate::model::Page> {
        let fonts = Fonts::load().unwrap();
        let mut flow = Flow::new(&fonts, frame());
        set_comparison(&mut flow, cmp, &mut |_, _, s| s.to_string());
        flow.pages
    }

    #[test]
    fn headings_repeat_on_every_page_and_long_rows_split() {
        let pages = lay_out(&long_comparison());
        assert!(pages.len() >= 5, "{}", pages.len());
        for (i, page) in pages.iter().enumerate() {
            let text = page.text();
            let body = if i == 0 { text.strip_prefix("（下線部分は改正部分）\n").unwrap() } else { &text };
            assert!(body.starts_with("新\n旧\n"), "page {}: {}", i + 1, &text[..60.min(text.len())]);
            assert!(page.items.iter().all(|it| match it {
                Item::Text { y, .. } => *y < page.height - frame().bottom,
                _ => true,
            }));
        }
        // No line of the long row is lost: its pieces, read in order, give its text back.
        let left: String = pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|it| match it {
                Item::Text { x, text, face: Face::Mincho, .. } if *x < A4_LONG / 2.0 => Some(text.as_str()),
                _ => None,
            })
            .collect();
        let all = left;
        let want = "情報通信技術を活用した行政の推進に当たっては、".repeat(40);
        let at = all.find("情報通信技術").unwrap();
        assert_eq!(&all[at..at + want.len()], want);
    }

    /// Every underline lies under the characters that were marked, on the baseline of their line.
    #[test]
    fn underlines_lie_exactly_under_the_marked_characters() {
        let fonts = Fonts::load().unwrap();
        let pages = lay_out(&long_comparison());
        let mut under: Vec<String> = Vec::new();
        for page in &pages {
            for item in &page.items {
                let Item::Line { x1, y1, x2, y2, width } = *item else { continue };
                if width != 0.5 {
                    continue;
                }
                assert_eq!(y1, y2);
                let run = page.items.iter().find_map(|t| match t {
                    Item::Text { x, y, size, text, face } if (y + size * 0.15 - y1).abs() < 0.01 && *x <= x1 + 0.01 => {
                        let w = fonts.width(*face, *size, text);
                        (x2 <= x + w + 0.01).then_some((*x, *size, *face, text.clone()))
                    }
                    _ => None,
                });
                let (x, size, face, text) = run.unwrap_or_else(|| panic!("no text above the underline at {x1},{y1}"));
                let mut at = x;
                let mut got = String::new();
                for c in text.chars() {
                    let w = fonts.advance(face, c) * size;
                    if at >= x1 - 0.01 && at + w <= x2 + 0.01 {
                        got.push(c);
                    }
                    at += w;
                }
                under.push(got);
            }
        }
        let count = |s: &str| under.iter().filter(|u| u.as_str() == s).count();
        assert_eq!(count("綱"), 120, "{under:?}");
        assert_eq!(count("領"), 120);
        assert_eq!(count("情報通信技術"), 1, "the mark of the long row, once");
        assert_eq!(
            under.len(),
            241,
            "{:?}",
            under.iter().filter(|u| !["綱", "領"].contains(&u.as_str())).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_small_comparison_page_model() {
        let cmp = Comparison {
            headings: ["改正後".into(), "改正前".into()],
            caption: Some("（下線部分は改正部分）".into()),
            rows: vec![
                [cell("１～７ （略）", &[]), cell("１～７ （略）", &[])],
                [
                    cell(
                        "８ 公社等外郭団体においては、助言等を行う。",
                        &["８ 公社等外郭団体においては、助言等を行う。"],
                    ),
                    cell("（新設）", &[]),
                ],
                [cell("(2) 監査実施要綱を定め", &["綱"]), cell("(2) 監査実施要領を定め", &["領"])],
            ],
        };
        let pages = lay_out(&cmp);
        assert_eq!(pages.len(), 1);
        insta::assert_snapshot!(pages[0].to_string());
    }

    #[test]
    fn a_law_comparison_page_model_sets_captions_articles_and_go_with_their_indents() {
        let fonts = Fonts::load().unwrap();
        let law = |text: &str, marked: &[&str], indents: Vec<[u8; 2]>| ComparisonCell { indents, ..cell(text, marked) };
        let cmp = Comparison {
            headings: ["改正後".into(), "改正前".into()],
            caption: Some("（傍線部分は改正部分）".into()),
            rows: vec![
                [
                    law("（定義）\n第二条\u{3000}この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。", &[], vec![[1, 1], [0, 1]]),
                    law("（定義）\n第二条\u{3000}この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。", &[], vec![[1, 1], [0, 1]]),
                ],
                [law("一～九\u{3000}（略）", &[], vec![[1, 2]]), law("一～九\u{3000}（略）", &[], vec![[1, 2]])],
                [
                    law("十\u{3000}第四号から前号までに掲げる行為により生じた物を譲渡し、引き渡し、又は電気通信回線を通じて提供する行為", &["十\u{3000}第四号から前号までに掲げる行為により生じた物を譲渡し、引き渡し、又は電気通信回線を通じて提供する行為"], vec![[1, 2]]),
                    cell("（新設）", &[]),
                ],
                [law("イ\u{3000}期間\u{FE13}三年", &["三"], vec![[2, 3]]), law("イ\u{3000}期間\u{FE13}二年", &["二"], vec![[2, 3]])],
            ],
        };
        // The same glyph check as the packet: a vertical colon copied from a PDF prints, it is not refused.
        let laid = layout_comparison(&fonts, "新旧対照表", &cmp, &LayoutOptions::default()).unwrap();
        assert!(laid.warnings.is_empty());
        assert_eq!(laid.document.pages.len(), 1);
        let page = laid.document.pages[0].to_string();
        assert!(page.contains("期間：三年"), "{page}");
        assert!(page.contains("（定義）") && page.contains("一～九\u{3000}（略）"), "{page}");
    }

    #[test]
    fn a_missing_character_in_a_cell_is_refused_naming_the_table_and_its_row() {
        let fonts = Fonts::load().unwrap();
        let cmp = Comparison {
            headings: ["新".into(), "旧".into()],
            caption: None,
            rows: vec![[cell("絵😀", &[]), cell("", &[])]],
        };
        let err = layout_comparison(&fonts, "条例の新旧", &cmp, &LayoutOptions::default()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("U+1F600") && text.contains("条例の新旧"), "{text}");
    }
}
