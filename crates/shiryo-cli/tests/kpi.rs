//! `shiryo kpi check` and `shiryo kpi import` as a user runs them, on the seed's tables in assets/demo/kpi.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::PathBuf;
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn kpi(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/kpi").join(name).display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

#[test]
fn check_writes_rows_findings_and_rollups_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("r.json").display().to_string();
    let o =
        shiryo(&["kpi", "check", &kpi("kpi_r4_results_2-2.csv"), "--fields", &kpi("dx_summary.csv"), "--json", &json]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(
        out.contains(
            "[status_contradicts] 令和４年度の達成状況「達成」が数値と矛盾します（目標 165.6時間、実績 167.3時間"
        ),
        "{out}"
    );
    assert!(out.contains("73 行: 比較 66 行のうち一致 64 / 不一致 2"), "{out}");

    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 73);
    let row = rows.iter().find(|r| r["name"] == "建設業の総実労働時間／月").unwrap();
    assert_eq!(row["field"], "産業振興");
    assert_eq!(row["computed_status"], "一部達成");
    assert_eq!(row["printed_status"], "達成");
    assert_eq!(row["findings"][0]["code"], "status_contradicts");
    let total = doc["rollups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["basis"] == "printed" && r["part"] == "行政" && r["field_code"] == "")
        .unwrap();
    assert_eq!((total["kpi_projects"].as_u64(), total["achieved"].as_u64()), (Some(12), Some(7)));
    assert_eq!(total["achievement_rate"].as_u64(), Some(58));
}

#[test]
fn import_puts_every_row_in_the_workspace_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo").display().to_string();
    assert!(shiryo(&["demo", "--db", &db]).status.success());
    let o = shiryo(&["kpi", "import", &kpi("kpi_r5.csv"), "--db", &db, "--meeting", "1"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("82 行を取り込みました"), "{}", text(&o.stdout));
    // The demo's own KPI 資料 are tables already: the new one is the id the import names.
    let id = imported_table_id(&text(&o.stdout));

    let csv = dir.path().join("out.csv").display().to_string();
    let o = shiryo(&["kpi", "export", "--db", &db, "--table", &id, "--csv", &csv]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let exported = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(exported.lines().count(), 83);
    assert!(exported.contains("250万(変更前:121万)"), "values are kept as printed");
    let o = shiryo(&["kpi", "tables", "--db", &db]);
    let listed = text(&o.stdout);
    assert_eq!(listed.lines().count(), 5, "the demo's four KPI tables and the new one: {listed}");
    assert!(listed.lines().any(|l| l == format!("{id}\t1\t82\tkpi_r5.csv")), "{listed}");

    let o = shiryo(&["kpi", "import", &kpi("kpi_r5.csv"), "--db", &db, "--meeting", "42"]);
    assert_eq!(o.status.code(), Some(8), "meeting not found");
    assert!(text(&o.stderr).contains("指定された会議が見つかりません"), "{}", text(&o.stderr));
}

#[test]
fn a_table_without_known_columns_is_refused_with_a_japanese_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    std::fs::write(&path, "a,b\n1,2\n").unwrap();
    let o = shiryo(&["kpi", "check", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(12), "a table file it cannot read");
    assert!(text(&o.stderr).contains("列の見出しを認識できません"), "{}", text(&o.stderr));
}

#[test]
fn a_confirmed_column_mapping_is_remembered_for_the_same_headers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo").display().to_string();
    assert!(shiryo(&["demo", "--db", &db]).status.success());
    let table = dir.path().join("custom.csv");
    std::fs::write(
        &table,
        "KPI名称,今年度の目標,今年度の実績,評定,向き\n建設業の総実労働時間,165.6時間,167.3時間,達成,低いほど良い\n",
    )
    .unwrap();
    let table = table.display().to_string();
    let mapping = dir.path().join("m.json");
    std::fs::write(
        &mapping,
        r#"{"name": "KPI名称", "polarity": "向き", "targets": [{"year": 2022, "column": "今年度の目標"}],
            "actuals": [{"year": 2022, "column": "今年度の実績"}], "statuses": [{"year": 2022, "column": "評定"}]}"#,
    )
    .unwrap();

    let o = shiryo(&["kpi", "import", &table, "--db", &db]);
    assert_eq!(o.status.code(), Some(12), "unknown headers need a mapping");
    let o = shiryo(&["kpi", "import", &table, "--db", &db, "--mapping", &mapping.display().to_string()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("指定された列の対応"), "{}", text(&o.stdout));
    let o = shiryo(&["kpi", "import", &table, "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("確認済みの列の対応"), "{}", text(&o.stdout));

    let o = shiryo(&["kpi", "check", &table, "--mapping", &mapping.display().to_string()]);
    assert!(text(&o.stdout).contains("[status_contradicts]"), "{}", text(&o.stdout));
}

#[test]
fn a_preset_of_ones_own_labels_grades_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("p.json");
    std::fs::write(
        &preset,
        r#"{"code": "abc", "name_ja": "3区分", "achieved": "A", "progressed": "B", "no_progress": "C",
            "shortfall": "B", "not_measurable": "-"}"#,
    )
    .unwrap();
    let o = shiryo(&["kpi", "check", &kpi("kpi_r4_results_2-2.csv"), "--preset", &preset.display().to_string()]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("判定の方式: abc"), "{out}");
    assert!(out.contains("建設業の総実労働時間／月 | 目標 165.6時間 → 165.6時間 | 実績 167.3時間 → 167.3時間 | 方向 lower | 判定 B | 記載 達成"), "{out}");
    let o = shiryo(&["kpi", "check", &kpi("kpi_r4_results_2-2.csv"), "--preset", "no-such-preset.json"]);
    assert_eq!(o.status.code(), Some(9));
}

#[test]
fn a_polarity_set_in_the_workspace_changes_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.shiryo").display().to_string();
    assert!(shiryo(&["demo", "--db", &db]).status.success());
    let table = dir.path().join("paper.csv");
    std::fs::write(&table, "indicator,r4_target,r4_actual,status\nコピー用紙購入量,40百万枚,35百万枚,達成\n").unwrap();
    let o = shiryo(&["kpi", "import", &table.display().to_string(), "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let id = imported_table_id(&text(&o.stdout));

    // flat targets: higher-is-better is only assumed, so 35 < 40 reads as a shortfall
    let o = shiryo(&["kpi", "review", "--db", &db, "--table", &id]);
    assert!(text(&o.stdout).contains("[status_contradicts]"), "{}", text(&o.stdout));
    let o =
        shiryo(&["kpi", "set", "--db", &db, "--table", &id, "--row", "2", "--polarity", "lower", "--note", "削減目標"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = shiryo(&["kpi", "review", "--db", &db, "--table", &id]);
    let out = text(&o.stdout);
    assert!(out.contains("方向 lower | 判定 達成 | 記載 達成 ✓"), "{out}");
    assert!(!out.contains("[status_contradicts]"), "{out}");

    let o = shiryo(&["kpi", "set", "--db", &db, "--table", &id, "--row", "9", "--note", "x"]);
    assert_eq!(o.status.code(), Some(1), "no such row");
}

/// The id in 「82 行を取り込みました（KPI表ID 5、…）」.
fn imported_table_id(out: &str) -> String {
    let after = out.split("KPI表ID ").nth(1).unwrap_or_else(|| panic!("no table id in {out}"));
    after.chars().take_while(char::is_ascii_digit).collect()
}
