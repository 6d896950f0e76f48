import { fireEvent, render } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { UpdateHeaderRequest } from "../../ipc";
import HeaderForm from "./HeaderForm.svelte";
import { demoShidai } from "./fixtures";

const view = { shidai: demoShidai, date: "2023-06-05" };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("HeaderForm", () => {
  it("saves a typing in 時刻・注記 as it goes under one id, and a new focus is a new typing", async () => {
    const saves: UpdateHeaderRequest[] = [];
    const { getByTestId } = render(HeaderForm, { view, onsave: (req: UpdateHeaderRequest) => saves.push(req) });
    const note = getByTestId("time-note") as HTMLInputElement;
    await fireEvent.focusIn(note);
    await fireEvent.input(note, { target: { value: "午後" } });
    await vi.advanceTimersByTimeAsync(600);
    await fireEvent.input(note, { target: { value: "午後２時から" } });
    await vi.advanceTimersByTimeAsync(600);
    await fireEvent.change(note);
    await fireEvent.focusOut(note);
    expect(saves.map((s) => s.timeNote)).toEqual(["午後", "午後２時から"]);
    const typing = saves[0]?.typing;
    expect(typing).toEqual(expect.any(Number));
    expect(saves[1]?.typing).toBe(typing);

    await fireEvent.focusIn(note);
    await fireEvent.input(note, { target: { value: "午後３時から" } });
    await fireEvent.focusOut(note);
    expect(saves.map((s) => s.timeNote)).toEqual(["午後", "午後２時から", "午後３時から"]);
    expect(saves[2]?.typing).not.toBe(typing);
  });

  it("makes Ctrl+Z and Ctrl+Shift+Z in a field the app's undo and redo, after saving what was typed", async () => {
    const saves: UpdateHeaderRequest[] = [];
    const history: [string, string][] = [];
    const { getByTestId } = render(HeaderForm, {
      view,
      onsave: (req: UpdateHeaderRequest) => saves.push(req),
      onhistory: (action: "undo" | "redo", field: string) => history.push([action, field]),
    });
    const note = getByTestId("time-note") as HTMLInputElement;
    await fireEvent.focusIn(note);
    await fireEvent.input(note, { target: { value: "午後２時から" } });
    const undo = new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true, cancelable: true });
    note.dispatchEvent(undo);
    expect(undo.defaultPrevented).toBe(true);
    // The typing is saved first (before its 600 ms pause), then one undo is asked for.
    expect(saves.map((s) => s.timeNote)).toEqual(["午後２時から"]);
    expect(history).toEqual([["undo", "time-note"]]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saves).toHaveLength(1);

    const redo = new KeyboardEvent("keydown", { key: "Z", ctrlKey: true, shiftKey: true, bubbles: true, cancelable: true });
    getByTestId("place-lines").dispatchEvent(redo);
    expect(redo.defaultPrevented).toBe(true);
    expect(history).toEqual([["undo", "time-note"], ["redo", "place-lines"]]);
    expect(saves).toHaveLength(1);

    // While an input method composes, Ctrl+Z is the input method's.
    const composing = new KeyboardEvent("keydown", { key: "z", ctrlKey: true, isComposing: true, bubbles: true, cancelable: true });
    note.dispatchEvent(composing);
    expect(composing.defaultPrevented).toBe(false);
    expect(history).toHaveLength(2);
  });

  it("gives the focus back to the field an undo was pressed in, with the caret at its end", () => {
    const { getByTestId } = render(HeaderForm, { view, focusField: "time-note", onsave: () => {} });
    const note = getByTestId("time-note") as HTMLInputElement;
    expect(document.activeElement).toBe(note);
    expect(note.selectionStart).toBe(note.value.length);
  });
});
