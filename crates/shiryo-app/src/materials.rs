//! 資料 on the 次第 editor: added (pasted or chosen text, .txt/.docx, a PDF, a new KPI table or 新旧対照表),
//! renamed, deleted (after a backup), a text 資料's body edited, and 資料 and agenda items placed by drag and
//! drop. Adding, renaming, deleting and placing a 資料 are 次第 edits (its undo); a text body belongs to the
//! 資料's own scope, so the 次第's undo never takes it back. Files come as bytes from the page (never a path)
//! and are decoded and checked here.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use shiryo_core::{FileKind, MaterialKind as CoreKind};
use shiryo_store::MaterialFile;
use ts_rs::TS;

use crate::editor::{agenda_rows, material_rows};
use crate::history::Scope;
use crate::{App, AppError, EditOutcome, Result};
use shiryo_store::Rows;

/// What a new 資料 is made of.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum MaterialSource {
    /// Text typed or pasted in the window.
    Text { text: String },
    /// A .txt (UTF-8, UTF-16 with BOM, Shift_JIS) or .docx file chosen in the window, as bytes.
    #[serde(rename_all = "camelCase")]
    TextFile { file_name: String, bytes: Vec<u8> },
    /// An existing PDF, as bytes (checked: not encrypted, readable).
    #[serde(rename_all = "camelCase")]
    Pdf { file_name: String, bytes: Vec<u8> },
    /// An empty KPI table, filled on the KPI review screen.
    KpiTable,
    /// An empty 新旧対照表, filled on its screen.
    Shinkyu,
    /// A sheet (.csv in UTF-8 or Shift_JIS, .xlsx, .ods) printed as a 表 資料; its columns are chosen on its screen.
    #[serde(rename_all = "camelCase")]
    Table { file_name: String, bytes: Vec<u8> },
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// The agenda item it is attached to (as its last 資料).
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
    pub source: MaterialSource,
}

/// The editor state after adding a 資料, and the new 資料's id (to open its screen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddMaterialOutcome {
    pub outcome: EditOutcome,
    #[ts(type = "number")]
    pub material_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct RenameMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub title: String,
}

/// Which 資料 of which meeting (the DTO every 資料 command names its 資料 with).
pub use crate::dto::MaterialRef;

/// The body of a text 資料, for its editor panel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MaterialTextView {
    #[ts(type = "number")]
    pub material_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct SetMaterialTextRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    pub text: String,
}

/// Drag and drop of a 資料: to `index` (0-based) among the 資料 of `item_id`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlaceMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub material_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub index: u32,
}

/// Drag and drop of an agenda item (with its sub-items): to `index` among the children of `parent_item_id`
/// (null: the top level).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PlaceItemRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    #[ts(type = "number | null")]
    pub parent_item_id: Option<i64>,
    pub index: u32,
}

impl MaterialSource {
    /// A chosen file that is not converted: a PDF as itself, anything else as a text file (refused with the
    /// decoder's message when it is none).
    pub fn of_file(file_name: String, bytes: Vec<u8>) -> MaterialSource {
        match shiryo_core::sniff(&file_name, &bytes) {
            FileKind::Pdf => MaterialSource::Pdf { file_name, bytes },
            _ => MaterialSource::TextFile { file_name, bytes },
        }
    }
}

/// Reads a file a person named (the CLI's `shiryo material add FILE`): its name and bytes, refused before it is
/// read whole when it is over the largest limit its kind has anywhere (the limits table; an Office file's, when
/// the converter takes its kind). Each use case checks its own limit again.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>)> {
    use std::io::Read;
    let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file").to_string();
    let kind = shiryo_core::sniff(&file_name, &[]);
    let limit = if kind.is_office() { kind.limit().max(shiryo_core::limits::MAX_OFFICE_BYTES) } else { kind.limit() };
    let io = |source| AppError::ExportIo { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    // The read stops one byte past the limit: a file that grows meanwhile, or a device, cannot fill memory.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Err(AppError::FileTooLarge { file: file_name, kind, limit });
    }
    Ok((file_name, bytes))
}

/// A .txt or .docx file's text (the kind is [`shiryo_core::sniff`]'s), decoded as the 新旧 engine decodes its
/// inputs, within its kind's size limit.
fn text_of_file(file_name: &str, bytes: &[u8]) -> Result<String> {
    let kind = shiryo_core::sniff(file_name, bytes);
    if !matches!(kind, FileKind::Text | FileKind::Docx) {
        return Err(AppError::UnsupportedFile {
            file: file_name.to_string(),
            kind,
            accepted: &[FileKind::Text, FileKind::Docx],
        });
    }
    crate::validate::file_size(file_name, kind, bytes.len())?;
    let path = Path::new(file_name);
    let text = if kind == FileKind::Docx {
        // Numbers as Word shows them, tables as the print engine's ［表］ block, no field codes or comments.
        shiryo_shinkyu::input::docx(bytes, path, shiryo_core::limits::MAX_DOCX_BYTES)
            .map(|d| d.version(shiryo_formats::docx::Version::New).text(shiryo_formats::docx::Tables::Marked))
    } else {
        shiryo_shinkyu::input::decode(bytes, path)
    }
    .map_err(AppError::Shinkyu)?;
    // Line ends as the print engine expects them.
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// What a source becomes: the 資料's kind, its text and its files, checked.
fn content_of(title: &str, source: &MaterialSource) -> Result<(CoreKind, Option<String>, Vec<MaterialFile>)> {
    Ok(match source {
        MaterialSource::Text { text } => {
            crate::validate::text("本文", text)?;
            (CoreKind::Text, Some(text.replace("\r\n", "\n")), vec![])
        }
        MaterialSource::TextFile { file_name, bytes } => {
            crate::validate::file_name(file_name)?;
            (CoreKind::Text, Some(text_of_file(file_name, bytes)?), vec![])
        }
        MaterialSource::Pdf { file_name, bytes } => {
            crate::validate::file_name(file_name)?;
            crate::validate::file_size(file_name, FileKind::Pdf, bytes.len())?;
            shiryo_print::import::inspect(title, file_name, bytes)?;
            let file = MaterialFile {
                role: "pdf".to_string(),
                file_name: file_name.clone(),
                media_type: FileKind::Pdf.media_type().to_string(),
                content: bytes.clone(),
            };
            (CoreKind::ImportedPdf, None, vec![file])
        }
        MaterialSource::KpiTable => (CoreKind::KpiTable, None, vec![]),
        MaterialSource::Shinkyu => (CoreKind::Shinkyu, None, vec![]),
        // A 表 資料 is stored with its layout (`App::add_table_material`), never as bare content.
        MaterialSource::Table { .. } => {
            return Err(AppError::TableLayout(crate::table_material::LayoutRefusal::NeedsLayout))
        }
    })
}

impl App {
    /// Puts new content (text, a text file, a PDF) in place of a 資料's: its place, number and title stay; undo
    /// brings the previous content back. Office files go through [`App::replace_with_conversion`].
    pub fn replace_material_source(
        &mut self,
        meeting_id: i64,
        material_id: i64,
        source: &MaterialSource,
        now: NaiveDateTime,
    ) -> Result<EditOutcome> {
        let (kind, text, files) = content_of("", source)?;
        let content = shiryo_store::NewMaterial { title: String::new(), kind, text, files };
        let rows = [Rows::Meeting(meeting_id), Rows::WholeMaterial(material_id)];
        self.edited(meeting_id, &rows, |ws| ws.replace_material_content(meeting_id, material_id, &content, now))
    }

    /// Adds a 資料 as the last one of an agenda item; answers with the editor state and its id.
    pub fn add_material(&mut self, req: &AddMaterialRequest, now: NaiveDateTime) -> Result<AddMaterialOutcome> {
        crate::validate::title("資料名", &req.title)?;
        if let MaterialSource::Table { file_name, bytes } = &req.source {
            // Its sheet and layout are stored together by the 表 use case (every column ticked to start).
            let choice = crate::table_material::TableChoice::default();
            let id =
                self.add_table_material(req.meeting_id, req.item_id, &req.title, file_name, bytes, &choice, now)?;
            return Ok(AddMaterialOutcome { outcome: self.outcome(Some(req.meeting_id))?, material_id: id });
        }
        let (kind, text, files) = content_of(&req.title, &req.source)?;
        let mut id = 0;
        let outcome = self.edited(req.meeting_id, &material_rows(req.meeting_id), |ws| {
            let material = shiryo_store::NewMaterial { title: req.title.clone(), kind, text, files };
            id = ws.add_material(req.meeting_id, req.item_id, &material, now)?;
            Ok(())
        })?;
        Ok(AddMaterialOutcome { outcome, material_id: id })
    }

    pub fn rename_material(&mut self, req: &RenameMaterialRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::title("資料名", &req.title)?;
        let rows = [Rows::Meeting(req.meeting_id), Rows::Material(req.material_id)];
        self.edited(req.meeting_id, &rows, |ws| ws.rename_material(req.meeting_id, req.material_id, &req.title, now))
    }

    /// Deletes a 資料 (undo brings it back while the app is open); the workspace is backed up first
    /// (`before-delete-material`), so it survives a restart too.
    pub fn delete_material(&mut self, req: &MaterialRef, now: NaiveDateTime) -> Result<EditOutcome> {
        // Unknown ids are refused before a backup is taken for nothing.
        let meeting = self.ws.load_meeting(req.meeting_id)?;
        if !meeting.numbered_materials().iter().any(|m| m.material.id == req.material_id) {
            return Err(shiryo_store::Error::MaterialNotFound {
                meeting_id: req.meeting_id,
                material_id: req.material_id,
            }
            .into());
        }
        self.backup_before("delete-material", now)?;
        let mut rows = material_rows(req.meeting_id);
        rows.push(Rows::WholeMaterial(req.material_id));
        self.edited(req.meeting_id, &rows, |ws| ws.delete_material(req.meeting_id, req.material_id, now))
    }

    /// The body of a text 資料 ("" when it has none yet).
    pub fn material_text(&self, req: &MaterialRef) -> Result<MaterialTextView> {
        let meeting = self.ws.load_meeting(req.meeting_id)?;
        if !meeting.numbered_materials().iter().any(|m| m.material.id == req.material_id) {
            return Err(shiryo_store::Error::MaterialNotFound {
                meeting_id: req.meeting_id,
                material_id: req.material_id,
            }
            .into());
        }
        let text = self.ws.material_text(req.material_id)?.unwrap_or_default();
        Ok(MaterialTextView { material_id: req.material_id, text })
    }

    pub fn set_material_text(&mut self, req: &SetMaterialTextRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        crate::validate::text("本文", &req.text)?;
        let text = req.text.replace("\r\n", "\n");
        let (meeting, material) = (req.meeting_id, req.material_id);
        self.recorded(Scope::Content(material), Some(meeting), &[Rows::MaterialText(material)], |ws| {
            Ok(ws.set_material_text(meeting, material, &text, now)?)
        })?;
        self.outcome(Some(meeting))
    }

    /// Where 資料 `moving` goes to stand just before 資料 `other`: `other`'s agenda item and its index there
    /// among the 資料 other than `moving` (for [`App::place_material`]).
    pub fn material_place(&self, meeting_id: i64, other: i64, moving: i64) -> Result<(i64, u32)> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let numbered = meeting.numbered_materials();
        let missing = |id| shiryo_store::Error::MaterialNotFound { meeting_id, material_id: id };
        let item = numbered.iter().find(|m| m.material.id == other).ok_or_else(|| missing(other))?.agenda_item_id;
        if !numbered.iter().any(|m| m.material.id == moving) {
            return Err(missing(moving).into());
        }
        let siblings = numbered.iter().filter(|m| m.agenda_item_id == item && m.material.id != moving);
        let index = siblings.take_while(|m| m.material.id != other).count();
        Ok((item, u32::try_from(index).unwrap_or(u32::MAX)))
    }

    pub fn place_material(&mut self, req: &PlaceMaterialRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        let index = usize::try_from(req.index).unwrap_or(usize::MAX);
        self.edited(req.meeting_id, &material_rows(req.meeting_id), |ws| {
            ws.place_material(req.meeting_id, req.material_id, req.item_id, index, now)
        })
    }

    pub fn place_item(&mut self, req: &PlaceItemRequest, now: NaiveDateTime) -> Result<EditOutcome> {
        let index = usize::try_from(req.index).unwrap_or(usize::MAX);
        self.edited(req.meeting_id, &agenda_rows(req.meeting_id), |ws| {
            ws.place_item(req.meeting_id, req.item_id, req.parent_item_id, index, now)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::MaterialLineView;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    fn materials(outcome: &EditOutcome) -> Vec<MaterialLineView> {
        outcome.meeting.as_ref().unwrap().shidai.materials.clone()
    }

    #[test]
    fn text_pdf_and_empty_materials_are_added_renamed_deleted_and_undone() {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("w.shiryo");
        let (mut app, id) = App::create_demo(&workspace, now()).unwrap();
        let shidai = app.shidai(&crate::ShidaiRequest { meeting_id: id }).unwrap();
        // (1) under 議題, holding 資料１－１ and 資料１－２.
        let closing = shidai.agenda.iter().find(|a| a.label == "(1)").unwrap().id;
        let before = shidai.materials.len();

        // Shift_JIS text file: decoded by the backend.
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("閉会のあいさつ\r\n本日はありがとうございました。");
        let added = app
            .add_material(
                &AddMaterialRequest {
                    meeting_id: id,
                    item_id: closing,
                    title: "あいさつ".into(),
                    source: MaterialSource::TextFile { file_name: "aisatsu.txt".into(), bytes: sjis.into_owned() },
                },
                now(),
            )
            .unwrap();
        let list = materials(&added.outcome);
        assert_eq!(list.len(), before + 1);
        let new = list.iter().find(|m| m.id == added.material_id).unwrap();
        assert_eq!((new.label.as_str(), new.empty), ("資料１－３", false), "{new:?}");
        let text = app.material_text(&MaterialRef { meeting_id: id, material_id: added.material_id }).unwrap();
        assert_eq!(text.text, "閉会のあいさつ\n本日はありがとうございました。");

        // A file that is not text is refused, nothing added.
        let refused = app.add_material(
            &AddMaterialRequest {
                meeting_id: id,
                item_id: closing,
                title: "x".into(),
                source: MaterialSource::TextFile { file_name: "x.txt".into(), bytes: vec![0, 159, 146, 150] },
            },
            now(),
        );
        assert!(
            matches!(refused, Err(AppError::Shinkyu(shiryo_shinkyu::Error::Encoding { .. }))),
            "a NUL byte: binary, not text: {refused:?}"
        );
        let refused = app.add_material(
            &AddMaterialRequest {
                meeting_id: id,
                item_id: closing,
                title: "壊れたPDF".into(),
                source: MaterialSource::Pdf { file_name: "x.pdf".into(), bytes: b"%PDF-1.7 not really".to_vec() },
            },
            now(),
        );
        assert_eq!(refused.unwrap_err().code(), crate::ErrorCode::ImportedPdf);

        // A real PDF (the demo's own export) is taken in.
        let pdf = dir.path().join("p.pdf");
        let material = app.material_id_by_label(id, "資料3-2").unwrap();
        let req = crate::ExportRequest { meeting_id: id, material_id: Some(material), ..Default::default() };
        app.export_pdf(&req, &pdf, now(), &mut |_| {}).unwrap();
        let with_pdf = app
            .add_material(
                &AddMaterialRequest {
                    meeting_id: id,
                    item_id: closing,
                    title: "参考".into(),
                    source: MaterialSource::Pdf { file_name: "p.pdf".into(), bytes: std::fs::read(&pdf).unwrap() },
                },
                now(),
            )
            .unwrap();
        let kpi = app
            .add_material(
                &AddMaterialRequest {
                    meeting_id: id,
                    item_id: closing,
                    title: "指標".into(),
                    source: MaterialSource::KpiTable,
                },
                now(),
            )
            .unwrap();
        let list = materials(&kpi.outcome);
        let labels: Vec<(&str, &str, bool)> = list
            .iter()
            .filter(|m| m.agenda_item_id == closing)
            .map(|m| (m.label.as_str(), m.title.as_str(), m.empty))
            .collect();
        assert_eq!(
            labels[2..],
            [("資料１－３", "あいさつ", false), ("資料１－４", "参考", false), ("資料１－５", "指標", true)]
        );

        let renamed = app
            .rename_material(
                &RenameMaterialRequest {
                    meeting_id: id, material_id: with_pdf.material_id, title: "参考資料".into()
                },
                now(),
            )
            .unwrap();
        assert!(materials(&renamed).iter().any(|m| m.title == "参考資料"));

        // Delete: a backup first, the next 資料 relabelled, undo puts it back with its text.
        let deleted =
            app.delete_material(&MaterialRef { meeting_id: id, material_id: added.material_id }, now()).unwrap();
        assert!(materials(&deleted).iter().any(|m| m.title == "参考資料" && m.label == "資料１－３"));
        assert!(app.list_backups().unwrap().iter().any(|b| b.reason == "before-delete-material"));
        let undone = app.undo(now()).unwrap();
        assert!(materials(&undone).iter().any(|m| m.id == added.material_id && m.label == "資料１－３"));
        let text = app.material_text(&MaterialRef { meeting_id: id, material_id: added.material_id }).unwrap();
        assert!(text.text.starts_with("閉会のあいさつ"));

        // Drag and drop: 指標 first.
        let placed = app
            .place_material(
                &PlaceMaterialRequest { meeting_id: id, material_id: kpi.material_id, item_id: closing, index: 0 },
                now(),
            )
            .unwrap();
        assert!(materials(&placed).iter().any(|m| m.id == kpi.material_id && m.label == "資料１－１"));
    }
}

/// The text of a text 資料 to show as it prints (the editor's view beside the text).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextStructureRequest {
    pub text: String,
    /// The 資料's label: a first line equal to it is not printed (the label box is).
    pub label: String,
}

/// One block of a text 資料 as the print sets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct TextBlockView {
    /// `title`, `aside`, `heading`, `numbered`, `bracketed`, `paragraph`, `table`, `figure` or `blank`.
    pub kind: String,
    /// The numbering level (0 第1部, 1 第1, 2 １, 3 (1), 4 ア, …) of a numbered block.
    pub level: u32,
    pub label: String,
    pub text: String,
    /// The rows of a table block (the first is the header).
    pub rows: Vec<Vec<String>>,
}

/// The blocks of a text 資料's body as [`shiryo_print::body::set_text`] sets them (one parser for both).
pub fn text_structure(req: &TextStructureRequest) -> Result<Vec<TextBlockView>> {
    crate::validate::text("本文", &req.text)?;
    use shiryo_print::body::Block;
    let view = |kind: &str, level: usize, label: &str, text: &str, rows: Vec<Vec<String>>| TextBlockView {
        kind: kind.to_string(),
        level: u32::try_from(level).unwrap_or(u32::MAX),
        label: label.to_string(),
        text: text.to_string(),
        rows,
    };
    Ok(shiryo_print::body::structure(&req.text, &req.label)
        .into_iter()
        .map(|b| match b {
            Block::Title { text, .. } => view("title", 0, "", &text, vec![]),
            Block::Aside { text, .. } => view("aside", 0, "", &text, vec![]),
            Block::Numbered { level, label, text, heading, .. } => {
                view(if heading { "heading" } else { "numbered" }, level, &label, &text, vec![])
            }
            Block::Bracketed { text, .. } => view("bracketed", 0, "", &text, vec![]),
            Block::Paragraph { text, .. } => view("paragraph", 0, "", &text, vec![]),
            Block::Table { rows, .. } => view("table", 0, "", "", rows),
            Block::Figure { caption, .. } => view("figure", 0, "", &caption, vec![]),
            Block::Blank => view("blank", 0, "", "", vec![]),
        })
        .collect())
}
