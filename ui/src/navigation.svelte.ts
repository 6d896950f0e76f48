// Which screen the window shows. The 次第 editor stays mounted underneath (hidden) while a 資料's own screen is
// open, so returning to it keeps the selected meeting, scroll position and undo history.
import type { MaterialKind } from "./ipc";

export type View =
  | { screen: "agenda" }
  /** The screen of one 資料: the 新旧対照表 editor, the KPI review, … chosen by its kind. */
  | { screen: "material"; meetingId: number; materialId: number; kind: MaterialKind; label: string; title: string };

export const nav = $state<{ view: View }>({ view: { screen: "agenda" } });

export function openMaterial(target: Omit<Extract<View, { screen: "material" }>, "screen">): void {
  nav.view = { screen: "material", ...target };
}

export function backToAgenda(): void {
  nav.view = { screen: "agenda" };
}
