//! 新旧対照表 資料: the old and new texts (material_file roles `old` / `new`) or a department's finished table taken
//! in as it stands (role `received`), the settings and the hand edits. Every write is one transaction; undo is the
//! app's history over the rows each command touched.

use rusqlite::{params, OptionalExtension, Transaction};

use shiryo_core::ShinkyuPreset;

use crate::error::{Error, Result};
use crate::{MaterialFile, Workspace};

/// Headings preset (stored as its code: `shin-kyu` / `kaisei` / `an-genko`), column order as stored (`new-left` /
/// `old-left`) and caption (`None` for the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShinkyuSetting {
    pub preset: ShinkyuPreset,
    pub column_order: String,
    pub caption: Option<String>,
}

impl Default for ShinkyuSetting {
    fn default() -> Self {
        ShinkyuSetting { preset: ShinkyuPreset::ShinKyu, column_order: "new-left".into(), caption: None }
    }
}

/// One stored hand edit: its kind (`repair`, `split`, `cell`, `omit`), the key of the row it applies to and its
/// detail as JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShinkyuEdit {
    pub kind: String,
    pub row_key: String,
    pub detail: String,
}

/// Everything stored for one 新旧対照表.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShinkyuState {
    pub setting: ShinkyuSetting,
    pub old: Option<MaterialFile>,
    pub new: Option<MaterialFile>,
    /// A received 新旧対照表 (.docx) whose rows are the table; the old and new texts are then absent.
    pub received: Option<MaterialFile>,
    pub edits: Vec<ShinkyuEdit>,
}

/// The roles a 新旧対照表's source files are stored under.
pub const SHINKYU_ROLES: [&str; 3] = ["old", "new", "received"];

/// Refuses a 資料 that is not part of the meeting or is not a 新旧対照表.
fn ensure_shinkyu(conn: &rusqlite::Connection, meeting_id: i64, material_id: i64) -> Result<()> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT m.kind FROM material m JOIN agenda_item a ON a.id = m.agenda_item_id
             WHERE m.id = ?1 AND a.meeting_id = ?2",
            [material_id, meeting_id],
            |r| r.get(0),
        )
        .optional()?;
    match kind.as_deref() {
        Some("shinkyu") => Ok(()),
        Some(other) => Err(Error::Invalid(format!("資料 {material_id} is a {other}, not a 新旧対照表"))),
        None => Err(Error::MaterialNotFound { meeting_id, material_id }),
    }
}

fn write_file(tx: &Transaction<'_>, material_id: i64, role: &str, file: Option<&MaterialFile>) -> Result<()> {
    tx.execute("DELETE FROM material_file WHERE material_id = ?1 AND role = ?2", params![material_id, role])?;
    if let Some(f) = file {
        tx.execute(
            "INSERT INTO material_file (material_id, role, file_name, media_type, content) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![material_id, role, f.file_name, f.media_type, f.content],
        )?;
    }
    Ok(())
}

fn write_edits(tx: &Transaction<'_>, material_id: i64, edits: &[ShinkyuEdit]) -> Result<()> {
    tx.execute("DELETE FROM shinkyu_edit WHERE material_id = ?1", [material_id])?;
    let mut stmt = tx.prepare(
        "INSERT INTO shinkyu_edit (material_id, position, kind, row_key, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, e) in edits.iter().enumerate() {
        stmt.execute(params![material_id, i64::try_from(i).unwrap_or(i64::MAX), e.kind, e.row_key, e.detail])?;
    }
    Ok(())
}

fn write_setting(tx: &Transaction<'_>, material_id: i64, s: &ShinkyuSetting) -> Result<()> {
    tx.execute(
        "INSERT INTO shinkyu_setting (material_id, preset, column_order, caption) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (material_id) DO UPDATE SET preset = ?2, column_order = ?3, caption = ?4",
        params![material_id, s.preset.code(), s.column_order, s.caption],
    )?;
    Ok(())
}

/// Copies a 新旧対照表's settings and hand edits to its copy (a duplicated meeting keeps the secretariat's work).
pub(crate) fn copy_shinkyu(tx: &Transaction<'_>, from: i64, to: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO shinkyu_setting (material_id, preset, column_order, caption)
         SELECT ?2, preset, column_order, caption FROM shinkyu_setting WHERE material_id = ?1",
        params![from, to],
    )?;
    tx.execute(
        "INSERT INTO shinkyu_edit (material_id, position, kind, row_key, detail)
         SELECT ?2, position, kind, row_key, detail FROM shinkyu_edit WHERE material_id = ?1",
        params![from, to],
    )?;
    Ok(())
}

impl Workspace {
    /// The stored state of a 新旧対照表 資料 (defaults when nothing was set yet). Readers check the meeting
    /// themselves; every write checks the 資料 is part of the meeting it names.
    pub fn shinkyu_state(&self, material_id: i64) -> Result<ShinkyuState> {
        let kind: Option<String> =
            self.conn.query_row("SELECT kind FROM material WHERE id = ?1", [material_id], |r| r.get(0)).optional()?;
        match kind.as_deref() {
            Some("shinkyu") => {}
            Some(other) => return Err(Error::Invalid(format!("資料 {material_id} is a {other}, not a 新旧対照表"))),
            None => return Err(Error::MaterialNotFound { meeting_id: 0, material_id }),
        }
        let setting = self
            .conn
            .query_row(
                "SELECT preset, column_order, caption FROM shinkyu_setting WHERE material_id = ?1",
                [material_id],
                |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .map(|(preset, column_order, caption)| {
                let preset = ShinkyuPreset::from_code(&preset)
                    .ok_or_else(|| Error::Invalid(format!("資料 {material_id} has the unknown preset {preset:?}")))?;
                Ok::<_, Error>(ShinkyuSetting { preset, column_order, caption })
            })
            .transpose()?
            .unwrap_or_default();
        let files = self.material_files(material_id)?;
        let pick = |role: &str| files.iter().rev().find(|f| f.role == role).cloned();
        let mut stmt = self
            .conn
            .prepare("SELECT kind, row_key, detail FROM shinkyu_edit WHERE material_id = ?1 ORDER BY position")?;
        let edits = stmt
            .query_map([material_id], |r| Ok(ShinkyuEdit { kind: r.get(0)?, row_key: r.get(1)?, detail: r.get(2)? }))?
            .collect::<Result<_, _>>()?;
        Ok(ShinkyuState { setting, old: pick("old"), new: pick("new"), received: pick("received"), edits })
    }

    /// Replaces every source of the table at once (`old`, `new` and `received`: a file, or none to remove it),
    /// the settings and the edits kept, in one transaction: taking in a 見え消し document (both texts) or a
    /// received table (its file, no texts).
    pub fn set_shinkyu_source(&mut self, meeting_id: i64, material_id: i64, state: &ShinkyuState) -> Result<()> {
        let tx = self.conn.transaction()?;
        ensure_shinkyu(&tx, meeting_id, material_id)?;
        for (role, file) in SHINKYU_ROLES.iter().zip([&state.old, &state.new, &state.received]) {
            write_file(&tx, material_id, role, file.as_ref())?;
        }
        write_setting(&tx, material_id, &state.setting)?;
        write_edits(&tx, material_id, &state.edits)?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the old or new text (`role` is `old` or `new`) and keeps only the edits in `edits` (the ones that
    /// still apply to the regenerated table), in one transaction.
    pub fn set_shinkyu_text(
        &mut self,
        meeting_id: i64,
        material_id: i64,
        role: &str,
        file: &MaterialFile,
        edits: &[ShinkyuEdit],
    ) -> Result<()> {
        if role != "old" && role != "new" {
            return Err(Error::Invalid(format!("role {role} is neither old nor new")));
        }
        let tx = self.conn.transaction()?;
        ensure_shinkyu(&tx, meeting_id, material_id)?;
        write_file(&tx, material_id, role, Some(file))?;
        write_edits(&tx, material_id, edits)?;
        tx.commit()?;
        Ok(())
    }

    /// Saves the headings preset, column order and caption.
    pub fn set_shinkyu_setting(&mut self, meeting_id: i64, material_id: i64, setting: &ShinkyuSetting) -> Result<()> {
        let tx = self.conn.transaction()?;
        ensure_shinkyu(&tx, meeting_id, material_id)?;
        write_setting(&tx, material_id, setting)?;
        tx.commit()?;
        Ok(())
    }

    /// Appends one hand edit after the existing ones.
    pub fn add_shinkyu_edit(&mut self, meeting_id: i64, material_id: i64, edit: &ShinkyuEdit) -> Result<()> {
        let tx = self.conn.transaction()?;
        ensure_shinkyu(&tx, meeting_id, material_id)?;
        let next: i64 = tx.query_row(
            "SELECT COALESCE(MAX(position) + 1, 0) FROM shinkyu_edit WHERE material_id = ?1",
            [material_id],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO shinkyu_edit (material_id, position, kind, row_key, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![material_id, next, edit.kind, edit.row_key, edit.detail],
        )?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDate;
    use shiryo_core::{MaterialKind, MeetingHeader};

    use super::*;
    use crate::{NewAgendaItem, NewMaterial, NewMeeting};

    fn workspace(dir: &std::path::Path) -> (Workspace, i64, i64) {
        let mut ws = Workspace::create(&dir.join("w.shiryo")).unwrap();
        let material = |kind| NewMaterial { title: "新旧対照表".into(), kind, text: None, files: vec![] };
        let meeting = NewMeeting {
            header: MeetingHeader::default(),
            agenda: vec![NewAgendaItem {
                title: "議題".into(),
                children: vec![],
                materials: vec![material(MaterialKind::Shinkyu), material(MaterialKind::Text)],
            }],
        };
        let now = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let id = ws.insert_meeting(&meeting, now).unwrap();
        let m = ws.load_meeting(id).unwrap();
        let ids: Vec<i64> = m.numbered_materials().iter().map(|n| n.material.id).collect();
        (ws, id, ids[0])
    }

    fn file(name: &str, text: &str) -> MaterialFile {
        MaterialFile {
            role: String::new(),
            file_name: name.into(),
            media_type: "text/plain".into(),
            content: text.into(),
        }
    }

    #[test]
    fn texts_settings_and_edits_round_trip_and_a_replaced_text_keeps_only_the_edits_given() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, mid, id) = workspace(dir.path());
        assert_eq!(ws.shinkyu_state(id).unwrap(), ShinkyuState::default());
        let edit = ShinkyuEdit { kind: "omit".into(), row_key: "k1".into(), detail: "{}".into() };
        ws.set_shinkyu_text(mid, id, "old", &file("old.txt", "旧"), &[]).unwrap();
        ws.set_shinkyu_text(mid, id, "new", &file("new.txt", "新"), &[]).unwrap();
        ws.add_shinkyu_edit(mid, id, &edit).unwrap();
        ws.add_shinkyu_edit(mid, id, &ShinkyuEdit { row_key: "k2".into(), ..edit.clone() }).unwrap();
        let setting = ShinkyuSetting {
            preset: ShinkyuPreset::Kaisei,
            column_order: "old-left".into(),
            caption: Some(String::new()),
        };
        ws.set_shinkyu_setting(mid, id, &setting).unwrap();
        let path = ws.path().to_path_buf();
        drop(ws);
        let mut ws = Workspace::open(&path).unwrap();
        let state = ws.shinkyu_state(id).unwrap();
        assert_eq!(state.setting, setting);
        assert_eq!(state.old.as_ref().unwrap().content, "旧".as_bytes());
        assert_eq!(state.new.as_ref().unwrap().file_name, "new.txt");
        assert_eq!(state.edits.iter().map(|e| e.row_key.as_str()).collect::<Vec<_>>(), ["k1", "k2"]);
        // Replacing a text keeps only the edits given.
        ws.set_shinkyu_text(mid, id, "new", &file("new2.txt", "新２"), &state.edits[1..]).unwrap();
        let after = ws.shinkyu_state(id).unwrap();
        assert_eq!(after.edits.len(), 1);
        assert_eq!(ws.material_files(id).unwrap().iter().filter(|f| f.role == "new").count(), 1);
    }

    #[test]
    fn a_whole_source_is_replaced_in_one_write_and_a_received_table_takes_the_place_of_both_texts() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, mid, id) = workspace(dir.path());
        ws.set_shinkyu_text(mid, id, "old", &file("old.txt", "旧"), &[]).unwrap();
        ws.set_shinkyu_text(mid, id, "new", &file("new.txt", "新"), &[]).unwrap();
        let edit = ShinkyuEdit { kind: "omit".into(), row_key: "k1".into(), detail: "{}".into() };
        ws.add_shinkyu_edit(mid, id, &edit).unwrap();
        let received = ShinkyuState {
            setting: ShinkyuSetting { preset: ShinkyuPreset::Kaisei, column_order: "old-left".into(), caption: None },
            received: Some(MaterialFile { role: "received".into(), ..file("対照表.docx", "表") }),
            ..ShinkyuState::default()
        };
        ws.set_shinkyu_source(mid, id, &received).unwrap();
        let state = ws.shinkyu_state(id).unwrap();
        assert_eq!((state.old.as_ref(), state.new.as_ref(), state.edits.len()), (None, None, 0));
        assert_eq!(state.received.as_ref().map(|f| f.file_name.as_str()), Some("対照表.docx"));
        assert_eq!(state.setting, received.setting);
        let roles: Vec<String> = ws.material_files(id).unwrap().into_iter().map(|f| f.role).collect();
        assert_eq!(roles, ["received"]);
        // A 資料 of another kind is refused and nothing is written.
        let other = ws.load_meeting(mid).unwrap().numbered_materials()[1].material.id;
        assert!(matches!(ws.set_shinkyu_source(mid, other, &received), Err(Error::Invalid(_))));
        assert!(ws.material_files(other).unwrap().is_empty());
    }

    #[test]
    fn a_duplicated_meeting_keeps_the_settings_and_edits_of_its_tables() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, mid, id) = workspace(dir.path());
        ws.set_shinkyu_text(mid, id, "old", &file("old.txt", "旧"), &[]).unwrap();
        let setting = ShinkyuSetting {
            preset: ShinkyuPreset::AnGenko,
            column_order: "old-left".into(),
            caption: Some("注".into()),
        };
        ws.set_shinkyu_setting(mid, id, &setting).unwrap();
        ws.add_shinkyu_edit(mid, id, &ShinkyuEdit { kind: "omit".into(), row_key: "k".into(), detail: "{}".into() })
            .unwrap();
        let now = NaiveDate::from_ymd_opt(2023, 7, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let copy = ws.duplicate_meeting(mid, now).unwrap();
        let m = ws.load_meeting(copy).unwrap();
        let copied = m.numbered_materials()[0].material.id;
        assert_ne!(copied, id);
        let state = ws.shinkyu_state(copied).unwrap();
        assert_eq!(state, ws.shinkyu_state(id).unwrap());
        assert_eq!(state.setting, setting);
    }

    #[test]
    fn undoing_an_agenda_edit_keeps_the_tables_settings_and_edits_and_a_deleted_meeting_brings_them_back() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, mid, id) = workspace(dir.path());
        let now = NaiveDate::from_ymd_opt(2023, 6, 2).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let agenda = [crate::Rows::Meeting(mid), crate::Rows::Agenda(mid), crate::Rows::MaterialsOf(mid)];
        let before = ws.snapshot(&agenda).unwrap();
        let item = ws.load_meeting(mid).unwrap().agenda[0].id;
        ws.rename_item(mid, item, "議題（改）", now).unwrap();
        // A 新旧 edit after the agenda edit; undoing the agenda edit must keep it.
        let setting = ShinkyuSetting { preset: ShinkyuPreset::Kaisei, ..ShinkyuSetting::default() };
        ws.set_shinkyu_setting(mid, id, &setting).unwrap();
        ws.add_shinkyu_edit(mid, id, &ShinkyuEdit { kind: "omit".into(), row_key: "k".into(), detail: "{}".into() })
            .unwrap();
        let table = ws.shinkyu_state(id).unwrap();
        ws.apply_patch(&before, Some((mid, now))).unwrap();
        assert_eq!(ws.load_meeting(mid).unwrap().agenda[0].title, "議題");
        assert_eq!(ws.shinkyu_state(id).unwrap(), table);
        // Deleting the meeting and putting it back brings the table's rows back too.
        let whole = ws.snapshot(&[crate::Rows::WholeMeeting(mid)]).unwrap();
        ws.delete_meeting(mid).unwrap();
        assert!(matches!(ws.shinkyu_state(id), Err(Error::MaterialNotFound { .. })), "gone with its meeting");
        let redo = ws.apply_patch(&whole, None).unwrap();
        assert_eq!(ws.shinkyu_state(id).unwrap(), table);
        // The answer undoes that: the meeting goes again, with its table.
        ws.apply_patch(&redo, None).unwrap();
        assert!(matches!(ws.load_meeting(mid), Err(Error::MeetingNotFound { .. })));
        assert!(matches!(ws.shinkyu_state(id), Err(Error::MaterialNotFound { .. })), "gone again");
    }

    #[test]
    fn other_kinds_and_missing_materials_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ws, mid, id) = workspace(dir.path());
        let err = ws.set_shinkyu_setting(mid, id + 1, &ShinkyuSetting::default()).unwrap_err();
        let other_meeting = ws.set_shinkyu_setting(mid + 1, id, &ShinkyuSetting::default()).unwrap_err();
        assert!(matches!(other_meeting, Error::MaterialNotFound { .. }), "{other_meeting:?}");
        assert!(matches!(err, Error::Invalid(_)), "{err:?}");
        assert!(matches!(ws.shinkyu_state(9999).unwrap_err(), Error::MaterialNotFound { material_id: 9999, .. }));
        let bad = ws.conn.execute(
            "INSERT INTO shinkyu_setting (material_id, preset, column_order) VALUES (?1, 'nonsense', 'new-left')",
            [id],
        );
        let code = bad.map_err(|e| e.sqlite_error_code());
        assert_eq!(code, Err(Some(rusqlite::ErrorCode::ConstraintViolation)), "the CHECK refuses unknown presets");
    }
}
