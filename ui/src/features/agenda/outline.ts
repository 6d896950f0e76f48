// The outline's tree, worked out from the flat agenda the backend sends (items in order with their depth): the
// order ↑/↓ walk, parents and siblings for ←, indent and outdent, what a delete takes with it and where focus goes
// after it. Pure, so each rule has a test of its own.
import type { AgendaLineView, MaterialLineView, ShidaiView } from "../../ipc";

/** A row of the tree: an agenda item or a 資料 under it. */
export type TreeKey = `item-${number}` | `material-${number}`;

export const itemKey = (id: number): TreeKey => `item-${id}`;
export const materialKey = (id: number): TreeKey => `material-${id}`;

/** Every row in the order the outline shows them: each item, then its 資料. */
export function treeOrder(shidai: ShidaiView): TreeKey[] {
  return shidai.agenda.flatMap((item) => [
    itemKey(item.id),
    ...shidai.materials.filter((m) => m.agendaItemId === item.id).map((m) => materialKey(m.id)),
  ]);
}

/** The item and everything below it. */
export function subtree(agenda: AgendaLineView[], itemId: number): AgendaLineView[] {
  const at = agenda.findIndex((a) => a.id === itemId);
  const item = agenda[at];
  if (item === undefined) return [];
  const out = [item];
  for (const next of agenda.slice(at + 1)) {
    if (next.depth <= item.depth) break;
    out.push(next);
  }
  return out;
}

/** The item's parent (the nearest item above it one level up), or null at the top level. */
export function parentOf(agenda: AgendaLineView[], itemId: number): AgendaLineView | null {
  const at = agenda.findIndex((a) => a.id === itemId);
  const item = agenda[at];
  if (item === undefined || item.depth === 0) return null;
  for (let i = at - 1; i >= 0; i -= 1) {
    const above = agenda[i];
    if (above !== undefined && above.depth < item.depth) return above;
  }
  return null;
}

/** The sibling just before the item (what an indent puts it under), or null when it is the first. */
export function previousSibling(agenda: AgendaLineView[], itemId: number): AgendaLineView | null {
  const at = agenda.findIndex((a) => a.id === itemId);
  const item = agenda[at];
  if (item === undefined) return null;
  for (let i = at - 1; i >= 0; i -= 1) {
    const above = agenda[i];
    if (above === undefined || above.depth < item.depth) return null;
    if (above.depth === item.depth) return above;
  }
  return null;
}

/** The notice after an indent, with the labels as they were: 「(3) を (2) の下に移しました（Ctrl+Z で戻す）」. */
export function indentNotice(agenda: AgendaLineView[], itemId: number): string | null {
  const item = agenda.find((a) => a.id === itemId);
  const under = previousSibling(agenda, itemId);
  return item === undefined || under === null ? null : `${item.label} を ${under.label} の下に移しました（Ctrl+Z で戻す）`;
}

/** The notice after an outdent: 「ア を (2) の次に移しました（Ctrl+Z で戻す）」. */
export function outdentNotice(agenda: AgendaLineView[], itemId: number): string | null {
  const item = agenda.find((a) => a.id === itemId);
  const parent = parentOf(agenda, itemId);
  return item === undefined || parent === null ? null : `${item.label} を ${parent.label} の次に移しました（Ctrl+Z で戻す）`;
}

/** What deleting an item takes with it, said in full; nothing extra when nothing is below it. */
export function deleteQuestion(agenda: AgendaLineView[], materials: MaterialLineView[], itemId: number): string {
  const items = subtree(agenda, itemId);
  const item = items[0];
  if (item === undefined) return "";
  const ids = new Set(items.map((i) => i.id));
  const below = items.length - 1;
  const docs = materials.filter((m) => ids.has(m.agendaItemId)).length;
  const parts = [below > 0 ? `下の項目${below}件` : "", docs > 0 ? `資料${docs}件` : ""].filter((p) => p !== "");
  const consequence = parts.length > 0 ? `${parts.join("と")}も削除されます。` : "";
  return `「${item.label}　${item.title}」を削除しますか？${consequence}（Ctrl+Z で元に戻せます）`;
}

/** The row to focus once an item is deleted: the next row after what it takes with it, else the one before. */
export function focusAfterDelete(agenda: AgendaLineView[], itemId: number): number | null {
  const gone = subtree(agenda, itemId);
  const first = agenda.findIndex((a) => a.id === itemId);
  if (first < 0) return null;
  return agenda[first + gone.length]?.id ?? agenda[first - 1]?.id ?? null;
}

/** The row to focus once a 資料 is deleted: the next 資料 of its item, else the one before, else the item. */
export function focusAfterMaterialDelete(materials: MaterialLineView[], materialId: number): TreeKey | null {
  const material = materials.find((m) => m.id === materialId);
  if (material === undefined) return null;
  const siblings = materials.filter((m) => m.agendaItemId === material.agendaItemId);
  const at = siblings.findIndex((m) => m.id === materialId);
  const next = siblings[at + 1] ?? siblings[at - 1];
  return next !== undefined ? materialKey(next.id) : itemKey(material.agendaItemId);
}
