//! The meetings sidebar and the 次第 editor: one use case per command, each returning the whole editor state
//! ([`EditOutcome`]) so the UI re-renders from the workspace, never from its own guess. Each edit records the
//! rows it changes in the app's history (`history.rs`) under the 次第's scope: undo here takes back the 次第's
//! last edit, in whichever meeting it was, and never a 資料's content another screen changed after it.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use shiryo_core::MeetingHeader;
use shiryo_store::{Direction, ItemPlace, Rows, Workspace, NEW_MEETING_TITLE};
use ts_rs::TS;

use crate::history::Scope;
use crate::{shidai_view, App, AppError, MeetingSummary, Result, ShidaiView};

pub use crate::history::UNDO_DEPTH;

/// The editor state after a command: the meetings list, the meeting concerned and what undo/redo can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct EditOutcome {
    pub meetings: Vec<MeetingSummary>,
    /// The meeting the command concerned (to select), null when it no longer exists.
    pub meeting: Option<MeetingEditorView>,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// A meeting as the editor shows it: the 次第 with derived labels, and the date as the date input wants it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MeetingEditorView {
    pub shidai: ShidaiView,
    /// `YYYY-MM-DD`, or null while undecided.
    pub date: Option<String>,
}

/// Whether the item `id` (found anywhere in `items`) or one of its sub-items has 資料.
fn has_materials(items: &[shiryo_core::AgendaItem], id: i64, inside: bool) -> bool {
    items.iter().any(|item| {
        let here = inside || item.id == id;
        (here && !item.materials.is_empty()) || has_materials(&item.children, id, here)
    })
}

/// Which meeting to open in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OpenMeetingRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// A new meeting with the skeleton 開会 / 議題 / 閉会.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CreateMeetingRequest {
    /// Empty for 新しい会議.
    #[serde(default)]
    pub title_lines: Vec<String>,
}

/// Start the next meeting from this one (agenda and 資料 kept, no date).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DuplicateMeetingRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// Delete a meeting (undo brings it back).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeleteMeetingRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// The header printed above the agenda; blank lines are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct UpdateHeaderRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub title_lines: Vec<String>,
    /// `YYYY-MM-DD`, or null for an undecided date.
    pub date: Option<String>,
    pub time_note: String,
    pub place_lines: Vec<String>,
    /// The typing this save belongs to: an id the page chooses for one field from when it is focused until it
    /// is left. The saves of one typing, made as it goes, are one undo step; null: a step of its own.
    #[serde(default)]
    #[ts(type = "number | null")]
    pub typing: Option<u32>,
}

/// A new agenda item: after `afterItemId` at its level, else the last child of `parentItemId` (null: top level).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number | null")]
    pub after_item_id: Option<i64>,
    #[ts(type = "number | null")]
    pub parent_item_id: Option<i64>,
    pub title: String,
}

/// A new title for an agenda item (one line, not empty).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RenameItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
}

/// Delete an agenda item with its sub-items and their 資料.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DeleteItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
}

/// Up: towards the first sibling; down: towards the last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum MoveDirection {
    Up,
    Down,
}

impl From<MoveDirection> for Direction {
    fn from(d: MoveDirection) -> Self {
        match d {
            MoveDirection::Up => Direction::Up,
            MoveDirection::Down => Direction::Down,
        }
    }
}

/// Swap an agenda item with its neighbour.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoveItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub direction: MoveDirection,
}

/// Make an item the last child of its previous sibling.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct IndentItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
}

/// Make an item the next sibling of its parent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OutdentItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
}

/// Swap a 資料 with its neighbour within its agenda item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MoveMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub direction: MoveDirection,
}

/// Attach a 資料 to another agenda item of the meeting, as its last 資料.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AttachMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
}

/// The rows an edit of the agenda changes: the meeting (its `updated_at`) and its items.
pub(crate) fn agenda_rows(meeting: i64) -> Vec<Rows> {
    vec![Rows::Meeting(meeting), Rows::Agenda(meeting)]
}

/// The rows an edit of where 資料 sit changes: the meeting and its 資料 rows (not their content).
pub(crate) fn material_rows(meeting: i64) -> Vec<Rows> {
    vec![Rows::Meeting(meeting), Rows::MaterialsOf(meeting)]
}

fn parse_date(date: Option<&str>) -> Result<Option<NaiveDate>> {
    match date.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::InvalidDate { value: d.to_string() }),
    }
}

impl App {
    /// Runs one 次第 edit of `meeting` that changes the rows `rows` select, recording them for undo.
    pub(crate) fn edited(
        &mut self,
        meeting: i64,
        rows: &[Rows],
        edit: impl FnOnce(&mut Workspace) -> shiryo_store::Result<()>,
    ) -> Result<EditOutcome> {
        self.recorded(Scope::Shidai, Some(meeting), rows, |ws| edit(ws).map_err(AppError::from))?;
        self.outcome(Some(meeting))
    }

    pub(crate) fn outcome(&self, meeting: Option<i64>) -> Result<EditOutcome> {
        let meeting = match meeting {
            Some(id) => match self.ws.load_meeting(id) {
                Ok(m) => Some(MeetingEditorView {
                    date: m.header.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    shidai: shidai_view(&m),
                }),
                Err(shiryo_store::Error::MeetingNotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        Ok(EditOutcome {
            meetings: self.list_meetings()?,
            meeting,
            can_undo: self.history.can_undo(Scope::Shidai),
            can_redo: self.history.can_redo(Scope::Shidai),
        })
    }

    /// The editor on a meeting, without changing anything.
    pub fn open_meeting(&self, req: &OpenMeetingRequest) -> Result<EditOutcome> {
        self.ws.load_meeting(req.meeting_id)?;
        self.outcome(Some(req.meeting_id))
    }

    /// A new meeting with 開会 / 議題 / 閉会, no date.
    pub fn create_meeting(&mut self, req: &CreateMeetingRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::lines("会議名", &req.title_lines)?;
        let mut title_lines: Vec<String> = req.title_lines.iter().filter(|l| !l.trim().is_empty()).cloned().collect();
        if title_lines.is_empty() {
            title_lines.push(NEW_MEETING_TITLE.to_string());
        }
        let id = self.ws.create_meeting(&MeetingHeader { title_lines, ..MeetingHeader::default() }, now)?;
        self.record_created(Scope::Shidai, Some(id), &[Rows::WholeMeeting(id)])?;
        self.outcome(Some(id))
    }

    /// The next meeting started from this one; the copy is selected.
    pub fn duplicate_meeting_for_editor(
        &mut self,
        req: &DuplicateMeetingRequest,
        now: NaiveDateTime,
    ) -> Result<EditOutcome> {
        let id = self.ws.duplicate_meeting(req.meeting_id, now)?;
        self.record_created(Scope::Shidai, Some(id), &[Rows::WholeMeeting(id)])?;
        self.outcome(Some(id))
    }

    /// Deletes a meeting; `meeting` is null in the answer. The workspace is backed up first
    /// (`before-delete-meeting`): undo lasts only while the app is open, the backup survives a restart.
    pub fn delete_meeting(&mut self, req: &DeleteMeetingRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.ws.load_meeting(req.meeting_id)?;
        self.backup_before("delete-meeting", now)?;
        let id = req.meeting_id;
        self.recorded(Scope::Shidai, Some(id), &[Rows::WholeMeeting(id)], |ws| Ok(ws.delete_meeting(id)?))?;
        self.outcome(None)
    }

    pub fn update_header(&mut self, req: &UpdateHeaderRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::lines("会議名", &req.title_lines)?;
        crate::validate::title("時刻", &req.time_note)?;
        crate::validate::lines("場所", &req.place_lines)?;
        let header = MeetingHeader {
            title_lines: req.title_lines.clone(),
            date: parse_date(req.date.as_deref())?,
            time_note: req.time_note.clone(),
            place_lines: req.place_lines.clone(),
        };
        let rows = [Rows::Meeting(req.meeting_id)];
        let typing = req.typing.map(u64::from);
        self.recorded_continuing(Scope::Shidai, Some(req.meeting_id), &rows, typing, |ws| {
            ws.update_header(req.meeting_id, &header, now).map_err(AppError::from)
        })?;
        self.outcome(Some(req.meeting_id))
    }

    pub fn add_item(&mut self, req: &AddItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::title("項目名", &req.title)?;
        let place = match req.after_item_id {
            Some(after) => ItemPlace::After(after),
            None => ItemPlace::LastChildOf(req.parent_item_id),
        };
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| {
            ws.add_item(req.meeting_id, place, &req.title, now).map(|_| ())
        })
    }

    pub fn rename_item(&mut self, req: &RenameItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::title("項目名", &req.title)?;
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| {
            ws.rename_item(req.meeting_id, req.item_id, &req.title, now)
        })
    }

    /// Deletes an item with its sub-items; when any of them has 資料 the workspace is backed up first
    /// (`before-delete-item`).
    pub fn delete_item(&mut self, req: &DeleteItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        let meeting = self.ws.load_meeting(req.meeting_id)?;
        if has_materials(&meeting.agenda, req.item_id, false) {
            self.backup_before("delete-item", now)?;
        }
        let mut rows = agenda_rows(req.meeting_id);
        rows.extend([Rows::MaterialsOf(req.meeting_id), Rows::WholeItem(req.item_id)]);
        self.edited(req.meeting_id, &rows, |ws| ws.delete_item(req.meeting_id, req.item_id, now))
    }

    pub fn move_item(&mut self, req: &MoveItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| {
            ws.move_item(req.meeting_id, req.item_id, req.direction.into(), now)
        })
    }

    pub fn indent_item(&mut self, req: &IndentItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| ws.indent_item(req.meeting_id, req.item_id, now))
    }

    pub fn outdent_item(&mut self, req: &OutdentItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| {
            ws.outdent_item(req.meeting_id, req.item_id, now)
        })
    }

    pub fn move_material(&mut self, req: &MoveMaterialRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.edited(req.meeting_id, &material_rows(req.meeting_id), |ws| {
            ws.move_material(req.meeting_id, req.material_id, req.direction.into(), now)
        })
    }

    pub fn attach_material(&mut self, req: &AttachMaterialRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        self.edited(req.meeting_id, &material_rows(req.meeting_id), |ws| {
            ws.attach_material(req.meeting_id, req.material_id, req.item_id, now)
        })
    }

    /// Takes back the 次第's last edit (in whichever meeting it was); that meeting is selected.
    pub fn undo(&mut self, now: NaiveDateTime) -> Result<EditOutcome> {
        let meeting = self.step_back(Scope::Shidai, now)?;
        self.outcome(meeting)
    }

    /// Does again what the 次第's last undo took back.
    pub fn redo(&mut self, now: NaiveDateTime) -> Result<EditOutcome> {
        let meeting = self.step_forward(Scope::Shidai, now)?;
        self.outcome(meeting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 5, 1).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap()
    }

    fn demo() -> (tempfile::TempDir, App, i64) {
        let dir = tempfile::tempdir().unwrap();
        let (app, id) = App::create_demo(&dir.path().join("demo.shiryo"), now()).unwrap();
        (dir, app, id)
    }

    fn labels(outcome: &EditOutcome) -> Vec<String> {
        outcome.meeting.as_ref().unwrap().shidai.materials.iter().map(|m| m.label.clone()).collect()
    }

    fn item(outcome: &EditOutcome, label: &str, depth: u32) -> i64 {
        let shidai = &outcome.meeting.as_ref().unwrap().shidai;
        shidai.agenda.iter().find(|a| a.label == label && a.depth == depth).map(|a| a.id).unwrap()
    }

    #[test]
    fn moving_agenda_item_3_above_2_relabels_its_materials_and_undo_redo_round_trip() {
        let (_dir, mut app, id) = demo();
        let start = app.open_meeting(&OpenMeetingRequest { meeting_id: id }).unwrap();
        assert!(!start.can_undo);
        let third = item(&start, "(3)", 1);
        let third_materials: Vec<i64> = {
            let shidai = &start.meeting.as_ref().unwrap().shidai;
            shidai.materials.iter().filter(|m| m.agenda_item_id == third).map(|m| m.id).collect()
        };
        assert!(!third_materials.is_empty());
        let moved = app
            .move_item(&MoveItemRequest { meeting_id: id, item_id: third, direction: MoveDirection::Up }, now())
            .unwrap();
        let shidai = &moved.meeting.as_ref().unwrap().shidai;
        for m in shidai.materials.iter().filter(|m| third_materials.contains(&m.id)) {
            assert!(m.label.starts_with("資料２－"), "{}", m.label);
        }
        assert!(moved.can_undo && !moved.can_redo);
        let undone = app.undo(now()).unwrap();
        assert_eq!(labels(&undone), labels(&start));
        assert_eq!(undone.meeting, start.meeting);
        assert!(undone.can_redo && !undone.can_undo);
        let redone = app.redo(now()).unwrap();
        assert_eq!(redone.meeting, moved.meeting);
    }

    #[test]
    fn a_new_meeting_is_listed_and_deleting_it_can_be_undone() {
        let (_dir, mut app, _) = demo();
        let created = app.create_meeting(&CreateMeetingRequest::default(), now()).unwrap();
        assert_eq!(created.meetings.len(), 2);
        let view = created.meeting.unwrap();
        assert_eq!(view.shidai.title_lines, [NEW_MEETING_TITLE]);
        let agenda: Vec<&str> = view.shidai.agenda.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(agenda, ["開会", "議題", "閉会"]);
        let deleted = app.delete_meeting(&DeleteMeetingRequest { meeting_id: view.shidai.meeting_id }, now()).unwrap();
        assert_eq!(deleted.meetings.len(), 1);
        assert!(deleted.meeting.is_none());
        let back = app.undo(now()).unwrap();
        assert_eq!(back.meetings.len(), 2);
        assert_eq!(back.meeting.unwrap().shidai.meeting_id, view.shidai.meeting_id);
        let gone = app.undo(now()).unwrap();
        assert_eq!(gone.meetings.len(), 1, "undoing the creation removes the meeting");
        assert!(matches!(app.undo(now()), Err(AppError::NothingToUndo)));
    }

    #[test]
    fn the_header_date_comes_back_as_the_printed_reiwa_date_and_bad_dates_are_refused() {
        let (_dir, mut app, id) = demo();
        let req = UpdateHeaderRequest {
            meeting_id: id,
            title_lines: vec!["本部会議".into(), String::new()],
            date: Some("2024-04-01".into()),
            time_note: "午後２時から".into(),
            place_lines: vec!["本庁舎".into()],
            typing: None,
        };
        let out = app.update_header(&req, now()).unwrap();
        let view = out.meeting.unwrap();
        assert_eq!(view.shidai.date_label, "令和６年４月１日（月）");
        assert_eq!(view.date.as_deref(), Some("2024-04-01"));
        assert_eq!(view.shidai.title_lines, ["本部会議"]);
        let err =
            app.update_header(&UpdateHeaderRequest { date: Some("2024-13-01".into()), ..req }, now()).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::EditRefused);
    }

    #[test]
    fn the_saves_of_one_typing_in_the_header_are_one_undo_step() {
        let (_dir, mut app, id) = demo();
        let stored_note = |app: &App| app.ws.load_meeting(id).unwrap().header.time_note;
        let original = stored_note(&app);
        assert_eq!(original, "※午前９時からの部長会議終了後");
        let shidai = app.open_meeting(&OpenMeetingRequest { meeting_id: id }).unwrap().meeting.unwrap().shidai;
        let save = |app: &mut App, note: &str, typing: Option<u32>| {
            let req = UpdateHeaderRequest {
                meeting_id: id,
                title_lines: shidai.title_lines.clone(),
                date: Some("2023-06-05".into()),
                time_note: note.into(),
                place_lines: shidai.place_lines.clone(),
                typing,
            };
            app.update_header(&req, now()).unwrap()
        };
        // 時刻・注記 typed with pauses: saved three times as it goes, then left.
        for note in ["午後", "午後２時", "午後２時から"] {
            save(&mut app, note, Some(7));
        }
        assert_eq!(stored_note(&app), "午後２時から");
        let undone = app.undo(now()).unwrap();
        assert_eq!(stored_note(&app), original, "one 元に戻す takes the whole typing back");
        assert!(!undone.can_undo, "and it was the only step");
        let redone = app.redo(now()).unwrap();
        assert_eq!(stored_note(&app), "午後２時から");
        assert!(redone.can_undo && !redone.can_redo);

        // The next typing (another id) is a step of its own; so is a save of the same id after another edit.
        save(&mut app, "午後３時から", Some(8));
        let first = item(&redone, "１", 0);
        app.rename_item(&RenameItemRequest { meeting_id: id, item_id: first, title: "開会挨拶".into() }, now())
            .unwrap();
        save(&mut app, "午後３時半から", Some(8));
        app.undo(now()).unwrap();
        assert_eq!(stored_note(&app), "午後３時から");
        assert_eq!(app.ws.load_meeting(id).unwrap().agenda[0].title, "開会挨拶");
        app.undo(now()).unwrap();
        assert_eq!(app.ws.load_meeting(id).unwrap().agenda[0].title, "開会");
        app.undo(now()).unwrap();
        assert_eq!(stored_note(&app), "午後２時から");
        app.undo(now()).unwrap();
        assert_eq!(stored_note(&app), original);
        assert!(matches!(app.undo(now()), Err(AppError::NothingToUndo)));
    }

    #[test]
    fn a_refused_edit_records_nothing_to_undo() {
        let (_dir, mut app, id) = demo();
        let start = app.open_meeting(&OpenMeetingRequest { meeting_id: id }).unwrap();
        let first = item(&start, "１", 0);
        let err = app.indent_item(&IndentItemRequest { meeting_id: id, item_id: first }, now()).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::EditRefused);
        assert!(!err.message_ja().is_empty());
        assert!(!app.open_meeting(&OpenMeetingRequest { meeting_id: id }).unwrap().can_undo);
    }
}
