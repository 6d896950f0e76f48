import { describe, expect, it } from "vitest";

import type { Change } from "../../ipc";
import { defaultVersion, labelText, markedRuns, pagesText, startWithToday } from "./report";

describe("markedRuns", () => {
  it("cuts a text at the marks, counted in characters", () => {
    expect(markedRuns("県内企業のDX推進", [[5, 7]])).toEqual([
      { text: "県内企業の", marked: false },
      { text: "DX", marked: true },
      { text: "推進", marked: false },
    ]);
  });

  it("counts a character outside the BMP as one, and clamps marks past the end", () => {
    expect(markedRuns("𠮷野家の店", [[1, 3], [4, 99]])).toEqual([
      { text: "𠮷", marked: false },
      { text: "野家", marked: true },
      { text: "の", marked: false },
      { text: "店", marked: true },
    ]);
    expect(markedRuns("", [[0, 2]])).toEqual([]);
  });
});

describe("labels and pages", () => {
  const change: Change = {
    kind: "renumbered",
    kind_label: "番号変更",
    label: "資料２－５",
    old_label: "資料２－４",
    new_label: "資料２－５",
    title: "方針",
    old_pages: [5, 7],
    new_pages: [8, 8],
    summary: "番号が変わりました",
    details: [],
    material_id: 3,
  };

  it("shows a moved label as old → new, and page ranges in Japanese", () => {
    expect(labelText(change)).toBe("資料２－４ → 資料２－５");
    expect(labelText({ ...change, old_label: "資料２－５" })).toBe("資料２－５");
    expect(pagesText([5, 7])).toBe("5〜7ページ");
    expect(pagesText([8, 8])).toBe("8ページ");
    expect(pagesText(null)).toBe("―");
  });

  it("compares with the latest whole packet first", () => {
    const v = (name: string, replacements: boolean) => ({ id: 1, name, replacements, dateLabel: "", recordedAt: "", pages: 1, pdfSha256: "" });
    expect(defaultVersion([v("事前送付", false), v("差し替え（令和５年６月２日）", true)])).toBe("事前送付");
    expect(defaultVersion([v("差し替え", true)])).toBe("差し替え");
    expect(defaultVersion([])).toBeNull();
  });
});

describe("startWithToday", () => {
  it("fills an empty date field with the backend's today, never over a date typed meanwhile", async () => {
    let field = "";
    await startWithToday(async () => "2023-06-02", () => field, (d) => (field = d));
    expect(field).toBe("2023-06-02");
    field = "2023-05-30";
    await startWithToday(async () => "2023-06-02", () => field, (d) => (field = d));
    expect(field).toBe("2023-05-30");
    let empty = "";
    await startWithToday(() => Promise.reject(new Error("no backend")), () => empty, (d) => (empty = d));
    expect(empty).toBe("");
  });
});
