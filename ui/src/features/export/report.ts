// What the export panel says before and after an export, kept apart from the component so it can be tested.
import type { ShidaiView } from "../../ipc";

export type Problem = { kind: "empty" | "duplicate"; label: string; message: string };

/** Problems of the 資料 about to be exported (`scope`: one 資料's id, or null for the packet), in Japanese. */
export function preflight(shidai: ShidaiView, scope: number | null): Problem[] {
  const chosen = shidai.materials.filter((m) => scope === null || m.id === scope);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const m of shidai.materials) {
    if (seen.has(m.label) && chosen.some((c) => c.label === m.label)) {
      problems.push({ kind: "duplicate", label: m.label, message: `${m.label} という番号の資料が複数あります。` });
    }
    seen.add(m.label);
  }
  for (const m of chosen) {
    if (m.empty) {
      problems.push({ kind: "empty", label: m.label, message: `${m.label}「${m.title}」に内容がありません。` });
    }
  }
  return problems;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} バイト`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} 秒`;
}
