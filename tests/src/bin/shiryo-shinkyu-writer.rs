//! Test-only: `shiryo-shinkyu-writer WORKSPACE ASSETS [COUNT]` sets the old and new texts of the workspace's
//! 新旧対照表 資料 again and again, alternately (version 1 old, 2 new, 3 old, …; see
//! `shiryo_tests::shinkyu_version_text`), each time regenerating the table in one transaction, and prints the
//! version number right after each commit; it starts at `$SHINKYU_WRITER_START` (default 1), so a run after a kill
//! goes on from what the workspace holds. The crash test SIGKILLs it at random points.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use shiryo_app::shinkyu::{SetShinkyuTextRequest, ShinkyuSide};
use shiryo_app::{App, AppError, MaterialKind, ShidaiRequest};
use shiryo_tests::{shinkyu_version_text, SHINKYU_COPIES};

fn run(workspace: PathBuf, assets: &Path, count: Option<u64>) -> Result<(), String> {
    let err = |e: AppError| format!("{:?}: {} ({e})", e.code(), e.message_ja());
    let read = |name: &str| std::fs::read_to_string(assets.join("shinkyu").join(name)).map_err(|e| e.to_string());
    let (old, new) = (read("policy_old.txt")?, read("policy_new.txt")?);
    let mut app = App::open(&workspace).map_err(err)?;
    let meeting_id = app.default_meeting_id().map_err(err)?;
    let shidai = app.shidai(&ShidaiRequest { meeting_id }).map_err(err)?;
    let material_id = shidai
        .materials
        .iter()
        .find(|m| m.kind == MaterialKind::Shinkyu)
        .map(|m| m.id)
        .ok_or("the workspace has no 新旧対照表 資料")?;
    let start: u64 = std::env::var("SHINKYU_WRITER_START").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut n = start;
    while count.is_none_or(|c| n < start + c) {
        let (side, base, name) =
            if n % 2 == 1 { (ShinkyuSide::Old, &old, "old.txt") } else { (ShinkyuSide::New, &new, "new.txt") };
        let req = SetShinkyuTextRequest {
            meeting_id,
            material_id,
            side,
            file_name: name.to_string(),
            bytes: shinkyu_version_text(base, n, SHINKYU_COPIES).into_bytes(),
        };
        app.set_shinkyu_text(&req).map_err(err)?;
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{n}");
        let _ = stdout.flush();
        n += 1;
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(workspace), Some(assets)) = (args.next(), args.next()) else {
        eprintln!("usage: shiryo-shinkyu-writer WORKSPACE ASSETS [COUNT]");
        return ExitCode::from(2);
    };
    let count = args.next().and_then(|c| c.to_str().and_then(|c| c.parse().ok()));
    match run(workspace.into(), Path::new(&assets), count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
