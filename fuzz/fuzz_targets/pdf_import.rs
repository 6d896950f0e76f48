//! A department's own PDF imported into the packet: checked, measured (pages, outline), then its pages copied
//! The calls are `shiryo_fuzz::pdf_import` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::pdf_import(data));
