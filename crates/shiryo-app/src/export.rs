//! Export: the packet (or one 資料) of a meeting as a print-ready PDF, written to a temporary file in the target
//! folder and renamed into place, so a crash never leaves a half-written PDF.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU8, Ordering};

use chrono::NaiveDateTime;
use serde::Serialize;
use shiryo_core::{MaterialKind, Meeting};
use shiryo_print::{Content, EmitOptions, EmptyPolicy, GlyphPolicy, LayoutOptions, PrintOptions, Selection};
use shiryo_store::Workspace;
use ts_rs::TS;

use crate::dto::{ExportProgress, ExportReport, ExportRequest, ExportWarning, ExportedMaterial};
use crate::error::AppError;

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
    let is = |f: &shiryo_store::MaterialFile, ext: &str, media: &str| {
        f.media_type == media || f.file_name.to_ascii_lowercase().ends_with(ext)
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
                files.into_iter().filter(|f| is(f, ".csv", "text/csv")).map(|f| (f.file_name, f.content)).collect();
            if csv.is_empty() {
                Content::Empty
            } else {
                Content::Csv(csv)
            }
        }
        MaterialKind::Shinkyu => crate::shinkyu::print_content(ws, id, files)?,
        MaterialKind::ImportedPdf => match files.into_iter().find(|f| is(f, ".pdf", "application/pdf")) {
            Some(f) => Content::Pdf(f.file_name, f.content),
            None => Content::Empty,
        },
    })
}

/// A stable 16-byte file identifier from what the PDF is of (FNV-1a, two seeds): no clock, no randomness.
pub(crate) fn document_id(parts: &[&str]) -> [u8; 16] {
    let hash = |seed: u64| {
        let mut h = fnv::FnvHasher::with_key(seed);
        for part in parts {
            std::hash::Hasher::write(&mut h, part.as_bytes());
            std::hash::Hasher::write(&mut h, &[0]);
        }
        std::hash::Hasher::finish(&h)
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&hash(0x8422_2325_cbf2_9ce4).to_be_bytes());
    id
}

/// Temporary export files: `.shiryo-export-<pid>-<random>.pdf.tmp` beside the target.
const TEMP_PREFIX: &str = ".shiryo-export-";
const TEMP_SUFFIX: &str = ".pdf.tmp";

/// Removes the temporary files of exports that were killed before their rename: those whose process no longer
/// runs (Linux) or, where that cannot be told, that are more than an hour old. Best effort, never an error.
fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let old = || {
            let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            age.is_some_and(|a| a > std::time::Duration::from_secs(3600))
        };
        let gone = cfg!(target_os = "linux") && pid.is_some_and(|p| !Path::new("/proc").join(p.to_string()).exists());
        if gone || old() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `out` through a temporary file in the same folder, renamed into place at the end. Temporary
/// files that killed exports left there are removed first.
pub(crate) fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |source: std::io::Error| AppError::ExportIo { path: out.to_path_buf(), source };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    remove_stale_temps(dir);
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // tempfile creates 0600 files; a handout PDF gets the mode any new file gets (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(out).map_err(|e| io(e.error))?;
    Ok(())
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
    fn start_writing(&self) -> bool {
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
}

/// Reads what `req` prints; `cancel` is checked between 資料.
pub(crate) fn prepare(ws: &Workspace, req: &ExportRequest, cancel: &Cancel) -> Result<PreparedExport, AppError> {
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
    Ok(PreparedExport { meeting, contents, req: req.clone(), file_name })
}

/// `令和５年６月５日_合同会議.pdf` for a packet, `資料３－２_合同会議.pdf` for one 資料: characters that file
/// systems refuse (`/ \ : * ? " < > |` and controls) become `_`.
fn suggested_file_name(meeting: &Meeting, label: Option<&str>) -> String {
    let title: String = meeting.header.title_lines.concat();
    let title = if title.trim().is_empty() { "会議".to_string() } else { title };
    let first = match (label, meeting.header.date) {
        (Some(label), _) => label.to_string(),
        (None, Some(date)) => shiryo_core::wareki::formal_date(date).split('（').next().unwrap_or_default().to_string(),
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
    /// The file name to offer in the save dialog.
    pub fn file_name(&self) -> &str {
        &self.file_name
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
        let PreparedExport { meeting, contents, req, .. } = self;
        let printed = print_prepared(&meeting, &contents, &req, now, progress, cancel)?;
        if !cancel.start_writing() {
            return Err(AppError::ExportCancelled);
        }
        write_atomically(out, &printed.bytes)?;
        Ok(ExportReport {
            path: out.display().to_string(),
            pages: u32::try_from(printed.pages).unwrap_or(u32::MAX),
            bytes: u64::try_from(printed.bytes.len()).unwrap_or(u64::MAX),
            warnings: printed.warnings.iter().map(ExportWarning::from).collect(),
            materials: printed
                .materials
                .into_iter()
                .map(|(label, first, count)| ExportedMaterial {
                    label,
                    first_page: u32::try_from(first).unwrap_or(u32::MAX),
                    pages: u32::try_from(count).unwrap_or(u32::MAX),
                })
                .collect(),
        })
    }
}

/// Lays out and writes the PDF bytes of what `req` selects (nothing is written to disk).
fn print_prepared(
    meeting: &Meeting,
    contents: &BTreeMap<i64, Content>,
    req: &ExportRequest,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(ExportProgress),
    cancel: &Cancel,
) -> Result<shiryo_print::Printed, AppError> {
    let selection = match req.material_id {
        Some(id) => Selection::Material(id),
        None => Selection::Packet,
    };
    let title = meeting.header.title_lines.concat();
    let created = now.format("%Y-%m-%dT%H:%M:%S").to_string();
    let selected = req.material_id.map(|id| id.to_string()).unwrap_or_default();
    let opts = PrintOptions {
        layout: LayoutOptions {
            continuous_page_numbers: req.continuous_page_numbers,
            empty: if req.allow_empty { EmptyPolicy::Placeholder } else { EmptyPolicy::Refuse },
            missing_glyphs: if req.allow_missing_glyphs { GlyphPolicy::Substitute } else { GlyphPolicy::Refuse },
            author: format!("{title} 事務局"),
        },
        emit: EmitOptions {
            created: now,
            document_id: document_id(&["shiryo", &meeting.id.to_string(), &selected, &created, &title]),
        },
    };
    // shiryo-print reports each page but cannot be stopped midway: after a cancel the remaining pages are
    // drawn unreported (a fraction of a second for the demo packet) and the result is dropped below.
    let printed = shiryo_print::print(meeting, contents, selection, &opts, &mut |done, total| {
        if !cancel.is_cancelled() {
            progress(ExportProgress {
                done: u32::try_from(done).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            })
        }
    })?;
    Ok(printed)
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
    let prepared = prepare(ws, &req, &never)?;
    Ok(print_prepared(&prepared.meeting, &prepared.contents, &req, now, &mut |_| {}, &never)?.bytes)
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

    #[cfg(unix)]
    #[test]
    fn an_exported_file_gets_the_mode_of_any_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.pdf");
        std::fs::write(&plain, b"x").unwrap();
        let out = dir.path().join("out.pdf");
        write_atomically(&out, b"%PDF-1.7").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&out), mode(&plain), "not the 0600 of a temporary file");
        assert_eq!(std::fs::read(&out).unwrap(), b"%PDF-1.7");
    }

    #[test]
    fn typed_labels_match_loosely() {
        assert!(same_label("資料3-2", "資料３－２"));
        assert!(same_label("３―２", "資料３－２"));
        assert!(same_label("資料３－２", "資料３－２"));
        assert!(!same_label("資料3-1", "資料３－２"));
        assert!(!same_label("資料3-20", "資料３－２"));
    }

    #[test]
    fn the_document_id_depends_on_its_input_only() {
        assert_eq!(document_id(&["a", "b"]), document_id(&["a", "b"]));
        assert_ne!(document_id(&["a", "b"]), document_id(&["ab", ""]));
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
