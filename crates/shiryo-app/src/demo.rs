//! The bundled demo meeting (令和５年６月５日 合同会議), embedded from `assets/demo/` at compile time.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;
use shiryo_core::{MaterialKind, MeetingHeader};
use shiryo_store::{MaterialFile, NewAgendaItem, NewMaterial, NewMeeting};

use crate::error::AppError;

macro_rules! asset {
    ($path:literal) => {
        ($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/demo/", $path)).as_slice())
    };
}

/// Every file of `assets/demo/` the demo is built from, by its path there.
pub(crate) const FILES: &[(&str, &[u8])] = &[
    asset!("agenda.json"),
    asset!("contents.json"),
    asset!("kpi/dx_summary.csv"),
    asset!("kpi/kpi_r4_results_2-1.csv"),
    asset!("kpi/kpi_r4_results_2-2.csv"),
    asset!("kpi/kpi_r5.csv"),
    asset!("kpi/plan_kpis_1-1.csv"),
    asset!("shinkyu/policy_new.txt"),
    asset!("shinkyu/policy_old.txt"),
    asset!("shinkyu/shinkyu_pairs.json"),
    asset!("table/projects_r4_results.csv"),
    asset!("table/projects_r5.csv"),
    asset!("text/2-5.txt"),
    asset!("text/3-1.txt"),
];

#[derive(Deserialize)]
struct Agenda {
    meeting: AgendaMeeting,
    date: NaiveDate,
    time_note: String,
    place: Place,
    items: Vec<Item>,
    materials: Vec<MaterialEntry>,
}

#[derive(Deserialize)]
struct AgendaMeeting {
    title_lines: Vec<String>,
}

#[derive(Deserialize)]
struct Place {
    building: String,
    room: String,
}

#[derive(Deserialize)]
struct Item {
    title: String,
    #[serde(default)]
    children: Vec<Item>,
    #[serde(default)]
    materials: Vec<String>,
}

#[derive(Deserialize)]
struct MaterialEntry {
    id: String,
    title: String,
}

#[derive(Deserialize)]
struct Contents {
    materials: HashMap<String, Content>,
}

#[derive(Deserialize)]
struct Content {
    kind: String,
    text: Option<String>,
    files: Vec<FileRef>,
    /// How its sheet (role `table`) prints.
    #[serde(default)]
    layout: Option<shiryo_core::table::TableLayout>,
}

#[derive(Deserialize)]
struct FileRef {
    role: String,
    path: String,
}

fn bad(name: &str, reason: impl ToString) -> AppError {
    AppError::DemoAsset { name: name.to_string(), reason: reason.to_string() }
}

/// An embedded demo file by its path under `assets/demo/` (the bench builds its large table from one).
pub fn asset(path: &str) -> Option<&'static [u8]> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, bytes)| *bytes)
}

fn file(path: &str) -> Result<&'static [u8], AppError> {
    FILES.iter().find(|(p, _)| *p == path).map(|(_, bytes)| *bytes).ok_or_else(|| bad(path, "not embedded"))
}

fn text(path: &str) -> Result<String, AppError> {
    String::from_utf8(file(path)?.to_vec()).map_err(|e| bad(path, e))
}

/// The print layouts of the demo's sheets, by the seed's 資料 id (`資料2-3`).
pub fn layouts() -> Result<Vec<(String, shiryo_core::table::TableLayout)>, AppError> {
    let contents: Contents = serde_json::from_slice(file("contents.json")?).map_err(|e| bad("contents.json", e))?;
    let mut out: Vec<_> = contents.materials.into_iter().filter_map(|(id, c)| c.layout.map(|l| (id, l))).collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The seed's id of a printed label: 資料２－２ → 資料2-2.
pub fn seed_id(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '―' | 'ー' | '‐' => '-',
            _ => c,
        })
        .collect()
}

/// The demo meeting, ready to insert into a workspace.
pub fn meeting() -> Result<NewMeeting, AppError> {
    let agenda: Agenda = serde_json::from_slice(file("agenda.json")?).map_err(|e| bad("agenda.json", e))?;
    let contents: Contents = serde_json::from_slice(file("contents.json")?).map_err(|e| bad("contents.json", e))?;

    let material = |id: &str| -> Result<NewMaterial, AppError> {
        let entry = agenda
            .materials
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| bad("agenda.json", format!("no material {id}")))?;
        let content = contents.materials.get(id).ok_or_else(|| bad("contents.json", format!("no entry for {id}")))?;
        let kind = MaterialKind::from_code(&content.kind)
            .ok_or_else(|| bad("contents.json", format!("kind {}", content.kind)))?;
        let files = content
            .files
            .iter()
            .map(|f| {
                let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
                Ok(MaterialFile {
                    role: f.role.clone(),
                    file_name: name,
                    media_type: shiryo_core::sniff(&f.path, &[]).media_type().into(),
                    content: file(&f.path)?.to_vec(),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(NewMaterial {
            title: entry.title.clone(),
            kind,
            text: content.text.as_deref().map(text).transpose()?,
            files,
        })
    };

    fn items(
        list: &[Item],
        material: &dyn Fn(&str) -> Result<NewMaterial, AppError>,
    ) -> Result<Vec<NewAgendaItem>, AppError> {
        list.iter()
            .map(|item| {
                Ok(NewAgendaItem {
                    title: item.title.clone(),
                    materials: item.materials.iter().map(|id| material(id)).collect::<Result<_, _>>()?,
                    children: items(&item.children, material)?,
                })
            })
            .collect()
    }

    Ok(NewMeeting {
        header: MeetingHeader {
            title_lines: agenda.meeting.title_lines.clone(),
            date: Some(agenda.date),
            time_note: agenda.time_note.clone(),
            place_lines: vec![agenda.place.building.clone(), agenda.place.room.clone()],
        },
        agenda: items(&agenda.items, &material)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_material_is_attached_once_and_every_embedded_file_is_used() {
        let m = meeting().unwrap();
        fn walk<'a>(items: &'a [NewAgendaItem], out: &mut Vec<&'a NewMaterial>) {
            for i in items {
                out.extend(&i.materials);
                walk(&i.children, out);
            }
        }
        let mut all = Vec::new();
        walk(&m.agenda, &mut all);
        assert_eq!(all.len(), 10);
        let contents: Contents = serde_json::from_slice(file("contents.json").unwrap()).unwrap();
        let mut used: Vec<&str> = vec!["agenda.json", "contents.json"];
        for c in contents.materials.values() {
            used.extend(c.text.as_deref());
            used.extend(c.files.iter().map(|f| f.path.as_str()));
        }
        for (path, _) in FILES {
            assert!(used.contains(path), "{path} is embedded but no 資料 uses it");
        }
    }

    #[test]
    fn the_demo_date_prints_as_the_seed_printed_it() {
        #[derive(Deserialize)]
        struct Printed {
            date_wareki: String,
        }
        let printed: Printed = serde_json::from_slice(file("agenda.json").unwrap()).unwrap();
        let m = meeting().unwrap();
        assert_eq!(shiryo_core::wareki::formal_date(m.header.date.unwrap()), printed.date_wareki);
    }
}
