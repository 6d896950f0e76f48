import { fireEvent, render, waitFor } from "@testing-library/svelte";
import { beforeEach, describe, expect, it, vi } from "vitest";

import WorkspaceMenu from "./WorkspaceMenu.svelte";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

const info = { path: "/data/now.shiryo", meetingCount: 1, schemaVersion: 3 };

beforeEach(() => {
  invoke.mockReset();
});

describe("WorkspaceMenu", () => {
  it("greys a recent file that is gone, and removes it from the list on ×", async () => {
    let recent = [
      { path: "/data/now.shiryo", name: "now.shiryo", exists: true, current: true },
      { path: "/data/old.shiryo", name: "old.shiryo", exists: true, current: false },
      { path: "/gone/lost.shiryo", name: "lost.shiryo", exists: false, current: false },
    ];
    invoke.mockImplementation(async (command: string, args?: { path?: string }) => {
      if (command === "recent_workspaces") return recent;
      if (command === "forget_recent") {
        recent = recent.filter((r) => r.path !== args?.path);
        return null;
      }
      throw `command ${command} not found`;
    });
    const onerror = vi.fn();
    const { findAllByTestId, getByLabelText, getByTestId } = render(WorkspaceMenu, { info, onerror });
    const items = await findAllByTestId("recent-item");
    expect(items.map((i) => i.textContent?.replace(/\s+/gu, " ").trim())).toEqual(["old.shiryo ×", "lost.shiryo（見つかりません） ×"]);
    expect(items[1]?.classList.contains("missing")).toBe(true);
    expect(items[1]?.querySelector<HTMLButtonElement>("button.link")?.disabled).toBe(true);
    expect(getByTestId("open-workspace").getAttribute("title")).toContain("Ctrl+O");
    await fireEvent.click(getByLabelText("lost.shiryo を一覧から外す"));
    await waitFor(() => {
      expect(getByTestId("recent-list").textContent).not.toContain("lost.shiryo");
    });
    expect(invoke).toHaveBeenCalledWith("forget_recent", { path: "/gone/lost.shiryo" });
    expect(onerror).not.toHaveBeenCalled();
  });

  it("opens the backend's open dialog with Ctrl+O", async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === "recent_workspaces") return [];
      if (command === "open_workspace") return null; // dialog closed: nothing changes
      throw `command ${command} not found`;
    });
    render(WorkspaceMenu, { info, onerror: vi.fn() });
    await fireEvent.keyDown(window, { key: "o", ctrlKey: true });
    await waitFor(() => {
      expect(invoke).toHaveBeenCalledWith("open_workspace", undefined);
    });
  });
});
