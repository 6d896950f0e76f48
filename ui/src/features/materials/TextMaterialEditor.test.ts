import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import TextMaterialEditor from "./TextMaterialEditor.svelte";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const outcome = { meetings: [], meeting: null, canUndo: true, canRedo: false };

beforeEach(() => {
  invoke.mockReset();
});

describe("TextMaterialEditor", () => {
  it("loads the body, saves what was typed on close, and reports the new editor state", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "material_text") return { materialId: 7, text: "最初の本文" };
      if (command === "set_material_text") return outcome;
      throw `command ${command} not found`;
    });
    const onsaved = vi.fn();
    const onclose = vi.fn();
    const { getByTestId } = render(TextMaterialEditor, { meetingId: 1, materialId: 7, label: "資料１－１", title: "概要", onsaved, onclose });
    const body = getByTestId("text-material-body") as HTMLTextAreaElement;
    await waitFor(() => expect(body.value).toBe("最初の本文"));
    expect(getByTestId("text-save-state").textContent).toBe("保存済み");
    await fireEvent.input(body, { target: { value: "書き換えた本文" } });
    expect(getByTestId("text-save-state").textContent).toContain("未保存");
    await fireEvent.click(getByTestId("text-material-close"));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith("set_material_text", { req: { meetingId: 1, materialId: 7, text: "書き換えた本文" } });
    expect(onsaved).toHaveBeenCalledWith(outcome);
  });

  it("closes without a save when nothing changed", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "material_text") return { materialId: 7, text: "本文" };
      throw `command ${command} not found`;
    });
    const onclose = vi.fn();
    const { getByTestId } = render(TextMaterialEditor, { meetingId: 1, materialId: 7, label: "資料１－１", title: "概要", onsaved: vi.fn(), onclose });
    await waitFor(() => expect((getByTestId("text-material-body") as HTMLTextAreaElement).value).toBe("本文"));
    await fireEvent.click(getByTestId("text-material-close"));
    await waitFor(() => expect(onclose).toHaveBeenCalled());
    expect(invoke).not.toHaveBeenCalledWith("set_material_text", expect.anything());
  });

  it("shows the text as it prints beside it: headings, and a ［表］ block as a table", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "material_text") return { materialId: 7, text: "１ はじめに\n［表］\n分類\tリスク\n［表ここまで］" };
      if (command === "text_structure")
        return [
          { kind: "heading", level: 2, label: "１", text: "はじめに", rows: [] },
          { kind: "table", level: 0, label: "", text: "", rows: [["分類", "リスク"], ["業務委託", ""]] },
        ];
      throw `command ${command} not found`;
    });
    const { getByTestId } = render(TextMaterialEditor, { meetingId: 1, materialId: 7, label: "資料３－１", title: "概要", onsaved: vi.fn(), onclose: vi.fn() });
    await waitFor(() => expect(getByTestId("text-structure-table").querySelectorAll("th")).toHaveLength(2));
    expect(getByTestId("text-structure").textContent).toContain("はじめに");
    expect(invoke).toHaveBeenCalledWith("text_structure", { req: { text: "１ はじめに\n［表］\n分類\tリスク\n［表ここまで］", label: "資料３－１" } });
  });
});
