//! `shiryo kpi check` and `shiryo kpi import`: the KPI review without a window.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use clap::Subcommand;
use serde::Serialize;
use shiryo_app::kpi::{
    check_kpi_file, CheckOptions, ColumnMapping, FiscalYear, KpiCheckRequest, KpiError, MappingSource, Polarity,
    Preset, RejectedRow, Report,
};
use shiryo_app::{App, AppError};

#[derive(Subcommand)]
pub enum KpiCommand {
    /// Check a KPI table (CSV in UTF-8 or Shift_JIS, or .xlsx): per row the parsed values, the computed and the
    /// printed status and the findings, then the roll-ups per field and part.
    Check {
        /// The table: the seed's kpi_r4_results.csv, kpi_r5.csv, plan_kpis_1-1.csv, or any mapped table.
        file: PathBuf,
        /// Also write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
        /// The per-field summary table (資料2-1, dx_summary.csv): 事業数 and the printed counts to compare.
        #[arg(long)]
        fields: Option<PathBuf>,
        /// The plan the results report on (資料2-4, kpi_r5.csv): baselines and later targets by reference.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// The grading preset: two-level, three-level, s-a-b-c, or a JSON file with your own labels; default: the one
        /// the printed statuses use.
        #[arg(long)]
        preset: Option<String>,
        /// The fiscal year to judge and roll up (R4, 令和4年度, 2022); default: the latest with results.
        #[arg(long, value_parser = parse_year)]
        year: Option<FiscalYear>,
        /// A column mapping (JSON) for a table whose headers are not recognised.
        #[arg(long)]
        mapping: Option<PathBuf>,
    },
    /// Import a KPI table into a workspace in one transaction: all rows or none. Bad rows are reported and kept out.
    Import {
        file: PathBuf,
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The meeting the table belongs to (see `shiryo meetings`); default: none (workspace-wide).
        #[arg(long)]
        meeting: Option<i64>,
        /// A column mapping (JSON); it is remembered in the workspace for tables with the same headers.
        #[arg(long)]
        mapping: Option<PathBuf>,
    },
    /// Check an imported KPI table, with the edits saved in the workspace (polarity, notes).
    Review {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The table's id (see `shiryo kpi tables`).
        #[arg(long)]
        table: i64,
        /// The per-field summary table (資料2-1, dx_summary.csv).
        #[arg(long)]
        fields: Option<PathBuf>,
        /// two-level, three-level, s-a-b-c, or a JSON file with your own labels.
        #[arg(long)]
        preset: Option<String>,
        /// Also write the report as JSON here.
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Save an edit of one row of an imported table: its polarity (higher, lower, keep, or auto = inferred) and
    /// its note (a working note: never printed).
    Set {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The table's id (see `shiryo kpi tables`); or give --material.
        #[arg(long, required_unless_present = "material")]
        table: Option<i64>,
        /// The KPI 資料 by its label (資料２－２, 資料2-2 or 2-2): its table (the only one, or the first).
        #[arg(long, conflicts_with = "table")]
        material: Option<String>,
        /// The meeting of --material (see `shiryo meetings`); default: the first meeting listed.
        #[arg(long, requires = "material")]
        meeting: Option<i64>,
        /// The row number in the imported file, as `shiryo kpi check` prints it (行56 → 56).
        #[arg(long)]
        row: usize,
        #[arg(long, value_parser = ["higher", "lower", "keep", "auto"])]
        polarity: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Choose the working columns a KPI 資料 prints besides the original's (none unless chosen): 備考 (the notes,
    /// the reviewer's included) and 区分.
    PrintColumns {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The KPI 資料 by its label (資料２－４, 資料2-4 or 2-4).
        #[arg(long)]
        material: String,
        /// The meeting (see `shiryo meetings`); default: the first meeting listed.
        #[arg(long)]
        meeting: Option<i64>,
        /// Print the 備考 column (on purpose: it holds working notes).
        #[arg(long)]
        note: bool,
        /// Print the 区分 column instead of one table per 区分.
        #[arg(long)]
        part: bool,
    },
    /// List the KPI tables of a workspace: id, meeting, rows, file name.
    Tables {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
    },
    /// Export an imported KPI table as CSV (UTF-8), values exactly as printed.
    Export {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The table's id (see `shiryo kpi tables`).
        #[arg(long)]
        table: i64,
        /// The CSV file to write.
        #[arg(long)]
        csv: PathBuf,
    },
}

fn parse_year(s: &str) -> Result<FiscalYear, String> {
    FiscalYear::parse(s)
        .ok_or_else(|| format!("年度「{s}」を読めません（R4、令和4年度、2022 のように指定してください）"))
}

fn read_mapping(path: &Path) -> Result<ColumnMapping, AppError> {
    let text = std::fs::read_to_string(path).map_err(|source| KpiError::Io { path: path.to_path_buf(), source })?;
    serde_json::from_str(&text).map_err(|e| AppError::from(KpiError::Mapping(format!("{}: {e}", path.display()))))
}

/// `two-level`, `three-level`, `s-a-b-c`, or the path of a JSON preset with every label written.
fn read_preset(text: &str) -> Result<Preset, AppError> {
    if let Some(p) = Preset::by_code(text) {
        return Ok(p);
    }
    let path = Path::new(text);
    let json = std::fs::read_to_string(path).map_err(|source| KpiError::Io { path: path.to_path_buf(), source })?;
    let preset: Preset =
        serde_json::from_str(&json).map_err(|e| KpiError::Mapping(format!("preset {}: {e}", path.display())))?;
    if !preset.is_complete() {
        return Err(KpiError::Mapping(format!("preset {}: every label must be written", path.display())).into());
    }
    Ok(preset)
}

#[derive(Serialize)]
struct JsonReport<'a> {
    file: String,
    #[serde(flatten)]
    report: &'a Report,
    rejected: &'a [RejectedRow],
}

pub fn run(cmd: KpiCommand, now: NaiveDateTime, out: &mut impl Write) -> Result<(), AppError> {
    match cmd {
        KpiCommand::Check { file, json, fields, plan, preset, year, mapping } => {
            let mapping = mapping.as_deref().map(read_mapping).transpose()?;
            let preset = preset.as_deref().map(read_preset).transpose()?;
            let req = KpiCheckRequest { path: file.clone(), fields, preset, year, mapping, plan };
            let (report, rejected) = check_kpi_file(&req)?;
            let _ = write!(out, "{}", report.to_text());
            for r in &rejected {
                let _ = writeln!(out, "取り込めない行 {}: {}", r.row, r.reason_ja);
            }
            if let Some(path) = json {
                let doc = JsonReport { file: file.display().to_string(), report: &report, rejected: &rejected };
                let text = serde_json::to_string_pretty(&doc)
                    .map_err(|source| AppError::Json { what: "the report", source })?;
                std::fs::write(&path, text + "\n").map_err(|source| KpiError::Io { path: path.clone(), source })?;
            }
        }
        KpiCommand::Import { file, db, meeting, mapping } => {
            let mapping = mapping.as_deref().map(read_mapping).transpose()?;
            let mut app = App::open_with(&db, &crate::open_options())?;
            let r = app.import_kpi_file(&file, meeting, mapping.as_ref(), now)?;
            let how = match r.mapping_source {
                MappingSource::Given => "指定された列の対応",
                MappingSource::Remembered => "このワークスペースで確認済みの列の対応",
                MappingSource::Recognised => "見出しから認識した列の対応",
            };
            let _ =
                writeln!(out, "{} 行を取り込みました（KPI表ID {}、{how}）: {}", r.imported, r.table_id, file.display());
            for rej in &r.rejected {
                let _ = writeln!(out, "取り込まなかった行 {}: {}", rej.row, rej.reason_ja);
            }
        }
        KpiCommand::Review { db, table, fields, preset, json } => {
            let app = App::open_with(&db, &crate::open_options())?;
            let indicators = app.kpi_indicators(table)?;
            let year = shiryo_app::kpi::latest_year(&indicators);
            let fields = match fields {
                Some(p) => shiryo_app::kpi::read_fields(&p, year)?,
                None => Vec::new(),
            };
            let preset = preset.as_deref().map(read_preset).transpose()?;
            let options = CheckOptions { preset, year, fields, plan: Vec::new() };
            let report = app.check_kpi_table(table, &options)?;
            let _ = write!(out, "{}", report.to_text());
            if let Some(path) = json {
                let doc = JsonReport { file: format!("{} #{table}", db.display()), report: &report, rejected: &[] };
                let text = serde_json::to_string_pretty(&doc)
                    .map_err(|source| AppError::Json { what: "the report", source })?;
                std::fs::write(&path, text + "\n").map_err(|source| KpiError::Io { path: path.clone(), source })?;
            }
        }
        KpiCommand::Set { db, table, material, meeting, row, polarity, note } => {
            let mut app = App::open_with(&db, &crate::open_options())?;
            // clap requires one of --table and --material.
            let table = match table {
                Some(id) => id,
                None => {
                    let meeting_id = match meeting {
                        Some(id) => id,
                        None => app.default_meeting_id()?,
                    };
                    app.kpi_table_of_material(meeting_id, material.as_deref().unwrap_or_default(), now)?
                }
            };
            let polarity = polarity.map(|p| Polarity::from_code(&p));
            app.edit_kpi_row(table, row, polarity, note.as_deref())?;
            let _ = writeln!(out, "KPI表 {table} の行 {row} を保存しました。");
        }
        KpiCommand::PrintColumns { db, material, meeting, note, part } => {
            let mut app = App::open_with(&db, &crate::open_options())?;
            let meeting_id = match meeting {
                Some(id) => id,
                None => app.default_meeting_id()?,
            };
            app.set_kpi_print_columns(meeting_id, &material, note, part)?;
            let chosen: Vec<&str> = [(note, "備考"), (part, "区分")].iter().filter(|c| c.0).map(|c| c.1).collect();
            let what = if chosen.is_empty() {
                "原本の列のみ".to_string()
            } else {
                format!("原本の列と{}", chosen.join("・"))
            };
            let _ = writeln!(out, "{material} の印刷する列: {what}");
        }
        KpiCommand::Tables { db } => {
            let app = App::open_with(&db, &crate::open_options())?;
            for t in app.kpi_tables(None)? {
                let meeting = t.meeting_id.map_or_else(|| "-".to_string(), |m| m.to_string());
                let _ = writeln!(out, "{}\t{meeting}\t{}\t{}", t.id, t.indicator_count, t.file_name);
            }
        }
        KpiCommand::Export { db, table, csv } => {
            let app = App::open_with(&db, &crate::open_options())?;
            let text = app.export_kpi_csv(table)?;
            std::fs::write(&csv, text).map_err(|source| KpiError::Io { path: csv.clone(), source })?;
            let _ = writeln!(out, "KPI表 {table} を書き出しました: {}", csv.display());
        }
    }
    Ok(())
}
