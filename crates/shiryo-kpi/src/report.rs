//! The check report of `shiryo kpi check`: per row the parsed values, the computed and printed status and the
//! findings; then the roll-ups from printed and from computed statuses, and the projects where they differ.

use std::fmt::Write as _;

use serde::Serialize;
use shiryo_core::kpi::{
    cross_check, differences, projects, review, rollup, Basis, FieldSpec, FindingCode, FiscalYear, Indicator,
    IndicatorReview, Outcome, Preset, ProjectStatus, RollupRow, Severity,
};

/// How to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The grading preset; `None`: the one matching the printed statuses ([`Preset::matching`]).
    pub preset: Option<Preset>,
    /// The year judged and rolled up; `None`: the latest year with a printed status or an actual.
    pub year: Option<FiscalYear>,
    /// The summary table's fields (資料2-1), for 事業数 and to map `Ⅱ-1` under `Ⅱ`.
    pub fields: Vec<FieldSpec>,
    /// The plan the results report on (資料2-4): rows take its baselines and later targets by reference, and its
    /// targets are cross-checked against the rows' own.
    pub plan: Vec<Indicator>,
}

/// One finding as reported.
#[derive(Debug, Clone, Serialize)]
pub struct FindingOut {
    pub code: &'static str,
    pub severity: Severity,
    pub year: Option<String>,
    pub message: String,
    pub detail: String,
}

/// One row as reported. `name` is the indicator's name exactly as in the file.
#[derive(Debug, Clone, Serialize)]
pub struct RowOut {
    pub row: usize,
    pub source: String,
    pub part: String,
    pub field_code: String,
    pub field: String,
    pub project: Option<String>,
    pub relisted: bool,
    pub name: String,
    pub baseline: String,
    pub target: Option<String>,
    pub actual: Option<String>,
    /// What was read from target and actual.
    pub target_parsed: Option<String>,
    pub actual_parsed: Option<String>,
    pub polarity: &'static str,
    pub polarity_source: shiryo_core::kpi::PolaritySource,
    pub outcome: Option<Outcome>,
    pub computed_status: Option<String>,
    pub printed_status: Option<String>,
    pub agrees: Option<bool>,
    pub not_measurable_reason: Option<String>,
    pub progress_rate: Option<f64>,
    /// Progress from the baseline toward the last target.
    pub progress_to_final: Option<f64>,
    pub findings: Vec<FindingOut>,
}

/// A project whose computed status differs from the printed one.
#[derive(Debug, Clone, Serialize)]
pub struct DifferenceOut {
    pub source: String,
    pub part: String,
    pub field_code: String,
    pub project: String,
    pub printed: ProjectStatus,
    pub computed: ProjectStatus,
    /// The row numbers of its indicators.
    pub rows: Vec<usize>,
}

/// Counts over the rows.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub rows: usize,
    /// Rows with a printed 達成/一部達成 and computable numbers.
    pub compared: usize,
    pub agreed: usize,
    pub disagreed: usize,
    /// Rows with at least one finding.
    pub flagged: usize,
    /// Rows with at least one error finding (contradiction, cross-material mismatch).
    pub flagged_errors: usize,
    pub findings_by_code: Vec<(String, usize)>,
    /// Rows that took a baseline or later targets from the plan.
    pub completed_from_plan: usize,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub preset: String,
    pub year: Option<String>,
    pub rows: Vec<RowOut>,
    pub rollups: Vec<RollupRow>,
    pub differences: Vec<DifferenceOut>,
    pub summary: Summary,
}

/// The latest year with a printed status or an actual.
pub fn latest_year(indicators: &[Indicator]) -> Option<FiscalYear> {
    indicators
        .iter()
        .flat_map(|i| {
            i.printed_status
                .iter()
                .filter(|(_, s)| !s.trim().is_empty())
                .map(|(y, _)| *y)
                .chain(i.actuals.iter().filter(|(_, v)| !v.is_blank()).map(|(y, _)| *y))
        })
        .max()
}

/// Reviews every indicator, cross-checks them, and rolls them up.
pub fn check(indicators: &[Indicator], options: &CheckOptions) -> Report {
    let mut completed = indicators.to_vec();
    let attached = shiryo_core::kpi::attach_plan(&mut completed, &options.plan);
    let indicators = completed.as_slice();
    let preset = options.preset.clone().unwrap_or_else(|| {
        Preset::matching(indicators.iter().flat_map(|i| i.printed_status.values().map(String::as_str)))
    });
    let year = options.year.or_else(|| latest_year(indicators));
    let reviews: Vec<IndicatorReview> = indicators.iter().map(|i| review(i, &preset)).collect();
    // the plan's own rows take part in the cross-check; only findings on the checked rows are reported
    let mut with_plan = indicators.to_vec();
    with_plan.extend(options.plan.iter().cloned());
    let mut cross = cross_check(&with_plan);
    let mut rows = Vec::new();
    let mut summary = Summary { rows: indicators.len(), completed_from_plan: attached, ..Summary::default() };
    let mut by_code: std::collections::BTreeMap<FindingCode, usize> = std::collections::BTreeMap::new();
    for (i, (ind, rev)) in indicators.iter().zip(&reviews).enumerate() {
        let mut findings = rev.findings.clone();
        findings.extend(cross.remove(&i).unwrap_or_default());
        let judged = year.and_then(|y| rev.year(y));
        let value_at = |m: &std::collections::BTreeMap<FiscalYear, shiryo_core::kpi::Value>| {
            year.and_then(|y| m.get(&y)).map(|v| (v.raw.clone(), v.describe()))
        };
        let target = value_at(&ind.targets);
        let actual = value_at(&ind.actuals);
        if let Some(j) = judged {
            match j.agrees {
                Some(true) => {
                    summary.compared += 1;
                    summary.agreed += 1;
                }
                Some(false) => {
                    summary.compared += 1;
                    summary.disagreed += 1;
                }
                None => {}
            }
        }
        if !findings.is_empty() {
            summary.flagged += 1;
        }
        if findings.iter().any(|f| f.severity == Severity::Error) {
            summary.flagged_errors += 1;
        }
        for f in &findings {
            *by_code.entry(f.code).or_default() += 1;
        }
        rows.push(RowOut {
            row: ind.row,
            source: ind.source.clone(),
            part: ind.part.clone(),
            field_code: ind.field_code.clone(),
            field: ind.field.clone(),
            project: ind.project.as_ref().map(|p| match &p.no {
                Some(no) => format!("No.{no} {}", p.name),
                None => p.name.clone(),
            }),
            relisted: ind.relisted,
            name: ind.name.clone(),
            baseline: ind.baseline.raw.clone(),
            target_parsed: target.as_ref().map(|t| t.1.clone()),
            actual_parsed: actual.as_ref().map(|a| a.1.clone()),
            target: target.map(|t| t.0),
            actual: actual.map(|a| a.0),
            polarity: rev.polarity.code(),
            polarity_source: rev.polarity_source,
            outcome: judged.map(|j| j.judgement.outcome),
            computed_status: judged.map(|j| j.computed_status.clone()),
            printed_status: judged.and_then(|j| j.printed_status.clone()),
            agrees: judged.and_then(|j| j.agrees),
            not_measurable_reason: judged.and_then(|j| j.judgement.reason.as_ref()).map(|r| r.message_ja()),
            progress_rate: judged.and_then(|j| j.judgement.progress_rate),
            progress_to_final: judged.and_then(|j| j.progress_to_final),
            findings: findings
                .into_iter()
                .map(|f| FindingOut {
                    code: f.code.code(),
                    severity: f.severity,
                    year: f.year.map(|y| y.short()),
                    message: f.message_ja,
                    detail: f.detail,
                })
                .collect(),
        });
    }
    summary.findings_by_code = by_code.into_iter().map(|(c, n)| (c.code().to_string(), n)).collect();

    let (rollups, diffs) = match year {
        Some(y) => {
            let outcomes: Vec<Option<Outcome>> =
                reviews.iter().map(|r| r.year(y).map(|j| j.judgement.outcome)).collect();
            let ps = projects(indicators, &outcomes, &preset, y, &options.fields);
            let mut table = rollup(&ps, Basis::Printed, &options.fields);
            table.extend(rollup(&ps, Basis::Computed, &options.fields));
            let diffs = differences(&ps)
                .into_iter()
                .map(|p| DifferenceOut {
                    source: p.source.clone(),
                    part: p.part.clone(),
                    field_code: p.field_code.clone(),
                    project: p.label.clone(),
                    printed: p.printed,
                    computed: p.computed,
                    rows: p.indicators.iter().map(|&i| indicators[i].row).collect(),
                })
                .collect();
            (table, diffs)
        }
        None => (Vec::new(), Vec::new()),
    };
    Report { preset: preset.code, year: year.map(FiscalYear::short), rows, rollups, differences: diffs, summary }
}

impl Report {
    /// The report as plain text, for the terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let year = self.year.clone().unwrap_or_else(|| "-".to_string());
        let _ = writeln!(out, "判定の方式: {}  対象年度: {year}", self.preset);
        for r in &self.rows {
            let _ = writeln!(
                out,
                "行{} [{}] {} {} | 目標 {} → {} | 実績 {} → {} | 方向 {} | 判定 {} | 記載 {}{}{}",
                r.row,
                r.source,
                r.field_code,
                r.name,
                r.target.as_deref().unwrap_or(""),
                r.target_parsed.as_deref().unwrap_or("-"),
                r.actual.as_deref().unwrap_or(""),
                r.actual_parsed.as_deref().unwrap_or("-"),
                r.polarity,
                r.computed_status.as_deref().unwrap_or("-"),
                r.printed_status.as_deref().unwrap_or("-"),
                match r.agrees {
                    Some(true) => " ✓",
                    Some(false) => " ✗",
                    None => "",
                },
                r.progress_to_final.map(|p| format!(" | 最終目標への進捗 {:.0}%", p * 100.0)).unwrap_or_default()
            );
            for f in &r.findings {
                let _ = writeln!(out, "    [{}] {}", f.code, f.message);
            }
        }
        let _ = writeln!(out);
        for basis in [Basis::Printed, Basis::Computed].into_iter().filter(|_| !self.rollups.is_empty()) {
            let title = match basis {
                Basis::Printed => "集計（記載の達成状況から）",
                Basis::Computed => "集計（数値からの判定で）",
            };
            let _ = writeln!(out, "{title}");
            for r in self.rollups.iter().filter(|r| r.basis == basis) {
                let projects = r.projects.map_or_else(|| "-".to_string(), |p| p.to_string());
                let check = match (r.matches_printed(), basis) {
                    (Some(true), _) => " （資料と一致）".to_string(),
                    (Some(false), Basis::Printed) => " （資料と不一致）".to_string(),
                    (Some(false), Basis::Computed) => format!(
                        " （資料では KPI設定 {} / 達成 {}）",
                        r.printed_kpi_projects.unwrap_or_default(),
                        r.printed_achieved.unwrap_or_default()
                    ),
                    (None, _) => String::new(),
                };
                let _ = writeln!(
                    out,
                    "  {} {} {} {}: 事業数 {projects} / KPI設定 {} / 達成 {} / 達成率 {} / 一部達成 {} / 判定不能 {}{check}",
                    r.source,
                    r.part,
                    r.field_code,
                    r.field,
                    r.kpi_projects,
                    r.achieved,
                    r.rate_text(),
                    r.partially_achieved,
                    r.not_measurable,
                );
            }
        }
        if !self.differences.is_empty() {
            let _ = writeln!(out, "記載と判定が異なる事業");
            for d in &self.differences {
                let rows = d.rows.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
                let _ = writeln!(
                    out,
                    "  {} {} {} {}: 記載 {} / 判定 {} (行 {rows})",
                    d.source,
                    d.part,
                    d.field_code,
                    d.project,
                    d.printed.name_ja(),
                    d.computed.name_ja()
                );
            }
        }
        let s = &self.summary;
        let _ = writeln!(
            out,
            "{} 行: 比較 {} 行のうち一致 {} / 不一致 {}; 指摘のある行 {}（うち誤り {}）",
            s.rows, s.compared, s.agreed, s.disagreed, s.flagged, s.flagged_errors
        );
        out
    }
}
