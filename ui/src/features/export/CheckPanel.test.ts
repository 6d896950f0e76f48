import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import type { CheckProblem } from "../../ipc";
import CheckPanel from "./CheckPanel.svelte";

function problem(message: string): CheckProblem {
  return { code: "received_table", label: "資料３－３", materialId: 9, itemId: 4, message };
}

describe("CheckPanel", () => {
  it("lists every finding of one 資料, even several of the same kind, each with its jump", async () => {
    const onjump = vi.fn();
    const problems = [problem("資料３－３「対照表」: 2行目…"), problem("資料３－３「対照表」: 6行目…")];
    const { getAllByTestId, getByText } = render(CheckPanel, { problems, onjump });
    const items = getAllByTestId("check-problem");
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining("2行目"),
      expect.stringContaining("6行目"),
    ]);
    expect(getByText(/2 件/)).toBeTruthy();
    await fireEvent.click(getAllByTestId("check-jump")[1]!);
    expect(onjump).toHaveBeenCalledWith(problems[1]);
  });
});
