//! Test-only: `shiryo-writer DB CSV [COUNT]` imports the KPI table CSV into the workspace DB again and again
//! (COUNT times, or until killed), one transaction each, and prints the number of each committed import — the
//! count of KPI tables in the workspace — on its own line right after the commit. On an error it prints the
//! error code and message to stderr and exits with 7 for `workspace_in_use`, 1 otherwise.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use shiryo_app::{App, AppError, ErrorCode};

fn run(db: PathBuf, csv: PathBuf, count: Option<u64>) -> Result<(), AppError> {
    let now = NaiveDate::from_ymd_opt(2023, 6, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default();
    let mut app = App::open(&db)?;
    let mut committed = app.kpi_tables(None)?.len() as u64;
    let stdout = std::io::stdout();
    let mut done = 0;
    while count.is_none_or(|c| done < c) {
        app.import_kpi_file(&csv, None, None, now)?;
        committed += 1;
        done += 1;
        let mut out = stdout.lock();
        let _ = writeln!(out, "{committed}");
        let _ = out.flush();
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(db), Some(csv)) = (args.next(), args.next()) else {
        eprintln!("usage: shiryo-writer DB CSV [COUNT]");
        return ExitCode::from(2);
    };
    let count = args.next().and_then(|c| c.to_str().and_then(|c| c.parse().ok()));
    match run(db.into(), csv.into(), count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = e.code();
            eprintln!("{code:?}: {} ({e})", e.message_ja());
            ExitCode::from(if code == ErrorCode::WorkspaceInUse { 7 } else { 1 })
        }
    }
}
