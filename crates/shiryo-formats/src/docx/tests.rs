//! The reader on hand-written parts: what only Word writes (numbering from styles, overrides, tracked paragraph
//! marks, moves) and hostile files.

use super::*;

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

fn doc(body: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
}

fn numbering(inner: &str) -> String {
    format!(r#"<w:numbering {W}>{inner}</w:numbering>"#)
}

fn styles(inner: &str) -> String {
    format!(r#"<w:styles {W}>{inner}</w:styles>"#)
}

fn p(num: Option<(u32, u32)>, text: &str) -> String {
    let num = num.map_or(String::new(), |(id, l)| {
        format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
    });
    format!(r#"<w:p>{num}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn lvl(i: u32, start: u32, fmt: &str, text: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/><w:pPr><w:ind w:left="420"/></w:pPr></w:lvl>"#
    )
}

/// The plan-style list 第１ / １ / (1) / ア / (ア) as Word's levels 0–4.
fn plan_abstract(id: u32) -> String {
    format!(
        r#"<w:abstractNum w:abstractNumId="{id}">{}{}{}{}{}</w:abstractNum>"#,
        lvl(0, 1, "decimalFullWidth", "第%1"),
        lvl(1, 1, "decimalFullWidth", "%2"),
        lvl(2, 1, "decimal", "(%3)"),
        lvl(3, 1, "aiueoFullWidth", "%4"),
        lvl(4, 1, "aiueoFullWidth", "(%5)"),
    )
}

fn lines(docx: &Docx, v: Version) -> Vec<String> {
    docx.version(v).text(Tables::Tabs).lines().map(str::to_string).collect()
}

fn read(body: &str, num: &str, sty: &str) -> Docx {
    let (n, s) = (numbering(num), styles(sty));
    match Docx::from_parts(doc(body).as_bytes(), Some(n.as_bytes()), Some(s.as_bytes())) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn plan_numbering_from_numbering_xml_shows_dai_1_then_1_then_paren_1_then_a() {
    let body = [
        p(Some((1, 0)), "総則"),
        p(Some((1, 1)), "目的"),
        p(Some((1, 2)), "対象"),
        p(Some((1, 3)), "県"),
        p(Some((1, 3)), "市町村"),
        p(Some((1, 2)), "期間"),
        p(Some((1, 1)), "定義"),
        p(Some((1, 0)), "推進"),
        p(Some((1, 1)), "体制"),
    ]
    .concat();
    let num = format!(r#"{}<w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>"#, plan_abstract(7));
    let d = read(&body, &num, "");
    assert_eq!(
        lines(&d, Version::New),
        [
            "第１　総則",
            "１　目的",
            "(1)　対象",
            "ア　県",
            "イ　市町村",
            "(2)　期間",
            "２　定義",
            "第２　推進",
            "１　体制"
        ]
    );
}

#[test]
fn lvl_text_with_several_levels_and_is_lgl_shows_each_levels_number() {
    let abs = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}<w:lvl w:ilvl="2"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 1, "upperRoman", "第%1章"),
        lvl(1, 1, "decimal", "%1-%2"),
    );
    let body = [p(Some((3, 0)), "a"), p(Some((3, 1)), "b"), p(Some((3, 1)), "c"), p(Some((3, 2)), "d")].concat();
    let d = read(&body, &abs, "");
    assert_eq!(lines(&d, Version::New), ["第I章　a", "I-1　b", "I-2　c", "1.2.1　d"]);
}

#[test]
fn lvl_restart_zero_keeps_counting_across_a_higher_level() {
    let abs = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 1, "decimalFullWidth", "第%1"),
    );
    let body = [p(Some((1, 0)), "a"), p(Some((1, 1)), "b"), p(Some((1, 0)), "c"), p(Some((1, 1)), "d")].concat();
    assert_eq!(lines(&read(&body, &abs, ""), Version::New), ["第１　a", "1　b", "第２　c", "2　d"]);
}

#[test]
fn two_num_instances_of_one_abstract_continue_and_a_start_override_restarts() {
    let num = format!(
        r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>"#,
        plan_abstract(0)
    );
    let body = [
        p(Some((1, 1)), "a"),
        p(Some((1, 1)), "b"),
        p(None, "地の文"),
        p(Some((2, 1)), "c"),
        p(Some((3, 1)), "d"),
        p(Some((3, 1)), "e"),
    ]
    .concat();
    assert_eq!(lines(&read(&body, &num, ""), Version::New), ["１　a", "２　b", "地の文", "３　c", "５　d", "６　e"]);
}

#[test]
fn a_level_override_replaces_the_format_for_that_num_only() {
    let num = format!(
        r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="3">{}</w:lvlOverride></w:num>"#,
        plan_abstract(0),
        lvl(3, 1, "irohaFullWidth", "%4")
    );
    let body = [p(Some((1, 3)), "a"), p(Some((2, 3)), "b"), p(Some((2, 3)), "c")].concat();
    assert_eq!(lines(&read(&body, &num, ""), Version::New), ["ア　a", "イ　b", "ロ　c"]);
}

#[test]
fn headings_1_to_9_take_outline_numbers_from_their_styles_and_lists_restart_after_each_heading() {
    // As Word writes outline numbering: the heading styles name the num, the levels name the styles (pStyle).
    let abs = r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:pStyle w:val="1"/><w:lvlText w:val="第%1"/><w:suff w:val="space"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:pStyle w:val="2"/><w:lvlText w:val="%2"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>"#;
    let sty = r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>"#;
    let h = |s: &str, t: &str| format!(r#"<w:p><w:pPr><w:pStyle w:val="{s}"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#);
    let body =
        [h("1", "総則"), h("2", "目的"), h("2", "定義"), p(None, "本文"), h("1", "計画"), h("2", "期間")].concat();
    assert_eq!(
        lines(&read(&body, abs, sty), Version::New),
        ["第１　総則", "１　目的", "２　定義", "本文", "第２　計画", "１　期間"]
    );
}

#[test]
fn a_paragraphs_own_num_id_zero_turns_its_styles_numbering_off() {
    let num = format!(r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#, plan_abstract(0));
    let sty = r#"<w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="L"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="L"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"#;
    assert_eq!(lines(&read(body, &num, sty), Version::New), ["１　a", "b"]);
}

#[test]
fn bullets_have_no_label_and_unknown_formats_read_as_decimal_with_a_warning() {
    let abs = format!(
        r#"<w:abstractNum w:abstractNumId="0">{}{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        lvl(0, 1, "bullet", "●"),
        lvl(1, 3, "hebrew2", "%2)"),
    );
    let body = [p(Some((1, 0)), "a"), p(Some((1, 1)), "b")].concat();
    let d = read(&body, &abs, "");
    let v = d.version(Version::New);
    assert_eq!(v.text(Tables::Tabs), "a\n3)　b\n");
    assert!(v.warnings.iter().any(|w| w.contains("hebrew2")), "{:?}", v.warnings);
}

#[test]
fn tracked_changes_give_the_old_and_the_new_text() {
    let body = r#"<w:p><w:r><w:t>第１　要</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>綱</w:t></w:r></w:ins><w:del w:id="2" w:author="a"><w:r><w:delText>領</w:delText></w:r></w:del></w:p>
        <w:p><w:moveFrom w:id="3"><w:r><w:t>移る文</w:t></w:r></w:moveFrom><w:r><w:t>残る文</w:t></w:r><w:moveTo w:id="4"><w:r><w:t>移った文</w:t></w:r></w:moveTo></w:p>
        <w:p><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>下線</w:t></w:r><w:r><w:rPrChange w:id="5"><w:rPr><w:b/></w:rPr></w:rPrChange><w:t>書式だけ</w:t></w:r></w:p>"#;
    let d = read(body, "", "");
    assert!(d.has_tracked_changes());
    assert_eq!(lines(&d, Version::Old), ["第１　要領", "移る文残る文", "下線書式だけ"]);
    assert_eq!(lines(&d, Version::New), ["第１　要綱", "残る文移った文", "下線書式だけ"]);
}

#[test]
fn an_inserted_paragraph_mark_splits_in_new_and_a_deleted_one_joins_in_new() {
    let mark = |kind: &str| format!(r#"<w:pPr><w:rPr><w:{kind} w:id="9" w:author="a"/></w:rPr></w:pPr>"#);
    let body = format!(
        r#"<w:p>{}<w:r><w:t>前半。</w:t></w:r></w:p><w:p><w:r><w:t>後半。</w:t></w:r></w:p>
           <w:p>{}<w:r><w:t>一つ目</w:t></w:r></w:p><w:p><w:r><w:t>二つ目</w:t></w:r></w:p>
           <w:p>{}<w:ins w:id="3"><w:r><w:t>新しい段落</w:t></w:r></w:ins></w:p><w:p><w:r><w:t>最後</w:t></w:r></w:p>"#,
        mark("ins"),
        mark("del"),
        mark("ins")
    );
    let d = read(&body, "", "");
    assert_eq!(lines(&d, Version::Old), ["前半。後半。", "一つ目", "二つ目", "最後"]);
    assert_eq!(lines(&d, Version::New), ["前半。", "後半。", "一つ目二つ目", "新しい段落", "最後"]);
}

#[test]
fn an_inserted_numbered_paragraph_renumbers_only_the_new_version() {
    let num = format!(r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#, plan_abstract(0));
    let ins = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:rPr><w:ins w:id="1"/></w:rPr></w:pPr><w:ins w:id="2"><w:r><w:t>新しい項目</w:t></w:r></w:ins></w:p>"#;
    let body = [p(Some((1, 1)), "一"), ins.to_string(), p(Some((1, 1)), "二")].concat();
    let d = read(&body, &num, "");
    assert_eq!(lines(&d, Version::Old), ["１　一", "２　二"]);
    assert_eq!(lines(&d, Version::New), ["１　一", "２　新しい項目", "３　二"]);
}

#[test]
fn field_codes_comments_footnotes_hidden_text_and_text_boxes_never_reach_the_text() {
    let body = r#"<w:p><w:r><w:t>本文</w:t></w:r>
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>
        <w:fldSimple w:instr=" DATE "><w:r><w:t>日付</w:t></w:r></w:fldSimple>
        <w:commentRangeStart w:id="0"/><w:r><w:t>の</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>
        <w:r><w:footnoteReference w:id="1"/></w:r>
        <w:r><w:rPr><w:vanish/></w:rPr><w:t>隠し</w:t></w:r>
        <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>テキストボックス</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>箱</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>
        <w:r><w:t>続き</w:t><w:softHyphen/><w:t>A</w:t><w:noBreakHyphen/><w:t>B&#173;C</w:t></w:r>
        <w:ruby><w:rubyPr/><w:rt><w:r><w:t>ふりがな</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢字</w:t></w:r></w:rubyBase></w:ruby></w:p>
        <w:p><w:r><w:tab/><w:tab/><w:t>字下げ</w:t><w:tab/><w:t>中</w:t></w:r></w:p>"#;
    let d = read(body, "", "");
    assert_eq!(lines(&d, Version::New), ["本文3日付の続きA-BC漢字", "字下げ\t中"]);
}

#[test]
fn a_body_table_is_one_line_per_row_with_cells_separated_by_tabs() {
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(None, t));
    let row = |cells: &[&str]| format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(c)).collect::<String>());
    let inner = format!("<w:tbl>{}</w:tbl>", row(&["内1", "内2"]));
    let body = format!(
        "{}<w:tbl>{}{}<w:tr><w:tc>{}{inner}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>{}",
        p(None, "前"),
        row(&["区分", "内容"]),
        row(&["ア", "説明"]),
        p(None, "外"),
        p(None, "右"),
        p(None, "後")
    );
    let d = read(&body, "", "");
    assert_eq!(d.version(Version::New).text(Tables::Tabs), "前\n区分\t内容\nア\t説明\n外　内1　内2\t右\n後\n");
    assert_eq!(
        d.version(Version::New).text(Tables::Marked),
        "前\n［表］\n区分\t内容\nア\t説明\n外　内1　内2\t右\n［表ここまで］\n後\n"
    );
}

#[test]
fn an_inserted_table_row_is_only_in_the_new_version() {
    let body = format!(
        r#"<w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:ins w:id="1"/></w:trPr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="2"/></w:trPr><w:tc>{}</w:tc></w:tr></w:tbl>"#,
        p(None, "残る"),
        p(None, "増えた"),
        p(None, "消えた")
    );
    let d = read(&body, "", "");
    assert_eq!(lines(&d, Version::Old), ["残る", "消えた"]);
    assert_eq!(lines(&d, Version::New), ["残る", "増えた"]);
}

#[test]
fn underlined_runs_become_spans_of_the_printed_text() {
    let body = r#"<w:p><w:r><w:t>第１　</w:t></w:r><w:r><w:rPr><w:u w:val="double"/></w:rPr><w:t>情報</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>通信</w:t></w:r><w:r><w:rPr><w:u w:val="none"/></w:rPr><w:t>技術</w:t></w:r></w:p>"#;
    let d = read(body, "", "");
    let v = d.version(Version::New);
    let Some(Block::Paragraph(para)) = v.blocks.first() else { panic!("{v:?}") };
    assert_eq!(para.text(), "第１　情報通信技術");
    assert_eq!(para.underlines(), vec![[3, 7]]);
}

// ---- hostile files ----

#[test]
fn a_based_on_cycle_between_styles_and_a_num_style_link_cycle_end_without_a_label() {
    let sty = r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style>
        <w:style w:type="numbering" w:styleId="N"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#;
    let num = r#"<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="N"/></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let body = r#"<w:p><w:pPr><w:pStyle w:val="A"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>b</w:t></w:r></w:p>"#;
    assert_eq!(lines(&read(body, num, sty), Version::New), ["a", "b"]);
}

#[test]
fn a_million_levels_and_a_start_of_two_to_the_31_are_read_in_bounded_memory() {
    let mut abs = String::from(r#"<w:abstractNum w:abstractNumId="0">"#);
    for i in 0..1_000_000u32 {
        abs.push_str(&format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="2147483648"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>"#));
    }
    abs.push_str(r#"</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#);
    let body = [p(Some((1, 0)), "a"), p(Some((1, 8)), "b"), p(Some((1, 200)), "c")].concat();
    let d = read(&body, &abs, "");
    let v = d.version(Version::New);
    let text = v.text(Tables::Tabs);
    assert!(text.starts_with("2147483648.　a\n"), "{}", &text[..text.len().min(200)]);
    assert!(text.len() < 400, "{}", text.len());
    assert!(v.warnings.iter().any(|w| w.contains("outside 0–8")), "{:?}", v.warnings);
}

#[test]
fn a_table_nested_ten_thousand_deep_is_read_without_recursion() {
    let n = 10_000;
    let body = format!("{}{}{}", "<w:tbl><w:tr><w:tc>".repeat(n), p(None, "芯"), "</w:tc></w:tr></w:tbl>".repeat(n));
    let d = read(&body, "", "");
    assert_eq!(d.version(Version::New).text(Tables::Tabs), "芯\n");
}

#[test]
fn an_unclosed_document_keeps_what_was_read() {
    let xml = format!(r#"<w:document {W}><w:body>{}<w:p><w:r><w:t>途中"#, p(None, "完"));
    let d = Docx::from_parts(xml.as_bytes(), None, None).map(|d| d.version(Version::New).text(Tables::Tabs));
    assert!(matches!(d.as_deref(), Ok("完\n途中\n") | Err(_)), "{d:?}");
}
