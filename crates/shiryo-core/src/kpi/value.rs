//! KPI values as departments write them: `48.2%`, `４８．２％`, `40百万枚`, `約3.7万時間`, `5割以上`, `現状維持を基本`,
//! `－`, `250万件(変更前:121万件)`, `489件(見込)`. The raw string is always kept; only what parses cleanly as a
//! number becomes one, everything else is qualitative and is never compared.

use std::cmp::Ordering;

use serde::Serialize;

use super::decimal::Dec;

/// A value as printed, with what could be read from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Value {
    /// Exactly as written in the source.
    pub raw: String,
    pub kind: ValueKind,
    /// `(見込)`, `見込み`: a provisional figure.
    pub provisional: bool,
    /// `(変更前:121万件)`: the value this one replaced.
    pub previous: Option<Box<Value>>,
    /// Other bracketed remarks, in order: `累計８`, `※`, `新規追加`, `令和元年度`, `2月1日時点`.
    pub notes: Vec<String>,
}

/// What a value is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ValueKind {
    /// Nothing written.
    Empty,
    /// A dash: `-`, `－`, `―` (not set for that year).
    NotSet,
    /// A number with unit and bound.
    Quantity(Quantity),
    /// Several numbered parts in one cell: `①500時間 ②50企業`.
    Parts { parts: Vec<Quantity> },
    /// Words that are not a number: `現状維持を基本`, `6月集計`, `年間3件増`.
    Qualitative,
}

/// Whether a value is a point, a floor or a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    /// 以上
    AtLeast,
    /// 以下, 以内
    AtMost,
}

/// A number × scale with its unit: `約3.7万時間` is 37000 時間, approximate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The value with its scale applied (万, 百万, 割 → %), exactly.
    #[serde(serialize_with = "as_string")]
    pub amount: Dec,
    /// The power of ten of the last written digit after scaling: `232.36万` → 2, `167.3` → -1.
    pub resolution: i32,
    /// As written after the number, width-normalised (`ＰＶ` → `PV`, `％` → `%`); `割` becomes `%`; may be empty.
    pub unit: String,
    pub bound: Bound,
    /// 約, ほぼ, 概ね, 程度, 前後.
    pub approx: bool,
    /// 累計 or 延べ written before the number.
    pub qualifier: Option<String>,
}

fn as_string<S: serde::Serializer>(d: &Dec, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

impl Value {
    /// The single quantity, if the value is one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match &self.kind {
            ValueKind::Quantity(q) => Some(q),
            _ => None,
        }
    }

    /// Nothing written or a dash.
    pub fn is_blank(&self) -> bool {
        matches!(self.kind, ValueKind::Empty | ValueKind::NotSet)
    }

    /// A short ASCII-ish rendering of what was understood, for reports: `37000 時間 (約)`.
    pub fn describe(&self) -> String {
        let mut out = match &self.kind {
            ValueKind::Empty => "(空欄)".to_string(),
            ValueKind::NotSet => "(－)".to_string(),
            ValueKind::Quantity(q) => q.describe(),
            ValueKind::Parts { parts } => parts.iter().map(Quantity::describe).collect::<Vec<_>>().join(" / "),
            ValueKind::Qualitative => "(定性)".to_string(),
        };
        if self.provisional {
            out.push_str(" 見込");
        }
        if let Some(prev) = &self.previous {
            out.push_str(&format!(" 変更前={}", prev.describe()));
        }
        out
    }
}

impl Quantity {
    pub fn describe(&self) -> String {
        let mut out = String::new();
        if self.approx {
            out.push('約');
        }
        if let Some(q) = &self.qualifier {
            out.push_str(q);
        }
        out.push_str(&self.amount.to_string());
        out.push_str(&self.unit);
        match self.bound {
            Bound::Exact => {}
            Bound::AtLeast => out.push_str("以上"),
            Bound::AtMost => out.push_str("以下"),
        }
        out
    }

    /// Whether the two are measured in the same unit: equal after [`unit_key`], or one of them has no unit
    /// written (a table that states the unit once, in the indicator's name or the header).
    pub fn same_unit(&self, other: &Quantity) -> bool {
        self.unit.is_empty() || other.unit.is_empty() || unit_key(&self.unit) == unit_key(&other.unit)
    }

    /// Exact comparison of the amounts, `None` when the units differ.
    pub fn compare(&self, other: &Quantity) -> Option<Ordering> {
        if self.same_unit(other) {
            self.amount.compare(other.amount)
        } else {
            None
        }
    }

    /// Whether two quantities state the same figure within the precision they were printed with:
    /// `232.36万件` agrees with `2,323,642件`, `10,000人` does not agree with `8,000人`. Units must agree too.
    pub fn agrees_with(&self, other: &Quantity) -> bool {
        if !self.same_unit(other) {
            return false;
        }
        let Some(diff) = self.amount.checked_sub(other.amount) else { return false };
        let res = self.resolution.max(other.resolution);
        // half a unit of the coarser printed digit
        let tolerance = if res <= 0 {
            Dec::new(5, u32::try_from(1 - res).unwrap_or(u32::MAX))
        } else {
            match Dec::from_int(5).shift(u32::try_from(res - 1).unwrap_or(0)) {
                Some(t) => t,
                None => return false,
            }
        };
        diff.abs().compare(tolerance).is_some_and(|o| o != Ordering::Greater)
    }
}

/// The unit as compared: counters that mean the same thing are merged (名 → 人, 社 → 企業) and a per-year suffix
/// (`人/年`) is dropped, since every KPI figure here is for one fiscal year. Nothing else is guessed.
pub fn unit_key(unit: &str) -> String {
    let u = unit.strip_suffix("/年").unwrap_or(unit);
    match u {
        "名" => "人".to_string(),
        "社" => "企業".to_string(),
        other => other.to_string(),
    }
}

/// Width normalisation: full-width ASCII to ASCII (`４８．２％` → `48.2%`), ideographic space to space, the
/// dash look-alikes to `-`, 【】〔〕 to ().
pub fn normalize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => '-',
            '【' | '〔' => '(',
            '】' | '〕' => ')',
            _ => c,
        })
        .collect()
}

fn is_dash_only(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c, '-' | 'ー' | '―' | ' '))
}

/// Parses a value as printed. Never fails: what is not understood is [`ValueKind::Qualitative`].
pub fn parse(raw: &str) -> Value {
    let norm = normalize(raw.trim());
    let mut value = Value {
        raw: raw.to_string(),
        kind: ValueKind::Qualitative,
        provisional: false,
        previous: None,
        notes: Vec::new(),
    };
    if norm.is_empty() {
        value.kind = ValueKind::Empty;
        return value;
    }
    let mut s = norm.as_str();
    // Trailing remarks: (変更前:…), (見込), (累計８), (※), 見込み.
    loop {
        s = s.trim_end();
        if s.ends_with(')') {
            let Some(open) = matching_open(s) else { break };
            let inner = s[open + 1..s.len() - 1].trim();
            s = &s[..open];
            if let Some(rest) = inner.strip_prefix("変更前") {
                let rest = rest.trim_start_matches([':', ' ']);
                value.previous = Some(Box::new(parse(rest)));
            } else if inner == "見込" || inner == "見込み" {
                value.provisional = true;
            } else {
                value.notes.insert(0, inner.to_string());
            }
        } else if let Some(rest) = s.strip_suffix("見込み").or_else(|| s.strip_suffix("見込")) {
            value.provisional = true;
            s = rest;
        } else if let Some(rest) = s.strip_suffix('※') {
            value.notes.insert(0, "※".to_string());
            s = rest;
        } else {
            break;
        }
    }
    let s = s.trim();
    if s.is_empty() {
        value.kind = if value.previous.is_some() { ValueKind::NotSet } else { ValueKind::Qualitative };
        return value;
    }
    if is_dash_only(s) {
        value.kind = ValueKind::NotSet;
        return value;
    }
    if s.chars().any(is_circled_number) {
        let parts: Option<Vec<Quantity>> =
            s.split(is_circled_number).map(str::trim).filter(|p| !p.is_empty()).map(parse_quantity).collect();
        if let Some(parts) = parts.filter(|p| !p.is_empty()) {
            value.kind = ValueKind::Parts { parts };
        }
        return value;
    }
    if let Some(q) = parse_quantity(s) {
        value.kind = ValueKind::Quantity(q);
    }
    value
}

fn is_circled_number(c: char) -> bool {
    ('\u{2460}'..='\u{2473}').contains(&c)
}

/// The byte index of the `(` matching the `)` that ends `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Scales written after a number, longest first, with their power of ten.
const SCALES: &[(&str, u32)] = &[("百万", 6), ("千万", 7), ("万", 4), ("億", 8), ("兆", 12), ("千", 3), ("百", 2)];

/// Words that make the text after a number a sentence, not a unit (`6月集計`, `４件増加`).
const NOT_A_UNIT: &[&str] = &[
    "集計", "予定", "維持", "基本", "増", "減", "時点", "まで", "から", "達成", "実施", "策定", "検討", "~", "、", "。",
];

/// The longest unit accepted, in characters (`ポイント`, `経営体`, `円/kg`).
const MAX_UNIT_CHARS: usize = 6;

fn parse_quantity(s: &str) -> Option<Quantity> {
    let mut rest = s.trim();
    let mut approx = false;
    let mut qualifier = None;
    loop {
        if let Some(r) = ["約", "ほぼ", "概ね", "おおむね"].iter().find_map(|p| rest.strip_prefix(p)) {
            approx = true;
            rest = r.trim_start();
        } else if let Some((p, r)) = ["累計", "延べ"].iter().find_map(|p| rest.strip_prefix(p).map(|r| (*p, r))) {
            qualifier = Some(p.to_string());
            rest = r.trim_start();
        } else {
            break;
        }
    }
    let neg = if let Some(r) = rest.strip_prefix(['-', '▲', '△']) {
        rest = r;
        true
    } else {
        rest = rest.strip_prefix('+').unwrap_or(rest);
        false
    };
    let mut total: Option<Dec> = None;
    let mut resolution: i32;
    let mut last_scale = u32::MAX;
    let mut unit_override = None;
    loop {
        let (num, after) = read_number(rest)?;
        rest = after;
        let (scale, after) = match SCALES.iter().find_map(|(w, p)| rest.strip_prefix(w).map(|r| (*p, r))) {
            Some((p, r)) => (p, r),
            None => (0, rest),
        };
        rest = after;
        if scale >= last_scale {
            return None;
        }
        let mut n = num.shift(scale)?;
        let places = i32::try_from(num.places()).ok()?;
        resolution = i32::try_from(scale).ok()? - places;
        if total.is_none() && scale == 0 {
            if let Some(r) = rest.strip_prefix('割') {
                // 5割 = 50 %
                n = num.shift(1)?;
                resolution = 1 - places;
                rest = r;
                unit_override = Some("%".to_string());
            }
        }
        total = Some(match total {
            Some(t) => t.checked_add(n)?,
            None => n,
        });
        last_scale = scale;
        if scale == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
            break;
        }
    }
    let mut amount = total?;
    if neg {
        amount = -amount;
    }
    let mut unit = rest.trim();
    let mut bound = Bound::Exact;
    if let Some(u) = unit.strip_suffix("以上") {
        bound = Bound::AtLeast;
        unit = u;
    } else if let Some(u) = unit.strip_suffix("以下").or_else(|| unit.strip_suffix("以内")) {
        bound = Bound::AtMost;
        unit = u;
    } else if let Some(u) = unit.strip_suffix("程度").or_else(|| unit.strip_suffix("前後")) {
        approx = true;
        unit = u;
    }
    let unit = unit.trim();
    if let Some(forced) = unit_override {
        if !unit.is_empty() {
            return None;
        }
        return Some(Quantity { amount, resolution, unit: forced, bound, approx, qualifier });
    }
    let valid_unit = unit.chars().count() <= MAX_UNIT_CHARS
        && !unit.chars().any(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')' | ',' | '.'))
        && !NOT_A_UNIT.iter().any(|w| unit.contains(w));
    valid_unit.then(|| Quantity { amount, resolution, unit: unit.to_string(), bound, approx, qualifier })
}

/// Reads `14,442`, `167.3`, `0`: digits with thousands commas and an optional fraction.
fn read_number(s: &str) -> Option<(Dec, &str)> {
    let bytes = s.as_bytes();
    let mut digits = String::new();
    let mut i = 0;
    let mut seen_dot = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits.push(char::from(b));
        } else if b == b',' && !seen_dot && !digits.is_empty() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            // thousands separator
        } else if b == b'.' && !seen_dot && !digits.is_empty() && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            seen_dot = true;
            digits.push('.');
        } else {
            break;
        }
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    Some((Dec::parse(&digits)?, &s[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(raw: &str) -> Quantity {
        match parse(raw).kind {
            ValueKind::Quantity(q) => q,
            other => panic!("{raw}: {other:?}"),
        }
    }

    fn amount(raw: &str) -> String {
        q(raw).amount.to_string()
    }

    #[test]
    fn percentages_half_and_full_width_are_the_same_number() {
        assert_eq!(amount("48.2%"), "48.2");
        assert_eq!(q("48.2%").unit, "%");
        assert_eq!(amount("４８．２％"), "48.2");
        assert_eq!(q("４８．２％").unit, "%");
        assert_eq!(q("４８．２％").resolution, -1);
        assert_eq!(parse("４８．２％").raw, "４８．２％");
    }

    #[test]
    fn thousands_commas_and_units() {
        assert_eq!(amount("14,442"), "14442");
        assert_eq!(q("14,442").unit, "");
        assert_eq!(amount("12,768時間"), "12768");
        assert_eq!(q("12,768時間").unit, "時間");
        assert_eq!(amount("1,281,958人／年"), "1281958");
        assert_eq!(q("1,281,958人／年").unit, "人/年");
    }

    #[test]
    fn japanese_scales_multiply_exactly() {
        assert_eq!(amount("40百万枚"), "40000000");
        assert_eq!(q("40百万枚").unit, "枚");
        let v = q("約3.7万時間");
        assert_eq!((v.amount.to_string(), v.unit.as_str(), v.approx), ("37000".to_string(), "時間", true));
        assert_eq!(amount("約７万６千人"), "76000");
        assert_eq!(amount("232.36万件"), "2323600");
        assert_eq!(q("232.36万件").resolution, 2);
        assert_eq!(amount("５万人"), "50000");
    }

    #[test]
    fn bounds_and_ratios() {
        let v = q("5割以上");
        assert_eq!((v.amount.to_string(), v.unit.as_str(), v.bound), ("50".to_string(), "%", Bound::AtLeast));
        let v = q("4以上");
        assert_eq!((v.amount.to_string(), v.unit.as_str(), v.bound), ("4".to_string(), "", Bound::AtLeast));
        let v = q("16.0時間以下");
        assert_eq!((v.amount.to_string(), v.unit.as_str(), v.bound), ("16".to_string(), "時間", Bound::AtMost));
        let v = q("170円／kg以内");
        assert_eq!((v.unit.as_str(), v.bound), ("円/kg", Bound::AtMost));
        assert_eq!(q("99％以上").bound, Bound::AtLeast);
        assert!(q("ほぼ100%").approx);
        assert!(q("100人程度").approx);
        assert_eq!(amount("-182円"), "-182");
        assert_eq!(amount("▲5"), "-5");
    }

    #[test]
    fn words_stay_qualitative_with_their_text() {
        for raw in ["現状維持を基本", "6月集計", "年間3件増", "４件増加", "８部８課", "事業費を確保した"]
        {
            let v = parse(raw);
            assert_eq!(v.kind, ValueKind::Qualitative, "{raw}");
            assert_eq!(v.raw, raw);
        }
    }

    #[test]
    fn dashes_and_blanks() {
        assert_eq!(parse("-").kind, ValueKind::NotSet);
        assert_eq!(parse("－").kind, ValueKind::NotSet);
        assert_eq!(parse("―").kind, ValueKind::NotSet);
        assert_eq!(parse("").kind, ValueKind::Empty);
        assert_eq!(parse("  ").kind, ValueKind::Empty);
        assert_eq!(parse("  ").raw, "  ");
    }

    #[test]
    fn changed_targets_keep_the_previous_value() {
        let v = parse("250万件(変更前:121万件)");
        assert_eq!(v.quantity().unwrap().amount.to_string(), "2500000");
        assert_eq!(v.previous.as_ref().unwrap().quantity().unwrap().amount.to_string(), "1210000");
        let v = parse("-(変更前：300)");
        assert_eq!(v.kind, ValueKind::NotSet);
        assert_eq!(v.previous.unwrap().quantity().unwrap().amount.to_string(), "300");
        let v = parse("138人(変更前:130人)");
        assert_eq!(v.quantity().unwrap().unit, "人");
    }

    #[test]
    fn provisional_and_remarks() {
        let v = parse("489件(見込)");
        assert!(v.provisional);
        assert_eq!(v.quantity().unwrap().amount.to_string(), "489");
        assert!(parse("164見込み").provisional);
        let v = parse("315件（※）");
        assert_eq!(v.notes, vec!["※".to_string()]);
        let v = parse("２団体（累計）");
        assert_eq!((v.quantity().unwrap().unit.as_str(), v.notes[0].as_str()), ("団体", "累計"));
        let v = parse("37.5%【2月1日時点】");
        assert_eq!((v.quantity().unwrap().amount.to_string(), v.notes[0].as_str()), ("37.5".to_string(), "2月1日時点"));
        assert_eq!(q("累計531施設").qualifier.as_deref(), Some("累計"));
        assert_eq!(q("延べ22事業").qualifier.as_deref(), Some("延べ"));
        assert_eq!(parse("1,000(新規追加)").notes, vec!["新規追加".to_string()]);
    }

    #[test]
    fn numbered_parts_in_one_cell() {
        let v = parse("①500時間 ②50企業");
        let ValueKind::Parts { parts } = v.kind else { panic!("{v:?}") };
        assert_eq!(parts.len(), 2);
        assert_eq!((parts[1].amount.to_string(), parts[1].unit.as_str()), ("50".to_string(), "企業"));
    }

    #[test]
    fn units_compare_only_when_they_agree() {
        assert_eq!(q("720人").compare(&q("480名")), Some(Ordering::Greater));
        assert_eq!(q("50企業").compare(&q("50社")), Some(Ordering::Equal));
        assert_eq!(q("110万PV").compare(&q("2,323,642件")), None);
        assert_eq!(q("30,000").compare(&q("24,595件")), Some(Ordering::Greater));
        assert_eq!(q("101万人").compare(&q("1,281,958人／年")), Some(Ordering::Less));
    }

    #[test]
    fn figures_agree_within_their_printed_precision() {
        assert!(q("232.36万件").agrees_with(&q("2,323,642件")));
        assert!(!q("10,000人").agrees_with(&q("8,000人")));
        assert!(!q("5,277人").agrees_with(&q("5,227人")));
        assert!(q("61.0%").agrees_with(&q("61.0％")));
        assert!(!q("70,000件").agrees_with(&q("70,000人")));
    }
}
