//! `shiryo`: Shiryo without a window — create the demo workspace, print a meeting's 次第.

mod kpi;
mod shinkyu;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
    /// Build the 新旧対照表 of two texts: printed with marks as [ ], or as JSON with --json.
    Shinkyu(shinkyu::ShinkyuArgs),
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
    }
}

/// The one clock read of the CLI: core code receives the time as an argument.
#[allow(clippy::disallowed_methods)]
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

fn run(cli: Cli, out: &mut impl Write) -> Result<(), AppError> {
    let write = |out: &mut dyn Write, text: &str| {
        // A closed pipe (`shiryo show | head`) is not an error worth reporting.
        let _ = writeln!(out, "{text}");
    };
    match cli.command {
        Command::Demo { db } => {
            let (_, id) = App::create_demo(&db, now())?;
            write(out, &format!("デモ会議を作成しました: {} (会議ID {id})", db.display()));
        }
        Command::Kpi(cmd) => kpi::run(cmd, now(), out)?,
        Command::Show { db, meeting } => {
            let app = App::open(&db)?;
            write(out, &app.shidai_text(meeting)?);
        }
        Command::Meetings { db } => {
            let app = App::open(&db)?;
            for m in app.list_meetings()? {
                let date = m.date_label.unwrap_or_else(|| "日付未定".to_string());
                write(out, &format!("{}\t{}\t{}", m.id, date, m.title_lines.concat()));
            }
        }
        // Needs no workspace and has its own errors and exit codes: `main` dispatches it before `run`.
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
