import { describe, expect, it } from "vitest";

import type { MaterialPages } from "../../ipc";
import { PageCounter, pagesText, type PageCounts, type Timer } from "./pages";

/** A timer run by hand: `fire()` runs what is due. */
function manualTimer(): Timer & { fire: () => void; pending: () => number } {
  let next = 1;
  const due = new Map<number, () => void>();
  return {
    set: (run) => {
      due.set(next, run);
      return next++;
    },
    clear: (handle) => void due.delete(handle as number),
    fire: () => {
      const runs = [...due.values()];
      due.clear();
      runs.forEach((run) => run());
    },
    pending: () => due.size,
  };
}

/** Counts answered by hand, in any order. */
function manualCounts(): {
  count: (meetingId: number) => Promise<MaterialPages>;
  asked: number[];
  answer: (i: number, pages: Record<number, number>) => Promise<void>;
} {
  const waiting: ((p: MaterialPages) => void)[] = [];
  const asked: number[] = [];
  return {
    asked,
    count: (meetingId) => {
      asked.push(meetingId);
      return new Promise((resolve) => waiting.push(resolve));
    },
    answer: async (i, pages) => {
      const meetingId = asked[i] ?? 0;
      waiting[i]?.({ meetingId, materials: Object.entries(pages).map(([id, n]) => ({ materialId: Number(id), pages: n })) });
      // Let the counter's continuation run.
      await Promise.resolve();
      await Promise.resolve();
    },
  };
}

describe("PageCounter", () => {
  it("counts once the edits settle and shows 「…」 meanwhile, never a number from before the change", async () => {
    const timer = manualTimer();
    const counts = manualCounts();
    const shown: PageCounts[] = [];
    const counter = new PageCounter(counts.count, (c) => shown.push(c), timer);

    counter.changed(1);
    counter.changed(1);
    counter.changed(1);
    expect(timer.pending()).toBe(1);
    expect(counts.asked).toEqual([]);
    expect(pagesText(shown.at(-1)!, 100)).toBe("・…");

    timer.fire();
    expect(counts.asked).toEqual([1]);
    await counts.answer(0, { 100: 3, 101: 12 });
    const last = shown.at(-1)!;
    expect([pagesText(last, 100), pagesText(last, 101), pagesText(last, 999)]).toEqual(["・3頁", "・12頁", ""]);

    // An edit while a count runs: that count's answer is dropped, the newest state is counted next.
    counter.changed(1);
    timer.fire();
    expect(counts.asked).toEqual([1, 1]);
    counter.changed(1);
    timer.fire();
    expect(counts.asked, "one count at a time").toEqual([1, 1]);
    await counts.answer(1, { 100: 3, 101: 12 });
    expect(shown.at(-1)!.counting).toBe(true);
    expect(counts.asked).toEqual([1, 1, 1]);
    await counts.answer(2, { 100: 4, 101: 12 });
    expect(pagesText(shown.at(-1)!, 100)).toBe("・4頁");
  });

  it("drops the count of a meeting no longer shown and shows nothing when a count fails", async () => {
    const timer = manualTimer();
    const shown: PageCounts[] = [];
    let fail = false;
    const counter = new PageCounter(
      async (meetingId) => {
        if (fail) {
          throw { code: "broken_pdf", message: "壊れています", detail: "broken" };
        }
        return { meetingId, materials: [{ materialId: 7, pages: 2 }] };
      },
      (c) => shown.push(c),
      timer,
    );
    counter.changed(1);
    timer.fire();
    counter.changed(2);
    await Promise.resolve();
    await Promise.resolve();
    expect(shown.at(-1)).toEqual({ meetingId: 2, pages: {}, counting: true });
    timer.fire();
    await Promise.resolve();
    await Promise.resolve();
    expect(shown.at(-1)).toEqual({ meetingId: 2, pages: { 7: 2 }, counting: false });

    fail = true;
    counter.changed(2);
    timer.fire();
    await Promise.resolve();
    await Promise.resolve();
    expect(shown.at(-1)).toEqual({ meetingId: 2, pages: {}, counting: false });
    expect(pagesText(shown.at(-1)!, 7)).toBe("");

    counter.changed(null);
    expect(timer.pending()).toBe(0);
    expect(shown.at(-1)).toEqual({ meetingId: null, pages: {}, counting: false });
  });
});
