//! Word documents read as Word shows them (`shiryo-formats`), through the 新旧 engine and the 資料 dialog:
//! fixtures made by LibreOffice (`fixtures/docx/<case>/`, sources and make.py beside them) and parts written here
//! by hand for what only Word writes (numbering from heading styles, overrides, tracked paragraph marks, moves).

use std::io::Write;
use std::path::{Path, PathBuf};

use shiryo_formats::docx::{self, Tables, Version};
use shiryo_shinkyu::{check, compare, compare_files, compare_tracked, input, Options, RowKind, Table};

fn fixture(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/docx").join(case).join(file)
}

fn docx_text(path: &Path) -> String {
    input::docx_text(&std::fs::read(path).unwrap(), path, shiryo_core::limits::MAX_DOCX_BYTES).unwrap()
}

fn paths(t: &Table) -> Vec<(RowKind, Option<String>, Option<String>)> {
    t.rows
        .iter()
        .map(|r| (r.kind, r.new.as_ref().and_then(|c| c.path.clone()), r.old.as_ref().and_then(|c| c.path.clone())))
        .collect()
}

#[test]
fn a_numbered_list_yoko_reads_exactly_as_its_plain_text_twin() {
    for v in ["old", "new"] {
        let txt = std::fs::read_to_string(fixture("yoko-numbered", &format!("{v}.txt"))).unwrap();
        assert_eq!(docx_text(&fixture("yoko-numbered", &format!("{v}.docx"))), txt, "{v}");
    }
}

#[test]
fn a_numbered_list_yoko_gives_the_same_provision_paths_as_its_plain_text_twin() {
    let o = Options::default();
    let from_docx =
        compare_files(&fixture("yoko-numbered", "old.docx"), &fixture("yoko-numbered", "new.docx"), &o).unwrap();
    let from_txt =
        compare_files(&fixture("yoko-numbered", "old.txt"), &fixture("yoko-numbered", "new.txt"), &o).unwrap();
    assert_eq!(paths(&from_docx), paths(&from_txt));
    assert_eq!(from_docx, from_txt);
    let p = paths(&from_docx);
    // 第3 1 (3) is new, the old (3) is now (4), 第3 2～5 are unchanged, ウ changed.
    assert!(p.contains(&(RowKind::Added, Some("第3 1 (3)".into()), None)), "{p:#?}");
    assert!(p.iter().any(|(k, n, _)| *k == RowKind::Changed && n.as_deref() == Some("第3 1 (2) ウ")), "{p:#?}");
    assert!(p.iter().any(|(k, n, _)| *k == RowKind::Renumbered && n.as_deref() == Some("第3 1 (4)")), "{p:#?}");
    let omitted: Vec<&str> = from_docx
        .rows
        .iter()
        .filter(|r| r.kind == RowKind::Omitted)
        .filter_map(|r| Some(r.new.as_ref()?.text.as_str()))
        .collect();
    assert!(omitted.contains(&"2～5 （略）"), "{omitted:?}");
}

#[test]
fn a_tracked_changes_file_equals_its_two_versions() {
    let tracked = fixture("yoko-numbered", "tracked.docx");
    let (old, new) = input::read_tracked(&tracked).unwrap();
    assert_eq!(old, std::fs::read_to_string(fixture("yoko-numbered", "old.txt")).unwrap());
    assert_eq!(new, std::fs::read_to_string(fixture("yoko-numbered", "new.txt")).unwrap());
    let o = Options::default();
    let from_two =
        compare_files(&fixture("yoko-numbered", "old.docx"), &fixture("yoko-numbered", "new.docx"), &o).unwrap();
    assert_eq!(compare_tracked(&tracked, &o).unwrap(), from_two);
}

#[test]
fn field_codes_and_comments_never_appear() {
    for f in ["old.docx", "new.docx", "tracked.docx"] {
        let text = docx_text(&fixture("yoko-numbered", f));
        assert!(text.starts_with("電子申請推進要綱\n"), "{f}: the TITLE field's result is the first line");
        for noise in ["TITLE", "コメント本文", "用語を確認", "総務課"] {
            assert!(!text.contains(noise), "{f}: {noise} in {text}");
        }
    }
}

fn received(file: &str) -> check::Received {
    let path = fixture("received-table", file);
    let doc = input::docx(&std::fs::read(&path).unwrap(), &path, shiryo_core::limits::MAX_DOCX_BYTES).unwrap();
    check::check(&doc.version(Version::New)).unwrap()
}

#[test]
fn a_clean_received_table_split_over_two_tables_is_taken_in_with_no_finding() {
    let r = received("clean.docx");
    assert_eq!(r.findings, vec![], "{:#?}", r.findings);
    assert_eq!((r.table.headings.new.as_str(), r.table.headings.old.as_str()), ("改正後", "改正前"));
    assert_eq!(r.table.rows.len(), 8, "one row per table row, the repeated heading left out");
    let kinds: Vec<RowKind> = r.table.rows.iter().map(|r| r.kind).collect();
    use RowKind::*;
    assert_eq!(kinds, [Context, Changed, Omitted, Context, Omitted, Changed, Added, Omitted]);
    let row = &r.table.rows[1];
    let new = row.new.as_ref().unwrap();
    let marked: String = new.text.chars().skip(new.marks[0][0]).take(new.marks[0][1] - new.marks[0][0]).collect();
    assert_eq!(marked, "情報通信技術");
    assert_eq!(new.path.as_deref(), Some("第2 1"));
}

#[test]
fn a_received_table_with_three_planted_errors_yields_exactly_those_three_findings() {
    let r = received("planted.docx");
    let found: Vec<(&str, usize)> = r.findings.iter().map(|f| (f.code, f.row)).collect();
    assert_eq!(
        found,
        [("change_without_mark", 2), ("mark_without_change", 6), ("omitted_changed", 8)],
        "{:#?}",
        r.findings
    );
    assert!(
        r.findings[0].message.contains("2行目") && r.findings[0].message.contains("情報通信技術"),
        "{}",
        r.findings[0].message
    );
    assert!(r.findings[1].message.contains("受付は"), "{}", r.findings[1].message);
}

#[test]
fn a_document_without_a_headed_table_is_not_taken_for_a_comparison() {
    let doc = docx::read(&std::fs::read(fixture("yoko-numbered", "new.docx")).unwrap()).unwrap();
    assert_eq!(check::check(&doc).err(), Some(check::NoComparisonTable));
}

#[test]
fn a_text_material_from_a_docx_keeps_numbers_and_its_table_as_a_table_block() {
    let doc = docx::read(&std::fs::read(fixture("received-table", "clean.docx")).unwrap()).unwrap();
    let text = doc.text(Tables::Marked);
    assert!(text.contains("［表］\n改正後\t改正前\n第２　定義\t第２　定義\n"), "{text}");
    assert_eq!(text.matches("［表］\n").count(), 2, "{text}");
    assert_eq!(text.matches("［表ここまで］\n").count(), 2, "{text}");
}

/// A .docx of hand-written parts, as only Word writes them.
fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

/// Word's outline numbering: 見出し 1 / 見出し 2 (style ids 1 and 2, as a Japanese Word names them) carry the
/// numbers; list paragraphs under them use another list whose levels restart after each heading.
fn word_parts(body: &str) -> Vec<u8> {
    let styles = format!(
        r#"<w:styles {W}><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#
    );
    let lvl = |i: u32, fmt: &str, text: &str, style: &str| {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}<w:lvlText w:val="{text}"/></w:lvl>"#
        )
    };
    let numbering = format!(
        r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum>
        <w:abstractNum w:abstractNumId="1">{}{}</w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>"#,
        lvl(0, "decimalFullWidth", "第%1", r#"<w:pStyle w:val="1"/>"#),
        lvl(1, "decimalFullWidth", "%2", r#"<w:pStyle w:val="2"/>"#),
        lvl(0, "decimalEnclosedParen", "%1", ""),
        lvl(1, "aiueoFullWidth", "%2", ""),
    );
    let document = format!(r#"<w:document {W}><w:body>{body}</w:body></w:document>"#);
    zip_parts(&[("word/document.xml", &document), ("word/numbering.xml", &numbering), ("word/styles.xml", &styles)])
}

fn h(style: &str, text: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn li(num: u32, ilvl: u32, runs: &str, mark: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr><w:rPr>{mark}</w:rPr></w:pPr>{runs}</w:p>"#
    )
}

fn t(text: &str) -> String {
    format!("<w:r><w:t>{text}</w:t></w:r>")
}

#[test]
fn headings_numbered_by_style_and_a_list_restarted_after_a_heading_give_plan_paths() {
    let body = [
        h("1", "総則"),
        h("2", "目的"),
        li(2, 0, &t("県"), ""),
        li(2, 0, &t("市町村"), ""),
        li(2, 1, &t("市"), ""),
        h("1", "計画"),
        h("2", "期間"),
        li(3, 0, &t("五年"), ""),
    ]
    .concat();
    let bytes = word_parts(&body);
    let text = input::docx_text(&bytes, Path::new("w.docx"), shiryo_core::limits::MAX_DOCX_BYTES).unwrap();
    assert_eq!(text, "第１　総則\n１　目的\n(1)　県\n(2)　市町村\nア　市\n第２　計画\n１　期間\n(1)　五年\n");
    let doc = shiryo_shinkyu::Document::parse(&text);
    let paths: Vec<&str> = doc.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(paths, ["第1", "第1 1", "第1 1 (1)", "第1 1 (2)", "第1 1 (2) ア", "第2", "第2 1", "第2 1 (1)"]);
}

#[test]
fn tracked_paragraph_marks_and_moves_written_by_word_give_both_versions_and_the_same_table() {
    let ins = r#"<w:ins w:id="1" w:author="a" w:date="2023-05-01T00:00:00Z"/>"#;
    let body = [
        h("1", "総則"),
        h("2", "目的"),
        // A split: the new text ends item (1) with an inserted paragraph mark and starts (2).
        li(2, 0, &format!("{}<w:ins w:id=\"2\"><w:r><w:t>を対象とする。</w:t></w:r></w:ins>", t("県")), ins),
        li(2, 0, &format!("<w:ins w:id=\"3\"><w:r><w:t>市町村</w:t></w:r></w:ins>{}", t("")), ""),
        // A move: 市 moved from the end of the list to the front.
        li(2, 1, r#"<w:moveTo w:id="4"><w:r><w:t>市</w:t></w:r></w:moveTo>"#, r#"<w:moveTo w:id="5"/>"#),
        li(2, 1, &t("町"), ""),
        li(2, 1, r#"<w:moveFrom w:id="6"><w:r><w:t>市</w:t></w:r></w:moveFrom>"#, r#"<w:moveFrom w:id="7"/>"#),
        h("1", "計画"),
    ]
    .concat();
    let bytes = word_parts(&body);
    let (old, new) = input::docx_versions(&bytes, Path::new("w.docx"), shiryo_core::limits::MAX_DOCX_BYTES).unwrap();
    assert_eq!(old, "第１　総則\n１　目的\n(1)　県\nア　町\nイ　市\n第２　計画\n");
    assert_eq!(new, "第１　総則\n１　目的\n(1)　県を対象とする。\n(2)　市町村\nア　市\nイ　町\n第２　計画\n");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("見え消し.docx");
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(compare_tracked(&file, &Options::default()).unwrap(), compare(&old, &new, &Options::default()));
}
