//! Agenda edits on a real workspace file.

use chrono::{NaiveDate, NaiveDateTime};
use shiryo_core::{MaterialKind, MeetingHeader};

use super::{Direction, ItemPlace};
use crate::{Error, NewAgendaItem, NewMaterial, NewMeeting, Refusal, Rows, Workspace};

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 5, 1).unwrap().and_hms_opt(9, minute, 0).unwrap()
}

fn material(title: &str) -> NewMaterial {
    NewMaterial { title: title.into(), kind: MaterialKind::Text, text: Some("本文".into()), files: vec![] }
}

fn leaf(title: &str, materials: &[&str]) -> NewAgendaItem {
    NewAgendaItem { title: title.into(), materials: materials.iter().map(|t| material(t)).collect(), children: vec![] }
}

/// 開会 / 議題 (1)予算[a,b] (2)報告[c] (3)その他[d] / 閉会
fn demo(ws: &mut Workspace) -> i64 {
    let meeting = NewMeeting {
        header: MeetingHeader { title_lines: vec!["会議".into()], ..MeetingHeader::default() },
        agenda: vec![
            leaf("開会", &[]),
            NewAgendaItem {
                title: "議題".into(),
                materials: vec![],
                children: vec![leaf("予算", &["a", "b"]), leaf("報告", &["c"]), leaf("その他", &["d"])],
            },
            leaf("閉会", &[]),
        ],
    };
    ws.insert_meeting(&meeting, at(0)).unwrap()
}

fn open() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
    (dir, ws)
}

/// The agenda as "label title" lines and the 資料 as "label title".
fn outline(ws: &Workspace, id: i64) -> (Vec<String>, Vec<String>) {
    let m = ws.load_meeting(id).unwrap();
    let agenda =
        m.numbered_agenda().iter().map(|n| format!("{}{}{}", "_".repeat(n.depth), n.label, n.item.title)).collect();
    let materials = m.numbered_materials().iter().map(|n| format!("{}{}", n.label, n.material.title)).collect();
    (agenda, materials)
}

fn item_id(ws: &Workspace, meeting: i64, title: &str) -> i64 {
    let m = ws.load_meeting(meeting).unwrap();
    m.numbered_agenda().iter().find(|n| n.item.title == title).map(|n| n.item.id).unwrap()
}

#[test]
fn a_new_meeting_starts_with_the_usual_skeleton_and_no_blank_lines() {
    let (_dir, mut ws) = open();
    let header = MeetingHeader {
        title_lines: vec!["本部会議".into(), "  ".into()],
        date: None,
        time_note: " 午後２時から ".into(),
        place_lines: vec![],
    };
    let id = ws.create_meeting(&header, at(1)).unwrap();
    let m = ws.load_meeting(id).unwrap();
    assert_eq!(m.header.title_lines, ["本部会議"]);
    assert_eq!(m.header.time_note, "午後２時から");
    assert_eq!(outline(&ws, id).0, ["１開会", "２議題", "３閉会"]);
}

#[test]
fn adding_an_item_under_the_agenda_gives_it_the_next_number_and_bumps_updated_at() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let agenda = item_id(&ws, id, "議題");
    ws.add_item(id, ItemPlace::LastChildOf(Some(agenda)), " 新規 ", at(5)).unwrap();
    assert_eq!(outline(&ws, id).0, ["１開会", "２議題", "_(1)予算", "_(2)報告", "_(3)その他", "_(4)新規", "３閉会"]);
    assert_eq!(ws.meeting_updated_at(id).unwrap(), "2023-05-01T09:05:00");
}

#[test]
fn inserting_after_the_first_item_renumbers_the_materials_after_it() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let budget = item_id(&ws, id, "予算");
    ws.add_item(id, ItemPlace::After(budget), "追加", at(1)).unwrap();
    let (agenda, materials) = outline(&ws, id);
    assert_eq!(agenda[3], "_(2)追加");
    assert_eq!(materials, ["資料１－１a", "資料１－２b", "資料３－１c", "資料４－１d"]);
}

#[test]
fn moving_the_third_item_up_gives_its_materials_the_second_number() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let other = item_id(&ws, id, "その他");
    ws.move_item(id, other, Direction::Up, at(1)).unwrap();
    let (agenda, materials) = outline(&ws, id);
    assert_eq!(agenda[2..5], ["_(1)予算", "_(2)その他", "_(3)報告"]);
    assert_eq!(materials, ["資料１－１a", "資料１－２b", "資料２－１d", "資料３－１c"]);
    assert!(matches!(ws.move_item(id, other, Direction::Down, at(2)), Ok(())));
    let err = ws.move_item(id, item_id(&ws, id, "開会"), Direction::Up, at(3)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::AlreadyFirst)), "{err:?}");
}

#[test]
fn indent_and_outdent_move_an_item_between_levels() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let report = item_id(&ws, id, "報告");
    ws.indent_item(id, report, at(1)).unwrap();
    assert_eq!(outline(&ws, id).0, ["１開会", "２議題", "_(1)予算", "__ア報告", "_(2)その他", "３閉会"]);
    assert_eq!(
        outline(&ws, id).1,
        ["資料１－１a", "資料１－２b", "資料１－３c", "資料２－１d"],
        "the 資料 of ア continue the numbers of (1), the 議題 above it, instead of a second 資料１－１"
    );
    ws.outdent_item(id, report, at(2)).unwrap();
    ws.outdent_item(id, report, at(3)).unwrap();
    assert_eq!(outline(&ws, id).0, ["１開会", "２議題", "_(1)予算", "_(2)その他", "３報告", "４閉会"]);
    let err = ws.outdent_item(id, report, at(4)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::AlreadyTopLevel)), "{err:?}");
    let err = ws.indent_item(id, item_id(&ws, id, "開会"), at(4)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::NoPreviousSibling)), "{err:?}");
}

#[test]
fn the_agenda_is_at_most_six_levels_deep() {
    let (_dir, mut ws) = open();
    let id = ws.create_meeting(&MeetingHeader::default(), at(0)).unwrap();
    let mut parent = None;
    for level in 0..6 {
        parent = Some(ws.add_item(id, ItemPlace::LastChildOf(parent), &format!("L{level}"), at(1)).unwrap());
    }
    let err = ws.add_item(id, ItemPlace::LastChildOf(parent), "L6", at(2)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::TooDeep)), "{err:?}");
    // L0 comes after 閉会; indenting it under 閉会 would make the chain 7 levels deep.
    let top = item_id(&ws, id, "L0");
    let err = ws.indent_item(id, top, at(3)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::TooDeep)), "{err:?}");
}

#[test]
fn deleting_an_item_takes_its_subitems_and_materials_and_renumbers() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    ws.delete_item(id, item_id(&ws, id, "予算"), at(1)).unwrap();
    let (agenda, materials) = outline(&ws, id);
    assert_eq!(agenda, ["１開会", "２議題", "_(1)報告", "_(2)その他", "３閉会"]);
    assert_eq!(materials, ["資料１－１c", "資料２－１d"]);
}

#[test]
fn ids_of_another_meeting_and_empty_titles_are_refused_untouched() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let other = demo(&mut ws);
    let foreign = item_id(&ws, other, "予算");
    let before = ws.snapshot(&[Rows::WholeMeeting(id)]).unwrap();
    let err = ws.rename_item(id, foreign, "x", at(1)).unwrap_err();
    assert!(matches!(err, Error::ItemNotFound { .. }), "{err:?}");
    let err = ws.move_item(id, foreign, Direction::Down, at(1)).unwrap_err();
    assert!(matches!(err, Error::ItemNotFound { .. }), "{err:?}");
    let err = ws.rename_item(id, item_id(&ws, id, "予算"), "  ", at(1)).unwrap_err();
    assert!(matches!(err, Error::Refused(Refusal::EmptyTitle)), "{err:?}");
    let foreign_material = ws.load_meeting(other).unwrap().numbered_materials()[0].material.id;
    let err = ws.move_material(id, foreign_material, Direction::Down, at(1)).unwrap_err();
    assert!(matches!(err, Error::MaterialNotFound { .. }), "{err:?}");
    assert_eq!(ws.snapshot(&[Rows::WholeMeeting(id)]).unwrap(), before, "nothing changed, not even updated_at");
}

#[test]
fn materials_reorder_within_an_item_and_move_to_another_item() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let m = ws.load_meeting(id).unwrap();
    let b = m.numbered_materials()[1].material.id;
    ws.move_material(id, b, Direction::Up, at(1)).unwrap();
    assert_eq!(outline(&ws, id).1, ["資料１－１b", "資料１－２a", "資料２－１c", "資料３－１d"]);
    ws.attach_material(id, b, item_id(&ws, id, "報告"), at(2)).unwrap();
    assert_eq!(outline(&ws, id).1, ["資料１－１a", "資料２－１c", "資料２－２b", "資料３－１d"]);
    assert_eq!(ws.material_text(b).unwrap().as_deref(), Some("本文"), "the content moves with it");
}

#[test]
fn a_patch_restores_a_deleted_item_with_the_same_ids_and_content_and_its_answer_deletes_it_again() {
    let (_dir, mut ws) = open();
    let id = demo(&mut ws);
    let loaded = ws.load_meeting(id).unwrap();
    let item = item_id(&ws, id, "議題");
    let rows = [Rows::Meeting(id), Rows::Agenda(id), Rows::MaterialsOf(id), Rows::WholeItem(item)];
    let before = ws.snapshot(&rows).unwrap();
    ws.delete_item(id, item, at(1)).unwrap();
    let deleted = ws.load_meeting(id).unwrap();
    let redo = ws.apply_patch(&before, None).unwrap();
    assert_eq!(ws.load_meeting(id).unwrap(), loaded, "same ids, same order, same text");
    let b = loaded.numbered_materials()[1].material.id;
    assert_eq!(ws.material_text(b).unwrap().as_deref(), Some("本文"));
    ws.apply_patch(&redo, None).unwrap();
    let again = ws.load_meeting(id).unwrap();
    assert_eq!(again.agenda, deleted.agenda);

    let whole = ws.snapshot(&[Rows::WholeMeeting(id)]).unwrap();
    ws.delete_meeting(id).unwrap();
    ws.apply_patch(&whole, None).unwrap();
    assert_eq!(ws.load_meeting(id).unwrap().agenda, deleted.agenda, "a deleted meeting comes back");
}

#[test]
fn edits_persist_across_reopening_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.shiryo");
    let id = {
        let mut ws = Workspace::create(&path).unwrap();
        let id = demo(&mut ws);
        ws.move_item(id, item_id(&ws, id, "その他"), Direction::Up, at(1)).unwrap();
        id
    };
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(outline(&ws, id).0[3], "_(2)その他");
}
