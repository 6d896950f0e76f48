//! What a recorded version (配付版) keeps of each part of a packet, and how a print becomes one: the snapshot of
//! the 次第 and each 資料 (page texts and hashes, the text or the table rows), the layout choices, and the
//! [`Recording`] an export hands back to be written. The change report (module `distribution`) compares these;
//! the export makes them while it prints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shiryo_core::Meeting;
use shiryo_print::{Content, PageBody, Part, PartBodies};
use shiryo_store::{DistributedPart, DistributionKind, NewDistribution};

use crate::dto::{DistributionChoice, ExportRequest, Recording};
use crate::error::AppError;
use crate::Result;

/// What a comparison needs of one part, stored as JSON with the version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Snapshot {
    pub(crate) pages: Vec<PageSnap>,
    pub(crate) body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PageSnap {
    pub(crate) text: String,
    pub(crate) hash: String,
}

/// The content in the form its kind is compared in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Body {
    /// A text 資料: compared through the 新旧 engine.
    Text { text: String },
    /// Tables (表, KPI, 新旧 資料, CSV): compared row by row.
    Rows { sections: Vec<Section> },
    /// An imported or Office PDF, the 次第, an empty 資料: compared page by page.
    Pages,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Section {
    pub(crate) title: String,
    pub(crate) columns: Vec<String>,
    pub(crate) rows: Vec<Vec<String>>,
}

/// The layout choices a version was printed with (stored as its `layout` JSON).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub(crate) struct Choices {
    #[serde(default)]
    pub(crate) continuous_page_numbers: bool,
    #[serde(default)]
    pub(crate) duplex: bool,
    #[serde(default)]
    pub(crate) hakushi: bool,
    /// For a 差し替え set: the version whose pages it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) base: Option<String>,
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

pub(crate) fn body_of(content: &Content) -> Body {
    let grid_sections = |grids: &[shiryo_print::Grid]| {
        grids
            .iter()
            .map(|g| Section {
                title: if g.title.is_empty() { g.caption.clone() } else { g.title.clone() },
                columns: g.columns.iter().map(|c| c.title.replace('\n', "")).collect(),
                rows: g.rows.clone(),
            })
            .collect()
    };
    match content {
        Content::Text(text) => Body::Text { text: text.clone() },
        Content::Table(print) => Body::Rows { sections: grid_sections(&print.sections) },
        Content::Kpi(kpi) => Body::Rows {
            sections: kpi
                .sections
                .iter()
                .map(|s| match s {
                    shiryo_print::KpiSection::Table(t) => Section {
                        title: t.title.clone(),
                        columns: t.columns.iter().map(|c| c.title.replace('\n', "")).collect(),
                        rows: t.rows.clone(),
                    },
                    shiryo_print::KpiSection::Rollup(r) => Section {
                        title: r.title.clone(),
                        columns: ["分野", "事業数", "KPI設定事業数", "達成", "一部達成"].map(String::from).to_vec(),
                        rows: r
                            .rows
                            .iter()
                            .map(|row| {
                                vec![
                                    if row.field.is_empty() { row.part.clone() } else { row.field.clone() },
                                    row.projects.map(|n| n.to_string()).unwrap_or_default(),
                                    row.kpi_projects.to_string(),
                                    row.achieved.to_string(),
                                    row.partially_achieved.to_string(),
                                ]
                            })
                            .collect(),
                    },
                })
                .collect(),
        },
        Content::Comparison(c) => Body::Rows {
            sections: vec![Section {
                title: c.caption.clone().unwrap_or_default(),
                columns: c.headings.to_vec(),
                rows: c.rows.iter().map(|[l, r]| vec![l.text.clone(), r.text.clone()]).collect(),
            }],
        },
        Content::ShinkyuPairs(_, bytes) => {
            // An unreadable file cannot have printed: the export refused it, so nothing was recorded from it.
            let pairs = shiryo_print::packet::shinkyu_pairs(bytes).unwrap_or_default();
            Body::Rows {
                sections: vec![Section {
                    title: String::new(),
                    columns: vec!["新".into(), "旧".into()],
                    rows: pairs.into_iter().map(|p| vec![p.new_text, p.old_text]).collect(),
                }],
            }
        }
        Content::Csv(files) => Body::Rows {
            sections: files
                .iter()
                .map(|(name, bytes)| {
                    let mut rows = shiryo_print::packet::csv_records(bytes).unwrap_or_default();
                    let columns = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
                    Section { title: name.clone(), columns, rows }
                })
                .collect(),
        },
        Content::Pdf(..) | Content::Empty => Body::Pages,
    }
}

/// One part of a print: what the version records and the report compares.
#[derive(Debug, Clone)]
pub(crate) struct PartNow {
    pub(crate) material_id: Option<i64>,
    pub(crate) label: String,
    pub(crate) title: String,
    pub(crate) kind: String,
    pub(crate) first_page: u32,
    pub(crate) last_page: u32,
    pub(crate) snapshot: Snapshot,
}

impl PartNow {
    pub(crate) fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.title.as_bytes());
        h.update([0]);
        for p in &self.snapshot.pages {
            h.update(p.hash.as_bytes());
        }
        if let Body::Text { text } = &self.snapshot.body {
            h.update(text.as_bytes());
        }
        format!("{:x}", h.finalize())
    }

    pub(crate) fn stored(&self) -> Result<DistributedPart> {
        Ok(DistributedPart {
            material_id: self.material_id,
            label: self.label.clone(),
            title: self.title.clone(),
            kind: self.kind.clone(),
            content_hash: self.content_hash(),
            first_page: self.first_page,
            last_page: self.last_page,
            snapshot: serde_json::to_string(&self.snapshot)
                .map_err(|e| AppError::Snapshot(format!("snapshot: {e}")))?,
        })
    }
}

/// The parts of a packet laid out with page bodies: the 次第 and each 資料, with their 1-based page ranges.
pub(crate) fn parts_of(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    bodies: &[PartBodies],
    materials: &[(String, usize, usize)],
) -> Vec<PartNow> {
    let pages = |part: Part| -> Vec<PageSnap> {
        bodies
            .iter()
            .find(|b| b.part == part)
            .map(|b| {
                b.pages
                    .iter()
                    .map(|PageBody { text, hash }| PageSnap { text: text.clone(), hash: hash.clone() })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    let shidai_pages = pages(Part::Shidai);
    if !shidai_pages.is_empty() {
        let n = u32::try_from(shidai_pages.len()).unwrap_or(u32::MAX);
        out.push(PartNow {
            material_id: None,
            label: "次第".into(),
            title: meeting.header.title_lines.concat(),
            kind: "shidai".into(),
            first_page: 1,
            last_page: n,
            snapshot: Snapshot { pages: shidai_pages, body: Body::Pages },
        });
    }
    let numbered = meeting.numbered_materials();
    for (m, (_, first, count)) in numbered.iter().zip(materials) {
        let first = u32::try_from(*first).unwrap_or(u32::MAX);
        let count = u32::try_from(*count).unwrap_or(u32::MAX);
        let body = contents.get(&m.material.id).map_or(Body::Pages, body_of);
        out.push(PartNow {
            material_id: Some(m.material.id),
            label: m.label.clone(),
            title: m.material.title.clone(),
            kind: m.material.kind.code().to_string(),
            first_page: first,
            last_page: first + count.saturating_sub(1),
            snapshot: Snapshot { pages: pages(Part::Material(m.material.id)), body },
        });
    }
    out
}

/// Builds the recording of a packet print (`printed` laid out with page bodies) as choice `choice`.
pub(crate) fn recording(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    req: &ExportRequest,
    choice: &DistributionChoice,
    printed: &shiryo_print::Printed,
) -> Result<Recording> {
    // Printed::materials has 1-based first pages, as parts_of wants them.
    let parts = parts_of(meeting, contents, &printed.bodies, &printed.materials);
    let choices = Choices {
        continuous_page_numbers: req.continuous_page_numbers,
        duplex: req.duplex,
        hakushi: req.blank_page == crate::BlankPageStyle::Hakushi,
        base: None,
    };
    Ok(Recording {
        meeting_id: meeting.id,
        new: NewDistribution {
            name: choice.name.trim().to_string(),
            kind: DistributionKind::Packet,
            distributed_on: choice.date,
            pdf_sha256: sha256_hex(&printed.bytes),
            pages: u32::try_from(printed.pages).unwrap_or(u32::MAX),
            layout: serde_json::to_string(&choices).map_err(|e| AppError::Snapshot(format!("layout: {e}")))?,
            parts: parts.iter().map(PartNow::stored).collect::<Result<_>>()?,
        },
    })
}

/// Refuses a version name that is empty or already used by the meeting, before anything is printed.
pub(crate) fn check_name(ws: &shiryo_store::Workspace, meeting: i64, name: &str) -> Result<()> {
    let name = name.trim();
    crate::validate::title("配付版の名前", name)?;
    if ws.distribution(meeting, name)?.is_some() {
        return Err(shiryo_store::Error::DistributionExists { meeting_id: meeting, name: name.to_string() }.into());
    }
    Ok(())
}

pub(crate) fn part_from(stored: &DistributedPart) -> Result<PartNow> {
    let snapshot: Snapshot = serde_json::from_str(&stored.snapshot)
        .map_err(|e| AppError::Snapshot(format!("stored snapshot of {}: {e}", stored.label)))?;
    Ok(PartNow {
        material_id: stored.material_id,
        label: stored.label.clone(),
        title: stored.title.clone(),
        kind: stored.kind.clone(),
        first_page: stored.first_page,
        last_page: stored.last_page,
        snapshot,
    })
}

pub(crate) fn pages(p: &PartNow) -> Option<[u32; 2]> {
    (p.last_page >= p.first_page && !p.snapshot.pages.is_empty()).then_some([p.first_page, p.last_page])
}
