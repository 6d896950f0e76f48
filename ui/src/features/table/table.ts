// The 表 screen's edits as pure functions over the column list: each returns the next list (one undo step).
import type { TableColumnEdit, TableColumnView, TableLayoutRequest, TableView } from "../../ipc";

export const ORIENTATION_LABELS: Record<string, string> = {
  auto: "表の幅に合わせる",
  portrait: "Ａ４縦",
  landscape: "Ａ４横",
};

export function edits(columns: TableColumnView[]): TableColumnEdit[] {
  return columns.map((c) => ({ source: c.source, title: c.title, print: c.print, group: c.group }));
}

/** Moves the column at `from` to index `to` (the drop target's place), keeping every other in order. */
export function moveColumn(columns: TableColumnEdit[], from: number, to: number): TableColumnEdit[] {
  if (from === to || from < 0 || from >= columns.length || to < 0 || to >= columns.length) {
    return columns;
  }
  const next = columns.slice();
  const [moved] = next.splice(from, 1);
  if (moved === undefined) return columns;
  next.splice(to, 0, moved);
  return next;
}

export function setColumn(columns: TableColumnEdit[], index: number, change: Partial<TableColumnEdit>): TableColumnEdit[] {
  return columns.map((c, i) => (i === index ? { ...c, ...change } : c));
}

/** The request that saves `columns` and the other settings of `view` (with `change` applied). */
export function request(
  meetingId: number,
  materialId: number,
  view: TableView,
  columns: TableColumnEdit[],
  change: Partial<Pick<TableLayoutRequest, "orientation" | "titleLine" | "notes" | "headerRows" | "sheet">> = {},
): TableLayoutRequest {
  const req: TableLayoutRequest = {
    meetingId,
    materialId,
    headerRows: view.headerRows,
    columns,
    orientation: view.orientation,
    titleLine: view.titleLine,
    notes: view.notes,
    ...change,
  };
  // A workbook names its sheet; a CSV has none to name.
  if (req.sheet === undefined && view.sheets.length > 1) {
    req.sheet = view.sheet;
  }
  return req;
}

/** Note lines from the text area: one a line, blank lines dropped. */
export function noteLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}
