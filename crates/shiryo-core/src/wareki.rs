//! 和暦: Japanese era dates as formal documents print them (令和５年６月５日（月）, 令和元年, 令和４年度, R4).

use chrono::{Datelike, NaiveDate, Weekday};

use crate::width::fullwidth_number;

/// A Japanese era (元号) of the modern calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// All eras, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name as printed: 令和.
    pub fn name(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The Latin initial used in short labels: R for 令和 (R4).
    pub fn initial(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The first day of the era in the Gregorian calendar (令和: 2019-05-01).
    pub fn first_day(self) -> NaiveDate {
        let (y, m, d) = match self {
            // 明治 formally began on 1868-01-25 (Gregorian) by the 改元 of 1868-10-23; dates before the
            // 1873 switch to the Gregorian calendar are outside what meeting documents print.
            Era::Meiji => (1868, 1, 25),
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The era in effect on `date`, or `None` before 明治.
    pub fn of(date: NaiveDate) -> Option<Era> {
        Era::ALL.iter().rev().copied().find(|era| era.first_day() <= date)
    }
}

/// A year of an era: 令和 5. Year 1 prints as 元年.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarekiYear {
    pub era: Era,
    pub year: u32,
}

impl WarekiYear {
    /// The era year of `date` (2019-04-30 is 平成31年, 2019-05-01 is 令和元年).
    pub fn of_date(date: NaiveDate) -> Option<WarekiYear> {
        let era = Era::of(date)?;
        let year = u32::try_from(date.year() - era.first_day().year() + 1).ok()?;
        Some(WarekiYear { era, year })
    }

    /// The era year by which a Gregorian calendar year (or a fiscal year starting in it) is named: the era in
    /// effect at the end of that year. So 2019 is 令和元年 and fiscal 2019 is 令和元年度 (as the government named
    /// it), while fiscal 1988 stays 昭和６３年度 and fiscal 1989 is 平成元年度.
    pub fn of_year(year: i32) -> Option<WarekiYear> {
        WarekiYear::of_date(NaiveDate::from_ymd_opt(year, 12, 31)?)
    }

    /// 令和５年 / 令和元年, with full-width digits.
    pub fn formal(self) -> String {
        format!("{}{}年", self.era.name(), self.year_text())
    }

    /// 元 for year 1, the year in full-width digits otherwise.
    fn year_text(self) -> String {
        if self.year == 1 {
            "元".to_string()
        } else {
            fullwidth_number(self.year)
        }
    }
}

/// The one-character weekday used in brackets after a date: 月 for Monday.
pub fn weekday_kanji(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// A date as formal documents print it: 令和５年６月５日（月）. Before 明治, the Gregorian year is used.
pub fn formal_date(date: NaiveDate) -> String {
    format!("{}（{}）", formal_day(date), weekday_kanji(date.weekday()))
}

/// The same date without its weekday, as a file name, a stamp or a note carries it: 令和５年６月５日.
pub fn formal_day(date: NaiveDate) -> String {
    let year = match WarekiYear::of_date(date) {
        Some(y) => y.formal(),
        None => format!("{}年", fullwidth_number(date.year().unsigned_abs())),
    };
    format!("{year}{}月{}日", fullwidth_number(date.month()), fullwidth_number(date.day()))
}

/// The placeholder printed where a meeting's date is not yet decided: 令和　　年　　月　　日（　）.
pub fn undecided_date(era: Era) -> String {
    format!("{}　　年　　月　　日（　）", era.name())
}

/// A fiscal year (April to March) named by the calendar year it starts in: 2022 → 令和４年度.
pub fn fiscal_year_label(start_year: i32) -> String {
    match WarekiYear::of_year(start_year) {
        Some(y) => format!("{}度", y.formal()),
        None => format!("{}年度", fullwidth_number(start_year.unsigned_abs())),
    }
}

/// The short fiscal-year label used in table headings: 2022 → R4, 2019 → R1.
pub fn fiscal_year_short(start_year: i32) -> String {
    match WarekiYear::of_year(start_year) {
        Some(y) => format!("{}{}", y.era.initial(), y.year),
        None => start_year.to_string(),
    }
}

/// The fiscal year (by its starting calendar year) that contains `date`: 2023-06-05 → 2023, 2024-03-31 → 2023.
pub fn fiscal_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_seed_meeting_date_prints_as_on_the_shidai() {
        assert_eq!(formal_date(d(2023, 6, 5)), "令和５年６月５日（月）");
    }

    #[test]
    fn reiwa_begins_on_2019_05_01_as_gannen() {
        assert_eq!(formal_date(d(2019, 4, 30)), "平成３１年４月３０日（火）");
        assert_eq!(formal_date(d(2019, 5, 1)), "令和元年５月１日（水）");
        assert_eq!(formal_date(d(2020, 1, 1)), "令和２年１月１日（水）");
    }

    #[test]
    fn heisei_and_showa_boundaries() {
        assert_eq!(formal_date(d(1989, 1, 7)), "昭和６４年１月７日（土）");
        assert_eq!(formal_date(d(1989, 1, 8)), "平成元年１月８日（日）");
        assert_eq!(formal_date(d(1926, 12, 25)), "昭和元年１２月２５日（土）");
        assert_eq!(formal_date(d(1926, 12, 24)), "大正１５年１２月２４日（金）");
    }

    #[test]
    fn fiscal_years_are_named_like_the_government_does() {
        assert_eq!(fiscal_year_label(2022), "令和４年度");
        assert_eq!(fiscal_year_label(2019), "令和元年度");
        assert_eq!(fiscal_year_label(2018), "平成３０年度");
        assert_eq!(fiscal_year_label(1988), "昭和６３年度");
        assert_eq!(fiscal_year_label(1989), "平成元年度");
        assert_eq!(fiscal_year_short(2022), "R4");
        assert_eq!(fiscal_year_short(2019), "R1");
        assert_eq!(fiscal_year_short(2018), "H30");
    }

    #[test]
    fn fiscal_year_turns_in_april() {
        assert_eq!(fiscal_year_of(d(2023, 6, 5)), 2023);
        assert_eq!(fiscal_year_of(d(2024, 3, 31)), 2023);
        assert_eq!(fiscal_year_of(d(2024, 4, 1)), 2024);
    }

    #[test]
    fn every_day_of_the_reiwa_boundary_year_has_one_era() {
        let mut day = d(2019, 1, 1);
        while day <= d(2019, 12, 31) {
            let y = WarekiYear::of_date(day).unwrap();
            let expected = if day < d(2019, 5, 1) { (Era::Heisei, 31) } else { (Era::Reiwa, 1) };
            assert_eq!((y.era, y.year), expected, "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn undecided_dates_leave_blanks() {
        assert_eq!(undecided_date(Era::Reiwa), "令和　　年　　月　　日（　）");
    }
}
