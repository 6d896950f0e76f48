//! A received 新旧対照表 (a department's own table in a .docx), taken in as it stands and checked.
//!
//! Reading: the body tables whose heading row says 新/旧, 改正後/改正前 or 改正案/現行 (either order, an optional
//! third column such as 備考, the heading repeated or not, the table split over several tables) become rows of
//! the engine's [`Table`]: one row per table row, marks from the underlined runs, （略）, （新設）, （削る） rows
//! recognised. Checking (no tool does it; e-LAWS leaves it to the eye): every underline must cover a real
//! difference between the two cells, every difference must be underlined, a row whose two cells are equal
//! must not be shown as changed, a （略） must not hide a change (one side abbreviated, the other written out;
//! ranges of different length; a number of the range shown changed further down), and the numbering of each
//! side must run on (２ then ４). Each finding names its row (1 = the first row under the heading). [`findings`]
//! checks a table again after hand edits, so a corrected row is no longer reported.

use serde::Serialize;
use shiryo_formats::docx::{Document as Docx, Paragraph, Table as DocxTable};

use crate::jiku::{self, Span};
use crate::parse::{parse_label, Document, Style};
use crate::table::{Cell, ColumnOrder, Headings, Preset, Row, RowKind, Table};

/// One problem found in a received table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `mark_without_change`, `change_without_mark`, `unchanged_marked`, `omitted_changed`, `numbering_gap`.
    pub code: &'static str,
    /// The row, counted from 1 under the heading row.
    pub row: usize,
    /// What is wrong, in Japanese, naming the row.
    pub message: String,
}

/// A received table and what its check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub table: Table,
    pub findings: Vec<Finding>,
}

/// The document holds no table headed 新/旧, 改正後/改正前 or 改正案/現行.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("no table headed 新/旧, 改正後/改正前 or 改正案/現行 in the document")]
pub struct NoComparisonTable;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    New,
    Old,
}

fn heading_side(text: &str) -> Option<(Side, Preset)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.trim_matches(|c| matches!(c, '【' | '】' | '［' | '］' | '[' | ']'));
    Some(match t {
        "新" | "新（案）" | "新(案)" => (Side::New, Preset::ShinKyu),
        "旧" => (Side::Old, Preset::ShinKyu),
        "改正後" => (Side::New, Preset::Kaisei),
        "改正前" => (Side::Old, Preset::Kaisei),
        "改正案" => (Side::New, Preset::AnGenko),
        "現行" => (Side::Old, Preset::AnGenko),
        _ => return None,
    })
}

/// Column indexes of a heading row: (new, old, preset).
fn heading_row(row: &[Vec<Paragraph>]) -> Option<(usize, usize, Preset)> {
    let mut new = None;
    let mut old = None;
    for (i, cell) in row.iter().enumerate() {
        match heading_side(&DocxTable::cell_text(cell, "")) {
            Some((Side::New, p)) => new = new.or(Some((i, p))),
            Some((Side::Old, p)) => old = old.or(Some((i, p))),
            None => {}
        }
    }
    let ((n, preset), (o, _)) = (new?, old?);
    Some((n, o, preset))
}

/// A cell's text (paragraphs one per line) and its underlined spans.
fn cell_of(cell: Option<&Vec<Paragraph>>) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut at = 0;
    for (i, p) in cell.into_iter().flatten().enumerate() {
        if i > 0 {
            text.push('\n');
            at += 1;
        }
        let t = p.text();
        marks.extend(p.underlines().into_iter().map(|[s, e]| [s + at, e + at]));
        at += t.chars().count();
        text.push_str(&t);
    }
    (text.trim_end().to_string(), marks)
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CellKind {
    Text,
    Omitted,
    New,
    Deleted,
    Empty,
}

fn kind_of(text: &str) -> CellKind {
    let t = compact(text).replace(['(', ')'], "").replace(['（', '）'], "");
    match t.as_str() {
        "" => CellKind::Empty,
        "新設" => CellKind::New,
        "削る" | "削除" => CellKind::Deleted,
        _ if t.ends_with('略') && t.chars().count() <= 24 => CellKind::Omitted,
        _ => CellKind::Text,
    }
}

/// Reads the received table of a document and checks it.
pub fn check(doc: &Docx) -> Result<Received, NoComparisonTable> {
    let mut columns: Option<(usize, usize, Preset)> = None;
    // (new text, new marks, old text, old marks)
    let mut raw: Vec<[(String, Vec<Span>); 2]> = Vec::new();
    for table in doc.tables() {
        for row in &table.rows {
            if let Some(h) = heading_row(row) {
                columns = Some(h);
                continue;
            }
            // Rows above the first heading (a title row) are not part of the table.
            let Some((n, o, _)) = columns else { continue };
            let new = cell_of(row.get(n));
            let old = cell_of(row.get(o));
            if new.0.is_empty() && old.0.is_empty() {
                continue;
            }
            raw.push([new, old]);
        }
    }
    let (n_col, o_col, preset) = columns.ok_or(NoComparisonTable)?;
    let (new_heading, old_heading, caption) = preset.wording();
    let column_order = if n_col < o_col { ColumnOrder::NewLeft } else { ColumnOrder::OldLeft };
    let paths = [side_paths(&raw, 0), side_paths(&raw, 1)];
    let mut rows = Vec::new();
    for (i, [(nt, nm), (ot, om)]) in raw.iter().enumerate() {
        let (nk, ok) = (kind_of(nt), kind_of(ot));
        let kind = match (nk, ok) {
            (CellKind::Omitted, CellKind::Omitted) => RowKind::Omitted,
            (_, CellKind::New | CellKind::Empty) if nk == CellKind::Text => RowKind::Added,
            (CellKind::Deleted | CellKind::Empty, _) if ok == CellKind::Text => RowKind::Deleted,
            _ if nm.is_empty() && om.is_empty() => RowKind::Context,
            _ => RowKind::Changed,
        };
        // A placeholder （新設）/（削る） has no path (the engine's convention); a provision without a label that
        // the parser names has an empty one, so it is never taken for a placeholder.
        let cell = |text: &str, marks: &[Span], path: &Option<String>, k: CellKind| {
            (k != CellKind::Empty).then(|| Cell {
                path: match k {
                    CellKind::New | CellKind::Deleted => None,
                    _ => Some(path.clone().unwrap_or_default()),
                },
                text: text.to_string(),
                marks: marks.to_vec(),
            })
        };
        rows.push(Row {
            kind,
            new: cell(nt, nm, &paths[0][i], nk),
            old: cell(ot, om, &paths[1][i], ok),
            moved_from: None,
            moved_to: None,
        });
    }
    let table = Table {
        headings: Headings { new: new_heading.into(), old: old_heading.into() },
        column_order,
        caption: caption.map(str::to_string),
        rows,
    };
    let findings = findings(&table);
    Ok(Received { table, findings })
}

/// Checks a received table as it is now (as read, or after hand edits): each row's underlines and （略）
/// against its two cells, then the numbering of each side. Rows are counted from 1 in the table's order; the
/// messages name the columns by the table's headings.
pub fn findings(table: &Table) -> Vec<Finding> {
    let side = |c: &Option<Cell>| c.as_ref().map(|c| (c.text.clone(), c.marks.clone())).unwrap_or_default();
    let raw: Vec<[(String, Vec<Span>); 2]> = table.rows.iter().map(|r| [side(&r.new), side(&r.old)]).collect();
    let (new_heading, old_heading) = (table.headings.new.as_str(), table.headings.old.as_str());
    let paths = [side_paths(&raw, 0), side_paths(&raw, 1)];
    let mut findings = Vec::new();
    for (i, [(nt, nm), (ot, om)]) in raw.iter().enumerate() {
        let (nk, ok) = (kind_of(nt), kind_of(ot));
        let name = paths[0][i].clone().or_else(|| paths[1][i].clone());
        let (new_cell, old_cell) = ((nt.as_str(), nm.as_slice(), nk), (ot.as_str(), om.as_slice(), ok));
        check_row(i + 1, name.as_deref(), new_cell, old_cell, [new_heading, old_heading], &mut findings);
    }
    for (side, heading) in [(0, new_heading), (1, old_heading)] {
        check_numbering(&raw, side, heading, &mut findings);
    }
    findings.sort_by_key(|f| f.row);
    findings
}

/// Provision paths of one side's cells, as the engine's parser names them (None for placeholders).
fn side_paths(raw: &[[(String, Vec<Span>); 2]], side: usize) -> Vec<Option<String>> {
    let mut text = String::new();
    let mut first_line = Vec::with_capacity(raw.len());
    let mut line = 0;
    for cells in raw {
        let t = &cells[side].0;
        if matches!(kind_of(t), CellKind::Text) {
            first_line.push(Some(line + 1));
            for l in t.lines() {
                text.push_str(l);
                text.push('\n');
                line += 1;
            }
        } else {
            first_line.push(None);
        }
    }
    let doc = Document::parse(&text);
    first_line
        .into_iter()
        .zip(raw)
        .map(|(l, cells)| match l {
            Some(l) => doc
                .nodes
                .iter()
                .find(|n| n.line >= l && n.label.is_some())
                .filter(|n| n.line == l)
                .map(|n| n.path.clone()),
            None if kind_of(&cells[side].0) == CellKind::Omitted => Some(omitted_range(&cells[side].0)),
            None => None,
        })
        .collect()
}

/// `２～４` of `２～４　（略）`.
fn omitted_range(text: &str) -> String {
    let t = text.trim();
    let cut = t.rfind("（略").or_else(|| t.rfind("(略")).or_else(|| t.rfind('略')).unwrap_or(t.len());
    t[..cut].trim().to_string()
}

fn excerpt(text: &str, [s, e]: Span) -> String {
    let t: String = text.chars().skip(s).take(e.saturating_sub(s)).collect();
    let t = t.replace('\n', "");
    if t.chars().count() > 20 {
        format!("{}…", t.chars().take(20).collect::<String>())
    } else {
        t
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a[0] < b[1] && b[0] < a[1]
}

/// The characters of `text` outside every mark.
fn unmarked(text: &str, marks: &[Span]) -> String {
    text.chars().enumerate().filter(|(i, _)| !marks.iter().any(|m| m[0] <= *i && *i < m[1])).map(|(_, c)| c).collect()
}

fn blank(text: &str, [s, e]: Span) -> bool {
    text.chars().skip(s).take(e.saturating_sub(s)).all(char::is_whitespace)
}

fn row_name(row: usize, path: Option<&str>) -> String {
    match path {
        Some(p) if !p.is_empty() => format!("{row}行目（{p}）"),
        _ => format!("{row}行目"),
    }
}

fn check_row(
    row: usize,
    path: Option<&str>,
    (nt, nm, nk): (&str, &[Span], CellKind),
    (ot, om, ok): (&str, &[Span], CellKind),
    headings: [&str; 2],
    out: &mut Vec<Finding>,
) {
    let name = row_name(row, path);
    let mut push = |code, message: String| out.push(Finding { code, row, message });
    match (nk, ok) {
        (CellKind::Text, CellKind::Text) => {
            if compact(nt) == compact(ot) {
                if !nm.is_empty() || !om.is_empty() {
                    push(
                        "unchanged_marked",
                        format!(
                            "{name}：{}欄と{}欄の文が同じなのに、改正部分として傍線が引かれています",
                            headings[0], headings[1]
                        ),
                    );
                }
                return;
            }
            let (old_diff, new_diff) = jiku::marks(ot, nt);
            // Marks that leave the same text unmarked on both sides account for every difference, even where they
            // cut it otherwise than our own diff does (「可能か」 / 「可能か<u>どうか。</u>」 against our
            // 「可能<u>かどう</u>か。」): then no change lacks its mark.
            let consistent = compact(&unmarked(nt, nm)) == compact(&unmarked(ot, om));
            for (text, marks, diffs, heading, other) in
                [(nt, nm, &new_diff, headings[0], headings[1]), (ot, om, &old_diff, headings[1], headings[0])]
            {
                let diffs: Vec<Span> = diffs.iter().copied().filter(|&d| !blank(text, d)).collect();
                for &m in marks.iter().filter(|&&m| !blank(text, m)) {
                    if !diffs.iter().any(|&d| overlaps(m, d)) {
                        push(
                            "mark_without_change",
                            format!(
                                "{name}：{heading}欄の「{}」に傍線がありますが、{other}欄と違いがありません",
                                excerpt(text, m)
                            ),
                        );
                    }
                }
                for &d in diffs.iter().filter(|_| !consistent) {
                    if !marks.iter().any(|&m| overlaps(m, d)) {
                        push(
                            "change_without_mark",
                            format!(
                                "{name}：{heading}欄の「{}」は{other}欄と異なりますが、傍線がありません",
                                excerpt(text, d)
                            ),
                        );
                    }
                }
            }
        }
        (CellKind::Text, CellKind::New | CellKind::Empty) if nm.is_empty() => {
            push("change_without_mark", format!("{name}：新しく設けた規定に傍線がありません"));
        }
        (CellKind::Deleted | CellKind::Empty, CellKind::Text) if om.is_empty() => {
            push("change_without_mark", format!("{name}：削る規定に傍線がありません"));
        }
        (CellKind::Omitted, CellKind::Text) | (CellKind::Text, CellKind::Omitted) => {
            let (shown, text, omitted) =
                if nk == CellKind::Text { (headings[0], nt, headings[1]) } else { (headings[1], ot, headings[0]) };
            let same = if nk == CellKind::Text { omitted_range(ot) } else { omitted_range(nt) };
            push(
                "omitted_changed",
                format!(
                    "{name}：{omitted}欄は「{same}（略）」ですが、{shown}欄には「{}」と書かれています。（略）とした規定が改正されていないか確かめてください",
                    excerpt(text, [0, 20])
                ),
            );
        }
        (CellKind::Omitted, CellKind::Omitted) => {
            let (a, b) = (omitted_range(nt), omitted_range(ot));
            if let (Some(x), Some(y)) = (range_len(&a), range_len(&b)) {
                if x != y {
                    push(
                        "omitted_changed",
                        format!("{name}：（略）の範囲が{}欄は「{a}」、{}欄は「{b}」で数が違います。省略した中に改正された規定があります", headings[0], headings[1]),
                    );
                }
            }
        }
        _ => {}
    }
}

/// A label's style and number (ア = 1 in アイウ order, with its イロハ position as the second).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Num {
    style: Style,
    n: u32,
    iroha: Option<u32>,
    /// 第三条の二: an inserted number never breaks the run.
    branch: bool,
}

const AIUEO: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン";

fn kanji_value(s: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    let mut any = false;
    for c in s.chars() {
        let d = "〇一二三四五六七八九".chars().position(|k| k == c);
        if let Some(d) = d {
            digit = Some(digit.unwrap_or(0).saturating_mul(10).saturating_add(d as u32));
            any = true;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total = total.saturating_add(digit.take().unwrap_or(1).saturating_mul(unit));
        any = true;
    }
    any.then(|| total.saturating_add(digit.unwrap_or(0)))
}

fn number_of(label: &str, style: Style) -> Option<Num> {
    let branch = label.contains('の');
    let core = label.split('の').next().unwrap_or(label);
    let inner: String = core
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '第' | '(' | ')' | '（' | '）' | '部' | '編' | '章' | '節' | '款' | '目' | '条')
        })
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'ａ'..='ｚ' => char::from(b'a' + (c as u32 - 'ａ' as u32) as u8),
            _ => c,
        })
        .collect();
    let first = inner.chars().next()?;
    let (n, iroha) = if let Ok(n) = inner.parse::<u32>() {
        (n, None)
    } else if let Some(n) = kanji_value(&inner) {
        (n, None)
    } else if let Some(i) = AIUEO.chars().position(|k| k == first) {
        (i as u32 + 1, IROHA.chars().position(|k| k == first).map(|i| i as u32 + 1))
    } else if first.is_ascii_lowercase() && inner.chars().count() == 1 {
        (u32::from(first) - u32::from('a') + 1, None)
    } else if ('①'..='⑳').contains(&first) {
        (first as u32 - '①' as u32 + 1, None)
    } else {
        return None;
    };
    Some(Num { style, n, iroha, branch })
}

fn follows(prev: Num, next: Num) -> bool {
    next.branch
        || prev.n.checked_add(1) == Some(next.n)
        || matches!((prev.iroha, next.iroha), (Some(a), Some(b)) if a.checked_add(1) == Some(b))
}

/// The number of one end of a range (`ア`, `(1)`, `第14`), read as a label at the start of a line.
fn range_end(part: &str, style: Option<Style>) -> Option<Num> {
    let line = format!("{part}\u{3000}x");
    match parse_label(&line) {
        Some((s, len, _)) if style.is_none_or(|st| st == s) => {
            number_of(&part.chars().take(len).collect::<String>(), s)
        }
        _ => number_of(part, style?),
    }
}

/// The numbers a cell names: its label, or both ends of a （略） range.
fn numbers(text: &str) -> Option<(Num, Num)> {
    match kind_of(text) {
        CellKind::Text => {
            let first = text.lines().next()?;
            let (style, len, _) = parse_label(first)?;
            let label: String = first.chars().take(len).collect();
            let n = number_of(&label, style)?;
            Some((n, n))
        }
        CellKind::Omitted => {
            let range = omitted_range(text);
            let mut parts = range
                .split(['～', '〜', '~', '・', '、'])
                .flat_map(|p| p.split("及び"))
                .map(str::trim)
                .filter(|p| !p.is_empty());
            let a = parts.next()?;
            let b = parts.last().unwrap_or(a);
            let start = range_end(a, None)?;
            // The end may leave out 第 (第14～15).
            let end = range_end(b, Some(start.style))?;
            Some((start, end))
        }
        _ => None,
    }
}

fn range_len(range: &str) -> Option<u32> {
    let (a, b) = numbers(&format!("{range}（略）"))?;
    b.n.checked_sub(a.n).map(|d| d.saturating_add(1))
}

/// A （略） row and the first and last number of its range.
type OmittedRange = (usize, Num, Num);

/// Numbering on one side must run on: within each style level, each number follows the one before.
fn check_numbering(raw: &[[(String, Vec<Span>); 2]], side: usize, heading: &str, out: &mut Vec<Finding>) {
    // Open levels: (style, last number, the （略） row and range that last set it).
    let mut stack: Vec<(Style, Num, Option<OmittedRange>)> = Vec::new();
    for (i, cells) in raw.iter().enumerate() {
        let text = &cells[side].0;
        let Some((start, end)) = numbers(text) else { continue };
        let omitted = kind_of(text) == CellKind::Omitted;
        let row = i + 1;
        if let Some(pos) = stack.iter().position(|(s, _, _)| *s == start.style) {
            stack.truncate(pos + 1);
            let (_, last, last_omitted) = stack[pos];
            if !follows(last, start) {
                let hidden = last_omitted.filter(|&(_, a, b)| a.n <= start.n && start.n <= b.n);
                if let Some((orow, a, b)) = hidden {
                    let message = format!(
                        "{}：{heading}欄で（略）とした{}～{}の中の規定が、{}行目に改正箇所として示されています",
                        row_name(orow, None),
                        a.n,
                        b.n,
                        row
                    );
                    if !out.iter().any(|f| f.row == orow && f.code == "omitted_changed") {
                        out.push(Finding { code: "omitted_changed", row: orow, message });
                    }
                } else {
                    let label = |t: &str| {
                        t.lines().next().and_then(parse_label).map(|(_, l, _)| t.chars().take(l).collect::<String>())
                    };
                    let prev = raw[..i].iter().rev().find_map(|c| {
                        numbers(&c[side].0).filter(|(s, _)| s.style == start.style).map(|_| c[side].0.clone())
                    });
                    let prev_label = prev.as_deref().map(|p| {
                        if kind_of(p) == CellKind::Omitted {
                            omitted_range(p)
                        } else {
                            label(p).unwrap_or_default()
                        }
                    });
                    let this = if omitted { omitted_range(text) } else { label(text).unwrap_or_default() };
                    out.push(Finding {
                        code: "numbering_gap",
                        row,
                        message: format!(
                            "{}：{heading}欄の番号が続いていません（{}の次が{}）",
                            row_name(row, None),
                            prev_label.unwrap_or_default(),
                            this
                        ),
                    });
                }
            }
            stack[pos] = (start.style, end, omitted.then_some((row, start, end)));
        } else {
            stack.push((start.style, end, omitted.then_some((row, start, end))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_digits_kanji_kana_and_ranges() {
        assert_eq!(numbers("第１２　総則").map(|(a, _)| a.n), Some(12));
        assert_eq!(numbers("二十三　号").map(|(a, _)| a.n), Some(23));
        assert_eq!(numbers("ウ　文").map(|(a, _)| a.n), Some(3));
        assert_eq!(numbers("２～４　（略）").map(|(a, b)| (a.n, b.n)), Some((2, 4)));
        assert_eq!(numbers("第14～15 （略）").map(|(a, b)| (a.n, b.n)), Some((14, 15)));
        assert_eq!(numbers("(1)及び(2)　（略）").map(|(a, b)| (a.n, b.n)), Some((1, 2)));
        assert_eq!(range_len("ア～ウ"), Some(3));
    }

    /// Marks as a received table has them: (text, marked substrings in order).
    fn cell(text: &str, marked: &[&str]) -> (String, Vec<Span>) {
        let chars: Vec<char> = text.chars().collect();
        let mut spans = Vec::new();
        let mut from = 0;
        for m in marked {
            let m: Vec<char> = m.chars().collect();
            let at = (from..chars.len()).find(|&i| chars[i..].starts_with(&m)).unwrap();
            spans.push([at, at + m.len()]);
            from = at + m.len();
        }
        (text.to_string(), spans)
    }

    fn findings(new: &(String, Vec<Span>), old: &(String, Vec<Span>)) -> Vec<&'static str> {
        let mut out = Vec::new();
        check_row(1, None, (&new.0, &new.1, CellKind::Text), (&old.0, &old.1, CellKind::Text), ["新", "旧"], &mut out);
        out.into_iter().map(|f| f.code).collect()
    }

    #[test]
    fn marks_that_cut_a_change_otherwise_than_our_diff_are_accepted_and_a_missing_mark_is_still_found() {
        // 資料3-2 (福島県情報セキュリティポリシー), 第2部 第10 1 (2): the received table marks 「どうか。」 on the old
        // side, where our diff would mark 「かどう」 and 「。」.
        let new = cell("ツ　入力又は保存された情報は、削除することが可能か", &["ツ"]);
        let old = cell("イ　入力又は保存された情報は、削除することが可能かどうか。", &["イ", "どうか。"]);
        assert_eq!(findings(&new, &old), Vec::<&str>::new());
        // The same row with the old side's mark forgotten.
        let forgot = cell("イ　入力又は保存された情報は、削除することが可能かどうか。", &["イ"]);
        let found = findings(&new, &forgot);
        assert!(!found.is_empty() && found.iter().all(|&c| c == "change_without_mark"), "{found:?}");
    }
}
