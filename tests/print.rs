//! The printed packet checked with poppler-utils (pdffonts, pdfinfo, pdftotext, pdftohtml) as a reader sees it:
//! the demo meeting exported through `shiryo-app`, and a workspace holding an imported PDF.

use std::path::Path;

use shiryo_app::{App, ErrorCode, ExportRequest};
use shiryo_core::{MaterialKind, MeetingHeader};
use shiryo_store::{MaterialFile, NewAgendaItem, NewMaterial, NewMeeting, Workspace};

use super::now;
use super::pdf::{demo_packet, page_text, poppler};

#[test]
fn the_demo_packet_embeds_and_subsets_every_font_in_a_small_file() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type… encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, with ToUnicode: {row}");
        assert!(cols[0].contains('+') && cols[0].contains("BIZUD"), "{row}");
    }
    assert!(report.pages >= 100, "{} pages", report.pages);
    assert!(report.bytes < 1_500_000, "{} bytes", report.bytes);
    assert_eq!(std::fs::metadata(&pdf).unwrap().len(), report.bytes);
}

#[test]
fn pdfinfo_shows_a4_the_title_and_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let info = poppler("pdfinfo", &["-f", "1", "-l", "9999"], &pdf);
    assert!(
        info.contains("Title:           福島県行財政改革推進本部・福島県デジタル社会形成推進本部合同会議"),
        "{info}"
    );
    assert!(info.contains(&format!("Pages:           {}", report.pages)), "{info}");
    assert!(info.contains("CreationDate:    Sat May 20 10:00:00 2023"), "the date passed in: {info}");
    let sizes: Vec<&str> = info
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: ") && !l.starts_with("Page size:"))
        .collect();
    assert_eq!(sizes.len(), report.pages as usize);
    for line in sizes {
        assert!(line.ends_with("595.28 x 841.89 pts (A4)") || line.ends_with("841.89 x 595.28 pts (A4)"), "{line}");
    }
}

#[test]
fn the_shidai_reads_in_order_with_the_reiwa_date() {
    let dir = tempfile::tempdir().unwrap();
    demo_packet(dir.path());
    let text = page_text(&dir.path().join("packet.pdf"), 1);
    let lines: Vec<String> =
        text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect();
    let expected = [
        "福島県行財政改革推進本部・",
        "福島県デジタル社会形成推進本部合同会議",
        "次第",
        "○日時 令和５年６月５日（月）",
        "※午前９時からの部長会議終了後",
        "○場所 危機管理センター",
        "災害対策本部会議室（北庁舎２階）",
        "１ 開会",
        "２ 議題",
    ];
    assert_eq!(lines[..expected.len()], expected, "{text}");
    assert!(lines.iter().any(|l| l == "(3) 福島県情報セキュリティポリシーの一部改正について"), "{text}");
    assert!(lines.iter().any(|l| l == "３ 閉会"), "{text}");
    let labels: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix('【')?.split('】').next()).collect();
    assert_eq!(labels.len(), 10, "the whole 配付資料 list on the 次第 page: {text}");
    assert_eq!(labels[9], "資料３－３");
}

#[test]
fn every_page_of_every_material_shows_its_label_and_page_number() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    assert_eq!(report.materials.len(), 10);
    for m in &report.materials {
        for k in 0..m.pages {
            let text = page_text(&pdf, m.first_page + k);
            let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
            assert_eq!(first, m.label, "page {} of {}", m.first_page + k, m.label);
            assert!(text.contains(&format!("- {} -", k + 1)), "page {} of {}: {text}", k + 1, m.label);
        }
    }
}

#[test]
fn the_outline_lists_every_material_under_its_agenda_item() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id, report) = demo_packet(dir.path());
    let xml =
        poppler("pdftohtml", &["-xml", "-stdout", "-i", "-q", "-f", "1", "-l", "1"], &dir.path().join("packet.pdf"));
    let outline = &xml[xml.find("<outline>").expect("an outline")..];
    let view = app.shidai(&shiryo_app::ShidaiRequest { meeting_id: id }).unwrap();
    for (m, placed) in view.materials.iter().zip(&report.materials) {
        let item = format!("<item page=\"{}\">{} {}</item>", placed.first_page, m.label, m.title);
        assert!(outline.contains(&item), "missing {item} in {outline}");
    }
    // Nested: 資料３－１ sits in the <outline> that follows the (3) item.
    let item3 = outline.find("(3)").unwrap();
    let nested = outline[item3..].find("<outline>").unwrap() + item3;
    assert!(outline[nested..].find("資料３－１").unwrap() < outline[nested..].find("</outline>").unwrap());
}

#[test]
fn no_line_of_the_typeset_text_breaks_kinsoku() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let policy = report.materials.iter().find(|m| m.label == "資料３－３").unwrap();
    let text = poppler(
        "pdftotext",
        &["-f", &policy.first_page.to_string(), "-l", &(policy.first_page + policy.pages - 1).to_string()],
        &pdf,
    );
    let mut checked = 0;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let first = line.chars().next().unwrap();
        assert!(
            !"、。，．」』）】〕・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ～".contains(first),
            "line starts with {first}: {line}"
        );
        let last = line.chars().last().unwrap();
        assert!(!"「『（【〔".contains(last), "line ends with {last}: {line}");
        checked += 1;
    }
    assert!(checked > 1000, "{checked} lines checked");
}

#[test]
fn the_kpi_table_repeats_its_header_on_each_of_its_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let kpi = report.materials.iter().find(|m| m.label == "資料２－４").unwrap();
    assert!(kpi.pages >= 3, "{} pages", kpi.pages);
    for k in 0..kpi.pages {
        let text = page_text(&pdf, kpi.first_page + k);
        // As 資料2-4 prints them: 目標値 over Ｒ４ … Ｒ７.
        for heading in ["指標名", "基準値", "目標値", "Ｒ５", "Ｒ７"] {
            assert!(text.contains(heading), "page {} lacks {heading}: {text}", k + 1);
        }
    }
}

#[test]
fn the_same_workspace_and_date_give_byte_identical_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id, _) = demo_packet(dir.path());
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    app.export_pdf(&req, &dir.path().join("again.pdf"), now(), &mut |_| {}).unwrap();
    let (a, b) =
        (std::fs::read(dir.path().join("packet.pdf")).unwrap(), std::fs::read(dir.path().join("again.pdf")).unwrap());
    assert!(a == b, "{} vs {} bytes differ", a.len(), b.len());
}

#[test]
fn an_empty_material_stops_the_export_naming_it_and_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = App::create_demo(&dir.path().join("demo.shiryo"), now()).unwrap();
    let out = dir.path().join("packet.pdf");
    let err = app.export_pdf(&ExportRequest { meeting_id: id, ..ExportRequest::default() }, &out, now(), &mut |_| {});
    let dto: shiryo_app::AppErrorDto = err.unwrap_err().into();
    assert_eq!(dto.code, ErrorCode::EmptyMaterial);
    assert!(dto.message.contains("資料１－２「行財政運営の推進に関する助言」"), "{}", dto.message);
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(leftovers.iter().all(|n| !n.to_string_lossy().contains("tmp")), "{leftovers:?}");
}

#[test]
fn one_material_exports_alone_with_progress_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = App::create_demo(&dir.path().join("demo.shiryo"), now()).unwrap();
    let material_id = app.material_id_by_label(id, "資料3-2").unwrap();
    let out = dir.path().join("3-2.pdf");
    let mut seen = Vec::new();
    let req = ExportRequest { meeting_id: id, material_id: Some(material_id), ..ExportRequest::default() };
    let report = app.export_pdf(&req, &out, now(), &mut |p| seen.push((p.done, p.total))).unwrap();
    assert_eq!(report.materials.len(), 1);
    assert_eq!(report.materials[0].first_page, 1);
    let last = *seen.last().unwrap();
    assert_eq!(last.0, last.1);
    let first = page_text(&out, 1);
    assert!(first.contains("資料３－２") && first.contains("新") && first.contains("旧"), "{first}");
    assert!(!first.contains("次第"), "{first}");
}

/// A workspace whose one 資料 is an imported PDF with the given bytes.
fn workspace_with_pdf(dir: &Path, name: &str, pdf: Vec<u8>) -> (App, i64) {
    let path = dir.join("pdf.shiryo");
    let mut ws = Workspace::create(&path).unwrap();
    let meeting = NewMeeting {
        header: MeetingHeader { title_lines: vec!["取込試験会議".into()], ..MeetingHeader::default() },
        agenda: vec![NewAgendaItem {
            title: "報告".into(),
            children: vec![],
            materials: vec![NewMaterial {
                title: "所管部局の資料".into(),
                kind: MaterialKind::ImportedPdf,
                text: None,
                files: vec![MaterialFile {
                    role: "pdf".into(),
                    file_name: name.into(),
                    media_type: "application/pdf".into(),
                    content: pdf,
                }],
            }],
        }],
    };
    let id = ws.insert_meeting(&meeting, now()).unwrap();
    drop(ws);
    (App::open(&path).unwrap(), id)
}

#[test]
fn an_imported_pdf_is_merged_with_the_label_stamped_on_each_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = shiryo_print::fixtures::sample_pdf(&["Department page one", "Department page two"], 0);
    let (app, id) = workspace_with_pdf(dir.path(), "dept.pdf", pdf);
    let out = dir.path().join("merged.pdf");
    let report = app
        .export_pdf(&ExportRequest { meeting_id: id, ..ExportRequest::default() }, &out, now(), &mut |_| {})
        .unwrap();
    assert_eq!(report.pages, 3);
    for (page, original) in [(2, "Department page one"), (3, "Department page two")] {
        let text = page_text(&out, page);
        assert!(text.contains(original), "page {page}: {text}");
        assert!(text.contains("資料１－１"), "page {page}: {text}");
        assert!(text.contains(&format!("- {} -", page - 1)), "page {page}: {text}");
    }
    let xml = poppler("pdftohtml", &["-xml", "-stdout", "-i", "-q", "-f", "1", "-l", "1"], &out);
    assert!(xml.contains("<item page=\"3\">Section 2</item>"), "the PDF's own outline is kept: {xml}");
}

#[test]
fn an_encrypted_pdf_gives_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = workspace_with_pdf(dir.path(), "locked.pdf", shiryo_print::fixtures::encrypted_pdf());
    let err = app.export_pdf(
        &ExportRequest { meeting_id: id, ..ExportRequest::default() },
        &dir.path().join("x.pdf"),
        now(),
        &mut |_| {},
    );
    let dto: shiryo_app::AppErrorDto = err.unwrap_err().into();
    assert_eq!(dto.code, ErrorCode::ImportedPdf);
    assert!(dto.message.contains("資料１－１のPDF「locked.pdf」は暗号化"), "{}", dto.message);
}

#[test]
fn a_character_missing_from_the_fonts_stops_the_export_naming_it_and_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("emoji.shiryo");
    let mut ws = Workspace::create(&path).unwrap();
    let meeting = NewMeeting {
        header: MeetingHeader { title_lines: vec!["文字試験会議".into()], ..MeetingHeader::default() },
        agenda: vec![NewAgendaItem {
            title: "報告".into(),
            children: vec![],
            materials: vec![NewMaterial {
                title: "報告書".into(),
                kind: MaterialKind::Text,
                text: Some("一行目\n二行目\n三行目に絵文字😀があります。".into()),
                files: vec![],
            }],
        }],
    };
    let id = ws.insert_meeting(&meeting, now()).unwrap();
    drop(ws);
    let app = App::open(&path).unwrap();
    let out = dir.path().join("x.pdf");
    let err = app.export_pdf(&ExportRequest { meeting_id: id, ..ExportRequest::default() }, &out, now(), &mut |_| {});
    let dto: shiryo_app::AppErrorDto = err.unwrap_err().into();
    assert_eq!(dto.code, ErrorCode::MissingGlyph);
    assert!(dto.message.contains("資料１－１ 3行目の U+1F600 😀"), "{}", dto.message);
    assert!(!out.exists());
    let req = ExportRequest { meeting_id: id, allow_missing_glyphs: true, ..ExportRequest::default() };
    let report = app.export_pdf(&req, &out, now(), &mut |_| {}).unwrap();
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].code, "missing_glyph");
    assert!(page_text(&out, 2).contains("三行目に絵文字〓があります。"));
}

/// Where `pdftotext -bbox` reads each word of the first page: (text, xMin, xMax).
fn words(pdf: &Path) -> Vec<(String, f32, f32)> {
    let html = poppler("pdftotext", &["-bbox", "-f", "1", "-l", "1"], pdf);
    let attr = |line: &str, name: &str| -> f32 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .filter(|l| l.trim_start().starts_with("<word "))
        .map(|l| {
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
            (text, attr(l, "xMin"), attr(l, "xMax"))
        })
        .collect()
}

#[test]
fn runs_are_drawn_where_the_page_model_puts_them_with_the_fonts_own_widths() {
    use shiryo_print::model::{Document, Item, Page};
    use shiryo_print::{Face, Fonts};
    let fonts = Fonts::load().unwrap();
    // Two runs on one baseline (written as one TJ with the kerning between them), proportional Latin beside
    // full-width kana, three faces, and a run on a second line.
    let runs = [
        (72.0, 100.0, Face::Mincho, 10.5, "Shiryo"),
        (150.0, 100.0, Face::Mincho, 10.5, "資料の幅"),
        (300.5, 100.0, Face::Mincho, 10.5, "Wide"),
        (72.0, 130.0, Face::Gothic, 12.0, "ゴシック"),
        (200.25, 130.0, Face::GothicBold, 9.0, "Bold"),
    ];
    let mut page = Page::new(595.28, 841.89);
    for (x, y, face, size, text) in runs {
        page.items.push(Item::Text { x, y, face, size, text: text.to_string() });
    }
    let doc =
        Document { title: "幅".into(), author: String::new(), pages: vec![page], outline: vec![], imports: vec![] };
    let opts = shiryo_print::EmitOptions { created: now(), document_id: [1; 16] };
    let bytes = shiryo_print::emit::emit(&fonts, &doc, &opts, &mut |_, _| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("runs.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let got = words(&pdf);
    assert_eq!(got.len(), runs.len(), "{got:?}");
    for (x, _, face, size, text) in &runs {
        // poppler reads the words column by column: found by their text.
        let (_, x_min, x_max) = got.iter().find(|w| w.0 == *text).unwrap_or_else(|| panic!("{text}: {got:?}"));
        let width = fonts.width(*face, *size, text);
        // poppler reads positions to about 1/1000 pt; a wrong kern or advance moves a word by far more.
        assert!((x_min - x).abs() < 0.02, "{text}: starts at {x_min}, placed at {x}");
        assert!((x_max - (x + width)).abs() < 0.02, "{text}: ends at {x_max}, {} by the font", x + width);
    }
}
