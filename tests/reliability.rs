//! Backups before destructive operations: deleting a meeting, deleting an agenda item that has 資料 and
//! restoring each leave a backup in `<workspace>.backups/` first, and that backup brings the deleted rows back
//! (checked in the restored SQLite file, not in the app's memory).

use shiryo_app::editor::{DeleteItemRequest, DeleteMeetingRequest};
use shiryo_app::AppError;
use shiryo_store::BackupInfo;

use super::*;

fn demo_app() -> (tempfile::TempDir, PathBuf, App, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.shiryo");
    let (app, id) = App::create_demo(&path, now()).unwrap();
    (dir, path, app, id)
}

fn count(path: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn backups_for(app: &App, reason: &str) -> Vec<BackupInfo> {
    app.list_backups().unwrap().into_iter().filter(|b| b.reason == reason).collect()
}

#[test]
fn deleting_a_meeting_backs_up_first_and_the_backup_restores_it() {
    let (_dir, path, mut app, id) = demo_app();
    let materials = count(&path, "SELECT count(*) FROM material");
    assert!(materials > 0);
    assert!(backups_for(&app, "before-delete-meeting").is_empty());
    let out = app.delete_meeting(&DeleteMeetingRequest { meeting_id: id }, now()).unwrap();
    assert!(out.meetings.is_empty());
    assert_eq!(count(&path, "SELECT count(*) FROM meeting"), 0);
    assert_eq!(count(&path, "SELECT count(*) FROM material"), 0);

    let backups = backups_for(&app, "before-delete-meeting");
    assert_eq!(backups.len(), 1, "{:?}", app.list_backups().unwrap());
    let backup = &backups[0].path;
    assert!(backup.is_file());
    assert_eq!(count(backup, &format!("SELECT count(*) FROM meeting WHERE id = {id}")), 1);
    let report = app.restore(backup, now()).unwrap();
    assert!(report.previous.path.is_file(), "the state before the restore is kept too");
    assert_eq!(report.previous.reason, "before-restore");
    assert_eq!(count(&path, "SELECT count(*) FROM material"), materials);
    assert_eq!(app.list_meetings().unwrap().iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
}

#[test]
fn deleting_an_item_with_materials_backs_up_first_and_the_backup_restores_them() {
    let (_dir, path, mut app, id) = demo_app();
    let view = app.shidai(&ShidaiRequest { meeting_id: id }).unwrap();
    // An item without 資料 of its own or below it: deleting it makes no backup.
    let with: Vec<i64> = view.materials.iter().map(|m| m.agenda_item_id).collect();
    let bare = view.agenda.iter().find(|a| a.title == "閉会").expect("the demo closes with 閉会");
    assert!(!with.contains(&bare.id));
    app.delete_item(&DeleteItemRequest { meeting_id: id, item_id: bare.id }, now()).unwrap();
    assert!(backups_for(&app, "before-delete-item").is_empty(), "no 資料, no backup");

    let item = with[0];
    let lost = view.materials.iter().filter(|m| m.agenda_item_id == item).count() as i64;
    let before = count(&path, "SELECT count(*) FROM material");
    app.delete_item(&DeleteItemRequest { meeting_id: id, item_id: item }, now()).unwrap();
    assert_eq!(count(&path, "SELECT count(*) FROM material"), before - lost);

    let backups = backups_for(&app, "before-delete-item");
    assert_eq!(backups.len(), 1);
    app.restore(&backups[0].path, now()).unwrap();
    assert_eq!(count(&path, "SELECT count(*) FROM material"), before);
    let restored = app.shidai(&ShidaiRequest { meeting_id: id }).unwrap();
    assert_eq!(restored.materials.iter().filter(|m| m.agenda_item_id == item).count() as i64, lost);
    assert!(!restored.agenda.iter().any(|a| a.id == bare.id), "the backup is of the state just before");
}

#[test]
fn a_missing_meeting_or_item_is_refused_without_a_backup() {
    let (_dir, _path, mut app, id) = demo_app();
    let err = app.delete_meeting(&DeleteMeetingRequest { meeting_id: id + 999 }, now()).unwrap_err();
    assert!(matches!(err, AppError::Store(shiryo_store::Error::MeetingNotFound { .. })), "{err}");
    let err = app.delete_item(&DeleteItemRequest { meeting_id: id, item_id: -1 }, now()).unwrap_err();
    assert!(matches!(err, AppError::Store(shiryo_store::Error::ItemNotFound { item_id: -1, .. })), "{err}");
    assert!(app.list_backups().unwrap().is_empty(), "{:?}", app.list_backups().unwrap());
}
