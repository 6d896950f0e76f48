// Pure helpers of the 差し替え panel: the changed 字句 as runs to underline, and the words the person reads.

import type { Change, DistributionSummary } from "../../ipc";

/** A run of a text, underlined (`marked`) when it is a changed 字句. */
export type Run = { text: string; marked: boolean };

/**
 * Cuts `text` at the marks (`[start, end)` in characters, as the backend counts them: code points, not UTF-16
 * units) into runs, the marked ones to be underlined. Overlapping or out-of-range marks are clamped.
 */
export function markedRuns(text: string, marks: readonly (readonly [number, number])[]): Run[] {
  const chars = Array.from(text);
  const marked = new Array<boolean>(chars.length).fill(false);
  for (const [start, end] of marks) {
    for (let i = Math.max(0, start); i < Math.min(end, chars.length); i++) marked[i] = true;
  }
  const runs: Run[] = [];
  chars.forEach((ch, i) => {
    const last = runs.at(-1);
    if (last !== undefined && last.marked === marked[i]) last.text += ch;
    else runs.push({ text: ch, marked: marked[i] ?? false });
  });
  return runs;
}

/** 「資料２－４ → 資料２－５」 when the label moved, else the label. */
export function labelText(change: Change): string {
  const { old_label: from, new_label: to } = change;
  return from !== null && to !== null && from !== to ? `${from} → ${to}` : change.label;
}

/** 「3ページ」, 「3〜5ページ」, or 「―」 when the 資料 was not there. */
export function pagesText(pages: readonly [number, number] | null): string {
  if (pages === null) return "―";
  const [first, last] = pages;
  return first === last ? `${first}ページ` : `${first}〜${last}ページ`;
}

/** How a version is offered in the list: 「事前送付（令和５年５月３０日・24ページ）」. */
export function versionText(d: DistributionSummary): string {
  return `${d.name}（${d.replacements ? "差し替え・" : ""}${d.dateLabel}・${d.pages}ページ）`;
}

/** The version to compare with first: the latest whole packet, else the latest version. */
export function defaultVersion(list: readonly DistributionSummary[]): string | null {
  const packets = list.filter((d) => !d.replacements);
  return (packets.at(-1) ?? list.at(-1))?.name ?? null;
}

/** Puts the backend's today into a date field that is still empty (the person may have typed one meanwhile);
 * without an answer the field stays empty, which the backend reads as today. */
export async function startWithToday(today: () => Promise<string>, current: () => string, set: (date: string) => void): Promise<void> {
  try {
    const date = await today();
    if (current() === "") {
      set(date);
    }
  } catch {
    // An empty date is the backend's today too.
  }
}
