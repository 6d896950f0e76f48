//! Office files as 資料 (Word, Excel, PowerPoint and their OpenDocument kin): converted to PDF by
//! `shiryo-convert` when added, replaced or reconverted — never at export — and then printed like an imported
//! PDF. The original is kept byte for byte beside the PDF, with a record of the conversion (pages, fonts asked
//! for and embedded, Japanese fonts substituted) that 印刷前の確認 reads.
//!
//! The conversion needs no workspace: [`convert`] runs first (off the UI thread, off the workspace lock, with
//! progress and cancel), and only its checked result is stored, in one transaction. A failed or cancelled
//! conversion leaves the workspace as it was.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use shiryo_convert::{Converter, Job, Settings};
use shiryo_core::{FileKind, MaterialKind};
use shiryo_store::MaterialFile;
use ts_rs::TS;

use crate::materials::AddMaterialOutcome;
use crate::{App, AppError, EditOutcome, Result};

/// The roles of an Office 資料's files: the original, the converted PDF, the conversion record.
pub const ROLE_SOURCE: &str = "source";
pub const ROLE_PDF: &str = "pdf";
pub const ROLE_RECORD: &str = "conversion";

/// The environment variables the binaries read for conversions.
pub use shiryo_convert::{ENV_PROGRAM, ENV_TIMEOUT};

/// The converter settings from the binaries' environment (`var` is `std::env::var_os` there; tests pass their
/// own): SHIRYO_SOFFICE, PATH, the Windows program folders, SHIRYO_CONVERT_TIMEOUT_S (whole seconds, ≥ 1;
/// anything else leaves the 120 s default), and our BIZ UD fonts as the replacement for Windows Japanese fonts.
pub fn settings(var: impl Fn(&str) -> Option<OsString>, cache_dir: PathBuf) -> Settings {
    let mut install_dirs = Vec::new();
    if cfg!(windows) {
        for key in ["ProgramFiles", "ProgramFiles(x86)", "ProgramW6432"] {
            if let Some(dir) = var(key) {
                install_dirs.push(PathBuf::from(dir).join("LibreOffice").join("program"));
            }
        }
    }
    install_dirs.extend(shiryo_convert::default_install_dirs());
    install_dirs.dedup();
    let timeout = var(ENV_TIMEOUT)
        .and_then(|v| v.to_str().and_then(|s| s.trim().parse::<u64>().ok()))
        .filter(|s| *s >= 1)
        .map_or(shiryo_convert::DEFAULT_TIMEOUT, Duration::from_secs);
    Settings {
        program: var(ENV_PROGRAM).filter(|p| !p.is_empty()).map(PathBuf::from),
        search_path: var("PATH"),
        install_dirs,
        cache_dir,
        timeout,
        replacement_fonts: Some(shiryo_convert::fonts::ReplacementFonts {
            mincho: shiryo_print::Face::Mincho.bytes(),
            gothic: shiryo_print::Face::Gothic.bytes(),
        }),
    }
}

/// The converter and its settings, for the binaries: they reach the converter only through this module.
pub use shiryo_convert::{Error as ConvertError, LibreOffice, Settings as ConvertSettings};

/// Finds LibreOffice as the settings say (see [`converter_status`] to ask without failing).
pub fn libre_office(settings: &Settings) -> Result<LibreOffice> {
    LibreOffice::new(settings).map_err(AppError::Convert)
}

/// True when the file is of a kind Shiryo converts (.docx .doc .odt .rtf .xlsx .xlsm .xls .ods .pptx .ppt .odp),
/// as `shiryo_core::sniff` tells kinds apart.
pub fn is_office_file(file_name: &str) -> bool {
    shiryo_convert::office_format(shiryo_core::sniff(file_name, &[])).is_some()
}

/// The kinds the converter takes, for the message that refuses another kind (the converter's own list).
pub const OFFICE_KINDS: &[FileKind] = &shiryo_convert::CONVERTED;

/// A Windows Japanese font the document asks for that is not in the converted PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct FontSubstitution {
    /// As the document names it: ＭＳ 明朝.
    pub requested: String,
    /// What our replacement table gives for it: BIZ UDMincho.
    pub replacement: String,
}

/// What a conversion did, stored beside the PDF (role `conversion`, JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConversionRecord {
    pub converter: String,
    /// The original file's name.
    pub source: String,
    pub pages: u32,
    pub requested_fonts: Vec<String>,
    pub embedded_fonts: Vec<String>,
    pub substituted: Vec<FontSubstitution>,
    /// Wall time of the conversion in seconds.
    pub seconds: f64,
}

/// A checked conversion, ready to be stored.
#[derive(Debug, Clone)]
pub struct Conversion {
    pub record: ConversionRecord,
    files: Vec<MaterialFile>,
}

impl Conversion {
    /// The converted PDF.
    pub fn pdf(&self) -> &[u8] {
        self.files.iter().find(|f| f.role == ROLE_PDF).map_or(&[], |f| f.content.as_slice())
    }
}

/// Converts an Office file with `converter` and checks the PDF as an imported PDF is checked; nothing is
/// stored. `progress` hears the time spent about four times a second; `cancel` stops it.
pub fn convert(
    converter: &dyn Converter,
    file_name: &str,
    bytes: &[u8],
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(Duration),
) -> Result<Conversion> {
    crate::validate::file_name(file_name)?;
    let kind = shiryo_core::sniff(file_name, bytes);
    let Some(format) = shiryo_convert::office_format(kind) else {
        return Err(AppError::UnsupportedFile { file: file_name.to_string(), kind, accepted: OFFICE_KINDS });
    };
    let converted = converter.convert(&Job { file_name, bytes, cancel }, progress).map_err(AppError::Convert)?;
    let seconds = converted.spent.as_secs_f64();
    let stem = std::path::Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("converted");
    let pdf_name = format!("{stem}.pdf");
    // The print engine's own check (encryption, page boxes, size): what it refuses later must be refused now.
    shiryo_print::import::inspect("", &pdf_name, &converted.pdf)?;
    let requested = shiryo_convert::fonts::requested_fonts(file_name, bytes);
    let substituted = shiryo_convert::fonts::substitutions(&requested, &converted.embedded_fonts)
        .into_iter()
        .map(|s| FontSubstitution { requested: s.requested, replacement: s.suggested.to_string() })
        .collect();
    let record = ConversionRecord {
        converter: converted.converter,
        source: file_name.to_string(),
        pages: converted.pages,
        requested_fonts: requested,
        embedded_fonts: converted.embedded_fonts,
        substituted,
        seconds,
    };
    let json = serde_json::to_vec_pretty(&record).map_err(AppError::Record)?;
    let files = vec![
        MaterialFile {
            role: ROLE_SOURCE.into(),
            file_name: file_name.to_string(),
            media_type: format.kind.media_type().to_string(),
            content: bytes.to_vec(),
        },
        MaterialFile {
            role: ROLE_PDF.into(),
            file_name: pdf_name,
            media_type: FileKind::Pdf.media_type().into(),
            content: converted.pdf,
        },
        MaterialFile {
            role: ROLE_RECORD.into(),
            file_name: "conversion.json".into(),
            media_type: FileKind::Json.media_type().into(),
            content: json,
        },
    ];
    Ok(Conversion { record, files })
}

/// Where a converted 資料 goes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AddOfficeMaterialRequest {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub item_id: i64,
    pub title: String,
    /// The Office file chosen in the window, as bytes.
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A running conversion, told to the window about four times a second: 変換中… 資料２－５ 12 秒.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConvertProgress {
    /// The label the 資料 has (or will have once added).
    pub label: String,
    pub seconds: u32,
}

/// How a conversion from the window ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "status", rename_all = "camelCase")]
#[ts(export)]
// One answer per conversion, serialised at once: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ConvertOutcome {
    /// Converted and stored: the editor state and the 資料's id.
    #[serde(rename_all = "camelCase")]
    Done {
        outcome: EditOutcome,
        #[ts(type = "number")]
        material_id: i64,
    },
    /// Stopped by the person: nothing was stored.
    Cancelled,
}

/// Whether Office files can be converted here, for the 資料 dialog before anything is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ConverterStatus {
    pub available: bool,
    /// The program found ("" when none).
    pub program: String,
    /// When unavailable: what to install and the other ways in, in Japanese.
    pub message: String,
    /// The extensions converted, without dots.
    pub extensions: Vec<String>,
}

/// Looks for LibreOffice as a conversion would.
pub fn converter_status(settings: &Settings) -> ConverterStatus {
    let extensions = shiryo_convert::container::extensions().into_iter().map(str::to_string).collect();
    match shiryo_convert::find_program(
        settings.program.as_deref(),
        settings.search_path.as_ref(),
        &settings.install_dirs,
    ) {
        Ok(program) => ConverterStatus {
            available: true,
            program: program.display().to_string(),
            message: String::new(),
            extensions,
        },
        Err(e) => ConverterStatus {
            available: false,
            program: String::new(),
            message: AppError::Convert(e).message_ja(),
            extensions,
        },
    }
}

/// What the 資料's own screen shows of an Office 資料.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct OfficeMaterialView {
    #[ts(type = "number")]
    pub material_id: i64,
    pub label: String,
    pub title: String,
    pub record: Option<ConversionRecord>,
}

/// The original Office file of a 資料 (for 「変換し直す」).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeSource {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

impl App {
    /// Adds a converted Office file as the last 資料 of an agenda item.
    pub fn add_office_material(
        &mut self,
        meeting_id: i64,
        item_id: i64,
        title: &str,
        conversion: Conversion,
        now: NaiveDateTime,
    ) -> Result<AddMaterialOutcome> {
        crate::validate::title("資料名", title)?;
        let mut id = 0;
        let outcome = self.edited(meeting_id, &crate::editor::material_rows(meeting_id), |ws| {
            let material = shiryo_store::NewMaterial {
                title: title.to_string(),
                kind: MaterialKind::Office,
                text: None,
                files: conversion.files,
            };
            id = ws.add_material(meeting_id, item_id, &material, now)?;
            Ok(())
        })?;
        Ok(AddMaterialOutcome { outcome, material_id: id })
    }

    /// Puts a new conversion in place of a 資料's content (replaced file or 「変換し直す」): its place, number and
    /// title stay; undo brings the previous content back.
    pub fn replace_with_conversion(
        &mut self,
        meeting_id: i64,
        material_id: i64,
        conversion: Conversion,
        now: NaiveDateTime,
    ) -> Result<EditOutcome> {
        let content = shiryo_store::NewMaterial {
            title: String::new(),
            kind: MaterialKind::Office,
            text: None,
            files: conversion.files,
        };
        let rows = [shiryo_store::Rows::Meeting(meeting_id), shiryo_store::Rows::WholeMaterial(material_id)];
        self.edited(meeting_id, &rows, |ws| ws.replace_material_content(meeting_id, material_id, &content, now))
    }

    /// The original file of an Office 資料, to convert again.
    pub fn office_source(&self, meeting_id: i64, material_id: i64) -> Result<OfficeSource> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let found = meeting.numbered_materials().into_iter().find(|m| m.material.id == material_id);
        let Some(numbered) = found else {
            return Err(shiryo_store::Error::MaterialNotFound { meeting_id, material_id }.into());
        };
        let source = match numbered.material.kind {
            MaterialKind::Office => self.ws.material_file(material_id, ROLE_SOURCE)?,
            _ => None,
        };
        source
            .map(|f| OfficeSource { file_name: f.file_name, bytes: f.content })
            .ok_or(AppError::NotConverted { label: numbered.label.clone() })
    }

    /// The label the next 資料 of an agenda item will have (資料２－６), for the progress line before it exists.
    pub fn next_material_label(&self, meeting_id: i64, item_id: i64) -> Result<String> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let agenda = meeting.numbered_agenda();
        let item = agenda
            .iter()
            .find(|n| n.item.id == item_id)
            .ok_or(shiryo_store::Error::ItemNotFound { meeting_id, item_id })?;
        let count = u32::try_from(item.item.materials.len()).unwrap_or(u32::MAX - 1);
        Ok(shiryo_core::numbering::material_label(item.position, count + 1))
    }

    /// An Office 資料 for its own screen: label, title and the conversion record.
    pub fn office_material(&self, meeting_id: i64, material_id: i64) -> Result<OfficeMaterialView> {
        let meeting = self.ws.load_meeting(meeting_id)?;
        let found = meeting.numbered_materials().into_iter().find(|m| m.material.id == material_id);
        let Some(m) = found else {
            return Err(shiryo_store::Error::MaterialNotFound { meeting_id, material_id }.into());
        };
        Ok(OfficeMaterialView {
            material_id,
            label: m.label.clone(),
            title: m.material.title.clone(),
            record: self.conversion_record(material_id)?,
        })
    }

    /// The conversion record of an Office 資料 (None for other kinds or an unreadable record).
    pub fn conversion_record(&self, material_id: i64) -> Result<Option<ConversionRecord>> {
        Ok(self
            .ws
            .material_file(material_id, ROLE_RECORD)?
            .and_then(|f| serde_json::from_slice::<ConversionRecord>(&f.content).ok()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_comes_from_the_environment_only_when_it_is_a_whole_number_of_seconds() {
        let with = |value: &'static str| {
            move |k: &str| match k {
                ENV_TIMEOUT => Some(OsString::from(value)),
                _ => None,
            }
        };
        assert_eq!(settings(with("2"), PathBuf::from("c")).timeout, Duration::from_secs(2));
        assert_eq!(settings(with("zwei"), PathBuf::from("c")).timeout, shiryo_convert::DEFAULT_TIMEOUT);
        assert_eq!(settings(with("0"), PathBuf::from("c")).timeout, shiryo_convert::DEFAULT_TIMEOUT);
        assert_eq!(settings(|_| None, PathBuf::from("c")).program, None);
    }
}
