// What the export panel says before and after an export, kept apart from the component so it can be tested.
import type { CheckProblem } from "../../ipc";

/** The problems (from the backend's check) that concern what is about to be exported: all, or one 資料's. */
export function problemsFor(problems: CheckProblem[], scope: number | null): CheckProblem[] {
  return problems.filter((p) => scope === null || p.materialId === scope);
}

/** Why the export button is off: an empty 資料 not allowed, or clashing labels not accepted; null when it is on. */
export function blockedBy(problems: CheckProblem[], allowEmpty: boolean, acceptDuplicates: boolean): string | null {
  if (!allowEmpty && problems.some((p) => p.code === "empty_material")) {
    return "内容のない資料があります。内容を入れるか、「（別途配付）として印刷する」を選んでください。";
  }
  if (!acceptDuplicates && problems.some((p) => p.code === "duplicate_label")) {
    return "同じ番号の資料があります。付け直すか、「番号が重複したまま書き出す」を選んでください。";
  }
  return null;
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
