//! `word/document.xml` → paragraphs and tables with their tracked changes still in them (each run knows whether
//! it was inserted or deleted, each paragraph mark and table row too). [`super::version`] makes the two
//! versions from it.
//!
//! What Word shows is kept: `w:t` of runs (with `w:delText` as deleted text), tabs, line breaks, the result of
//! fields. What it does not print is never read: field instructions, text boxes and drawings, comments'
//! references, footnote references, ruby text, hidden (`w:vanish`) runs, formatting-change records.

use quick_xml::events::{BytesStart, Event};
// Tables nested deeper than this are read as part of the cell that holds them (their rows as lines).
use shiryo_core::limits::MAX_DOCX_TABLE_DEPTH as MAX_TABLE_DEPTH;

use super::numbering::Definitions;
use super::xml::{attr, general_ref, number, on, text};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RawRun {
    pub text: String,
    pub ins: bool,
    pub del: bool,
    pub underline: bool,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawPara {
    pub runs: Vec<RawRun>,
    pub mark_ins: bool,
    pub mark_del: bool,
    pub mark_hidden: bool,
    pub num_id: Option<String>,
    pub ilvl: Option<u8>,
    pub style: Option<String>,
}

impl RawPara {
    fn push(&mut self, text: &str, ins: bool, del: bool, underline: bool) {
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.ins == ins && last.del == del && last.underline == underline => last.text.push_str(text),
            _ => self.runs.push(RawRun { text: text.to_string(), ins, del, underline }),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawRow {
    pub ins: bool,
    pub del: bool,
    pub cells: Vec<Vec<RawPara>>,
}

#[derive(Debug, Clone)]
pub(crate) enum RawBlock {
    Para(RawPara),
    Table(Vec<RawRow>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    P,
    PPr,
    NumPr,
    R,
    RPr,
    T,
    Tbl,
    Tr,
    TrPr,
    Tc,
    /// An insertion (`w:ins`, `w:moveTo`) around runs.
    Ins,
    /// A deletion (`w:del`, `w:moveFrom`) around runs.
    Del,
    Other,
}

/// Elements whose whole content Word does not print into the paragraph's text.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"drawing"
            | b"pict"
            | b"object"
            | b"txbxContent"
            | b"Choice"
            | b"instrText"
            | b"delInstrText"
            | b"pPrChange"
            | b"rPrChange"
            | b"sectPrChange"
            | b"tblPrChange"
            | b"trPrChange"
            | b"tcPrChange"
            | b"tblGridChange"
            | b"numberingChange"
            | b"fldData"
            | b"rt"
            | b"sdtPr"
            | b"ffData"
    )
}

#[derive(Default)]
struct RunProps {
    underline: Option<bool>,
    hidden: Option<bool>,
    style: Option<String>,
}

struct Parser<'d> {
    defs: &'d Definitions,
    stack: Vec<Tag>,
    blocks: Vec<RawBlock>,
    paras: Vec<RawPara>,
    /// Open tables (at most `MAX_DOCX_TABLE_DEPTH`); deeper `w:tbl` are read as plain content.
    tables: Vec<Vec<RawRow>>,
    /// Open `w:tbl` elements beyond the depth limit.
    flat_tables: usize,
    /// Open fields: true while in the instruction part (before `separate`).
    fields: Vec<bool>,
    run: RunProps,
    ins: usize,
    del: usize,
}

impl<'d> Parser<'d> {
    fn parent(&self) -> Option<Tag> {
        self.stack.last().copied()
    }

    fn grandparent(&self) -> Option<Tag> {
        self.stack.len().checked_sub(2).and_then(|i| self.stack.get(i)).copied()
    }

    fn para(&mut self) -> &mut RawPara {
        if self.paras.is_empty() {
            self.paras.push(RawPara::default());
        }
        let last = self.paras.len() - 1;
        &mut self.paras[last]
    }

    fn push_text(&mut self, s: &str) {
        if self.fields.iter().any(|&instr| instr) {
            return;
        }
        let hidden =
            self.run.hidden.unwrap_or_else(|| self.run.style.as_deref().is_some_and(|s| self.defs.style_vanish(s)));
        if hidden {
            return;
        }
        let underline = self
            .run
            .underline
            .unwrap_or_else(|| self.run.style.as_deref().is_some_and(|s| self.defs.style_underline(s)));
        let (ins, del) = (self.ins > 0, self.del > 0);
        // Soft hyphens show only where a line breaks.
        let s: std::borrow::Cow<str> = if s.contains('\u{ad}') { s.replace('\u{ad}', "").into() } else { s.into() };
        self.para().push(&s, ins, del, underline);
    }

    /// A paragraph ended: it goes into the innermost open cell, else into the body.
    fn end_paragraph(&mut self) {
        let para = self.paras.pop().unwrap_or_default();
        self.place(para);
    }

    fn place(&mut self, para: RawPara) {
        if let Some(rows) = self.tables.last_mut() {
            if rows.is_empty() {
                rows.push(RawRow::default());
            }
            let row = rows.len() - 1;
            let cells = &mut rows[row].cells;
            if cells.is_empty() {
                cells.push(Vec::new());
            }
            let cell = cells.len() - 1;
            cells[cell].push(para);
        } else {
            self.blocks.push(RawBlock::Para(para));
        }
    }

    fn end_table(&mut self) {
        let Some(rows) = self.tables.pop() else { return };
        if self.tables.is_empty() {
            self.blocks.push(RawBlock::Table(rows));
            return;
        }
        // A table inside a cell: each of its rows becomes one line of that cell, cells separated by a space.
        for row in rows {
            let mut line = RawPara { mark_ins: row.ins, mark_del: row.del, ..RawPara::default() };
            for (i, cell) in row.cells.into_iter().enumerate() {
                for (j, para) in cell.into_iter().enumerate() {
                    if i > 0 || j > 0 {
                        line.push("\u{3000}", row.ins, row.del, false);
                    }
                    for run in para.runs {
                        line.push(&run.text, run.ins || row.ins, run.del || row.del, run.underline);
                    }
                }
            }
            self.place(line);
        }
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Option<Tag> {
        let name = e.local_name();
        let name = name.as_ref();
        let parent = self.parent();
        let tag = match name {
            b"p" => {
                self.paras.push(RawPara::default());
                Tag::P
            }
            b"pPr" if parent == Some(Tag::P) => Tag::PPr,
            b"numPr" if parent == Some(Tag::PPr) => Tag::NumPr,
            b"pStyle" if parent == Some(Tag::PPr) => {
                self.para().style = attr(e, b"val");
                Tag::Other
            }
            b"ilvl" if parent == Some(Tag::NumPr) => {
                self.para().ilvl = number(e, b"val").and_then(|v| u8::try_from(v).ok());
                Tag::Other
            }
            b"numId" if parent == Some(Tag::NumPr) => {
                self.para().num_id = attr(e, b"val");
                Tag::Other
            }
            b"r" => {
                self.run = RunProps::default();
                Tag::R
            }
            b"rPr" if matches!(parent, Some(Tag::R | Tag::PPr)) => Tag::RPr,
            b"rStyle" if parent == Some(Tag::RPr) => {
                self.run.style = attr(e, b"val");
                Tag::Other
            }
            b"u" if parent == Some(Tag::RPr) && self.grandparent() == Some(Tag::R) => {
                self.run.underline = Some(attr(e, b"val").is_none_or(|v| v != "none"));
                Tag::Other
            }
            b"vanish" if parent == Some(Tag::RPr) => {
                if self.grandparent() == Some(Tag::PPr) {
                    self.para().mark_hidden = on(e);
                } else {
                    self.run.hidden = Some(on(e));
                }
                Tag::Other
            }
            // A tracked paragraph mark or table row.
            b"ins" | b"moveTo" | b"del" | b"moveFrom" if matches!(parent, Some(Tag::RPr | Tag::TrPr)) => {
                let inserted = matches!(name, b"ins" | b"moveTo");
                if parent == Some(Tag::TrPr) {
                    if let Some(row) = self.tables.last_mut().and_then(|rows| rows.last_mut()) {
                        if inserted {
                            row.ins = true;
                        } else {
                            row.del = true;
                        }
                    }
                } else if self.grandparent() == Some(Tag::PPr) {
                    let para = self.para();
                    if inserted {
                        para.mark_ins = true;
                    } else {
                        para.mark_del = true;
                    }
                }
                Tag::Other
            }
            b"ins" | b"moveTo" if !empty => Tag::Ins,
            b"del" | b"moveFrom" if !empty => Tag::Del,
            b"t" | b"delText" if parent == Some(Tag::R) => Tag::T,
            b"tab" | b"ptab" if parent == Some(Tag::R) => {
                self.push_text("\t");
                Tag::Other
            }
            b"br" | b"cr" if parent == Some(Tag::R) => {
                if !matches!(attr(e, b"type").as_deref(), Some("page" | "column")) {
                    self.push_text("\n");
                }
                Tag::Other
            }
            b"noBreakHyphen" if parent == Some(Tag::R) => {
                self.push_text("-");
                Tag::Other
            }
            b"fldChar" => {
                match attr(e, b"fldCharType").as_deref() {
                    Some("begin") => self.fields.push(true),
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            *top = false;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                }
                Tag::Other
            }
            b"tbl" => {
                if self.tables.len() < MAX_TABLE_DEPTH && self.flat_tables == 0 {
                    self.tables.push(Vec::new());
                    Tag::Tbl
                } else {
                    self.flat_tables += 1;
                    Tag::Other
                }
            }
            b"tr" if parent == Some(Tag::Tbl) => {
                if let Some(rows) = self.tables.last_mut() {
                    rows.push(RawRow::default());
                }
                Tag::Tr
            }
            b"trPr" if parent == Some(Tag::Tr) => Tag::TrPr,
            b"tc" if parent == Some(Tag::Tr) => {
                if let Some(row) = self.tables.last_mut().and_then(|rows| rows.last_mut()) {
                    row.cells.push(Vec::new());
                }
                Tag::Tc
            }
            _ => Tag::Other,
        };
        if empty {
            // An empty element opens nothing, but an empty paragraph is still a paragraph.
            if tag == Tag::P {
                self.end_paragraph();
            }
            return None;
        }
        Some(tag)
    }

    fn end(&mut self, name: &[u8]) {
        let Some(tag) = self.stack.pop() else { return };
        match tag {
            Tag::P => self.end_paragraph(),
            Tag::Ins => self.ins = self.ins.saturating_sub(1),
            Tag::Del => self.del = self.del.saturating_sub(1),
            Tag::Tbl => self.end_table(),
            Tag::Other if name == b"tbl" => self.flat_tables = self.flat_tables.saturating_sub(1),
            _ => {}
        }
    }
}

/// Reads the body of `word/document.xml`.
pub(crate) fn read(xml: &[u8], defs: &Definitions) -> Result<Vec<RawBlock>> {
    const PART: &str = "word/document.xml";
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut p = Parser {
        defs,
        stack: Vec::new(),
        blocks: Vec::new(),
        paras: Vec::new(),
        tables: Vec::new(),
        flat_tables: 0,
        fields: Vec::new(),
        run: RunProps::default(),
        ins: 0,
        del: 0,
    };
    let mut skip = 0usize;
    loop {
        let ev = reader.read_event().map_err(|e| Error::Xml {
            part: PART,
            position: reader.buffer_position(),
            detail: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => {
                if skip > 0 {
                    skip += 1;
                } else if skipped(e.local_name().as_ref()) {
                    skip = 1;
                } else if let Some(tag) = p.start(&e, false) {
                    match tag {
                        Tag::Ins => p.ins += 1,
                        Tag::Del => p.del += 1,
                        _ => {}
                    }
                    p.stack.push(tag);
                }
            }
            Event::Empty(e) if skip == 0 && !skipped(e.local_name().as_ref()) => {
                p.start(&e, true);
            }
            Event::End(e) => {
                if skip > 0 {
                    skip -= 1;
                } else {
                    p.end(e.local_name().as_ref());
                }
            }
            Event::Text(t) if skip == 0 && p.parent() == Some(Tag::T) => p.push_text(&text(&t)),
            Event::CData(t) if skip == 0 && p.parent() == Some(Tag::T) => {
                p.push_text(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if skip == 0 && p.parent() == Some(Tag::T) => {
                if let Some(c) = general_ref(&r) {
                    p.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document: whatever is still open is kept.
    while !p.stack.is_empty() {
        p.end(b"");
    }
    Ok(p.blocks)
}
