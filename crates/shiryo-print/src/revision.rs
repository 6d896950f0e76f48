//! 差し替え: what a later print must know about a distributed one. The body of every page as printed (its text
//! and a hash, so two prints can be compared page by page), the 「差替え」 stamp beside a 資料's label, the note
//! 「（令和５年６月２日差替え）」 on the first page of a changed 資料, and the 差し替え資料一覧 page that opens a set
//! of replacement pages.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::decor::{top_box, top_box_width, top_right, TOP_BASELINE, TOP_HEIGHT, TOP_Y};
use crate::fonts::{Face, Fonts};
use crate::grid::{set_table_print, ColumnAlign, Grid, GridColumn, Orientation, TablePrint};
use crate::layout::{Align, Flow, Frame, Para};
use crate::model::{Import, Item, Page};

/// The stamp of a replacement page: a boxed word (差替え, 差替, 修正版) and the date, left of the label box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub word: String,
    /// As printed: 令和５年６月２日.
    pub date: String,
}

/// The first page of a 差し替え set: a title, lines under it (the meeting, the version replaced) and one row per
/// replaced part: (資料, 表題, 変更内容, ページ).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cover {
    pub title: String,
    pub lines: Vec<String>,
    pub rows: Vec<[String; 4]>,
    pub stamp: Stamp,
}

/// What a print marks as revised. Empty by default: a plain export marks nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Revision {
    /// 資料 id → the stamp on every one of its pages.
    pub stamps: BTreeMap<i64, Stamp>,
    /// The stamp on the 次第's pages, when the 次第 is replaced too (a 差し替え set then includes it).
    pub shidai: Option<Stamp>,
    /// 資料 id → a note under the label of its first page: 「（令和５年６月２日差替え）」.
    pub notes: BTreeMap<i64, String>,
    /// The 差し替え資料一覧 that [`crate::Selection::Replacements`] prints first.
    pub cover: Option<Cover>,
}

/// Which part of a print a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Cover,
    Shidai,
    Material(i64),
}

/// A page as printed, without its label box and page number: its text (one run a line) and a SHA-256 (hex) of
/// everything drawn on it. An imported page's text is what the PDF's own text gives (empty when it has none to
/// read, e.g. a scan) and its hash covers its content streams and the images and forms they draw, so a changed
/// figure or picture is seen even where no text changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageBody {
    pub text: String,
    pub hash: String,
}

/// The page bodies of one part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartBodies {
    pub part: Part,
    pub pages: Vec<PageBody>,
}

/// Reads the bodies of pages, keeping each imported PDF parsed once.
#[derive(Default)]
pub(crate) struct Bodies {
    parsed: BTreeMap<usize, Option<lopdf::Document>>,
    pub(crate) parts: Vec<PartBodies>,
}

impl Bodies {
    /// Records `pages` (not yet decorated) as the bodies of `part`.
    pub(crate) fn record(&mut self, part: Part, pages: &[Page], imports: &[Import]) {
        let pages = pages.iter().map(|p| self.body(p, imports)).collect();
        self.parts.push(PartBodies { part, pages });
    }

    fn body(&mut self, page: &Page, imports: &[Import]) -> PageBody {
        let mut hash = Sha256::new();
        // The page model's own text form: every run with its place, face and size, every rule and box. Not which
        // import an imported page comes from: that index moves when another 資料 before it becomes a PDF.
        let own = Page { imported: None, ..page.clone() };
        hash.update(own.to_string().as_bytes());
        let mut text = page.text();
        if let Some(imp) = &page.imported {
            let doc = self
                .parsed
                .entry(imp.import)
                .or_insert_with(|| imports.get(imp.import).and_then(|i| lopdf::Document::load_mem(&i.bytes).ok()));
            if let Some(doc) = doc {
                if let Ok(t) = doc.extract_text(&[imp.page]) {
                    text.push_str(t.trim());
                }
                if let Some(id) = doc.get_pages().get(&imp.page) {
                    hash_page(doc, *id, &mut hash);
                }
            }
            // The text too: a PDF's subset fonts number glyphs in the order they are first used, so one word
            // replaced by another of the same length can leave the content streams byte for byte the same.
            hash.update(text.as_bytes());
        }
        PageBody { text, hash: format!("{:x}", hash.finalize()) }
    }
}

/// Hashes what an imported page draws besides its text: the operations of its content streams with the operands
/// of the text operators left out (a PDF's subset fonts renumber glyphs whenever a word earlier in the file
/// changes, so those bytes change on pages that did not), every image it shows, and the drawing of every form it
/// uses, forms followed a few levels down. The text itself is hashed by the caller.
fn hash_page(doc: &lopdf::Document, page: lopdf::ObjectId, hash: &mut Sha256) {
    hash_drawing(&doc.get_page_content(page), hash);
    let (own, inherited) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
    let mut resources: Vec<&lopdf::Dictionary> = own.into_iter().collect();
    resources.extend(inherited.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    for res in resources {
        hash_xobjects(doc, res, hash, 0);
    }
}

/// Hashes a content stream's operations, the text-showing ones (and the font choice) without their operands.
fn hash_drawing(content: &[u8], hash: &mut Sha256) {
    for op in lopdf::content::Content::decode_iter(content).flatten() {
        hash.update(op.operator.as_bytes());
        if !matches!(op.operator.as_str(), "Tj" | "TJ" | "'" | "\"" | "Tf") {
            hash.update(format!("{:?}", op.operands).as_bytes());
        }
    }
}

/// The most a form's content is unpacked to before it is hashed (a form is a page's drawing, not a file).
const MAX_FORM_BYTES: usize = 64 * 1024 * 1024;

fn hash_xobjects(doc: &lopdf::Document, resources: &lopdf::Dictionary, hash: &mut Sha256, depth: usize) {
    if depth > 4 {
        return;
    }
    let Ok(xobjects) = resources.get(b"XObject").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_dict()) else {
        return;
    };
    for (name, object) in xobjects.iter() {
        let Ok((_, lopdf::Object::Stream(stream))) = doc.dereference(object) else { continue };
        hash.update(name);
        let form = stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Form");
        if !form {
            hash.update(&stream.content);
            continue;
        }
        if let Ok(content) = stream.get_plain_content_with_limit(MAX_FORM_BYTES) {
            hash_drawing(&content, hash);
        }
        if let Ok(inner) = stream.dict.get(b"Resources").and_then(|o| doc.dereference(o)).and_then(|(_, o)| o.as_dict())
        {
            hash_xobjects(doc, inner, hash, depth + 1);
        }
    }
}

/// Draws `stamp` left of where the label box of `page` is (or at the top right when the page has no label): the
/// word boxed with a heavier rule, the date before it.
pub(crate) fn stamp(fonts: &Fonts, page: &mut Page, stamp: &Stamp, label: Option<&str>) {
    let label_w = label.map_or(0.0, |l| top_box_width(fonts, Face::Gothic, l) + 6.0);
    let right = top_right(page) - label_w;
    let x = top_box(fonts, page, right, Face::GothicBold, &stamp.word, 1.6);
    let date_size = 10.5;
    let dw = fonts.width(Face::Mincho, date_size, &stamp.date);
    page.items.push(Item::Text {
        x: x - 6.0 - dw,
        y: TOP_BASELINE,
        face: Face::Mincho,
        size: date_size,
        text: stamp.date.clone(),
    });
}

/// Draws `note` (「（令和５年６月２日差替え）」) right-aligned under the label box of the first page of a 資料.
pub(crate) fn note(fonts: &Fonts, page: &mut Page, note: &str) {
    let size = 10.5;
    let w = fonts.width(Face::Mincho, size, note);
    page.items.push(Item::Text {
        x: top_right(page) - w,
        y: TOP_Y + TOP_HEIGHT + 4.0 + size,
        face: Face::Mincho,
        size,
        text: note.to_string(),
    });
}

/// The 差し替え資料一覧: the title, the lines under it, and the table of replaced parts, on portrait pages each
/// stamped like the pages that follow.
pub(crate) fn layout_cover(fonts: &Fonts, cover: &Cover) -> Vec<Page> {
    let mut flow = Flow::new(fonts, Frame::portrait());
    let mut title = Para::plain(Face::GothicBold, 14.0, 24.0);
    title.align = Align::Center;
    flow.paragraph(&cover.title, &title);
    flow.space(8.0);
    let line = Para::plain(Face::Mincho, 10.5, 17.0);
    for l in &cover.lines {
        flow.paragraph(l, &line);
    }
    flow.space(8.0);
    let grid = Grid {
        title: String::new(),
        caption: String::new(),
        columns: vec![
            GridColumn::new("資料"),
            GridColumn::new("表題"),
            GridColumn::new("変更内容"),
            GridColumn::new("ページ").aligned(ColumnAlign::Center),
        ],
        rows: cover.rows.iter().map(|r| r.to_vec()).collect(),
        notes: Vec::new(),
        size: 10.5,
    };
    let print = TablePrint { orientation: Orientation::Portrait, sections: vec![grid] };
    set_table_print(&mut flow, &print);
    let mut pages = flow.pages;
    for page in &mut pages {
        stamp(fonts, page, &cover.stamp, None);
    }
    pages
}
