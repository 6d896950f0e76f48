//! `shiryo`: Shiryo without a window — create the demo workspace, print a meeting's 次第.

mod backup;
mod changes;
mod export;
mod kpi;
mod material;
mod shinkyu;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc, as in the desktop app: see docs/architecture.md, "Memory".
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use shiryo_app::{App, AppError, ErrorCode};

#[derive(Parser)]
#[command(name = "shiryo", version, about = "Shiryo（資料）: 会議資料の作成を支援するツール（ヘッドレス版）")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new workspace holding the demo meeting (令和５年６月５日 合同会議).
    Demo {
        /// The workspace file to create (e.g. demo.shiryo); an existing file is never overwritten.
        #[arg(long)]
        db: PathBuf,
        /// Also print the demo packet to this PDF (its empty 資料１－２ prints as （別途配付）, with a warning).
        #[arg(long)]
        pdf: Option<PathBuf>,
    },
    /// Print a meeting's packet (次第 and every 資料), or one 資料, to a PDF.
    Export {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The meeting's id; default: the first meeting listed.
        #[arg(long)]
        meeting: Option<i64>,
        /// Only this 資料, by its label (資料３－２, 資料3-2 or 3-2).
        #[arg(long)]
        material: Option<String>,
        /// The PDF to write (replaced if it exists, only once complete).
        #[arg(long, required_unless_present = "split", conflicts_with = "split")]
        pdf: Option<PathBuf>,
        /// Instead of one PDF: this folder, holding 00_次第.pdf, one PDF per 資料 (資料１－１_<title>.pdf) and
        /// 一覧.csv; written whole or not at all (an earlier such folder is replaced, another folder refused).
        #[arg(long, value_name = "DIR", conflicts_with_all = ["material", "continuous", "duplex"])]
        split: Option<PathBuf>,
        /// Number pages across the packet instead of within each 資料.
        #[arg(long)]
        continuous: bool,
        /// Duplex-safe (両面): the 次第 and every 資料 start on a front page; blank pages (no label, no page
        /// number, not counted) are added after parts with an odd page count.
        #[arg(long)]
        duplex: bool,
        /// What the blank pages of --duplex show.
        #[arg(long, value_enum, default_value_t = export::Blank::Empty, requires = "duplex")]
        blank: export::Blank,
        /// Print an empty 資料 as （別途配付） instead of stopping.
        #[arg(long)]
        allow_empty: bool,
        /// Print characters the fonts lack as 〓 instead of stopping.
        #[arg(long)]
        allow_missing_glyphs: bool,
        /// The creation date written into the PDF (e.g. 2023-06-01T09:00:00); default: now. The same workspace
        /// and date give the same bytes.
        #[arg(long)]
        created: Option<chrono::NaiveDateTime>,
        /// Record the packet as distributed (配付版) under this name (事前送付, 当日配付): what each 資料 was and
        /// on which pages, for `shiryo changes` and the 差し替え set later.
        #[arg(long, value_name = "NAME", conflicts_with_all = ["material", "split", "replacements"])]
        distributed: Option<String>,
        /// Instead of the packet: the 差し替え set against the 配付版 --since: a list page, then each added,
        /// changed or renumbered 資料 with 「差替え」 and the date beside its label on every page. Recorded as a
        /// 配付版 itself; refused (exit 30) when nothing changed.
        #[arg(long, requires = "since", conflicts_with_all = ["material", "split", "revised_since"])]
        replacements: bool,
        /// The 配付版 the 差し替え set replaces pages of (with --replacements).
        #[arg(long, value_name = "NAME", requires = "replacements")]
        since: Option<String>,
        /// The word stamped on replacement pages.
        #[arg(long, value_enum, default_value_t = changes::Stamp::Sashikae, requires = "replacements")]
        stamp: changes::Stamp,
        /// Also replace the 次第 when its page changed (its list of 配付資料 after a renumbering).
        #[arg(long, requires = "replacements")]
        with_shidai: bool,
        /// The whole packet again, the first page of each 資料 changed since this 配付版 marked
        /// 「（令和５年６月２日差替え）」.
        #[arg(long, value_name = "NAME", conflicts_with_all = ["material", "split"])]
        revised_since: Option<String>,
        /// The date of --distributed, of the 差し替え stamp or of the --revised-since note (YYYY-MM-DD); default:
        /// today.
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
    },
    /// What changed since a 配付版: 資料 added, removed, changed (with the changed 字句 in ［ ］) or renumbered,
    /// with their pages then and now; --json writes the report for other tools.
    Changes(changes::ChangesArgs),
    /// List the 配付版 recorded for a meeting: name, kind, date, pages, when recorded, the PDF's SHA-256.
    Distributions(changes::DistributionsArgs),
    /// Send a meeting's packet to a printer (CUPS `lp` on Linux, the shell's print verb on Windows), after the
    /// same checks as an export; prints each job id.
    Print(export::PrintArgs),
    /// List the printers the OS offers (CUPS `lpstat -e` on Linux).
    Printers,
    /// Time the export of the demo packet: wall time, peak memory, pages, bytes (and LibreOffice with --peer).
    Bench {
        /// Runs; the best time is reported.
        #[arg(long, default_value_t = 3)]
        runs: u32,
        /// Also convert plain text of the same page count with LibreOffice (`soffice`) and give the ratio.
        #[arg(long)]
        peer: bool,
        /// Time a 5,000-row × 8-column 表 資料 (built from the demo's 資料2-3 sheet) instead of the demo packet; with
        /// --peer, LibreOffice Calc converts the same CSV.
        #[arg(long)]
        table: bool,
    },
    /// Print a meeting's 次第 as it will be printed (plain text, UTF-8).
    Show {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
        /// The meeting's id (see `shiryo meetings`); default: the first meeting listed.
        #[arg(long)]
        meeting: Option<i64>,
    },
    /// List the meetings of a workspace: id, date, title.
    Meetings {
        /// The workspace file.
        #[arg(long)]
        db: PathBuf,
    },
    /// KPI tables: check targets against actuals (達成 judgement, findings, roll-ups), import into a workspace.
    #[command(subcommand)]
    Kpi(kpi::KpiCommand),
    /// 資料: add one from a file (text, PDF, Office files converted with LibreOffice, KPI tables, a 表 資料 from a
    /// sheet with --table), list, replace, convert again.
    #[command(subcommand)]
    Material(material::MaterialCommand),
    /// Build the 新旧対照表 of two texts: printed with marks as [ ], or as JSON with --json.
    Shinkyu(shinkyu::ShinkyuArgs),
    /// Back the workspace up into `<db>.backups/` (the newest 10 are kept), or list the backups with --list.
    Backup(backup::BackupArgs),
    /// Replace the workspace with a backup (checked first; the current state is backed up before).
    Restore(backup::RestoreArgs),
}

/// The exit code for each kind of failure, so scripts can tell them apart (2 is clap's usage error).
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::WorkspaceNotFound => 3,
        ErrorCode::WorkspaceExists => 10,
        ErrorCode::NotAWorkspace => 4,
        ErrorCode::WorkspaceDamaged => 5,
        ErrorCode::WorkspaceTooNew => 6,
        ErrorCode::WorkspaceInUse => 7,
        ErrorCode::MeetingNotFound => 8,
        ErrorCode::Io => 9,
        ErrorCode::Internal => 1,
        // The desktop 次第 editor's refusals; the CLI does not edit agendas.
        ErrorCode::EditRefused => 1,
        // Export (`shiryo export`, `shiryo demo --pdf`): 20 and up.
        ErrorCode::MaterialNotFound => 20,
        ErrorCode::EmptyMaterial => 21,
        ErrorCode::MissingGlyph => 22,
        ErrorCode::ImportedPdf => 23,
        ErrorCode::MaterialSource => 24,
        // `shiryo shinkyu`: an input that is not a text it can read.
        ErrorCode::ShinkyuInput => 11,
        // `shiryo kpi`: a table file it cannot read (too big, a zip bomb, undecodable text, unknown columns).
        ErrorCode::KpiInput => 12,
        // A value refused by a use case's validation (too long, a bad file name, an unknown agenda number).
        ErrorCode::InvalidInput => 13,
        // Any file over the limit of its kind (`shiryo_core::limits`), and a kind that cannot be used there.
        ErrorCode::FileTooLarge => 14,
        ErrorCode::UnsupportedFile => 15,
        // The desktop screens' commands for a 資料 of another kind; the CLI names 資料 by label.
        ErrorCode::WrongMaterialKind => 16,
        // `shiryo print`: no such printer (or none at all); the print service down or refusing.
        ErrorCode::NoPrinter => 25,
        ErrorCode::PrintFailed => 26,
        // `shiryo material`: LibreOffice missing (27), an Office file that cannot be converted (28).
        ErrorCode::OfficeMissing => 27,
        ErrorCode::OfficeConvert => 28,
        // `shiryo changes` / `export --replacements`: no 配付版 of that name (29), nothing to replace (30).
        ErrorCode::DistributionNotFound => 29,
        ErrorCode::NoChanges => 30,
    }
}

/// The one clock read of the CLI: core code receives the time as an argument.
#[allow(clippy::disallowed_methods)]
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The one time zone read of the CLI, for what opening a workspace names in local time.
#[allow(clippy::disallowed_methods)]
fn open_options() -> shiryo_app::OpenOptions {
    shiryo_app::OpenOptions { utc_offset: *chrono::Local::now().offset() }
}

/// Where conversions keep their private LibreOffice profile: `SHIRYO_CACHE_DIR`, else the user's cache folder.
fn cache_dir() -> PathBuf {
    match std::env::var_os("SHIRYO_CACHE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => dirs::cache_dir().unwrap_or_else(std::env::temp_dir).join("shiryo"),
    }
}

/// The world of `shiryo material`: the time and the converter settings from the environment (SHIRYO_SOFFICE,
/// PATH, SHIRYO_CONVERT_TIMEOUT_S).
fn world() -> material::World {
    material::World { now: now(), convert: shiryo_app::office::settings(|k| std::env::var_os(k), cache_dir()) }
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), AppError> {
    let write = |out: &mut dyn Write, text: &str| {
        // A closed pipe (`shiryo show | head`) is not an error worth reporting.
        let _ = writeln!(out, "{text}");
    };
    match cli.command {
        Command::Demo { db, pdf } => {
            let (app, id) = App::create_demo(&db, now())?;
            write(out, &format!("デモ会議を作成しました: {} (会議ID {id})", db.display()));
            if let Some(pdf) = pdf {
                let req = shiryo_app::ExportRequest { meeting_id: id, allow_empty: true, ..Default::default() };
                export::print_report(&app.export_pdf(&req, &pdf, now(), &mut |_| {})?, out);
            }
        }
        Command::Export {
            db,
            meeting,
            material,
            pdf,
            split,
            continuous,
            duplex,
            blank,
            allow_empty,
            allow_missing_glyphs,
            created,
            distributed,
            replacements,
            since,
            stamp,
            with_shidai,
            revised_since,
            date,
        } => {
            let choice =
                export::Choice { meeting, material, continuous, duplex, blank, allow_empty, allow_missing_glyphs };
            let created = created.unwrap_or_else(now);
            let marks = export::Marks { distributed, revised_since, date };
            match (split, pdf) {
                (Some(dir), _) => export::split(&db, &choice, &dir, created, out)?,
                (None, Some(pdf)) if replacements => {
                    let since = since.unwrap_or_default();
                    let req = changes::Replacements { meeting, since, stamp, date, with_shidai };
                    changes::replacements(&db, &req, &pdf, created, out)?
                }
                (None, Some(pdf)) => export::export(&db, &choice, &marks, &pdf, created, out)?,
                // clap requires one of them.
                (None, None) => {}
            }
        }
        Command::Changes(args) => changes::changes(&args, out)?,
        Command::Distributions(args) => changes::distributions(&args, out)?,
        Command::Print(args) => export::print(&args, now(), out)?,
        Command::Printers => {
            let printers = shiryo_app::printer::system()
                .printers()
                .map_err(|source| AppError::Printer { source, sent: Vec::new() })?;
            if printers.is_empty() {
                return Err(AppError::Printer {
                    source: shiryo_app::printer::PrinterError::NoPrinters,
                    sent: Vec::new(),
                });
            }
            for p in printers {
                write(out, &p);
            }
        }
        Command::Bench { runs, peer, table } => {
            let (_dir, path) = export::scratch()?;
            if table {
                export::bench_table(&path, runs, peer, now(), out)?;
            } else {
                export::bench(&path, runs, peer, now(), out)?;
            }
        }
        Command::Kpi(cmd) => kpi::run(cmd, now(), out)?,
        Command::Material(cmd) => material::run(cmd, &world(), out)?,
        Command::Backup(args) => backup::backup(args, now(), out)?,
        Command::Restore(args) => backup::restore(args, now(), out)?,
        Command::Show { db, meeting } => {
            let app = App::open_with(&db, &open_options())?;
            write(out, &app.shidai_text(meeting)?);
        }
        Command::Meetings { db } => {
            let app = App::open_with(&db, &open_options())?;
            for m in app.list_meetings()? {
                let date = m.date_label.unwrap_or_else(|| "日付未定".to_string());
                write(out, &format!("{}\t{}\t{}", m.id, date, m.title_lines.concat()));
            }
        }
        // Needs no workspace and writes its own output files: `main` dispatches it before `run`.
        Command::Shinkyu(_) => {}
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = match Cli::parse().command {
        Command::Shinkyu(args) => return shinkyu::main(args),
        command => Cli { command },
    };
    let stdout = std::io::stdout();
    match run(cli, &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shiryo: {} ({e})", e.message_ja());
            ExitCode::from(exit_code(e.code()))
        }
    }
}
