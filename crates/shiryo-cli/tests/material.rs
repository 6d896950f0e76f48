//! `shiryo material add|list|replace|reconvert` as a script runs it: real processes, real LibreOffice (scripts/
//! setup.sh installs it), the packet read back with pdftotext. Each test has its own cache folder, so its
//! LibreOffice profile is its own.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office").join(name).display().to_string()
}

struct Env {
    dir: tempfile::TempDir,
    db: String,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.shiryo").display().to_string();
        let env = Env { dir, db };
        let o = env.run(&["demo", "--db", &env.db], &[]);
        assert!(o.status.success(), "demo failed: {}", stderr(&o));
        env
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn run(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shiryo"));
        cmd.args(args).env("SHIRYO_CACHE_DIR", self.cache()).env_remove("SHIRYO_SOFFICE");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.output().expect("run shiryo")
    }

    fn material(&self, args: &[&str], vars: &[(&str, &str)]) -> Output {
        let mut all = vec!["material", args[0], "--db", &self.db];
        all.extend_from_slice(&args[1..]);
        self.run(&all, vars)
    }

    fn list(&self) -> Vec<Vec<String>> {
        let o = self.material(&["list"], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o).lines().map(|l| l.split('\t').map(str::to_string).collect()).collect()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// The packet's text, one string per page.
fn pages_of(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).split('\u{c}').map(str::to_string).collect()
}

#[test]
fn the_four_office_fixtures_become_materials_and_print_stamped_and_numbered_in_the_packet() {
    let env = Env::new();
    let adds = [
        ("2 (3)", "デジタル変革推進方針（案）", "hoshin.docx"),
        ("２ （３）", "情報セキュリティ対策実施計画", "keikaku.odt"),
        ("2(3)", "事業一覧", "jigyo.xlsx"),
        ("2 (3)", "ＤＸ推進計画の概要", "gaiyo.pptx"),
    ];
    for (item, title, file) in adds {
        let o = env.material(&["add", "--item", item, "--title", title, &fixture(file)], &[]);
        assert!(o.status.success(), "{file}: {}", stderr(&o));
    }
    let list = env.list();
    let row =
        |label: &str| list.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label} in {list:?}")).clone();
    assert_eq!(row("資料３－４")[1..], ["デジタル変革推進方針（案）", "Ｏｆｆｉｃｅ文書", "1"]);
    assert_eq!(row("資料３－５")[1..], ["情報セキュリティ対策実施計画", "Ｏｆｆｉｃｅ文書", "1"]);
    assert_eq!(row("資料３－６")[1..], ["事業一覧", "Ｏｆｆｉｃｅ文書", "2"]);
    assert_eq!(row("資料３－７")[1..], ["ＤＸ推進計画の概要", "Ｏｆｆｉｃｅ文書", "2"]);

    let pdf = env.dir.path().join("packet.pdf");
    let o = env.run(&["export", "--db", &env.db, "--pdf", &pdf.display().to_string(), "--allow-empty"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = pages_of(&pdf);
    // Each text is on a page of ours that carries the 資料's label box and its page number (－ n －).
    let expect = [
        ("オンライン申請率", "資料３－４", 1),
        ("情報セキュリティ対策実施計画", "資料３－５", 1),
        ("電子申請推進事業", "資料３－６", 1),
        ("合計予算額", "資料３－６", 2),
        ("ＤＸ推進計画の概要", "資料３－７", 1),
        ("行政手続のオンライン化と人材育成", "資料３－７", 2),
    ];
    for (text, label, number) in expect {
        // Not the 次第, which lists the titles as 【資料３－７】ＤＸ推進計画の概要.
        let page = pages
            .iter()
            .find(|p| p.contains(text) && !p.contains("【資料３－"))
            .unwrap_or_else(|| panic!("{text} on no page"));
        assert!(page.contains(label), "{text}: no {label} on its page:\n{page}");
        let numbered = format!("－ {} －", char::from_u32(0xFF10 + number).unwrap());
        let plain = format!("- {number} -");
        assert!(page.contains(&numbered) || page.contains(&plain) || page.contains(&format!("{number}")), "{page}");
    }
    assert!(!pages.iter().any(|p| p.contains("印刷範囲外") || p.contains("非表示シート")));
    // The outline names the converted 資料 like any other.
    let info = Command::new("pdfinfo").arg("-outline").arg(&pdf).output();
    if let Ok(info) = info {
        if info.status.success() {
            let outline = String::from_utf8_lossy(&info.stdout);
            assert!(outline.contains("事業一覧"), "{outline}");
        }
    }
}

#[test]
fn replace_keeps_the_label_place_and_title_and_reconvert_converts_the_kept_original_again() {
    let env = Env::new();
    let o = env.material(&["add", "--item", "2 (3)", "--title", "方針案", &fixture("hoshin.docx")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let before = env.list();
    let o = env.material(&["replace", "--material", "3-4", &fixture("gaiyo.pptx")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = env.list();
    assert_eq!(before.len(), after.len());
    let row = after.iter().find(|r| r[0] == "資料３－４").unwrap();
    assert_eq!(row[1..], ["方針案", "Ｏｆｆｉｃｅ文書", "2"], "the slides' two pages under the old label and title");

    let o = env.material(&["reconvert", "--material", "資料３－４"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("資料３－４\t変換し直しました（2 ページ"), "{}", stdout(&o));
    // A 資料 not made from an Office file has nothing to convert again.
    let o = env.material(&["reconvert", "--material", "資料３－２"], &[]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("Office ファイルから作った資料ではない"), "{}", stderr(&o));
}

#[test]
fn a_hung_converter_is_stopped_at_the_timeout_and_the_workspace_is_unchanged() {
    let env = Env::new();
    let before = env.list();
    let fake = env.dir.path().join("soffice");
    std::fs::write(&fake, "#!/bin/sh\nsleep 60\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let fake = fake.display().to_string();
    let start = std::time::Instant::now();
    let o = env.material(
        &["add", "--item", "2 (3)", "--title", "方針案", &fixture("hoshin.docx")],
        &[("SHIRYO_SOFFICE", &fake), ("SHIRYO_CONVERT_TIMEOUT_S", "2")],
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(28), "{}", stderr(&o));
    assert!(stderr(&o).contains("2 秒たっても終わらないため中止しました"), "{}", stderr(&o));
    assert_eq!(env.list(), before);
}

#[test]
fn password_protected_and_corrupt_documents_are_refused_with_their_japanese_messages() {
    let env = Env::new();
    let before = env.list();
    let o = env.material(&["add", "--item", "2 (3)", "--title", "秘", &fixture("password.docx")], &[]);
    assert_eq!(o.status.code(), Some(28));
    assert!(stderr(&o).contains("パスワードで保護されているため変換できません"), "{}", stderr(&o));
    let o = env.material(&["add", "--item", "2 (3)", "--title", "壊", &fixture("corrupt.docx")], &[]);
    assert_eq!(o.status.code(), Some(28));
    assert!(stderr(&o).contains("壊れているか、拡張子と中身が合っていない"), "{}", stderr(&o));
    assert_eq!(env.list(), before);
}

#[test]
fn a_missing_converter_program_is_named_with_how_to_install_libreoffice() {
    let env = Env::new();
    let missing = env.dir.path().join("no-soffice").display().to_string();
    let o = env.material(
        &["add", "--item", "2 (3)", "--title", "方針案", &fixture("hoshin.docx")],
        &[("SHIRYO_SOFFICE", &missing)],
    );
    assert_eq!(o.status.code(), Some(27), "{}", stderr(&o));
    assert!(stderr(&o).contains("libreoffice-writer-nogui"), "{}", stderr(&o));
}

#[test]
fn text_pdf_and_docx_as_text_are_added_too_and_an_unknown_item_number_is_refused() {
    let env = Env::new();
    let txt = env.dir.path().join("aisatsu.txt");
    std::fs::write(&txt, "閉会のあいさつ\n").unwrap();
    let o = env.material(&["add", "--item", "2 (1)", "--title", "あいさつ", &txt.display().to_string()], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("資料１－３\tあいさつ"), "{}", stdout(&o));
    let o = env.material(&["add", "--item", "2 (1)", "--title", "本文", "--as-text", &fixture("hoshin.docx")], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = env.list();
    assert!(list.iter().any(|r| r[0] == "資料１－４" && r[2] == "文書"), "{list:?}");
    let o = env.material(&["add", "--item", "9 (9)", "--title", "x", &txt.display().to_string()], &[]);
    assert_eq!(o.status.code(), Some(13));
    assert!(stderr(&o).contains("「9 (9)」という番号"), "{}", stderr(&o));
}

/// The change report on Office 資料 as LibreOffice converts them: a word replaced in a .docx (same length, so the
/// PDF's content streams can stay byte for byte the same) and one cell of a .xlsx (whose second page, unchanged,
/// gets other glyph numbers in the new PDF's subset fonts) give exactly those two changes.
#[test]
fn a_word_of_a_docx_and_a_cell_of_a_xlsx_are_the_changes_reported_and_nothing_else() {
    let env = Env::new();
    for (title, file) in [("方針（案）", "hoshin.docx"), ("事業一覧", "jigyo.xlsx")] {
        let o = env.material(&["add", "--item", "2(3)", "--title", title, &fixture(file)], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let pdf = env.dir.path().join("p.pdf").display().to_string();
    let o = env.run(&["export", "--db", &env.db, "--pdf", &pdf, "--allow-empty", "--distributed", "事前送付"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = env.run(&["changes", "--db", &env.db, "--since", "事前送付"], &[]);
    assert!(stdout(&o).contains("変わった資料はありません"), "converted again, nothing changed: {}", stdout(&o));
    for (label, file) in [("資料３－４", "hoshin-dankai.docx"), ("資料３－５", "jigyo-99999.xlsx")] {
        let o = env.material(&["replace", "--material", label, &fixture(file)], &[]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = env.run(&["changes", "--db", &env.db, "--since", "事前送付", "--json", "-"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let changes = report["changes"].as_array().unwrap();
    let found: Vec<(&str, &str, usize)> = changes
        .iter()
        .map(|c| (c["label"].as_str().unwrap(), c["kind"].as_str().unwrap(), c["details"].as_array().unwrap().len()))
        .collect();
    assert_eq!(found, [("資料３－４", "changed", 1), ("資料３－５", "changed", 1)], "{report}");
    let marked = |d: &serde_json::Value, side: &str| -> String {
        let text: Vec<char> = d[side].as_str().unwrap().chars().collect();
        let m = &d[format!("{side}_marks")][0];
        text[m[0].as_u64().unwrap() as usize..m[1].as_u64().unwrap() as usize].iter().collect()
    };
    let word = &changes[0]["details"][0];
    assert_eq!(
        (word["kind"].as_str(), marked(word, "old"), marked(word, "new")),
        (Some("page_text"), "計画".into(), "段階".into())
    );
    let cell = &changes[1]["details"][0];
    assert_eq!(
        (cell["where"].as_str(), marked(cell, "old"), marked(cell, "new")),
        (Some("1 ページ"), "14442".into(), "99999".into())
    );
}
