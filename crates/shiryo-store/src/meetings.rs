//! Meetings, their agenda trees and 資料: insert a whole meeting, list, load, duplicate.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Transaction};
use shiryo_core::{AgendaItem, Material, MaterialKind, Meeting, MeetingHeader};

use crate::error::{Error, Result};
use crate::Workspace;

/// A file a 資料 is built from, kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MaterialFile {
    /// What the file is to the 資料: `source`, `old`, `new`, `pairs`, `pdf`.
    pub role: String,
    pub file_name: String,
    pub media_type: String,
    pub content: Vec<u8>,
}

/// A 資料 to insert, with its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMaterial {
    pub title: String,
    pub kind: MaterialKind,
    /// The body of a text 資料.
    pub text: Option<String>,
    pub files: Vec<MaterialFile>,
}

/// An agenda item to insert, with its 資料 and sub-items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAgendaItem {
    pub title: String,
    pub materials: Vec<NewMaterial>,
    pub children: Vec<NewAgendaItem>,
}

/// A whole meeting to insert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub header: MeetingHeader,
    pub agenda: Vec<NewAgendaItem>,
}

/// A meeting in the workspace's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub id: i64,
    pub header: MeetingHeader,
    pub material_count: u32,
}

fn join_lines(lines: &[String]) -> String {
    lines.join("\n")
}

fn split_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

fn parse_date(text: Option<String>) -> Result<Option<NaiveDate>> {
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| Error::Invalid(format!("meeting date {t:?}: {e}")))
    })
    .transpose()
}

pub(crate) fn timestamp(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `true` when a 資料 has neither text nor files.
const MATERIAL_EMPTY_SQL: &str =
    "NOT EXISTS (SELECT 1 FROM material_text t WHERE t.material_id = m.id AND t.body <> '') \
     AND NOT EXISTS (SELECT 1 FROM material_file f WHERE f.material_id = m.id)";

impl Workspace {
    /// Every meeting, newest date first; meetings without a date (being prepared) come first.
    pub fn list_meetings(&self) -> Result<Vec<MeetingRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT mt.id, mt.title_lines, mt.date, mt.time_note, mt.place_lines,
                    (SELECT count(*) FROM material m JOIN agenda_item a ON a.id = m.agenda_item_id
                      WHERE a.meeting_id = mt.id)
             FROM meeting mt ORDER BY mt.date IS NOT NULL, mt.date DESC, mt.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
                r.get(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, date, time_note, place, material_count) = row?;
            out.push(MeetingRow {
                id,
                header: MeetingHeader {
                    title_lines: split_lines(&title),
                    date: parse_date(date)?,
                    time_note,
                    place_lines: split_lines(&place),
                },
                material_count,
            });
        }
        Ok(out)
    }

    /// One meeting with its agenda tree and the 資料 of each item.
    pub fn load_meeting(&self, id: i64) -> Result<Meeting> {
        let header = self
            .conn
            .query_row("SELECT title_lines, date, time_note, place_lines FROM meeting WHERE id = ?1", [id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })
            .optional()?
            .ok_or(Error::MeetingNotFound { id })?;
        let header = MeetingHeader {
            title_lines: split_lines(&header.0),
            date: parse_date(header.1)?,
            time_note: header.2,
            place_lines: split_lines(&header.3),
        };

        // (id, parent, title) in sibling order; the tree is rebuilt below.
        let mut stmt = self
            .conn
            .prepare("SELECT id, parent_id, title FROM agenda_item WHERE meeting_id = ?1 ORDER BY position, id")?;
        let items: Vec<(i64, Option<i64>, String)> =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT m.id, m.agenda_item_id, m.title, m.kind, {MATERIAL_EMPTY_SQL}
             FROM material m JOIN agenda_item a ON a.id = m.agenda_item_id
             WHERE a.meeting_id = ?1 ORDER BY m.position, m.id"
        ))?;
        let materials: Vec<(i64, i64, String, String, bool)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<Result<_, _>>()?;

        fn build(
            parent: Option<i64>,
            items: &[(i64, Option<i64>, String)],
            materials: &[(i64, i64, String, String, bool)],
            depth: usize,
        ) -> Result<Vec<AgendaItem>> {
            if depth > 32 {
                return Err(Error::Invalid("agenda nested deeper than 32 levels".into()));
            }
            items
                .iter()
                .filter(|(_, p, _)| *p == parent)
                .map(|(id, _, title)| {
                    let own = materials
                        .iter()
                        .filter(|m| m.1 == *id)
                        .map(|(mid, _, title, kind, empty)| {
                            let kind = MaterialKind::from_code(kind)
                                .ok_or_else(|| Error::Invalid(format!("material kind {kind:?}")))?;
                            Ok(Material { id: *mid, title: title.clone(), kind, empty: *empty })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    Ok(AgendaItem {
                        id: *id,
                        title: title.clone(),
                        materials: own,
                        children: build(Some(*id), items, materials, depth + 1)?,
                    })
                })
                .collect()
        }
        let agenda = build(None, &items, &materials, 0)?;
        Ok(Meeting { id, header, agenda })
    }

    /// Inserts a whole meeting in one transaction and returns its id.
    pub fn insert_meeting(&mut self, meeting: &NewMeeting, now: NaiveDateTime) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let id = insert_meeting_tx(&tx, meeting, now)?;
        tx.commit()?;
        Ok(id)
    }

    /// The text body of a 資料 (None when it has none).
    pub fn material_text(&self, material_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT body FROM material_text WHERE material_id = ?1", [material_id], |r| r.get(0))
            .optional()?)
    }

    /// The files a 資料 is built from, in the order they were added.
    pub fn material_files(&self, material_id: i64) -> Result<Vec<MaterialFile>> {
        let mut stmt = self.conn.prepare(
            "SELECT role, file_name, media_type, content FROM material_file WHERE material_id = ?1 ORDER BY id",
        )?;
        let files = stmt
            .query_map([material_id], |r| {
                Ok(MaterialFile { role: r.get(0)?, file_name: r.get(1)?, media_type: r.get(2)?, content: r.get(3)? })
            })?
            .collect::<Result<_, _>>()?;
        Ok(files)
    }

    /// The first file of a 資料 with this role (None when it has none): reads one file, not all of them.
    pub fn material_file(&self, material_id: i64, role: &str) -> Result<Option<MaterialFile>> {
        Ok(self
            .conn
            .query_row(
                "SELECT role, file_name, media_type, content FROM material_file WHERE material_id = ?1 AND role = ?2
                 ORDER BY id LIMIT 1",
                params![material_id, role],
                |r| {
                    Ok(MaterialFile {
                        role: r.get(0)?,
                        file_name: r.get(1)?,
                        media_type: r.get(2)?,
                        content: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Starts the next meeting from a past one, the secretariat's habit: same title, place, agenda and 資料
    /// (with their content), but no date — it is decided anew.
    pub fn duplicate_meeting(&mut self, id: i64, now: NaiveDateTime) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM meeting WHERE id = ?1)", [id], |r| r.get(0))?;
        if !exists {
            return Err(Error::MeetingNotFound { id });
        }
        let stamp = timestamp(now);
        tx.execute(
            "INSERT INTO meeting (title_lines, date, time_note, place_lines, created_at, updated_at)
             SELECT title_lines, NULL, time_note, place_lines, ?2, ?2 FROM meeting WHERE id = ?1",
            params![id, stamp],
        )?;
        let new_id = tx.last_insert_rowid();
        copy_items(&tx, id, new_id, None, None)?;
        tx.commit()?;
        Ok(new_id)
    }
}

/// Copies the agenda items under `old_parent` of meeting `from` to `new_parent` of meeting `to`, with 資料.
fn copy_items(
    tx: &Transaction<'_>,
    from: i64,
    to: i64,
    old_parent: Option<i64>,
    new_parent: Option<i64>,
) -> Result<()> {
    let items: Vec<(i64, i64, String)> = {
        let mut stmt = tx.prepare(
            "SELECT id, position, title FROM agenda_item WHERE meeting_id = ?1 AND parent_id IS ?2 ORDER BY position, id",
        )?;
        let rows = stmt.query_map(params![from, old_parent], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (old_id, position, title) in items {
        tx.execute(
            "INSERT INTO agenda_item (meeting_id, parent_id, position, title) VALUES (?1, ?2, ?3, ?4)",
            params![to, new_parent, position, title],
        )?;
        let new_id = tx.last_insert_rowid();
        let materials: Vec<i64> = {
            let mut stmt = tx.prepare("SELECT id FROM material WHERE agenda_item_id = ?1 ORDER BY position, id")?;
            let rows = stmt.query_map([old_id], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        for old_material in materials {
            tx.execute(
                "INSERT INTO material (agenda_item_id, position, title, kind)
                 SELECT ?2, position, title, kind FROM material WHERE id = ?1",
                params![old_material, new_id],
            )?;
            let new_material = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO material_text (material_id, body) SELECT ?2, body FROM material_text WHERE material_id = ?1",
                params![old_material, new_material],
            )?;
            tx.execute(
                "INSERT INTO material_file (material_id, role, file_name, media_type, content)
                 SELECT ?2, role, file_name, media_type, content FROM material_file WHERE material_id = ?1 ORDER BY id",
                params![old_material, new_material],
            )?;
            crate::shinkyu::copy_shinkyu(tx, old_material, new_material)?;
            tx.execute(
                "INSERT INTO table_layout (material_id, layout, updated_at)
                 SELECT ?2, layout, updated_at FROM table_layout WHERE material_id = ?1",
                params![old_material, new_material],
            )?;
        }
        copy_items(tx, from, to, Some(old_id), Some(new_id))?;
    }
    Ok(())
}

fn insert_meeting_tx(tx: &Transaction<'_>, meeting: &NewMeeting, now: NaiveDateTime) -> Result<i64> {
    let h = &meeting.header;
    let stamp = timestamp(now);
    tx.execute(
        "INSERT INTO meeting (title_lines, date, time_note, place_lines, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            join_lines(&h.title_lines),
            h.date.map(|d| d.format("%Y-%m-%d").to_string()),
            h.time_note,
            join_lines(&h.place_lines),
            stamp
        ],
    )?;
    let id = tx.last_insert_rowid();
    insert_items(tx, id, None, &meeting.agenda)?;
    Ok(id)
}

fn insert_items(tx: &Transaction<'_>, meeting: i64, parent: Option<i64>, items: &[NewAgendaItem]) -> Result<()> {
    for (position, item) in (1i64..).zip(items) {
        tx.execute(
            "INSERT INTO agenda_item (meeting_id, parent_id, position, title) VALUES (?1, ?2, ?3, ?4)",
            params![meeting, parent, position, item.title],
        )?;
        let item_id = tx.last_insert_rowid();
        for (m_position, material) in (1i64..).zip(&item.materials) {
            tx.execute(
                "INSERT INTO material (agenda_item_id, position, title, kind) VALUES (?1, ?2, ?3, ?4)",
                params![item_id, m_position, material.title, material.kind.code()],
            )?;
            let material_id = tx.last_insert_rowid();
            if let Some(text) = &material.text {
                tx.execute(
                    "INSERT INTO material_text (material_id, body) VALUES (?1, ?2)",
                    params![material_id, text],
                )?;
            }
            for f in &material.files {
                tx.execute(
                    "INSERT INTO material_file (material_id, role, file_name, media_type, content) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![material_id, f.role, f.file_name, f.media_type, f.content],
                )?;
            }
        }
        insert_items(tx, meeting, Some(item_id), &item.children)?;
    }
    Ok(())
}
