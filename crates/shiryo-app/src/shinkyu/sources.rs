//! Where a 新旧対照表's table comes from, as commands: two texts (each side a chosen file or pasted text), one Word
//! file with tracked changes (見え消し), or a department's finished table taken in as it stands. Each is one
//! transaction and one undo step; the edits that still apply are kept.
//!
//! A law-style text (条例・規則・法令: 第一条, 項, 号) gets the 改正後／改正前 headings with （傍線部分は改正部分）
//! when the person has not chosen the headings yet, as `shiryo shinkyu` does (issue 12); a choice once made is
//! never changed by a text.

use std::path::Path;

use shiryo_core::{FileKind, ShinkyuPreset};
use shiryo_shinkyu::{Preset, Table};
use shiryo_store::{MaterialFile, Rows, ShinkyuEdit, ShinkyuSetting, ShinkyuState};

use super::build::{build, describe, read_received};
use super::{
    decode_file, tracked_media_type, SetShinkyuTextRequest, ShinkyuColumnOrder, ShinkyuDroppedEdit, ShinkyuSide,
    ShinkyuView,
};
use crate::dto::MaterialFileRequest;
use crate::error::AppError;
use crate::history::Scope;
use crate::{App, Result};

/// The setting a table of two texts starts with: the headings of a law's revision when the texts are law style
/// and nothing was chosen yet (the stored setting is still the default), else the stored one.
fn starting_setting(before: &ShinkyuSetting, table: &Table) -> Option<ShinkyuSetting> {
    (*before == ShinkyuSetting::default() && table.is_law_style())
        .then(|| ShinkyuSetting { preset: ShinkyuPreset::Kaisei, ..before.clone() })
}

/// A chosen file's kind, refused (nothing read) when its name is no file name, its kind is not one of `accepted`
/// or it is over the limit of its kind.
fn chosen_file(name: &str, bytes: &[u8], accepted: &'static [FileKind]) -> Result<FileKind, AppError> {
    crate::validate::file_name(name)?;
    let kind = shiryo_core::sniff(name, bytes);
    if !accepted.contains(&kind) {
        return Err(AppError::UnsupportedFile { file: name.to_string(), kind, accepted });
    }
    crate::validate::file_size(name, kind, bytes.len())?;
    Ok(kind)
}

/// The file name of a chosen Word file, refused as [`chosen_file`] refuses.
fn docx_input(file_name: &str, bytes: &[u8]) -> Result<String, AppError> {
    let name = file_name.trim();
    chosen_file(name, bytes, &[FileKind::Docx])?;
    Ok(name.to_string())
}

/// The stored edits a new table keeps, and the description of each it drops (`failed`: indices into `edits`).
fn split_edits(edits: &[ShinkyuEdit], failed: &[usize]) -> (Vec<ShinkyuEdit>, Vec<ShinkyuDroppedEdit>) {
    let dropped = failed.iter().map(|&i| ShinkyuDroppedEdit { description: describe(&edits[i]) }).collect();
    let kept = edits.iter().enumerate().filter(|(i, _)| !failed.contains(i)).map(|(_, e)| e.clone()).collect();
    (kept, dropped)
}

/// The headings preset whose wording a received table's headings are.
fn preset_of(table: &Table) -> Preset {
    Preset::ALL.into_iter().find(|p| p.wording().0 == table.headings.new).unwrap_or_default()
}

/// The rows a command replacing a 新旧対照表's whole source writes (for undo).
fn source_rows(material: i64) -> Vec<Rows> {
    let mut rows: Vec<Rows> = shiryo_store::SHINKYU_ROLES
        .iter()
        .map(|role| Rows::MaterialFiles { material, role: role.to_string() })
        .collect();
    rows.extend([Rows::ShinkyuSetting(material), Rows::ShinkyuEdits(material)]);
    rows
}

impl App {
    /// Replaces the old or new text with a chosen file or pasted text, regenerates the table and keeps the edits
    /// that still apply; the others are dropped and listed in the answer. One transaction.
    pub fn set_shinkyu_text(&mut self, req: &SetShinkyuTextRequest) -> Result<ShinkyuView> {
        crate::validate::file_name(&req.file_name)?;
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let name = req.file_name.trim();
        let name = if name.is_empty() { "貼り付けた文章.txt" } else { name };
        let kind = chosen_file(name, &req.bytes, FileKind::COMPARISON_TEXTS)?;
        let file = MaterialFile {
            role: req.side.role().to_string(),
            file_name: name.to_string(),
            media_type: kind.media_type().to_string(),
            content: req.bytes.clone(),
        };
        // Decoded now, so a bad file is refused before anything is stored; a text with nothing in it would make
        // every row （削る） or （新設）, so it is refused too.
        if decode_file(&file)?.trim().is_empty() {
            return Err(AppError::EmptyComparisonText { file: name.to_string() });
        }
        let before = self.ws.shinkyu_state(req.material_id)?;
        let mut after = before.clone();
        match req.side {
            ShinkyuSide::Old => after.old = Some(file.clone()),
            ShinkyuSide::New => after.new = Some(file.clone()),
        }
        // A text chosen for a received table starts a table of two texts: the received table and its edits go
        // (one undo step brings them back). For one side of a 見え消し document the other side stays the version
        // it reads.
        if before.received.is_some() {
            after.received = None;
            after.edits.clear();
            let (meeting, material) = (req.meeting_id, req.material_id);
            let rows = source_rows(material);
            self.recorded(Scope::Content(material), Some(meeting), &rows, |ws| {
                Ok(ws.set_shinkyu_source(meeting, material, &after)?)
            })?;
            return self.shinkyu_view(meeting, material, Vec::new());
        }
        let built = build(&after)?;
        // Until both texts are there, nothing can be checked: every edit is kept.
        let dropped_idx = if after.old.is_some() && after.new.is_some() { built.failed } else { Vec::new() };
        let (kept, dropped) = split_edits(&after.edits, &dropped_idx);
        let (meeting, material, role) = (req.meeting_id, req.material_id, req.side.role());
        let setting = if after.old.is_some() && after.new.is_some() {
            starting_setting(&before.setting, &built.generated)
        } else {
            None
        };
        let mut rows = vec![Rows::MaterialFiles { material, role: role.to_string() }, Rows::ShinkyuEdits(material)];
        if setting.is_some() {
            rows.push(Rows::ShinkyuSetting(material));
        }
        self.recorded(Scope::Content(material), Some(meeting), &rows, |ws| {
            ws.set_shinkyu_text(meeting, material, role, &file, &kept)?;
            if let Some(setting) = &setting {
                ws.set_shinkyu_setting(meeting, material, setting)?;
            }
            Ok(())
        })?;
        self.shinkyu_view(req.meeting_id, req.material_id, dropped)
    }

    /// Makes the table from one Word file with tracked changes (見え消し): old = every change rejected, new = every
    /// change accepted, the same table as from the two versions saved separately. The file is stored as both
    /// texts (byte for byte, each read as its version) in place of whatever the 資料 held; the edits that still
    /// apply are kept. A document without any tracked change is refused and nothing is stored.
    pub fn set_shinkyu_tracked(&mut self, req: &MaterialFileRequest) -> Result<ShinkyuView> {
        let name = docx_input(&req.file_name, &req.bytes)?;
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let path = Path::new(&name);
        let (old, new) = shiryo_shinkyu::input::docx_versions(&req.bytes, path, shiryo_core::limits::MAX_DOCX_BYTES)
            .map_err(AppError::Shinkyu)?;
        if old.trim().is_empty() || new.trim().is_empty() {
            return Err(AppError::EmptyComparisonText { file: name });
        }
        let file = |side: ShinkyuSide| MaterialFile {
            role: side.role().to_string(),
            file_name: name.clone(),
            media_type: tracked_media_type(side),
            content: req.bytes.clone(),
        };
        let before = self.ws.shinkyu_state(req.material_id)?;
        let mut after = ShinkyuState {
            old: Some(file(ShinkyuSide::Old)),
            new: Some(file(ShinkyuSide::New)),
            received: None,
            ..before
        };
        if let Some(setting) = starting_setting(&after.setting, &build(&after)?.generated) {
            after.setting = setting;
        }
        self.replace_source(req.meeting_id, req.material_id, after)
    }

    /// Takes in a department's finished 新旧対照表 (a .docx whose table is headed 新/旧, 改正後/改正前 or 改正案/現行)
    /// as it stands: its rows, underlines, （略）, （新設）, （削る） become the table, its headings and column order
    /// the settings, in place of whatever the 資料 held. Its check's findings are shown with the table and in
    /// 印刷前の確認, computed from the rows each time. A document without such a table is refused.
    pub fn import_shinkyu_received(&mut self, req: &MaterialFileRequest) -> Result<ShinkyuView> {
        let name = docx_input(&req.file_name, &req.bytes)?;
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let file = MaterialFile {
            role: "received".to_string(),
            file_name: name,
            media_type: FileKind::Docx.media_type().to_string(),
            content: req.bytes.clone(),
        };
        let table = read_received(&file)?.table;
        let before = self.ws.shinkyu_state(req.material_id)?;
        let setting = ShinkyuSetting {
            preset: preset_of(&table),
            column_order: ShinkyuColumnOrder::from(table.column_order).code().to_string(),
            caption: before.setting.caption.clone(),
        };
        let after = ShinkyuState { setting, old: None, new: None, received: Some(file), edits: before.edits };
        self.replace_source(req.meeting_id, req.material_id, after)
    }

    /// Stores a new source of the whole table (one transaction, one undo step), keeping the edits that still apply
    /// to the new rows; the others are dropped and listed in the answer.
    fn replace_source(&mut self, meeting: i64, material: i64, mut after: ShinkyuState) -> Result<ShinkyuView> {
        let built = build(&after)?;
        let (kept, dropped) = split_edits(&after.edits, &built.failed);
        after.edits = kept;
        let rows = source_rows(material);
        self.recorded(Scope::Content(material), Some(meeting), &rows, |ws| {
            Ok(ws.set_shinkyu_source(meeting, material, &after)?)
        })?;
        self.shinkyu_view(meeting, material, dropped)
    }
}
