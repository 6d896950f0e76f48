import { fireEvent } from "@testing-library/svelte";
import { afterEach, describe, expect, it, vi } from "vitest";

import { trapFocus } from "./focus";

afterEach(() => {
  document.body.innerHTML = "";
});

function setup(): { opener: HTMLButtonElement; dialog: HTMLElement; first: HTMLButtonElement; last: HTMLButtonElement } {
  document.body.innerHTML = `
    <button id="opener">開く</button>
    <div id="dialog"><button id="first">削除する</button><input id="middle" /><button id="last">キャンセル</button></div>`;
  const get = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  return { opener: get("opener"), dialog: get("dialog"), first: get("first"), last: get("last") };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("a dialog's focus trap", () => {
  it("focuses the dialog, keeps Tab and Shift+Tab inside it and gives the focus back to its opener", async () => {
    const { opener, dialog, first, last } = setup();
    opener.focus();
    const trap = trapFocus(dialog);
    await settle();
    expect(document.activeElement).toBe(first);
    last.focus();
    await fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement).toBe(first);
    await fireEvent.keyDown(first, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(last);
    trap.destroy();
    await settle();
    expect(document.activeElement).toBe(opener);
  });

  it("asks to close on Esc and falls back when the opener is gone", async () => {
    const { opener, dialog, first } = setup();
    const target = document.createElement("button");
    document.body.append(target);
    opener.focus();
    const onescape = vi.fn();
    const trap = trapFocus(dialog, { onescape, fallback: () => target });
    await settle();
    await fireEvent.keyDown(first, { key: "Escape" });
    expect(onescape).toHaveBeenCalledTimes(1);
    opener.remove();
    trap.destroy();
    await settle();
    expect(document.activeElement).toBe(target);
  });
});
