//! The one history across screens: an undo in one screen never rewinds what another screen did after it.
#![allow(clippy::unwrap_used)]

use chrono::{NaiveDate, NaiveDateTime};

use crate::editor::{OpenMeetingRequest, RenameItemRequest};
use crate::kpi_review::{KpiEditRowRequest, KpiReviewRequest};
use crate::materials::{MaterialRef, SetMaterialTextRequest};
use crate::shinkyu::{ShinkyuEditOp, ShinkyuEditRequest, ShinkyuRef, ShinkyuRowKind};
use crate::{App, EditOutcome, MaterialKind};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 5, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap()
}

fn demo() -> (tempfile::TempDir, App, i64) {
    let dir = tempfile::tempdir().unwrap();
    let (app, id) = App::create_demo(&dir.path().join("demo.shiryo"), now()).unwrap();
    (dir, app, id)
}

fn title_of(outcome: &EditOutcome, item: i64) -> String {
    let shidai = &outcome.meeting.as_ref().unwrap().shidai;
    shidai.agenda.iter().find(|a| a.id == item).map(|a| a.title.clone()).unwrap()
}

/// Renames the first agenda item (開会) in the 次第 editor; returns its id.
fn rename_first_item(app: &mut App, meeting_id: i64) -> i64 {
    let start = app.open_meeting(&OpenMeetingRequest { meeting_id }).unwrap();
    let item = start.meeting.as_ref().unwrap().shidai.agenda[0].id;
    assert_eq!(title_of(&start, item), "開会");
    let renamed = app
        .rename_item(&RenameItemRequest { meeting_id, item_id: item, title: "開会のあいさつ".into() }, now())
        .unwrap();
    assert_eq!(title_of(&renamed, item), "開会のあいさつ");
    item
}

#[test]
fn undoing_a_shidai_edit_keeps_a_later_shinkyu_edit() {
    let (_dir, mut app, meeting_id) = demo();
    let item = rename_first_item(&mut app, meeting_id);
    let r = ShinkyuRef { meeting_id, material_id: app.material_id_by_label(meeting_id, "資料3-2").unwrap() };
    let table = app.open_shinkyu(&r).unwrap();
    let key = table.rows.iter().find(|row| row.kind == ShinkyuRowKind::Changed).unwrap().key.clone();
    let edit =
        ShinkyuEditRequest { meeting_id, material_id: r.material_id, edit: ShinkyuEditOp::Omit { key: key.clone() } };
    assert_eq!(app.edit_shinkyu(&edit).unwrap().edit_count, 1);

    // Ctrl+Z in the 次第 editor: the rename is undone …
    let undone = app.undo(now()).unwrap();
    assert_eq!(title_of(&undone, item), "開会");
    // … and the 新旧 edit made after it is still there, with its own undo.
    let table = app.open_shinkyu(&r).unwrap();
    assert_eq!(table.edit_count, 1);
    assert_eq!(table.rows.iter().find(|row| row.key == key).unwrap().kind, ShinkyuRowKind::Omitted);
    assert!(table.can_undo);
    assert_eq!(app.undo_shinkyu(&r, now()).unwrap().edit_count, 0);
    // Redo in the 次第 editor renames again and leaves the table alone.
    assert_eq!(title_of(&app.redo(now()).unwrap(), item), "開会のあいさつ");
    assert_eq!(app.open_shinkyu(&r).unwrap().edit_count, 0);
}

#[test]
fn undoing_a_shidai_edit_keeps_a_later_text_edit() {
    let (_dir, mut app, meeting_id) = demo();
    let item = rename_first_item(&mut app, meeting_id);
    let shidai = app.shidai(&crate::ShidaiRequest { meeting_id }).unwrap();
    let text = shidai.materials.iter().find(|m| m.kind == MaterialKind::Text && !m.empty).unwrap();
    let material = MaterialRef { meeting_id, material_id: text.id };
    let body = format!("{}\n追記した段落。", app.material_text(&material).unwrap().text);
    app.set_material_text(&SetMaterialTextRequest { meeting_id, material_id: text.id, text: body.clone() }, now())
        .unwrap();

    let undone = app.undo(now()).unwrap();
    assert_eq!(title_of(&undone, item), "開会", "the 次第's Ctrl+Z undoes the 次第's last step");
    assert_eq!(app.material_text(&material).unwrap().text, body, "the later text edit is kept");
    assert!(!undone.can_undo, "nothing else of the 次第's is left to undo");
}

#[test]
fn undoing_a_shidai_edit_keeps_a_later_kpi_note() {
    let (_dir, mut app, meeting_id) = demo();
    let item = rename_first_item(&mut app, meeting_id);
    let material_id = app.material_id_by_label(meeting_id, "資料2-2").unwrap();
    let req = KpiReviewRequest { meeting_id, material_id };
    let review = app.kpi_review(&req, now()).unwrap();
    let row = &review.rows[0];
    let edit = KpiEditRowRequest {
        meeting_id,
        material_id,
        table_id: row.table_id,
        row: row.row,
        polarity: None,
        note: Some("部局に確認済み".into()),
        status: None,
    };
    app.kpi_edit_row(&edit, now()).unwrap();

    let undone = app.undo(now()).unwrap();
    assert_eq!(title_of(&undone, item), "開会");
    let review = app.kpi_review(&req, now()).unwrap();
    assert_eq!(review.rows.iter().find(|r| r.key == row.key).unwrap().note, "部局に確認済み");
    assert_eq!(review.rows.len(), 73, "the 資料's imported table is still there, every row");
}
