//! `shiryo shinkyu OLD NEW`: the 新旧対照表 of two texts, as text with visible marks, as JSON or as PDF.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;
use shiryo_app::shinkyu::{ShinkyuOptions, ShinkyuPreset};
use shiryo_app::AppError;

/// Arguments of `shiryo shinkyu`.
#[derive(Args)]
pub struct ShinkyuArgs {
    /// The old text (改正前): .txt in UTF-8 or Shift_JIS, or .docx.
    old: PathBuf,
    /// The new text (改正後): .txt in UTF-8 or Shift_JIS, or .docx.
    new: PathBuf,
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
    /// Headings and caption: shin-kyu 新/旧, kaisei 改正後/改正前 （傍線部分は改正部分）, an-genko 改正案/現行.
    #[arg(long, default_value = "shin-kyu", value_parser = preset_parser())]
    preset: ShinkyuPreset,
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
    let options = ShinkyuOptions { preset: args.preset, old_left: args.old_left, ..ShinkyuOptions::default() };
    let table = match shiryo_app::shinkyu::compare_files(&args.old, &args.new, &options) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
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
