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

/** An ISO date (2023-06-05) as the date field shows it: 2023/06/05, whatever the process locale. */
export function slashDate(iso: string | null): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso ?? "");
  return m === null ? "" : `${m[1]}/${m[2]}/${m[3]}`;
}

/**
 * What was typed in the date field: empty (the date is not decided), an ISO date, or a problem to show. Takes
 * 2023/06/05, 2023/6/5, 2023-06-05, 2023.6.5, 2023年6月5日, full-width digits too; refuses a day that does not exist.
 */
export function parseDateInput(text: string): { iso: string | null } | { problem: string } {
  const plain = text.trim().replace(/[０-９]/gu, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (plain === "") return { iso: null };
  const m = /^(\d{4})\s*[/\-.年／－]\s*(\d{1,2})\s*[/\-.月／－]\s*(\d{1,2})\s*日?$/u.exec(plain);
  const problem = "開催日は 2023/06/05 のように西暦の年/月/日で入力してください（未定なら空欄）。";
  if (m === null) return { problem };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { problem: `${year}年${month}月${day}日という日はありません。` };
  }
  return { iso: `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}
