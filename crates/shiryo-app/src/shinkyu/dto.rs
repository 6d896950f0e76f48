//! The 新旧対照表 screen's DTOs (ts-rs): requests, the table as shown, presets and sides.

use serde::{Deserialize, Serialize};
use shiryo_shinkyu::RowKind;
use ts_rs::TS;

/// Headings of the table: the one preset type of the engine, the store, the CLI and the UI.
pub use shiryo_core::ShinkyuPreset;

/// Which text the left column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ShinkyuColumnOrder {
    NewLeft,
    OldLeft,
}

impl ShinkyuColumnOrder {
    pub(crate) fn code(self) -> &'static str {
        match self {
            ShinkyuColumnOrder::NewLeft => "new-left",
            ShinkyuColumnOrder::OldLeft => "old-left",
        }
    }

    pub(crate) fn from_code(code: &str) -> ShinkyuColumnOrder {
        if code == "old-left" {
            ShinkyuColumnOrder::OldLeft
        } else {
            ShinkyuColumnOrder::NewLeft
        }
    }
}

impl From<shiryo_shinkyu::ColumnOrder> for ShinkyuColumnOrder {
    fn from(order: shiryo_shinkyu::ColumnOrder) -> ShinkyuColumnOrder {
        match order {
            shiryo_shinkyu::ColumnOrder::NewLeft => ShinkyuColumnOrder::NewLeft,
            shiryo_shinkyu::ColumnOrder::OldLeft => ShinkyuColumnOrder::OldLeft,
        }
    }
}

impl From<ShinkyuColumnOrder> for shiryo_shinkyu::ColumnOrder {
    fn from(order: ShinkyuColumnOrder) -> shiryo_shinkyu::ColumnOrder {
        match order {
            ShinkyuColumnOrder::NewLeft => shiryo_shinkyu::ColumnOrder::NewLeft,
            ShinkyuColumnOrder::OldLeft => shiryo_shinkyu::ColumnOrder::OldLeft,
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
    pub(crate) fn role(self) -> &'static str {
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

/// One problem the check found in a received table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ShinkyuFindingView {
    /// `mark_without_change`, `change_without_mark`, `unchanged_marked`, `omitted_changed` or `numbering_gap`.
    pub code: String,
    /// The row, counted from 1 as the screen lists them.
    pub row: u32,
    /// The key of that row (to select it).
    pub key: String,
    /// In Japanese, naming the row: 「2行目（第2 1）：改正後欄の「…」は改正前欄と異なりますが、傍線がありません」.
    pub message: String,
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
    /// The Word file with tracked changes (見え消し) both texts are read from, when they were taken in that way
    /// (old: every change rejected; new: every change accepted).
    pub tracked_file: Option<String>,
    /// The received 新旧対照表 (.docx) whose rows the table is, as it stands; there are no old and new texts then.
    pub received_file: Option<String>,
    /// What the check of a received table finds in its rows as they are now (hand edits included), in row
    /// order; always empty for a table generated from two texts. Never printed.
    pub findings: Vec<ShinkyuFindingView>,
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
