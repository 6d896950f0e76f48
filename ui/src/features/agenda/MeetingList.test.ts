import { fireEvent, render } from "@testing-library/svelte";
import { describe, expect, it, vi } from "vitest";

import { demoMeetings } from "./fixtures";
import MeetingList from "./MeetingList.svelte";

const threeMeetings = [
  ...demoMeetings,
  { id: 3, titleLines: ["第３回会議"], dateLabel: "令和６年１月９日（火）", materialCount: 1 },
];

describe("MeetingList", () => {
  it("shows each meeting's title and date, or 日付未定", () => {
    const { getAllByTestId } = render(MeetingList, {
      meetings: demoMeetings,
      selectedId: 1,
      onselect: () => {},
    });
    const items = getAllByTestId("meeting-item");
    expect(items.map((item) => item.textContent?.replace(/\s+/gu, ""))).toEqual([
      "福島県行財政改革推進本部・福島県デジタル社会形成推進本部合同会議令和５年６月５日（月）",
      "第２回合同会議日付未定",
    ]);
    expect(items[0]?.getAttribute("aria-current")).toBe("true");
    expect(items[1]?.hasAttribute("aria-current")).toBe(false);
  });

  it("keeps only one item in the tab order", () => {
    const { getAllByTestId } = render(MeetingList, {
      meetings: threeMeetings,
      selectedId: 2,
      onselect: () => {},
    });
    const tabIndexes = getAllByTestId("meeting-item").map((item) => item.tabIndex);
    expect(tabIndexes).toEqual([-1, 0, -1]);
  });

  it("moves focus with the arrow keys and selects on click", async () => {
    const onselect = vi.fn();
    const { getAllByTestId } = render(MeetingList, {
      meetings: threeMeetings,
      selectedId: 1,
      onselect,
    });
    const items = getAllByTestId("meeting-item");
    const [first, second, third] = items;
    if (first === undefined || second === undefined || third === undefined) {
      throw new Error("three items expected");
    }
    first.focus();
    await fireEvent.keyDown(first, { key: "ArrowDown" });
    expect(document.activeElement).toBe(second);
    await fireEvent.keyDown(second, { key: "End" });
    expect(document.activeElement).toBe(third);
    await fireEvent.keyDown(third, { key: "ArrowDown" });
    expect(document.activeElement).toBe(third);
    await fireEvent.keyDown(third, { key: "ArrowUp" });
    expect(document.activeElement).toBe(second);
    expect(items.map((item) => item.tabIndex)).toEqual([-1, 0, -1]);
    expect(onselect).not.toHaveBeenCalled();

    // Enter on a focused button is a click: the browser turns one into the other.
    await fireEvent.click(second);
    expect(onselect).toHaveBeenCalledWith(2);
  });

  it("says so when there is no meeting", () => {
    const { getByTestId } = render(MeetingList, {
      meetings: [],
      selectedId: null,
      onselect: () => {},
    });
    expect(getByTestId("meeting-list").textContent).toContain("会議が登録されていません。");
  });
});
