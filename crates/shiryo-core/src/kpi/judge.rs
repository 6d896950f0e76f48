//! Judgement (達成状況) of one year: the actual against the target for the polarity, the progress rate, and the
//! grading preset that turns the outcome into the labels an organisation prints.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::indicator::Polarity;
use super::value::{Bound, Quantity, Value, ValueKind};

/// What the numbers say, before any labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The actual meets the target.
    Achieved,
    /// Short of the target but moved from the baseline toward it.
    Progressed,
    /// Short of the target and did not move from the baseline, or moved away.
    NoProgress,
    /// Short of the target; without a comparable baseline, progress cannot be told.
    Shortfall,
    /// Not measurable: a number, a unit or a target is missing.
    NotMeasurable,
}

impl Outcome {
    /// `Some(true)` achieved, `Some(false)` short of the target, `None` not measurable.
    pub fn achieved(self) -> Option<bool> {
        match self {
            Outcome::Achieved => Some(true),
            Outcome::Progressed | Outcome::NoProgress | Outcome::Shortfall => Some(false),
            Outcome::NotMeasurable => None,
        }
    }
}

/// Why a year could not be judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Unmeasurable {
    MissingTarget,
    MissingActual,
    /// The target or the actual is words, not a number.
    Qualitative,
    UnitMismatch {
        target_unit: String,
        actual_unit: String,
    },
    /// `①…②…` on one side only, or a different number of parts.
    PartsMismatch,
}

impl Unmeasurable {
    pub fn message_ja(&self) -> String {
        match self {
            Unmeasurable::MissingTarget => "目標値がありません".to_string(),
            Unmeasurable::MissingActual => "実績値がありません".to_string(),
            Unmeasurable::Qualitative => "数値でない値のため比較できません".to_string(),
            Unmeasurable::UnitMismatch { target_unit, actual_unit } => {
                format!("単位が異なります（目標「{target_unit}」・実績「{actual_unit}」）")
            }
            Unmeasurable::PartsMismatch => "目標と実績の項目（①②…）が対応していません".to_string(),
        }
    }
}

/// The judgement of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    pub outcome: Outcome,
    pub reason: Option<Unmeasurable>,
    /// (実績 − 基準) / (目標 − 基準), when all three are comparable numbers and the target differs from the baseline.
    pub progress_rate: Option<f64>,
}

impl Judgement {
    fn unmeasurable(reason: Unmeasurable) -> Judgement {
        Judgement { outcome: Outcome::NotMeasurable, reason: Some(reason), progress_rate: None }
    }
}

/// Judges one year's `actual` against its `target`, with the `baseline` to tell progress from none.
pub fn judge(target: &Value, actual: &Value, baseline: &Value, polarity: Polarity) -> Judgement {
    if target.is_blank() {
        return Judgement::unmeasurable(Unmeasurable::MissingTarget);
    }
    if actual.is_blank() {
        return Judgement::unmeasurable(Unmeasurable::MissingActual);
    }
    match (&target.kind, &actual.kind) {
        (ValueKind::Quantity(t), ValueKind::Quantity(a)) => judge_quantities(t, a, baseline.quantity(), polarity),
        (ValueKind::Parts { parts: ts }, ValueKind::Parts { parts: acts }) => {
            if ts.len() != acts.len() {
                return Judgement::unmeasurable(Unmeasurable::PartsMismatch);
            }
            let base_parts = match &baseline.kind {
                ValueKind::Parts { parts } if parts.len() == ts.len() => Some(parts),
                _ => None,
            };
            let judged: Vec<Judgement> = ts
                .iter()
                .zip(acts)
                .enumerate()
                .map(|(i, (t, a))| judge_quantities(t, a, base_parts.and_then(|b| b.get(i)), polarity))
                .collect();
            combine(judged)
        }
        (ValueKind::Parts { .. }, ValueKind::Quantity(_)) | (ValueKind::Quantity(_), ValueKind::Parts { .. }) => {
            Judgement::unmeasurable(Unmeasurable::PartsMismatch)
        }
        _ => Judgement::unmeasurable(Unmeasurable::Qualitative),
    }
}

/// All parts achieved → achieved; any part not measurable → not measurable; else the weakest shortfall.
fn combine(judged: Vec<Judgement>) -> Judgement {
    if let Some(j) = judged.iter().find(|j| j.outcome == Outcome::NotMeasurable) {
        return j.clone();
    }
    let outcome = if judged.iter().all(|j| j.outcome == Outcome::Achieved) {
        Outcome::Achieved
    } else if judged.iter().any(|j| j.outcome == Outcome::NoProgress) {
        Outcome::NoProgress
    } else if judged.iter().any(|j| j.outcome == Outcome::Shortfall) {
        Outcome::Shortfall
    } else {
        Outcome::Progressed
    };
    Judgement { outcome, reason: None, progress_rate: None }
}

/// Whether `actual` meets `target`: a bound on the target decides the direction, else the polarity.
pub fn meets(target: &Quantity, actual: &Quantity, polarity: Polarity) -> Option<bool> {
    let ord = actual.compare(target)?;
    Some(match (target.bound, polarity) {
        (Bound::AtLeast, _) | (Bound::Exact, Polarity::HigherIsBetter) => ord != Ordering::Less,
        (Bound::AtMost, _) | (Bound::Exact, Polarity::LowerIsBetter) => ord != Ordering::Greater,
        (Bound::Exact, Polarity::Keep) => ord == Ordering::Equal,
    })
}

fn judge_quantities(t: &Quantity, a: &Quantity, base: Option<&Quantity>, polarity: Polarity) -> Judgement {
    let Some(met) = meets(t, a, polarity) else {
        return Judgement::unmeasurable(Unmeasurable::UnitMismatch {
            target_unit: t.unit.clone(),
            actual_unit: a.unit.clone(),
        });
    };
    // a bound on the target overrides the polarity (16.0時間以下 is lower-is-better whatever was inferred)
    let polarity = match t.bound {
        Bound::AtLeast => Polarity::HigherIsBetter,
        Bound::AtMost => Polarity::LowerIsBetter,
        Bound::Exact => polarity,
    };
    let base = base.filter(|b| b.same_unit(t) && b.same_unit(a));
    let progress_rate = base.and_then(|b| progress_rate(b, t, a));
    let outcome = if met {
        Outcome::Achieved
    } else {
        match base {
            None => Outcome::Shortfall,
            Some(b) => {
                let toward = match polarity {
                    Polarity::HigherIsBetter => a.compare(b) == Some(Ordering::Greater),
                    Polarity::LowerIsBetter => a.compare(b) == Some(Ordering::Less),
                    Polarity::Keep => {
                        let gap_now = a.amount.checked_sub(t.amount).map(|d| d.abs());
                        let gap_then = b.amount.checked_sub(t.amount).map(|d| d.abs());
                        matches!((gap_now, gap_then), (Some(n), Some(w)) if n.compare(w) == Some(Ordering::Less))
                    }
                };
                if toward {
                    Outcome::Progressed
                } else {
                    Outcome::NoProgress
                }
            }
        }
    };
    Judgement { outcome, reason: None, progress_rate }
}

/// (実績 − 基準) / (目標 − 基準); `None` when the target equals the baseline.
pub fn progress_rate(baseline: &Quantity, target: &Quantity, actual: &Quantity) -> Option<f64> {
    let span = target.amount.checked_sub(baseline.amount)?;
    if span.is_zero() {
        return None;
    }
    let done = actual.amount.checked_sub(baseline.amount)?;
    Some(done.to_f64() / span.to_f64())
}

/// How a printed 達成状況 reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintedClass {
    Achieved,
    NotAchieved,
    NotMeasurable,
    /// A label the preset does not know.
    Unknown,
}

/// The grading rule and its labels: organisations print 達成 / 一部達成 (the seed), or add 未達成, or use S/A/B/C.
/// A user's own preset is the same struct read from JSON (every label required).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    pub code: String,
    pub name_ja: String,
    pub achieved: String,
    pub progressed: String,
    pub no_progress: String,
    /// For a shortfall whose progress cannot be told (no comparable baseline).
    pub shortfall: String,
    pub not_measurable: String,
    /// A grade above 達成 for an actual well beyond its target (the S of S/A/B/C); absent in most presets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceeded: Option<Exceeded>,
}

/// The grade above 達成: its label and the progress rate (実績 − 基準) / (目標 − 基準), in percent, from which it
/// applies (120: the actual went a fifth further than the target asked for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exceeded {
    pub label: String,
    pub from_percent: u32,
}

impl Preset {
    /// 達成 / 一部達成 / －: every shortfall is 一部達成 (資料2-1 and 2-2 of the seed).
    pub fn two_level() -> Preset {
        Preset {
            code: "two-level".to_string(),
            name_ja: "2段階（達成・一部達成）".to_string(),
            achieved: "達成".to_string(),
            progressed: "一部達成".to_string(),
            no_progress: "一部達成".to_string(),
            shortfall: "一部達成".to_string(),
            not_measurable: "－".to_string(),
            exceeded: None,
        }
    }

    /// 達成 / 一部達成 / 未達成 / －: 一部達成 only when the actual moved from the baseline toward the target; a
    /// shortfall without a baseline is 未達成 (no progress can be shown).
    pub fn three_level() -> Preset {
        Preset {
            code: "three-level".to_string(),
            name_ja: "3段階（達成・一部達成・未達成）".to_string(),
            achieved: "達成".to_string(),
            progressed: "一部達成".to_string(),
            no_progress: "未達成".to_string(),
            shortfall: "未達成".to_string(),
            not_measurable: "－".to_string(),
            exceeded: None,
        }
    }

    /// S / A / B / C against the 基準値: S when achieved with a progress rate of 120 % or more, A achieved, B
    /// short of the target but moved from the baseline toward it, C did not move or moved away (and a shortfall
    /// whose progress cannot be shown for want of a baseline), － not measurable.
    pub fn s_a_b_c() -> Preset {
        Preset {
            code: "s-a-b-c".to_string(),
            name_ja: "4段階（S・A・B・C）".to_string(),
            achieved: "A".to_string(),
            progressed: "B".to_string(),
            no_progress: "C".to_string(),
            shortfall: "C".to_string(),
            not_measurable: "－".to_string(),
            exceeded: Some(Exceeded { label: "S".to_string(), from_percent: 120 }),
        }
    }

    pub fn by_code(code: &str) -> Option<Preset> {
        match code {
            "two-level" => Some(Preset::two_level()),
            "three-level" => Some(Preset::three_level()),
            "s-a-b-c" => Some(Preset::s_a_b_c()),
            _ => None,
        }
    }

    /// The preset whose labels the printed statuses use: S/A/B/C when they are letters, three-level when any says
    /// 未達成, else two-level.
    pub fn matching<'a>(printed: impl IntoIterator<Item = &'a str>) -> Preset {
        let three = Preset::three_level();
        let printed: Vec<&str> = printed.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect();
        let letter = |s: &&str| matches!(*s, "S" | "A" | "B" | "C" | "Ｓ" | "Ａ" | "Ｂ" | "Ｃ");
        if printed.iter().any(letter) && !printed.iter().any(|s| s.contains("達成")) {
            Preset::s_a_b_c()
        } else if printed.contains(&three.no_progress.as_str()) {
            three
        } else {
            Preset::two_level()
        }
    }

    /// Whether every label is written (an empty label would make a status unreadable).
    pub fn is_complete(&self) -> bool {
        [&self.achieved, &self.progressed, &self.no_progress, &self.shortfall, &self.not_measurable]
            .iter()
            .all(|l| !l.trim().is_empty())
            && self.exceeded.as_ref().is_none_or(|e| !e.label.trim().is_empty())
    }

    /// The label of a judgement: [`Preset::label`] of its outcome, or the grade above 達成 when the progress rate
    /// reaches it.
    pub fn status(&self, judgement: &Judgement) -> &str {
        if let (Outcome::Achieved, Some(e), Some(rate)) = (judgement.outcome, &self.exceeded, judgement.progress_rate) {
            if rate * 100.0 >= f64::from(e.from_percent) - 1e-9 {
                return &e.label;
            }
        }
        self.label(judgement.outcome)
    }

    pub fn label(&self, outcome: Outcome) -> &str {
        match outcome {
            Outcome::Achieved => &self.achieved,
            Outcome::Progressed => &self.progressed,
            Outcome::NoProgress => &self.no_progress,
            Outcome::Shortfall => &self.shortfall,
            Outcome::NotMeasurable => &self.not_measurable,
        }
    }

    /// Reads a printed label: this preset's own (full- and half-width alike: Ａ is A), plus the dashes and an
    /// empty cell as not measurable.
    pub fn classify(&self, printed: &str) -> PrintedClass {
        let norm = |s: &str| crate::kpi::value::normalize(s.trim());
        let p = norm(printed);
        let is = |label: &str| p == norm(label);
        if is(&self.achieved) || self.exceeded.as_ref().is_some_and(|e| is(&e.label)) {
            PrintedClass::Achieved
        } else if is(&self.progressed) || is(&self.no_progress) || is(&self.shortfall) {
            PrintedClass::NotAchieved
        } else if p.is_empty() || is(&self.not_measurable) || matches!(p.as_str(), "-" | "―" | "ー") {
            PrintedClass::NotMeasurable
        } else {
            PrintedClass::Unknown
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::value::parse;
    use super::*;

    fn j(target: &str, actual: &str, baseline: &str, p: Polarity) -> Judgement {
        judge(&parse(target), &parse(actual), &parse(baseline), p)
    }

    #[test]
    fn lower_is_better_hours_above_target_are_not_achieved() {
        let r = j("165.6時間", "167.3時間", "169", Polarity::LowerIsBetter);
        assert_eq!(r.outcome, Outcome::Progressed);
        let rate = r.progress_rate.unwrap();
        assert!((rate - (169.0 - 167.3) / (169.0 - 165.6)).abs() < 1e-9, "{rate}");
        assert_eq!(j("165.6時間", "167.3時間", "", Polarity::LowerIsBetter).outcome, Outcome::Shortfall);
        assert_eq!(j("40百万枚", "35百万枚", "40百万枚", Polarity::LowerIsBetter).outcome, Outcome::Achieved);
    }

    #[test]
    fn bounds_decide_the_direction() {
        assert_eq!(j("4以上", "3.59", "", Polarity::HigherIsBetter).outcome, Outcome::Shortfall);
        assert_eq!(j("99%以上", "100%", "", Polarity::HigherIsBetter).outcome, Outcome::Achieved);
        assert_eq!(j("16.0時間以下", "17.8時間", "18.8時間", Polarity::HigherIsBetter).outcome, Outcome::Progressed);
    }

    #[test]
    fn higher_is_better_with_and_without_progress() {
        assert_eq!(j("61.0%", "47.3%", "48.2%", Polarity::HigherIsBetter).outcome, Outcome::NoProgress);
        assert_eq!(j("61.0％", "52%", "48.2%", Polarity::HigherIsBetter).outcome, Outcome::Progressed);
        assert_eq!(j("５万人", "80,119人", "", Polarity::HigherIsBetter).outcome, Outcome::Achieved);
        assert_eq!(j("150人", "319名", "", Polarity::HigherIsBetter).outcome, Outcome::Achieved);
    }

    #[test]
    fn what_cannot_be_compared_is_not_measurable() {
        let r = j("110万PV", "2,323,642件", "", Polarity::HigherIsBetter);
        assert_eq!(r.outcome, Outcome::NotMeasurable);
        assert!(matches!(r.reason, Some(Unmeasurable::UnitMismatch { .. })));
        assert_eq!(j("", "1", "", Polarity::HigherIsBetter).reason, Some(Unmeasurable::MissingTarget));
        assert_eq!(j("1", "－", "", Polarity::HigherIsBetter).reason, Some(Unmeasurable::MissingActual));
        assert_eq!(j("年間3件増", "４件増加", "", Polarity::HigherIsBetter).reason, Some(Unmeasurable::Qualitative));
    }

    #[test]
    fn numbered_parts_must_all_be_met() {
        assert_eq!(j("①500時間 ②50社", "①823時間 ②50社", "", Polarity::HigherIsBetter).outcome, Outcome::Achieved);
        assert_eq!(j("①500時間 ②50社", "①823時間 ②40社", "", Polarity::HigherIsBetter).outcome, Outcome::Shortfall);
        assert_eq!(j("①500時間 ②50社", "823時間", "", Polarity::HigherIsBetter).outcome, Outcome::NotMeasurable);
    }

    #[test]
    fn presets_label_and_read_statuses() {
        let two = Preset::two_level();
        let three = Preset::three_level();
        assert_eq!(two.label(Outcome::NoProgress), "一部達成");
        assert_eq!(three.label(Outcome::NoProgress), "未達成");
        assert_eq!(three.label(Outcome::Progressed), "一部達成");
        assert_eq!(two.classify("一部達成"), PrintedClass::NotAchieved);
        assert_eq!(two.classify("－"), PrintedClass::NotMeasurable);
        assert_eq!(two.classify("S"), PrintedClass::Unknown);
        assert_eq!(Preset::matching(["達成", "一部達成"]).code, "two-level");
        let own: Preset = serde_json::from_str(
            r#"{"code": "abcd", "name_ja": "4段階", "achieved": "A", "progressed": "B", "no_progress": "C",
                "shortfall": "C", "not_measurable": "D"}"#,
        )
        .unwrap();
        assert!(own.is_complete());
        assert_eq!((own.label(Outcome::Progressed), own.classify("C")), ("B", PrintedClass::NotAchieved));
        assert_eq!(Preset::matching(["達成", "未達成"]).code, "three-level");
    }

    #[test]
    fn s_a_b_c_grades_against_the_baseline() {
        let p = Preset::s_a_b_c();
        let status = |t: &str, a: &str, b: &str, pol| p.status(&j(t, a, b, pol)).to_string();
        // 40 → 12 百万枚 (lower is better): 35 is short but moved (B); 12 meets it (A); 5 goes 125 % of the way (S).
        assert_eq!(status("12百万枚", "35百万枚", "40百万枚", Polarity::LowerIsBetter), "B");
        assert_eq!(status("12百万枚", "12百万枚", "40百万枚", Polarity::LowerIsBetter), "A");
        assert_eq!(status("12百万枚", "5百万枚", "40百万枚", Polarity::LowerIsBetter), "S");
        // 48.2 % → 61.0 %: 47.3 % moved away (C); 64 % is 123 % of the way (S); no baseline: achieved is A.
        assert_eq!(status("61.0%", "47.3%", "48.2%", Polarity::HigherIsBetter), "C");
        assert_eq!(status("61.0%", "64%", "48.2%", Polarity::HigherIsBetter), "S");
        assert_eq!(status("61.0%", "64%", "", Polarity::HigherIsBetter), "A");
        assert_eq!(status("61.0%", "", "48.2%", Polarity::HigherIsBetter), "－");
        assert_eq!(
            (p.classify("S"), p.classify("Ａ"), p.classify("C")),
            (PrintedClass::Achieved, PrintedClass::Achieved, PrintedClass::NotAchieved)
        );
        assert_eq!(Preset::matching(["S", "A", "C"]).code, "s-a-b-c");
        assert_eq!(Preset::by_code("s-a-b-c"), Some(p));
        // A user's JSON preset without the grade above 達成 still reads.
        let own: Preset = serde_json::from_str(
            r#"{"code": "x", "name_ja": "x", "achieved": "A", "progressed": "B", "no_progress": "C",
                "shortfall": "C", "not_measurable": "D"}"#,
        )
        .unwrap();
        assert_eq!(own.exceeded, None);
    }
}
