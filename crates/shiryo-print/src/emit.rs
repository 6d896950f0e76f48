//! Emission: the page model written with printpdf (fonts embedded and subset), then finished with lopdf —
//! document info, `/Lang ja-JP`, the nested outline, imported PDF pages under their stamps, a fixed `/ID`.
//!
//! The same document and options give the same bytes: no clock, no random ids (printpdf's font ids and trailer id
//! are replaced by fixed ones).

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::error::{Error, Result};
use crate::fonts::{Face, Fonts};
use crate::import;
use crate::model::{Document, Item, OutlineItem};

/// What the emitter needs besides the document: passed in, so output is reproducible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Written as CreationDate and ModDate.
    pub created: NaiveDateTime,
    /// The file identifier (`/ID`), 16 bytes.
    pub document_id: [u8; 16],
}

/// A fixed font resource name; printpdf uses its first six letters as the subset tag (`SHRYMA+BIZUDMincho`).
fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Mincho => "SHRYMA",
            Face::Gothic => "SHRYGA",
            Face::GothicBold => "SHRYGB",
        }
        .to_string(),
    )
}

fn pdf_date(t: NaiveDateTime) -> Object {
    Object::string_literal(t.format("D:%Y%m%d%H%M%S").to_string())
}

fn black() -> Color {
    Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

/// The ops of one page (y flipped: the model counts from the top).
fn page_ops(fonts: &Fonts, page: &crate::model::Page) -> Vec<Op> {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.items.len() * 3 + 8);
    let lines: Vec<&Item> = page.items.iter().filter(|i| !matches!(i, Item::Text { .. })).collect();
    if !lines.is_empty() {
        ops.push(Op::SaveGraphicsState);
        ops.push(Op::SetOutlineColor { col: black() });
        let mut width = f32::NAN;
        for item in lines {
            if let Item::Fill { x, y, w, h: rh, gray } = item {
                // Vector bars of a chart: `re f` in a grey (printed in black and white alike).
                let g = gray.clamp(0.0, 1.0);
                ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r: g, g, b: g, icc_profile: None }) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(PaintMode::Fill),
                        winding_order: None,
                    },
                });
                continue;
            }
            let w = match item {
                Item::Line { width, .. } | Item::Rect { width, .. } => *width,
                Item::Text { .. } | Item::Fill { .. } => continue,
            };
            if w != width {
                ops.push(Op::SetOutlineThickness { pt: Pt(w) });
                width = w;
            }
            match item {
                Item::Line { x1, y1, x2, y2, .. } => ops.push(Op::DrawLine {
                    line: Line { points: vec![point(*x1, h - y1), point(*x2, h - y2)], is_closed: false },
                }),
                Item::Rect { x, y, w, h: rh, .. } => ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(h - y - rh),
                        width: Pt(*w),
                        height: Pt(*rh),
                        mode: Some(PaintMode::Stroke),
                        winding_order: None,
                    },
                }),
                Item::Text { .. } | Item::Fill { .. } => {}
            }
        }
        ops.push(Op::RestoreGraphicsState);
    }
    let mut current: Option<(Face, f32)> = None;
    let mut in_text = false;
    for item in &page.items {
        let Item::Text { x, y, face, size, text } = item else { continue };
        if !in_text {
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor { col: black() });
            in_text = true;
        }
        if current != Some((*face, *size)) {
            ops.push(Op::SetFont { font: PdfFontHandle::External(font_id(*face)), size: Pt(*size) });
            current = Some((*face, *size));
        }
        ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(h - y)) });
        let geta = fonts.glyph(*face, '〓').map_or(0, |g| g.id);
        let glyphs = text
            .chars()
            .map(|c| {
                let gid = fonts.glyph(*face, c).map_or(geta, |g| g.id);
                Codepoint::with_cid(gid, 0.0, c.to_string())
            })
            .collect();
        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
    }
    if in_text {
        ops.push(Op::EndTextSection);
    }
    ops
}

/// Writes the document as PDF bytes, reporting (pages done, pages total) as it goes.
pub fn emit(
    fonts: &Fonts,
    doc: &Document,
    opts: &EmitOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>> {
    let total = doc.pages.len();
    let mut pdf = PdfDocument::new(&doc.title);
    let mut used = [false; 3];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text { face, .. } = item {
                used[Face::ALL.iter().position(|f| f == face).unwrap_or(0)] = true;
            }
        }
    }
    for (face, _) in Face::ALL.into_iter().zip(used).filter(|(_, u)| *u) {
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
            .ok_or_else(|| Error::Font { face: face.name(), reason: "printpdf cannot parse it".into() })?;
        pdf.resources.fonts.map.insert(font_id(face), printpdf::PdfFont::new(parsed));
    }
    let mut pages = Vec::with_capacity(total);
    for (i, page) in doc.pages.iter().enumerate() {
        let ops = page_ops(fonts, page);
        let bbox = Rect::from_wh(Pt(page.width), Pt(page.height));
        pages.push(PdfPage { media_box: bbox.clone(), trim_box: bbox.clone(), crop_box: bbox, ops });
        // Layout and ops are the first half of the work; serialisation and assembly the second.
        progress(i + 1, total * 2);
    }
    pdf.pages = pages;
    let opts_save = PdfSaveOptions { optimize: true, subset_fonts: true, secure: true, image_optimization: None };
    let bytes = pdf.save(&opts_save, &mut Vec::new());
    progress(total + total / 2, total * 2);
    let out = finish(doc, &bytes, opts)?;
    progress(total * 2, total * 2);
    Ok(out)
}

fn pdf_err(e: impl std::fmt::Display) -> Error {
    Error::Pdf(e.to_string())
}

/// The lopdf pass: info, language, outline, imported pages, fixed id.
fn finish(doc: &Document, bytes: &[u8], opts: &EmitOptions) -> Result<Vec<u8>> {
    let mut pdf = lopdf::Document::load_mem(bytes).map_err(pdf_err)?;
    let page_ids: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    if page_ids.len() != doc.pages.len() {
        return Err(Error::Pdf(format!("{} pages written, {} laid out", page_ids.len(), doc.pages.len())));
    }

    // Imported PDFs: each page becomes a form drawn first on our page, under the label and number.
    for (index, import) in doc.imports.iter().enumerate() {
        let label = doc
            .pages
            .iter()
            .find(|p| p.imported.as_ref().is_some_and(|i| i.import == index))
            .and_then(|p| p.decor.as_ref())
            .map_or_else(String::new, |d| d.label.clone());
        let source = import::load(&label, &import.file_name, &import.bytes)?;
        let forms = import::pages_as_forms(&label, &import.file_name, source, &mut pdf)?;
        for (page, &page_id) in doc.pages.iter().zip(&page_ids) {
            let Some(imported) = page.imported.as_ref().filter(|i| i.import == index) else { continue };
            let Some(&(form, m)) = usize::try_from(imported.page).ok().and_then(|n| forms.get(n - 1)) else {
                continue;
            };
            let name = format!("ShiryoImport{index}p{}", imported.page);
            let draw = format!("q {} {} {} {} {} {} cm /{name} Do Q\n", m[0], m[1], m[2], m[3], m[4], m[5]);
            let draw_id = pdf.add_object(Stream::new(Dictionary::new(), draw.into_bytes()));
            let page_dict = pdf.get_dictionary_mut(page_id).map_err(pdf_err)?;
            let contents = match page_dict.get(b"Contents") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(o) => vec![o.clone()],
                Err(_) => Vec::new(),
            };
            let mut new_contents = vec![Object::Reference(draw_id)];
            new_contents.extend(contents);
            page_dict.set("Contents", Object::Array(new_contents));
            let resources = match page_dict.get(b"Resources") {
                Ok(Object::Reference(r)) => Some(*r),
                _ => None,
            };
            let res = match resources {
                Some(r) => pdf.get_dictionary_mut(r).map_err(pdf_err)?,
                None => {
                    let page_dict = pdf.get_dictionary_mut(page_id).map_err(pdf_err)?;
                    if !page_dict.has(b"Resources") {
                        page_dict.set("Resources", Dictionary::new());
                    }
                    page_dict.get_mut(b"Resources").and_then(Object::as_dict_mut).map_err(pdf_err)?
                }
            };
            let shared = match res.get(b"XObject") {
                Ok(Object::Reference(r)) => Some(*r),
                _ => None,
            };
            if shared.is_none() && !res.has(b"XObject") {
                res.set("XObject", Dictionary::new());
            }
            let xobjects = match shared {
                Some(r) => pdf.get_dictionary_mut(r).map_err(pdf_err)?,
                None => res.get_mut(b"XObject").and_then(Object::as_dict_mut).map_err(pdf_err)?,
            };
            xobjects.set(name, Object::Reference(form));
        }
    }

    // Document info: title, author, dates passed in.
    let mut info = Dictionary::new();
    info.set("Title", lopdf::text_string(&doc.title));
    if !doc.author.is_empty() {
        info.set("Author", lopdf::text_string(&doc.author));
    }
    info.set("Creator", Object::string_literal("Shiryo"));
    info.set("Producer", Object::string_literal("Shiryo (printpdf, lopdf)"));
    info.set("CreationDate", pdf_date(opts.created));
    info.set("ModDate", pdf_date(opts.created));
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(opts.document_id.to_vec(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    // Outline.
    let outline_root =
        if doc.outline.is_empty() { None } else { Some(write_outline(&mut pdf, &doc.outline, &page_ids)) };

    let catalog = pdf.catalog_mut().map_err(pdf_err)?;
    catalog.set("Lang", Object::string_literal("ja-JP"));
    catalog.remove(b"Metadata");
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", true);
    catalog.set("ViewerPreferences", prefs);
    match outline_root {
        Some(root) => {
            catalog.set("Outlines", Object::Reference(root));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
        None => {
            catalog.remove(b"Outlines");
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }
    pdf.prune_objects();
    pdf.renumber_objects();
    pdf.compress();
    let mut out = Vec::with_capacity(bytes.len() + 4096);
    pdf.save_to(&mut out).map_err(pdf_err)?;
    Ok(out)
}

/// Writes the outline tree; returns the /Outlines dictionary's id.
fn write_outline(pdf: &mut lopdf::Document, items: &[OutlineItem], page_ids: &[ObjectId]) -> ObjectId {
    let root = pdf.new_object_id();
    let (first, last, count) = write_items(pdf, items, root, page_ids);
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(first));
    dict.set("Last", Object::Reference(last));
    dict.set("Count", Object::Integer(count));
    pdf.objects.insert(root, Object::Dictionary(dict));
    root
}

/// Writes sibling items under `parent`; returns (first, last, visible descendants count).
fn write_items(
    pdf: &mut lopdf::Document,
    items: &[OutlineItem],
    parent: ObjectId,
    page_ids: &[ObjectId],
) -> (ObjectId, ObjectId, i64) {
    let ids: Vec<ObjectId> = items.iter().map(|_| pdf.new_object_id()).collect();
    let mut count = 0i64;
    for (i, item) in items.iter().enumerate() {
        let mut dict = Dictionary::new();
        dict.set("Title", lopdf::text_string(&item.title));
        dict.set("Parent", Object::Reference(parent));
        let page = page_ids.get(item.page).or(page_ids.last()).copied().unwrap_or((0, 0));
        dict.set("Dest", Object::Array(vec![Object::Reference(page), Object::Name(b"Fit".to_vec())]));
        if i > 0 {
            dict.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            dict.set("Next", Object::Reference(*next));
        }
        count += 1;
        if !item.children.is_empty() {
            let (first, last, n) = write_items(pdf, &item.children, ids[i], page_ids);
            dict.set("First", Object::Reference(first));
            dict.set("Last", Object::Reference(last));
            // Open: the 資料 under each 議題 are visible at once.
            dict.set("Count", Object::Integer(n));
            count += n;
        }
        pdf.objects.insert(ids[i], Object::Dictionary(dict));
    }
    (ids[0], ids[ids.len() - 1], count)
}
