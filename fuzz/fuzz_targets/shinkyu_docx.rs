//! The paragraphs of a .docx handed in for a 新旧対照表 (zip → word/document.xml → lines), then parsed.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use shiryo_shinkyu::{compare, input, Options};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = input::docx_text(data, Path::new("fuzz.docx"), input::MAX_INPUT_BYTES) else { return };
    let _ = compare(&text, "", &Options::default());
});
