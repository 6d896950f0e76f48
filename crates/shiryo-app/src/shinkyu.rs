//! 新旧対照表 資料: the engine's table (`shiryo-shinkyu`) built from the 資料's stored old and new texts, the
//! user's hand edits applied on top, shown to the UI and converted into the print engine's comparison table.
//!
//! Edits find their row by a key made of the provision paths and a hash of the old and new provision text, so
//! an edit survives regenerating the table (a text replaced) while the texts it touches did not change, and is
//! dropped, and reported, when its row is gone. Each command is one transaction and can be undone.
//!
//! Three ways in: two texts (old and new, each a file or pasted), one Word file with tracked changes (見え消し:
//! its bytes are stored as both texts, each read as its version), or a department's finished table (a .docx
//! taken in as it stands and checked: its findings are computed again from the rows each time they are shown).

use std::path::Path;

use shiryo_core::FileKind;
use shiryo_print::{Comparison, ComparisonCell, Content};
use shiryo_shinkyu::{edit, Preset, Table};
use shiryo_store::{MaterialFile, Rows, ShinkyuEdit, ShinkyuSetting, ShinkyuState};

mod build;
mod dto;
mod sources;

pub use dto::*;

use build::{build, cell_view, edit_kind, engine_edit, findings, stored_edits};

use crate::error::AppError;
use crate::history::Scope;
use crate::{App, Result};

/// The caption printed above a 新旧対照表 unless the 資料 says otherwise.
pub const DEFAULT_CAPTION: &str = "（下線部分は改正部分）";

/// The caption of a preset when the user has not written one: the engine's wording, else [`DEFAULT_CAPTION`].
pub fn default_caption(preset: Preset) -> &'static str {
    preset.wording().2.unwrap_or(DEFAULT_CAPTION)
}

/// The engine's table as the print engine's comparison table: headings and cells in column order, marks kept as
/// character offsets, an empty cell (no （新設）/（削る） placeholder) as an empty text.
pub fn to_comparison(table: &Table, caption: Option<&str>) -> Comparison {
    let [left, right] = table.column_headings();
    // Law style sets each level with its hanging indent; a plan's table prints flush, as the seed's 資料3-2 does.
    let law = table.is_law_style();
    let cell = |c: Option<&shiryo_shinkyu::Cell>| match c {
        Some(c) => ComparisonCell {
            text: c.text.clone(),
            marks: c.marks.iter().map(|&[s, e]| s..e).collect(),
            indents: if law { c.indents() } else { Vec::new() },
        },
        None => ComparisonCell::default(),
    };
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let [a, b] = row.cells(table.column_order);
            [cell(a), cell(b)]
        })
        .collect();
    Comparison { headings: [left.to_string(), right.to_string()], caption: caption.map(str::to_string), rows }
}

/// The media type of a 見え消し .docx stored as one side's text: the document's own, with the version that side
/// reads (`shiryo-version=old`: every change rejected; `new`: every change accepted).
pub(crate) fn tracked_media_type(side: ShinkyuSide) -> String {
    format!("{}; shiryo-version={}", FileKind::Docx.media_type(), side.role())
}

/// Decodes a stored old or new text (.txt in UTF-8 / Shift_JIS, .docx, or one version of a 見え消し .docx),
/// naming the file in errors.
pub(crate) fn decode_file(f: &MaterialFile) -> Result<String, AppError> {
    use shiryo_formats::docx::{Tables, Version};
    let name = Path::new(&f.file_name);
    let limit = shiryo_core::limits::MAX_DOCX_BYTES;
    let text = match shiryo_core::sniff(&f.file_name, &f.content) {
        FileKind::Docx if f.media_type == tracked_media_type(ShinkyuSide::Old) => {
            shiryo_shinkyu::input::docx(&f.content, name, limit).map(|d| d.version(Version::Old).text(Tables::Tabs))
        }
        FileKind::Docx => shiryo_shinkyu::input::docx_text(&f.content, name, limit),
        FileKind::Xml => shiryo_shinkyu::input::law_xml_text(&f.content, name),
        _ => shiryo_shinkyu::input::decode(&f.content, name),
    };
    text.map_err(AppError::Shinkyu)
}

/// What a 新旧 資料 prints: the engine's table of its old and new texts (or the rows of a received table) with its
/// settings and hand edits, never the check's findings; a 資料 that holds only the printed pairs of an older
/// workspace (`pairs`) prints those; one with neither is empty.
pub(crate) fn print_content(
    ws: &shiryo_store::Workspace,
    id: i64,
    files: Vec<MaterialFile>,
) -> Result<Content, AppError> {
    let state = ws.shinkyu_state(id)?;
    if state.received.is_some() || (state.old.is_some() && state.new.is_some()) {
        let built = build(&state)?;
        return Ok(Content::Comparison(to_comparison(&built.edited.table, caption(&state.setting))));
    }
    Ok(match files.into_iter().find(|f| f.role == "pairs") {
        Some(f) => Content::ShinkyuPairs(f.file_name, f.content),
        None => Content::Empty,
    })
}

/// The engine's options and table, for the CLI: it reaches the engines only through this crate.
pub use shiryo_shinkyu::{Options as ShinkyuOptions, Table as ShinkyuTable};

/// Reads two files (.txt or .docx, each within its kind's limit) and builds their table: `shiryo shinkyu OLD NEW`.
pub fn compare_files(old: &Path, new: &Path, options: &ShinkyuOptions) -> Result<Table, AppError> {
    shiryo_shinkyu::compare_files(old, new, options).map_err(AppError::Shinkyu)
}

/// Reads one .docx with tracked changes (見え消し) and builds the table of its two versions (every change
/// rejected, every change accepted): `shiryo shinkyu --tracked FILE.docx`.
pub fn compare_tracked(file: &Path, options: &ShinkyuOptions) -> Result<Table, AppError> {
    docx_only(file)?;
    shiryo_shinkyu::compare_tracked(file, options).map_err(AppError::Shinkyu)
}

/// A department's finished 新旧対照表 and what its check found.
pub use shiryo_shinkyu::check::{Finding as ReceivedFinding, Received as ReceivedTable};

/// Reads a received 新旧対照表 (a .docx whose table is headed 新/旧, 改正後/改正前 or 改正案/現行) as it stands and
/// checks its underlines, （略） and numbering: `shiryo shinkyu --check TABLE.docx`.
pub fn check_received(file: &Path) -> Result<ReceivedTable, AppError> {
    use shiryo_shinkyu::input;
    docx_only(file)?;
    let bytes = input::read_docx_file(file).map_err(AppError::Shinkyu)?;
    let doc = input::docx(&bytes, file, shiryo_core::limits::MAX_DOCX_BYTES).map_err(AppError::Shinkyu)?;
    shiryo_shinkyu::check::check(&doc.version(shiryo_formats::docx::Version::New))
        .map_err(|_| AppError::Shinkyu(shiryo_shinkyu::Error::NoComparisonTable { file: file.to_path_buf() }))
}

/// Refuses a file that is not a Word document where only one is read.
fn docx_only(file: &Path) -> Result<(), AppError> {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    match shiryo_core::sniff(&name, &[]) {
        FileKind::Docx => Ok(()),
        kind => Err(AppError::UnsupportedFile { file: name, kind, accepted: &[FileKind::Docx] }),
    }
}

/// The table as plain text with the changed 字句 in [ ], as `shiryo shinkyu` prints it.
pub fn render_text(table: &Table) -> String {
    shiryo_shinkyu::render_text(table)
}

/// Prints a table on its own (the CLI's `shiryo shinkyu --pdf`) and writes it to `out` atomically; returns the
/// page count. `created` is written as the PDF's date (same input and date, same bytes).
pub fn write_pdf(
    table: &Table,
    title: &str,
    caption: Option<&str>,
    out: &Path,
    created: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let cmp = to_comparison(table, caption);
    let stamp = created.format("%Y-%m-%dT%H:%M:%S").to_string();
    let opts = shiryo_print::PrintOptions {
        layout: shiryo_print::LayoutOptions { author: String::new(), ..shiryo_print::LayoutOptions::default() },
        emit: shiryo_print::EmitOptions {
            created,
            document_id: crate::files::document_id(&["shiryo-shinkyu", title, &stamp]),
        },
    };
    let printed = shiryo_print::print_comparison(title, &cmp, &opts)?;
    crate::files::write_atomically(out, &printed.bytes)?;
    Ok(printed.pages)
}

/// The .docx both texts are the versions of (見え消し), when they are.
fn tracked_file(state: &ShinkyuState) -> Option<String> {
    let (old, new) = (state.old.as_ref()?, state.new.as_ref()?);
    (old.media_type == tracked_media_type(ShinkyuSide::Old)
        && new.media_type == tracked_media_type(ShinkyuSide::New)
        && old.file_name == new.file_name)
        .then(|| old.file_name.clone())
}

/// The caption a setting asks for: `None` stored means the preset's own (as `shiryo shinkyu --pdf` prints it:
/// （傍線部分は改正部分） under 改正後/改正前 and 改正案/現行, [`DEFAULT_CAPTION`] under 新/旧), an empty one means none.
fn caption(setting: &ShinkyuSetting) -> Option<&str> {
    match setting.caption.as_deref() {
        None => Some(default_caption(setting.preset)),
        Some(c) if c.trim().is_empty() => None,
        Some(c) => Some(c),
    }
}

impl App {
    /// The label and title of a 新旧対照表 資料 of a meeting (refusing other kinds).
    fn shinkyu_material(&self, meeting_id: i64, material_id: i64) -> Result<(String, String)> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let m = meeting
            .numbered_materials()
            .into_iter()
            .find(|m| m.material.id == material_id)
            .ok_or(shiryo_store::Error::MaterialNotFound { meeting_id, material_id })?;
        if m.material.kind != shiryo_core::MaterialKind::Shinkyu {
            return Err(AppError::WrongMaterialKind {
                meeting_id,
                material_id,
                label: m.label.clone(),
                found: m.material.kind,
                expected: shiryo_core::MaterialKind::Shinkyu,
            });
        }
        Ok((m.label.clone(), m.material.title.clone()))
    }

    /// How many rows with a change a hand edit of this 新旧対照表 made （略） (0 until both texts are there).
    pub(crate) fn shinkyu_omitted_changes(&self, material_id: i64) -> Result<usize> {
        let state = self.ws.shinkyu_state(material_id)?;
        if !state.edits.iter().any(|e| e.kind == "omit") {
            return Ok(0);
        }
        Ok(build(&state)?.edited.omitted_changes)
    }

    fn shinkyu_view(&self, meeting_id: i64, material_id: i64, dropped: Vec<ShinkyuDroppedEdit>) -> Result<ShinkyuView> {
        let (label, title) = self.shinkyu_material(meeting_id, material_id)?;
        let state = self.ws.shinkyu_state(material_id)?;
        let built = build(&state)?;
        let order = ShinkyuColumnOrder::from_code(&state.setting.column_order);
        let preset = state.setting.preset;
        let (new_h, old_h, _) = preset.wording();
        let headings = match order {
            ShinkyuColumnOrder::NewLeft => [new_h.to_string(), old_h.to_string()],
            ShinkyuColumnOrder::OldLeft => [old_h.to_string(), new_h.to_string()],
        };
        let finding_views = findings(&built)
            .into_iter()
            .map(|f| ShinkyuFindingView {
                code: f.code.to_string(),
                row: u32::try_from(f.row).unwrap_or(u32::MAX),
                key: f
                    .row
                    .checked_sub(1)
                    .and_then(|i| built.edited.rows.get(i))
                    .map(|r| r.key.clone())
                    .unwrap_or_default(),
                message: f.message,
            })
            .collect();
        let rows = built
            .edited
            .table
            .rows
            .iter()
            .zip(&built.edited.rows)
            .map(|(r, info)| {
                let new = cell_view(r.new.as_ref(), info.new_placeholder);
                let old = cell_view(r.old.as_ref(), info.old_placeholder);
                let (left, right) = match order {
                    ShinkyuColumnOrder::NewLeft => (new, old),
                    ShinkyuColumnOrder::OldLeft => (old, new),
                };
                ShinkyuRowView { key: info.key.clone(), kind: r.kind.into(), left, right, edited: info.edited }
            })
            .collect();
        Ok(ShinkyuView {
            meeting_id,
            material_id,
            label,
            title,
            old_file: state.old.as_ref().map(|f| f.file_name.clone()),
            new_file: state.new.as_ref().map(|f| f.file_name.clone()),
            tracked_file: tracked_file(&state),
            received_file: state.received.as_ref().map(|f| f.file_name.clone()),
            findings: finding_views,
            preset,
            column_order: order,
            caption: caption(&state.setting).unwrap_or_default().to_string(),
            caption_is_default: state.setting.caption.is_none(),
            headings,
            rows,
            dropped,
            edit_count: u32::try_from(state.edits.len()).unwrap_or(u32::MAX),
            can_undo: self.history.can_undo(Scope::Content(material_id)),
            can_redo: self.history.can_redo(Scope::Content(material_id)),
        })
    }

    /// What the check of a received 新旧対照表 finds in its rows as they are now (none for a generated table).
    pub(crate) fn shinkyu_findings(&self, material_id: i64) -> Result<Vec<ReceivedFinding>> {
        let state = self.ws.shinkyu_state(material_id)?;
        if state.received.is_none() {
            return Ok(Vec::new());
        }
        Ok(findings(&build(&state)?))
    }

    /// The table of a 新旧対照表 資料 as the screen shows it.
    pub fn open_shinkyu(&self, req: &ShinkyuRef) -> Result<ShinkyuView> {
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Saves the headings preset, column order and caption.
    pub fn set_shinkyu_options(&mut self, req: &SetShinkyuOptionsRequest) -> Result<ShinkyuView> {
        if let Some(caption) = &req.caption {
            crate::validate::note("見出し", caption)?;
        }
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let before = self.ws.shinkyu_state(req.material_id)?;
        let setting = ShinkyuSetting {
            preset: req.preset,
            column_order: req.column_order.code().to_string(),
            caption: req.caption.as_ref().map(|c| c.trim().to_string()),
        };
        if setting == before.setting {
            return self.shinkyu_view(req.meeting_id, req.material_id, Vec::new());
        }
        let (meeting, material) = (req.meeting_id, req.material_id);
        self.recorded(Scope::Content(material), Some(meeting), &[Rows::ShinkyuSetting(material)], |ws| {
            Ok(ws.set_shinkyu_setting(meeting, material, &setting)?)
        })?;
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Applies one hand edit (refused, nothing stored, when it does not apply to the table as it is).
    pub fn edit_shinkyu(&mut self, req: &ShinkyuEditRequest) -> Result<ShinkyuView> {
        match &req.edit {
            ShinkyuEditOp::Repair { key, other } => {
                crate::validate::note("行", key)?;
                crate::validate::note("行", other)?;
            }
            ShinkyuEditOp::Split { key, .. } | ShinkyuEditOp::Omit { key } => crate::validate::note("行", key)?,
            ShinkyuEditOp::Cell { key, text, .. } => {
                crate::validate::note("行", key)?;
                crate::validate::text("文", text)?;
            }
        }
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        let before = self.ws.shinkyu_state(req.material_id)?;
        if before.received.is_none() && (before.old.is_none() || before.new.is_none()) {
            return Err(AppError::ShinkyuTextsMissing { material_id: req.material_id });
        }
        let built = build(&before)?;
        let (_, mut edits) = stored_edits(&before);
        edits.push(engine_edit(&req.edit));
        let tried = edit::apply(&built.generated, &edits);
        if let Some(d) = tried.dropped.iter().find(|d| d.index + 1 == edits.len()) {
            return Err(AppError::ShinkyuEdit(d.error.clone()));
        }
        let (kind, key) = edit_kind(&req.edit);
        let detail =
            serde_json::to_string(&req.edit).map_err(|source| AppError::Json { what: "a 新旧 hand edit", source })?;
        let edit = ShinkyuEdit { kind: kind.to_string(), row_key: key.to_string(), detail };
        let (meeting, material) = (req.meeting_id, req.material_id);
        self.recorded(Scope::Content(material), Some(meeting), &[Rows::ShinkyuEdits(material)], |ws| {
            Ok(ws.add_shinkyu_edit(meeting, material, &edit)?)
        })?;
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Takes back the last command (text, options or edit) on this 新旧対照表.
    pub fn undo_shinkyu(&mut self, req: &ShinkyuRef, now: chrono::NaiveDateTime) -> Result<ShinkyuView> {
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        self.step_back(Scope::Content(req.material_id), now)?;
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }

    /// Does again what the last undo on this 新旧対照表 took back.
    pub fn redo_shinkyu(&mut self, req: &ShinkyuRef, now: chrono::NaiveDateTime) -> Result<ShinkyuView> {
        self.shinkyu_material(req.meeting_id, req.material_id)?;
        self.step_forward(Scope::Content(req.material_id), now)?;
        self.shinkyu_view(req.meeting_id, req.material_id, Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shiryo_shinkyu::Options;

    #[test]
    fn the_table_converts_in_column_order_with_character_marks() {
        let old = "第１ 見出し\n１ 監査実施要領を定める。\n";
        let new = "第１ 見出し\n１ 監査実施要綱を定める。\n";
        let options = Options { old_left: true, ..Options::default() };
        let cmp = to_comparison(&shiryo_shinkyu::compare(old, new, &options), None);
        assert_eq!(cmp.headings, ["旧".to_string(), "新".to_string()]);
        let changed = cmp.rows.iter().find(|r| !r[0].marks.is_empty()).unwrap();
        let marked = |c: &ComparisonCell| -> String {
            let m = &c.marks[0];
            c.text.chars().skip(m.start).take(m.end - m.start).collect()
        };
        assert_eq!(marked(&changed[0]), "領");
        assert_eq!(marked(&changed[1]), "綱");
    }
}
