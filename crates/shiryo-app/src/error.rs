//! Use-case errors, and their IPC form `{ code, message, detail }` with a Japanese message for the user.

use serde::Serialize;
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
    #[error("新旧対照表 edit refused: {reason}")]
    ShinkyuEdit { reason: String },
    #[error("the export was cancelled")]
    ExportCancelled,
    #[error("another export is running")]
    ExportRunning,
    #[error("{field} is too long (limit {limit} {unit})")]
    TooLong { field: &'static str, limit: usize, unit: &'static str },
    #[error("not a file name: {name:?}")]
    BadFileName { name: String },
    /// A 表 資料's layout that does not fit its sheet (a column number past the last column, no column ticked).
    #[error("table layout refused: {reason}")]
    TableLayout { reason: String, message_ja: String },
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
            AppError::Kpi(e) => crate::kpi::error_code(e),
            AppError::InvalidDate { .. } | AppError::NothingToUndo => ErrorCode::EditRefused,
            AppError::Print(e) => {
                use shiryo_print::Error as P;
                match e {
                    P::EmptyMaterial { .. } => ErrorCode::EmptyMaterial,
                    P::MissingGlyphs(_) => ErrorCode::MissingGlyph,
                    P::EncryptedPdf { .. } | P::BrokenPdf { .. } | P::PdfTooLarge { .. } => ErrorCode::ImportedPdf,
                    P::BadSource { .. } => ErrorCode::MaterialSource,
                    P::NoSuchMaterial { .. } => ErrorCode::MaterialNotFound,
                    P::Font { .. } | P::Pdf(_) => ErrorCode::Internal,
                }
            }
            AppError::ExportIo { .. } => ErrorCode::Io,
            AppError::MaterialNotFound { .. } => ErrorCode::MaterialNotFound,
            AppError::Shinkyu(shiryo_shinkyu::Error::Read { .. }) => ErrorCode::Io,
            AppError::Shinkyu(_) => ErrorCode::ShinkyuInput,
            AppError::ShinkyuEdit { .. } => ErrorCode::EditRefused,
            // A cancel reaches the page as `ExportOutcome::Cancelled`, not as an error.
            AppError::ExportCancelled | AppError::ExportRunning => ErrorCode::EditRefused,
            AppError::TooLong { .. } | AppError::BadFileName { .. } => ErrorCode::InvalidInput,
            AppError::TableLayout { .. } => ErrorCode::InvalidInput,
            AppError::Printer { source, .. } => match source {
                crate::printer::PrinterError::NoPrinters | crate::printer::PrinterError::UnknownPrinter { .. } => {
                    ErrorCode::NoPrinter
                }
                _ => ErrorCode::PrintFailed,
            },
            AppError::SplitTarget { .. } => ErrorCode::Io,
            AppError::Convert(
                shiryo_convert::Error::NotInstalled { .. } | shiryo_convert::Error::ProgramMissing { .. },
            ) => ErrorCode::OfficeMissing,
            AppError::Convert(_) => ErrorCode::OfficeConvert,
            AppError::NotConverted { .. } => ErrorCode::EditRefused,
            AppError::ItemPath { .. } => ErrorCode::InvalidInput,
            AppError::Record(_) | AppError::Snapshot(_) => ErrorCode::Internal,
            AppError::NoSuchDistribution { .. } => ErrorCode::DistributionNotFound,
            AppError::NoChanges { .. } => ErrorCode::NoChanges,
            AppError::DistributionOfPart => ErrorCode::InvalidInput,
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
            AppError::Kpi(e) => e.message_ja(),
            AppError::InvalidDate { value } => format!("「{value}」は日付として読めません。"),
            AppError::NothingToUndo => "元に戻す（やり直す）操作がありません。".to_string(),
            AppError::Print(e) => print_message_ja(e),
            AppError::ExportIo { path, .. } => {
                format!("「{}」に書き込めません。保存先のフォルダと空き容量を確認してください。", path.display())
            }
            AppError::MaterialNotFound { label, .. } => format!("この会議に{label}はありません。"),
            AppError::Shinkyu(e) => e.to_string(),
            AppError::ShinkyuEdit { reason } => format!("{reason}。"),
            AppError::ExportCancelled => "書き出しを中止しました。ファイルは作成していません。".to_string(),
            AppError::ExportRunning => "別の書き出しが進行中です。終わるか中止してからやり直してください。".to_string(),
            AppError::TooLong { field, limit, unit } => format!("{field}が長すぎます（{limit}{unit}まで）。"),
            AppError::TableLayout { message_ja, .. } => message_ja.clone(),
            AppError::BadFileName { .. } => {
                "ファイル名にフォルダーの区切り（/ や \\）や制御文字は使えません。ファイル名だけを指定してください。".to_string()
            }
            AppError::Printer { source, sent } => printer_message_ja(source, sent),
            AppError::SplitTarget { path } => format!(
                "「{}」には資料ごとの PDF 以外のファイルがあるため、上書きしません。新しいフォルダー名か空のフォルダーを指定してください。",
                path.display()
            ),
            AppError::Convert(e) => crate::office::message_ja(e),
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
            "{label}のPDF「{file}」は大きすぎるため取り込めません（上限 {} MB）。分割するか、解像度を下げて保存し直してください。",
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
