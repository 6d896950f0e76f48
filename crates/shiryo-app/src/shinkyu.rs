//! 新旧対照表 資料: the engine's table (`shiryo-shinkyu`) built from the 資料's stored old and new texts, the
//! user's hand edits applied on top, shown to the UI and converted into the print engine's comparison table.
//!
//! Edits find their row by a key made of the provision paths and a hash of the old and new provision text, so
//! an edit survives regenerating the table (a text replaced) while the texts it touches did not change, and is
//! dropped, and reported, when its row is gone. Each command is one transaction and can be undone.

use std::path::Path;

use serde::{Deserialize, Serialize};
use shiryo_print::{Comparison, ComparisonCell, Content};
use shiryo_shinkyu::{ColumnOrder, Options, Preset, RowKind, Table};
use shiryo_store::{MaterialFile, ShinkyuEdit, ShinkyuSetting, ShinkyuState};
use ts_rs::TS;

use crate::error::AppError;
use crate::{App, Result};

/// The caption printed above a 新旧対照表 unless the 資料 says otherwise.
pub const DEFAULT_CAPTION: &str = "（下線部分は改正部分）";

/// The caption of a preset when the user has not written one: the engine's wording, else [`DEFAULT_CAPTION`].
pub fn default_caption(preset: Preset) -> &'static str {
    preset.wording().2.unwrap_or(DEFAULT_CAPTION)
}

/// The engine's table as the print engine's comparison table: headings and cells in column order, marks kept as
/// character offsets, an empty cell (no （新設）/（削る） placeholder) as an empty text.
pub fn to_comparison(table: &Table, caption: Option<&str>) -> Comparison {
    let [left, right] = table.column_headings();
    let cell = |c: Option<&shiryo_shinkyu::Cell>| match c {
        Some(c) => ComparisonCell { text: c.text.clone(), marks: c.marks.iter().map(|&[s, e]| s..e).collect() },
        None => ComparisonCell::default(),
    };
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let [a, b] = row.cells(table.column_order);
            [cell(a), cell(b)]
        })
        .collect();
    Comparison { headings: [left.to_string(), right.to_string()], caption: caption.map(str::to_string), rows }
}

/// Decodes a stored old or new text (.txt in UTF-8 / Shift_JIS, or .docx), naming the file in errors.
pub(crate) fn decode_file(f: &MaterialFile) -> Result<String, AppError> {
    let name = Path::new(&f.file_name);
    let is_docx = f.file_name.to_ascii_lowercase().ends_with(".docx");
    let text = if is_docx {
        shiryo_shinkyu::input::docx_text(&f.content, name, shiryo_shinkyu::input::MAX_INPUT_BYTES)
    } else {
        shiryo_shinkyu::input::decode(&f.content, name)
    };
    text.map_err(AppError::Shinkyu)
}

/// What a 新旧 資料 prints: the engine's table of its old and new texts with its settings and hand edits; a 資料
/// that holds only the printed pairs of an older workspace (`pairs`) prints those; one with neither is empty.
pub(crate) fn print_content(
    ws: &shiryo_store::Workspace,
    id: i64,
    files: Vec<MaterialFile>,
) -> Result<Content, AppError> {
    let state = ws.shinkyu_state(id)?;
    if state.old.is_some() && state.new.is_some() {
        let built = build(&state)?;
        let table = built.as_table(&state.setting);
        return Ok(Content::Comparison(to_comparison(&table, caption(&state.setting))));
    }
    Ok(match files.into_iter().find(|f| f.role == "pairs") {
        Some(f) => Content::ShinkyuPairs(f.file_name, f.content),
        None => Content::Empty,
    })
}

/// Prints a table on its own (the CLI's `shiryo shinkyu --pdf`) and writes it to `out` atomically; returns the
/// page count. `created` is written as the PDF's date (same input and date, same bytes).
pub fn write_pdf(
    table: &Table,
    title: &str,
    caption: Option<&str>,
    out: &Path,
    created: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let cmp = to_comparison(table, caption);
    let stamp = created.format("%Y-%m-%dT%H:%M:%S").to_string();
    let opts = shiryo_print::PrintOptions {
        layout: shiryo_print::LayoutOptions { author: String::new(), ..shiryo_print::LayoutOptions::default() },
        emit: shiryo_print::EmitOptions {
            created,
            document_id: crate::export::document_id(&["shiryo-shinkyu", title, &stamp]),
        },
    };
    let printed = shiryo_print::print_comparison(title, &cmp, &opts)?;
    crate::export::write_atomically(out, &printed.bytes)?;
    Ok(printed.pages)
}

/// The caption a setting asks for: `None` stored means the preset's own (as `shiryo shinkyu --pdf` prints it:
/// （傍線部分は改正部分） under 改正後/改正前 and 改正案/現行, [`DEFAULT_CAPTION`] under 新/旧), an empty one means none.
fn caption(setting: &ShinkyuSetting) -> Option<&str> {
    match setting.caption.as_deref() {
        None => Some(default_caption(ShinkyuPreset::from_code(&setting.preset).engine())),
        Some(c) if c.trim().is_empty() => None,
        Some(c) => Some(c),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// DTOs

/// Headings of the table: 新/旧 (the default), 改正後/改正前, 改正案/現行.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ShinkyuPreset {
    ShinKyu,
    Kaisei,
    AnGenko,
}

impl ShinkyuPreset {
    fn code(self) -> &'static str {
        match self {
            ShinkyuPreset::ShinKyu => "shin-kyu",
            ShinkyuPreset::Kaisei => "kaisei",
            ShinkyuPreset::AnGenko => "an-genko",
        }
    }

    fn from_code(code: &str) -> ShinkyuPreset {
        match code {
            "kaisei" => ShinkyuPreset::Kaisei,
            "an-genko" => ShinkyuPreset::AnGenko,
            _ => ShinkyuPreset::ShinKyu,
        }
    }

    fn engine(self) -> Preset {
        match self {
            ShinkyuPreset::ShinKyu => Preset::ShinKyu,
            ShinkyuPreset::Kaisei => Preset::Kaisei,
            ShinkyuPreset::AnGenko => Preset::AnGenko,
        }
    }
}

/// Which text the left column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ShinkyuColumnOrder {
    NewLeft,
    OldLeft,
}

impl ShinkyuColumnOrder {
    fn code(self) -> &'static str {
        match self {
            ShinkyuColumnOrder::NewLeft => "new-left",
            ShinkyuColumnOrder::OldLeft => "old-left",
        }
    }

    fn from_code(code: &str) -> ShinkyuColumnOrder {
        if code == "old-left" {
            ShinkyuColumnOrder::OldLeft
        } else {
            ShinkyuColumnOrder::NewLeft
        }
    }
}

/// The old (改正前) or the new (改正後) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ShinkyuSide {
    Old,
    New,
}

impl ShinkyuSide {
    fn role(self) -> &'static str {
        match self {
            ShinkyuSide::Old => "old",
            ShinkyuSide::New => "new",
        }
    }
}

/// What a row shows (as the CLI's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ShinkyuRowKind {
    Context,
    Changed,
    Added,
    Deleted,
    Renumbered,
    Omitted,
}

impl From<RowKind> for ShinkyuRowKind {
    fn from(k: RowKind) -> Self {
        match k {
            RowKind::Context => ShinkyuRowKind::Context,
            RowKind::Changed => ShinkyuRowKind::Changed,
            RowKind::Added => ShinkyuRowKind::Added,
            RowKind::Deleted => ShinkyuRowKind::Deleted,
            RowKind::Renumbered => ShinkyuRowKind::Renumbered,
            RowKind::Omitted => ShinkyuRowKind::Omitted,
        }
    }
}

impl From<ShinkyuRowKind> for RowKind {
    fn from(k: ShinkyuRowKind) -> Self {
        match k {
            ShinkyuRowKind::Context => RowKind::Context,
            ShinkyuRowKind::Changed => RowKind::Changed,
            ShinkyuRowKind::Added => RowKind::Added,
            ShinkyuRowKind::Deleted => RowKind::Deleted,
            ShinkyuRowKind::Renumbered => RowKind::Renumbered,
            ShinkyuRowKind::Omitted => RowKind::Omitted,
        }
    }
}

/// One cell: its text and the marked (underlined) spans, `[start, end)` in Unicode scalar values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuCellView {
    pub text: String,
    pub marks: Vec<[u32; 2]>,
    /// The provision's path (`第2部 第2 9 (2)`), null for （新設） / （削る）.
    pub path: Option<String>,
    /// （新設） / （削る）: the provision does not exist on this side.
    pub placeholder: bool,
}

/// One row, its cells in column order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuRowView {
    /// What edits name the row by.
    pub key: String,
    pub kind: ShinkyuRowKind,
    pub left: Option<ShinkyuCellView>,
    pub right: Option<ShinkyuCellView>,
    /// A hand edit changed this row.
    pub edited: bool,
}

/// A hand edit that no longer applies (its row changed or is gone) and was dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuDroppedEdit {
    /// In Japanese: what the edit was and where (「第2部 第2 9 (2) のセルの編集」).
    pub description: String,
}

/// The 新旧対照表 screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuView {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    /// 資料３－２
    pub label: String,
    pub title: String,
    /// The stored file names of the old and new texts (null until chosen).
    pub old_file: Option<String>,
    pub new_file: Option<String>,
    pub preset: ShinkyuPreset,
    pub column_order: ShinkyuColumnOrder,
    /// The caption as printed ("" for none).
    pub caption: String,
    /// The caption is the default one.
    pub caption_is_default: bool,
    /// Left and right headings.
    pub headings: [String; 2],
    pub rows: Vec<ShinkyuRowView>,
    /// Edits this command dropped because their rows changed.
    pub dropped: Vec<ShinkyuDroppedEdit>,
    /// Hand edits stored (applied or not).
    pub edit_count: u32,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// Which 新旧対照表 資料.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuRef {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
}

/// A chosen file (.txt in UTF-8 / Shift_JIS, .docx) or pasted text (sent as UTF-8 bytes) for one side.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetShinkyuTextRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub side: ShinkyuSide,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Headings preset, column order and caption (null: the default caption; "": none).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetShinkyuOptionsRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub preset: ShinkyuPreset,
    pub column_order: ShinkyuColumnOrder,
    pub caption: Option<String>,
}

/// A hand edit of the rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum ShinkyuEditOp {
    /// Re-pair two rows: their old (改正前) cells are exchanged and both rows compared again; a row left with
    /// nothing on either side disappears. Pairs a （新設） row with the （削る） row of the same provision.
    #[serde(rename_all = "camelCase")]
    Repair { key: String, other: String },
    /// Split a row in two at these character offsets of its new and old text.
    #[serde(rename_all = "camelCase")]
    Split { key: String, new_at: u32, old_at: u32 },
    /// Replace a cell's text and marks.
    #[serde(rename_all = "camelCase")]
    Cell { key: String, side: ShinkyuSide, text: String, marks: Vec<[u32; 2]> },
    /// Show the row as （略）.
    #[serde(rename_all = "camelCase")]
    Omit { key: String },
}

/// One hand edit of one 新旧対照表.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuEditRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub edit: ShinkyuEditOp,
}

// ---------------------------------------------------------------------------------------------------------------
// Rows and edits

/// A cell while edits are applied.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WorkCell {
    path: Option<String>,
    text: String,
    marks: Vec<[usize; 2]>,
    placeholder: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct WorkRow {
    key: String,
    kind: RowKind,
    new: Option<WorkCell>,
    old: Option<WorkCell>,
    edited: bool,
}

/// The table of a state: rows with edits applied, and the edits that no longer apply.
#[derive(Debug)]
struct Built {
    rows: Vec<WorkRow>,
    /// Indices into the state's edits of those that did not apply.
    failed: Vec<usize>,
    /// Rows with a change (改正, 新設, 削る, renumbering) that a hand edit made （略）: 印刷前の確認 lists them.
    omitted_changes: usize,
}

impl Built {
    fn as_table(&self, setting: &ShinkyuSetting) -> Table {
        let options = options(setting);
        let (new, old, caption) = options.preset.wording();
        let cell = |c: &Option<WorkCell>| {
            c.as_ref().map(|c| shiryo_shinkyu::Cell {
                path: c.path.clone(),
                text: c.text.clone(),
                marks: c.marks.clone(),
            })
        };
        Table {
            headings: shiryo_shinkyu::table::Headings { new: new.to_string(), old: old.to_string() },
            column_order: if options.old_left { ColumnOrder::OldLeft } else { ColumnOrder::NewLeft },
            caption: caption.map(str::to_string),
            rows: self
                .rows
                .iter()
                .map(|r| shiryo_shinkyu::Row {
                    kind: r.kind,
                    new: cell(&r.new),
                    old: cell(&r.old),
                    moved_from: None,
                    moved_to: None,
                })
                .collect(),
        }
    }
}

fn options(setting: &ShinkyuSetting) -> Options {
    Options {
        preset: ShinkyuPreset::from_code(&setting.preset).engine(),
        old_left: ShinkyuColumnOrder::from_code(&setting.column_order) == ShinkyuColumnOrder::OldLeft,
        ..Options::default()
    }
}

/// FNV-1a, 64 bits: a stable hash for row keys (std's hasher may change between Rust releases; a few lines
/// instead of a crate for one function).
fn fnv(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xffu8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `new path|old path|hash of both texts`; a repeated key gets `#2`, `#3`.
fn row_keys(rows: &[shiryo_shinkyu::Row]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    rows.iter()
        .map(|r| {
            let path = |c: &Option<shiryo_shinkyu::Cell>| c.as_ref().and_then(|c| c.path.clone()).unwrap_or_default();
            let text = |c: &Option<shiryo_shinkyu::Cell>| c.as_ref().map(|c| c.text.clone()).unwrap_or_default();
            let key = format!("{}|{}|{:016x}", path(&r.new), path(&r.old), fnv(&[&text(&r.new), &text(&r.old)]));
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

/// The decoded texts of a state (both must be there).
fn texts(state: &ShinkyuState) -> Result<Option<(String, String)>> {
    match (&state.old, &state.new) {
        (Some(o), Some(n)) => Ok(Some((decode_file(o)?, decode_file(n)?))),
        _ => Ok(None),
    }
}

/// The table of a state with its edits applied (no rows until both texts are there).
fn build(state: &ShinkyuState) -> Result<Built> {
    let Some((old, new)) = texts(state)? else {
        return Ok(Built { rows: Vec::new(), failed: (0..state.edits.len()).collect(), omitted_changes: 0 });
    };
    let table = shiryo_shinkyu::compare(&old, &new, &options(&state.setting));
    Ok(apply_all(&table, &state.edits))
}

fn apply_all(table: &Table, edits: &[ShinkyuEdit]) -> Built {
    let keys = row_keys(&table.rows);
    let cell = |c: &Option<shiryo_shinkyu::Cell>| {
        c.as_ref().map(|c| WorkCell {
            path: c.path.clone(),
            text: c.text.clone(),
            marks: c.marks.clone(),
            placeholder: c.path.is_none(),
        })
    };
    let mut rows: Vec<WorkRow> = table
        .rows
        .iter()
        .zip(keys)
        .map(|(r, key)| WorkRow { key, kind: r.kind, new: cell(&r.new), old: cell(&r.old), edited: false })
        .collect();
    let mut failed = Vec::new();
    let mut omitted_changes = 0;
    for (i, e) in edits.iter().enumerate() {
        let op = serde_json::from_str::<ShinkyuEditOp>(&e.detail).map_err(|_| "保存された編集を読めません".to_string());
        let hides_change = match &op {
            Ok(ShinkyuEditOp::Omit { key }) => rows
                .iter()
                .find(|r| &r.key == key)
                .is_some_and(|r| !matches!(r.kind, RowKind::Context | RowKind::Omitted)),
            _ => false,
        };
        match op.and_then(|op| apply(&mut rows, &op)) {
            Ok(()) if hides_change => omitted_changes += 1,
            Ok(()) => {}
            Err(_) => failed.push(i),
        }
    }
    Built { rows, failed, omitted_changes }
}

fn find(rows: &[WorkRow], key: &str) -> std::result::Result<usize, String> {
    rows.iter()
        .position(|r| r.key == key)
        .ok_or_else(|| "対象の行が見つかりません（文章が変わった可能性があります）".to_string())
}

/// `８ （略）` for a numbered provision, `（略）` otherwise.
fn omitted_text(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default();
    match first.split_once([' ', '\u{3000}']) {
        Some((label, _)) if !label.is_empty() && label.chars().count() <= 8 => format!("{label} （略）"),
        _ => "（略）".to_string(),
    }
}

fn is_real(c: &Option<WorkCell>) -> bool {
    c.as_ref().is_some_and(|c| !c.placeholder && !c.text.is_empty())
}

/// After a re-pair: compare the row again and set its kind and marks; `false` when nothing is left of it.
fn recompare(row: &mut WorkRow) -> bool {
    match (is_real(&row.new), is_real(&row.old)) {
        (true, true) => {
            if let (Some(n), Some(o)) = (row.new.as_mut(), row.old.as_mut()) {
                let (mo, mn) = shiryo_shinkyu::jiku::marks(&o.text, &n.text);
                row.kind = if mo.is_empty() && mn.is_empty() { RowKind::Context } else { RowKind::Changed };
                o.marks = mo;
                n.marks = mn;
            }
            true
        }
        (true, false) => {
            row.kind = RowKind::Added;
            if let Some(n) = row.new.as_mut() {
                n.marks = vec![[0, n.text.chars().count()]];
            }
            row.old = Some(WorkCell { path: None, text: "（新設）".into(), marks: vec![], placeholder: true });
            true
        }
        (false, true) => {
            row.kind = RowKind::Deleted;
            if let Some(o) = row.old.as_mut() {
                o.marks = vec![[0, o.text.chars().count()]];
            }
            row.new = Some(WorkCell { path: None, text: "（削る）".into(), marks: vec![], placeholder: true });
            true
        }
        (false, false) => false,
    }
}

/// Splits a cell at a character offset: (before, after), marks clipped and shifted; trailing line breaks of the
/// first part are dropped.
fn split_cell(c: &WorkCell, at: usize) -> (Option<WorkCell>, Option<WorkCell>) {
    let chars: Vec<char> = c.text.chars().collect();
    let at = at.min(chars.len());
    let mut first: String = chars[..at].iter().collect();
    while first.ends_with('\n') {
        first.pop();
    }
    let second: String = chars[at..].iter().collect();
    let first_len = first.chars().count();
    let part = |text: String, lo: usize, hi: usize, shift: usize| {
        if text.is_empty() {
            return None;
        }
        let marks = c
            .marks
            .iter()
            .filter_map(|&[s, e]| {
                let (s, e) = (s.max(lo), e.min(hi));
                (s < e).then(|| [s - shift, e - shift])
            })
            .collect();
        Some(WorkCell { path: c.path.clone(), text, marks, placeholder: c.placeholder })
    };
    (part(first, 0, first_len, 0), part(second, at, chars.len(), at))
}

fn check_marks(text: &str, marks: &[[u32; 2]]) -> std::result::Result<Vec<[usize; 2]>, String> {
    let len = text.chars().count();
    let mut out: Vec<[usize; 2]> = Vec::with_capacity(marks.len());
    for &[s, e] in marks {
        let (s, e) = (s as usize, e as usize);
        if s >= e || e > len {
            return Err(format!("下線の範囲 {s}～{e} が文章（{len}文字）の外にあります"));
        }
        out.push([s, e]);
    }
    out.sort_unstable();
    // Overlapping or touching spans are one span.
    let mut merged: Vec<[usize; 2]> = Vec::with_capacity(out.len());
    for m in out {
        match merged.last_mut() {
            Some(last) if m[0] <= last[1] => last[1] = last[1].max(m[1]),
            _ => merged.push(m),
        }
    }
    Ok(merged)
}

/// Applies one edit, or says in Japanese why it cannot be.
fn apply(rows: &mut Vec<WorkRow>, op: &ShinkyuEditOp) -> std::result::Result<(), String> {
    match op {
        ShinkyuEditOp::Omit { key } => {
            let i = find(rows, key)?;
            let row = &mut rows[i];
            if row.kind == RowKind::Omitted {
                return Err("この行は既に（略）です".into());
            }
            for c in [&mut row.new, &mut row.old].into_iter().flatten() {
                if !c.placeholder {
                    c.text = omitted_text(&c.text);
                }
                c.marks.clear();
            }
            row.kind = RowKind::Omitted;
            row.edited = true;
        }
        ShinkyuEditOp::Cell { key, side, text, marks } => {
            let i = find(rows, key)?;
            let marks = check_marks(text, marks)?;
            let row = &mut rows[i];
            let cell = match side {
                ShinkyuSide::New => &mut row.new,
                ShinkyuSide::Old => &mut row.old,
            };
            let path = cell.as_ref().and_then(|c| c.path.clone());
            *cell = Some(WorkCell { path, text: text.clone(), marks, placeholder: false });
            if row.kind == RowKind::Context && (is_real(&row.new) || is_real(&row.old)) {
                let marked = [&row.new, &row.old].iter().any(|c| c.as_ref().is_some_and(|c| !c.marks.is_empty()));
                if marked {
                    row.kind = RowKind::Changed;
                }
            }
            row.edited = true;
        }
        ShinkyuEditOp::Split { key, new_at, old_at } => {
            let i = find(rows, key)?;
            let row = rows[i].clone();
            if row.kind == RowKind::Omitted {
                return Err("（略）の行は分割できません".into());
            }
            let (n1, n2) = match &row.new {
                Some(c) if !c.placeholder => split_cell(c, *new_at as usize),
                other => (other.clone(), None),
            };
            let (o1, o2) = match &row.old {
                Some(c) if !c.placeholder => split_cell(c, *old_at as usize),
                other => (other.clone(), None),
            };
            if (n2.is_none() && o2.is_none()) || (n1.is_none() && o1.is_none()) {
                return Err("分割する位置が行の先頭か末尾です".into());
            }
            let first = WorkRow { key: format!("{key}#a"), new: n1, old: o1, edited: true, ..row.clone() };
            let second = WorkRow { key: format!("{key}#b"), new: n2, old: o2, edited: true, ..row };
            rows.splice(i..=i, [first, second]);
        }
        ShinkyuEditOp::Repair { key, other } => {
            let a = find(rows, key)?;
            let b = find(rows, other)?;
            if a == b {
                return Err("同じ行どうしは組み替えられません".into());
            }
            if rows[a].kind == RowKind::Omitted || rows[b].kind == RowKind::Omitted {
                return Err("（略）の行は組み替えられません".into());
            }
            let old_a = rows[a].old.take();
            let old_b = std::mem::replace(&mut rows[b].old, old_a);
            rows[a].old = old_b;
            rows[a].edited = true;
            rows[b].edited = true;
            let keep_b = recompare(&mut rows[b]);
            let keep_a = recompare(&mut rows[a]);
            // Remove the higher index first so the lower one stays valid.
            let mut gone: Vec<usize> = [(a, keep_a), (b, keep_b)].iter().filter(|(_, k)| !k).map(|(i, _)| *i).collect();
            gone.sort_unstable_by(|x, y| y.cmp(x));
            for i in gone {
                rows.remove(i);
            }
        }
    }
    Ok(())
}

/// 「第2部 第2 9 (2) のセルの編集」: what a stored edit was, for the message when it is dropped.
fn describe(edit: &ShinkyuEdit) -> String {
    let path = edit.row_key.split('|').find(|p| !p.is_empty()).unwrap_or("（見出しなし）");
    let what = match edit.kind.as_str() {
        "repair" => "行の組み替え",
        "split" => "行の分割",
        "cell" => "セルの編集",
        _ => "（略）への変更",
    };
    format!("{path} の{what}")
}

fn edit_kind(op: &ShinkyuEditOp) -> (&'static str, &str) {
    match op {
        ShinkyuEditOp::Repair { key, .. } => ("repair", key),
        ShinkyuEditOp::Split { key, .. } => ("split", key),
        ShinkyuEditOp::Cell { key, .. } => ("cell", key),
        ShinkyuEditOp::Omit { key } => ("omit", key),
    }
}

fn cell_view(c: &Option<WorkCell>) -> Option<ShinkyuCellView> {
    c.as_ref().map(|c| ShinkyuCellView {
        text: c.text.clone(),
        marks: c
            .marks
            .iter()
            .map(|&[s, e]| [u32::try_from(s).unwrap_or(u32::MAX), u32::try_from(e).unwrap_or(u32::MAX)])
            .collect(),
        path: c.path.clone(),
        placeholder: c.placeholder,
    })
}

/// Largest text file taken for one side (the engine reads 1 MB texts easily; this bounds the workspace).
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// Use cases

/// Undo and redo of 新旧対照表 edits: the whole stored state of the 資料 before each command.
#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<(i64, i64, ShinkyuState)>,
    redo: Vec<(i64, i64, ShinkyuState)>,
}

/// Commands kept for undo (each holds both texts, so fewer than the 次第 editor keeps).
pub const SHINKYU_UNDO_DEPTH: usize = 50;

impl History {
    fn record(&mut self, meeting: i64, material: i64, before: ShinkyuState) {
        self.undo.push((meeting, material, before));
        if self.undo.len() > SHINKYU_UNDO_DEPTH {
            self.undo.remove(0);
        }
        // A new command of this table makes its redo meaningless; other tables keep theirs.
        self.redo.retain(|(_, m, _)| *m != material);
    }

    /// Takes the newest entry of one table: undo and redo act on the table on screen, never on another one.
    fn take(stack: &mut Vec<(i64, i64, ShinkyuState)>, material: i64) -> Option<(i64, i64, ShinkyuState)> {
        let at = stack.iter().rposition(|(_, m, _)| *m == material)?;
        Some(stack.remove(at))
    }

    fn has(stack: &[(i64, i64, ShinkyuState)], material: i64) -> bool {
        stack.iter().any(|(_, m, _)| *m == material)
    }
}

impl App {
    /// The label and title of a 新旧対照表 資料 of a meeting (refusing other kinds).
    fn shinkyu_material(&self, meeting_id: i64, material_id: i64) -> Result<(String, String)> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let m = meeting
            .numbered_materials()
            .into_iter()
            .find(|m| m.material.id == material_id)
            .ok_or(shiryo_store::Error::MaterialNotFound { meeting_id, material_id })?;
        if m.material.kind != shiryo_core::MaterialKind::Shinkyu {
            return Err(AppError::ShinkyuEdit {
                reason: format!("{}は新旧対照表ではありません", m.label)
            });
        }
        Ok((m.label.clone(), m.material.title.clone()))
    }

    /// How many rows with a change a hand edit of this 新旧対照表 made （略） (0 until both texts are there).
    pub(crate) fn shinkyu_omitted_changes(&self, material_id: i64) -> Result<usize> {
        let state = self.ws.shinkyu_state(material_id)?;
        if !state.edits.iter().any(|e| e.kind == "omit") {
            return Ok(0);
        }
        Ok(build(&state)?.omitted_changes)
    }

    fn shinkyu_view(&self, meeting_id: i64, material_id: i64, dropped: Vec<ShinkyuDroppedEdit>) -> Result<ShinkyuView> {
        let (label, title) = self.shinkyu_material(meeting_id, material_id)?;
        let state = self.ws.shinkyu_state(material_id)?;
        let built = build(&state)?;
        let order = ShinkyuColumnOrder::from_code(&state.setting.column_order);
        let preset = ShinkyuPreset::from_code(&state.setting.preset);
        let (new_h, old_h, _) = preset.engine().wording();
        let headings = match order {
            ShinkyuColumnOrder::NewLeft => [new_h.to_string(), old_h.to_string()],
            ShinkyuColumnOrder::OldLeft => [old_h.to_string(), new_h.to_string()],
        };
        let rows = built
            .rows
            .iter()
            .map(|r| {
                let (left, right) = match order {
                    ShinkyuColumnOrder::NewLeft => (cell_view(&r.new), cell_view(&r.old)),
                    ShinkyuColumnOrder::OldLeft => (cell_view(&r.old), cell_view(&r.new)),
                };
                ShinkyuRowView { key: r.key.clone(), kind: r.kind.into(), left, right, edited: r.edited }
            })
            .collect();
        Ok(ShinkyuView {
            meeting_id,
            material_id,
            label,
            title,
            old_file: state.old.as_ref().map(|f| f.file_name.clone()),
            new_file: state.new.as_ref().map(|f| f.file_name.clone()),
            preset,
            column_order: order,
            caption: caption(&state.setting).unwrap_or_default().to_string(),
            caption_is_default: state.setting.caption.is_none(),
            headings,
            rows,
            dropped,
            edit_count: u32::try_from(state.edits.len()).unwrap_or(u32::MAX),
            can_undo: History::has(&self.shinkyu_history.undo, material_id),
            can_redo: History::has(&self.shinkyu_history.redo, material_id),
        })
    }

    /// The table of a 新旧対照表 資料 as the screen shows it.
    pub fn open_shinkyu(&self, req: &ShinkyuRef) -> Result<ShinkyuView> {
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Replaces the old or new text with a chosen file or pasted text, regenerates the table and keeps the edits
    /// that still apply; the others are dropped and listed in the answer. One transaction.
    pub fn set_shinkyu_text(&mut self, req: &SetShinkyuTextRequest) -> Result<ShinkyuView> {
        crate::validate::file_name(&req.file_name)?;
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let name = req.file_name.trim();
        let name = if name.is_empty() { "貼り付けた文章.txt" } else { name };
        if req.bytes.len() > MAX_TEXT_BYTES {
            return Err(AppError::Shinkyu(shiryo_shinkyu::Error::TooLarge {
                file: name.into(),
                limit: MAX_TEXT_BYTES as u64,
            }));
        }
        let lower = name.to_ascii_lowercase();
        let is_docx = lower.ends_with(".docx");
        if !(is_docx || lower.ends_with(".txt") || lower.ends_with(".text") || !lower.contains('.')) {
            return Err(AppError::Shinkyu(shiryo_shinkyu::Error::Unsupported { file: name.into() }));
        }
        let file = MaterialFile {
            role: req.side.role().to_string(),
            file_name: name.to_string(),
            media_type: if is_docx {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document".into()
            } else {
                "text/plain".into()
            },
            content: req.bytes.clone(),
        };
        // Decoded now, so a bad file is refused before anything is stored; a text with nothing in it would make
        // every row （削る） or （新設）, so it is refused too.
        if decode_file(&file)?.trim().is_empty() {
            return Err(AppError::ShinkyuEdit {
                reason: format!("「{name}」には文章がありません（空か空白だけです）。新旧対照表の文章として使えません"),
            });
        }
        let before = self.ws.shinkyu_state(req.material_id)?;
        let mut after = before.clone();
        match req.side {
            ShinkyuSide::Old => after.old = Some(file.clone()),
            ShinkyuSide::New => after.new = Some(file.clone()),
        }
        let built = build(&after)?;
        // Until both texts are there, nothing can be checked: every edit is kept.
        let dropped_idx = if after.old.is_some() && after.new.is_some() { built.failed } else { Vec::new() };
        let dropped: Vec<ShinkyuDroppedEdit> =
            dropped_idx.iter().map(|&i| ShinkyuDroppedEdit { description: describe(&after.edits[i]) }).collect();
        let kept: Vec<ShinkyuEdit> =
            after.edits.iter().enumerate().filter(|(i, _)| !dropped_idx.contains(i)).map(|(_, e)| e.clone()).collect();
        self.ws.set_shinkyu_text(req.meeting_id, req.material_id, req.side.role(), &file, &kept)?;
        self.shinkyu_history.record(req.meeting_id, req.material_id, before);
        self.shinkyu_view(req.meeting_id, req.material_id, dropped)
    }

    /// Saves the headings preset, column order and caption.
    pub fn set_shinkyu_options(&mut self, req: &SetShinkyuOptionsRequest) -> Result<ShinkyuView> {
        if let Some(caption) = &req.caption {
            crate::validate::note("見出し", caption)?;
        }
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let before = self.ws.shinkyu_state(req.material_id)?;
        let setting = ShinkyuSetting {
            preset: req.preset.code().to_string(),
            column_order: req.column_order.code().to_string(),
            caption: req.caption.as_ref().map(|c| c.trim().to_string()),
        };
        if setting == before.setting {
            return self.shinkyu_view(req.meeting_id, req.material_id, Vec::new());
        }
        self.ws.set_shinkyu_setting(req.meeting_id, req.material_id, &setting)?;
        self.shinkyu_history.record(req.meeting_id, req.material_id, before);
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Applies one hand edit (refused, nothing stored, when it does not apply to the table as it is).
    pub fn edit_shinkyu(&mut self, req: &ShinkyuEditRequest) -> Result<ShinkyuView> {
        match &req.edit {
            ShinkyuEditOp::Repair { key, other } => {
                crate::validate::note("行", key)?;
                crate::validate::note("行", other)?;
            }
            ShinkyuEditOp::Split { key, .. } | ShinkyuEditOp::Omit { key } => crate::validate::note("行", key)?,
            ShinkyuEditOp::Cell { key, text, .. } => {
                crate::validate::note("行", key)?;
                crate::validate::text("文", text)?;
            }
        }
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let before = self.ws.shinkyu_state(req.material_id)?;
        if before.old.is_none() || before.new.is_none() {
            return Err(AppError::ShinkyuEdit {
                reason: "旧と新の両方の文章を読み込んでから編集してください".into()
            });
        }
        let mut built = build(&before)?;
        apply(&mut built.rows, &req.edit).map_err(|reason| AppError::ShinkyuEdit { reason })?;
        let (kind, key) = edit_kind(&req.edit);
        let detail = serde_json::to_string(&req.edit).map_err(|e| AppError::ShinkyuEdit { reason: e.to_string() })?;
        let edit = ShinkyuEdit { kind: kind.to_string(), row_key: key.to_string(), detail };
        self.ws.add_shinkyu_edit(req.meeting_id, req.material_id, &edit)?;
        self.shinkyu_history.record(req.meeting_id, req.material_id, before);
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Takes back the last command (text, options or edit) on this 新旧対照表.
    pub fn undo_shinkyu(&mut self, req: &ShinkyuRef) -> Result<ShinkyuView> {
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let (meeting, material, before) =
            History::take(&mut self.shinkyu_history.undo, req.material_id).ok_or(AppError::NothingToUndo)?;
        let now = self.ws.shinkyu_state(material)?;
        if let Err(e) = self.ws.restore_shinkyu(meeting, material, &before) {
            self.shinkyu_history.undo.push((meeting, material, before));
            return Err(e.into());
        }
        self.shinkyu_history.redo.push((meeting, material, now));
        self.shinkyu_view(meeting, material, Vec::new())
    }

    /// Does again what the last undo on this 新旧対照表 took back.
    pub fn redo_shinkyu(&mut self, req: &ShinkyuRef) -> Result<ShinkyuView> {
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let (meeting, material, after) =
            History::take(&mut self.shinkyu_history.redo, req.material_id).ok_or(AppError::NothingToUndo)?;
        let now = self.ws.shinkyu_state(material)?;
        if let Err(e) = self.ws.restore_shinkyu(meeting, material, &after) {
            self.shinkyu_history.redo.push((meeting, material, after));
            return Err(e.into());
        }
        self.shinkyu_history.undo.push((meeting, material, now));
        self.shinkyu_view(meeting, material, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_converts_in_column_order_with_character_marks() {
        let old = "第１ 見出し\n１ 監査実施要領を定める。\n";
        let new = "第１ 見出し\n１ 監査実施要綱を定める。\n";
        let options = Options { old_left: true, ..Options::default() };
        let cmp = to_comparison(&shiryo_shinkyu::compare(old, new, &options), Some(DEFAULT_CAPTION));
        assert_eq!(cmp.headings, ["旧".to_string(), "新".to_string()]);
        let changed = cmp.rows.iter().find(|r| !r[0].marks.is_empty()).unwrap();
        let marked = |c: &ComparisonCell| -> String {
            let m = &c.marks[0];
            c.text.chars().skip(m.start).take(m.end - m.start).collect()
        };
        assert_eq!(marked(&changed[0]), "領");
        assert_eq!(marked(&changed[1]), "綱");
        assert_eq!(cmp.caption.as_deref(), Some("（下線部分は改正部分）"));
    }
}
