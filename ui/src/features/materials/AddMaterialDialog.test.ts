import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ConvertProgress } from "../../ipc";
import { demoShidai } from "../agenda/fixtures";
import AddMaterialDialog from "./AddMaterialDialog.svelte";

const invoke = vi.hoisted(() => vi.fn());
// The channel the dialog passes to add_office_material: the test plays the backend's progress into it.
const channels = vi.hoisted(() => [] as { onmessage: (p: ConvertProgress) => void }[]);
vi.mock("@tauri-apps/api/core", () => ({
  invoke,
  Channel: class {
    onmessage: (p: ConvertProgress) => void = () => {};
    constructor() {
      channels.push(this);
    }
  },
}));

const item = demoShidai.agenda[2]!; // (1)
const base = { item, meetingId: 1, onadded: vi.fn(), onclose: vi.fn() };

beforeEach(() => {
  invoke.mockReset();
  channels.length = 0;
});

function chooseFile(input: HTMLElement, name: string): void {
  const file = new File([new Uint8Array([80, 75, 3, 4])], name);
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

describe("AddMaterialDialog", () => {
  it("sends pasted text with its title", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { ...base, onadd });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "予算案" } });
    await fireEvent.input(getByTestId("material-text-input"), { target: { value: "一行目\n二行目" } });
    await fireEvent.click(getByTestId("material-add-submit"));
    expect(onadd).toHaveBeenCalledWith("予算案", { kind: "text", text: "一行目\n二行目" });
  });

  it("never submits on the Enter that ends an IME composition", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { ...base, onadd });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "よさん" } });
    await fireEvent.input(getByTestId("material-text-input"), { target: { value: "本文" } });
    const composing = new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true });
    getByTestId("material-title-input").dispatchEvent(composing);
    expect(composing.defaultPrevented).toBe(true);
    expect(onadd).not.toHaveBeenCalled();
  });

  it("asks for a file for a PDF and creates an empty KPI table without one", async () => {
    const onadd = vi.fn(async () => {});
    const { getByTestId } = render(AddMaterialDialog, { ...base, onadd });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "指標" } });
    await fireEvent.click(getByTestId("material-kind-pdf"));
    expect((getByTestId("material-add-submit") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(getByTestId("material-kind-kpiTable"));
    await fireEvent.click(getByTestId("material-add-submit"));
    expect(onadd).toHaveBeenCalledWith("指標", { kind: "kpiTable" });
  });

  it("converts an Office file in the backend, shows the seconds with its label and can stop it", async () => {
    let finish: (value: unknown) => void = () => {};
    invoke.mockImplementation((command: string) => {
      if (command === "converter_status") {
        return Promise.resolve({ available: true, program: "/usr/bin/soffice", message: "", extensions: ["docx"] });
      }
      if (command === "add_office_material") {
        return new Promise((resolve) => (finish = resolve));
      }
      return Promise.resolve(null);
    });
    const onadded = vi.fn();
    const { getByTestId } = render(AddMaterialDialog, { ...base, onadded, onadd: vi.fn(async () => {}) });
    await fireEvent.click(getByTestId("material-kind-office"));
    chooseFile(getByTestId("material-file-input"), "方針案.docx");
    await waitFor(() => expect((getByTestId("material-title-input") as HTMLInputElement).value).toBe("方針案"));
    await fireEvent.click(getByTestId("material-add-submit"));
    await waitFor(() => expect(channels.length).toBe(1));
    channels[0]!.onmessage({ label: "資料１－３", seconds: 12 });
    await waitFor(() => expect(getByTestId("office-progress").textContent).toContain("変換中… 資料１－３ 12 秒"));
    const sent = invoke.mock.calls.find(([command]) => command === "add_office_material")![1] as {
      req: { title: string; fileName: string; bytes: number[] };
      run: number;
    };
    expect([sent.req.title, sent.req.fileName, sent.req.bytes]).toEqual(["方針案", "方針案.docx", [80, 75, 3, 4]]);
    await fireEvent.click(getByTestId("office-cancel"));
    expect(invoke).toHaveBeenCalledWith("cancel_conversion", { run: sent.run });
    const outcome = { meetings: [], meeting: null, canUndo: true, canRedo: false };
    finish({ status: "done", outcome, materialId: 9 });
    await waitFor(() => expect(onadded).toHaveBeenCalledWith(outcome));
  });

  it("without LibreOffice says what to install and offers the PDF and text ways in", async () => {
    invoke.mockImplementation((command: string) =>
      Promise.resolve(
        command === "converter_status"
          ? { available: false, program: "", message: "LibreOffice が必要です。libreoffice-writer-nogui …", extensions: [] }
          : null,
      ),
    );
    const { getByTestId } = render(AddMaterialDialog, { ...base, onadd: vi.fn(async () => {}) });
    await fireEvent.input(getByTestId("material-title-input"), { target: { value: "方針案" } });
    await fireEvent.click(getByTestId("material-kind-office"));
    await waitFor(() => expect(getByTestId("office-missing").textContent).toContain("libreoffice-writer-nogui"));
    chooseFile(getByTestId("material-file-input"), "方針案.docx");
    expect((getByTestId("material-add-submit") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(getByTestId("office-use-text"));
    expect((getByTestId("material-kind-textFile") as HTMLInputElement).checked).toBe(true);
  });
});
