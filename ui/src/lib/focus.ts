// Focus for dialogs (WAI-ARIA dialog pattern): while a dialog is open Tab and Shift+Tab cycle inside it, Esc
// asks it to close, and when it closes focus goes back to the element that opened it (or to a fallback the
// caller names, when that element is gone, e.g. the row just deleted).

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in document order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest("[inert]") && !el.hidden);
}

export type TrapOptions = {
  /** Called on Esc (the dialog decides whether to close). */
  onescape?: (() => void) | undefined;
  /** Where focus goes on close when the opener is no longer in the page. */
  fallback?: (() => HTMLElement | null | undefined) | undefined;
  /** What to focus first (else the element marked `data-autofocus`, else the first focusable). */
  initial?: (() => HTMLElement | null | undefined) | undefined;
  /** Where focus goes on close instead of the opener, when it names an element (the row after a deleted one). */
  returnTo?: (() => HTMLElement | null | undefined) | undefined;
  /** False for a dialog that focuses its own first field (the trap then only keeps Tab inside and gives back). */
  focusFirst?: boolean;
};

/** A Svelte action: traps focus in `node` while it is mounted and returns it to the opener afterwards. */
export function trapFocus(node: HTMLElement, options: TrapOptions = {}): { update(o: TrapOptions): void; destroy(): void } {
  let opts = options;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const first = (): void => {
    const target =
      opts.initial?.() ?? node.querySelector<HTMLElement>("[data-autofocus]") ?? focusables(node)[0] ?? node;
    if (target === node && !node.hasAttribute("tabindex")) node.tabIndex = -1;
    target.focus();
  };
  // After the current turn: a menu closing in the same update gives its focus back first, then the dialog takes it.
  const timer = setTimeout(() => {
    if (opts.focusFirst !== false) first();
  }, 0);

  function onkeydown(event: KeyboardEvent): void {
    if (event.key === "Escape" && !event.isComposing) {
      if (opts.onescape !== undefined) {
        event.preventDefault();
        event.stopPropagation();
        opts.onescape();
      }
      return;
    }
    if (event.key !== "Tab") return;
    const items = focusables(node);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const firstItem = items[0]!;
    const lastItem = items[items.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === firstItem || !node.contains(active))) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && (active === lastItem || !node.contains(active))) {
      event.preventDefault();
      firstItem.focus();
    }
  }
  node.addEventListener("keydown", onkeydown);

  return {
    update(o: TrapOptions) {
      opts = o;
    },
    destroy() {
      clearTimeout(timer);
      node.removeEventListener("keydown", onkeydown);
      const fallback = opts.fallback;
      // After the dialog left the DOM: the opener if it is still there, else the fallback.
      queueMicrotask(() => {
        const chosen = opts.returnTo?.() ?? null;
        const target = chosen ?? (opener !== null && opener.isConnected ? opener : (fallback?.() ?? null));
        target?.focus();
      });
    },
  };
}

/**
 * Where the focus goes when a long run of a dialog ends (its 中止 button gone, its start button enabled again):
 * nowhere if it is still on something in the dialog; else back to `starter` when it can take it, else to
 * `fallback`, else to the dialog itself. Returns the element focused, or null.
 */
export function focusAfterRun(
  dialog: HTMLElement | undefined,
  starter: HTMLElement | null,
  fallback: HTMLElement | undefined,
): HTMLElement | null {
  if (dialog === undefined) return null;
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && dialog.contains(active) && focusables(dialog).includes(active)) return null;
  const usable = (el: HTMLElement | null | undefined): el is HTMLElement =>
    el !== null && el !== undefined && el.isConnected && dialog.contains(el) && focusables(dialog).includes(el);
  const target = usable(starter) ? starter : usable(fallback) ? fallback : dialog;
  target.focus();
  return target;
}
