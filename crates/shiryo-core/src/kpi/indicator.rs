//! Indicators (指標): name, field, project, polarity, baseline, targets and actuals per fiscal year.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::value::{normalize, Bound, Quantity, Value};
use crate::wareki::{fiscal_year_label, fiscal_year_short};

/// A fiscal year (April–March), by the calendar year it starts in: `FiscalYear(2022)` is 令和４年度, R4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    /// 令和 `n` 年度.
    pub fn reiwa(n: i32) -> FiscalYear {
        FiscalYear(2018 + n)
    }

    /// Reads `R4`, `R5年度`, `令和4年度`, `令和４年度`, `令和元年度`, `H30`, `平成30年度`, `2022`, `2022年度`.
    pub fn parse(text: &str) -> Option<FiscalYear> {
        let t = normalize(text.trim());
        let t = t.strip_suffix("年度").or_else(|| t.strip_suffix('年')).unwrap_or(&t).trim();
        let eras: [(&str, i32); 4] = [("令和", 2018), ("R", 2018), ("平成", 1988), ("H", 1988)];
        for (prefix, offset) in eras {
            if let Some(n) = t.strip_prefix(prefix) {
                let n = if n == "元" { 1 } else { n.trim().parse::<i32>().ok()? };
                return (n >= 1).then_some(FiscalYear(offset + n));
            }
        }
        let year = t.parse::<i32>().ok()?;
        (1868..=9999).contains(&year).then_some(FiscalYear(year))
    }

    /// `R4`, for table headings.
    pub fn short(self) -> String {
        fiscal_year_short(self.0)
    }

    /// `令和４年度`, as formal text prints it.
    pub fn label(self) -> String {
        fiscal_year_label(self.0)
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// 多いほど良い (most indicators).
    HigherIsBetter,
    /// 少ないほど良い: コピー用紙購入量, 超過勤務時間.
    LowerIsBetter,
    /// 維持: the actual should equal the target (a goal post; bounds such as 以上/以下 still apply).
    Keep,
}

impl Polarity {
    pub fn code(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "higher",
            Polarity::LowerIsBetter => "lower",
            Polarity::Keep => "keep",
        }
    }

    pub fn from_code(code: &str) -> Option<Polarity> {
        match code {
            "higher" => Some(Polarity::HigherIsBetter),
            "lower" => Some(Polarity::LowerIsBetter),
            "keep" => Some(Polarity::Keep),
            _ => None,
        }
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            Polarity::HigherIsBetter => "高いほど良い",
            Polarity::LowerIsBetter => "低いほど良い",
            Polarity::Keep => "維持",
        }
    }
}

/// Where the polarity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolaritySource {
    /// Set by the user.
    Override,
    /// The target says it: 以上 → higher, 以下/以内 → lower.
    Bound,
    /// 基準値 → final target.
    BaselineToFinal,
    /// First target → last target (no baseline).
    TargetTrend,
    /// Nothing tells: assumed higher-is-better.
    Assumed,
}

/// A project (事業) an indicator belongs to, where the material has one (資料2-2: No.45).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Project {
    /// The printed number, if any (`45`).
    pub no: Option<String>,
    /// The item or project name (`4(3)ア デジタル技術を活用した工事の推進`).
    pub name: String,
}

/// One KPI row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// The indicator's name exactly as in the source.
    pub name: String,
    /// 行政 / 地域, or a 柱.
    pub part: String,
    /// The field's code as printed (`Ⅲ-4`), possibly empty.
    pub field_code: String,
    /// The field's name (`産業振興`).
    pub field: String,
    pub project: Option<Project>,
    /// A 再掲 row: listed again under another field; never counted twice in roll-ups.
    pub relisted: bool,
    /// The 資料 the row comes from (`資料2-2`), when known.
    pub source: String,
    /// A key naming the same indicator across materials (`地域-52`), when the source has one.
    pub reference: String,
    pub baseline: Value,
    pub baseline_year: Option<FiscalYear>,
    /// The baseline's year as written (`R3`, `R1･R2平均`), kept even when it is not one fiscal year.
    pub baseline_year_raw: String,
    pub targets: BTreeMap<FiscalYear, Value>,
    pub actuals: BTreeMap<FiscalYear, Value>,
    /// The 達成状況 printed by the department, per year.
    pub printed_status: BTreeMap<FiscalYear, String>,
    pub polarity_override: Option<Polarity>,
    pub note: String,
    /// The row number in the source file (1 = the first data row's line after the header: as spreadsheets count).
    pub row: usize,
}

impl Indicator {
    /// A new, empty indicator named `name`.
    pub fn new(name: &str) -> Indicator {
        let blank = super::value::parse("");
        Indicator {
            name: name.to_string(),
            part: String::new(),
            field_code: String::new(),
            field: String::new(),
            project: None,
            relisted: false,
            source: String::new(),
            reference: String::new(),
            baseline: blank,
            baseline_year: None,
            baseline_year_raw: String::new(),
            targets: BTreeMap::new(),
            actuals: BTreeMap::new(),
            printed_status: BTreeMap::new(),
            polarity_override: None,
            note: String::new(),
            row: 0,
        }
    }

    /// The last year with a non-blank target.
    pub fn final_target(&self) -> Option<(FiscalYear, &Value)> {
        self.targets.iter().rev().find(|(_, v)| !v.is_blank()).map(|(y, v)| (*y, v))
    }

    /// The polarity: the user's override, else inferred from 基準値 → final target (the plan's intent), else from a
    /// bound on any target (以上/以下), else from the first to the last target; flat or unreadable sequences assume
    /// higher-is-better.
    pub fn polarity(&self) -> (Polarity, PolaritySource) {
        if let Some(p) = self.polarity_override {
            return (p, PolaritySource::Override);
        }
        let targets: Vec<&Quantity> = self.targets.values().filter_map(Value::quantity).collect();
        if let (Some(base), Some(last)) = (self.baseline.quantity(), targets.last()) {
            if let Some(p) = direction(base, last) {
                return (p, PolaritySource::BaselineToFinal);
            }
        }
        for v in self.targets.values() {
            if let Some(q) = v.quantity() {
                match q.bound {
                    Bound::AtLeast => return (Polarity::HigherIsBetter, PolaritySource::Bound),
                    Bound::AtMost => return (Polarity::LowerIsBetter, PolaritySource::Bound),
                    Bound::Exact => {}
                }
            }
        }
        if let (Some(first), Some(last)) = (targets.first(), targets.last()) {
            if let Some(p) = direction(first, last) {
                return (p, PolaritySource::TargetTrend);
            }
        }
        (Polarity::HigherIsBetter, PolaritySource::Assumed)
    }
}

/// Completes result rows from the plan they report on (資料2-4): by the same `reference`, a row without a baseline
/// takes the plan's baseline and its year, and the plan's targets for years the row does not report on. Nothing the row
/// prints is replaced. Returns how many rows were completed.
pub fn attach_plan(rows: &mut [Indicator], plan: &[Indicator]) -> usize {
    let mut attached = 0;
    for row in rows.iter_mut().filter(|r| !r.reference.trim().is_empty()) {
        let Some(p) = plan.iter().find(|p| p.reference.trim() == row.reference.trim()) else { continue };
        if row.baseline.is_blank() {
            row.baseline = p.baseline.clone();
            row.baseline_year = p.baseline_year;
            row.baseline_year_raw = p.baseline_year_raw.clone();
        }
        // only years the row does not report on: a row judged without a target keeps that gap visible
        for (year, v) in &p.targets {
            if !row.actuals.contains_key(year) && !row.printed_status.contains_key(year) {
                row.targets.entry(*year).or_insert_with(|| v.clone());
            }
        }
        attached += 1;
    }
    attached
}

fn direction(from: &Quantity, to: &Quantity) -> Option<Polarity> {
    match from.compare(to)? {
        Ordering::Less => Some(Polarity::HigherIsBetter),
        Ordering::Greater => Some(Polarity::LowerIsBetter),
        Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::parse;
    use super::*;

    #[test]
    fn fiscal_year_labels_in_both_notations() {
        assert_eq!(FiscalYear::parse("R4"), Some(FiscalYear(2022)));
        assert_eq!(FiscalYear::parse("令和４年度"), Some(FiscalYear(2022)));
        assert_eq!(FiscalYear::parse("令和元年度"), Some(FiscalYear(2019)));
        assert_eq!(FiscalYear::parse("H30"), Some(FiscalYear(2018)));
        assert_eq!(FiscalYear::parse("2023年度"), Some(FiscalYear(2023)));
        assert_eq!(FiscalYear::parse("R"), None);
        assert_eq!(FiscalYear(2022).short(), "R4");
        assert_eq!(FiscalYear(2022).label(), "令和４年度");
        assert_eq!(FiscalYear(2019).label(), "令和元年度");
        assert_eq!(FiscalYear::reiwa(7), FiscalYear(2025));
    }

    fn with_targets(baseline: &str, targets: &[(i32, &str)]) -> Indicator {
        let mut ind = Indicator::new("x");
        ind.baseline = parse(baseline);
        for (y, t) in targets {
            ind.targets.insert(FiscalYear::reiwa(*y), parse(t));
        }
        ind
    }

    #[test]
    fn result_rows_take_baseline_and_later_targets_from_the_plan() {
        let mut row = with_targets("", &[(4, "165.6時間"), (5, "163.9")]);
        row.reference = "地域-39".into();
        let mut plan = with_targets("169", &[(4, "165.6"), (5, "163.9"), (6, "162.2"), (7, "160.5")]);
        plan.reference = "地域-39".into();
        let mut rows = vec![row];
        assert_eq!(attach_plan(&mut rows, &[plan]), 1);
        assert_eq!(rows[0].baseline.raw, "169");
        assert_eq!(rows[0].targets[&FiscalYear::reiwa(4)].raw, "165.6時間", "the printed target stays");
        assert_eq!(rows[0].targets[&FiscalYear::reiwa(7)].raw, "160.5");
        assert_eq!(rows[0].polarity(), (Polarity::LowerIsBetter, PolaritySource::BaselineToFinal));
    }

    #[test]
    fn polarity_is_inferred_from_baseline_to_final_target() {
        let paper = with_targets("40百万枚", &[(4, "40百万枚"), (5, "32百万枚"), (7, "12百万枚")]);
        assert_eq!(paper.polarity(), (Polarity::LowerIsBetter, PolaritySource::BaselineToFinal));
        let online = with_targets("48.2%", &[(4, "61.0%"), (7, "80.0%")]);
        assert_eq!(online.polarity(), (Polarity::HigherIsBetter, PolaritySource::BaselineToFinal));
        let hours = with_targets("", &[(4, "165.6時間"), (5, "163.9")]);
        assert_eq!(hours.polarity(), (Polarity::LowerIsBetter, PolaritySource::TargetTrend));
        let bound = with_targets("", &[(4, "16.0時間以下")]);
        assert_eq!(bound.polarity(), (Polarity::LowerIsBetter, PolaritySource::Bound));
        let flat = with_targets("", &[(4, "100%"), (5, "100%")]);
        assert_eq!(flat.polarity(), (Polarity::HigherIsBetter, PolaritySource::Assumed));
        let mut over = flat.clone();
        over.polarity_override = Some(Polarity::Keep);
        assert_eq!(over.polarity(), (Polarity::Keep, PolaritySource::Override));
    }
}
