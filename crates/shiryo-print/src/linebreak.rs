//! Japanese line breaking: UAX #14 (`unicode-linebreak`) tailored for 禁則処理 (kinsoku) as our users' documents
//! expect it.
//!
//! - no line starts with 、。，．」』）】〕・ー, small kana or 々 (行頭禁則), nor with ～;
//! - no line ends with 「『（【〔 (行末禁則);
//! - runs of digits and Latin letters, half- or full-width (２０２３, ＤＸ, 11,400, R4), are never split.
//!
//! A break the rules forbid moves to the previous allowed position (追い出し). A single unbreakable run wider
//! than the line is cut where it overflows: never losing text is more important than the rules.

use unicode_linebreak::{linebreaks, BreakOpportunity};

/// Characters that must not start a line (行頭禁則).
pub fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '、' | '。'
            | '，'
            | '．'
            | ','
            | '.'
            | '」'
            | '』'
            | '）'
            | ')'
            | '】'
            | '〕'
            | '〉'
            | '》'
            | '］'
            | ']'
            | '｝'
            | '}'
            | '・'
            | 'ー'
            | '々'
            | '〻'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | '：'
            | '；'
            | '？'
            | '！'
            | '?'
            | '!'
            | '～'
            | '〜'
            | '％'
            | '%'
            | '゛'
            | '゜'
            | '’'
            | '”'
            | '‐'
            | '゠'
            | '–'
    ) || is_small_kana(c)
}

/// Characters that must not end a line (行末禁則).
pub fn no_line_end(c: char) -> bool {
    matches!(
        c,
        '「' | '『'
            | '（'
            | '('
            | '【'
            | '〔'
            | '〈'
            | '《'
            | '［'
            | '['
            | '｛'
            | '{'
            | '‘'
            | '“'
            | '＄'
            | '$'
            | '￥'
            | '\\'
    )
}

fn is_small_kana(c: char) -> bool {
    matches!(
        c,
        'ぁ' | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | 'ㇰ'..='ㇿ'
    )
}

/// Part of a number or a Latin word, half- or full-width: such runs stay on one line.
fn is_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Joins the parts of a number: 11,400 / 48.2 / １，０００ / ３．５.
fn is_number_joiner(c: char) -> bool {
    matches!(c, ',' | '.' | '，' | '．')
}

/// The byte offsets in `text` where a line may break (never 0 or `text.len()`), in order.
pub fn break_opportunities(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // By byte offset: a table, not a hashed set (every cell of a table is broken, and hashing was a tenth of a
    // 786-page table's export).
    let mut uax = vec![false; text.len()];
    for (i, op) in linebreaks(text) {
        if op == BreakOpportunity::Allowed && i < text.len() {
            uax[i] = true;
        }
    }
    let mut out = Vec::new();
    for k in 1..chars.len() {
        let (offset, next) = chars[k];
        let prev = chars[k - 1].1;
        // UAX #14 does not allow a break after a half-width space before a full-width letter in all cases and
        // it allows breaks between full-width digits; our rules decide instead for ideographic text.
        let uax_ok = uax[offset] || (is_cjk(prev) && is_cjk(next));
        if !uax_ok || no_line_start(next) || no_line_end(prev) {
            continue;
        }
        if is_alnum(prev) && is_alnum(next) {
            continue;
        }
        // 11,400 and 48.2: the joiner between two digits binds both sides.
        if is_number_joiner(prev) && k >= 2 && is_alnum(chars[k - 2].1) && is_alnum(next) {
            continue;
        }
        out.push(offset);
    }
    out
}

/// Ideographs, kana and full-width forms: text where any character boundary is a candidate.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF01..=0xFF60)
}

/// Splits `text` into lines no wider than `width`, measuring each character with `advance`. `first_width` is the
/// room on the first line (a hanging label or a first-line indent changes it). Every character of `text` lands
/// in exactly one line, in order; trailing half-width spaces at a break are dropped.
pub fn break_lines(text: &str, first_width: f32, width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    if text.is_empty() {
        return vec![String::new()];
    }
    let breaks = break_opportunities(text);
    let mut lines = Vec::new();
    let mut start = 0usize;
    let mut used = 0.0f32;
    let mut room = first_width;
    // The last allowed break at or before the current position (but after `start`).
    let mut next_break = breaks.iter().copied().peekable();
    let mut last_break: Option<usize> = None;
    for (i, c) in text.char_indices() {
        while let Some(&b) = next_break.peek() {
            if b <= i {
                if b > start {
                    last_break = Some(b);
                }
                next_break.next();
            } else {
                break;
            }
        }
        let w = advance(c);
        if used + w > room + 0.01 && i > start {
            // Overflow: break at the last allowed position, or here if there is none.
            let cut = last_break.filter(|&b| b > start).unwrap_or(i);
            lines.push(text[start..cut].trim_end_matches(' ').to_string());
            start = cut;
            room = width;
            last_break = None;
            used = text[start..i].chars().map(advance).sum();
            if c == ' ' && start == i {
                // A half-width space at the start of a continuation line is swallowed.
                start = i + 1;
                continue;
            }
        }
        used += w;
    }
    lines.push(text[start..].trim_end_matches(' ').to_string());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em wide except ASCII, half.
    fn adv(c: char) -> f32 {
        if c.is_ascii() {
            0.5
        } else {
            1.0
        }
    }

    fn lines(text: &str, width: f32) -> Vec<String> {
        break_lines(text, width, width, &adv)
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        // 10 characters fit; the 11th is 、 — it pulls the previous character down with it.
        let out = lines("あいうえおかきくけこ、さしすせそ。", 10.0);
        assert_eq!(out, ["あいうえおかきくけ", "こ、さしすせそ。"]);
        for text in [
            "一二三四五六七八九十」後",
            "一二三四五六七八九十）後",
            "一二三四五六七八九十。後",
            "一二三四五六七八九十ー後",
        ] {
            for line in lines(text, 10.0) {
                let first = line.chars().next().unwrap();
                assert!(!no_line_start(first), "{text} → line starts with {first}");
            }
        }
    }

    #[test]
    fn small_kana_and_repeat_marks_stay_with_the_previous_character() {
        let out = lines("一二三四五六七八九ちょっと人々", 10.0);
        assert!(out.iter().all(|l| !l.starts_with('ょ') && !l.starts_with('っ') && !l.starts_with('々')), "{out:?}");
        let out = lines("一二三四五六七八九人々です", 10.0);
        assert_eq!(out, ["一二三四五六七八九", "人々です"]);
    }

    #[test]
    fn an_opening_bracket_never_ends_a_line() {
        let out = lines("一二三四五六七八九「福島県」", 10.0);
        assert_eq!(out, ["一二三四五六七八九", "「福島県」"]);
        let out = lines("一二三四五六七八九【資料】", 10.0);
        assert!(out.iter().all(|l| !l.ends_with('【')), "{out:?}");
    }

    #[test]
    fn numbers_and_latin_words_stay_together() {
        // ２０２３ would straddle the edge: it moves down whole.
        let out = lines("一二三四五六七八２０２３年", 10.0);
        assert_eq!(out, ["一二三四五六七八", "２０２３年"]);
        let out = lines("一二三四五六七八九11,400時間", 10.0);
        assert_eq!(out, ["一二三四五六七八九", "11,400時間"]);
        let out = lines("一二三四五六七八ＤＸ推進", 9.0);
        assert_eq!(out, ["一二三四五六七八", "ＤＸ推進"]);
    }

    #[test]
    fn a_wave_dash_does_not_start_a_line() {
        let out = lines("一二三四五六七八九２～５", 10.0);
        assert!(out.iter().all(|l| !l.starts_with('～')), "{out:?}");
        assert_eq!(out.concat(), "一二三四五六七八九２～５");
    }

    #[test]
    fn an_unbreakable_run_longer_than_the_line_is_cut_without_losing_text() {
        let text = "https://www.example.jp/a/very/long/path/that/never/ends";
        let out = lines(text, 10.0);
        assert!(out.len() > 1);
        assert_eq!(out.concat(), text);
    }

    #[test]
    fn a_hanging_label_narrows_only_the_first_line() {
        let out = break_lines("あいうえおかきくけこさしすせそ", 5.0, 10.0, &adv);
        assert_eq!(out, ["あいうえお", "かきくけこさしすせそ"]);
    }
}
