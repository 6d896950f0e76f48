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

  it("makes 両面 duplex-safe by default and shows the sheets the run uses", async () => {
    invoke.mockImplementation((command: string, args: { req: { copies: number; export: { duplex: boolean } } }) => {
      if (command === "sheet_plan") {
        const duplex = args.req.export.duplex;
        return Promise.resolve({ pages: duplex ? 14 : 12, blanks: duplex ? 2 : 0, copies: args.req.copies, sheets: duplex ? 7 : 12, jobs: 1 });
      }
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await waitFor(() => expect(getByTestId("sheet-count").textContent).toContain("用紙 12 枚（1部 12 ページ × 1 部・片面）"));
    await fireEvent.click(getByTestId("sides-duplex"));
    expect((getByTestId("duplex-safe") as HTMLInputElement).checked).toBe(true);
    await waitFor(() => expect(getByTestId("sheet-count").textContent).toContain("用紙 7 枚（1部 14 ページ・うち白紙 2 ページ × 1 部・両面）"));
    const last = invoke.mock.calls.filter(([c]) => c === "sheet_plan").at(-1)?.[1];
    expect(last.req).toMatchObject({ twoSided: true, export: { duplex: true, blankPage: "empty" } });
  });

  it("saves one file per 資料 and lists the files", async () => {
    invoke.mockImplementation((command: string) => {
      if (command === "export_split") {
        return Promise.resolve({
          status: "done",
          report: {
            dir: "/out/令和５年６月５日_会議",
            files: [
              { fileName: "00_次第.pdf", label: "次第", title: "会議", pages: 1 },
              { fileName: "資料１－１_方針.pdf", label: "資料１－１", title: "方針", pages: 3 },
            ],
            listFile: "一覧.csv",
            pages: 4,
            bytes: 2048,
            warnings: [],
          },
        });
      }
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await fireEvent.click(getByTestId("export-split"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_split") ?? [];
    expect(args.req).toMatchObject({ meetingId: 1, materialId: null, duplex: false });
    expect((await findByTestId("split-report")).textContent).toContain("2 ファイル");
    expect(getByTestId("split-files").textContent).toContain("資料１－１_方針.pdf（3 ページ）");
    expect(getByTestId("split-files").textContent).toContain("一覧.csv");
  });

  it("prints to a listed printer with copies and one job per 資料, and reports each job id", async () => {
    invoke.mockImplementation((command: string) => {
      if (command === "list_printers") return Promise.resolve(["事務室", "ShiryoPDF"]);
      if (command === "print_packet") {
        return Promise.resolve({
          status: "done",
          report: {
            printer: "ShiryoPDF",
            jobs: [
              { label: "次第", set: 1, copies: 1, pages: 1, jobId: "ShiryoPDF-1" },
              { label: "資料１－１", set: 1, copies: 1, pages: 3, jobId: "ShiryoPDF-2" },
              { label: "次第", set: 2, copies: 1, pages: 1, jobId: "ShiryoPDF-3" },
              { label: "資料１－１", set: 2, copies: 1, pages: 3, jobId: "ShiryoPDF-4" },
            ],
            plan: { pages: 4, blanks: 0, copies: 2, sheets: 8, jobs: 4 },
            warnings: [],
          },
        });
      }
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await fireEvent.click(getByTestId("print-open"));
    const select = (await findByTestId("printer")) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBe(2));
    await fireEvent.change(select, { target: { value: "ShiryoPDF" } });
    await fireEvent.input(getByTestId("copies"), { target: { value: "2" } });
    await fireEvent.click(getByTestId("per-material"));
    expect(getByTestId("print-start").textContent).toContain("2 部を印刷する");
    await fireEvent.click(getByTestId("print-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "print_packet") ?? [];
    expect(args.req).toMatchObject({ printer: "ShiryoPDF", copies: 2, perMaterial: true, twoSided: false });
    expect((await findByTestId("print-report")).textContent).toContain("4 件送りました");
    expect(getByTestId("print-jobs").textContent).toContain("ShiryoPDF-4 資料１－１ 第2部");
  });

  it("records the packet as distributed when 「配付版として記録」 is ticked, under the name and date given", async () => {
    invoke.mockImplementation((command: string) => {
      if (command === "export_pdf") return Promise.resolve({ status: "done", report: { ...report, warnings: [], blankPages: 0, recordedAs: "事前送付" } });
      if (command === "exported_pdf") return Promise.resolve(new ArrayBuffer(8));
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await fireEvent.click(getByTestId("record-distribution"));
    expect((getByTestId("distribution-name") as HTMLInputElement).value).toBe("事前送付");
    // A text field read as 年/月/日 whatever the locale (not <input type=date>), the 令和 date beside it.
    await fireEvent.input(getByTestId("distribution-date"), { target: { value: "2023/5/30" } });
    await fireEvent.change(getByTestId("distribution-date"));
    expect((getByTestId("distribution-date") as HTMLInputElement).value).toBe("2023/05/30");
    await fireEvent.click(getByTestId("export-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_pdf") ?? [];
    expect(args.req).toMatchObject({ materialId: null, distribution: { name: "事前送付", date: "2023-05-30" } });
    expect((await findByTestId("export-recorded")).textContent).toBe("配付版「事前送付」として記録しました。");
  });

  it("sends no 配付版 without the tick, and opens the 差し替え panel from the export panel", async () => {
    invoke.mockImplementation((command: string) => {
      if (command === "export_pdf") return new Promise(() => {});
      if (command === "list_distributions") return Promise.resolve([]);
      return Promise.reject(`command ${command} not found`);
    });
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await fireEvent.click(getByTestId("open-changes"));
    expect((await findByTestId("no-versions")).textContent).toContain("まだ記録されていません");
    await fireEvent.keyDown(getByTestId("changes-panel"), { key: "Escape" });
    await waitFor(() => expect(document.querySelector("[data-testid=changes-panel]")).toBeNull());
    await fireEvent.click(getByTestId("export-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_pdf") ?? [];
    expect(args.req.distribution).toBeNull();
  });

  it("says so when the OS has no printer", async () => {
    invoke.mockImplementation((command: string) => (command === "list_printers" ? Promise.resolve([]) : Promise.reject("no")));
    const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
    await fireEvent.click(getByTestId("print-open"));
    expect((await findByTestId("no-printer")).textContent).toContain("使えるプリンターがありません");
  });

  describe("「（…差替え）」 on the changed 資料 of the packet printed again", () => {
    const versions = [
      { id: 1, name: "事前送付", replacements: false, dateLabel: "令和５年５月３０日", recordedAt: "2023-05-30 09:00", pages: 148, pdfSha256: "a" },
      { id: 2, name: "差し替え（令和５年６月２日）", replacements: true, dateLabel: "令和５年６月２日", recordedAt: "2023-06-02 09:00", pages: 59, pdfSha256: "b" },
      { id: 3, name: "当日配付", replacements: false, dateLabel: "令和５年６月５日", recordedAt: "2023-06-05 08:00", pages: 150, pdfSha256: "c" },
    ];
    function backend(list: typeof versions): void {
      invoke.mockImplementation((command: string, args: { req?: { date?: string } }) => {
        if (command === "list_distributions") return Promise.resolve(list);
        if (command === "today") return Promise.resolve({ iso: "2023-06-05", label: "令和５年６月５日（月）", day: "令和５年６月５日" });
        if (command === "day_label") return Promise.resolve({ iso: args.req?.date, label: `day ${args.req?.date ?? ""}`, day: "" });
        if (command === "export_pdf") return new Promise(() => {});
        return Promise.reject(`command ${command} not found`);
      });
    }
    const sent = (): unknown => (invoke.mock.calls.find(([c]) => c === "export_pdf") ?? [])[1]?.req?.revised;

    it("is offered once the meeting has a 配付版: the latest whole packet and the shell's today by default", async () => {
      backend(versions);
      const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
      await fireEvent.click(await findByTestId("mark-revised"));
      const since = getByTestId("revised-since") as HTMLSelectElement;
      expect(since.value).toBe("当日配付");
      expect([...since.options].map((o) => o.textContent)).toEqual([
        "事前送付（令和５年５月３０日・148ページ）",
        "差し替え（令和５年６月２日）（差し替え・令和５年６月２日・59ページ）",
        "当日配付（令和５年６月５日・150ページ）",
      ]);
      await waitFor(() => expect((getByTestId("revised-date") as HTMLInputElement).value).toBe("2023/06/05"));
      await fireEvent.change(since, { target: { value: "事前送付" } });
      await fireEvent.input(getByTestId("revised-date"), { target: { value: "2023/6/2" } });
      await fireEvent.change(getByTestId("revised-date"));
      await waitFor(() => expect(getByTestId("revised-date-day").textContent).toBe("day 2023-06-02"));
      await fireEvent.click(getByTestId("export-start"));
      expect(sent()).toEqual({ since: "事前送付", date: "2023-06-02" });
    });

    it("waits for a date it can read, and is not sent for one 資料", async () => {
      backend(versions);
      const { getByTestId, findByTestId, queryByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
      await fireEvent.click(await findByTestId("mark-revised"));
      const date = getByTestId("revised-date") as HTMLInputElement;
      await fireEvent.input(date, { target: { value: "" } });
      await fireEvent.change(date);
      expect(getByTestId("revised-date-day").textContent).toBe("日付を入れてください");
      expect(getByTestId("revised-blocked").textContent).toBe("「（…差替え）」に入れる日付を入れてください。");
      expect((getByTestId("export-start") as HTMLButtonElement).disabled).toBe(true);
      await fireEvent.input(date, { target: { value: "6/2" } });
      await fireEvent.change(date);
      expect(getByTestId("revised-blocked").textContent).toContain("読み取れません");
      expect((getByTestId("export-start") as HTMLButtonElement).disabled).toBe(true);
      // One 資料: no choice, nothing sent.
      await fireEvent.change(getByTestId("export-scope"), { target: { value: String(demoShidai.materials[0]?.id) } });
      expect(queryByTestId("revised-choice")).toBeNull();
      expect((getByTestId("export-start") as HTMLButtonElement).disabled).toBe(false);
      await fireEvent.click(getByTestId("export-start"));
      expect(sent()).toBeNull();
    });

    it("is not offered before a 配付版 is recorded", async () => {
      backend([]);
      const { getByTestId, queryByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
      await waitFor(() => expect(invoke).toHaveBeenCalledWith("list_distributions", { req: { meetingId: 1 } }));
      expect(queryByTestId("revised-choice")).toBeNull();
      await fireEvent.click(getByTestId("export-start"));
      expect(sent()).toBeNull();
    });

    it("keeps the keyboard on the run: 中止 takes the focus from the button pressed, which gets it back after", async () => {
      let finish: (value: unknown) => void = () => {};
      invoke.mockImplementation((command: string) => {
        if (command === "export_pdf") return new Promise((resolve) => (finish = resolve));
        if (command === "cancel_export") return Promise.resolve(null);
        return Promise.reject(`command ${command} not found`);
      });
      const { getByTestId, findByTestId } = render(ExportPanel, { shidai: demoShidai, problems: [], onclose: vi.fn() });
      const start = getByTestId("export-start") as HTMLButtonElement;
      start.focus();
      await fireEvent.click(start);
      const cancel = await findByTestId("export-cancel");
      await waitFor(() => expect(document.activeElement).toBe(cancel));
      await fireEvent.click(cancel);
      finish({ status: "cancelled" });
      await findByTestId("export-notice");
      await waitFor(() => expect(document.activeElement).toBe(start));
    });
  });
});
