//! Workspace tests on real files in a temporary folder.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use shiryo_core::{MaterialKind, MeetingHeader};

use crate::{Error, MaterialFile, NewAgendaItem, NewMaterial, NewMeeting, Workspace, SCHEMA_VERSION};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 5, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
}

pub(crate) fn sample() -> NewMeeting {
    let material = |title: &str, text: Option<&str>, files: Vec<MaterialFile>| NewMaterial {
        title: title.into(),
        kind: if files.is_empty() { MaterialKind::Text } else { MaterialKind::KpiTable },
        text: text.map(String::from),
        files,
    };
    NewMeeting {
        header: MeetingHeader {
            title_lines: vec!["第一本部・".into(), "第二本部合同会議".into()],
            date: NaiveDate::from_ymd_opt(2023, 6, 5),
            time_note: "※午前９時から".into(),
            place_lines: vec!["本庁舎".into(), "第一会議室".into()],
        },
        agenda: vec![
            NewAgendaItem { title: "開会".into(), materials: vec![], children: vec![] },
            NewAgendaItem {
                title: "議題".into(),
                materials: vec![],
                children: vec![
                    NewAgendaItem {
                        title: "予算".into(),
                        materials: vec![
                            material("予算案", Some("本文"), vec![]),
                            material(
                                "指標",
                                None,
                                vec![MaterialFile {
                                    role: "source".into(),
                                    file_name: "kpi.csv".into(),
                                    media_type: "text/csv".into(),
                                    content: b"a,b\n1,2\n".to_vec(),
                                }],
                            ),
                        ],
                        children: vec![],
                    },
                    NewAgendaItem {
                        title: "報告".into(),
                        materials: vec![material("未着", None, vec![])],
                        children: vec![],
                    },
                ],
            },
            NewAgendaItem { title: "閉会".into(), materials: vec![], children: vec![] },
        ],
    }
}

fn workspace_with_sample(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join("w.shiryo");
    let mut ws = Workspace::create(&path).unwrap();
    let id = ws.insert_meeting(&sample(), now()).unwrap();
    (path, id)
}

fn assert_refused_untouched(path: &Path, check: impl Fn(&Error) -> bool) {
    let before = std::fs::read(path).unwrap();
    let err = Workspace::open(path).unwrap_err();
    assert!(check(&err), "unexpected error: {err:?}");
    assert_eq!(std::fs::read(path).unwrap(), before, "the refused file was modified");
    for suffix in ["-wal", "-shm"] {
        let mut companion = path.as_os_str().to_owned();
        companion.push(suffix);
        assert!(!Path::new(&companion).exists(), "{suffix} file left next to a refused file");
    }
}

#[test]
fn a_meeting_round_trips_with_its_tree_and_content() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = workspace_with_sample(dir.path());
    let ws = Workspace::open(&path).unwrap();
    let m = ws.load_meeting(id).unwrap();
    assert_eq!(m.header, sample().header);
    let titles: Vec<String> = m.numbered_agenda().iter().map(|n| format!("{} {}", n.label, n.item.title)).collect();
    assert_eq!(titles, ["１ 開会", "２ 議題", "(1) 予算", "(2) 報告", "３ 閉会"]);
    let materials = m.numbered_materials();
    let labels: Vec<(&str, bool)> = materials.iter().map(|n| (n.label.as_str(), n.material.empty)).collect();
    assert_eq!(labels, [("資料１－１", false), ("資料１－２", false), ("資料２－１", true)]);
    assert_eq!(ws.material_text(materials[0].material.id).unwrap().as_deref(), Some("本文"));
    assert_eq!(ws.material_files(materials[1].material.id).unwrap()[0].content, b"a,b\n1,2\n");
}

#[test]
fn connections_use_wal_and_enforce_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    let ws = Workspace::open(&path).unwrap();
    let mode: String = ws.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let err = ws.conn.execute("INSERT INTO agenda_item (meeting_id, position, title) VALUES (999, 1, 'x')", []);
    let code = err.map_err(|e| e.sqlite_error_code());
    assert_eq!(code, Err(Some(rusqlite::ErrorCode::ConstraintViolation)), "a dangling meeting_id is rejected");
    assert_eq!(ws.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn duplicating_keeps_agenda_and_materials_but_not_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = workspace_with_sample(dir.path());
    let mut ws = Workspace::open(&path).unwrap();
    let copy = ws.duplicate_meeting(id, now()).unwrap();
    assert_ne!(copy, id);
    let (a, b) = (ws.load_meeting(id).unwrap(), ws.load_meeting(copy).unwrap());
    assert_eq!(b.header.date, None);
    assert_eq!(b.header.title_lines, a.header.title_lines);
    assert_eq!(b.header.place_lines, a.header.place_lines);
    let shape = |m: &shiryo_core::Meeting| -> Vec<String> {
        m.numbered_materials()
            .iter()
            .map(|n| format!("{} {} {}", n.label, n.material.title, n.material.empty))
            .collect()
    };
    assert_eq!(shape(&b), shape(&a));
    let copied = b.numbered_materials();
    assert_eq!(ws.material_text(copied[0].material.id).unwrap().as_deref(), Some("本文"));
    assert_eq!(ws.material_files(copied[1].material.id).unwrap().len(), 1);
    // The list shows the meeting in preparation (no date) first.
    assert_eq!(ws.list_meetings().unwrap()[0].id, copy);
    assert!(matches!(ws.duplicate_meeting(424242, now()), Err(Error::MeetingNotFound { id: 424242 })));
}

#[test]
fn create_never_overwrites_and_open_needs_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    assert!(matches!(Workspace::create(&path), Err(Error::AlreadyExists { .. })));
    assert!(matches!(Workspace::open(&dir.path().join("none.shiryo")), Err(Error::NotFound { .. })));
    assert!(!dir.path().join("none.shiryo").exists());
}

#[test]
fn a_text_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.shiryo");
    std::fs::write(&path, "会議メモ\n").unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::NotAWorkspace { .. }));
    let empty = dir.path().join("empty.shiryo");
    std::fs::write(&empty, "").unwrap();
    assert_refused_untouched(&empty, |e| matches!(e, Error::NotAWorkspace { .. }));
}

#[test]
fn a_truncated_workspace_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    for cut in [50, 100, 4096, bytes.len() / 2, bytes.len() - 1] {
        let t = dir.path().join(format!("cut{cut}.shiryo"));
        std::fs::write(&t, &bytes[..cut]).unwrap();
        assert_refused_untouched(&t, |e| matches!(e, Error::Damaged { .. }));
    }
}

#[test]
fn a_corrupted_page_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    let mut bytes = std::fs::read(&path).unwrap();
    // Overwrite the second page (the first table's b-tree) with garbage, keeping the length.
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::Damaged { .. }));
}

#[test]
fn a_workspace_from_a_newer_shiryo_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "delete").unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, Error::TooNew { found, .. } if *found == SCHEMA_VERSION + 1));
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x');").unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, Error::NotAWorkspace { .. }));
}

#[test]
fn a_workspace_on_a_network_share_is_journalled_and_locked_for_one_program_without_a_shm_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id) = workspace_with_sample(dir.path());
    assert_eq!(crate::open::Journal::for_path(&path), crate::open::Journal::Wal, "a temporary folder is local");
    // As `open` does when `statfs` says cifs: the detection is tested in network.rs, the mode it leads to here.
    let journal = crate::open::Journal::ExclusiveRollback { file_system: "cifs" };
    let ws = crate::open::open(&path, &crate::OpenOptions::default(), journal).unwrap();
    assert_eq!(ws.network_file_system(), Some("cifs"));
    let pragma = |name: &str| -> String { ws.conn.pragma_query_value(None, name, |r| r.get(0)).unwrap() };
    assert_eq!(pragma("journal_mode"), "delete");
    assert_eq!(pragma("locking_mode"), "exclusive");
    assert_eq!(ws.load_meeting(id).unwrap().header.title_lines[1], "第二本部合同会議", "the WAL was folded in");
    let [wal, _] = crate::companions(&path);
    assert!(!wal.exists(), "no -wal beside it");
    // Another program (another user on the share) cannot open it meanwhile.
    let err = Workspace::open(&path).unwrap_err();
    assert!(matches!(err, Error::InUse { .. }), "{err:?}");
    drop(ws);
    assert!(Workspace::open(&path).is_ok(), "free again once closed");
}

#[test]
fn a_migration_backup_is_named_in_the_time_zone_passed_in() {
    use chrono::{TimeZone, Timelike};
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = workspace_with_sample(dir.path());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    // The file was last written "now"; named in UTC+9 its hour is the UTC hour + 9.
    let written = std::fs::metadata(&path).unwrap().modified().unwrap();
    let utc = chrono::DateTime::<chrono::Utc>::from(written);
    let jst = chrono::FixedOffset::east_opt(9 * 3600).unwrap();
    let opts = crate::OpenOptions { utc_offset: jst };
    let ws = Workspace::open_with(&path, &opts);
    // Version 1 with a schema of the newest version fails to migrate again; the backup is taken before.
    drop(ws);
    let backups = crate::list_backups(&path).unwrap();
    let taken = backups.iter().find(|b| b.reason.starts_with("before-migration")).expect("a migration backup");
    // Opening may write the file again (a second later, on a slow machine) before the backup names it: its name
    // lies between the file's times before and after the open, read in UTC+9; 9 hours off either way would be UTC.
    let earliest = jst.from_utc_datetime(&utc.naive_utc()).naive_local().with_nanosecond(0).unwrap();
    let after = chrono::DateTime::<chrono::Utc>::from(std::fs::metadata(&path).unwrap().modified().unwrap());
    let latest = jst.from_utc_datetime(&after.naive_utc()).naive_local();
    assert!(
        (earliest..=latest).contains(&taken.taken_at),
        "backup named {} outside {earliest}..={latest} (UTC+9)",
        taken.taken_at
    );
}
