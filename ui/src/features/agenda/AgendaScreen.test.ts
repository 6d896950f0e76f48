import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { EditOutcome, ShidaiView } from "../../ipc";
import { backToAgenda, openMaterial } from "../../navigation.svelte";
import AgendaScreen from "./AgendaScreen.svelte";
import { demoMeetings, demoShidai } from "./fixtures";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Handlers = Record<string, (args?: Record<string, unknown>) => unknown>;

function backend(handlers: Handlers): void {
  invoke.mockImplementation(async (command: string, args?: Record<string, unknown>) => {
    const handler = handlers[command];
    if (handler === undefined) {
      throw `command ${command} not found`;
    }
    return handler(args);
  });
}

const workspace = { path: "/tmp/demo.shiryo", meetingCount: 2, schemaVersion: 1 };

function outcome(shidai: ShidaiView | null, canUndo = false, meetings = demoMeetings): EditOutcome {
  return {
    meetings,
    meeting: shidai === null ? null : { shidai, date: "2023-06-05" },
    canUndo,
    canRedo: false,
  };
}

/** demoShidai after (2) moved above (1): its 資料 become 資料１－１. */
const moved: ShidaiView = {
  ...demoShidai,
  agenda: demoShidai.agenda.map((a) =>
    a.id === 12 ? { ...a, label: "(2)" } : a.id === 13 ? { ...a, label: "(1)" } : a,
  ),
  materials: [
    { id: 102, label: "資料１－１", title: "新旧対照表", kind: "shinkyu", kindLabel: "新旧対照表", empty: false, agendaItemId: 13 },
    { id: 100, label: "資料２－１", title: "行財政改革の取組状況", kind: "text", kindLabel: "文書", empty: false, agendaItemId: 12 },
    { id: 101, label: "資料２－２", title: "ＫＰＩ一覧", kind: "kpiTable", kindLabel: "ＫＰＩ表", empty: true, agendaItemId: 12 },
  ],
};

function basics(extra: Handlers = {}): void {
  backend({
    workspace_info: () => workspace,
    list_meetings: () => demoMeetings,
    check_meeting: () => [],
    recent_workspaces: () => [],
    open_meeting: (args) => {
      const id = (args?.req as { meetingId: number }).meetingId;
      return outcome({ ...demoShidai, meetingId: id, titleLines: id === 1 ? demoShidai.titleLines : [`会議${id}`] });
    },
    ...extra,
  });
}

function row(container: HTMLElement, itemId: number): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[data-testid=agenda-row][data-item-id="${itemId}"]`);
  if (found === null) {
    throw new Error(`row ${itemId} missing`);
  }
  return found;
}

beforeEach(() => {
  invoke.mockReset();
});

describe("AgendaScreen", () => {
  it("opens the first meeting in the editor with the printed date and the preview", async () => {
    basics();
    const { findByTestId, getAllByTestId, getByTestId } = render(AgendaScreen);
    const shidai = await findByTestId("shidai");
    expect(shidai.textContent).toContain("危機管理センター");
    expect(invoke).toHaveBeenCalledWith("open_meeting", { req: { meetingId: 1 } });
    expect(getAllByTestId("meeting-item")[0]?.getAttribute("aria-current")).toBe("true");
    expect(getByTestId("workspace-file").textContent).toBe("demo.shiryo");
    expect(getByTestId("date-label").textContent).toBe("令和５年６月５日（月）");
    // The date field shows 2023/06/05 whatever the process locale (WebKitGTK's date input followed LC_TIME).
    expect((getByTestId("date") as HTMLInputElement).value).toBe("2023/06/05");
    expect(getAllByTestId("agenda-row")).toHaveLength(5);
  });

  it("lists the integrity check's problems and jumps to the row of one", async () => {
    basics({
      check_meeting: () => [
        { code: "empty_material", label: "資料１－２", materialId: 101, itemId: 12, message: "資料１－２「ＫＰＩ一覧」に内容がありません。" },
      ],
    });
    const { findAllByTestId, getByTestId, container } = render(AgendaScreen);
    const listed = await findAllByTestId("check-problem");
    expect(listed.map((p) => p.textContent)).toEqual([expect.stringContaining("資料１－２「ＫＰＩ一覧」に内容がありません。")]);
    expect(getByTestId("check-panel").textContent).toContain("1 件");
    await fireEvent.click(getByTestId("check-jump"));
    await waitFor(() => {
      expect(document.activeElement).toBe(row(container, 12));
    });
  });

  it("renames a 資料 on its row and deletes one only after asking", async () => {
    basics({
      rename_material: (args) => {
        const req = args?.req as { materialId: number; title: string };
        return outcome({ ...demoShidai, materials: demoShidai.materials.map((m) => (m.id === req.materialId ? { ...m, title: req.title } : m)) }, true);
      },
      delete_material: (args) => {
        const req = args?.req as { materialId: number };
        return outcome({ ...demoShidai, materials: demoShidai.materials.filter((m) => m.id !== req.materialId) }, true);
      },
    });
    const { findByTestId, container, getByTestId, queryByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const material = (id: number) => container.querySelector<HTMLElement>(`[data-testid=outline-material][data-material-id="${id}"]`);
    await fireEvent.click(material(100)!.querySelector<HTMLElement>("[data-testid=rename-material]")!);
    const field = getByTestId("material-title-edit") as HTMLInputElement;
    await fireEvent.input(field, { target: { value: "取組状況の概要" } });
    await fireEvent.keyDown(field, { key: "Enter" });
    await waitFor(() => expect(material(100)?.textContent).toContain("取組状況の概要"));
    expect(invoke).toHaveBeenCalledWith("rename_material", { req: { meetingId: 1, materialId: 100, title: "取組状況の概要" } });

    await fireEvent.click(material(101)!.querySelector<HTMLElement>("[data-testid=delete-material]")!);
    expect(invoke).not.toHaveBeenCalledWith("delete_material", expect.anything());
    expect(getByTestId("confirm-delete-material").textContent).toContain("資料１－２「ＫＰＩ一覧」を削除しますか");
    await fireEvent.click(getByTestId("confirm-delete-material-yes"));
    await waitFor(() => expect(material(101)).toBeNull());
    expect(queryByTestId("confirm-delete-material")).toBeNull();
  });

  it("shows each 資料's pages once counted, 「…」 while an edit is recounted, and not for a header edit", async () => {
    let pages = 3;
    basics({
      material_pages: () => ({ meetingId: 1, materials: [{ materialId: 100, pages }, { materialId: 101, pages: 1 }] }),
      move_material: () => outcome(demoShidai, true),
      update_header: () => outcome(demoShidai, true),
    });
    const { findByTestId, container, getByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const shown = (id: number) =>
      container.querySelector(`[data-testid=outline-material][data-material-id="${id}"] [data-testid=material-pages]`)?.textContent;
    expect(shown(100)).toBe("・…");
    await waitFor(() => expect(shown(100)).toBe("・3頁"));
    expect(shown(101)).toBe("・1頁");

    pages = 4;
    const row = container.querySelector<HTMLElement>(`[data-testid=outline-material][data-material-id="100"]`)!;
    await fireEvent.click(row.querySelector<HTMLElement>("[aria-label=資料を下へ]")!);
    await waitFor(() => expect(shown(100)).toBe("・…"));
    await waitFor(() => expect(shown(100)).toBe("・4頁"));
    const counted = invoke.mock.calls.filter(([command]) => command === "material_pages").length;

    const note = getByTestId("time-note") as HTMLInputElement;
    await fireEvent.input(note, { target: { value: "午後２時から" } });
    await fireEvent.change(note);
    await waitFor(() => expect(invoke).toHaveBeenCalledWith("update_header", expect.anything()));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shown(100)).toBe("・4頁");
    expect(invoke.mock.calls.filter(([command]) => command === "material_pages")).toHaveLength(counted);
  });

  it("takes back a header typing with one Ctrl+Z in 時刻・注記, after saving it, and keeps the focus there", async () => {
    const calls: string[] = [];
    basics({
      material_pages: () => ({ meetingId: 1, materials: [] }),
      update_header: (args) => {
        calls.push("update_header");
        const req = args?.req as { timeNote: string };
        return outcome({ ...demoShidai, timeNote: req.timeNote }, true);
      },
      undo: () => {
        calls.push("undo");
        return outcome(demoShidai, false);
      },
    });
    const { findByTestId, getByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const note = getByTestId("time-note") as HTMLInputElement;
    note.focus();
    await fireEvent.input(note, { target: { value: "午後２時から" } });
    await fireEvent.keyDown(note, { key: "z", ctrlKey: true });
    await waitFor(() => expect(calls).toEqual(["update_header", "undo"]));
    await waitFor(() => expect((getByTestId("time-note") as HTMLInputElement).value).toBe("※午前９時からの部長会議終了後"));
    expect(document.activeElement).toBe(getByTestId("time-note"));
    expect(getByTestId("undo").hasAttribute("disabled")).toBe(true);
  });

  it("leaves Ctrl+Z to a 資料's own screen while it is shown over the editor", async () => {
    // Something to undo, so only the guard keeps Ctrl+Z from the 次第.
    basics({ open_meeting: () => outcome(demoShidai, true), undo: () => outcome(demoShidai) });
    const { findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    openMaterial({ meetingId: 1, materialId: 102, kind: "shinkyu", label: "資料２－１", title: "新旧対照表" });
    try {
      await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
      await fireEvent.keyDown(window, { key: "e", ctrlKey: true });
      expect(invoke).not.toHaveBeenCalledWith("undo", undefined);
      expect(document.querySelector("[data-testid=export-panel]")).toBeNull();
    } finally {
      backToAgenda();
    }
  });

  it("opens the 差し替え panel over the export panel with Ctrl+Shift+E, and Esc goes back to the export panel", async () => {
    basics({ list_distributions: () => [], sheet_plan: () => ({ pages: 1, blanks: 0, copies: 1, sheets: 1, jobs: 1 }) });
    const { findByTestId, getByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(window, { key: "E", ctrlKey: true, shiftKey: true });
    expect((await findByTestId("no-versions")).textContent).toContain("配付版として記録");
    // The export panel under it takes no focus or clicks meanwhile.
    expect(getByTestId("export-panel").parentElement?.inert).toBe(true);
    expect(invoke).toHaveBeenCalledWith("list_distributions", { req: { meetingId: 1 } });
    await fireEvent.keyDown(getByTestId("changes-panel"), { key: "Escape" });
    await waitFor(() => expect(document.querySelector("[data-testid=changes-panel]")).toBeNull());
    expect(getByTestId("export-panel").parentElement?.inert).toBe(false);
  });

  it("reads the meeting again when a 資料's own screen closes (its content may have changed)", async () => {
    basics();
    const { findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const opened = () => invoke.mock.calls.filter(([command]) => command === "open_meeting").length;
    const before = opened();
    openMaterial({ meetingId: 1, materialId: 101, kind: "kpiTable", label: "資料１－２", title: "ＫＰＩ一覧" });
    await Promise.resolve();
    expect(opened()).toBe(before);
    backToAgenda();
    await waitFor(() => expect(opened()).toBe(before + 1));
    expect(invoke).toHaveBeenLastCalledWith("check_meeting", { req: { meetingId: 1 } });
  });

  it("loads another meeting when it is chosen", async () => {
    basics();
    const { findByTestId, getAllByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const second = getAllByTestId("meeting-item")[1];
    if (second === undefined) {
      throw new Error("two items expected");
    }
    await fireEvent.click(second);
    await waitFor(() => {
      expect(document.querySelector("[data-testid=shidai]")?.textContent).toContain("会議2");
    });
    expect(second.getAttribute("aria-current")).toBe("true");
  });

  it("moves an item up with Alt+↑ and re-renders the labels from the answer", async () => {
    basics({ move_item: () => outcome(moved, true) });
    const { container, findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 13), { key: "ArrowUp", altKey: true });
    expect(invoke).toHaveBeenCalledWith("move_item", { req: { meetingId: 1, itemId: 13, direction: "up" } });
    await waitFor(() => {
      const first = container.querySelector("[data-testid=shidai] [data-testid=material]");
      expect(first?.textContent).toContain("【資料１－１】");
      expect(first?.textContent).toContain("新旧対照表");
    });
    expect((container.querySelector("[data-testid=undo]") as HTMLButtonElement).disabled).toBe(false);
  });

  it("indents with Alt+→ (or Ctrl+]) and outdents with Alt+← (or Ctrl+[), and says what moved", async () => {
    basics({ indent_item: () => outcome(demoShidai, true), outdent_item: () => outcome(demoShidai, true) });
    const { container, findByTestId, getByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 13), { key: "ArrowRight", altKey: true });
    expect(invoke).toHaveBeenCalledWith("indent_item", { req: { meetingId: 1, itemId: 13 } });
    await waitFor(() => expect(getByTestId("outline-notice").textContent).toBe("(2) を (1) の下に移しました（Ctrl+Z で戻す）"));
    await fireEvent.keyDown(row(container, 12), { key: "[", ctrlKey: true });
    expect(invoke).toHaveBeenCalledWith("outdent_item", { req: { meetingId: 1, itemId: 12 } });
  });

  it("never restructures the agenda on Tab: the outline is one tab stop (roving tabindex)", async () => {
    basics({ indent_item: () => outcome(demoShidai, true), outdent_item: () => outcome(demoShidai, true) });
    const { container, findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 13), { key: "Tab" });
    await fireEvent.keyDown(row(container, 13), { key: "Tab", shiftKey: true });
    expect(invoke).not.toHaveBeenCalledWith("indent_item", expect.anything());
    expect(invoke).not.toHaveBeenCalledWith("outdent_item", expect.anything());
    const tree = container.querySelector("[role=tree]") as HTMLElement;
    const stops = () => [...tree.querySelectorAll<HTMLElement>("[tabindex], button, input, select")].filter((e) => e.tabIndex === 0);
    // Every row, 資料 and button of the tree: one of them is reachable by Tab.
    expect(stops()).toEqual([row(container, 10)]);
    // ↓ walks items and their 資料; the tab stop follows the focus.
    row(container, 12).focus();
    await fireEvent.keyDown(row(container, 12), { key: "ArrowDown" });
    const material = container.querySelector<HTMLElement>("[data-testid=outline-material][data-material-id='100']")!;
    await waitFor(() => expect(document.activeElement).toBe(material));
    expect(stops()).toEqual([material]);
    // → goes into the row's buttons, Esc back to the row; ← from a 資料 goes to its item.
    await fireEvent.keyDown(material, { key: "ArrowRight" });
    expect(document.activeElement?.getAttribute("data-testid")).toBe("open-material");
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    expect(document.activeElement).toBe(material);
    await fireEvent.keyDown(material, { key: "ArrowLeft" });
    await waitFor(() => expect(document.activeElement).toBe(row(container, 12)));
    expect(stops()).toEqual([row(container, 12)]);
  });

  it("asks before deleting an item in a focused dialog that names what goes with it, then focuses the next row", async () => {
    const without12 = {
      ...demoShidai,
      agenda: demoShidai.agenda.filter((a) => a.id !== 12),
      materials: demoShidai.materials.filter((m) => m.agendaItemId !== 12),
    };
    basics({ delete_item: () => outcome(without12, true) });
    const { container, findByTestId, getByTestId, queryByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    row(container, 12).focus();
    await fireEvent.keyDown(row(container, 12), { key: "Delete" });
    const dialog = getByTestId("confirm-delete");
    expect(dialog.textContent).toContain("資料2件も削除されます");
    expect(dialog.textContent).not.toContain("下の項目");
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    // Tab stays inside the dialog.
    const last = getByTestId("confirm-delete-no");
    last.focus();
    await fireEvent.keyDown(last, { key: "Tab" });
    expect(document.activeElement).toBe(getByTestId("confirm-delete-yes"));
    expect(invoke).not.toHaveBeenCalledWith("delete_item", expect.anything());
    await fireEvent.click(getByTestId("confirm-delete-yes"));
    expect(invoke).toHaveBeenCalledWith("delete_item", { req: { meetingId: 1, itemId: 12 } });
    await waitFor(() => expect(queryByTestId("confirm-delete")).toBeNull());
    await waitFor(() => expect(container.querySelector('[data-item-id="12"]')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(row(container, 13)));
  });

  it("gives the focus back to the row when a delete is cancelled with Esc", async () => {
    basics();
    const { container, findByTestId, getByTestId, queryByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    row(container, 14).focus();
    await fireEvent.keyDown(row(container, 14), { key: "Delete" });
    expect(getByTestId("confirm-delete").textContent).toContain("「３　閉会」を削除しますか？（Ctrl+Z で元に戻せます）");
    expect(getByTestId("confirm-delete").textContent).not.toContain("も削除されます");
    await waitFor(() => expect(getByTestId("confirm-delete").contains(document.activeElement)).toBe(true));
    await fireEvent.keyDown(document.activeElement as HTMLElement, { key: "Escape" });
    await waitFor(() => expect(queryByTestId("confirm-delete")).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(row(container, 14)));
  });

  it("never commits a title on the Enter that ends an IME composition", async () => {
    basics({ rename_item: () => outcome(demoShidai, true) });
    const { container, findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 12), { key: "Enter" });
    const input = await findByTestId("item-title-input");
    await fireEvent.input(input, { target: { value: "予算について" } });
    await fireEvent.keyDown(input, { key: "Enter", isComposing: true });
    await fireEvent.keyDown(input, { key: "Enter", keyCode: 229 });
    expect(invoke).not.toHaveBeenCalledWith("rename_item", expect.anything());
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(invoke).toHaveBeenCalledWith("rename_item", { req: { meetingId: 1, itemId: 12, title: "予算について" } });
  });

  it("undoes with Ctrl+Z outside text fields", async () => {
    basics({ move_item: () => outcome(moved, true), undo: () => outcome(demoShidai) });
    const { container, findByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 13), { key: "ArrowUp", altKey: true });
    await waitFor(() => {
      expect((container.querySelector("[data-testid=undo]") as HTMLButtonElement).disabled).toBe(false);
    });
    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    expect(invoke).toHaveBeenCalledWith("undo", undefined);
  });

  it("saves the header when the date changes and shows the 令和 date the backend returns", async () => {
    basics({
      update_header: () => outcome({ ...demoShidai, dateLabel: "令和６年４月１日（月）" }, true),
    });
    const { findByTestId, getByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    const date = getByTestId("date") as HTMLInputElement;
    await fireEvent.input(date, { target: { value: "２０２４／４／１" } });
    await fireEvent.change(date);
    expect(invoke).toHaveBeenCalledWith("update_header", {
      req: {
        meetingId: 1,
        titleLines: demoShidai.titleLines,
        date: "2024-04-01",
        timeNote: demoShidai.timeNote,
        placeLines: demoShidai.placeLines,
        // Not focused first, so not part of a typing: a step of its own.
        typing: null,
      },
    });
    await waitFor(() => expect(getByTestId("date-label").textContent).toBe("令和６年４月１日（月）"));
  });

  it("creates a meeting with 新規 and asks before deleting one", async () => {
    basics({
      create_meeting: () =>
        outcome({ ...demoShidai, meetingId: 3, titleLines: ["新しい会議"] }, true, [
          { id: 3, titleLines: ["新しい会議"], dateLabel: null, materialCount: 0 },
          ...demoMeetings,
        ]),
      delete_meeting: () => outcome(null, true),
    });
    const { findByTestId, getByTestId, queryByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.click(getByTestId("new-meeting"));
    expect(invoke).toHaveBeenCalledWith("create_meeting", { req: { titleLines: [] } });
    await fireEvent.click(getByTestId("delete-meeting"));
    expect(invoke).not.toHaveBeenCalledWith("delete_meeting", expect.anything());
    await fireEvent.click(getByTestId("confirm-delete-meeting-yes"));
    expect(invoke).toHaveBeenCalledWith("delete_meeting", { req: { meetingId: 3 } });
    await waitFor(() => expect(queryByTestId("editor")).toBeNull());
  });

  it("shows the Japanese message when the workspace cannot be opened", async () => {
    backend({
      workspace_info: () => {
        throw {
          code: "workspace_too_new",
          message: "スキーマ版 9 は対応していません。",
          detail: "schema version 9 > 3",
        };
      },
      list_meetings: () => [],
    });
    const { findByRole, queryByTestId } = render(AgendaScreen);
    const alert = await findByRole("alert");
    expect(alert.textContent).toContain("新しい版の Shiryo で保存されています");
    expect(alert.textContent).toContain("スキーマ版 9 は対応していません。");
    expect(alert.getAttribute("data-code")).toBe("workspace_too_new");
    expect(queryByTestId("shidai")).toBeNull();
  });

  it("keeps a refused title in its field, as typed, and closes the error with ×", async () => {
    basics({
      rename_item: () => {
        throw { code: "edit_refused", message: "項目名が長すぎます。", detail: "TooLong" };
      },
    });
    const { container, findByRole, findByTestId, getByTestId, queryByRole } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 12), { key: "Enter" });
    const input = (await findByTestId("item-title-input")) as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "とても長い項目名" } });
    await fireEvent.keyDown(input, { key: "Enter" });
    await findByRole("alert");
    await waitFor(() => expect((getByTestId("item-title-input") as HTMLInputElement).value).toBe("とても長い項目名"));
    await fireEvent.click(getByTestId("error-close"));
    await waitFor(() => expect(queryByRole("alert")).toBeNull());
  });

  it("shows a refused edit in Japanese and keeps the editor", async () => {
    basics({
      move_item: () => {
        throw { code: "edit_refused", message: "先頭の項目はこれ以上上へ移動できません。", detail: "AlreadyFirst" };
      },
    });
    const { container, findByRole, findByTestId, getAllByTestId } = render(AgendaScreen);
    await findByTestId("shidai");
    await fireEvent.keyDown(row(container, 10), { key: "ArrowUp", altKey: true });
    const alert = await findByRole("alert");
    expect(alert.textContent).toContain("この編集はできません。");
    expect(alert.textContent).toContain("先頭の項目はこれ以上上へ移動できません。");
    expect(getAllByTestId("agenda-row")).toHaveLength(5);
  });
});
