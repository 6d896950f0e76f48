//! `shiryo material …`: 資料 without a window, so a packet can be assembled by a script. One verb per variant of
//! [`MaterialCommand`]; a new verb is a new variant and a new arm in [`run`], a new way in is an option of
//! [`AddArgs`] and an arm in [`source_of`].
//!
//! An Office file is converted before anything is written: a failed conversion exits non-zero with the Japanese
//! message and the workspace stays as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use chrono::NaiveDateTime;
use clap::{ArgGroup, Args, Subcommand};
use shiryo_app::materials::{AddMaterialRequest, MaterialSource};
use shiryo_app::table_material::{TableChoice, TableOrientation};
use shiryo_app::{App, AppError, FileKind};

#[derive(Subcommand)]
pub enum MaterialCommand {
    /// Add a 資料 from a file: .txt, .docx (as the department made it, converted to PDF; --as-text for its text in
    /// our fonts), .pdf, Office files (.doc .odt .rtf .xlsx .xls .ods .pptx .ppt .odp, converted with
    /// LibreOffice), a KPI table (.csv/.xlsx with --kpi), or a 表 資料 from a sheet (--table FILE).
    Add(AddArgs),
    /// List a meeting's 資料: label, title, kind, pages.
    List(ListArgs),
    /// Put another file in a 資料's place: its label, place and title stay.
    Replace(ReplaceArgs),
    /// Convert an Office 資料's original file again (after fonts were installed, or with another LibreOffice).
    Reconvert(ReconvertArgs),
    /// Print a text 資料's body (UTF-8), e.g. to edit it and put it back with `replace`.
    Text(TextArgs),
    /// Move a 資料: before another one (its 議題 and place) or to the end of an agenda item. Labels follow.
    Move(MoveArgs),
}

#[derive(Args)]
pub struct TextArgs {
    #[command(flatten)]
    pub target: Target,
    /// The 資料, by its label (資料３－１, 資料3-1 or 3-1).
    #[arg(long)]
    pub material: String,
}

#[derive(Args)]
#[command(group(ArgGroup::new("place").required(true).args(["before", "item"])))]
pub struct MoveArgs {
    #[command(flatten)]
    pub target: Target,
    /// The 資料 to move, by its label.
    #[arg(long)]
    pub material: String,
    /// Put it just before this 資料 (by its label as it is now).
    #[arg(long)]
    pub before: Option<String>,
    /// Put it last under this agenda item, by its printed numbers (`2(3)`, `3`) or its id.
    #[arg(long)]
    pub item: Option<String>,
}

/// The workspace and meeting every verb works on.
#[derive(Args)]
pub struct Target {
    /// The workspace file.
    #[arg(long)]
    pub db: PathBuf,
    /// The meeting's id (see `shiryo meetings`); default: the first meeting listed.
    #[arg(long)]
    pub meeting: Option<i64>,
}

#[derive(Args)]
#[command(group(ArgGroup::new("source").required(true).args(["file", "table"])))]
pub struct AddArgs {
    #[command(flatten)]
    pub target: Target,
    /// The agenda item, by its printed numbers from the top (`2(3)`, `2 (3)`, `２（３）`, `3`) or its id.
    #[arg(long)]
    pub item: String,
    /// The 資料's title.
    #[arg(long)]
    pub title: String,
    /// Take a .docx as text set in our fonts instead of converting it as the department made it.
    #[arg(long)]
    pub as_text: bool,
    /// The file is a KPI table (.csv in UTF-8 or Shift_JIS, or .xlsx): a KPI 資料 reviewed on its screen.
    #[arg(long, conflicts_with = "as_text")]
    pub kpi: bool,
    /// The file to add (text, PDF, Office, or a KPI table with --kpi).
    pub file: Option<PathBuf>,
    /// A sheet (.csv in UTF-8 or Shift_JIS, .xlsx, .xlsm, .xls or .ods) printed as a 表 資料.
    #[arg(long, conflicts_with_all = ["as_text", "kpi"])]
    pub table: Option<PathBuf>,
    #[command(flatten)]
    pub layout: TableArgs,
}

/// How a 表 資料 prints (with --table).
#[derive(Args)]
pub struct TableArgs {
    /// The sheet of a workbook (default: the first).
    #[arg(long, requires = "table")]
    pub sheet: Option<String>,
    /// How many rows at the top are headings.
    #[arg(long, default_value_t = 1, requires = "table")]
    pub header_rows: usize,
    /// The columns to print, in order, counted from 1 (default: all).
    #[arg(long, value_delimiter = ',', requires = "table")]
    pub columns: Option<Vec<usize>>,
    /// Columns printed once per run of equal values (分野, 項目, 担当課), counted from 1.
    #[arg(long, value_delimiter = ',', requires = "table")]
    pub group: Vec<usize>,
    /// A4 landscape (default: whichever the table's width asks for).
    #[arg(long, conflicts_with = "portrait", requires = "table")]
    pub landscape: bool,
    /// A4 portrait.
    #[arg(long, requires = "table")]
    pub portrait: bool,
}

impl TableArgs {
    fn choice(self) -> TableChoice {
        let orientation = if self.landscape {
            TableOrientation::Landscape
        } else if self.portrait {
            TableOrientation::Portrait
        } else {
            TableOrientation::Auto
        };
        TableChoice {
            sheet: self.sheet,
            header_rows: Some(self.header_rows),
            columns: self.columns,
            group: self.group,
            orientation,
        }
    }
}

#[derive(Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub target: Target,
}

#[derive(Args)]
pub struct ReplaceArgs {
    #[command(flatten)]
    pub target: Target,
    /// The 資料, by its label (資料２－５, 資料2-5 or 2-5).
    #[arg(long)]
    pub material: String,
    /// Take a .docx as text set in our fonts.
    #[arg(long)]
    pub as_text: bool,
    pub file: PathBuf,
}

#[derive(Args)]
pub struct ReconvertArgs {
    #[command(flatten)]
    pub target: Target,
    /// The 資料, by its label (資料２－５, 資料2-5 or 2-5).
    #[arg(long)]
    pub material: String,
}

/// What the converter needs from the binary: the settings read from the environment.
pub struct World {
    pub now: NaiveDateTime,
    pub convert: shiryo_app::office::ConvertSettings,
}

/// What a file becomes.
enum Source {
    /// Text, PDF or an empty KPI table: `App::add_material`'s own sources.
    Plain(MaterialSource),
    /// An Office file, converted before anything is stored.
    Office { file_name: String, bytes: Vec<u8> },
    /// A KPI table file imported into a new KPI 資料.
    Kpi { file_name: String, bytes: Vec<u8> },
}

fn read(path: &Path) -> Result<(String, Vec<u8>), AppError> {
    shiryo_app::materials::read_file(path)
}

/// The kind of 資料 a file becomes, by its kind (`shiryo_app::sniff`) and the flags.
fn source_of(path: &Path, as_text: bool, kpi: bool) -> Result<Source, AppError> {
    let (file_name, bytes) = read(path)?;
    Ok(match shiryo_app::sniff(&file_name, &bytes) {
        _ if kpi => Source::Kpi { file_name, bytes },
        FileKind::Pdf => Source::Plain(MaterialSource::Pdf { file_name, bytes }),
        FileKind::Docx if as_text => Source::Plain(MaterialSource::TextFile { file_name, bytes }),
        _ if shiryo_app::office::is_office_file(&file_name) => Source::Office { file_name, bytes },
        // .txt and anything else is read as text (refused with the decoder's message when it is not).
        _ => Source::Plain(MaterialSource::TextFile { file_name, bytes }),
    })
}

/// Converts with LibreOffice, telling the seconds on stderr as it goes.
fn convert(
    world: &World,
    label: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<shiryo_app::office::Conversion, AppError> {
    let lo = shiryo_app::office::libre_office(&world.convert)?;
    let cancel = AtomicBool::new(false);
    let mut last = 0;
    let conversion = shiryo_app::office::convert(&lo, file_name, bytes, &cancel, &mut |spent| {
        let s = spent.as_secs();
        if s >= 5 && s != last && s % 5 == 0 {
            last = s;
            eprintln!("変換中… {label} {s} 秒");
        }
    })?;
    Ok(conversion)
}

pub fn run(cmd: MaterialCommand, world: &World, out: &mut impl Write) -> Result<(), AppError> {
    match cmd {
        MaterialCommand::Add(args) => add(args, world, out),
        MaterialCommand::List(args) => list(&args.target, out),
        MaterialCommand::Replace(args) => replace(args, world, out),
        MaterialCommand::Reconvert(args) => reconvert(args, world, out),
        MaterialCommand::Text(args) => text(&args, out),
        MaterialCommand::Move(args) => move_to(&args, world, out),
    }
}

fn open(target: &Target) -> Result<(App, i64), AppError> {
    let app = App::open_with(&target.db, &crate::open_options())?;
    let meeting = match target.meeting {
        Some(id) => id,
        None => app.default_meeting_id()?,
    };
    Ok((app, meeting))
}

fn label_of(app: &App, meeting: i64, material: i64) -> Result<String, AppError> {
    let shidai = app.shidai(&shiryo_app::ShidaiRequest { meeting_id: meeting })?;
    Ok(shidai.materials.iter().find(|m| m.id == material).map(|m| m.label.clone()).unwrap_or_default())
}

fn add(args: AddArgs, world: &World, out: &mut impl Write) -> Result<(), AppError> {
    let (mut app, meeting) = open(&args.target)?;
    let item = app.agenda_item_id(meeting, &args.item)?;
    if let Some(sheet) = &args.table {
        let (file_name, bytes) = read(sheet)?;
        let choice = args.layout.choice();
        let id = app.add_table_material(meeting, item, &args.title, &file_name, &bytes, &choice, world.now)?;
        let label = label_of(&app, meeting, id)?;
        let _ = writeln!(out, "{label}\t{}\t追加しました（表）", args.title);
        return Ok(());
    }
    // clap requires one of the file and --table.
    let Some(file) = &args.file else { return Ok(()) };
    let source = source_of(file, args.as_text, args.kpi)?;
    let added = match source {
        Source::Plain(source) => {
            let req = AddMaterialRequest { meeting_id: meeting, item_id: item, title: args.title.clone(), source };
            app.add_material(&req, world.now)?
        }
        Source::Office { file_name, bytes } => {
            let conversion = convert(world, &args.title, &file_name, &bytes)?;
            app.add_office_material(meeting, item, &args.title, conversion, world.now)?
        }
        Source::Kpi { file_name, bytes } => {
            let req = AddMaterialRequest {
                meeting_id: meeting,
                item_id: item,
                title: args.title.clone(),
                source: MaterialSource::KpiTable,
            };
            let added = app.add_material(&req, world.now)?;
            let import = shiryo_app::kpi_review::KpiImportRequest {
                meeting_id: meeting,
                material_id: added.material_id,
                file_name: file_name.clone(),
                bytes: Some(bytes),
                mapping: None,
            };
            let imported = app.kpi_import_into_material(&import, world.now);
            match imported {
                Ok(outcome) if !outcome.needs_mapping => {}
                other => {
                    // Nothing stays of a refused table: the new 資料 goes again (the workspace as it was).
                    app.undo(world.now)?;
                    return Err(match other {
                        Err(e) => e,
                        // Its headers are not recognised: `shiryo kpi import --mapping` takes it in.
                        Ok(outcome) => AppError::Kpi(shiryo_app::kpi::KpiError::UnknownColumns {
                            name: file_name,
                            headers: outcome.headers.join(", "),
                        }),
                    });
                }
            }
            added
        }
    };
    let label = label_of(&app, meeting, added.material_id)?;
    let _ = writeln!(out, "{label}\t{}\t追加しました", args.title);
    Ok(())
}

fn list(target: &Target, out: &mut impl Write) -> Result<(), AppError> {
    let (app, meeting) = open(target)?;
    let shidai = app.shidai(&shiryo_app::ShidaiRequest { meeting_id: meeting })?;
    let prepared = app.prepare_export(
        &shiryo_app::ExportRequest { meeting_id: meeting, ..Default::default() },
        &shiryo_app::Cancel::new(),
    )?;
    let pages = prepared.page_counts()?;
    for m in &shidai.materials {
        let n = pages.iter().find(|(l, _)| *l == m.label).map_or(0, |(_, n)| *n);
        let kind = &m.kind_label;
        let _ = writeln!(out, "{}\t{}\t{kind}\t{n}", m.label, m.title);
    }
    Ok(())
}

fn replace(args: ReplaceArgs, world: &World, out: &mut impl Write) -> Result<(), AppError> {
    let (mut app, meeting) = open(&args.target)?;
    let material = app.material_id_by_label(meeting, &args.material)?;
    let label = label_of(&app, meeting, material)?;
    let name = args.file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if shiryo_app::table_material::is_sheet(name) && app.table_layout(material)?.is_some() {
        // A new version of the sheet a 表 資料 (or a KPI 資料 printing its department's list) prints: the chosen
        // columns stay when the headings are the same.
        let (file_name, bytes) = read(&args.file)?;
        let kept = app.replace_table_file(material, &file_name, &bytes, world.now)?;
        let layout = if kept {
            "列の設定はそのまま"
        } else {
            "見出しが変わったため列の設定は初期状態"
        };
        let _ = writeln!(out, "{label}	表を差し替えました（{layout}）");
        return Ok(());
    }
    match source_of(&args.file, args.as_text, false)? {
        Source::Plain(source) => {
            app.replace_material_source(meeting, material, &source, world.now)?;
        }
        Source::Office { file_name, bytes } => {
            let conversion = convert(world, &label, &file_name, &bytes)?;
            app.replace_with_conversion(meeting, material, conversion, world.now)?;
        }
        Source::Kpi { .. } => {}
    }
    let _ = writeln!(out, "{label}\t差し替えました");
    Ok(())
}

fn reconvert(args: ReconvertArgs, world: &World, out: &mut impl Write) -> Result<(), AppError> {
    let (mut app, meeting) = open(&args.target)?;
    let material = app.material_id_by_label(meeting, &args.material)?;
    let label = label_of(&app, meeting, material)?;
    let source = app.office_source(meeting, material)?;
    let conversion = convert(world, &label, &source.file_name, &source.bytes)?;
    let (pages, substituted) = (conversion.record.pages, conversion.record.substituted.len());
    app.replace_with_conversion(meeting, material, conversion, world.now)?;
    let fonts = if substituted > 0 { format!("、代用したフォント {substituted} 件") } else { String::new() };
    let _ = writeln!(out, "{label}\t変換し直しました（{pages} ページ{fonts}）");
    Ok(())
}

fn text(args: &TextArgs, out: &mut impl Write) -> Result<(), AppError> {
    let (app, meeting) = open(&args.target)?;
    let material = app.material_id_by_label(meeting, &args.material)?;
    let view = app.material_text(&shiryo_app::materials::MaterialRef { meeting_id: meeting, material_id: material })?;
    let _ = write!(out, "{}", view.text);
    if !view.text.ends_with('\n') {
        let _ = writeln!(out);
    }
    Ok(())
}

fn move_to(args: &MoveArgs, world: &World, out: &mut impl Write) -> Result<(), AppError> {
    let (mut app, meeting) = open(&args.target)?;
    let material = app.material_id_by_label(meeting, &args.material)?;
    let old_label = label_of(&app, meeting, material)?;
    let (item, index) = match (&args.before, &args.item) {
        (Some(before), _) => {
            let other = app.material_id_by_label(meeting, before)?;
            app.material_place(meeting, other, material)?
        }
        (None, Some(item)) => (app.agenda_item_id(meeting, item)?, u32::MAX),
        // clap requires one of them.
        (None, None) => return Ok(()),
    };
    let req = shiryo_app::materials::PlaceMaterialRequest {
        meeting_id: meeting,
        material_id: material,
        item_id: item,
        index,
    };
    app.place_material(&req, world.now)?;
    let new_label = label_of(&app, meeting, material)?;
    let _ = writeln!(out, "{old_label}	移動しました（新しい番号: {new_label}）");
    Ok(())
}
