// The only module that talks to the Rust side. Every command has one typed function here.
import { invoke } from "@tauri-apps/api/core";

import type { AppErrorDto } from "./generated/AppErrorDto";
import type { MeetingSummary } from "./generated/MeetingSummary";
import type { ShidaiRequest } from "./generated/ShidaiRequest";
import type { ShidaiView } from "./generated/ShidaiView";
import type { WorkspaceInfo } from "./generated/WorkspaceInfo";
import { toAppError } from "./errors";

export type { AgendaLineView } from "./generated/AgendaLineView";
export type { AppErrorDto } from "./generated/AppErrorDto";
export type { ErrorCode } from "./generated/ErrorCode";
export type { MaterialKind } from "./generated/MaterialKind";
export type { MaterialLineView } from "./generated/MaterialLineView";
export type { MeetingSummary } from "./generated/MeetingSummary";
export type { ShidaiRequest } from "./generated/ShidaiRequest";
export type { ShidaiView } from "./generated/ShidaiView";
export type { WorkspaceInfo } from "./generated/WorkspaceInfo";
export { describeError, toAppError } from "./errors";

/** A failed command; `error` says what failed in the backend's terms. */
export class IpcError extends Error {
  readonly error: AppErrorDto;

  constructor(error: AppErrorDto) {
    super(error.detail || error.message || error.code);
    this.name = "IpcError";
    this.error = error;
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error: unknown) {
    throw new IpcError(toAppError(error));
  }
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return call<WorkspaceInfo>("workspace_info");
}

export function listMeetings(): Promise<MeetingSummary[]> {
  return call<MeetingSummary[]>("list_meetings");
}

export function getShidai(req: ShidaiRequest): Promise<ShidaiView> {
  return call<ShidaiView>("get_shidai", { req });
}

/** The `AppErrorDto` behind anything a command function threw. */
export function errorOf(error: unknown): AppErrorDto {
  return error instanceof IpcError ? error.error : toAppError(error);
}
