//! KPI review, pure: values as printed, indicators with polarity, judgement presets and progress rates, lint
//! findings with codes and Japanese messages, and per-field roll-ups like 資料2-1. No I/O: import is in `shiryo-kpi`.

pub mod decimal;
pub mod indicator;
pub mod judge;
pub mod lint;
pub mod rollup;
pub mod value;

pub use decimal::Dec;
pub use indicator::{attach_plan, FiscalYear, Indicator, Polarity, PolaritySource, Project};
pub use judge::{judge, Exceeded, Judgement, Outcome, Preset, PrintedClass, Unmeasurable};
pub use lint::{cross_check, review, Finding, FindingCode, IndicatorReview, Severity, YearReview};
pub use rollup::{differences, projects, rollup, Basis, FieldSpec, ProjectEntry, ProjectStatus, RollupRow};
pub use value::{parse as parse_value, Bound, Quantity, Value, ValueKind};

#[cfg(test)]
mod proptests {
    use proptest::prelude::*;

    use super::value::parse;

    proptest! {
        #[test]
        fn the_parser_never_panics_and_keeps_the_raw_string(s in "\\PC{0,40}") {
            let v = parse(&s);
            prop_assert_eq!(&v.raw, &s);
        }

        #[test]
        fn value_like_strings_keep_the_raw_string(
            s in "[約ほぼ累計延べ▲-]{0,2}[0-9０-９,，.．]{0,12}(万|百万|千|億|割)?[0-9]{0,3}(%|％|人|名|件|時間|円／kg)?(以上|以下|以内|程度)?(\\((変更前:|見込)?[0-9,万]{0,6}\\))?"
        ) {
            let v = parse(&s);
            prop_assert_eq!(&v.raw, &s);
            if let Some(prev) = &v.previous {
                prop_assert!(s.contains(prev.raw.as_str()));
            }
        }

        #[test]
        fn plain_numbers_round_trip_exactly(n in -1_000_000_000i64..1_000_000_000, places in 0u32..4) {
            let d = super::Dec::new(i128::from(n), places);
            let v = parse(&d.to_string());
            prop_assert_eq!(v.quantity().map(|q| q.amount), Some(d));
        }
    }
}
