// The KPI review grid's logic, kept out of the component so it can be tested alone: filters, sorting, the window
// of rows to render (only the visible ones are in the DOM, so 500 rows scroll smoothly), status chips and the
// trend line.
import { LIMITS } from "../../ipc/generated/limits";
import type { KpiRollupView, KpiRowView, KpiTrendPoint } from "../../ipc";

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

export const NO_FILTERS: Filters = { field: "", status: "", findings: "", text: "" };

/** The status a row shows: the one set by hand, else the printed one. */
export function shownStatus(row: KpiRowView): string {
  return row.statusOverride ?? row.printedStatus;
}

export function fieldsOf(rows: KpiRowView[]): string[] {
  return [...new Set(rows.map((r) => r.field).filter((f) => f !== ""))];
}

export function findingCodesOf(rows: KpiRowView[]): string[] {
  return [...new Set(rows.flatMap((r) => r.findings.map((f) => f.code)))].sort();
}

export function filterRows(rows: KpiRowView[], f: Filters): KpiRowView[] {
  const words = f.text.trim().split(/\s+/u).filter((w) => w !== "");
  return rows.filter((r) => {
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

const collator = new Intl.Collator("ja");

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

/** The chip of a status: its text (always shown) and a tone for the colour. */
export function statusTone(status: string, agrees: boolean | null, labels: string[]): "ok" | "part" | "none" | "bad" {
  if (agrees === false) return "bad";
  if (status === "" || /^[-－―ー]$/u.test(status)) return "none";
  // The first label of the preset is 達成 (or A); S is above it.
  if (status === labels[0] || status === "S") return "ok";
  return "part";
}

/** The trend as an SVG polyline in a `width`×`height` box: baseline, actuals, final target (dashed to it). */
export function trendPaths(
  points: KpiTrendPoint[],
  width: number,
  height: number,
): { actual: string; target: string; dots: Array<{ x: number; y: number; kind: string; label: string }> } {
  if (points.length < 2) return { actual: "", target: "", dots: [] };
  const values = points.map((p) => p.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || 1;
  const pad = 3;
  const dots = points.map((p, i) => ({
    x: pad + (i * (width - 2 * pad)) / (points.length - 1),
    y: pad + (1 - (p.value - lo) / span) * (height - 2 * pad),
    kind: p.kind,
    label: `${p.label}: ${p.value.toLocaleString("ja-JP")}`,
  }));
  const fmt = (d: { x: number; y: number }): string => `${d.x.toFixed(1)},${d.y.toFixed(1)}`;
  const last = dots[dots.length - 1];
  const hasTarget = last !== undefined && last.kind === "target";
  const line = hasTarget ? dots.slice(0, -1) : dots;
  const lastActual = line[line.length - 1];
  return {
    actual: line.map(fmt).join(" "),
    target: hasTarget && lastActual !== undefined && last !== undefined ? `${fmt(lastActual)} ${fmt(last)}` : "",
    dots,
  };
}

/** Polarity choices for the override. */
export const POLARITY_LABELS: Record<string, string> = {
  auto: "自動（基準値→目標値から）",
  higher: "多いほど良い",
  lower: "少ないほど良い",
  keep: "範囲内に保つ",
};

/** Reads a chosen file as the number[] the backend takes. */
export async function fileBytes(file: File): Promise<number[]> {
  return Array.from(new Uint8Array(await file.arrayBuffer()));
}

/** The largest table file sent for import: the limits table's (the backend refuses larger ones too). */
export const MAX_IMPORT_BYTES = LIMITS.tableFileBytes;

export type RollupPair = { key: string; printed: KpiRollupView; computed: KpiRollupView | null; differs: boolean };

/**
 * The roll-up from printed statuses beside the one from the numbers, line by line. Both come in the same order
 * (a part may come back after another when several tables are reviewed, so part and field are not unique): the
 * n-th printed line is paired with the n-th computed line of the same part and field.
 */
export function pairRollups(rollups: KpiRollupView[]): RollupPair[] {
  const computed = rollups.filter((r) => r.basis === "computed");
  const used = new Set<number>();
  return rollups
    .filter((r) => r.basis === "printed")
    .map((p, i) => {
      const key = `${p.part}|${p.field}`;
      const at = computed.findIndex((c, j) => !used.has(j) && `${c.part}|${c.field}` === key);
      if (at >= 0) used.add(at);
      const c = at >= 0 ? (computed[at] ?? null) : null;
      const differs = c !== null && (c.kpiProjects !== p.kpiProjects || c.achieved !== p.achieved);
      return { key: `${i}|${key}`, printed: p, computed: c, differs };
    });
}
