//! Hand edits over tables built from small texts; no workspace, no app.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::{compare, Options};

const OLD: &str = "第１ 見出し\n１ 監査実施要領を定める。\n２ 甲は乙に通知する。\n３ 記録を保存する。\n";
const NEW: &str = "第１ 見出し\n１ 監査実施要綱を定める。\n２ 甲は乙に通知する。\n３ 記録を五年間保存する。\n";

fn table() -> Table {
    compare(OLD, NEW, &Options::default())
}

/// The index and key of the row whose new cell has this path.
fn row(t: &Table, path: &str) -> (usize, String) {
    let i = t.rows.iter().position(|r| r.new.as_ref().and_then(|c| c.path.as_deref()) == Some(path)).unwrap();
    (i, row_keys(&t.rows)[i].clone())
}

fn marked(c: &Cell) -> Vec<String> {
    let chars: Vec<char> = c.text.chars().collect();
    c.marks.iter().map(|&[s, e]| chars[s..e].iter().collect()).collect()
}

#[test]
fn a_row_key_is_both_paths_and_a_stable_fnv_of_both_texts() {
    let t = table();
    let (_, key) = row(&t, "第1 1");
    // FNV-1a 64 of "１ 監査実施要綱を定める。" 0xff "１ 監査実施要領を定める。" 0xff, computed outside Rust: a key
    // stored in a workspace must find its row with every later build.
    assert_eq!(key, "第1 1|第1 1|ba74755b014c8dc2");
}

#[test]
fn omitting_a_row_prints_its_number_with_ryaku_and_drops_its_marks() {
    let t = table();
    let (i, key) = row(&t, "第1 1");
    let out = apply(&t, &[Edit::Omit { key: key.clone() }]);
    assert!(out.dropped.is_empty());
    let r = &out.table.rows[i];
    assert_eq!(r.kind, RowKind::Omitted);
    assert_eq!(r.new.as_ref().unwrap().text, "１ （略）");
    assert!(r.new.as_ref().unwrap().marks.is_empty() && r.old.as_ref().unwrap().marks.is_empty());
    assert!(out.rows[i].edited);
    assert_eq!(out.omitted_changes, 1, "a changed row made （略） is counted for 印刷前の確認");
    let again = apply(&t, &[Edit::Omit { key: key.clone() }, Edit::Omit { key: key.clone() }]);
    assert_eq!(again.dropped, [Dropped { index: 1, error: EditError::AlreadyOmitted { key } }]);
}

#[test]
fn a_cell_edit_replaces_the_text_and_merges_touching_marks_and_a_mark_outside_is_dropped() {
    let t = table();
    let (i, key) = row(&t, "第1 1");
    let text = "１ 監査の実施要綱を定める。".to_string();
    let at = text.chars().position(|c| c == '綱').unwrap();
    let edit =
        Edit::Cell { key: key.clone(), side: Side::New, text: text.clone(), marks: vec![[at, at + 1], [at - 1, at]] };
    let out = apply(&t, &[edit]);
    let cell = out.table.rows[i].new.as_ref().unwrap();
    assert_eq!(cell.text, text);
    assert_eq!(marked(cell), ["要綱"]);
    assert_eq!(cell.path.as_deref(), Some("第1 1"), "the cell keeps its provision's path");
    let outside = Edit::Cell { key, side: Side::Old, text: "短い".into(), marks: vec![[1, 5]] };
    let out = apply(&t, &[outside]);
    assert_eq!(out.dropped[0].error, EditError::MarkOutside { start: 1, end: 5, len: 2 });
    assert_eq!(out.table, t, "a dropped edit changes nothing");
}

#[test]
fn splitting_a_row_gives_two_rows_with_marks_clipped_and_shifted() {
    let t = table();
    let (i, key) = row(&t, "第1 3");
    let new_at = "３ 記録を".chars().count();
    let old_at = new_at;
    let out = apply(&t, &[Edit::Split { key: key.clone(), new_at, old_at }]);
    assert_eq!(out.table.rows.len(), t.rows.len() + 1);
    let (a, b) = (&out.table.rows[i], &out.table.rows[i + 1]);
    assert_eq!(a.new.as_ref().unwrap().text, "３ 記録を");
    assert_eq!(b.new.as_ref().unwrap().text, "五年間保存する。");
    assert_eq!(marked(b.new.as_ref().unwrap()), ["五年間"], "the mark moves to the second part");
    assert!(a.new.as_ref().unwrap().marks.is_empty());
    assert_eq!((out.rows[i].key.clone(), out.rows[i + 1].key.clone()), (format!("{key}#a"), format!("{key}#b")));
    let edge = apply(&t, &[Edit::Split { key: key.clone(), new_at: 0, old_at: 0 }]);
    assert_eq!(edge.dropped[0].error, EditError::SplitAtEdge { key });
}

#[test]
fn re_pairing_an_added_row_with_a_deleted_one_makes_one_compared_row() {
    let old = "第１ 総則\n１ 甲は乙に文書で通知する。\n";
    let new = "第１ 総則\n２ 丙は丁に口頭で連絡する。\n";
    let t = compare(old, new, &Options::default());
    let added = t.rows.iter().position(|r| r.kind == RowKind::Added).unwrap();
    let deleted = t.rows.iter().position(|r| r.kind == RowKind::Deleted).unwrap();
    let keys = row_keys(&t.rows);
    let out = apply(&t, &[Edit::Repair { key: keys[added].clone(), other: keys[deleted].clone() }]);
    assert!(out.dropped.is_empty());
    assert_eq!(out.table.rows.len(), t.rows.len() - 1, "the row left with two placeholders disappears");
    let paired = out.table.rows.iter().find(|r| r.kind == RowKind::Changed).unwrap();
    assert_eq!(paired.new.as_ref().unwrap().text, "２ 丙は丁に口頭で連絡する。");
    assert_eq!(paired.old.as_ref().unwrap().text, "１ 甲は乙に文書で通知する。");
    assert!(!out.rows.iter().any(|r| r.new_placeholder || r.old_placeholder));
    let same = apply(&t, &[Edit::Repair { key: keys[added].clone(), other: keys[added].clone() }]);
    assert_eq!(same.dropped[0].error, EditError::RepairSame { key: keys[added].clone() });
}

#[test]
fn an_edit_survives_a_change_elsewhere_and_is_dropped_when_its_row_changed() {
    let t = table();
    let (_, key1) = row(&t, "第1 1");
    let (_, key3) = row(&t, "第1 3");
    let edits = [Edit::Omit { key: key1.clone() }, Edit::Omit { key: key3.clone() }];
    let changed = NEW.replace("五年間", "十年間");
    let out = apply(&compare(OLD, &changed, &Options::default()), &edits);
    assert_eq!(out.dropped, [Dropped { index: 1, error: EditError::RowNotFound { key: key3 } }]);
    let r1 = out.rows.iter().position(|r| r.key == key1).unwrap();
    assert_eq!(out.table.rows[r1].kind, RowKind::Omitted);
}
