import { describe, expect, it } from "vitest";

import { demoMeetings } from "./fixtures";
import {
  bracketLabel,
  depthClass,
  fileName,
  meetingDateLabel,
  meetingTitle,
  nextIndex,
  parseDateInput,
  slashDate,
  UNDATED_LABEL,
} from "./format";

describe("the date field", () => {
  it("shows an ISO date as 2023/06/05 and an undecided one as an empty field", () => {
    expect(slashDate("2023-06-05")).toBe("2023/06/05");
    expect(slashDate(null)).toBe("");
  });

  it("reads what people type, full-width digits and 年月日 too, and refuses days that do not exist", () => {
    expect(parseDateInput("2023/06/05")).toEqual({ iso: "2023-06-05" });
    expect(parseDateInput("2023/6/5")).toEqual({ iso: "2023-06-05" });
    expect(parseDateInput("２０２３年６月５日")).toEqual({ iso: "2023-06-05" });
    expect(parseDateInput("2024-02-29")).toEqual({ iso: "2024-02-29" });
    expect(parseDateInput("  ")).toEqual({ iso: null });
    expect(parseDateInput("2023/02/29")).toEqual({ problem: "2023年2月29日という日はありません。" });
    expect("problem" in parseDateInput("06/05/2023")).toBe(true);
  });
});

describe("meeting labels", () => {
  it("shows the date, or 日付未定 when there is none", () => {
    const [dated, undated] = demoMeetings;
    if (dated === undefined || undated === undefined) {
      throw new Error("fixture has two meetings");
    }
    expect(meetingDateLabel(dated)).toBe("令和５年６月５日（月）");
    expect(meetingDateLabel(undated)).toBe(UNDATED_LABEL);
    expect(UNDATED_LABEL).toBe("日付未定");
    expect(meetingDateLabel({ ...dated, dateLabel: "  " })).toBe("日付未定");
  });

  it("joins the organising bodies into one title", () => {
    const [dated] = demoMeetings;
    expect(dated && meetingTitle(dated)).toBe(
      "福島県行財政改革推進本部・福島県デジタル社会形成推進本部合同会議",
    );
  });
});

describe("fileName", () => {
  it("keeps the last part of a Linux, macOS or Windows path", () => {
    expect(fileName("/home/a/.local/share/jp.shiryo.app/workspace.shiryo")).toBe("workspace.shiryo");
    expect(fileName("C:\\Users\\a\\AppData\\Roaming\\jp.shiryo.app\\workspace.shiryo")).toBe(
      "workspace.shiryo",
    );
    expect(fileName("demo.shiryo")).toBe("demo.shiryo");
    expect(fileName("/tmp/dir/")).toBe("dir");
    expect(fileName("")).toBe("");
  });
});

describe("bracketLabel", () => {
  it("puts a material label in 【】", () => {
    expect(bracketLabel("資料２－４")).toBe("【資料２－４】");
  });
});

describe("depthClass", () => {
  it("indents by depth within the styled range", () => {
    expect(depthClass(0)).toBe("depth-0");
    expect(depthClass(2)).toBe("depth-2");
    expect(depthClass(9)).toBe("depth-5");
    expect(depthClass(-1)).toBe("depth-0");
    expect(depthClass(Number.NaN)).toBe("depth-0");
  });
});

describe("nextIndex", () => {
  it("moves with the arrow keys and stops at the ends", () => {
    expect(nextIndex(0, "ArrowDown", 3)).toBe(1);
    expect(nextIndex(2, "ArrowDown", 3)).toBe(2);
    expect(nextIndex(1, "ArrowUp", 3)).toBe(0);
    expect(nextIndex(0, "ArrowUp", 3)).toBe(0);
  });

  it("jumps with Home and End", () => {
    expect(nextIndex(1, "Home", 3)).toBe(0);
    expect(nextIndex(1, "End", 3)).toBe(2);
  });

  it("ignores other keys and empty lists", () => {
    expect(nextIndex(1, "Enter", 3)).toBeNull();
    expect(nextIndex(1, "a", 3)).toBeNull();
    expect(nextIndex(0, "ArrowDown", 0)).toBeNull();
  });

  it("recovers from an index past the end", () => {
    expect(nextIndex(7, "ArrowUp", 3)).toBe(1);
  });
});
