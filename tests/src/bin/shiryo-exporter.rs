//! Test-only: `shiryo-exporter WORKSPACE OUT [COUNT]` exports the packet PDF of the workspace's first meeting to
//! OUT again and again (COUNT times, or until killed) and prints `done N` after each export is in place. The
//! export crash test SIGKILLs it at random points. Each export is recorded as a 配付版 (配付1, 配付2, …), so a kill
//! can also land while a version is written. On an error it prints the error to stderr and exits with 1.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use shiryo_app::distribution::DistributionChoice;
use shiryo_app::{App, AppError, ExportRequest};

fn run(workspace: PathBuf, out: PathBuf, count: Option<u64>) -> Result<(), AppError> {
    let now = NaiveDate::from_ymd_opt(2023, 6, 5).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default();
    let mut app = App::open(&workspace)?;
    let meeting_id = app.default_meeting_id()?;
    let mut done = 0;
    while count.is_none_or(|c| done < c) {
        let name = format!("配付{}", app.distributions(meeting_id)?.len() + 1);
        // The demo leaves 資料１－２ empty: it prints as （別途配付）, as `shiryo demo --pdf` does.
        let req = ExportRequest {
            meeting_id,
            allow_empty: true,
            distribution: Some(DistributionChoice { name, date: None }),
            ..ExportRequest::default()
        };
        app.export_and_record(&req, &out, now, &mut |_| {})?;
        done += 1;
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "done {done}");
        let _ = stdout.flush();
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(workspace), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: shiryo-exporter WORKSPACE OUT [COUNT]");
        return ExitCode::from(2);
    };
    let count = args.next().and_then(|c| c.to_str().and_then(|c| c.parse().ok()));
    match run(workspace.into(), out.into(), count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{:?}: {} ({e})", e.code(), e.message_ja());
            ExitCode::from(1)
        }
    }
}
