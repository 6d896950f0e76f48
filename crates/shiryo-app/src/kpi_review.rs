//! The KPI review screen's use cases: a KPI 資料's indicators with their judgement, findings, trend and the
//! user's edits (note, polarity, status), the roll-ups from printed and from computed statuses side by side, and
//! the import of a CSV/.xlsx file (bytes and name from the page) into the 資料.

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};
use shiryo_core::kpi::{Basis, FiscalYear, Indicator, Polarity};
use shiryo_core::MaterialKind;
use shiryo_kpi::mapping::header_signature;
use shiryo_kpi::{import, recognise, CheckOptions, ColumnMapping, YearColumn};
use shiryo_store::{MaterialFile, NewKpiTable, Rows};
use ts_rs::TS;

use crate::history::Scope;
use crate::kpi::is_table_file;
use crate::{App, AppError, Result};

/// Which KPI 資料 to review.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiReviewRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
}

/// One fiscal year of a row, values as printed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiYearView {
    /// 令和４年度
    pub label: String,
    /// R4
    pub short: String,
    pub target: String,
    pub actual: String,
    pub printed_status: String,
}

/// A point of the sparkline: the baseline (slot 0), then each fiscal year's target and actual at the same slot, so
/// the line of actuals runs from the baseline through the years with each year's target beside it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiTrendPoint {
    /// `基準`, `R4`, `R5`
    pub label: String,
    /// `baseline`, `actual` or `target`
    pub kind: String,
    /// 0 for the baseline, 1 for the first year, …: the x position.
    pub slot: u32,
    /// The number read from the value (scale applied).
    pub value: f64,
    /// What a person reads: 「R4 実績 167.3時間」 (the value with its unit).
    pub text: String,
}

/// A finding beside its row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiFindingView {
    pub code: String,
    /// The code's Japanese name (目標値がない …): what filters and the detail panel show.
    pub label: String,
    /// `error`, `warning` or `info`
    pub severity: String,
    pub message: String,
}

/// One indicator of the review grid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiRowView {
    /// Unique in the view: `tableId:row`.
    pub key: String,
    #[ts(type = "number")]
    pub table_id: i64,
    /// The row number in the source file.
    pub row: u32,
    pub part: String,
    /// `Ⅲ-4 産業振興`
    pub field: String,
    pub project: String,
    pub name: String,
    /// As printed; a bare number gets the unit the row's other values are written in (169 → 169時間).
    pub baseline: String,
    pub baseline_year: String,
    /// Targets and actuals as printed, a bare number with the row's unit as for `baseline`.
    pub years: Vec<KpiYearView>,
    /// `higher`, `lower`, `keep` (or `assumed`: nothing tells, treated as higher).
    pub polarity: String,
    /// 多いほど良い …
    pub polarity_label: String,
    /// The user's override, or null when inferred.
    pub polarity_override: Option<String>,
    /// The judgement of the review year from the numbers, as the preset labels it.
    pub computed_status: String,
    /// The 達成状況 printed by the department for the review year.
    pub printed_status: String,
    /// The user's 達成状況, or null.
    pub status_override: Option<String>,
    /// Whether the printed (or the user's) status agrees with the numbers on achieved or not; null: not compared.
    pub agrees: Option<bool>,
    /// The colour of the status chip: `bad` (contradicts the numbers), `none` (no status), `ok` (the preset's
    /// achieved label or above), `part` (any other label).
    pub tone: String,
    /// `achieved`, `progressed`, `no_progress`, `shortfall`, `not_measurable`, or empty.
    pub outcome: String,
    /// (実績 − 基準) / (目標 − 基準) of the review year.
    pub progress_rate: Option<f64>,
    pub findings: Vec<KpiFindingView>,
    pub note: String,
    pub trend: Vec<KpiTrendPoint>,
}

/// The counts of one roll-up line on one basis (printed statuses or the numbers' judgement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiRollupCounts {
    pub kpi_projects: u32,
    pub achieved: u32,
    /// `58%` or `-`
    pub rate: String,
    pub partially_achieved: u32,
    pub not_measurable: u32,
}

/// One line of the roll-up: a field (or a part's total) counted from the printed statuses beside the same line
/// counted from the numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiRollupView {
    /// Unique in the view (a part may come back when several tables are reviewed).
    pub key: String,
    pub part: String,
    /// `Ⅰ-1 まず始めに実施すべき取組`, or `合計` for a part's total.
    pub field: String,
    pub is_total: bool,
    /// 事業数 from the field table (the 資料's own summary file, else the meeting's); `None` without one.
    pub projects: Option<u32>,
    pub printed: KpiRollupCounts,
    pub computed: Option<KpiRollupCounts>,
    /// The two bases count a different A or B.
    pub differs: bool,
}

/// A project whose computed status differs from the printed one, with its rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiDifferenceView {
    pub field: String,
    pub project: String,
    pub printed: String,
    pub computed: String,
    pub rows: Vec<u32>,
}

/// The counts of the review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiSummaryView {
    pub rows: u32,
    pub compared: u32,
    pub agreed: u32,
    pub disagreed: u32,
    pub flagged: u32,
}

/// The review of a KPI 資料.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiReviewView {
    #[ts(type = "number")]
    pub material_id: i64,
    pub title: String,
    /// The year judged and rolled up: 令和４年度 (empty when the tables have no actuals yet).
    pub year_label: String,
    /// The grading preset's name and its labels (the choices for a status set by hand).
    pub preset_name: String,
    pub status_labels: Vec<String>,
    pub rows: Vec<KpiRowView>,
    pub rollups: Vec<KpiRollupView>,
    /// Which rows the roll-ups count: 「資料２－２の行を事業単位で集計」 for a summary 資料, else its own.
    pub rollup_source: String,
    pub differences: Vec<KpiDifferenceView>,
    pub summary: KpiSummaryView,
    /// The imported tables (file names) the rows come from.
    pub files: Vec<String>,
    /// This 資料 has a step of its own to undo (an import, a note, a polarity or status set by hand) / to redo.
    pub can_undo: bool,
    pub can_redo: bool,
}

/// An edit of one row; absent fields are left as they are.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiEditRowRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    #[ts(type = "number")]
    pub table_id: i64,
    pub row: u32,
    /// `higher`, `lower`, `keep`, or `auto` (inferred again).
    #[ts(optional)]
    pub polarity: Option<String>,
    #[ts(optional)]
    pub note: Option<String>,
    /// The 達成状況 set by hand; an empty string clears it (the printed one stands).
    #[ts(optional)]
    pub status: Option<String>,
}

/// A column mapping confirmed by the user: which header is what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiColumnMappingDto {
    /// The indicator name column.
    pub name: String,
    pub field: Option<String>,
    pub item: Option<String>,
    pub baseline: Option<String>,
    pub note: Option<String>,
    /// (fiscal year by the calendar year it starts in, column): 目標値, 実績値, 達成状況.
    pub targets: Vec<KpiYearColumnDto>,
    pub actuals: Vec<KpiYearColumnDto>,
    pub statuses: Vec<KpiYearColumnDto>,
}

/// A column of one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiYearColumnDto {
    pub year: i32,
    pub column: String,
}

/// A file chosen in the page, to import into a KPI 資料.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiImportRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub file_name: String,
    /// The file's bytes; absent with a `mapping`: the file of the last `needsMapping` answer for this 資料, kept
    /// by the backend, so a file's bytes cross IPC once.
    #[ts(optional)]
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    /// The mapping the user confirmed for this file's headers (remembered for the same headers afterwards).
    #[ts(optional)]
    pub mapping: Option<KpiColumnMappingDto>,
}

/// A file whose headers need a mapping, kept in memory until the mapping is confirmed (or another file comes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PendingKpiFile {
    material_id: i64,
    file_name: String,
    bytes: Vec<u8>,
}

/// A row kept out of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiRejectedRowView {
    pub row: u32,
    pub reason: String,
}

/// What an import did: the rows imported and those kept out, or the headers to map first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct KpiImportOutcome {
    /// Nothing was imported: the headers are not recognised and no mapping was confirmed for them yet.
    pub needs_mapping: bool,
    pub headers: Vec<String>,
    pub imported: u32,
    pub rejected: Vec<KpiRejectedRowView>,
    /// `given`, `remembered` or `recognised`
    pub mapping_source: String,
    pub review: Option<KpiReviewView>,
    /// The fiscal year the mapping dialog first gives a year column: the year before the one of `now` (the
    /// latest with results), from the time the shell passed in, so the page reads no clock.
    pub default_year: i32,
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<KpiColumnMappingDto> for ColumnMapping {
    fn from(d: KpiColumnMappingDto) -> Self {
        let years = |v: Vec<KpiYearColumnDto>| v.into_iter().map(|c| YearColumn { year: c.year, column: c.column });
        ColumnMapping {
            name: d.name,
            field: d.field,
            item: d.item,
            baseline: d.baseline,
            note: d.note,
            targets: years(d.targets).collect(),
            actuals: years(d.actuals).collect(),
            statuses: years(d.statuses).collect(),
            ..ColumnMapping::default()
        }
    }
}

impl App {
    fn kpi_material(&self, meeting_id: i64, material_id: i64) -> Result<(String, String)> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let m = meeting
            .numbered_materials()
            .into_iter()
            .find(|m| m.material.id == material_id)
            .ok_or(AppError::Store(shiryo_store::Error::MaterialNotFound { meeting_id, material_id }))?;
        if m.material.kind != MaterialKind::KpiTable {
            return Err(AppError::WrongMaterialKind {
                meeting_id,
                material_id,
                label: m.label.clone(),
                found: m.material.kind,
                expected: MaterialKind::KpiTable,
            });
        }
        Ok((m.label.clone(), m.material.title.clone()))
    }

    /// The 資料's stored source files (the demo's, or files attached before) become its KPI tables the first time
    /// it is reviewed, so that notes and overrides have rows to live on. Files whose headers are neither
    /// recognised nor mapped are left alone.
    pub(crate) fn ensure_kpi_tables(&mut self, meeting_id: i64, material_id: i64, now: NaiveDateTime) -> Result<()> {
        if !self.ws.kpi_tables_of_material(material_id)?.is_empty() {
            return Ok(());
        }
        for f in self.ws.material_files(material_id)? {
            if f.role == "summary" || !is_table_file(&f) {
                continue;
            }
            let table = shiryo_kpi::read_bytes(&f.file_name, &f.content)?;
            let signature = header_signature(&table.headers);
            let mapping = match self.ws.kpi_mapping(&signature)? {
                Some(json) => serde_json::from_str::<ColumnMapping>(&json).ok(),
                None => None,
            }
            .or_else(|| recognise(&table.headers));
            let Some(mapping) = mapping else { continue };
            let result = import(&table, &mapping)?;
            let mapping_json = serde_json::to_string(&mapping)
                .map_err(|source| AppError::Json { what: "a column mapping", source })?;
            self.ws.import_kpi_table(
                &NewKpiTable {
                    meeting_id: Some(meeting_id),
                    file_name: &f.file_name,
                    media_type: &f.media_type,
                    content: &f.content,
                    header_signature: &signature,
                    mapping_json: &mapping_json,
                    indicators: &result.indicators,
                    material_id: Some(material_id),
                },
                now,
            )?;
        }
        Ok(())
    }

    /// The KPI table of a KPI 資料 given by its label (its first when it has several), its stored files imported
    /// as tables first if that has not happened yet.
    pub fn kpi_table_of_material(&mut self, meeting_id: i64, label: &str, now: NaiveDateTime) -> Result<i64> {
        let material_id = self.material_id_by_label(meeting_id, label)?;
        self.kpi_material(meeting_id, material_id)?;
        self.ensure_kpi_tables(meeting_id, material_id, now)?;
        let tables = self.ws.kpi_tables_of_material(material_id)?;
        tables.first().map(|t| t.id).ok_or_else(|| AppError::NoKpiTable { meeting_id, label: label.to_string() })
    }

    /// The review of a KPI 資料 (its stored files imported as its tables on first use).
    pub fn kpi_review(&mut self, req: &KpiReviewRequest, now: NaiveDateTime) -> Result<KpiReviewView> {
        let (label, title) = self.kpi_material(req.meeting_id, req.material_id)?;
        self.ensure_kpi_tables(req.meeting_id, req.material_id, now)?;
        self.build_review(req.meeting_id, req.material_id, format!("{label}　{title}"))
    }

    fn build_review(&self, meeting_id: i64, material_id: i64, title: String) -> Result<KpiReviewView> {
        let tables = self.ws.kpi_tables_of_material(material_id)?;
        let mut indicators: Vec<Indicator> = Vec::new();
        let mut origin: Vec<(i64, Option<String>, String)> = Vec::new();
        for t in &tables {
            let overrides = self.ws.kpi_status_overrides(t.id)?;
            for ind in self.ws.load_kpi_indicators(t.id)? {
                origin.push((t.id, overrides.get(&ind.row).cloned(), ind.printed_status_latest()));
                indicators.push(ind);
            }
        }
        let year = shiryo_kpi::report::latest_year(&indicators);
        // A status set by hand stands in for the printed one of the review year.
        for (ind, (_, status, _)) in indicators.iter_mut().zip(&origin) {
            if let (Some(s), Some(y)) = (status, year) {
                ind.printed_status.insert(y, s.clone());
            }
        }
        // The field table (事業数 per field) only shapes roll-ups: the 資料's own summary file, else the meeting's
        // (the plan's fields are the same for every KPI 資料 of the meeting); without one 事業数 is unknown.
        let summary_file = self.ws.material_files(material_id)?.into_iter().find(|f| f.role == "summary");
        let meeting = self.ws.load_meeting(meeting_id)?;
        let fields = match (&summary_file, self.meeting_summary_file(&meeting)?) {
            (None, Some(f)) => field_specs(&f, year)?,
            _ => Vec::new(),
        };
        let report = shiryo_kpi::check(&indicators, &CheckOptions { year, fields, ..CheckOptions::default() });
        // A summary 資料 (資料2-1) rolls up the rows of the meeting's other KPI 資料, as its PDF does; the rows
        // shown and judged are still its own.
        let (rollup_report, rollup_source) = match summary_file {
            Some(f) => {
                let (pool, counted) = crate::kpi::summary_pool(&self.ws, &meeting, material_id, indicators.clone())?;
                let pool_year = shiryo_kpi::report::latest_year(&pool);
                let fields = field_specs(&f, pool_year)?;
                let options = CheckOptions { year: pool_year, fields, ..CheckOptions::default() };
                (Some(shiryo_kpi::check(&pool, &options)), format!("{}の行を事業単位で集計", counted.join("・")))
            }
            None => (None, "この資料の行を事業単位で集計".to_string()),
        };
        let rolled = rollup_report.as_ref().unwrap_or(&report);
        let preset = shiryo_core::kpi::Preset::matching(
            indicators.iter().flat_map(|i| i.printed_status.values().map(String::as_str)),
        );
        let mut labels: Vec<String> = Vec::new();
        for l in [&preset.achieved, &preset.progressed, &preset.no_progress, &preset.shortfall, &preset.not_measurable]
            .into_iter()
            .chain(preset.exceeded.as_ref().map(|e| &e.label))
        {
            if !labels.contains(l) {
                labels.push(l.clone());
            }
        }
        let rows = indicators
            .iter()
            .zip(&report.rows)
            .zip(&origin)
            .map(|((ind, out), (table_id, status, printed))| {
                let mut view = row_view(ind, out, *table_id, status, printed, year);
                view.tone = tone(status.as_deref().unwrap_or(printed), out.agrees, &preset).to_string();
                view
            })
            .collect();
        let rollups = rollup_lines(&rolled.rollups);
        let differences = rolled
            .differences
            .iter()
            .map(|d| KpiDifferenceView {
                field: d.field_code.clone(),
                project: d.project.clone(),
                printed: d.printed.name_ja().to_string(),
                computed: d.computed.name_ja().to_string(),
                rows: d.rows.iter().map(|r| u32_of(*r)).collect(),
            })
            .collect();
        let s = &report.summary;
        Ok(KpiReviewView {
            material_id,
            title,
            year_label: year.map(FiscalYear::label).unwrap_or_default(),
            preset_name: preset.name_ja.clone(),
            status_labels: labels,
            rows,
            rollups,
            rollup_source,
            differences,
            summary: KpiSummaryView {
                rows: u32_of(s.rows),
                compared: u32_of(s.compared),
                agreed: u32_of(s.agreed),
                disagreed: u32_of(s.disagreed),
                flagged: u32_of(s.flagged),
            },
            files: tables.iter().map(|t| t.file_name.clone()).collect(),
            can_undo: self.history.can_undo(Scope::Content(material_id)),
            can_redo: self.history.can_redo(Scope::Content(material_id)),
        })
    }

    /// The field table of the meeting: the summary file (role `summary`) of its first KPI 資料 that has one.
    fn meeting_summary_file(&self, meeting: &shiryo_core::Meeting) -> Result<Option<MaterialFile>> {
        for m in meeting.numbered_materials() {
            if m.material.kind != MaterialKind::KpiTable {
                continue;
            }
            if let Some(f) = self.ws.material_files(m.material.id)?.into_iter().find(|f| f.role == "summary") {
                return Ok(Some(f));
            }
        }
        Ok(None)
    }

    /// Saves one row's note, polarity or status (each a transaction of its own) and answers with the review.
    pub fn kpi_edit_row(&mut self, req: &KpiEditRowRequest, now: NaiveDateTime) -> Result<KpiReviewView> {
        for (field, value) in [("向き", &req.polarity), ("備考", &req.note), ("達成状況", &req.status)] {
            if let Some(value) = value {
                crate::validate::note(field, value)?;
            }
        }
        self.kpi_material(req.meeting_id, req.material_id)?;
        if !self.ws.kpi_tables_of_material(req.material_id)?.iter().any(|t| t.id == req.table_id) {
            return Err(AppError::KpiTableNotFound { material_id: req.material_id, table_id: req.table_id });
        }
        let row = req.row as usize;
        let polarity = match req.polarity.as_deref() {
            None => None,
            Some("auto") => Some(None),
            Some(code) => Some(Some(
                Polarity::from_code(code)
                    .ok_or_else(|| AppError::InvalidValue { field: "向き", value: code.to_string() })?,
            )),
        };
        let rows = [Rows::KpiIndicator { table: req.table_id, source_row: i64::from(req.row) }];
        self.recorded(Scope::Content(req.material_id), Some(req.meeting_id), &rows, |ws| {
            if polarity.is_some() || req.note.is_some() {
                ws.edit_kpi_row(req.table_id, row, polarity, req.note.as_deref())?;
            }
            if let Some(status) = &req.status {
                let status = status.trim();
                ws.set_kpi_row_status(req.table_id, row, (!status.is_empty()).then_some(status))?;
            }
            Ok(())
        })?;
        self.kpi_review(&KpiReviewRequest { meeting_id: req.meeting_id, material_id: req.material_id }, now)
    }

    /// Imports a file chosen in the page into a KPI 資料: one transaction, all good rows or none; bad rows are kept
    /// out and reported by row number. Headers neither recognised nor mapped before answer `needsMapping` and
    /// import nothing; a mapping given is remembered for the same headers.
    pub fn kpi_import_into_material(&mut self, req: &KpiImportRequest, now: NaiveDateTime) -> Result<KpiImportOutcome> {
        crate::validate::file_name(&req.file_name)?;
        self.kpi_material(req.meeting_id, req.material_id)?;
        let kept = self.kpi_pending.take();
        let (file_name, bytes) = match (&req.bytes, kept) {
            (Some(bytes), _) => (req.file_name.clone(), bytes.clone()),
            (None, Some(p)) if p.material_id == req.material_id && req.mapping.is_some() => (p.file_name, p.bytes),
            (None, _) => return Err(AppError::NoPendingKpiFile { material_id: req.material_id }),
        };
        let table = shiryo_kpi::read_bytes(&file_name, &bytes)?;
        let signature = header_signature(&table.headers);
        let remembered = match self.ws.kpi_mapping(&signature)? {
            Some(json) => serde_json::from_str::<ColumnMapping>(&json).ok(),
            None => None,
        };
        let (mapping, source) = match (req.mapping.clone(), remembered, recognise(&table.headers)) {
            (Some(m), _, _) => (ColumnMapping::from(m), "given"),
            (None, Some(m), _) => (m, "remembered"),
            (None, None, Some(m)) => (m, "recognised"),
            (None, None, None) => {
                self.kpi_pending = Some(PendingKpiFile { material_id: req.material_id, file_name, bytes });
                return Ok(KpiImportOutcome {
                    needs_mapping: true,
                    headers: table.headers.clone(),
                    imported: 0,
                    rejected: Vec::new(),
                    mapping_source: String::new(),
                    review: None,
                    default_year: now.year() - 1,
                });
            }
        };
        mapping.validate(&table.headers)?;
        let result = import(&table, &mapping)?;
        let mapping_json =
            serde_json::to_string(&mapping).map_err(|source| AppError::Json { what: "a column mapping", source })?;
        let new_table = NewKpiTable {
            meeting_id: Some(req.meeting_id),
            file_name: &file_name,
            media_type: shiryo_core::sniff(&file_name, &bytes).media_type(),
            content: &bytes,
            header_signature: &signature,
            mapping_json: &mapping_json,
            indicators: &result.indicators,
            material_id: Some(req.material_id),
        };
        // Undo takes the imported table out again (the mapping stays remembered for these headers).
        let rows = [Rows::KpiTablesOf(req.material_id)];
        self.recorded(Scope::Content(req.material_id), Some(req.meeting_id), &rows, |ws| {
            Ok(ws.import_kpi_table(&new_table, now)?)
        })?;
        let review =
            self.kpi_review(&KpiReviewRequest { meeting_id: req.meeting_id, material_id: req.material_id }, now)?;
        Ok(KpiImportOutcome {
            needs_mapping: false,
            headers: table.headers.clone(),
            imported: u32_of(result.indicators.len()),
            rejected: result
                .rejected
                .iter()
                .map(|r| KpiRejectedRowView { row: u32_of(r.row), reason: r.reason_ja.clone() })
                .collect(),
            mapping_source: source.to_string(),
            review: Some(review),
            default_year: now.year() - 1,
        })
    }
}

impl App {
    /// Takes back the last step on this KPI 資料 (an import, or one row's note, polarity or status).
    pub fn kpi_undo(&mut self, req: &KpiReviewRequest, now: NaiveDateTime) -> Result<KpiReviewView> {
        self.kpi_material(req.meeting_id, req.material_id)?;
        self.step_back(Scope::Content(req.material_id), now)?;
        self.kpi_review(req, now)
    }

    /// Does again what the last undo on this KPI 資料 took back.
    pub fn kpi_redo(&mut self, req: &KpiReviewRequest, now: NaiveDateTime) -> Result<KpiReviewView> {
        self.kpi_material(req.meeting_id, req.material_id)?;
        self.step_forward(Scope::Content(req.material_id), now)?;
        self.kpi_review(req, now)
    }
}

/// A summary file's field table (事業数 and printed A/B per field) for the roll-up of `year`.
fn field_specs(f: &MaterialFile, year: Option<FiscalYear>) -> Result<Vec<shiryo_core::kpi::FieldSpec>> {
    let prefix = year.map(|y| y.short().to_lowercase()).unwrap_or_default();
    Ok(shiryo_kpi::read_field_specs(&shiryo_kpi::read_bytes(&f.file_name, &f.content)?, &prefix)?)
}

/// The chip's colour of a status: a contradiction first, then no status, the preset's achieved label (or the one
/// above it, S), any other label.
fn tone(status: &str, agrees: Option<bool>, preset: &shiryo_core::kpi::Preset) -> &'static str {
    let status = status.trim();
    if agrees == Some(false) {
        "bad"
    } else if status.is_empty() || ["-", "－", "―", "ー"].contains(&status) {
        "none"
    } else if status == preset.achieved || preset.exceeded.as_ref().is_some_and(|e| e.label == status) {
        "ok"
    } else {
        "part"
    }
}

fn counts_of(r: &shiryo_core::kpi::RollupRow) -> KpiRollupCounts {
    KpiRollupCounts {
        kpi_projects: r.kpi_projects,
        achieved: r.achieved,
        rate: r.rate_text(),
        partially_achieved: r.partially_achieved,
        not_measurable: r.not_measurable,
    }
}

/// The printed roll-up's lines, each with the computed line of the same source, part and field beside it (both
/// bases list the same lines in the same order; the n-th printed line of a key takes the n-th computed one).
fn rollup_lines(rows: &[shiryo_core::kpi::RollupRow]) -> Vec<KpiRollupView> {
    let key = |r: &shiryo_core::kpi::RollupRow| (r.source.clone(), r.part.clone(), r.field_code.clone());
    let computed: Vec<&shiryo_core::kpi::RollupRow> = rows.iter().filter(|r| r.basis == Basis::Computed).collect();
    let mut used = vec![false; computed.len()];
    rows.iter()
        .filter(|r| r.basis == Basis::Printed)
        .enumerate()
        .map(|(i, p)| {
            let at = computed.iter().enumerate().position(|(j, c)| !used[j] && key(c) == key(p));
            let c = at.map(|j| {
                used[j] = true;
                computed[j]
            });
            KpiRollupView {
                key: format!("{i}|{}|{}", p.part, p.field_code),
                part: p.part.clone(),
                field: if p.field_code.is_empty() {
                    "合計".to_string()
                } else {
                    format!("{} {}", p.field_code, p.field).trim().to_string()
                },
                is_total: p.field_code.is_empty(),
                projects: p.projects,
                printed: counts_of(p),
                computed: c.map(counts_of),
                differs: c.is_some_and(|c| c.kpi_projects != p.kpi_projects || c.achieved != p.achieved),
            }
        })
        .collect()
}

trait LatestStatus {
    fn printed_status_latest(&self) -> String;
}

impl LatestStatus for Indicator {
    /// The printed status of the latest year that has one (before any status set by hand replaces it).
    fn printed_status_latest(&self) -> String {
        self.printed_status.iter().rev().find(|(_, s)| !s.trim().is_empty()).map(|(_, s)| s.clone()).unwrap_or_default()
    }
}

/// The unit a row's values are written in: the first one its baseline, targets or actuals name.
fn row_unit(ind: &Indicator) -> String {
    std::iter::once(&ind.baseline)
        .chain(ind.targets.values())
        .chain(ind.actuals.values())
        .filter_map(|v| v.quantity())
        .map(|q| q.unit.trim())
        .find(|u| !u.is_empty())
        .unwrap_or_default()
        .to_string()
}

/// A value as printed; a bare number (163.9) gets the row's unit (163.9時間) so that no figure shows without one.
fn with_unit(v: &shiryo_core::kpi::Value, unit: &str) -> String {
    let raw = v.raw.trim();
    match v.quantity() {
        Some(q)
            if q.unit.trim().is_empty()
                && !unit.is_empty()
                && raw.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)) =>
        {
            format!("{raw}{unit}")
        }
        _ => v.raw.clone(),
    }
}

fn row_view(
    ind: &Indicator,
    out: &shiryo_kpi::report::RowOut,
    table_id: i64,
    status: &Option<String>,
    printed: &str,
    year: Option<FiscalYear>,
) -> KpiRowView {
    let years: std::collections::BTreeSet<FiscalYear> =
        ind.targets.keys().chain(ind.actuals.keys()).chain(ind.printed_status.keys()).copied().collect();
    let unit = row_unit(ind);
    let shown = |m: &std::collections::BTreeMap<FiscalYear, shiryo_core::kpi::Value>, y: &FiscalYear| {
        m.get(y).map(|v| with_unit(v, &unit)).unwrap_or_default()
    };
    let number = |v: &shiryo_core::kpi::Value| v.quantity().map(|q| q.amount.to_f64());
    let mut trend = Vec::new();
    if let Some(v) = number(&ind.baseline) {
        let text = format!("基準 {}", with_unit(&ind.baseline, &unit));
        trend.push(KpiTrendPoint { label: "基準".into(), kind: "baseline".into(), slot: 0, value: v, text });
    }
    for (i, y) in years.iter().enumerate() {
        let slot = u32_of(i + 1);
        for (kind, name, map) in [("target", "目標", &ind.targets), ("actual", "実績", &ind.actuals)] {
            if let Some((v, n)) = map.get(y).and_then(|v| number(v).map(|n| (v, n))) {
                let text = format!("{} {name} {}", y.short(), with_unit(v, &unit));
                trend.push(KpiTrendPoint { label: y.short(), kind: kind.into(), slot, value: n, text });
            }
        }
    }
    let polarity = match out.polarity_source {
        shiryo_core::kpi::PolaritySource::Assumed => "assumed",
        _ => out.polarity,
    };
    KpiRowView {
        key: format!("{table_id}:{}", ind.row),
        table_id,
        row: u32_of(ind.row),
        part: ind.part.clone(),
        field: format!("{} {}", ind.field_code.trim(), ind.field.trim()).trim().to_string(),
        project: out.project.clone().unwrap_or_default(),
        name: ind.name.clone(),
        baseline: with_unit(&ind.baseline, &unit),
        baseline_year: ind.baseline_year_raw.clone(),
        years: years
            .iter()
            .map(|y| KpiYearView {
                label: y.label(),
                short: y.short(),
                target: shown(&ind.targets, y),
                actual: shown(&ind.actuals, y),
                printed_status: if Some(*y) == year && status.is_some() {
                    printed.to_string()
                } else {
                    ind.printed_status.get(y).cloned().unwrap_or_default()
                },
            })
            .collect(),
        polarity: polarity.to_string(),
        polarity_label: Polarity::from_code(out.polarity).map(|p| p.name_ja().to_string()).unwrap_or_default(),
        polarity_override: ind.polarity_override.map(|p| p.code().to_string()),
        computed_status: out.computed_status.clone().unwrap_or_default(),
        printed_status: printed.to_string(),
        status_override: status.clone(),
        agrees: out.agrees,
        tone: String::new(),
        outcome: out
            .outcome
            .and_then(|o| serde_json::to_value(o).ok())
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        progress_rate: out.progress_rate,
        findings: out
            .findings
            .iter()
            .map(|f| KpiFindingView {
                code: f.code.to_string(),
                label: shiryo_core::kpi::FindingCode::ALL
                    .iter()
                    .find(|c| c.code() == f.code)
                    .map_or("指摘", |c| c.name_ja())
                    .to_string(),
                severity: serde_json::to_value(f.severity)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                message: f.message.clone(),
            })
            .collect(),
        note: ind.note.clone(),
        trend,
    }
}
