//! The typesetter: paragraphs with hanging indents and tables with repeated headers flowed onto pages.

use crate::fonts::{Face, Fonts};
use crate::linebreak::break_lines;
use crate::model::{mm, Item, Page, A4_LONG, A4_SHORT};

/// A page size with its margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

impl Frame {
    /// A4 portrait for text: 150 mm lines (40 characters of 10.5 pt), room for the label box above.
    pub fn portrait() -> Frame {
        Frame { width: A4_SHORT, height: A4_LONG, left: mm(30.0), right: mm(30.0), top: mm(30.0), bottom: mm(25.0) }
    }

    /// A4 landscape for tables.
    pub fn landscape() -> Frame {
        Frame { width: A4_LONG, height: A4_SHORT, left: mm(15.0), right: mm(15.0), top: mm(25.0), bottom: mm(18.0) }
    }

    pub fn content_width(&self) -> f32 {
        self.width - self.left - self.right
    }
}

/// Text alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a paragraph is set. Offsets are from the frame's left edge.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    pub face: Face,
    pub size: f32,
    /// Distance between baselines.
    pub leading: f32,
    /// Where the first line's text starts.
    pub first_x: f32,
    /// Where continuation lines start (the hanging indent).
    pub rest_x: f32,
    /// A label drawn on the first line at its own offset (１, (1), ア, 【資料１－１】): the text hangs after it.
    pub label: Option<(String, f32)>,
    pub align: Align,
    /// Keep the paragraph together with at least this many following lines (headings).
    pub keep_with_next: usize,
}

impl Para {
    pub fn plain(face: Face, size: f32, leading: f32) -> Para {
        Para { face, size, leading, first_x: 0.0, rest_x: 0.0, label: None, align: Align::Left, keep_with_next: 0 }
    }
}

/// A span of a cell or paragraph to underline, as byte offsets into its text.
pub type Underline = std::ops::Range<usize>;

/// Pages being filled, top to bottom.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub frame: Frame,
    pub pages: Vec<Page>,
    /// The top of the next line box, from the page's top edge.
    pub y: f32,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts, frame: Frame) -> Flow<'f> {
        let mut flow = Flow { fonts, frame, pages: Vec::new(), y: 0.0 };
        flow.new_page();
        flow
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::new(self.frame.width, self.frame.height));
        self.y = self.frame.top;
    }

    /// Room left on the current page.
    pub fn room(&self) -> f32 {
        self.frame.height - self.frame.bottom - self.y
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() + 0.01 && self.y > self.frame.top + 0.01 {
            self.new_page();
        }
    }

    /// Vertical space (dropped at the top of a page).
    pub fn space(&mut self, height: f32) {
        if self.y > self.frame.top + 0.01 {
            self.y = (self.y + height).min(self.frame.height - self.frame.bottom);
        }
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.items.push(item);
        }
    }

    fn advance(&self, face: Face) -> impl Fn(char) -> f32 + '_ {
        move |c| self.fonts.advance(face, c)
    }

    /// Breaks `text` as `para` says, without placing it: the lines and the x offset of each.
    pub fn set_lines(&self, text: &str, para: &Para, width: f32) -> Vec<(f32, String)> {
        let adv = self.advance(para.face);
        let em = para.size;
        let lines = break_lines(text, (width - para.first_x) / em, (width - para.rest_x) / em, &adv);
        lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| {
                let x = if i == 0 { para.first_x } else { para.rest_x };
                let x = match para.align {
                    Align::Left => x,
                    Align::Center => {
                        let w = self.fonts.width(para.face, para.size, &line);
                        x + ((width - x) - w).max(0.0) / 2.0
                    }
                    Align::Right => {
                        let w = self.fonts.width(para.face, para.size, &line);
                        x + ((width - x) - w).max(0.0)
                    }
                };
                (x, line)
            })
            .collect()
    }

    /// Sets a paragraph, breaking pages between its lines when needed.
    pub fn paragraph(&mut self, text: &str, para: &Para) {
        let width = self.frame.content_width();
        let lines = self.set_lines(text, para, width);
        let ascent = para.size * 0.88;
        // A heading is not left alone at the bottom of a page.
        self.ensure(para.leading * (lines.len().min(3) + para.keep_with_next) as f32);
        for (i, (x, line)) in lines.into_iter().enumerate() {
            self.ensure(para.leading);
            let base = self.y + ascent + (para.leading - para.size) / 2.0;
            if i == 0 {
                if let Some((label, lx)) = &para.label {
                    let text = label.clone();
                    self.push(Item::Text { x: self.frame.left + lx, y: base, face: para.face, size: para.size, text });
                }
            }
            if !line.is_empty() {
                self.push(Item::Text { x: self.frame.left + x, y: base, face: para.face, size: para.size, text: line });
            }
            self.y += para.leading;
        }
    }
}

/// A column of a table: its heading, the width it needs at least and its share of the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the width left once every column has its minimum.
    pub weight: f32,
    /// Minimum width in half-width characters of the table's size (the longest number that must not wrap).
    pub min: f32,
}

/// A cell: its text (lines separated by `\n`), the spans to underline, and how each of its lines is indented.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    pub text: String,
    pub underline: Vec<Underline>,
    /// Per line of `text`: (first printed line, continuation lines) indented by so many characters of the
    /// table's size (a law's 号 at 1 with its continuation at 2). Lines without an entry are set flush.
    pub indents: Vec<[f32; 2]>,
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell { text: text.to_string(), ..Cell::default() }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell { text, ..Cell::default() }
    }
}

/// A bordered table: the header row repeats on every page, cells wrap, a row too tall for the room left is
/// split between pages line by line.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub size: f32,
    pub header_size: f32,
}

/// Where the text of a table column sits in its cells (numbers right-aligned, headings centred).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellAlign {
    #[default]
    Left,
    Center,
    Right,
}

const PAD: f32 = 3.0;
const RULE: f32 = 0.6;

/// One cell broken into lines: (byte range in the cell text, text, indent in points).
type CellLines = Vec<(std::ops::Range<usize>, String, f32)>;

fn lines_with_ranges(text: &str, lines: Vec<String>) -> Vec<(std::ops::Range<usize>, String)> {
    // `break_lines` keeps characters in order and only drops half-width spaces at breaks: find each line
    // again in the text to know its byte range (for underlines).
    let mut at = 0usize;
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let start = text[at..].find(line.as_str()).map_or(at, |p| at + p);
        let end = start + line.len();
        out.push((start..end, line));
        at = end;
    }
    out
}

impl Flow<'_> {
    /// Column edges: every column gets its minimum, the rest of the width is shared by weight.
    fn column_xs(&self, table: &Table) -> Vec<f32> {
        let width = self.frame.content_width();
        let mins: Vec<f32> = table.columns.iter().map(|c| c.min * table.size / 2.0 + 2.0 * PAD).collect();
        let total_min: f32 = mins.iter().sum();
        let total_weight: f32 = table.columns.iter().map(|c| c.weight.max(0.0)).sum::<f32>().max(0.001);
        let widths: Vec<f32> = if total_min >= width {
            mins.iter().map(|m| m * width / total_min).collect()
        } else {
            let extra = width - total_min;
            mins.iter().zip(&table.columns).map(|(m, c)| m + extra * c.weight.max(0.0) / total_weight).collect()
        };
        let mut xs = vec![self.frame.left];
        let mut x = self.frame.left;
        for w in widths {
            x += w;
            xs.push(x);
        }
        xs
    }

    /// Breaks each line of a cell (`\n` separates them) to the column, indented as `indents` says.
    fn break_cell(&self, text: &str, indents: &[[f32; 2]], face: Face, size: f32, width: f32) -> CellLines {
        let adv = self.advance(face);
        let inner = ((width - 2.0 * PAD) / size).max(1.0);
        let mut out = Vec::new();
        let mut offset = 0usize;
        for (i, part) in text.split('\n').enumerate() {
            // An indent never leaves less than a third of the column.
            let [first, rest] = indents.get(i).copied().unwrap_or([0.0, 0.0]).map(|d| d.clamp(0.0, inner * 2.0 / 3.0));
            let lines = break_lines(part, inner - first, inner - rest, &adv);
            for (k, (range, line)) in lines_with_ranges(part, lines).into_iter().enumerate() {
                let indent = (if k == 0 { first } else { rest }) * size;
                out.push((range.start + offset..range.end + offset, line, indent));
            }
            offset += part.len() + 1;
        }
        out
    }

    /// Draws one band of a row: `lines[k][from..to]` of each cell, between `top` and `top + height`.
    #[allow(clippy::too_many_arguments)]
    fn draw_band(
        &mut self,
        xs: &[f32],
        cells: &[CellLines],
        underlines: &[&[Underline]],
        from: usize,
        to: usize,
        face: Face,
        size: f32,
        aligns: &[CellAlign],
    ) {
        let leading = size * 1.45;
        let top = self.y;
        let height = (to - from) as f32 * leading + 2.0 * PAD;
        for (col, lines) in cells.iter().enumerate() {
            for (k, (range, line, indent)) in lines.iter().enumerate().take(to).skip(from) {
                let mut x = xs[col] + PAD + indent;
                let free =
                    || ((xs[col + 1] - xs[col] - 2.0 * PAD - indent) - self.fonts.width(face, size, line)).max(0.0);
                match aligns.get(col).copied().unwrap_or_default() {
                    CellAlign::Left => {}
                    CellAlign::Center => x += free() / 2.0,
                    CellAlign::Right => x += free(),
                }
                let base = top + PAD + (k - from) as f32 * leading + size * 0.88 + (leading - size) / 2.0;
                if !line.is_empty() {
                    self.push(Item::Text { x, y: base, face, size, text: line.clone() });
                }
                for u in underlines.get(col).copied().unwrap_or(&[]) {
                    let (s, e) = (u.start.max(range.start), u.end.min(range.end));
                    if s < e {
                        let text = self.underline_parts(lines, k, range.start, s, e);
                        let x0 = x + self.fonts.width(face, size, &text.0);
                        let x1 = x0 + self.fonts.width(face, size, &text.1);
                        let y = base + size * 0.15;
                        self.push(Item::Line { x1: x0, y1: y, x2: x1, y2: y, width: 0.5 });
                    }
                }
            }
        }
        let right = xs[xs.len() - 1];
        self.push(Item::Line { x1: xs[0], y1: top, x2: right, y2: top, width: RULE });
        self.push(Item::Line { x1: xs[0], y1: top + height, x2: right, y2: top + height, width: RULE });
        for &x in xs {
            self.push(Item::Line { x1: x, y1: top, x2: x, y2: top + height, width: RULE });
        }
        self.y += height;
    }

    /// The text before an underline and the underlined text, within line `k` of a cell.
    fn underline_parts(&self, lines: &CellLines, k: usize, line_start: usize, s: usize, e: usize) -> (String, String) {
        let line = &lines[k].1;
        let before = line.get(..s - line_start).unwrap_or("").to_string();
        let under = line.get(s - line_start..e - line_start).unwrap_or("").to_string();
        (before, under)
    }

    fn header(&mut self, table: &Table, xs: &[f32]) {
        let cells: Vec<CellLines> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| self.break_cell(&c.title, &[], Face::Gothic, table.header_size, xs[i + 1] - xs[i]))
            .collect();
        let n = cells.iter().map(Vec::len).max().unwrap_or(1);
        let center = vec![CellAlign::Center; cells.len()];
        self.draw_band(xs, &cells, &[], 0, n, Face::Gothic, table.header_size, &center);
    }

    /// Sets a table: header on every page, rows split between pages without losing a line.
    pub fn table(&mut self, table: &Table) {
        self.table_aligned(table, &[]);
    }

    /// [`Flow::table`] with the alignment of each column's cells (missing ones are left-aligned).
    pub fn table_aligned(&mut self, table: &Table, aligns: &[CellAlign]) {
        let xs = self.column_xs(table);
        let leading = table.size * 1.45;
        let header_lines = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| self.break_cell(&c.title, &[], Face::Gothic, table.header_size, xs[i + 1] - xs[i]).len())
            .max()
            .unwrap_or(1);
        let header_height = header_lines as f32 * table.header_size * 1.45 + 2.0 * PAD;
        self.ensure(header_height + leading + 2.0 * PAD);
        self.header(table, &xs);
        for row in &table.rows {
            let cells: Vec<CellLines> = (0..table.columns.len())
                .map(|i| {
                    let (text, indents) = row.get(i).map_or(("", &[][..]), |c| (c.text.as_str(), c.indents.as_slice()));
                    self.break_cell(text, indents, Face::Mincho, table.size, xs[i + 1] - xs[i])
                })
                .collect();
            let underlines: Vec<&[Underline]> = row.iter().map(|c| c.underline.as_slice()).collect();
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut from = 0;
            while from < n {
                let fit = ((self.room() - 2.0 * PAD) / leading).floor().max(0.0) as usize;
                if fit == 0 {
                    self.new_page();
                    self.header(table, &xs);
                    continue;
                }
                // A short row moves whole to the next page rather than splitting.
                if fit < n - from && n - from <= 3 && self.y > self.frame.top + header_height + 1.0 {
                    self.new_page();
                    self.header(table, &xs);
                    continue;
                }
                let to = n.min(from + fit);
                self.draw_band(&xs, &cells, &underlines, from, to, Face::Mincho, table.size, aligns);
                from = to;
                if from < n {
                    self.new_page();
                    self.header(table, &xs);
                }
            }
        }
    }
}
