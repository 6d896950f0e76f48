import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

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

beforeEach(() => {
  invoke.mockReset();
});

describe("AgendaScreen", () => {
  it("selects the first meeting at start and shows its 次第", async () => {
    backend({
      workspace_info: () => workspace,
      list_meetings: () => demoMeetings,
      get_shidai: (args) => ({ ...demoShidai, meetingId: (args?.req as { meetingId: number }).meetingId }),
    });
    const { findByTestId, getAllByTestId, getByTestId } = render(AgendaScreen);
    const shidai = await findByTestId("shidai");
    expect(shidai.textContent).toContain("危機管理センター");
    expect(invoke).toHaveBeenCalledWith("get_shidai", { req: { meetingId: 1 } });
    expect(getAllByTestId("meeting-item")[0]?.getAttribute("aria-current")).toBe("true");
    expect(getByTestId("workspace-file").textContent).toBe("demo.shiryo");
  });

  it("loads another meeting's 次第 when it is chosen", async () => {
    backend({
      workspace_info: () => workspace,
      list_meetings: () => demoMeetings,
      get_shidai: (args) => {
        const id = (args?.req as { meetingId: number }).meetingId;
        return { ...demoShidai, meetingId: id, titleLines: [`会議${id}`] };
      },
    });
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

  it("shows the error when one 次第 cannot be loaded, and keeps the list", async () => {
    backend({
      workspace_info: () => workspace,
      list_meetings: () => demoMeetings,
      get_shidai: () => {
        throw { code: "meeting_not_found", message: "会議が削除されています。", detail: "id 1" };
      },
    });
    const { findByRole, getAllByTestId } = render(AgendaScreen);
    const alert = await findByRole("alert");
    expect(alert.textContent).toContain("指定された会議が見つかりません。");
    expect(getAllByTestId("meeting-item")).toHaveLength(2);
  });
});
