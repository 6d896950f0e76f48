//! Law-style 新旧対照表 on real law texts: excerpts of consecutive versions of national laws (e-Gov texts, kept by
//! version in the public repository automationjp/laws_doc; 法令 are not copyrighted, 著作権法第13条), each as text
//! and as 法令標準XML, derived by `fixtures/shinkyu/derive_law_fixtures.py`:
//! - `law-fusei-h27`: 不正競争防止法, the step of 平成二七年法律第五四号 (目次 gains three chapters, a new 第二条第十号
//!   with 繰下げ of the following 号, 第五条の二 inserted, 第二十一条 rewritten, the act's 附則 added);
//! - `law-denki-tsushin-h30`: 電気通信事業法, 第百八十三条 becomes 削除;
//! - `law-denki-jigyo-h29`: 電気事業法, 第六十六条の三 inserted and the following 条 renumbered (繰下げ);
//! - `law-gyotetsu-h26`: 行政手続法 before and after 平成二六年法律第七〇号, XML only: the 2018 text (yamachig/Lawtext)
//!   and the same with that act's changes taken back (no repository keeps the 2014 text; the script says how).

use std::path::{Path, PathBuf};

use shiryo_shinkyu::{compare_files, render_text, Cell, Options, Row, RowKind, Table};

fn fixture(case: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/shinkyu").join(case).join(file)
}

fn table(case: &str, ext: &str) -> Table {
    let (old, new) = (fixture(case, &format!("old.{ext}")), fixture(case, &format!("new.{ext}")));
    compare_files(&old, &new, &Options::default()).unwrap()
}

fn path(cell: &Option<Cell>) -> Option<&str> {
    cell.as_ref().and_then(|c| c.path.as_deref())
}

fn row<'a>(t: &'a Table, p: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| {
            path(&r.new) == Some(p) || ((r.new.is_none() || r.kind == RowKind::Deleted) && path(&r.old) == Some(p))
        })
        .unwrap_or_else(|| panic!("no row {p} in\n{}", render_text(t)))
}

fn marked(cell: &Option<Cell>) -> Vec<String> {
    let Some(c) = cell else { return vec![] };
    let chars: Vec<char> = c.text.chars().collect();
    c.marks.iter().map(|[s, e]| chars[*s..*e].iter().collect()).collect()
}

fn text(cell: &Option<Cell>) -> &str {
    cell.as_ref().map_or("", |c| c.text.as_str())
}

#[test]
fn indented_go_are_labels_so_unchanged_ones_collapse_and_the_new_tenth_renumbers_the_rest() {
    let t = table("law-fusei-h27", "txt");
    // Every line of these texts that starts with a label after its indentation is a labelled row, never 本文.
    for r in &t.rows {
        for c in [&r.new, &r.old].into_iter().flatten() {
            let p = c.path.as_deref().unwrap_or("");
            assert!(!p.split(' ').any(|part| part.starts_with("本文")), "row named 本文: {p}: {}", c.text);
        }
    }
    let omitted = row(&t, "第一章 第二条 一～九");
    assert_eq!((omitted.kind, text(&omitted.new)), (RowKind::Omitted, "一～九\u{3000}（略）"));
    let added = row(&t, "第一章 第二条 十");
    assert_eq!(added.kind, RowKind::Added, "{}", render_text(&t));
    assert!(text(&added.new).starts_with("十\u{3000}第四号から前号までに掲げる行為"));
    let moved = row(&t, "第一章 第二条 十一");
    assert_eq!(moved.kind, RowKind::Renumbered);
    assert_eq!(path(&moved.old), Some("第一章 第二条 十"));
    assert_eq!((marked(&moved.new), marked(&moved.old)), (vec!["十一".to_string()], vec!["十".to_string()]));
    // The 項 after the 号 of 第二条 did not change: one （略） row in law style.
    let after = row(&t, "第一章 第二条 2～10");
    assert_eq!(text(&after.new), "２～10\u{3000}（略）");
}

#[test]
fn the_toc_is_one_row_pair_shown_because_it_changed() {
    let t = table("law-fusei-h27", "txt");
    let toc: Vec<&Row> = t.rows.iter().filter(|r| path(&r.new) == Some("目次")).collect();
    assert_eq!(toc.len(), 1, "{}", render_text(&t));
    assert_eq!(toc[0].kind, RowKind::Changed);
    let new = text(&toc[0].new);
    assert!(new.starts_with("目次\n第一章　総則（第一条・第二条）\n"), "{new}");
    let marks = marked(&toc[0].new).concat();
    assert!(marks.contains("第七章　没収に関する手続等の特例"), "{marks}");
    assert!(marked(&toc[0].old).is_empty() || !marked(&toc[0].old).concat().contains("総則"));
}

#[test]
fn the_supplementary_provision_of_the_amending_act_is_its_own_added_part() {
    let t = table("law-fusei-h27", "txt");
    let part = row(&t, "附則(平成二七年七月一〇日法律第五四号)");
    assert_eq!(part.kind, RowKind::Added);
    assert!(text(&part.new).starts_with("附　則　（平成二七年七月一〇日法律第五四号）"), "{}", text(&part.new));
    assert_eq!(text(&part.old), "（新設）");
    // Its 条 are under it; the 附則 of earlier acts, unchanged, are one （略） row.
    assert!(t
        .rows
        .iter()
        .any(|r| path(&r.new).is_some_and(|p| p.starts_with("附則(平成二七年七月一〇日法律第五四号) 第"))));
    let earlier = t.rows.iter().filter(|r| r.kind == RowKind::Omitted && text(&r.new).starts_with("附則")).count();
    assert_eq!(earlier, 1, "{}", render_text(&t));
}

#[test]
fn a_shared_caption_stays_with_the_first_article_and_a_changed_article_shows_its_own() {
    let t = table("law-fusei-h27", "txt");
    let first = row(&t, "第五章 第二十一条");
    assert!(text(&first.new).starts_with("（罰則）\n第二十一条　"), "{}", text(&first.new));
    let second = row(&t, "第五章 第二十二条");
    assert_eq!(second.kind, RowKind::Changed);
    assert!(text(&second.new).starts_with("第二十二条　"), "a 共通見出し is not repeated: {}", text(&second.new));
    let with_caption = row(&t, "第二章 第五条の二");
    assert_eq!(with_caption.kind, RowKind::Added);
    assert!(text(&with_caption.new)
        .starts_with("（技術上の秘密を取得した者の当該技術上の秘密を使用する行為等の推定）\n第五条の二　"));
}

#[test]
fn an_article_that_becomes_sakujo_keeps_its_number_and_its_words_go_where_the_act_moved_them() {
    // 平成三〇年法律第二四号 moved 第百八十三条's offence into 第百八十二条 as its 第一号 and left 第百八十三条 削除.
    let t = table("law-denki-tsushin-h30", "txt");
    let r = row(&t, "第六章 第百八十三条");
    assert_eq!(text(&r.new), "第百八十三条\u{3000}削除", "{}", render_text(&t));
    let moved = row(&t, "第六章 第百八十二条 一");
    assert_eq!(path(&moved.old), Some("第六章 第百八十三条"));
    // Its neighbours did not change: left out with their （略） lines.
    assert!(t.rows.iter().any(|x| x.kind == RowKind::Omitted && text(&x.new) == "第百八十四条\u{3000}（略）"));
}

#[test]
fn an_inserted_article_renumbers_the_following_ones_with_only_the_number_marked() {
    let t = table("law-denki-jigyo-h29", "txt");
    // The act made 第六十六条の二第二項 a 条 of its own (the new 第六十六条の三, （権限）): paired with that 項.
    let inserted = row(&t, "第五章 第六十六条の三");
    assert_eq!(path(&inserted.old), Some("第五章 第六十六条の二 2"), "{}", render_text(&t));
    let next = row(&t, "第五章 第六十六条の四");
    assert_eq!(next.kind, RowKind::Renumbered, "{}", render_text(&t));
    assert_eq!(path(&next.old), Some("第五章 第六十六条の三"));
    assert_eq!(
        (marked(&next.new), marked(&next.old)),
        (vec!["第六十六条の四".to_string()], vec!["第六十六条の三".to_string()])
    );
}

#[test]
fn the_same_law_as_text_and_as_xml_gives_the_same_rows() {
    for case in ["law-fusei-h27", "law-denki-jigyo-h29"] {
        let (a, b) = (table(case, "txt"), table(case, "xml"));
        let (ra, rb) = (render_text(&a), render_text(&b));
        if ra != rb {
            let first = ra.lines().zip(rb.lines()).position(|(x, y)| x != y).unwrap_or(0);
            let around = |s: &str| s.lines().skip(first.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
            panic!("{case}: text and XML differ at line {first}:\n{}\n--- xml ---\n{}", around(&ra), around(&rb));
        }
        assert_eq!(a.rows, b.rows, "{case}");
        assert!(a.rows.len() > 3, "{case}: {}", a.rows.len());
    }
}

#[test]
fn law_style_tables_default_to_kaisei_wording_in_law_conventions() {
    let t = table("law-fusei-h27", "txt");
    assert!(t.is_law_style());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo/shinkyu");
    let plan = compare_files(&seed.join("policy_old.txt"), &seed.join("policy_new.txt"), &Options::default()).unwrap();
    assert!(!plan.is_law_style());
}

#[test]
fn the_heisei_26_step_of_the_administrative_procedure_act() {
    let t = table("law-gyotetsu-h26", "xml");
    assert!(t.is_law_style());
    for p in ["第四章 第三十六条の二", "第四章の二", "第四章の二 第三十六条の三"] {
        let r = row(&t, p);
        assert_eq!((r.kind, text(&r.old)), (RowKind::Added, "（新設）"), "{p}");
    }
    let moved = row(&t, "第四章 第三十五条 3");
    assert_eq!(path(&moved.old), Some("第四章 第三十五条 2"), "{}", render_text(&t));
    assert!(marked(&moved.new).contains(&"３".to_string()), "{:?}", marked(&moved.new));
    let added = row(&t, "第四章 第三十五条 2");
    assert_eq!(added.kind, RowKind::Added);
    let spelling = row(&t, "第一章 第三条 十二");
    assert_eq!(
        (marked(&spelling.new), marked(&spelling.old)),
        (vec!["名宛人".to_string()], vec!["名あて人".to_string()])
    );
    let toc = row(&t, "目次");
    assert!(marked(&toc.new).concat().contains("第四章の二\u{3000}処分等の求め"), "{:?}", marked(&toc.new));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gyotetsu.pdf");
    shiryo_app::shinkyu::write_pdf(&t, "行政手続法新旧対照表", Some("（傍線部分は改正部分）"), &out, super::now())
        .unwrap();
    let all = super::pdf::text(&out);
    assert!(all.contains("処分等の求め"), "{all}");
}

#[test]
fn a_whole_law_style_table_as_text() {
    insta::assert_snapshot!("law_fusei_h27", render_text(&table("law-fusei-h27", "txt")));
}

#[test]
fn a_caption_and_its_article_in_one_cell_print_as_two_lines() {
    let dir = tempfile::tempdir().unwrap();
    for (case, ext) in [("law-fusei-h27", "txt"), ("law-fusei-h27", "xml"), ("law-denki-jigyo-h29", "xml")] {
        let out = dir.path().join(format!("{case}-{ext}.pdf"));
        let t = table(case, ext);
        let pages =
            shiryo_app::shinkyu::write_pdf(&t, "新旧対照表", Some("（傍線部分は改正部分）"), &out, super::now())
                .unwrap_or_else(|e| panic!("{case}.{ext}: {e}"));
        assert!(pages >= 2, "{case}: {pages}");
        let all = super::pdf::text(&out);
        if case == "law-fusei-h27" {
            let lines: Vec<&str> = all.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains("（技術上の秘密を取得した者の当該技術上の秘密を使用する行為等の推定）"))
                .unwrap_or_else(|| panic!("no caption line:\n{all}"));
            assert!(lines[at + 1].trim_start().starts_with("第五条の二"), "{:?}", &lines[at..at + 2]);
            assert!(all.contains("一～九"), "the 号 collapse");
            assert!(all.contains("（罰則）"));
        }
    }
}
