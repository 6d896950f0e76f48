// Test data shaped like the bundled demo meeting (令和５年６月５日 合同会議).
import type { MeetingSummary, ShidaiView } from "../../ipc";

export const demoMeetings: MeetingSummary[] = [
  {
    id: 1,
    titleLines: ["福島県行財政改革推進本部・", "福島県デジタル社会形成推進本部合同会議"],
    dateLabel: "令和５年６月５日（月）",
    materialCount: 3,
  },
  {
    id: 2,
    titleLines: ["第２回合同会議"],
    dateLabel: null,
    materialCount: 0,
  },
];

export const demoShidai: ShidaiView = {
  meetingId: 1,
  titleLines: ["福島県行財政改革推進本部・", "福島県デジタル社会形成推進本部合同会議"],
  dateLabel: "令和５年６月５日（月）",
  timeNote: "※午前９時からの部長会議終了後",
  placeLines: ["危機管理センター"],
  agenda: [
    { id: 10, depth: 0, label: "１", title: "開会" },
    { id: 11, depth: 0, label: "２", title: "議題" },
    { id: 12, depth: 1, label: "(1)", title: "行財政改革の取組状況について" },
    { id: 13, depth: 1, label: "(2)", title: "デジタル変革の取組状況について" },
    { id: 14, depth: 0, label: "３", title: "閉会" },
  ],
  materials: [
    {
      id: 100,
      label: "資料１－１",
      title: "行財政改革の取組状況",
      kind: "text",
      kindLabel: "文書",
      empty: false,
      agendaItemId: 12,
    },
    {
      id: 101,
      label: "資料１－２",
      title: "ＫＰＩ一覧",
      kind: "kpiTable",
      kindLabel: "ＫＰＩ表",
      empty: true,
      agendaItemId: 12,
    },
    {
      id: 102,
      label: "資料２－１",
      title: "新旧対照表",
      kind: "shinkyu",
      kindLabel: "新旧対照表",
      empty: false,
      agendaItemId: 13,
    },
  ],
  text: "",
};
