import type { MeetingSummary } from "../../ipc";
import { LIMITS } from "../../ipc/generated/limits_table";

/** Shown in the meeting list for a meeting whose date is not decided yet. */
export const UNDATED_LABEL = "日付未定";

export function meetingDateLabel(meeting: MeetingSummary): string {
  const label = meeting.dateLabel?.trim() ?? "";
  return label === "" ? UNDATED_LABEL : label;
}

/** The meeting's name on one line, as a screen reader or a window title needs it. */
export function meetingTitle(meeting: MeetingSummary): string {
  return meeting.titleLines.join("");
}

/** The last part of a path, whichever separator the platform uses. */
export function fileName(path: string): string {
  const parts = path.split(/[\\/]/u).filter((part) => part !== "");
  return parts[parts.length - 1] ?? path;
}

/** 「資料１－１」 → 「【資料１－１】」, as the 次第 lists its handouts. */
export function bracketLabel(label: string): string {
  return `【${label}】`;
}

/** The deepest agenda level (from 0) the stylesheet indents separately: the limits table's agenda depth. */
export const MAX_INDENT_DEPTH = LIMITS.agendaDepth - 1;

/** CSS class that indents an agenda line one character per level. */
export function depthClass(depth: number): string {
  const level = Number.isFinite(depth) ? Math.trunc(depth) : 0;
  return `depth-${Math.min(Math.max(level, 0), MAX_INDENT_DEPTH)}`;
}

/**
 * The index a list key moves to, or `null` when the key does not move.
 * The ends do not wrap: the sidebar reads like a printed list.
 */
export function nextIndex(current: number, key: string, length: number): number | null {
  if (length <= 0) {
    return null;
  }
  const last = length - 1;
  const from = Math.min(Math.max(current, 0), last);
  switch (key) {
    case "ArrowDown":
      return Math.min(from + 1, last);
    case "ArrowUp":
      return Math.max(from - 1, 0);
    case "Home":
      return 0;
    case "End":
      return last;
    default:
      return null;
  }
}

// The date field's reading and showing of dates live in lib/dates.ts (the export and 差し替え panels use them too).
export { parseDateInput, slashDate } from "../../lib/dates";
