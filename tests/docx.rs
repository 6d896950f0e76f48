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

mod app {
    //! The two ways in from a Word file, through the app on a real workspace file: a 見え消し document becomes
    //! the old and new texts of a 新旧 資料, a received 新旧対照表 becomes its rows, checked on the screen and in
    //! 印刷前の確認 until the person fixes the row.

    use std::path::Path;

    use shiryo_app::check::CheckRequest;
    use shiryo_app::materials::{AddMaterialRequest, MaterialSource};
    use shiryo_app::shinkyu::{
        SetShinkyuTextRequest, ShinkyuEditOp, ShinkyuEditRequest, ShinkyuRef, ShinkyuRowKind, ShinkyuSide, ShinkyuView,
    };
    use shiryo_app::{App, AppErrorDto, ErrorCode, ExportRequest, ShidaiRequest};

    use super::fixture;

    /// The demo workspace with a new, empty 新旧 資料 at the end of 議題 (3).
    fn workspace(dir: &Path, title: &str) -> (App, ShinkyuRef) {
        let (mut app, meeting_id) = App::create_demo(&dir.join("w.shiryo"), super::super::now()).unwrap();
        let r = add(&mut app, meeting_id, title);
        (app, r)
    }

    fn add(app: &mut App, meeting_id: i64, title: &str) -> ShinkyuRef {
        let shidai = app.shidai(&ShidaiRequest { meeting_id }).unwrap();
        let item_id = shidai.agenda.iter().find(|a| a.label == "(3)").unwrap().id;
        let req = AddMaterialRequest { meeting_id, item_id, title: title.into(), source: MaterialSource::Shinkyu };
        let material_id = app.add_material(&req, super::super::now()).unwrap().material_id;
        ShinkyuRef { meeting_id, material_id }
    }

    fn docx(r: &ShinkyuRef, case: &str, file: &str) -> shiryo_app::dto::MaterialFileRequest {
        shiryo_app::dto::MaterialFileRequest {
            meeting_id: r.meeting_id,
            material_id: r.material_id,
            file_name: file.into(),
            bytes: std::fs::read(fixture(case, file)).unwrap(),
        }
    }

    /// The material_file rows of a 資料 in the SQLite file itself: (role, file name, media type, bytes).
    fn stored(dir: &Path, material_id: i64) -> Vec<(String, String, String, Vec<u8>)> {
        let conn = rusqlite::Connection::open(dir.join("w.shiryo")).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT role, file_name, media_type, content FROM material_file WHERE material_id = ?1 ORDER BY role",
            )
            .unwrap();
        stmt.query_map([material_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// What a person sees of the rows: kind and both cells with their marked 字句.
    fn shown(v: &ShinkyuView) -> Vec<(ShinkyuRowKind, String, String)> {
        let cell = |c: &Option<shiryo_app::shinkyu::ShinkyuCellView>| {
            c.as_ref()
                .map(|c| shiryo_shinkyu::jiku::bracket_with(&c.text, &spans(&c.marks), '[', ']'))
                .unwrap_or_default()
        };
        v.rows.iter().map(|r| (r.kind, cell(&r.left), cell(&r.right))).collect()
    }

    fn spans(marks: &[[u32; 2]]) -> Vec<shiryo_shinkyu::jiku::Span> {
        marks.iter().map(|&[s, e]| [s as usize, e as usize]).collect()
    }

    fn export_text(app: &App, r: &ShinkyuRef, dir: &Path) -> String {
        let out = dir.join("shinkyu.pdf");
        let req = ExportRequest { meeting_id: r.meeting_id, material_id: Some(r.material_id), ..Default::default() };
        app.export_pdf(&req, &out, super::super::now(), &mut |_| {}).unwrap();
        super::super::pdf::text(&out)
    }

    #[test]
    fn a_tracked_changes_docx_taken_in_by_the_app_is_stored_as_both_texts_and_gives_the_table_of_its_two_versions() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, r) = workspace(dir.path(), "電子申請推進要綱 新旧対照表");
        let started = std::time::Instant::now();
        let v = app.set_shinkyu_tracked(&docx(&r, "yoko-numbered", "tracked.docx")).unwrap();
        eprintln!("見え消し .docx taken in through the app in {:?}", started.elapsed());
        assert_eq!(v.tracked_file.as_deref(), Some("tracked.docx"));
        assert_eq!((v.old_file.as_deref(), v.new_file.as_deref()), (Some("tracked.docx"), Some("tracked.docx")));
        assert_eq!(v.received_file, None);
        assert!(v.findings.is_empty(), "a generated table is not checked: {:?}", v.findings);

        // The same table as from the two versions saved separately, chosen one by one as before.
        let two = add(&mut app, r.meeting_id, "二つの文書から");
        for (side, file) in [(ShinkyuSide::Old, "old.docx"), (ShinkyuSide::New, "new.docx")] {
            let req = SetShinkyuTextRequest {
                meeting_id: two.meeting_id,
                material_id: two.material_id,
                side,
                file_name: file.into(),
                bytes: std::fs::read(fixture("yoko-numbered", file)).unwrap(),
            };
            app.set_shinkyu_text(&req).unwrap();
        }
        let from_two = app.open_shinkyu(&two).unwrap();
        assert_eq!(shown(&v), shown(&from_two));
        assert!(
            shown(&v).iter().any(|(k, _, old)| *k == ShinkyuRowKind::Added && old == "（新設）"),
            "{:#?}",
            shown(&v)
        );
        assert!(
            v.rows.iter().any(|row| row.left.as_ref().is_some_and(|c| c.text == "2～5 （略）")),
            "{:#?}",
            shown(&v)
        );

        // Stored as the two-file way stores its texts: roles old and new, the document byte for byte in each,
        // the media type saying which version each reads.
        let bytes = std::fs::read(fixture("yoko-numbered", "tracked.docx")).unwrap();
        let rows = stored(dir.path(), r.material_id);
        let docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        let summary: Vec<(&str, &str, String)> =
            rows.iter().map(|(role, name, media, _)| (role.as_str(), name.as_str(), media.clone())).collect();
        assert_eq!(
            summary,
            [
                ("new", "tracked.docx", format!("{docx_type}; shiryo-version=new")),
                ("old", "tracked.docx", format!("{docx_type}; shiryo-version=old")),
            ]
        );
        assert!(rows.iter().all(|row| row.3 == bytes));

        // It prints like any 新旧 資料, and one undo takes the whole document back out.
        let text = export_text(&app, &r, dir.path());
        assert!(text.contains("2～5 （略）") && text.contains("（新設）"), "{text}");
        let undone = app.undo_shinkyu(&r, super::super::now()).unwrap();
        assert_eq!((undone.rows.len(), undone.old_file, undone.tracked_file), (0, None, None));
        assert!(stored(dir.path(), r.material_id).is_empty());
        let redone = app.redo_shinkyu(&r, super::super::now()).unwrap();
        assert_eq!(shown(&redone), shown(&v));
        drop(app);
        let app = App::open(&dir.path().join("w.shiryo")).unwrap();
        assert_eq!(shown(&app.open_shinkyu(&r).unwrap()), shown(&v), "the same table after a restart");
    }

    #[test]
    fn a_docx_without_tracked_changes_or_of_another_kind_or_too_large_is_refused_and_nothing_is_stored() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, r) = workspace(dir.path(), "新旧");
        app.set_shinkyu_tracked(&docx(&r, "yoko-numbered", "tracked.docx")).unwrap();
        let before = stored(dir.path(), r.material_id);

        let dto: AppErrorDto = app.set_shinkyu_tracked(&docx(&r, "yoko-numbered", "new.docx")).unwrap_err().into();
        assert_eq!(dto.code, ErrorCode::ShinkyuInput);
        assert!(dto.message.contains("「new.docx」には変更履歴（見え消し）がありません"), "{}", dto.message);
        let mut txt = docx(&r, "yoko-numbered", "new.txt");
        txt.file_name = "new.txt".into();
        let dto: AppErrorDto = app.set_shinkyu_tracked(&txt).unwrap_err().into();
        assert_eq!(dto.code, ErrorCode::UnsupportedFile, "{}", dto.message);
        let big = shiryo_app::dto::MaterialFileRequest {
            bytes: vec![0; shiryo_core::limits::LIMITS.docx_file_bytes as usize + 1],
            ..docx(&r, "yoko-numbered", "tracked.docx")
        };
        let dto: AppErrorDto = app.set_shinkyu_tracked(&big).unwrap_err().into();
        assert_eq!(dto.code, ErrorCode::FileTooLarge, "{}", dto.message);
        let dto: AppErrorDto = app.import_shinkyu_received(&docx(&r, "yoko-numbered", "new.docx")).unwrap_err().into();
        assert_eq!(dto.code, ErrorCode::ShinkyuInput);
        assert!(dto.message.contains("新旧対照表（見出しが"), "{}", dto.message);
        assert_eq!(stored(dir.path(), r.material_id), before, "every refusal left the 資料 as it was");
        assert_eq!(app.open_shinkyu(&r).unwrap().tracked_file.as_deref(), Some("tracked.docx"));
    }

    #[test]
    fn a_received_table_taken_in_by_the_app_keeps_its_rows_and_its_findings_show_until_the_row_is_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, r) = workspace(dir.path(), "電子申請推進要綱 新旧対照表（総務課作成）");
        let started = std::time::Instant::now();
        let v = app.import_shinkyu_received(&docx(&r, "received-table", "planted.docx")).unwrap();
        eprintln!("received 新旧対照表 taken in through the app in {:?}", started.elapsed());
        assert_eq!(v.received_file.as_deref(), Some("planted.docx"));
        assert_eq!((v.old_file.as_ref(), v.tracked_file.as_ref()), (None, None));
        assert_eq!(v.headings, ["改正後".to_string(), "改正前".to_string()]);
        let rows = shown(&v);
        assert_eq!(rows.len(), 8, "{rows:#?}");
        assert_eq!(rows[2], (ShinkyuRowKind::Omitted, "２　（略）".into(), "２　（略）".into()));
        assert_eq!(rows[6].0, ShinkyuRowKind::Added);
        assert_eq!(rows[6].2, "（新設）");
        assert!(v.rows[6].right.as_ref().unwrap().placeholder);
        assert!(rows[5].1.contains("[受付は]、[終日]"), "{:?}", rows[5]);

        let found: Vec<(&str, u32)> = v.findings.iter().map(|f| (f.code.as_str(), f.row)).collect();
        assert_eq!(found, [("change_without_mark", 2), ("mark_without_change", 6), ("omitted_changed", 8)]);
        assert_eq!(v.findings[0].key, v.rows[1].key, "a finding names the row to select");
        assert!(
            v.findings[0].message.starts_with("2行目（第2 1）：改正後欄の「情報通信技術」"),
            "{}",
            v.findings[0].message
        );

        // Stored as received, byte for byte; the two texts are absent.
        let stored_rows = stored(dir.path(), r.material_id);
        assert_eq!(stored_rows.len(), 1);
        assert_eq!((stored_rows[0].0.as_str(), stored_rows[0].1.as_str()), ("received", "planted.docx"));
        assert_eq!(stored_rows[0].3, std::fs::read(fixture("received-table", "planted.docx")).unwrap());

        // 印刷前の確認 lists each finding with the 資料; after a restart they are all still there.
        let label = v.label.clone();
        let check = |app: &App| -> Vec<String> {
            app.check_meeting(&CheckRequest { meeting_id: r.meeting_id })
                .unwrap()
                .into_iter()
                .filter(|p| p.code == "received_table")
                .inspect(|p| assert_eq!((p.material_id, &p.label), (Some(r.material_id), &label)))
                .map(|p| p.message)
                .collect()
        };
        let problems = check(&app);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        let first =
            format!("{label}「電子申請推進要綱 新旧対照表（総務課作成）」（受け取った新旧対照表）: 2行目（第2 1）");
        assert!(problems[0].starts_with(&first), "{}", problems[0]);
        drop(app);
        let mut app = App::open(&dir.path().join("w.shiryo")).unwrap();
        assert_eq!(check(&app), problems);

        // The person underlines 情報通信技術 in row 2: that finding goes, on the screen and before print.
        let new = v.rows[1].left.as_ref().unwrap();
        let at = new
            .text
            .chars()
            .collect::<Vec<_>>()
            .windows(6)
            .position(|w| w.iter().collect::<String>() == "情報通信技術");
        let at = at.unwrap() as u32;
        let edit = ShinkyuEditOp::Cell {
            key: v.rows[1].key.clone(),
            side: ShinkyuSide::New,
            text: new.text.clone(),
            marks: vec![[at, at + 6]],
        };
        let fixed = app
            .edit_shinkyu(&ShinkyuEditRequest { meeting_id: r.meeting_id, material_id: r.material_id, edit })
            .unwrap();
        let left: Vec<(&str, u32)> = fixed.findings.iter().map(|f| (f.code.as_str(), f.row)).collect();
        assert_eq!(left, [("mark_without_change", 6), ("omitted_changed", 8)]);
        assert_eq!(check(&app).len(), 2);
        assert!(check(&app).iter().all(|m| !m.contains("2行目")));

        // The handout prints the rows, never a finding.
        let text = export_text(&app, &r, dir.path());
        assert!(text.contains("改正後") && text.contains("手続の一覧は"), "{text}");
        for internal in ["行目", "傍線があります", "違いがありません", "確かめてください"] {
            assert!(!text.contains(internal), "{internal} printed: {text}");
        }

        // Undo takes the fix back; a clean table has no finding at all.
        assert_eq!(app.undo_shinkyu(&r, super::super::now()).unwrap().findings.len(), 3);
        let clean = app.import_shinkyu_received(&docx(&r, "received-table", "clean.docx")).unwrap();
        assert!(clean.findings.is_empty(), "{:?}", clean.findings);
        assert!(check(&app).is_empty());
    }
}
