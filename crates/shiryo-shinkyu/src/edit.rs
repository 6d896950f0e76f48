//! Hand edits of a generated table: re-pair two rows, split a row, replace a cell, show a row as （略）.
//!
//! Edits name their row by a key ([`row_keys`]): the new and old provision paths and a hash of both texts, so an
//! edit still finds its row after the table is generated again from a text that changed elsewhere, and no longer
//! applies (it is [`Dropped`], with the reason) when its row changed or is gone. [`apply`] is pure: the app keeps
//! the edits, this module only knows how to play them over a table.

use std::hash::Hasher;

use crate::jiku::{self, Span};
use crate::table::{Cell, Row, RowKind, Table};

/// The old (改正前) or the new (改正後) text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// One hand edit of the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Re-pair two rows: their old cells are exchanged and both rows compared again; a row left with nothing on
    /// either side disappears (pairs a （新設） row with the （削る） row of the same provision).
    Repair { key: String, other: String },
    /// Split a row in two at these character offsets of its new and old text.
    Split { key: String, new_at: usize, old_at: usize },
    /// Replace a cell's text and marks (`[start, end)` in characters).
    Cell { key: String, side: Side, text: String, marks: Vec<Span> },
    /// Show the row as （略）.
    Omit { key: String },
}

impl Edit {
    /// The key of the row the edit applies to.
    pub fn key(&self) -> &str {
        match self {
            Edit::Repair { key, .. } | Edit::Split { key, .. } | Edit::Cell { key, .. } | Edit::Omit { key } => key,
        }
    }
}

/// Why an edit does not apply to a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no row has the key {key}")]
    RowNotFound { key: String },
    #[error("row {key} is already omitted")]
    AlreadyOmitted { key: String },
    #[error("row {key} is omitted and cannot be split")]
    SplitOmitted { key: String },
    #[error("row {key} cannot be split at the start or end of its text")]
    SplitAtEdge { key: String },
    #[error("row {key} cannot be re-paired with itself")]
    RepairSame { key: String },
    #[error("row {key} is omitted and cannot be re-paired")]
    RepairOmitted { key: String },
    #[error("mark {start}..{end} lies outside the text of {len} characters")]
    MarkOutside { start: usize, end: usize, len: usize },
}

/// What the app needs to know of a row of the edited table beyond its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowInfo {
    /// What edits name the row by.
    pub key: String,
    /// A hand edit changed this row.
    pub edited: bool,
    /// The new / old cell is a （新設） / （削る） placeholder, not a provision.
    pub new_placeholder: bool,
    pub old_placeholder: bool,
}

/// An edit that did not apply: its index in the edits given, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    pub index: usize,
    pub error: EditError,
}

/// A table with edits applied: its rows (with [`RowInfo`] for each, in the same order) and the edits that
/// did not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub table: Table,
    pub rows: Vec<RowInfo>,
    pub dropped: Vec<Dropped>,
    /// Rows with a change (改正, 新設, 削る, renumbering) that an edit made （略）: 印刷前の確認 lists them.
    pub omitted_changes: usize,
}

/// A stable 64-bit FNV-1a of the parts, each followed by 0xff (std's hasher may change between Rust releases).
fn hash(parts: &[&str]) -> u64 {
    let mut h = fnv::FnvHasher::default();
    for part in parts {
        h.write(part.as_bytes());
        h.write(&[0xff]);
    }
    h.finish()
}

/// `new path|old path|hash of both texts` for each row; a repeated key gets `#2`, `#3`.
pub fn row_keys(rows: &[Row]) -> Vec<String> {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    rows.iter()
        .map(|r| {
            let path = |c: &Option<Cell>| c.as_ref().and_then(|c| c.path.clone()).unwrap_or_default();
            let text = |c: &Option<Cell>| c.as_ref().map(|c| c.text.clone()).unwrap_or_default();
            let key = format!("{}|{}|{:016x}", path(&r.new), path(&r.old), hash(&[&text(&r.new), &text(&r.old)]));
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

/// Plays `edits` in order over `table`; an edit that does not apply is left out and listed in `dropped`.
pub fn apply(table: &Table, edits: &[Edit]) -> Edited {
    let keys = row_keys(&table.rows);
    let cell = |c: &Option<Cell>| {
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
        .map(|(r, key)| WorkRow {
            key,
            kind: r.kind,
            new: cell(&r.new),
            old: cell(&r.old),
            edited: false,
            moved_from: r.moved_from.clone(),
            moved_to: r.moved_to.clone(),
        })
        .collect();
    let mut dropped = Vec::new();
    let mut omitted_changes = 0;
    for (index, edit) in edits.iter().enumerate() {
        let hides_change = match edit {
            Edit::Omit { key } => rows
                .iter()
                .find(|r| &r.key == key)
                .is_some_and(|r| !matches!(r.kind, RowKind::Context | RowKind::Omitted)),
            _ => false,
        };
        match apply_one(&mut rows, edit) {
            Ok(()) if hides_change => omitted_changes += 1,
            Ok(()) => {}
            Err(error) => dropped.push(Dropped { index, error }),
        }
    }
    let out = |c: &Option<WorkCell>| {
        c.as_ref().map(|c| Cell { path: c.path.clone(), text: c.text.clone(), marks: c.marks.clone() })
    };
    let placeholder = |c: &Option<WorkCell>| c.as_ref().is_some_and(|c| c.placeholder);
    Edited {
        table: Table {
            rows: rows
                .iter()
                .map(|r| Row {
                    kind: r.kind,
                    new: out(&r.new),
                    old: out(&r.old),
                    moved_from: r.moved_from.clone(),
                    moved_to: r.moved_to.clone(),
                })
                .collect(),
            ..table.clone()
        },
        rows: rows
            .iter()
            .map(|r| RowInfo {
                key: r.key.clone(),
                edited: r.edited,
                new_placeholder: placeholder(&r.new),
                old_placeholder: placeholder(&r.old),
            })
            .collect(),
        dropped,
        omitted_changes,
    }
}

/// A cell while edits are applied: a placeholder keeps `placeholder` even after a hand edit gave it no path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WorkCell {
    path: Option<String>,
    text: String,
    marks: Vec<Span>,
    placeholder: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct WorkRow {
    key: String,
    kind: RowKind,
    new: Option<WorkCell>,
    old: Option<WorkCell>,
    edited: bool,
    moved_from: Option<String>,
    moved_to: Option<String>,
}

fn find(rows: &[WorkRow], key: &str) -> Result<usize, EditError> {
    rows.iter().position(|r| r.key == key).ok_or_else(|| EditError::RowNotFound { key: key.to_string() })
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
                let (mo, mn) = jiku::marks(&o.text, &n.text);
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

/// The marks sorted, overlapping or touching spans merged; refused when one lies outside the text.
fn check_marks(text: &str, marks: &[Span]) -> Result<Vec<Span>, EditError> {
    let len = text.chars().count();
    let mut out: Vec<Span> = Vec::with_capacity(marks.len());
    for &[start, end] in marks {
        if start >= end || end > len {
            return Err(EditError::MarkOutside { start, end, len });
        }
        out.push([start, end]);
    }
    out.sort_unstable();
    let mut merged: Vec<Span> = Vec::with_capacity(out.len());
    for m in out {
        match merged.last_mut() {
            Some(last) if m[0] <= last[1] => last[1] = last[1].max(m[1]),
            _ => merged.push(m),
        }
    }
    Ok(merged)
}

fn apply_one(rows: &mut Vec<WorkRow>, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Omit { key } => {
            let i = find(rows, key)?;
            let row = &mut rows[i];
            if row.kind == RowKind::Omitted {
                return Err(EditError::AlreadyOmitted { key: key.clone() });
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
        Edit::Cell { key, side, text, marks } => {
            let i = find(rows, key)?;
            let marks = check_marks(text, marks)?;
            let row = &mut rows[i];
            let cell = match side {
                Side::New => &mut row.new,
                Side::Old => &mut row.old,
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
        Edit::Split { key, new_at, old_at } => {
            let i = find(rows, key)?;
            let row = rows[i].clone();
            if row.kind == RowKind::Omitted {
                return Err(EditError::SplitOmitted { key: key.clone() });
            }
            let (n1, n2) = match &row.new {
                Some(c) if !c.placeholder => split_cell(c, *new_at),
                other => (other.clone(), None),
            };
            let (o1, o2) = match &row.old {
                Some(c) if !c.placeholder => split_cell(c, *old_at),
                other => (other.clone(), None),
            };
            if (n2.is_none() && o2.is_none()) || (n1.is_none() && o1.is_none()) {
                return Err(EditError::SplitAtEdge { key: key.clone() });
            }
            let first = WorkRow { key: format!("{key}#a"), new: n1, old: o1, edited: true, ..row.clone() };
            let second = WorkRow { key: format!("{key}#b"), new: n2, old: o2, edited: true, ..row };
            rows.splice(i..=i, [first, second]);
        }
        Edit::Repair { key, other } => {
            let a = find(rows, key)?;
            let b = find(rows, other)?;
            if a == b {
                return Err(EditError::RepairSame { key: key.clone() });
            }
            for i in [a, b] {
                if rows[i].kind == RowKind::Omitted {
                    return Err(EditError::RepairOmitted { key: rows[i].key.clone() });
                }
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

#[cfg(test)]
mod tests;
