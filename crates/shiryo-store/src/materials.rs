//! 資料 added, renamed, deleted, given a new text, and placed by drag and drop; agenda items placed by drag and
//! drop. Same rules as `edit.rs`: one transaction per edit, dense positions, the meeting's `updated_at` bumped.

use chrono::NaiveDateTime;
use rusqlite::params;

use crate::edit::MAX_AGENDA_DEPTH;
use crate::edit::{
    clean_title, depth, height, items, material_item, materials_of, parent_of, place, place_materials, siblings,
};
use crate::error::{Error, Refusal, Result};
use crate::{NewMaterial, Workspace};

impl Workspace {
    /// Adds a 資料 as the last one of agenda item `item`; returns its id.
    pub fn add_material(&mut self, meeting: i64, item: i64, material: &NewMaterial, now: NaiveDateTime) -> Result<i64> {
        let title = clean_title(&material.title)?;
        let (kind, text, files) = (material.kind, material.text.as_deref(), &material.files);
        self.edit(meeting, now, |tx| {
            parent_of(&items(tx, meeting)?, meeting, item)?;
            let position = i64::try_from(materials_of(tx, item)?.len()).unwrap_or(i64::MAX - 1) + 1;
            tx.execute(
                "INSERT INTO material (agenda_item_id, position, title, kind) VALUES (?1, ?2, ?3, ?4)",
                params![item, position, title, kind.code()],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(body) = text {
                tx.execute("INSERT INTO material_text (material_id, body) VALUES (?1, ?2)", params![id, body])?;
            }
            for f in files.iter() {
                tx.execute(
                    "INSERT INTO material_file (material_id, role, file_name, media_type, content) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, f.role, f.file_name, f.media_type, f.content],
                )?;
            }
            Ok(id)
        })
    }

    /// Gives a 資料 a new title.
    pub fn rename_material(&mut self, meeting: i64, material: i64, title: &str, now: NaiveDateTime) -> Result<()> {
        let title = clean_title(title)?;
        self.edit(meeting, now, |tx| {
            material_item(tx, meeting, material)?;
            tx.execute("UPDATE material SET title = ?2 WHERE id = ?1", params![material, title])?;
            Ok(())
        })
    }

    /// Deletes a 資料 with its text and files; the following 資料 of its item move up (and are relabelled).
    pub fn delete_material(&mut self, meeting: i64, material: i64, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let item = material_item(tx, meeting, material)?;
            tx.execute("DELETE FROM material WHERE id = ?1", [material])?;
            let rest = materials_of(tx, item)?;
            place_materials(tx, item, &rest)
        })
    }

    /// Gives a 資料 new content — kind, text and files all at once (a replaced or reconverted file) — keeping its
    /// id, title, agenda item and position, so its label and place stay.
    pub fn replace_material_content(
        &mut self,
        meeting: i64,
        material: i64,
        content: &NewMaterial,
        now: NaiveDateTime,
    ) -> Result<()> {
        let (kind, text, files) = (content.kind, content.text.as_deref(), &content.files);
        self.edit(meeting, now, |tx| {
            material_item(tx, meeting, material)?;
            tx.execute("UPDATE material SET kind = ?2 WHERE id = ?1", params![material, kind.code()])?;
            tx.execute("DELETE FROM material_text WHERE material_id = ?1", [material])?;
            tx.execute("DELETE FROM material_file WHERE material_id = ?1", [material])?;
            if let Some(body) = text {
                tx.execute("INSERT INTO material_text (material_id, body) VALUES (?1, ?2)", params![material, body])?;
            }
            for f in files.iter() {
                tx.execute(
                    "INSERT INTO material_file (material_id, role, file_name, media_type, content) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![material, f.role, f.file_name, f.media_type, f.content],
                )?;
            }
            Ok(())
        })
    }

    /// Replaces the body of a text 資料.
    pub fn set_material_text(&mut self, meeting: i64, material: i64, body: &str, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            material_item(tx, meeting, material)?;
            tx.execute(
                "INSERT INTO material_text (material_id, body) VALUES (?1, ?2)
                 ON CONFLICT (material_id) DO UPDATE SET body = excluded.body",
                params![material, body],
            )?;
            Ok(())
        })
    }

    /// Puts a 資料 at `index` (0-based, clamped) among the 資料 of agenda item `item` (drag and drop).
    pub fn place_material(
        &mut self,
        meeting: i64,
        material: i64,
        item: i64,
        index: usize,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let from = material_item(tx, meeting, material)?;
            parent_of(&items(tx, meeting)?, meeting, item)?;
            let rest: Vec<i64> = materials_of(tx, from)?.into_iter().filter(|id| *id != material).collect();
            if from != item {
                place_materials(tx, from, &rest)?;
            }
            let mut target = if from == item { rest } else { materials_of(tx, item)? };
            target.insert(index.min(target.len()), material);
            place_materials(tx, item, &target)
        })
    }

    /// Puts agenda item `item` (with everything under it) at `index` (0-based, clamped) among the children of
    /// `parent` (top level for `None`): drag and drop. Refused when it would go inside itself or too deep.
    pub fn place_item(
        &mut self,
        meeting: i64,
        item: i64,
        parent: Option<i64>,
        index: usize,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let old_parent = parent_of(&all, meeting, item)?;
            if let Some(p) = parent {
                parent_of(&all, meeting, p)?;
                // Inside itself: `p` is `item` or under it.
                let mut up = Some(p);
                while let Some(current) = up {
                    if current == item {
                        return Err(Error::ItemNotFound { meeting_id: meeting, item_id: p });
                    }
                    up = parent_of(&all, meeting, current)?;
                }
            }
            let new_depth = parent.map_or(0, |p| depth(&all, p) + 1);
            if new_depth + height(&all, item) > MAX_AGENDA_DEPTH {
                return Err(Error::Refused(Refusal::TooDeep));
            }
            let rest: Vec<i64> = siblings(&all, old_parent).into_iter().filter(|id| *id != item).collect();
            if old_parent != parent {
                place(tx, old_parent, &rest)?;
            }
            let mut target = if old_parent == parent {
                rest
            } else {
                siblings(&all, parent).into_iter().filter(|id| *id != item).collect()
            };
            target.insert(index.min(target.len()), item);
            place(tx, parent, &target)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;
    use shiryo_core::MaterialKind;

    use crate::{Error, ItemPlace, NewMaterial, Workspace};

    fn new(title: &str, kind: MaterialKind, text: Option<&str>) -> NewMaterial {
        NewMaterial { title: title.into(), kind, text: text.map(str::to_string), files: vec![] }
    }

    fn now() -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn labels(ws: &Workspace, meeting: i64) -> Vec<(String, String)> {
        ws.load_meeting(meeting)
            .unwrap()
            .numbered_materials()
            .into_iter()
            .map(|m| (m.label, m.material.title.clone()))
            .collect()
    }

    #[test]
    fn materials_are_added_renamed_placed_and_deleted_with_labels_following() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = Workspace::create(&dir.path().join("w.shiryo")).unwrap();
        let meeting = ws.create_meeting(&shiryo_core::MeetingHeader::default(), now()).unwrap();
        let agenda = ws.load_meeting(meeting).unwrap().agenda;
        let gidai = agenda[1].id;
        let first = ws.add_item(meeting, ItemPlace::LastChildOf(Some(gidai)), "一つ目", now()).unwrap();
        let second = ws.add_item(meeting, ItemPlace::LastChildOf(Some(gidai)), "二つ目", now()).unwrap();

        let a = ws.add_material(meeting, first, &new("本文", MaterialKind::Text, Some("本文です")), now()).unwrap();
        let b = ws.add_material(meeting, first, &new("表", MaterialKind::KpiTable, None), now()).unwrap();
        assert_eq!(ws.material_text(a).unwrap().as_deref(), Some("本文です"));
        let shown = labels(&ws, meeting);
        assert_eq!(shown, vec![("資料１－１".into(), "本文".into()), ("資料１－２".into(), "表".into())]);
        let m = ws.load_meeting(meeting).unwrap();
        assert!(!m.numbered_materials()[0].material.empty && m.numbered_materials()[1].material.empty);

        ws.rename_material(meeting, b, "ＫＰＩ表", now()).unwrap();
        ws.place_material(meeting, b, first, 0, now()).unwrap();
        assert_eq!(labels(&ws, meeting)[0], ("資料１－１".into(), "ＫＰＩ表".into()));
        ws.place_material(meeting, b, second, 5, now()).unwrap();
        assert_eq!(labels(&ws, meeting)[1], ("資料２－１".into(), "ＫＰＩ表".into()));

        // (2) dragged above (1): its 資料 become 資料１－….
        ws.place_item(meeting, second, Some(gidai), 0, now()).unwrap();
        assert_eq!(labels(&ws, meeting)[0], ("資料１－１".into(), "ＫＰＩ表".into()));
        assert_eq!(labels(&ws, meeting)[1], ("資料２－１".into(), "本文".into()));
        // Not inside itself.
        let err = ws.place_item(meeting, gidai, Some(first), 0, now()).unwrap_err();
        assert!(matches!(err, Error::ItemNotFound { item_id, .. } if item_id == first), "{err}");

        ws.set_material_text(meeting, a, "書き換え", now()).unwrap();
        assert_eq!(ws.material_text(a).unwrap().as_deref(), Some("書き換え"));
        ws.delete_material(meeting, b, now()).unwrap();
        assert_eq!(labels(&ws, meeting), vec![("資料２－１".into(), "本文".into())]);
        assert!(ws.material_text(b).unwrap().is_none());
        let err = ws.rename_material(meeting, b, "x", now()).unwrap_err();
        assert!(matches!(err, Error::MaterialNotFound { material_id, .. } if material_id == b), "{err}");
        let err = ws.rename_material(meeting, a, " ", now()).unwrap_err();
        assert!(matches!(err, Error::Refused(crate::Refusal::EmptyTitle)), "{err}");
    }
}
