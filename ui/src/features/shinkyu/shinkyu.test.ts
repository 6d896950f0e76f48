import { describe, expect, it } from "vitest";

import { LIMITS } from "../../ipc/generated/limits_table";
import {
  addMark,
  cellOfSide,
  clampMarks,
  findingsByRow,
  MAX_DOCX_BYTES,
  scalarOffset,
  segments,
  shortcut,
  sideOfColumn,
  sourceName,
} from "./shinkyu";

describe("segments", () => {
  it("underlines exactly the marked characters, counting scalar values", () => {
    expect(segments("監査実施要綱を定め", [[5, 6]])).toEqual([
      { text: "監査実施要", marked: false },
      { text: "綱", marked: true },
      { text: "を定め", marked: false },
    ]);
    // 𠮷 is two UTF-16 units but one character to the backend.
    expect(segments("𠮷野家", [[1, 2]])).toEqual([
      { text: "𠮷", marked: false },
      { text: "野", marked: true },
      { text: "家", marked: false },
    ]);
    expect(segments("全部", [[0, 99]])).toEqual([{ text: "全部", marked: true }]);
    expect(segments("", [])).toEqual([]);
  });
});

describe("offsets and marks", () => {
  it("converts a textarea index to a scalar offset", () => {
    expect(scalarOffset("𠮷野家", 2)).toBe(1);
    expect(scalarOffset("abc", 10)).toBe(3);
  });

  it("merges overlapping marks and drops empty ones", () => {
    expect(addMark([[0, 2]], 1, 4)).toEqual([[0, 4]]);
    expect(addMark([[5, 6]], 0, 1)).toEqual([
      [0, 1],
      [5, 6],
    ]);
    expect(addMark([[0, 1]], 3, 3)).toEqual([[0, 1]]);
    expect(clampMarks([[0, 2], [3, 9], [12, 14]], 5)).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });
});

describe("columns", () => {
  it("knows which side each column shows", () => {
    expect(sideOfColumn("new-left", 0)).toBe("new");
    expect(sideOfColumn("new-left", 1)).toBe("old");
    expect(sideOfColumn("old-left", 0)).toBe("old");
    const l = { text: "左", marks: [], path: null, placeholder: false };
    const r = { text: "右", marks: [], path: null, placeholder: false };
    expect(cellOfSide("old-left", l, r, "new")).toBe(r);
    expect(cellOfSide("new-left", l, r, "new")).toBe(l);
  });
});

describe("shortcut", () => {
  const key = (k: string, extra: Partial<{ shiftKey: boolean; isComposing: boolean; tag: string }> = {}) => ({
    key: k,
    ctrlKey: true,
    metaKey: false,
    shiftKey: extra.shiftKey ?? false,
    isComposing: extra.isComposing ?? false,
    target: { tagName: extra.tag ?? "DIV" } as unknown as EventTarget,
  });

  it("maps Ctrl+Z and Ctrl+Shift+Z, not while typing or composing", () => {
    expect(shortcut(key("z"))).toBe("undo");
    expect(shortcut(key("Z", { shiftKey: true }))).toBe("redo");
    expect(shortcut(key("y"))).toBe("redo");
    expect(shortcut(key("z", { isComposing: true }))).toBeNull();
    expect(shortcut(key("z", { tag: "TEXTAREA" }))).toBeNull();
    expect(shortcut({ ...key("z"), ctrlKey: false })).toBeNull();
  });
});

describe("sourceName", () => {
  it("names the chosen file, or which version of a 見え消し document a side reads", () => {
    const none = { oldFile: null, newFile: null, trackedFile: null };
    expect(sourceName(none, "old")).toBe("（未選択）");
    expect(sourceName({ ...none, oldFile: "旧.txt", newFile: "新.docx" }, "new")).toBe("新.docx");
    const tracked = { oldFile: "要綱.docx", newFile: "要綱.docx", trackedFile: "要綱.docx" };
    expect(sourceName(tracked, "old")).toBe("要綱.docx（見え消しの変更をすべて元に戻した版）");
    expect(sourceName(tracked, "new")).toBe("要綱.docx（見え消しの変更をすべて反映した版）");
  });
});

describe("findingsByRow", () => {
  it("groups a received table's findings by the row they name, in order", () => {
    const f = (row: number, key: string, code: string) => ({ code, row, key, message: `${row}行目` });
    const byRow = findingsByRow([f(2, "a", "change_without_mark"), f(6, "b", "mark_without_change"), f(2, "a", "numbering_gap")]);
    expect([...byRow.keys()]).toEqual(["a", "b"]);
    expect(byRow.get("a")?.map((x) => x.code)).toEqual(["change_without_mark", "numbering_gap"]);
    expect(byRow.has("c")).toBe(false);
  });
});

describe("MAX_DOCX_BYTES", () => {
  it("is the limits table's .docx limit, the one the backend refuses with", () => {
    expect(MAX_DOCX_BYTES).toBe(LIMITS.docxFileBytes);
  });
});
