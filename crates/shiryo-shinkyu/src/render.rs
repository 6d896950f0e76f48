//! The table as plain text with visible marks (`要[綱]` / `要[領]`): the terminal form and the snapshot form.

use std::fmt::Write;

use crate::jiku::bracket;
use crate::table::{Cell, Row, RowKind, Table};

/// Renders the table: headings, caption, then one block per row in column order, marks in `[` `]`.
pub fn render_text(table: &Table) -> String {
    let [left, right] = table.column_headings();
    let mut out = format!("{left} | {right}\n");
    if let Some(caption) = &table.caption {
        let _ = writeln!(out, "{caption}");
    }
    for row in &table.rows {
        out.push('\n');
        render_row(&mut out, table, row, [left, right]);
    }
    out
}

fn kind_name(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Context => "context",
        RowKind::Changed => "changed",
        RowKind::Added => "added",
        RowKind::Deleted => "deleted",
        RowKind::Renumbered => "renumbered",
        RowKind::Omitted => "omitted",
    }
}

fn render_row(out: &mut String, table: &Table, row: &Row, headings: [&str; 2]) {
    let path = |c: &Option<Cell>| c.as_ref().and_then(|c| c.path.clone());
    let where_ = match (path(&row.new), path(&row.old)) {
        (Some(n), Some(o)) if n != o => format!("{n} ← {o}"),
        (Some(p), _) => p,
        (None, Some(p)) => format!("旧 {p}"),
        (None, None) => String::new(),
    };
    let _ = write!(out, "[{}] {where_}", kind_name(row.kind));
    if let Some(from) = &row.moved_from {
        let _ = write!(out, "（{from} から移動）");
    }
    if let Some(to) = &row.moved_to {
        let _ = write!(out, "（{to} へ移動）");
    }
    out.push('\n');
    let width = headings.iter().map(|h| h.chars().count()).max().unwrap_or(1);
    for (heading, cell) in headings.iter().zip(row.cells(table.column_order)) {
        let pad = "\u{3000}".repeat(width - heading.chars().count());
        let text = cell.map_or_else(String::new, |c| bracket(&c.text, &c.marks));
        for (i, line) in text.split('\n').enumerate() {
            let h = if i == 0 { format!("{heading}{pad}") } else { "\u{3000}".repeat(width) };
            let _ = writeln!(out, "  {h}│{line}");
        }
    }
}
