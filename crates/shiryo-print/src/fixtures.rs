//! Small PDFs made on the spot, for tests of imported 資料 (here and in the cross-crate tests): a department's
//! PDF with an outline, and the same encrypted.

use lopdf::{Dictionary, Document, Object, Stream};

/// A PDF with one page per entry of `pages` (A4 portrait, Helvetica), each page's text being the entry, and an
/// outline with one item per page titled `Section n`. `rotate` sets /Rotate on every page.
pub fn sample_pdf(pages: &[&str], rotate: i64) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("F1", Object::Reference(font_id));
    let mut resources = Dictionary::new();
    resources.set("Font", Object::Dictionary(fonts));
    let resources_id = doc.add_object(resources);
    let mut kids = Vec::new();
    for text in pages {
        let content = format!("BT /F1 24 Tf 72 700 Td ({text}) Tj ET\n");
        let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set("Contents", Object::Reference(content_id));
        page.set("Resources", Object::Reference(resources_id));
        if rotate != 0 {
            page.set("Rotate", Object::Integer(rotate));
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let mut tree = Dictionary::new();
    tree.set("Type", Object::Name(b"Pages".to_vec()));
    tree.set("Count", Object::Integer(i64::try_from(kids.len()).unwrap_or(0)));
    tree.set("MediaBox", Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
    tree.set("Kids", Object::Array(kids.clone()));
    doc.objects.insert(pages_id, Object::Dictionary(tree));

    let outlines_id = doc.new_object_id();
    let item_ids: Vec<_> = kids.iter().map(|_| doc.new_object_id()).collect();
    for (i, (kid, id)) in kids.iter().zip(&item_ids).enumerate() {
        let mut item = Dictionary::new();
        item.set("Title", lopdf::text_string(&format!("Section {}", i + 1)));
        item.set("Parent", Object::Reference(outlines_id));
        item.set("Dest", Object::Array(vec![kid.clone(), Object::Name(b"Fit".to_vec())]));
        if i > 0 {
            item.set("Prev", Object::Reference(item_ids[i - 1]));
        }
        if let Some(next) = item_ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        doc.objects.insert(*id, Object::Dictionary(item));
    }
    let mut catalog = Dictionary::new();
    catalog.set("Type", Object::Name(b"Catalog".to_vec()));
    catalog.set("Pages", Object::Reference(pages_id));
    if let (Some(first), Some(last)) = (item_ids.first(), item_ids.last()) {
        let mut outlines = Dictionary::new();
        outlines.set("Type", Object::Name(b"Outlines".to_vec()));
        outlines.set("First", Object::Reference(*first));
        outlines.set("Last", Object::Reference(*last));
        outlines.set("Count", Object::Integer(i64::try_from(item_ids.len()).unwrap_or(0)));
        doc.objects.insert(outlines_id, Object::Dictionary(outlines));
        catalog.set("Outlines", Object::Reference(outlines_id));
    }
    let catalog_id = doc.add_object(catalog);
    doc.trailer.set("Root", Object::Reference(catalog_id));
    let id = Object::String(b"shiryo-fixture-1".to_vec(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    let _ = doc.save_to(&mut out);
    out
}

/// [`sample_pdf`] encrypted with RC4 128 and a user password: it cannot be opened without it.
pub fn encrypted_pdf() -> Vec<u8> {
    let bytes = sample_pdf(&["Secret"], 0);
    let Ok(mut doc) = Document::load_mem(&bytes) else { return bytes };
    let version = lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: "user",
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    };
    let Ok(state) = lopdf::EncryptionState::try_from(version) else { return bytes };
    if doc.encrypt(&state).is_err() {
        return bytes;
    }
    let mut out = Vec::new();
    let _ = doc.save_to(&mut out);
    out
}
