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

/// The label box (資料２－４) and the page number of a 資料's page.
pub(crate) fn decorate(fonts: &Fonts, page: &mut Page, decor: &Decor) {
    let size = 12.0;
    let pad_x = 6.0;
    let w = fonts.width(Face::Gothic, size, &decor.label) + 2.0 * pad_x;
    let h = size + 8.0;
    let right = mm(if page.is_landscape() { 15.0 } else { 20.0 });
    let x = page.width - right - w;
    let y = mm(10.0);
    page.items.push(Item::Rect { x, y, w, h, width: 0.8 });
    page.items.push(Item::Text {
        x: x + pad_x,
        y: y + 4.0 + size * 0.88,
        face: Face::Gothic,
        size,
        text: decor.label.clone(),
    });
    page_number(fonts, page, decor.number);
}
