//! What the print tests share: poppler-utils run on an exported PDF, one page's text, and the demo packet
//! exported through `shiryo-app`. One copy, so a fix to how a PDF is read reaches every print test.

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

/// The demo packet exported to `dir/packet.pdf` (its empty 資料１－２ allowed as （別途配付）), with the app and
/// the meeting's id. `SHIRYO_KEEP_PDF=FILE` keeps a copy to look at.
pub fn demo_packet(dir: &Path) -> (App, i64, ExportReport) {
    let (app, id) = App::create_demo(&dir.join("demo.shiryo"), now()).unwrap();
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let report = app.export_pdf(&req, &dir.join("packet.pdf"), now(), &mut |_| {}).unwrap();
    if let Ok(keep) = std::env::var("SHIRYO_KEEP_PDF") {
        std::fs::copy(dir.join("packet.pdf"), keep).unwrap();
    }
    (app, id, report)
}
