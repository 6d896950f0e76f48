//! The table of a stored 新旧対照表: the engine's table of its decoded texts, or the rows of a received table as
//! they stand, with the stored hand edits played over it (`shiryo_shinkyu::edit`), and what the screen shows of it.

use std::path::Path;

use shiryo_shinkyu::check::{Finding, Received};
use shiryo_shinkyu::{edit, Options, Table};
use shiryo_store::{MaterialFile, ShinkyuEdit, ShinkyuSetting, ShinkyuState};

use super::{decode_file, ShinkyuCellView, ShinkyuColumnOrder, ShinkyuEditOp, ShinkyuSide};
use crate::error::AppError;
use crate::Result;

/// The table of a state: as generated, with the stored edits applied, and which stored edits did not apply.
#[derive(Debug)]
pub(super) struct Built {
    pub(super) generated: Table,
    pub(super) edited: edit::Edited,
    /// Indices into the state's edits of those that did not apply.
    pub(super) failed: Vec<usize>,
    /// The rows are a received table's (checked again by [`findings`]), not generated from two texts.
    pub(super) received: bool,
}

pub(super) fn options(setting: &ShinkyuSetting) -> Options {
    Options {
        preset: setting.preset,
        old_left: ShinkyuColumnOrder::from_code(&setting.column_order) == ShinkyuColumnOrder::OldLeft,
        ..Options::default()
    }
}

/// The decoded texts of a state (both must be there).
pub(super) fn texts(state: &ShinkyuState) -> Result<Option<(String, String)>> {
    match (&state.old, &state.new) {
        (Some(o), Some(n)) => Ok(Some((decode_file(o)?, decode_file(n)?))),
        _ => Ok(None),
    }
}

/// The engine's edit of a request's (or a stored) edit.
pub(super) fn engine_edit(op: &ShinkyuEditOp) -> edit::Edit {
    let side = |s: &ShinkyuSide| match s {
        ShinkyuSide::Old => edit::Side::Old,
        ShinkyuSide::New => edit::Side::New,
    };
    match op {
        ShinkyuEditOp::Repair { key, other } => edit::Edit::Repair { key: key.clone(), other: other.clone() },
        ShinkyuEditOp::Split { key, new_at, old_at } => {
            edit::Edit::Split { key: key.clone(), new_at: *new_at as usize, old_at: *old_at as usize }
        }
        ShinkyuEditOp::Cell { key, side: s, text, marks } => edit::Edit::Cell {
            key: key.clone(),
            side: side(s),
            text: text.clone(),
            marks: marks.iter().map(|&[a, b]| [a as usize, b as usize]).collect(),
        },
        ShinkyuEditOp::Omit { key } => edit::Edit::Omit { key: key.clone() },
    }
}

/// The stored edits that can be read, with their index among all stored edits.
pub(super) fn stored_edits(state: &ShinkyuState) -> (Vec<usize>, Vec<edit::Edit>) {
    state
        .edits
        .iter()
        .enumerate()
        .filter_map(|(i, e)| serde_json::from_str::<ShinkyuEditOp>(&e.detail).ok().map(|op| (i, engine_edit(&op))))
        .unzip()
}

/// A received 新旧対照表 as it stands (its rows and what the check finds), read from its stored .docx as Word
/// shows it (any tracked change accepted).
pub(super) fn read_received(f: &MaterialFile) -> Result<Received> {
    use shiryo_shinkyu::input;
    let name = Path::new(&f.file_name);
    let doc = input::docx(&f.content, name, shiryo_core::limits::MAX_DOCX_BYTES).map_err(AppError::Shinkyu)?;
    shiryo_shinkyu::check::check(&doc.version(shiryo_formats::docx::Version::New))
        .map_err(|_| AppError::Shinkyu(shiryo_shinkyu::Error::NoComparisonTable { file: name.to_path_buf() }))
}

/// The rows before hand edits: a received table's (with the headings and column order of the settings, which
/// the person may have changed since it was taken in), else the engine's table of the two texts.
fn generated(state: &ShinkyuState) -> Result<Option<Table>> {
    if let Some(f) = &state.received {
        let mut table = read_received(f)?.table;
        table.set_preset(state.setting.preset);
        table.column_order = ShinkyuColumnOrder::from_code(&state.setting.column_order).into();
        return Ok(Some(table));
    }
    Ok(texts(state)?.map(|(old, new)| shiryo_shinkyu::compare(&old, &new, &options(&state.setting))))
}

/// The table of a state with its edits applied (no rows until both texts, or a received table, are there).
pub(super) fn build(state: &ShinkyuState) -> Result<Built> {
    let received = state.received.is_some();
    let Some(generated) = generated(state)? else {
        let generated = shiryo_shinkyu::compare("", "", &options(&state.setting));
        let edited = edit::apply(&generated, &[]);
        return Ok(Built { generated, edited, failed: (0..state.edits.len()).collect(), received });
    };
    let (index, edits) = stored_edits(state);
    let edited = edit::apply(&generated, &edits);
    let mut failed: Vec<usize> = (0..state.edits.len()).filter(|i| !index.contains(i)).collect();
    failed.extend(edited.dropped.iter().filter_map(|d| index.get(d.index).copied()));
    failed.sort_unstable();
    Ok(Built { generated, edited, failed, received })
}

/// What the check of a received table finds in its rows as they are now, hand edits included (a row the person
/// corrected is no longer reported); nothing for a table generated from two texts, whose marks are computed.
pub(super) fn findings(built: &Built) -> Vec<Finding> {
    if built.received {
        shiryo_shinkyu::check::findings(&built.edited.table)
    } else {
        Vec::new()
    }
}

/// 「第2部 第2 9 (2) のセルの編集」: what a stored edit was, for the message when it is dropped.
pub(super) fn describe(edit: &ShinkyuEdit) -> String {
    let path = edit.row_key.split('|').find(|p| !p.is_empty()).unwrap_or("（見出しなし）");
    let what = match edit.kind.as_str() {
        "repair" => "行の組み替え",
        "split" => "行の分割",
        "cell" => "セルの編集",
        _ => "（略）への変更",
    };
    format!("{path} の{what}")
}

pub(super) fn edit_kind(op: &ShinkyuEditOp) -> (&'static str, &str) {
    match op {
        ShinkyuEditOp::Repair { key, .. } => ("repair", key),
        ShinkyuEditOp::Split { key, .. } => ("split", key),
        ShinkyuEditOp::Cell { key, .. } => ("cell", key),
        ShinkyuEditOp::Omit { key } => ("omit", key),
    }
}

pub(super) fn cell_view(c: Option<&shiryo_shinkyu::Cell>, placeholder: bool) -> Option<ShinkyuCellView> {
    c.map(|c| ShinkyuCellView {
        text: c.text.clone(),
        marks: c
            .marks
            .iter()
            .map(|&[s, e]| [u32::try_from(s).unwrap_or(u32::MAX), u32::try_from(e).unwrap_or(u32::MAX)])
            .collect(),
        path: c.path.clone(),
        placeholder,
    })
}
