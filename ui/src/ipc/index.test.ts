import { beforeEach, describe, expect, it, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke }));

import { errorOf, getShidai, IpcError, listMeetings, workspaceInfo } from "./index";

beforeEach(() => {
  invoke.mockReset();
});

describe("commands", () => {
  it("call the Rust commands by name with their request", async () => {
    invoke.mockResolvedValue({ meetingId: 7 });
    await getShidai({ meetingId: 7 });
    expect(invoke).toHaveBeenLastCalledWith("get_shidai", { req: { meetingId: 7 } });

    invoke.mockResolvedValue([]);
    await listMeetings();
    expect(invoke).toHaveBeenLastCalledWith("list_meetings", undefined);

    invoke.mockResolvedValue({ path: "a.shiryo", meetingCount: 1, schemaVersion: 1 });
    await expect(workspaceInfo()).resolves.toEqual({
      path: "a.shiryo",
      meetingCount: 1,
      schemaVersion: 1,
    });
    expect(invoke).toHaveBeenLastCalledWith("workspace_info", undefined);
  });

  it("reject with an IpcError carrying the backend's AppErrorDto", async () => {
    const dto = { code: "workspace_damaged", message: "壊れています。", detail: "bad page" };
    invoke.mockRejectedValue(dto);
    const caught: unknown = await listMeetings().catch((error: unknown) => error);
    expect(caught).toBeInstanceOf(IpcError);
    expect(errorOf(caught)).toEqual(dto);
  });

  it("reject with an internal error when Tauri is not there", async () => {
    invoke.mockImplementation(() => {
      throw new TypeError("window.__TAURI_INTERNALS__ is undefined");
    });
    const caught: unknown = await workspaceInfo().catch((error: unknown) => error);
    expect(errorOf(caught).code).toBe("internal");
  });
});
