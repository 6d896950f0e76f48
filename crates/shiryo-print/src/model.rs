//! The page model: what layout produces and emission writes. Positions are in points from the page's TOP-LEFT
//! corner (y grows downwards, as a reader looks at the page); text is placed by its baseline.
//!
//! `Display` renders a page as plain text, one item a line, for snapshot tests.

use std::fmt;

use crate::fonts::Face;

/// A4 in points.
pub const A4_SHORT: f32 = 595.28;
pub const A4_LONG: f32 = 841.89;

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text in one face and size; `y` is the baseline.
    Text { x: f32, y: f32, face: Face, size: f32, text: String },
    /// A straight line.
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32 },
    /// A stroked rectangle; (`x`, `y`) is its top-left corner.
    Rect { x: f32, y: f32, w: f32, h: f32, width: f32 },
    /// A filled rectangle (a bar of a chart) in a grey level from 0 (black) to 1 (white); (`x`, `y`) is its
    /// top-left corner.
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

/// A page of an imported PDF drawn under the page's own items (the label and page number stamped on it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPage {
    /// Index into [`Document::imports`].
    pub import: usize,
    /// 1-based page number in that PDF.
    pub page: u32,
}

/// The running heads of a 資料 page, added after layout: the label box and the page number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decor {
    pub label: String,
    /// The page number within the 資料 (1-based).
    pub number: u32,
}

/// One page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
    pub imported: Option<ImportedPage>,
    pub decor: Option<Decor>,
    /// A page added so that the next part starts on a front page (duplex): no label, no page number.
    pub blank: bool,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page { width, height, items: Vec::new(), imported: None, decor: None, blank: false }
    }

    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    /// The text of the page in drawing order, one run a line (what a reader would extract).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for item in &self.items {
            if let Item::Text { text, .. } = item {
                out.push_str(text);
                out.push('\n');
            }
        }
        out
    }
}

/// A bookmark of the outline: a 議題 with its 資料 under it, or a 資料.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineItem {
    pub title: String,
    /// 0-based index of the page it opens.
    pub page: usize,
    pub children: Vec<OutlineItem>,
}

/// An imported PDF as the layout knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The file's name, for messages.
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// (width, height) of each page in points, as displayed (after /Rotate).
    pub page_sizes: Vec<(f32, f32)>,
    /// The PDF's own outline, (title, 0-based page within the PDF, depth), in order.
    pub outline: Vec<(String, usize, usize)>,
}

/// The laid-out packet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub author: String,
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineItem>,
    pub imports: Vec<Import>,
}

impl fmt::Display for Page {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let orientation = if self.is_landscape() { "landscape" } else { "portrait" };
        let blank = if self.blank { " blank" } else { "" };
        writeln!(f, "page {:.0}x{:.0} {orientation}{blank}", self.width, self.height)?;
        if let Some(imp) = &self.imported {
            writeln!(f, "  imported #{} page {}", imp.import, imp.page)?;
        }
        for item in &self.items {
            match item {
                Item::Text { x, y, face, size, text } => {
                    writeln!(f, "  text {x:.1},{y:.1} {} {size} {text}", face.name())?
                }
                Item::Line { x1, y1, x2, y2, width } => {
                    writeln!(f, "  line {x1:.1},{y1:.1} -> {x2:.1},{y2:.1} w{width}")?
                }
                Item::Rect { x, y, w, h, width } => writeln!(f, "  rect {x:.1},{y:.1} {w:.1}x{h:.1} w{width}")?,
                Item::Fill { x, y, w, h, gray } => writeln!(f, "  fill {x:.1},{y:.1} {w:.1}x{h:.1} g{gray:.2}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, page) in self.pages.iter().enumerate() {
            write!(f, "#{} ", i + 1)?;
            fmt::Display::fmt(page, f)?;
        }
        fn outline(f: &mut fmt::Formatter<'_>, items: &[OutlineItem], depth: usize) -> fmt::Result {
            for item in items {
                writeln!(f, "{}- {} (p{})", "  ".repeat(depth), item.title, item.page + 1)?;
                outline(f, &item.children, depth + 1)?;
            }
            Ok(())
        }
        writeln!(f, "outline:")?;
        outline(f, &self.outline, 1)
    }
}
