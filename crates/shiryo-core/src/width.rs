//! Half-width ↔ full-width conversion for the digits of formal Japanese text (令和５年).

/// Converts ASCII digits to full-width digits (`2023` → `２０２３`); other characters are kept.
pub fn fullwidth_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Formats a number with full-width digits (`12` → `１２`).
pub fn fullwidth_number(n: u32) -> String {
    fullwidth_digits(&n.to_string())
}

/// Display width in half-width columns: full-width and wide characters count 2, others 1.
///
/// A deliberately small rule (East Asian Wide/Fullwidth ranges used in our documents); the print engine
/// measures real glyph widths instead.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_become_fullwidth_and_the_rest_stays() {
        assert_eq!(fullwidth_digits("令和5年6月5日"), "令和５年６月５日");
        assert_eq!(fullwidth_digits("R4 (1)"), "R４ (１)");
        assert_eq!(fullwidth_number(10), "１０");
    }

    #[test]
    fn kanji_and_fullwidth_count_two_columns() {
        assert_eq!(display_width("次第"), 4);
        assert_eq!(display_width("(1)"), 3);
        assert_eq!(display_width("資料１－１"), 10);
    }
}
