//! Shiryo's use cases: one function per command, called by the desktop shell and the `shiryo` CLI alike.

pub mod backup;
pub mod check;
pub mod demo;
pub mod distribution;
pub mod dto;
pub mod editor;
mod error;
mod export;
mod files;
mod history;
pub mod kpi;
pub mod kpi_review;
pub mod limits;
pub mod materials;
pub mod office;
pub mod printer;
pub mod shinkyu;
mod snapshot;
pub mod table_material;
pub mod validate;
pub mod workspaces;

#[cfg(test)]
mod history_tests;

use std::path::Path;

use chrono::NaiveDateTime;
use shiryo_core::{shidai, Meeting};
use shiryo_store::Workspace;

pub use shiryo_core::{sniff, FileKind};
pub use shiryo_store::OpenOptions;

pub use dto::{
    AgendaLineView, BlankPageStyle, DayRequest, DayView, ExportProgress, ExportReport, ExportRequest, ExportWarning,
    ExportedMaterial, MaterialKind, MaterialLineView, MeetingSummary, PrintJobReport, PrintReport, PrintRequest,
    RevisedMarks, SheetPlan, ShidaiRequest, ShidaiView, SplitFile, SplitReport, WorkspaceInfo,
};
pub use editor::{EditOutcome, MeetingEditorView};
pub use error::{AppError, AppErrorDto, ErrorCode};
pub use export::{Cancel, ExportOutcome, MaterialPageCount, MaterialPages, PreparedExport, PrintOutcome, SplitOutcome};

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// An open workspace and the use cases on it.
#[derive(Debug)]
pub struct App {
    ws: Workspace,
    history: history::History,
    /// A KPI file waiting for its column mapping (its bytes are not sent twice).
    kpi_pending: Option<kpi_review::PendingKpiFile>,
    /// What it was opened with, to reopen the same way (after a restore).
    open_options: OpenOptions,
}

impl App {
    /// Opens an existing workspace (refusing, untouched, anything that is not a healthy Shiryo workspace). A
    /// migration backup is named in UTC: the binaries pass the local time zone in with [`App::open_with`].
    pub fn open(path: &Path) -> Result<App> {
        App::open_with(path, &OpenOptions::default())
    }

    /// [`App::open`] with what opening needs from the world (the local time zone) passed in.
    pub fn open_with(path: &Path, opts: &OpenOptions) -> Result<App> {
        Ok(App {
            ws: Workspace::open_with(path, opts)?,
            history: history::History::default(),
            kpi_pending: None,
            open_options: *opts,
        })
    }

    /// Creates a new workspace at `path` holding the demo meeting; returns it with the meeting's id.
    /// If anything fails, the new file is removed again.
    pub fn create_demo(path: &Path, now: NaiveDateTime) -> Result<(App, i64)> {
        let meeting = demo::meeting()?;
        let mut ws = Workspace::create(path)?;
        let id = match ws.insert_meeting(&meeting, now) {
            Ok(id) => id,
            Err(e) => {
                drop(ws);
                remove_workspace_files(path);
                return Err(e.into());
            }
        };
        let mut app =
            App { ws, history: history::History::default(), kpi_pending: None, open_options: OpenOptions::default() };
        if let Err(e) = app.finish_demo(id, now) {
            drop(app);
            remove_workspace_files(path);
            return Err(e);
        }
        Ok((app, id))
    }

    /// What the demo holds besides its rows: the layouts of its sheets, and its KPI 資料 imported as KPI tables
    /// (so `shiryo kpi tables` lists them and a note can be set before the app ever opens them).
    fn finish_demo(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<()> {
        let layouts = demo::layouts()?;
        let meeting = self.ws.load_meeting(meeting_id)?;
        for m in meeting.numbered_materials() {
            let seed = demo::seed_id(&m.label);
            if let Some((_, layout)) = layouts.iter().find(|(id, _)| *id == seed) {
                self.set_table_layout(m.material.id, layout, now)?;
            }
            if m.material.kind == shiryo_core::MaterialKind::KpiTable {
                self.ensure_kpi_tables(meeting_id, m.material.id, now)?;
            }
        }
        Ok(())
    }

    /// What the desktop app does at start: open the workspace, or create it with the demo meeting on first start.
    pub fn open_or_create_demo(path: &Path, now: NaiveDateTime, opts: &OpenOptions) -> Result<App> {
        if path.exists() {
            App::open_with(path, opts)
        } else {
            App::create_demo(path, now).map(|(app, _)| app)
        }
    }

    pub fn workspace_info(&self) -> Result<WorkspaceInfo> {
        Ok(WorkspaceInfo {
            path: self.ws.path().display().to_string(),
            meeting_count: u32::try_from(self.ws.list_meetings()?.len()).unwrap_or(u32::MAX),
            schema_version: self.ws.schema_version()?,
        })
    }

    /// The meetings, undated ones (in preparation) first, then newest first.
    pub fn list_meetings(&self) -> Result<Vec<MeetingSummary>> {
        Ok(self
            .ws
            .list_meetings()?
            .into_iter()
            .map(|row| MeetingSummary {
                id: row.id,
                date_label: row.header.date.map(shiryo_core::wareki::formal_date),
                title_lines: row.header.title_lines,
                material_count: row.material_count,
            })
            .collect())
    }

    /// The 次第 of a meeting, with every label derived from the agenda.
    pub fn shidai(&self, req: &ShidaiRequest) -> Result<ShidaiView> {
        let meeting = self.ws.load_meeting(req.meeting_id)?;
        Ok(shidai_view(&meeting))
    }

    /// The 次第 as plain text; without an id, of the first meeting in the list.
    pub fn shidai_text(&self, meeting_id: Option<i64>) -> Result<String> {
        let id = match meeting_id {
            Some(id) => id,
            None => self.ws.list_meetings()?.first().map(|m| m.id).ok_or(AppError::NoMeetings)?,
        };
        Ok(shidai::render_text(&self.ws.load_meeting(id)?))
    }

    /// The meeting to use when none is named: the first one listed.
    pub fn default_meeting_id(&self) -> Result<i64> {
        self.ws.list_meetings()?.first().map(|m| m.id).ok_or(AppError::NoMeetings)
    }

    /// The id of the 資料 labelled `label` (資料３－２; 資料3-2 and 3-2 are accepted too).
    pub fn material_id_by_label(&self, meeting_id: i64, label: &str) -> Result<i64> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let found = meeting.numbered_materials().into_iter().find(|m| export::same_label(label, &m.label));
        found.map(|m| m.material.id).ok_or_else(|| AppError::MaterialNotFound { meeting_id, label: label.to_string() })
    }

    /// An agenda item of a meeting by its printed numbers from the top (`2(2)`, `２（２）`, `3`; spaces ignored), or
    /// else by its id.
    pub fn agenda_item_id(&self, meeting_id: i64, typed: &str) -> Result<i64> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let norm = |s: &str| -> String {
            shiryo_core::width::fullwidth_digits(s)
                .replace('(', "（")
                .replace(')', "）")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect()
        };
        let mut path: Vec<String> = Vec::new();
        for n in meeting.numbered_agenda() {
            path.truncate(n.depth);
            path.push(norm(&n.label));
            if path.concat() == norm(typed) {
                return Ok(n.item.id);
            }
        }
        let by_id =
            typed.trim().parse::<i64>().ok().filter(|id| meeting.numbered_agenda().iter().any(|n| n.item.id == *id));
        by_id.ok_or_else(|| AppError::ItemPath { meeting_id, path: typed.to_string() })
    }

    /// The printed label (資料２－３) of a 資料 of a meeting.
    pub fn material_label(&self, meeting_id: i64, material_id: i64) -> Result<String> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let found = meeting.numbered_materials().into_iter().find(|m| m.material.id == material_id);
        found
            .map(|m| m.label)
            .ok_or_else(|| AppError::MaterialNotFound { meeting_id, label: format!("id {material_id}") })
    }

    /// Prints the packet (or one 資料) of a meeting to `out` as PDF. The file appears complete or not at all
    /// (temporary file + rename). `now` is written as the creation date: the same workspace and `now` give the
    /// same bytes. `progress` is told the pages done out of the total as the work goes on.
    pub fn export_pdf(
        &self,
        req: &ExportRequest,
        out: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportReport> {
        let never = export::Cancel::new();
        let report = prepare(&self.ws, req, &never)?.run(out, now, progress, &never)?;
        Ok(report)
    }

    /// Exports the packet as [`App::export_pdf`] does and records it as distributed when the request asks
    /// (`req.distribution`): the PDF first, then the version in one transaction.
    pub fn export_and_record(
        &mut self,
        req: &ExportRequest,
        out: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportReport> {
        let report = self.export_pdf(req, out, now, progress)?;
        self.finish_export(report, now)
    }

    /// Writes the 配付版 an export report carries (see [`ExportReport::recording`]), if any.
    pub fn finish_export(&mut self, mut report: ExportReport, now: NaiveDateTime) -> Result<ExportReport> {
        if let Some(recording) = report.recording.take() {
            self.record(&recording, now)?;
            report.recorded_as = Some(recording.name().to_string());
        }
        Ok(report)
    }

    /// Prints one file per 資料 (and `00_次第.pdf`) with a list file into the folder `dir`, which appears whole or
    /// not at all (a temporary folder renamed into place; an earlier such folder is replaced as a whole, any
    /// other non-empty folder is refused).
    pub fn export_split(
        &self,
        req: &ExportRequest,
        dir: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<SplitReport> {
        let never = export::Cancel::new();
        prepare(&self.ws, req, &never)?.run_split(dir, now, progress, &never)
    }

    /// Sends the packet (or one job per 資料, set after set) to a printer of `system`, after the same checks as
    /// an export; nothing is sent when any fails.
    pub fn print(
        &self,
        req: &PrintRequest,
        system: &dyn printer::PrintSystem,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<PrintReport> {
        let never = export::Cancel::new();
        prepare(&self.ws, &req.export, &never)?.run_print(req, system, now, progress, &never)
    }

    /// The sheets a print run would use (pages, blanks, copies), from a layout without writing anything.
    pub fn sheet_plan(&self, req: &PrintRequest) -> Result<SheetPlan> {
        // The 「（…差替え）」 notes are drawn on pages already laid out: they change no count, and finding the
        // 資料 they mark would lay the packet out twice.
        let counted = ExportRequest { revised: None, ..req.export.clone() };
        prepare(&self.ws, &counted, &export::Cancel::new())?.plan(req)
    }

    /// The suggested name of the folder of one file per 資料 (`令和５年６月５日_合同会議`).
    pub fn split_folder_name(&self, req: &ExportRequest) -> Result<String> {
        Ok(prepare(&self.ws, req, &export::Cancel::new())?.folder_name())
    }

    /// Reads what an export prints (the desktop app then prints it off the workspace lock, cancellably:
    /// see [`PreparedExport::run`]). `cancel` is checked between 資料.
    pub fn prepare_export(&self, req: &ExportRequest, cancel: &export::Cancel) -> Result<PreparedExport> {
        prepare(&self.ws, req, cancel)
    }

    /// Reads every 資料 of a meeting for counting its pages ([`PreparedExport::material_pages`], which the
    /// desktop app runs off the workspace lock): empty 資料 and missing characters allowed, as a count never
    /// refuses.
    pub fn prepare_page_count(&self, meeting_id: i64) -> Result<PreparedExport> {
        let req =
            ExportRequest { meeting_id, allow_empty: true, allow_missing_glyphs: true, ..ExportRequest::default() };
        prepare(&self.ws, &req, &export::Cancel::new())
    }

    /// Starts a new meeting from a past one: agenda and 資料 kept, date cleared.
    pub fn duplicate_meeting(&mut self, meeting_id: i64, now: NaiveDateTime) -> Result<i64> {
        Ok(self.ws.duplicate_meeting(meeting_id, now)?)
    }
}

/// What `req` prints, read from the workspace: for a packet printed again after a 差し替え (`req.revised`), the
/// 資料 changed since that 配付版 are found first, for the note on their first pages.
fn prepare(ws: &Workspace, req: &ExportRequest, cancel: &export::Cancel) -> Result<PreparedExport> {
    let notes = match &req.revised {
        Some(r) => distribution::revised_notes(ws, req.meeting_id, &r.since, r.date)?,
        None => std::collections::BTreeMap::new(),
    };
    export::prepare(ws, req, cancel, notes)
}

fn shidai_view(meeting: &Meeting) -> ShidaiView {
    ShidaiView {
        meeting_id: meeting.id,
        title_lines: meeting.header.title_lines.clone(),
        date_label: shidai::date_label(meeting),
        time_note: meeting.header.time_note.clone(),
        place_lines: meeting.header.place_lines.clone(),
        agenda: meeting
            .numbered_agenda()
            .into_iter()
            .map(|n| AgendaLineView {
                id: n.item.id,
                depth: u32::try_from(n.depth).unwrap_or(u32::MAX),
                label: n.label,
                title: n.item.title.clone(),
            })
            .collect(),
        materials: meeting
            .numbered_materials()
            .into_iter()
            .map(|n| MaterialLineView {
                id: n.material.id,
                label: n.label,
                title: n.material.title.clone(),
                kind: n.material.kind.into(),
                kind_label: n.material.kind.name_ja().to_string(),
                empty: n.material.empty,
                agenda_item_id: n.agenda_item_id,
            })
            .collect(),
        text: shidai::render_text(meeting),
    }
}

/// Removes a workspace file and its WAL companions (used only for a file this process just created).
fn remove_workspace_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for companion in shiryo_store::companions(path) {
        let _ = std::fs::remove_file(companion);
    }
}
