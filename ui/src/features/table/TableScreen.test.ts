import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import TableScreen from "./TableScreen.svelte";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke, Channel: class {} }));
vi.mock("../export/pdf", () => ({ loadPdf: () => new Promise(() => {}) }));

function view(printNote: boolean, canUndo = false) {
  return {
    label: "資料２－３",
    title: "一覧",
    fileName: "projects_r5.csv",
    sheets: ["projects_r5.csv"],
    sheet: "projects_r5.csv",
    headerRows: 1,
    rows: 140,
    columns: [
      { source: 1, heading: "no", title: "番号", print: true, group: false, sample: "1 / 2" },
      { source: 8, heading: "note", title: "", print: printNote, group: false, sample: "メモ" },
    ],
    orientation: "landscape",
    titleLine: "",
    notes: [],
    canUndo,
    canRedo: false,
  };
}

// A block, not an expression: a function returned from beforeEach is run as its cleanup, and mockReset()
// returns the mock itself.
beforeEach(() => {
  invoke.mockReset();
});

function nth<T>(list: T[], i: number): T {
  const item = list[i];
  if (item === undefined) throw new Error(`no element ${i} of ${list.length}`);
  return item;
}

describe("TableScreen", () => {
  it("ticks a column for print as one saved change, and undoes it", async () => {
    let current = view(false);
    invoke.mockImplementation(async (command: string, args: { req: { columns?: { print: boolean }[] } }) => {
      if (command === "table_view") return current;
      if (command === "table_preview") return new ArrayBuffer(0);
      if (command === "table_set_layout") {
        current = view(args.req.columns?.[1]?.print ?? false, true);
        return current;
      }
      if (command === "table_undo") {
        current = view(false, false);
        return current;
      }
      throw new Error(`command ${command} not found`);
    });
    const screen = render(TableScreen, { meetingId: 1, materialId: 5 });
    await waitFor(() => expect(screen.getAllByTestId("table-column")).toHaveLength(2));
    const ticks = screen.getAllByTestId("table-print") as HTMLInputElement[];
    expect(ticks.map((t) => t.checked)).toEqual([true, false]);
    await fireEvent.click(nth(ticks, 1));
    await waitFor(() => expect((screen.getAllByTestId("table-print")[1] as HTMLInputElement).checked).toBe(true));
    const saved = invoke.mock.calls.find((c) => c[0] === "table_set_layout")?.[1];
    expect(saved.req.columns).toEqual([
      { source: 1, title: "番号", print: true, group: false },
      { source: 8, title: "", print: true, group: false },
    ]);
    await fireEvent.click(screen.getByTestId("table-undo"));
    await waitFor(() => expect((screen.getAllByTestId("table-print")[1] as HTMLInputElement).checked).toBe(false));
    expect(invoke).toHaveBeenCalledWith("table_undo", { req: { meetingId: 1, materialId: 5 }, redo: false });
  });

  it("moves a column up with Alt+↑", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "table_view" || command === "table_set_layout") return view(false);
      if (command === "table_preview") return new ArrayBuffer(0);
      throw new Error(`command ${command} not found`);
    });
    const screen = render(TableScreen, { meetingId: 1, materialId: 5 });
    await waitFor(() => expect(screen.getAllByTestId("table-column")).toHaveLength(2));
    await fireEvent.keyDown(nth(screen.getAllByTestId("table-move"), 1), { key: "ArrowUp", altKey: true });
    await waitFor(() => expect(invoke.mock.calls.some((c) => c[0] === "table_set_layout")).toBe(true));
    const saved = invoke.mock.calls.find((c) => c[0] === "table_set_layout")?.[1];
    expect(saved.req.columns.map((c: { source: number }) => c.source)).toEqual([8, 1]);
  });
});
