import { describe, expect, it } from "vitest";

import { hoursRow, row } from "./fixtures";
import { NO_FILTERS, filterRows, pairRollups, sortRows, statusTone, trendPaths, visibleWindow } from "./kpi";
import { review } from "./fixtures";

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

describe("status chips and trend", () => {
  it("say contradiction before anything else", () => {
    expect(statusTone("達成", false, ["達成"])).toBe("bad");
    expect(statusTone("達成", true, ["達成"])).toBe("ok");
    expect(statusTone("一部達成", true, ["達成"])).toBe("part");
    expect(statusTone("－", null, ["達成"])).toBe("none");
  });

  it("draws baseline → actuals as a line and the way to the final target dashed", () => {
    const t = trendPaths(row(1).trend, 96, 32);
    expect(t.dots).toHaveLength(3);
    expect(t.actual.split(" ")).toHaveLength(2);
    expect(t.target.split(" ")).toHaveLength(2);
    // higher values are higher up: the target (150) is at the top, the baseline (100) at the bottom
    expect(t.dots[2]!.y).toBeLessThan(t.dots[0]!.y);
    expect(trendPaths([], 96, 32).dots).toEqual([]);
  });
});

describe("roll-ups side by side", () => {
  it("pair printed and computed lines by part and field and mark only those that differ", () => {
    const same = { part: "行政", field: "Ⅰ-2", isTotal: false, projects: null, kpiProjects: 3, achieved: 0, rate: "0%", partiallyAchieved: 3, notMeasurable: 0 };
    const pairs = pairRollups([
      { basis: "printed", ...same },
      ...review([]).rollups,
      { basis: "computed", ...same },
    ]);
    expect(pairs.map((p) => [p.key, p.differs])).toEqual([
      ["0|行政|Ⅰ-2", false],
      ["1|行政|合計", true],
    ]);
    expect(pairs[1]?.computed?.achieved).toBe(6);
    // a part that comes back (two tables) pairs its second total with the second computed total
    const twice = pairRollups([...review([]).rollups, ...review([]).rollups.map((r) => ({ ...r, achieved: r.achieved + 1 }))]);
    expect(twice.map((p) => [p.printed.achieved, p.computed?.achieved])).toEqual([
      [7, 6],
      [8, 7],
    ]);
  });
});
