import { describe, expect, it } from "vitest";

import { fieldAction, historyAction, isComposing, materialAction, rowAction, toLines, withShortcut } from "./editing";

const key = (k: string, mods: Partial<KeyboardEvent> & { keyCode?: number } = {}) => ({
  key: k,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  isComposing: false,
  ...mods,
});

describe("rowAction", () => {
  it("maps the outline shortcuts", () => {
    expect(rowAction(key("ArrowUp", { altKey: true }))).toBe("moveUp");
    expect(rowAction(key("ArrowDown", { altKey: true }))).toBe("moveDown");
    expect(rowAction(key("ArrowDown"))).toBe("focusNext");
    expect(rowAction(key("ArrowRight", { altKey: true }))).toBe("indent");
    expect(rowAction(key("ArrowLeft", { altKey: true }))).toBe("outdent");
    expect(rowAction(key("]", { ctrlKey: true }))).toBe("indent");
    expect(rowAction(key("[", { ctrlKey: true }))).toBe("outdent");
    expect(rowAction(key("ArrowRight"))).toBe("intoButtons");
    expect(rowAction(key("ArrowLeft"))).toBe("focusParent");
    expect(rowAction(key("Home"))).toBe("focusFirst");
    expect(rowAction(key("End"))).toBe("focusLast");
    expect(rowAction(key("Enter"))).toBe("edit");
    expect(rowAction(key("Enter", { ctrlKey: true }))).toBe("addAfter");
    expect(rowAction(key("Delete"))).toBe("delete");
    expect(rowAction(key("a"))).toBeNull();
  });

  it("never takes Tab, so Tab always leaves the outline and never restructures the agenda", () => {
    expect(rowAction(key("Tab"))).toBeNull();
    expect(rowAction(key("Tab", { shiftKey: true }))).toBeNull();
  });

  it("does nothing while an IME composes", () => {
    expect(rowAction(key("Enter", { isComposing: true }))).toBeNull();
    expect(rowAction(key("Enter", { keyCode: 229 }))).toBeNull();
  });
});

describe("fieldAction", () => {
  it("commits on Enter and cancels on Escape, never while composing", () => {
    expect(fieldAction(key("Enter"))).toBe("commit");
    expect(fieldAction(key("Escape"))).toBe("cancel");
    expect(fieldAction(key("Enter", { isComposing: true }))).toBeNull();
    expect(fieldAction(key("Enter", { keyCode: 229 }))).toBeNull();
    expect(isComposing(key("x", { isComposing: true }))).toBe(true);
  });
});

describe("historyAction", () => {
  it("reads Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y", () => {
    expect(historyAction(key("z", { ctrlKey: true }))).toBe("undo");
    expect(historyAction(key("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(historyAction(key("y", { ctrlKey: true }))).toBe("redo");
    expect(historyAction(key("z"))).toBeNull();
  });
});

it("splits text fields into lines and labels tooltips with their keys", () => {
  expect(toLines("第一本部・\r\n第二本部")).toEqual(["第一本部・", "第二本部"]);
  expect(withShortcut("字下げ", "indent")).toBe("字下げ (Alt+→ / Ctrl+])");
});

describe("materialAction", () => {
  it("moves with Alt+↑/↓, opens with Enter, renames with F2, deletes with Delete", () => {
    expect(materialAction(key("ArrowUp", { altKey: true }))).toBe("moveUp");
    expect(materialAction(key("ArrowDown", { altKey: true }))).toBe("moveDown");
    expect(materialAction(key("ArrowDown"))).toBe("focusNext");
    expect(materialAction(key("ArrowLeft"))).toBe("focusParent");
    expect(materialAction(key("Tab"))).toBeNull();
    expect(materialAction(key("Enter"))).toBe("open");
    expect(materialAction(key("F2"))).toBe("rename");
    expect(materialAction(key("Delete"))).toBe("delete");
  });

  it("ignores the Enter that ends an IME composition", () => {
    expect(materialAction(key("Enter", { isComposing: true }))).toBeNull();
    expect(materialAction(key("Enter", { keyCode: 229 }))).toBeNull();
  });
});
