import { describe, expect, it } from "vitest";

import { hoursRow, row } from "./fixtures";
import { NO_FILTERS, filterRows, findingChoices, sortRows, trendPaths, visibleWindow } from "./kpi";

const rows = [row(1), row(2, { printedStatus: "一部達成", computedStatus: "一部達成" }), hoursRow(), row(3, { note: "部局に確認" })];

describe("filters", () => {
  it("keep the rows of a field, a status, a finding or words", () => {
    expect(filterRows(rows, { ...NO_FILTERS, field: "Ⅲ-4 産業振興" }).map((r) => r.row)).toEqual([2, 56]);
    expect(filterRows(rows, { ...NO_FILTERS, status: "一部達成" }).map((r) => r.row)).toEqual([2]);
    expect(filterRows(rows, { ...NO_FILTERS, status: "contradicts" }).map((r) => r.row)).toEqual([56]);
    expect(filterRows(rows, { ...NO_FILTERS, findings: "any" }).map((r) => r.row)).toEqual([56]);
    expect(filterRows(rows, { ...NO_FILTERS, findings: "unit_mismatch" })).toEqual([]);
    expect(filterRows(rows, { ...NO_FILTERS, text: "確認" }).map((r) => r.row)).toEqual([3]);
    expect(filterRows(rows, { ...NO_FILTERS, text: "総実労働 建設業" }).map((r) => r.row)).toEqual([56]);
  });

  it("keep the row being edited in the list when it no longer matches, until another row is chosen", () => {
    const edited = row(9, { statusOverride: "一部達成" });
    expect(filterRows([edited, row(10)], { ...NO_FILTERS, status: "達成" }).map((r) => r.row)).toEqual([10]);
    expect(filterRows([edited, row(10)], { ...NO_FILTERS, status: "達成" }, "1:9").map((r) => r.row)).toEqual([9, 10]);
  });

  it("offer each finding by its Japanese name, never its code", () => {
    expect(findingChoices(rows)).toEqual([{ code: "status_contradicts", label: "達成状況が数値と矛盾" }]);
  });

  it("use the status set by hand over the printed one", () => {
    const set = row(9, { statusOverride: "一部達成" });
    expect(filterRows([set], { ...NO_FILTERS, status: "一部達成" })).toHaveLength(1);
    expect(filterRows([set], { ...NO_FILTERS, status: "達成" })).toHaveLength(0);
  });
});

describe("sorting", () => {
  it("orders by findings (errors first when descending) and keeps the file order for ties", () => {
    expect(sortRows(rows, "findings", "desc").map((r) => r.row)).toEqual([56, 1, 2, 3]);
    expect(sortRows(rows, "row", "desc").map((r) => r.row)).toEqual([56, 3, 2, 1]);
    expect(sortRows(rows, "status", "asc").map((r) => r.printedStatus)).toEqual(["一部達成", "達成", "達成", "達成"]);
    expect(sortRows(rows, "progress", "asc")[0]?.row).toBe(56);
  });
});

describe("the visible window", () => {
  it("renders only the rows in view with some overscan, whatever the table's length", () => {
    expect(visibleWindow(500, 64, 0, 480, 8)).toEqual({ start: 0, end: 17 });
    const mid = visibleWindow(500, 64, 64 * 250, 480, 8);
    expect(mid).toEqual({ start: 242, end: 267 });
    expect(visibleWindow(500, 64, 64 * 500, 480, 8).end).toBe(500);
    expect(visibleWindow(0, 64, 0, 480)).toEqual({ start: 0, end: 0 });
  });
});

describe("the sparkline", () => {
  it("draws baseline → each year's actual as the line and each year's target dashed at the same year", () => {
    const t = trendPaths(row(1).trend, 96, 32);
    expect(t.dots).toHaveLength(4);
    // the solid line: 基準 → R4 actual; the dashed line: 基準 → R4 target → R5 target
    expect(t.actual.split(" ")).toHaveLength(2);
    expect(t.target.split(" ")).toHaveLength(3);
    const [base, r4target, r4actual, r5target] = t.dots;
    // a year's actual and target share their x; higher values are higher up
    expect(r4actual!.x).toBe(r4target!.x);
    expect(r4actual!.y).toBeLessThan(r4target!.y);
    expect(r5target!.y).toBeLessThan(base!.y);
    expect(r5target!.x).toBeGreaterThan(r4actual!.x);
    expect(t.dots.map((d) => d.label)).toEqual(["基準 100人", "R4 目標 120人", "R4 実績 130人", "R5 目標 150人"]);
    expect(trendPaths([], 96, 32).dots).toEqual([]);
  });
});
