//! A KPI table imported from an .xlsx workbook (a zip of XML parts): read, recognised, turned into indicators.
//! The calls are `shiryo_fuzz::kpi_xlsx` (fuzz/src/lib.rs), shared with tests/fuzz_regressions.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| shiryo_fuzz::kpi_xlsx(data));
