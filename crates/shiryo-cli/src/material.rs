//! `shiryo material`: 資料 of a meeting from the command line. `add --table` adds a 表 資料 from a sheet.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use shiryo_app::table_material::{read_file, TableChoice, TableOrientation};
use shiryo_app::{App, AppError};

#[derive(Subcommand)]
pub enum MaterialCommand {
    /// Add a 資料 to an agenda item (a 表 資料 from a sheet with --table).
    Add(AddArgs),
}

#[derive(Args)]
pub struct AddArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// The meeting's id (see `shiryo meetings`); default: the first meeting listed.
    #[arg(long)]
    meeting: Option<i64>,
    /// The agenda item, by its printed numbers from the top (`2(2)`, `２（２）`, `3`) or by its id.
    #[arg(long)]
    item: String,
    /// The 資料's title.
    #[arg(long)]
    title: String,
    /// A sheet: .csv (UTF-8 or Shift_JIS), .xlsx, .xlsm, .xls or .ods; printed as a 表 資料.
    #[arg(long)]
    table: PathBuf,
    /// The sheet of a workbook (default: the first).
    #[arg(long, requires = "table")]
    sheet: Option<String>,
    /// How many rows at the top are headings.
    #[arg(long, default_value_t = 1)]
    header_rows: usize,
    /// The columns to print, in order, counted from 1 (default: all).
    #[arg(long, value_delimiter = ',')]
    columns: Option<Vec<usize>>,
    /// Columns printed once per run of equal values (分野, 項目, 担当課), counted from 1.
    #[arg(long, value_delimiter = ',')]
    group: Vec<usize>,
    /// A4 landscape (default: whichever the table's width asks for).
    #[arg(long, conflicts_with = "portrait")]
    landscape: bool,
    /// A4 portrait.
    #[arg(long)]
    portrait: bool,
}

pub fn run(cmd: MaterialCommand, now: chrono::NaiveDateTime, out: &mut dyn Write) -> Result<(), AppError> {
    match cmd {
        MaterialCommand::Add(a) => {
            let mut app = App::open(&a.db)?;
            let meeting_id = match a.meeting {
                Some(id) => id,
                None => app.default_meeting_id()?,
            };
            let item_id = app.agenda_item_id(meeting_id, &a.item)?;
            let bytes = read_file(&a.table)?;
            let file_name = a.table.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let orientation = if a.landscape {
                TableOrientation::Landscape
            } else if a.portrait {
                TableOrientation::Portrait
            } else {
                TableOrientation::Auto
            };
            let choice = TableChoice {
                sheet: a.sheet,
                header_rows: Some(a.header_rows),
                columns: a.columns,
                group: a.group,
                orientation,
            };
            let id = app.add_table_material(meeting_id, item_id, &a.title, &file_name, &bytes, &choice, now)?;
            let label = app.material_label(meeting_id, id)?;
            let _ = writeln!(out, "{label} 「{}」を追加しました（表、{}）。", a.title, a.table.display());
        }
    }
    Ok(())
}
