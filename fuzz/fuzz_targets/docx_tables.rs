//! Tables and tracked changes of a .docx's document.xml: rows, nested tables, inserted/deleted rows and
//! paragraph marks, through both versions, the text 資料 form and the received-table check.
//! The calls are `shiryo_fuzz::docx_tables` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::docx_tables(data));
