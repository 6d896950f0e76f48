//! `shiryo changes`, `shiryo distributions` and `shiryo export --replacements`: the 差し替え round from the
//! command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use shiryo_app::distribution::{ChangeReport, ReplacementRequest, StampWord};
use shiryo_app::{App, AppError};

/// `shiryo changes`.
#[derive(Debug, clap::Args)]
pub struct ChangesArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// The meeting's id; default: the first meeting listed.
    #[arg(long)]
    meeting: Option<i64>,
    /// The 配付版 to compare with (the name it was exported under with --distributed, e.g. 事前送付).
    #[arg(long)]
    since: String,
    /// Also write the report as JSON to this file (`-`: standard output instead of the text).
    #[arg(long)]
    json: Option<PathBuf>,
}

/// `shiryo distributions`.
#[derive(Debug, clap::Args)]
pub struct DistributionsArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// The meeting's id; default: the first meeting listed.
    #[arg(long)]
    meeting: Option<i64>,
}

/// What the 差し替え set of `shiryo export --replacements` prints beside each label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Stamp {
    /// 差替え
    #[value(name = "差替え")]
    Sashikae,
    /// 差替
    #[value(name = "差替")]
    Sashikae2,
    /// 修正版
    #[value(name = "修正版")]
    Shuseiban,
}

impl From<Stamp> for StampWord {
    fn from(s: Stamp) -> StampWord {
        match s {
            Stamp::Sashikae => StampWord::Sashikae,
            Stamp::Sashikae2 => StampWord::Sashikae2,
            Stamp::Shuseiban => StampWord::Shuseiban,
        }
    }
}

fn meeting_of(app: &App, meeting: Option<i64>) -> Result<i64, AppError> {
    match meeting {
        Some(id) => Ok(id),
        None => app.default_meeting_id(),
    }
}

fn range(pages: Option<[u32; 2]>) -> String {
    match pages {
        Some([a, b]) if a == b => format!("p.{a}"),
        Some([a, b]) => format!("p.{a}–{b}"),
        None => "―".to_string(),
    }
}

/// The report as text: one line per change, then its details with the changed 字句 in ［ ］.
pub fn print_changes(report: &ChangeReport, out: &mut dyn Write) {
    if report.is_empty() {
        let _ = writeln!(out, "「{}」（{}）から変わった資料はありません。", report.since, report.since_date);
        return;
    }
    let _ = writeln!(
        out,
        "「{}」（{}）からの変更: {} 件",
        report.since,
        report.since_date,
        report.changes.len() + usize::from(report.shidai.is_some())
    );
    for c in report.shidai.iter().chain(&report.changes) {
        let label = match (&c.old_label, &c.new_label) {
            (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
            _ => c.label.clone(),
        };
        let _ = writeln!(
            out,
            "{}\t{label}\t{}\t配付時 {} / 現在 {}\t{}",
            c.kind.name_ja(),
            c.title,
            range(c.old_pages),
            range(c.new_pages),
            c.summary
        );
        for d in c.details.iter().take(20) {
            let _ = writeln!(out, "    {}", d.place);
            if !d.old.is_empty() {
                let _ = writeln!(out, "      旧: {}", d.old_bracketed('［', '］').replace('\n', " "));
            }
            if !d.new.is_empty() {
                let _ = writeln!(out, "      新: {}", d.new_bracketed('［', '］').replace('\n', " "));
            }
        }
        if c.details.len() > 20 {
            let _ = writeln!(out, "    ほか {} か所", c.details.len() - 20);
        }
    }
}

fn write_json(path: &Path, report: &ChangeReport, out: &mut dyn Write) -> Result<(), AppError> {
    let json = serde_json::to_string_pretty(report).map_err(|e| AppError::Snapshot(e.to_string()))?;
    if path == Path::new("-") {
        let _ = writeln!(out, "{json}");
        return Ok(());
    }
    std::fs::write(path, json + "\n").map_err(|source| AppError::ExportIo { path: path.to_path_buf(), source })
}

pub fn changes(args: &ChangesArgs, out: &mut dyn Write) -> Result<(), AppError> {
    let app = App::open_with(&args.db, &crate::open_options())?;
    let meeting = meeting_of(&app, args.meeting)?;
    let start = Instant::now();
    let report = app.changes(meeting, &args.since)?;
    let spent = start.elapsed().as_secs_f64();
    match &args.json {
        Some(path) if path == Path::new("-") => write_json(path, &report, out)?,
        Some(path) => {
            write_json(path, &report, out)?;
            print_changes(&report, out);
        }
        None => print_changes(&report, out),
    }
    eprintln!("shiryo: 変更の確認 {spent:.2} 秒");
    Ok(())
}

pub fn distributions(args: &DistributionsArgs, out: &mut dyn Write) -> Result<(), AppError> {
    let app = App::open_with(&args.db, &crate::open_options())?;
    let meeting = meeting_of(&app, args.meeting)?;
    for d in app.distributions(meeting)? {
        let kind = if d.replacements { "差し替え" } else { "資料一式" };
        let _ = writeln!(
            out,
            "{}\t{kind}\t{}\t{} ページ\t記録 {}\tSHA-256 {}",
            d.name, d.date_label, d.pages, d.recorded_at, d.pdf_sha256
        );
    }
    Ok(())
}

/// What `shiryo export --replacements` was asked.
pub struct Replacements {
    pub meeting: Option<i64>,
    pub since: String,
    pub stamp: Stamp,
    pub date: Option<chrono::NaiveDate>,
    pub with_shidai: bool,
}

pub fn replacements(
    db: &Path,
    choice: &Replacements,
    pdf: &Path,
    now: chrono::NaiveDateTime,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let mut app = App::open_with(db, &crate::open_options())?;
    let req = ReplacementRequest {
        meeting_id: meeting_of(&app, choice.meeting)?,
        since: choice.since.clone(),
        stamp: choice.stamp.into(),
        date: choice.date,
        with_shidai: choice.with_shidai,
    };
    let start = Instant::now();
    let report = app.export_replacements(&req, pdf, now, &mut |_| {})?;
    let _ = writeln!(
        out,
        "差し替えのPDFを作成しました: {} ({} ページ, {:.2} 秒)。配付版「{}」として記録しました。",
        report.path,
        report.pages,
        start.elapsed().as_secs_f64(),
        report.recorded_as
    );
    let _ = writeln!(out, "  {}", report.parts.join("、"));
    if report.report.shidai.is_some() && !choice.with_shidai {
        let _ = writeln!(
            out,
            "  次第の配付資料一覧も変わっています。次第も差し替えるには --with-shidai を付けてください。"
        );
    }
    Ok(())
}
