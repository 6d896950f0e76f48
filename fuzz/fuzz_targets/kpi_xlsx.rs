//! A KPI table imported from an .xlsx workbook (a zip of XML parts): read, recognised, turned into indicators.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(table) = shiryo_kpi::read_bytes("fuzz.xlsx", data) else { return };
    if let Ok(mapping) = shiryo_kpi::mapping_for(&table, None) {
        let _ = shiryo_kpi::mapping::import(&table, &mapping);
    }
});
