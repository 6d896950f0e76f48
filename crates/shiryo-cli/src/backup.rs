//! `shiryo backup` and `shiryo restore`: the workspace's rolling backups from the command line.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use clap::Args;
use shiryo_app::backup::BackupInfo;
use shiryo_app::{App, AppError};

#[derive(Args)]
pub struct BackupArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// List the backups (newest first) instead of taking one.
    #[arg(long)]
    list: bool,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The workspace file to replace (it is backed up first).
    #[arg(long)]
    db: PathBuf,
    /// The backup to restore (see `shiryo backup --db … --list`).
    #[arg(long)]
    from: PathBuf,
}

fn line(info: &BackupInfo) -> String {
    format!("{}\t{}\t{}\t{}", info.taken_at.format("%Y-%m-%d %H:%M:%S"), info.reason, info.size, info.path.display())
}

pub fn backup(args: BackupArgs, now: NaiveDateTime, out: &mut impl Write) -> Result<(), AppError> {
    if args.list {
        // Listing never opens the workspace, so it works on a damaged one too.
        for info in shiryo_app::backup::list_backups(&args.db)? {
            let _ = writeln!(out, "{}", line(&info));
        }
        return Ok(());
    }
    let info = App::open_with(&args.db, &crate::open_options())?.backup_now(now)?;
    let _ = writeln!(out, "バックアップを作成しました: {}", info.path.display());
    Ok(())
}

pub fn restore(args: RestoreArgs, now: NaiveDateTime, out: &mut impl Write) -> Result<(), AppError> {
    let report = shiryo_app::backup::restore(&args.db, &args.from, now, &crate::open_options())?;
    let _ = writeln!(out, "復元しました: {} ← {}", args.db.display(), args.from.display());
    if !report.previous.path.as_os_str().is_empty() {
        let _ = writeln!(out, "復元前の状態はバックアップしてあります: {}", report.previous.path.display());
    }
    Ok(())
}
