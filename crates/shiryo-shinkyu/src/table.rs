//! The table: rows of (新 cell, 旧 cell) in document order, with （略） for unchanged stretches.
//!
//! A row is shown when its provision changed, when a provision below it changed (its ancestors are context),
//! or when it is a lead paragraph (柱書) of a shown provision. Every other run of siblings collapses into one
//! row: `１～７ （略）`, `(1) （略）`, `第 14～15 （略）`. The model carries no layout: the print engine and the
//! UI draw it; the `render` module prints it as text with visible marks (it depends on this one, never the reverse).

use serde::Serialize;

use crate::align::{Entry, Status};
use crate::jiku::{self, Span};
use crate::parse::{indent_of_path, parse_label, Document, Label, Node, Style};

/// Headings and caption of the table: the one preset type of the workspace, the app and the CLI.
pub use shiryo_core::ShinkyuPreset as Preset;

/// How two omitted siblings are written: `２～３ （略）` (the seed) or `２及び３ （略）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairJoin {
    #[default]
    Range,
    Oyobi,
}

/// Everything the user can choose about a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub preset: Preset,
    /// Old text in the left column (some bodies); the default is new on the left.
    pub old_left: bool,
    /// Write （新設） / （削る） in the empty cell of an added / deleted provision (national practice);
    /// `false` leaves the cell empty (`null` in JSON), as some 自治体 do.
    pub placeholders: bool,
    pub pair_join: PairJoin,
}

impl Default for Options {
    fn default() -> Self {
        Options { preset: Preset::default(), old_left: false, placeholders: true, pair_join: PairJoin::default() }
    }
}

/// What a row shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Unchanged, shown because something below it changed (or as the lead paragraph of such a provision).
    Context,
    Changed,
    Added,
    Deleted,
    /// Only the number changed; the label is marked.
    Renumbered,
    /// A run of unchanged provisions written as `１～７ （略）`.
    Omitted,
}

/// One cell: the text as printed and the marked (underlined) spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The provision's path (`第2部 第2 9 (2)`), a range for omitted rows, `null` for （新設） / （削る）.
    pub path: Option<String>,
    pub text: String,
    /// `[start, end)` in Unicode scalar values.
    pub marks: Vec<Span>,
}

impl Cell {
    /// How each line of the text is set in print, as (first line, continuation lines) in characters from the
    /// cell's edge: a law's （見出し） one character in, the provision at its depth ([`indent_of_path`]) with its
    /// continuation lines hanging one character further. A cell without a path (（新設）) is set flush.
    pub fn indents(&self) -> Vec<[u8; 2]> {
        let depth = self.path.as_deref().map_or(0, indent_of_path);
        let lines: Vec<&str> = self.text.split('\n').collect();
        let last = lines.len().saturating_sub(1);
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                if i < last && line.starts_with('（') {
                    [1, 1]
                } else if self.path.is_none() {
                    [0, 0]
                } else {
                    [depth, depth.saturating_add(1)]
                }
            })
            .collect()
    }

    /// The marks as byte ranges into `text` (what a layout engine that slices `&str` needs).
    pub fn mark_byte_ranges(&self) -> Vec<std::ops::Range<usize>> {
        let mut offsets: Vec<usize> = self.text.char_indices().map(|(b, _)| b).collect();
        offsets.push(self.text.len());
        let at = |i: usize| offsets.get(i).copied().unwrap_or(self.text.len());
        self.marks.iter().map(|&[s, e]| at(s)..at(e)).collect()
    }
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub kind: RowKind,
    pub new: Option<Cell>,
    pub old: Option<Cell>,
    /// For an added provision that was moved: its path in the old text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<String>,
    /// For a deleted provision that was moved: its path in the new text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_to: Option<String>,
}

impl Row {
    /// The two cells in the order of the columns.
    pub fn cells(&self, order: ColumnOrder) -> [Option<&Cell>; 2] {
        match order {
            ColumnOrder::NewLeft => [self.new.as_ref(), self.old.as_ref()],
            ColumnOrder::OldLeft => [self.old.as_ref(), self.new.as_ref()],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColumnOrder {
    NewLeft,
    OldLeft,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headings {
    pub new: String,
    pub old: String,
}

/// A finished 新旧対照表.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    pub headings: Headings,
    pub column_order: ColumnOrder,
    /// The sentence above the table, e.g. （傍線部分は改正部分）.
    pub caption: Option<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// Whether the table compares law-style texts (a row's path has a 条): such tables follow the conventions of
    /// 法令 (改正後 / 改正前 with （傍線部分は改正部分）).
    pub fn is_law_style(&self) -> bool {
        self.rows.iter().flat_map(|r| [&r.new, &r.old]).flatten().filter_map(|c| c.path.as_deref()).any(|p| {
            p.split(' ').any(|part| {
                part.starts_with('第') && parse_label(&format!("{part} x")).is_some_and(|l| l.0 == Style::Jo)
            })
        })
    }

    /// Sets headings and caption to a preset's (what the CLI does for law-style texts when no preset was asked).
    pub fn set_preset(&mut self, preset: Preset) {
        let (new, old, caption) = preset.wording();
        self.headings = Headings { new: new.to_string(), old: old.to_string() };
        self.caption = caption.map(str::to_string);
    }

    /// The column headings in column order.
    pub fn column_headings(&self) -> [&str; 2] {
        match self.column_order {
            ColumnOrder::NewLeft => [&self.headings.new, &self.headings.old],
            ColumnOrder::OldLeft => [&self.headings.old, &self.headings.new],
        }
    }
}

struct Tree<'a> {
    old: &'a Document<'a>,
    new: &'a Document<'a>,
    entries: &'a [Entry],
    /// Children as linked lists (no allocation per entry): first child and next sibling; index `len` is the root.
    first_child: Vec<Option<usize>>,
    next_sibling: Vec<Option<usize>>,
    kept: Vec<bool>,
    /// Law style: two omitted siblings as `２・３`, `　（略）` after a full-width space.
    law: bool,
}

impl Tree<'_> {
    /// The label of an entry's provision: the new one, or the old one for a deletion.
    fn label(&self, e: usize) -> Option<&Label> {
        let entry = &self.entries[e];
        let node = match (entry.new, entry.old) {
            (Some(n), _) => self.new.nodes.get(n),
            (None, Some(o)) => self.old.nodes.get(o),
            (None, None) => None,
        };
        node.and_then(|n| n.label.as_ref())
    }
}

/// Builds the table from an alignment.
pub fn build(old: &Document, new: &Document, entries: &[Entry], options: &Options) -> Table {
    let mut entry_of_old = vec![None; old.nodes.len()];
    let mut entry_of_new = vec![None; new.nodes.len()];
    for (i, e) in entries.iter().enumerate() {
        if let Some(o) = e.old {
            entry_of_old[o] = Some(i);
        }
        if let Some(n) = e.new {
            entry_of_new[n] = Some(i);
        }
    }
    let parent: Vec<Option<usize>> = entries
        .iter()
        .map(|e| match (e.new, e.old) {
            (Some(n), _) => new.nodes[n].parent.and_then(|p| entry_of_new[p]),
            (None, Some(o)) => old.nodes[o].parent.and_then(|p| entry_of_old[p]),
            (None, None) => None,
        })
        .collect();
    let root = entries.len();
    let mut first_child = vec![None; entries.len() + 1];
    let mut last_child: Vec<Option<usize>> = vec![None; entries.len() + 1];
    let mut next_sibling = vec![None; entries.len()];
    for (i, p) in parent.iter().enumerate() {
        let p = p.unwrap_or(root);
        match last_child[p] {
            Some(prev) => next_sibling[prev] = Some(i),
            None => first_child[p] = Some(i),
        }
        last_child[p] = Some(i);
    }
    let mut kept = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if e.status == Status::Same {
            continue;
        }
        let mut cur = Some(i);
        while let Some(c) = cur {
            if kept[c] {
                break;
            }
            kept[c] = true;
            cur = parent[c];
        }
    }
    let law = old.is_law_style() || new.is_law_style();
    let tree = Tree { old, new, entries, first_child, next_sibling, kept, law };
    let (new_heading, old_heading, caption) = options.preset.wording();
    let mut rows = Vec::new();
    emit_children(&tree, None, false, options, &mut rows);
    Table {
        headings: Headings { new: new_heading.to_string(), old: old_heading.to_string() },
        column_order: if options.old_left { ColumnOrder::OldLeft } else { ColumnOrder::NewLeft },
        caption: caption.map(str::to_string),
        rows,
    }
}

fn emit_children(tree: &Tree, parent: Option<usize>, in_appendix: bool, options: &Options, rows: &mut Vec<Row>) {
    let kids: Vec<usize> =
        std::iter::successors(tree.first_child[parent.unwrap_or(tree.entries.len())], |&k| tree.next_sibling[k])
            .collect();
    // Lead paragraphs (柱書) of a shown provision stay visible, except in 別紙 (figures and tables).
    let lead_count = if parent.is_some() && !in_appendix {
        kids.iter().take_while(|&&k| tree.label(k).is_none()).count()
    } else {
        0
    };
    // 附則 have no number to write a range with: when one of them is shown, all of them are.
    let is_supplementary = |k: usize| tree.label(k).is_some_and(|l| l.style == Style::Supplementary);
    // (A law's 附則 are named by their amending act: unchanged ones collapse like any provision.)
    let supplementary_shown = !tree.law && kids.iter().any(|&k| tree.kept[k] && is_supplementary(k));
    let mut run: Vec<usize> = Vec::new();
    let mut first_run = true;
    for (pos, &k) in kids.iter().enumerate() {
        let is_toc = tree.label(k).is_some_and(|l| l.style == Style::Toc);
        // The title block above the first provision is its own run (left out of the table).
        if parent.is_none()
            && first_run
            && !run.is_empty()
            && tree.label(k).is_some()
            && run.iter().all(|&r| tree.label(r).is_none())
        {
            flush_run(tree, parent, &mut run, &mut first_run, options, rows);
        }
        // An unchanged 目次 is left out: it is shown only where it changed.
        if is_toc && !tree.kept[k] {
            continue;
        }
        let starts_other_style =
            run.last().and_then(|&r| tree.label(r)).zip(tree.label(k)).is_some_and(|(a, b)| a.style != b.style);
        if starts_other_style {
            flush_run(tree, parent, &mut run, &mut first_run, options, rows);
        }
        if tree.kept[k] || pos < lead_count || (supplementary_shown && is_supplementary(k)) {
            flush_run(tree, parent, &mut run, &mut first_run, options, rows);
            rows.push(row_for(tree, k, options));
            let appendix = in_appendix || tree.label(k).is_some_and(|l| l.style == Style::Appendix);
            emit_children(tree, Some(k), appendix, options, rows);
        } else {
            run.push(k);
        }
    }
    flush_run(tree, parent, &mut run, &mut first_run, options, rows);
}

fn flush_run(
    tree: &Tree,
    parent: Option<usize>,
    run: &mut Vec<usize>,
    first_run: &mut bool,
    options: &Options,
    rows: &mut Vec<Row>,
) {
    if run.is_empty() {
        return;
    }
    let labelled = run.iter().any(|&k| tree.label(k).is_some());
    // The title block above the first provision of a document is not part of the table.
    let skip = parent.is_none() && !labelled && *first_run;
    *first_run = false;
    if !skip {
        let side = |pick: fn(&Entry) -> Option<usize>, doc: &Document| -> Option<Cell> {
            let nodes: Vec<&Node> = run.iter().filter_map(|&k| pick(&tree.entries[k])).map(|i| &doc.nodes[i]).collect();
            let first = nodes.first()?;
            Some(omitted_cell(&nodes, first.parent.map(|p| doc.nodes[p].path.as_str()), options.pair_join, tree.law))
        };
        rows.push(Row {
            kind: RowKind::Omitted,
            new: side(|e| e.new, tree.new),
            old: side(|e| e.old, tree.old),
            moved_from: None,
            moved_to: None,
        });
    }
    run.clear();
}

/// `１～７ （略）` for a run of unchanged siblings; `（略）` when none of them is numbered.
fn omitted_cell(nodes: &[&Node], parent_path: Option<&str>, join: PairJoin, law: bool) -> Cell {
    let labels: Vec<(&Label, &str)> = nodes.iter().filter_map(|n| Some((n.label.as_ref()?, n.label_text()?))).collect();
    // 法令 write `２・３　（略）`, `二～八　（略）`; plans (the seed) `１～７ （略）`.
    let gap = if law { '\u{3000}' } else { ' ' };
    let (text, key) = match labels.as_slice() {
        [] => ("（略）".to_string(), "（略）".to_string()),
        // 附則 have no number to write a range with.
        [(first, _), ..] if first.style == Style::Supplementary => {
            (format!("附則{gap}（略）"), "附則（略）".to_string())
        }
        [(one, printed)] => (format!("{printed}{gap}（略）"), one.key.clone()),
        [(first, first_printed), .., (last, last_printed)] => {
            let sep = match (labels.len(), join) {
                (2, PairJoin::Oyobi) => "及び",
                (2, PairJoin::Range) if law => "・",
                _ => "～",
            };
            let dai = first.style == Style::Dai;
            let last_text = if dai {
                last_printed.trim_start_matches('第').trim_start_matches([' ', '\u{3000}'])
            } else {
                last_printed
            };
            let last_key = if dai { last.key.trim_start_matches('第') } else { &last.key };
            (format!("{first_printed}{sep}{last_text}{gap}（略）"), format!("{}{sep}{last_key}", first.key))
        }
    };
    let path = match parent_path {
        Some(p) => format!("{p} {key}"),
        None => key,
    };
    Cell { path: Some(path), text, marks: Vec::new() }
}

fn row_for(tree: &Tree, k: usize, options: &Options) -> Row {
    let e = &tree.entries[k];
    let cell =
        |node: &Node, marks: Vec<Span>| Cell { path: Some(node.path.clone()), text: node.text.to_string(), marks };
    let whole = |node: &Node| vec![[0, node.text.chars().count()]];
    let placeholder =
        |text: &str| options.placeholders.then(|| Cell { path: None, text: text.to_string(), marks: vec![] });
    let moved_path = |doc: &Document, side: fn(&Entry) -> Option<usize>| {
        e.moved.and_then(|m| side(&tree.entries[m])).map(|i| doc.nodes[i].path.clone())
    };
    let old = e.old.map(|o| &tree.old.nodes[o]);
    let new = e.new.map(|n| &tree.new.nodes[n]);
    let (kind, new_cell, old_cell) = match (e.status, new, old) {
        (Status::Same, Some(n), Some(o)) => (RowKind::Context, Some(cell(n, vec![])), Some(cell(o, vec![]))),
        (Status::Renumbered, Some(n), Some(o)) => {
            let label = |node: &Node| node.label_range.map(|(s, e)| vec![[s, e]]).unwrap_or_default();
            (RowKind::Renumbered, Some(cell(n, label(n))), Some(cell(o, label(o))))
        }
        (Status::Added, Some(n), _) => (RowKind::Added, Some(cell(n, whole(n))), placeholder("（新設）")),
        (Status::Deleted, _, Some(o)) => (RowKind::Deleted, placeholder("（削る）"), Some(cell(o, whole(o)))),
        (_, Some(n), Some(o)) => {
            let (mo, mn) = jiku::marks(&o.text, &n.text);
            (RowKind::Changed, Some(cell(n, mn)), Some(cell(o, mo)))
        }
        (_, n, o) => (RowKind::Changed, n.map(|n| cell(n, whole(n))), o.map(|o| cell(o, whole(o)))),
    };
    let (moved_from, moved_to) = match e.status {
        Status::Added => (moved_path(tree.old, |e| e.old), None),
        Status::Deleted => (None, moved_path(tree.new, |e| e.new)),
        _ => (None, None),
    };
    Row { kind, new: new_cell, old: old_cell, moved_from, moved_to }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_convert_to_byte_ranges_for_the_print_engine() {
        let cell = Cell { path: None, text: "(2) 要綱を定め".into(), marks: vec![[4, 6]] };
        let ranges = cell.mark_byte_ranges();
        assert_eq!(ranges.iter().map(|r| (r.start, r.end)).collect::<Vec<_>>(), [(4, 10)]);
        assert_eq!(&cell.text[ranges[0].clone()], "要綱");
    }

    #[test]
    fn without_placeholders_the_empty_cell_is_null_in_json() {
        let options = Options { placeholders: false, ..Options::default() };
        let (old, new) = (Document::parse("第１ 見出し\n"), Document::parse("第１ 見出し\n１ 新しい項目\n"));
        let t = build(&old, &new, &crate::align::align(&old, &new), &options);
        let json = serde_json::to_value(&t).unwrap();
        let added = &json["rows"][1];
        assert_eq!(added["kind"], "added");
        assert!(added["old"].is_null());
        assert_eq!(added["new"]["marks"], serde_json::json!([[0, 7]]));
        assert_eq!(added["new"]["path"], "第1 1");
        assert_eq!(json["column_order"], "new-left");
        assert_eq!(json["headings"]["new"], "新");
    }
}
