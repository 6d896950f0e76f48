//! `shiryo shinkyu OLD NEW`: the 新旧対照表 of two texts, as text with visible marks, as JSON or as PDF.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use shiryo_shinkyu::{Error, Options, Preset};

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
    /// Headings and caption: 新/旧, 改正後/改正前, 改正案/現行 (default: 改正後/改正前 for law-style texts, that
    /// is texts with 条, else 新/旧).
    #[arg(long, value_enum)]
    preset: Option<PresetArg>,
    /// Put the old text in the left column.
    #[arg(long)]
    old_left: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum PresetArg {
    /// 新 / 旧
    ShinKyu,
    /// 改正後 / 改正前 （傍線部分は改正部分）
    Kaisei,
    /// 改正案 / 現行 （傍線部分は改正部分）
    AnGenko,
}

/// Exit codes: 9 a file could not be read or written, 11 an input is not a text we can read.
fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Read { .. } => 9,
        Error::Unsupported { .. }
        | Error::Encoding { .. }
        | Error::TooLarge { .. }
        | Error::Docx { .. }
        | Error::LawXml { .. } => 11,
    }
}

/// Runs the subcommand; errors go to stderr as one Japanese line.
pub fn main(args: ShinkyuArgs) -> ExitCode {
    let mut options = Options {
        preset: match args.preset {
            None | Some(PresetArg::ShinKyu) => Preset::ShinKyu,
            Some(PresetArg::Kaisei) => Preset::Kaisei,
            Some(PresetArg::AnGenko) => Preset::AnGenko,
        },
        old_left: args.old_left,
        ..Options::default()
    };
    let mut table = match shiryo_shinkyu::compare_files(&args.old, &args.new, &options) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("shiryo: {e}");
            return ExitCode::from(exit_code(&e));
        }
    };
    // 法令 revisions are printed 改正後 / 改正前 with （傍線部分は改正部分） unless another preset was asked for.
    if args.preset.is_none() && table.is_law_style() {
        options.preset = Preset::Kaisei;
        table.set_preset(Preset::Kaisei);
    }
    if let Some(path) = &args.pdf {
        let caption = match args.caption.as_deref() {
            Some(c) => Some(c),
            None => Some(shiryo_app::shinkyu::default_caption(options.preset)),
        };
        let created = args.created.unwrap_or_else(super::now);
        if let Err(e) = shiryo_app::shinkyu::write_pdf(&table, &args.title, caption, path, created) {
            eprintln!("shiryo: {}（{e}）", e.message_ja());
            return ExitCode::from(super::exit_code(e.code()));
        }
    }
    match args.json {
        Some(path) => {
            let written = std::fs::File::create(&path).and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                serde_json::to_writer(&mut out, &table).map_err(std::io::Error::other)?;
                out.flush()
            });
            if let Err(e) = written {
                eprintln!("shiryo: 「{}」に書き込めません（{e}）", path.display());
                return ExitCode::from(9);
            }
        }
        None if args.pdf.is_some() => {}
        None => {
            // A closed pipe (`shiryo shinkyu … | head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(shiryo_shinkyu::render_text(&table).as_bytes());
        }
    }
    ExitCode::SUCCESS
}
