//! List numbering of a .docx: numbering.xml, styles.xml and document.xml as Word writes them (the input is the
//! three parts separated by NUL bytes), both versions numbered; no panic, bounded labels.
//! The calls are `shiryo_fuzz::docx_numbering` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::docx_numbering(data));
