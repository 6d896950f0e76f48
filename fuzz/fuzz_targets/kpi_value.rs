//! One KPI cell as typed in a spreadsheet (目標値・実績値・基準値): parsed, described, compared and judged.
//! The calls are `shiryo_fuzz::kpi_value` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::kpi_value(data));
