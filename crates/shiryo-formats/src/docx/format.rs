//! Number formats of Word's list levels (`w:numFmt`): a counter value → the characters Word shows.

// Letters repeat (27 → AA): past this many repetitions (the limits table's) a label would be absurd, so decimal
// is used.
use shiryo_core::limits::MAX_DOCX_LETTER_REPEATS as MAX_LETTER_REPEAT;

/// The formats Word offers that a Japanese document uses; anything else reads as decimal with a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFmt {
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    DecimalHalfWidth,
    DecimalEnclosedParen,
    DecimalEnclosedFullstop,
    DecimalEnclosedCircle,
    Aiueo,
    AiueoFullWidth,
    Iroha,
    IrohaFullWidth,
    JapaneseCounting,
    JapaneseLegal,
    JapaneseDigitalTenThousand,
    IdeographTraditional,
    IdeographZodiac,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// A bullet: the level shows no number (and the paragraph no label).
    Bullet,
    /// No number: `%n` of this level is empty.
    None,
}

impl NumFmt {
    /// Reads `w:numFmt/@w:val`; `None` for a value this reader does not know (the caller warns).
    pub fn parse(val: &str) -> Option<NumFmt> {
        Some(match val {
            "decimal" => NumFmt::Decimal,
            "decimalZero" => NumFmt::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::DecimalFullWidth,
            "decimalHalfWidth" => NumFmt::DecimalHalfWidth,
            "decimalEnclosedParen" => NumFmt::DecimalEnclosedParen,
            "decimalEnclosedFullstop" => NumFmt::DecimalEnclosedFullstop,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::DecimalEnclosedCircle,
            "aiueo" => NumFmt::Aiueo,
            "aiueoFullWidth" => NumFmt::AiueoFullWidth,
            "iroha" => NumFmt::Iroha,
            "irohaFullWidth" => NumFmt::IrohaFullWidth,
            "japaneseCounting" => NumFmt::JapaneseCounting,
            "japaneseLegal" => NumFmt::JapaneseLegal,
            "japaneseDigitalTenThousand" => NumFmt::JapaneseDigitalTenThousand,
            "ideographTraditional" => NumFmt::IdeographTraditional,
            "ideographZodiac" => NumFmt::IdeographZodiac,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            _ => return None,
        })
    }
}

const AIUEO: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
const AIUEO_HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ";
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン";
const IROHA_HALF: &str = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳｲﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼｴﾋﾓｾｽﾝ";
const TRADITIONAL: &str = "甲乙丙丁戊己庚辛壬癸";
const ZODIAC: &str = "子丑寅卯辰巳午未申酉戌亥";

/// The characters of `n` in `fmt`. `n` is what Word counts (it starts at `w:start`, 0 is possible).
pub fn format(n: u32, fmt: NumFmt) -> String {
    match fmt {
        NumFmt::Decimal | NumFmt::DecimalHalfWidth => n.to_string(),
        NumFmt::DecimalZero if n < 10 => format!("0{n}"),
        NumFmt::DecimalZero => n.to_string(),
        NumFmt::DecimalFullWidth => full_width(&n.to_string()),
        // ⑴ is one glyph showing (1): written as the characters it shows, so that the parser reads (1).
        NumFmt::DecimalEnclosedParen => format!("({n})"),
        NumFmt::DecimalEnclosedFullstop => format!("{n}."),
        NumFmt::DecimalEnclosedCircle => match n {
            1..=20 => char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_else(|| n.to_string()),
            _ => n.to_string(),
        },
        NumFmt::Aiueo => cyclic(n, AIUEO_HALF),
        NumFmt::AiueoFullWidth => cyclic(n, AIUEO),
        NumFmt::Iroha => cyclic(n, IROHA_HALF),
        NumFmt::IrohaFullWidth => cyclic(n, IROHA),
        NumFmt::JapaneseCounting => kanji_number(n, &KANJI_COUNTING),
        NumFmt::JapaneseLegal => kanji_number(n, &KANJI_LEGAL),
        NumFmt::JapaneseDigitalTenThousand => {
            n.to_string().chars().map(|c| KANJI_DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
        }
        NumFmt::IdeographTraditional => cyclic(n, TRADITIONAL),
        NumFmt::IdeographZodiac => cyclic(n, ZODIAC),
        NumFmt::UpperLetter => letters(n, b'A'),
        NumFmt::LowerLetter => letters(n, b'a'),
        NumFmt::UpperRoman => roman(n).unwrap_or_else(|| n.to_string()),
        NumFmt::LowerRoman => roman(n).map(|r| r.to_ascii_lowercase()).unwrap_or_else(|| n.to_string()),
        NumFmt::Bullet | NumFmt::None => String::new(),
    }
}

fn full_width(ascii: &str) -> String {
    ascii.chars().map(|c| c.to_digit(10).and_then(|d| char::from_u32(0xFF10 + d)).unwrap_or(c)).collect()
}

/// Kana and 十干 sequences start over after their last sign, as Word does.
fn cyclic(n: u32, signs: &str) -> String {
    let count = signs.chars().count() as u32;
    if n == 0 {
        return "0".into();
    }
    signs.chars().nth(((n - 1) % count) as usize).map(String::from).unwrap_or_default()
}

fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return "0".into();
    }
    let repeat = (n - 1) / 26 + 1;
    if repeat > MAX_LETTER_REPEAT {
        return n.to_string();
    }
    let c = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, repeat as usize).collect()
}

fn roman(n: u32) -> Option<String> {
    if n == 0 || n > 3999 {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    let mut rest = n;
    for (value, sign) in TABLE {
        while rest >= value {
            out.push_str(sign);
            rest -= value;
        }
    }
    Some(out)
}

const KANJI_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Signs of a kanji numeral style: digits 1–9, 十百千, 万億, and whether 1 is written before 十百千 (壱拾).
struct KanjiStyle {
    digits: [char; 10],
    small: [char; 3],
    large: [char; 2],
    one_before_small: bool,
}

const KANJI_COUNTING: KanjiStyle =
    KanjiStyle { digits: KANJI_DIGITS, small: ['十', '百', '千'], large: ['万', '億'], one_before_small: false };
const KANJI_LEGAL: KanjiStyle = KanjiStyle {
    digits: ['〇', '壱', '弐', '参', '四', '伍', '六', '七', '八', '九'],
    small: ['拾', '百', '阡'],
    large: ['萬', '億'],
    one_before_small: true,
};

/// 二十三, 百五, 千二百万 (japaneseCounting); 壱拾, 弐百参拾 (japaneseLegal).
fn kanji_number(n: u32, style: &KanjiStyle) -> String {
    if n == 0 {
        return style.digits[0].to_string();
    }
    let mut out = String::new();
    // Groups of four digits: 億, 万, and the last.
    let groups =
        [(n / 100_000_000, Some(style.large[1])), ((n / 10_000) % 10_000, Some(style.large[0])), (n % 10_000, None)];
    for (group, unit) in groups {
        if group == 0 {
            continue;
        }
        let ds = [group / 1000, (group / 100) % 10, (group / 10) % 10, group % 10];
        for (i, &d) in ds.iter().enumerate() {
            if d == 0 {
                continue;
            }
            let small = match i {
                0 => Some(style.small[2]),
                1 => Some(style.small[1]),
                2 => Some(style.small[0]),
                _ => None,
            };
            if d != 1 || small.is_none() || style.one_before_small {
                out.push(style.digits[d as usize]);
            }
            if let Some(s) = small {
                out.push(s);
            }
        }
        if let Some(u) = unit {
            out.push(u);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_japanese_format_shows_what_word_shows() {
        let cases = [
            (NumFmt::Decimal, 12, "12"),
            (NumFmt::DecimalZero, 3, "03"),
            (NumFmt::DecimalFullWidth, 12, "１２"),
            (NumFmt::DecimalHalfWidth, 7, "7"),
            (NumFmt::DecimalEnclosedParen, 2, "(2)"),
            (NumFmt::DecimalEnclosedCircle, 3, "③"),
            (NumFmt::DecimalEnclosedCircle, 21, "21"),
            (NumFmt::Aiueo, 2, "ｲ"),
            (NumFmt::AiueoFullWidth, 1, "ア"),
            (NumFmt::AiueoFullWidth, 47, "ア"),
            (NumFmt::Iroha, 3, "ﾊ"),
            (NumFmt::IrohaFullWidth, 2, "ロ"),
            (NumFmt::JapaneseCounting, 23, "二十三"),
            (NumFmt::JapaneseCounting, 110, "百十"),
            (NumFmt::JapaneseCounting, 12_000, "一万二千"),
            (NumFmt::JapaneseLegal, 12, "壱拾弐"),
            (NumFmt::JapaneseDigitalTenThousand, 105, "一〇五"),
            (NumFmt::IdeographTraditional, 3, "丙"),
            (NumFmt::UpperLetter, 28, "BB"),
            (NumFmt::LowerLetter, 1, "a"),
            (NumFmt::UpperRoman, 14, "XIV"),
            (NumFmt::LowerRoman, 9, "ix"),
            (NumFmt::Bullet, 1, ""),
        ];
        for (fmt, n, want) in cases {
            assert_eq!(format(n, fmt), want, "{fmt:?} {n}");
        }
    }

    #[test]
    fn huge_counters_stay_short() {
        for fmt in [NumFmt::UpperLetter, NumFmt::UpperRoman, NumFmt::JapaneseCounting, NumFmt::AiueoFullWidth] {
            assert!(format(u32::MAX, fmt).chars().count() < 40, "{fmt:?}");
        }
        assert_eq!(format(1 << 31, NumFmt::UpperLetter), "2147483648");
    }
}
