//! `shiryo material add --table` and `shiryo kpi set --material`: a 表 資料 from a sheet, printed with the columns
//! chosen, and a KPI 資料's working note that never reaches the PDF.

use std::path::Path;
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    assert!(o.status.success());
    text(&o.stdout)
}

fn pdfinfo_landscape(pdf: &Path) -> bool {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let info = text(&o.stdout);
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap_or_default().to_string();
    let nums: Vec<f32> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    nums.len() >= 2 && nums[0] > nums[1]
}

fn demo(dir: &Path) -> String {
    let db = dir.join("d.shiryo").display().to_string();
    let o = shiryo(&["demo", "--db", &db]);
    assert!(o.status.success(), "demo failed: {}", text(&o.stderr));
    db
}

#[test]
fn material_add_table_prints_only_the_chosen_columns_in_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let csv = dir.path().join("一覧.csv");
    // A sheet with a working column (担当メモ) that must not print.
    let sheet = "番号,分野,事業名,担当メモ,予算額\n1,防災,防災訓練の実施,部長に確認中,1200\n2,防災,避難所の整備,要再調整,34500\n";
    std::fs::write(&csv, sheet).unwrap();
    let o = shiryo(&[
        "material",
        "add",
        "--db",
        &db,
        "--item",
        "2(3)",
        "--title",
        "防災関連事業一覧",
        "--table",
        csv.to_str().unwrap(),
        "--columns",
        "3,1,5",
        "--group",
        "2",
        "--portrait",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("資料３－４\t防災関連事業一覧\t追加しました（表）"), "{}", text(&o.stdout));

    let pdf = dir.path().join("t.pdf");
    let o = shiryo(&["export", "--db", &db, "--material", "3-4", "--pdf", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let page = pdftotext(&pdf);
    assert!(page.contains("防災関連事業一覧"), "the title line:\n{page}");
    assert!(!page.contains("部長に確認中") && !page.contains("担当メモ") && !page.contains("防災 "), "{page}");
    let header = page.lines().find(|l| l.contains("事業名")).unwrap_or_else(|| panic!("no header:\n{page}"));
    let (a, b, c) = (header.find("事業名").unwrap(), header.find("番号").unwrap(), header.find("予算額").unwrap());
    assert!(a < b && b < c, "columns in the chosen order: {header}");
    assert!(page.contains("34500"), "{page}");
    assert!(!pdfinfo_landscape(&pdf), "--portrait");

    let o = shiryo(&[
        "material",
        "add",
        "--db",
        &db,
        "--item",
        "2(3)",
        "--title",
        "x",
        "--table",
        csv.to_str().unwrap(),
        "--columns",
        "9",
    ]);
    assert_eq!(o.status.code(), Some(13), "a column past the sheet is invalid input");
    assert!(text(&o.stderr).contains("列番号 9 は表にありません"), "{}", text(&o.stderr));
}

#[test]
fn kpi_set_by_material_saves_a_note_that_no_pdf_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = shiryo(&["kpi", "tables", "--db", &db]);
    let tables = text(&o.stdout);
    assert_eq!(tables.lines().count(), 4, "the demo's KPI 資料 are KPI tables from the start:\n{tables}");

    let note = "【内部メモ】担当課に要確認（数値が低すぎる）";
    for label in ["資料２－２", "資料2-4"] {
        let o = shiryo(&["kpi", "set", "--db", &db, "--material", label, "--row", "2", "--note", note]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    for label in ["2-2", "2-4"] {
        let pdf = dir.path().join(format!("{label}.pdf"));
        let o = shiryo(&["export", "--db", &db, "--material", label, "--pdf", pdf.to_str().unwrap()]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        let all = pdftotext(&pdf);
        assert!(!all.contains("内部メモ") && !all.contains("要確認"), "{label} shows the note:\n{all}");
        assert!(!all.contains("備考"), "{label} prints a 備考 column");
        assert!(pdfinfo_landscape(&pdf), "{label} is a landscape list");
    }
}

#[test]
fn a_note_column_prints_only_when_chosen_on_purpose() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let note = "部局と調整済み";
    let o = shiryo(&["kpi", "set", "--db", &db, "--material", "2-4", "--row", "2", "--note", note]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = shiryo(&["kpi", "print-columns", "--db", &db, "--material", "2-4", "--note"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("原本の列と備考"), "{}", text(&o.stdout));
    let pdf = dir.path().join("2-4.pdf");
    let o = shiryo(&["export", "--db", &db, "--material", "2-4", "--pdf", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let all = pdftotext(&pdf);
    assert!(all.contains("備考") && all.contains(note), "the chosen 備考 column is printed:\n{all}");
}
