//! Tables and tracked changes of a .docx's document.xml: rows, nested tables, inserted/deleted rows and
//! paragraph marks, through both versions, the text 資料 form and the received-table check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shiryo_formats::docx::{Docx, Tables, Version};

fuzz_target!(|data: &[u8]| {
    let Ok(docx) = Docx::from_parts(data, None, None) else { return };
    for v in [Version::Old, Version::New] {
        let doc = docx.version(v);
        let _ = doc.text(Tables::Marked);
        let _ = shiryo_shinkyu::check::check(&doc);
    }
});
