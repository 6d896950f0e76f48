//! What every printed page carries besides its content: the 資料 label box at the top right and the page number
//! at the foot.

use crate::body::BODY_SIZE;
use crate::fonts::{Face, Fonts};
use crate::model::{mm, Decor, Item, Page};

/// The page number `- n -`, centred at the foot of the page.
pub(crate) fn page_number(fonts: &Fonts, page: &mut Page, number: u32) {
    let number = format!("- {number} -");
    let nw = fonts.width(Face::Mincho, BODY_SIZE, &number);
    page.items.push(Item::Text {
        x: (page.width - nw) / 2.0,
        y: page.height - mm(10.0),
        face: Face::Mincho,
        size: BODY_SIZE,
        text: number,
    });
}

/// Text size of the boxes at the top of a page (the label, a 差替え stamp).
const TOP_SIZE: f32 = 12.0;
const TOP_PAD: f32 = 6.0;
/// Top of those boxes.
pub(crate) const TOP_Y: f32 = mm(10.0);
/// Height of those boxes.
pub(crate) const TOP_HEIGHT: f32 = TOP_SIZE + 8.0;
/// Baseline of the text in and beside them.
pub(crate) const TOP_BASELINE: f32 = TOP_Y + 4.0 + TOP_SIZE * 0.88;

/// Where the label box of `page` ends on the right: 20 mm in (15 mm on a landscape page).
pub(crate) fn top_right(page: &Page) -> f32 {
    page.width - mm(if page.is_landscape() { 15.0 } else { 20.0 })
}

/// The width of a top box holding `text`.
pub(crate) fn top_box_width(fonts: &Fonts, face: Face, text: &str) -> f32 {
    fonts.width(face, TOP_SIZE, text) + 2.0 * TOP_PAD
}

/// Draws `text` in a box at the top of `page` ending at `right`, with a rule of `line` points; returns the box's
/// left edge.
pub(crate) fn top_box(fonts: &Fonts, page: &mut Page, right: f32, face: Face, text: &str, line: f32) -> f32 {
    let w = top_box_width(fonts, face, text);
    let x = right - w;
    page.items.push(Item::Rect { x, y: TOP_Y, w, h: TOP_HEIGHT, width: line });
    page.items.push(Item::Text { x: x + TOP_PAD, y: TOP_BASELINE, face, size: TOP_SIZE, text: text.to_string() });
    x
}

/// The label box (資料２－４) and the page number of a 資料's page.
pub(crate) fn decorate(fonts: &Fonts, page: &mut Page, decor: &Decor) {
    let right = top_right(page);
    top_box(fonts, page, right, Face::Gothic, &decor.label, 0.8);
    page_number(fonts, page, decor.number);
}
