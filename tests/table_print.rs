//! 表 資料 and structured text 資料 in the demo packet, read back with poppler-utils: 資料2-2 and 2-3 as the
//! departments' landscape lists with the original's columns and titles, 資料2-4 without working columns, 資料2-5
//! and 3-1 as documents whose ［表］ blocks are tables, and no page with extraction fragments or an English
//! heading. A KPI note set for review never reaches a PDF.

use std::path::Path;

use shiryo_app::kpi_review::{KpiEditRowRequest, KpiReviewRequest};
use shiryo_app::{App, ExportReport};

use super::now;
use super::pdf::{export_packet as export, page_sizes, pages_text as pdftotext};

fn demo(dir: &Path) -> (App, i64) {
    App::create_demo(&dir.join("demo.shiryo"), now()).unwrap()
}

fn pages_of(report: &ExportReport, label: &str) -> (u32, u32) {
    let m = report.materials.iter().find(|m| m.label == label).unwrap_or_else(|| panic!("{label} not printed"));
    (m.first_page, m.first_page + m.pages - 1)
}

#[test]
fn the_project_lists_2_2_and_2_3_print_as_landscape_tables_with_the_originals_columns_and_titles() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let report = export(&app, id, &pdf);
    for (label, title, extra) in [
        ("資料２－３", "（参考資料）行政のＤＸに係る令和５年度関連事業・取組一覧", &[][..]),
        (
            "資料２－２",
            "（参考資料）行政のＤＸに係る令和４年度関連事業取組実績・成果一覧",
            &["評価", "取組実績・成果"][..],
        ),
    ] {
        let (first, last) = pages_of(&report, label);
        assert!(page_sizes(&pdf, first, last).iter().all(|(w, h)| w > h), "{label} is landscape throughout");
        let first_page = pdftotext(&pdf, first, first, true);
        assert!(first_page.contains(title), "{label}'s own title on its first page:\n{first_page}");
        for k in first..=last {
            let page = pdftotext(&pdf, k, k, true);
            for heading in
                ["番号", "分野", "項目", "担当課", "事業名又は取組名", "事業概要又は取組内容", "指標（ＫＰＩ）又は目標"]
                    .iter()
                    .chain(extra)
            {
                assert!(page.contains(heading), "page {k} ({label}) lacks the heading {heading}:\n{page}");
            }
        }
        let all = pdftotext(&pdf, first, last, false);
        // The 地域 part has its own title, on a page of its own.
        assert!(all.contains("地域のＤＸ等に係る"), "{label}: the 地域 table");
        // Working columns of the clean extract never print: part, note, kpi_rows_ref.
        for internal in ["原文どおり", "番号欄は", "kpi_r4_results", "再掲の", "project", "summary"] {
            assert!(!all.contains(internal), "{label} prints working data {internal:?}");
        }
    }
    let (first, last) = pages_of(&report, "資料２－２");
    let all = pdftotext(&pdf, first, last, false);
    assert!(all.contains("一部達成") && all.contains("①一部達成"), "資料2-2's 評価 column");
    // 資料2-2's KPI rows are still there to review.
    let material = app.material_id_by_label(id, "資料２－２").unwrap();
    let mut app = app;
    let review = app.kpi_review(&KpiReviewRequest { meeting_id: id, material_id: material }, now()).unwrap();
    assert_eq!(review.rows.len(), 73, "the 73 KPI rows of 資料2-2");
}

#[test]
fn the_kpi_list_2_4_prints_the_originals_columns_and_no_working_column() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let report = export(&app, id, &pdf);
    let (first, last) = pages_of(&report, "資料２－４");
    for k in first..=last {
        let page = pdftotext(&pdf, k, k, true);
        // The original's number column has no heading.
        for heading in ["分野", "項目", "指標名", "基準値", "目標値", "Ｒ４", "Ｒ５", "Ｒ６", "Ｒ７"]
        {
            assert!(page.contains(heading), "page {k} of 資料２－４ lacks {heading}:\n{page}");
        }
        assert!(!page.contains("備考") && !page.contains("区分"), "page {k}: a working column:\n{page}");
    }
    let all = pdftotext(&pdf, first, last, false);
    for internal in ["行に分割", "推定", "原文", "item_code", "note"] {
        assert!(!all.contains(internal), "資料２－４ prints the extract's note {internal:?}");
    }
}

#[test]
fn a_note_set_in_the_kpi_review_never_appears_in_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, id) = demo(dir.path());
    let note = "【内部メモ】担当課に要確認（数値が低すぎる）";
    for label in ["資料２－１", "資料２－２", "資料２－４", "資料１－１"] {
        let material = app.material_id_by_label(id, label).unwrap();
        let review = app.kpi_review(&KpiReviewRequest { meeting_id: id, material_id: material }, now()).unwrap();
        let row = &review.rows[0];
        let req = KpiEditRowRequest {
            meeting_id: id,
            material_id: material,
            table_id: row.table_id,
            row: row.row,
            note: Some(note.to_string()),
            polarity: None,
            status: None,
        };
        let after = app.kpi_edit_row(&req, now()).unwrap();
        assert!(after.rows.iter().any(|r| r.note == note), "the note is saved for review");
    }
    let pdf = dir.path().join("packet.pdf");
    let report = export(&app, id, &pdf);
    let all = pdftotext(&pdf, 1, report.pages, false);
    assert!(!all.contains("内部メモ") && !all.contains("要確認") && !all.contains("数値が低すぎる"));
}

#[test]
fn the_structured_texts_2_5_and_3_1_print_their_tables_as_tables_and_figures_as_framed_captions() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let report = export(&app, id, &pdf);
    let (first, last) = pages_of(&report, "資料３－１");
    let text = pdftotext(&pdf, first, last, true);
    assert!(text.contains("「福島県情報セキュリティポリシー」の一部改正について"), "{text}");
    let header = text.lines().find(|l| l.contains("分類") && l.contains("リスク")).unwrap_or_else(|| panic!("{text}"));
    assert!(header.contains("主な対策"), "one header row of three cells: {header}");
    assert!(!text.contains("［表］") && !text.contains("［表ここまで］") && !text.contains('\t'), "{text}");
    let (first, last) = pages_of(&report, "資料２－５");
    let text = pdftotext(&pdf, first, last, true);
    assert!(text.contains("アナログ規制（書面・対面規制）の点検・見直し方針（案）"), "the repaired title");
    assert!(text.lines().any(|l| l.contains("原則") && l.contains("内容")), "the first table's header");
    assert!(!text.contains("［図：") && text.contains("推進体制イメージ図"), "figures as captions");
}

#[test]
fn no_page_of_the_demo_packet_shows_extraction_fragments_or_an_english_heading() {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = demo(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let report = export(&app, id, &pdf);
    for page in 1..=report.pages {
        let text = pdftotext(&pdf, page, page, true);
        let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        // A run of three or more lines of one or two characters is text set one character a line.
        let mut run = 0;
        for l in &lines {
            run = if l.chars().count() <= 2 { run + 1 } else { 0 };
            assert!(run < 3, "page {page} has a run of one- or two-character lines:\n{text}");
        }
        for english in ["part", "field", "department", "project", "summary", "kpi_or_goal", "r4_result", "baseline"] {
            assert!(
                !lines.iter().any(|l| l.split_whitespace().any(|w| w == english)),
                "page {page} shows the English heading {english}:\n{text}"
            );
        }
    }
}
