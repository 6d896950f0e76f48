import type { AppErrorDto } from "./generated/AppErrorDto";
import type { ErrorCode } from "./generated/ErrorCode";

/** What the person reads first for each error code; the backend's own `message` follows it. */
export const ERROR_HEADLINES: Record<ErrorCode, string> = {
  workspace_not_found: "ワークスペースが見つかりません。",
  workspace_exists: "同じ名前のファイルが既にあります。",
  not_a_workspace: "このファイルは Shiryo のワークスペースではありません。",
  workspace_damaged: "ワークスペースが破損しているため開けません。",
  workspace_too_new:
    "このワークスペースは新しい版の Shiryo で保存されています。Shiryo を更新してください。",
  workspace_in_use: "このワークスペースは別の Shiryo で使用中です。",
  meeting_not_found: "指定された会議が見つかりません。",
  io: "ファイルの読み書きに失敗しました。",
  internal: "内部エラーが発生しました。",
  edit_refused: "この編集はできません。",
  empty_material: "内容のない資料があるため印刷できません。",
  missing_glyph: "フォントにない文字があるため印刷できません。",
  imported_pdf: "取り込んだＰＤＦを読み込めません。",
  material_source: "資料の元ファイルを読み込めません。",
  material_not_found: "指定された資料が見つかりません。",
  shinkyu_input: "新旧対照表の文章として読み込めないファイルです。",
  kpi_input: "KPI の表として読み込めないファイルです。",
  invalid_input: "入力された値が長すぎるか、使えない文字を含んでいます。",
  no_printer: "プリンターが見つかりません。",
  print_failed: "印刷できませんでした。",
  office_missing: "Office ファイルの変換には LibreOffice が必要です。",
  office_convert: "Office ファイルを PDF に変換できませんでした。",
  distribution_not_found: "指定された配付版が記録されていません。",
  no_changes: "差し替える資料がありません。",
  file_too_large: "ファイルが大きすぎるため読み込めません。",
  unsupported_file: "この種類のファイルはここでは使えません。",
  wrong_material_kind: "この資料ではこの操作はできません。",
};

/**
 * A chosen file over its limit (`LIMITS` from `./generated/limits_table`), refused before its bytes cross IPC, as the
 * backend would refuse it: code `file_too_large`, the file and the limit named.
 */
export function fileTooLarge(fileName: string, size: number, limit: number): AppErrorDto {
  return {
    code: "file_too_large",
    message: `「${fileName}」は大きすぎるため読み込めません（${Math.floor(limit / (1024 * 1024))} MB まで）。`,
    detail: `${fileName} is ${size} bytes, over the limit of ${limit} bytes`,
  };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(ERROR_HEADLINES, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/**
 * Turns whatever a rejected `invoke` produced into an `AppErrorDto`.
 *
 * The backend rejects with an `AppErrorDto`; Tauri itself rejects with a plain string
 * (e.g. an unknown command), and outside Tauri `invoke` throws a `TypeError`.
 */
export function toAppError(error: unknown): AppErrorDto {
  if (isRecord(error)) {
    const { code, message, detail } = error;
    if (isErrorCode(code) && typeof message === "string") {
      return { code, message, detail: typeof detail === "string" ? detail : "" };
    }
    if (typeof code === "string" && typeof message === "string") {
      const rest = typeof detail === "string" && detail !== "" ? `: ${detail}` : "";
      return { code: "internal", message, detail: `unknown error code ${code}${rest}` };
    }
  }
  if (error instanceof Error) {
    return { code: "internal", message: "", detail: `${error.name}: ${error.message}` };
  }
  return { code: "internal", message: "", detail: String(error) };
}

export type ErrorDisplay = {
  /** The fixed Japanese sentence for the code. */
  headline: string;
  /** The backend's Japanese message, omitted when empty or equal to the headline. */
  message: string | null;
  /** English detail for a support request, omitted when empty. */
  detail: string | null;
};

export function describeError(error: AppErrorDto): ErrorDisplay {
  const headline = ERROR_HEADLINES[error.code];
  const message = error.message.trim();
  const detail = error.detail.trim();
  return {
    headline,
    message: message === "" || message === headline ? null : message,
    detail: detail === "" ? null : detail,
  };
}
