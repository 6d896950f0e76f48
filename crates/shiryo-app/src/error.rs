//! Use-case errors, and their IPC form `{ code, message, detail }` with a Japanese message for the user.
//!
//! The convention (docs/architecture.md, "Errors"): an engine crate's error says what failed, in English, with the
//! data that identifies it (its `Display` is the `detail`); this file is the one place where a person's Japanese
//! message is written, one per variant, and where each variant gets its [`ErrorCode`]. A condition of a use case
//! (not a KPI 資料, a file too large for its kind) is a variant of [`AppError`], never another crate's error.

use serde::Serialize;
use shiryo_core::{FileKind, MaterialKind};
use ts_rs::TS;

/// What a use case can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] shiryo_store::Error),
    #[error("the workspace holds no meeting")]
    NoMeetings,
    #[error("demo asset {name} is invalid: {reason}")]
    DemoAsset { name: String, reason: String },
    #[error(transparent)]
    Kpi(shiryo_kpi::Error),
    #[error("not a date (YYYY-MM-DD): {value:?}")]
    InvalidDate { value: String },
    #[error("nothing to undo or redo")]
    NothingToUndo,
    #[error(transparent)]
    Print(#[from] shiryo_print::Error),
    #[error("cannot write {path}: {source}")]
    ExportIo { path: std::path::PathBuf, source: std::io::Error },
    #[error("no 資料 labelled {label} in meeting {meeting_id}")]
    MaterialNotFound { meeting_id: i64, label: String },
    #[error(transparent)]
    Shinkyu(shiryo_shinkyu::Error),
    /// A hand edit of a 新旧対照表 that does not apply to the table as it is (nothing was stored).
    #[error("新旧対照表 edit refused: {0}")]
    ShinkyuEdit(shiryo_shinkyu::edit::EditError),
    /// A chosen old or new text with nothing in it (empty or blanks only): every row would be （削る）/（新設）.
    #[error("{file} holds no text (empty or blanks only)")]
    EmptyComparisonText { file: String },
    /// A hand edit before both the old and the new text are there.
    #[error("新旧対照表 {material_id} has not both texts yet")]
    ShinkyuTextsMissing { material_id: i64 },
    #[error("the export was cancelled")]
    ExportCancelled,
    #[error("another export is running")]
    ExportRunning,
    #[error("{field} is too long (limit {limit} {unit})")]
    TooLong { field: &'static str, limit: usize, unit: &'static str },
    #[error("not a file name: {name:?}")]
    BadFileName { name: String },
    /// A 表 資料's layout that does not fit its sheet (a column number past the last column, no column ticked).
    #[error("table layout refused: {0}")]
    TableLayout(LayoutRefusal),
    #[error("printing failed after {} job(s) {sent:?}: {source}", sent.len())]
    Printer { source: crate::printer::PrinterError, sent: Vec<String> },
    #[error("{path} holds other files than an earlier one-file-per-資料 export: not replaced")]
    SplitTarget { path: std::path::PathBuf },
    /// An Office file could not be converted to PDF (LibreOffice missing, broken or protected file, time-out).
    #[error(transparent)]
    Convert(shiryo_convert::Error),
    #[error("{label} was not made from an Office file: nothing to convert again")]
    NotConverted { label: String },
    #[error("no agenda item numbered {path:?} in meeting {meeting_id}")]
    ItemPath { meeting_id: i64, path: String },
    #[error("cannot write the conversion record: {0}")]
    Record(serde_json::Error),
    #[error("no distribution named {name:?} (recorded: {known:?})")]
    NoSuchDistribution { name: String, known: Vec<String> },
    #[error("nothing changed since {since:?} that could be printed ({removed} 資料 removed)")]
    NoChanges { since: String, removed: usize },
    #[error("only the whole packet can be recorded as distributed, not one 資料")]
    DistributionOfPart,
    #[error("distribution snapshot: {0}")]
    Snapshot(String),
    #[error("{file} ({kind:?}) is over the limit of {limit} bytes")]
    FileTooLarge { file: String, kind: FileKind, limit: u64 },
    #[error("{file}: a {kind:?} file cannot be used here (accepted: {accepted:?})")]
    UnsupportedFile { file: String, kind: FileKind, accepted: &'static [FileKind] },
    #[error("{label} (資料 {material_id} of meeting {meeting_id}) is a {found:?} 資料, not a {expected:?} one")]
    WrongMaterialKind { meeting_id: i64, material_id: i64, label: String, found: MaterialKind, expected: MaterialKind },
    #[error("KPI table {table_id} is not part of 資料 {material_id}")]
    KpiTableNotFound { material_id: i64, table_id: i64 },
    #[error("{label} of meeting {meeting_id} has no KPI table (import one on its screen or with shiryo kpi import)")]
    NoKpiTable { meeting_id: i64, label: String },
    #[error("{field}: {value:?} is not one of the values it takes")]
    InvalidValue { field: &'static str, value: String },
    #[error("cannot convert {what} to or from JSON: {source}")]
    Json { what: &'static str, source: serde_json::Error },
    #[error("no PDF exported in this session")]
    NoExportedPdf,
    #[error("no KPI file waiting for a column mapping in 資料 {material_id} (send the file's bytes)")]
    NoPendingKpiFile { material_id: i64 },
    #[error("{path} is not in the recent files list")]
    NotInRecentList { path: String },
    #[error("cannot create the folder {path}: {source}")]
    CreateFolder { path: std::path::PathBuf, source: std::io::Error },
}

/// Why a 表 資料's layout was refused (the 表 use cases say it; the Japanese message is below).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutRefusal {
    #[error("{header_rows} header rows but the sheet has {rows} rows")]
    TooManyHeaderRows { header_rows: usize, rows: usize },
    /// A column number (1-based, as a person counts) past the sheet's last column.
    #[error("{role:?} column {column} is not in 1..={width}")]
    ColumnOutside { role: ColumnRole, column: usize, width: usize },
    #[error("no column chosen for print")]
    NoColumnChosen,
    #[error("資料 {material_id} has no sheet")]
    NoSheet { material_id: i64 },
    #[error("no sheet {sheet:?} in {file}")]
    NoSuchSheet { file: String, sheet: String },
    /// A 表 資料 is stored with its layout (`App::add_table_material`), never as bare content.
    #[error("a table material is added with its layout, not as plain content")]
    NeedsLayout,
}

/// What a column number was given for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnRole {
    /// `--columns`: printed, in this order.
    Print,
    /// `--group`: printed once per run of equal values.
    Group,
    /// A column of a saved layout.
    Layout,
}

/// The kinds of error the UI tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    WorkspaceNotFound,
    WorkspaceExists,
    NotAWorkspace,
    WorkspaceDamaged,
    WorkspaceTooNew,
    WorkspaceInUse,
    MeetingNotFound,
    Io,
    Internal,
    /// An edit of the 次第 that cannot be done (nothing was changed).
    EditRefused,
    /// A 資料 has no content (export refused unless empty ones are allowed).
    EmptyMaterial,
    /// Characters the fonts cannot print (export refused unless substitution is allowed).
    MissingGlyph,
    /// An imported PDF is encrypted or cannot be read.
    ImportedPdf,
    /// A 資料's stored file (CSV, JSON) cannot be read.
    MaterialSource,
    /// No 資料 with that label or id.
    MaterialNotFound,
    /// An old or new text of a 新旧対照表 is not a text Shiryo can read (format, encoding, size).
    ShinkyuInput,
    /// A KPI table file Shiryo cannot read (format, encoding, size, a zip bomb).
    KpiInput,
    /// A value from the page over its length limit, or a file name with folder separators.
    InvalidInput,
    /// No printer at all, or none with the name asked for.
    NoPrinter,
    /// The print service (CUPS, the spooler) is not running, not installed, or refused a job.
    PrintFailed,
    /// Office files need LibreOffice, which was not found (the message says how to install it).
    OfficeMissing,
    /// An Office file could not be converted: password-protected, broken, too slow (time-out) or cancelled.
    OfficeConvert,
    /// No 配付版 of that name was recorded for the meeting.
    DistributionNotFound,
    /// Nothing changed since the 配付版: no 差し替え set was made.
    NoChanges,
    /// A file over the size limit of its kind (a text, a Word or Excel file, a PDF, an Office file to convert).
    FileTooLarge,
    /// A kind of file that cannot be used where it was given (a PDF as a 新旧 text, a .exe as a KPI table).
    UnsupportedFile,
    /// A command of one screen sent for a 資料 of another kind (a KPI review of a 新旧対照表).
    WrongMaterialKind,
}

/// An error as it crosses IPC: a code for the UI, a Japanese message for the user, the English detail for us.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AppErrorDto {
    pub code: ErrorCode,
    pub message: String,
    pub detail: String,
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        use shiryo_store::Error as S;
        match self {
            AppError::Store(e) => match e {
                S::NotFound { .. } => ErrorCode::WorkspaceNotFound,
                S::AlreadyExists { .. } => ErrorCode::WorkspaceExists,
                S::NotAWorkspace { .. } => ErrorCode::NotAWorkspace,
                S::Damaged { .. } => ErrorCode::WorkspaceDamaged,
                S::TooNew { .. } => ErrorCode::WorkspaceTooNew,
                S::InUse { .. } => ErrorCode::WorkspaceInUse,
                S::MeetingNotFound { .. } => ErrorCode::MeetingNotFound,
                S::Io { .. } | S::ReadOnly { .. } | S::DiskFull { .. } => ErrorCode::Io,
                S::Sqlite(e) if sqlite_busy(e) => ErrorCode::WorkspaceInUse,
                S::Sqlite(e) if sqlite_full(e) => ErrorCode::Io,
                S::Migration { .. } | S::Invalid(_) | S::Sqlite(_) => ErrorCode::Internal,
                S::ItemNotFound { .. } | S::MaterialNotFound { .. } | S::Refused(_) => ErrorCode::EditRefused,
                S::StaleUndo { .. } => ErrorCode::EditRefused,
                S::DistributionExists { .. } => ErrorCode::InvalidInput,
            },
            AppError::NoMeetings => ErrorCode::MeetingNotFound,
            AppError::DemoAsset { .. } => ErrorCode::Internal,
            AppError::Kpi(e) => kpi_code(e),
            AppError::InvalidDate { .. } | AppError::NothingToUndo => ErrorCode::EditRefused,
            AppError::Print(e) => {
                use shiryo_print::Error as P;
                match e {
                    P::EmptyMaterial { .. } => ErrorCode::EmptyMaterial,
                    P::MissingGlyphs(_) => ErrorCode::MissingGlyph,
                    P::EncryptedPdf { .. } | P::BrokenPdf { .. } => ErrorCode::ImportedPdf,
                    P::PdfTooLarge { .. } => ErrorCode::FileTooLarge,
                    P::BadSource { .. } => ErrorCode::MaterialSource,
                    P::NoSuchMaterial { .. } => ErrorCode::MaterialNotFound,
                    P::Font { .. } | P::Pdf(_) => ErrorCode::Internal,
                }
            }
            AppError::ExportIo { .. } => ErrorCode::Io,
            AppError::MaterialNotFound { .. } => ErrorCode::MaterialNotFound,
            AppError::Shinkyu(e) => {
                use shiryo_shinkyu::Error as N;
                match e {
                    N::Read { .. } => ErrorCode::Io,
                    N::TooLarge { .. } => ErrorCode::FileTooLarge,
                    N::Unsupported { .. } => ErrorCode::UnsupportedFile,
                    N::Encoding { .. }
                    | N::Docx { .. }
                    | N::LawXml { .. }
                    | N::NoTrackedChanges { .. }
                    | N::NoComparisonTable { .. } => ErrorCode::ShinkyuInput,
                }
            }
            // A cancel reaches the page as `ExportOutcome::Cancelled`, not as an error.
            AppError::ExportCancelled | AppError::ExportRunning => ErrorCode::EditRefused,
            AppError::ShinkyuEdit(_) | AppError::EmptyComparisonText { .. } | AppError::ShinkyuTextsMissing { .. } => {
                ErrorCode::EditRefused
            }
            AppError::TooLong { .. } | AppError::BadFileName { .. } | AppError::InvalidValue { .. } => {
                ErrorCode::InvalidInput
            }
            AppError::TableLayout(_) => ErrorCode::InvalidInput,
            AppError::Printer { source, .. } => match source {
                crate::printer::PrinterError::NoPrinters | crate::printer::PrinterError::UnknownPrinter { .. } => {
                    ErrorCode::NoPrinter
                }
                _ => ErrorCode::PrintFailed,
            },
            AppError::SplitTarget { .. } => ErrorCode::Io,
            AppError::Convert(e) => convert_code(e),
            AppError::NotConverted { .. } => ErrorCode::EditRefused,
            AppError::ItemPath { .. } => ErrorCode::InvalidInput,
            AppError::Snapshot(_) => ErrorCode::Internal,
            AppError::NoSuchDistribution { .. } => ErrorCode::DistributionNotFound,
            AppError::NoChanges { .. } => ErrorCode::NoChanges,
            AppError::DistributionOfPart => ErrorCode::InvalidInput,
            AppError::Record(_) => ErrorCode::Internal,
            AppError::FileTooLarge { .. } => ErrorCode::FileTooLarge,
            AppError::UnsupportedFile { .. } => ErrorCode::UnsupportedFile,
            AppError::WrongMaterialKind { .. } => ErrorCode::WrongMaterialKind,
            AppError::KpiTableNotFound { .. } | AppError::NoKpiTable { .. } => ErrorCode::MaterialNotFound,
            AppError::Json { .. } => ErrorCode::Internal,
            AppError::NoExportedPdf => ErrorCode::MaterialNotFound,
            AppError::NoPendingKpiFile { .. } => ErrorCode::EditRefused,
            AppError::NotInRecentList { .. } => ErrorCode::WorkspaceNotFound,
            AppError::CreateFolder { .. } => ErrorCode::Io,
        }
    }

    /// One line in Japanese saying what happened and what to do.
    pub fn message_ja(&self) -> String {
        use shiryo_store::Error as S;
        match self {
            AppError::Store(e) => match e {
                S::NotFound { path } => format!("ワークスペース「{}」が見つかりません。", path.display()),
                S::AlreadyExists { path } => {
                    format!("「{}」は既に存在します。別のファイル名を指定してください。", path.display())
                }
                S::NotAWorkspace { path, .. } => {
                    format!("「{}」は Shiryo のワークスペースではありません。ファイルは変更していません。", path.display())
                }
                S::Damaged { path, .. } => format!(
                    "ワークスペース「{}」が破損しているため開けません。ファイルは変更していません。バックアップから復元してください。",
                    path.display()
                ),
                S::TooNew { path, .. } => format!(
                    "ワークスペース「{}」は新しいバージョンの Shiryo で作成されています。Shiryo を更新してから開いてください。",
                    path.display()
                ),
                S::InUse { path } => format!(
                    "ワークスペース「{}」は他のプログラムが使用中です。しばらくしてからやり直してください。",
                    path.display()
                ),
                S::MeetingNotFound { .. } => "指定された会議が見つかりません。".to_string(),
                S::Io { path, .. } => format!("「{}」を読み書きできません。", path.display()),
                S::ReadOnly { path } => format!(
                    "「{}」またはそのフォルダが読み取り専用のため、ワークスペースを開けません。ファイルは変更していません。書き込みできる場所にコピーしてから開いてください。",
                    path.display()
                ),
                S::DiskFull { path } => format!(
                    "ディスクの空き容量が足りないため「{}」に書き込めませんでした。保存済みの内容は失われていません。空き容量を増やしてからやり直してください。",
                    path.display()
                ),
                S::Migration { .. } => {
                    "ワークスペースを更新できませんでした。ファイルは元のままです。".to_string()
                }
                S::Sqlite(e) if sqlite_busy(e) => "ワークスペースは他のプログラムが使用中のため保存できませんでした。変更は保存されていません。しばらくしてからやり直してください。".to_string(),
                S::Sqlite(e) if sqlite_full(e) => "ディスクの空き容量が足りないため保存できませんでした。保存済みの内容は失われていません。空き容量を増やしてからやり直してください。".to_string(),
                S::Invalid(_) | S::Sqlite(_) => "ワークスペースの処理中にエラーが発生しました。".to_string(),
                S::ItemNotFound { .. } | S::MaterialNotFound { .. } => {
                    "対象の項目が見つかりません。会議を選び直してください。".to_string()
                }
                S::Refused(r) => refusal_ja(*r).to_string(),
                S::StaleUndo { .. } => {
                    "その後の変更（資料の削除など）と合わないため、この操作は元に戻せません。何も変更していません。"
                        .to_string()
                }
                S::DistributionExists { name, .. } => {
                    format!("この会議には「{name}」という配付版がすでにあります。別の名前を付けてください。")
                }
            },
            AppError::NoMeetings => "このワークスペースには会議がありません。".to_string(),
            AppError::DemoAsset { .. } => "デモ会議のデータを読み込めませんでした。".to_string(),
            AppError::Kpi(e) => kpi_message_ja(e),
            AppError::InvalidDate { value } => format!("「{value}」は日付として読めません。"),
            AppError::NothingToUndo => "元に戻す（やり直す）操作がありません。".to_string(),
            AppError::Print(e) => print_message_ja(e),
            AppError::ExportIo { path, .. } => {
                format!("「{}」に書き込めません。保存先のフォルダと空き容量を確認してください。", path.display())
            }
            AppError::MaterialNotFound { label, .. } => format!("この会議に{label}はありません。"),
            AppError::Shinkyu(e) => shinkyu_message_ja(e),
            AppError::ShinkyuEdit(e) => format!("{}。", edit_refusal_ja(e)),
            AppError::EmptyComparisonText { file } => {
                format!("「{file}」には文章がありません（空か空白だけです）。新旧対照表の文章として使えません。")
            }
            AppError::ShinkyuTextsMissing { .. } => "旧と新の両方の文章を読み込んでから編集してください。".to_string(),
            AppError::ExportCancelled => "書き出しを中止しました。ファイルは作成していません。".to_string(),
            AppError::ExportRunning => "別の書き出しが進行中です。終わるか中止してからやり直してください。".to_string(),
            AppError::TooLong { field, limit, unit } => format!("{field}が長すぎます（{limit}{unit}まで）。"),
            AppError::TableLayout(r) => table_refusal_ja(r),
            AppError::BadFileName { .. } => {
                "ファイル名にフォルダーの区切り（/ や \\）や制御文字は使えません。ファイル名だけを指定してください。".to_string()
            }
            AppError::Printer { source, sent } => printer_message_ja(source, sent),
            AppError::SplitTarget { path } => format!(
                "「{}」には資料ごとの PDF 以外のファイルがあるため、上書きしません。新しいフォルダー名か空のフォルダーを指定してください。",
                path.display()
            ),
            AppError::Convert(e) => convert_message_ja(e),
            AppError::NotConverted { label } => {
                format!("{label}は Office ファイルから作った資料ではないため、変換し直せません。")
            }
            AppError::ItemPath { path, .. } => {
                format!("「{path}」という番号の議題・項目はこの会議にありません（例: 2 (3)）。")
            }
            AppError::Record(_) => "変換の記録を保存できませんでした。".to_string(),
            AppError::NoSuchDistribution { name, known } if known.is_empty() => format!(
                "「{name}」という配付版は記録されていません。この会議にはまだ配付版がありません。書き出しの「配付版として記録」で記録してください。"
            ),
            AppError::NoSuchDistribution { name, known } => {
                format!("「{name}」という配付版は記録されていません。記録済みの配付版: {}。", known.join("、"))
            }
            AppError::NoChanges { since, removed: 0 } => {
                format!("「{since}」から変わった資料はありません。差し替えは作成していません。")
            }
            AppError::NoChanges { since, .. } => format!(
                "「{since}」からは資料の削除だけで、差し替えるページがありません。差し替えは作成していません。"
            ),
            AppError::Snapshot(_) => "配付版の記録を読み書きできませんでした。".to_string(),
            AppError::DistributionOfPart => {
                "配付版として記録できるのは、次第と資料全体を書き出すときだけです。".to_string()
            }
            AppError::FileTooLarge { file, kind, limit } => too_large_ja(file, *kind, *limit),
            AppError::UnsupportedFile { file, kind, accepted } => {
                let names: Vec<&str> = accepted.iter().map(|k| kind_ja(*k)).collect();
                format!(
                    "「{file}」（{}）はここでは使えません。{}のファイルを指定してください。",
                    kind_ja(*kind),
                    names.join("・")
                )
            }
            AppError::WrongMaterialKind { label, expected, .. } => {
                format!("{label}は{}の資料ではありません。資料を選び直してください。", expected.name_ja())
            }
            AppError::KpiTableNotFound { .. } => {
                "指定された KPI の表はこの資料にありません。画面を開き直してください。".to_string()
            }
            AppError::NoKpiTable { label, .. } => format!(
                "{label}には KPI の表がまだありません。KPI の画面か shiryo kpi import で表を取り込んでください。"
            ),
            AppError::InvalidValue { field, value } => {
                format!("{field}に「{}」は指定できません。", value.chars().take(40).collect::<String>())
            }
            AppError::Json { .. } => "Shiryo の内部でエラーが発生しました。".to_string(),
            AppError::NoExportedPdf => {
                "表示できる書き出し済みの PDF がありません。先に書き出してください。".to_string()
            }
            AppError::NoPendingKpiFile { .. } => {
                "取り込み待ちの KPI ファイルがありません。ファイルを選び直してください。".to_string()
            }
            AppError::NotInRecentList { path } => format!("「{path}」は最近使ったファイルの一覧にありません。"),
            AppError::CreateFolder { path, .. } => format!("フォルダー「{}」を作成できません。", path.display()),
        }
    }
}

/// The Japanese message of a print error: which 資料, file or character, and what to do.
fn print_message_ja(e: &shiryo_print::Error) -> String {
    use shiryo_print::Error as P;
    match e {
        P::EmptyMaterial { label, title } => format!(
            "{label}「{title}」に内容がありません。内容を入れるか、空の資料を（別途配付）として印刷する設定にしてください。"
        ),
        P::MissingGlyphs(missing) => {
            let shown: Vec<String> = missing.iter().take(5).map(|m| format!("{} {}行目の {}", m.label, m.line, m.name())).collect();
            let more = if missing.len() > 5 { format!(" ほか{}件", missing.len() - 5) } else { String::new() };
            format!("フォントにない文字があります: {}{more}。文字を置き換えてください。", shown.join("、"))
        }
        P::PdfTooLarge { label, file, limit, .. } => format!(
            "{label}のPDF「{file}」は大きすぎるため取り込めません（PDF は {} MB まで）。分割するか、解像度を下げて保存し直してください。",
            limit / (1024 * 1024)
        ),
        P::EncryptedPdf { label, file } => format!(
            "{label}のPDF「{file}」は暗号化（パスワード保護）されているため取り込めません。保護を解除したPDFを取り込んでください。"
        ),
        P::BrokenPdf { label, file, .. } => {
            format!("{label}のPDF「{file}」は壊れているか PDF ではないため読み込めません。")
        }
        P::BadSource { label, file, .. } => format!("{label}のファイル「{file}」を読み込めません。"),
        P::NoSuchMaterial { .. } => "指定された資料が見つかりません。".to_string(),
        P::Font { .. } | P::Pdf(_) => "PDF の作成中にエラーが発生しました。".to_string(),
    }
}

/// The Japanese message of a print failure: what is wrong with the printer or the print service, and whether
/// anything was sent already.
fn printer_message_ja(e: &crate::printer::PrinterError, sent: &[String]) -> String {
    use crate::printer::PrinterError as E;
    let service = if cfg!(windows) { "印刷スプーラー" } else { "印刷サービス（CUPS）" };
    let what = match e {
        E::NoPrinters => {
            "使えるプリンターがありません。OS の設定でプリンターを追加してから印刷してください。".to_string()
        }
        E::UnknownPrinter { name, available } => {
            format!("プリンター「{name}」が見つかりません。使えるプリンター: {}。", available.join("、"))
        }
        E::ServiceDown { .. } => {
            format!("{service}が動いていないため印刷できません。{service}を起動してからやり直してください。")
        }
        E::ToolMissing { program, .. } => {
            format!("印刷のためのプログラム {program} が見つかりません。{service}をインストールしてください。")
        }
        E::Refused { printer, .. } => {
            format!("プリンター「{printer}」が印刷を受け付けませんでした。プリンターの状態を確認してください。")
        }
    };
    if sent.is_empty() {
        format!("{what}何も印刷していません。")
    } else {
        format!("{what}（それまでの {} 件は送信済みです: {}）", sent.len(), sent.join("、"))
    }
}

/// 「名前」は大きすぎるため読み込めません（Excel（.xlsm）は 32 MB まで）。
fn too_large_ja(file: &str, kind: FileKind, limit: u64) -> String {
    format!(
        "「{file}」は大きすぎるため読み込めません（{}は {} MB まで）。分割するか、小さくして保存し直してください。",
        kind_ja(kind),
        limit / (1024 * 1024)
    )
}

/// How a person names a kind of file: Excel（.xlsm）.
pub(crate) fn kind_ja(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Text => "テキスト（.txt）",
        FileKind::Csv => "CSV",
        FileKind::Docx => "Word（.docx）",
        FileKind::Doc => "Word（.doc）",
        FileKind::Rtf => "リッチテキスト（.rtf）",
        FileKind::Xlsx => "Excel（.xlsx）",
        FileKind::Xlsm => "Excel（.xlsm）",
        FileKind::Xls => "Excel（.xls）",
        FileKind::Pptx => "PowerPoint（.pptx）",
        FileKind::Ppt => "PowerPoint（.ppt）",
        FileKind::Odt => "OpenDocument テキスト（.odt）",
        FileKind::Ods => "OpenDocument 表計算（.ods）",
        FileKind::Odp => "OpenDocument プレゼンテーション（.odp）",
        FileKind::Pdf => "PDF",
        FileKind::Json => "JSON",
        FileKind::Xml => "法令標準XML（.xml）",
        FileKind::Other => "この種類のファイル",
    }
}

/// The code of a KPI reading error.
fn kpi_code(e: &shiryo_kpi::Error) -> ErrorCode {
    use shiryo_kpi::Error as K;
    match e {
        K::Io { .. } => ErrorCode::Io,
        K::TooLarge { .. } => ErrorCode::FileTooLarge,
        K::UnsupportedType { .. } => ErrorCode::UnsupportedFile,
        K::Encoding { .. }
        | K::ZipBomb { .. }
        | K::Csv { .. }
        | K::Spreadsheet { .. }
        | K::Empty { .. }
        | K::UnknownColumns { .. }
        | K::MappingColumn { .. }
        | K::Mapping(_) => ErrorCode::KpiInput,
    }
}

/// The Japanese message of a KPI reading error.
fn kpi_message_ja(e: &shiryo_kpi::Error) -> String {
    use shiryo_kpi::Error as K;
    match e {
        K::Io { path, .. } => format!("「{}」を読み込めません。", path.display()),
        K::Encoding { name, offset, .. } => format!(
            "「{name}」の文字コードを判別できません。先頭から {} バイト目に UTF-8 としても Shift_JIS としても読めない文字があります（UTF-8 または Shift_JIS で保存してください）。",
            offset + 1
        ),
        K::TooLarge { name, limit, .. } => too_large_ja(name, shiryo_core::sniff(name, &[]), *limit),
        K::ZipBomb { name, .. } => format!(
            "「{name}」は展開すると極端に大きくなる（または部品が多すぎる）ため読み込めません。Excel で開いて保存し直してください。"
        ),
        K::UnsupportedType { name } => {
            format!("「{name}」は読み込めない形式です（CSV または Excel（.xlsx・.xlsm・.xls）、.ods を指定してください）。")
        }
        K::Csv { name, .. } => format!("「{name}」は CSV として正しくありません。"),
        K::Spreadsheet { name, .. } => format!("「{name}」を Excel ファイルとして読み込めません。"),
        K::Empty { name } => format!("「{name}」に表がありません。"),
        K::UnknownColumns { name, .. } => {
            format!("「{name}」の列の見出しを認識できません。列の対応（マッピング）を指定してください。")
        }
        K::MappingColumn { column } => format!("列の対応に指定された列「{column}」がファイルにありません。"),
        K::Mapping(_) => "列の対応（マッピング）の指定が正しくありません。".to_string(),
    }
}

/// The Japanese message of a 新旧 input error.
fn shinkyu_message_ja(e: &shiryo_shinkyu::Error) -> String {
    use shiryo_shinkyu::Error as N;
    match e {
        N::Read { file, .. } => format!("「{}」を読み込めません。", file.display()),
        N::Unsupported { file } => format!(
            "「{}」は対応していない形式です（.txt、.docx または法令標準XML の .xml を指定してください）。",
            file.display()
        ),
        N::Encoding { file, offset, encoding } => format!(
            "「{}」の文字コードを判別できません（先頭から {} バイト目が {encoding} として読めません。UTF-8 または Shift_JIS のテキストを指定してください）。",
            file.display(),
            offset + 1
        ),
        N::TooLarge { file, kind, limit } => too_large_ja(&file.display().to_string(), *kind, *limit),
        N::Docx { file, .. } => format!("「{}」は Word 文書（.docx）として読み込めません。", file.display()),
        N::LawXml { file, .. } => format!("「{}」は法令標準XML（e-Gov）として読み込めません。", file.display()),
        N::NoTrackedChanges { file } => format!(
            "「{}」には変更履歴（見え消し）がありません。Word の「変更履歴の記録」で直した文書を選んでください。",
            file.display()
        ),
        N::NoComparisonTable { file } => format!(
            "「{}」に新旧対照表（見出しが 新／旧、改正後／改正前 または 改正案／現行 の表）が見つかりません。",
            file.display()
        ),
    }
}

/// Why a hand edit of a 新旧対照表 does not apply.
fn edit_refusal_ja(e: &shiryo_shinkyu::edit::EditError) -> String {
    use shiryo_shinkyu::edit::EditError as E;
    match e {
        E::RowNotFound { .. } => "対象の行が見つかりません（文章が変わった可能性があります）".into(),
        E::AlreadyOmitted { .. } => "この行は既に（略）です".into(),
        E::SplitOmitted { .. } => "（略）の行は分割できません".into(),
        E::SplitAtEdge { .. } => "分割する位置が行の先頭か末尾です".into(),
        E::RepairSame { .. } => "同じ行どうしは組み替えられません".into(),
        E::RepairOmitted { .. } => "（略）の行は組み替えられません".into(),
        E::MarkOutside { start, end, len } => format!("下線の範囲 {start}～{end} が文章（{len}文字）の外にあります"),
    }
}

/// Why a 表 資料's layout was refused, and what to do.
fn table_refusal_ja(r: &LayoutRefusal) -> String {
    use LayoutRefusal as R;
    match r {
        R::TooManyHeaderRows { header_rows, .. } => {
            format!("見出しの行数（{header_rows}）が表の行数より多くなっています。")
        }
        R::ColumnOutside { role, column, width } => {
            let what = match role {
                ColumnRole::Print => "印刷する列の",
                ColumnRole::Group => "まとめる列の",
                ColumnRole::Layout => "",
            };
            format!("{what}列番号 {column} は表にありません（1～{width}）。")
        }
        R::NoColumnChosen => "印刷する列を一つ以上選んでください。".to_string(),
        R::NoSheet { .. } => "この資料には表がありません。".to_string(),
        R::NoSuchSheet { file, .. } => format!("「{file}」にはその名前のシートがありません。"),
        R::NeedsLayout => "表の資料は、表として追加してください（列の選び方と一緒に保存します）。".to_string(),
    }
}

/// The code of a conversion error: LibreOffice missing, a file over the limit, or a file it cannot convert.
fn convert_code(e: &shiryo_convert::Error) -> ErrorCode {
    use shiryo_convert::Error as C;
    match e {
        C::NotInstalled { .. } | C::ProgramMissing { .. } => ErrorCode::OfficeMissing,
        C::TooLarge { .. } => ErrorCode::FileTooLarge,
        C::Unsupported { .. } => ErrorCode::UnsupportedFile,
        C::PasswordProtected { .. }
        | C::Broken { .. }
        | C::Timeout { .. }
        | C::Cancelled
        | C::Failed { .. }
        | C::BadOutput { .. }
        | C::Io { .. } => ErrorCode::OfficeConvert,
    }
}

/// How to install LibreOffice, in the words of the messages below.
const INSTALL_HINT: &str = "Debian/Ubuntu では「sudo apt-get install libreoffice-writer-nogui libreoffice-calc-nogui \
     libreoffice-impress-nogui」で、Windows では LibreOffice のインストーラーでインストールしてください。";

/// The Japanese message of a conversion error: what happened to which file and what to do.
fn convert_message_ja(e: &shiryo_convert::Error) -> String {
    use shiryo_convert::Error as C;
    match e {
        C::NotInstalled { .. } => format!(
            "Office ファイル（Word・Excel・PowerPoint）を資料にするには LibreOffice が必要です。{INSTALL_HINT} \
             それまでは、作成元のアプリで PDF に保存して取り込むか、文章（テキスト）として取り込んでください。"
        ),
        C::ProgramMissing { program } => format!(
            "変換に使うよう指定された「{}」（{}）が見つかりません。指定を直すか外してください。LibreOffice がまだなければ、{INSTALL_HINT}",
            program.display(),
            shiryo_convert::ENV_PROGRAM
        ),
        C::Unsupported { file } => format!(
            "「{file}」は変換できる Office ファイル（.docx .doc .odt .rtf .xlsx .xlsm .xls .ods .pptx .ppt .odp）ではありません。"
        ),
        C::TooLarge { file, limit, .. } => format!(
            "「{file}」は大きすぎるため変換できません（Office ファイルは {} MB まで）。分割するか、PDF に保存して取り込んでください。",
            limit / (1024 * 1024)
        ),
        C::PasswordProtected { file } => format!(
            "「{file}」はパスワードで保護されているため変換できません。作成元でパスワードを解除して保存し直したファイルを選んでください。"
        ),
        C::Broken { file, .. } => format!(
            "「{file}」は壊れているか、拡張子と中身が合っていないため変換できません。作成元のアプリで開けるか確かめて保存し直してください。"
        ),
        C::Timeout { file, seconds } => format!(
            "「{file}」の変換が {seconds} 秒たっても終わらないため中止しました。資料は変更していません。作成元のアプリで PDF に保存して取り込んでください。"
        ),
        C::Cancelled => "変換を中止しました。資料は変更していません。".to_string(),
        C::Failed { file, .. } => format!(
            "LibreOffice が「{file}」を変換できませんでした（壊れているか、読めない形式です）。作成元のアプリで開けるか確かめ、PDF に保存して取り込んでください。"
        ),
        C::BadOutput { file, .. } => format!(
            "「{file}」を変換した PDF が読めませんでした。もう一度変換するか、作成元のアプリで PDF に保存して取り込んでください。"
        ),
        C::Io { .. } => "変換用の作業フォルダーに書き込めません。ディスクの空き容量を確認してください。".to_string(),
    }
}

/// Why a 次第 edit was refused, and what to do instead.
fn refusal_ja(r: shiryo_store::Refusal) -> &'static str {
    use shiryo_store::Refusal as R;
    match r {
        R::EmptyTitle => "項目名が空です。項目名を入力してください（項目ごと消すには削除を使います）。",
        R::MultiLineTitle => "項目名は１行で入力してください。",
        R::TooDeep => "これ以上深い階層（６段まで）にはできません。",
        R::NoPreviousSibling => "先頭の項目は字下げできません。前に同じ階層の項目が必要です。",
        R::AlreadyTopLevel => "最上位の項目はこれ以上字上げできません。",
        R::AlreadyFirst => "先頭の項目はこれ以上上へ移動できません。",
        R::AlreadyLast => "末尾の項目はこれ以上下へ移動できません。",
    }
}

/// A write that waited the whole busy timeout for another program's transaction (SQLITE_BUSY / LOCKED).
fn sqlite_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

/// A write refused because the disk (or SQLite's page limit) is full (SQLITE_FULL).
fn sqlite_full(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull)
}

impl AppErrorDto {
    /// A failure of the shell itself (a worker thread gone, a poisoned lock): nothing the user did, so the message
    /// says to restart; `detail` says what failed.
    pub fn internal(detail: impl Into<String>) -> Self {
        AppErrorDto {
            code: ErrorCode::Internal,
            message: "Shiryo の内部でエラーが発生しました。Shiryo を再起動してください。".to_string(),
            detail: detail.into(),
        }
    }
}

impl From<AppError> for AppErrorDto {
    fn from(e: AppError) -> Self {
        AppErrorDto { code: e.code(), message: e.message_ja(), detail: e.to_string() }
    }
}
