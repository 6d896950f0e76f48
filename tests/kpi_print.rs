//! KPI 資料 printed from the KPI model (not their CSV files): the demo packet exported through `shiryo-app` and
//! read back with poppler-utils — year headings on every page of a long table, the 資料2-1 roll-up figures.

use shiryo_app::ExportReport;

use super::pdf::{demo_packet, page_text, poppler};

fn pages_of(report: &ExportReport, label: &str) -> (u32, u32) {
    let m = report.materials.iter().find(|m| m.label == label).unwrap_or_else(|| panic!("{label} not printed"));
    (m.first_page, m.pages)
}

#[test]
fn every_page_of_the_kpi_list_repeats_the_year_headings() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let (first, pages) = pages_of(&report, "資料２－４");
    assert!(pages >= 3, "a multi-page table: {pages} pages");
    for k in 0..pages {
        let text = page_text(&pdf, first + k);
        // As 資料2-4 prints them: 目標値 over Ｒ４ … Ｒ７ (its number column has no heading).
        for heading in ["分野", "項目", "指標名", "基準値", "目標値", "Ｒ４", "Ｒ５", "Ｒ６", "Ｒ７"]
        {
            assert!(text.contains(heading), "page {} of 資料２－４ lacks {heading}:\n{text}", k + 1);
        }
        assert!(!text.contains("r5") && !text.contains("baseline"), "no raw CSV column names:\n{text}");
    }
    // Every indicator of the list is printed once (its name as in the file; names may wrap, so look at a few
    // short ones) and the values as printed.
    let all = poppler("pdftotext", &["-f", &first.to_string(), "-l", &(first + pages - 1).to_string()], &pdf);
    for value in ["BPR実施課", "48.2%", "80.0%", "40百万枚", "12百万枚"] {
        assert!(all.contains(value), "{value} missing from 資料２－４");
    }
}

#[test]
fn the_results_table_prints_target_actual_and_status_per_year() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    // 資料2-1: the roll-up, then its indicators with 令和 year headings on every page the table reaches.
    let (first, pages) = pages_of(&report, "資料２－１");
    let mut table_pages = 0;
    for k in 0..pages {
        let text = page_text(&pdf, first + k);
        if !text.contains("指標名") {
            continue;
        }
        table_pages += 1;
        for heading in ["令和４年度", "目標値", "実績値", "達成状況"] {
            assert!(text.contains(heading), "page {} of 資料２－１ lacks {heading}:\n{text}", k + 1);
        }
    }
    assert!(table_pages >= 1, "資料２－１ prints its indicators");
    let all = poppler("pdftotext", &["-f", &first.to_string(), "-l", &(first + pages - 1).to_string()], &pdf);
    assert!(all.contains("一部達成") && all.contains("達成"), "statuses printed as text");
}

#[test]
fn the_rollup_of_2_1_prints_the_seed_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, report) = demo_packet(dir.path());
    let pdf = dir.path().join("packet.pdf");
    let (first, _) = pages_of(&report, "資料２－１");
    // The table on the first page, the chart under it or on the next.
    let text = page_text(&pdf, first) + &page_text(&pdf, first + 1);
    let collapse = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let lines: Vec<String> = text.lines().map(collapse).collect();
    // 区分 分野 事業数 A B B/A 一部達成: the part totals as 資料2-1 printed them.
    let total = |part: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(part) && l.contains("合計") && l.contains('%') && !l.contains('（'))
            .unwrap_or_else(|| panic!("no {part} 合計 row:\n{text}"))
            .clone()
    };
    assert!(total("行政").ends_with("合計 43 12 7 58% 5"), "{}", total("行政"));
    assert!(total("地域").ends_with("合計 71 50 33 66% 17"), "{}", total("地域"));
    for heading in ["事業数", "事業数(A)", "達成(B)", "(B)/(A)", "一部達成"] {
        assert!(text.contains(heading), "lacks {heading}:\n{text}");
    }
    // The chart: its title, legend and one bar label per field with the share written out.
    assert!(text.contains("分野別の達成の割合"), "{text}");
    assert!(text.contains("58%（7/12）") && text.contains("66%（33/50）"), "{text}");
    let fonts = poppler("pdffonts", &["-f", &first.to_string(), "-l", &(first + 1).to_string()], &pdf);
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, with ToUnicode: {row}");
    }
}
