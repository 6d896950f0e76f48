//! `shiryo shinkyu OLD NEW`: the 新旧対照表 of two texts, as text with visible marks, as JSON or as PDF.
//! `shiryo shinkyu --tracked FILE.docx`: the same from one Word file with tracked changes (見え消し).
//! `shiryo shinkyu --check TABLE.docx --json OUT`: a department's finished table taken in and checked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;
use shiryo_app::shinkyu::{ShinkyuOptions, ShinkyuPreset};
use shiryo_app::AppError;

/// Arguments of `shiryo shinkyu`.
#[derive(Args)]
pub struct ShinkyuArgs {
    /// The old text (改正前): .txt in UTF-8 or Shift_JIS, or .docx.
    #[arg(required_unless_present_any = ["tracked", "check"], conflicts_with_all = ["tracked", "check"])]
    old: Option<PathBuf>,
    /// The new text (改正後): .txt in UTF-8 or Shift_JIS, or .docx.
    #[arg(required_unless_present_any = ["tracked", "check"])]
    new: Option<PathBuf>,
    /// One .docx with tracked changes (見え消し): the old text is it with every change rejected, the new text
    /// with every change accepted.
    #[arg(long, value_name = "FILE.docx", conflicts_with = "check")]
    tracked: Option<PathBuf>,
    /// A received 新旧対照表 (.docx whose table is headed 新/旧, 改正後/改正前 or 改正案/現行): read as it stands
    /// and checked; with --json writes { rows, findings }. Exits 0 with or without findings.
    #[arg(long, value_name = "TABLE.docx")]
    check: Option<PathBuf>,
    /// Write the table as JSON to this file instead of printing it.
    #[arg(long, value_name = "OUT.json")]
    json: Option<PathBuf>,
    /// Print the table to this PDF (A4 landscape, headings on every page, changes underlined).
    #[arg(long, value_name = "OUT.pdf")]
    pdf: Option<PathBuf>,
    /// The title above the PDF's table.
    #[arg(long, default_value = "新旧対照表")]
    title: String,
    /// The sentence above the PDF's table (default: the preset's, or （下線部分は改正部分） for 新/旧; "" for none).
    #[arg(long)]
    caption: Option<String>,
    /// The date written into the PDF, e.g. 2023-06-01T09:00:00 (default: now): same input and date, same bytes.
    #[arg(long, value_name = "DATETIME")]
    created: Option<chrono::NaiveDateTime>,
    /// Headings and caption: shin-kyu 新/旧, kaisei 改正後/改正前 （傍線部分は改正部分）, an-genko 改正案/現行
    /// (default: kaisei for law-style texts, that is texts with 条, else shin-kyu).
    #[arg(long, value_parser = preset_parser())]
    preset: Option<ShinkyuPreset>,
    /// Put the old text in the left column.
    #[arg(long)]
    old_left: bool,
}

/// The preset codes as clap's choices (listed in `--help`), read into the one preset type.
fn preset_parser() -> impl TypedValueParser<Value = ShinkyuPreset> {
    PossibleValuesParser::new(ShinkyuPreset::ALL.map(ShinkyuPreset::code)).try_map(|code| code.parse::<ShinkyuPreset>())
}

/// An error as one line on stderr (Japanese message, English detail) and its exit code.
fn fail(e: &AppError) -> ExitCode {
    eprintln!("shiryo: {}（{e}）", e.message_ja());
    ExitCode::from(super::exit_code(e.code()))
}

/// Runs the subcommand; errors go to stderr as one line with the exit code of their error code.
pub fn main(args: ShinkyuArgs) -> ExitCode {
    let mut options = ShinkyuOptions {
        preset: args.preset.unwrap_or_default(),
        old_left: args.old_left,
        ..ShinkyuOptions::default()
    };
    if let Some(path) = &args.check {
        return check(path, args.json.as_deref());
    }
    let built = match (&args.tracked, &args.old, &args.new) {
        (Some(file), _, _) => shiryo_app::shinkyu::compare_tracked(file, &options),
        (None, Some(old), Some(new)) => shiryo_app::shinkyu::compare_files(old, new, &options),
        // clap requires OLD and NEW unless --tracked or --check is given.
        _ => return ExitCode::from(2),
    };
    let mut table = match built {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    // 法令 revisions are printed 改正後 / 改正前 with （傍線部分は改正部分） unless another preset was asked for.
    if args.preset.is_none() && table.is_law_style() {
        options.preset = ShinkyuPreset::Kaisei;
        table.set_preset(ShinkyuPreset::Kaisei);
    }
    if let Some(path) = &args.pdf {
        let caption = match args.caption.as_deref() {
            Some(c) => Some(c),
            None => Some(shiryo_app::shinkyu::default_caption(options.preset)),
        };
        let created = args.created.unwrap_or_else(super::now);
        if let Err(e) = shiryo_app::shinkyu::write_pdf(&table, &args.title, caption, path, created) {
            return fail(&e);
        }
    }
    match args.json {
        Some(path) => {
            let written = std::fs::File::create(&path).and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                serde_json::to_writer(&mut out, &table).map_err(std::io::Error::other)?;
                out.flush()
            });
            if let Err(source) = written {
                return fail(&AppError::ExportIo { path, source });
            }
        }
        None if args.pdf.is_some() => {}
        None => {
            // A closed pipe (`shiryo shinkyu … | head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(shiryo_app::shinkyu::render_text(&table).as_bytes());
        }
    }
    ExitCode::SUCCESS
}

/// `--check`: the received table's rows and findings, as JSON to `json` or as text on stdout.
fn check(path: &Path, json: Option<&Path>) -> ExitCode {
    let received = match shiryo_app::shinkyu::check_received(path) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    match json {
        Some(out) => {
            let value = serde_json::json!({ "rows": received.table.rows, "findings": received.findings });
            if let Err(source) = std::fs::write(out, value.to_string()) {
                return fail(&AppError::ExportIo { path: out.to_path_buf(), source });
            }
        }
        None => {
            let mut text = shiryo_app::shinkyu::render_text(&received.table);
            text.push_str(&format!("\n指摘 {} 件\n", received.findings.len()));
            for f in &received.findings {
                text.push_str(&format!("[{}] {}\n", f.code, f.message));
            }
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    ExitCode::SUCCESS
}
