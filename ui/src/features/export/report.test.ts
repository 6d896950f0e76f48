import { describe, expect, it } from "vitest";

import type { CheckProblem } from "../../ipc";
import { blockedBy, formatBytes, formatSheets, nextZoom, pageForKey, problemsFor, revisedBlockedBy, revisedMarks, validCopies, zoomLabel } from "./report";

const empty: CheckProblem = { code: "empty_material", label: "資料１－２", materialId: 101, itemId: 12, message: "空" };
const clash: CheckProblem = { code: "duplicate_label", label: "資料３－１", materialId: 300, itemId: 14, message: "重複" };

describe("export checks", () => {
  it("keep the problems of the chosen 資料 only", () => {
    expect(problemsFor([empty, clash], null)).toEqual([empty, clash]);
    expect(problemsFor([empty, clash], 101)).toEqual([empty]);
    expect(problemsFor([empty, clash], 999)).toEqual([]);
  });

  it("refuse an empty 資料 until （別途配付） is chosen, and ask about clashing labels", () => {
    expect(blockedBy([empty], false, false)).toContain("内容のない資料");
    expect(blockedBy([empty], true, false)).toBeNull();
    expect(blockedBy([clash], true, false)).toContain("同じ番号");
    expect(blockedBy([clash], false, true)).toBeNull();
    expect(blockedBy([], false, false)).toBeNull();
  });
});

describe("formatBytes", () => {
  it("uses KB and MB", () => {
    expect(formatBytes(737_000)).toBe("720 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});

describe("sheets", () => {
  it("count pages, blanks, copies and jobs", () => {
    const plan = { pages: 168, blanks: 4, copies: 30, sheets: 2520, jobs: 1 };
    expect(formatSheets(plan, true)).toBe("用紙 2520 枚（1部 168 ページ・うち白紙 4 ページ × 30 部・両面）");
    expect(formatSheets({ ...plan, blanks: 0, jobs: 22, copies: 2 }, false)).toBe("用紙 2520 枚（1部 168 ページ × 2 部・片面・22 ジョブ）");
  });

  it("take whole copies from 1 to 999 only", () => {
    expect(validCopies(30)).toBe(30);
    expect(validCopies(0)).toBeNull();
    expect(validCopies(1.5)).toBeNull();
    expect(validCopies(1000)).toBeNull();
    expect(validCopies(null)).toBeNull();
  });
});

describe("the preview's zoom and page keys", () => {
  it("steps the zoom from fit or 100 % and says it in Japanese", () => {
    expect(nextZoom("fit", "+")).toBe(1.25);
    expect(nextZoom("fit", "-")).toBe(0.75);
    expect(nextZoom(3, "+")).toBe(3);
    expect(nextZoom(0.5, "-")).toBe(0.5);
    expect(nextZoom(1.5, "0")).toBe("fit");
    expect(nextZoom("fit", "1")).toBe(1);
    expect(nextZoom(1, "a")).toBeNull();
    expect(zoomLabel("fit")).toBe("幅に合わせる");
    expect(zoomLabel(1.25)).toBe("125%");
  });

  it("turns pages with PageUp/PageDown/Home/End, and with ←/→ only while the page does not scroll sideways", () => {
    expect(pageForKey("PageDown", 1, 165, false)).toBe(2);
    expect(pageForKey("PageUp", 1, 165, false)).toBe(1);
    expect(pageForKey("End", 3, 165, false)).toBe(165);
    expect(pageForKey("Home", 9, 165, true)).toBe(1);
    expect(pageForKey("ArrowRight", 9, 165, false)).toBe(10);
    expect(pageForKey("ArrowRight", 9, 165, true)).toBeNull();
    expect(pageForKey("x", 9, 165, false)).toBeNull();
  });
});

describe("revisedMarks", () => {
  const chosen = { ticked: true, since: "事前送付", date: "2023-06-02", dateProblem: false };

  it("sends the version and the date for the whole packet only", () => {
    expect(revisedMarks(chosen, null)).toEqual({ since: "事前送付", date: "2023-06-02" });
    expect(revisedMarks(chosen, 31)).toBeNull();
    expect(revisedMarks({ ...chosen, ticked: false }, null)).toBeNull();
    expect(revisedBlockedBy({ ...chosen, ticked: false, date: null }, null)).toBeNull();
    expect(revisedBlockedBy(chosen, null)).toBeNull();
  });

  it("sends nothing and says why while the version or the date is missing or unreadable", () => {
    expect(revisedMarks({ ...chosen, date: null }, null)).toBeNull();
    expect(revisedBlockedBy({ ...chosen, date: null }, null)).toBe("「（…差替え）」に入れる日付を入れてください。");
    expect(revisedMarks({ ...chosen, dateProblem: true }, null)).toBeNull();
    expect(revisedBlockedBy({ ...chosen, dateProblem: true }, null)).toContain("読み取れません");
    expect(revisedBlockedBy({ ...chosen, since: "" }, null)).toBe("比べる配付版を選んでください。");
    // One 資料 is exported without the note: nothing holds it.
    expect(revisedBlockedBy({ ...chosen, date: null }, 31)).toBeNull();
  });
});
