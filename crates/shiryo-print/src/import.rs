//! Imported PDFs (a department's own 資料): checked and measured before layout, merged into the packet after
//! emission — each page becomes a form XObject drawn under a page of ours that carries the label and number.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use crate::error::{Error, Result};
use crate::model::Import;

fn broken(label: &str, file: &str, reason: impl ToString) -> Error {
    Error::BrokenPdf { label: label.to_string(), file: file.to_string(), reason: reason.to_string() }
}

/// Loads a PDF, refusing encrypted or unreadable files with an error naming the file.
/// A file over [`shiryo_core::limits::MAX_PDF_BYTES`] is refused before it is parsed.
pub fn load(label: &str, file: &str, bytes: &[u8]) -> Result<Document> {
    let (size, limit) = (u64::try_from(bytes.len()).unwrap_or(u64::MAX), shiryo_core::limits::MAX_PDF_BYTES);
    if size > limit {
        return Err(Error::PdfTooLarge { label: label.to_string(), file: file.to_string(), size, limit });
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(broken(label, file, "no %PDF- header: not a PDF file"));
    }
    let doc = match Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(lopdf::Error::Decryption(_)) | Err(lopdf::Error::InvalidPassword) => {
            return Err(Error::EncryptedPdf { label: label.to_string(), file: file.to_string() })
        }
        Err(e) => return Err(broken(label, file, e)),
    };
    // Even an owner-password-only PDF (opens without a password) forbids changes: we never merge one.
    if doc.was_encrypted() || doc.is_encrypted() || doc.trailer.has(b"Encrypt") {
        return Err(Error::EncryptedPdf { label: label.to_string(), file: file.to_string() });
    }
    if doc.get_pages().is_empty() {
        return Err(broken(label, file, "the PDF has no pages"));
    }
    Ok(doc)
}

/// A page attribute, inherited from the page tree when the page itself lacks it.
fn inherited<'a>(doc: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut id = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(id).ok()?;
        if let Ok(v) = dict.get(key) {
            return doc.dereference(v).ok().map(|(_, o)| o);
        }
        id = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// The page's box [x0 y0 x1 y1] (CropBox, else MediaBox, else A4).
fn page_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    for key in [b"CropBox".as_slice(), b"MediaBox"] {
        if let Some(Object::Array(a)) = inherited(doc, page, key) {
            let v: Vec<f32> = a.iter().filter_map(|o| doc.dereference(o).ok().and_then(|(_, o)| number(o))).collect();
            if let [x0, y0, x1, y1] = v[..] {
                if (x1 - x0).abs() > 1.0 && (y1 - y0).abs() > 1.0 {
                    return [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
                }
            }
        }
    }
    [0.0, 0.0, crate::model::A4_SHORT, crate::model::A4_LONG]
}

fn rotation(doc: &Document, page: ObjectId) -> i64 {
    match inherited(doc, page, b"Rotate") {
        Some(Object::Integer(r)) => r.rem_euclid(360),
        _ => 0,
    }
}

/// Checks a PDF and measures its pages and outline for layout.
pub fn inspect(label: &str, file: &str, bytes: &[u8]) -> Result<Import> {
    let doc = load(label, file, bytes)?;
    let pages = doc.get_pages();
    let page_sizes = pages
        .values()
        .map(|&id| {
            let [x0, y0, x1, y1] = page_box(&doc, id);
            let (w, h) = (x1 - x0, y1 - y0);
            if rotation(&doc, id) % 180 == 90 {
                (h, w)
            } else {
                (w, h)
            }
        })
        .collect();
    let index: BTreeMap<ObjectId, usize> = pages.values().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut outline = Vec::new();
    if let Ok(first) = doc
        .catalog()
        .and_then(|c| c.get(b"Outlines"))
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_dictionary(id))
        .and_then(|d| d.get(b"First"))
        .and_then(Object::as_reference)
    {
        walk_outline(&doc, first, 0, &index, &mut outline);
    }
    Ok(Import { file_name: file.to_string(), bytes: bytes.to_vec(), page_sizes, outline })
}

/// Reads outline items with explicit page destinations (named destinations are left out).
fn walk_outline(
    doc: &Document,
    first: ObjectId,
    depth: usize,
    index: &BTreeMap<ObjectId, usize>,
    out: &mut Vec<(String, usize, usize)>,
) {
    let mut next = Some(first);
    let mut guard = 0;
    while let Some(id) = next {
        guard += 1;
        if guard > 10_000 || depth > 16 {
            return;
        }
        let Ok(item) = doc.get_dictionary(id) else { return };
        let title = item
            .get(b"Title")
            .ok()
            .and_then(|t| doc.dereference(t).ok())
            .and_then(|(_, t)| lopdf::decode_text_string(t).ok())
            .unwrap_or_default();
        let dest = item.get(b"Dest").ok().or_else(|| {
            item.get(b"A")
                .ok()
                .and_then(|a| doc.dereference(a).ok())
                .and_then(|(_, a)| a.as_dict().ok()?.get(b"D").ok())
        });
        let page = dest
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|p| p.as_reference().ok())
            .and_then(|p| index.get(&p).copied());
        if let Some(page) = page {
            out.push((title, page, depth));
        }
        if let Ok(child) = item.get(b"First").and_then(Object::as_reference) {
            walk_outline(doc, child, depth + 1, index, out);
        }
        next = item.get(b"Next").and_then(Object::as_reference).ok();
    }
}

/// Copies the pages of `source` into `target` as form XObjects, one per page, in page order. Returns each page's
/// XObject id and its transform (rotation and origin, so the form lands upright at 0,0 of our page).
pub fn pages_as_forms(
    label: &str,
    file: &str,
    mut source: Document,
    target: &mut Document,
) -> Result<Vec<(ObjectId, [f32; 6])>> {
    source.renumber_objects_with(target.max_id + 1);
    let pages = source.get_pages();
    let mut forms = Vec::with_capacity(pages.len());
    for &page in pages.values() {
        let [x0, y0, x1, y1] = page_box(&source, page);
        // Untrusted input: a page's content is bounded (`MAX_PDF_STREAM_BYTES`) so a decompression bomb fails instead.
        let content = source
            .get_page_content_with_limit(page, shiryo_core::limits::MAX_PDF_STREAM_BYTES as usize)
            .map_err(|e| broken(label, file, e))?;
        let resources = match inherited(&source, page, b"Resources") {
            Some(Object::Dictionary(d)) => d.clone(),
            _ => Dictionary::new(),
        };
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set("BBox", Object::Array(vec![x0.into(), y0.into(), x1.into(), y1.into()]));
        dict.set("Resources", Object::Dictionary(resources));
        let mut stream = Stream::new(dict, content);
        let _ = stream.compress();
        // Map the page's box onto our page, turning it as its /Rotate says (clockwise).
        let matrix = match rotation(&source, page) {
            90 => [0.0, -1.0, 1.0, 0.0, -y0, x1],
            180 => [-1.0, 0.0, 0.0, -1.0, x1, y1],
            270 => [0.0, 1.0, -1.0, 0.0, y1, -x0],
            _ => [1.0, 0.0, 0.0, 1.0, -x0, -y0],
        };
        forms.push((stream, matrix));
    }
    // Every object of the source comes along; unreferenced ones (its page tree, catalog) are pruned later.
    let max = source.max_id;
    for (id, object) in std::mem::take(&mut source.objects) {
        target.objects.insert(id, object);
    }
    target.max_id = target.max_id.max(max);
    Ok(forms.into_iter().map(|(stream, m)| (target.add_object(stream), m)).collect())
}
