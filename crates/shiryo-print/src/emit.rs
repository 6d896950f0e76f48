//! Emission: the page model written as PDF objects with lopdf — content streams built with `pdf-writer`'s
//! `Content` (typst's PDF writer: numbers formatted exactly, strings escaped), the three faces embedded as CID
//! TrueType fonts subset by `subsetter` (typst's OpenType subsetter) — then finished in the same document:
//! document info, `/Lang ja-JP`, the nested outline, imported PDF pages under their stamps, a fixed `/ID`.
//!
//! The page model is written straight into one `lopdf::Document`: no intermediate PDF is serialised and parsed
//! again (printpdf did that, and it cost half of a 786-page table's export). What is written by hand here is the
//! glue no library does for us: which glyph of which face each character is, the kerning that keeps several
//! runs on one baseline in one `TJ`, and the font dictionaries (`/W`, `/ToUnicode`, the descriptor).
//!
//! The same document and options give the same bytes: no clock, no random ids.

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use pdf_writer::{Content, Name, Str};

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

/// How hard streams are deflated: zlib's default. On the 5,000-row bench table (786 pages) level 1 wrote 3.79 MB
/// in 0.72 s, level 6 2.65 MB in 0.80 s, level 9 the same 2.66 MB in the same time (release, best of 3).
const DEFLATE_LEVEL: u32 = 6;

/// A fixed font resource name, also the subset tag (`SHRYMA+BIZUDMincho-Regular`): six capitals, as PDF asks.
fn font_tag(face: Face) -> &'static str {
    match face {
        Face::Mincho => "SHRYMA",
        Face::Gothic => "SHRYGA",
        Face::GothicBold => "SHRYGB",
    }
}

fn pdf_date(t: NaiveDateTime) -> Object {
    Object::string_literal(t.format("D:%Y%m%d%H%M%S").to_string())
}

fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder =
        flate2::write::ZlibEncoder::new(Vec::with_capacity(data.len() / 3), flate2::Compression::new(DEFLATE_LEVEL));
    encoder.write_all(data).map_err(pdf_err)?;
    encoder.finish().map_err(pdf_err)
}

/// A stream deflated here, so the final pass has nothing left to compress.
fn flate_stream(mut dict: Dictionary, data: &[u8]) -> Result<Stream> {
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let mut stream = Stream::new(dict, deflate(data)?);
    stream.allows_compression = false;
    Ok(stream)
}

/// The glyphs of one face used so far: their new ids in the subset (`subsetter` numbers them in the order they
/// are first met, `.notdef` first), and for each new id its character (for `/ToUnicode`) and advance.
struct FaceUse {
    remapper: subsetter::GlyphRemapper,
    chars: Vec<Option<char>>,
    advances: Vec<f32>,
    /// Glyph id → its code in the subset, 0 until first drawn (only `.notdef` has code 0): a table, since every
    /// glyph drawn asks.
    codes: Vec<u16>,
}

impl FaceUse {
    fn new(notdef_advance: f32) -> FaceUse {
        FaceUse {
            remapper: subsetter::GlyphRemapper::new(),
            chars: vec![None],
            advances: vec![notdef_advance],
            codes: vec![0; 0x1_0000],
        }
    }

    /// The subset's id of glyph `gid`, drawn for `c`; `advance` in thousandths of an em.
    fn code(&mut self, gid: u16, c: char, advance: f32) -> u16 {
        let known = self.codes[usize::from(gid)];
        if known != 0 || gid == 0 {
            return known;
        }
        let code = self.remapper.remap(gid);
        self.codes[usize::from(gid)] = code;
        if usize::from(code) == self.chars.len() {
            self.chars.push(Some(c));
            self.advances.push(advance);
        }
        code
    }
}

/// One `TJ` being gathered: runs of glyphs on one baseline in one face and size, with the kerning that moves the
/// pen from where the last glyph left it to the next run's x (`pen` in thousandths of an em from `x`).
struct Run {
    face: Face,
    size: f32,
    x: f32,
    y: f32,
    pen: f32,
    parts: Vec<(f32, Vec<u8>)>,
}

impl Run {
    fn write(self, content: &mut Content) {
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, self.x, self.y]);
        if let [(_, only)] = self.parts.as_slice() {
            content.show(Str(only));
            return;
        }
        let mut show = content.show_positioned();
        let mut items = show.items();
        for (kern, glyphs) in &self.parts {
            if *kern != 0.0 {
                items.adjust(*kern);
            }
            items.show(Str(glyphs));
        }
    }
}

/// The content stream of one page (y flipped: the model counts from the top).
fn page_content(fonts: &Fonts, uses: &mut [Option<FaceUse>; 3], page: &crate::model::Page) -> Vec<u8> {
    let h = page.height;
    let mut content = Content::with_capacity(page.items.len() * 24 + 64);
    let mut drawing = false;
    let mut width = f32::NAN;
    for item in &page.items {
        if !drawing && !matches!(item, Item::Text { .. }) {
            content.save_state();
            content.set_stroke_rgb(0.0, 0.0, 0.0);
            drawing = true;
        }
        let w = match item {
            Item::Fill { x, y, w, h: rh, gray } => {
                // Vector bars of a chart: `re f` in a grey (printed in black and white alike).
                let g = gray.clamp(0.0, 1.0);
                content.set_fill_rgb(g, g, g);
                content.rect(*x, h - y - rh, *w, *rh);
                content.fill_nonzero();
                continue;
            }
            Item::Line { width, .. } | Item::Rect { width, .. } => *width,
            Item::Text { .. } => continue,
        };
        if w != width {
            content.set_line_width(w);
            width = w;
        }
        match item {
            Item::Line { x1, y1, x2, y2, .. } => {
                content.move_to(*x1, h - y1);
                content.line_to(*x2, h - y2);
                content.stroke();
            }
            Item::Rect { x, y, w, h: rh, .. } => {
                content.rect(*x, h - y - rh, *w, *rh);
                content.stroke();
            }
            Item::Text { .. } | Item::Fill { .. } => {}
        }
    }
    if drawing {
        content.restore_state();
    }

    let mut current: Option<(Face, f32)> = None;
    let mut in_text = false;
    let mut run: Option<Run> = None;
    for item in &page.items {
        let Item::Text { x, y, face, size, text } = item else { continue };
        if text.is_empty() {
            continue;
        }
        if !in_text {
            content.begin_text();
            content.set_fill_rgb(0.0, 0.0, 0.0);
            in_text = true;
        }
        let (x, y) = (*x, h - y);
        let continues = run.as_ref().is_some_and(|r| r.face == *face && r.size == *size && r.y == y && x >= r.x);
        if !continues {
            if let Some(done) = run.take() {
                done.write(&mut content);
            }
            if current != Some((*face, *size)) {
                content.set_font(Name(font_tag(*face).as_bytes()), *size);
                current = Some((*face, *size));
            }
        }
        let used = uses[face.index()].get_or_insert_with(|| FaceUse::new(fonts.notdef_advance(*face) * 1000.0));
        let geta = fonts.glyph(*face, '〓');
        let mut glyphs = Vec::with_capacity(text.len());
        let mut advance = 0.0;
        for c in text.chars() {
            let (gid, shown, adv) = match fonts.glyph(*face, c).map(|g| (g, c)).or(geta.map(|g| (g, '〓'))) {
                Some((g, shown)) => (g.id, shown, g.advance * 1000.0),
                None => (0, c, used.advances[0]),
            };
            glyphs.extend_from_slice(&used.code(gid, shown, adv).to_be_bytes());
            advance += adv;
        }
        let r = run.get_or_insert_with(|| Run { face: *face, size: *size, x, y, pen: 0.0, parts: Vec::new() });
        // `TJ` numbers move the pen left by n/1000 em: from where it is to this run's x (to 1/1000 of a
        // thousandth, so float noise never writes a kern where there is none).
        let kern = ((r.pen - (x - r.x) * 1000.0 / size) * 1000.0).round() / 1000.0;
        r.pen += advance - kern;
        r.parts.push((kern, glyphs));
    }
    if let Some(done) = run.take() {
        done.write(&mut content);
    }
    if in_text {
        content.end_text();
    }
    content.finish().into_vec()
}

/// The font objects of one face: the subset program, its descriptor, the CID font with its widths, the
/// `/ToUnicode` map and the Type 0 font; returns the Type 0 font's id.
fn write_font(pdf: &mut lopdf::Document, fonts: &Fonts, face: Face, used: &FaceUse) -> Result<ObjectId> {
    let font_err = |reason: String| Error::Font { face: face.name(), reason };
    let program = subsetter::subset(face.bytes(), 0, &used.remapper).map_err(|e| font_err(e.to_string()))?;
    let metrics = fonts.metrics(face);
    let base_font = format!("{}+{}", font_tag(face), metrics.postscript_name);

    let mut file_dict = Dictionary::new();
    file_dict.set("Length1", Object::Integer(i64::try_from(program.len()).unwrap_or(i64::MAX)));
    let file_id = pdf.add_object(flate_stream(file_dict, &program)?);

    let scale = |v: i16| Object::Real(f32::from(v) * 1000.0 / metrics.units_per_em);
    let mut descriptor = Dictionary::new();
    descriptor.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    descriptor.set("FontName", Object::Name(base_font.clone().into_bytes()));
    // Symbolic (4): the glyphs are addressed by CID, not by a standard encoding; serif (2) for 明朝.
    descriptor.set("Flags", Object::Integer(if face == Face::Mincho { 6 } else { 4 }));
    descriptor.set("FontBBox", Object::Array(metrics.bbox.iter().map(|v| scale(*v)).collect()));
    descriptor.set("ItalicAngle", Object::Integer(0));
    descriptor.set("Ascent", scale(metrics.ascender));
    descriptor.set("Descent", scale(metrics.descender));
    descriptor.set("CapHeight", scale(metrics.cap_height));
    descriptor.set("StemV", Object::Integer(if face == Face::GothicBold { 140 } else { 80 }));
    descriptor.set("FontFile2", Object::Reference(file_id));
    let descriptor_id = pdf.add_object(descriptor);

    let widths = used
        .advances
        .iter()
        .map(|w| if w.fract() == 0.0 { Object::Integer(*w as i64) } else { Object::Real(*w) })
        .collect();
    let mut system = Dictionary::new();
    system.set("Registry", Object::string_literal("Adobe"));
    system.set("Ordering", Object::string_literal("Identity"));
    system.set("Supplement", Object::Integer(0));
    let mut cid_font = Dictionary::new();
    cid_font.set("Type", Object::Name(b"Font".to_vec()));
    cid_font.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid_font.set("BaseFont", Object::Name(base_font.clone().into_bytes()));
    cid_font.set("CIDSystemInfo", system);
    cid_font.set("FontDescriptor", Object::Reference(descriptor_id));
    cid_font.set("DW", Object::Integer(1000));
    cid_font.set("W", Object::Array(vec![Object::Integer(0), Object::Array(widths)]));
    cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    let cid_font_id = pdf.add_object(cid_font);

    let info = pdf_writer::types::SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"UCS"), supplement: 0 };
    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Shiryo-UCS"), info);
    for (code, c) in used.chars.iter().enumerate() {
        if let (Some(c), Ok(code)) = (c, u16::try_from(code)) {
            cmap.pair(code, *c);
        }
    }
    let cmap_id = pdf.add_object(flate_stream(Dictionary::new(), &cmap.finish())?);

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", Object::Name(base_font.into_bytes()));
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set("DescendantFonts", Object::Array(vec![Object::Reference(cid_font_id)]));
    font.set("ToUnicode", Object::Reference(cmap_id));
    Ok(pdf.add_object(font))
}

fn rect(page: &crate::model::Page) -> Object {
    Object::Array(vec![0.into(), 0.into(), Object::Real(page.width), Object::Real(page.height)])
}

/// Writes the document as PDF bytes, reporting (pages done, pages total) as it goes.
pub fn emit(
    fonts: &Fonts,
    doc: &Document,
    opts: &EmitOptions,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>> {
    let total = doc.pages.len();
    let mut pdf = lopdf::Document::with_version("1.7");
    let pages_id = pdf.new_object_id();
    let fonts_id = pdf.new_object_id();
    let mut uses: [Option<FaceUse>; 3] = [None, None, None];
    let mut page_ids = Vec::with_capacity(total);
    for (i, page) in doc.pages.iter().enumerate() {
        let content = page_content(fonts, &mut uses, page);
        let content_id = pdf.add_object(flate_stream(Dictionary::new(), &content)?);
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Reference(fonts_id));
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"Page".to_vec()));
        dict.set("Parent", Object::Reference(pages_id));
        dict.set("MediaBox", rect(page));
        dict.set("TrimBox", rect(page));
        dict.set("CropBox", rect(page));
        // Each page its own resources: imported forms are added per page, and a page's hash (差し替え) reads them.
        dict.set("Resources", resources);
        dict.set("Contents", Object::Reference(content_id));
        page_ids.push(pdf.add_object(dict));
        // Pages are most of the work; the fonts and the final pass the rest.
        progress(i + 1, total + total / 4);
    }
    let mut font_dict = Dictionary::new();
    for face in Face::ALL {
        if let Some(used) = &uses[face.index()] {
            font_dict.set(font_tag(face), Object::Reference(write_font(&mut pdf, fonts, face, used)?));
        }
    }
    pdf.objects.insert(fonts_id, Object::Dictionary(font_dict));
    let mut pages = Dictionary::new();
    pages.set("Type", Object::Name(b"Pages".to_vec()));
    pages.set("Count", Object::Integer(i64::try_from(total).unwrap_or(i64::MAX)));
    pages.set("Kids", Object::Array(page_ids.iter().map(|id| Object::Reference(*id)).collect()));
    pdf.objects.insert(pages_id, Object::Dictionary(pages));
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    let catalog_id = pdf.add_object(catalog);
    pdf.trailer.set("Root", Object::Reference(catalog_id));
    progress(total + total / 8, total + total / 4);
    let out = finish(doc, pdf, &page_ids, opts)?;
    progress(total + total / 4, total + total / 4);
    Ok(out)
}

fn pdf_err(e: impl std::fmt::Display) -> Error {
    Error::Pdf(e.to_string())
}

/// The lopdf pass: info, language, outline, imported pages, fixed id.
fn finish(doc: &Document, mut pdf: lopdf::Document, page_ids: &[ObjectId], opts: &EmitOptions) -> Result<Vec<u8>> {
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
        for (page, &page_id) in doc.pages.iter().zip(page_ids) {
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
    info.set("Producer", Object::string_literal("Shiryo (lopdf, pdf-writer, subsetter)"));
    info.set("CreationDate", pdf_date(opts.created));
    info.set("ModDate", pdf_date(opts.created));
    let info_id = pdf.add_object(info);
    pdf.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(opts.document_id.to_vec(), lopdf::StringFormat::Hexadecimal);
    pdf.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    // Outline.
    let outline_root =
        if doc.outline.is_empty() { None } else { Some(write_outline(&mut pdf, &doc.outline, page_ids)) };

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
    let mut out = Vec::new();
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
