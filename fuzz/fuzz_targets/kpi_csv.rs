//! A KPI table imported from CSV (UTF-8 or Shift_JIS): read, columns recognised, rows turned into indicators.
//! The calls are `shiryo_fuzz::kpi_csv` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::kpi_csv(data));
