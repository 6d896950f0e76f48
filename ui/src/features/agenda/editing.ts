// Pure parts of the 次第 editor: keyboard shortcuts, IME safety, text fields to lines.

/** What a key on a focused agenda row does. */
export type RowAction =
  | "moveUp"
  | "moveDown"
  | "indent"
  | "outdent"
  | "edit"
  | "addAfter"
  | "delete"
  | "focusPrevious"
  | "focusNext";

/** The keys, as the tooltips show them. */
export const SHORTCUTS: Record<RowAction, string> = {
  moveUp: "Alt+↑",
  moveDown: "Alt+↓",
  indent: "Tab",
  outdent: "Shift+Tab",
  edit: "Enter",
  addAfter: "Ctrl+Enter",
  delete: "Delete",
  focusPrevious: "↑",
  focusNext: "↓",
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

/** The action of a key pressed on an agenda row (not in its text field), or null. */
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
    case "Tab":
      return event.altKey || ctrl ? null : event.shiftKey ? "outdent" : "indent";
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

/** What a key does on a focused 資料 row: Alt+↑/↓ move it, Enter opens it, F2 renames it, Delete deletes it. */
export type MaterialAction = "moveUp" | "moveDown" | "open" | "rename" | "delete";

export function materialAction(event: KeyLike): MaterialAction | null {
  if (isComposing(event) || event.ctrlKey || event.metaKey) {
    return null;
  }
  switch (event.key) {
    case "ArrowUp":
      return event.altKey ? "moveUp" : null;
    case "ArrowDown":
      return event.altKey ? "moveDown" : null;
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
