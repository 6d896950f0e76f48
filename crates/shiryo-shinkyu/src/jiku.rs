//! 字句 diff: a character diff of two versions of a provision, merged into the spans a person underlines.
//!
//! A raw character diff of 電子情報処理組織 → 情報通信技術 finds the shared 情報 and marks 電子 / 処理組織 apart;
//! nobody underlines that way. Hunks separated by a short run of kanji or kana are merged into one 字句, and a
//! hunk that ends inside a katakana, Latin or digit word is widened to the whole word (ディスプレ[ー] →
//! [ディスプレー]). Kanji are morphemes of their own, so 要領 → 要綱 stays `要[綱]`.

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// A marked span: `[start, end)` in Unicode scalar values.
pub type Span = [usize; 2];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Kanji,
    Hiragana,
    Katakana,
    Alnum,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '一'..='鿿' | '々' | '〆' | '㐀'..='䶿' => Class::Kanji,
        'ぁ'..='ゖ' => Class::Hiragana,
        'ァ'..='ヺ' | 'ー' | 'ｦ'..='ﾟ' => Class::Katakana,
        c if c.is_ascii_alphanumeric() => Class::Alnum,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '０'..='９' => Class::Alnum,
        _ => Class::Other,
    }
}

#[derive(Debug, Clone, Copy)]
struct Hunk {
    old: (usize, usize),
    new: (usize, usize),
}

impl Hunk {
    fn size(&self) -> usize {
        (self.old.1 - self.old.0).max(self.new.1 - self.new.0)
    }
}

/// The 字句 that differ between `old` and `new`: (marks in old, marks in new).
pub fn marks(old: &str, new: &str) -> (Vec<Span>, Vec<Span>) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &o, &n) {
        let h = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete { old_index, old_len, new_index } => {
                Hunk { old: (old_index, old_index + old_len), new: (new_index, new_index) }
            }
            DiffOp::Insert { old_index, new_index, new_len } => {
                Hunk { old: (old_index, old_index), new: (new_index, new_index + new_len) }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                Hunk { old: (old_index, old_index + old_len), new: (new_index, new_index + new_len) }
            }
        };
        push_merging(&mut hunks, h, &o);
    }
    let mut snapped: Vec<Hunk> = Vec::with_capacity(hunks.len());
    for h in hunks {
        let floor = snapped.last().map_or(0, |p| p.old.1);
        let h = snap_connectives(snap_spelling(snap(h, &o, &n, floor), &o, &n, floor), &o, &n);
        push_merging(&mut snapped, h, &o);
    }
    let spans = |f: fn(&Hunk) -> (usize, usize)| {
        snapped.iter().map(f).filter(|(s, e)| e > s).map(|(s, e)| [s, e]).collect::<Vec<_>>()
    };
    (spans(|h| h.old), spans(|h| h.new))
}

/// Appends `h`, merging it into the previous hunk when only a short 字句-internal run separates them.
fn push_merging(hunks: &mut Vec<Hunk>, h: Hunk, old: &[char]) {
    if let Some(prev) = hunks.last_mut() {
        let gap = h.old.0.saturating_sub(prev.old.1);
        let gap_chars = &old[prev.old.1.min(h.old.0)..h.old.0];
        let inside_word = gap_chars.iter().all(|&c| matches!(class(c), Class::Kanji | Class::Katakana | Class::Alnum))
            || (gap <= 1 && gap_chars.iter().all(|&c| class(c) != Class::Other));
        let short = gap <= 2 || (gap <= 4 && gap < prev.size().min(h.size()));
        if gap == 0 || (inside_word && short) {
            prev.old.1 = prev.old.1.max(h.old.1);
            prev.new.1 = prev.new.1.max(h.new.1);
            return;
        }
    }
    hunks.push(h);
}

/// Widens a hunk that starts or ends inside a katakana, Latin or digit word to the whole word.
fn snap(mut h: Hunk, o: &[char], n: &[char], floor: usize) -> Hunk {
    let wordy = |c: Class| matches!(c, Class::Katakana | Class::Alnum);
    let first_inside = |h: &Hunk| [o.get(h.old.0), n.get(h.new.0)];
    let last_inside = |h: &Hunk| {
        [
            h.old.1.checked_sub(1).filter(|&i| i >= h.old.0).and_then(|i| o.get(i)),
            h.new.1.checked_sub(1).filter(|&i| i >= h.new.0).and_then(|i| n.get(i)),
        ]
    };
    while h.old.0 > floor && h.new.0 > 0 {
        let before = class(o[h.old.0 - 1]);
        let inside = first_inside(&h);
        let empty_old = h.old.0 == h.old.1;
        let empty_new = h.new.0 == h.new.1;
        let joins = (!empty_old && inside[0].is_some_and(|&c| class(c) == before))
            || (!empty_new && inside[1].is_some_and(|&c| class(c) == before));
        if !(wordy(before) && joins) {
            break;
        }
        h.old.0 -= 1;
        h.new.0 -= 1;
    }
    while h.old.1 < o.len() && h.new.1 < n.len() {
        let after = class(o[h.old.1]);
        let inside = last_inside(&h);
        let joins = inside.iter().any(|c| c.is_some_and(|&c| class(c) == after));
        if !(wordy(after) && joins) {
            break;
        }
        h.old.1 += 1;
        h.new.1 += 1;
    }
    h
}

/// A change of spelling between kana and kanji inside a word (名あて人 → 名宛人, あらかじめ → 予め) is a 字句 of
/// its own: the whole word is marked on both sides, as 「名あて人」を「名宛人」に改める says, not just あて / 宛.
/// The word is the run of kanji around the changed kana (or kanji) on the side where it is kana.
fn snap_spelling(mut h: Hunk, o: &[char], n: &[char], floor: usize) -> Hunk {
    let all = |t: &[char], (s, e): (usize, usize), k: Class| e > s && t[s..e].iter().all(|&c| class(c) == k);
    let spelling = (all(o, h.old, Class::Hiragana) && all(n, h.new, Class::Kanji))
        || (all(o, h.old, Class::Kanji) && all(n, h.new, Class::Hiragana));
    if !spelling {
        return h;
    }
    // The context around the hunk is equal on both sides: widen over kanji next to it.
    while h.old.0 > floor && h.new.0 > 0 && class(o[h.old.0 - 1]) == Class::Kanji {
        h.old.0 -= 1;
        h.new.0 -= 1;
    }
    while h.old.1 < o.len() && h.new.1 < n.len() && class(o[h.old.1]) == Class::Kanji {
        h.old.1 += 1;
        h.new.1 += 1;
    }
    h
}

/// The connectives of legal drafting are 字句 of their own: 又は → 若しくは is marked whole on both sides, not
/// as 又 → 若しく with a shared は.
const CONNECTIVES: [&str; 5] = ["若しくは", "又は", "並びに", "及び", "かつ"];

fn snap_connectives(mut h: Hunk, o: &[char], n: &[char]) -> Hunk {
    let (mut left, mut right) = (0, 0);
    for (text, (start, end)) in [(o, h.old), (n, h.new)] {
        if start == end {
            continue;
        }
        for word in CONNECTIVES {
            let w: Vec<char> = word.chars().collect();
            let first = start.saturating_sub(w.len() - 1);
            for at in first..end {
                if text.get(at..at + w.len()) == Some(&w[..]) {
                    left = left.max(start.saturating_sub(at));
                    right = right.max((at + w.len()).saturating_sub(end));
                }
            }
        }
    }
    // The widening covers equal text, the same on both sides; it never passes the ends of either text.
    let left = left.min(h.old.0).min(h.new.0);
    let right = right.min(o.len() - h.old.1).min(n.len() - h.new.1);
    h.old = (h.old.0 - left, h.old.1 + right);
    h.new = (h.new.0 - left, h.new.1 + right);
    h
}

/// Renders `text` with `[` `]` around each marked span (for snapshots and the terminal).
pub fn bracket(text: &str, marks: &[Span]) -> String {
    bracket_with(text, marks, '[', ']')
}

/// Renders `text` with `open` … `close` around each marked span (`marks` in order, as [`marks`] gives them).
pub fn bracket_with(text: &str, marks: &[Span], open_mark: char, close_mark: char) -> String {
    let mut out = String::with_capacity(text.len() + marks.len() * 2);
    let mut m = marks.iter().peekable();
    let mut open = false;
    for (i, c) in text.chars().enumerate() {
        if open && m.peek().is_some_and(|s| s[1] == i) {
            out.push(close_mark);
            open = false;
            m.next();
        }
        if !open && m.peek().is_some_and(|s| s[0] == i) {
            out.push(open_mark);
            open = true;
        }
        out.push(c);
    }
    if open {
        out.push(close_mark);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(old: &str, new: &str) -> (String, String) {
        let (mo, mn) = marks(old, new);
        (bracket(old, &mo), bracket(new, &mn))
    }

    #[test]
    fn a_change_of_spelling_marks_the_whole_word() {
        assert_eq!(
            show("不利益処分の名あて人となるべき者", "不利益処分の名宛人となるべき者"),
            ("不利益処分の[名あて人]となるべき者".into(), "不利益処分の[名宛人]となるべき者".into())
        );
        assert_eq!(
            show("処分の名あて人に対し、あらかじめ", "処分の名宛人に対し、あらかじめ"),
            ("処分の[名あて人]に対し、あらかじめ".into(), "処分の[名宛人]に対し、あらかじめ".into())
        );
    }

    #[test]
    fn one_kanji_changed_marks_that_kanji() {
        assert_eq!(
            show("監査実施要領を定め", "監査実施要綱を定め"),
            ("監査実施要[領]を定め".into(), "監査実施要[綱]を定め".into())
        );
    }

    #[test]
    fn a_replaced_word_is_one_span_per_side() {
        assert_eq!(
            show("電子情報処理組織を使用する", "情報通信技術を使用する"),
            ("[電子情報処理組織]を使用する".into(), "[情報通信技術]を使用する".into())
        );
    }

    #[test]
    fn katakana_words_are_marked_whole() {
        assert_eq!(
            show("端末をロックし、及びディスプレーを消去し", "端末をロックし、及びディスプレイを消去し"),
            ("端末をロックし、及び[ディスプレー]を消去し".into(), "端末をロックし、及び[ディスプレイ]を消去し".into())
        );
    }

    #[test]
    fn a_deleted_word_is_marked_on_the_old_side_only() {
        let (o, n) = show("又は外部委託事業者が使用", "又は委託事業者が使用");
        assert_eq!(o, "又は[外部]委託事業者が使用");
        assert_eq!(n, "又は委託事業者が使用");
    }

    #[test]
    fn changes_separated_by_punctuation_stay_apart() {
        let (o, n) = show("第８の規定、第８の手続", "第９の規定、第９の手続");
        assert_eq!((o.as_str(), n.as_str()), ("第[８]の規定、第[８]の手続", "第[９]の規定、第[９]の手続"));
    }

    #[test]
    fn connectives_are_marked_whole() {
        assert_eq!(
            show("台帳を更新し、又は必要な措置", "台帳を更新し、若しくは必要な措置"),
            ("台帳を更新し、[又は]必要な措置".into(), "台帳を更新し、[若しくは]必要な措置".into())
        );
    }

    #[test]
    fn brackets_close_at_the_end_of_the_text() {
        assert_eq!(bracket("あいう", &[[1, 3]]), "あ[いう]");
        assert_eq!(bracket("あいう", &[[0, 1], [2, 3]]), "[あ]い[う]");
    }
}
