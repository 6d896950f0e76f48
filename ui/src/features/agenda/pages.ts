// The pages of each 資料 beside its row in the outline: counted by the backend (the packet laid out, no PDF
// written), after the edits settle, never shown stale.
import type { MaterialPages } from "../../ipc";

/** What the outline shows: each 資料's pages (by id) once counted for the workspace as it is now; while
 * `counting`, a change since the last count may have changed them, so no number is shown. */
export type PageCounts = { meetingId: number | null; pages: Record<number, number>; counting: boolean };

export type Timer = { set: (run: () => void, ms: number) => unknown; clear: (handle: unknown) => void };

const browserTimer: Timer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Wait after a change before counting: a run of edits (typing a title, several moves) is counted once. */
export const SETTLE_MS = 400;

/**
 * Counts a meeting's pages after every change, one count at a time: the count of a change that another
 * change overtook is dropped (it would be stale) and the newest one counted when the running one is done.
 */
export class PageCounter {
  #shown: PageCounts = { meetingId: null, pages: {}, counting: false };
  /** Bumped by every change: a count answers for the workspace of the change it was started after. */
  #generation = 0;
  #timer: unknown = null;
  #running = false;
  #again = false;

  constructor(
    private readonly count: (meetingId: number) => Promise<MaterialPages>,
    private readonly show: (counts: PageCounts) => void,
    private readonly timer: Timer = browserTimer,
    private readonly settleMs: number = SETTLE_MS,
  ) {}

  /** The meeting `meetingId` is shown and may have changed (opened, edited, undone, back from a 資料's own
   * screen): its counts are unknown until counted again. Null: no meeting. */
  changed(meetingId: number | null): void {
    this.#generation += 1;
    this.#set({ meetingId, pages: {}, counting: meetingId !== null });
    if (this.#timer !== null) {
      this.timer.clear(this.#timer);
      this.#timer = null;
    }
    if (meetingId !== null) {
      this.#timer = this.timer.set(() => {
        this.#timer = null;
        void this.#run();
      }, this.settleMs);
    }
  }

  /** Stops counting (the screen is gone). */
  stop(): void {
    this.#generation += 1;
    this.#again = false;
    this.#shown = { meetingId: null, pages: {}, counting: false };
    if (this.#timer !== null) {
      this.timer.clear(this.#timer);
      this.#timer = null;
    }
  }

  async #run(): Promise<void> {
    const meetingId = this.#shown.meetingId;
    if (meetingId === null) {
      return;
    }
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    const generation = this.#generation;
    try {
      const counted = await this.count(meetingId);
      if (generation === this.#generation && counted.meetingId === meetingId) {
        const pages: Record<number, number> = {};
        for (const m of counted.materials) {
          pages[m.materialId] = m.pages;
        }
        this.#set({ meetingId, pages, counting: false });
      }
    } catch {
      // A 資料 that cannot be laid out (its export says why, in Japanese): no number rather than a wrong one.
      if (generation === this.#generation) {
        this.#set({ meetingId, pages: {}, counting: false });
      }
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        void this.#run();
      }
    }
  }

  #set(counts: PageCounts): void {
    this.#shown = counts;
    this.show(counts);
  }
}

/** What a 資料 row shows after its kind: 「・12頁」, 「・…」 while counting, nothing when unknown. */
export function pagesText(counts: PageCounts, materialId: number): string {
  if (counts.counting) {
    return "・…";
  }
  const pages = counts.pages[materialId];
  return pages === undefined ? "" : `・${pages}頁`;
}
