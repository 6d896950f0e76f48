//! One KPI cell as typed in a spreadsheet (目標値・実績値・基準値): parsed, described, compared and judged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shiryo_core::kpi::{judge, parse_value, Polarity};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Three cells: target, actual, baseline, separated by tabs (a short input is all three).
    let mut cells = text.splitn(3, '\t');
    let target = parse_value(cells.next().unwrap_or(""));
    let actual = parse_value(cells.next().unwrap_or(text));
    let baseline = parse_value(cells.next().unwrap_or(""));
    let _ = target.describe();
    let _ = actual.describe();
    if let (Some(a), Some(b)) = (target.quantity(), actual.quantity()) {
        let _ = a.compare(b);
        let _ = a.describe();
    }
    for polarity in [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Keep] {
        let j = judge(&target, &actual, &baseline, polarity);
        let _ = format!("{j:?}");
    }
});
