//! The paragraphs of a .docx handed in for a 新旧対照表 (zip → word/document.xml → lines), then parsed.
//! The calls are `shiryo_fuzz::shinkyu_docx` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::shinkyu_docx(data));
