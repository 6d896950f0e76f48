import { describe, expect, it } from "vitest";

import { demoShidai } from "../agenda/fixtures";
import { formatBytes, preflight } from "./report";

describe("preflight", () => {
  it("names the empty 資料 of the packet in Japanese", () => {
    const problems = preflight(demoShidai, null);
    expect(problems).toEqual([{ kind: "empty", label: "資料１－２", message: "資料１－２「ＫＰＩ一覧」に内容がありません。" }]);
  });

  it("checks only the chosen 資料", () => {
    expect(preflight(demoShidai, 100)).toEqual([]);
    expect(preflight(demoShidai, 101).map((p) => p.label)).toEqual(["資料１－２"]);
  });

  it("reports a label given to two 資料", () => {
    const twice = {
      ...demoShidai,
      materials: demoShidai.materials.map((m) => (m.id === 102 ? { ...m, label: "資料１－１" } : m)),
    };
    expect(preflight(twice, null).filter((p) => p.kind === "duplicate").map((p) => p.message)).toEqual([
      "資料１－１ という番号の資料が複数あります。",
    ]);
  });
});

describe("formatBytes", () => {
  it("uses KB and MB", () => {
    expect(formatBytes(737_000)).toBe("720 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});
