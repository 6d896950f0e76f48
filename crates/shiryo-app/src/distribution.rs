//! 配付版 and 差し替え: a packet recorded as it was handed out (事前送付), the report of what changed since, and
//! the set of replacement pages to send.
//!
//! A recorded version keeps, for the 次第 and each 資料, its label, title, kind, page range in the distributed PDF,
//! a hash of it as printed and a snapshot of what a comparison needs (see [`Snapshot`]). The report lays the
//! meeting out again with the same choices and compares part by part, each kind with our own engines: text through
//! the 新旧 engine (the changed 字句 marked), tables (表, KPI, 新旧 資料) row by row and cell by cell, imported and
//! Office PDFs page by page (the page's text, else a hash of what the page draws).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use shiryo_store::{DistributedPart, DistributionKind, NewDistribution, Workspace};
use ts_rs::TS;

pub use crate::dto::{DistributionChoice, Recording};
use crate::error::AppError;
use crate::snapshot::{pages, part_from, parts_of, sha256_hex, Body, Choices, PageSnap, PartNow, Section, Snapshot};
use crate::{App, ExportProgress, ExportRequest, Result};

/// A recorded version of a meeting's packet, as the app lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DistributionSummary {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    /// A whole packet or a 差し替え set.
    pub replacements: bool,
    /// 令和５年５月３０日.
    pub date_label: String,
    /// 2023-05-30 09:00.
    pub recorded_at: String,
    pub pages: u32,
    pub pdf_sha256: String,
}

/// Which meeting's 配付版 to list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DistributionsRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// The change report of a meeting against its 配付版 `since`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ChangesRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub since: String,
}

/// What happened to a 資料 since the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeKind {
    Added,
    Removed,
    /// Its content or title changed (its label may have changed too: then `old_label` ≠ `new_label`).
    Changed,
    /// Same content under another label: printed copies now carry a wrong number.
    Renumbered,
}

/// One difference inside a changed part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DetailKind {
    /// A provision or paragraph of a text whose 字句 changed (or that was added or deleted).
    Text,
    /// A cell of a table row.
    Cell,
    RowAdded,
    RowRemoved,
    /// A page whose text changed.
    PageText,
    /// A page whose text is the same but whose drawing (a figure, a picture, the layout) changed.
    PageImage,
    PageAdded,
    PageRemoved,
    Title,
}

/// One difference: where, the old and new text, and the changed 字句 of each (`[start, end)` in characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangeDetail {
    pub kind: DetailKind,
    /// 「第２ 1 (2)」, 「指標 県内企業のDX推進 ・ 令和４年度 実績値」, 「3 ページ」.
    #[serde(rename = "where")]
    #[ts(rename = "where")]
    pub place: String,
    pub old: String,
    pub new: String,
    pub old_marks: Vec<[u32; 2]>,
    pub new_marks: Vec<[u32; 2]>,
}

/// One entry of the change report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Change {
    pub kind: ChangeKind,
    /// The kind as the report names it: 追加, 削除, 修正, 番号変更.
    pub kind_label: String,
    /// The label it has now (the old one for a removed 資料).
    pub label: String,
    pub old_label: Option<String>,
    pub new_label: Option<String>,
    pub title: String,
    /// [first, last] in the distributed PDF.
    pub old_pages: Option<[u32; 2]>,
    /// [first, last] in the packet as it would print now.
    pub new_pages: Option<[u32; 2]>,
    /// What changed, in one line.
    pub summary: String,
    pub details: Vec<ChangeDetail>,
    /// The 資料's id in the workspace (absent for a removed one that no longer exists).
    #[ts(type = "number | null")]
    pub material_id: Option<i64>,
}

/// The change report against a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChangeReport {
    pub since: String,
    /// 令和５年５月３０日.
    pub since_date: String,
    pub changes: Vec<Change>,
    /// The 次第 itself, when its printed page changed (a renumbering changes its list of 配付資料).
    pub shidai: Option<Change>,
}

impl ChangeKind {
    /// The word the report uses: 追加, 削除, 修正, 番号変更.
    pub fn name_ja(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Removed => "削除",
            ChangeKind::Changed => "修正",
            ChangeKind::Renumbered => "番号変更",
        }
    }
}

impl ChangeDetail {
    /// The old text with its changed 字句 between `open` and `close` (for a terminal, which cannot underline).
    pub fn old_bracketed(&self, open: char, close: char) -> String {
        shiryo_shinkyu::jiku::bracket_with(&self.old, &spans(&self.old_marks), open, close)
    }

    /// The new text with its changed 字句 between `open` and `close`.
    pub fn new_bracketed(&self, open: char, close: char) -> String {
        shiryo_shinkyu::jiku::bracket_with(&self.new, &spans(&self.new_marks), open, close)
    }
}

fn spans(marks: &[[u32; 2]]) -> Vec<shiryo_shinkyu::jiku::Span> {
    marks.iter().map(|[a, b]| [*a as usize, *b as usize]).collect()
}

impl ChangeReport {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.shidai.is_none()
    }
}

/// How the 差し替え set marks its pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum StampWord {
    /// 差替え
    #[default]
    Sashikae,
    /// 差替
    Sashikae2,
    /// 修正版
    Shuseiban,
}

impl StampWord {
    pub fn text(self) -> &'static str {
        match self {
            StampWord::Sashikae => "差替え",
            StampWord::Sashikae2 => "差替",
            StampWord::Shuseiban => "修正版",
        }
    }
}

/// Export the 差し替え set against a version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReplacementRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The version the set replaces pages of (「事前送付」).
    pub since: String,
    #[serde(default)]
    pub stamp: StampWord,
    /// The date printed beside the stamp (default: the day of the export).
    #[ts(type = "string | null")]
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Also replace the 次第 when its page changed (its list of 配付資料 after a renumbering).
    #[serde(default)]
    pub with_shidai: bool,
}

impl ReplacementRequest {
    /// The file name a save dialog offers for the set: 差し替え_20230602.pdf, by its date, else by `today`.
    pub fn file_name(&self, today: NaiveDate) -> String {
        format!("差し替え_{}.pdf", self.date.unwrap_or(today).format("%Y%m%d"))
    }
}

/// What a 差し替え export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ReplacementReport {
    pub path: String,
    pub pages: u32,
    /// The name it was recorded under (「差し替え（令和５年６月２日）」).
    pub recorded_as: String,
    /// Labels of the parts it holds, in order (the list page first).
    pub parts: Vec<String>,
    pub report: ChangeReport,
    /// The version to record once the file is written (taken by [`App::finish_replacements`]).
    #[serde(skip)]
    #[ts(skip)]
    pub recording: Option<Box<Recording>>,
}

/// How a 差し替え export from the window ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
pub enum ReplacementOutcome {
    /// Written and recorded as a version.
    Done { report: Box<ReplacementReport> },
    /// Cancelled by the person: nothing was written or recorded.
    Cancelled,
    /// The save dialog was closed without choosing a file: nothing was written.
    NoTarget,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn marks(spans: &[[usize; 2]]) -> Vec<[u32; 2]> {
    spans.iter().map(|[a, b]| [to_u32(*a), to_u32(*b)]).collect()
}

/// A provision's path as a reader names it. Numbers stay as the document prints them, one space apart
/// (「第２ １ (２)」); the engine's `本文N`, the N-th unnumbered paragraph of the provision before it, is
/// 「第N段落」 joined to that provision with 「の」, as a plan is cited (「第２の１」): `１ 本文2` is 「１の第２段落」,
/// not 「１ 第２段落」, which reads as an item １ headed 第２段落. The 「第」 keeps the の from reading as a law's
/// 枝番 (第三十六条の二).
fn place_of_path(path: &str) -> String {
    let mut out = String::new();
    for part in path.split(' ').filter(|p| !p.is_empty()) {
        match part.strip_prefix("本文").and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => {
                if !out.is_empty() {
                    out.push('の');
                }
                out.push_str(&format!("第{n}段落"));
            }
            None => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(part);
            }
        }
    }
    shiryo_core::width::fullwidth_digits(&out)
}

/// The changed provisions of a text, through the 新旧 engine.
fn text_details(old: &str, new: &str) -> Vec<ChangeDetail> {
    let table = shiryo_shinkyu::compare(old, new, &shiryo_shinkyu::Options::default());
    let mut out = Vec::new();
    for row in &table.rows {
        use shiryo_shinkyu::RowKind as K;
        if !matches!(row.kind, K::Changed | K::Added | K::Deleted | K::Renumbered) {
            continue;
        }
        let text = |c: &Option<shiryo_shinkyu::Cell>| c.as_ref().map(|c| c.text.clone()).unwrap_or_default();
        let spans = |c: &Option<shiryo_shinkyu::Cell>| c.as_ref().map(|c| marks(&c.marks)).unwrap_or_default();
        let place = row
            .new
            .as_ref()
            .and_then(|c| c.path.as_deref())
            .or_else(|| row.old.as_ref().and_then(|c| c.path.as_deref()))
            .map(place_of_path)
            .unwrap_or_default();
        let (old_text, new_text) = match row.kind {
            K::Added => (String::new(), text(&row.new)),
            K::Deleted => (text(&row.old), String::new()),
            _ => (text(&row.old), text(&row.new)),
        };
        // The engine writes （新設） / （削る） in an empty cell: no marks there.
        let (old_marks, new_marks) = match row.kind {
            K::Added => (Vec::new(), spans(&row.new)),
            K::Deleted => (spans(&row.old), Vec::new()),
            _ => (spans(&row.old), spans(&row.new)),
        };
        out.push(ChangeDetail { kind: DetailKind::Text, place, old: old_text, new: new_text, old_marks, new_marks });
    }
    out
}

/// The row's name in a report: the cell under a heading naming the row (指標名, 項目, 名称 …), else the first cell
/// that is not a number.
fn row_name(columns: &[String], row: &[String]) -> String {
    let named = ["事業名", "指標名", "名称", "事業", "指標", "項目", "名"];
    for key in named {
        if let Some(i) = columns.iter().position(|c| c.contains(key)) {
            if let Some(cell) = row.get(i).filter(|c| !c.trim().is_empty()) {
                return short(cell, 30);
            }
        }
    }
    let numeric =
        |s: &str| s.chars().all(|c| c.is_ascii_digit() || "０１２３４５６７８９.,．，%％-－()（） ".contains(c));
    row.iter().find(|c| !c.trim().is_empty() && !numeric(c)).map(|c| short(c, 30)).unwrap_or_default()
}

/// `s` on one line, cut to `max` characters with …
fn short(s: &str, max: usize) -> String {
    let s = s.replace('\n', "");
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

/// The changed rows and cells of two tables: rows aligned by their whole text (Myers), a replaced run paired row
/// for row, each differing cell with its changed 字句.
fn row_details(old: &[Section], new: &[Section]) -> Vec<ChangeDetail> {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let mut out = Vec::new();
    let empty = Section { title: String::new(), columns: Vec::new(), rows: Vec::new() };
    for i in 0..old.len().max(new.len()) {
        let (o, n) = (old.get(i).unwrap_or(&empty), new.get(i).unwrap_or(&empty));
        let columns = if n.columns.is_empty() { &o.columns } else { &n.columns };
        let joined = |rows: &[Vec<String>]| rows.iter().map(|r| r.join("\u{1f}")).collect::<Vec<_>>();
        let (jo, jn) = (joined(&o.rows), joined(&n.rows));
        let whole = |row: &[String]| row.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join("　");
        for op in capture_diff_slices(Algorithm::Myers, &jo, &jn) {
            let (old_range, new_range) = match op {
                DiffOp::Equal { .. } => continue,
                DiffOp::Delete { old_index, old_len, new_index } => {
                    (old_index..old_index + old_len, new_index..new_index)
                }
                DiffOp::Insert { old_index, new_index, new_len } => {
                    (old_index..old_index, new_index..new_index + new_len)
                }
                DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                    (old_index..old_index + old_len, new_index..new_index + new_len)
                }
            };
            let paired = old_range.len().min(new_range.len());
            for k in 0..paired {
                let (or, nr) = (&o.rows[old_range.start + k], &n.rows[new_range.start + k]);
                let name = row_name(columns, nr);
                for c in 0..or.len().max(nr.len()) {
                    let (a, b) = (or.get(c).cloned().unwrap_or_default(), nr.get(c).cloned().unwrap_or_default());
                    if a == b {
                        continue;
                    }
                    let (om, nm) = shiryo_shinkyu::jiku::marks(&a, &b);
                    let heading = columns.get(c).cloned().unwrap_or_else(|| format!("{}列目", c + 1));
                    let place = if name.is_empty() { heading } else { format!("{name} ・ {heading}") };
                    out.push(ChangeDetail {
                        kind: DetailKind::Cell,
                        place,
                        old: a,
                        new: b,
                        old_marks: marks(&om),
                        new_marks: marks(&nm),
                    });
                }
            }
            for r in &o.rows[old_range.start + paired..old_range.end] {
                let text = whole(r);
                out.push(ChangeDetail {
                    kind: DetailKind::RowRemoved,
                    place: row_name(columns, r),
                    old_marks: vec![[0, to_u32(text.chars().count())]],
                    old: text,
                    new: String::new(),
                    new_marks: Vec::new(),
                });
            }
            for r in &n.rows[new_range.start + paired..new_range.end] {
                let text = whole(r);
                out.push(ChangeDetail {
                    kind: DetailKind::RowAdded,
                    place: row_name(columns, r),
                    new_marks: vec![[0, to_u32(text.chars().count())]],
                    new: text,
                    old: String::new(),
                    old_marks: Vec::new(),
                });
            }
        }
    }
    out
}

/// The pages that differ, compared in order: by the lines of their text (each changed line with its changed
/// 字句), else by the hash of what they draw.
fn page_details(old: &[PageSnap], new: &[PageSnap]) -> Vec<ChangeDetail> {
    let mut out = Vec::new();
    for i in 0..old.len().max(new.len()) {
        let place = format!("{} ページ", i + 1);
        let plain = |kind, old: String, new: String| ChangeDetail {
            kind,
            place: place.clone(),
            old_marks: if old.is_empty() { Vec::new() } else { vec![[0, to_u32(old.chars().count())]] },
            new_marks: if new.is_empty() { Vec::new() } else { vec![[0, to_u32(new.chars().count())]] },
            old,
            new,
        };
        match (old.get(i), new.get(i)) {
            (Some(o), Some(n)) if o.text != n.text => out.extend(line_details(&place, &o.text, &n.text)),
            (Some(o), Some(n)) if o.hash != n.hash => out.push(ChangeDetail {
                old_marks: Vec::new(),
                new_marks: Vec::new(),
                ..plain(DetailKind::PageImage, String::new(), String::new())
            }),
            (Some(o), None) => out.push(plain(DetailKind::PageRemoved, short(&o.text, 200), String::new())),
            (None, Some(n)) => out.push(plain(DetailKind::PageAdded, String::new(), short(&n.text, 200))),
            _ => {}
        }
    }
    out
}

/// The changed lines of two page texts: a replaced run paired line for line, each pair with its changed 字句.
fn line_details(place: &str, old: &str, new: &str) -> Vec<ChangeDetail> {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let (o, n): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &o, &n) {
        let (or, nr) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete { old_index, old_len, new_index } => (old_index..old_index + old_len, new_index..new_index),
            DiffOp::Insert { old_index, new_index, new_len } => (old_index..old_index, new_index..new_index + new_len),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                (old_index..old_index + old_len, new_index..new_index + new_len)
            }
        };
        let (a, b) = (o[or].join(""), n[nr].join(""));
        let (om, nm) = shiryo_shinkyu::jiku::marks(&a, &b);
        out.push(ChangeDetail {
            kind: DetailKind::PageText,
            place: place.to_string(),
            old: a,
            new: b,
            old_marks: marks(&om),
            new_marks: marks(&nm),
        });
    }
    out
}

/// What changed inside a part whose hash differs.
fn details(old: &PartNow, new: &PartNow) -> Vec<ChangeDetail> {
    let mut out = Vec::new();
    if old.title != new.title {
        let (om, nm) = shiryo_shinkyu::jiku::marks(&old.title, &new.title);
        out.push(ChangeDetail {
            kind: DetailKind::Title,
            place: "表題".into(),
            old: old.title.clone(),
            new: new.title.clone(),
            old_marks: marks(&om),
            new_marks: marks(&nm),
        });
    }
    let inner = match (&old.snapshot.body, &new.snapshot.body) {
        (Body::Text { text: a }, Body::Text { text: b }) if a != b => text_details(a, b),
        (Body::Rows { sections: a }, Body::Rows { sections: b }) if a != b => row_details(a, b),
        _ => Vec::new(),
    };
    if inner.is_empty() && old.snapshot.pages != new.snapshot.pages {
        // Same words, other pages (a layout setting, an imported PDF's pages, the 次第): page by page.
        out.extend(page_details(&old.snapshot.pages, &new.snapshot.pages));
    } else {
        out.extend(inner);
    }
    out
}

/// 「…」 of at most `max` characters; 『…』 when the text holds 「 」 itself (as a quoted title does).
fn quoted(s: &str, max: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (open, close) = if s.contains(['「', '」']) { ('『', '』') } else { ('「', '」') };
    if s.chars().count() > max {
        format!("{open}{}…{close}", s.chars().take(max).collect::<String>())
    } else {
        format!("{open}{s}{close}")
    }
}

/// The changed 字句 of a detail: the marked runs of the new text (else of the old).
fn marked(text: &str, spans: &[[u32; 2]]) -> String {
    let chars: Vec<char> = text.chars().collect();
    spans
        .iter()
        .map(|[a, b]| {
            chars
                .get(*a as usize..(*b as usize).min(chars.len()))
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("…")
}

/// Whether most of both texts is marked: the text was replaced rather than corrected.
fn rewritten(d: &ChangeDetail) -> bool {
    let share = |text: &str, marks: &[[u32; 2]]| {
        let marked: u32 = marks.iter().map(|[a, b]| b.saturating_sub(*a)).sum();
        f64::from(marked) / text.chars().count().max(1) as f64
    };
    !d.old.is_empty() && !d.new.is_empty() && share(&d.old, &d.old_marks) > 0.6 && share(&d.new, &d.new_marks) > 0.6
}

fn one_line(d: &ChangeDetail) -> String {
    let at = if d.place.is_empty() { String::new() } else { format!("{}: ", d.place) };
    match d.kind {
        _ if d.old.chars().count() >= 20 && rewritten(d) => format!("{at}内容を全面的に修正"),
        DetailKind::Text | DetailKind::Cell | DetailKind::Title | DetailKind::PageText => {
            let (o, n) = (marked(&d.old, &d.old_marks), marked(&d.new, &d.new_marks));
            match (o.is_empty(), n.is_empty()) {
                (false, false) => format!("{at}{}を{}に修正", quoted(&o, 20), quoted(&n, 20)),
                (true, false) => format!("{at}{}を追加", quoted(&n, 20)),
                (false, true) => format!("{at}{}を削除", quoted(&o, 20)),
                (true, true) => format!("{at}修正"),
            }
        }
        DetailKind::RowAdded => format!("{at}行を追加"),
        DetailKind::RowRemoved => format!("{at}行を削除"),
        DetailKind::PageImage => format!("{at}図や表の内容を修正"),
        DetailKind::PageAdded => format!("{at}ページを追加"),
        DetailKind::PageRemoved => format!("{at}ページを削除"),
    }
}

fn summary_of(kind: ChangeKind, old_label: Option<&str>, new_label: Option<&str>, details: &[ChangeDetail]) -> String {
    let moved = match (old_label, new_label) {
        (Some(o), Some(n)) if o != n => Some(format!("番号が{o}から{n}に変更")),
        _ => None,
    };
    let content = match details {
        [] => None,
        [one] => Some(one_line(one)),
        [first, rest @ ..] => Some(format!("{}ほか{}か所", one_line(first), rest.len())),
    };
    match kind {
        ChangeKind::Added => "新たに追加".to_string(),
        ChangeKind::Removed => "削除".to_string(),
        ChangeKind::Renumbered => moved.unwrap_or_else(|| "番号の変更".into()),
        ChangeKind::Changed => match (content, moved) {
            (Some(c), Some(m)) => format!("{c}（{m}）"),
            (Some(c), None) => c,
            (None, Some(m)) => m,
            (None, None) => "内容を修正".into(),
        },
    }
}

/// Compares the parts of a version with the parts as they print now.
fn compare(since: &str, since_date: String, old: &[PartNow], new: &[PartNow]) -> ChangeReport {
    let hash = |p: &PartNow| p.content_hash();
    let old_by_id: BTreeMap<Option<i64>, &PartNow> = old.iter().map(|p| (p.material_id, p)).collect();
    let new_ids: BTreeSet<Option<i64>> = new.iter().map(|p| p.material_id).collect();
    let mut changes = Vec::new();
    let mut shidai = None;
    for n in new {
        let change = match old_by_id.get(&n.material_id) {
            None => Change {
                kind: ChangeKind::Added,
                kind_label: ChangeKind::Added.name_ja().to_string(),
                label: n.label.clone(),
                old_label: None,
                new_label: Some(n.label.clone()),
                title: n.title.clone(),
                old_pages: None,
                new_pages: pages(n),
                summary: summary_of(ChangeKind::Added, None, Some(&n.label), &[]),
                details: Vec::new(),
                material_id: n.material_id,
            },
            Some(o) => {
                let same = hash(o) == hash(n);
                if same && o.label == n.label {
                    continue;
                }
                let kind = if same { ChangeKind::Renumbered } else { ChangeKind::Changed };
                let details = if same { Vec::new() } else { details(o, n) };
                Change {
                    kind,
                    kind_label: kind.name_ja().to_string(),
                    label: n.label.clone(),
                    old_label: Some(o.label.clone()),
                    new_label: Some(n.label.clone()),
                    title: n.title.clone(),
                    old_pages: pages(o),
                    new_pages: pages(n),
                    summary: summary_of(kind, Some(&o.label), Some(&n.label), &details),
                    details,
                    material_id: n.material_id,
                }
            }
        };
        if n.material_id.is_none() {
            let summary =
                if change.details.is_empty() { "次第を修正".to_string() } else { change.summary.clone() };
            shidai = Some(Change { summary, ..change });
        } else {
            changes.push(change);
        }
    }
    for o in old.iter().filter(|o| o.material_id.is_some() && !new_ids.contains(&o.material_id)) {
        changes.push(Change {
            kind: ChangeKind::Removed,
            kind_label: ChangeKind::Removed.name_ja().to_string(),
            label: o.label.clone(),
            old_label: Some(o.label.clone()),
            new_label: None,
            title: o.title.clone(),
            old_pages: pages(o),
            new_pages: None,
            summary: summary_of(ChangeKind::Removed, Some(&o.label), None, &[]),
            details: Vec::new(),
            material_id: o.material_id,
        });
    }
    // The 次第 lists the 配付資料: a 資料 added, removed, moved or retitled changes it, and that says more than
    // its changed lines do.
    let listed = changes.iter().any(|c| {
        matches!(c.kind, ChangeKind::Added | ChangeKind::Removed | ChangeKind::Renumbered)
            || c.details.iter().any(|d| d.kind == DetailKind::Title)
    });
    if let (true, Some(s)) = (listed, shidai.as_mut()) {
        s.summary = "配付資料の一覧を修正（資料の番号・表題の変更による）".to_string();
    }
    ChangeReport { since: since.to_string(), since_date, changes, shidai }
}

fn date_label(d: NaiveDate) -> String {
    shiryo_core::wareki::formal_day(d)
}

impl App {
    /// The versions recorded for a meeting, oldest first.
    pub fn distributions(&self, meeting_id: i64) -> Result<Vec<DistributionSummary>> {
        self.ws.load_meeting(meeting_id)?;
        Ok(self
            .ws
            .distributions(meeting_id)?
            .into_iter()
            .map(|d| DistributionSummary {
                id: d.id,
                name: d.name,
                replacements: d.kind == DistributionKind::Replacements,
                date_label: date_label(d.distributed_on.unwrap_or_else(|| d.recorded_at.date())),
                recorded_at: d.recorded_at.format("%Y-%m-%d %H:%M").to_string(),
                pages: d.pages,
                pdf_sha256: d.pdf_sha256,
            })
            .collect())
    }

    /// Writes a recorded version made by an export (see [`crate::ExportRequest::distribution`]).
    pub fn record(&mut self, recording: &Recording, now: NaiveDateTime) -> Result<()> {
        self.ws.record_distribution(recording.meeting_id, &recording.new, now)?;
        Ok(())
    }

    /// What changed in a meeting since the version `since` (see [`ChangeReport`]).
    pub fn changes(&self, meeting_id: i64, since: &str) -> Result<ChangeReport> {
        changes(&self.ws, meeting_id, since)
    }

    /// Writes the 差し替え set against `req.since` to `out` (the list page, then each added, changed or
    /// renumbered 資料 stamped on every page) and records it as a version. Refused when nothing changed.
    pub fn export_replacements(
        &mut self,
        req: &ReplacementRequest,
        out: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ReplacementReport> {
        let never = crate::Cancel::new();
        let report = self.prepare_replacements(req, &never)?.run(out, now, progress, &never)?;
        self.finish_replacements(report, now)
    }

    /// Reads what the 差し替え set against `req.since` prints (the version's parts, the content of every 資料),
    /// for [`PreparedReplacements::run`] to print without the workspace lock. `cancel` is checked between 資料.
    pub fn prepare_replacements(
        &self,
        req: &ReplacementRequest,
        cancel: &crate::Cancel,
    ) -> Result<PreparedReplacements> {
        let (old, choices, since_date) = version_parts(&self.ws, req.meeting_id, &req.since)?;
        let prepared = prepare_now(&self.ws, req.meeting_id, &choices, cancel)?;
        Ok(PreparedReplacements { req: req.clone(), old, choices, since_date, prepared })
    }

    /// Records the 差し替え set a run wrote (see [`ReplacementReport::recording`]) under a name the meeting does
    /// not use yet: 「差し替え（令和５年６月２日）」, else 「差し替え（令和５年６月２日）（2）」 ….
    pub fn finish_replacements(
        &mut self,
        mut report: ReplacementReport,
        now: NaiveDateTime,
    ) -> Result<ReplacementReport> {
        if let Some(mut recording) = report.recording.take() {
            recording.new.name = self.free_name(recording.meeting_id, &recording.new.name)?;
            self.record(&recording, now)?;
            report.recorded_as = recording.new.name;
        }
        Ok(report)
    }

    /// `base`, or `base（2）` … when the meeting already has a version of that name.
    fn free_name(&self, meeting_id: i64, base: &str) -> Result<String> {
        let taken: BTreeSet<String> = self.ws.distributions(meeting_id)?.into_iter().map(|d| d.name).collect();
        let mut name = base.to_string();
        let mut n = 2;
        while taken.contains(&name) {
            name = format!("{base}（{n}）");
            n += 1;
        }
        Ok(name)
    }
}

/// A 差し替え set read from the workspace ([`App::prepare_replacements`]), printed without its lock.
#[derive(Debug)]
pub struct PreparedReplacements {
    req: ReplacementRequest,
    old: Vec<PartNow>,
    choices: Choices,
    since_date: NaiveDate,
    prepared: crate::PreparedExport,
}

impl PreparedReplacements {
    /// Compares, prints and writes the set to `out`; the version it makes is carried by the report
    /// ([`ReplacementReport::recording`], written by [`App::finish_replacements`]). `cancel` is checked before the
    /// comparison, after it and at every page; just before writing the run claims it, so a cancel either comes
    /// first (nothing written, [`AppError::ExportCancelled`]) or is refused because the file is being written.
    pub fn run(
        self,
        out: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &crate::Cancel,
    ) -> Result<ReplacementReport> {
        let PreparedReplacements { req, old, choices, since_date, prepared } = self;
        if cancel.is_cancelled() {
            return Err(AppError::ExportCancelled);
        }
        let new = parts_of_prepared(&prepared)?;
        let report = compare(req.since.trim(), date_label(since_date), &old, &new);
        let printable: Vec<&Change> = report.changes.iter().filter(|c| c.kind != ChangeKind::Removed).collect();
        let with_shidai = req.with_shidai && report.shidai.is_some();
        if printable.is_empty() && !with_shidai {
            return Err(AppError::NoChanges { since: report.since.clone(), removed: report.changes.len() });
        }
        if cancel.is_cancelled() {
            return Err(AppError::ExportCancelled);
        }
        let date = req.date.unwrap_or_else(|| now.date());
        let stamp = shiryo_print::Stamp { word: req.stamp.text().to_string(), date: date_label(date) };
        let meeting = prepared.meeting();
        let mut rows = Vec::new();
        if let (true, Some(s)) = (with_shidai, &report.shidai) {
            rows.push(["次第".to_string(), s.title.clone(), s.summary.clone(), page_count(s)]);
        }
        for c in &report.changes {
            // The old number is in the summary (番号が資料２－５から資料２－４に変更).
            let label = c.label.clone();
            let pages = if c.kind == ChangeKind::Removed { "―".to_string() } else { page_count(c) };
            rows.push([label, c.title.clone(), c.summary.clone(), pages]);
        }
        let mut lines = vec![meeting.header.title_lines.concat()];
        if let Some(d) = meeting.header.date {
            lines.push(format!("（{}開催）", date_label(d)));
        }
        lines.push(format!("{}（{}）の資料のうち、次の資料を差し替えます。", report.since, report.since_date));
        let revision = shiryo_print::Revision {
            stamps: printable.iter().filter_map(|c| c.material_id).map(|id| (id, stamp.clone())).collect(),
            shidai: with_shidai.then(|| stamp.clone()),
            notes: BTreeMap::new(),
            cover: Some(shiryo_print::Cover {
                title: "差し替え資料一覧".into(), lines, rows, stamp: stamp.clone()
            }),
        };
        // shiryo-print cannot stop midway: after a cancel the remaining pages are drawn unreported and dropped.
        let printed = prepared.print_replacements(revision, now, &mut |p| {
            if !cancel.is_cancelled() {
                progress(p)
            }
        })?;
        if !cancel.start_writing() {
            return Err(AppError::ExportCancelled);
        }
        crate::files::write_atomically(out, &printed.bytes)?;
        let mut parts = vec![DistributedPart {
            material_id: None,
            label: "差し替え資料一覧".into(),
            title: "差し替え資料一覧".into(),
            kind: "cover".into(),
            content_hash: sha256_hex(b"cover"),
            first_page: 1,
            last_page: 1,
            snapshot: serde_json::to_string(&Snapshot { pages: Vec::new(), body: Body::Pages })
                .map_err(|e| AppError::Snapshot(e.to_string()))?,
        }];
        let mut labels = vec!["差し替え資料一覧".to_string()];
        for p in new.iter().filter(|p| match p.material_id {
            None => with_shidai,
            Some(id) => printable.iter().any(|c| c.material_id == Some(id)),
        }) {
            labels.push(p.label.clone());
            parts.push(p.stored()?);
        }
        let layout = Choices { base: Some(report.since.clone()), ..choices };
        // The name is made free of the meeting's others when it is recorded (App::finish_replacements).
        let name = format!("差し替え（{}）", date_label(date));
        let new_version = NewDistribution {
            name: name.clone(),
            kind: DistributionKind::Replacements,
            distributed_on: Some(date),
            pdf_sha256: sha256_hex(&printed.bytes),
            pages: to_u32(printed.pages),
            layout: serde_json::to_string(&layout).map_err(|e| AppError::Snapshot(e.to_string()))?,
            parts,
        };
        Ok(ReplacementReport {
            path: out.display().to_string(),
            pages: to_u32(printed.pages),
            recorded_as: name,
            parts: labels,
            report,
            recording: Some(Box::new(Recording { meeting_id: req.meeting_id, new: new_version })),
        })
    }
}

/// The notes 「（令和５年６月２日差替え）」 for the first page of each 資料 changed since `since`, for a full packet
/// exported again after a 差し替え.
pub(crate) fn revised_notes(
    ws: &Workspace,
    meeting_id: i64,
    since: &str,
    date: NaiveDate,
) -> Result<BTreeMap<i64, String>> {
    {
        let report = changes(ws, meeting_id, since)?;
        let note = format!("（{}差替え）", date_label(date));
        Ok(report
            .changes
            .iter()
            .filter(|c| matches!(c.kind, ChangeKind::Changed | ChangeKind::Added | ChangeKind::Renumbered))
            .filter_map(|c| c.material_id)
            .map(|id| (id, note.clone()))
            .collect())
    }
}

/// The parts of the version `since` of a meeting, as they were; a 差し替え set stands on the version it replaced
/// pages of, its own parts in place of theirs.
fn version_parts(ws: &Workspace, meeting_id: i64, since: &str) -> Result<(Vec<PartNow>, Choices, NaiveDate)> {
    let Some(d) = ws.distribution(meeting_id, since)? else {
        let known = ws.distributions(meeting_id)?.into_iter().map(|d| d.name).collect();
        return Err(AppError::NoSuchDistribution { name: since.trim().to_string(), known });
    };
    let choices: Choices = serde_json::from_str(&d.layout).unwrap_or_default();
    let date = d.distributed_on.unwrap_or_else(|| d.recorded_at.date());
    let own: Vec<PartNow> = d.parts.iter().map(part_from).collect::<Result<_>>()?;
    let Some(base) = choices.base.clone() else { return Ok((own, choices, date)) };
    let (mut parts, base_choices, _) = version_parts(ws, meeting_id, &base)?;
    for p in own.into_iter().filter(|p| p.kind != "cover") {
        match parts.iter_mut().find(|b| b.material_id == p.material_id) {
            // Its pages stay those of the packet it replaced pages of.
            Some(b) => *b = PartNow { first_page: b.first_page, last_page: b.last_page, ..p },
            None => parts.push(p),
        }
    }
    Ok((parts, base_choices, date))
}

/// What prints the meeting now with `choices` (its contents read, `cancel` checked between 資料).
fn prepare_now(
    ws: &Workspace,
    meeting_id: i64,
    choices: &Choices,
    cancel: &crate::Cancel,
) -> Result<crate::PreparedExport> {
    let req = ExportRequest {
        meeting_id,
        continuous_page_numbers: choices.continuous_page_numbers,
        duplex: choices.duplex,
        blank_page: if choices.hakushi { crate::BlankPageStyle::Hakushi } else { crate::BlankPageStyle::Empty },
        allow_empty: true,
        allow_missing_glyphs: true,
        ..ExportRequest::default()
    };
    crate::export::prepare(ws, &req, cancel, BTreeMap::new())
}

/// The parts of the meeting as `prepared` lays them out (with the body of every page).
fn parts_of_prepared(prepared: &crate::PreparedExport) -> Result<Vec<PartNow>> {
    let laid = prepared.laid_with_bodies()?;
    let materials: Vec<(String, usize, usize)> =
        laid.materials.iter().map(|(l, first, n)| (l.clone(), first + 1, *n)).collect();
    Ok(parts_of(prepared.meeting(), prepared.contents(), &laid.bodies, &materials))
}

/// What changed in a meeting since the version `since`.
pub(crate) fn changes(ws: &Workspace, meeting_id: i64, since: &str) -> Result<ChangeReport> {
    let (old, choices, date) = version_parts(ws, meeting_id, since)?;
    let new = parts_of_prepared(&prepare_now(ws, meeting_id, &choices, &crate::Cancel::new())?)?;
    Ok(compare(since.trim(), date_label(date), &old, &new))
}

fn page_count(c: &Change) -> String {
    c.new_pages.map(|[a, b]| format!("{}ページ", b.saturating_sub(a) + 1)).unwrap_or_else(|| "―".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replacement_set_is_named_by_its_date_else_by_today() {
        let day = |d| NaiveDate::from_ymd_opt(2023, 6, d).unwrap();
        let mut req = ReplacementRequest {
            meeting_id: 1,
            since: "事前送付".into(),
            stamp: StampWord::default(),
            date: Some(day(2)),
            with_shidai: true,
        };
        assert_eq!(req.file_name(day(5)), "差し替え_20230602.pdf");
        req.date = None;
        assert_eq!(req.file_name(day(5)), "差し替え_20230605.pdf");
    }

    #[test]
    fn a_paragraph_is_named_after_its_provision() {
        assert_eq!(place_of_path("１ 本文1"), "１の第１段落");
        assert_eq!(place_of_path("第1 本文12"), "第１の第１２段落");
        assert_eq!(place_of_path("本文3"), "第３段落");
        assert_eq!(place_of_path("第2部 第4 1 (1) ウ"), "第２部 第４ １ (１) ウ");
        assert_eq!(place_of_path("第一条 2"), "第一条 ２");
    }

    #[test]
    fn a_changed_paragraph_reports_its_place_so() {
        let old = "１ 目的\nこの計画は、行政を改革する。\n職員の研修を行う。\n";
        let new = "１ 目的\nこの計画は、行政を改革する。\n職員の研修を毎年行う。\n";
        let details = text_details(old, new);
        let places: Vec<&str> = details.iter().map(|d| d.place.as_str()).collect();
        assert_eq!(places, ["１の第２段落"], "{details:?}");
        let marked: String = details[0].new.chars().skip(details[0].new_marks[0][0] as usize).take(2).collect();
        assert_eq!(marked, "毎年");
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod cancel_tests {
    use std::path::Path;

    use crate::materials::RenameMaterialRequest;
    use crate::{App, AppError, Cancel, ExportRequest};

    use super::{DistributionChoice, ReplacementRequest, StampWord};

    fn at(day: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 6, day).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    /// The rows of the workspace file itself, read with SQLite: (name, parts) of each version, oldest first.
    fn versions(db: &Path) -> Vec<(String, i64)> {
        let conn = rusqlite::Connection::open(db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT d.name, (SELECT count(*) FROM distribution_part p WHERE p.distribution_id = d.id)
                 FROM distribution d ORDER BY d.id",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_cancelled_replacement_set_writes_no_file_and_records_no_version() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("w.shiryo");
        let (mut app, meeting) = App::create_demo(&db, at(1)).unwrap();
        let packet = ExportRequest {
            meeting_id: meeting,
            allow_empty: true,
            distribution: Some(DistributionChoice { name: "事前送付".into(), date: None }),
            ..ExportRequest::default()
        };
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        app.export_and_record(&packet, &out.join("packet.pdf"), at(1), &mut |_| {}).unwrap();
        let material = app.material_id_by_label(meeting, "資料３－１").unwrap();
        let rename =
            RenameMaterialRequest { meeting_id: meeting, material_id: material, title: "改めた表題".into() };
        app.rename_material(&rename, at(2)).unwrap();
        let recorded = versions(&db);
        assert!(recorded.len() == 1 && recorded[0].0 == "事前送付" && recorded[0].1 > 10, "{recorded:?}");
        let before = files(&out);

        let req = ReplacementRequest {
            meeting_id: meeting,
            since: "事前送付".into(),
            stamp: StampWord::Sashikae,
            date: chrono::NaiveDate::from_ymd_opt(2023, 6, 2),
            with_shidai: true,
        };
        let set = out.join("差し替え.pdf");

        // Cancelled while its pages are drawn: no progress after that, no file (not even a temporary one), no row.
        let cancel = Cancel::new();
        let prepared = app.prepare_replacements(&req, &cancel).unwrap();
        let mut reports = 0;
        let result = prepared.run(
            &set,
            at(2),
            &mut |p| {
                reports += 1;
                assert!(p.done <= p.total);
                assert!(cancel.cancel());
            },
            &cancel,
        );
        assert!(matches!(result, Err(AppError::ExportCancelled)), "{result:?}");
        assert_eq!(reports, 1, "no progress is reported after the cancel");
        assert_eq!(files(&out), before);
        assert_eq!(versions(&db), recorded);
        assert_eq!(AppError::ExportCancelled.message_ja(), "書き出しを中止しました。ファイルは作成していません。");

        // Cancelled before it started: refused while the 資料 are read.
        assert!(matches!(app.prepare_replacements(&req, &cancel), Err(AppError::ExportCancelled)));
        // Cancelled between reading and printing.
        let early = Cancel::new();
        let prepared = app.prepare_replacements(&req, &early).unwrap();
        assert!(early.cancel());
        let result = prepared.run(&set, at(2), &mut |_| panic!("nothing is printed"), &early);
        assert!(matches!(result, Err(AppError::ExportCancelled)), "{result:?}");
        assert_eq!((files(&out), versions(&db).len()), (before.clone(), 1));

        // Not cancelled: the file, then the version under a name of its own (twice the same date: （2）).
        for expected in ["差し替え（令和５年６月２日）", "差し替え（令和５年６月２日）（2）"]
        {
            // One token per run: a run claims it to write.
            let never = Cancel::new();
            let report = app.prepare_replacements(&req, &never).unwrap().run(&set, at(2), &mut |_| {}, &never).unwrap();
            assert!(report.recording.is_some() && set.is_file());
            let report = app.finish_replacements(report, at(2)).unwrap();
            assert_eq!(report.recorded_as, expected);
            assert!(report.recording.is_none());
        }
        let names: Vec<String> = versions(&db).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["事前送付", "差し替え（令和５年６月２日）", "差し替え（令和５年６月２日）（2）"]);
        // The cover, the 次第 (its list of 配付資料 carries the title) and 資料３－１.
        assert_eq!(versions(&db)[1].1, 3);
        assert_eq!(files(&out), ["packet.pdf", "差し替え.pdf"]);
    }
}
