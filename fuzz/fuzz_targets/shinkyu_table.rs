//! 新旧対照表 from two texts: the bytes before the first NUL are the old text, the rest the new one. Each is
//! The calls are `shiryo_fuzz::shinkyu_table` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::shinkyu_table(data));
