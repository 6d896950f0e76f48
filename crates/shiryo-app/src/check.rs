//! The integrity check shown before printing: what `Meeting::check` finds (empty 資料, two 資料 with one label),
//! a 次第 without a 会議名, 新旧対照表 rows with a change made （略） by hand, and what the check of a received
//! 新旧対照表 finds in its rows as they are now, in Japanese, with the 資料 and agenda item to jump to.

use serde::{Deserialize, Serialize};
use shiryo_core::meeting::Finding;
use ts_rs::TS;

use crate::{App, Result};

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
}

/// One problem that would show at the printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CheckProblem {
    /// `empty_material` (export refused unless printed as （別途配付）), `duplicate_label` (asks first),
    /// `empty_title` (the 次第 has no 会議名), `omitted_change` (a 新旧 row with a change shown as （略））,
    /// `received_table` (a finding of the check of a received 新旧対照表, one per finding, naming its row) or
    /// `font_substituted` (an Office 資料 converted with other fonts than it asks for; for information).
    pub code: String,
    /// The 資料's label; empty for a problem of the 次第 itself.
    pub label: String,
    /// The 資料 concerned and the agenda item it is attached to (the row to jump to); null for the 次第's header.
    #[ts(type = "number | null")]
    pub material_id: Option<i64>,
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    /// One line in Japanese: what is wrong and what to do.
    pub message: String,
}

impl App {
    /// The problems of a meeting's packet, in 次第 order. A label given to several 資料 is reported for each.
    pub fn check_meeting(&self, req: &CheckRequest) -> Result<Vec<CheckProblem>> {
        let meeting = self.ws.load_meeting(req.meeting_id)?;
        let numbered = meeting.numbered_materials();
        let mut problems = Vec::new();
        if meeting.header.title_lines.iter().all(|l| l.trim().is_empty()) {
            problems.push(CheckProblem {
                code: "empty_title".into(),
                label: String::new(),
                material_id: None,
                item_id: None,
                message: "会議名が空です。次第の一行目に印刷される会議名を入れてください。".into(),
            });
        }
        for finding in meeting.check() {
            match finding {
                Finding::EmptyMaterial { label, title } => {
                    for m in numbered.iter().filter(|m| m.label == label && m.material.empty) {
                        problems.push(CheckProblem {
                            code: "empty_material".into(),
                            label: label.clone(),
                            material_id: Some(m.material.id),
                            item_id: Some(m.agenda_item_id),
                            message: format!(
                                "{label}「{title}」に内容がありません。内容を入れるか、（別途配付）として印刷してください。"
                            ),
                        });
                    }
                }
                Finding::DuplicateLabel { label } => {
                    for m in numbered.iter().filter(|m| m.label == label) {
                        if problems
                            .iter()
                            .any(|p: &CheckProblem| p.code == "duplicate_label" && p.material_id == Some(m.material.id))
                        {
                            continue;
                        }
                        problems.push(CheckProblem {
                            code: "duplicate_label".into(),
                            label: label.clone(),
                            material_id: Some(m.material.id),
                            item_id: Some(m.agenda_item_id),
                            message: format!(
                                "{label}「{}」と同じ番号の資料が他にもあります。資料を同じ階層の項目に付け直してください。",
                                m.material.title
                            ),
                        });
                    }
                }
            }
        }
        for m in numbered.iter().filter(|m| m.material.kind == shiryo_core::MaterialKind::Shinkyu) {
            let hidden = self.shinkyu_omitted_changes(m.material.id)?;
            if hidden > 0 {
                problems.push(CheckProblem {
                    code: "omitted_change".into(),
                    label: m.label.clone(),
                    material_id: Some(m.material.id),
                    item_id: Some(m.agenda_item_id),
                    message: format!(
                        "{}「{}」: 改正のある行を（略）にしています（{hidden}行）。その改正は印刷されません。",
                        m.label, m.material.title
                    ),
                });
            }
            for f in self.shinkyu_findings(m.material.id)? {
                problems.push(CheckProblem {
                    code: "received_table".into(),
                    label: m.label.clone(),
                    material_id: Some(m.material.id),
                    item_id: Some(m.agenda_item_id),
                    message: format!(
                        "{}「{}」（受け取った新旧対照表）: {}。新旧対照表の画面で直してください。",
                        m.label,
                        m.material.title,
                        f.message.trim_end_matches('。')
                    ),
                });
            }
        }
        // Office 資料 whose Windows Japanese fonts were replaced: the print may break lines differently.
        for m in numbered.iter().filter(|m| m.material.kind == shiryo_core::MaterialKind::Office) {
            let Some(record) = self.conversion_record(m.material.id)? else { continue };
            if record.substituted.is_empty() {
                continue;
            }
            let names: Vec<String> = record
                .substituted
                .iter()
                .map(|s| format!("{}→{}", s.requested, replacement_ja(&s.replacement)))
                .collect();
            problems.push(CheckProblem {
                code: "font_substituted".into(),
                label: m.label.clone(),
                material_id: Some(m.material.id),
                item_id: Some(m.agenda_item_id),
                message: format!(
                    "{}「{}」は作成元のフォントがこのパソコンにないため、別のフォントで変換しました（{}）。改行やページの区切りが作成元の印刷と異なることがあります。プレビューで確かめるか、フォントを入れてから「変換し直す」を使ってください。",
                    m.label,
                    m.material.title,
                    names.join("、")
                ),
            });
        }
        Ok(problems)
    }
}

/// The Japanese name of a replacement font family.
fn replacement_ja(family: &str) -> &str {
    match family {
        shiryo_convert::fonts::MINCHO_FAMILY => "BIZ UD明朝",
        shiryo_convert::fonts::GOTHIC_FAMILY => "BIZ UDゴシック",
        other => other,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::materials::{AddMaterialRequest, MaterialSource};

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn the_demo_has_one_empty_material_and_a_material_on_closing_clashes_with_no_label() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, id) = App::create_demo(&dir.path().join("w.shiryo"), now()).unwrap();
        let problems = app.check_meeting(&CheckRequest { meeting_id: id }).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].code.as_str(), problems[0].label.as_str()), ("empty_material", "資料１－２"));
        assert!(problems[0].message.contains("行財政運営の推進に関する助言"));

        // A 資料 on 閉会 (３) comes after the 資料３－… of (3): it is the fourth 議題's 資料４－１, not a second
        // 資料３－１.
        let shidai = app.shidai(&crate::ShidaiRequest { meeting_id: id }).unwrap();
        let closing = shidai.agenda.iter().find(|a| a.title == "閉会").unwrap().id;
        let added = app
            .add_material(
                &AddMaterialRequest {
                    meeting_id: id,
                    item_id: closing,
                    title: "あいさつ".into(),
                    source: MaterialSource::Text { text: "本文".into() },
                },
                now(),
            )
            .unwrap();
        let shidai = app.shidai(&crate::ShidaiRequest { meeting_id: id }).unwrap();
        let label = shidai.materials.iter().find(|m| m.id == added.material_id).map(|m| m.label.as_str());
        assert_eq!(label, Some("資料４－１"));
        let mut labels: Vec<&str> = shidai.materials.iter().map(|m| m.label.as_str()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), shidai.materials.len(), "{labels:?}");
        let problems = app.check_meeting(&CheckRequest { meeting_id: id }).unwrap();
        assert!(problems.iter().all(|p| p.code != "duplicate_label"), "{problems:?}");
    }

    #[test]
    fn an_empty_meeting_name_and_a_change_made_omitted_by_hand_are_findings_before_print() {
        use crate::editor::UpdateHeaderRequest;
        use crate::shinkyu::{ShinkyuEditOp, ShinkyuEditRequest, ShinkyuRef, ShinkyuRowKind};
        let dir = tempfile::tempdir().unwrap();
        let (mut app, id) = App::create_demo(&dir.path().join("w.shiryo"), now()).unwrap();
        let header = |title: Vec<String>| UpdateHeaderRequest {
            meeting_id: id,
            title_lines: title,
            date: Some("2023-06-05".into()),
            time_note: String::new(),
            place_lines: vec!["危機管理センター".into()],
            typing: None,
        };
        app.update_header(&header(vec!["  ".into()]), now()).unwrap();
        let problems = app.check_meeting(&CheckRequest { meeting_id: id }).unwrap();
        let empty: Vec<_> = problems.iter().filter(|p| p.code == "empty_title").collect();
        assert_eq!(empty.len(), 1, "{problems:?}");
        assert_eq!((empty[0].material_id, empty[0].item_id), (None, None));
        app.update_header(&header(vec!["合同会議".into()]), now()).unwrap();
        assert!(!app.check_meeting(&CheckRequest { meeting_id: id }).unwrap().iter().any(|p| p.code == "empty_title"));

        // 資料3-2 is the demo's 新旧対照表: making a context row （略） is no finding, a changed row is.
        let material_id = app.material_id_by_label(id, "資料3-2").unwrap();
        let table = app.open_shinkyu(&ShinkyuRef { meeting_id: id, material_id }).unwrap();
        let omit = |app: &mut App, key: &str| {
            let edit = ShinkyuEditOp::Omit { key: key.to_string() };
            app.edit_shinkyu(&ShinkyuEditRequest { meeting_id: id, material_id, edit }).unwrap();
        };
        let context = table.rows.iter().find(|r| r.kind == ShinkyuRowKind::Context).unwrap().key.clone();
        omit(&mut app, &context);
        assert!(!app
            .check_meeting(&CheckRequest { meeting_id: id })
            .unwrap()
            .iter()
            .any(|p| p.code == "omitted_change"));
        let changed = table.rows.iter().find(|r| r.kind == ShinkyuRowKind::Changed).unwrap().key.clone();
        omit(&mut app, &changed);
        let problems = app.check_meeting(&CheckRequest { meeting_id: id }).unwrap();
        let hidden: Vec<_> = problems.iter().filter(|p| p.code == "omitted_change").collect();
        assert_eq!(hidden.len(), 1, "{problems:?}");
        assert_eq!(hidden[0].material_id, Some(material_id));
        assert!(hidden[0].message.contains("改正のある行を（略）にしています（1行）"), "{}", hidden[0].message);
    }
}
