//! A KPI table imported from CSV (UTF-8 or Shift_JIS): read, columns recognised, rows turned into indicators.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(table) = shiryo_kpi::read_bytes("fuzz.csv", data) else { return };
    if let Ok(mapping) = shiryo_kpi::mapping_for(&table, None) {
        let _ = shiryo_kpi::mapping::import(&table, &mapping);
    }
    let _ = shiryo_kpi::read_field_specs(&table, "R");
});
