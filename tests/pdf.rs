//! What the print tests share: poppler-utils run on an exported PDF (its text, page by page or for a range, its
//! info, page sizes and fonts), and the demo packet exported through `shiryo-app`. One copy, so a fix to how a PDF
//! is read reaches every print test.

use std::path::Path;
use std::process::Command;

use shiryo_app::{App, ExportReport, ExportRequest};

use super::now;

/// Runs a poppler-utils tool (`pdffonts`, `pdfinfo`, `pdftotext` — which then writes to stdout —, `pdftohtml`)
/// on `pdf` and returns its output; fails the test when the tool is missing or fails.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(pdf);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd.output().unwrap_or_else(|e| panic!("{tool} is needed (apt-get install poppler-utils): {e}"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The text of one page (1-based) as `pdftotext -layout` reads it.
pub fn page_text(pdf: &Path, page: u32) -> String {
    let p = page.to_string();
    poppler("pdftotext", &["-layout", "-f", &p, "-l", &p], pdf)
}

/// The text of pages `first..=last` (1-based), laid out as printed (`-layout`) or in reading order.
pub fn pages_text(pdf: &Path, first: u32, last: u32, layout: bool) -> String {
    let (f, l) = (first.to_string(), last.to_string());
    let mut args = vec!["-f", f.as_str(), "-l", l.as_str()];
    if layout {
        args.push("-layout");
    }
    poppler("pdftotext", &args, pdf)
}

/// The text of the whole PDF as `pdftotext -layout` reads it.
pub fn text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout"], pdf)
}

/// The text of every page (pdftotext ends each page with a form feed).
pub fn pages(pdf: &Path) -> Vec<String> {
    let mut pages: Vec<String> = text(pdf).split('\u{c}').map(str::to_string).collect();
    // The form feed ends the last page too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// One line of `pdfinfo`: `info(pdf, "Pages")`.
pub fn info(pdf: &Path, key: &str) -> String {
    let text = poppler("pdfinfo", &[], pdf);
    let line = text.lines().find(|l| l.starts_with(&format!("{key}:"))).unwrap_or_else(|| panic!("no {key}: {text}"));
    line[key.len() + 1..].trim().to_string()
}

/// (width, height) in points of each page `first..=last` (1-based).
pub fn page_sizes(pdf: &Path, first: u32, last: u32) -> Vec<(f32, f32)> {
    poppler("pdfinfo", &["-f", &first.to_string(), "-l", &last.to_string()], pdf)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let n: Vec<f32> = l.split(':').nth(1).unwrap().split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (n[0], n[1])
        })
        .collect()
}

/// `pdffonts` rows: (name, embedded, subset) as `yes`/`no`.
pub fn fonts(pdf: &Path) -> Vec<(String, String, String)> {
    poppler("pdffonts", &[], pdf)
        .lines()
        .skip(2)
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            let n = f.len();
            (f[0].to_string(), f[n - 5].to_string(), f[n - 4].to_string())
        })
        .collect()
}

/// The packet of meeting `id` exported to `pdf` (an empty 資料 allowed as （別途配付））. `SHIRYO_KEEP_PDF=FILE`
/// keeps a copy to look at.
pub fn export_packet(app: &App, id: i64, pdf: &Path) -> ExportReport {
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let report = app.export_pdf(&req, pdf, now(), &mut |_| {}).unwrap();
    if let Ok(keep) = std::env::var("SHIRYO_KEEP_PDF") {
        std::fs::copy(pdf, keep).unwrap();
    }
    report
}

/// The demo packet exported to `dir/packet.pdf` (its empty 資料１－２ allowed as （別途配付）), with the app and
/// the meeting's id.
pub fn demo_packet(dir: &Path) -> (App, i64, ExportReport) {
    let (app, id) = App::create_demo(&dir.join("demo.shiryo"), now()).unwrap();
    let report = export_packet(&app, id, &dir.join("packet.pdf"));
    (app, id, report)
}
