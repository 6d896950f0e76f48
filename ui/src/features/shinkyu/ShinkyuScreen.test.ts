import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ShinkyuView } from "../../ipc";
import { LIMITS } from "../../ipc/generated/limits_table";
import { nav, openMaterial } from "../../navigation.svelte";
import ShinkyuScreen from "./ShinkyuScreen.svelte";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

function view(over: Partial<ShinkyuView> = {}): ShinkyuView {
  return {
    meetingId: 1,
    materialId: 7,
    label: "資料３－２",
    title: "福島県情報セキュリティポリシー改正 新旧対照表",
    oldFile: "policy_old.txt",
    newFile: "policy_new.txt",
    trackedFile: null,
    receivedFile: null,
    findings: [],
    preset: "shin-kyu",
    columnOrder: "new-left",
    caption: "（下線部分は改正部分）",
    captionIsDefault: true,
    headings: ["新", "旧"],
    rows: [
      {
        key: "第1部|第1部|1",
        kind: "omitted",
        left: { text: "１～７ （略）", marks: [], path: "第1部 1～7", placeholder: false },
        right: { text: "１～７ （略）", marks: [], path: "第1部 1～7", placeholder: false },
        edited: false,
      },
      {
        key: "k92",
        kind: "changed",
        left: { text: "(2) 監査実施要綱を定め", marks: [[9, 10]], path: "第2部 第2 9 (2)", placeholder: false },
        right: { text: "(2) 監査実施要領を定め", marks: [[9, 10]], path: "第2部 第2 9 (2)", placeholder: false },
        edited: false,
      },
    ],
    dropped: [],
    editCount: 0,
    canUndo: false,
    canRedo: false,
    ...over,
  };
}

type Calls = Array<{ command: string; args: Record<string, unknown> | undefined }>;

function backend(answers: Record<string, (args?: Record<string, unknown>) => unknown>): Calls {
  const calls: Calls = [];
  invoke.mockImplementation(async (command: string, args?: Record<string, unknown>) => {
    calls.push({ command, args });
    const answer = answers[command];
    if (answer === undefined) {
      throw { code: "internal", message: `no ${command}`, detail: "" };
    }
    return answer(args);
  });
  return calls;
}

beforeEach(() => {
  invoke.mockReset();
});

describe("ShinkyuScreen", () => {
  it("shows the headings and underlines the marked 字句", async () => {
    backend({ open_shinkyu: () => view() });
    const { findByTestId, getAllByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    expect((await findByTestId("shinkyu-heading-left")).textContent).toBe("新");
    const marks = getAllByTestId("mark").map((m) => m.textContent);
    expect(marks).toEqual(["綱", "領"]);
    expect(getAllByTestId("mark")[0]?.tagName).toBe("U");
    expect(getAllByTestId("shinkyu-row")[1]?.textContent).toContain("改正");
  });

  it("changes the preset through the backend and shows its headings", async () => {
    const calls = backend({
      open_shinkyu: () => view(),
      set_shinkyu_options: () => view({ preset: "kaisei", headings: ["改正後", "改正前"], canUndo: true }),
    });
    const { findByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const select = (await findByTestId("shinkyu-preset")) as HTMLSelectElement;
    select.value = "kaisei";
    await fireEvent.change(select);
    await waitFor(async () => expect((await findByTestId("shinkyu-heading-left")).textContent).toBe("改正後"));
    const req = calls.find((c) => c.command === "set_shinkyu_options")?.args?.req;
    expect(req).toEqual({ meetingId: 1, materialId: 7, preset: "kaisei", columnOrder: "new-left", caption: null });
  });

  it("omits a selected row and undoes with Ctrl+Z", async () => {
    const omitted = view({
      canUndo: true,
      editCount: 1,
      rows: [
        view().rows[0]!,
        { ...view().rows[1]!, kind: "omitted", edited: true,
          left: { text: "(2) （略）", marks: [], path: "第2部 第2 9 (2)", placeholder: false },
          right: { text: "(2) （略）", marks: [], path: "第2部 第2 9 (2)", placeholder: false } },
      ],
    });
    const calls = backend({
      open_shinkyu: () => view(),
      edit_shinkyu: () => omitted,
      undo_shinkyu: () => view({ canRedo: true }),
    });
    const { findAllByTestId, findByTestId, getAllByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const rows = await findAllByTestId("shinkyu-row");
    await fireEvent.click(rows[1]!);
    await fireEvent.click(await findByTestId("shinkyu-omit"));
    // The row has a change: the screen asks first.
    expect((await findByTestId("confirm-omit")).textContent).toContain("改正があります");
    expect(calls.find((c) => c.command === "edit_shinkyu")).toBeUndefined();
    await fireEvent.click(await findByTestId("confirm-omit-yes"));
    await waitFor(() => expect(getAllByTestId("shinkyu-row")[1]?.dataset.kind).toBe("omitted"));
    const edit = calls.find((c) => c.command === "edit_shinkyu")?.args?.req as { edit: unknown };
    expect(edit.edit).toEqual({ kind: "omit", key: "k92" });
    expect((await findByTestId("shinkyu-undo")).getAttribute("title")).toContain("Ctrl+Z");
    await fireEvent.keyDown(window, { key: "z", ctrlKey: true });
    await waitFor(() => expect(getAllByTestId("shinkyu-row")[1]?.dataset.kind).toBe("changed"));
    expect(calls.find((c) => c.command === "undo_shinkyu")?.args?.req).toEqual({ meetingId: 1, materialId: 7 });
  });

  it("sends a chosen file as bytes with its name and shows the backend's error naming it", async () => {
    const calls = backend({
      open_shinkyu: () => view(),
      set_shinkyu_text: () => {
        throw { code: "shinkyu_input", message: "「改正案.pdf」は対応していない形式です", detail: "unsupported" };
      },
    });
    const { findByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const input = (await findByTestId("shinkyu-input-new")) as HTMLInputElement;
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "改正案.pdf");
    Object.defineProperty(input, "files", { value: [file] });
    await fireEvent.change(input);
    const error = await findByTestId("error");
    expect(error.textContent).toContain("改正案.pdf");
    const req = calls.find((c) => c.command === "set_shinkyu_text")?.args?.req;
    expect(req).toEqual({ meetingId: 1, materialId: 7, side: "new", fileName: "改正案.pdf", bytes: [0x25, 0x50, 0x44, 0x46] });
  });

  it("makes the table from a 見え消し Word file: one file sent as bytes, both sides named by their version", async () => {
    const calls = backend({
      open_shinkyu: () => view({ oldFile: null, newFile: null, rows: [] }),
      set_shinkyu_tracked: () =>
        view({ oldFile: "要綱.docx", newFile: "要綱.docx", trackedFile: "要綱.docx", canUndo: true }),
    });
    const { findByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const input = (await findByTestId("shinkyu-input-tracked")) as HTMLInputElement;
    expect(input.accept).toContain(".docx");
    Object.defineProperty(input, "files", { value: [new File([new Uint8Array([0x50, 0x4b, 3, 4])], "要綱.docx")] });
    await fireEvent.change(input);
    await waitFor(async () =>
      expect((await findByTestId("shinkyu-file-old")).textContent).toBe("要綱.docx（見え消しの変更をすべて元に戻した版）"),
    );
    expect((await findByTestId("shinkyu-file-new")).textContent).toBe("要綱.docx（見え消しの変更をすべて反映した版）");
    const req = calls.find((c) => c.command === "set_shinkyu_tracked")?.args?.req;
    expect(req).toEqual({ meetingId: 1, materialId: 7, fileName: "要綱.docx", bytes: [0x50, 0x4b, 3, 4] });
  });

  it("says so when the Word file has no tracked changes, and keeps the table as it was", async () => {
    backend({
      open_shinkyu: () => view(),
      set_shinkyu_tracked: () => {
        throw {
          code: "shinkyu_input",
          message: "「要綱.docx」には変更履歴（見え消し）がありません。Word の「変更履歴の記録」で直した文書を選んでください。",
          detail: "要綱.docx holds no tracked change",
        };
      },
    });
    const { findByTestId, getAllByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const input = (await findByTestId("shinkyu-input-tracked")) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File([new Uint8Array([1])], "要綱.docx")] });
    await fireEvent.change(input);
    expect((await findByTestId("error")).textContent).toContain("変更履歴（見え消し）がありません");
    expect(getAllByTestId("shinkyu-row")).toHaveLength(2);
    expect((await findByTestId("shinkyu-file-old")).textContent).toBe("policy_old.txt");
  });

  it("refuses a Word file over the limits table's .docx limit before sending it", async () => {
    const calls = backend({ open_shinkyu: () => view() });
    const { findByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    const input = (await findByTestId("shinkyu-input-received")) as HTMLInputElement;
    const file = new File([new Uint8Array([1])], "対照表.docx");
    Object.defineProperty(file, "size", { value: LIMITS.docxFileBytes + 1 });
    Object.defineProperty(input, "files", { value: [file] });
    await fireEvent.change(input);
    expect((await findByTestId("error")).textContent).toContain("対照表.docx");
    expect(calls.some((c) => c.command === "import_shinkyu_received")).toBe(false);
  });

  it("shows a received table's findings naming their rows, flags those rows and selects one on demand", async () => {
    const received = view({
      oldFile: null,
      newFile: null,
      receivedFile: "対照表.docx",
      headings: ["改正後", "改正前"],
      findings: [
        {
          code: "change_without_mark",
          row: 2,
          key: "k92",
          message: "2行目（第2部 第2 9 (2)）：改正後欄の「綱」は改正前欄と異なりますが、傍線がありません",
        },
      ],
    });
    const calls = backend({ open_shinkyu: () => view(), import_shinkyu_received: () => received });
    const { findByTestId, findAllByTestId, getAllByTestId, queryByTestId } = render(ShinkyuScreen, {
      meetingId: 1,
      materialId: 7,
    });
    const input = (await findByTestId("shinkyu-input-received")) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [new File([new Uint8Array([7])], "対照表.docx")] });
    await fireEvent.change(input);
    const findings = await findAllByTestId("shinkyu-finding");
    expect(findings).toHaveLength(1);
    expect(findings[0]?.textContent).toContain("2行目");
    expect(findings[0]?.dataset.row).toBe("2");
    expect((await findByTestId("shinkyu-received-file")).textContent).toContain("対照表.docx");
    // The two texts are not this table's source: their choosers are gone.
    expect(queryByTestId("shinkyu-input-old")).toBeNull();
    const rows = getAllByTestId("shinkyu-row");
    expect(rows.map((r) => r.dataset.findings)).toEqual(["0", "1"]);
    expect(rows[1]?.textContent).toContain("要確認 2行目");
    await fireEvent.click(findings[0]!.querySelector("button")!);
    await waitFor(() => expect(getAllByTestId("shinkyu-row")[1]?.classList.contains("selected")).toBe(true));
    expect(calls.find((c) => c.command === "import_shinkyu_received")?.args?.req).toEqual({
      meetingId: 1,
      materialId: 7,
      fileName: "対照表.docx",
      bytes: [7],
    });
  });

  it("edits a cell in a dialog: the selection is underlined and saved as scalar offsets", async () => {
    const calls = backend({ open_shinkyu: () => view(), edit_shinkyu: () => view({ canUndo: true }) });
    const { findAllByTestId, findByText, findByTestId, queryByTestId } = render(ShinkyuScreen, {
      meetingId: 1,
      materialId: 7,
    });
    await fireEvent.click((await findAllByTestId("shinkyu-row"))[1]!);
    await fireEvent.click(await findByText("左のセルを編集"));
    const area = (await findByTestId("shinkyu-cell-text")) as HTMLTextAreaElement;
    expect(document.activeElement).toBe(area);
    await fireEvent.input(area, { target: { value: "(2) 監査の実施要綱を定め" } });
    area.setSelectionRange(8, 10);
    await fireEvent.click(await findByText("選んだ文字に下線"));
    await fireEvent.click(await findByTestId("shinkyu-cell-save"));
    await waitFor(() => expect(queryByTestId("shinkyu-cell-text")).toBeNull());
    const req = calls.find((c) => c.command === "edit_shinkyu")?.args?.req as { edit: unknown };
    expect(req.edit).toEqual({ kind: "cell", key: "k92", side: "new", text: "(2) 監査の実施要綱を定め", marks: [[8, 10]] });
  });

  it("closes a dialog with Escape without saving", async () => {
    const calls = backend({ open_shinkyu: () => view() });
    const { findAllByTestId, findByText, findByTestId, queryByTestId } = render(ShinkyuScreen, {
      meetingId: 1,
      materialId: 7,
    });
    await fireEvent.click((await findAllByTestId("shinkyu-row"))[1]!);
    await fireEvent.click(await findByText("右のセルを編集"));
    await fireEvent.keyDown(await findByTestId("shinkyu-cell-text"), { key: "Escape" });
    expect(queryByTestId("shinkyu-cell-text")).toBeNull();
    expect(calls.some((c) => c.command === "edit_shinkyu")).toBe(false);
  });

  it("goes back to the 次第", async () => {
    backend({ open_shinkyu: () => view() });
    openMaterial({ meetingId: 1, materialId: 7, kind: "shinkyu", label: "資料３－２", title: "t" });
    const { findByTestId } = render(ShinkyuScreen, { meetingId: 1, materialId: 7 });
    await fireEvent.click(await findByTestId("shinkyu-back"));
    expect(nav.view.screen).toBe("agenda");
  });
});
