import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { CheckProblem, ExportProgress } from "../../ipc";
import { demoShidai } from "../agenda/fixtures";
import ExportPanel from "./ExportPanel.svelte";

const invoke = vi.hoisted(() => vi.fn());
// The channel the panel passes to export_pdf: the test plays the backend's progress messages into it.
const channels = vi.hoisted(() => [] as { onmessage: (p: ExportProgress) => void }[]);
vi.mock("@tauri-apps/api/core", () => ({
  invoke,
  Channel: class {
    onmessage: (p: ExportProgress) => void = () => {};
    constructor() {
      channels.push(this);
    }
  },
}));
// pdf.js needs a real canvas; the e2e test checks the drawn pages in the app.
vi.mock("./pdf", () => ({
  loadPdf: async () => ({ pages: 12, render: async () => {}, destroy: async () => {} }),
}));

const empty: CheckProblem = { code: "empty_material", label: "資料１－２", materialId: 101, itemId: 12, message: "資料１－２「ＫＰＩ一覧」に内容がありません。" };

const report = {
  path: "/out/令和５年６月５日_会議.pdf",
  pages: 12,
  bytes: 300_000,
  warnings: [{ code: "empty_material", label: "資料１－２", message: "資料１－２「ＫＰＩ一覧」は内容がないため、（別途配付）と印刷しました。" }],
  materials: [{ label: "資料１－１", firstPage: 2, pages: 3 }],
};

beforeEach(() => {
  invoke.mockReset();
  channels.length = 0;
});

describe("ExportPanel", () => {
  it("holds the export until the empty 資料 may print as （別途配付）, then shows progress, report and pages", async () => {
    let finish: (value: unknown) => void = () => {};
    invoke.mockImplementation((command: string) => {
      if (command === "export_pdf") return new Promise((resolve) => (finish = resolve));
      if (command === "exported_pdf") return Promise.resolve(new ArrayBuffer(8));
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [empty], onclose: vi.fn() });
    expect(getByTestId("export-problems").textContent).toContain("資料１－２「ＫＰＩ一覧」に内容がありません。");
    expect((getByTestId("export-start") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(getByTestId("allow-empty"));
    await fireEvent.click(getByTestId("export-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_pdf") ?? [];
    expect(args.req).toMatchObject({ meetingId: 1, materialId: null, allowEmpty: true });
    channels[0]?.onmessage({ done: 5, total: 10 });
    expect(((await findByTestId("export-progress")) as HTMLProgressElement).value).toBe(5);
    finish({ status: "done", report });
    expect((await findByTestId("export-report")).textContent).toContain("12 ページ");
    expect(getByTestId("export-warnings").textContent).toContain("（別途配付）と印刷しました");
    expect((getByTestId("export-path") as HTMLInputElement).value).toBe(report.path);
    await waitFor(() => {
      expect(getByTestId("pdf-page-number").textContent).toContain("1 / 12 ページ");
    });
  });

  it("cancels the run it started, by its id", async () => {
    let finish: (value: unknown) => void = () => {};
    invoke.mockImplementation((command: string) => {
      if (command === "export_pdf") return new Promise((resolve) => (finish = resolve));
      if (command === "cancel_export") return Promise.resolve(null);
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], materialId: 100, onclose: vi.fn() });
    await fireEvent.click(getByTestId("export-start"));
    const [, started] = invoke.mock.calls.find(([c]) => c === "export_pdf") ?? [];
    expect(started.req.materialId).toBe(100);
    await fireEvent.click(await findByTestId("export-cancel"));
    expect(invoke).toHaveBeenCalledWith("cancel_export", { run: started.run });
    finish({ status: "cancelled" });
    expect((await findByTestId("export-notice")).textContent).toContain("中止しました");
  });
});
