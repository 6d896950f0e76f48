//! Column mappings: which column holds the indicator's name, its targets and actuals per fiscal year, its printed
//! status. The seed's headers (`kpi_r4_results.csv`, `kpi_r5.csv`, `plan_kpis_1-1.csv`) and common Japanese ones
//! (`指標名`, `R4目標`, `実績値(R4)`, `達成状況`) are recognised; any other table needs a mapping the user confirms once.

use serde::{Deserialize, Serialize};
use shiryo_core::kpi::{parse_value, FiscalYear, Indicator, Polarity, Project};

use crate::error::{Error, Result};
use crate::read::Table;

/// A column holding one fiscal year's values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearColumn {
    /// The fiscal year by the calendar year it starts in (2022 = R4).
    pub year: i32,
    pub column: String,
}

/// Which column is what, by header text. Stored per workspace (as JSON) for the header set it was made for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnMapping {
    pub name: String,
    pub part: Option<String>,
    pub field_code: Option<String>,
    pub field: Option<String>,
    /// The item or project name (事業名).
    pub item: Option<String>,
    pub project_no: Option<String>,
    pub relisted: Option<String>,
    /// The 資料 the row comes from; without it, every row's source is the file name.
    pub source: Option<String>,
    /// A key naming the same indicator across materials.
    pub reference: Option<String>,
    /// A row number within the part; with `part` it makes the reference (`地域-52`) when there is no reference column.
    pub number: Option<String>,
    pub baseline: Option<String>,
    pub baseline_year: Option<String>,
    pub polarity: Option<String>,
    pub note: Option<String>,
    pub targets: Vec<YearColumn>,
    pub actuals: Vec<YearColumn>,
    pub statuses: Vec<YearColumn>,
}

/// A row kept out of the import, with its row number and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    pub row: usize,
    pub reason_ja: String,
}

/// The indicators of a table and the rows kept out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportResult {
    pub indicators: Vec<Indicator>,
    pub rejected: Vec<RejectedRow>,
}

/// The header set as one key (for remembering a mapping per workspace).
pub fn header_signature(headers: &[String]) -> String {
    headers.iter().map(|h| h.trim()).collect::<Vec<_>>().join("\u{1f}")
}

fn find(headers: &[String], names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| headers.iter().find(|h| h.trim() == *n)).map(|h| h.trim().to_string())
}

/// What a year column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearKind {
    Target,
    Actual,
    Status,
}

/// `r4_target`, `target_r5`, `r5` (a target), `r4_actual`, `actual_r4`, `r4_status`, `R4目標`, `目標値(R5)`,
/// `令和4年度実績`, `実績値（R4）`, `R4達成状況`.
fn year_column(header: &str) -> Option<(YearKind, FiscalYear)> {
    let h = shiryo_core::kpi::value::normalize(header.trim()).to_lowercase();
    for (kind, words) in [
        (YearKind::Target, ["target", "目標値", "目標"]),
        (YearKind::Actual, ["actual", "実績値", "実績"]),
        (YearKind::Status, ["status", "達成状況", "評価"]),
    ] {
        for w in words {
            if h.contains(w) {
                let rest = h.replace(w, "");
                let rest = rest.trim_matches(|c: char| matches!(c, '_' | ' ' | '(' | ')' | '-'));
                if let Some(y) = FiscalYear::parse(&rest.to_uppercase()) {
                    return Some((kind, y));
                }
            }
        }
    }
    // a bare `r5` is that year's target (資料2-4)
    FiscalYear::parse(&h.to_uppercase()).filter(|_| h.starts_with('r')).map(|y| (YearKind::Target, y))
}

/// Recognises the seed's headers and common Japanese ones; `None` when there is no name column or no year column.
pub fn recognise(headers: &[String]) -> Option<ColumnMapping> {
    let name = find(headers, &["indicator", "name", "指標名", "指標", "KPI", "成果指標"])?;
    let mut m = ColumnMapping {
        name,
        part: find(headers, &["part", "区分", "pillar"]),
        field_code: find(headers, &["field_code", "分野番号", "sub_item"]),
        field: find(headers, &["field", "分野", "sub_item_title"]),
        item: find(headers, &["item", "事業名", "事業", "項目", "main_initiative", "取組"]),
        project_no: find(headers, &["project_no", "事業番号", "No.", "No"]),
        relisted: find(headers, &["relisted", "再掲"]),
        source: find(headers, &["source", "資料"]),
        reference: find(headers, &["kpi_r5_ref", "reference", "参照"]),
        number: find(headers, &["no", "番号"]),
        baseline: find(headers, &["baseline", "基準値"]),
        baseline_year: find(headers, &["baseline_year", "基準年度"]),
        polarity: find(headers, &["polarity", "方向"]),
        note: find(headers, &["note", "備考"]),
        ..ColumnMapping::default()
    };
    let mut bare_status = None;
    for h in headers {
        let h = h.trim();
        if matches!(h, "status" | "達成状況" | "評価") {
            bare_status = Some(h.to_string());
            continue;
        }
        if let Some((kind, year)) = year_column(h) {
            let col = YearColumn { year: year.0, column: h.to_string() };
            match kind {
                YearKind::Target => m.targets.push(col),
                YearKind::Actual => m.actuals.push(col),
                YearKind::Status => m.statuses.push(col),
            }
        }
    }
    // a status column without a year is the status of the latest actual
    if let (Some(col), Some(year)) = (bare_status, m.actuals.iter().map(|c| c.year).max()) {
        m.statuses.push(YearColumn { year, column: col });
    }
    (!m.targets.is_empty() || !m.actuals.is_empty()).then_some(m)
}

impl ColumnMapping {
    /// Every column the mapping names must be in the table.
    pub fn validate(&self, headers: &[String]) -> Result<()> {
        if self.name.trim().is_empty() {
            return Err(Error::Mapping("no name column".to_string()));
        }
        let singles = [
            Some(&self.name),
            self.part.as_ref(),
            self.field_code.as_ref(),
            self.field.as_ref(),
            self.item.as_ref(),
            self.project_no.as_ref(),
            self.relisted.as_ref(),
            self.source.as_ref(),
            self.reference.as_ref(),
            self.number.as_ref(),
            self.baseline.as_ref(),
            self.baseline_year.as_ref(),
            self.polarity.as_ref(),
            self.note.as_ref(),
        ];
        let years = self.targets.iter().chain(&self.actuals).chain(&self.statuses).map(|c| &c.column);
        for column in singles.into_iter().flatten().chain(years) {
            if !headers.iter().any(|h| h.trim() == column) {
                return Err(Error::MappingColumn { column: column.clone() });
            }
        }
        Ok(())
    }
}

/// The mapping for a table: the given one (checked), else a recognised one.
pub fn mapping_for(table: &Table, given: Option<&ColumnMapping>) -> Result<ColumnMapping> {
    match given {
        Some(m) => {
            m.validate(&table.headers)?;
            Ok(m.clone())
        }
        None => recognise(&table.headers)
            .ok_or_else(|| Error::UnknownColumns { name: table.name.clone(), headers: table.headers.join(", ") }),
    }
}

fn parse_polarity(text: &str) -> Option<Polarity> {
    match text.trim() {
        "higher" | "高いほど良い" | "増加" | "↑" => Some(Polarity::HigherIsBetter),
        "lower" | "低いほど良い" | "減少" | "↓" => Some(Polarity::LowerIsBetter),
        "keep" | "維持" => Some(Polarity::Keep),
        _ => None,
    }
}

/// The field code written at the head of a field name: `２　行政サービスの向上…` → `２`, `第4-1　市町村支援・連携` → `第4-1`.
fn code_from_field(field: &str) -> String {
    match field.trim().split_once(['\u{3000}', ' ']) {
        Some((code, _)) if code.chars().count() <= 6 => code.to_string(),
        _ => String::new(),
    }
}

/// Builds the indicators of a table. Bad rows are kept out and reported by row number; nothing else is lost.
pub fn import(table: &Table, mapping: &ColumnMapping) -> Result<ImportResult> {
    mapping.validate(&table.headers)?;
    let idx = |c: &Option<String>| c.as_ref().and_then(|c| table.column(c));
    let name_col = table.column(&mapping.name).ok_or_else(|| Error::MappingColumn { column: mapping.name.clone() })?;
    let (part, field_code, field, item) =
        (idx(&mapping.part), idx(&mapping.field_code), idx(&mapping.field), idx(&mapping.item));
    let (project_no, relisted, source, reference) =
        (idx(&mapping.project_no), idx(&mapping.relisted), idx(&mapping.source), idx(&mapping.reference));
    let (number, baseline, baseline_year, polarity, note) = (
        idx(&mapping.number),
        idx(&mapping.baseline),
        idx(&mapping.baseline_year),
        idx(&mapping.polarity),
        idx(&mapping.note),
    );
    let years = |cols: &[YearColumn]| -> Vec<(FiscalYear, usize)> {
        cols.iter().filter_map(|c| table.column(&c.column).map(|i| (FiscalYear(c.year), i))).collect()
    };
    let (targets, actuals, statuses) = (years(&mapping.targets), years(&mapping.actuals), years(&mapping.statuses));
    let default_source = table.name.clone();

    let mut out = ImportResult { indicators: Vec::new(), rejected: Vec::new() };
    for (row, reason) in &table.unreadable {
        out.rejected.push(RejectedRow { row: *row, reason_ja: format!("行を読み取れません（{reason}）") });
    }
    for (row, cells) in &table.rows {
        let cell = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(String::as_str).unwrap_or("");
        let name = cell(Some(name_col));
        if name.trim().is_empty() {
            out.rejected.push(RejectedRow { row: *row, reason_ja: "指標名が空欄です".to_string() });
            continue;
        }
        let mut ind = Indicator::new(name);
        ind.row = *row;
        ind.part = cell(part).trim().to_string();
        ind.field = cell(field).trim().to_string();
        ind.field_code =
            if field_code.is_some() { cell(field_code).trim().to_string() } else { code_from_field(&ind.field) };
        let no = cell(project_no).trim();
        let relisted_text = cell(relisted).trim();
        ind.relisted = no == "再掲" || matches!(relisted_text, "yes" | "true" | "1" | "再掲" | "○" | "〇");
        let item_name = cell(item).trim();
        if !item_name.is_empty() || !no.is_empty() {
            let no = (!no.is_empty() && no != "再掲").then(|| no.to_string());
            ind.project = Some(Project { no, name: item_name.to_string() });
        }
        ind.source = if source.is_some() { cell(source).trim().to_string() } else { default_source.clone() };
        ind.reference = if reference.is_some() {
            cell(reference).trim().to_string()
        } else if number.is_some() && !cell(number).trim().is_empty() {
            format!("{}-{}", ind.part, cell(number).trim())
        } else {
            String::new()
        };
        ind.baseline = parse_value(cell(baseline));
        // kept as written; a year that is not one fiscal year (`R1･R2平均`) stays text only
        ind.baseline_year_raw = cell(baseline_year).trim().to_string();
        ind.baseline_year = FiscalYear::parse(&ind.baseline_year_raw);
        let polarity_text = cell(polarity).trim();
        if !polarity_text.is_empty() {
            match parse_polarity(polarity_text) {
                Some(p) => ind.polarity_override = Some(p),
                None => {
                    out.rejected.push(RejectedRow {
                        row: *row,
                        reason_ja: format!("方向「{polarity_text}」を読めません（higher / lower / keep）"),
                    });
                    continue;
                }
            }
        }
        // empty cells are absent years; a dash is kept (not set for that year)
        for (year, i) in &targets {
            if !cell(Some(*i)).trim().is_empty() {
                ind.targets.insert(*year, parse_value(cell(Some(*i))));
            }
        }
        for (year, i) in &actuals {
            if !cell(Some(*i)).trim().is_empty() {
                ind.actuals.insert(*year, parse_value(cell(Some(*i))));
            }
        }
        for (year, i) in &statuses {
            if !cell(Some(*i)).trim().is_empty() {
                ind.printed_status.insert(*year, cell(Some(*i)).trim().to_string());
            }
        }
        ind.note = cell(note).to_string();
        out.indicators.push(ind);
    }
    out.rejected.sort_by_key(|r| r.row);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn the_seed_headers_are_recognised() {
        let r4 = recognise(&headers("source,part,field_code,field,item,project_no,relisted,indicator,r4_target,r4_actual,status,r5_target,r5_target_source,kpi_r5_ref,note")).unwrap();
        assert_eq!(r4.name, "indicator");
        assert_eq!(r4.targets.iter().map(|c| c.year).collect::<Vec<_>>(), vec![2022, 2023]);
        assert_eq!(r4.actuals, vec![YearColumn { year: 2022, column: "r4_actual".into() }]);
        assert_eq!(r4.statuses, vec![YearColumn { year: 2022, column: "status".into() }]);
        assert_eq!(r4.reference.as_deref(), Some("kpi_r5_ref"));

        let r5 = recognise(&headers("part,no,field,item,name,baseline,r4,r5,r6,r7,item_code,note")).unwrap();
        assert_eq!(r5.targets.len(), 4);
        assert_eq!(r5.number.as_deref(), Some("no"));

        let plan = recognise(&headers("pillar,pillar_title,pillar_plan_counts,sub_item,sub_item_title,main_initiative,indicator,baseline,baseline_year,actual_r4,target_r5,target_r7,note")).unwrap();
        assert_eq!(plan.actuals[0].year, 2022);
        assert_eq!(plan.targets.iter().map(|c| c.year).collect::<Vec<_>>(), vec![2023, 2025]);
        assert_eq!(plan.part.as_deref(), Some("pillar"));
    }

    #[test]
    fn japanese_headers_are_recognised() {
        let m = recognise(&headers("分野,指標名,基準値,R4目標,実績値(R4),R4達成状況,目標値（令和５年度）")).unwrap();
        assert_eq!(m.name, "指標名");
        assert_eq!(m.targets.iter().map(|c| c.year).collect::<Vec<_>>(), vec![2022, 2023]);
        assert_eq!(m.actuals[0].column, "実績値(R4)");
        assert_eq!(m.statuses[0].year, 2022);
        assert!(recognise(&headers("a,b,c")).is_none());
    }

    #[test]
    fn bad_rows_are_kept_out_by_row_number() {
        let table = Table {
            name: "t.csv".into(),
            headers: headers("name,baseline_year,polarity,r4_target"),
            rows: vec![
                (2, vec!["A".into(), "R3".into(), "lower".into(), "5".into()]),
                (3, vec!["".into(), "".into(), "".into(), "5".into()]),
                (4, vec!["B".into(), "R1･R2平均".into(), "".into(), "5".into()]),
                (5, vec!["C".into(), "".into(), "sideways".into(), "5".into()]),
            ],
            unreadable: vec![(6, "wrong number of fields".into())],
        };
        let m = recognise(&table.headers).unwrap();
        let r = import(&table, &m).unwrap();
        assert_eq!(r.indicators.len(), 2);
        assert_eq!(r.indicators[0].polarity_override, Some(Polarity::LowerIsBetter));
        assert_eq!(r.indicators[0].baseline_year, Some(FiscalYear(2021)));
        assert_eq!((r.indicators[1].baseline_year, r.indicators[1].baseline_year_raw.as_str()), (None, "R1･R2平均"));
        assert_eq!(r.rejected.iter().map(|r| r.row).collect::<Vec<_>>(), vec![3, 5, 6]);
    }

    #[test]
    fn a_mapping_naming_a_missing_column_is_refused() {
        let m = ColumnMapping { name: "指標".into(), baseline: Some("基準".into()), ..ColumnMapping::default() };
        assert!(matches!(m.validate(&headers("指標,目標")), Err(Error::MappingColumn { .. })));
    }
}
