//! Numbering derived from position, never typed: agenda labels (１・(1)・ア・(ア)) and 資料 labels (資料２－４).

use crate::width::fullwidth_number;

/// A numbering style of Japanese administrative documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// １, ２, ３ (full-width digits)
    Fullwidth,
    /// (1), (2), (3)
    ParenArabic,
    /// ア, イ, ウ (五十音 order)
    Katakana,
    /// (ア), (イ), (ウ)
    ParenKatakana,
    /// a, b, c
    Latin,
    /// (a), (b), (c)
    ParenLatin,
}

/// The 五十音 order used to number items ア, イ, ウ …
const KATAKANA: [char; 44] = [
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ',
    'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ',
    'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ',
];

impl NumberStyle {
    /// The style of an agenda level: １ → (1) → ア → (ア) → a → (a); deeper levels repeat (a).
    pub fn for_depth(depth: usize) -> NumberStyle {
        match depth {
            0 => NumberStyle::Fullwidth,
            1 => NumberStyle::ParenArabic,
            2 => NumberStyle::Katakana,
            3 => NumberStyle::ParenKatakana,
            4 => NumberStyle::Latin,
            _ => NumberStyle::ParenLatin,
        }
    }

    /// The label of the `n`-th item (1-based). Past ワ or z, kana and Latin styles continue with digits so
    /// that no two siblings share a label.
    pub fn label(self, n: u32) -> String {
        let kana = |n: u32| match usize::try_from(n).ok().and_then(|i| i.checked_sub(1)).and_then(|i| KATAKANA.get(i)) {
            Some(c) => c.to_string(),
            None => fullwidth_number(n),
        };
        let latin = |n: u32| match n {
            1..=26 => char::from_u32('a' as u32 + n - 1).map_or_else(|| n.to_string(), String::from),
            _ => n.to_string(),
        };
        match self {
            NumberStyle::Fullwidth => fullwidth_number(n),
            NumberStyle::ParenArabic => format!("({n})"),
            NumberStyle::Katakana => kana(n),
            NumberStyle::ParenKatakana => format!("({})", kana(n)),
            NumberStyle::Latin => latin(n),
            NumberStyle::ParenLatin => format!("({})", latin(n)),
        }
    }
}

/// The label of the `n`-th (1-based) agenda item at `depth` (0 = top level): `agenda_label(1, 2)` is `(2)`.
pub fn agenda_label(depth: usize, n: u32) -> String {
    NumberStyle::for_depth(depth).label(n)
}

/// The label of a 資料: `material_label(2, 4)` is `資料２－４` — always the same dash (U+FF0D), full-width digits.
pub fn material_label(major: u32, minor: u32) -> String {
    format!("資料{}－{}", fullwidth_number(major), fullwidth_number(minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_levels_follow_the_plan_style() {
        assert_eq!(agenda_label(0, 3), "３");
        assert_eq!(agenda_label(1, 1), "(1)");
        assert_eq!(agenda_label(1, 12), "(12)");
        assert_eq!(agenda_label(2, 1), "ア");
        assert_eq!(agenda_label(2, 3), "ウ");
        assert_eq!(agenda_label(3, 2), "(イ)");
        assert_eq!(agenda_label(4, 1), "a");
        assert_eq!(agenda_label(5, 2), "(b)");
    }

    #[test]
    fn long_lists_never_repeat_a_label() {
        let labels: Vec<String> = (1..=60).map(|n| agenda_label(2, n)).collect();
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 60, "{labels:?}");
        assert_eq!(labels[43], "ワ");
    }

    #[test]
    fn material_labels_use_one_dash_and_fullwidth_digits() {
        assert_eq!(material_label(2, 4), "資料２－４");
        assert_eq!(material_label(10, 12), "資料１０－１２");
    }
}
