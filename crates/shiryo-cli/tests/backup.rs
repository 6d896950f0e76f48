//! `shiryo backup` / `shiryo restore` as a user runs them, and the CLI next to an open workspace or on a
//! read-only one.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::path::Path;
use std::process::{Command, Output};

fn shiryo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shiryo")).args(args).output().expect("run shiryo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn demo(dir: &Path) -> String {
    let db = dir.join("d.shiryo").display().to_string();
    let o = shiryo(&["demo", "--db", &db]);
    assert!(o.status.success(), "demo failed: {}", text(&o.stderr));
    db
}

fn kpi_tables(db: &str) -> usize {
    let o = shiryo(&["kpi", "tables", "--db", db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout).lines().filter(|l| !l.trim().is_empty()).count()
}

#[test]
fn backup_list_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = shiryo(&["backup", "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let made = text(&o.stdout);
    assert!(made.starts_with("バックアップを作成しました: "), "{made}");
    let backup = made.trim_end().rsplit(": ").next().unwrap().to_string();
    assert!(backup.contains("d.shiryo.backups/d-") && backup.ends_with("-manual.shiryo"), "{backup}");

    let before = kpi_tables(&db);
    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/kpi/kpi_r5.csv");
    let o = shiryo(&["kpi", "import", csv.to_str().unwrap(), "--db", &db]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(kpi_tables(&db), before + 1);

    let o = shiryo(&["restore", "--db", &db, "--from", &backup]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).starts_with("復元しました: "), "{}", text(&o.stdout));
    assert_eq!(kpi_tables(&db), before, "the import after the backup is gone");

    let o = shiryo(&["backup", "--db", &db, "--list"]);
    assert!(o.status.success());
    let list = text(&o.stdout);
    let reasons: Vec<&str> = list.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(reasons.len(), 2, "{list}");
    assert!(reasons.contains(&"manual") && reasons.contains(&"before-restore"), "{list}");
}

#[test]
fn restore_from_a_file_that_is_not_a_workspace_exits_4_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read(&db).unwrap();
    let notes = dir.path().join("notes.shiryo");
    std::fs::write(&notes, "議事メモ").unwrap();
    let o = shiryo(&["restore", "--db", &db, "--from", notes.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("Shiryo のワークスペースではありません"), "{}", text(&o.stderr));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn restore_while_the_app_has_the_workspace_open_exits_7() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let o = shiryo(&["backup", "--db", &db]);
    let backup = text(&o.stdout).trim_end().rsplit(": ").next().unwrap().to_string();
    let app = shiryo_app::App::open(Path::new(&db)).unwrap();
    let o = shiryo(&["restore", "--db", &db, "--from", &backup]);
    assert_eq!(o.status.code(), Some(7), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("他のプログラムが使用中"), "{}", text(&o.stderr));
    assert_eq!(app.list_meetings().unwrap().len(), 1, "the open workspace still works");
}

#[test]
fn a_read_only_workspace_is_refused_with_exit_9_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let mut perms = std::fs::metadata(&db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).unwrap();
    let before = std::fs::read(&db).unwrap();
    let root = std::fs::OpenOptions::new().write(true).open(&db).is_ok();
    let o = if root {
        // Root writes through permissions: run the CLI as `nobody` (setpriv, util-linux) instead. The folder
        // must let that user in.
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let o = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_shiryo"),
                "show",
                "--db",
                &db,
            ])
            .output();
        match o {
            Ok(o) if o.status.code() != Some(127) && !text(&o.stderr).contains("setpriv:") => o,
            other => {
                eprintln!("skipped: running as root and cannot run the CLI as nobody ({other:?})");
                return;
            }
        }
    } else {
        shiryo(&["show", "--db", &db])
    };
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(9), "{err}");
    assert!(err.contains("読み取り専用"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    for suffix in ["-wal", "-shm"] {
        assert!(!Path::new(&format!("{db}{suffix}")).exists(), "{suffix} left beside a refused file");
    }
}

#[test]
fn a_workspace_in_a_read_only_folder_is_refused_with_exit_9() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let db = demo(&folder);
    let before = std::fs::read(&db).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let root = std::fs::File::create(folder.join("probe")).is_ok();
    let o = if root {
        // As root: the file belongs to `nobody`, the folder does not; the CLI runs as `nobody` (setpriv).
        let _ = std::fs::remove_file(folder.join("probe"));
        let chown = Command::new("chown").args(["65534", &db]).status();
        let o = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_shiryo"),
                "show",
                "--db",
                &db,
            ])
            .output();
        match (chown, o) {
            (Ok(s), Ok(o)) if s.success() && !text(&o.stderr).contains("setpriv:") => o,
            other => {
                eprintln!("skipped: running as root and cannot run the CLI as nobody ({other:?})");
                return;
            }
        }
    } else {
        shiryo(&["show", "--db", &db])
    };
    let err = text(&o.stderr);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(o.status.code(), Some(9), "{err}");
    assert!(err.contains("読み取り専用"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
