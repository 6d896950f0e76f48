// Pure parts of the 次第 editor: keyboard shortcuts, IME safety, text fields to lines.

/** Keys that move through the outline (WAI-ARIA tree): the same on agenda rows and 資料 rows. */
type TreeMove = "focusPrevious" | "focusNext" | "focusFirst" | "focusLast" | "intoButtons" | "focusParent";

/** What a key on a focused agenda row does. */
export type RowAction = "moveUp" | "moveDown" | "indent" | "outdent" | "edit" | "addAfter" | "delete" | TreeMove;

/** The keys, as the tooltips and the shortcut list show them. */
export const SHORTCUTS: Record<RowAction, string> = {
  moveUp: "Alt+↑",
  moveDown: "Alt+↓",
  indent: "Alt+→ / Ctrl+]",
  outdent: "Alt+← / Ctrl+[",
  edit: "Enter / F2",
  addAfter: "Ctrl+Enter",
  delete: "Delete",
  focusPrevious: "↑",
  focusNext: "↓",
  focusFirst: "Home",
  focusLast: "End",
  intoButtons: "→",
  focusParent: "←",
};

/** What each key does, for the shortcut list (every key with its action). */
export const ACTION_NAMES: Record<RowAction, string> = {
  moveUp: "項目を上へ移動",
  moveDown: "項目を下へ移動",
  indent: "字下げ（前の項目の下へ）",
  outdent: "字上げ（一つ上の階層へ）",
  edit: "項目名を編集（Enter で確定、Esc で取消）",
  addAfter: "次に項目を追加",
  delete: "項目を削除（確認あり）",
  focusPrevious: "前の行へ",
  focusNext: "次の行へ",
  focusFirst: "最初の行へ",
  focusLast: "最後の行へ",
  intoButtons: "行のボタンへ（←→ で選び、Esc で行に戻る）",
  focusParent: "上の階層の項目へ",
};

type KeyLike = Pick<KeyboardEvent, "key" | "altKey" | "shiftKey" | "ctrlKey" | "metaKey" | "isComposing"> & {
  keyCode?: number;
};

/**
 * True while an input method is composing (Japanese kana → kanji). WebKit reports the Enter that confirms a
 * conversion with `isComposing` false but keyCode 229 on some versions, so both are checked.
 */
export function isComposing(event: KeyLike): boolean {
  return event.isComposing || event.keyCode === 229;
}

/**
 * The action of a key pressed on an agenda row (not in its text field), or null. Tab is never taken: the outline
 * is one tab stop (WAI-ARIA tree), so Tab and Shift+Tab always leave it.
 */
export function rowAction(event: KeyLike): RowAction | null {
  if (isComposing(event)) {
    return null;
  }
  const ctrl = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case "ArrowUp":
      return event.altKey ? "moveUp" : ctrl ? null : "focusPrevious";
    case "ArrowDown":
      return event.altKey ? "moveDown" : ctrl ? null : "focusNext";
    case "ArrowRight":
      return event.altKey ? "indent" : ctrl || event.shiftKey ? null : "intoButtons";
    case "ArrowLeft":
      return event.altKey ? "outdent" : ctrl || event.shiftKey ? null : "focusParent";
    case "]":
      return ctrl && !event.altKey ? "indent" : null;
    case "[":
      return ctrl && !event.altKey ? "outdent" : null;
    case "Home":
      return ctrl || event.altKey ? null : "focusFirst";
    case "End":
      return ctrl || event.altKey ? null : "focusLast";
    case "Enter":
      return ctrl ? "addAfter" : event.altKey || event.shiftKey ? null : "edit";
    case "F2":
      return "edit";
    case "Delete":
      return "delete";
    default:
      return null;
  }
}

/** What a key does on a focused 資料 row: Alt+↑/↓ move it, Enter opens it, F2 renames it, Delete deletes it;
 * ↑/↓/Home/End move through the outline, → into its buttons, ← to its agenda item. */
export type MaterialAction = "moveUp" | "moveDown" | "open" | "rename" | "delete" | TreeMove;

export function materialAction(event: KeyLike): MaterialAction | null {
  if (isComposing(event) || event.ctrlKey || event.metaKey) {
    return null;
  }
  switch (event.key) {
    case "ArrowUp":
      return event.altKey ? "moveUp" : "focusPrevious";
    case "ArrowDown":
      return event.altKey ? "moveDown" : "focusNext";
    case "ArrowRight":
      return event.altKey || event.shiftKey ? null : "intoButtons";
    case "ArrowLeft":
      return event.altKey || event.shiftKey ? null : "focusParent";
    case "Home":
      return event.altKey ? null : "focusFirst";
    case "End":
      return event.altKey ? null : "focusLast";
    case "Enter":
      return event.altKey || event.shiftKey ? null : "open";
    case "F2":
      return "rename";
    case "Delete":
      return "delete";
    default:
      return null;
  }
}

/** What a key does on a button inside a row: ←/→ to the neighbouring button, Esc back to the row. */
export function buttonAction(event: KeyLike): "previous" | "next" | "row" | null {
  if (isComposing(event) || event.ctrlKey || event.metaKey || event.altKey) {
    return null;
  }
  switch (event.key) {
    case "ArrowLeft":
      return "previous";
    case "ArrowRight":
      return "next";
    case "Escape":
    case "ArrowUp":
    case "ArrowDown":
      return "row";
    default:
      return null;
  }
}

/** What a key does in an item's title field: commit, cancel, or nothing (IME composition never commits). */
export function fieldAction(event: KeyLike): "commit" | "cancel" | null {
  if (isComposing(event)) {
    return null;
  }
  if (event.key === "Enter" && !event.shiftKey && !event.altKey) {
    return "commit";
  }
  if (event.key === "Escape") {
    return "cancel";
  }
  return null;
}

/** Undo (Ctrl+Z) or redo (Ctrl+Shift+Z, Ctrl+Y) for a key anywhere outside a text field. */
export function historyAction(event: KeyLike): "undo" | "redo" | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || isComposing(event)) {
    return null;
  }
  const key = event.key.toLowerCase();
  if (key === "z") {
    return event.shiftKey ? "redo" : "undo";
  }
  if (key === "y" && !event.shiftKey) {
    return "redo";
  }
  return null;
}

/** An id for one typing in a header field (from focus until it is left): the backend makes the saves that carry
 * it one undo step. Random rather than counted, so an id of a page loaded earlier is never taken for this one. */
export function newTyping(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0] ?? 0;
}

/** A textarea's text as lines (CRLF or LF), as the backend stores them (it drops blank lines itself). */
export function toLines(text: string): string[] {
  return text.split(/\r?\n/u);
}

export function fromLines(lines: string[]): string {
  return lines.join("\n");
}

/** The label with a tooltip's shortcut: 「上へ移動 (Alt+↑)」. */
export function withShortcut(label: string, action: RowAction): string {
  return `${label} (${SHORTCUTS[action]})`;
}
