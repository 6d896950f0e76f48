// The KPI review grid's logic, kept out of the component so it can be tested alone: filters, sorting, the window
// of rows to render (only the visible ones are in the DOM, so 500 rows scroll smoothly) and the trend line. The
// chip's tone, the findings' Japanese names and the roll-up pairs come from the backend.
import { LIMITS } from "../../ipc/generated/limits_table";
import type { KpiRowView, KpiTrendPoint } from "../../ipc";

export type SortKey = "row" | "field" | "name" | "status" | "findings" | "progress";
export type SortDir = "asc" | "desc";

export type Filters = {
  /** A field (`Ⅲ-4 産業振興`), or "" for all. */
  field: string;
  /** A status as shown (override or printed), "contradicts" (disagrees with the numbers), or "" for all. */
  status: string;
  /** Only rows with findings (any code, or this code). */
  findings: "" | "any" | string;
  /** Words in the name, project or note. */
  text: string;
};

const collator = new Intl.Collator("ja");

export const NO_FILTERS: Filters = { field: "", status: "", findings: "", text: "" };

/** The status a row shows: the one set by hand, else the printed one. */
export function shownStatus(row: KpiRowView): string {
  return row.statusOverride ?? row.printedStatus;
}

export function fieldsOf(rows: KpiRowView[]): string[] {
  return [...new Set(rows.map((r) => r.field).filter((f) => f !== ""))];
}

/** The finding codes present, each with the Japanese name the backend gives it (the filter shows the name). */
export function findingChoices(rows: KpiRowView[]): Array<{ code: string; label: string }> {
  const byCode = new Map<string, string>();
  for (const f of rows.flatMap((r) => r.findings)) if (!byCode.has(f.code)) byCode.set(f.code, f.label);
  return [...byCode].map(([code, label]) => ({ code, label })).sort((a, b) => collator.compare(a.label, b.label));
}

/** Whether a row passes the filters. */
export function matches(r: KpiRowView, f: Filters): boolean {
  return filterRows([r], f).length === 1;
}

/**
 * The rows that pass the filters, plus `keep` (the row being edited) where it was: a row that stops matching
 * after an edit stays in view until the selection moves.
 */
export function filterRows(rows: KpiRowView[], f: Filters, keep: string | null = null): KpiRowView[] {
  const words = f.text.trim().split(/\s+/u).filter((w) => w !== "");
  return rows.filter((r) => {
    if (r.key === keep) return true;
    if (f.field !== "" && r.field !== f.field) return false;
    if (f.status === "contradicts") {
      if (r.agrees !== false) return false;
    } else if (f.status !== "" && shownStatus(r) !== f.status) return false;
    if (f.findings === "any" && r.findings.length === 0) return false;
    if (f.findings !== "" && f.findings !== "any" && !r.findings.some((x) => x.code === f.findings)) return false;
    if (words.length > 0) {
      const hay = `${r.name} ${r.project} ${r.note}`;
      if (!words.every((w) => hay.includes(w))) return false;
    }
    return true;
  });
}

const SEVERITY_RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };

function findingWeight(r: KpiRowView): number {
  return r.findings.reduce((m, f) => Math.max(m, SEVERITY_RANK[f.severity] ?? 0), 0) * 100 + r.findings.length;
}

/** A stable sort: equal keys keep the file's order. */
export function sortRows(rows: KpiRowView[], key: SortKey, dir: SortDir): KpiRowView[] {
  const sign = dir === "asc" ? 1 : -1;
  const cmp = (a: KpiRowView, b: KpiRowView): number => {
    switch (key) {
      case "row":
        return a.tableId - b.tableId || a.row - b.row;
      case "field":
        return collator.compare(a.field, b.field);
      case "name":
        return collator.compare(a.name, b.name);
      case "status":
        return collator.compare(shownStatus(a), shownStatus(b));
      case "findings":
        return findingWeight(a) - findingWeight(b);
      case "progress":
        return (a.progressRate ?? -Infinity) - (b.progressRate ?? -Infinity);
    }
  };
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => sign * cmp(x.r, y.r) || x.i - y.i)
    .map((x) => x.r);
}

/** The rows to render for a scroll position: those in view plus `overscan` on each side. */
export function visibleWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 8,
): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const inView = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + inView + overscan);
  return { start, end: Math.max(start, end) };
}

export type TrendDot = { x: number; y: number; kind: string; label: string };

/**
 * The sparkline in a `width`×`height` box: x is the point's slot (基準, then each year), the solid line runs from
 * the baseline through each year's actual, the dashed one through each year's target, so a year's actual sits
 * right above or below its target.
 */
export function trendPaths(
  points: KpiTrendPoint[],
  width: number,
  height: number,
): { actual: string; target: string; dots: TrendDot[] } {
  if (points.length < 2) return { actual: "", target: "", dots: [] };
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const last = Math.max(...points.map((p) => p.slot)) || 1;
  const pad = 3;
  const dots = points.map((p) => ({
    x: pad + (p.slot * (width - 2 * pad)) / last,
    y: pad + (1 - (p.value - lo) / span) * (height - 2 * pad),
    kind: p.kind,
    label: p.text,
  }));
  const fmt = (d: TrendDot): string => `${d.x.toFixed(1)},${d.y.toFixed(1)}`;
  const line = (kinds: string[]): string => {
    const picked = dots.filter((d) => kinds.includes(d.kind));
    return picked.length > 1 ? picked.map(fmt).join(" ") : "";
  };
  return { actual: line(["baseline", "actual"]), target: line(["baseline", "target"]), dots };
}

/** Polarity choices for the override. */
export const POLARITY_LABELS: Record<string, string> = {
  auto: "自動（基準値→目標値から）",
  higher: "多いほど良い",
  lower: "少ないほど良い",
  keep: "範囲内に保つ",
};

/** The largest table file sent for import: the limits table's (the backend refuses larger ones too). */
export const MAX_IMPORT_BYTES = LIMITS.tableFileBytes;
