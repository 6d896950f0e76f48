// What the export panel says before and after an export, kept apart from the component so it can be tested.
import type { CheckProblem, RevisedMarks, SheetPlan } from "../../ipc";

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

/** The copies typed in the panel: a whole number from 1 to 999, else null (the print button is off). */
export function validCopies(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 999 ? value : null;
}

/** 「用紙 84 枚（1部 168 ページ・うち白紙 4 ページ × 1 部・両面）」: what a print run of the plan uses. */
export function formatSheets(plan: SheetPlan, twoSided: boolean): string {
  const blanks = plan.blanks > 0 ? `・うち白紙 ${plan.blanks} ページ` : "";
  const jobs = plan.jobs > 1 ? `・${plan.jobs} ジョブ` : "";
  return `用紙 ${plan.sheets} 枚（1部 ${plan.pages} ページ${blanks} × ${plan.copies} 部・${twoSided ? "両面" : "片面"}${jobs}）`;
}

/** The preview's zoom: the page as wide as the preview, or a scale of its printed size (1 = 100 %). */
export type ZoomChoice = "fit" | number;

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

/** The zoom after a key or button: + and − step through 50 %…300 % (from fit, to the nearest step), 0 fits, 1 is 100 %. */
export function nextZoom(zoom: ZoomChoice, key: string): ZoomChoice | null {
  if (key === "0") return "fit";
  if (key === "1") return 1;
  const inward = key === "-" || key === "_";
  if (!(key === "+" || key === "=" || key === ";" || inward)) return null;
  const current = zoom === "fit" ? 1 : zoom;
  if (inward) return [...ZOOM_STEPS].reverse().find((s) => s < current) ?? ZOOM_STEPS[0]!;
  return ZOOM_STEPS.find((s) => s > current) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
}

export function zoomLabel(zoom: ZoomChoice): string {
  return zoom === "fit" ? "幅に合わせる" : `${Math.round(zoom * 100)}%`;
}

/** The page a key goes to (PageUp/PageDown, Home/End, ←/→ unless the page scrolls sideways), or null. */
export function pageForKey(key: string, page: number, pages: number, scrollsSideways: boolean): number | null {
  const clamp = (n: number): number => Math.min(Math.max(1, n), Math.max(1, pages));
  switch (key) {
    case "PageDown":
      return clamp(page + 1);
    case "PageUp":
      return clamp(page - 1);
    case "Home":
      return 1;
    case "End":
      return clamp(pages);
    case "ArrowRight":
      return scrollsSideways ? null : clamp(page + 1);
    case "ArrowLeft":
      return scrollsSideways ? null : clamp(page - 1);
    default:
      return null;
  }
}

/** The choice 「差し替えた資料に「（…差替え）」と付ける」 as the panel holds it. */
export type RevisedChoice = {
  ticked: boolean;
  /** The 配付版 compared with (its name), "" when none is chosen. */
  since: string;
  /** The day in the note (YYYY-MM-DD), null when the field is empty. */
  date: string | null;
  /** The date field holds something it cannot read. */
  dateProblem: boolean;
};

/**
 * What the export sends as `revised`: the whole packet only (one 資料 or a meeting without a 配付版 gets none),
 * and only with a version and a date read from the field; null otherwise.
 */
export function revisedMarks(choice: RevisedChoice, scope: number | null): RevisedMarks | null {
  if (!choice.ticked || scope !== null || choice.since === "" || choice.date === null || choice.dateProblem) return null;
  return { since: choice.since, date: choice.date };
}

/** Why the export waits on the choice (a date missing or unreadable), or null. */
export function revisedBlockedBy(choice: RevisedChoice, scope: number | null): string | null {
  if (!choice.ticked || scope !== null) return null;
  if (choice.since === "") return "比べる配付版を選んでください。";
  if (choice.dateProblem) return "差替えの日付を読み取れません。2023/06/02 のように入れてください。";
  if (choice.date === null) return "「（…差替え）」に入れる日付を入れてください。";
  return null;
}
