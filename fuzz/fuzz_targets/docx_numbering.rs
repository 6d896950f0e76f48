//! List numbering of a .docx: numbering.xml, styles.xml and document.xml as Word writes them (the input is the
//! three parts separated by NUL bytes), both versions numbered; no panic, bounded labels.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shiryo_formats::docx::{Docx, Tables, Version};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (document, numbering, styles) = (parts.next().unwrap_or_default(), parts.next(), parts.next());
    let Ok(docx) = Docx::from_parts(document, numbering, styles) else { return };
    for v in [Version::Old, Version::New] {
        let doc = docx.version(v);
        let text = doc.text(Tables::Tabs);
        // A label is at most nine short numbers in a capped lvlText: it never grows with the counter's value.
        assert!(text.len() <= document.len() * 4 + 4096 * (text.lines().count() + 1));
    }
});
