//! Edits of a meeting from the 次第 editor: header, agenda items, the order of 資料. Each edit is one transaction
//! that renumbers positions densely (1, 2, 3 …) and bumps the meeting's `updated_at`. Undo is the app's history
//! over scoped snapshots of rows (`rows.rs`).

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Transaction};
use shiryo_core::MeetingHeader;

use crate::error::{Error, Refusal, Result};
use crate::meetings::timestamp;
use crate::Workspace;
use crate::{NewAgendaItem, NewMeeting};

/// Agenda levels a meeting may have: １ → (1) → ア → (ア) → a → (a).
pub use shiryo_core::limits::MAX_AGENDA_DEPTH;

/// The title of a meeting created from nothing.
pub const NEW_MEETING_TITLE: &str = "新しい会議";

/// Where a new agenda item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPlace {
    /// Right after this item, at its level.
    After(i64),
    /// Last child of this item, or last top-level item for `None`.
    LastChildOf(Option<i64>),
}

/// One step up (towards the first) or down among siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

/// Lines as stored: each trimmed at the end, blank lines dropped (they would print as empty lines).
fn clean_lines(lines: &[String]) -> String {
    lines.iter().map(|l| l.trim_end()).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

pub(crate) fn clean_title(title: &str) -> Result<String> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Refused(Refusal::EmptyTitle));
    }
    if title.contains('\n') {
        return Err(Error::Refused(Refusal::MultiLineTitle));
    }
    Ok(title.to_string())
}

pub(crate) fn touch(tx: &Transaction<'_>, meeting: i64, now: NaiveDateTime) -> Result<()> {
    let changed = tx.execute("UPDATE meeting SET updated_at = ?2 WHERE id = ?1", params![meeting, timestamp(now)])?;
    if changed == 0 {
        return Err(Error::MeetingNotFound { id: meeting });
    }
    Ok(())
}

/// The agenda items of a meeting as (id, parent) in sibling order.
pub(crate) fn items(tx: &Transaction<'_>, meeting: i64) -> Result<Vec<(i64, Option<i64>)>> {
    let mut stmt = tx.prepare("SELECT id, parent_id FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id")?;
    let rows = stmt.query_map([meeting], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn parent_of(items: &[(i64, Option<i64>)], meeting: i64, item: i64) -> Result<Option<i64>> {
    items
        .iter()
        .find(|(id, _)| *id == item)
        .map(|(_, parent)| *parent)
        .ok_or(Error::ItemNotFound { meeting_id: meeting, item_id: item })
}

pub(crate) fn siblings(items: &[(i64, Option<i64>)], parent: Option<i64>) -> Vec<i64> {
    items.iter().filter(|(_, p)| *p == parent).map(|(id, _)| *id).collect()
}

/// Levels above `item` (0 for a top-level item).
pub(crate) fn depth(items: &[(i64, Option<i64>)], item: i64) -> usize {
    let mut depth = 0;
    let mut current = items.iter().find(|(id, _)| *id == item).and_then(|(_, p)| *p);
    while let Some(parent) = current {
        depth += 1;
        if depth > MAX_AGENDA_DEPTH * 8 {
            break;
        }
        current = items.iter().find(|(id, _)| *id == parent).and_then(|(_, p)| *p);
    }
    depth
}

/// Levels of `item` and everything under it (1 for a leaf).
pub(crate) fn height(items: &[(i64, Option<i64>)], item: i64) -> usize {
    fn walk(items: &[(i64, Option<i64>)], item: i64, guard: usize) -> usize {
        if guard > MAX_AGENDA_DEPTH * 8 {
            return guard;
        }
        1 + items.iter().filter(|(_, p)| *p == Some(item)).map(|(id, _)| walk(items, *id, guard + 1)).max().unwrap_or(0)
    }
    walk(items, item, 0)
}

/// Writes `ids` as the children of `parent` in this order, positions 1, 2, 3 …
pub(crate) fn place(tx: &Transaction<'_>, parent: Option<i64>, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare("UPDATE agenda_item SET parent_id = ?2, position = ?3 WHERE id = ?1")?;
    for (position, id) in (1i64..).zip(ids) {
        stmt.execute(params![id, parent, position])?;
    }
    Ok(())
}

/// The 資料 of an item in order.
pub(crate) fn materials_of(tx: &Transaction<'_>, item: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare("SELECT id FROM material WHERE agenda_item_id = ?1 ORDER BY position, id")?;
    let rows = stmt.query_map([item], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn place_materials(tx: &Transaction<'_>, item: i64, ids: &[i64]) -> Result<()> {
    let mut stmt = tx.prepare("UPDATE material SET agenda_item_id = ?2, position = ?3 WHERE id = ?1")?;
    for (position, id) in (1i64..).zip(ids) {
        stmt.execute(params![id, item, position])?;
    }
    Ok(())
}

/// The agenda item a 資料 of this meeting is attached to.
pub(crate) fn material_item(tx: &Transaction<'_>, meeting: i64, material: i64) -> Result<i64> {
    tx.query_row(
        "SELECT m.agenda_item_id FROM material m JOIN agenda_item a ON a.id = m.agenda_item_id
         WHERE m.id = ?1 AND a.meeting_id = ?2",
        params![material, meeting],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::MaterialNotFound { meeting_id: meeting, material_id: material })
}

impl Workspace {
    /// Runs one edit of `meeting` in a transaction and bumps its `updated_at`.
    pub(crate) fn edit<T>(
        &mut self,
        meeting: i64,
        now: NaiveDateTime,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self.conn.transaction()?;
        touch(&tx, meeting, now)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A new meeting with the usual skeleton: １ 開会, ２ 議題, ３ 閉会; no date yet.
    pub fn create_meeting(&mut self, header: &MeetingHeader, now: NaiveDateTime) -> Result<i64> {
        let split = |lines: &[String]| -> Vec<String> {
            let joined = clean_lines(lines);
            if joined.is_empty() {
                Vec::new()
            } else {
                joined.split('\n').map(String::from).collect()
            }
        };
        let header = MeetingHeader {
            title_lines: split(&header.title_lines),
            date: header.date,
            time_note: header.time_note.trim().to_string(),
            place_lines: split(&header.place_lines),
        };
        let item = |title: &str| NewAgendaItem { title: title.to_string(), materials: vec![], children: vec![] };
        self.insert_meeting(&NewMeeting { header, agenda: vec![item("開会"), item("議題"), item("閉会")] }, now)
    }

    /// Replaces the header: title lines, date (or none), time note, place lines. Blank lines are dropped.
    pub fn update_header(&mut self, meeting: i64, header: &MeetingHeader, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            tx.execute(
                "UPDATE meeting SET title_lines = ?2, date = ?3, time_note = ?4, place_lines = ?5 WHERE id = ?1",
                params![
                    meeting,
                    clean_lines(&header.title_lines),
                    header.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    header.time_note.trim(),
                    clean_lines(&header.place_lines)
                ],
            )?;
            Ok(())
        })
    }

    /// Deletes a meeting with its agenda, 資料 and KPI tables.
    pub fn delete_meeting(&mut self, meeting: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        if tx.execute("DELETE FROM meeting WHERE id = ?1", [meeting])? == 0 {
            return Err(Error::MeetingNotFound { id: meeting });
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds an agenda item and returns its id.
    pub fn add_item(&mut self, meeting: i64, place_at: ItemPlace, title: &str, now: NaiveDateTime) -> Result<i64> {
        let title = clean_title(title)?;
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let (parent, index) = match place_at {
                ItemPlace::After(item) => {
                    let parent = parent_of(&all, meeting, item)?;
                    let index = siblings(&all, parent).iter().position(|id| *id == item).map_or(0, |i| i + 1);
                    (parent, index)
                }
                ItemPlace::LastChildOf(parent) => {
                    if let Some(parent) = parent {
                        parent_of(&all, meeting, parent)?;
                    }
                    (parent, siblings(&all, parent).len())
                }
            };
            let new_depth = parent.map_or(0, |p| depth(&all, p) + 1);
            if new_depth >= MAX_AGENDA_DEPTH {
                return Err(Error::Refused(Refusal::TooDeep));
            }
            tx.execute(
                "INSERT INTO agenda_item (meeting_id, parent_id, position, title) VALUES (?1, ?2, 0, ?3)",
                params![meeting, parent, title],
            )?;
            let id = tx.last_insert_rowid();
            let mut ids = siblings(&all, parent);
            ids.insert(index.min(ids.len()), id);
            place(tx, parent, &ids)?;
            Ok(id)
        })
    }

    /// Changes the title of an agenda item.
    pub fn rename_item(&mut self, meeting: i64, item: i64, title: &str, now: NaiveDateTime) -> Result<()> {
        let title = clean_title(title)?;
        self.edit(meeting, now, |tx| {
            let changed = tx.execute(
                "UPDATE agenda_item SET title = ?3 WHERE id = ?1 AND meeting_id = ?2",
                params![item, meeting, title],
            )?;
            if changed == 0 {
                return Err(Error::ItemNotFound { meeting_id: meeting, item_id: item });
            }
            Ok(())
        })
    }

    /// Deletes an agenda item with its sub-items and their 資料 (the UI confirms first; undo brings them back).
    pub fn delete_item(&mut self, meeting: i64, item: i64, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let parent = parent_of(&all, meeting, item)?;
            tx.execute("DELETE FROM agenda_item WHERE id = ?1", [item])?;
            let rest: Vec<i64> = siblings(&all, parent).into_iter().filter(|id| *id != item).collect();
            place(tx, parent, &rest)
        })
    }

    /// Swaps an agenda item with its previous or next sibling.
    pub fn move_item(&mut self, meeting: i64, item: i64, direction: Direction, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let parent = parent_of(&all, meeting, item)?;
            let mut ids = siblings(&all, parent);
            let index = ids.iter().position(|id| *id == item).unwrap_or(0);
            let other = match direction {
                Direction::Up => index.checked_sub(1).ok_or(Error::Refused(Refusal::AlreadyFirst))?,
                Direction::Down => {
                    Some(index + 1).filter(|i| *i < ids.len()).ok_or(Error::Refused(Refusal::AlreadyLast))?
                }
            };
            ids.swap(index, other);
            place(tx, parent, &ids)
        })
    }

    /// Makes an item the last child of its previous sibling.
    pub fn indent_item(&mut self, meeting: i64, item: i64, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let parent = parent_of(&all, meeting, item)?;
            let ids = siblings(&all, parent);
            let index = ids.iter().position(|id| *id == item).unwrap_or(0);
            let new_parent = index
                .checked_sub(1)
                .and_then(|i| ids.get(i))
                .copied()
                .ok_or(Error::Refused(Refusal::NoPreviousSibling))?;
            if depth(&all, item) + 1 + height(&all, item) > MAX_AGENDA_DEPTH {
                return Err(Error::Refused(Refusal::TooDeep));
            }
            let rest: Vec<i64> = ids.iter().copied().filter(|id| *id != item).collect();
            let mut children = siblings(&all, Some(new_parent));
            children.push(item);
            place(tx, Some(new_parent), &children)?;
            place(tx, parent, &rest)
        })
    }

    /// Makes an item the next sibling of its parent; the siblings after it stay with the old parent.
    pub fn outdent_item(&mut self, meeting: i64, item: i64, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let all = items(tx, meeting)?;
            let parent = parent_of(&all, meeting, item)?.ok_or(Error::Refused(Refusal::AlreadyTopLevel))?;
            let grandparent = parent_of(&all, meeting, parent)?;
            let rest: Vec<i64> = siblings(&all, Some(parent)).into_iter().filter(|id| *id != item).collect();
            let mut outer = siblings(&all, grandparent);
            let at = outer.iter().position(|id| *id == parent).map_or(outer.len(), |i| i + 1);
            outer.insert(at, item);
            place(tx, Some(parent), &rest)?;
            place(tx, grandparent, &outer)
        })
    }

    /// Swaps a 資料 with the previous or next one of the same agenda item (its label changes with it).
    pub fn move_material(
        &mut self,
        meeting: i64,
        material: i64,
        direction: Direction,
        now: NaiveDateTime,
    ) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let item = material_item(tx, meeting, material)?;
            let mut ids = materials_of(tx, item)?;
            let index = ids.iter().position(|id| *id == material).unwrap_or(0);
            let other = match direction {
                Direction::Up => index.checked_sub(1).ok_or(Error::Refused(Refusal::AlreadyFirst))?,
                Direction::Down => {
                    Some(index + 1).filter(|i| *i < ids.len()).ok_or(Error::Refused(Refusal::AlreadyLast))?
                }
            };
            ids.swap(index, other);
            place_materials(tx, item, &ids)
        })
    }

    /// Attaches a 資料 to another agenda item of the same meeting, as its last 資料.
    pub fn attach_material(&mut self, meeting: i64, material: i64, item: i64, now: NaiveDateTime) -> Result<()> {
        self.edit(meeting, now, |tx| {
            let from = material_item(tx, meeting, material)?;
            parent_of(&items(tx, meeting)?, meeting, item)?;
            if from == item {
                return Ok(());
            }
            let rest: Vec<i64> = materials_of(tx, from)?.into_iter().filter(|id| *id != material).collect();
            let mut target = materials_of(tx, item)?;
            target.push(material);
            place_materials(tx, from, &rest)?;
            place_materials(tx, item, &target)
        })
    }

    /// When the meeting was last changed (`updated_at` as stored).
    pub fn meeting_updated_at(&self, meeting: i64) -> Result<String> {
        self.conn
            .query_row("SELECT updated_at FROM meeting WHERE id = ?1", [meeting], |r| r.get(0))
            .optional()?
            .ok_or(Error::MeetingNotFound { id: meeting })
    }
}

#[cfg(test)]
mod tests;
