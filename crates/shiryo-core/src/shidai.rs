//! The 次第 (agenda page) as plain text, line for line as it is printed: title, 日時, 場所, agenda, 配付資料.

use crate::meeting::Meeting;
use crate::wareki::{formal_date, undecided_date, Era};
use crate::width::display_width;

/// Width of an A4 portrait text line in half-width columns (40 full-width characters at 10.5pt).
pub const LINE_COLUMNS: usize = 80;

/// The 日時 line's value: 令和５年６月５日（月）, or blanks to fill in by hand when the date is not decided.
pub fn date_label(meeting: &Meeting) -> String {
    match meeting.header.date {
        Some(date) => formal_date(date),
        None => undecided_date(Era::Reiwa),
    }
}

/// Centres `text` in a line of `columns` half-width columns with ideographic spaces.
fn centred(text: &str, columns: usize) -> String {
    let pad = columns.saturating_sub(display_width(text)) / 2 / 2;
    format!("{}{}", "\u{3000}".repeat(pad), text)
}

/// A labelled block: "○日時　value" with following values aligned under the first.
fn labelled(out: &mut Vec<String>, label: &str, values: &[String]) {
    let head = format!("○{label}\u{3000}");
    let indent = "\u{3000}".repeat(head.chars().count());
    let mut values = values.iter().filter(|v| !v.is_empty());
    match values.next() {
        Some(first) => out.push(format!("{head}{first}")),
        None => out.push(head.trim_end().to_string()),
    }
    out.extend(values.map(|v| format!("{indent}{v}")));
}

/// The 次第 as lines of plain text (no trailing newline).
pub fn render_text(meeting: &Meeting) -> String {
    let mut out = Vec::new();
    for line in &meeting.header.title_lines {
        out.push(centred(line, LINE_COLUMNS));
    }
    out.push(centred("次第", LINE_COLUMNS));
    out.push(String::new());
    labelled(&mut out, "日時", &[date_label(meeting), meeting.header.time_note.clone()]);
    labelled(&mut out, "場所", &meeting.header.place_lines);
    out.push(String::new());
    for numbered in meeting.numbered_agenda() {
        let indent = "\u{3000}".repeat(numbered.depth);
        out.push(format!("{indent}{}\u{3000}{}", numbered.label, numbered.item.title));
    }
    let materials = meeting.numbered_materials();
    if !materials.is_empty() {
        out.push(String::new());
        for m in materials {
            out.push(format!("【{}】{}", m.label, m.material.title));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::{AgendaItem, Material, MaterialKind, MeetingHeader};
    use chrono::NaiveDate;

    fn sample(date: Option<NaiveDate>) -> Meeting {
        let leaf = |id, title: &str, materials: Vec<Material>| AgendaItem {
            id,
            title: title.into(),
            materials,
            children: vec![],
        };
        let material = |id, title: &str| Material { id, title: title.into(), kind: MaterialKind::Text, empty: false };
        Meeting {
            id: 1,
            header: MeetingHeader {
                title_lines: vec!["第一本部・".into(), "第二本部合同会議".into()],
                date,
                time_note: "午後２時から".into(),
                place_lines: vec!["本庁舎".into(), "第一会議室".into()],
            },
            agenda: vec![
                leaf(1, "開会", vec![]),
                AgendaItem {
                    id: 2,
                    title: "議題".into(),
                    materials: vec![],
                    children: vec![leaf(3, "予算について", vec![material(1, "予算案"), material(2, "参考資料")])],
                },
                leaf(4, "閉会", vec![]),
            ],
        }
    }

    #[test]
    fn renders_the_agenda_page_line_by_line() {
        let text = render_text(&sample(NaiveDate::from_ymd_opt(2024, 4, 1)));
        insta::assert_snapshot!(text);
    }

    #[test]
    fn an_undecided_date_prints_blanks() {
        let text = render_text(&sample(None));
        assert!(
            text.contains("○日時\u{3000}令和\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日（\u{3000}）"),
            "{text}"
        );
    }
}
