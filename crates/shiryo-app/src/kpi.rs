//! KPI use cases: check a table file (judgements, findings, roll-ups) and import one into the workspace.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use shiryo_core::kpi::Indicator;
use shiryo_kpi::mapping::header_signature;
use shiryo_kpi::{import, mapping_for, read_field_specs, read_file, recognise, Table};
use shiryo_store::NewKpiTable;

pub use shiryo_core::kpi::{FiscalYear, Polarity, Preset};
pub use shiryo_kpi::report::{Report, Summary};
pub use shiryo_kpi::tables;
pub use shiryo_kpi::{CheckOptions, ColumnMapping, Error as KpiError, RejectedRow};

use crate::{App, AppError, Result};

/// What `shiryo kpi check` asks for.
#[derive(Debug, Clone, Default)]
pub struct KpiCheckRequest {
    pub path: PathBuf,
    /// A per-field summary table (資料2-1, `dx_summary.csv`): 事業数 and the printed A/B to compare.
    pub fields: Option<PathBuf>,
    /// `two-level`, `three-level` or `s-a-b-c`; default: the one the printed statuses use.
    pub preset: Option<Preset>,
    pub year: Option<FiscalYear>,
    pub mapping: Option<ColumnMapping>,
    /// The plan the results report on (資料2-4, `kpi_r5.csv`): baselines and later targets by reference.
    pub plan: Option<PathBuf>,
}

/// Where the column mapping of an import came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingSource {
    Given,
    /// Confirmed earlier for the same headers in this workspace.
    Remembered,
    /// The headers were recognised.
    Recognised,
}

/// The outcome of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiImportReport {
    pub table_id: i64,
    pub imported: usize,
    /// Rows kept out, by row number.
    pub rejected: Vec<RejectedRow>,
    pub mapping_source: MappingSource,
}

fn read_indicators(path: &Path, mapping: Option<&ColumnMapping>) -> Result<(Table, Vec<Indicator>, Vec<RejectedRow>)> {
    let table = read_file(path)?;
    let mapping = mapping_for(&table, mapping)?;
    let result = import(&table, &mapping)?;
    Ok((table, result.indicators, result.rejected))
}

/// Checks a KPI table file: no workspace needed.
pub fn check_kpi_file(req: &KpiCheckRequest) -> Result<(Report, Vec<RejectedRow>)> {
    let (_, indicators, rejected) = read_indicators(&req.path, req.mapping.as_ref())?;
    let year = req.year.or_else(|| latest_year(&indicators));
    let fields = match &req.fields {
        Some(p) => read_fields(p, year)?,
        None => Vec::new(),
    };
    let plan = match &req.plan {
        Some(p) => read_indicators(p, None)?.1,
        None => Vec::new(),
    };
    let options = CheckOptions { preset: req.preset.clone(), year, fields, plan };
    Ok((shiryo_kpi::check(&indicators, &options), rejected))
}

/// The latest year with a printed status or an actual.
pub fn latest_year(indicators: &[Indicator]) -> Option<FiscalYear> {
    shiryo_kpi::report::latest_year(indicators)
}

/// Reads a per-field summary table (資料2-1, `dx_summary.csv`) for the roll-up of `year`.
pub fn read_fields(path: &Path, year: Option<FiscalYear>) -> Result<Vec<shiryo_core::kpi::FieldSpec>> {
    let prefix = year.map(|y| y.short().to_lowercase()).unwrap_or_default();
    Ok(read_field_specs(&read_file(path)?, &prefix)?)
}

impl App {
    /// Chooses the working columns a KPI 資料 prints besides the original's: 備考 (the notes, the reviewer's too)
    /// and 区分. Both are off unless chosen here.
    pub fn set_kpi_print_columns(&mut self, meeting_id: i64, label: &str, note: bool, part: bool) -> Result<()> {
        let material_id = self.material_id_by_label(meeting_id, label)?;
        Ok(self.ws.set_kpi_print_columns(material_id, note, part)?)
    }

    /// Imports a KPI table file into the workspace in one transaction (all good rows or none), keeping the file
    /// byte for byte and remembering the column mapping for its headers. Bad rows are kept out and reported.
    pub fn import_kpi_file(
        &mut self,
        path: &Path,
        meeting_id: Option<i64>,
        mapping: Option<&ColumnMapping>,
        now: NaiveDateTime,
    ) -> Result<KpiImportReport> {
        let content = shiryo_kpi::read_capped(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let table = shiryo_kpi::read_bytes(&name, &content)?;
        let signature = header_signature(&table.headers);
        let remembered = match self.ws.kpi_mapping(&signature)? {
            Some(json) => Some(
                serde_json::from_str::<ColumnMapping>(&json)
                    .map_err(|source| AppError::Json { what: "a remembered column mapping", source })?,
            ),
            None => None,
        };
        let (mapping, mapping_source) = match (mapping, remembered) {
            (Some(m), _) => (m.clone(), MappingSource::Given),
            (None, Some(m)) => (m, MappingSource::Remembered),
            (None, None) => (
                recognise(&table.headers).ok_or_else(|| KpiError::UnknownColumns {
                    name: name.clone(),
                    headers: table.headers.join(", "),
                })?,
                MappingSource::Recognised,
            ),
        };
        let result = import(&table, &mapping)?;
        let mapping_json =
            serde_json::to_string(&mapping).map_err(|source| AppError::Json { what: "a column mapping", source })?;
        let table_id = self.ws.import_kpi_table(
            &NewKpiTable {
                meeting_id,
                file_name: &name,
                media_type: shiryo_core::sniff(&path.to_string_lossy(), &[]).media_type(),
                content: &content,
                header_signature: &signature,
                mapping_json: &mapping_json,
                indicators: &result.indicators,
                material_id: None,
            },
            now,
        )?;
        Ok(KpiImportReport { table_id, imported: result.indicators.len(), rejected: result.rejected, mapping_source })
    }

    /// The indicators of an imported KPI table.
    pub fn kpi_indicators(&self, table_id: i64) -> Result<Vec<Indicator>> {
        Ok(self.ws.load_kpi_indicators(table_id)?)
    }

    /// Saves the user's edits of one row of an imported table: polarity override (`Some(None)`: inferred again)
    /// and note.
    pub fn edit_kpi_row(
        &mut self,
        table_id: i64,
        source_row: usize,
        polarity: Option<Option<shiryo_core::kpi::Polarity>>,
        note: Option<&str>,
    ) -> Result<()> {
        Ok(self.ws.edit_kpi_row(table_id, source_row, polarity, note)?)
    }

    /// An imported KPI table as UTF-8 CSV, values exactly as printed (the headers are recognised on import).
    pub fn export_kpi_csv(&self, table_id: i64) -> Result<String> {
        Ok(shiryo_kpi::to_csv(&self.kpi_indicators(table_id)?))
    }

    /// The KPI tables of a meeting, or all of them.
    pub fn kpi_tables(&self, meeting_id: Option<i64>) -> Result<Vec<shiryo_store::KpiTableRow>> {
        Ok(self.ws.kpi_tables(meeting_id)?)
    }

    /// Checks an imported KPI table as `check_kpi_file` checks a file.
    pub fn check_kpi_table(&self, table_id: i64, options: &CheckOptions) -> Result<Report> {
        Ok(shiryo_kpi::check(&self.kpi_indicators(table_id)?, options))
    }
}

impl From<KpiError> for AppError {
    fn from(e: KpiError) -> Self {
        AppError::Kpi(e)
    }
}

/// The indicators of one stored KPI file, when its columns are recognised or were mapped before in this
/// workspace; `None` otherwise (the file then prints as the table it is).
fn stored_indicators(
    ws: &shiryo_store::Workspace,
    file: &shiryo_store::MaterialFile,
) -> Result<Option<Vec<Indicator>>> {
    let table = shiryo_kpi::read_bytes(&file.file_name, &file.content)?;
    let mapping = match ws.kpi_mapping(&header_signature(&table.headers))? {
        Some(json) => serde_json::from_str::<ColumnMapping>(&json).ok(),
        None => None,
    };
    let Some(mapping) = mapping.or_else(|| recognise(&table.headers)) else { return Ok(None) };
    Ok(Some(import(&table, &mapping)?.indicators))
}

/// Whether a stored file is a KPI table the importer reads (CSV or a spreadsheet).
pub(crate) fn is_table_file(f: &shiryo_store::MaterialFile) -> bool {
    // A 表 資料's sheet (role `table`) is printed as it is, never read as KPI rows.
    f.role != crate::table_material::TABLE_ROLE && shiryo_core::sniff(&f.file_name, &f.content).is_spreadsheet()
}

/// What a 資料 with a summary file (資料2-1: the roll-up per field) counts: the rows with a printed status of
/// the meeting's other KPI 資料 that are not summaries themselves (資料2-2), with their labels; its `own` rows
/// when there are none ("この資料"). The PDF and the review screen count the same rows.
pub(crate) fn summary_pool(
    ws: &shiryo_store::Workspace,
    meeting: &shiryo_core::Meeting,
    material_id: i64,
    own: Vec<Indicator>,
) -> Result<(Vec<Indicator>, Vec<String>)> {
    let mut pool: Vec<Indicator> = Vec::new();
    let mut counted: Vec<String> = Vec::new();
    for m in meeting.numbered_materials() {
        if m.material.id == material_id || m.material.kind != shiryo_core::MaterialKind::KpiTable {
            continue;
        }
        let theirs = ws.material_files(m.material.id)?;
        if theirs.iter().any(|f| f.role == "summary") {
            continue;
        }
        let before = pool.len();
        for f in theirs.iter().filter(|f| is_table_file(f)) {
            if let Some(inds) = stored_indicators(ws, f)? {
                pool.extend(inds.into_iter().filter(|i| i.printed_status.values().any(|s| !s.trim().is_empty())));
            }
        }
        if pool.len() > before {
            counted.push(m.label.clone());
        }
    }
    if pool.is_empty() {
        return Ok((own, vec!["この資料".to_string()]));
    }
    Ok((pool, counted))
}

/// What a KPI 資料 prints, built from the KPI model: its roll-up (when it has a per-field summary file, role
/// `summary`, like 資料2-1) with the chart, then one indicator table per source file with 令和 year headings.
/// `None` when a file's columns are not recognised: the caller prints the stored files as they are.
///
/// The roll-up counts the printed 達成状況 of the meeting's other KPI 資料 without a summary of their own (資料2-1
/// summarises 資料2-2's rows, as the seed's does), or its own rows when the meeting has none.
pub(crate) fn print_content(
    ws: &shiryo_store::Workspace,
    meeting: &shiryo_core::Meeting,
    material_id: i64,
) -> Result<Option<shiryo_print::KpiPrint>> {
    use shiryo_print::{KpiColumn, KpiPrint, KpiRollup, KpiSection, KpiTable};

    let files = ws.material_files(material_id)?;
    let summary = files.iter().find(|f| f.role == "summary" && is_table_file(f));
    let mut own = Vec::new();
    // The tables imported into the 資料 (with the user's statuses set by hand) when there are any, else its files.
    let linked = ws.kpi_tables_of_material(material_id)?;
    for t in &linked {
        let overrides = ws.kpi_status_overrides(t.id)?;
        let mut inds = ws.load_kpi_indicators(t.id)?;
        if let Some(year) = latest_year(&inds) {
            for ind in &mut inds {
                if let Some(s) = overrides.get(&ind.row) {
                    ind.printed_status.insert(year, s.clone());
                }
            }
        }
        own.push(inds);
    }
    for f in files.iter().filter(|f| linked.is_empty() && f.role != "summary" && is_table_file(f)) {
        match stored_indicators(ws, f)? {
            Some(inds) => own.push(inds),
            None => return Ok(None),
        }
    }
    if own.is_empty() && summary.is_none() {
        return Ok(None);
    }
    let mut sections = Vec::new();
    if let Some(summary) = summary {
        let own_rows: Vec<Indicator> = own.iter().flatten().cloned().collect();
        let (pool, counted) = summary_pool(ws, meeting, material_id, own_rows)?;
        let year = latest_year(&pool);
        let prefix = year.map(|y| y.short().to_lowercase()).unwrap_or_default();
        let fields = read_field_specs(&shiryo_kpi::read_bytes(&summary.file_name, &summary.content)?, &prefix)?;
        let report = shiryo_kpi::check(&pool, &CheckOptions { year, fields, ..CheckOptions::default() });
        let rows: Vec<_> = report.rollups.into_iter().filter(|r| r.basis == shiryo_core::kpi::Basis::Printed).collect();
        let year_label = year.map(FiscalYear::label).unwrap_or_default();
        sections.push(KpiSection::Rollup(KpiRollup {
            title: format!("{year_label}　分野別のＫＰＩ達成状況"),
            rows,
            note: format!(
                "※{}の記載の達成状況を事業単位で集計（一つの事業に複数の指標があるときは全て達成で「達成」、再掲は数えない）。",
                counted.join("・")
            ),
        }));
    }
    for inds in &own {
        // Each 区分 (行政 / 地域) is a table of its own, as the seed prints them, with its name above it.
        let mut parts: Vec<(String, Vec<Indicator>)> = Vec::new();
        for ind in inds {
            match parts.last_mut() {
                Some((part, list)) if *part == ind.part => list.push(ind.clone()),
                _ => parts.push((ind.part.clone(), vec![ind.clone()])),
            }
        }
        let (note, part_column) = ws.kpi_print_columns(material_id)?;
        let print = tables::PrintColumns { note, part: part_column };
        let several = parts.len() > 1 && !part_column;
        if part_column {
            parts = vec![(String::new(), inds.clone())];
        }
        for (part, list) in parts {
            let caption =
                if several && !part.trim().is_empty() { format!("【{}】", part.trim()) } else { String::new() };
            let t = tables::indicator_table_with(&caption, &list, print);
            let columns = t
                .headers
                .iter()
                .zip(&t.numeric)
                .map(|(title, &numeric)| KpiColumn {
                    title: title.clone(),
                    numeric,
                    group: title == "分野" || title == "項目",
                })
                .collect();
            sections.push(KpiSection::Table(KpiTable { title: t.title, columns, rows: t.rows }));
        }
    }
    Ok(Some(KpiPrint { sections }))
}
