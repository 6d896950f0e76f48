//! `shiryo shinkyu` as a user runs it: the seed's policy pair, text with visible marks, JSON, presets, errors.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn seed(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/shinkyu").join(name);
    p.display().to_string()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

#[test]
fn prints_the_seed_table_with_visible_marks() {
    let o = shiryo(&["shinkyu", &seed("policy_old.txt"), &seed("policy_new.txt")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("新 | 旧\n"), "{}", &text[..100]);
    assert!(text.contains("[changed] 第2部 第2 9 (2)\n"), "{text}");
    assert!(text.contains("監査実施要[綱]を定め"), "{text}");
    assert!(text.contains("監査実施要[領]を定め"), "{text}");
    assert!(text.contains("[added] 第1部 8\n"), "{text}");
    assert!(text.contains("[renumbered] 第1部 9 ← 第1部 8\n"), "{text}");
}

#[test]
fn writes_json_rows_with_cells_paths_and_scalar_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.json");
    let o = shiryo(&[
        "shinkyu",
        &seed("policy_old.txt"),
        &seed("policy_new.txt"),
        "--json",
        out.to_str().unwrap(),
        "--preset",
        "kaisei",
        "--old-left",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(json["headings"]["new"], "改正後");
    assert_eq!(json["headings"]["old"], "改正前");
    assert_eq!(json["column_order"], "old-left");
    assert_eq!(json["caption"], "（傍線部分は改正部分）");
    let rows = json["rows"].as_array().unwrap();
    let row = rows.iter().find(|r| r["new"]["path"] == "第2部 第2 9 (2)").unwrap();
    assert_eq!(row["kind"], "changed");
    let text: Vec<char> = row["new"]["text"].as_str().unwrap().chars().collect();
    let [s, e] = [row["new"]["marks"][0][0].as_u64().unwrap(), row["new"]["marks"][0][1].as_u64().unwrap()];
    assert_eq!(text[s as usize..e as usize].iter().collect::<String>(), "綱");
    let kinds: std::collections::BTreeSet<&str> = rows.iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["added", "changed", "context", "deleted", "omitted", "renumbered"]
    );
    let added = rows.iter().find(|r| r["kind"] == "added").unwrap();
    assert_eq!(added["old"]["text"], "（新設）");
    assert!(added["old"]["path"].is_null());
}

#[test]
fn refuses_an_unsupported_file_naming_it_with_exit_code_15() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("改正案.pdf");
    std::fs::write(&pdf, b"%PDF-1.7").unwrap();
    let o = shiryo(&["shinkyu", pdf.to_str().unwrap(), &seed("policy_new.txt")]);
    assert_eq!(o.status.code(), Some(15));
    assert!(stderr(&o).contains("改正案.pdf"), "{}", stderr(&o));
}

#[test]
fn a_missing_file_is_an_io_error_with_exit_code_9() {
    let o = shiryo(&["shinkyu", "ない.txt", &seed("policy_new.txt")]);
    assert_eq!(o.status.code(), Some(9));
    assert!(stderr(&o).contains("ない.txt"), "{}", stderr(&o));
}

#[test]
fn prints_a_pdf_with_the_preset_headings_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("t.pdf");
    let args = ["--preset", "an-genko", "--old-left", "--created", "2023-06-01T09:00:00", "--pdf"];
    let (old, new) = (seed("policy_old.txt"), seed("policy_new.txt"));
    let run = |pdf: &Path| {
        let mut all: Vec<&str> = vec!["shinkyu", &old, &new];
        all.extend(args);
        all.push(pdf.to_str().unwrap());
        shiryo(&all)
    };
    let o = run(&out);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "nothing printed when a file is written");
    let text = Command::new("pdftotext").args(["-layout"]).arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
    assert!(pages.len() >= 3);
    for (i, page) in pages.iter().enumerate() {
        let headings =
            page.lines().find(|l| !l.trim().is_empty() && !l.contains("新旧対照表") && !l.contains("改正部分"));
        let words: Vec<&str> = headings.unwrap_or_default().split_whitespace().collect();
        assert_eq!(words, ["現行", "改正案"], "page {}", i + 1);
        assert!(page.contains(&format!("- {} -", i + 1)), "page number on page {}", i + 1);
    }
    assert!(pages[0].contains("（傍線部分は改正部分）"), "the preset's caption");
    // Old on the left: 要領 comes before 要綱 on the line of 第2部 第2 ９ (2).
    let line = text.lines().find(|l| l.contains("監査実施要領を")).unwrap();
    assert!(line.find("要領").unwrap() < line.find("要綱").unwrap(), "{line}");
    // Same input and date, same bytes.
    let again = dir.path().join("again.pdf");
    assert!(run(&again).status.success());
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

fn docx_fixture(case: &str, name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/docx").join(case).join(name);
    p.display().to_string()
}

#[test]
fn tracked_builds_the_same_json_as_the_two_versions_saved_separately() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("tracked.json"), dir.path().join("two.json"));
    let o = shiryo(&[
        "shinkyu",
        "--tracked",
        &docx_fixture("yoko-numbered", "tracked.docx"),
        "--json",
        a.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (old, new) = (docx_fixture("yoko-numbered", "old.docx"), docx_fixture("yoko-numbered", "new.docx"));
    let o = shiryo(&["shinkyu", &old, &new, "--json", b.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (std::fs::read_to_string(a).unwrap(), std::fs::read_to_string(b).unwrap());
    assert_eq!(a, b);
    assert!(a.contains(r#""path":"第3 1 (3)","text":"(3)　地方独立行政法人""#), "{a}");
}

#[test]
fn check_writes_rows_and_findings_and_exits_0_with_findings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("check.json");
    let o = shiryo(&[
        "shinkyu",
        "--check",
        &docx_fixture("received-table", "planted.docx"),
        "--json",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let findings = v["findings"].as_array().unwrap();
    let codes: Vec<(&str, u64)> =
        findings.iter().map(|f| (f["code"].as_str().unwrap(), f["row"].as_u64().unwrap())).collect();
    assert_eq!(codes, [("change_without_mark", 2), ("mark_without_change", 6), ("omitted_changed", 8)]);
    assert!(findings.iter().all(|f| f["message"].as_str().unwrap().contains("行目")));
    assert_eq!(v["rows"].as_array().unwrap().len(), 8);
    assert_eq!(v["rows"][1]["new"]["path"], "第2 1");

    let o = shiryo(&["shinkyu", "--check", &docx_fixture("received-table", "clean.docx")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("指摘 0 件"), "{}", stdout(&o));
}

#[test]
fn check_of_a_docx_with_no_table_exits_11_and_of_a_file_that_is_no_docx_15() {
    let o = shiryo(&["shinkyu", "--check", &docx_fixture("yoko-numbered", "new.docx")]);
    assert_eq!(o.status.code(), Some(11), "{}", stderr(&o));
    assert!(stderr(&o).contains("新旧対照表"), "{}", stderr(&o));
    let o = shiryo(&["shinkyu", "--check", &docx_fixture("yoko-numbered", "new.txt")]);
    assert_eq!(o.status.code(), Some(15), "{}", stderr(&o));
    assert!(stderr(&o).contains("new.txt"), "{}", stderr(&o));
}
