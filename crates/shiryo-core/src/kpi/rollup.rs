//! Roll-ups like 資料2-1: per field and per part, 事業数, KPI設定事業数 (A), 達成 (B), 達成率 B/A, 一部達成 — counted
//! per project (a project with two indicators counts once, 再掲 rows are not counted again), from the printed
//! statuses or from the computed ones, with the projects where the two differ.

use std::collections::BTreeMap;

use serde::Serialize;

use super::indicator::{FiscalYear, Indicator};
use super::judge::{Outcome, Preset, PrintedClass};

/// A field of the summary table, as the secretariat lists it (資料2-1), with its 事業数 (projects with and without
/// a KPI) and, when known, the printed A and B to check against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldSpec {
    pub part: String,
    /// `Ⅰ-3`, `Ⅱ`: a row's field code matches it exactly or as a prefix before `-` (`Ⅱ-1` belongs to `Ⅱ`).
    pub code: String,
    pub name: String,
    pub projects: Option<u32>,
    pub printed_kpi_projects: Option<u32>,
    pub printed_achieved: Option<u32>,
}

/// A project's status for roll-ups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Achieved,
    NotAchieved,
    NotMeasurable,
}

impl ProjectStatus {
    /// Every indicator achieved → achieved; any short → not achieved; otherwise not measurable.
    fn combine(statuses: impl IntoIterator<Item = ProjectStatus>) -> ProjectStatus {
        let all: Vec<_> = statuses.into_iter().collect();
        if all.contains(&ProjectStatus::NotAchieved) {
            ProjectStatus::NotAchieved
        } else if !all.is_empty() && all.iter().all(|s| *s == ProjectStatus::Achieved) {
            ProjectStatus::Achieved
        } else {
            ProjectStatus::NotMeasurable
        }
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            ProjectStatus::Achieved => "達成",
            ProjectStatus::NotAchieved => "未達",
            ProjectStatus::NotMeasurable => "判定不能",
        }
    }
}

fn from_outcome(o: Option<Outcome>) -> ProjectStatus {
    match o.and_then(Outcome::achieved) {
        Some(true) => ProjectStatus::Achieved,
        Some(false) => ProjectStatus::NotAchieved,
        None => ProjectStatus::NotMeasurable,
    }
}

fn from_printed(class: PrintedClass) -> ProjectStatus {
    match class {
        PrintedClass::Achieved => ProjectStatus::Achieved,
        PrintedClass::NotAchieved => ProjectStatus::NotAchieved,
        PrintedClass::NotMeasurable | PrintedClass::Unknown => ProjectStatus::NotMeasurable,
    }
}

/// A project (事業) with a KPI, as counted once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectEntry {
    pub source: String,
    pub part: String,
    /// The summary field it is counted under.
    pub field_code: String,
    /// `No.45 4(3)ア デジタル技術を活用した工事の推進`, or the item name where the material has no numbers.
    pub label: String,
    /// Indices of its indicators (再掲 rows excluded).
    pub indicators: Vec<usize>,
    pub printed: ProjectStatus,
    pub computed: ProjectStatus,
}

/// Groups the non-再掲 indicators into projects per source, each with its printed and computed status for `year`.
/// `computed[i]` is the outcome of indicator `i` for that year.
pub fn projects(
    indicators: &[Indicator],
    computed: &[Option<Outcome>],
    preset: &Preset,
    year: FiscalYear,
    fields: &[FieldSpec],
) -> Vec<ProjectEntry> {
    let mut order: Vec<(String, String, String)> = Vec::new();
    let mut map: BTreeMap<(String, String, String), ProjectEntry> = BTreeMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        if ind.relisted {
            continue;
        }
        let label = match &ind.project {
            Some(p) => match p.no.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(no) => format!("No.{no} {}", p.name),
                None => p.name.clone(),
            },
            None => ind.name.clone(),
        };
        let key = (ind.source.clone(), ind.part.clone(), label.clone());
        let entry = map.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            ProjectEntry {
                source: ind.source.clone(),
                part: ind.part.clone(),
                field_code: summary_field(ind, fields),
                label,
                indicators: Vec::new(),
                printed: ProjectStatus::NotMeasurable,
                computed: ProjectStatus::NotMeasurable,
            }
        });
        entry.indicators.push(i);
    }
    order
        .into_iter()
        .filter_map(|key| map.remove(&key))
        .map(|mut p| {
            p.printed = ProjectStatus::combine(p.indicators.iter().map(|&i| {
                let printed = indicators[i].printed_status.get(&year).map(String::as_str).unwrap_or("");
                from_printed(preset.classify(printed))
            }));
            p.computed =
                ProjectStatus::combine(p.indicators.iter().map(|&i| from_outcome(computed.get(i).copied().flatten())));
            p
        })
        .collect()
}

/// The summary field a row is counted under: the spec of its part whose code equals the row's or prefixes it
/// before a `-`; else the row's own code (or name).
fn summary_field(ind: &Indicator, fields: &[FieldSpec]) -> String {
    let code = ind.field_code.trim();
    fields
        .iter()
        .filter(|f| f.part == ind.part)
        .find(|f| code == f.code || code.strip_prefix(f.code.as_str()).is_some_and(|r| r.starts_with('-')))
        .map(|f| f.code.clone())
        .unwrap_or_else(|| if code.is_empty() { ind.field.clone() } else { code.to_string() })
}

/// Which statuses a roll-up counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Printed,
    Computed,
}

/// One line of a roll-up table: a field, or a part's total (`field_code` empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RollupRow {
    pub source: String,
    pub basis: Basis,
    pub part: String,
    pub field_code: String,
    pub field: String,
    /// 事業数, with projects without a KPI; known only from the field table.
    pub projects: Option<u32>,
    /// KPI設定事業数 (A).
    pub kpi_projects: u32,
    /// 達成 (B).
    pub achieved: u32,
    /// 一部達成: short of the target.
    pub partially_achieved: u32,
    pub not_measurable: u32,
    /// 達成率 B/A in whole percent, rounded half up (7/12 → 58); `None` when A is 0.
    pub achievement_rate: Option<u32>,
    /// The printed summary's A and B, when the field table gives them.
    pub printed_kpi_projects: Option<u32>,
    pub printed_achieved: Option<u32>,
}

impl RollupRow {
    /// Whether A and B equal the printed summary (`None` when there is none).
    pub fn matches_printed(&self) -> Option<bool> {
        match (self.printed_kpi_projects, self.printed_achieved) {
            (Some(a), Some(b)) => Some(a == self.kpi_projects && b == self.achieved),
            _ => None,
        }
    }

    /// `58%`, or `-` when there is no KPI project.
    pub fn rate_text(&self) -> String {
        self.achievement_rate.map_or_else(|| "-".to_string(), |r| format!("{r}%"))
    }
}

/// Whole percent of `part / whole`, rounded half up.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0)
        .then(|| (200 * u64::from(part) + u64::from(whole)) / (2 * u64::from(whole)))
        .and_then(|p| u32::try_from(p).ok())
}

/// The roll-up of one source's projects: per field in the order of `fields` (then fields not listed, in order of
/// appearance), and a total per part.
pub fn rollup(projects: &[ProjectEntry], basis: Basis, fields: &[FieldSpec]) -> Vec<RollupRow> {
    let mut sources: Vec<&str> = Vec::new();
    for p in projects {
        if !sources.contains(&p.source.as_str()) {
            sources.push(&p.source);
        }
    }
    let mut out = Vec::new();
    for source in sources {
        let mine: Vec<&ProjectEntry> = projects.iter().filter(|p| p.source == source).collect();
        let mut parts: Vec<&str> = Vec::new();
        for p in &mine {
            if !parts.contains(&p.part.as_str()) {
                parts.push(&p.part);
            }
        }
        for part in parts {
            let mut codes: Vec<(String, String, Option<&FieldSpec>)> =
                fields.iter().filter(|f| f.part == part).map(|f| (f.code.clone(), f.name.clone(), Some(f))).collect();
            for p in mine.iter().filter(|p| p.part == part) {
                if !codes.iter().any(|(c, _, _)| *c == p.field_code) {
                    codes.push((p.field_code.clone(), String::new(), None));
                }
            }
            let mut total = RollupRow {
                source: source.to_string(),
                basis,
                part: part.to_string(),
                field_code: String::new(),
                field: "合計".to_string(),
                projects: Some(0),
                kpi_projects: 0,
                achieved: 0,
                partially_achieved: 0,
                not_measurable: 0,
                achievement_rate: None,
                printed_kpi_projects: Some(0),
                printed_achieved: Some(0),
            };
            for (code, name, spec) in codes {
                let mut row = RollupRow {
                    source: source.to_string(),
                    basis,
                    part: part.to_string(),
                    field_code: code.clone(),
                    field: name,
                    projects: spec.and_then(|s| s.projects),
                    kpi_projects: 0,
                    achieved: 0,
                    partially_achieved: 0,
                    not_measurable: 0,
                    achievement_rate: None,
                    printed_kpi_projects: spec.and_then(|s| s.printed_kpi_projects),
                    printed_achieved: spec.and_then(|s| s.printed_achieved),
                };
                for p in mine.iter().filter(|p| p.part == part && p.field_code == code) {
                    row.kpi_projects += 1;
                    let status = match basis {
                        Basis::Printed => p.printed,
                        Basis::Computed => p.computed,
                    };
                    match status {
                        ProjectStatus::Achieved => row.achieved += 1,
                        ProjectStatus::NotAchieved => row.partially_achieved += 1,
                        ProjectStatus::NotMeasurable => row.not_measurable += 1,
                    }
                }
                row.achievement_rate = percent(row.achieved, row.kpi_projects);
                total.projects = total.projects.zip(row.projects).map(|(a, b)| a + b);
                total.kpi_projects += row.kpi_projects;
                total.achieved += row.achieved;
                total.partially_achieved += row.partially_achieved;
                total.not_measurable += row.not_measurable;
                total.printed_kpi_projects =
                    total.printed_kpi_projects.zip(row.printed_kpi_projects).map(|(a, b)| a + b);
                total.printed_achieved = total.printed_achieved.zip(row.printed_achieved).map(|(a, b)| a + b);
                out.push(row);
            }
            total.achievement_rate = percent(total.achieved, total.kpi_projects);
            out.push(total);
        }
    }
    out
}

/// The projects whose computed status differs from the printed one.
pub fn differences(projects: &[ProjectEntry]) -> Vec<&ProjectEntry> {
    projects.iter().filter(|p| p.printed != p.computed).collect()
}

#[cfg(test)]
mod tests {
    use super::super::indicator::Project;
    use super::*;

    fn ind(part: &str, code: &str, no: &str, status: &str, relisted: bool) -> Indicator {
        let mut i = Indicator::new(&format!("指標{no}"));
        i.part = part.to_string();
        i.field_code = code.to_string();
        i.source = "資料2-2".to_string();
        i.relisted = relisted;
        i.project = Some(Project { no: Some(no.to_string()), name: format!("事業{no}") });
        i.printed_status.insert(FiscalYear::reiwa(4), status.to_string());
        i
    }

    #[test]
    fn projects_count_once_and_relisted_rows_not_at_all() {
        let rows = vec![
            ind("行政", "Ⅱ-1", "39", "一部達成", false),
            ind("行政", "Ⅱ-1", "再掲", "一部達成", true),
            ind("行政", "Ⅰ-1", "5", "達成", false),
            ind("行政", "Ⅰ-1", "6", "達成", false),
            ind("行政", "Ⅰ-1", "6", "一部達成", false),
        ];
        let fields = vec![
            FieldSpec {
                part: "行政".into(),
                code: "Ⅰ-1".into(),
                name: "a".into(),
                projects: Some(7),
                printed_kpi_projects: Some(2),
                printed_achieved: Some(1),
            },
            FieldSpec {
                part: "行政".into(),
                code: "Ⅱ".into(),
                name: "b".into(),
                projects: Some(7),
                printed_kpi_projects: Some(1),
                printed_achieved: Some(0),
            },
        ];
        let computed = vec![None; rows.len()];
        let ps = projects(&rows, &computed, &Preset::two_level(), FiscalYear::reiwa(4), &fields);
        assert_eq!(ps.len(), 3);
        let table = rollup(&ps, Basis::Printed, &fields);
        let got: Vec<_> = table.iter().map(|r| (r.field_code.as_str(), r.kpi_projects, r.achieved)).collect();
        assert_eq!(got, vec![("Ⅰ-1", 2, 1), ("Ⅱ", 1, 0), ("", 3, 1)]);
        assert!(table.iter().all(|r| r.matches_printed() == Some(true)));
        assert_eq!(table[2].projects, Some(14));
        assert_eq!(table[2].rate_text(), "33%");
        assert_eq!(differences(&ps).len(), 3, "nothing was computed");
    }

    #[test]
    fn rates_round_half_up_like_the_printed_summary() {
        assert_eq!(percent(7, 12), Some(58));
        assert_eq!(percent(33, 50), Some(66));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(7, 8), Some(88));
        assert_eq!(percent(0, 0), None);
    }
}
