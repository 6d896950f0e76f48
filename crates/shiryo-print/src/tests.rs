//! Layout snapshots and PDF facts of the print engine on small meetings built here.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shiryo_core::{AgendaItem, Material, MaterialKind, Meeting, MeetingHeader};

use crate::layout::{Cell, Column, Flow, Frame, Table};
use crate::model::Item;
use crate::packet::{layout, Content, EmptyPolicy, GlyphPolicy, LayoutOptions, Selection, Warning};
use crate::{fixtures, print, EmitOptions, Error, Fonts, PrintOptions};

fn material(id: i64, title: &str, kind: MaterialKind) -> Material {
    Material { id, title: title.into(), kind, empty: false }
}

/// 開会 / 議題 (1) with two 資料 / 閉会.
fn meeting(materials: Vec<Material>) -> Meeting {
    let leaf = |id, title: &str, materials| AgendaItem { id, title: title.into(), materials, children: vec![] };
    Meeting {
        id: 1,
        header: MeetingHeader {
            title_lines: vec!["第一本部・".into(), "第二本部合同会議".into()],
            date: NaiveDate::from_ymd_opt(2023, 6, 5),
            time_note: "※午前９時からの部長会議終了後".into(),
            place_lines: vec!["本庁舎".into(), "第一会議室（北庁舎２階）".into()],
        },
        agenda: vec![
            leaf(1, "開会", vec![]),
            AgendaItem {
                id: 2,
                title: "議題".into(),
                materials: vec![],
                children: vec![leaf(
                    3,
                    "「福島県行財政改革プラン」に基づく令和４年度の取組状況及び令和５年度の取組の方向性（案）について",
                    materials,
                )],
            },
            leaf(4, "閉会", vec![]),
        ],
    }
}

fn opts() -> PrintOptions {
    PrintOptions {
        layout: LayoutOptions { author: "事務局".into(), ..LayoutOptions::default() },
        emit: EmitOptions {
            created: NaiveDate::from_ymd_opt(2023, 5, 20).unwrap().and_hms_opt(10, 0, 0).unwrap(),
            document_id: [7; 16],
        },
    }
}

const POLICY: &str = "福島県情報セキュリティポリシー
第1部 情報セキュリティ基本方針
今日、県民生活の場に情報通信技術が急速に普及し、電子メールのやり取りや、ホームページの閲覧、電子商取引などが広く行われるようになり、経済面や生活面において様々な変化が起きています。
１ 情報セキュリティを確保するため、全庁的な組織体制を整備します。
第１ 対象範囲
１ 適用範囲
この対策基準は、(1)から(3)に該当する者（以下「職員等」という。）に適用する。
(1) 知事、副知事、会計管理者及び病院事業管理者並びに以下の組織に属する職員
ア 知事部局
(ア) 本庁の課及び室並びにこれらに相当する組織で、規則で定めるものをいう。";

#[test]
fn the_shidai_and_a_text_material_lay_out_as_expected() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "情報セキュリティ基本方針", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text(POLICY.into()))]);
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap();
    insta::assert_snapshot!(laid.document.to_string());
}

#[test]
fn every_material_page_carries_its_label_and_number() {
    let fonts = Fonts::load().unwrap();
    let long: String = (0..200).map(|i| format!("{i} 行目の本文です。\n")).collect();
    let m = meeting(vec![material(10, "本文", MaterialKind::Text), material(11, "別紙", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text(long)), (11, Content::Text("短い資料".into()))]);
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap();
    let pages = &laid.document.pages;
    assert!(pages.len() >= 4, "{}", pages.len());
    assert!(!pages[0].text().contains("資料１－１\n"), "the 次第 has no label box");
    let (_, first, count) = &laid.materials[0];
    for (n, page) in pages[*first..first + count].iter().enumerate() {
        let text = page.text();
        assert!(text.contains("資料１－１\n"), "page {n}: {text}");
        assert!(text.contains(&format!("- {} -\n", n + 1)), "page {n}: {text}");
    }
    assert!(pages.last().unwrap().text().contains("資料１－２\n- 1 -\n"));
    // Continuous numbering goes on across 資料.
    let opts = LayoutOptions { continuous_page_numbers: true, ..LayoutOptions::default() };
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &opts).unwrap();
    let last = laid.document.pages.last().unwrap().text();
    assert!(last.contains(&format!("- {} -", laid.document.pages.len() - 1)), "{last}");
}

#[test]
fn a_table_spanning_three_pages_repeats_its_header_and_loses_no_line() {
    let fonts = Fonts::load().unwrap();
    let mut flow = Flow::new(&fonts, Frame::landscape());
    let columns = vec![
        Column { title: "指標名".into(), weight: 3.0, min: 0.0 },
        Column { title: "基準値".into(), weight: 1.0, min: 8.0 },
        Column { title: "備考".into(), weight: 2.0, min: 0.0 },
    ];
    // Row 7 is taller than a page: it must be split between pages.
    let rows: Vec<Vec<Cell>> = (1..=40)
        .map(|i| {
            let note = if i == 7 { (1..=60).map(|k| format!("分割{k}\n")).collect() } else { format!("注記{i}") };
            vec![Cell::from(format!("指標{i}")), Cell::from(format!("{i},000件")), Cell::from(note)]
        })
        .collect();
    flow.table(&Table { columns, rows, size: 9.0, header_size: 9.0 });
    assert!(flow.pages.len() >= 3, "{} pages", flow.pages.len());
    for (i, page) in flow.pages.iter().enumerate() {
        let text = page.text();
        assert!(text.starts_with("指標名\n基準値\n備考\n"), "page {} has no header:\n{text}", i + 1);
    }
    let all: String = flow.pages.iter().map(|p| p.text()).collect();
    for k in 1..=60 {
        assert_eq!(all.matches(&format!("分割{k}\n")).count(), 1, "分割{k}");
    }
    for i in 1..=40 {
        assert_eq!(all.matches(&format!("指標{i}\n")).count(), 1, "指標{i}");
        assert_eq!(all.matches(&format!("注記{i}\n")).count(), usize::from(i != 7), "注記{i}");
    }
    // Every text run stays inside the page.
    for page in &flow.pages {
        for item in &page.items {
            if let Item::Text { y, .. } = item {
                assert!(*y < page.height - crate::model::mm(18.0) + 1.0, "{y}");
            }
        }
    }
}

#[test]
fn kinsoku_holds_in_laid_out_text() {
    let fonts = Fonts::load().unwrap();
    let text = "情報セキュリティ対策の統一的な基準として「情報セキュリティ対策基準」を定め、それぞれの情報システムごとに「情報セキュリティ実施手順」を定めます。職員等は、２０２３年度から、情報セキュリティの重要性について共通の認識を持ち、業務の遂行において、ＤＸ推進の関係法令を遵守します。";
    for width in [200.0, 240.0, 300.0, 333.0, 421.0] {
        let frame = Frame { right: Frame::portrait().width - Frame::portrait().left - width, ..Frame::portrait() };
        let mut flow = Flow::new(&fonts, frame);
        crate::body::set_text(&mut flow, &format!("見出し\n{text}"), "", &mut |_, s| s.to_string());
        let lines: Vec<String> = flow.pages[0].text().lines().map(str::to_string).collect();
        for line in &lines[1..] {
            let first = line.chars().next().unwrap();
            let last = line.chars().last().unwrap();
            assert!(!crate::linebreak::no_line_start(first), "width {width}: line starts with {first}: {lines:?}");
            assert!(!crate::linebreak::no_line_end(last), "width {width}: line ends with {last}: {lines:?}");
        }
        assert_eq!(lines[1..].concat(), text, "no character lost or added");
    }
}

#[test]
fn a_character_missing_from_the_fonts_is_reported_by_name_and_position() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "本文", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text("一行目\n二行目に絵文字😀があります".into()))]);
    let err = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap_err();
    let Error::MissingGlyphs(missing) = &err else { panic!("{err}") };
    assert_eq!(missing.len(), 1);
    assert_eq!((missing[0].ch, missing[0].label.as_str(), missing[0].line), ('😀', "資料１－１", 2));
    assert!(err.to_string().contains("U+1F600 😀 in 資料１－１ line 2"), "{err}");

    let opts = LayoutOptions { missing_glyphs: GlyphPolicy::Substitute, ..LayoutOptions::default() };
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &opts).unwrap();
    assert!(laid.document.pages.last().unwrap().text().contains("絵文字〓が"));
    assert!(matches!(&laid.warnings[..], [Warning::MissingGlyph(g)] if g.ch == '😀'));
}

#[test]
fn an_empty_material_is_refused_unless_a_placeholder_is_allowed() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "助言", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Empty)]);
    let err = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap_err();
    assert!(matches!(&err, Error::EmptyMaterial { label, .. } if label == "資料１－１"), "{err}");
    let opts = LayoutOptions { empty: EmptyPolicy::Placeholder, ..LayoutOptions::default() };
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &opts).unwrap();
    assert_eq!(laid.warnings, [Warning::EmptyMaterial { label: "資料１－１".into(), title: "助言".into() }]);
    assert!(laid.document.pages[1].text().contains("（別途配付）"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let m = meeting(vec![material(10, "本文", MaterialKind::Text), material(11, "表", MaterialKind::KpiTable)]);
    let csv = "name,baseline,r5\n指標,\"1,000\",48.2%\n".as_bytes().to_vec();
    let contents =
        BTreeMap::from([(10, Content::Text(POLICY.into())), (11, Content::Csv(vec![("k.csv".into(), csv)]))]);
    let a = print(&m, &contents, Selection::Packet, &opts(), &mut |_, _| {}).unwrap();
    let b = print(&m, &contents, Selection::Packet, &opts(), &mut |_, _| {}).unwrap();
    assert_eq!(a.bytes, b.bytes);
    let mut other = opts();
    other.emit.document_id = [8; 16];
    let c = print(&m, &contents, Selection::Packet, &other, &mut |_, _| {}).unwrap();
    assert_ne!(a.bytes, c.bytes, "the id passed in is the one written");
}

#[test]
fn progress_counts_up_to_the_total() {
    let m = meeting(vec![material(10, "本文", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text(POLICY.into()))]);
    let mut seen = Vec::new();
    print(&m, &contents, Selection::Packet, &opts(), &mut |done, total| seen.push((done, total))).unwrap();
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "{seen:?}");
    let (done, total) = *seen.last().unwrap();
    assert_eq!(done, total);
}

#[test]
fn pdf_facts_info_language_outline_and_subset_fonts() {
    let m = meeting(vec![material(10, "本文", MaterialKind::Text), material(11, "別紙", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text(POLICY.into())), (11, Content::Text("別紙".into()))]);
    let printed = print(&m, &contents, Selection::Packet, &opts(), &mut |_, _| {}).unwrap();
    assert!(printed.bytes.len() < 200_000, "{} bytes: fonts not subset?", printed.bytes.len());
    let doc = lopdf::Document::load_mem(&printed.bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"ja-JP");
    let info = doc.get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap();
    assert_eq!(lopdf::decode_text_string(info.get(b"Title").unwrap()).unwrap(), "第一本部・第二本部合同会議");
    assert_eq!(info.get(b"CreationDate").unwrap().as_str().unwrap(), b"D:20230520100000");
    assert_eq!(doc.get_pages().len(), printed.pages);
    let toc = doc.get_toc().unwrap();
    let titles: Vec<(usize, String)> = toc.toc.iter().map(|t| (t.level, t.title.clone())).collect();
    assert_eq!(
        titles,
        [
            (1, "次第".to_string()),
            (1, "(1)\u{3000}「福島県行財政改革プラン」に基づく令和４年度の取組状況及び令和５年度の取組の方向性（案）について".into()),
            (2, "資料１－１ 本文".into()),
            (2, "資料１－２ 別紙".into()),
        ]
    );
}

#[test]
fn an_imported_pdf_is_merged_with_its_label_stamped_and_its_outline_kept() {
    let m = meeting(vec![material(10, "県の資料", MaterialKind::ImportedPdf)]);
    let pdf = fixtures::sample_pdf(&["Imported page one", "Imported page two"], 0);
    let contents = BTreeMap::from([(10, Content::Pdf("dept.pdf".into(), pdf))]);
    let printed = print(&m, &contents, Selection::Packet, &opts(), &mut |_, _| {}).unwrap();
    assert_eq!(printed.pages, 3);
    let doc = lopdf::Document::load_mem(&printed.bytes).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    for &page in &pages[1..] {
        let content = String::from_utf8_lossy(&doc.get_page_content(page)).to_string();
        assert!(content.contains(" Do Q"), "the imported page is drawn: {content}");
        assert!(content.contains("Tj") || content.contains("TJ"), "our stamp is drawn over it");
    }
    let toc = doc.get_toc().unwrap();
    let titles: Vec<(usize, String)> = toc.toc.iter().map(|t| (t.level, t.title.clone())).collect();
    assert_eq!(titles[2..], [(2, "資料１－１ 県の資料".into()), (3, "Section 1".into()), (3, "Section 2".into())]);
}

#[test]
fn a_rotated_imported_page_keeps_its_displayed_size() {
    let m = meeting(vec![material(10, "横", MaterialKind::ImportedPdf)]);
    let contents = BTreeMap::from([(10, Content::Pdf("wide.pdf".into(), fixtures::sample_pdf(&["Wide"], 90)))]);
    let fonts = Fonts::load().unwrap();
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap();
    let page = &laid.document.pages[1];
    assert!(page.is_landscape(), "{}x{}", page.width, page.height);
}

#[test]
fn encrypted_and_broken_pdfs_are_refused_naming_the_file() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "県の資料", MaterialKind::ImportedPdf)]);
    let cases: [(&str, Vec<u8>); 3] = [
        ("secret.pdf", fixtures::encrypted_pdf()),
        ("truncated.pdf", fixtures::sample_pdf(&["x"], 0)[..60].to_vec()),
        ("notes.pdf", "議事録です".as_bytes().to_vec()),
    ];
    for (name, bytes) in cases {
        let contents = BTreeMap::from([(10, Content::Pdf(name.into(), bytes))]);
        let err = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap_err();
        match (&err, name) {
            (Error::EncryptedPdf { file, label }, "secret.pdf") => {
                assert_eq!((file.as_str(), label.as_str()), (name, "資料１－１"))
            }
            (Error::BrokenPdf { file, .. }, "truncated.pdf" | "notes.pdf") => assert_eq!(file, name),
            _ => panic!("{name}: unexpected {err:?}"),
        }
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn one_material_prints_alone() {
    let m = meeting(vec![material(10, "本文", MaterialKind::Text), material(11, "別紙", MaterialKind::Text)]);
    let contents = BTreeMap::from([(11, Content::Text("別紙の本文".into()))]);
    let printed = print(&m, &contents, Selection::Material(11), &opts(), &mut |_, _| {}).unwrap();
    assert_eq!(printed.pages, 1);
    assert_eq!(printed.materials, [("資料１－２".to_string(), 1, 1)]);
    let err = print(&m, &contents, Selection::Material(99), &opts(), &mut |_, _| {}).unwrap_err();
    assert!(matches!(err, Error::NoSuchMaterial { id: 99 }));
}

#[test]
fn a_shinkyu_table_underlines_changes_in_both_columns() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "新旧対照表", MaterialKind::Shinkyu)]);
    let pairs = r#"[{"new_text":"監査実施要綱を定める。","old_text":"監査実施要領を定める。","status":"modified"},
                    {"new_text":"８ 新しい項","old_text":"","status":"added"}]"#;
    let contents = BTreeMap::from([(10, Content::ShinkyuPairs("pairs.json".into(), pairs.as_bytes().to_vec()))]);
    let laid = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap();
    let page = &laid.document.pages[1];
    assert!(page.is_landscape());
    let text = page.text();
    assert!(text.contains("新\n旧\n"), "{text}");
    assert!(text.contains("（新設）"), "{text}");
    let underlines: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { x1, x2, width, .. } if *width == 0.5 => Some(x2 - x1),
            _ => None,
        })
        .collect();
    // 綱 and 領 (one em each at 9 pt), and the whole added provision.
    assert_eq!(underlines.len(), 3, "{underlines:?}");
    assert!((underlines[0] - 9.0).abs() < 0.01 && (underlines[1] - 9.0).abs() < 0.01, "{underlines:?}");
}

/// A 表 資料 of four rows: a group column (分野) merged over its run, a right-aligned number column, a title line
/// and a ※ note.
#[test]
fn a_table_material_lays_out_as_expected() {
    use crate::grid::{Grid, GridColumn, Orientation, TablePrint};
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "（参考資料）関連事業一覧", MaterialKind::Table)]);
    let row = |a: &str, b: &str, c: &str| vec![a.to_string(), b.to_string(), c.to_string()];
    let grid = Grid {
        title: "（参考資料）関連事業一覧".into(),
        caption: String::new(),
        columns: vec![
            GridColumn::new("分野").grouped(),
            GridColumn::new("事業名"),
            GridColumn::new("予算額\n（千円）"),
        ],
        rows: vec![
            row("１ 防災", "防災訓練の実施", "1,200"),
            row("１ 防災", "避難所の整備", "34,500"),
            row("２ 教育", "端末の更新", "800"),
        ],
        notes: vec!["※ 予算額は当初予算。".into()],
        size: 8.0,
    };
    let contents =
        BTreeMap::from([(10, Content::Table(TablePrint { orientation: Orientation::Auto, sections: vec![grid] }))]);
    let laid = layout(&fonts, &m, &contents, Selection::Material(10), &LayoutOptions::default()).unwrap();
    let text = laid.document.to_string();
    assert_eq!(text.matches(" １ 防災").count(), 1, "the group cell prints once for its run:\n{text}");
    insta::assert_snapshot!(text);
}

/// A KPI 資料 as 資料2-4 prints it: a number column without heading, 分野 merged over its run, 目標値 over the
/// years, the values right-aligned.
#[test]
fn a_kpi_material_lays_out_as_expected() {
    use crate::kpi::{KpiColumn, KpiPrint, KpiSection, KpiTable};
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "ＫＰＩ一覧", MaterialKind::KpiTable)]);
    let col = |title: &str, numeric: bool, group: bool| KpiColumn { title: title.into(), numeric, group };
    let row = |cells: [&str; 6]| cells.map(String::from).to_vec();
    let table = KpiTable {
        title: "【行政】".into(),
        columns: vec![
            col("", false, false),
            col("分野", false, true),
            col("指標名", false, false),
            col("基準値", true, false),
            col("目標値\nＲ４", true, false),
            col("目標値\nＲ５", true, false),
        ],
        rows: vec![
            row(["1", "１　まず始めに実施すべき取組", "BPR実施課", "0", "8", "8"]),
            row(["2", "１　まず始めに実施すべき取組", "オンライン利用率", "48.2%", "61.0%", "67.4%"]),
            row(["3", "２　行政サービスの向上", "キャッシュレス対応施設数", "15施設", "30施設", "45施設"]),
        ],
    };
    let print = KpiPrint { sections: vec![KpiSection::Table(table)] };
    let contents = BTreeMap::from([(10, Content::Kpi(print))]);
    let laid = layout(&fonts, &m, &contents, Selection::Material(10), &LayoutOptions::default()).unwrap();
    let text = laid.document.to_string();
    assert_eq!(text.matches("まず始めに実施すべき取組").count(), 1, "the group cell prints once for its run:\n{text}");
    // Right-aligned: 0, 48.2% and 15施設 end at the same x.
    let ends: Vec<f32> = laid.document.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { x, size, face, text, .. } if ["0", "48.2%", "15施設"].contains(&text.as_str()) => {
                Some(x + fonts.width(*face, *size, text))
            }
            _ => None,
        })
        .collect();
    assert_eq!(ends.len(), 3, "{text}");
    assert!(ends.iter().all(|e| (e - ends[0]).abs() < 0.05), "{ends:?}");
    insta::assert_snapshot!(text);
}

/// A text 資料 with a heading, a ［表］ block and a ［図］ line.
#[test]
fn a_structured_text_material_lays_out_as_expected() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "改正について", MaterialKind::Text)]);
    let text = "「ポリシー」の一部改正について\n１ 改正理由等\n対策を強化するため、改正を行う。\n［表］\n分類\tリスク\t主な対策\n業務委託\t\t・要件を明記した上で契約を締結すること。\n［表ここまで］\n【参考：原則】\n［図：推進体制イメージ図］\n";
    let contents = BTreeMap::from([(10, Content::Text(text.into()))]);
    let laid = layout(&fonts, &m, &contents, Selection::Material(10), &LayoutOptions::default()).unwrap();
    let out = laid.document.to_string();
    assert!(!out.contains("［表］") && !out.contains("［図："), "markers are not printed:\n{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn a_duplex_packet_puts_each_part_on_a_front_page_with_unlabelled_uncounted_blanks() {
    let fonts = Fonts::load().unwrap();
    // 次第 (1 page), a 資料 of 3 pages, a 資料 of 1 page: each needs a blank after it.
    let long: String = (0..100).map(|i| format!("{i} 行目の本文です。\n")).collect();
    let m = meeting(vec![material(10, "本文", MaterialKind::Text), material(11, "別紙", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text(long)), (11, Content::Text("短い資料".into()))]);
    let plain = layout(&fonts, &m, &contents, Selection::Packet, &LayoutOptions::default()).unwrap();
    let opts = LayoutOptions { duplex: Some(crate::BlankPage::Empty), ..LayoutOptions::default() };
    let duplex = layout(&fonts, &m, &contents, Selection::Packet, &opts).unwrap();
    let odd_parts = usize::from(plain.materials[0].1 % 2 == 1)
        + plain.materials.iter().filter(|(_, _, count)| count % 2 == 1).count();
    assert!(odd_parts >= 2, "the fixture has odd parts: {:?}", plain.materials);
    assert_eq!(duplex.blanks, odd_parts);
    assert_eq!(duplex.document.pages.len(), plain.document.pages.len() + odd_parts);
    assert_eq!(duplex.document.pages.len() % 2, 0);
    for (label, first, count) in &duplex.materials {
        assert_eq!(first % 2, 0, "{label} starts on a front page (0-based even)");
        assert!(duplex.document.pages[*first..first + count].iter().all(|p| !p.blank && p.decor.is_some()));
    }
    let blanks: Vec<_> = duplex.document.pages.iter().filter(|p| p.blank).collect();
    assert_eq!(blanks.len(), odd_parts);
    assert!(blanks.iter().all(|p| p.items.is_empty() && p.decor.is_none()), "nothing on a blank page");
    // The same page numbers in the same order, and the outline still opens each 資料 at its first page.
    let numbers = |laid: &crate::packet::Laid| -> Vec<(String, u32)> {
        laid.document.pages.iter().filter_map(|p| p.decor.as_ref().map(|d| (d.label.clone(), d.number))).collect()
    };
    assert_eq!(numbers(&duplex), numbers(&plain));
    let material_pages = |laid: &crate::packet::Laid| -> Vec<usize> {
        laid.document.outline.iter().flat_map(|i| i.children.iter().map(|c| c.page)).collect()
    };
    assert_eq!(material_pages(&duplex), duplex.materials.iter().map(|m| m.1).collect::<Vec<_>>());

    // 「（白紙）」: one centred run, nothing else.
    let opts = LayoutOptions { duplex: Some(crate::BlankPage::Hakushi), ..LayoutOptions::default() };
    let marked = layout(&fonts, &m, &contents, Selection::Packet, &opts).unwrap();
    for p in marked.document.pages.iter().filter(|p| p.blank) {
        assert_eq!(p.text(), "（白紙）\n");
    }
}

#[test]
fn the_shidai_prints_alone_with_its_own_title_and_outline() {
    let fonts = Fonts::load().unwrap();
    let m = meeting(vec![material(10, "本文", MaterialKind::Text)]);
    let contents = BTreeMap::from([(10, Content::Text("本文".into()))]);
    let laid = layout(&fonts, &m, &contents, Selection::Shidai, &LayoutOptions::default()).unwrap();
    assert!(laid.materials.is_empty());
    assert!(laid.document.title.starts_with("次第 "), "{}", laid.document.title);
    assert!(laid.document.pages.iter().all(|p| p.decor.is_none()));
    assert_eq!(laid.document.outline.len(), 1);
    assert!(laid.document.pages[0].text().contains("【資料１－１】"));
}
