//! The meeting, its agenda tree and the 資料 attached to agenda items, with every number derived from position.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::numbering::{agenda_label, material_label};

/// What a 資料 contains; later engines render each kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MaterialKind {
    /// A text document (pasted, .txt or .docx).
    Text,
    /// A KPI table (基準値, 目標値, 実績値, 達成状況).
    KpiTable,
    /// A 新旧対照表 generated from an old and a new text.
    Shinkyu,
    /// A PDF a department sent, merged into the packet as it is.
    ImportedPdf,
    /// A 表 資料: a sheet (.csv, .xlsx, .ods) printed with the columns, groups and orientation the person chose.
    Table,
    /// A Word, Excel or PowerPoint file (or its OpenDocument kin), kept byte for byte and converted to PDF when
    /// added; printed from that PDF like an imported one.
    Office,
}

impl MaterialKind {
    pub const ALL: [MaterialKind; 6] = [
        MaterialKind::Text,
        MaterialKind::KpiTable,
        MaterialKind::Shinkyu,
        MaterialKind::ImportedPdf,
        MaterialKind::Table,
        MaterialKind::Office,
    ];

    /// The stable code stored in the workspace.
    pub fn code(self) -> &'static str {
        match self {
            MaterialKind::Text => "text",
            MaterialKind::KpiTable => "kpi_table",
            MaterialKind::Shinkyu => "shinkyu",
            MaterialKind::ImportedPdf => "imported_pdf",
            MaterialKind::Table => "table",
            MaterialKind::Office => "office",
        }
    }

    pub fn from_code(code: &str) -> Option<MaterialKind> {
        MaterialKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The kind's name in the UI: 文書, ＫＰＩ表, 新旧対照表, ＰＤＦ, Ｏｆｆｉｃｅ文書.
    pub fn name_ja(self) -> &'static str {
        match self {
            MaterialKind::Text => "文書",
            MaterialKind::KpiTable => "ＫＰＩ表",
            MaterialKind::Shinkyu => "新旧対照表",
            MaterialKind::ImportedPdf => "ＰＤＦ",
            MaterialKind::Table => "表",
            MaterialKind::Office => "Ｏｆｆｉｃｅ文書",
        }
    }
}

/// The part of a meeting printed above the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MeetingHeader {
    /// The meeting's name, one line per organising body for a 合同会議.
    pub title_lines: Vec<String>,
    /// `None` until the date is decided (a duplicated meeting starts without one).
    pub date: Option<NaiveDate>,
    /// A time or note printed under the date: ※午前９時からの部長会議終了後.
    pub time_note: String,
    /// The place, one line each (building, room).
    pub place_lines: Vec<String>,
}

/// A 資料 as the agenda knows it; its content lives in the workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Material {
    pub id: i64,
    pub title: String,
    pub kind: MaterialKind,
    /// True when nothing has been put in the 資料 yet (it would print as an empty handout).
    pub empty: bool,
}

/// One agenda item; its number comes from its position among its siblings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: i64,
    pub title: String,
    pub materials: Vec<Material>,
    pub children: Vec<AgendaItem>,
}

/// A meeting with its agenda tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: i64,
    pub header: MeetingHeader,
    pub agenda: Vec<AgendaItem>,
}

/// An agenda item with the label its position gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedItem<'a> {
    pub item: &'a AgendaItem,
    /// 0 for top-level items (１ 開会), 1 for their children ((1)), …
    pub depth: usize,
    /// 1-based position among siblings.
    pub position: u32,
    pub label: String,
}

/// A 資料 with its derived label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberedMaterial<'a> {
    pub material: &'a Material,
    pub agenda_item_id: i64,
    /// The number of the agenda item it belongs to (２ in 資料２－４).
    pub major: u32,
    /// Its order within that item (４ in 資料２－４).
    pub minor: u32,
    pub label: String,
}

/// Something to fix before the packet is printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A listed 資料 has no content.
    EmptyMaterial { label: String, title: String },
    /// Two 資料 get the same label. The numbering makes none ([`Meeting::numbered_materials`]); the check stays as
    /// the print's last guard should a rule ever change.
    DuplicateLabel { label: String },
}

impl Meeting {
    /// The agenda in reading order with labels: １ 開会, ２ 議題, (1) …, ３ 閉会.
    pub fn numbered_agenda(&self) -> Vec<NumberedItem<'_>> {
        fn walk<'a>(items: &'a [AgendaItem], depth: usize, out: &mut Vec<NumberedItem<'a>>) {
            for (i, item) in items.iter().enumerate() {
                let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
                out.push(NumberedItem { item, depth, position, label: agenda_label(depth, position) });
                walk(&item.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.agenda, 0, &mut out);
        out
    }

    /// Every 資料 in agenda order, numbered by the 議題 it sits under. The 議題 of a meeting, in agenda order,
    /// are its second-level items ((1), (2) … under 議題, or under any other top-level heading) and each
    /// top-level item that holds 資料 itself (a 資料 on ３ 閉会); they are counted 1, 2, 3 … through the whole
    /// meeting, and that count is the label's first number. The second counts the 資料 of that 議題 and of
    /// everything below it (ア, (ア) …), in agenda order. So labels never collide: not through an indent (the
    /// 資料 of (3) moved under (2) continue (2)'s numbers), nor between a top-level item and a 議題 that share
    /// a printed number (a 資料 on ３ 閉会 after (1)…(3) is 資料４－１). With one heading 議題 and 資料 only on
    /// its items, as in the seed, the first number is the item's own: 資料２－４ is the fourth 資料 of (2).
    pub fn numbered_materials(&self) -> Vec<NumberedMaterial<'_>> {
        let mut out = Vec::new();
        // 議題 counted so far, and (number, 資料 counted so far) of the 議題 being numbered.
        let mut gidai: u32 = 0;
        let mut group: (u32, u32) = (0, 0);
        for numbered in self.numbered_agenda() {
            let starts = match numbered.depth {
                0 => !numbered.item.materials.is_empty(),
                1 => true,
                _ => false,
            };
            if starts {
                gidai = gidai.saturating_add(1);
                group = (gidai, 0);
            }
            for material in &numbered.item.materials {
                group.1 = group.1.saturating_add(1);
                let (major, minor) = group;
                out.push(NumberedMaterial {
                    material,
                    agenda_item_id: numbered.item.id,
                    major,
                    minor,
                    label: material_label(major, minor),
                });
            }
        }
        out
    }

    /// What would go wrong at the printer: empty 資料, clashing labels.
    pub fn check(&self) -> Vec<Finding> {
        let materials = self.numbered_materials();
        let mut findings = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for m in &materials {
            if !seen.insert(m.label.as_str()) {
                findings.push(Finding::DuplicateLabel { label: m.label.clone() });
            }
            if m.material.empty {
                findings.push(Finding::EmptyMaterial { label: m.label.clone(), title: m.material.title.clone() });
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: i64, title: &str, children: Vec<AgendaItem>, materials: &[&str]) -> AgendaItem {
        AgendaItem {
            id,
            title: title.to_string(),
            children,
            materials: materials
                .iter()
                .enumerate()
                .map(|(i, t)| Material {
                    id: id * 100 + i as i64,
                    title: t.to_string(),
                    kind: MaterialKind::Text,
                    empty: t.is_empty(),
                })
                .collect(),
        }
    }

    fn meeting(agenda: Vec<AgendaItem>) -> Meeting {
        Meeting { id: 1, header: MeetingHeader::default(), agenda }
    }

    #[test]
    fn materials_take_the_number_of_their_agenda_item() {
        let m = meeting(vec![
            item(1, "開会", vec![], &[]),
            item(2, "議題", vec![item(3, "a", vec![], &["x", "y"]), item(4, "b", vec![], &["z"])], &[]),
            item(5, "閉会", vec![], &[]),
        ]);
        let labels: Vec<String> = m.numbered_materials().into_iter().map(|n| n.label).collect();
        assert_eq!(labels, ["資料１－１", "資料１－２", "資料２－１"]);
        let agenda: Vec<String> =
            m.numbered_agenda().into_iter().map(|n| format!("{}{}", n.label, n.item.title)).collect();
        assert_eq!(agenda, ["１開会", "２議題", "(1)a", "(2)b", "３閉会"]);
    }

    #[test]
    fn a_material_below_a_sub_item_is_numbered_by_its_gidai_and_continues_its_numbers() {
        // (3) indented under (2) as ア: its 資料 follow (2)'s own, never a second 資料１－１ beside (1)'s.
        let m = meeting(vec![item(
            2,
            "議題",
            vec![
                item(3, "a", vec![], &["a1"]),
                item(4, "b", vec![item(5, "c", vec![item(6, "d", vec![], &["d1"])], &["c1", "c2"])], &["b1"]),
                item(7, "e", vec![], &["e1"]),
            ],
            &[],
        )]);
        let labels: Vec<(String, i64)> =
            m.numbered_materials().into_iter().map(|n| (n.label, n.agenda_item_id)).collect();
        assert_eq!(
            labels,
            [
                ("資料１－１".to_string(), 3),
                ("資料２－１".to_string(), 4),
                ("資料２－２".to_string(), 5),
                ("資料２－３".to_string(), 5),
                ("資料２－４".to_string(), 6),
                ("資料３－１".to_string(), 7),
            ]
        );
        assert!(m.check().is_empty(), "{:?}", m.check());
    }

    #[test]
    fn a_top_level_items_materials_never_share_a_label_with_a_gidai_of_the_same_number() {
        // 3 閉会 holds a 資料 and 2 議題 has a (3): both used to be 資料３－１. The top-level item that holds
        // 資料 itself is the next 議題 after (3), so its 資料 is 資料４－１; (1)…(3) keep the seed's numbers.
        let m = meeting(vec![
            item(1, "開会", vec![], &[]),
            item(
                2,
                "議題",
                vec![
                    item(3, "a", vec![], &["a1"]),
                    item(4, "b", vec![item(5, "ア", vec![], &["b1"])], &[]),
                    item(6, "c", vec![], &["c1", "c2"]),
                ],
                &[],
            ),
            item(7, "閉会", vec![], &["z1"]),
        ]);
        let labels: Vec<(String, i64)> =
            m.numbered_materials().into_iter().map(|n| (n.label, n.agenda_item_id)).collect();
        assert_eq!(
            labels,
            [
                ("資料１－１".to_string(), 3),
                ("資料２－１".to_string(), 5),
                ("資料３－１".to_string(), 6),
                ("資料３－２".to_string(), 6),
                ("資料４－１".to_string(), 7),
            ]
        );
        assert!(m.check().is_empty(), "{:?}", m.check());
    }

    #[test]
    fn two_headings_with_sub_items_number_their_gidai_through_the_meeting() {
        // 報告 (1)(2) and 議事 (1): 議事's (1) is the third 議題, not a second 資料１－….
        let m = meeting(vec![
            item(1, "報告", vec![item(2, "a", vec![], &["a1"]), item(3, "b", vec![], &[])], &["r1"]),
            item(4, "議事", vec![item(5, "c", vec![], &["c1"])], &[]),
        ]);
        let labels: Vec<String> = m.numbered_materials().into_iter().map(|n| n.label).collect();
        assert_eq!(labels, ["資料１－１", "資料２－１", "資料４－１"]);
        assert!(m.check().is_empty(), "{:?}", m.check());
    }

    #[test]
    fn inserting_an_item_renumbers_the_materials_after_it() {
        let mut m =
            meeting(vec![item(2, "議題", vec![item(3, "a", vec![], &["x"]), item(4, "b", vec![], &["z"])], &[])]);
        m.agenda[0].children.insert(0, item(9, "new", vec![], &[]));
        let labels: Vec<String> = m.numbered_materials().into_iter().map(|n| n.label).collect();
        assert_eq!(labels, ["資料２－１", "資料３－１"]);
    }

    #[test]
    fn check_reports_empty_materials_and_a_heading_with_materials_of_its_own_clashes_with_nothing() {
        // 報告 holds a 資料 itself and has a (1) with one: they used to be two 資料１－１.
        let m = meeting(vec![
            item(1, "報告", vec![item(3, "a", vec![], &["x"])], &["top"]),
            item(2, "閉会", vec![], &[""]),
        ]);
        let labels: Vec<String> = m.numbered_materials().into_iter().map(|n| n.label).collect();
        assert_eq!(labels, ["資料１－１", "資料２－１", "資料３－１"]);
        assert_eq!(m.check(), [Finding::EmptyMaterial { label: "資料３－１".into(), title: String::new() }]);
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in MaterialKind::ALL {
            assert_eq!(MaterialKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(MaterialKind::from_code("word"), None);
    }
}
