//! KPI tables as rows of text, ready for a printer: the targets table of 資料2-4 (令和 fiscal-year headers), the
//! results table of 資料2-2 with the computed judgement beside the printed one, and the roll-up of 資料2-1. No
//! layout here: the print engine draws them (landscape, header repeated per page).

use std::collections::BTreeSet;

use shiryo_core::kpi::{Basis, FiscalYear, Indicator, RollupRow};

use crate::report::Report;

/// A table of text: headers and rows of the same width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTable {
    pub title: String,
    pub headers: Vec<String>,
    /// Per column: values are numbers (printed right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl TextTable {
    /// Tab-separated lines, the title first: for snapshots and the terminal.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n{}\n", self.title, self.headers.join("\t"));
        for row in &self.rows {
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        out
    }
}

/// 資料2-4: 分野, 項目, 指標名, 基準値, then one column per fiscal year of target (令和４年度 …), values as printed.
pub fn targets_table(title: &str, indicators: &[Indicator]) -> TextTable {
    let years: BTreeSet<FiscalYear> = indicators.iter().flat_map(|i| i.targets.keys().copied()).collect();
    let mut headers: Vec<String> = ["分野", "項目", "指標名", "基準値"].map(String::from).to_vec();
    headers.extend(years.iter().map(|y| format!("{}目標", y.label())));
    let mut numeric = vec![false, false, false, true];
    numeric.extend(years.iter().map(|_| true));
    let rows = indicators
        .iter()
        .map(|ind| {
            let mut row = vec![
                ind.field.clone(),
                ind.project.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                ind.name.clone(),
                match ind.baseline_year_raw.trim() {
                    "" => ind.baseline.raw.clone(),
                    year => format!("{}（{year}）", ind.baseline.raw),
                },
            ];
            row.extend(years.iter().map(|y| ind.targets.get(y).map(|v| v.raw.clone()).unwrap_or_default()));
            row
        })
        .collect();
    TextTable { title: title.to_string(), headers, numeric, rows }
}

/// `R4` → `Ｒ４`: ASCII letters and digits as full-width, as the seed's headings print them.
fn full_width_ascii(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c })
        .collect()
}

/// How a column reads its cell from an indicator.
type CellOf = Box<dyn Fn(&Indicator) -> String>;

/// Which working columns a printed KPI list shows besides the original's: none unless the person chose them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PrintColumns {
    /// 区分 (行政/地域): by default each 区分 is a table of its own instead.
    pub part: bool,
    /// 備考: the import's and the reviewer's note. Working data, printed only when chosen.
    pub note: bool,
}

/// The indicators as a printed KPI list, with the original's columns: 番号, 分野, 項目 (事業), 指標名, 基準値 (with
/// its year), then per fiscal year its 目標値, 実績値 and 達成状況 under 令和 headings (`令和４年度\n目標値`; a list of
/// targets only, like 資料2-4, heads them `目標値\nＲ４`). A column nobody filled is left out; values are as printed
/// (the raw text), 再掲 rows say so. Never the working columns (区分, 備考) unless `print` asks for them.
pub fn indicator_table(title: &str, indicators: &[Indicator]) -> TextTable {
    indicator_table_with(title, indicators, PrintColumns::default())
}

/// [`indicator_table`] with the working columns `print` chooses.
pub fn indicator_table_with(title: &str, indicators: &[Indicator], print: PrintColumns) -> TextTable {
    let any = |f: &dyn Fn(&Indicator) -> bool| indicators.iter().any(f);
    let mut cols: Vec<(String, bool, CellOf)> = Vec::new();
    if any(&|i| i.project.as_ref().and_then(|p| p.no.as_ref()).is_some_and(|n| !n.trim().is_empty())) {
        cols.push((
            "番号".into(),
            true,
            Box::new(|i: &Indicator| i.project.as_ref().and_then(|p| p.no.clone()).unwrap_or_default()),
        ));
    }
    if print.part && any(&|i| !i.part.trim().is_empty()) {
        cols.push(("区分".into(), false, Box::new(|i: &Indicator| i.part.clone())));
    }
    if any(&|i| !i.field.trim().is_empty() || !i.field_code.trim().is_empty()) {
        cols.push((
            "分野".into(),
            false,
            Box::new(|i: &Indicator| format!("{} {}", i.field_code.trim(), i.field.trim()).trim().to_string()),
        ));
    }
    if any(&|i| i.project.as_ref().is_some_and(|p| !p.name.trim().is_empty())) {
        cols.push((
            "項目".into(),
            false,
            Box::new(|i: &Indicator| {
                let name = i.project.as_ref().map(|p| p.name.clone()).unwrap_or_default();
                if i.relisted {
                    format!("{name}（再掲）")
                } else {
                    name
                }
            }),
        ));
    }
    cols.push(("指標名".into(), false, Box::new(|i: &Indicator| i.name.clone())));
    if any(&|i| !i.baseline.is_blank()) {
        cols.push((
            "基準値".into(),
            true,
            Box::new(|i: &Indicator| match i.baseline_year_raw.trim() {
                "" => i.baseline.raw.clone(),
                _ if i.baseline.is_blank() => String::new(),
                year => format!("{}\n（{year}）", i.baseline.raw),
            }),
        ));
    }
    let years: BTreeSet<FiscalYear> = indicators
        .iter()
        .flat_map(|i| {
            i.targets
                .iter()
                .chain(&i.actuals)
                .filter(|(_, v)| !v.is_blank())
                .map(|(y, _)| *y)
                .chain(i.printed_status.iter().filter(|(_, s)| !s.trim().is_empty()).map(|(y, _)| *y))
        })
        .collect();
    let targets_only =
        !any(&|i| i.actuals.values().any(|v| !v.is_blank()) || i.printed_status.values().any(|s| !s.trim().is_empty()));
    for year in years {
        let label = year.label();
        if any(&|i| i.targets.get(&year).is_some_and(|v| !v.is_blank())) {
            let heading = if targets_only {
                format!("目標値\n{}", full_width_ascii(&year.short()))
            } else {
                format!("{label}\n目標値")
            };
            cols.push((
                heading,
                true,
                Box::new(move |i: &Indicator| i.targets.get(&year).map(|v| v.raw.clone()).unwrap_or_default()),
            ));
        }
        if any(&|i| i.actuals.get(&year).is_some_and(|v| !v.is_blank())) {
            cols.push((
                format!("{label}\n実績値"),
                true,
                Box::new(move |i: &Indicator| i.actuals.get(&year).map(|v| v.raw.clone()).unwrap_or_default()),
            ));
        }
        if any(&|i| i.printed_status.get(&year).is_some_and(|s| !s.trim().is_empty())) {
            cols.push((
                format!("{label}\n達成状況"),
                false,
                Box::new(move |i: &Indicator| i.printed_status.get(&year).cloned().unwrap_or_default()),
            ));
        }
    }
    if print.note && any(&|i| !i.note.trim().is_empty()) {
        cols.push(("備考".into(), false, Box::new(|i: &Indicator| i.note.clone())));
    }
    TextTable {
        title: title.to_string(),
        headers: cols.iter().map(|c| c.0.clone()).collect(),
        numeric: cols.iter().map(|c| c.1).collect(),
        rows: indicators.iter().map(|i| cols.iter().map(|c| (c.2)(i)).collect()).collect(),
    }
}

/// 資料2-2: 指標名, the year's target and actual as printed, the printed 達成状況, the computed judgement and the
/// finding codes. `report` is the check of the same indicators.
pub fn results_table(title: &str, report: &Report) -> TextTable {
    let year = report.year.as_deref().and_then(FiscalYear::parse);
    let label = year.map(FiscalYear::label).unwrap_or_default();
    let headers = vec![
        "分野".to_string(),
        "指標名".to_string(),
        format!("{label}目標"),
        format!("{label}実績"),
        "達成状況".to_string(),
        "数値による判定".to_string(),
        "指摘".to_string(),
    ];
    let numeric = vec![false, false, true, true, false, false, false];
    let rows = report
        .rows
        .iter()
        .map(|r| {
            vec![
                r.field.clone(),
                r.name.clone(),
                r.target.clone().unwrap_or_default(),
                r.actual.clone().unwrap_or_default(),
                r.printed_status.clone().unwrap_or_default(),
                r.computed_status.clone().unwrap_or_default(),
                r.findings.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" "),
            ]
        })
        .collect();
    TextTable { title: title.to_string(), headers, numeric, rows }
}

/// 資料2-1: per field 事業数, KPI設定事業数 (A), 達成 (B), 達成率 (B)/(A), 一部達成, and a 合計 per part.
pub fn rollup_table(title: &str, rollups: &[RollupRow], basis: Basis) -> TextTable {
    let headers = ["区分", "分野", "事業数", "KPI設定事業数(A)", "達成(B)", "達成率(B)/(A)", "一部達成"]
        .map(String::from)
        .to_vec();
    let numeric = vec![false, false, true, true, true, true, true];
    let rows = rollups
        .iter()
        .filter(|r| r.basis == basis)
        .map(|r| {
            let field = if r.field_code.is_empty() {
                "合計".to_string()
            } else {
                format!("{} {}", r.field_code, r.field).trim().to_string()
            };
            vec![
                r.part.clone(),
                field,
                r.projects.map(|p| p.to_string()).unwrap_or_default(),
                r.kpi_projects.to_string(),
                r.achieved.to_string(),
                r.rate_text(),
                r.partially_achieved.to_string(),
            ]
        })
        .collect();
    TextTable { title: title.to_string(), headers, numeric, rows }
}

#[cfg(test)]
mod tests {
    use shiryo_core::kpi::{parse_value, Project};

    use super::*;
    use crate::report::{check, CheckOptions};

    fn paper() -> Indicator {
        let mut ind = Indicator::new("コピー用紙購入量（本庁（知事部局））");
        ind.field = "３　公務能率の向上に向けた取組".into();
        ind.project = Some(Project { no: None, name: "3(1) ペーパーレス化の推進".into() });
        ind.baseline = parse_value("40百万枚");
        ind.baseline_year_raw = "R3".into();
        for (y, v) in [(4, "40百万枚"), (5, "32百万枚"), (6, "20百万枚"), (7, "12百万枚")] {
            ind.targets.insert(FiscalYear::reiwa(y), parse_value(v));
        }
        ind.actuals.insert(FiscalYear::reiwa(4), parse_value("35百万枚"));
        ind.printed_status.insert(FiscalYear::reiwa(4), "達成".into());
        ind
    }

    #[test]
    fn targets_have_reiwa_fiscal_year_headers_and_printed_values() {
        let t = targets_table("令和５年度ＫＰＩ一覧", &[paper()]);
        assert_eq!(
            t.to_text(),
            "令和５年度ＫＰＩ一覧\n\
             分野\t項目\t指標名\t基準値\t令和４年度目標\t令和５年度目標\t令和６年度目標\t令和７年度目標\n\
             ３　公務能率の向上に向けた取組\t3(1) ペーパーレス化の推進\tコピー用紙購入量（本庁（知事部局））\t40百万枚（R3）\t\
             40百万枚\t32百万枚\t20百万枚\t12百万枚\n"
        );
    }

    #[test]
    fn results_and_rollups_carry_the_judgement() {
        let report = check(&[paper()], &CheckOptions::default());
        let t = results_table("令和４年度実績", &report);
        assert_eq!(t.headers[2], "令和４年度目標");
        assert_eq!(t.rows[0][2..6], ["40百万枚", "35百万枚", "達成", "達成"].map(String::from));
        let r = rollup_table("分野別", &report.rollups, Basis::Printed);
        assert_eq!(r.rows.last().unwrap()[1..6], ["合計", "", "1", "1", "100%"].map(String::from));
    }
}
