import { describe, expect, it } from "vitest";

import { addMark, cellOfSide, clampMarks, scalarOffset, segments, shortcut, sideOfColumn } from "./shinkyu";

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
