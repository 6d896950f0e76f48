import { describe, expect, it } from "vitest";

import { describeError, ERROR_HEADLINES, isErrorCode, toAppError } from "./errors";
import type { ErrorCode } from "./generated/ErrorCode";

const ALL_CODES: ErrorCode[] = [
  "workspace_not_found",
  "workspace_exists",
  "not_a_workspace",
  "workspace_damaged",
  "workspace_too_new",
  "workspace_in_use",
  "meeting_not_found",
  "io",
  "internal",
  "edit_refused",
  "empty_material",
  "missing_glyph",
  "imported_pdf",
  "material_source",
  "material_not_found",
  "shinkyu_input",
  "kpi_input",
  "invalid_input",
  "no_printer",
  "print_failed",
  "office_missing",
  "office_convert",
  "distribution_not_found",
  "no_changes",
  "file_too_large",
  "unsupported_file",
  "wrong_material_kind",
];

describe("ERROR_HEADLINES", () => {
  it("has a distinct Japanese sentence for every code", () => {
    expect(Object.keys(ERROR_HEADLINES).sort()).toEqual([...ALL_CODES].sort());
    const headlines = Object.values(ERROR_HEADLINES);
    expect(new Set(headlines).size).toBe(headlines.length);
    for (const headline of headlines) {
      expect(headline).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/u);
      expect(headline.endsWith("。")).toBe(true);
    }
  });
});

describe("isErrorCode", () => {
  it("accepts the known codes only", () => {
    expect(isErrorCode("io")).toBe(true);
    expect(isErrorCode("toString")).toBe(false);
    expect(isErrorCode("IO")).toBe(false);
    expect(isErrorCode(3)).toBe(false);
  });
});

describe("toAppError", () => {
  it("keeps an AppErrorDto from the backend as it is", () => {
    const dto = { code: "workspace_too_new", message: "新しい版です。", detail: "schema 9 > 3" };
    expect(toAppError(dto)).toEqual(dto);
  });

  it("fills a missing detail", () => {
    expect(toAppError({ code: "io", message: "読めません。" })).toEqual({
      code: "io",
      message: "読めません。",
      detail: "",
    });
  });

  it("maps an unknown code to internal and keeps it in the detail", () => {
    expect(toAppError({ code: "disk_on_fire", message: "燃えています。", detail: "x" })).toEqual({
      code: "internal",
      message: "燃えています。",
      detail: "unknown error code disk_on_fire: x",
    });
  });

  it("wraps the plain string Tauri rejects with", () => {
    expect(toAppError("command get_shidai not found")).toEqual({
      code: "internal",
      message: "",
      detail: "command get_shidai not found",
    });
  });

  it("wraps a thrown Error", () => {
    expect(toAppError(new TypeError("invoke is undefined"))).toEqual({
      code: "internal",
      message: "",
      detail: "TypeError: invoke is undefined",
    });
  });
});

describe("describeError", () => {
  it("puts the code's headline before the backend message", () => {
    const shown = describeError({
      code: "meeting_not_found",
      message: "会議（ID 42）は削除されています。",
      detail: "meeting 42 not found",
    });
    expect(shown).toEqual({
      headline: "指定された会議が見つかりません。",
      message: "会議（ID 42）は削除されています。",
      detail: "meeting 42 not found",
    });
  });

  it("does not repeat a message equal to the headline, nor show blanks", () => {
    const shown = describeError({ code: "io", message: ERROR_HEADLINES.io, detail: "  " });
    expect(shown.message).toBeNull();
    expect(shown.detail).toBeNull();
  });
});
