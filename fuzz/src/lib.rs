//! The calls each fuzz target makes, one function per target. The targets in `fuzz_targets/` are one line each
//! around these, and `tests/fuzz_regressions.rs` includes this very file (`#[path]`), so a past crash is replayed
//! through exactly the calls that found it. Depends only on Shiryo's crates and lopdf, never on libFuzzer.

use std::path::Path;

use shiryo_core::kpi::{judge, parse_value, Polarity};
use shiryo_formats::docx::{Docx, Tables, Version};
use shiryo_shinkyu::{compare, input, render_text, Document, Options, PairJoin};

/// The calls of one target on one input.
pub type Calls = fn(&[u8]);

/// Every target by its name (the file name in `fuzz_targets/` and the folder in `fixtures/fuzz-regressions/`).
pub const TARGETS: &[(&str, Calls)] = &[
    ("docx_numbering", docx_numbering),
    ("docx_tables", docx_tables),
    ("kpi_csv", kpi_csv),
    ("kpi_value", kpi_value),
    ("kpi_xlsx", kpi_xlsx),
    ("pdf_import", pdf_import),
    ("shinkyu_docx", shinkyu_docx),
    ("shinkyu_table", shinkyu_table),
];

/// List numbering of a .docx: numbering.xml, styles.xml and document.xml as Word writes them (the input is the
/// three parts separated by NUL bytes), both versions numbered; no panic, bounded labels.
pub fn docx_numbering(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0);
    let (document, numbering, styles) = (parts.next().unwrap_or_default(), parts.next(), parts.next());
    let Ok(docx) = Docx::from_parts(document, numbering, styles) else { return };
    for v in [Version::Old, Version::New] {
        let doc = docx.version(v);
        let text = doc.text(Tables::Tabs);
        // A label is at most nine short numbers in a capped lvlText: it never grows with the counter's value.
        assert!(text.len() <= document.len() * 4 + 4096 * (text.lines().count() + 1));
    }
}

/// Tables and tracked changes of a .docx's document.xml: rows, nested tables, inserted/deleted rows and
/// paragraph marks, through both versions, the text 資料 form and the received-table check.
pub fn docx_tables(data: &[u8]) {
    let Ok(docx) = Docx::from_parts(data, None, None) else { return };
    for v in [Version::Old, Version::New] {
        let doc = docx.version(v);
        let _ = doc.text(Tables::Marked);
        let _ = shiryo_shinkyu::check::check(&doc);
    }
}

/// A KPI table imported from CSV (UTF-8 or Shift_JIS): read, columns recognised, rows turned into indicators.
pub fn kpi_csv(data: &[u8]) {
    kpi_table("fuzz.csv", data);
}

/// A KPI table imported from an .xlsx workbook (a zip of XML parts): read, recognised, turned into indicators.
pub fn kpi_xlsx(data: &[u8]) {
    kpi_table("fuzz.xlsx", data);
}

fn kpi_table(name: &str, data: &[u8]) {
    let Ok(table) = shiryo_kpi::read_bytes(name, data) else { return };
    if let Ok(mapping) = shiryo_kpi::mapping_for(&table, None) {
        let _ = shiryo_kpi::mapping::import(&table, &mapping);
    }
    let _ = shiryo_kpi::read_field_specs(&table, "R");
}

/// One KPI cell as typed in a spreadsheet (目標値・実績値・基準値): parsed, described, compared and judged.
pub fn kpi_value(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Three cells: target, actual, baseline, separated by tabs (a short input is all three).
    let mut cells = text.splitn(3, '\t');
    let target = parse_value(cells.next().unwrap_or(""));
    let actual = parse_value(cells.next().unwrap_or(text));
    let baseline = parse_value(cells.next().unwrap_or(""));
    let _ = target.describe();
    let _ = actual.describe();
    if let (Some(a), Some(b)) = (target.quantity(), actual.quantity()) {
        let _ = a.compare(b);
        let _ = a.describe();
    }
    for polarity in [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Keep] {
        let j = judge(&target, &actual, &baseline, polarity);
        let _ = format!("{j:?}");
    }
}

/// A department's own PDF imported into the packet: checked, measured (pages, outline), then its pages copied
/// into another document as form XObjects, as the packet export does.
pub fn pdf_import(data: &[u8]) {
    use shiryo_print::import;
    if import::inspect("資料1", "fuzz.pdf", data).is_err() {
        return;
    }
    let Ok(source) = import::load("資料1", "fuzz.pdf", data) else { return };
    let mut target = lopdf::Document::with_version("1.7");
    let _ = import::pages_as_forms("資料1", "fuzz.pdf", source, &mut target);
}

/// The paragraphs of a .docx handed in for a 新旧対照表 (zip → word/document.xml → lines), then parsed.
pub fn shinkyu_docx(data: &[u8]) {
    let Ok(text) = input::docx_text(data, Path::new("fuzz.docx"), shiryo_core::limits::MAX_DOCX_BYTES) else {
        return;
    };
    let _ = compare(&text, "", &Options::default());
}

/// 新旧対照表 from two texts: the bytes before the first NUL are the old text, the rest the new one. Each is
/// decoded as a .txt import is (BOM, UTF-8, Shift_JIS), parsed, aligned, built into a table and rendered.
pub fn shinkyu_table(data: &[u8]) {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let text = |bytes: &[u8]| {
        input::decode(bytes, Path::new("fuzz.txt")).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
    };
    let (old, new) = (text(old), text(new));
    for line in old.lines() {
        let _ = shiryo_shinkyu::parse::parse_label(line);
    }
    for node in &Document::parse(&old).nodes {
        let _ = (node.content(), node.label_text(), node.caption());
    }
    for (placeholders, pair_join) in [(true, PairJoin::Range), (false, PairJoin::Oyobi)] {
        let options = Options { placeholders, pair_join, old_left: !placeholders, ..Options::default() };
        let table = compare(&old, &new, &options);
        let _ = render_text(&table);
    }
}
