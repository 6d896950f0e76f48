//! The review of indicators: each year judged, and findings with a code and a Japanese message — a printed status
//! that contradicts the numbers, the same indicator with different numbers in two materials, a missing target, a
//! unit mismatch, a target that moves against the polarity.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::indicator::{FiscalYear, Indicator, Polarity, PolaritySource};
use super::judge::{judge, Judgement, Outcome, PrintedClass, Unmeasurable};
use super::value::{Value, ValueKind};
use super::Preset;

/// What a finding is about. The code is stable (JSON, filters); the message is for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    /// The printed 達成状況 says 達成 where the numbers fall short, or the reverse.
    StatusContradicts,
    /// The same indicator has different numbers in two materials.
    CrossMaterialMismatch,
    /// A year has an actual or a printed status but no target.
    MissingTarget,
    /// Two values that should be compared are in different units.
    UnitMismatch,
    /// A later target is worse than an earlier one (or than the baseline) for the polarity.
    TargetAgainstPolarity,
    /// A printed status the grading preset does not know.
    UnknownStatus,
}

impl FindingCode {
    /// Every code, for lists and tests.
    pub const ALL: [FindingCode; 6] = [
        FindingCode::StatusContradicts,
        FindingCode::CrossMaterialMismatch,
        FindingCode::MissingTarget,
        FindingCode::UnitMismatch,
        FindingCode::TargetAgainstPolarity,
        FindingCode::UnknownStatus,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingCode::StatusContradicts => "status_contradicts",
            FindingCode::CrossMaterialMismatch => "cross_material_mismatch",
            FindingCode::MissingTarget => "missing_target",
            FindingCode::UnitMismatch => "unit_mismatch",
            FindingCode::TargetAgainstPolarity => "target_against_polarity",
            FindingCode::UnknownStatus => "unknown_status",
        }
    }

    /// The Japanese name people see (filters, the detail panel); the code stays for JSON and filters.
    pub fn name_ja(self) -> &'static str {
        match self {
            FindingCode::StatusContradicts => "達成状況が数値と矛盾",
            FindingCode::CrossMaterialMismatch => "資料間で数値が不一致",
            FindingCode::MissingTarget => "目標値がない",
            FindingCode::UnitMismatch => "単位が違う",
            FindingCode::TargetAgainstPolarity => "目標が方向と逆",
            FindingCode::UnknownStatus => "判定方式にない達成状況",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FindingCode::StatusContradicts | FindingCode::CrossMaterialMismatch => Severity::Error,
            _ => Severity::Warning,
        }
    }
}

/// Errors are wrong numbers in the packet; warnings need a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding on one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub year: Option<FiscalYear>,
    /// For the user, in Japanese.
    pub message_ja: String,
    /// For us, in English.
    pub detail: String,
}

impl Finding {
    fn new(code: FindingCode, year: Option<FiscalYear>, message_ja: String, detail: String) -> Finding {
        Finding { code, severity: code.severity(), year, message_ja, detail }
    }
}

/// One judged year of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearReview {
    pub year: FiscalYear,
    pub judgement: Judgement,
    /// The preset's label for the computed outcome.
    pub computed_status: String,
    pub printed_status: Option<String>,
    pub printed_class: Option<PrintedClass>,
    /// The printed status and the numbers say the same (achieved or not); `None` when either is not measurable.
    pub agrees: Option<bool>,
    /// (実績 − 基準) / (最終目標 − 基準): progress toward the last target, when comparable.
    pub progress_to_final: Option<f64>,
}

/// An indicator's review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorReview {
    pub polarity: Polarity,
    pub polarity_source: PolaritySource,
    pub years: Vec<YearReview>,
    pub findings: Vec<Finding>,
}

impl IndicatorReview {
    pub fn year(&self, year: FiscalYear) -> Option<&YearReview> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// Judges every year that has an actual or a printed status, and lints the indicator on its own.
pub fn review(ind: &Indicator, preset: &Preset) -> IndicatorReview {
    let (polarity, polarity_source) = ind.polarity();
    let blank = super::value::parse("");
    let mut findings = Vec::new();
    let years: BTreeSet<FiscalYear> = ind
        .actuals
        .iter()
        .filter(|(_, v)| !v.is_blank())
        .map(|(y, _)| *y)
        .chain(ind.printed_status.iter().filter(|(_, s)| !s.trim().is_empty()).map(|(y, _)| *y))
        .collect();
    let mut reviewed = Vec::new();
    for year in years {
        let target = ind.targets.get(&year).unwrap_or(&blank);
        let actual = ind.actuals.get(&year).unwrap_or(&blank);
        let judgement = judge(target, actual, &ind.baseline, polarity);
        let printed = ind.printed_status.get(&year).filter(|s| !s.trim().is_empty()).cloned();
        let printed_class = printed.as_deref().map(|p| preset.classify(p));
        // a year without a target is a finding when a status was printed for it or a dash stands in its target
        // cell; a plan that sets targets only for later years (資料1-1) is not faulted for its actuals
        let target_expected = printed.is_some() || ind.targets.contains_key(&year);
        match &judgement.reason {
            Some(Unmeasurable::MissingTarget) if target_expected => findings.push(Finding::new(
                FindingCode::MissingTarget,
                Some(year),
                format!("{}の目標値がありません。", year.label()),
                format!("no target for {year}"),
            )),
            Some(Unmeasurable::UnitMismatch { target_unit, actual_unit }) => findings.push(Finding::new(
                FindingCode::UnitMismatch,
                Some(year),
                format!(
                    "{}の目標「{}」と実績「{}」の単位が異なるため比較できません。",
                    year.label(),
                    target.raw.trim(),
                    actual.raw.trim()
                ),
                format!("{year}: target unit {target_unit:?} vs actual unit {actual_unit:?}"),
            )),
            _ => {}
        }
        let printed_achieved = match printed_class {
            Some(PrintedClass::Achieved) => Some(true),
            Some(PrintedClass::NotAchieved) => Some(false),
            _ => None,
        };
        let agrees = match (printed_achieved, judgement.outcome.achieved()) {
            (Some(p), Some(c)) => Some(p == c),
            _ => None,
        };
        if agrees == Some(false) {
            let printed_text = printed.clone().unwrap_or_default();
            let computed = preset.status(&judgement);
            findings.push(Finding::new(
                FindingCode::StatusContradicts,
                Some(year),
                format!(
                    "{}の達成状況「{}」が数値と矛盾します（目標 {}、実績 {}、{}指標）。数値からは「{}」です。",
                    year.label(),
                    printed_text.trim(),
                    target.raw.trim(),
                    actual.raw.trim(),
                    polarity.name_ja(),
                    computed
                ),
                format!(
                    "{year}: printed {printed_text:?} but target {:?} / actual {:?} ({}) give {:?}",
                    target.raw,
                    actual.raw,
                    polarity.code(),
                    judgement.outcome
                ),
            ));
        }
        if printed_class == Some(PrintedClass::Unknown) {
            let p = printed.clone().unwrap_or_default();
            findings.push(Finding::new(
                FindingCode::UnknownStatus,
                Some(year),
                format!("達成状況「{}」は判定の方式（{}）にない区分です。", p.trim(), preset.name_ja),
                format!("{year}: status {p:?} is not a label of preset {}", preset.code),
            ));
        }
        reviewed.push(YearReview {
            year,
            computed_status: preset.status(&judgement).to_string(),
            judgement,
            printed_status: printed,
            printed_class,
            agrees,
            progress_to_final: progress_to_final(ind, actual),
        });
    }
    findings.extend(lint_target_path(ind, polarity));
    IndicatorReview { polarity, polarity_source, years: reviewed, findings }
}

fn progress_to_final(ind: &Indicator, actual: &Value) -> Option<f64> {
    let (_, last) = ind.final_target()?;
    let (b, t, a) = (ind.baseline.quantity()?, last.quantity()?, actual.quantity()?);
    if !(b.same_unit(t) && b.same_unit(a) && t.same_unit(a)) {
        return None;
    }
    super::judge::progress_rate(b, t, a)
}

/// The baseline then each year's target: units must agree, and no step may go against the polarity.
fn lint_target_path(ind: &Indicator, polarity: Polarity) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut path: Vec<(String, Option<FiscalYear>, &Value)> = Vec::new();
    if ind.baseline.quantity().is_some() {
        path.push(("基準値".to_string(), None, &ind.baseline));
    }
    for (year, v) in &ind.targets {
        if v.quantity().is_some() {
            path.push((format!("{}目標", year.short()), Some(*year), v));
        }
    }
    for pair in path.windows(2) {
        let [(from_label, _, from), (to_label, year, to)] = pair else { continue };
        let (Some(a), Some(b)) = (from.quantity(), to.quantity()) else { continue };
        match a.compare(b) {
            None => findings.push(Finding::new(
                FindingCode::UnitMismatch,
                *year,
                format!("{from_label}「{}」と{to_label}「{}」の単位が異なります。", from.raw.trim(), to.raw.trim()),
                format!("units differ: {:?} -> {:?}", a.unit, b.unit),
            )),
            Some(ord) => {
                let against = match polarity {
                    Polarity::HigherIsBetter => ord == Ordering::Greater,
                    Polarity::LowerIsBetter => ord == Ordering::Less,
                    Polarity::Keep => false,
                };
                if against {
                    findings.push(Finding::new(
                        FindingCode::TargetAgainstPolarity,
                        *year,
                        format!(
                            "{to_label}「{}」が{from_label}「{}」より後退しています（{}指標）。",
                            to.raw.trim(),
                            from.raw.trim(),
                            polarity.name_ja()
                        ),
                        format!(
                            "{to_label} {:?} is worse than {from_label} {:?} ({})",
                            to.raw,
                            from.raw,
                            polarity.code()
                        ),
                    ));
                }
            }
        }
    }
    findings
}

/// The key under which rows of different materials are the same indicator: the reference when the source gives
/// one (`地域-52`), else part and name.
fn same_indicator_key(ind: &Indicator) -> String {
    if ind.reference.trim().is_empty() {
        format!("{}\u{1f}{}", ind.part, ind.name.trim())
    } else {
        ind.reference.trim().to_string()
    }
}

/// Compares the same indicator across materials (rows with different `source`): targets and actuals of each year
/// must agree within their printed precision. Returns the findings per indicator index.
pub fn cross_check(indicators: &[Indicator]) -> BTreeMap<usize, Vec<Finding>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        groups.entry(same_indicator_key(ind)).or_default().push(i);
    }
    let mut out: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
    for members in groups.values() {
        for &i in members {
            let mut seen = BTreeSet::new();
            for &j in members {
                let (a, b) = (&indicators[i], &indicators[j]);
                if a.source == b.source {
                    continue;
                }
                for (what, va, vb) in year_pairs(a, b) {
                    let (year, kind) = (what.0, what.1);
                    let Some(code) = compare_values(va, vb) else { continue };
                    if !seen.insert((b.source.clone(), year, kind, code)) {
                        continue;
                    }
                    let label = if kind == 0 { "目標" } else { "実績" };
                    let (message_ja, detail) = match code {
                        FindingCode::UnitMismatch => (
                            format!(
                                "{}の{label}の単位が{}「{}」と{}「{}」で異なります。",
                                year.label(),
                                a.source,
                                va.raw.trim(),
                                b.source,
                                vb.raw.trim()
                            ),
                            format!("{year} {label}: unit differs from {} ({:?} vs {:?})", b.source, va.raw, vb.raw),
                        ),
                        _ => (
                            format!(
                                "同じ指標の{}{label}が{}「{}」と{}「{}」で異なります。",
                                year.label(),
                                a.source,
                                va.raw.trim(),
                                b.source,
                                vb.raw.trim()
                            ),
                            format!("{year} {label}: {:?} here but {:?} in {} row {}", va.raw, vb.raw, b.source, b.row),
                        ),
                    };
                    out.entry(i).or_default().push(Finding::new(code, Some(year), message_ja, detail));
                }
            }
        }
    }
    out
}

/// The (year, 0 = target / 1 = actual) values both indicators have.
fn year_pairs<'a>(a: &'a Indicator, b: &'a Indicator) -> Vec<((FiscalYear, u8), &'a Value, &'a Value)> {
    let mut out = Vec::new();
    for (kind, (ma, mb)) in [(0u8, (&a.targets, &b.targets)), (1u8, (&a.actuals, &b.actuals))] {
        for (year, va) in ma {
            if let Some(vb) = mb.get(year) {
                out.push(((*year, kind), va, vb));
            }
        }
    }
    out
}

/// `None` when the two agree or cannot be compared as numbers; else what is wrong.
fn compare_values(a: &Value, b: &Value) -> Option<FindingCode> {
    let pairs: Vec<_> = match (&a.kind, &b.kind) {
        (ValueKind::Quantity(x), ValueKind::Quantity(y)) => vec![(x, y)],
        (ValueKind::Parts { parts: xs }, ValueKind::Parts { parts: ys }) if xs.len() == ys.len() => {
            xs.iter().zip(ys).collect()
        }
        _ => return None,
    };
    if pairs.iter().any(|(x, y)| x.same_unit(y) && !x.agrees_with(y)) {
        Some(FindingCode::CrossMaterialMismatch)
    } else if pairs.iter().any(|(x, y)| !x.same_unit(y)) {
        Some(FindingCode::UnitMismatch)
    } else {
        None
    }
}

/// Whether the outcome of a year counts as achieved for roll-ups.
pub fn outcome_of(review: &IndicatorReview, year: FiscalYear) -> Option<Outcome> {
    review.year(year).map(|y| y.judgement.outcome)
}

#[cfg(test)]
mod tests {
    use super::super::value::parse;
    use super::*;

    fn row(source: &str, reference: &str, target: &str, actual: &str, status: &str, next: &str) -> Indicator {
        let mut ind = Indicator::new("指標");
        ind.source = source.to_string();
        ind.reference = reference.to_string();
        let r4 = FiscalYear::reiwa(4);
        ind.targets.insert(r4, parse(target));
        ind.actuals.insert(r4, parse(actual));
        ind.printed_status.insert(r4, status.to_string());
        ind.targets.insert(FiscalYear::reiwa(5), parse(next));
        ind
    }

    fn codes(r: &IndicatorReview) -> Vec<FindingCode> {
        r.findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn every_finding_code_has_its_own_japanese_name_without_latin_letters() {
        let names: BTreeSet<&str> = FindingCode::ALL.iter().map(|c| c.name_ja()).collect();
        assert_eq!(names.len(), FindingCode::ALL.len());
        for c in FindingCode::ALL {
            assert!(!c.name_ja().chars().any(|ch| ch.is_ascii_alphabetic()), "{} is {}", c.code(), c.name_ja());
        }
    }

    #[test]
    fn construction_hours_marked_achieved_contradict_the_numbers() {
        let ind = row("資料2-2", "地域-39", "165.6時間", "167.3時間", "達成", "163.9");
        let r = review(&ind, &Preset::two_level());
        assert_eq!(r.polarity, Polarity::LowerIsBetter);
        assert_eq!(codes(&r), vec![FindingCode::StatusContradicts]);
        assert_eq!(r.years[0].agrees, Some(false));
        assert_eq!(r.years[0].computed_status, "一部達成");
        assert!(r.findings[0].message_ja.contains("167.3時間"), "{}", r.findings[0].message_ja);
    }

    #[test]
    fn agreeing_rows_have_no_findings() {
        let r = review(&row("資料2-2", "", "24,595件", "19,351件", "一部達成", "30,000"), &Preset::two_level());
        assert!(r.findings.is_empty(), "{:?}", r.findings);
        assert_eq!(r.years[0].agrees, Some(true));
    }

    #[test]
    fn missing_targets_units_and_backward_targets_are_found() {
        let r = review(&row("資料2-2", "", "", "", "達成", "300"), &Preset::two_level());
        assert_eq!(codes(&r), vec![FindingCode::MissingTarget]);
        let r = review(&row("資料2-2", "", "110万PV", "2,323,642件", "達成", "250万"), &Preset::two_level());
        assert_eq!(codes(&r), vec![FindingCode::UnitMismatch]);
        let mut ind = row("x", "", "10件", "12件", "達成", "8件");
        ind.baseline = parse("5件");
        let r = review(&ind, &Preset::two_level());
        assert_eq!(codes(&r), vec![FindingCode::TargetAgainstPolarity]);
        let r = review(&row("x", "", "10件", "12件", "A", "12件"), &Preset::two_level());
        assert_eq!(codes(&r), vec![FindingCode::UnknownStatus]);
    }

    #[test]
    fn the_same_indicator_with_other_numbers_in_another_material_is_found() {
        let rows = vec![
            row("資料2-1", "地域-52", "10,000人", "5,277人", "一部達成", "10,000人"),
            row("資料2-2", "地域-52", "8,000人", "5,227人", "一部達成", "10,000(変更前:8,000)"),
            row("資料2-1", "地域-1", "110万件", "232.36万件", "達成", ""),
            row("資料2-2", "地域-1", "110万件", "2,323,642件", "達成", ""),
        ];
        let found = cross_check(&rows);
        assert_eq!(found.keys().copied().collect::<Vec<_>>(), vec![0, 1]);
        let codes: Vec<_> = found[&0].iter().map(|f| f.code).collect();
        assert_eq!(codes, vec![FindingCode::CrossMaterialMismatch, FindingCode::CrossMaterialMismatch]);
        assert!(found[&1][0].message_ja.contains("8,000人"), "{}", found[&1][0].message_ja);
    }
}
