//! Printing as the secretariat prints: the duplex-safe demo packet and the folder of one PDF per 資料, read back
//! with poppler-utils (`pdftotext` page by page, `pdfinfo`, `pdftohtml -xml` for the outline). Page counts are
//! taken from the files themselves, never written here.

use shiryo_app::{App, AppError, BlankPageStyle, ErrorCode, ExportRequest};
use std::path::Path;

use super::now;
use super::pdf::{info, pages, poppler};

fn first_line(page: &str) -> &str {
    page.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// The printed page number `- n -` of a page.
fn page_number(page: &str) -> Option<u32> {
    page.lines().rev().map(str::trim).find_map(|l| l.strip_prefix("- ")?.strip_suffix(" -")?.parse().ok())
}

fn demo(dir: &Path) -> (App, i64) {
    App::create_demo(&dir.join("demo.shiryo"), now()).unwrap()
}

#[test]
fn the_duplex_packet_starts_every_material_on_a_front_page_with_blank_pages_left_unprinted() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let plain_req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let duplex_req = ExportRequest { duplex: true, ..plain_req.clone() };
    let (plain_pdf, duplex_pdf) = (dir.path().join("plain.pdf"), dir.path().join("duplex.pdf"));
    let plain = app.export_pdf(&plain_req, &plain_pdf, now(), &mut |_| {}).unwrap();
    let duplex = app.export_pdf(&duplex_req, &duplex_pdf, now(), &mut |_| {}).unwrap();
    let (plain_pages, duplex_pages) = (pages(&plain_pdf), pages(&duplex_pdf));
    assert_eq!(duplex_pages.len() as u32, duplex.pages);
    assert_eq!(plain.blank_pages, 0);

    // The blanks are what an odd page count calls for, part by part (次第 included): derived, not written here.
    let shidai = plain.materials[0].first_page - 1;
    let odd = usize::from(shidai % 2 == 1) + plain.materials.iter().filter(|m| m.pages % 2 == 1).count();
    assert!(odd > 0, "the demo has 資料 with odd page counts");
    assert_eq!(duplex.blank_pages as usize, odd);
    assert_eq!(duplex.pages, plain.pages + duplex.blank_pages);
    assert_eq!(duplex.pages % 2, 0, "the set ends on a back page");

    // Every 資料 starts at an odd page (1-based) and shows its label there.
    for m in &duplex.materials {
        assert_eq!(m.first_page % 2, 1, "{} starts on page {}", m.label, m.first_page);
        assert_eq!(first_line(&duplex_pages[m.first_page as usize - 1]), m.label);
    }
    // Pages that belong to no 資料 and are not the 次第 are the blanks: no text at all.
    let owned =
        |p: u32| p <= shidai || duplex.materials.iter().any(|m| p >= m.first_page && p < m.first_page + m.pages);
    let blanks: Vec<u32> = (1..=duplex.pages).filter(|&p| !owned(p)).collect();
    assert_eq!(blanks.len() as u32, duplex.blank_pages);
    for p in &blanks {
        assert_eq!(duplex_pages[*p as usize - 1].trim(), "", "blank page {p} carries nothing");
    }
    // The same printed labels and page numbers, in the same order, as without duplex.
    let printed = |pages: &[String]| -> Vec<(String, Option<u32>)> {
        pages.iter().filter(|p| !p.trim().is_empty()).map(|p| (first_line(p).to_string(), page_number(p))).collect()
    };
    assert_eq!(printed(&duplex_pages), printed(&plain_pages));
    // The outline still opens each 資料 at its first page.
    let xml = poppler("pdftohtml", &["-xml", "-stdout", "-i", "-q", "-f", "1", "-l", "1"], &duplex_pdf);
    for m in &duplex.materials {
        assert!(xml.contains(&format!("<item page=\"{}\">{} ", m.first_page, m.label)), "{} in {xml}", m.label);
    }
}

#[test]
fn blank_pages_can_say_hakushi_and_continuous_numbers_skip_them() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let req = ExportRequest {
        meeting_id: id,
        allow_empty: true,
        duplex: true,
        blank_page: BlankPageStyle::Hakushi,
        continuous_page_numbers: true,
        ..ExportRequest::default()
    };
    let pdf = dir.path().join("p.pdf");
    let report = app.export_pdf(&req, &pdf, now(), &mut |_| {}).unwrap();
    let all = pages(&pdf);
    let hakushi: Vec<&String> = all.iter().filter(|p| p.contains("（白紙）")).collect();
    assert_eq!(hakushi.len() as u32, report.blank_pages);
    for p in &hakushi {
        assert_eq!(p.trim(), "（白紙）", "only the mark, no label, no number");
    }
    // Continuous numbers run 1, 2, 3 … over the 資料 pages whatever the blanks between them.
    let numbers: Vec<u32> =
        all.iter().skip(report.materials[0].first_page as usize - 1).filter_map(|p| page_number(p)).collect();
    let expected: Vec<u32> = (1..=report.materials.iter().map(|m| m.pages).sum()).collect();
    assert_eq!(numbers, expected);
}

fn split_demo(dir: &Path) -> (App, i64, shiryo_app::SplitReport, std::path::PathBuf) {
    let (app, id) = demo(dir);
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let out = dir.join("配付資料");
    let report = app.export_split(&req, &out, now(), &mut |_| {}).unwrap();
    (app, id, report, out)
}

#[test]
fn the_split_folder_holds_the_shidai_and_one_pdf_per_material_each_labelled_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id, report, out) = split_demo(dir.path());
    let view = app.shidai(&shiryo_app::ShidaiRequest { meeting_id: id }).unwrap();
    assert_eq!(report.files.len(), view.materials.len() + 1);
    assert_eq!(report.files[0].file_name, "00_次第.pdf");

    let mut on_disk: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    on_disk.sort();
    let mut expected: Vec<String> = report.files.iter().map(|f| f.file_name.clone()).collect();
    expected.push("一覧.csv".into());
    expected.sort();
    assert_eq!(on_disk, expected, "nothing else in the folder, no temporary file beside it");
    let beside: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!beside.iter().any(|n| n.contains(".tmp")), "{beside:?}");

    // The 次第 file is the 次第: the 配付資料 list, no label box.
    let shidai = pages(&out.join("00_次第.pdf"));
    assert!(shidai[0].contains("次第") && shidai[0].contains("【資料１－１】"), "{}", shidai[0]);
    assert_eq!(info(&out.join("00_次第.pdf"), "Pages"), shidai.len().to_string());

    for (f, m) in report.files[1..].iter().zip(&view.materials) {
        assert_eq!(f.label, m.label);
        assert!(f.file_name.starts_with(&format!("{}_", m.label)) && f.file_name.ends_with(".pdf"), "{}", f.file_name);
        assert!(!f.file_name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']), "{}", f.file_name);
        let path = out.join(&f.file_name);
        let file_pages = pages(&path);
        assert_eq!(file_pages.len() as u32, f.pages, "{}", f.file_name);
        for (k, p) in file_pages.iter().enumerate() {
            assert_eq!(first_line(p), m.label, "page {} of {}", k + 1, f.file_name);
            assert_eq!(page_number(p), Some(k as u32 + 1), "page {} of {}", k + 1, f.file_name);
        }
        // Its own metadata and outline.
        assert!(info(&path, "Title").contains(&m.title), "{}", info(&path, "Title"));
        let xml = poppler("pdftohtml", &["-xml", "-stdout", "-i", "-q", "-f", "1", "-l", "1"], &path);
        assert!(xml.contains(&format!("<item page=\"1\">{} {}</item>", m.label, m.title)), "{xml}");
        let raw = std::fs::read(&path).unwrap();
        assert!(raw.windows(b"/Lang".len()).any(|w| w == b"/Lang"), "{} has /Lang", f.file_name);
    }

    // The list matches the folder: file, label, title, pages.
    let list = std::fs::read_to_string(out.join("一覧.csv")).unwrap();
    let list = list.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let rows: Vec<Vec<String>> =
        list.lines().map(|l| l.split(',').map(|c| c.trim_matches('"').to_string()).collect()).collect();
    assert_eq!(rows[0], ["ファイル", "資料番号", "表題", "ページ数"]);
    assert_eq!(rows.len(), report.files.len() + 1);
    for (row, f) in rows[1..].iter().zip(&report.files) {
        assert_eq!(row[0], f.file_name);
        assert_eq!(row[1], f.label);
        assert_eq!(row[row.len() - 1], pages(&out.join(&f.file_name)).len().to_string());
    }
}

#[test]
fn a_split_replaces_its_earlier_folder_whole_and_never_touches_a_folder_of_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id, first, out) = split_demo(dir.path());
    // A file left from an earlier run that the new one does not write goes with the old folder.
    std::fs::write(out.join("資料９－９_古い資料.pdf"), b"%PDF-1.7 old").unwrap();
    let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
    let second = app.export_split(&req, &out, now(), &mut |_| {}).unwrap();
    assert_eq!(second.files, first.files);
    assert!(!out.join("資料９－９_古い資料.pdf").exists());

    // A folder holding anything else is refused and left as it was.
    let mine = dir.path().join("書類");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("メモ.docx"), b"not ours").unwrap();
    let err = app.export_split(&req, &mine, now(), &mut |_| {}).unwrap_err();
    assert!(matches!(err, AppError::SplitTarget { .. }), "{err:?}");
    assert_eq!(err.code(), ErrorCode::Io);
    assert!(err.message_ja().contains("上書きしません"), "{}", err.message_ja());
    let left: Vec<_> = std::fs::read_dir(&mine).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 1);
    assert_eq!(std::fs::read(mine.join("メモ.docx")).unwrap(), b"not ours");

    // A refused check (an empty 資料) writes no folder at all.
    let strict = ExportRequest { meeting_id: id, ..ExportRequest::default() };
    let fresh = dir.path().join("新しい");
    let err = app.export_split(&strict, &fresh, now(), &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), ErrorCode::EmptyMaterial);
    assert!(!fresh.exists());
    let beside: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!beside.iter().any(|n| n.contains(".tmp")), "{beside:?}");
}

#[test]
fn the_sheet_plan_counts_pages_blanks_and_copies() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let export = ExportRequest { meeting_id: id, allow_empty: true, duplex: true, ..ExportRequest::default() };
    let pdf = dir.path().join("d.pdf");
    let exported = app.export_pdf(&export, &pdf, now(), &mut |_| {}).unwrap();
    let req = shiryo_app::PrintRequest { export: export.clone(), copies: 30, ..shiryo_app::PrintRequest::default() };
    let plan = app.sheet_plan(&req).unwrap();
    assert_eq!((plan.pages, plan.blanks, plan.copies, plan.jobs), (exported.pages, exported.blank_pages, 30, 1));
    assert_eq!(plan.sheets, exported.pages / 2 * 30);

    let simplex = shiryo_app::PrintRequest {
        export: ExportRequest { duplex: false, ..export.clone() },
        copies: 2,
        ..req.clone()
    };
    let plan = app.sheet_plan(&simplex).unwrap();
    assert_eq!((plan.blanks, plan.sheets), (0, (exported.pages - exported.blank_pages) * 2));

    // One job per 資料, set after set: the same paper as the duplex-safe packet.
    let per = shiryo_app::PrintRequest { per_material: true, copies: 2, ..req };
    let plan = app.sheet_plan(&per).unwrap();
    assert_eq!(plan.jobs as usize, 2 * (exported.materials.len() + 1));
    assert_eq!(plan.sheets, exported.pages / 2 * 2);
}
