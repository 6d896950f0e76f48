//! e-Gov 法令標準XML (the format e-Gov publishes for every national law, which many 例規 systems export) read as
//! the text a person would copy from the law: one provision per line, so that the XML of a law and its text give
//! the same table.
//!
//! `Law/LawBody`: the title and number, `TOC` (目次, one entry per line), `MainProvision` with
//! `Part/Chapter/Section/Subsection/Division` titles, `Article` (`ArticleCaption` on its own line, then
//! `ArticleTitle`, a full-width space and the first `Paragraph`), `Paragraph` (`ParagraphNum`), `Item`
//! (`ItemTitle`), `Subitem1`…`Subitem10`, their `Sentence`s (the `Column`s of a sentence joined by a full-width
//! space, as printed), `SupplProvision` (附　則　（its `AmendLawNum`）, 抄 when `Extract`), `AppdxTable` and the other
//! appendices (title line, then one line per table row). Ruby (`Rt`) is left out: its base text is the text.
//! Everything else (line markup, `Sup`, `Sub`, quoted structures) is read as text.

use quick_xml::events::{BytesStart, Event};

/// Elements that begin a line of their own.
fn starts_line(name: &[u8]) -> bool {
    matches!(
        name,
        b"LawTitle"
            | b"EnactStatement"
            | b"TOCLabel"
            | b"TOCPreambleLabel"
            | b"PartTitle"
            | b"ChapterTitle"
            | b"SectionTitle"
            | b"SubsectionTitle"
            | b"DivisionTitle"
            | b"ArticleCaption"
            | b"ParagraphCaption"
            | b"ArticleTitle"
            | b"SupplProvisionLabel"
            | b"TOCArticle"
            | b"TOCAppdxTableLabel"
            | b"AppdxTableTitle"
            | b"AppdxNoteTitle"
            | b"AppdxStyleTitle"
            | b"AppdxFormatTitle"
            | b"AppdxFigTitle"
            | b"AppdxTitle"
            | b"TableRow"
            | b"RemarksLabel"
            | b"Item"
            | b"ListSentence"
            | b"Sublist1Sentence"
            | b"Sublist2Sentence"
            | b"Sublist3Sentence"
            | b"Preamble"
    ) || is_subitem(name)
}

/// `Subitem1` … `Subitem10` (not their titles or sentences).
fn is_subitem(name: &[u8]) -> bool {
    name.strip_prefix(b"Subitem").is_some_and(|rest| !rest.is_empty() && rest.iter().all(u8::is_ascii_digit))
}

/// Elements after which the text of the provision follows, separated by a full-width space.
fn is_number(name: &[u8]) -> bool {
    matches!(name, b"ArticleTitle" | b"ParagraphNum" | b"ItemTitle")
        || name.strip_prefix(b"Subitem").is_some_and(|rest| rest.ends_with(b"Title"))
}

/// Elements holding the text of a provision.
fn is_sentence_block(name: &[u8]) -> bool {
    matches!(name, b"ParagraphSentence" | b"ItemSentence")
        || name.strip_prefix(b"Subitem").is_some_and(|rest| rest.ends_with(b"Sentence"))
}

struct Lines {
    out: String,
    line: String,
    /// A number was just written (第一条, ２, 一): the sentence goes on the same line after a full-width space.
    after_number: bool,
    /// Columns of the current sentence block so far.
    columns: usize,
    /// Cells of the current table row so far.
    cells: usize,
}

impl Lines {
    fn flush(&mut self) {
        let text = self.line.trim_matches(|c: char| c == ' ' || c == '\u{3000}' || c == '\t');
        if !text.is_empty() {
            self.out.push_str(text);
            self.out.push('\n');
        }
        self.line.clear();
        self.after_number = false;
    }
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        // The attributes read (AmendLawNum, Extract) hold plain text, never entities.
        .and_then(|a| std::str::from_utf8(&a.value).ok().map(str::to_string))
}

/// The text of a law in 法令標準XML, one provision per line; `Err` carries what was wrong with the XML.
pub fn law_text(xml: &[u8]) -> Result<String, String> {
    // Events borrow from `xml` (no copy into a buffer): reading is most of what this function costs.
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut lines = Lines { out: String::new(), line: String::new(), after_number: false, columns: 0, cells: 0 };
    let mut law_num: Option<String> = None;
    let mut in_law_num = false;
    let mut ruby_text = 0usize;
    // (AmendLawNum, Extract) of the SupplProvision being read.
    let mut suppl: Vec<(Option<String>, bool)> = Vec::new();
    let mut saw_law = false;
    // Inside the 目次.
    let mut toc = 0usize;
    loop {
        match reader.read_event().map_err(|e| format!("at byte {}: {e}", reader.buffer_position()))? {
            Event::Start(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == b"Law" {
                    saw_law = true;
                } else if name == b"TOC" {
                    toc += 1;
                } else if toc > 0 && name.starts_with(b"TOC") && name != b"TOCLabel" {
                    lines.flush();
                }
                if name == b"LawNum" {
                    in_law_num = true;
                    law_num = Some(String::new());
                } else if name == b"Rt" {
                    ruby_text += 1;
                } else if name == b"SupplProvision" {
                    suppl.push((attr(&e, b"AmendLawNum"), attr(&e, b"Extract").as_deref() == Some("true")));
                } else if name == b"Paragraph" {
                    if !lines.after_number {
                        lines.flush();
                    }
                } else if is_sentence_block(name) {
                    lines.columns = 0;
                    if lines.after_number {
                        lines.line.push('\u{3000}');
                        lines.after_number = false;
                    } else if !lines.line.is_empty() {
                        lines.flush();
                    }
                } else if name == b"Column" {
                    if lines.columns > 0 {
                        lines.line.push('\u{3000}');
                    }
                    lines.columns += 1;
                } else if name == b"TableColumn" {
                    if lines.cells > 0 {
                        lines.line.push('\u{3000}');
                    }
                    lines.cells += 1;
                } else if toc > 0 && name.ends_with(b"Title") {
                    // 目次: the entry's line was started by its TOC element.
                } else if starts_line(name) {
                    lines.flush();
                    if name == b"TableRow" {
                        lines.cells = 0;
                    }
                }
            }
            Event::End(e) => {
                let name = e.local_name();
                let name = name.as_ref();
                if name == b"LawNum" {
                    in_law_num = false;
                } else if name == b"Rt" {
                    ruby_text = ruby_text.saturating_sub(1);
                } else if name == b"LawTitle" {
                    lines.flush();
                    if let Some(num) = law_num.take().filter(|n| !n.is_empty()) {
                        lines.line = format!("（{num}）");
                        lines.flush();
                    }
                } else if name == b"SupplProvisionLabel" {
                    if let Some((amend, extract)) = suppl.last() {
                        if let Some(num) = amend {
                            lines.line.push_str(&format!("\u{3000}（{num}）"));
                        }
                        if *extract {
                            lines.line.push_str("\u{3000}抄");
                        }
                    }
                    lines.flush();
                } else if name == b"SupplProvision" {
                    suppl.pop();
                    lines.flush();
                } else if is_number(name) {
                    // An empty number (the first 項 of a 条) keeps the line of the 条.
                    lines.after_number = lines.after_number || !lines.line.trim().is_empty();
                } else if name.starts_with(b"TOC") && name != b"TOCLabel" {
                    toc = toc.saturating_sub(usize::from(name == b"TOC"));
                    lines.flush();
                    if name == b"TOC" {
                        // A blank line ends the 目次 block, as in the printed text.
                        lines.out.push('\n');
                    }
                } else if toc > 0 && name.ends_with(b"Title") {
                    // 目次: the title and its article range (（第一条・第二条）) are one line.
                } else if (starts_line(name) && !is_subitem(name) && name != b"Item")
                    || matches!(name, b"MainProvision" | b"AppdxTable" | b"Appdx" | b"LawBody")
                {
                    lines.flush();
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == b"Column" => {
                lines.columns += 1;
            }
            Event::Text(t) => {
                let bytes: &[u8] = &t;
                // Indentation between elements of a pretty-printed file is not text; nor is a ruby reading.
                let layout = bytes.contains(&b'\n') && bytes.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
                if layout || ruby_text > 0 {
                    continue;
                }
                // Entities come as `GeneralRef` events, so the text is the file's own bytes. Line ends inside a
                // sentence are the file's layout, dropped (no end-of-line normalisation needed).
                let text = std::str::from_utf8(bytes)
                    .map_err(|e| format!("at byte {}: not UTF-8: {e}", reader.buffer_position()))?;
                if in_law_num {
                    if let Some(n) = law_num.as_mut() {
                        n.push_str(text.trim());
                    }
                } else if bytes.contains(&b'\n') || bytes.contains(&b'\r') {
                    lines.line.extend(text.chars().filter(|c| !matches!(c, '\n' | '\r')));
                } else {
                    lines.line.push_str(text);
                }
            }
            Event::GeneralRef(r) => {
                let c = shiryo_formats::xml_char(&r)?;
                if let Some(c) = c.filter(|_| ruby_text == 0) {
                    if in_law_num {
                        if let Some(n) = law_num.as_mut() {
                            n.push(c);
                        }
                    } else {
                        lines.line.push(c);
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    lines.flush();
    if !saw_law {
        return Err("no <Law> element: not 法令標準XML".to_string());
    }
    Ok(lines.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_paragraphs_items_and_columns_become_lines_as_printed() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Law><LawNum>平成五年法律第八十八号</LawNum><LawBody><LawTitle>行政手続法</LawTitle>
<MainProvision><Chapter Num="1"><ChapterTitle>第一章　総則</ChapterTitle>
<Article Num="2"><ArticleCaption>（定義）</ArticleCaption><ArticleTitle>第二条</ArticleTitle>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。</Sentence></ParagraphSentence>
<Item Num="1"><ItemTitle>一</ItemTitle><ItemSentence><Column><Sentence>法令</Sentence></Column><Column><Sentence>法律、<Ruby>法律<Rt>ほうりつ</Rt></Ruby>に基づく命令</Sentence></Column></ItemSentence>
<Subitem1 Num="1"><Subitem1Title>イ</Subitem1Title><Subitem1Sentence><Sentence>いろは</Sentence></Subitem1Sentence></Subitem1></Item>
</Paragraph>
<Paragraph Num="2"><ParagraphNum>２</ParagraphNum><ParagraphSentence><Sentence>前項の&amp;規定</Sentence><Sentence>は、適用しない。</Sentence></ParagraphSentence></Paragraph>
</Article></Chapter></MainProvision>
<SupplProvision AmendLawNum="平成二六年六月一三日法律第七〇号" Extract="true"><SupplProvisionLabel>附　則</SupplProvisionLabel>
<Paragraph Num="1"><ParagraphNum/><ParagraphSentence><Sentence>この法律は、公布の日から施行する。</Sentence></ParagraphSentence></Paragraph></SupplProvision>
</LawBody></Law>"#;
        assert_eq!(
            law_text(xml.as_bytes()).unwrap(),
            "行政手続法\n（平成五年法律第八十八号）\n第一章　総則\n（定義）\n\
             第二条　この法律において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n\
             一　法令　法律、法律に基づく命令\nイ　いろは\n２　前項の&規定は、適用しない。\n\
             附　則　（平成二六年六月一三日法律第七〇号）　抄\nこの法律は、公布の日から施行する。\n"
        );
    }

    #[test]
    fn xml_that_is_not_a_law_is_refused() {
        assert!(law_text(b"<html><body>x</body></html>").unwrap_err().contains("not"));
        let mismatched = law_text(b"<Law><LawBody></Law>").unwrap_err();
        assert!(mismatched.starts_with("at byte"), "the XML error where it is: {mismatched}");
    }
}
