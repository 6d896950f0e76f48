import { describe, expect, it } from "vitest";

import { dropItemBefore, dropMaterialBefore, parentOf } from "./dragdrop";
import { demoShidai } from "./fixtures";

const agenda = demoShidai.agenda; // 1 開会, 2 議題 > (1), (2), 3 閉会

describe("drag and drop", () => {
  it("finds parents from depths", () => {
    expect(parentOf(agenda, 13)).toBe(11);
    expect(parentOf(agenda, 14)).toBeNull();
  });

  it("puts an item before the one it is dropped on, at that level", () => {
    expect(dropItemBefore(agenda, 13, 12)).toEqual({ kind: "placeItem", itemId: 13, parentItemId: 11, index: 0 });
    expect(dropItemBefore(agenda, 14, 12)).toEqual({ kind: "placeItem", itemId: 14, parentItemId: 11, index: 0 });
    expect(dropItemBefore(agenda, 10, 14)).toEqual({ kind: "placeItem", itemId: 10, parentItemId: null, index: 1 });
  });

  it("refuses to drop an item into itself", () => {
    expect(dropItemBefore(agenda, 11, 12)).toBeNull();
    expect(dropItemBefore(agenda, 12, 12)).toBeNull();
  });

  it("puts a 資料 before another or at the end of an item", () => {
    const m = demoShidai.materials; // 100, 101 on (1); 102 on (2)
    expect(dropMaterialBefore(m, 101, 12, 100)).toEqual({ kind: "placeMaterial", materialId: 101, itemId: 12, index: 0 });
    expect(dropMaterialBefore(m, 100, 13, null)).toEqual({ kind: "placeMaterial", materialId: 100, itemId: 13, index: 1 });
    expect(dropMaterialBefore(m, 100, 12, 100)).toBeNull();
  });
});
