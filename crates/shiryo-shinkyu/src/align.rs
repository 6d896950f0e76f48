//! Alignment: pairs the provisions of the old and the new text.
//!
//! 1. A diff (histogram, as git's) of the two node sequences on their content (the text without its label) pairs every provision
//!    whose words did not change, wherever its number went: an inserted item thus renumbers the following ones
//!    without showing them as changed.
//! 2. Inside each stretch the diff could not pair, provisions are paired by path and by content similarity
//!    (character bigrams), keeping document order; what stays unpaired is added or deleted.
//! 3. An added provision whose content equals a deleted one is a move; both rows say where the other is.

use std::collections::HashMap;

use imara_diff::{Algorithm, Diff, InternedInput};

use crate::parse::{Document, Node};

/// What happened to one provision between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Same text, same number.
    Same,
    /// Same content under a different label: only the number changed.
    Renumbered,
    /// The words changed.
    Changed,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Deleted,
}

/// One aligned pair of nodes (indices into the old and the new [`Document`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub old: Option<usize>,
    pub new: Option<usize>,
    pub status: Status,
    /// For an added or deleted provision that is a move: the index of the entry on the other end.
    pub moved: Option<usize>,
}

/// Similarity from which two provisions in an unpaired stretch count as the same provision.
const MIN_SIMILARITY: f64 = 0.6;
/// A lower bar when the two also have the same path.
const MIN_SIMILARITY_SAME_PATH: f64 = 0.3;
/// Above this many candidate pairs a stretch is paired greedily instead of by dynamic programming.
const DP_LIMIT: usize = 250_000;

/// Aligns `old` with `new`; entries come in document order (deleted provisions where they stood).
pub fn align(old: &Document, new: &Document) -> Vec<Entry> {
    // Histogram diff on interned keys: near-linear on real documents, unlike Myers' O(N·D) when edits are
    // spread over a long text.
    let mut input: InternedInput<&str> = InternedInput::default();
    input.update_before(old.nodes.iter().map(key));
    input.update_after(new.nodes.iter().map(key));
    let diff = Diff::compute(Algorithm::Histogram, &input);

    let mut entries = Vec::with_capacity(old.nodes.len().max(new.nodes.len()));
    let mut pending_old: Vec<usize> = Vec::new();
    let mut pending_new: Vec<usize> = Vec::new();
    let (mut o, mut n) = (0usize, 0usize);
    let equal_until = |o_end: usize, o: &mut usize, n: &mut usize, entries: &mut Vec<Entry>| {
        while *o < o_end {
            entries.push(Entry { old: Some(*o), new: Some(*n), status: status_of(old, new, *o, *n), moved: None });
            *o += 1;
            *n += 1;
        }
    };
    for hunk in diff.hunks() {
        let (before, after) =
            (hunk.before.start as usize..hunk.before.end as usize, hunk.after.start as usize..hunk.after.end as usize);
        if before.start > o {
            pair_stretch(old, new, &pending_old, &pending_new, &mut entries);
            pending_old.clear();
            pending_new.clear();
            equal_until(before.start, &mut o, &mut n, &mut entries);
        }
        pending_old.extend(before.clone());
        pending_new.extend(after.clone());
        o = before.end;
        n = after.end;
    }
    if o < old.nodes.len() {
        pair_stretch(old, new, &pending_old, &pending_new, &mut entries);
        pending_old.clear();
        pending_new.clear();
        equal_until(old.nodes.len(), &mut o, &mut n, &mut entries);
    }
    pair_stretch(old, new, &pending_old, &pending_new, &mut entries);
    let mut entries = pair_parents_of_pairs(old, new, entries);
    detect_moves(old, new, &mut entries);
    entries
}

/// What alignment compares: the content, or the label for a line that is only a label (`附 則`, `別紙1`).
fn key<'a>(node: &'a Node<'_>) -> &'a str {
    match &node.label {
        Some(label) if node.content().trim().is_empty() => &label.key,
        _ => node.content(),
    }
}

/// A deleted and an added provision of the same numbering style whose children were paired with each other
/// are one provision whose heading was rewritten (old 第10 ４ 約款による… → new 第10 ２ 外部サービスの利用…).
fn pair_parents_of_pairs(old: &Document, new: &Document, mut entries: Vec<Entry>) -> Vec<Entry> {
    loop {
        let mut entry_of_old = HashMap::new();
        let mut entry_of_new = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let (Status::Deleted, Some(o)) = (e.status, e.old) {
                entry_of_old.insert(o, i);
            }
            if let (Status::Added, Some(n)) = (e.status, e.new) {
                entry_of_new.insert(n, i);
            }
        }
        let mut merges: Vec<(usize, usize)> = Vec::new();
        let mut taken = std::collections::HashSet::new();
        for e in &entries {
            let (Some(o), Some(n)) = (e.old, e.new) else { continue };
            let (Some(po), Some(pn)) = (old.nodes[o].parent, new.nodes[n].parent) else { continue };
            let (Some(&di), Some(&ai)) = (entry_of_old.get(&po), entry_of_new.get(&pn)) else { continue };
            let same_style =
                old.nodes[po].label.as_ref().map(|l| l.style) == new.nodes[pn].label.as_ref().map(|l| l.style);
            if same_style && taken.insert(di) && taken.insert(ai) {
                merges.push((di, ai));
            }
        }
        if merges.is_empty() {
            return entries;
        }
        let mut removed = vec![false; entries.len()];
        for (di, ai) in merges {
            let o = entries[di].old;
            if let (Some(o), Some(n)) = (o, entries[ai].new) {
                entries[ai] = Entry { old: Some(o), new: Some(n), status: status_of(old, new, o, n), moved: None };
                removed[di] = true;
            }
        }
        entries = entries.into_iter().zip(removed).filter(|(_, r)| !r).map(|(e, _)| e).collect();
    }
}

fn status_of(old: &Document, new: &Document, o: usize, n: usize) -> Status {
    let (a, b) = (&old.nodes[o], &new.nodes[n]);
    if a.text == b.text {
        Status::Same
    } else if a.content() == b.content()
        && a.caption() == b.caption()
        && a.label.as_ref().map(|l| &l.key) != b.label.as_ref().map(|l| &l.key)
    {
        Status::Renumbered
    } else {
        Status::Changed
    }
}

/// Pairs an unpaired stretch (old nodes `os`, new nodes `ns`) and appends its entries in document order.
fn pair_stretch(old: &Document, new: &Document, os: &[usize], ns: &[usize], entries: &mut Vec<Entry>) {
    if os.is_empty() && ns.is_empty() {
        return;
    }
    let obg: Vec<Vec<u64>> = os.iter().map(|&i| bigrams(key(&old.nodes[i]))).collect();
    let nbg: Vec<Vec<u64>> = ns.iter().map(|&i| bigrams(key(&new.nodes[i]))).collect();
    let score = |a: usize, b: usize| -> Option<f64> {
        let same_path = old.nodes[os[a]].path == new.nodes[ns[b]].path;
        // A provision whose words were deleted (第十八条　削除) is the same provision, however little it shares.
        let (ka, kb) = (key(&old.nodes[os[a]]), key(&new.nodes[ns[b]]));
        if same_path && (ka == "削除" || kb == "削除") {
            return Some(MIN_SIMILARITY_SAME_PATH + 0.2);
        }
        // Words added to or cut from a provision that keeps its number (ウ　村 → ウ　村（一部事務組合を含む。）): too
        // short for bigrams to say so, but the same provision.
        if same_path && !ka.is_empty() && !kb.is_empty() && (ka.contains(kb) || kb.contains(ka)) {
            return Some(MIN_SIMILARITY_SAME_PATH + 0.2);
        }
        let bar = if same_path { MIN_SIMILARITY_SAME_PATH } else { MIN_SIMILARITY };
        // Dice is at most 2·min/(sum): skip pairs whose lengths alone rule them out.
        let (la, lb) = (obg[a].len(), nbg[b].len());
        if 2.0 * (la.min(lb) as f64) < bar * (la + lb) as f64 {
            return None;
        }
        let sim = dice(&obg[a], &nbg[b]);
        if sim >= MIN_SIMILARITY || (same_path && sim >= MIN_SIMILARITY_SAME_PATH) {
            Some(sim + if same_path { 0.2 } else { 0.0 })
        } else {
            None
        }
    };
    let pairs = if os.len().saturating_mul(ns.len()) <= DP_LIMIT {
        pair_dp(os.len(), ns.len(), score)
    } else {
        pair_greedy(os.len(), ns.len(), score)
    };
    let mut next_old = 0;
    let push_deleted_until = |limit: usize, entries: &mut Vec<Entry>, next_old: &mut usize| {
        while *next_old < limit {
            entries.push(Entry { old: Some(os[*next_old]), new: None, status: Status::Deleted, moved: None });
            *next_old += 1;
        }
    };
    let mut pair_iter = pairs.iter().peekable();
    for (b, &n) in ns.iter().enumerate() {
        match pair_iter.peek() {
            Some(&&(a, pb)) if pb == b => {
                pair_iter.next();
                push_deleted_until(a, entries, &mut next_old);
                next_old = a + 1;
                let o = os[a];
                entries.push(Entry { old: Some(o), new: Some(n), status: status_of(old, new, o, n), moved: None });
            }
            _ => entries.push(Entry { old: None, new: Some(n), status: Status::Added, moved: None }),
        }
    }
    push_deleted_until(os.len(), entries, &mut next_old);
}

/// Order-keeping pairing that maximises the total score (an LCS weighted by similarity).
fn pair_dp(n_old: usize, n_new: usize, score: impl Fn(usize, usize) -> Option<f64>) -> Vec<(usize, usize)> {
    let w = n_new + 1;
    let mut best = vec![0.0f64; (n_old + 1) * w];
    for a in (0..n_old).rev() {
        for b in (0..n_new).rev() {
            let skip = best[(a + 1) * w + b].max(best[a * w + b + 1]);
            let take = score(a, b).map_or(f64::MIN, |s| s + best[(a + 1) * w + b + 1]);
            best[a * w + b] = skip.max(take);
        }
    }
    let (mut a, mut b) = (0, 0);
    let mut pairs = Vec::new();
    while a < n_old && b < n_new {
        let here = best[a * w + b];
        if let Some(s) = score(a, b) {
            if (s + best[(a + 1) * w + b + 1] - here).abs() < 1e-9 {
                pairs.push((a, b));
                a += 1;
                b += 1;
                continue;
            }
        }
        if (best[(a + 1) * w + b] - here).abs() < 1e-9 {
            a += 1;
        } else {
            b += 1;
        }
    }
    pairs
}

/// For very large stretches: each new node takes the best old node within a window after the last pair.
fn pair_greedy(n_old: usize, n_new: usize, score: impl Fn(usize, usize) -> Option<f64>) -> Vec<(usize, usize)> {
    const WINDOW: usize = 64;
    let mut pairs = Vec::new();
    let mut start = 0;
    for b in 0..n_new {
        let end = (start + WINDOW).min(n_old);
        let best =
            (start..end).filter_map(|a| score(a, b).map(|s| (a, s))).fold(None, |acc: Option<(usize, f64)>, (a, s)| {
                match acc {
                    Some((_, bs)) if bs >= s => acc,
                    _ => Some((a, s)),
                }
            });
        if let Some((a, _)) = best {
            pairs.push((a, b));
            start = a + 1;
        }
    }
    pairs
}

/// The character bigrams of a text, sorted (a multiset).
fn bigrams(text: &str) -> Vec<u64> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut v: Vec<u64> = if chars.len() < 2 {
        chars.iter().map(|&c| c as u64).collect()
    } else {
        chars.windows(2).map(|w| ((w[0] as u64) << 21) | w[1] as u64).collect()
    };
    v.sort_unstable();
    v
}

/// Dice coefficient of two sorted multisets.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Links added and deleted provisions with the same content: at least a few characters long, or a heading of the
/// same numbering style (a moved section keeps its heading, 第４ 計画期間 → 第２ 計画期間).
fn detect_moves(old: &Document, new: &Document, entries: &mut [Entry]) {
    let mut deleted: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let (Status::Deleted, Some(o)) = (e.status, e.old) {
            let c = old.nodes[o].content();
            if !c.trim().is_empty() {
                deleted.entry(c).or_default().push(i);
            }
        }
    }
    for d in deleted.values_mut() {
        d.reverse(); // pop() then yields them in document order
    }
    let style = |node: &Node| node.label.as_ref().map(|l| l.style);
    let mut links = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let (Status::Added, Some(n)) = (e.status, e.new) else { continue };
        let node = &new.nodes[n];
        let Some(candidates) = deleted.get_mut(node.content()) else { continue };
        let long = node.content().chars().count() >= 6;
        let pick = candidates.iter().rposition(|&j| {
            long || entries[j]
                .old
                .is_some_and(|o| style(&old.nodes[o]).is_some() && style(&old.nodes[o]) == style(node))
        });
        if let Some(pos) = pick {
            links.push((i, candidates.remove(pos)));
        }
    }
    for (i, j) in links {
        entries[i].moved = Some(j);
        entries[j].moved = Some(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(old: &str, new: &str) -> Vec<(Option<String>, Option<String>, Status)> {
        let (o, n) = (Document::parse(old), Document::parse(new));
        align(&o, &n)
            .into_iter()
            .map(|e| (e.old.map(|i| o.nodes[i].path.clone()), e.new.map(|i| n.nodes[i].path.clone()), e.status))
            .collect()
    }

    #[test]
    fn an_inserted_item_renumbers_the_next_without_changing_it() {
        let s =
            statuses("１ 甲を定める。\n２ 乙を定める。\n", "１ 甲を定める。\n２ 丙を新たに定める。\n３ 乙を定める。\n");
        assert_eq!(
            s,
            [
                (Some("1".into()), Some("1".into()), Status::Same),
                (None, Some("2".into()), Status::Added),
                (Some("2".into()), Some("3".into()), Status::Renumbered),
            ]
        );
    }

    #[test]
    fn a_reworded_item_is_paired_not_added_and_deleted() {
        let s = statuses("(1) 外部委託先の選定基準\n", "(1) 委託先の選定基準\n");
        assert_eq!(s, [(Some("(1)".into()), Some("(1)".into()), Status::Changed)]);
    }

    #[test]
    fn moved_provisions_point_at_each_other() {
        let (o, n) = (
            Document::parse("１ 一番目の規定である。\n２ 移動する規定である。\n３ 三番目の規定である。\n"),
            Document::parse("１ 移動する規定である。\n２ 一番目の規定である。\n３ 三番目の規定である。\n"),
        );
        let e = align(&o, &n);
        let mut moved: Vec<_> = e.iter().filter(|e| e.moved.is_some()).map(|e| format!("{:?}", e.status)).collect();
        moved.sort();
        assert_eq!(moved, ["Added", "Deleted"]);
    }

    #[test]
    fn a_stretch_too_large_for_the_dp_is_still_paired_in_order() {
        // 600 × 600 candidate pairs exceed DP_LIMIT: every line changed, so one stretch, paired greedily.
        let old: String = (1..=600).map(|i| format!("({i}) 第{i}号の規定による報告を毎月行うこと。\n")).collect();
        let new: String = (1..=600).map(|i| format!("({i}) 第{i}号の規定による報告を毎週行うこと。\n")).collect();
        const { assert!(600 * 600 > DP_LIMIT) };
        let s = statuses(&old, &new);
        assert_eq!(s.len(), 600);
        assert!(s.iter().all(|(o, n, st)| o == n && *st == Status::Changed), "{:?}", &s[..3]);
    }

    #[test]
    fn dice_of_identical_texts_is_one() {
        assert!((dice(&bigrams("情報資産"), &bigrams("情報資産")) - 1.0).abs() < 1e-9);
        assert!(dice(&bigrams("情報資産"), &bigrams("まったく別")) < 0.1);
    }
}
