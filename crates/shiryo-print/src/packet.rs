//! The packet: the 次第 page, then every 資料 in agenda order, each page with its label box and page number, and
//! the outline (議題 → 資料). Pure layout: the result is a [`Document`], no PDF yet.

use std::collections::BTreeMap;

use serde::Deserialize;
use shiryo_core::meeting::NumberedMaterial;
use shiryo_core::width::display_width;
use shiryo_core::{shidai, Meeting};

use crate::body::{set_text, BODY_LEADING, BODY_SIZE};
use crate::decor::decorate;
use crate::error::{Error, Result};
use crate::fonts::{Face, Fonts};
use crate::glyphs::Checker;
pub use crate::glyphs::GlyphPolicy;
use crate::import;
pub use crate::laid::{BlankPage, EmptyPolicy, Laid, LayoutOptions, Warning};
use crate::layout::{Align, Cell, Column, Flow, Frame, Para, Table};
use crate::model::{mm, Decor, Document, ImportedPage, Item, OutlineItem, Page};
use crate::revision::Part;

/// What a 資料 holds, as the workspace stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    /// Nothing yet.
    Empty,
    /// The body of a text 資料.
    Text(String),
    /// KPI tables: CSV files (name, bytes), each printed as a landscape table as they are (files whose columns
    /// are not recognised).
    Csv(Vec<(String, Vec<u8>)>),
    /// KPI tables printed from the KPI model: indicator tables with 令和 year headings, the roll-up and its chart.
    Kpi(crate::kpi::KpiPrint),
    /// A 新旧対照表 from its `shinkyu_pairs.json` (name, bytes).
    ShinkyuPairs(String, Vec<u8>),
    /// A comparison table (新旧対照表) built by the caller: headings, caption, rows with marked spans.
    Comparison(crate::comparison::Comparison),
    /// An imported PDF (name, bytes).
    Pdf(String, Vec<u8>),
    /// A 表 資料: tables laid out from a sheet with the columns, groups and orientation the person chose.
    Table(crate::grid::TablePrint),
}

/// Which part of the meeting to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The 次第 and every 資料.
    Packet,
    /// One 資料 (by id), without the 次第.
    Material(i64),
    /// The 次第 alone.
    Shidai,
    /// A 差し替え set: the cover of [`LayoutOptions::revision`], the 次第 when it is stamped, and the stamped 資料.
    Replacements,
}

const SHIDAI_SIZE: f32 = 12.0;
const SHIDAI_LEADING: f32 = 19.5;

fn shidai_frame() -> Frame {
    Frame { left: mm(28.0), right: mm(28.0), top: mm(25.0), bottom: mm(20.0), ..Frame::portrait() }
}

/// The 次第 page(s), laid out like the seed's first page.
fn layout_shidai(fonts: &Fonts, meeting: &Meeting, checker: &mut Checker<'_>) -> Vec<Page> {
    let mut flow = Flow::new(fonts, shidai_frame());
    let em = SHIDAI_SIZE;
    let mut line_no = 0usize;
    let mut chk = |face: Face, s: &str| {
        line_no += 1;
        checker.check(face, line_no, s)
    };
    let mut title = Para::plain(Face::GothicBold, 14.0, 24.0);
    title.align = Align::Center;
    for line in &meeting.header.title_lines {
        flow.paragraph(&chk(Face::GothicBold, line), &title);
    }
    flow.space(4.0);
    flow.paragraph("次第", &title);
    flow.space(SHIDAI_LEADING * 0.75);

    let body = Para::plain(Face::Mincho, SHIDAI_SIZE, SHIDAI_LEADING);
    let labelled = |flow: &mut Flow<'_>, label: &str, values: &[String], chk: &mut dyn FnMut(Face, &str) -> String| {
        let head = format!("○{label}");
        let text_x = fonts.width(Face::Mincho, em, &head) + em;
        let mut first = true;
        for v in values.iter().filter(|v| !v.is_empty()) {
            let mut para = body.clone();
            para.first_x = text_x;
            para.rest_x = text_x;
            if first {
                para.label = Some((head.clone(), 0.0));
            }
            flow.paragraph(&chk(Face::Mincho, v), &para);
            first = false;
        }
        if first {
            flow.paragraph(&head, &body);
        }
    };
    labelled(&mut flow, "日時", &[shidai::date_label(meeting), meeting.header.time_note.clone()], &mut chk);
    labelled(&mut flow, "場所", &meeting.header.place_lines, &mut chk);
    flow.space(SHIDAI_LEADING * 0.75);

    for (i, numbered) in meeting.numbered_agenda().into_iter().enumerate() {
        if numbered.depth == 0 && i > 0 {
            flow.space(SHIDAI_LEADING * 0.5);
        }
        let label_x = numbered.depth as f32 * em;
        let label_w = fonts.width(Face::Mincho, em, &numbered.label);
        let gap = if numbered.label.ends_with(|c: char| c.is_ascii()) { 0.5 * em } else { em };
        let mut para = body.clone();
        para.label = Some((numbered.label.clone(), label_x));
        para.first_x = label_x + label_w + gap;
        para.rest_x = para.first_x;
        flow.paragraph(&chk(Face::Mincho, &numbered.item.title), &para);
    }
    let materials = meeting.numbered_materials();
    if !materials.is_empty() {
        flow.space(SHIDAI_LEADING * 0.75);
        for m in materials {
            let label = format!("【{}】", m.label);
            let mut para = body.clone();
            para.first_x = fonts.width(Face::Mincho, em, &label);
            para.rest_x = para.first_x;
            para.label = Some((label, 0.0));
            flow.paragraph(&chk(Face::Mincho, &m.material.title), &para);
        }
    }
    flow.pages
}

/// The title line above a table or a placeholder.
fn material_title(flow: &mut Flow<'_>, title: &str) {
    let mut para = Para::plain(Face::GothicBold, 13.0, 22.0);
    para.align = Align::Center;
    para.keep_with_next = 3;
    flow.paragraph(title, &para);
    flow.space(6.0);
}

/// Japanese headings for the column names of the KPI files (until the KPI engine prints its own tables).
fn heading(name: &str) -> &str {
    match name {
        "part" => "区分",
        "no" | "project_no" => "番号",
        "field" | "field_code" => "分野",
        "item" | "sub_item" => "項目",
        "name" | "indicator" => "指標名",
        "baseline" => "基準値",
        "baseline_year" => "基準年",
        "r4" => "R4",
        "r5" => "R5",
        "r6" => "R6",
        "r7" => "R7",
        "r4_target" => "R4目標値",
        "r4_actual" | "actual_r4" => "R4実績値",
        "r5_target" | "target_r5" => "R5目標値",
        "target_r7" => "R7目標値",
        "status" => "達成状況",
        "note" => "備考",
        "pillar" => "柱",
        "pillar_title" => "柱の名称",
        "sub_item_title" => "取組項目",
        "main_initiative" => "主な取組",
        "source" => "出典",
        other => other,
    }
}

/// The records of a stored CSV file (UTF-8, a BOM allowed, rows of any length), or why it cannot be read.
pub fn csv_records(bytes: &[u8]) -> std::result::Result<Vec<Vec<String>>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader.records().map(|r| r.map(|r| r.iter().map(str::to_string).collect()).map_err(|e| e.to_string())).collect()
}

/// Parses one CSV file into a table: its first record is the header.
fn csv_table(label: &str, name: &str, bytes: &[u8], checker: &mut Checker<'_>) -> Result<Table> {
    let bad = |reason: String| Error::BadSource { label: label.to_string(), file: name.to_string(), reason };
    let mut records = csv_records(bytes).map_err(bad)?;
    for (i, record) in records.iter_mut().enumerate() {
        let face = if i == 0 { Face::Gothic } else { Face::Mincho };
        for field in record.iter_mut() {
            *field = checker.check(face, i + 1, field);
        }
    }
    let Some((header, rows)) = records.split_first() else {
        return Err(bad("no header row".into()));
    };
    // Column widths follow the widest content in half-width columns (capped), so names get room and numbers
    // stay narrow.
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let title = heading(title).to_string();
            let cells = || rows.iter().filter_map(|r| r.get(i));
            // The longest run that must not wrap (a number, a Latin word), up to 14 half-width characters.
            let token = cells()
                .flat_map(|c| c.split(|ch: char| !(ch.is_ascii_alphanumeric() || ",.%-".contains(ch))))
                .map(display_width)
                .max()
                .unwrap_or(0)
                .clamp(2, 14);
            let min = token.max(display_width(&title).min(4)) as f32;
            // The rest is shared by average width, so a column of long notes gets room and a column of numbers
            // with one long remark does not.
            let count = cells().count().max(1);
            let mean = cells().map(|c| display_width(c).min(80)).sum::<usize>() as f32 / count as f32;
            Column { title, weight: (mean - min).max(1.0), min }
        })
        .collect();
    let rows = rows.iter().map(|r| r.iter().map(|c| Cell::from(c.as_str())).collect()).collect();
    Ok(Table { columns, rows, size: 8.0, header_size: 8.0 })
}

/// One row of a stored `shinkyu_pairs.json`: the new and old text and how they differ (`added`, `deleted`,
/// `modified`, `renumbered`, anything else unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ShinkyuPair {
    #[serde(default)]
    pub new_text: String,
    #[serde(default)]
    pub old_text: String,
    #[serde(default)]
    pub status: String,
}

/// The rows of a stored `shinkyu_pairs.json`.
pub fn shinkyu_pairs(bytes: &[u8]) -> serde_json::Result<Vec<ShinkyuPair>> {
    serde_json::from_slice(bytes)
}

/// Underlines what differs between two texts: everything between their common prefix and common suffix.
fn changed_span(a: &str, b: &str) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let prefix: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let suffix: usize = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    (prefix..a.len() - suffix, prefix..b.len() - suffix)
}

/// The 新旧対照表 from its pairs: 新 on the left, 旧 on the right, changes underlined (傍線).
fn shinkyu_table(label: &str, name: &str, bytes: &[u8], checker: &mut Checker<'_>) -> Result<Table> {
    let pairs = shinkyu_pairs(bytes).map_err(|e| Error::BadSource {
        label: label.to_string(),
        file: name.to_string(),
        reason: e.to_string(),
    })?;
    let mut rows = Vec::with_capacity(pairs.len());
    for (i, p) in pairs.iter().enumerate() {
        let new = checker.check(Face::Mincho, i + 1, &p.new_text);
        let old = checker.check(Face::Mincho, i + 1, &p.old_text);
        let whole =
            |t: &str| Cell { text: t.to_string(), underline: std::iter::once(0..t.len()).collect(), ..Cell::default() };
        let row = match p.status.as_str() {
            "added" => vec![whole(&new), Cell::from("（新設）")],
            "deleted" => vec![Cell::from("（削る）"), whole(&old)],
            "modified" | "renumbered" => {
                let (a, b) = changed_span(&new, &old);
                vec![
                    Cell { text: new.clone(), underline: std::iter::once(a).collect(), ..Cell::default() },
                    Cell { text: old.clone(), underline: std::iter::once(b).collect(), ..Cell::default() },
                ]
            }
            _ => vec![Cell::from(new), Cell::from(old)],
        };
        rows.push(row);
    }
    let columns = vec![
        Column { title: "新".into(), weight: 1.0, min: 0.0 },
        Column { title: "旧".into(), weight: 1.0, min: 0.0 },
    ];
    Ok(Table { columns, rows, size: 9.0, header_size: 10.5 })
}

/// Lays out one 資料: its pages (without decor) and where its imported pages come from.
fn layout_material(
    fonts: &Fonts,
    m: &NumberedMaterial<'_>,
    content: &Content,
    opts: &LayoutOptions,
    doc: &mut Document,
    warnings: &mut Vec<Warning>,
    checker: &mut Checker<'_>,
) -> Result<Vec<Page>> {
    let label = m.label.as_str();
    let title = &m.material.title;
    checker.label = label.to_string();
    let pages = match content {
        Content::Empty => match opts.empty {
            EmptyPolicy::Refuse => {
                return Err(Error::EmptyMaterial { label: label.to_string(), title: title.clone() });
            }
            EmptyPolicy::Placeholder => {
                warnings.push(Warning::EmptyMaterial { label: label.to_string(), title: title.clone() });
                let mut flow = Flow::new(fonts, Frame::portrait());
                let title = checker.check(Face::GothicBold, 0, title);
                material_title(&mut flow, &title);
                flow.space(BODY_LEADING * 4.0);
                let mut para = Para::plain(Face::Mincho, 12.0, 20.0);
                para.align = Align::Center;
                flow.paragraph("（別途配付）", &para);
                flow.pages
            }
        },
        Content::Text(text) => {
            let mut flow = Flow::new(fonts, Frame::portrait());
            set_text(&mut flow, text, label, &mut |line, s| checker.check(Face::Mincho, line, s));
            flow.pages
        }
        Content::Csv(files) => {
            let mut flow = Flow::new(fonts, Frame::landscape());
            let title = checker.check(Face::GothicBold, 0, title);
            material_title(&mut flow, &title);
            for (i, (name, bytes)) in files.iter().enumerate() {
                if i > 0 {
                    flow.space(BODY_LEADING);
                }
                let table = csv_table(label, name, bytes, checker)?;
                flow.table(&table);
            }
            flow.pages
        }
        Content::Kpi(kpi) => {
            let mut flow = Flow::new(fonts, Frame::landscape());
            let title = checker.check(Face::GothicBold, 0, title);
            material_title(&mut flow, &title);
            let mut check = |face: Face, line: usize, s: &str| checker.check(face, line, s);
            for (i, section) in kpi.sections.iter().enumerate() {
                if i > 0 {
                    flow.space(BODY_LEADING);
                }
                match section {
                    crate::kpi::KpiSection::Table(t) => crate::kpi::table(&mut flow, t, &mut check),
                    crate::kpi::KpiSection::Rollup(r) => crate::kpi::rollup(&mut flow, r, &mut check),
                }
            }
            flow.pages
        }
        Content::ShinkyuPairs(name, bytes) => {
            let mut flow = Flow::new(fonts, Frame::landscape());
            let title = checker.check(Face::GothicBold, 0, title);
            material_title(&mut flow, &title);
            let mut note = Para::plain(Face::Mincho, BODY_SIZE, BODY_LEADING);
            note.align = Align::Center;
            flow.paragraph("（傍線部分は改正部分）", &note);
            flow.space(4.0);
            let table = shinkyu_table(label, name, bytes, checker)?;
            flow.table(&table);
            flow.pages
        }
        Content::Comparison(cmp) => {
            let mut flow = Flow::new(fonts, crate::comparison::frame());
            let title = checker.check(Face::GothicBold, 0, title);
            material_title(&mut flow, &title);
            crate::comparison::set_comparison(&mut flow, cmp, &mut |face, line, s| checker.check(face, line, s));
            flow.pages
        }
        Content::Table(print) => {
            let mut print = print.clone();
            for grid in &mut print.sections {
                grid.map_text(&mut |face, line, s| checker.check(face, line, s));
            }
            let mut flow = Flow::new(fonts, crate::grid::frame_for(fonts, &print));
            crate::grid::set_table_print(&mut flow, &print);
            flow.pages
        }
        Content::Pdf(name, bytes) => {
            let import = import::inspect(label, name, bytes)?;
            let index = doc.imports.len();
            let pages = import
                .page_sizes
                .iter()
                .enumerate()
                .map(|(i, &(w, h))| {
                    let mut page = Page::new(w, h);
                    page.imported =
                        Some(ImportedPage { import: index, page: u32::try_from(i + 1).unwrap_or(u32::MAX) });
                    page
                })
                .collect();
            doc.imports.push(import);
            pages
        }
    };
    Ok(pages)
}

/// Adds a blank page (of the last page's size, so the sheet keeps its orientation) when the document has an odd
/// number of pages, so that what follows starts on a front page. Returns whether one was added.
fn pad_to_even(fonts: &Fonts, doc: &mut Document, style: BlankPage) -> bool {
    let Some(last) = doc.pages.last() else { return false };
    if doc.pages.len() % 2 == 0 {
        return false;
    }
    let mut page = Page::new(last.width, last.height);
    page.blank = true;
    if style == BlankPage::Hakushi {
        let text = "（白紙）";
        let size = 14.0;
        let w = fonts.width(Face::Mincho, size, text);
        page.items.push(Item::Text {
            x: (page.width - w) / 2.0,
            y: page.height / 2.0,
            face: Face::Mincho,
            size,
            text: text.to_string(),
        });
    }
    doc.pages.push(page);
    true
}

/// Lays out the packet (or one 資料) of `meeting`. `contents` holds each 資料's content by id.
pub fn layout(
    fonts: &Fonts,
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    selection: Selection,
    opts: &LayoutOptions,
) -> Result<Laid> {
    let mut doc =
        Document { title: meeting.header.title_lines.concat(), author: opts.author.clone(), ..Document::default() };
    let mut warnings = Vec::new();
    let mut checker = Checker::new(fonts, "次第");
    for finding in meeting.check() {
        if let shiryo_core::meeting::Finding::DuplicateLabel { label } = finding {
            warnings.push(Warning::DuplicateLabel { label });
        }
    }
    let numbered = meeting.numbered_materials();
    let selected: Vec<&NumberedMaterial<'_>> = match selection {
        Selection::Packet => numbered.iter().collect(),
        Selection::Material(id) => {
            let m = numbered.iter().find(|m| m.material.id == id).ok_or(Error::NoSuchMaterial { id })?;
            doc.title = format!("{} {}", m.label, m.material.title);
            vec![m]
        }
        Selection::Shidai => {
            doc.title = format!("次第 {}", doc.title);
            Vec::new()
        }
        Selection::Replacements => {
            doc.title = format!("差し替え {}", doc.title);
            numbered.iter().filter(|m| opts.revision.stamps.contains_key(&m.material.id)).collect()
        }
    };
    let mut bodies = crate::revision::Bodies::default();
    let mut blanks = 0usize;
    let mut pad = |doc: &mut Document| {
        if let Some(style) = opts.duplex {
            blanks += usize::from(pad_to_even(fonts, doc, style));
        }
    };
    if selection == Selection::Replacements {
        if let Some(cover) = &opts.revision.cover {
            let pages = crate::revision::layout_cover(fonts, cover);
            if opts.bodies {
                bodies.record(Part::Cover, &pages, &doc.imports);
            }
            doc.outline.push(OutlineItem { title: cover.title.clone(), page: 0, children: Vec::new() });
            doc.pages.extend(pages);
            pad(&mut doc);
        }
    }
    let replaced_shidai = selection == Selection::Replacements && opts.revision.shidai.is_some();
    if matches!(selection, Selection::Packet | Selection::Shidai) || replaced_shidai {
        let mut pages = layout_shidai(fonts, meeting, &mut checker);
        if opts.bodies {
            bodies.record(Part::Shidai, &pages, &doc.imports);
        }
        if let Some(stamp) = &opts.revision.shidai {
            pages.iter_mut().for_each(|p| crate::revision::stamp(fonts, p, stamp, None));
        }
        doc.outline.push(OutlineItem { title: "次第".into(), page: doc.pages.len(), children: Vec::new() });
        doc.pages.extend(pages);
        pad(&mut doc);
    }
    let mut placed = Vec::new();
    let mut continuous = 0u32;
    let empty = Content::Empty;
    for m in selected {
        let content = contents.get(&m.material.id).unwrap_or(&empty);
        let first = doc.pages.len();
        let pages = layout_material(fonts, m, content, opts, &mut doc, &mut warnings, &mut checker)?;
        if opts.bodies {
            bodies.record(Part::Material(m.material.id), &pages, &doc.imports);
        }
        let stamp = opts.revision.stamps.get(&m.material.id);
        let note = opts.revision.notes.get(&m.material.id);
        for (i, mut page) in pages.into_iter().enumerate() {
            continuous += 1;
            let number =
                if opts.continuous_page_numbers { continuous } else { u32::try_from(i + 1).unwrap_or(u32::MAX) };
            let decor = Decor { label: m.label.clone(), number };
            decorate(fonts, &mut page, &decor);
            if let Some(stamp) = stamp {
                crate::revision::stamp(fonts, &mut page, stamp, Some(&m.label));
            }
            if let (0, Some(note)) = (i, note) {
                crate::revision::note(fonts, &mut page, note);
            }
            page.decor = Some(decor);
            doc.pages.push(page);
        }
        placed.push((m.label.clone(), first, doc.pages.len() - first, m.agenda_item_id, m.material.title.clone()));
        pad(&mut doc);
    }
    warnings.extend(checker.finish(opts.missing_glyphs)?.into_iter().map(Warning::MissingGlyph));
    doc.outline.extend(outline(meeting, &placed, &doc));
    let materials = placed.into_iter().map(|(label, first, count, _, _)| (label, first, count)).collect();
    Ok(Laid { document: doc, warnings, materials, blanks, bodies: bodies.parts })
}

type Placed = (String, usize, usize, i64, String);

/// One bookmark per 資料 ("資料２－４ title"), nested under its 議題; an imported PDF's own outline under it.
fn outline(meeting: &Meeting, placed: &[Placed], doc: &Document) -> Vec<OutlineItem> {
    let material_item = |p: &Placed| {
        let mut item = OutlineItem { title: format!("{} {}", p.0, p.4), page: p.1, children: Vec::new() };
        if let Some(imp) = doc.pages.get(p.1).and_then(|pg| pg.imported.as_ref()) {
            if let Some(import) = doc.imports.get(imp.import) {
                item.children = nest(&import.outline, p.1);
            }
        }
        item
    };
    let mut out = Vec::new();
    for numbered in meeting.numbered_agenda() {
        let mine: Vec<&Placed> = placed.iter().filter(|p| p.3 == numbered.item.id).collect();
        let Some(first) = mine.first() else { continue };
        out.push(OutlineItem {
            title: format!("{}\u{3000}{}", numbered.label, numbered.item.title),
            page: first.1,
            children: mine.into_iter().map(material_item).collect(),
        });
    }
    out
}

/// Rebuilds a tree from (title, page, depth) entries, shifting pages by `offset`.
fn nest(entries: &[(String, usize, usize)], offset: usize) -> Vec<OutlineItem> {
    fn take(entries: &[(String, usize, usize)], i: &mut usize, depth: usize, offset: usize) -> Vec<OutlineItem> {
        let mut out = Vec::new();
        while let Some((title, page, d)) = entries.get(*i) {
            if *d < depth {
                break;
            }
            *i += 1;
            let children = take(entries, i, d + 1, offset);
            out.push(OutlineItem { title: title.clone(), page: page + offset, children });
        }
        out
    }
    let mut i = 0;
    take(entries, &mut i, 0, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_span_is_what_lies_between_common_ends() {
        let (a, b) = changed_span("監査実施要綱を定め", "監査実施要領を定め");
        assert_eq!(&"監査実施要綱を定め"[a], "綱");
        assert_eq!(&"監査実施要領を定め"[b], "領");
        let (a, b) = changed_span("同じ", "同じ");
        assert!(a.is_empty() && b.is_empty());
    }
}
