//! The one table layout: 表 資料, KPI tables and the ［表］ blocks of text 資料 are all set by [`set_grid`].
//!
//! - Column widths follow the content: every column gets at least its longest run that must not break (a number,
//!   a Latin word, a short word such as 一部達成: measured on the break opportunities of the line breaker, so
//!   numbers are never split and kinsoku holds), the rest of the width goes by the columns' natural widths.
//! - Numbers are right-aligned (a column whose values are mostly numbers, unless told otherwise).
//! - The header row repeats on every page; a title line sits above the table and ※ note lines below it.
//! - Group columns (分野, 項目, 担当課) print once per run of equal values as one merged cell (no rule between the
//!   rows of a run), and again at the top of a new page. A run of a later group column never crosses a change
//!   of an earlier one.
//! - A row moves whole to the next page when it does not fit; it is split, line by line, only when it is taller
//!   than a whole page.

use crate::fonts::{Face, Fonts};
use crate::layout::{Align, Flow, Frame, Para};
use crate::linebreak::{break_lines, break_opportunities};
use crate::model::Item;

/// Portrait or landscape A4, or whichever the table's width asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Auto,
    Portrait,
    Landscape,
}

/// Where the values of a column sit in their cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColumnAlign {
    /// Right when the values are mostly numbers, else left.
    #[default]
    Auto,
    Left,
    Center,
    Right,
}

/// A column as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridColumn {
    /// The heading; `\n` breaks it (`令和４年度\n目標値`).
    pub title: String,
    pub align: ColumnAlign,
    /// Printed once per run of equal values, as a merged cell.
    pub group: bool,
}

impl GridColumn {
    pub fn new(title: impl Into<String>) -> GridColumn {
        GridColumn { title: title.into(), align: ColumnAlign::Auto, group: false }
    }

    pub fn grouped(mut self) -> GridColumn {
        self.group = true;
        self
    }

    pub fn aligned(mut self, align: ColumnAlign) -> GridColumn {
        self.align = align;
        self
    }
}

/// A table to print: a title line, the columns, the rows (text, `\n` breaks a cell), note lines under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Grid {
    /// The title line above the table, centred in ゴシック (empty: none).
    pub title: String,
    /// A line above the table at the left, in ゴシック (empty: none).
    pub caption: String,
    pub columns: Vec<GridColumn>,
    pub rows: Vec<Vec<String>>,
    /// Lines printed under the table (※ …).
    pub notes: Vec<String>,
    /// Text size of the cells and headings, in points.
    pub size: f32,
}

/// A 表 資料 as printed: its tables, each starting on a page of its own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TablePrint {
    pub orientation: Orientation,
    pub sections: Vec<Grid>,
}

/// The default cell size of a table 資料 (the seed's landscape lists print at about 8 pt).
pub const GRID_SIZE: f32 = 8.0;

const PAD: f32 = 3.0;
const RULE: f32 = 0.6;
const LEADING: f32 = 1.45;

impl Grid {
    /// Applies `f` to every string that will be printed (font checks), with the row number (0 for headings).
    pub fn map_text(&mut self, f: &mut dyn FnMut(Face, usize, &str) -> String) {
        let lines = |f: &mut dyn FnMut(Face, usize, &str) -> String, face: Face, row: usize, s: &str| {
            s.split('\n').map(|part| f(face, row, part)).collect::<Vec<_>>().join("\n")
        };
        self.title = lines(f, Face::GothicBold, 0, &self.title);
        self.caption = lines(f, Face::Gothic, 0, &self.caption);
        for c in &mut self.columns {
            c.title = lines(f, Face::Gothic, 0, &c.title);
        }
        for (i, row) in self.rows.iter_mut().enumerate() {
            for cell in row.iter_mut() {
                *cell = lines(f, Face::Mincho, i + 1, cell);
            }
        }
        for n in &mut self.notes {
            *n = lines(f, Face::Mincho, 0, n);
        }
    }

    fn size(&self) -> f32 {
        if self.size > 0.0 {
            self.size
        } else {
            GRID_SIZE
        }
    }

    fn cell(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map_or("", String::as_str)
    }
}

/// A value that reads as a number: it starts with a digit (after a sign or 約), is short (48.2%, 14,442,
/// 40百万枚, ７００名) and is one word: a numbered label such as 「１ 防災」 is text. `-`/`－` alone is neither.
fn is_number_like(s: &str) -> bool {
    let trimmed = s.trim();
    let t = trimmed.trim_start_matches(['約', '+', '-', '－', '▲', '△']);
    t.chars().next().is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９'))
        && !trimmed.chars().any(char::is_whitespace)
        && shiryo_core::width::display_width(trimmed) <= 16
}

fn is_neutral(s: &str) -> bool {
    matches!(s.trim(), "" | "-" | "－" | "―" | "ー" | "—")
}

/// The alignment a column's cells get: [`ColumnAlign::Auto`] is right when at least 80 % of the values that are
/// not blank or a dash read as numbers.
fn resolve_align(grid: &Grid, col: usize) -> ColumnAlign {
    let align = grid.columns.get(col).map(|c| c.align).unwrap_or_default();
    if align != ColumnAlign::Auto {
        return align;
    }
    let values: Vec<&str> = (0..grid.rows.len()).map(|r| grid.cell(r, col)).filter(|s| !is_neutral(s)).collect();
    let numbers = values.iter().filter(|s| is_number_like(s)).count();
    if numbers > 0 && numbers * 5 >= values.len() * 4 {
        ColumnAlign::Right
    } else {
        ColumnAlign::Left
    }
}

/// What a column needs, in points at the table's size: the widest run that must not break, and its natural
/// (one-line) width capped at a long line.
struct Need {
    min: f32,
    natural: f32,
}

fn needs(fonts: &Fonts, grid: &Grid) -> Vec<Need> {
    let size = grid.size();
    let pad = 2.0 * PAD;
    (0..grid.columns.len())
        .map(|col| {
            let mut min = 0.0f32;
            let mut natural = 0.0f32;
            let mut measure = |face: Face, text: &str, cap_words: bool| {
                for line in text.split('\n') {
                    let width = fonts.width(face, size, line);
                    natural = natural.max(width.min(size * 40.0));
                    // Short values (達成, 一部達成, 行政, a date) and headings of up to four characters (番号,
                    // 担当課) never wrap; longer ones break where allowed.
                    let short = if cap_words { 8 } else { 10 };
                    if shiryo_core::width::display_width(line) <= short {
                        min = min.max(width);
                        continue;
                    }
                    let mut start = 0;
                    for end in break_opportunities(line).into_iter().chain([line.len()]) {
                        let word = &line[start..end];
                        let w = fonts.width(face, size, word);
                        // A heading may break anywhere after four characters.
                        min = min.max(if cap_words { w.min(size * 4.0) } else { w.min(size * 14.0) });
                        start = end;
                    }
                }
            };
            if let Some(c) = grid.columns.get(col) {
                measure(Face::Gothic, &c.title, true);
            }
            for r in 0..grid.rows.len() {
                measure(Face::Mincho, grid.cell(r, col), false);
            }
            Need { min: min + pad, natural: natural.max(min) + pad }
        })
        .collect()
}

/// Whether a table wants A4 landscape: its columns at their natural widths (each at most 24 characters) do not
/// fit the width of a portrait page.
pub fn prefers_landscape(fonts: &Fonts, grid: &Grid) -> bool {
    let size = grid.size();
    let want: f32 = needs(fonts, grid).iter().map(|n| n.natural.min(size * 24.0 + 2.0 * PAD).max(n.min)).sum();
    want > Frame::portrait().content_width() + 0.5
}

/// The x of each column edge, from the frame's left to its right.
fn column_edges(fonts: &Fonts, grid: &Grid, left: f32, width: f32) -> Vec<f32> {
    let needs = needs(fonts, grid);
    let total_min: f32 = needs.iter().map(|n| n.min).sum();
    let total_natural: f32 = needs.iter().map(|n| n.natural).sum();
    let widths: Vec<f32> = if total_min >= width {
        // Too wide even at the minimum: narrow columns (番号, 評価, a short heading) keep theirs, so 「番号」 never
        // prints as 番 over 号, and the wide text columns share what is left.
        let narrow = |n: &Need| n.min <= grid.size() * 5.0 + 2.0 * PAD;
        let kept: f32 = needs.iter().filter(|n| narrow(n)).map(|n| n.min).sum();
        let wide: f32 = total_min - kept;
        if kept < width * 0.5 && wide > 0.0 {
            let scale = (width - kept) / wide;
            needs.iter().map(|n| if narrow(n) { n.min } else { n.min * scale }).collect()
        } else {
            needs.iter().map(|n| n.min * width / total_min.max(0.001)).collect()
        }
    } else if total_natural <= width {
        // Everything fits on one line: the spare width goes by natural width.
        needs.iter().map(|n| n.natural * width / total_natural.max(0.001)).collect()
    } else {
        // Each column has its minimum; what is left goes to those that want more, by how much more.
        let extra = width - total_min;
        let total_more: f32 = needs.iter().map(|n| n.natural - n.min).sum::<f32>().max(0.001);
        needs.iter().map(|n| n.min + extra * (n.natural - n.min) / total_more).collect()
    };
    let mut xs = Vec::with_capacity(widths.len() + 1);
    let mut x = left;
    xs.push(x);
    for w in widths {
        x += w;
        xs.push(x);
    }
    xs
}

/// A cell broken into lines.
fn break_cell(fonts: &Fonts, text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let inner = ((width - 2.0 * PAD) / size).max(1.0);
    let adv = |c: char| fonts.advance(face, c);
    let mut out = Vec::new();
    for part in text.split('\n') {
        out.extend(break_lines(part, inner, inner, &adv));
    }
    out
}

/// For each row and column: whether the cell starts a run of its group column (always true for other columns).
fn run_starts(grid: &Grid) -> Vec<Vec<bool>> {
    let groups: Vec<usize> = (0..grid.columns.len()).filter(|&c| grid.columns[c].group).collect();
    (0..grid.rows.len())
        .map(|r| {
            let mut starts = vec![true; grid.columns.len()];
            if r == 0 {
                return starts;
            }
            let mut changed = false;
            for &g in &groups {
                changed = changed || grid.cell(r, g) != grid.cell(r - 1, g) || grid.cell(r, g).is_empty();
                starts[g] = changed;
            }
            starts
        })
        .collect()
}

struct Setter<'a, 'f> {
    flow: &'a mut Flow<'f>,
    grid: &'a Grid,
    xs: Vec<f32>,
    aligns: Vec<ColumnAlign>,
    header: Vec<Vec<String>>,
    header_height: f32,
}

impl Setter<'_, '_> {
    fn size(&self) -> f32 {
        self.grid.size()
    }

    fn leading(&self) -> f32 {
        self.size() * LEADING
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32) {
        self.flow.push(Item::Line { x1, y1: y, x2, y2: y, width: RULE });
    }

    fn draw_header(&mut self) {
        let size = self.size();
        let top = self.flow.y;
        let n = self.header.iter().map(Vec::len).max().unwrap_or(1);
        let leading = self.leading();
        let height = self.header_height;
        // Lines are centred vertically in the header row, and horizontally in their cell.
        for (col, lines) in self.header.clone().iter().enumerate() {
            let offset = (n - lines.len()) as f32 * leading / 2.0;
            for (k, line) in lines.iter().enumerate() {
                let w = self.flow.fonts.width(Face::Gothic, size, line);
                let x = self.xs[col] + ((self.xs[col + 1] - self.xs[col]) - w).max(0.0) / 2.0;
                let y = top + PAD + offset + k as f32 * leading + size * 0.88 + (leading - size) / 2.0;
                if !line.is_empty() {
                    self.flow.push(Item::Text { x, y, face: Face::Gothic, size, text: line.clone() });
                }
            }
        }
        let (left, right) = (self.xs[0], self.xs[self.xs.len() - 1]);
        self.hline(left, right, top);
        self.hline(left, right, top + height);
        for x in self.xs.clone() {
            self.flow.push(Item::Line { x1: x, y1: top, x2: x, y2: top + height, width: RULE });
        }
        self.flow.y += height;
    }

    /// Closes the table on this page (its bottom rule), starts the next page and repeats the header there.
    fn next_page(&mut self) {
        let (left, right, y) = (self.xs[0], self.xs[self.xs.len() - 1], self.flow.y);
        self.hline(left, right, y);
        self.flow.new_page();
        self.draw_header();
    }

    /// Draws lines `from..to` of each cell as one band. `open[c]`: the cell continues a merged run, so no rule
    /// above it.
    fn draw_band(&mut self, cells: &[Vec<String>], from: usize, to: usize, open: &[bool]) {
        let size = self.size();
        let leading = self.leading();
        let top = self.flow.y;
        let height = (to - from) as f32 * leading + 2.0 * PAD;
        for (col, lines) in cells.iter().enumerate() {
            for (k, line) in lines.iter().enumerate().take(to).skip(from) {
                if line.is_empty() {
                    continue;
                }
                let free =
                    (self.xs[col + 1] - self.xs[col] - 2.0 * PAD) - self.flow.fonts.width(Face::Mincho, size, line);
                let x = self.xs[col]
                    + PAD
                    + match self.aligns[col] {
                        ColumnAlign::Right => free.max(0.0),
                        ColumnAlign::Center => free.max(0.0) / 2.0,
                        ColumnAlign::Left | ColumnAlign::Auto => 0.0,
                    };
                let y = top + PAD + (k - from) as f32 * leading + size * 0.88 + (leading - size) / 2.0;
                self.flow.push(Item::Text { x, y, face: Face::Mincho, size, text: line.clone() });
            }
            if !open.get(col).copied().unwrap_or(false) {
                self.hline(self.xs[col], self.xs[col + 1], top);
            }
        }
        for x in self.xs.clone() {
            self.flow.push(Item::Line { x1: x, y1: top, x2: x, y2: top + height, width: RULE });
        }
        self.flow.y += height;
    }

    fn rows(&mut self) {
        let grid = self.grid;
        let size = self.size();
        let leading = self.leading();
        let starts = run_starts(grid);
        let frame = self.flow.frame;
        // Room for rows on a page that holds only the header.
        let page_room = frame.height - frame.top - frame.bottom - self.header_height;
        let mut top_of_page = true;
        for (r, starts) in starts.iter().enumerate() {
            loop {
                // A group cell that continues its run is blank, unless the row opens a page.
                let open: Vec<bool> = starts.iter().map(|s| !s && !top_of_page).collect();
                let cells: Vec<Vec<String>> = (0..grid.columns.len())
                    .map(|c| {
                        if open[c] {
                            vec![String::new()]
                        } else {
                            break_cell(
                                self.flow.fonts,
                                grid.cell(r, c),
                                Face::Mincho,
                                size,
                                self.xs[c + 1] - self.xs[c],
                            )
                        }
                    })
                    .collect();
                let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                let height = n as f32 * leading + 2.0 * PAD;
                if height <= self.flow.room() + 0.01 {
                    self.draw_band(&cells, 0, n, &open);
                    top_of_page = false;
                    break;
                }
                if height <= page_room + 0.01 && !top_of_page {
                    // It fits on a page of its own: move it whole.
                    self.next_page();
                    top_of_page = true;
                    continue;
                }
                // Taller than a page: split it line by line.
                let mut from = 0;
                while from < n {
                    let fit = ((self.flow.room() - 2.0 * PAD) / leading + 0.01).floor().max(0.0) as usize;
                    if fit == 0 {
                        self.next_page();
                        top_of_page = true;
                        continue;
                    }
                    let to = n.min(from + fit);
                    let open_now: Vec<bool> = if from == 0 { open.clone() } else { vec![false; open.len()] };
                    self.draw_band(&cells, from, to, &open_now);
                    top_of_page = false;
                    from = to;
                    if from < n {
                        self.next_page();
                        top_of_page = true;
                    }
                }
                break;
            }
        }
        let (left, right, y) = (self.xs[0], self.xs[self.xs.len() - 1], self.flow.y);
        self.hline(left, right, y);
    }
}

/// Sets a table on `flow` at its current position: title line, caption, header (repeated on every page), rows,
/// notes. Strings are printed as given: run [`Grid::map_text`] first to check them against the fonts.
pub fn set_grid(flow: &mut Flow<'_>, grid: &Grid) {
    if !grid.title.trim().is_empty() {
        let mut para = Para::plain(Face::GothicBold, 13.0, 22.0);
        para.align = Align::Center;
        para.keep_with_next = 3;
        flow.paragraph(&grid.title, &para);
        flow.space(4.0);
    }
    if !grid.caption.trim().is_empty() {
        let mut para = Para::plain(Face::Gothic, 10.0, 16.0);
        para.keep_with_next = 3;
        flow.paragraph(&grid.caption, &para);
        flow.space(2.0);
    }
    if grid.columns.is_empty() {
        return;
    }
    let size = grid.size();
    let fonts = flow.fonts;
    let xs = column_edges(fonts, grid, flow.frame.left, flow.frame.content_width());
    let header: Vec<Vec<String>> = grid
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| break_cell(fonts, &c.title, Face::Gothic, size, xs[i + 1] - xs[i]))
        .collect();
    let header_lines = header.iter().map(Vec::len).max().unwrap_or(1);
    let header_height = header_lines as f32 * size * LEADING + 2.0 * PAD;
    let aligns = (0..grid.columns.len()).map(|c| resolve_align(grid, c)).collect();
    // The header never stands alone at the bottom of a page: it goes with the first row (or as much of it as a
    // page holds).
    let first_row = (0..grid.columns.len())
        .map(|c| break_cell(fonts, grid.cell(0, c), Face::Mincho, size, xs[c + 1] - xs[c]).len())
        .max()
        .unwrap_or(1)
        .max(1) as f32
        * size
        * LEADING
        + 2.0 * PAD;
    let page_room = flow.frame.height - flow.frame.top - flow.frame.bottom - header_height;
    flow.ensure(header_height + first_row.min(page_room));
    let mut setter = Setter { flow: &mut *flow, grid, xs, aligns, header, header_height };
    setter.draw_header();
    setter.rows();
    if !grid.notes.is_empty() {
        flow.space(4.0);
        let para = Para::plain(Face::Mincho, size.max(8.0) + 1.0, (size.max(8.0) + 1.0) * 1.6);
        for note in &grid.notes {
            let mut p = para.clone();
            // ※ hangs: continuation lines align with the text after it.
            if note.starts_with('※') {
                p.rest_x = para.size;
            }
            flow.paragraph(note, &p);
        }
    }
}

/// The frame a 表 資料 prints in: its orientation, or the width of its widest table.
pub fn frame_for(fonts: &Fonts, print: &TablePrint) -> Frame {
    let landscape = match print.orientation {
        Orientation::Landscape => true,
        Orientation::Portrait => false,
        Orientation::Auto => print.sections.iter().any(|g| prefers_landscape(fonts, g)),
    };
    if landscape {
        Frame::landscape()
    } else {
        Frame::portrait()
    }
}

/// Lays out a 表 資料: each table on pages of its own.
pub fn set_table_print(flow: &mut Flow<'_>, print: &TablePrint) {
    for (i, grid) in print.sections.iter().enumerate() {
        if i > 0 {
            flow.new_page();
        }
        set_grid(flow, grid);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn grid(rows: &[&[&str]], columns: Vec<GridColumn>) -> Grid {
        Grid {
            title: String::new(),
            caption: String::new(),
            columns,
            rows: rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect(),
            notes: Vec::new(),
            size: 8.0,
        }
    }

    fn texts(page: &crate::model::Page) -> Vec<(f32, f32, String)> {
        page.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numbers_are_right_aligned_and_never_split() {
        let fonts = Fonts::load().unwrap();
        let g = grid(
            &[&["自動車税種別割に係る電子決済利用件数", "14,442"], &["オープンデータ閲覧件数", "1,234,567,890"]],
            vec![GridColumn::new("指標名"), GridColumn::new("基準値")],
        );
        assert_eq!(resolve_align(&g, 1), ColumnAlign::Right);
        assert_eq!(resolve_align(&g, 0), ColumnAlign::Left);
        let mut flow = Flow::new(&fonts, Frame::portrait());
        set_grid(&mut flow, &g);
        let t = texts(&flow.pages[0]);
        assert!(t.iter().any(|(_, _, s)| s == "1,234,567,890"), "{t:?}");
        // Right-aligned: the two numbers end at the same x.
        let end = |s: &str| {
            let (x, _, text) = t.iter().find(|(_, _, x)| x == s).unwrap();
            x + fonts.width(Face::Mincho, 8.0, text)
        };
        assert!((end("14,442") - end("1,234,567,890")).abs() < 0.01);
    }

    #[test]
    fn a_group_column_prints_once_per_run_and_again_at_the_top_of_a_new_page() {
        let fonts = Fonts::load().unwrap();
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| vec![if i < 70 { "分野Ａ".to_string() } else { "分野Ｂ".to_string() }, format!("事業{i}")])
            .collect();
        let g = Grid {
            columns: vec![GridColumn::new("分野").grouped(), GridColumn::new("事業名")],
            rows,
            size: 8.0,
            ..Grid::default()
        };
        let mut flow = Flow::new(&fonts, Frame::landscape());
        set_grid(&mut flow, &g);
        assert!(flow.pages.len() >= 2);
        let count = |p: &crate::model::Page, s: &str| texts(p).iter().filter(|(_, _, t)| t == s).count();
        assert_eq!(count(&flow.pages[0], "分野Ａ"), 1);
        assert_eq!(count(&flow.pages[1], "分野Ａ"), 1, "repeated at the top of the next page");
        assert_eq!(count(&flow.pages[0], "分野"), 1);
        assert_eq!(count(&flow.pages[1], "分野"), 1, "header repeated");
        let last = flow.pages.last().unwrap();
        assert_eq!(count(last, "分野Ｂ"), 1);
    }

    #[test]
    fn a_row_moves_whole_to_the_next_page_and_splits_only_when_taller_than_a_page() {
        let fonts = Fonts::load().unwrap();
        let long = "長い説明文です。".repeat(40);
        let huge = "とても長い本文。".repeat(900);
        let mut rows: Vec<Vec<String>> = (0..24).map(|i| vec![format!("{i}"), "短い".to_string()]).collect();
        rows.push(vec!["99".into(), long.clone()]);
        rows.push(vec!["100".into(), huge]);
        let g = Grid {
            columns: vec![GridColumn::new("番号"), GridColumn::new("内容")],
            rows,
            size: 8.0,
            ..Grid::default()
        };
        let mut flow = Flow::new(&fonts, Frame::portrait());
        set_grid(&mut flow, &g);
        // The long row (about 10 lines) is not split: all its lines are on one page.
        let pages_with = |s: &str| flow.pages.iter().filter(|p| texts(p).iter().any(|(_, _, t)| t.contains(s))).count();
        assert_eq!(pages_with("長い説明文"), 1);
        // The huge row is taller than a page and continues over several pages.
        assert!(pages_with("とても長い本文") >= 2);
        // Characters, not phrases: a phrase broken over two pages has the repeated header between its halves.
        let all: String = flow.pages.iter().flat_map(texts).map(|t| t.2).collect();
        for c in ['と', 'て', '本'] {
            assert_eq!(all.chars().filter(|&x| x == c).count(), 900, "no line lost or doubled at a split ({c})");
        }
        assert_eq!(all.chars().filter(|&x| x == '。').count(), 900 + 40, "every sentence of both long rows");
    }

    #[test]
    fn a_wide_table_asks_for_landscape_and_a_narrow_one_does_not() {
        let fonts = Fonts::load().unwrap();
        let text = "事業概要又は取組内容の説明文が長く続きます。".to_string();
        let wide = Grid {
            columns: (0..7).map(|i| GridColumn::new(format!("列{i}"))).collect(),
            rows: vec![vec![text; 7]],
            ..Grid::default()
        };
        assert!(prefers_landscape(&fonts, &wide));
        let narrow = grid(&[&["原則", "内容"]], vec![GridColumn::new("a"), GridColumn::new("b")]);
        assert!(!prefers_landscape(&fonts, &narrow));
    }
}
