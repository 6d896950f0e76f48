//! KPI review on the seed's tables (assets/demo/kpi): judgements against the printed statuses, the two rows a good
//! review flags, the 資料2-1 roll-ups, and imports into a workspace (all rows or none, mapping remembered).

use std::collections::BTreeSet;
use std::path::PathBuf;

use shiryo_app::kpi::{check_kpi_file, FiscalYear, KpiCheckRequest, MappingSource, Report};
use shiryo_app::App;

use super::{assets, now};

fn kpi(name: &str) -> PathBuf {
    assets().join("kpi").join(name)
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/kpi").join(name)
}

/// The seed's whole kpi_r4_results.csv: 資料2-1's rows then 資料2-2's, as the repo keeps them split.
fn full_r4_results(dir: &std::path::Path) -> PathBuf {
    let one = std::fs::read_to_string(kpi("kpi_r4_results_2-1.csv")).unwrap();
    let two = std::fs::read_to_string(kpi("kpi_r4_results_2-2.csv")).unwrap();
    let body: String = two.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let path = dir.join("kpi_r4_results.csv");
    std::fs::write(&path, one + &body).unwrap();
    path
}

/// A small CSV reader for the seed's files (quoted fields with commas, no quotes inside).
fn csv_records(text: &str) -> std::vec::IntoIter<Vec<String>> {
    let mut out = Vec::new();
    for line in text.lines().skip(1) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        out.push(fields);
    }
    out.into_iter()
}

fn check(path: PathBuf, fields: bool) -> Report {
    let req = KpiCheckRequest { path, fields: fields.then(|| kpi("dx_summary.csv")), ..KpiCheckRequest::default() };
    check_kpi_file(&req).unwrap().0
}

fn names_with(report: &Report, code: &str) -> BTreeSet<String> {
    report.rows.iter().filter(|r| r.findings.iter().any(|f| f.code == code)).map(|r| r.name.clone()).collect()
}

#[test]
fn the_whole_r4_results_agree_with_every_comparable_row_but_two_and_flag_the_known_rows() {
    let dir = tempfile::tempdir().unwrap();
    let report = check(full_r4_results(dir.path()), true);
    assert_eq!(report.rows.len(), 92);
    assert_eq!(report.year.as_deref(), Some("R4"));
    assert_eq!(report.preset, "two-level");
    let s = &report.summary;
    assert_eq!((s.compared, s.agreed, s.disagreed), (84, 82, 2), "{s:?}");
    assert_eq!((s.flagged, s.flagged_errors), (16, 4), "{s:?}");

    // 建設業: 167.3時間 against a 165.6時間 target (lower is better) is not 達成; 会津大学: 50名 against 54名,
    // marked 達成 as an expectation (the seed's note says so)
    let contradicting = names_with(&report, "status_contradicts");
    let expected: BTreeSet<String> =
        ["建設業の総実労働時間／月", "県内ＩＴ企業等への就職や在宅就労に結び付いた人数"].map(String::from).into();
    assert_eq!(contradicting, expected);
    let construction = report.rows.iter().find(|r| r.name == "建設業の総実労働時間／月").unwrap();
    assert_eq!(construction.polarity, "lower");
    assert_eq!(construction.computed_status.as_deref(), Some("一部達成"));
    assert_eq!(construction.printed_status.as_deref(), Some("達成"));

    // 防災啓発: 10,000人/5,277人 in 資料2-1, 8,000人/5,227人 in 資料2-2 — both rows, target and actual
    let mismatched = names_with(&report, "cross_material_mismatch");
    let expected: BTreeSet<String> = ["防災啓発実施者数", "防災に関し啓発を行った人数"].map(String::from).into();
    assert_eq!(mismatched, expected);
    for row in report.rows.iter().filter(|r| expected.contains(&r.name)) {
        assert_eq!(row.findings.iter().filter(|f| f.code == "cross_material_mismatch").count(), 2, "{row:?}");
    }

    // every other comparable row agrees with its printed status
    for r in &report.rows {
        if r.agrees == Some(false) {
            assert!(contradicting.contains(&r.name), "{r:?}");
        }
    }
}

#[test]
fn the_printed_statuses_of_2_2_reproduce_the_2_1_summary() {
    let report = check(kpi("kpi_r4_results_2-2.csv"), true);
    let printed: Vec<_> = report.rollups.iter().filter(|r| r.basis == shiryo_core::kpi::Basis::Printed).collect();
    let totals: Vec<_> = printed
        .iter()
        .filter(|r| r.field_code.is_empty())
        .map(|r| (r.part.as_str(), r.projects, r.kpi_projects, r.achieved, r.rate_text(), r.partially_achieved))
        .collect();
    assert_eq!(
        totals,
        vec![("行政", Some(43), 12, 7, "58%".to_string(), 5), ("地域", Some(71), 50, 33, "66%".to_string(), 17)]
    );
    // each field equals dx_summary.csv's KPI columns (r4_kpi_projects, r4_achieved, r4_achievement_rate)
    let dx = std::fs::read_to_string(kpi("dx_summary.csv")).unwrap();
    for line in dx.lines().skip(1) {
        let cols: Vec<&str> = line.split(',').collect();
        let (part, code, a, b, rate) = (cols[0], cols[1], cols[4], cols[5], cols[6]);
        let row = printed
            .iter()
            .find(|r| r.part == part && (r.field_code == code || (code == "合計" && r.field_code.is_empty())))
            .unwrap_or_else(|| panic!("no roll-up row for {part} {code}"));
        assert_eq!(row.kpi_projects.to_string(), a, "{part} {code}");
        assert_eq!(row.achieved.to_string(), b, "{part} {code}");
        assert_eq!(row.rate_text(), rate, "{part} {code}");
        assert_eq!(row.matches_printed(), Some(true), "{part} {code}");
    }
}

#[test]
fn the_computed_roll_up_sits_beside_it_with_the_projects_that_differ() {
    let report = check(kpi("kpi_r4_results_2-2.csv"), true);
    let computed_total = |part: &str| {
        report
            .rollups
            .iter()
            .find(|r| r.basis == shiryo_core::kpi::Basis::Computed && r.part == part && r.field_code.is_empty())
            .map(|r| (r.kpi_projects, r.achieved, r.not_measurable))
            .unwrap()
    };
    assert_eq!(computed_total("行政"), (12, 6, 1));
    assert_eq!(computed_total("地域"), (50, 27, 5));
    let rows: BTreeSet<usize> = report.differences.iter().flat_map(|d| d.rows.clone()).collect();
    assert_eq!(rows, [2, 25, 44, 52, 54, 56, 58, 71].into());
    let construction = report.differences.iter().find(|d| d.project.starts_with("No.45 ")).unwrap();
    assert_eq!(construction.computed, shiryo_core::kpi::ProjectStatus::NotAchieved);
}

#[test]
fn kpi_r5_and_plan_1_1_import_into_the_demo_meeting_and_load_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.shiryo");
    let (mut app, meeting) = App::create_demo(&path, now()).unwrap();
    let r5 = app.import_kpi_file(&kpi("kpi_r5.csv"), Some(meeting), None, now()).unwrap();
    // The demo's 資料2-4 was made from this very file, so its headers' mapping is already in the workspace.
    assert_eq!((r5.imported, r5.rejected.len(), r5.mapping_source), (82, 0, MappingSource::Remembered));
    let plan = app.import_kpi_file(&kpi("plan_kpis_1-1.csv"), Some(meeting), None, now()).unwrap();
    assert_eq!((plan.imported, plan.rejected.len()), (16, 0));

    let loaded = app.kpi_indicators(r5.table_id).unwrap();
    assert_eq!(loaded.len(), 82);
    let paper = loaded.iter().find(|i| i.name == "コピー用紙購入量（本庁（知事部局））").unwrap();
    assert_eq!(paper.polarity().0, shiryo_core::kpi::Polarity::LowerIsBetter);
    assert_eq!(paper.targets[&FiscalYear::reiwa(7)].raw, "12百万枚");
    assert_eq!(paper.reference, "行政-6");
    let plan_rows = app.kpi_indicators(plan.table_id).unwrap();
    let npo = plan_rows.iter().find(|i| i.actuals.get(&FiscalYear::reiwa(4)).is_some_and(|v| v.provisional)).unwrap();
    assert_eq!(npo.actuals[&FiscalYear::reiwa(4)].raw, "489件(見込)");

    // the 資料2-4 table as the printer gets it: 令和 headers, every target exactly as in the seed
    let table = shiryo_app::kpi::tables::targets_table("令和５年度ＫＰＩ一覧", &loaded);
    assert_eq!(
        table.headers[4..],
        ["令和４年度目標", "令和５年度目標", "令和６年度目標", "令和７年度目標"].map(String::from)
    );
    let csv = std::fs::read_to_string(kpi("kpi_r5.csv")).unwrap();
    let mut reader = csv_records(&csv);
    for (row, record) in table.rows.iter().zip(reader.by_ref()) {
        assert_eq!(row[2], record[4], "name");
        assert_eq!(row[4..8], record[6..10], "{}", record[4]);
    }
    assert_eq!(table.rows.len(), 82);

    // the same headers again: the mapping remembered in the workspace is used
    let again = app.import_kpi_file(&kpi("kpi_r5.csv"), None, None, now()).unwrap();
    assert_eq!(again.mapping_source, MappingSource::Remembered);
}

#[test]
fn an_import_for_a_missing_meeting_leaves_the_workspace_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.shiryo");
    let (mut app, _) = App::create_demo(&path, now()).unwrap();
    let counts = |path: &std::path::Path| {
        let conn = rusqlite::Connection::open(path).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        [
            count("SELECT count(*) FROM kpi_table"),
            count("SELECT count(*) FROM kpi_indicator"),
            count("SELECT count(*) FROM kpi_column_mapping"),
        ]
    };
    let before = counts(&path);
    assert!(before[0] > 0 && before[1] > 0, "the demo's KPI 資料 are KPI tables from the start: {before:?}");
    let err = app.import_kpi_file(&kpi("kpi_r5.csv"), Some(999), None, now()).unwrap_err();
    assert_eq!(err.code(), shiryo_app::ErrorCode::MeetingNotFound);
    drop(app);
    assert_eq!(counts(&path), before);
}

#[test]
fn shift_jis_and_xlsx_tables_are_read_and_bad_rows_reported_by_number() {
    let (report, rejected) =
        check_kpi_file(&KpiCheckRequest { path: fixture("results_sjis.csv"), ..KpiCheckRequest::default() }).unwrap();
    assert_eq!(report.rows.len(), 2);
    assert_eq!(rejected.iter().map(|r| r.row).collect::<Vec<_>>(), vec![4]);
    // the 方向 column overrides polarity: コピー用紙 flat at 40百万枚 would otherwise be assumed higher-is-better
    let paper = report.rows.iter().find(|r| r.name == "コピー用紙購入量").unwrap();
    assert_eq!((paper.polarity, paper.agrees), ("lower", Some(true)));

    let report = check(fixture("results.xlsx"), false);
    let got: Vec<_> = report.rows.iter().map(|r| (r.name.as_str(), r.agrees)).collect();
    assert_eq!(
        got,
        vec![
            ("建設業の総実労働時間／月", Some(false)),
            ("コピー用紙購入量", Some(true)),
            ("県及び市町村の行政手続のオンライン利用率", Some(true)),
        ]
    );
}

#[test]
fn with_the_plan_the_three_level_preset_tells_progress_from_none() {
    let dir = tempfile::tempdir().unwrap();
    let req = KpiCheckRequest {
        path: full_r4_results(dir.path()),
        plan: Some(kpi("kpi_r5.csv")),
        preset: shiryo_app::kpi::Preset::by_code("three-level"),
        ..KpiCheckRequest::default()
    };
    let report = check_kpi_file(&req).unwrap().0;
    let s = &report.summary;
    assert_eq!((s.compared, s.agreed, s.disagreed), (84, 82, 2), "{s:?}");
    assert!(s.completed_from_plan > 80, "{s:?}");
    let status = |name: &str| {
        let r = report.rows.iter().find(|r| r.name == name).unwrap();
        (r.computed_status.clone().unwrap(), r.baseline.clone())
    };
    // 169 → 167.3 moved toward 165.6: 一部達成; 54 → 50 against a flat 54: 未達成
    assert_eq!(status("建設業の総実労働時間／月"), ("一部達成".to_string(), "169".to_string()));
    assert_eq!(status("県内ＩＴ企業等への就職や在宅就労に結び付いた人数"), ("未達成".to_string(), "54".to_string()));
    // 資料2-1's 10,000人 target also disagrees with 資料2-4's 8,000
    let bosai = report.rows.iter().find(|r| r.name == "防災啓発実施者数").unwrap();
    assert!(bosai.findings.iter().any(|f| f.code == "cross_material_mismatch" && f.message.contains("kpi_r5.csv")));
}

/// A one-sheet .xlsx written part by part (the smallest workbook Excel and calamine read): `cells` are
/// (reference, value, style) with style 0 general, 1 `0.0%`, 2 `0%`; strings are inline.
fn xlsx_with_styles(cells: &[(&str, &str, u8)]) -> Vec<u8> {
    use std::io::Write;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = std::collections::BTreeMap::new();
    for (r, v, s) in cells {
        let row: u32 = r.trim_start_matches(|c: char| c.is_ascii_alphabetic()).parse().unwrap();
        let cell = if v.parse::<f64>().is_ok() {
            format!(r#"<c r="{r}" s="{s}"><v>{v}</v></c>"#)
        } else {
            format!(r#"<c r="{r}" s="{s}" t="inlineStr"><is><t>{v}</t></is></c>"#)
        };
        rows.entry(row).or_default().push(cell);
    }
    let sheet_data: String = rows.iter().map(|(n, cs)| format!(r#"<row r="{n}">{}</row>"#, cs.concat())).collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="KPI" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/styles.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#.to_string(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn xlsx_cells_formatted_as_percent_read_as_percentages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("percent.xlsx");
    let bytes = xlsx_with_styles(&[
        ("A1", "indicator", 0),
        ("B1", "baseline", 0),
        ("C1", "r4_target", 0),
        ("D1", "r4_actual", 0),
        ("E1", "status", 0),
        ("A2", "オンライン利用率", 0),
        ("B2", "0.482", 1),
        ("C2", "0.61", 1),
        ("D2", "0.473", 1),
        ("E2", "一部達成", 0),
        ("A3", "充足率", 0),
        ("B3", "0.96", 2),
        ("C3", "1", 2),
        ("D3", "0.99", 2),
        ("E3", "一部達成", 0),
        ("A4", "件数", 0),
        ("B4", "14442", 0),
        ("C4", "15000", 0),
        ("D4", "15200", 0),
        ("E4", "達成", 0),
    ]);
    std::fs::write(&path, bytes).unwrap();
    let report = check(path, false);
    let values: Vec<[String; 3]> = report
        .rows
        .iter()
        .map(|r| [r.baseline.clone(), r.target.clone().unwrap_or_default(), r.actual.clone().unwrap_or_default()])
        .collect();
    let want = [["48.2%", "61.0%", "47.3%"], ["96%", "100%", "99%"], ["14442", "15000", "15200"]];
    assert_eq!(
        values,
        want.map(|r| r.map(String::from)),
        "a percent format multiplies by 100 and shows its decimals; a general number stays as it is"
    );
    // …and the judgement reads them as percentages: each computed status agrees with the printed one.
    assert_eq!(report.summary.agreed, 3, "{:?}", report.summary);
}

mod review {
    use shiryo_app::kpi_review::{KpiEditRowRequest, KpiImportRequest, KpiReviewRequest};
    use shiryo_app::App;

    use super::{kpi, now};

    fn demo(dir: &std::path::Path) -> (std::path::PathBuf, i64, i64) {
        let path = dir.join("demo.shiryo");
        let (app, meeting) = App::create_demo(&path, now()).unwrap();
        let material = app.material_id_by_label(meeting, "資料2-2").unwrap();
        (path, meeting, material)
    }

    #[test]
    fn the_2_1_review_rolls_up_2_2_as_its_pdf_does() {
        let dir = tempfile::tempdir().unwrap();
        let (path, meeting_id, _) = demo(dir.path());
        let mut app = App::open(&path).unwrap();
        let material_id = app.material_id_by_label(meeting_id, "資料2-1").unwrap();
        let view = app.kpi_review(&KpiReviewRequest { meeting_id, material_id }, now()).unwrap();
        assert!(view.rows.len() < 73, "its own rows are shown: {}", view.rows.len());
        assert_eq!(view.rollup_source, "資料２－２の行を事業単位で集計");
        // The same figures as the 資料2-1 page of the PDF and dx_summary.csv, not its own 19 rows' 7 / 3.
        let total = |part: &str| view.rollups.iter().find(|r| r.part == part && r.is_total).unwrap().clone();
        let gyosei = total("行政");
        assert_eq!(
            (gyosei.projects, gyosei.printed.kpi_projects, gyosei.printed.achieved, gyosei.printed.rate.as_str()),
            (Some(43), 12, 7, "58%")
        );
        let chiiki = total("地域");
        assert_eq!(
            (chiiki.projects, chiiki.printed.kpi_projects, chiiki.printed.achieved, chiiki.printed.rate.as_str()),
            (Some(71), 50, 33, "66%")
        );
    }

    #[test]
    fn the_demo_2_2_review_flags_the_hours_row_and_keeps_a_note_across_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let (path, meeting_id, material_id) = demo(dir.path());
        let req = KpiReviewRequest { meeting_id, material_id };
        let mut app = App::open(&path).unwrap();
        let view = app.kpi_review(&req, now()).unwrap();
        assert_eq!(view.rows.len(), 73, "every row of kpi_r4_results_2-2.csv");
        assert_eq!(view.year_label, "令和４年度");
        assert_eq!(view.files, ["kpi_r4_results_2-2.csv"]);
        let hours = view.rows.iter().find(|r| r.name.contains("総実労働時間")).unwrap();
        assert_eq!((hours.printed_status.as_str(), hours.agrees), ("達成", Some(false)));
        assert!(hours.findings.iter().any(|f| f.code == "status_contradicts"), "{:?}", hours.findings);
        assert_eq!(hours.polarity, "lower");
        // The printed roll-up reproduces 資料2-1's 行政 12 / 7 / 58 % beside the computed one, and 事業数 comes from
        // the meeting's field table (資料2-1's summary file) although 資料2-2 has none of its own.
        let total = view.rollups.iter().find(|r| r.part == "行政" && r.is_total).unwrap().clone();
        assert_eq!((total.printed.kpi_projects, total.printed.achieved, total.printed.rate.as_str()), (12, 7, "58%"));
        assert_eq!(total.projects, Some(43));
        let computed = total.computed.clone().unwrap();
        assert_ne!(computed.achieved, 7, "the computed roll-up differs");
        assert!(total.differs);
        // The row's values keep their units, its chip says the contradiction and its findings are in Japanese.
        assert_eq!(hours.tone, "bad");
        assert!(
            hours.findings.iter().all(|f| !f.label.chars().any(|c| c.is_ascii_alphabetic())),
            "{:?}",
            hours.findings
        );
        let r5 = hours.years.iter().find(|y| y.short == "R5").unwrap();
        assert_eq!(r5.target, "163.9時間", "the bare 163.9 of the file gets the row's unit");
        // The sparkline: each year's actual at the slot of its target, not R4 actual → R7 target.
        let r4: Vec<_> = hours.trend.iter().filter(|p| p.label == "R4").map(|p| (p.kind.as_str(), p.slot)).collect();
        assert_eq!(r4, [("target", 1), ("actual", 1)]);
        assert!(hours.trend.iter().any(|p| p.text == "R4 実績 167.3時間"), "{:?}", hours.trend);
        assert!(!view.differences.is_empty());
        // A second review does not import the files again.
        assert_eq!(app.kpi_review(&req, now()).unwrap().rows.len(), 73);

        let edit = KpiEditRowRequest {
            meeting_id,
            material_id,
            table_id: hours.table_id,
            row: hours.row,
            polarity: None,
            note: Some("部局に確認済み（R5.5.20）".into()),
            status: Some("一部達成".into()),
        };
        let after = app.kpi_edit_row(&edit, now()).unwrap();
        let row = after.rows.iter().find(|r| r.key == hours.key).unwrap();
        assert_eq!((row.status_override.as_deref(), row.agrees), (Some("一部達成"), Some(true)));
        drop(app);

        let mut app = App::open(&path).unwrap();
        let again = app.kpi_review(&req, now()).unwrap();
        // A file imported into the same 資料 adds its rows to the review.
        let bytes = std::fs::read(kpi("kpi_r4_results_2-1.csv")).unwrap();
        let out = app
            .kpi_import_into_material(
                &KpiImportRequest {
                    meeting_id,
                    material_id,
                    file_name: "r4.csv".into(),
                    bytes: Some(bytes),
                    mapping: None,
                },
                now(),
            )
            .unwrap();
        assert_eq!((out.imported, out.review.as_ref().map(|r| r.rows.len())), (19, Some(92)));
        let row = again.rows.iter().find(|r| r.key == hours.key).unwrap();
        assert_eq!(row.note, "部局に確認済み（R5.5.20）");
        assert_eq!(row.status_override.as_deref(), Some("一部達成"));
        assert_eq!(row.printed_status, "達成", "the printed status is kept beside the one set by hand");
        // Clearing the status brings the printed one back.
        let cleared =
            app.kpi_edit_row(&KpiEditRowRequest { status: Some(String::new()), note: None, ..edit }, now()).unwrap();
        assert_eq!(cleared.rows.iter().find(|r| r.key == hours.key).unwrap().status_override, None);
    }

    #[test]
    fn a_file_from_the_page_imports_into_the_material_or_asks_for_a_mapping_once() {
        let dir = tempfile::tempdir().unwrap();
        let (path, meeting_id, _) = demo(dir.path());
        let mut app = App::open(&path).unwrap();
        let material_id = app.material_id_by_label(meeting_id, "資料2-4").unwrap();
        let req = KpiReviewRequest { meeting_id, material_id };
        let before = app.kpi_review(&req, now()).unwrap().rows.len();
        let bytes = std::fs::read(kpi("kpi_r4_results_2-1.csv")).unwrap();
        let out = app
            .kpi_import_into_material(
                &KpiImportRequest {
                    meeting_id,
                    material_id,
                    file_name: "r4.csv".into(),
                    bytes: Some(bytes),
                    mapping: None,
                },
                now(),
            )
            .unwrap();
        assert!(!out.needs_mapping);
        // The demo imported this file's headers for 資料2-1, so the workspace remembers their mapping.
        assert_eq!((out.imported, out.mapping_source.as_str()), (19, "remembered"));
        assert_eq!(out.review.unwrap().rows.len(), before + 19);

        // Unknown headers: nothing imported until the user maps them; the mapping is then remembered.
        let odd = "項目名,前年,今年\n県民参加者数,100人,120人\n,5人,\n".as_bytes().to_vec();
        let ask =
            KpiImportRequest { meeting_id, material_id, file_name: "odd.csv".into(), bytes: Some(odd), mapping: None };
        let out = app.kpi_import_into_material(&ask, now()).unwrap();
        assert!(out.needs_mapping && out.imported == 0, "{out:?}");
        assert_eq!(out.headers, ["項目名", "前年", "今年"]);
        let mapping = shiryo_app::kpi_review::KpiColumnMappingDto {
            name: "項目名".into(),
            field: None,
            item: None,
            baseline: Some("前年".into()),
            note: None,
            targets: vec![],
            actuals: vec![shiryo_app::kpi_review::KpiYearColumnDto { year: 2023, column: "今年".into() }],
            statuses: vec![],
        };
        // The mapping alone comes back: the backend kept the file, so its bytes cross IPC once.
        let confirm = KpiImportRequest { mapping: Some(mapping), bytes: None, ..ask.clone() };
        let out = app.kpi_import_into_material(&confirm, now()).unwrap();
        assert_eq!(out.imported, 1);
        // Kept for one confirmation only.
        let err = app.kpi_import_into_material(&confirm, now()).unwrap_err();
        assert!(
            matches!(err, shiryo_app::AppError::NoPendingKpiFile { material_id } if material_id == ask.material_id),
            "{err:?}"
        );
        assert_eq!(out.rejected.len(), 1, "the row without a name, by its row number");
        assert_eq!(out.rejected[0].row, 3);
        let again = app.kpi_import_into_material(&ask, now()).unwrap();
        assert_eq!((again.mapping_source.as_str(), again.imported), ("remembered", 1));
    }
}
