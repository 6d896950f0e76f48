import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { ChangeReport, DistributionSummary, ExportProgress } from "../../ipc";
import ChangesPanel from "./ChangesPanel.svelte";

const invoke = vi.hoisted(() => vi.fn());
// The channel the panel passes to export_replacements: the test plays the backend's progress into it.
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

const versions: DistributionSummary[] = [
  { id: 7, name: "事前送付", replacements: false, dateLabel: "令和５年５月３０日", recordedAt: "2023-05-30 09:00", pages: 24, pdfSha256: "ab12" },
];

const report: ChangeReport = {
  since: "事前送付",
  since_date: "令和５年５月３０日",
  changes: [
    {
      kind: "changed",
      kind_label: "修正",
      label: "資料３－１",
      old_label: "資料３－１",
      new_label: "資料３－１",
      title: "危機管理の方針",
      old_pages: [10, 12],
      new_pages: [10, 12],
      summary: "1 か所の字句を修正",
      details: [{ kind: "text", where: "第２ 1 (2)", old: "速やかに報告する", new: "直ちに報告する", old_marks: [[0, 3]], new_marks: [[0, 2]] }],
      material_id: 31,
    },
    {
      kind: "renumbered",
      kind_label: "番号変更",
      label: "資料２－５",
      old_label: "資料２－４",
      new_label: "資料２－５",
      title: "ＫＰＩ一覧",
      old_pages: [6, 7],
      new_pages: [8, 9],
      summary: "番号が資料２－４から資料２－５に変わりました",
      details: [],
      material_id: 24,
    },
  ],
  shidai: {
    kind: "changed",
    kind_label: "修正",
    label: "次第",
    old_label: null,
    new_label: null,
    title: "次第",
    old_pages: [1, 1],
    new_pages: [1, 1],
    summary: "配付資料の一覧が変わりました",
    details: [],
    material_id: null,
  },
};

/** The shell's answers for days: today is 2023-06-05; any day is named as printed. */
const DAYS: Record<string, { label: string; day: string }> = {
  "2023-06-05": { label: "令和５年６月５日（月）", day: "令和５年６月５日" },
  "2023-06-02": { label: "令和５年６月２日（金）", day: "令和５年６月２日" },
};
function days(command: string, args: unknown): Promise<unknown> | null {
  if (command === "today") return Promise.resolve({ iso: "2023-06-05", ...DAYS["2023-06-05"] });
  if (command === "day_label") {
    const iso = (args as { req: { date: string } }).req.date;
    return Promise.resolve({ iso, ...(DAYS[iso] ?? { label: `(${iso})`, day: iso }) });
  }
  return null;
}

function backend(answer: ChangeReport, replacements?: () => Promise<unknown>): void {
  invoke.mockImplementation((command: string, args: unknown) => {
    if (command === "list_distributions") return Promise.resolve(versions);
    if (command === "change_report") return Promise.resolve(answer);
    if (command === "cancel_export") return Promise.resolve(null);
    if (command === "export_replacements") {
      if (replacements !== undefined) return replacements();
      const written = { path: "/out/差し替え_20230602.pdf", pages: 7, recordedAs: "差し替え（令和５年６月２日）", parts: ["差し替え資料一覧", "次第", "資料３－１", "資料２－５"], report: answer };
      return Promise.resolve({ status: "done", report: written });
    }
    return days(command, args) ?? Promise.reject(new Error(`command ${command} not found`));
  });
}

beforeEach(() => {
  invoke.mockReset();
  channels.length = 0;
});

describe("ChangesPanel", () => {
  it("lists each change with its kind, labels, pages and the changed 字句 underlined, 新 beside 旧", async () => {
    backend(report);
    const { findAllByTestId, getByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    const items = await findAllByTestId("change");
    expect(invoke).toHaveBeenCalledWith("change_report", { req: { meetingId: 1, since: "事前送付" } });
    expect((getByTestId("changes-since") as HTMLSelectElement).selectedOptions[0]?.textContent).toBe("事前送付（令和５年５月３０日・24ページ）");
    expect(items.map((li) => li.querySelector("[data-testid=change-kind]")?.textContent)).toEqual(["修正", "修正", "番号変更"]);
    const [, text, moved] = items;
    expect(text?.querySelector("[data-testid=change-label]")?.textContent).toBe("資料３－１");
    expect(text?.textContent).toContain("危機管理の方針");
    expect(text?.querySelector("[data-testid=change-pages]")?.textContent).toBe("配付時 10〜12ページ → 現在 10〜12ページ");
    expect(text?.querySelector("[data-testid=change-summary]")?.textContent).toBe("1 か所の字句を修正");
    const cell = (testid: string): { text: string; underlined: string[] } => {
      const td = text?.querySelector(`[data-testid=${testid}]`);
      return { text: td?.textContent ?? "", underlined: [...(td?.querySelectorAll("u") ?? [])].map((u) => u.textContent ?? "") };
    };
    expect(cell("detail-new")).toEqual({ text: "直ちに報告する", underlined: ["直ち"] });
    expect(cell("detail-old")).toEqual({ text: "速やかに報告する", underlined: ["速やか"] });
    const heads = [...(text?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent);
    expect(heads).toEqual(["箇所", "新（現在）", "旧（配付時）"]);
    expect(moved?.querySelector("[data-testid=change-label]")?.textContent).toBe("資料２－４ → 資料２－５");
    expect(moved?.querySelector("[data-testid=change-pages]")?.textContent).toBe("配付時 6〜7ページ → 現在 8〜9ページ");
    // No ids or hashes reach the person.
    expect(getByTestId("changes-panel").textContent).not.toContain("ab12");
  });

  it("says so when nothing changed, and offers no 差し替え", async () => {
    backend({ ...report, changes: [], shidai: null });
    const { findByTestId, getByTestId, queryByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    expect((await findByTestId("changes-empty")).textContent).toBe("変わった資料はありません");
    expect(queryByTestId("change")).toBeNull();
    expect(queryByTestId("with-shidai")).toBeNull();
    expect((getByTestId("replacements-start") as HTMLButtonElement).disabled).toBe(true);
  });

  it("writes the set with the stamp, date and 次第 chosen, and shows what it wrote", async () => {
    backend(report);
    const { findAllByTestId, getByTestId, findByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    await findAllByTestId("change");
    await fireEvent.click(getByTestId("stamp-shuseiban"));
    await waitFor(() => expect((getByTestId("changes-date") as HTMLInputElement).value).toBe("2023/06/05"));
    await fireEvent.input(getByTestId("changes-date"), { target: { value: "2023/6/2" } });
    await fireEvent.change(getByTestId("changes-date"));
    await fireEvent.click(getByTestId("with-shidai"));
    await fireEvent.click(getByTestId("with-shidai"));
    await fireEvent.click(getByTestId("replacements-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_replacements") ?? [];
    expect(args.req).toEqual({ meetingId: 1, since: "事前送付", stamp: "shuseiban", date: "2023-06-02", withShidai: true });
    expect(typeof args.run).toBe("number");
    const done = await findByTestId("replacements-report");
    expect(done.textContent).toContain("7 ページ（差し替え資料一覧と 3 件）");
    expect(done.textContent).toContain("「差し替え（令和５年６月２日）」として記録しました。");
    expect((getByTestId("replacements-path") as HTMLInputElement).value).toBe("/out/差し替え_20230602.pdf");
  });

  it("shows the backend's Japanese message in the error banner", async () => {
    invoke.mockImplementation((command: string) => {
      if (command === "list_distributions") return Promise.resolve(versions);
      return Promise.reject({ code: "distribution_not_found", message: "「事前送付」という配付版は記録されていません。", detail: "no such distribution" });
    });
    const { findByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    const banner = await findByTestId("error");
    expect(banner.textContent).toContain("指定された配付版が記録されていません。");
    expect(banner.textContent).toContain("「事前送付」という配付版は記録されていません。");
  });

  it("tells how to record a version when the meeting has none, and closes on Esc", async () => {
    invoke.mockImplementation((command: string) => (command === "list_distributions" ? Promise.resolve([]) : Promise.reject("no")));
    const onclose = vi.fn();
    const { findByTestId, getByTestId } = render(ChangesPanel, { meetingId: 1, onclose });
    expect((await findByTestId("no-versions")).textContent).toContain("配付版として記録");
    await fireEvent.keyDown(getByTestId("changes-panel"), { key: "Escape" });
    await waitFor(() => expect(onclose).toHaveBeenCalled());
  });

  it("shows its date as 2023/06/05 with the 令和 date beside, from the shell's today, and an empty field as empty", async () => {
    backend(report);
    const { findAllByTestId, getByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    await findAllByTestId("change");
    const field = getByTestId("changes-date") as HTMLInputElement;
    expect(field.type).toBe("text");
    await waitFor(() => expect(field.value).toBe("2023/06/05"));
    await waitFor(() => expect(getByTestId("changes-date-day").textContent).toBe("令和５年６月５日（月）"));
    expect(invoke).toHaveBeenCalledWith("today", undefined);

    await fireEvent.input(field, { target: { value: "2023年6月31日" } });
    await fireEvent.change(field);
    expect(getByTestId("changes-date-problem").textContent).toBe("2023年6月31日という日はありません。");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect((getByTestId("replacements-start") as HTMLButtonElement).disabled).toBe(true);

    await fireEvent.input(field, { target: { value: "" } });
    await fireEvent.change(field);
    expect(getByTestId("changes-date-day").textContent).toBe("日付なし（書き出した日になります）");
    expect(field.placeholder).toBe("例 2023/06/05");
    await fireEvent.click(getByTestId("replacements-start"));
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_replacements") ?? [];
    expect(args.req.date).toBeNull();
  });

  it("cancels its run by id: 中止 takes the focus while it runs, progress shows, and nothing is reported written", async () => {
    let finish: (value: unknown) => void = () => {};
    backend(report, () => new Promise((resolve) => (finish = resolve)));
    const { findAllByTestId, getByTestId, findByTestId, queryByTestId } = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    await findAllByTestId("change");
    const start = getByTestId("replacements-start") as HTMLButtonElement;
    start.focus();
    await fireEvent.click(start);
    const [, args] = invoke.mock.calls.find(([c]) => c === "export_replacements") ?? [];
    const cancel = await findByTestId("replacements-cancel");
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    channels[0]?.onmessage({ done: 3, total: 12 });
    expect(((await findByTestId("replacements-progress")) as HTMLProgressElement).value).toBe(3);
    // Esc while it runs neither closes the panel nor loses the run.
    await fireEvent.keyDown(cancel, { key: "Escape" });
    await fireEvent.click(cancel);
    expect(invoke).toHaveBeenCalledWith("cancel_export", { run: args.run });
    expect(cancel.textContent).toBe("中止しています…");
    finish({ status: "cancelled" });
    expect((await findByTestId("changes-notice")).textContent).toBe("書き出しを中止しました。ファイルは作成していません（配付版も記録していません）。");
    expect(queryByTestId("replacements-report")).toBeNull();
    expect(queryByTestId("replacements-cancel")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(start));
  });

  it("moves the focus from 閉じる to the version list once the versions are read, unless the person moved it", async () => {
    let answer: (list: DistributionSummary[]) => void = () => {};
    const slow = (): void => {
      backend(report);
      const inner = invoke.getMockImplementation();
      invoke.mockImplementation((command: string, args: unknown) =>
        command === "list_distributions" ? new Promise((resolve) => (answer = resolve)) : inner?.(command, args),
      );
    };
    slow();
    const first = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    const close = first.getByTestId("changes-close");
    await waitFor(() => expect(document.activeElement).toBe(close));
    answer(versions);
    await waitFor(() => expect(document.activeElement).toBe(first.getByTestId("changes-since")));
    first.unmount();

    slow();
    const second = render(ChangesPanel, { meetingId: 1, onclose: vi.fn() });
    await waitFor(() => expect(document.activeElement).toBe(second.getByTestId("changes-close")));
    const outside = document.createElement("button");
    document.body.append(outside);
    outside.focus();
    answer(versions);
    await second.findByTestId("changes-since");
    expect(document.activeElement).toBe(outside);
    outside.remove();
  });

  it("gives the focus on close to what the caller names (the export panel's 差し替え… button)", async () => {
    backend(report);
    const back = document.createElement("button");
    document.body.append(back);
    const onclose = vi.fn();
    const { findAllByTestId, getByTestId, unmount } = render(ChangesPanel, { meetingId: 1, onclose, returnFocus: () => back });
    await findAllByTestId("change");
    await fireEvent.keyDown(getByTestId("changes-since"), { key: "Escape" });
    expect(onclose).toHaveBeenCalled();
    unmount();
    await waitFor(() => expect(document.activeElement).toBe(back));
    back.remove();
  });
});
