//! List numbers as Word displays them: `numbering.xml` (abstractNum → lvl, num → lvlOverride) and the paragraph
//! styles of `styles.xml` (`pStyle` → `w:style` → `numPr`, `basedOn` chains, 見出し 1–9 outline numbering).
//!
//! Counters belong to the abstract definition, so several `num` instances of one abstractNum continue one list;
//! a `num` with `lvlOverride/startOverride` restarts the overridden levels where it is first used. A level
//! restarts after any higher level unless `lvlRestart` says otherwise (0: never). Hostile definitions are
//! bounded by the limits table: levels outside 0–8 are ignored, at most `MAX_DOCX_DEFINITIONS` of each kind are
//! read, and style and numbering-style links are followed at most `MAX_DOCX_STYLE_LINKS` steps (a cycle ends
//! there).

use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
// The limits table's bounds on hostile definitions: the most abstractNum, num or style definitions read, the
// longest `lvlText` read (longer ones are cut), the most steps followed along `basedOn` and `numStyleLink`.
use shiryo_core::limits::{
    MAX_DOCX_DEFINITIONS as MAX_DEFINITIONS, MAX_DOCX_LEVEL_TEXT_CHARS as MAX_LVL_TEXT,
    MAX_DOCX_STYLE_LINKS as MAX_LINKS,
};

use super::format::{format, NumFmt};
use super::xml::{attr, number, on, Skip};
use crate::error::{Error, Result};

/// Word's nine list levels.
pub const LEVELS: usize = 9;

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    fmt: NumFmt,
    text: String,
    /// `lvlRestart`: restart after a level numbered 1–9 at most this deep (0 = never); `None` = after any.
    restart: Option<u32>,
    is_lgl: bool,
    pstyle: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level { start: 1, fmt: NumFmt::Decimal, text: String::new(), restart: None, is_lgl: false, pstyle: None }
    }
}

#[derive(Debug, Default, Clone)]
struct Abstract {
    levels: [Option<Level>; LEVELS],
    num_style_link: Option<String>,
}

#[derive(Debug, Default, Clone)]
struct Num {
    abstract_id: String,
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    vanish: Option<bool>,
    underline: Option<bool>,
}

/// The numbering and style definitions of one document.
#[derive(Debug, Default)]
pub(crate) struct Definitions {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
    default_paragraph_style: Option<String>,
    pub warnings: Vec<String>,
}

fn clamp_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

fn level_index(e: &BytesStart, name: &[u8]) -> Option<usize> {
    number(e, name).and_then(|v| usize::try_from(v).ok()).filter(|&v| v < LEVELS)
}

fn xml_err(part: &'static str, reader: &quick_xml::Reader<&[u8]>, e: impl std::fmt::Display) -> Error {
    Error::Xml { part, position: reader.buffer_position(), detail: e.to_string() }
}

impl Definitions {
    pub fn read(numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Result<Definitions> {
        let mut defs = Definitions::default();
        if let Some(xml) = styles {
            defs.read_styles(xml)?;
        }
        if let Some(xml) = numbering {
            defs.read_numbering(xml)?;
        }
        Ok(defs)
    }

    fn read_styles(&mut self, xml: &[u8]) -> Result<()> {
        const PART: &str = "word/styles.xml";
        let mut reader = quick_xml::Reader::from_reader(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_rpr = false;
        let mut skip = Skip::default();
        loop {
            let ev = reader.read_event().map_err(|e| xml_err(PART, &reader, e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    if skip.end() {
                        continue;
                    }
                    let name = e.local_name();
                    if current.is_some() {
                        if name.as_ref() == b"rPr" {
                            in_rpr = false;
                        }
                        if name.as_ref() == b"style" {
                            if let Some((id, style)) = current.take() {
                                if self.styles.len() < MAX_DEFINITIONS {
                                    self.styles.insert(id, style);
                                }
                            }
                        }
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if skip.start(empty) {
                continue;
            }
            let name = e.local_name();
            let name = name.as_ref();
            if matches!(name, b"tblStylePr" | b"rPrChange" | b"pPrChange" | b"Choice") {
                skip.begin(empty);
                continue;
            }
            match name {
                b"style" if current.is_none() => {
                    let id = attr(e, b"styleId").unwrap_or_default();
                    if attr(e, b"type").as_deref() == Some("paragraph")
                        && attr(e, b"default").is_some_and(|v| v == "1" || v == "true")
                    {
                        self.default_paragraph_style = Some(id.clone());
                    }
                    if !empty {
                        current = Some((id, Style::default()));
                        continue;
                    }
                }
                _ => {}
            }
            if let Some((_, style)) = current.as_mut() {
                match name {
                    b"basedOn" => style.based_on = attr(e, b"val"),
                    b"numId" => style.num_id = attr(e, b"val"),
                    b"ilvl" => style.ilvl = level_index(e, b"val").map(|v| v as u8),
                    b"vanish" if in_rpr => style.vanish = Some(on(e)),
                    b"u" if in_rpr => style.underline = Some(attr(e, b"val").is_none_or(|v| v != "none")),
                    b"rPr" if !empty => in_rpr = true,
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn read_numbering(&mut self, xml: &[u8]) -> Result<()> {
        const PART: &str = "word/numbering.xml";
        let mut reader = quick_xml::Reader::from_reader(xml);
        enum Open {
            None,
            Abstract(String, Abstract),
            Num(String, Num),
        }
        let mut open = Open::None;
        // The lvl being read: (index, level, inside a num's lvlOverride).
        let mut lvl: Option<(usize, Level)> = None;
        let mut override_ilvl: Option<usize> = None;
        let mut unknown_formats: Vec<String> = Vec::new();
        let mut ignored_levels = 0usize;
        let mut skip = Skip::default();
        // Inside a lvl's pPr/rPr: their children (pStyle is the lvl's own, not inside pPr).
        let mut props = Skip::default();
        loop {
            let ev = reader.read_event().map_err(|e| xml_err(PART, &reader, e))?;
            let (e, empty) = match &ev {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    if skip.end() {
                        continue;
                    }
                    if props.end() {
                        continue;
                    }
                    match e.local_name().as_ref() {
                        b"lvl" => {
                            if let Some((i, level)) = lvl.take() {
                                match &mut open {
                                    Open::Abstract(_, a) => a.levels[i] = Some(level),
                                    Open::Num(_, n) => n.level_override[i] = Some(level),
                                    Open::None => {}
                                }
                            }
                        }
                        b"lvlOverride" => override_ilvl = None,
                        b"abstractNum" | b"num" => match std::mem::replace(&mut open, Open::None) {
                            Open::Abstract(id, a) if self.abstracts.len() < MAX_DEFINITIONS => {
                                self.abstracts.insert(id, a);
                            }
                            Open::Num(id, n) if self.nums.len() < MAX_DEFINITIONS => {
                                self.nums.insert(id, n);
                            }
                            _ => {}
                        },
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            if skip.start(empty) {
                continue;
            }
            let name = e.local_name();
            let name = name.as_ref();
            if name == b"Choice" {
                skip.begin(empty);
                continue;
            }
            if props.start(empty) {
                continue;
            }
            match name {
                b"abstractNum" if !empty => {
                    open = Open::Abstract(attr(e, b"abstractNumId").unwrap_or_default(), Abstract::default());
                }
                b"num" if !empty => open = Open::Num(attr(e, b"numId").unwrap_or_default(), Num::default()),
                b"numStyleLink" => {
                    if let Open::Abstract(_, a) = &mut open {
                        a.num_style_link = attr(e, b"val");
                    }
                }
                b"abstractNumId" => {
                    if let Open::Num(_, n) = &mut open {
                        n.abstract_id = attr(e, b"val").unwrap_or_default();
                    }
                }
                b"lvlOverride" if !empty => override_ilvl = level_index(e, b"ilvl"),
                b"startOverride" => {
                    if let (Open::Num(_, n), Some(i)) = (&mut open, override_ilvl) {
                        n.start_override[i] = number(e, b"val").map(clamp_u32);
                    }
                }
                b"lvl" if !empty => match level_index(e, b"ilvl") {
                    Some(i) if !matches!(open, Open::None) => {
                        // Inside a lvlOverride the level's index is the override's.
                        let i = if matches!(open, Open::Num(..)) { override_ilvl.unwrap_or(i) } else { i };
                        lvl = Some((i, Level::default()));
                    }
                    _ => {
                        ignored_levels += 1;
                        skip.begin(false);
                    }
                },
                b"pPr" | b"rPr" if !empty && lvl.is_some() => props.begin(false),
                _ => {
                    if let Some((_, level)) = lvl.as_mut() {
                        match name {
                            b"start" => level.start = number(e, b"val").map(clamp_u32).unwrap_or(1),
                            b"numFmt" => {
                                let val = attr(e, b"val").unwrap_or_default();
                                level.fmt = NumFmt::parse(&val).unwrap_or_else(|| {
                                    if !unknown_formats.contains(&val) && unknown_formats.len() < 16 {
                                        unknown_formats.push(val.clone());
                                    }
                                    NumFmt::Decimal
                                });
                            }
                            b"lvlText" => {
                                level.text = attr(e, b"val").unwrap_or_default().chars().take(MAX_LVL_TEXT).collect();
                            }
                            b"lvlRestart" => level.restart = number(e, b"val").map(clamp_u32),
                            b"isLgl" => level.is_lgl = on(e),
                            b"pStyle" => level.pstyle = attr(e, b"val"),
                            _ => {}
                        }
                    }
                }
            }
        }
        for f in unknown_formats {
            self.warnings.push(format!("numbering format {f:?} is not known: read as decimal"));
        }
        if ignored_levels > 0 {
            self.warnings.push(format!("{ignored_levels} list levels outside 0–8 ignored"));
        }
        Ok(())
    }

    /// Walks a style and its `basedOn` ancestors (at most [`MAX_LINKS`], so a cycle ends).
    fn style_chain<'a>(&'a self, id: &'a str) -> impl Iterator<Item = (&'a str, &'a Style)> + 'a {
        let mut next = Some(id);
        let mut steps = 0;
        std::iter::from_fn(move || {
            let id = next?;
            steps += 1;
            if steps > MAX_LINKS {
                return None;
            }
            let style = self.styles.get(id)?;
            next = style.based_on.as_deref();
            Some((id, style))
        })
    }

    /// Whether text in this character or paragraph style is hidden / underlined (the nearest style that says).
    pub fn style_vanish(&self, id: &str) -> bool {
        self.style_chain(id).find_map(|(_, s)| s.vanish).unwrap_or(false)
    }

    pub fn style_underline(&self, id: &str) -> bool {
        self.style_chain(id).find_map(|(_, s)| s.underline).unwrap_or(false)
    }

    pub fn paragraph_style_or_default<'a>(&'a self, id: Option<&'a str>) -> Option<&'a str> {
        id.or(self.default_paragraph_style.as_deref())
    }

    /// The (num id, level) a paragraph is numbered with: its own `numPr` over its style's; `numId` 0 is none.
    fn resolve(
        &self,
        direct_num: Option<&str>,
        direct_ilvl: Option<u8>,
        style: Option<&str>,
    ) -> Option<(String, usize)> {
        let mut num_id = direct_num.map(str::to_string);
        let mut ilvl = direct_ilvl.map(usize::from);
        let style = self.paragraph_style_or_default(style);
        if let Some(style) = style {
            for (_, s) in self.style_chain(style) {
                if num_id.is_none() {
                    num_id.clone_from(&s.num_id);
                }
                if ilvl.is_none() {
                    ilvl = s.ilvl.map(usize::from);
                }
            }
        }
        let num_id = num_id?;
        if num_id == "0" || num_id.is_empty() {
            return None;
        }
        let ilvl = match ilvl {
            Some(i) => i,
            // A style linked to a level by the level's pStyle (outline numbering of 見出し styles).
            None => style
                .and_then(|st| {
                    let (_, a) = self.abstract_of(&num_id)?;
                    a.levels.iter().position(|l| l.as_ref().and_then(|l| l.pstyle.as_deref()) == Some(st))
                })
                .unwrap_or(0),
        };
        Some((num_id, ilvl.min(LEVELS - 1)))
    }

    /// The abstract definition of a num (following numStyleLink → style → numId at most [`MAX_LINKS`] times).
    fn abstract_of(&self, num_id: &str) -> Option<(&str, &Abstract)> {
        let mut num = self.nums.get(num_id)?;
        for _ in 0..MAX_LINKS {
            let id = num.abstract_id.as_str();
            let a = self.abstracts.get(id)?;
            let Some(link) = a.num_style_link.as_deref() else { return Some((id, a)) };
            let linked = self.style_chain(link).find_map(|(_, s)| s.num_id.as_deref())?;
            num = self.nums.get(linked)?;
        }
        None
    }
}

/// The counters of one pass over a document version, in reading order.
pub(crate) struct Counter<'d> {
    defs: &'d Definitions,
    /// Per abstract definition: the last value shown at each level (None: not yet, or restarted).
    values: HashMap<String, [Option<u32>; LEVELS]>,
    /// num instances already used (their start overrides have been applied).
    entered: std::collections::HashSet<String>,
}

impl<'d> Counter<'d> {
    pub fn new(defs: &'d Definitions) -> Self {
        Counter { defs, values: HashMap::new(), entered: Default::default() }
    }

    /// Counts one paragraph and returns the label Word shows in front of it (None: not numbered, a bullet or an
    /// empty label).
    pub fn label(&mut self, direct_num: Option<&str>, direct_ilvl: Option<u8>, style: Option<&str>) -> Option<String> {
        let (num_id, ilvl) = self.defs.resolve(direct_num, direct_ilvl, style)?;
        let num = self.defs.nums.get(&num_id)?;
        let (abstract_id, abs) = self.defs.abstract_of(&num_id)?;
        let level_of = |i: usize| num.level_override[i].as_ref().or(abs.levels[i].as_ref());
        let start_of = |i: usize| num.start_override[i].or_else(|| level_of(i).map(|l| l.start)).unwrap_or(1);
        let level = level_of(ilvl)?.clone();
        let values = self.values.entry(abstract_id.to_string()).or_insert([None; LEVELS]);
        if self.entered.len() < MAX_DEFINITIONS && self.entered.insert(num_id.clone()) {
            for (i, v) in values.iter_mut().enumerate() {
                if num.start_override[i].is_some() || num.level_override[i].is_some() {
                    *v = None;
                }
            }
        }
        values[ilvl] = Some(match values[ilvl] {
            Some(v) => v.saturating_add(1),
            None => start_of(ilvl),
        });
        // Deeper levels restart after this one unless their lvlRestart says they do not.
        for (deeper, value) in values.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = level_of(deeper).and_then(|l| l.restart);
            if restart.is_none_or(|r| (ilvl as u32) < r) {
                *value = None;
            }
        }
        if level.fmt == NumFmt::Bullet {
            return None;
        }
        let values = *values;
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(d) = (c == '%').then(|| chars.peek().and_then(|d| d.to_digit(10))).flatten() else {
                out.push(c);
                continue;
            };
            chars.next();
            let Some(i) = (d as usize).checked_sub(1).filter(|&i| i < LEVELS) else { continue };
            let value = values[i].unwrap_or_else(|| start_of(i));
            let fmt = match level_of(i) {
                Some(_) if level.is_lgl && i < ilvl => NumFmt::Decimal,
                Some(l) => l.fmt,
                None => NumFmt::Decimal,
            };
            out.push_str(&format(value, fmt));
        }
        (!out.trim().is_empty()).then_some(out)
    }
}
