//! 配付版 (migration 0008): the versions of a meeting's packet that were handed out, each with its parts as they
//! were. Written whole in one transaction; read back for the change report.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::meetings::timestamp;
use crate::Workspace;

/// What kind of PDF a distribution was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DistributionKind {
    /// The whole packet (事前送付, 当日配付).
    Packet,
    /// A 差し替え set: the list page and the changed 資料.
    Replacements,
}

impl DistributionKind {
    fn as_str(self) -> &'static str {
        match self {
            DistributionKind::Packet => "packet",
            DistributionKind::Replacements => "replacements",
        }
    }

    fn parse(s: &str) -> Result<DistributionKind> {
        match s {
            "packet" => Ok(DistributionKind::Packet),
            "replacements" => Ok(DistributionKind::Replacements),
            other => Err(Error::Invalid(format!("distribution kind {other:?}"))),
        }
    }
}

/// One part of a distributed PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistributedPart {
    /// None: the 次第.
    pub material_id: Option<i64>,
    pub label: String,
    pub title: String,
    /// The 資料's kind as stored (`text`, `kpi_table`, …; `shidai` for the 次第).
    pub kind: String,
    /// SHA-256 (hex) of the part as printed.
    pub content_hash: String,
    /// 1-based pages of the part in the distributed PDF.
    pub first_page: u32,
    pub last_page: u32,
    /// What a comparison needs, as JSON.
    pub snapshot: String,
}

/// A distribution to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDistribution {
    pub name: String,
    pub kind: DistributionKind,
    pub distributed_on: Option<NaiveDate>,
    pub pdf_sha256: String,
    pub pages: u32,
    pub layout: String,
    pub parts: Vec<DistributedPart>,
}

/// A recorded distribution (its parts only when read with [`Workspace::distribution`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Distribution {
    pub id: i64,
    pub meeting_id: i64,
    pub name: String,
    pub kind: DistributionKind,
    pub distributed_on: Option<NaiveDate>,
    pub recorded_at: NaiveDateTime,
    pub pdf_sha256: String,
    pub pages: u32,
    pub layout: String,
    pub parts: Vec<DistributedPart>,
}

const COLUMNS: &str = "id, meeting_id, name, kind, distributed_on, recorded_at, pdf_sha256, pages, layout";

fn distribution_of(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Distribution, String, Option<String>, String)> {
    Ok((
        Distribution {
            id: r.get(0)?,
            meeting_id: r.get(1)?,
            name: r.get(2)?,
            kind: DistributionKind::Packet,
            distributed_on: None,
            recorded_at: NaiveDateTime::default(),
            pdf_sha256: r.get(6)?,
            pages: r.get(7)?,
            layout: r.get(8)?,
            parts: Vec::new(),
        },
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn finish((mut d, kind, on, at): (Distribution, String, Option<String>, String)) -> Result<Distribution> {
    d.kind = DistributionKind::parse(&kind)?;
    d.distributed_on = on
        .map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| Error::Invalid(format!("date {t:?}: {e}"))))
        .transpose()?;
    d.recorded_at = NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S")
        .map_err(|e| Error::Invalid(format!("recorded_at {at:?}: {e}")))?;
    Ok(d)
}

impl Workspace {
    /// Records a distribution of `meeting` with all its parts, in one transaction. A name the meeting already
    /// used is refused ([`Error::DistributionExists`]); the meeting itself is not touched.
    pub fn record_distribution(&mut self, meeting: i64, new: &NewDistribution, now: NaiveDateTime) -> Result<i64> {
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row("SELECT count(*) > 0 FROM meeting WHERE id = ?1", [meeting], |r| r.get(0))?;
        if !exists {
            return Err(Error::MeetingNotFound { id: meeting });
        }
        let name = new.name.trim();
        let taken: bool = tx.query_row(
            "SELECT count(*) > 0 FROM distribution WHERE meeting_id = ?1 AND name = ?2",
            params![meeting, name],
            |r| r.get(0),
        )?;
        if taken {
            return Err(Error::DistributionExists { meeting_id: meeting, name: name.to_string() });
        }
        tx.execute(
            "INSERT INTO distribution (meeting_id, name, kind, distributed_on, recorded_at, pdf_sha256, pages, layout)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                meeting,
                name,
                new.kind.as_str(),
                new.distributed_on.map(|d| d.format("%Y-%m-%d").to_string()),
                timestamp(now),
                new.pdf_sha256,
                new.pages,
                new.layout
            ],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut stmt = tx.prepare(
                "INSERT INTO distribution_part (distribution_id, position, material_id, label, title, kind,
                     content_hash, first_page, last_page, snapshot)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for (position, p) in (0i64..).zip(&new.parts) {
                stmt.execute(params![
                    id,
                    position,
                    p.material_id,
                    p.label,
                    p.title,
                    p.kind,
                    p.content_hash,
                    p.first_page,
                    p.last_page,
                    p.snapshot
                ])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// The distributions of `meeting`, oldest first, without their parts.
    pub fn distributions(&self, meeting: i64) -> Result<Vec<Distribution>> {
        let mut stmt =
            self.conn.prepare(&format!("SELECT {COLUMNS} FROM distribution WHERE meeting_id = ?1 ORDER BY id"))?;
        let rows = stmt.query_map([meeting], distribution_of)?.collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().map(finish).collect()
    }

    /// The distribution of `meeting` named `name`, with its parts in print order.
    pub fn distribution(&self, meeting: i64, name: &str) -> Result<Option<Distribution>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM distribution WHERE meeting_id = ?1 AND name = ?2"),
                params![meeting, name.trim()],
                distribution_of,
            )
            .optional()?;
        let Some(row) = row else { return Ok(None) };
        let mut d = finish(row)?;
        let mut stmt = self.conn.prepare(
            "SELECT material_id, label, title, kind, content_hash, first_page, last_page, snapshot
             FROM distribution_part WHERE distribution_id = ?1 ORDER BY position",
        )?;
        d.parts = stmt
            .query_map([d.id], |r| {
                Ok(DistributedPart {
                    material_id: r.get(0)?,
                    label: r.get(1)?,
                    title: r.get(2)?,
                    kind: r.get(3)?,
                    content_hash: r.get(4)?,
                    first_page: r.get(5)?,
                    last_page: r.get(6)?,
                    snapshot: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(d))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn part(label: &str) -> DistributedPart {
        DistributedPart {
            material_id: None,
            label: label.to_string(),
            title: "次第".into(),
            kind: "shidai".into(),
            content_hash: "a".repeat(64),
            first_page: 1,
            last_page: 2,
            snapshot: "{}".into(),
        }
    }

    #[test]
    fn a_distribution_is_kept_whole_and_its_name_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.shiryo");
        let mut ws = Workspace::create(&path).unwrap();
        let meeting = ws.create_meeting(&shiryo_core::MeetingHeader::default(), now()).unwrap();
        let new = NewDistribution {
            name: " 事前送付 ".into(),
            kind: DistributionKind::Packet,
            distributed_on: NaiveDate::from_ymd_opt(2023, 5, 30),
            pdf_sha256: "b".repeat(64),
            pages: 2,
            layout: "{}".into(),
            parts: vec![part("次第")],
        };
        ws.record_distribution(meeting, &new, now()).unwrap();
        assert!(matches!(
            ws.record_distribution(meeting, &new, now()),
            Err(Error::DistributionExists { ref name, .. }) if name == "事前送付"
        ));
        let bad = NewDistribution { pdf_sha256: "short".into(), ..new.clone() };
        let bad = NewDistribution { name: "二回目".into(), ..bad };
        assert!(ws.record_distribution(meeting, &bad, now()).is_err(), "a CHECK refuses it");
        drop(ws);

        let ws = Workspace::open(&path).unwrap();
        let all = ws.distributions(meeting).unwrap();
        assert_eq!(
            all.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
            ["事前送付"],
            "the refused one left nothing"
        );
        let d = ws.distribution(meeting, "事前送付").unwrap().unwrap();
        assert_eq!((d.pages, d.distributed_on, d.recorded_at), (2, NaiveDate::from_ymd_opt(2023, 5, 30), now()));
        assert_eq!(d.parts, vec![part("次第")]);
        assert!(ws.distribution(meeting, "当日配付").unwrap().is_none());
    }
}
