import { render, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";

import { demoShidai } from "./fixtures";
import Shidai from "./Shidai.svelte";

function textOf(element: Element): string {
  return (element.textContent ?? "").replace(/\s+/gu, " ").trim();
}

describe("Shidai", () => {
  it("reads like the first page of the packet, in order", () => {
    const { getByTestId } = render(Shidai, { view: demoShidai });
    const text = textOf(getByTestId("shidai"));
    const order = [
      "福島県行財政改革推進本部・",
      "福島県デジタル社会形成推進本部合同会議",
      "次第",
      "○日時",
      "令和５年６月５日（月）",
      "※午前９時からの部長会議終了後",
      "○場所",
      "危機管理センター",
      "１ 開会",
      "２ 議題",
      "(1) 行財政改革の取組状況について",
      "(2) デジタル変革の取組状況について",
      "３ 閉会",
      "【資料１－１】 行財政改革の取組状況",
      "【資料１－２】 ＫＰＩ一覧",
      "【資料２－１】 新旧対照表",
    ];
    let from = 0;
    for (const part of order) {
      const at = text.indexOf(part, from);
      expect(at, `「${part}」 after position ${from} in: ${text}`).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });

  it("lists the 資料 without a heading, as the printed 次第 and the seed's do", () => {
    const { getByTestId, getByLabelText } = render(Shidai, { view: demoShidai });
    expect(textOf(getByTestId("shidai"))).not.toContain("配付資料");
    // Still named for screen readers.
    expect(within(getByLabelText("配付資料")).getAllByTestId("material")).toHaveLength(3);
  });

  it("centres the title lines in the heading", () => {
    const { container } = render(Shidai, { view: demoShidai });
    const lines = [...container.querySelectorAll(".heading .title-line")].map(textOf);
    expect(lines).toEqual(demoShidai.titleLines);
  });

  it("indents agenda lines by depth", () => {
    const { getByLabelText } = render(Shidai, { view: demoShidai });
    const items = within(getByLabelText("議事")).getAllByRole("listitem");
    expect(items.map((item) => item.className.match(/depth-\d/u)?.[0])).toEqual([
      "depth-0",
      "depth-0",
      "depth-1",
      "depth-1",
      "depth-0",
    ]);
  });

  it("warns about a material without content, and only that one", () => {
    const { getAllByTestId } = render(Shidai, { view: demoShidai });
    const flagged = getAllByTestId("material")
      .filter((item) => textOf(item).includes("内容未登録"))
      .map(textOf);
    expect(flagged).toEqual(["【資料１－２】 ＫＰＩ一覧 内容未登録"]);
  });

  it("leaves out the time note line and the material list when there are none", () => {
    const { getByTestId, queryByText } = render(Shidai, {
      view: {
        ...demoShidai,
        dateLabel: "令和　　年　　月　　日（　）",
        timeNote: "",
        materials: [],
      },
    });
    const date = getByTestId("shidai-date");
    expect(textOf(date)).toBe("令和 年 月 日（ ）");
    expect(date.parentElement?.children.length).toBe(1);
    expect(queryByText("配付資料")).toBeNull();
  });
});
