//! Reading a 1 MB .docx (list numbers, a table every 40 paragraphs, a tracked change every 25) against reading
//! the same text as a .txt, both through `input::read_text` from a file on disk, as the CLI and the app do.
//!
//! ```sh
//! cargo bench -p shiryo-shinkyu --bench docx
//! ```
//!
//! Prints the sizes, the median of 15 interleaved runs of each, and the ratio; nothing is asserted.
#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // a bench that cannot set itself up should stop

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const TARGET_DOCX_BYTES: usize = 1024 * 1024;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn document_xml(lines: &[&str], paragraphs: usize) -> String {
    let mut body = String::new();
    for i in 0..paragraphs {
        let line = esc(lines[i % lines.len()]);
        if i % 40 == 39 {
            body.push_str(&format!(
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>区分{i}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{line}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
            ));
            continue;
        }
        let ilvl = i % 4;
        let tracked = if i % 25 == 0 { r#"<w:ins w:id="1"><w:r><w:t>（追加）</w:t></w:r></w:ins>"# } else { "" };
        body.push_str(&format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">{line} {i}</w:t></w:r>{tracked}</w:p>"#
        ));
    }
    format!(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    )
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="第%1"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%3)"/></w:lvl><w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="aiueoFullWidth"/><w:lvlText w:val="%4"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;

fn zip(document: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(document.as_bytes()).unwrap();
    z.start_file("word/numbering.xml", o).unwrap();
    z.write_all(NUMBERING.as_bytes()).unwrap();
    z.finish().unwrap().into_inner()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/shinkyu/policy_new.txt");
    let text = std::fs::read_to_string(seed).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // Grow the document until its .docx is 1 MB.
    let mut paragraphs = 2_000;
    let bytes = loop {
        let bytes = zip(&document_xml(&lines, paragraphs));
        if bytes.len() >= TARGET_DOCX_BYTES {
            break bytes;
        }
        paragraphs = paragraphs * TARGET_DOCX_BYTES / bytes.len() + 100;
    };
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bench.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let same_text = shiryo_shinkyu::input::read_text(&docx).unwrap();
    let txt = dir.path().join("bench.txt");
    std::fs::write(&txt, &same_text).unwrap();
    let (mut d, mut t) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let start = Instant::now();
        let a = shiryo_shinkyu::input::read_text(&docx).unwrap();
        d.push(start.elapsed());
        let start = Instant::now();
        let b = shiryo_shinkyu::input::read_text(&txt).unwrap();
        t.push(start.elapsed());
        assert_eq!(a.len(), b.len());
    }
    let (d, t) = (median(d), median(t));
    println!(
        "docx: {} bytes ({paragraphs} paragraphs, {} characters of text): {:.1} ms; same text as .txt ({} bytes): {:.2} ms; ratio {:.0}×",
        bytes.len(),
        same_text.chars().count(),
        d.as_secs_f64() * 1e3,
        same_text.len(),
        t.as_secs_f64() * 1e3,
        d.as_secs_f64() / t.as_secs_f64()
    );
}
