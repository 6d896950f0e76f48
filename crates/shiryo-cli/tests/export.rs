//! `shiryo demo --pdf` and `shiryo export` as a user runs them: real processes, real files, poppler to read back.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::Path;
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn pdftotext(pdf: &Path, first: u32, last: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &first.to_string(), "-l", &last.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (apt-get install poppler-utils)");
    text(&out.stdout)
}

#[test]
fn demo_with_pdf_prints_the_packet_and_warns_about_the_empty_material() {
    let dir = tempfile::tempdir().unwrap();
    let (db, pdf) = (dir.path().join("d.shiryo"), dir.path().join("p.pdf"));
    let o = shiryo(&["demo", "--db", db.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("PDFを作成しました"), "{}", text(&o.stdout));
    assert!(
        text(&o.stderr).contains("警告: 資料１－２「行財政運営の推進に関する助言」は内容がない"),
        "{}",
        text(&o.stderr)
    );
    let first = pdftotext(&pdf, 1, 1);
    assert!(first.contains("令和５年６月５日（月）"), "{first}");
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = text(&fonts.stdout);
    assert_eq!(fonts.lines().skip(2).filter(|l| l.contains(" yes yes yes ")).count(), 3, "{fonts}");
}

#[test]
fn export_refuses_an_empty_material_with_its_own_exit_code_then_allows_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo");
    assert!(shiryo(&["demo", "--db", db.to_str().unwrap()]).status.success());
    let pdf = dir.path().join("packet.pdf");
    let args = ["export", "--db", db.to_str().unwrap(), "--pdf", pdf.to_str().unwrap()];
    let o = shiryo(&args);
    assert_eq!(o.status.code(), Some(21), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("資料１－２「行財政運営の推進に関する助言」に内容がありません"),
        "{}",
        text(&o.stderr)
    );
    assert!(!pdf.exists());
    let o = shiryo(&[&args[..], &["--allow-empty", "--continuous"]].concat());
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(pdf.exists());
}

#[test]
fn export_of_one_material_by_its_typed_label() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo");
    assert!(shiryo(&["demo", "--db", db.to_str().unwrap()]).status.success());
    let pdf = dir.path().join("3-1.pdf");
    let o = shiryo(&["export", "--db", db.to_str().unwrap(), "--material", "資料3-1", "--pdf", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let all = pdftotext(&pdf, 1, 99);
    assert!(all.contains("資料３－１"), "{all}");
    assert!(!all.contains("次第") && !all.contains("資料３－２"), "{all}");
    let o = shiryo(&["export", "--db", db.to_str().unwrap(), "--material", "資料9-9", "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(20), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("この会議に資料9-9はありません"), "{}", text(&o.stderr));
}

#[test]
fn two_processes_with_the_same_created_date_write_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo");
    assert!(shiryo(&["demo", "--db", db.to_str().unwrap()]).status.success());
    let mut outputs = Vec::new();
    for name in ["a.pdf", "b.pdf"] {
        let pdf = dir.path().join(name);
        let o = shiryo(&[
            "export",
            "--db",
            db.to_str().unwrap(),
            "--allow-empty",
            "--created",
            "2023-06-01T09:00:00",
            "--pdf",
            pdf.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o.stderr));
        outputs.push(std::fs::read(&pdf).unwrap());
    }
    assert!(outputs[0] == outputs[1], "{} vs {} bytes", outputs[0].len(), outputs[1].len());
}
