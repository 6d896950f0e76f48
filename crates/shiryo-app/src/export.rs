//! Export: the packet (or one 資料) of a meeting as a print-ready PDF, written to a temporary file in the target
//! folder and renamed into place, so a crash never leaves a half-written PDF.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDateTime;
use shiryo_core::{MaterialKind, Meeting};
use shiryo_print::{Content, EmitOptions, EmptyPolicy, GlyphPolicy, LayoutOptions, PrintOptions, Selection};
use shiryo_store::Workspace;

use crate::dto::{ExportProgress, ExportReport, ExportRequest, ExportWarning, ExportedMaterial};
use crate::error::AppError;

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
        MaterialKind::KpiTable => {
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
        MaterialKind::Shinkyu => match files.into_iter().find(|f| f.role == "pairs") {
            Some(f) => Content::ShinkyuPairs(f.file_name, f.content),
            None => Content::Empty,
        },
        MaterialKind::ImportedPdf => match files.into_iter().find(|f| is(f, ".pdf", "application/pdf")) {
            Some(f) => Content::Pdf(f.file_name, f.content),
            None => Content::Empty,
        },
    })
}

/// A stable 16-byte file identifier from what the PDF is of (FNV-1a, two seeds): no clock, no randomness.
fn document_id(parts: &[&str]) -> [u8; 16] {
    let hash = |seed: u64| {
        let mut h = seed;
        for part in parts {
            for b in part.bytes().chain([0u8]) {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        h
    };
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&hash(0xcbf2_9ce4_8422_2325).to_be_bytes());
    id[8..].copy_from_slice(&hash(0x8422_2325_cbf2_9ce4).to_be_bytes());
    id
}

/// Writes `bytes` to `out` through a temporary file in the same folder, renamed into place at the end.
fn write_atomically(out: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |source: std::io::Error| AppError::ExportIo { path: out.to_path_buf(), source };
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".shiryo-export-").suffix(".pdf.tmp");
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

/// Prints and writes the PDF; see [`crate::App::export_pdf`].
pub(crate) fn export(
    ws: &Workspace,
    meeting: &Meeting,
    req: &ExportRequest,
    out: &Path,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportReport, AppError> {
    let numbered = meeting.numbered_materials();
    let selection = match req.material_id {
        Some(id) => Selection::Material(id),
        None => Selection::Packet,
    };
    let mut contents = BTreeMap::new();
    for m in &numbered {
        if req.material_id.is_none_or(|id| id == m.material.id) {
            contents.insert(m.material.id, content(ws, meeting, m.material.id, m.material.kind)?);
        }
    }
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
    let printed = shiryo_print::print(meeting, &contents, selection, &opts, &mut |done, total| {
        progress(ExportProgress {
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        })
    })?;
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
