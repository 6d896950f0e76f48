import { describe, expect, it } from "vitest";

import type { TableView } from "../../ipc";
import { moveColumn, noteLines, request, setColumn } from "./table";

const cols = [
  { source: 0, title: "", print: false, group: false },
  { source: 1, title: "番号", print: true, group: false },
  { source: 2, title: "分野", print: true, group: true },
];

describe("table layout edits", () => {
  it("moves a column to the drop place and keeps the others in order", () => {
    expect(moveColumn(cols, 2, 0).map((c) => c.source)).toEqual([2, 0, 1]);
    expect(moveColumn(cols, 0, 2).map((c) => c.source)).toEqual([1, 2, 0]);
    expect(moveColumn(cols, 0, 5)).toBe(cols);
  });

  it("ticks or renames one column only", () => {
    const next = setColumn(cols, 0, { print: true, title: "区分" });
    expect(next[0]).toEqual({ source: 0, title: "区分", print: true, group: false });
    expect(next.slice(1)).toEqual(cols.slice(1));
  });

  it("builds the request from the view with one change, and note lines without blanks", () => {
    const view = { sheets: ["a.csv"], sheet: "a.csv", headerRows: 1, orientation: "auto", titleLine: "", notes: [] } as unknown as TableView;
    const req = request(1, 7, view, cols, { orientation: "landscape" });
    expect(req).toEqual({ meetingId: 1, materialId: 7, headerRows: 1, columns: cols, orientation: "landscape", titleLine: "", notes: [] });
    expect(noteLines("※ 一つ目\n\n  ※ 二つ目  \n")).toEqual(["※ 一つ目", "※ 二つ目"]);
  });
});
