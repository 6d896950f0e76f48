//! The 差し替え round as a secretariat runs it from the command line: the demo packet exported as 事前送付, three
//! changes (a word of 資料３－１, one 実績値 of 資料２－２, 資料２－５ moved before ２－４), the change report and
//! the set of replacement pages, read back with poppler.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn ok(args: &[&str]) -> String {
    let o = shiryo(args);
    assert!(o.status.success(), "shiryo {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo is needed (poppler-utils)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    text.lines().find(|l| l.starts_with("Pages:")).unwrap().split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn page_text(pdf: &Path, page: u32) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).to_string()
}

struct Round {
    _dir: tempfile::TempDir,
    db: String,
    dir: PathBuf,
}

/// The demo, exported and recorded as 事前送付 (dated 2023-05-30).
fn distributed() -> Round {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.shiryo").to_str().unwrap().to_string();
    ok(&["demo", "--db", &db]);
    let pdf = dir.path().join("jizen.pdf");
    let out = ok(&[
        "export",
        "--db",
        &db,
        "--pdf",
        pdf.to_str().unwrap(),
        "--allow-empty",
        "--distributed",
        "事前送付",
        "--date",
        "2023-05-30",
    ]);
    assert!(out.contains("配付版「事前送付」として記録しました"), "{out}");
    let path = dir.path().to_path_buf();
    Round { _dir: dir, db, dir: path }
}

#[test]
fn the_three_changes_are_reported_and_only_their_pages_replaced() {
    let r = distributed();
    let db = r.db.as_str();
    let listed = ok(&["distributions", "--db", db]);
    assert!(listed.starts_with("事前送付\t資料一式\t令和５年５月３０日\t148 ページ"), "{listed}");

    // An unchanged workspace: an empty report, and no 差し替え set (exit 30, nothing written).
    let json = r.dir.join("none.json");
    let out = ok(&["changes", "--db", db, "--since", "事前送付", "--json", json.to_str().unwrap()]);
    assert!(out.contains("変わった資料はありません"), "{out}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["changes"].as_array().unwrap().len(), 0);
    assert!(report["shidai"].is_null());
    let none = r.dir.join("none.pdf");
    let o = shiryo(&["export", "--db", db, "--replacements", "--since", "事前送付", "--pdf", none.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(30), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stderr).contains("差し替えは作成していません"));
    assert!(!none.exists());

    // One word of 資料３－１.
    let text = ok(&["material", "text", "--db", db, "--material", "資料３－１"]);
    assert!(text.contains("情報セキュリティ対策を強化するため"), "{text}");
    let edited = r.dir.join("3-1.txt");
    std::fs::write(&edited, text.replace("対策を強化するため", "対策を一層強化するため")).unwrap();
    ok(&["material", "replace", "--db", db, "--material", "資料３－１", edited.to_str().unwrap()]);
    // One 実績値 of 資料２－２: the department sends its sheet again with ７６０名 corrected to ７５８名.
    let sheet = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/table/projects_r4_results.csv");
    let sheet = std::fs::read_to_string(sheet).unwrap();
    assert_eq!(sheet.matches("７６０名の職員を派遣し").count(), 1);
    let corrected = r.dir.join("projects_r4_results.csv");
    std::fs::write(&corrected, sheet.replace("７６０名の職員を派遣し", "７５８名の職員を派遣し")).unwrap();
    ok(&["material", "replace", "--db", db, "--material", "資料２－２", corrected.to_str().unwrap()]);
    // 資料２－５ before ２－４.
    let moved = ok(&["material", "move", "--db", db, "--material", "資料２－５", "--before", "資料２－４"]);
    assert!(moved.contains("新しい番号: 資料２－４"), "{moved}");

    let json = r.dir.join("report.json");
    let out = ok(&["changes", "--db", db, "--since", "事前送付", "--json", json.to_str().unwrap()]);
    assert!(out.contains("対策を［一層］強化するため"), "the changed 字句 marked: {out}");
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let changes = report["changes"].as_array().unwrap();
    let entry =
        |label: &str| changes.iter().find(|c| c["label"] == label).unwrap_or_else(|| panic!("{label}: {report}"));
    let kinds: Vec<(&str, &str)> =
        changes.iter().map(|c| (c["label"].as_str().unwrap(), c["kind"].as_str().unwrap())).collect();
    assert_eq!(
        kinds,
        [
            ("資料２－２", "changed"),
            ("資料２－４", "renumbered"),
            ("資料２－５", "renumbered"),
            ("資料３－１", "changed")
        ],
        "exactly the three changes, the move as the renumbering of ２－４ and ２－５"
    );
    let text_change = entry("資料３－１");
    let detail = &text_change["details"][0];
    let new = detail["new"].as_str().unwrap();
    let [a, b] = [detail["new_marks"][0][0].as_u64().unwrap(), detail["new_marks"][0][1].as_u64().unwrap()];
    let marked: String = new.chars().skip(a as usize).take((b - a) as usize).collect();
    assert_eq!(marked, "一層", "the word underlined: {detail}");
    assert_eq!(text_change["old_pages"], serde_json::json!([86, 87]));
    assert_eq!(text_change["new_pages"], serde_json::json!([86, 87]));
    let value = &entry("資料２－２")["details"][0];
    assert_eq!(
        (value["old"].as_str().unwrap().contains("７６０名"), value["new"].as_str().unwrap().contains("７５８名")),
        (true, true)
    );
    assert!(value["where"].as_str().unwrap().contains("ふくしま自治研修センター"), "{value}");
    let now_24 = entry("資料２－４");
    assert_eq!((now_24["old_label"].as_str(), now_24["new_label"].as_str()), (Some("資料２－５"), Some("資料２－４")));
    assert_eq!(now_24["old_pages"], serde_json::json!([78, 85]));
    assert_eq!(now_24["new_pages"], serde_json::json!([72, 79]));
    assert_eq!(entry("資料２－５")["new_pages"], serde_json::json!([80, 85]));
    assert!(!report["shidai"].is_null(), "the 次第's list of 配付資料 changed with the move");

    // The 差し替え set: the list page, then only those 資料, every page stamped.
    let set = r.dir.join("sashikae.pdf");
    let out = ok(&[
        "export",
        "--db",
        db,
        "--replacements",
        "--since",
        "事前送付",
        "--date",
        "2023-06-02",
        "--pdf",
        set.to_str().unwrap(),
    ]);
    assert!(out.contains("資料２－２、資料２－４、資料２－５、資料３－１"), "{out}");
    let n = pages(&set);
    assert_eq!(n, 1 + 42 + 8 + 6 + 2, "list page + 資料２－２ (42) + ２－４ (8) + ２－５ (6) + ３－１ (2)");
    for page in 1..=n {
        let text = page_text(&set, page);
        assert!(text.contains("差替え") && text.contains("令和５年６月２日"), "page {page}: {text}");
    }
    let list = page_text(&set, 1);
    assert!(list.contains("差し替え資料一覧") && list.contains("事前送付（令和５年５月３０日）"), "{list}");
    assert!(list.contains("番号が資料２－５から"), "the renumbering called out: {list}");
    assert!(page_text(&set, 2).contains("資料２－２"));
    let last = page_text(&set, n);
    assert!(last.contains("資料３－１") && !last.contains("資料３－２"), "{last}");
    let fonts = Command::new("pdffonts").arg(&set).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).to_string();
    assert!(fonts.lines().skip(2).all(|l| l.contains(" yes yes ")), "fonts embedded and subset: {fonts}");

    // The set is a 配付版 itself; the full packet again marks the changed 資料 on their first page.
    let listed = ok(&["distributions", "--db", db]);
    assert!(listed.contains("差し替え（令和５年６月２日）\t差し替え\t令和５年６月２日\t59 ページ"), "{listed}");
    let again = r.dir.join("again.pdf");
    ok(&[
        "export",
        "--db",
        db,
        "--allow-empty",
        "--revised-since",
        "事前送付",
        "--date",
        "2023-06-02",
        "--pdf",
        again.to_str().unwrap(),
    ]);
    assert!(page_text(&again, 86).contains("（令和５年６月２日差替え）"), "資料３－１'s first page");
    assert!(!page_text(&again, 87).contains("差替え"), "only the first page");
    assert!(!page_text(&again, 2).contains("差替え"), "資料１－１ did not change");
}

#[test]
fn a_version_name_is_used_once_and_an_unknown_one_is_named() {
    let r = distributed();
    let db = r.db.as_str();
    let pdf = r.dir.join("again.pdf");
    let o =
        shiryo(&["export", "--db", db, "--pdf", pdf.to_str().unwrap(), "--allow-empty", "--distributed", "事前送付"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("「事前送付」という配付版がすでにあります"));
    assert!(!pdf.exists(), "refused before anything was printed");
    let o = shiryo(&["changes", "--db", db, "--since", "当日配付"]);
    assert_eq!(o.status.code(), Some(29));
    let err = String::from_utf8_lossy(&o.stderr).to_string();
    assert!(err.contains("「当日配付」という配付版は記録されていません") && err.contains("事前送付"), "{err}");
}
