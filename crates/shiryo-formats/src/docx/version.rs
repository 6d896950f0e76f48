//! One version of a document with tracked changes, numbered: `Old` keeps every deletion and drops every
//! insertion, `New` the reverse. A paragraph whose mark is not in the version joins the next paragraph (the
//! joined paragraph keeps the properties, hence the numbering, of its first part that has text), as Word joins
//! them when the change is accepted or rejected; a table row inserted or deleted as a whole is in one version
//! only. List labels are then counted over the version's paragraphs in reading order (body and cells alike).

use super::document::{RawBlock, RawPara, RawRow, RawRun};
use super::numbering::{Counter, Definitions};

/// Which side of the tracked changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Every change rejected: the text before revision (旧).
    Old,
    /// Every change accepted: the text after revision (新).
    New,
}

/// A stretch of text with one underline state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    /// Underlined (`w:u` of any kind but `none`), directly or by its character style.
    pub underline: bool,
}

/// A paragraph as Word shows it: its list label (第１, (1), ア…) and its text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Paragraph {
    pub label: Option<String>,
    pub runs: Vec<Run>,
}

/// What separates a list label from its text: Word's tab, space or nothing all read as one full-width space,
/// so that the label stands apart as it does on the page.
pub const LABEL_SEPARATOR: char = '\u{3000}';

impl Paragraph {
    /// The text without the label.
    pub fn body(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The label, a full-width space and the text: the paragraph as printed.
    pub fn text(&self) -> String {
        match &self.label {
            Some(label) => format!("{label}{LABEL_SEPARATOR}{}", self.body()),
            None => self.body(),
        }
    }

    /// The underlined spans of [`Paragraph::text`], `[start, end)` in Unicode scalar values.
    pub fn underlines(&self) -> Vec<[usize; 2]> {
        let mut at = self.label.as_ref().map_or(0, |l| l.chars().count() + 1);
        let mut out: Vec<[usize; 2]> = Vec::new();
        for run in &self.runs {
            let len = run.text.chars().count();
            if run.underline && len > 0 {
                match out.last_mut() {
                    Some(last) if last[1] == at => last[1] = at + len,
                    _ => out.push([at, at + len]),
                }
            }
            at += len;
        }
        out
    }
}

/// A body table: rows of cells, each cell its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub rows: Vec<Vec<Vec<Paragraph>>>,
}

impl Table {
    /// A cell's text: its paragraphs joined by `sep`.
    pub fn cell_text(cell: &[Paragraph], sep: &str) -> String {
        cell.iter().map(Paragraph::text).collect::<Vec<_>>().join(sep)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// How [`Document::text`] writes a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tables {
    /// One line per row, cells separated by a tab.
    Tabs,
    /// The same rows between a line `［表］` and a line `［表ここまで］`: the table block of a text 資料.
    Marked,
}

/// One version of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    /// What was read differently from how Word would show it (an unknown number format…), in English.
    pub warnings: Vec<String>,
}

impl Document {
    /// The text, one paragraph per line (a line break inside a paragraph also starts a line).
    pub fn text(&self, tables: Tables) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Paragraph(p) => {
                    out.push_str(&p.text());
                    out.push('\n');
                }
                Block::Table(t) => {
                    if tables == Tables::Marked {
                        out.push_str("［表］\n");
                    }
                    for row in &t.rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|cell| {
                                Table::cell_text(cell, "\u{3000}").replace(['\t', '\n'], "\u{3000}").trim().to_string()
                            })
                            .collect();
                        if cells.iter().all(String::is_empty) {
                            continue;
                        }
                        out.push_str(&cells.join("\t"));
                        out.push('\n');
                    }
                    if tables == Tables::Marked {
                        out.push_str("［表ここまで］\n");
                    }
                }
            }
        }
        out
    }

    /// The body tables, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
    }
}

pub(crate) fn has_changes(blocks: &[RawBlock]) -> bool {
    let para = |p: &RawPara| p.mark_ins || p.mark_del || p.runs.iter().any(|r| r.ins || r.del);
    blocks.iter().any(|b| match b {
        RawBlock::Para(p) => para(p),
        RawBlock::Table(rows) => rows.iter().any(|r| r.ins || r.del || r.cells.iter().flatten().any(para)),
    })
}

fn keeps(version: Version, ins: bool, del: bool) -> bool {
    match version {
        Version::Old => !ins,
        Version::New => !del,
    }
}

struct Maker<'d> {
    counter: Counter<'d>,
    version: Version,
}

impl Maker<'_> {
    /// The paragraphs of one container (the body between tables, or a cell) in this version, joined where a
    /// paragraph mark is not in it, numbered.
    fn paragraphs<'r>(&mut self, raw: impl IntoIterator<Item = &'r RawPara>) -> Vec<Paragraph> {
        let mut out = Vec::new();
        // The paragraph being joined: the one whose properties it takes, and its runs so far.
        let mut pending: Option<(Option<&RawPara>, Vec<&RawRun>)> = None;
        for p in raw {
            let (mut props, mut runs) = pending.take().unwrap_or((None, Vec::new()));
            let before = runs.len();
            runs.extend(p.runs.iter().filter(|r| keeps(self.version, r.ins, r.del)));
            if props.is_none() && runs[before..].iter().any(|r| !r.text.is_empty()) {
                props = Some(p);
            }
            if keeps(self.version, p.mark_ins, p.mark_del) && !p.mark_hidden {
                out.push(self.finish(props.unwrap_or(p), &runs));
            } else {
                pending = Some((props, runs));
            }
        }
        // A last paragraph whose mark is not in this version: kept if it brings text.
        if let Some((Some(props), runs)) = pending {
            out.push(self.finish(props, &runs));
        }
        out
    }

    fn finish(&mut self, props: &RawPara, runs: &[&RawRun]) -> Paragraph {
        let label = self.counter.label(props.num_id.as_deref(), props.ilvl, props.style.as_deref());
        let mut merged: Vec<Run> = Vec::new();
        for r in runs {
            match merged.last_mut() {
                Some(last) if last.underline == r.underline => last.text.push_str(&r.text),
                _ => merged.push(Run { text: r.text.clone(), underline: r.underline }),
            }
        }
        // A tab at the start of a paragraph is indentation, not content.
        while let Some(first) = merged.first_mut() {
            let trimmed = first.text.trim_start_matches('\t');
            if trimmed.len() == first.text.len() {
                break;
            }
            first.text = trimmed.to_string();
            if first.text.is_empty() {
                merged.remove(0);
            }
        }
        Paragraph { label, runs: merged }
    }

    fn table(&mut self, rows: &[RawRow]) -> Table {
        let version = self.version;
        let mut out = Vec::new();
        for r in rows.iter().filter(|r| keeps(version, r.ins, r.del)) {
            let cells = r.cells.iter().map(|cell| self.paragraphs(cell)).collect();
            out.push(cells);
        }
        Table { rows: out }
    }
}

pub(crate) fn make(blocks: &[RawBlock], defs: &Definitions, version: Version) -> Document {
    let mut maker = Maker { counter: Counter::new(defs), version };
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        match &blocks[i] {
            RawBlock::Table(rows) => {
                out.push(Block::Table(maker.table(rows)));
                i += 1;
            }
            RawBlock::Para(_) => {
                let start = i;
                while i < blocks.len() && matches!(blocks[i], RawBlock::Para(_)) {
                    i += 1;
                }
                let paras = blocks[start..i].iter().filter_map(|b| match b {
                    RawBlock::Para(p) => Some(p),
                    RawBlock::Table(_) => None,
                });
                out.extend(maker.paragraphs(paras).into_iter().map(Block::Paragraph));
            }
        }
    }
    Document { blocks: out, warnings: defs.warnings.clone() }
}
