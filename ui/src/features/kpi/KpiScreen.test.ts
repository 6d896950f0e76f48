import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import KpiScreen from "./KpiScreen.svelte";
import { hoursRow, review, row } from "./fixtures";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

type Calls = Array<{ command: string; args: Record<string, unknown> | undefined }>;

function backend(answers: Record<string, (args?: Record<string, unknown>) => unknown>): Calls {
  const calls: Calls = [];
  invoke.mockImplementation((command: string, args?: Record<string, unknown>) => {
    calls.push({ command, args });
    const answer = answers[command];
    if (answer === undefined) throw new Error(`no ${command}`);
    return Promise.resolve(answer(args));
  });
  return calls;
}

beforeEach(() => {
  invoke.mockReset();
});

describe("KpiScreen", () => {
  it("renders only the visible rows of 500 and finds the contradiction when filtered to findings", async () => {
    const many = Array.from({ length: 499 }, (_, i) => row(i + 1));
    backend({ kpi_review: () => review([...many, hoursRow()]) });
    const t0 = performance.now();
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("500 / 500行")).toBeTruthy());
    const rendered = screen.container.querySelectorAll(".spacer .row").length;
    console.info(`500-row grid: ${rendered} rows in the DOM, first render ${(performance.now() - t0).toFixed(0)} ms (jsdom)`);
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(40);
    expect(screen.queryByText("建設業の総実労働時間／月")).toBeNull();

    await fireEvent.change(screen.getByTestId("kpi-filter-findings"), { target: { value: "any" } });
    await waitFor(() => expect(screen.getByText("1 / 500行")).toBeTruthy());
    expect(screen.getByText("建設業の総実労働時間／月")).toBeTruthy();
    const chip = screen.container.querySelector('[data-key="1:56"] [data-testid="status-chip"]');
    expect(chip?.textContent?.trim()).toBe("達成");
    expect(chip?.classList.contains("bad")).toBe(true);
    expect(screen.getByText(/数値では「一部達成」/)).toBeTruthy();
    expect(screen.getByText(/誤り：令和４年度の達成状況「達成」が数値と矛盾します/)).toBeTruthy();
    // the roll-ups side by side
    expect(screen.getByText("58%")).toBeTruthy();
    expect(screen.getByText("50%")).toBeTruthy();
  });

  it("says which rows the roll-up counts (資料２－１ counts 資料２－２)", async () => {
    const summary = review([row(1)]);
    summary.rollupSource = "資料２－２の行を事業単位で集計";
    backend({ kpi_review: () => summary });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByTestId("rollup-source").textContent).toBe("資料２－２の行を事業単位で集計"));
  });

  it("saves a note, undoes it through the backend's history and redoes it", async () => {
    let current = review([hoursRow()]);
    const withNote = (note: string, canUndo: boolean, canRedo: boolean) => {
      current = { ...review([{ ...hoursRow(), note }]), canUndo, canRedo };
      return current;
    };
    const calls = backend({
      kpi_review: () => current,
      kpi_edit_row: (args) => withNote((args as { req: { note?: string } }).req.note ?? "", true, false),
      kpi_undo: () => withNote("", false, true),
      kpi_redo: () => withNote("部局に確認済み", true, false),
    });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("建設業の総実労働時間／月")).toBeTruthy());
    await fireEvent.click(screen.container.querySelector('[data-key="1:56"]') as HTMLElement);
    const note = screen.getByTestId("kpi-note") as HTMLTextAreaElement;
    // The field says the note is working data: it never reaches the handout.
    expect(note.closest("label")?.textContent).toContain("（印刷されません）");
    await fireEvent.input(note, { target: { value: "部局に確認済み" } });
    // Enter while an IME composes does not save
    await fireEvent.keyDown(note, { key: "Enter", ctrlKey: true, isComposing: true });
    expect(calls.filter((c) => c.command === "kpi_edit_row")).toHaveLength(0);
    await fireEvent.keyDown(note, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getByText("メモ：部局に確認済み")).toBeTruthy());
    const edit = calls.find((c) => c.command === "kpi_edit_row");
    expect(edit?.args).toEqual({ req: { meetingId: 1, materialId: 7, tableId: 1, row: 56, note: "部局に確認済み" } });

    await fireEvent.click(screen.getByText("元に戻す（Ctrl+Z）"));
    await waitFor(() => expect(screen.queryByText("メモ：部局に確認済み")).toBeNull());
    expect(calls.find((c) => c.command === "kpi_undo")?.args).toEqual({ req: { meetingId: 1, materialId: 7 } });
    expect(calls.filter((c) => c.command === "kpi_edit_row")).toHaveLength(1);
    expect((screen.getByTestId("kpi-note") as HTMLTextAreaElement).value).toBe("");
    // Ctrl+Shift+Z outside a text field redoes it.
    await fireEvent.keyDown(window, { key: "Z", ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByText("メモ：部局に確認済み")).toBeTruthy());
    expect(calls.filter((c) => c.command === "kpi_redo")).toHaveLength(1);
  });

  it("asks for the columns of an unknown file once and sends the mapping", async () => {
    const calls = backend({
      kpi_review: () => review([row(1)]),
      kpi_import: (args) => {
        const req = (args as { req: { mapping?: unknown } }).req;
        return req.mapping === undefined
          ? { needsMapping: true, headers: ["項目名", "今年"], imported: 0, rejected: [], mappingSource: "", review: null, defaultYear: 2022 }
          : { needsMapping: false, headers: [], imported: 1, rejected: [{ row: 3, reason: "指標名がありません" }], mappingSource: "given", review: review([row(1), row(2)]), defaultYear: 2022 };
      },
    });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("1 / 1行")).toBeTruthy());
    const input = screen.getByTestId("kpi-import") as HTMLInputElement;
    const file = new File(["項目名,今年\n県民参加者数,120人\n"], "odd.csv", { type: "text/csv" });
    Object.defineProperty(input, "files", { value: [file] });
    await fireEvent.change(input);
    await waitFor(() => expect(screen.getByLabelText("列の対応")).toBeTruthy());
    await fireEvent.change(screen.getByLabelText("今年の役割"), { target: { value: "actual" } });
    await fireEvent.click(screen.getByText("この対応で取り込む"));
    await waitFor(() => expect(screen.getByText("3行目：指標名がありません")).toBeTruthy());
    const sent = calls.filter((c) => c.command === "kpi_import").at(-1)?.args as { req: Record<string, unknown> };
    expect(sent.req["fileName"]).toBe("odd.csv");
    // The bytes went once, with the file; the mapping comes alone (the backend kept the file).
    const first = calls.filter((c) => c.command === "kpi_import")[0]?.args as { req: Record<string, unknown> };
    expect(first.req["bytes"]).toEqual([...new TextEncoder().encode("項目名,今年\n県民参加者数,120人\n")]);
    expect(sent.req["bytes"]).toBeUndefined();
    expect((sent.req["mapping"] as { name: string; actuals: unknown[] }).name).toBe("項目名");
    expect((sent.req["mapping"] as { actuals: unknown[] }).actuals).toHaveLength(1);
    // The year column's year is the backend's `defaultYear`, not the page's clock.
    expect((sent.req["mapping"] as { actuals: { year: number }[] }).actuals[0]?.year).toBe(2022);
    expect(screen.getByText("2 / 2行")).toBeTruthy();
  });

  it("shows the newest answer when answers arrive out of order, and rows with repeated findings and parts", async () => {
    const same = { code: "cross_material_mismatch", label: "資料間で数値が不一致", severity: "error", message: "同じ指標の数値が資料2-1と異なります。" };
    const twice = review([row(1, { findings: [same, same] }), row(2, { key: "2:2", tableId: 2 })]);
    twice.rollups = [...twice.rollups, ...twice.rollups.map((r, i) => ({ ...r, key: `again${i}` }))];
    let release: (v: unknown) => void = () => {};
    const slow = new Promise((resolve) => {
      release = resolve;
    });
    let editCalls = 0;
    backend({
      kpi_review: () => review([row(1)]),
      kpi_edit_row: () => {
        editCalls += 1;
        return editCalls === 1 ? slow : twice;
      },
    });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("1 / 1行")).toBeTruthy());
    await fireEvent.click(screen.container.querySelector('[data-key="1:1"]') as HTMLElement);
    const note = screen.getByTestId("kpi-note") as HTMLTextAreaElement;
    await fireEvent.input(note, { target: { value: "一" } });
    await fireEvent.keyDown(note, { key: "Enter", ctrlKey: true });
    await fireEvent.input(note, { target: { value: "二" } });
    await fireEvent.keyDown(note, { key: "Enter", ctrlKey: true });
    await waitFor(() => expect(screen.getByText("2 / 2行")).toBeTruthy());
    release(review([row(1)]));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByText("2 / 2行")).toBeTruthy();
    expect(screen.getAllByText(/誤り：同じ指標の数値/)).toHaveLength(2);
    expect(screen.getAllByTestId("rollup-row")).toHaveLength(4);
  });

  it("shows no code to a person: filters and the detail name each finding in Japanese", async () => {
    backend({ kpi_review: () => review([row(1), hoursRow()]) });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("2 / 2行")).toBeTruthy());
    await fireEvent.click(screen.container.querySelector('[data-key="1:56"]') as HTMLElement);
    await waitFor(() => expect(screen.getByTestId("kpi-detail")).toBeTruthy());
    const options = [...screen.container.querySelectorAll("option")].map((o) => o.textContent ?? "");
    expect(options).toContain("達成状況が数値と矛盾");
    const visible = `${screen.container.textContent ?? ""} ${options.join(" ")}`;
    expect(visible.match(/[a-z]+_[a-z]+/gu)).toBeNull();
    expect(screen.getByTestId("kpi-detail").textContent).toContain("誤り（達成状況が数値と矛盾）");
  });

  it("says 「－」 where the field table gives no 事業数", async () => {
    backend({ kpi_review: () => review([row(1)]) });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getAllByTestId("rollup-projects")).toHaveLength(2));
    expect(screen.getAllByTestId("rollup-projects").map((c) => c.textContent)).toEqual(["43", "－"]);
  });

  it("keeps an edited row that leaves the filter in view, saying so, until another row is chosen", async () => {
    let current = review([hoursRow(), row(2, { printedStatus: "一部達成", computedStatus: "一部達成", tone: "part" })]);
    backend({
      kpi_review: () => current,
      kpi_edit_row: () => {
        current = review([{ ...hoursRow(), statusOverride: "一部達成", agrees: true, tone: "part", findings: [] }, current.rows[1]!]);
        return current;
      },
    });
    const screen = render(KpiScreen, { meetingId: 1, materialId: 7 });
    await waitFor(() => expect(screen.getByText("2 / 2行")).toBeTruthy());
    await fireEvent.change(screen.getByTestId("kpi-filter-findings"), { target: { value: "any" } });
    await waitFor(() => expect(screen.getByText("1 / 2行")).toBeTruthy());
    await fireEvent.click(screen.container.querySelector('[data-key="1:56"]') as HTMLElement);
    const status = screen.getByLabelText(/達成状況（手入力）/) as HTMLSelectElement;
    await fireEvent.change(status, { target: { value: "一部達成" } });
    // The answer has no finding on the row any more: it no longer matches 「指摘のある行」 but stays, marked.
    await waitFor(() => expect(screen.getByTestId("kpi-row-unmatched")).toBeTruthy());
    expect(screen.container.querySelector('[data-key="1:56"]')).not.toBeNull();
    expect(screen.getByTestId("kpi-detail")).toBeTruthy();
  });
});
