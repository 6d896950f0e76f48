//! CSV export of indicators, values exactly as printed; the headers are recognised again on import.

use std::collections::BTreeSet;

use shiryo_core::kpi::{FiscalYear, Indicator};

/// Indicators as UTF-8 CSV: fixed columns, then `rN_target`, `rN_actual`, `rN_status` for every year present.
pub fn to_csv(indicators: &[Indicator]) -> String {
    let years: BTreeSet<FiscalYear> = indicators
        .iter()
        .flat_map(|i| i.targets.keys().chain(i.actuals.keys()).chain(i.printed_status.keys()).copied())
        .collect();
    let mut header: Vec<String> = [
        "source",
        "part",
        "field_code",
        "field",
        "item",
        "project_no",
        "relisted",
        "indicator",
        "baseline",
        "baseline_year",
        "polarity",
        "reference",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for y in &years {
        let short = y.short().to_lowercase();
        header.push(format!("{short}_target"));
        header.push(format!("{short}_actual"));
        header.push(format!("{short}_status"));
    }
    header.push("note".to_string());
    let mut out = String::new();
    push_record(&mut out, &header);
    for ind in indicators {
        let mut rec = vec![
            ind.source.clone(),
            ind.part.clone(),
            ind.field_code.clone(),
            ind.field.clone(),
            ind.project.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
            ind.project.as_ref().and_then(|p| p.no.clone()).unwrap_or_default(),
            if ind.relisted { "yes".to_string() } else { String::new() },
            ind.name.clone(),
            ind.baseline.raw.clone(),
            ind.baseline_year_raw.clone(),
            ind.polarity_override.map(|p| p.code().to_string()).unwrap_or_default(),
            ind.reference.clone(),
        ];
        for y in &years {
            rec.push(ind.targets.get(y).map(|v| v.raw.clone()).unwrap_or_default());
            rec.push(ind.actuals.get(y).map(|v| v.raw.clone()).unwrap_or_default());
            rec.push(ind.printed_status.get(y).cloned().unwrap_or_default());
        }
        rec.push(ind.note.clone());
        push_record(&mut out, &rec);
    }
    out
}

/// RFC 4180 quoting: a field with a comma, quote or line break is quoted, quotes doubled.
fn push_record(out: &mut String, fields: &[String]) {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() })
        .collect();
    out.push_str(&quoted.join(","));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use shiryo_core::kpi::{parse_value, Polarity, Project};

    use super::*;
    use crate::{import, read_bytes, recognise};

    #[test]
    fn an_exported_table_imports_back_the_same() {
        let mut a = Indicator::new("建設業の総実労働時間／月");
        a.source = "資料2-2".into();
        a.part = "地域".into();
        a.field_code = "Ⅲ-4".into();
        a.field = "産業振興".into();
        a.project = Some(Project { no: Some("45".into()), name: "4(3)ア, \"工事\"".into() });
        a.baseline = parse_value("169");
        a.baseline_year = Some(FiscalYear(2021));
        a.baseline_year_raw = "R3".into();
        a.targets.insert(FiscalYear(2022), parse_value("165.6時間"));
        a.targets.insert(FiscalYear(2023), parse_value("163.9"));
        a.actuals.insert(FiscalYear(2022), parse_value("167.3時間"));
        a.printed_status.insert(FiscalYear(2022), "達成".into());
        a.polarity_override = Some(Polarity::LowerIsBetter);
        a.note = "評価は原文どおり\n2行目".into();
        let mut b = Indicator::new("職員の職場満足度");
        b.relisted = true;
        b.source = "資料2-2".into();
        b.targets.insert(FiscalYear(2025), parse_value("4以上"));
        let original = vec![a, b];

        let csv = to_csv(&original);
        let table = read_bytes("export.csv", csv.as_bytes()).unwrap();
        let mapping = recognise(&table.headers).unwrap();
        let mut back = import(&table, &mapping).unwrap();
        assert!(back.rejected.is_empty(), "{:?}", back.rejected);
        for ind in &mut back.indicators {
            ind.row = 0;
        }
        assert_eq!(back.indicators, original);
    }
}
