// Where a drag and drop puts an agenda item or a 資料, worked out from the flat outline (depths and order).
import type { AgendaLineView, MaterialLineView } from "../../ipc";

export type Dragged = { kind: "item"; id: number } | { kind: "material"; id: number };

export type PlaceItem = { kind: "placeItem"; itemId: number; parentItemId: number | null; index: number };
export type PlaceMaterial = { kind: "placeMaterial"; materialId: number; itemId: number; index: number };

/** The parent of each agenda line (null at the top level). */
export function parentOf(agenda: AgendaLineView[], itemId: number): number | null {
  const index = agenda.findIndex((a) => a.id === itemId);
  const item = agenda[index];
  if (item === undefined) {
    return null;
  }
  for (let i = index - 1; i >= 0; i -= 1) {
    const before = agenda[i];
    if (before !== undefined && before.depth < item.depth) {
      return before.id;
    }
  }
  return null;
}

function isInside(agenda: AgendaLineView[], itemId: number, ancestorId: number): boolean {
  for (let current: number | null = itemId; current !== null; current = parentOf(agenda, current)) {
    if (current === ancestorId) {
      return true;
    }
  }
  return false;
}

/** Item `dragged` dropped on item `target`: it goes just before `target`, at its level; null if not allowed. */
export function dropItemBefore(agenda: AgendaLineView[], dragged: number, target: number): PlaceItem | null {
  if (dragged === target || isInside(agenda, target, dragged)) {
    return null;
  }
  const parent = parentOf(agenda, target);
  const siblings = agenda.filter((a) => a.id !== dragged && parentOf(agenda, a.id) === parent);
  const index = siblings.findIndex((a) => a.id === target);
  return index < 0 ? null : { kind: "placeItem", itemId: dragged, parentItemId: parent, index };
}

/** 資料 `dragged` dropped before 資料 `before` of item `itemId` (or at its end for null); null if nothing moves. */
export function dropMaterialBefore(
  materials: MaterialLineView[],
  dragged: number,
  itemId: number,
  before: number | null,
): PlaceMaterial | null {
  if (dragged === before) {
    return null;
  }
  const others = materials.filter((m) => m.agendaItemId === itemId && m.id !== dragged);
  const index = before === null ? others.length : others.findIndex((m) => m.id === before);
  return index < 0 ? null : { kind: "placeMaterial", materialId: dragged, itemId, index };
}
