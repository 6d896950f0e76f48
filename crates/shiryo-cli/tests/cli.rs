//! The `shiryo` binary as a user runs it: real processes, real workspace files.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::Path;
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

fn demo(dir: &Path) -> String {
    let db = dir.join("d.shiryo").display().to_string();
    let o = shiryo(&["demo", "--db", &db]);
    assert!(o.status.success(), "demo failed: {}", stderr(&o));
    db
}

#[test]
fn demo_then_show_prints_the_real_shidai() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = shiryo(&["show", "--db", &db]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_start_matches('\u{3000}')).collect();
    assert_eq!(lines[0], "福島県行財政改革推進本部・");
    assert_eq!(lines[1], "福島県デジタル社会形成推進本部合同会議");
    assert_eq!(lines[2], "次第");
    assert!(lines.contains(&"○日時\u{3000}令和５年６月５日（月）"), "{text}");
    assert!(lines.contains(&"※午前９時からの部長会議終了後"), "{text}");
    assert!(lines.contains(&"○場所\u{3000}危機管理センター"), "{text}");
    assert!(lines.contains(&"災害対策本部会議室（北庁舎２階）"), "{text}");
    for item in ["１\u{3000}開会", "２\u{3000}議題", "３\u{3000}閉会"] {
        assert!(lines.contains(&item), "missing {item}: {text}");
    }
    assert!(lines.contains(&"(3)\u{3000}福島県情報セキュリティポリシーの一部改正について"), "{text}");
    let labels: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix('【')?.split('】').next()).collect();
    assert_eq!(
        labels,
        [
            "資料１－１",
            "資料１－２",
            "資料２－１",
            "資料２－２",
            "資料２－３",
            "資料２－４",
            "資料２－５",
            "資料３－１",
            "資料３－２",
            "資料３－３"
        ]
    );
    assert!(
        text.contains("【資料３－２】福島県情報セキュリティポリシー改正  新旧対照表"),
        "exact title with its two spaces"
    );
}

#[test]
fn meetings_lists_the_demo_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = shiryo(&["meetings", "--db", &db]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o).trim_end(),
        "1\t令和５年６月５日（月）\t福島県行財政改革推進本部・福島県デジタル社会形成推進本部合同会議"
    );
}

#[test]
fn help_lists_every_subcommand() {
    let o = shiryo(&["--help"]);
    assert!(o.status.success());
    let text = stdout(&o);
    for sub in ["demo", "show", "meetings"] {
        assert!(text.lines().any(|l| l.trim_start().starts_with(sub)), "--help lacks {sub}: {text}");
    }
}

/// Runs `show` on a bad file: non-zero exit with the given code, one line on stderr, file bytes unchanged.
fn assert_refused(path: &Path, code: i32, reason: &str) {
    let before = std::fs::read(path).unwrap();
    let o = shiryo(&["show", "--db", &path.display().to_string()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(reason), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).is_empty());
    assert_eq!(std::fs::read(path).unwrap(), before, "{} was modified", path.display());
}

#[test]
fn a_renamed_text_file_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("memo.shiryo");
    std::fs::write(&path, "これはテキストファイルです。\n").unwrap();
    assert_refused(&path, 4, "ワークスペースではありません");
}

#[test]
fn a_truncated_copy_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let bytes = std::fs::read(&db).unwrap();
    let cut = dir.path().join("cut.shiryo");
    std::fs::write(&cut, &bytes[..bytes.len() / 3]).unwrap();
    assert_refused(&cut, 5, "破損");
}

#[test]
fn a_newer_workspace_is_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    // Raise user_version the way a future Shiryo would, by editing the header field (offset 60) directly.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&db, &bytes).unwrap();
    assert_refused(Path::new(&db), 6, "新しいバージョン");
}

#[test]
fn demo_never_overwrites_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keep.shiryo");
    std::fs::write(&path, "大事なファイル").unwrap();
    let o = shiryo(&["demo", "--db", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(10), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "大事なファイル");
}

#[test]
fn a_missing_workspace_and_a_missing_meeting_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let o = shiryo(&["show", "--db", &dir.path().join("none.shiryo").display().to_string()]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("見つかりません"));
    let db = demo(dir.path());
    let o = shiryo(&["show", "--db", &db, "--meeting", "999"]);
    assert_eq!(o.status.code(), Some(8));
}
