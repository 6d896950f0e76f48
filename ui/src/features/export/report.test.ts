import { describe, expect, it } from "vitest";

import type { CheckProblem } from "../../ipc";
import { blockedBy, formatBytes, problemsFor } from "./report";

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
