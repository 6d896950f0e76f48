//! Export: the packet (or one 資料) of a meeting as a print-ready PDF, written to a temporary file in the target
//! folder and renamed into place, so a crash never leaves a half-written PDF.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::NaiveDateTime;
use serde::Serialize;
use shiryo_core::{FileKind, MaterialKind, Meeting};
use shiryo_print::{
    BlankPage, Content, EmitOptions, EmptyPolicy, GlyphPolicy, LayoutOptions, PrintOptions, Printed, Selection,
};
use shiryo_store::Workspace;
use ts_rs::TS;

/// One file of a split packet: what it prints, its label (「次第」 or 「資料１－１」) and its title.
type Part = (Selection, String, String);

use crate::dto::{
    BlankPageStyle, ExportProgress, ExportReport, ExportRequest, ExportWarning, ExportedMaterial, PrintJobReport,
    PrintReport, PrintRequest, SheetPlan, SplitFile, SplitReport,
};
use crate::error::AppError;
use crate::files::{document_id, write_atomically, write_folder_atomically};
use crate::printer::{PrintJob, PrintSystem};

/// The title of 資料 `id` of `meeting`.
fn title(meeting: &Meeting, id: i64) -> String {
    meeting
        .numbered_materials()
        .into_iter()
        .find(|m| m.material.id == id)
        .map(|m| m.material.title.clone())
        .unwrap_or_default()
}

/// The stored content of a 資料, in the form the print engine reads.
fn content(ws: &Workspace, meeting: &Meeting, id: i64, kind: MaterialKind) -> Result<Content, AppError> {
    let files = ws.material_files(id)?;
    let is = |f: &shiryo_store::MaterialFile, kind: FileKind| {
        f.media_type == kind.media_type() || shiryo_core::sniff(&f.file_name, &f.content) == kind
    };
    Ok(match kind {
        MaterialKind::Text => match ws.material_text(id)? {
            Some(text) if !text.trim().is_empty() => Content::Text(text),
            _ => Content::Empty,
        },
        MaterialKind::Table => match crate::table_material::print_content(ws, id, &title(meeting, id))? {
            Some(print) => Content::Table(print),
            None => Content::Empty,
        },
        MaterialKind::KpiTable => {
            // A KPI 資料 that carries the department's own list (a sheet, role `table`) prints that list; its KPI
            // rows stay in the review.
            if let Some(print) = crate::table_material::print_content(ws, id, &title(meeting, id))? {
                return Ok(Content::Table(print));
            }
            if let Some(kpi) = crate::kpi::print_content(ws, meeting, id)? {
                return Ok(Content::Kpi(kpi));
            }
            let csv: Vec<(String, Vec<u8>)> =
                files.into_iter().filter(|f| is(f, FileKind::Csv)).map(|f| (f.file_name, f.content)).collect();
            if csv.is_empty() {
                Content::Empty
            } else {
                Content::Csv(csv)
            }
        }
        MaterialKind::Shinkyu => crate::shinkyu::print_content(ws, id, files)?,
        MaterialKind::ImportedPdf | MaterialKind::Office => match files.into_iter().find(|f| is(f, FileKind::Pdf)) {
            Some(f) => Content::Pdf(f.file_name, f.content),
            None => Content::Empty,
        },
    })
}

/// How an export from the window ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
pub enum ExportOutcome {
    /// Written; where, how many pages, what to check.
    Done { report: ExportReport },
    /// Cancelled by the person: nothing was written.
    Cancelled,
    /// The save dialog was closed without choosing a file: nothing was written.
    NoTarget,
}

impl ExportOutcome {
    /// The result of [`PreparedExport::run`], with a cancel as an outcome rather than an error.
    pub fn of(result: Result<ExportReport, AppError>) -> Result<ExportOutcome, AppError> {
        match result {
            Ok(report) => Ok(ExportOutcome::Done { report }),
            Err(AppError::ExportCancelled) => Ok(ExportOutcome::Cancelled),
            Err(e) => Err(e),
        }
    }
}

/// How saving one file per 資料 from the window ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
pub enum SplitOutcome {
    Done {
        report: SplitReport,
    },
    Cancelled,
    /// The folder dialog was closed without choosing: nothing was written.
    NoTarget,
}

impl SplitOutcome {
    pub fn of(result: Result<SplitReport, AppError>) -> Result<SplitOutcome, AppError> {
        match result {
            Ok(report) => Ok(SplitOutcome::Done { report }),
            Err(AppError::ExportCancelled) => Ok(SplitOutcome::Cancelled),
            Err(e) => Err(e),
        }
    }
}

/// How a print run from the window ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
pub enum PrintOutcome {
    Done {
        report: PrintReport,
    },
    /// Cancelled before the first job was sent: nothing was printed.
    Cancelled,
}

impl PrintOutcome {
    pub fn of(result: Result<PrintReport, AppError>) -> Result<PrintOutcome, AppError> {
        match result {
            Ok(report) => Ok(PrintOutcome::Done { report }),
            Err(AppError::ExportCancelled) => Ok(PrintOutcome::Cancelled),
            Err(e) => Err(e),
        }
    }
}

/// The pages each 資料 of a meeting prints as, laid out from the workspace without writing a PDF (the 次第
/// editor shows them beside each 資料).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MaterialPages {
    #[ts(type = "number")]
    pub meeting_id: i64,
    /// In agenda order, one per 資料.
    pub materials: Vec<MaterialPageCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct MaterialPageCount {
    #[ts(type = "number")]
    pub material_id: i64,
    /// Blank pages of a 両面 print not counted; an empty 資料 counts its （別途配付） page.
    pub pages: u32,
}

/// Stops an export from another thread. The export checks it between 資料 and between pages; just before it
/// writes its file it claims the token, and from then on a cancel is too late (the file is being written whole).
#[derive(Debug, Default)]
pub struct Cancel(AtomicU8);

const RUNNING: u8 = 0;
const WRITING: u8 = 1;
const CANCELLED: u8 = 2;

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks the export to stop; false when it is already writing its file (it then finishes normally).
    pub fn cancel(&self) -> bool {
        match self.0.compare_exchange(RUNNING, CANCELLED, Ordering::SeqCst, Ordering::SeqCst) {
            Ok(_) => true,
            Err(state) => state == CANCELLED,
        }
    }

    /// True once a cancel took effect: the export will write nothing.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst) == CANCELLED
    }

    /// Claims the right to write the file; false if a cancel came first.
    pub(crate) fn start_writing(&self) -> bool {
        self.0.compare_exchange(RUNNING, WRITING, Ordering::SeqCst, Ordering::SeqCst).is_ok()
    }
}

/// What an export prints, read from the workspace: the meeting and the content of each selected 資料. Built
/// while the workspace is locked (quick: SQLite reads), then printed without the lock ([`PreparedExport::run`]),
/// so the 次第 editor stays usable during a long export.
#[derive(Debug)]
pub struct PreparedExport {
    meeting: Meeting,
    contents: BTreeMap<i64, Content>,
    req: ExportRequest,
    file_name: String,
    /// 資料 id → 「（令和５年６月２日差替え）」 (see [`ExportRequest::revised`]).
    notes: BTreeMap<i64, String>,
}

/// Reads what `req` prints; `cancel` is checked between 資料. `notes`: the 「（…差替え）」 note of each 資料 a
/// packet printed again after a 差し替え marks (`req.revised`; the caller compares, see `crate::prepare`).
pub(crate) fn prepare(
    ws: &Workspace,
    req: &ExportRequest,
    cancel: &Cancel,
    notes: BTreeMap<i64, String>,
) -> Result<PreparedExport, AppError> {
    let meeting = ws.load_meeting(req.meeting_id)?;
    let numbered = meeting.numbered_materials();
    let mut contents = BTreeMap::new();
    let mut label = None;
    for m in &numbered {
        if req.material_id.is_none_or(|id| id == m.material.id) {
            if cancel.is_cancelled() {
                return Err(AppError::ExportCancelled);
            }
            contents.insert(m.material.id, content(ws, &meeting, m.material.id, m.material.kind)?);
            if req.material_id.is_some() {
                label = Some(m.label.clone());
            }
        }
    }
    if let (Some(_), None) = (req.material_id, &label) {
        return Err(AppError::MaterialNotFound {
            meeting_id: req.meeting_id,
            label: req.material_id.map(|id| format!("id {id}")).unwrap_or_default(),
        });
    }
    let file_name = suggested_file_name(&meeting, label.as_deref());
    if let Some(choice) = &req.distribution {
        if req.material_id.is_some() {
            return Err(AppError::DistributionOfPart);
        }
        crate::snapshot::check_name(ws, req.meeting_id, &choice.name)?;
    }
    Ok(PreparedExport { meeting, contents, req: req.clone(), file_name, notes })
}

/// `令和５年６月５日_合同会議.pdf` for a packet, `資料３－２_合同会議.pdf` for one 資料: characters that file
/// systems refuse (`/ \ : * ? " < > |` and controls) become `_`.
fn suggested_file_name(meeting: &Meeting, label: Option<&str>) -> String {
    let title: String = meeting.header.title_lines.concat();
    let title = if title.trim().is_empty() { "会議".to_string() } else { title };
    let first = match (label, meeting.header.date) {
        (Some(label), _) => label.to_string(),
        (None, Some(date)) => shiryo_core::wareki::formal_day(date),
        (None, None) => "次第と資料".to_string(),
    };
    let name: String = format!("{first}_{title}")
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .take(120)
        .collect();
    format!("{}.pdf", name.trim())
}

impl PreparedExport {
    /// The pages each 資料 would print as (label, pages), from the layout alone: nothing is emitted. Empty 資料
    /// count their （別途配付） page and missing characters their 〓, so a count never fails on what an export
    /// would refuse.
    pub fn page_counts(&self) -> Result<Vec<(String, u32)>, AppError> {
        let fonts = shiryo_print::Fonts::load()?;
        let opts = LayoutOptions {
            empty: EmptyPolicy::Placeholder,
            missing_glyphs: GlyphPolicy::Substitute,
            ..LayoutOptions::default()
        };
        let laid = shiryo_print::packet::layout(&fonts, &self.meeting, &self.contents, self.selection(), &opts)?;
        Ok(laid.materials.into_iter().map(|(label, _, n)| (label, u32::try_from(n).unwrap_or(u32::MAX))).collect())
    }

    /// The pages of every 資料 of the packet by id (see [`PreparedExport::page_counts`]): what the 次第 editor
    /// shows. Heavy for a long packet, so the desktop app calls it off the workspace lock.
    pub fn material_pages(&self) -> Result<MaterialPages, AppError> {
        let fonts = shiryo_print::Fonts::load()?;
        let opts = LayoutOptions {
            empty: EmptyPolicy::Placeholder,
            missing_glyphs: GlyphPolicy::Substitute,
            ..LayoutOptions::default()
        };
        let laid = shiryo_print::packet::layout(&fonts, &self.meeting, &self.contents, Selection::Packet, &opts)?;
        // The layout places the 資料 in agenda order, one entry each.
        let materials = self
            .meeting
            .numbered_materials()
            .iter()
            .zip(&laid.materials)
            .map(|(m, (_, _, n))| MaterialPageCount { material_id: m.material.id, pages: u32_of(*n) })
            .collect();
        Ok(MaterialPages { meeting_id: self.meeting.id, materials })
    }

    /// The file name to offer in the save dialog.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The folder name to offer for one file per 資料: the packet's file name without `.pdf`.
    pub fn folder_name(&self) -> String {
        self.file_name.strip_suffix(".pdf").unwrap_or(&self.file_name).to_string()
    }

    fn layout_options(&self, duplex: bool) -> LayoutOptions {
        let req = &self.req;
        LayoutOptions {
            continuous_page_numbers: req.continuous_page_numbers,
            duplex: duplex.then_some(match req.blank_page {
                BlankPageStyle::Empty => BlankPage::Empty,
                BlankPageStyle::Hakushi => BlankPage::Hakushi,
            }),
            empty: if req.allow_empty { EmptyPolicy::Placeholder } else { EmptyPolicy::Refuse },
            missing_glyphs: if req.allow_missing_glyphs { GlyphPolicy::Substitute } else { GlyphPolicy::Refuse },
            author: format!("{} 事務局", self.meeting.header.title_lines.concat()),
            revision: shiryo_print::Revision { notes: self.notes.clone(), ..shiryo_print::Revision::default() },
            bodies: req.distribution.is_some(),
        }
    }

    pub(crate) fn meeting(&self) -> &Meeting {
        &self.meeting
    }

    pub(crate) fn contents(&self) -> &BTreeMap<i64, Content> {
        &self.contents
    }

    /// The packet laid out (nothing emitted) with the body of every page, for a comparison with a 配付版.
    pub(crate) fn laid_with_bodies(&self) -> Result<shiryo_print::packet::Laid, AppError> {
        let fonts = shiryo_print::Fonts::load()?;
        let opts = LayoutOptions { bodies: true, ..self.layout_options(self.req.duplex) };
        Ok(shiryo_print::packet::layout(&fonts, &self.meeting, &self.contents, Selection::Packet, &opts)?)
    }

    /// Prints the 差し替え set `revision` marks (its cover, then the stamped parts), with page bodies.
    pub(crate) fn print_replacements(
        &self,
        revision: shiryo_print::Revision,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<Printed, AppError> {
        // Each 資料 keeps its own page numbers, as on the pages it replaces.
        let layout = LayoutOptions {
            continuous_page_numbers: false,
            revision,
            bodies: true,
            ..self.layout_options(self.req.duplex)
        };
        let opts = PrintOptions { layout, emit: self.emit_options(now, "replacements") };
        Ok(shiryo_print::print(&self.meeting, &self.contents, Selection::Replacements, &opts, &mut |done, total| {
            progress(ExportProgress { done: u32_of(done), total: u32_of(total) })
        })?)
    }

    /// The creation date and a file id derived from what the file is of.
    fn emit_options(&self, now: NaiveDateTime, selected: &str) -> EmitOptions {
        let title = self.meeting.header.title_lines.concat();
        let created = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        let id = self.meeting.id.to_string();
        let mut parts = vec!["shiryo", &id, selected, &created, &title];
        if self.req.duplex {
            parts.push("duplex");
        }
        EmitOptions { created: now, document_id: document_id(&parts) }
    }

    fn selection(&self) -> Selection {
        match self.req.material_id {
            Some(id) => Selection::Material(id),
            None => Selection::Packet,
        }
    }

    /// The 次第 and each 資料 as files of their own (one 資料 only when the request names one), with their
    /// label and title.
    fn parts(&self) -> Vec<Part> {
        let mut parts = Vec::new();
        if self.req.material_id.is_none() {
            parts.push((Selection::Shidai, "次第".to_string(), self.meeting.header.title_lines.concat()));
        }
        for m in self.meeting.numbered_materials() {
            if self.req.material_id.is_none_or(|id| id == m.material.id) {
                parts.push((Selection::Material(m.material.id), m.label.clone(), m.material.title.clone()));
            }
        }
        parts
    }

    /// Prints every part (see [`PreparedExport::parts`]) as PDF bytes, each with its own outline and title.
    fn print_parts(
        &self,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &Cancel,
    ) -> Result<Vec<(Part, Printed)>, AppError> {
        let parts = self.parts();
        let selections: Vec<(Selection, EmitOptions)> =
            parts.iter().map(|(sel, label, _)| (*sel, self.emit_options(now, &format!("split {label}")))).collect();
        // Each file starts its own job or its own reading: no blank pages inside one.
        let layout = self.layout_options(false);
        let printed = shiryo_print::print_each(&self.meeting, &self.contents, &selections, &layout, &mut |d, t| {
            if !cancel.is_cancelled() {
                progress(ExportProgress { done: u32_of(d), total: u32_of(t) })
            }
        })?;
        Ok(parts.into_iter().zip(printed).collect())
    }

    /// Prints the packet (or one 資料) as one PDF.
    fn print_one(
        &self,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &Cancel,
    ) -> Result<Printed, AppError> {
        let selected = self.req.material_id.map(|id| id.to_string()).unwrap_or_default();
        let opts =
            PrintOptions { layout: self.layout_options(self.req.duplex), emit: self.emit_options(now, &selected) };
        // shiryo-print reports each page but cannot be stopped midway: after a cancel the remaining pages are
        // drawn unreported (a fraction of a second for the demo packet) and the result is dropped by the caller.
        Ok(shiryo_print::print(&self.meeting, &self.contents, self.selection(), &opts, &mut |done, total| {
            if !cancel.is_cancelled() {
                progress(ExportProgress { done: u32_of(done), total: u32_of(total) })
            }
        })?)
    }

    /// Prints and writes the PDF. `cancel` is checked between pages; once it is set the work stops being
    /// reported, nothing is written and the answer is [`AppError::ExportCancelled`] (no file, not even part of one).
    pub fn run(
        self,
        out: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &Cancel,
    ) -> Result<ExportReport, AppError> {
        if cancel.is_cancelled() {
            return Err(AppError::ExportCancelled);
        }
        let printed = self.print_one(now, progress, cancel)?;
        if !cancel.start_writing() {
            return Err(AppError::ExportCancelled);
        }
        write_atomically(out, &printed.bytes)?;
        let recording = match &self.req.distribution {
            Some(choice) => {
                Some(Box::new(crate::snapshot::recording(&self.meeting, &self.contents, &self.req, choice, &printed)?))
            }
            None => None,
        };
        Ok(ExportReport {
            recorded_as: None,
            recording,
            path: out.display().to_string(),
            pages: u32_of(printed.pages),
            bytes: u64::try_from(printed.bytes.len()).unwrap_or(u64::MAX),
            warnings: printed.warnings.iter().map(ExportWarning::from).collect(),
            materials: printed
                .materials
                .into_iter()
                .map(|(label, first, count)| ExportedMaterial {
                    label,
                    first_page: u32_of(first),
                    pages: u32_of(count),
                })
                .collect(),
            blank_pages: u32_of(printed.blanks),
        })
    }

    /// Writes one file per 資料 into the folder `dir` (see [`crate::App::export_split`]).
    pub fn run_split(
        self,
        dir: &Path,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &Cancel,
    ) -> Result<SplitReport, AppError> {
        if cancel.is_cancelled() {
            return Err(AppError::ExportCancelled);
        }
        check_split_target(dir)?;
        let printed = self.print_parts(now, progress, cancel)?;
        let mut taken = Vec::new();
        let mut files = Vec::with_capacity(printed.len() + 1);
        let mut listed = Vec::with_capacity(printed.len());
        let mut warnings = Vec::new();
        for ((selection, label, title), p) in printed {
            let stem = match selection {
                Selection::Shidai => "00_次第".to_string(),
                _ => format!("{label}_{}", safe_file_stem(&title, 40)),
            };
            let file_name = unique_name(&mut taken, &stem, ".pdf");
            warnings.extend(p.warnings.iter().map(ExportWarning::from));
            listed.push(SplitFile { file_name: file_name.clone(), label, title, pages: u32_of(p.pages) });
            files.push((file_name, p.bytes));
        }
        // A warning about the whole meeting (two 資料 with one label) is reported by each file: once is enough.
        warnings.dedup();
        let mut seen = std::collections::BTreeSet::new();
        warnings.retain(|w| seen.insert((w.code.clone(), w.label.clone(), w.message.clone())));
        let list = list_csv(&listed).map_err(|e| AppError::ExportIo { path: dir.join(LIST_FILE), source: e })?;
        files.push((LIST_FILE.to_string(), list));
        if !cancel.start_writing() {
            return Err(AppError::ExportCancelled);
        }
        let bytes: u64 = files.iter().map(|(_, b)| u64::try_from(b.len()).unwrap_or(u64::MAX)).sum();
        write_folder_atomically(dir, &files)?;
        Ok(SplitReport {
            dir: dir.display().to_string(),
            pages: listed.iter().map(|f| f.pages).sum(),
            files: listed,
            list_file: LIST_FILE.to_string(),
            bytes,
            warnings,
        })
    }

    /// The sheets a print run of `req` would use.
    pub fn plan(&self, req: &PrintRequest) -> Result<SheetPlan, AppError> {
        let copies = req.copies.max(1);
        let duplex = req.two_sided();
        if req.per_material {
            let layout = self.layout_options(false);
            let mut pages = Vec::new();
            for (selection, _, _) in self.parts() {
                pages.push(shiryo_print::plan(&self.meeting, &self.contents, selection, &layout)?.pages);
            }
            Ok(sheet_plan(&pages, 0, copies, duplex, true))
        } else {
            let layout = self.layout_options(self.req.duplex);
            let planned = shiryo_print::plan(&self.meeting, &self.contents, self.selection(), &layout)?;
            Ok(sheet_plan(&[planned.pages], planned.blanks, copies, duplex, false))
        }
    }

    /// Sends the print to `system` (see [`crate::App::print`]). The printer is checked first and every PDF is
    /// made before the first job is sent, so a refused check prints nothing.
    pub fn run_print(
        self,
        req: &PrintRequest,
        system: &dyn PrintSystem,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(ExportProgress),
        cancel: &Cancel,
    ) -> Result<PrintReport, AppError> {
        if cancel.is_cancelled() {
            return Err(AppError::ExportCancelled);
        }
        let printer = req.printer.trim();
        crate::printer::check_printer(system, printer)
            .map_err(|e| AppError::Printer { source: e, sent: Vec::new() })?;
        let copies = req.copies.max(1);
        let duplex = req.two_sided();
        let tmp = tempfile::Builder::new()
            .prefix("shiryo-print-")
            .tempdir()
            .map_err(|e| AppError::ExportIo { path: std::env::temp_dir(), source: e })?;
        // (label, title, file, pages) of each job's file.
        let mut files = Vec::new();
        let mut warnings = Vec::new();
        let plan;
        if req.per_material {
            let printed = self.print_parts(now, progress, cancel)?;
            let pages: Vec<usize> = printed.iter().map(|(_, p)| p.pages).collect();
            plan = sheet_plan(&pages, 0, copies, duplex, true);
            for (i, ((_, label, title), p)) in printed.into_iter().enumerate() {
                let path = tmp.path().join(format!("{i:02}.pdf"));
                std::fs::write(&path, &p.bytes).map_err(|e| AppError::ExportIo { path: path.clone(), source: e })?;
                warnings.extend(p.warnings.iter().map(ExportWarning::from));
                files.push((label, title, path, p.pages));
            }
        } else {
            let p = self.print_one(now, progress, cancel)?;
            plan = sheet_plan(&[p.pages], p.blanks, copies, duplex, false);
            let path = tmp.path().join("packet.pdf");
            std::fs::write(&path, &p.bytes).map_err(|e| AppError::ExportIo { path: path.clone(), source: e })?;
            warnings.extend(p.warnings.iter().map(ExportWarning::from));
            let label = match &self.req.material_id {
                Some(_) => p.materials.first().map(|m| m.0.clone()).unwrap_or_default(),
                None => "全体".to_string(),
            };
            files.push((label, self.folder_name(), path, p.pages));
        }
        let mut seen = std::collections::BTreeSet::new();
        warnings.retain(|w| seen.insert((w.code.clone(), w.label.clone(), w.message.clone())));
        if !cancel.start_writing() {
            return Err(AppError::ExportCancelled);
        }
        let mut jobs = Vec::new();
        let mut send = |label: &str, title: &str, file: &Path, pages: usize, set: u32, n: u32| {
            let job_title = format!("{label} {title}");
            let job = PrintJob { printer, file, title: job_title.trim(), copies: n, duplex };
            match system.submit(&job) {
                Ok(job_id) => {
                    jobs.push(PrintJobReport {
                        label: label.to_string(),
                        set,
                        copies: n,
                        pages: u32_of(pages),
                        job_id,
                    });
                    Ok(())
                }
                Err(e) => Err(e),
            }
        };
        let result = if req.per_material {
            // Set after set (次第, 資料１－１, …, then the next set): each 資料 its own job to staple, the sets
            // coming out in order.
            (1..=copies).try_for_each(|set| {
                files.iter().try_for_each(|(label, title, path, pages)| send(label, title, path, *pages, set, 1))
            })
        } else {
            files.iter().try_for_each(|(label, title, path, pages)| send(label, title, path, *pages, 0, copies))
        };
        if let Err(source) = result {
            let sent = jobs.iter().filter_map(|j| j.job_id.clone()).collect();
            return Err(AppError::Printer { source, sent });
        }
        Ok(PrintReport { printer: printer.to_string(), jobs, plan, warnings })
    }
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Sheets for files of `pages` each (one set), `copies` sets: on both sides a file takes ⌈pages / 2⌉ sheets.
fn sheet_plan(pages: &[usize], blanks: usize, copies: u32, duplex: bool, per_material: bool) -> SheetPlan {
    let per_set: usize = pages.iter().map(|&p| if duplex { p.div_ceil(2) } else { p }).sum();
    let jobs = if per_material { pages.len() * copies as usize } else { pages.len() };
    SheetPlan {
        pages: u32_of(pages.iter().sum()),
        blanks: u32_of(blanks),
        copies,
        sheets: u32_of(per_set.saturating_mul(copies as usize)),
        jobs: u32_of(jobs),
    }
}

/// The list file of a folder of one file per 資料.
const LIST_FILE: &str = "一覧.csv";

/// `一覧.csv`: file, label, title, pages; UTF-8 with a BOM so that Excel on Windows reads the Japanese right.
fn list_csv(files: &[SplitFile]) -> std::io::Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        let io = |e: csv::Error| std::io::Error::other(e.to_string());
        w.write_record(["ファイル", "資料番号", "表題", "ページ数"]).map_err(io)?;
        for f in files {
            w.write_record([f.file_name.as_str(), &f.label, &f.title, &f.pages.to_string()]).map_err(io)?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// A file name stem Windows, macOS and Linux all accept: no `< > : " / \\ | ? *` or control characters (they
/// become `_`), runs of white space as one space, at most `max` characters, no trailing dot or space, not a
/// reserved device name (CON, NUL, COM1 …).
pub(crate) fn safe_file_stem(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(if c.is_control() || "<>:\"/\\|?*".contains(c) { '_' } else { c });
    }
    let mut out: String = out.chars().take(max).collect();
    while out.ends_with(['.', ' ']) {
        out.pop();
    }
    let device = out.split('.').next().unwrap_or_default().to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&device.as_str())
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device[3..].chars().all(|c| c.is_ascii_digit() && c != '0'));
    if reserved {
        out.insert(0, '_');
    }
    if out.is_empty() {
        out.push_str("資料");
    }
    out
}

/// `stem + ext`, or `stem_2 + ext` … when a name equal but for case is taken (Windows compares names so).
fn unique_name(taken: &mut Vec<String>, stem: &str, ext: &str) -> String {
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("{stem}{ext}") } else { format!("{stem}_{n}{ext}") };
        let key = name.to_lowercase();
        if !taken.contains(&key) {
            taken.push(key);
            return name;
        }
        n += 1;
    }
}

/// A folder may receive one file per 資料 when it does not exist, is empty, or holds an earlier such output (only
/// PDFs and the list file): anything else is refused, so a chosen folder of other files is never replaced.
fn check_split_target(dir: &Path) -> Result<(), AppError> {
    let io = |source| AppError::ExportIo { path: dir.to_path_buf(), source };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
        Ok(m) if !m.is_dir() => return Err(AppError::SplitTarget { path: dir.to_path_buf() }),
        Ok(_) => {}
    }
    let mut has_list = false;
    let mut any = false;
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        any = true;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_file = entry.file_type().map_err(io)?.is_file();
        if is_file && name == LIST_FILE {
            has_list = true;
        } else if !(is_file && shiryo_core::sniff(&name, &[]) == FileKind::Pdf) {
            return Err(AppError::SplitTarget { path: dir.to_path_buf() });
        }
    }
    if any && !has_list {
        return Err(AppError::SplitTarget { path: dir.to_path_buf() });
    }
    Ok(())
}

/// The PDF of one 資料 as it will print, for a screen's preview (its empty state allowed, characters the fonts
/// lack shown as 〓).
pub(crate) fn preview(
    ws: &Workspace,
    meeting_id: i64,
    material_id: i64,
    now: NaiveDateTime,
) -> Result<Vec<u8>, AppError> {
    let req = ExportRequest {
        meeting_id,
        material_id: Some(material_id),
        allow_empty: true,
        allow_missing_glyphs: true,
        ..ExportRequest::default()
    };
    let never = Cancel::new();
    let prepared = prepare(ws, &req, &never, BTreeMap::new())?;
    Ok(prepared.print_one(now, &mut |_| {}, &never)?.bytes)
}

impl crate::App {
    /// A 資料 as it will print (PDF bytes), for the first page its screen shows (the 表 screen).
    pub fn table_preview(&self, req: &crate::dto::MaterialRef, now: NaiveDateTime) -> Result<Vec<u8>, AppError> {
        preview(&self.ws, req.meeting_id, req.material_id, now)
    }
}

/// 資料３－２, 資料3-2, 3-2 and ３―２ all name the same 資料: digits and dashes are compared loosely.
pub(crate) fn same_label(typed: &str, label: &str) -> bool {
    let norm = |s: &str| -> String {
        let s = s.trim();
        let s = s.strip_prefix("資料").unwrap_or(s);
        shiryo_core::width::fullwidth_digits(s).replace(['-', '―', 'ー', '‐', '−', '–', '—'], "－")
    };
    norm(typed) == norm(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_labels_match_loosely() {
        assert!(same_label("資料3-2", "資料３－２"));
        assert!(same_label("３―２", "資料３－２"));
        assert!(same_label("資料３－２", "資料３－２"));
        assert!(!same_label("資料3-1", "資料３－２"));
        assert!(!same_label("資料3-20", "資料３－２"));
    }

    #[test]
    fn file_names_are_safe_on_windows() {
        assert_eq!(safe_file_stem("令和５年度の取組 : 方向性（案）?", 40), "令和５年度の取組 _ 方向性（案）_");
        assert_eq!(safe_file_stem("a/b\\c*d\"e<f>g|h\ti", 40), "a_b_c_d_e_f_g_h i");
        assert_eq!(safe_file_stem("  終わりに点...  ", 40), "終わりに点");
        assert_eq!(safe_file_stem("CON", 40), "_CON");
        assert_eq!(safe_file_stem("com1.txt", 40), "_com1.txt");
        assert_eq!(safe_file_stem("COM10", 40), "COM10");
        assert_eq!(safe_file_stem("", 40), "資料");
        assert_eq!(safe_file_stem(&"長".repeat(100), 40).chars().count(), 40);
        let mut taken = Vec::new();
        assert_eq!(unique_name(&mut taken, "資料１－１_A", ".pdf"), "資料１－１_A.pdf");
        assert_eq!(unique_name(&mut taken, "資料１－１_a", ".pdf"), "資料１－１_a_2.pdf");
    }

    #[test]
    fn sheets_are_half_the_pages_of_each_file_on_both_sides() {
        let plan = sheet_plan(&[3, 5, 1], 0, 2, true, true);
        assert_eq!((plan.pages, plan.sheets, plan.jobs, plan.copies), (9, (2 + 3 + 1) * 2, 6, 2));
        let plan = sheet_plan(&[12], 3, 30, false, false);
        assert_eq!((plan.pages, plan.blanks, plan.sheets, plan.jobs), (12, 3, 360, 1));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod cancel_tests {
    use super::Cancel;
    use crate::{App, AppError, ExportRequest};

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap()
    }

    #[test]
    fn a_cancelled_export_writes_nothing_and_an_uncancelled_one_the_whole_packet() {
        let dir = tempfile::tempdir().unwrap();
        let (app, id) = App::create_demo(&dir.path().join("w.shiryo"), now()).unwrap();
        let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
        let out = dir.path().join("packet.pdf");

        let cancel = Cancel::new();
        let prepared = app.prepare_export(&req, &cancel).unwrap();
        assert_eq!(
            prepared.file_name(),
            "令和５年６月５日_福島県行財政改革推進本部・福島県デジタル社会形成推進本部合同会議.pdf"
        );
        let mut reports = 0;
        let result = prepared.run(
            &out,
            now(),
            &mut |p| {
                reports += 1;
                assert!(p.done <= p.total);
                // Cancelled while the pages are drawn.
                assert!(cancel.cancel());
            },
            &cancel,
        );
        assert!(matches!(result, Err(AppError::ExportCancelled)), "{result:?}");
        assert_eq!(reports, 1, "no progress is reported after the cancel");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(!out.exists() && !left.iter().any(|n| n.to_string_lossy().contains(".pdf")), "{left:?}");

        // Cancelled before any 資料 was read.
        assert!(matches!(app.prepare_export(&req, &cancel), Err(AppError::ExportCancelled)));

        // Once the file is being written, a cancel is refused and the export completes.
        let late = Cancel::new();
        assert!(late.start_writing());
        assert!(!late.cancel() && !late.is_cancelled());

        let never = Cancel::new();
        let report = app.prepare_export(&req, &never).unwrap().run(&out, now(), &mut |_| {}, &never).unwrap();
        assert!(report.pages > 100, "{}", report.pages);
        assert_eq!(std::fs::metadata(&out).unwrap().len(), report.bytes);
    }

    #[test]
    fn the_page_counts_of_every_material_are_those_an_export_prints_and_their_cost_is_printed() {
        let dir = tempfile::tempdir().unwrap();
        let (app, id) = App::create_demo(&dir.path().join("w.shiryo"), now()).unwrap();
        let started = std::time::Instant::now();
        let prepared = app.prepare_page_count(id).unwrap();
        let read = started.elapsed();
        let counted = prepared.material_pages().unwrap();
        let total = started.elapsed();
        // The figure for docs/architecture.md (debug build; not an assertion).
        eprintln!(
            "page count of the demo meeting: {} 資料, {} pages: read under the lock {:.0} ms, laid out {:.0} ms, \
             total {:.0} ms",
            counted.materials.len(),
            counted.materials.iter().map(|m| m.pages).sum::<u32>(),
            read.as_secs_f64() * 1000.0,
            (total - read).as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
        );
        assert_eq!(counted.meeting_id, id);
        let shidai = app.shidai(&crate::ShidaiRequest { meeting_id: id }).unwrap();
        let ids: Vec<i64> = counted.materials.iter().map(|m| m.material_id).collect();
        assert_eq!(ids, shidai.materials.iter().map(|m| m.id).collect::<Vec<_>>());

        let req = ExportRequest { meeting_id: id, allow_empty: true, ..ExportRequest::default() };
        let never = Cancel::new();
        let out = dir.path().join("packet.pdf");
        let report = app.prepare_export(&req, &never).unwrap().run(&out, now(), &mut |_| {}, &never).unwrap();
        let exported: Vec<(String, u32)> = report.materials.iter().map(|m| (m.label.clone(), m.pages)).collect();
        let by_label: Vec<(String, u32)> =
            shidai.materials.iter().zip(&counted.materials).map(|(m, c)| (m.label.clone(), c.pages)).collect();
        assert_eq!(by_label, exported);
        assert!(counted.materials.iter().all(|m| m.pages > 0), "{counted:?}");
    }

    #[test]
    fn one_material_is_offered_under_its_label() {
        let dir = tempfile::tempdir().unwrap();
        let (app, id) = App::create_demo(&dir.path().join("w.shiryo"), now()).unwrap();
        let material = app.material_id_by_label(id, "資料3-2").unwrap();
        let req = ExportRequest { meeting_id: id, material_id: Some(material), ..ExportRequest::default() };
        let prepared = app.prepare_export(&req, &Cancel::new()).unwrap();
        assert!(prepared.file_name().starts_with("資料３－２_"), "{}", prepared.file_name());
        let missing = ExportRequest { meeting_id: id, material_id: Some(-5), ..ExportRequest::default() };
        assert!(matches!(app.prepare_export(&missing, &Cancel::new()), Err(AppError::MaterialNotFound { .. })));
    }
}
