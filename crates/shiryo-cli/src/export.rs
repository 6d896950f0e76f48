//! `shiryo export`, `shiryo demo --pdf` and `shiryo bench`: the print engine from the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use shiryo_app::{App, AppError, BlankPageStyle, ExportReport, ExportRequest, ExportWarning, PrintRequest};

/// What the blank pages of a duplex-safe packet show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Blank {
    /// Nothing.
    Empty,
    /// 「（白紙）」 centred.
    Hakushi,
}

/// The export's choices, shared by `export` and `print`.
#[derive(Debug, Clone)]
pub struct Choice {
    pub meeting: Option<i64>,
    pub material: Option<String>,
    pub continuous: bool,
    pub duplex: bool,
    pub blank: Blank,
    pub allow_empty: bool,
    pub allow_missing_glyphs: bool,
}

/// The request for `choice` on the opened workspace.
fn request(app: &App, choice: &Choice) -> Result<ExportRequest, AppError> {
    let meeting_id = match choice.meeting {
        Some(id) => id,
        None => app.default_meeting_id()?,
    };
    let material_id =
        choice.material.as_deref().map(|label| app.material_id_by_label(meeting_id, label)).transpose()?;
    Ok(ExportRequest {
        meeting_id,
        material_id,
        continuous_page_numbers: choice.continuous,
        allow_empty: choice.allow_empty,
        allow_missing_glyphs: choice.allow_missing_glyphs,
        duplex: choice.duplex,
        blank_page: match choice.blank {
            Blank::Empty => BlankPageStyle::Empty,
            Blank::Hakushi => BlankPageStyle::Hakushi,
        },
        ..ExportRequest::default()
    })
}

/// What an export records or marks besides printing: a 配付版, the notes of a packet after a 差し替え.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub distributed: Option<String>,
    pub revised_since: Option<String>,
    pub date: Option<chrono::NaiveDate>,
}

/// Exports the packet (or one 資料, by label) of a meeting.
pub fn export(
    db: &Path,
    choice: &Choice,
    marks: &Marks,
    pdf: &Path,
    now: chrono::NaiveDateTime,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let mut app = App::open_with(db, &crate::open_options())?;
    let mut req = request(&app, choice)?;
    let date = marks.date.unwrap_or_else(|| now.date());
    req.distribution = marks
        .distributed
        .as_ref()
        .map(|name| shiryo_app::distribution::DistributionChoice { name: name.clone(), date: Some(date) });
    req.revised = marks.revised_since.as_ref().map(|since| shiryo_app::RevisedMarks { since: since.clone(), date });
    let report = app.export_and_record(&req, pdf, now, &mut |_| {})?;
    print_report(&report, out);
    if let Some(name) = &report.recorded_as {
        let _ = writeln!(out, "配付版「{name}」として記録しました（{} 件の資料）。", report.materials.len());
    }
    Ok(())
}

/// Exports one file per 資料 into `dir` and prints the list.
pub fn split(
    db: &Path,
    choice: &Choice,
    dir: &Path,
    now: chrono::NaiveDateTime,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let app = App::open_with(db, &crate::open_options())?;
    let req = request(&app, choice)?;
    let start = Instant::now();
    let report = app.export_split(&req, dir, now, &mut |_| {})?;
    let _ = writeln!(
        out,
        "資料ごとのPDFを作成しました: {} ({} ファイル, 計 {} ページ, {} バイト, {:.2} 秒)",
        report.dir,
        report.files.len(),
        report.pages,
        report.bytes,
        start.elapsed().as_secs_f64()
    );
    for f in &report.files {
        let _ = writeln!(out, "  {}\t{}\t{} ページ", f.file_name, f.label, f.pages);
    }
    let _ = writeln!(out, "  {} (一覧)", report.list_file);
    warn(&report.warnings);
    Ok(())
}

/// `shiryo print`.
#[derive(Debug, clap::Args)]
pub struct PrintArgs {
    /// The workspace file.
    #[arg(long)]
    db: PathBuf,
    /// The meeting's id; default: the first meeting listed.
    #[arg(long)]
    meeting: Option<i64>,
    /// Only this 資料, by its label (資料３－２, 資料3-2 or 3-2).
    #[arg(long)]
    material: Option<String>,
    /// The printer, by the name the OS lists (`shiryo printers`).
    #[arg(long)]
    printer: String,
    /// Sets to print.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=999))]
    copies: u32,
    /// Both sides of the sheet (long edge), the packet duplex-safe (each part starts on a front page).
    #[arg(long)]
    duplex: bool,
    /// What the blank pages of --duplex show.
    #[arg(long, value_enum, default_value_t = Blank::Empty, requires = "duplex")]
    blank: Blank,
    /// One job per 資料 (and one for the 次第), set after set, so that a finisher staples each 資料.
    #[arg(long)]
    per_material: bool,
    /// Number pages across the packet instead of within each 資料.
    #[arg(long)]
    continuous: bool,
    /// Print an empty 資料 as （別途配付） instead of stopping.
    #[arg(long)]
    allow_empty: bool,
    /// Print characters the fonts lack as 〓 instead of stopping.
    #[arg(long)]
    allow_missing_glyphs: bool,
}

/// Sends the print and reports each job id.
pub fn print(args: &PrintArgs, now: chrono::NaiveDateTime, out: &mut dyn Write) -> Result<(), AppError> {
    let app = App::open_with(&args.db, &crate::open_options())?;
    let choice = Choice {
        meeting: args.meeting,
        material: args.material.clone(),
        continuous: args.continuous,
        duplex: args.duplex,
        blank: args.blank,
        allow_empty: args.allow_empty,
        allow_missing_glyphs: args.allow_missing_glyphs,
    };
    let req = PrintRequest {
        export: request(&app, &choice)?,
        printer: args.printer.clone(),
        copies: args.copies,
        per_material: args.per_material,
        two_sided: args.duplex,
    };
    let system = shiryo_app::printer::system();
    let start = Instant::now();
    let report = app.print(&req, system.as_ref(), now, &mut |_| {})?;
    let plan = &report.plan;
    let _ = writeln!(
        out,
        "プリンター「{}」に {} 件のジョブを送りました ({:.2} 秒): {} 部, 1部 {} ページ (うち白紙 {}), 用紙 {} 枚{}",
        report.printer,
        report.jobs.len(),
        start.elapsed().as_secs_f64(),
        plan.copies,
        plan.pages,
        plan.blanks,
        plan.sheets,
        if args.duplex { " (両面)" } else { " (片面)" }
    );
    for j in &report.jobs {
        let set = if j.set > 0 { format!("第{}部", j.set) } else { format!("{} 部", j.copies) };
        let id = j.job_id.as_deref().unwrap_or("(ジョブIDなし)");
        let _ = writeln!(out, "  {id}\t{}\t{set}\t{} ページ", j.label, j.pages);
    }
    warn(&report.warnings);
    Ok(())
}

/// Warnings go to stderr so scripts see them.
fn warn(warnings: &[ExportWarning]) {
    for w in warnings {
        eprintln!("shiryo: 警告: {}", w.message);
    }
}

/// The report: one line for the file, one per warning (warnings go to stderr so scripts see them).
pub fn print_report(report: &ExportReport, out: &mut dyn Write) {
    let blanks =
        if report.blank_pages > 0 { format!(", うち白紙 {} ページ", report.blank_pages) } else { String::new() };
    let _ =
        writeln!(out, "PDFを作成しました: {} ({} ページ{blanks}, {} バイト)", report.path, report.pages, report.bytes);
    warn(&report.warnings);
}

/// Peak resident memory of this process in kB (VmHWM), where /proc exists.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak so that it measures the export alone (Linux: `echo 5 > /proc/self/clear_refs`).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn pdf_pages(path: &Path) -> Option<usize> {
    let out = Command::new("pdfinfo").arg(path).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines().find(|l| l.starts_with("Pages:"))?.split_whitespace().nth(1)?.parse().ok()
}

/// Exports `req` once untimed (a warm-up), then `runs` times (at least once): the best wall time in seconds, the peak memory of the last run
/// (KiB, where /proc tells it) and the last report.
fn timed_export(
    app: &App,
    req: &ExportRequest,
    pdf: &Path,
    runs: u32,
    now: chrono::NaiveDateTime,
) -> Result<(f64, Option<u64>, shiryo_app::ExportReport), AppError> {
    let mut best = f64::MAX;
    let mut peak = None;
    let mut report = app.export_pdf(req, pdf, now, &mut |_| {})?;
    for _ in 0..runs.max(1) {
        reset_peak();
        let start = Instant::now();
        report = app.export_pdf(req, pdf, now, &mut |_| {})?;
        best = best.min(start.elapsed().as_secs_f64());
        peak = peak_kb();
    }
    Ok((best, peak, report))
}

fn write_peak(out: &mut dyn Write, peak: Option<u64>) {
    let _ = match peak {
        Some(kb) => writeln!(out, "  peak memory {:.1} MB (VmHWM, process)", kb as f64 / 1024.0),
        None => writeln!(out, "  peak memory n/a (no /proc)"),
    };
}

/// Exports the whole demo packet `runs` times and prints wall time, peak memory, pages and bytes; with
/// `peer`, converts plain text of the same page count with LibreOffice and prints the ratio.
pub fn bench(
    dir: &Path,
    runs: u32,
    peer: bool,
    now: chrono::NaiveDateTime,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let db = dir.join("bench.shiryo");
    let pdf = dir.join("bench.pdf");
    let (app, id) = App::create_demo(&db, now)?;
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let (best, peak, report) = timed_export(&app, &req, &pdf, runs, now)?;
    let _ = writeln!(out, "shiryo: demo packet, best of {} run(s)", runs.max(1));
    let _ = writeln!(out, "  wall time   {:.3} s", best);
    write_peak(out, peak);
    let _ = writeln!(out, "  pages       {}", report.pages);
    let _ = writeln!(out, "  bytes       {} ({:.2} MB)", report.bytes, report.bytes as f64 / 1_048_576.0);
    let _ = writeln!(out, "  per 100 pp  {:.3} s", best * 100.0 / f64::from(report.pages.max(1)));
    if peer {
        bench_libreoffice(dir, report.pages as usize, best, out);
    }
    Ok(())
}

/// LibreOffice on plain text of (at least) the same page count: the peer the issue compares with.
fn bench_libreoffice(dir: &Path, pages: usize, ours: f64, out: &mut dyn Write) {
    let para = "本県でも、行政サービスを提供するため、多くの業務において情報通信技術を活用しており、個人情報や行政運営上重要な情報などの多数の情報資産を保有しています。";
    // About 45 lines of about 40 characters fit a default Writer page; fill a little more than needed, then
    // check the real count with pdfinfo and trim by proportion once.
    let mut lines_per_page = 20usize;
    // A first run creates LibreOffice's user profile; it is not part of converting a document.
    let warm = dir.join("warm.txt");
    if std::fs::write(&warm, "warm up\n").is_ok() {
        let _ = Command::new("soffice")
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(&warm)
            .output();
    }
    let txt = dir.join("peer.txt");
    let mut result: Option<(f64, usize)> = None;
    for _ in 0..3 {
        let text: String = (0..pages * lines_per_page).map(|i| format!("{} {para}\n", i + 1)).collect();
        if std::fs::write(&txt, text).is_err() {
            return;
        }
        let start = Instant::now();
        let status =
            Command::new("soffice").args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(dir).arg(&txt).output();
        let elapsed = start.elapsed().as_secs_f64();
        match status {
            Ok(o) if o.status.success() => {}
            _ => {
                let _ =
                    writeln!(out, "  LibreOffice: soffice not available (apt-get install libreoffice-writer-nogui)");
                return;
            }
        }
        let got = pdf_pages(&dir.join("peer.pdf")).unwrap_or(0);
        result = Some((elapsed, got));
        if got == pages || got == 0 {
            break;
        }
        lines_per_page = (lines_per_page * pages).div_ceil(got.max(1)).max(1);
    }
    if let Some((elapsed, got)) = result {
        let _ = writeln!(out, "LibreOffice: soffice --headless --convert-to pdf, plain text");
        let _ = writeln!(out, "  wall time   {elapsed:.3} s for {got} pages");
        let scaled = elapsed * pages as f64 / got.max(1) as f64;
        let _ = writeln!(out, "  ratio       shiryo / LibreOffice = {:.3} (same page count)", ours / scaled);
    }
}

/// The bench table: 5,000 rows × 8 columns cycled from the demo's 資料2-3 sheet (番号 renumbered, the working
/// `note` column left out), as CSV text.
fn bench_csv(rows: usize) -> Result<String, AppError> {
    let bad = |reason: &str| AppError::DemoAsset { name: "table/projects_r5.csv".into(), reason: reason.into() };
    let bytes = shiryo_app::demo::asset("table/projects_r5.csv").ok_or_else(|| bad("not embedded"))?;
    let grid = shiryo_app::table_material::read_sheet("projects_r5.csv", bytes, None)?;
    let body: Vec<&Vec<String>> = grid.rows.iter().skip(1).collect();
    if body.is_empty() {
        return Err(bad("no rows"));
    }
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut csv = String::from("番号,区分,分野,項目,担当課,事業名,事業概要,指標（KPI）又は目標\n");
    for i in 0..rows {
        let r = body[i % body.len()];
        let cell = |k: usize| r.get(k).map_or("", String::as_str);
        let line = [(i + 1).to_string().as_str(), cell(0), cell(2), cell(3), cell(4), cell(5), cell(6), cell(7)]
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(",");
        csv.push_str(&line);
        csv.push('\n');
    }
    Ok(csv)
}

/// Prints a 5,000-row × 8-column 表 資料 `runs` times (wall time, peak memory, pages, pages per second), the demo
/// packet once for its pages per second, and with `peer` LibreOffice Calc converting the same CSV.
pub fn bench_table(
    dir: &Path,
    runs: u32,
    peer: bool,
    now: chrono::NaiveDateTime,
    out: &mut dyn Write,
) -> Result<(), AppError> {
    let rows = 5000;
    let csv = bench_csv(rows)?;
    let csv_path = dir.join("bench-table.csv");
    std::fs::write(&csv_path, &csv).map_err(|source| AppError::ExportIo { path: csv_path.clone(), source })?;
    let db = dir.join("bench.shiryo");
    let (mut app, id) = App::create_demo(&db, now)?;
    // The demo packet's pages per second, for comparison: before the table joins the meeting.
    let demo = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let (packet_best, _, packet) = timed_export(&app, &demo, &dir.join("packet.pdf"), runs, now)?;
    let packet_pps = f64::from(packet.pages) / packet_best.max(1e-9);
    let item = app.agenda_item_id(id, "2(2)")?;
    let choice = shiryo_app::table_material::TableChoice {
        group: vec![2, 3, 4],
        orientation: shiryo_app::table_material::TableOrientation::Landscape,
        ..Default::default()
    };
    let material =
        app.add_table_material(id, item, "ベンチマーク用の表", "bench-table.csv", csv.as_bytes(), &choice, now)?;
    let pdf = dir.join("bench-table.pdf");
    let req = ExportRequest { meeting_id: id, material_id: Some(material), ..ExportRequest::default() };
    let (best, peak, report) = timed_export(&app, &req, &pdf, runs, now)?;
    let _ = writeln!(out, "shiryo: 表 資料 of {rows} rows × 8 columns, best of {} run(s)", runs.max(1));
    let _ = writeln!(out, "  wall time   {best:.3} s");
    write_peak(out, peak);
    let pps = f64::from(report.pages) / best.max(1e-9);
    let _ = writeln!(out, "  pages       {} ({pps:.0} pages/s)", report.pages);
    let _ = writeln!(out, "  bytes       {}", report.bytes);
    let _ = writeln!(out, "  demo packet {} pages in {packet_best:.3} s ({packet_pps:.0} pages/s)", packet.pages);
    if peer {
        let warm = dir.join("warm.csv");
        if std::fs::write(&warm, "a,b\n1,2\n").is_ok() {
            let _ = Command::new("soffice")
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(dir)
                .arg(&warm)
                .output();
        }
        let start = Instant::now();
        let status = Command::new("soffice")
            .args(["--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(&csv_path)
            .output();
        let elapsed = start.elapsed().as_secs_f64();
        match status {
            Ok(o) if o.status.success() => {
                let got = pdf_pages(&dir.join("bench-table.pdf")).unwrap_or(0);
                let _ = writeln!(out, "LibreOffice Calc: soffice --headless --convert-to pdf, the same CSV");
                let _ = writeln!(
                    out,
                    "  wall time   {elapsed:.3} s for {got} pages ({:.0} pages/s)",
                    got as f64 / elapsed.max(1e-9)
                );
                let _ = writeln!(
                    out,
                    "  ratio       shiryo / LibreOffice = {:.3} (time for the same table)",
                    best / elapsed
                );
            }
            _ => {
                let _ = writeln!(out, "  LibreOffice: soffice not available (apt-get install libreoffice-calc-nogui)");
            }
        }
    }
    Ok(())
}

/// A scratch folder for the bench that is removed afterwards.
pub fn scratch() -> Result<(tempfile::TempDir, PathBuf), AppError> {
    let dir = tempfile::tempdir().map_err(|source| AppError::ExportIo { path: PathBuf::from("."), source })?;
    let path = dir.path().to_path_buf();
    Ok((dir, path))
}
