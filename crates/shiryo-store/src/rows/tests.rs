//! Scoped snapshots on a real workspace file.

use chrono::{NaiveDate, NaiveDateTime};
use shiryo_core::{MaterialKind, MeetingHeader};

use super::{Rows, STASH_OVER};
use crate::{Error, MaterialFile, NewAgendaItem, NewMaterial, NewMeeting, Workspace};

fn at(minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 5, 1).unwrap().and_hms_opt(9, minute, 0).unwrap()
}

/// A meeting with one item holding a text 資料 and a PDF 資料 of `pdf_bytes` bytes; (meeting, text, pdf).
fn workspace(dir: &std::path::Path, pdf_bytes: usize) -> (Workspace, i64, i64, i64) {
    let mut ws = Workspace::create(&dir.join("w.shiryo")).unwrap();
    let pdf = MaterialFile {
        role: "pdf".into(),
        file_name: "big.pdf".into(),
        media_type: "application/pdf".into(),
        content: (0..pdf_bytes).map(|i| (i % 251) as u8).collect(),
    };
    let meeting = NewMeeting {
        header: MeetingHeader { title_lines: vec!["会議".into()], ..MeetingHeader::default() },
        agenda: vec![NewAgendaItem {
            title: "議題".into(),
            children: vec![],
            materials: vec![
                NewMaterial {
                    title: "本文".into(),
                    kind: MaterialKind::Text,
                    text: Some("本文".into()),
                    files: vec![],
                },
                NewMaterial { title: "PDF".into(), kind: MaterialKind::ImportedPdf, text: None, files: vec![pdf] },
            ],
        }],
    };
    let id = ws.insert_meeting(&meeting, at(0)).unwrap();
    let ids: Vec<i64> = ws.load_meeting(id).unwrap().numbered_materials().iter().map(|m| m.material.id).collect();
    (ws, id, ids[0], ids[1])
}

fn stashed(ws: &Workspace) -> i64 {
    ws.conn.query_row("SELECT count(*) FROM temp.shiryo_stash", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_deleted_material_comes_back_with_its_file_byte_for_byte_without_the_file_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = 3 * 1024 * 1024;
    let (mut ws, meeting, _, pdf) = workspace(dir.path(), bytes);
    let original = ws.material_files(pdf).unwrap();
    let before = ws.snapshot(&[Rows::MaterialsOf(meeting), Rows::WholeMaterial(pdf)]).unwrap();
    assert!(before.memory_bytes() < usize::try_from(STASH_OVER).unwrap(), "{} bytes held", before.memory_bytes());
    assert_eq!(stashed(&ws), 1, "the file is stashed in the connection's temporary table");
    ws.delete_material(meeting, pdf, at(1)).unwrap();
    assert!(ws.material_files(pdf).unwrap().is_empty());

    let redo = ws.apply_patch(&before, Some((meeting, at(2)))).unwrap();
    assert_eq!(ws.material_files(pdf).unwrap(), original);
    assert_eq!(ws.meeting_updated_at(meeting).unwrap(), "2023-05-01T09:02:00");
    assert!(redo.memory_bytes() < usize::try_from(STASH_OVER).unwrap());
    assert_eq!(stashed(&ws), 0, "the applied patch's copy is let go; its answer only deletes");
    let again = ws.apply_patch(&redo, None).unwrap();
    assert!(ws.material_files(pdf).unwrap().is_empty(), "redo deletes it again");
    assert_eq!(stashed(&ws), 1, "and its answer holds the file again, by id");
    ws.forget_patch(&again).unwrap();
    assert_eq!(stashed(&ws), 0);
}

#[test]
fn a_patch_of_the_agenda_leaves_a_later_text_edit_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, meeting, text, _) = workspace(dir.path(), 10);
    let before = ws.snapshot(&[Rows::Agenda(meeting), Rows::MaterialsOf(meeting)]).unwrap();
    let item = ws.load_meeting(meeting).unwrap().agenda[0].id;
    ws.rename_item(meeting, item, "報告", at(1)).unwrap();
    ws.rename_material(meeting, text, "本文（改）", at(1)).unwrap();
    ws.set_material_text(meeting, text, "書き直した本文", at(2)).unwrap();
    ws.apply_patch(&before, None).unwrap();
    let m = ws.load_meeting(meeting).unwrap();
    assert_eq!(m.agenda[0].title, "議題");
    assert_eq!(m.numbered_materials()[0].material.title, "本文");
    assert_eq!(ws.material_text(text).unwrap().as_deref(), Some("書き直した本文"));
}

#[test]
fn rows_a_command_created_are_deleted_by_its_patch() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, meeting, _, _) = workspace(dir.path(), 10);
    let rows = [Rows::Agenda(meeting)];
    let mut before = ws.snapshot(&rows).unwrap();
    let added = ws.add_item(meeting, crate::ItemPlace::LastChildOf(None), "閉会", at(1)).unwrap();
    ws.complete(&mut before, &rows).unwrap();
    assert!(before.touches("agenda_item", added));
    let redo = ws.apply_patch(&before, None).unwrap();
    assert_eq!(ws.load_meeting(meeting).unwrap().agenda.len(), 1);
    ws.apply_patch(&redo, None).unwrap();
    let agenda = ws.load_meeting(meeting).unwrap().agenda;
    assert_eq!((agenda.len(), agenda[1].id, agenda[1].title.as_str()), (2, added, "閉会"));
}

#[test]
fn a_patch_whose_material_is_gone_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut ws, meeting, text, _) = workspace(dir.path(), 10);
    let before = ws.snapshot(&[Rows::MaterialText(text)]).unwrap();
    ws.set_material_text(meeting, text, "新しい本文", at(1)).unwrap();
    ws.delete_material(meeting, text, at(2)).unwrap();
    let outline = ws.load_meeting(meeting).unwrap();
    let err = ws.apply_patch(&before, None).unwrap_err();
    assert!(
        matches!(&err, Error::StaleUndo { table, missing, .. } if table == "material_text" && missing == "material"),
        "{err:?}"
    );
    assert_eq!(ws.load_meeting(meeting).unwrap(), outline);
    assert_eq!(ws.material_text(text).unwrap(), None);
}
