import { describe, expect, it } from "vitest";

import { demoShidai } from "./fixtures";
import {
  deleteQuestion,
  focusAfterDelete,
  focusAfterMaterialDelete,
  indentNotice,
  outdentNotice,
  parentOf,
  previousSibling,
  treeOrder,
} from "./outline";

const { agenda, materials } = demoShidai;

describe("the outline's tree", () => {
  it("walks each item, then its 資料, in the order the outline shows them", () => {
    expect(treeOrder(demoShidai)).toEqual([
      "item-10",
      "item-11",
      "item-12",
      "material-100",
      "material-101",
      "item-13",
      "material-102",
      "item-14",
    ]);
  });

  it("finds parents and the sibling an indent puts an item under", () => {
    expect(parentOf(agenda, 13)?.id).toBe(11);
    expect(parentOf(agenda, 11)).toBeNull();
    expect(previousSibling(agenda, 13)?.id).toBe(12);
    expect(previousSibling(agenda, 12)).toBeNull();
    expect(previousSibling(agenda, 14)?.id).toBe(11);
  });

  it("says what an indent or outdent did with the labels the person saw", () => {
    expect(indentNotice(agenda, 13)).toBe("(2) を (1) の下に移しました（Ctrl+Z で戻す）");
    expect(indentNotice(agenda, 12)).toBeNull();
    expect(outdentNotice(agenda, 13)).toBe("(2) を ２ の次に移しました（Ctrl+Z で戻す）");
  });

  it("asks about a delete with its real consequence, and nothing more when nothing is below", () => {
    expect(deleteQuestion(agenda, materials, 11)).toBe(
      "「２　議題」を削除しますか？下の項目2件と資料3件も削除されます。（Ctrl+Z で元に戻せます）",
    );
    expect(deleteQuestion(agenda, materials, 12)).toBe(
      "「(1)　行財政改革の取組状況について」を削除しますか？資料2件も削除されます。（Ctrl+Z で元に戻せます）",
    );
    expect(deleteQuestion(agenda, materials, 14)).toBe("「３　閉会」を削除しますか？（Ctrl+Z で元に戻せます）");
  });

  it("moves focus after a delete to the next row, else the one before", () => {
    expect(focusAfterDelete(agenda, 11)).toBe(14);
    expect(focusAfterDelete(agenda, 14)).toBe(13);
    expect(focusAfterMaterialDelete(materials, 100)).toBe("material-101");
    expect(focusAfterMaterialDelete(materials, 101)).toBe("material-100");
    expect(focusAfterMaterialDelete(materials, 102)).toBe("item-13");
  });
});
