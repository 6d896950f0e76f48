// Rows shaped as the backend sends them (shiryo_app::kpi_review::KpiRowView), for the grid's tests.
import type { KpiReviewView, KpiRowView } from "../../ipc";

export function row(n: number, over: Partial<KpiRowView> = {}): KpiRowView {
  return {
    key: `1:${n}`,
    tableId: 1,
    row: n,
    part: "地域",
    field: n % 2 === 0 ? "Ⅲ-4 産業振興" : "Ⅲ-3 教育・人材育成",
    project: `No.${n} 事業${n}`,
    name: `指標${n}`,
    baseline: "100人",
    baselineYear: "R3",
    years: [{ label: "令和４年度", short: "R4", target: "120人", actual: "130人", printedStatus: "達成" }],
    polarity: "higher",
    polarityLabel: "多いほど良い",
    polarityOverride: null,
    computedStatus: "達成",
    printedStatus: "達成",
    statusOverride: null,
    agrees: true,
    tone: "ok",
    outcome: "achieved",
    progressRate: 1.5,
    findings: [],
    note: "",
    trend: [
      { label: "基準", kind: "baseline", slot: 0, value: 100, text: "基準 100人" },
      { label: "R4", kind: "target", slot: 1, value: 120, text: "R4 目標 120人" },
      { label: "R4", kind: "actual", slot: 1, value: 130, text: "R4 実績 130人" },
      { label: "R5", kind: "target", slot: 2, value: 150, text: "R5 目標 150人" },
    ],
    ...over,
  };
}

/** The 建設業総実労働時間 row as the demo's 資料2-2 has it. */
export function hoursRow(): KpiRowView {
  return row(56, {
    key: "1:56",
    field: "Ⅲ-4 産業振興",
    project: "No.45 4(3)ア デジタル技術を活用した工事の推進",
    name: "建設業の総実労働時間／月",
    baseline: "",
    baselineYear: "",
    years: [{ label: "令和４年度", short: "R4", target: "165.6時間", actual: "167.3時間", printedStatus: "達成" }],
    polarity: "lower",
    polarityLabel: "少ないほど良い",
    computedStatus: "一部達成",
    printedStatus: "達成",
    agrees: false,
    tone: "bad",
    outcome: "shortfall",
    progressRate: null,
    findings: [
      {
        code: "status_contradicts",
        label: "達成状況が数値と矛盾",
        severity: "error",
        message: "令和４年度の達成状況「達成」が数値と矛盾します（目標 165.6時間、実績 167.3時間、少ないほど良い指標）。",
      },
    ],
    trend: [],
  });
}

export function review(rows: KpiRowView[]): KpiReviewView {
  return {
    materialId: 7,
    title: "資料２－２　DXに係る令和４年度の取組状況",
    yearLabel: "令和４年度",
    presetName: "2段階（達成・一部達成）",
    statusLabels: ["達成", "一部達成", "－"],
    rows,
    rollups: [
      {
        key: "0|行政|",
        part: "行政",
        field: "合計",
        isTotal: true,
        projects: 43,
        printed: { kpiProjects: 12, achieved: 7, rate: "58%", partiallyAchieved: 5, notMeasurable: 0 },
        computed: { kpiProjects: 12, achieved: 6, rate: "50%", partiallyAchieved: 5, notMeasurable: 1 },
        differs: true,
      },
      {
        key: "1|地域|Ⅲ-9",
        part: "地域",
        field: "Ⅲ-9 その他",
        isTotal: false,
        projects: null,
        printed: { kpiProjects: 1, achieved: 1, rate: "100%", partiallyAchieved: 0, notMeasurable: 0 },
        computed: null,
        differs: false,
      },
    ],
    rollupSource: "この資料の行を事業単位で集計",
    differences: [{ field: "Ⅰ-1", project: "No.5 業務の棚卸し", printed: "達成", computed: "判定不能", rows: [2] }],
    summary: { rows: rows.length, compared: rows.length, agreed: rows.length - 1, disagreed: 1, flagged: 1 },
    files: ["kpi_r4_results_2-2.csv"],
    canUndo: false,
    canRedo: false,
  };
}
