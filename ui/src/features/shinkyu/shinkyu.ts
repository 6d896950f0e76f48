// The 新旧対照表 screen's logic, kept out of the component so it can be tested on its own.
import { LIMITS } from "../../ipc/generated/limits_table";
import type {
  ShinkyuCellView,
  ShinkyuColumnOrder,
  ShinkyuFindingView,
  ShinkyuPreset,
  ShinkyuRowKind,
  ShinkyuSide,
  ShinkyuView,
} from "../../ipc";

/** A run of a cell's text, underlined or not. */
export type Segment = { text: string; marked: boolean };

/**
 * Splits a cell's text into runs by its marks. Marks are `[start, end)` in Unicode scalar values (as the
 * backend counts), not UTF-16 units: 𠮷 is one character.
 */
export function segments(text: string, marks: ReadonlyArray<readonly [number, number]>): Segment[] {
  const chars = Array.from(text);
  const flags = new Array<boolean>(chars.length).fill(false);
  for (const [start, end] of marks) {
    for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) {
      flags[i] = true;
    }
  }
  const out: Segment[] = [];
  chars.forEach((c, i) => {
    const marked = flags[i] ?? false;
    const last = out[out.length - 1];
    if (last !== undefined && last.marked === marked) {
      last.text += c;
    } else {
      out.push({ text: c, marked });
    }
  });
  return out;
}

/** The scalar-value offset of a UTF-16 index (a textarea's selectionStart) in `text`. */
export function scalarOffset(text: string, utf16Index: number): number {
  return Array.from(text.slice(0, Math.max(0, utf16Index))).length;
}

/** Adds the mark `[start, end)` to `marks`, merging overlaps; an empty range changes nothing. */
export function addMark(
  marks: ReadonlyArray<readonly [number, number]>,
  start: number,
  end: number,
): Array<[number, number]> {
  const all: Array<[number, number]> = marks.map(([s, e]) => [s, e]);
  if (end > start) {
    all.push([start, end]);
  }
  all.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [s, e] of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) {
      last[1] = Math.max(last[1], e);
    } else {
      merged.push([s, e]);
    }
  }
  return merged;
}

/** Marks kept within a text of `length` characters (after the text was edited). */
export function clampMarks(
  marks: ReadonlyArray<readonly [number, number]>,
  length: number,
): Array<[number, number]> {
  return marks
    .map(([s, e]): [number, number] => [Math.min(s, length), Math.min(e, length)])
    .filter(([s, e]) => s < e);
}

export type Shortcut = "undo" | "redo" | null;

type KeyLike = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "isComposing"> & {
  target: EventTarget | null;
};

/**
 * Ctrl+Z undoes, Ctrl+Shift+Z (or Ctrl+Y) redoes the last table edit — but not while typing in a field (the
 * field's own undo applies there) nor during IME composition.
 */
export function shortcut(event: KeyLike): Shortcut {
  if (event.isComposing || !(event.ctrlKey || event.metaKey)) {
    return null;
  }
  const target = event.target as { tagName?: string; isContentEditable?: boolean } | null;
  const tag = target?.tagName?.toLowerCase();
  if (tag === "input" || tag === "textarea" || tag === "select" || target?.isContentEditable === true) {
    return null;
  }
  const key = event.key.toLowerCase();
  if (key === "z") {
    return event.shiftKey ? "redo" : "undo";
  }
  if (key === "y") {
    return "redo";
  }
  return null;
}

/** What each row kind is called on screen (status in words, never by colour alone). */
export const KIND_LABELS: Record<ShinkyuRowKind, string> = {
  context: "変更なし",
  changed: "改正",
  added: "新設",
  deleted: "削除",
  renumbered: "番号変更",
  omitted: "略",
};

export const PRESET_LABELS: Record<ShinkyuPreset, string> = {
  "shin-kyu": "新／旧",
  kaisei: "改正後／改正前",
  "an-genko": "改正案／現行",
};

export const ORDER_LABELS: Record<ShinkyuColumnOrder, string> = {
  "new-left": "新しい文を左",
  "old-left": "古い文を左",
};

/** Which side (old or new text) a column shows. */
export function sideOfColumn(order: ShinkyuColumnOrder, column: 0 | 1): ShinkyuSide {
  const newLeft = order === "new-left";
  return (column === 0) === newLeft ? "new" : "old";
}

/** The cell of a side in a row whose cells are given in column order. */
export function cellOfSide(
  order: ShinkyuColumnOrder,
  left: ShinkyuCellView | null,
  right: ShinkyuCellView | null,
  side: ShinkyuSide,
): ShinkyuCellView | null {
  return sideOfColumn(order, 0) === side ? left : right;
}

/**
 * Largest file sent to the backend (it refuses larger ones too, naming the file): the limits table's, for a Word
 * file (a .txt has a lower limit the backend checks once it knows the kind).
 */
export const MAX_FILE_BYTES = LIMITS.docxFileBytes;

/** Accepted by the file choosers; the backend decides by content and name. */
export const ACCEPT =
  ".txt,.text,.docx,.xml,text/plain,application/xml,text/xml,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Accepted by the two Word-only choosers (見え消し, a received table); the backend sniffs the kind too. */
export const DOCX_ACCEPT = ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Largest Word file sent to the backend: the limits table's `docxFileBytes`, as the backend refuses. */
export const MAX_DOCX_BYTES = LIMITS.docxFileBytes;

/**
 * What a side's box names as its text: the chosen file, or for a 見え消し document which of its versions the side
 * reads; 「（未選択）」 until chosen.
 */
export function sourceName(view: Pick<ShinkyuView, "oldFile" | "newFile" | "trackedFile">, side: ShinkyuSide): string {
  if (view.trackedFile !== null) {
    const version = side === "old" ? "変更をすべて元に戻した版" : "変更をすべて反映した版";
    return `${view.trackedFile}（見え消しの${version}）`;
  }
  return (side === "old" ? view.oldFile : view.newFile) ?? "（未選択）";
}

/** The findings of each row (by row key), in order, to flag the rows they name. */
export function findingsByRow(findings: readonly ShinkyuFindingView[]): Map<string, ShinkyuFindingView[]> {
  const out = new Map<string, ShinkyuFindingView[]>();
  for (const f of findings) {
    const list = out.get(f.key);
    if (list === undefined) {
      out.set(f.key, [f]);
    } else {
      list.push(f);
    }
  }
  return out;
}
