//! The provision parser: one paragraph per line → a tree of provisions with paths such as `第2部 第4 1 (1) ウ`.
//!
//! Plan style (第1部 / 第１ / １ / (1) / ア / (ア) / a / (a), ①) and law style (第一章 / 第一節 / 第三十六条の二
//! with （見出し）, ２ 項, 一 号, イ, 附則) are read by one stack of numbering styles: a label of a style already on
//! the stack closes everything below it and becomes that entry's sibling; an unseen style opens a new level.
//! Structural labels (部, 編, 章, 節, 附則, 条, 別紙) have a fixed rank instead. Lines without a label are
//! paragraphs of the provision above them. No line with text is ever dropped.

use std::borrow::Cow;

/// The numbering style of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 第1部
    Part,
    /// 目次 (a law's table of contents, one block)
    Toc,
    /// 別紙1, 別表, 様式
    Appendix,
    /// 附則
    Supplementary,
    /// 第一編
    Hen,
    /// 第一章
    Sho,
    /// 第一節
    Setsu,
    /// 第一款
    Kan,
    /// 第一目
    Moku,
    /// 第１ (plan style)
    Dai,
    /// 第三十六条の二
    Jo,
    /// １, 10 (plan items, law 項)
    Digit,
    /// (1), （１）
    ParenDigit,
    /// ①
    Circled,
    /// ア, イ (also イ・ロ・ハ)
    Kana,
    /// (ア), (ｱ)
    ParenKana,
    /// 一, 二 (law 号)
    Kanji,
    /// (一)
    ParenKanji,
    /// a
    Latin,
    /// (a)
    ParenLatin,
}

impl Style {
    /// Structural styles close every free level and every structural level of the same or a lower rank.
    fn rank(self) -> Option<u8> {
        Some(match self {
            Style::Part | Style::Appendix | Style::Toc => 0,
            Style::Supplementary | Style::Hen => 1,
            Style::Sho | Style::Dai => 2,
            Style::Setsu => 3,
            Style::Kan => 4,
            Style::Moku => 5,
            Style::Jo => 6,
            _ => return None,
        })
    }
}

/// A provision's number, with its style (the printed form is [`Node::label_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub style: Style,
    /// Normalised for paths: ASCII digits and parentheses, no spaces (`第 10` → `第10`, `（１）` → `(1)`).
    pub key: String,
}

/// One line of the document: a numbered provision or a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    pub label: Option<Label>,
    /// The line as printed (borrowed from the input); a law-style （見出し） line is kept in front of its 条,
    /// separated by `\n`.
    pub text: Cow<'a, str>,
    /// Where the label sits in `text`, in chars (Unicode scalar values).
    pub label_range: Option<(usize, usize)>,
    /// The same in bytes; `(0, 0)` without a label.
    label_bytes: (usize, usize),
    /// Where the content (the text after the label and its spaces) starts in `text`, in bytes.
    content_start: usize,
    /// The enclosing provision (index into [`Document::nodes`]), `None` at the top level.
    pub parent: Option<usize>,
    /// `第2部 第4 1 (1) ウ`; paragraphs are `本文1`, `本文2` … of their provision; a repeated label gets `[2]`.
    pub path: String,
    /// The 1-based line number of the label line in the input.
    pub line: usize,
}

/// A parsed text: every non-blank line as a node, in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl Node<'_> {
    /// The text after the label and the spaces after it: what alignment compares.
    pub fn content(&self) -> &str {
        self.text.get(self.content_start..).unwrap_or("")
    }

    /// The label as printed, e.g. `（１）`, `第 10`, `第三十六条の二`.
    pub fn label_text(&self) -> Option<&str> {
        self.label.as_ref().and_then(|_| self.text.get(self.label_bytes.0..self.label_bytes.1))
    }

    /// A law-style （見出し） printed above the article, with its line break; empty otherwise.
    pub fn caption(&self) -> &str {
        self.text.get(..self.label_bytes.0).unwrap_or("")
    }
}

impl<'a> Document<'a> {
    /// Parses text with one paragraph per line (LF or CRLF). Leading and trailing spaces (ASCII, full-width,
    /// tabs) are layout: a label after indentation is a label, and the indentation is not part of the text.
    pub fn parse(text: &'a str) -> Document<'a> {
        let lines: Vec<&str> = text.lines().map(strip_layout).collect();
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(lines.len());
        // Stack of open numbered provisions: (node index, style).
        let mut stack: Vec<(usize, Style)> = Vec::new();
        // Per parent (None = root → usize::MAX), counters for paths.
        let mut siblings = Siblings::default();
        let mut pending_caption: Option<(usize, &str)> = None;

        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            i += 1;
            if line.is_empty() {
                continue;
            }
            if pending_caption.is_none() && is_toc_heading(line) {
                let (node, next) = toc_block(&lines, i - 1);
                stack.clear();
                nodes.push(node);
                i = next;
                continue;
            }
            let label = parse_label(line);
            if label.is_none() && is_caption(line) && next_is_article(&lines[i..]) {
                pending_caption = Some((i, line));
                continue;
            }
            let caption = pending_caption.take();
            let Some((style, label_len, content_start)) = label else {
                if let Some((caption_line, c)) = caption {
                    // Defensive: a caption whose article did not follow stays a paragraph of its own.
                    push_paragraph(&mut nodes, &stack, &mut siblings, c, caption_line);
                }
                push_paragraph(&mut nodes, &stack, &mut siblings, line, i);
                continue;
            };
            close_levels(&mut stack, style);
            let parent = stack.last().map(|&(idx, _)| idx);
            let byte_at = |k: usize| line.char_indices().nth(k).map_or(line.len(), |(b, _)| b);
            let label_text = line[..byte_at(label_len)].trim_end_matches(is_space);
            let label_key = normalise_key(label_text);
            let n = siblings.count_label(&nodes, parent, nodes.len(), style, &label_key);
            let key = if style == Style::Supplementary {
                supplementary_key(&label_key, n)
            } else if n > 1 {
                format!("{label_key}[{n}]")
            } else {
                label_key.clone()
            };
            let path = join_path(parent.map(|p| nodes[p].path.as_str()), &key);
            let (text, offset, byte_offset) = match caption {
                Some((_, c)) => (Cow::Owned(format!("{c}\n{line}")), c.chars().count() + 1, c.len() + 1),
                None => (Cow::Borrowed(line), 0, 0),
            };
            nodes.push(Node {
                label: Some(Label { style, key: label_key }),
                text,
                label_range: Some((offset, offset + label_text.chars().count())),
                label_bytes: (byte_offset, byte_offset + label_text.len()),
                content_start: byte_offset + byte_at(content_start),
                parent,
                path,
                line: i,
            });
            stack.push((nodes.len() - 1, style));
        }
        if let Some((line_no, c)) = pending_caption {
            push_paragraph(&mut nodes, &stack, &mut siblings, c, line_no);
        }
        Document { nodes }
    }

    /// Whether the text is written in law style (it has 条): tables of such texts follow the conventions of
    /// 法令 (改正後 / 改正前, `２・３　（略）`).
    pub fn is_law_style(&self) -> bool {
        self.nodes.iter().any(|n| n.label.as_ref().is_some_and(|l| l.style == Style::Jo))
    }

    /// The children of `parent` (`None` = the top level), in document order.
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        self.nodes.iter().enumerate().filter(move |(_, n)| n.parent == parent).map(|(i, _)| i)
    }
}

/// Counters per parent (slot 0 = the top level, else the parent's index + 1), without hashing or copying keys.
#[derive(Default)]
struct Siblings {
    paragraphs: Vec<u32>,
    /// Labelled children seen: (index of the first one with a key, how many had it).
    labelled: Vec<Vec<(usize, u32)>>,
}

impl Siblings {
    fn slot(parent: Option<usize>) -> usize {
        parent.map_or(0, |p| p + 1)
    }

    fn next_paragraph(&mut self, parent: Option<usize>) -> u32 {
        let slot = Self::slot(parent);
        if self.paragraphs.len() <= slot {
            self.paragraphs.resize(slot + 1, 0);
        }
        self.paragraphs[slot] += 1;
        self.paragraphs[slot]
    }

    /// How many children of `parent` have had this key so far, this one included (附則 count as one key).
    fn count_label(&mut self, nodes: &[Node<'_>], parent: Option<usize>, index: usize, style: Style, key: &str) -> u32 {
        let slot = Self::slot(parent);
        if self.labelled.len() <= slot {
            self.labelled.resize_with(slot + 1, Vec::new);
        }
        let same = |n: &Node| match &n.label {
            Some(l) if style == Style::Supplementary => l.style == Style::Supplementary,
            Some(l) => l.style != Style::Supplementary && l.key == key,
            None => false,
        };
        let seen = &mut self.labelled[slot];
        match seen.iter_mut().find(|(i, _)| nodes.get(*i).is_some_and(same)) {
            Some((_, count)) => {
                *count += 1;
                *count
            }
            None => {
                seen.push((index, 1));
                1
            }
        }
    }
}

fn push_paragraph<'a>(
    nodes: &mut Vec<Node<'a>>,
    stack: &[(usize, Style)],
    siblings: &mut Siblings,
    line: &'a str,
    line_no: usize,
) {
    let parent = stack.last().map(|&(idx, _)| idx);
    let n = siblings.next_paragraph(parent);
    let path = join_path(parent.map(|p| nodes[p].path.as_str()), &format!("本文{n}"));
    nodes.push(Node {
        label: None,
        text: Cow::Borrowed(line),
        label_range: None,
        label_bytes: (0, 0),
        content_start: 0,
        parent,
        path,
        line: line_no,
    });
}

/// Leading and trailing spaces and tabs of a line (and a CR left by CRLF) are layout, not text.
fn strip_layout(line: &str) -> &str {
    line.trim_end_matches(['\r', '\n']).trim_matches(is_space)
}

/// `附則1`, `附則2` … for 附則 without a heading; an amending act's 附則 is named by its act:
/// `附則(平成一七年六月二九日法律第七三号)`, so that the 附則 of a new amendment never renumbers the others.
fn supplementary_key(label_key: &str, n: u32) -> String {
    match label_key.find('(') {
        Some(at) => format!("附則{}", label_key[at..].trim_end_matches('抄')),
        None => format!("附則{n}"),
    }
}

/// The print depth of a provision in characters, from its path (`第一章 第一条 2 一 イ`): a law's 条 and 項 at
/// 0, 号 at 1, イ at 2 …; 編/章/節/款/目 at 2–6; a plan's levels one character deeper each (第１ 0, １ 1, (1) 2);
/// a paragraph one character inside its provision. Computed from the path alone, so a cell the user edited or an
/// omitted run (`第一条 二～八`) is set like the provision it stands for.
pub fn indent_of_path(path: &str) -> u8 {
    let mut styles: Vec<Style> = Vec::new();
    let mut paragraph_depth: Option<u8> = None;
    let mut depth = 0u8;
    for part in path.split(' ') {
        let Some(style) = style_of_key(part) else {
            // 本文N: a paragraph of the provision above it.
            paragraph_depth = Some(match styles.last() {
                Some(s) if s.rank().is_none() => depth.saturating_add(1),
                _ => 0,
            });
            continue;
        };
        depth = indent_in(&styles, style);
        styles.push(style);
        paragraph_depth = None;
    }
    paragraph_depth.unwrap_or(depth)
}

/// The style of one path component (`第一条`, `2`, `二～八`, `(1)[2]`, `附則(…)`); `None` for `本文N`.
fn style_of_key(part: &str) -> Option<Style> {
    if part.starts_with("本文") {
        return None;
    }
    if part.starts_with("附則") {
        return Some(Style::Supplementary);
    }
    if part == "目次" {
        return Some(Style::Toc);
    }
    // A repeated label's `[2]`, an omitted run's `～八` / `・三` / `及び三`.
    let end = part.find(['[', '～', '・']).or_else(|| part.find("及び")).unwrap_or(part.len());
    let label = part.get(..end).unwrap_or(part);
    parse_label(&format!("{label} x")).map(|(s, _, _)| s)
}

fn indent_in(open: &[Style], style: Style) -> u8 {
    match style {
        Style::Hen => return 2,
        Style::Sho => return 3,
        Style::Setsu => return 4,
        Style::Kan => return 5,
        Style::Moku => return 6,
        s if s.rank().is_some() => return 0,
        _ => {}
    }
    let structural = open.iter().rposition(|s| s.rank().is_some());
    let free = &open[structural.map_or(0, |p| p + 1)..];
    let depth = match structural.map(|p| open[p]) {
        // A 条's (or 附則's) 項 (２, ３) stand where the 条 stands; its 号 one character in, イ two.
        Some(Style::Jo | Style::Supplementary) => {
            let paragraph_level = free.first().map_or(style == Style::Digit, |&s| s == Style::Digit);
            free.len() + 1 - usize::from(paragraph_level)
        }
        None | Some(Style::Appendix | Style::Toc) => free.len(),
        Some(_) => free.len() + 1,
    };
    u8::try_from(depth).unwrap_or(u8::MAX)
}

/// `目次` alone on its line.
fn is_toc_heading(line: &str) -> bool {
    let mut chars = line.chars().filter(|&c| !is_space(c));
    chars.next() == Some('目') && chars.next() == Some('次') && chars.next().is_none()
}

/// An entry of a 目次: `第六章　意見公募手続等（第三十八条―第四十五条）`, `附則`, `別表第一（第三条関係）`.
fn is_toc_entry(line: &str) -> bool {
    matches!(
        parse_label(line).map(|(s, _, _)| s),
        Some(
            Style::Hen | Style::Sho | Style::Setsu | Style::Kan | Style::Moku | Style::Supplementary | Style::Appendix
        )
    ) || (line.starts_with('第') && line.ends_with("）") && line.contains("条"))
}

/// The 目次 that starts at `lines[at]` as one node (its entries one per line), and the index after it. The block
/// ends at a blank line after an entry, at a line that is no entry, or where its first entry comes again (the body
/// of the law begins).
fn toc_block<'a>(lines: &[&'a str], at: usize) -> (Node<'a>, usize) {
    let heading = lines[at];
    let mut entries: Vec<&str> = Vec::new();
    let mut first_key: Option<String> = None;
    let mut j = at + 1;
    while j < lines.len() {
        let line = lines[j];
        if line.is_empty() {
            if entries.is_empty() {
                j += 1;
                continue;
            }
            break;
        }
        if !is_toc_entry(line) {
            break;
        }
        let key = parse_label(line).map(|(_, len, _)| normalise_key(&line.chars().take(len).collect::<String>()));
        if key.is_some() && key == first_key {
            break;
        }
        if first_key.is_none() {
            first_key = key;
        }
        entries.push(line);
        j += 1;
    }
    let mut text = heading.to_string();
    for e in &entries {
        text.push('\n');
        text.push_str(e);
    }
    let content_start = if entries.is_empty() { text.len() } else { heading.len() + 1 };
    let node = Node {
        label: Some(Label { style: Style::Toc, key: "目次".to_string() }),
        label_range: Some((0, heading.chars().count())),
        label_bytes: (0, heading.len()),
        content_start,
        text: Cow::Owned(text),
        parent: None,
        path: "目次".to_string(),
        line: at + 1,
    };
    (node, j)
}

fn join_path(parent: Option<&str>, key: &str) -> String {
    match parent {
        Some(p) => format!("{p} {key}"),
        None => key.to_string(),
    }
}

/// Pops the levels a label of `style` closes.
fn close_levels(stack: &mut Vec<(usize, Style)>, style: Style) {
    match style.rank() {
        Some(rank) => {
            while let Some(&(_, top)) = stack.last() {
                match top.rank() {
                    Some(r) if r < rank => break,
                    _ => {
                        stack.pop();
                    }
                }
            }
        }
        None => {
            // Look for the same style down to the nearest structural level.
            let mut found = None;
            for (pos, &(_, s)) in stack.iter().enumerate().rev() {
                if s == style {
                    found = Some(pos);
                    break;
                }
                if s.rank().is_some() {
                    break;
                }
            }
            if let Some(pos) = found {
                stack.truncate(pos);
            } else if style == Style::Digit {
                // A 条's second 項 (２) closes the 号 of its first, unnumbered 項: 項 stand right under their 条.
                if let Some(pos) = stack.iter().rposition(|&(_, s)| s.rank().is_some()) {
                    if matches!(stack[pos].1, Style::Jo | Style::Supplementary) {
                        stack.truncate(pos + 1);
                    }
                }
            }
        }
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || c == '\t'
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn is_kanji_numeral(c: char) -> bool {
    matches!(c, '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千')
}

fn is_katakana(c: char) -> bool {
    matches!(c, 'ア'..='ン' | 'ｱ'..='ﾝ')
        && !matches!(c, 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ')
}

fn is_latin(c: char) -> bool {
    c.is_ascii_lowercase() || matches!(c, 'ａ'..='ｚ')
}

fn is_circled(c: char) -> bool {
    matches!(c, '①'..='⑳' | '㉑'..='㉟' | '㊱'..='㊿')
}

fn is_open(c: char) -> bool {
    c == '(' || c == '（'
}

fn is_close(c: char) -> bool {
    c == ')' || c == '）'
}

/// `（目的）` on a line of its own: a law-style article caption.
fn is_caption(line: &str) -> bool {
    let t = line.trim();
    let inner = t.strip_prefix('（').and_then(|s| s.strip_suffix('）'));
    matches!(inner, Some(s) if !s.is_empty() && !s.contains(['（', '）']))
}

fn next_is_article(rest: &[&str]) -> bool {
    rest.iter()
        .map(|l| strip_layout(l))
        .find(|l| !l.is_empty())
        .and_then(parse_label)
        .is_some_and(|(s, _, _)| s == Style::Jo)
}

/// Normalises a label for paths: ASCII digits and parentheses, no spaces.
pub fn normalise_key(label: &str) -> String {
    label
        .chars()
        .filter(|&c| !is_space(c))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            _ => digit(c).and_then(|d| char::from_digit(d, 10)).unwrap_or(c),
        })
        .collect()
}

/// Recognises a label at the start of a line: (style, label length in chars, start of the content in chars).
pub fn parse_label(line: &str) -> Option<(Style, usize, usize)> {
    // Labels are short: look at the first characters only (a long paragraph is not copied).
    const PREFIX: usize = 48;
    let mut chars = line.chars();
    let mut buf = ['\0'; PREFIX];
    let mut n = 0;
    for (slot, ch) in buf.iter_mut().zip(chars.by_ref()) {
        *slot = ch;
        n += 1;
    }
    let c = &buf[..n];
    let truncated = chars.next().is_some();
    let at = |i: usize| c.get(i).copied();
    let skip_spaces = |mut i: usize| {
        while i < n && is_space(c[i]) {
            i += 1;
        }
        i
    };
    // A label must end the line or be followed by a space.
    let ends_here = |i: usize| if i >= n { !truncated } else { is_space(c[i]) };
    let done = |style: Style, len: usize| Some((style, len, skip_spaces(len)));

    let first = at(0)?;
    if first == '第' {
        let mut i = skip_spaces(1);
        let digits_start = i;
        while i < n && digit(c[i]).is_some() {
            i += 1;
        }
        if i > digits_start {
            let after_digits = i;
            let j = skip_spaces(i);
            if at(j) == Some('部') {
                return done(Style::Part, j + 1);
            }
            if let Some(style) = at(j).and_then(structural_suffix) {
                return branch_number(c, j + 1).filter(|&e| ends_here(e)).and_then(|e| done(style, e));
            }
            if ends_here(after_digits) {
                return done(Style::Dai, after_digits);
            }
            return None;
        }
        while i < n && is_kanji_numeral(c[i]) {
            i += 1;
        }
        if i > digits_start {
            if let Some(style) = at(i).and_then(structural_suffix) {
                let end = branch_number(c, i + 1).map(|e| article_range(c, e, style));
                return end.filter(|&e| ends_here(e)).and_then(|e| done(style, e));
            }
        }
        return None;
    }
    // 附則 / 附 則 (optionally （…） after it) alone on its line.
    if first == '附' {
        let compact: String = c.iter().filter(|&&ch| !is_space(ch)).collect();
        if let Some(rest) = compact.strip_prefix("附則") {
            // An amending act's 附則 may end in 抄 (an excerpt): 附　則　（平成一七年…）　抄.
            let rest = rest.strip_suffix('抄').unwrap_or(rest);
            if !truncated && (rest.is_empty() || is_caption(rest)) {
                return Some((Style::Supplementary, n, n));
            }
        }
        return None;
    }
    for word in ["別紙", "別表", "別記", "様式"] {
        if line.starts_with(word) {
            let mut i = skip_spaces(2);
            while i < n && (digit(c[i]).is_some() || is_kanji_numeral(c[i])) {
                i += 1;
            }
            if i >= n || is_space(c[i]) || is_open(c[i]) {
                let end = if i > 2 { i } else { 2 };
                return done(Style::Appendix, end);
            }
            return None;
        }
    }
    if is_open(first) {
        let mut i = 1;
        let style = if at(1).and_then(digit).is_some() {
            while i < n && digit(c[i]).is_some() {
                i += 1;
            }
            Style::ParenDigit
        } else if at(1).is_some_and(is_katakana) {
            i = 2;
            Style::ParenKana
        } else if at(1).is_some_and(is_latin) {
            // (a), or a lower-case roman numeral of a law's fourth level: (i), (ii), (iv).
            i = 2;
            if is_roman(c[1]) {
                while i < n && i < 7 && is_roman(c[i]) {
                    i += 1;
                }
            }
            Style::ParenLatin
        } else if at(1).is_some_and(is_kanji_numeral) {
            while i < n && is_kanji_numeral(c[i]) {
                i += 1;
            }
            Style::ParenKanji
        } else {
            return None;
        };
        if at(i).is_some_and(is_close) {
            return done(style, i + 1);
        }
        return None;
    }
    if is_circled(first) {
        return done(Style::Circled, 1);
    }
    if digit(first).is_some() {
        let mut i = 1;
        while i < n && digit(c[i]).is_some() {
            i += 1;
        }
        return if ends_here(i) { done(Style::Digit, i) } else { None };
    }
    if is_katakana(first) {
        return if ends_here(1) && n > 1 { done(Style::Kana, 1) } else { None };
    }
    if is_latin(first) {
        return if ends_here(1) && n > 1 { done(Style::Latin, 1) } else { None };
    }
    if is_kanji_numeral(first) {
        let mut i = 1;
        while i < n && is_kanji_numeral(c[i]) {
            i += 1;
        }
        if i > 4 {
            return None;
        }
        // 号 with a branch number: 十一の二.
        let i = branch_number(c, i).unwrap_or(i);
        return if ends_here(i) && n > i { done(Style::Kanji, i) } else { None };
    }
    None
}

fn is_roman(c: char) -> bool {
    matches!(c, 'i' | 'v' | 'x' | 'ｉ' | 'ｖ' | 'ｘ')
}

/// After `第十八条`, consumes `から第二十条まで` or `及び第百三十条` (several 条 deleted at once:
/// `第十八条から第二十条まで　削除`, `第百二十九条及び第百三十条　削除`).
fn article_range(c: &[char], end: usize, style: Style) -> usize {
    let from = |i: usize, word: &str| word.chars().enumerate().all(|(k, w)| c.get(i + k) == Some(&w));
    if style != Style::Jo {
        return end;
    }
    let (start, until) = if from(end, "から第") {
        (end + 3, true)
    } else if from(end, "及び第") {
        (end + 3, false)
    } else {
        return end;
    };
    let mut j = start;
    while j < c.len() && is_kanji_numeral(c[j]) {
        j += 1;
    }
    if j == start || c.get(j) != Some(&'条') {
        return end;
    }
    let j = branch_number(c, j + 1).unwrap_or(j + 1);
    match (until, from(j, "まで")) {
        (true, true) => j + 2,
        (false, _) => j,
        (true, false) => end,
    }
}

fn structural_suffix(c: char) -> Option<Style> {
    Some(match c {
        '編' => Style::Hen,
        '章' => Style::Sho,
        '節' => Style::Setsu,
        '款' => Style::Kan,
        '目' => Style::Moku,
        '条' => Style::Jo,
        _ => return None,
    })
}

/// After `第三十六条`, consumes `の二`, `の二の三` …; returns the end of the label.
fn branch_number(c: &[char], mut i: usize) -> Option<usize> {
    while c.get(i) == Some(&'の') {
        let mut j = i + 1;
        while j < c.len() && (is_kanji_numeral(c[j]) || digit(c[j]).is_some()) {
            j += 1;
        }
        if j == i + 1 {
            break;
        }
        i = j;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        Document::parse(text).nodes.into_iter().map(|n| n.path).collect()
    }

    #[test]
    fn plan_style_levels_nest_in_any_width() {
        let text = "第1部 方針\n前文\n１ 一つ目\n(1) 細目\nア 項目\n(ｱ) 小項目\na 英字\n(a) 括弧英字\nイ 次\n（２） 全角括弧\n第2部 基準\n第１ 対象\n第 10 十番目\n";
        assert_eq!(
            paths(text),
            [
                "第1部",
                "第1部 本文1",
                "第1部 1",
                "第1部 1 (1)",
                "第1部 1 (1) ア",
                "第1部 1 (1) ア (ｱ)",
                "第1部 1 (1) ア (ｱ) a",
                "第1部 1 (1) ア (ｱ) a (a)",
                "第1部 1 (1) イ",
                "第1部 1 (2)",
                "第2部",
                "第2部 第1",
                "第2部 第10",
            ]
        );
    }

    #[test]
    fn law_style_articles_keep_their_caption_and_branch_numbers() {
        let text = "第一章 総則\n（目的）\n第一条 この法律は、目的を定める。\n２ 前項の規定は、適用しない。\n一 一号\nイ いろは\n第三十六条の二 枝番の条\n附 則\nこの法律は、公布の日から施行する。\n";
        let doc = Document::parse(text);
        let p: Vec<&str> = doc.nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(
            p,
            [
                "第一章",
                "第一章 第一条",
                "第一章 第一条 2",
                "第一章 第一条 2 一",
                "第一章 第一条 2 一 イ",
                "第一章 第三十六条の二",
                "附則1",
                "附則1 本文1"
            ]
        );
        assert_eq!(doc.nodes[1].text, "（目的）\n第一条 この法律は、目的を定める。");
        assert_eq!(doc.nodes[1].label_range, Some((5, 8)));
        assert_eq!(doc.nodes[1].content(), "この法律は、目的を定める。");
        assert_eq!(doc.nodes[1].caption(), "（目的）\n");
        assert_eq!(doc.nodes[1].label_text(), Some("第一条"));
    }

    #[test]
    fn sentences_that_merely_start_like_labels_stay_paragraphs() {
        for line in
            ["一方で、情報通信技術の", "第三者に入手されても", "2023年の実績", "アカウントの管理", "第１順位副知事"]
        {
            assert_eq!(parse_label(line), None, "{line}");
        }
        assert_eq!(parse_label("(9)最高情報セキュリティ責任者は"), Some((Style::ParenDigit, 3, 3)));
        assert_eq!(parse_label("第 11  例外措置"), Some((Style::Dai, 4, 6)));
    }

    #[test]
    fn repeated_labels_and_supplementary_provisions_get_distinct_paths() {
        let text = "第１ 見出し\n(2) 一つ目\n(2) 重複\n附 則\n施行日\n附 則\n施行日\n別紙1\n図\n";
        assert_eq!(
            paths(text),
            ["第1", "第1 (2)", "第1 (2)[2]", "附則1", "附則1 本文1", "附則2", "附則2 本文1", "別紙1", "別紙1 本文1"]
        );
    }

    #[test]
    fn no_line_with_text_is_dropped() {
        let text = "表題\n\n（見出しだけ）\n第１ 見出し\n本文\n";
        let doc = Document::parse(text);
        let joined: Vec<&str> = doc.nodes.iter().map(|n| n.text.as_ref()).collect();
        assert_eq!(joined, ["表題", "（見出しだけ）", "第１ 見出し", "本文"]);
    }

    #[test]
    fn labels_after_indentation_are_labels_and_the_indentation_is_not_text() {
        let text = "  （定義）\n第二条　この法律において、次の各号に掲げる用語の意義は、当該各号に定める。\n\
                    \u{3000}一\u{3000}法令\u{3000}法律\n    イ　いろは\n\t十一の二　枝番の号\n  (ii)　ローマ数字\n\
                    ２　次項\n \u{3000}１ 計画\u{3000}\n";
        let doc = Document::parse(text);
        let p: Vec<&str> = doc.nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(
            p,
            ["第二条", "第二条 一", "第二条 一 イ", "第二条 十一の二", "第二条 十一の二 (ii)", "第二条 2", "第二条 1"]
        );
        assert_eq!(doc.nodes[0].caption(), "（定義）\n");
        assert_eq!(doc.nodes[1].text, "一\u{3000}法令\u{3000}法律");
        assert_eq!(doc.nodes[1].content(), "法令\u{3000}法律");
        assert_eq!(doc.nodes[6].text, "１ 計画");
        assert!(doc.is_law_style());
    }

    #[test]
    fn a_toc_is_one_block_until_the_body_begins() {
        let text = "行政手続法\n目次\n  第一章　総則（第一条―第四条）\n  第三章　不利益処分\n    第一節　通則（第十二条―第十四条）\n\
                    \u{3000}附則\n      第一章　総則\n第一条　目的\n";
        let doc = Document::parse(text);
        let p: Vec<&str> = doc.nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(p, ["本文1", "目次", "第一章", "第一章 第一条"]);
        assert_eq!(
            doc.nodes[1].text,
            "目次\n第一章　総則（第一条―第四条）\n第三章　不利益処分\n第一節　通則（第十二条―第十四条）\n附則"
        );
        assert_eq!(
            doc.nodes[1].content(),
            "第一章　総則（第一条―第四条）\n第三章　不利益処分\n第一節　通則（第十二条―第十四条）\n附則"
        );
        // Without a blank line or a repeated entry, the first line that is no entry ends it.
        let doc = Document::parse("目次\n第一章　総則（第一条）\n\n第一章　総則\n");
        assert_eq!(doc.nodes.iter().map(|n| n.path.as_str()).collect::<Vec<_>>(), ["目次", "第一章"]);
    }

    #[test]
    fn supplementary_provisions_of_amending_acts_are_named_by_their_act() {
        let text = "      附　則　抄\n第一条　施行期日\n      附　則　（平成一七年六月二九日法律第七三号）　抄\n\
                    （施行期日）\n第一条　この法律は、公布の日から施行する。\n      附　則　（平成二六年六月一三日法律第七〇号）\n\
                    この法律は、公布の日から施行する。\n";
        let p = paths(text);
        assert_eq!(
            p,
            [
                "附則1",
                "附則1 第一条",
                "附則(平成一七年六月二九日法律第七三号)",
                "附則(平成一七年六月二九日法律第七三号) 第一条",
                "附則(平成二六年六月一三日法律第七〇号)",
                "附則(平成二六年六月一三日法律第七〇号) 本文1",
            ]
        );
    }

    #[test]
    fn deleted_articles_and_ranges_of_them_are_labels() {
        assert_eq!(parse_label("第十八条　削除"), Some((Style::Jo, 4, 5)));
        assert_eq!(parse_label("第十八条から第二十条まで　削除"), Some((Style::Jo, 12, 13)));
        assert_eq!(parse_label("第百二十九条及び第百三十条　削除"), Some((Style::Jo, 13, 14)));
        assert_eq!(parse_label("第十八条からの規定"), None);
    }

    #[test]
    fn print_depth_follows_the_law_hierarchy_and_plan_levels() {
        for (path, depth) in [
            ("第一章", 3),
            ("第一章 第一節", 4),
            ("第一章 第一条", 0),
            ("第一章 第一条 2", 0),
            ("第一章 第一条 一", 1),
            ("第一章 第一条 2 一", 1),
            ("第一章 第一条 2 一 イ", 2),
            ("第一章 第一条 2 一 イ (1)", 3),
            ("第一章 第一条 二～八", 1),
            ("第一章 第一条 2・3", 0),
            ("附則(平成二六年六月一三日法律第七〇号) 本文1", 0),
            ("第1部 第1 1 (1) ア", 3),
            ("第1部 第1", 0),
            ("第1部 第1 1 本文1", 2),
        ] {
            assert_eq!(indent_of_path(path), depth, "{path}");
        }
    }
}
