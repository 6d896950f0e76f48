//! KPI 資料 printed from the KPI model, not from their source files: indicator tables with 令和 fiscal-year
//! headings (header repeated on every page, numbers right-aligned), and the per-field roll-up of 資料2-1 with a bar
//! chart of the 達成 share drawn as vector rectangles.
//!
//! The tables arrive as text already (the app builds them with `shiryo_kpi::tables`), so this crate needs no
//! KPI import dependency; only the roll-up uses the core's [`RollupRow`].

use shiryo_core::kpi::RollupRow;

use crate::fonts::Face;
use crate::grid::{set_grid, ColumnAlign, Grid, GridColumn};
use crate::layout::{Align, Flow, Para};
use crate::model::Item;

/// A KPI 資料 as printed: its sections in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KpiPrint {
    pub sections: Vec<KpiSection>,
}

/// One part of a KPI 資料.
#[derive(Debug, Clone, PartialEq)]
pub enum KpiSection {
    /// A table of indicators (or any KPI table of text).
    Table(KpiTable),
    /// The per-field roll-up (事業数, A, B, B/A, 一部達成) with its chart.
    Rollup(KpiRollup),
}

/// A column of a KPI table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiColumn {
    /// The heading; `\n` breaks it (`令和４年度\n目標値`).
    pub title: String,
    /// Values: right-aligned, and their number runs are never split.
    pub numeric: bool,
    /// Printed once per run of equal values (分野, 項目).
    pub group: bool,
}

/// A table of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KpiTable {
    /// A heading above the table (may be empty).
    pub title: String,
    pub columns: Vec<KpiColumn>,
    pub rows: Vec<Vec<String>>,
}

/// The roll-up of 資料2-1.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiRollup {
    pub title: String,
    /// Field rows and part totals (`field_code` empty), in order.
    pub rows: Vec<RollupRow>,
    /// A line under the table saying what was counted.
    pub note: String,
}

const TABLE_SIZE: f32 = 8.0;

/// Sets a KPI table through the one table layout ([`crate::grid`]): header on every page, numbers right-aligned,
/// group columns (分野, 項目) merged per run.
pub fn table(flow: &mut Flow<'_>, t: &KpiTable, check: &mut dyn FnMut(Face, usize, &str) -> String) {
    let mut grid = Grid {
        caption: t.title.clone(),
        columns: t
            .columns
            .iter()
            .map(|c| GridColumn {
                title: c.title.clone(),
                align: if c.numeric { ColumnAlign::Right } else { ColumnAlign::Left },
                group: c.group,
            })
            .collect(),
        rows: t.rows.clone(),
        size: TABLE_SIZE,
        ..Grid::default()
    };
    grid.map_text(check);
    set_grid(flow, &grid);
}

fn field_name(r: &RollupRow) -> String {
    if r.field_code.is_empty() {
        "合計".to_string()
    } else {
        format!("{} {}", r.field_code, r.field).trim().to_string()
    }
}

/// The roll-up as a table of text (the same cells the chart is drawn from).
pub fn rollup_table(r: &KpiRollup) -> KpiTable {
    let col = |title: &str, numeric: bool| KpiColumn { title: title.to_string(), numeric, group: false };
    KpiTable {
        title: r.title.clone(),
        columns: vec![
            col("区分", false),
            col("分野", false),
            col("事業数", true),
            col("KPI設定\n事業数(A)", true),
            col("達成(B)", true),
            col("達成率\n(B)/(A)", true),
            col("一部達成", true),
        ],
        rows: r
            .rows
            .iter()
            .map(|row| {
                vec![
                    row.part.clone(),
                    field_name(row),
                    row.projects.map(|p| p.to_string()).unwrap_or_default(),
                    row.kpi_projects.to_string(),
                    row.achieved.to_string(),
                    row.rate_text(),
                    row.partially_achieved.to_string(),
                ]
            })
            .collect(),
    }
}

const BAR_H: f32 = 9.0;
const BAR_GAP: f32 = 4.5;
const ACHIEVED_GRAY: f32 = 0.3;
const PARTIAL_GRAY: f32 = 0.78;

/// The roll-up table, then the chart: one horizontal bar per field (and per part's total), 0–100 % of its KPI
/// projects, dark for 達成 and light for 一部達成, with the percentage written beside it (never colour alone).
pub fn rollup(flow: &mut Flow<'_>, r: &KpiRollup, check: &mut dyn FnMut(Face, usize, &str) -> String) {
    table(flow, &rollup_table(r), check);
    if !r.note.is_empty() {
        flow.space(2.0);
        flow.paragraph(&check(Face::Mincho, 0, &r.note), &Para::plain(Face::Mincho, 8.0, 12.0));
    }
    let bars: Vec<&RollupRow> =
        r.rows.iter().filter(|row| row.kpi_projects > 0 || !row.field_code.is_empty()).collect();
    if bars.is_empty() {
        return;
    }
    let size = 8.0;
    let fonts = flow.fonts;
    let labels: Vec<String> = bars
        .iter()
        .map(|row| {
            let name = if row.field_code.is_empty() { format!("{} 合計", row.part) } else { field_name(row) };
            check(Face::Gothic, 0, &name)
        })
        .collect();
    let label_w = labels.iter().map(|l| fonts.width(Face::Gothic, size, l)).fold(0.0f32, f32::max) + 8.0;
    let value_w = fonts.width(Face::Mincho, size, "100%（50/50）") + 8.0;
    let height = 17.0 + 14.0 + bars.len() as f32 * (BAR_H + BAR_GAP) + 16.0;
    flow.space(10.0);
    flow.ensure(height.min(flow.frame.height - flow.frame.top - flow.frame.bottom));
    let title = "分野別の達成の割合（達成(B)／KPI設定事業数(A)）";
    let mut para = Para::plain(Face::Gothic, 10.5, 17.0);
    para.align = Align::Left;
    flow.paragraph(title, &para);
    let left = flow.frame.left;
    let bar_x = left + label_w;
    let bar_w = (flow.frame.content_width() - label_w - value_w).clamp(80.0, 420.0);
    // Legend.
    let legend_y = flow.y + 2.0;
    let mut x = bar_x;
    for (gray, text) in [(ACHIEVED_GRAY, "達成"), (PARTIAL_GRAY, "一部達成")] {
        flow.push(Item::Fill { x, y: legend_y, w: 8.0, h: 8.0, gray });
        flow.push(Item::Rect { x, y: legend_y, w: 8.0, h: 8.0, width: 0.4 });
        flow.push(Item::Text { x: x + 11.0, y: legend_y + 7.0, face: Face::Mincho, size, text: text.into() });
        x += 11.0 + fonts.width(Face::Mincho, size, text) + 14.0;
    }
    flow.y += 14.0;
    let top = flow.y;
    let start_page = flow.pages.len();
    for (row, label) in bars.iter().zip(&labels) {
        if flow.room() < BAR_H + BAR_GAP + 12.0 {
            flow.new_page();
        }
        let y = flow.y;
        let face = if row.field_code.is_empty() { Face::GothicBold } else { Face::Gothic };
        flow.push(Item::Text { x: left, y: y + BAR_H - 1.5, face, size, text: label.clone() });
        let a = row.kpi_projects;
        if a > 0 {
            let share = |n: u32| bar_w * (n.min(a) as f32) / a as f32;
            let achieved = share(row.achieved);
            let partial = share(row.partially_achieved).min(bar_w - achieved);
            if achieved > 0.0 {
                flow.push(Item::Fill { x: bar_x, y, w: achieved, h: BAR_H, gray: ACHIEVED_GRAY });
            }
            if partial > 0.0 {
                flow.push(Item::Fill { x: bar_x + achieved, y, w: partial, h: BAR_H, gray: PARTIAL_GRAY });
            }
        }
        flow.push(Item::Rect { x: bar_x, y, w: bar_w, h: BAR_H, width: 0.4 });
        let value = if a > 0 { format!("{}（{}/{a}）", row.rate_text(), row.achieved) } else { "－".to_string() };
        flow.push(Item::Text { x: bar_x + bar_w + 6.0, y: y + BAR_H - 1.5, face: Face::Mincho, size, text: value });
        flow.y += BAR_H + BAR_GAP;
    }
    // Scale: 0, 50 and 100 % under the bars (on the page of the last bar).
    let bottom = flow.y;
    let scale_top = if flow.pages.len() == start_page { top } else { flow.frame.top };
    for (pct, text) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
        let x = bar_x + bar_w * pct;
        flow.push(Item::Line { x1: x, y1: scale_top - 2.0, x2: x, y2: bottom, width: 0.3 });
        let w = fonts.width(Face::Mincho, 7.0, text);
        flow.push(Item::Text { x: x - w / 2.0, y: bottom + 8.0, face: Face::Mincho, size: 7.0, text: text.into() });
    }
    flow.y = bottom + 12.0;
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;
    use shiryo_core::kpi::{Basis, RollupRow};

    use super::*;
    use crate::emit::{emit, EmitOptions};
    use crate::layout::Frame;
    use crate::model::Document;
    use crate::Fonts;

    fn row(part: &str, code: &str, field: &str, n: u32, a: u32, b: u32, partial: u32) -> RollupRow {
        RollupRow {
            source: "資料2-2".into(),
            basis: Basis::Printed,
            part: part.into(),
            field_code: code.into(),
            field: field.into(),
            projects: Some(n),
            kpi_projects: a,
            achieved: b,
            partially_achieved: partial,
            not_measurable: 0,
            achievement_rate: shiryo_core::kpi::rollup::percent(b, a),
            printed_kpi_projects: None,
            printed_achieved: None,
        }
    }

    fn rollup_pages(fonts: &Fonts) -> Vec<crate::model::Page> {
        let r = KpiRollup {
            title: "令和４年度　分野別のＫＰＩ達成状況".into(),
            rows: vec![
                row("行政", "Ⅰ-1", "まず始めに実施すべき取組", 7, 1, 1, 0),
                row("行政", "Ⅰ-2", "行政サービスの向上に向けた取組", 9, 3, 0, 3),
                row("行政", "", "", 43, 12, 7, 5),
            ],
            note: String::new(),
        };
        let mut flow = Flow::new(fonts, Frame::landscape());
        rollup(&mut flow, &r, &mut |_, _, s| s.to_string());
        flow.pages
    }

    #[test]
    fn the_chart_draws_one_filled_bar_per_share_in_proportion() {
        let fonts = Fonts::load().unwrap();
        let pages = rollup_pages(&fonts);
        assert_eq!(pages.len(), 1);
        let fills: Vec<(f32, f32)> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fill { w, gray, .. } => Some((*w, *gray)),
                _ => None,
            })
            .collect();
        // Legend (2), Ⅰ-1 達成 1/1, Ⅰ-2 一部達成 3/3, 合計 達成 7/12 and 一部達成 5/12.
        assert_eq!(fills.len(), 6, "{fills:?}");
        let full = fills[2].0;
        assert!((fills[3].0 - full).abs() < 0.01 && fills[3].1 > fills[2].1, "Ⅰ-2 is all 一部達成, lighter");
        assert!((fills[4].0 - full * 7.0 / 12.0).abs() < 0.01, "{fills:?}");
        assert!((fills[5].0 - full * 5.0 / 12.0).abs() < 0.01, "{fills:?}");
        let text = pages[0].text();
        assert!(text.contains("58%（7/12）") && text.contains("行政 合計"), "{text}");
        assert!(text.contains("KPI設定\n事業数(A)") || text.contains("事業数(A)"), "{text}");
    }

    #[test]
    fn the_chart_is_vector_rectangles_in_the_pdf() {
        let fonts = Fonts::load().unwrap();
        let doc = Document { title: "t".into(), pages: rollup_pages(&fonts), ..Document::default() };
        let created = NaiveDate::from_ymd_opt(2023, 6, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let bytes = emit(&fonts, &doc, &EmitOptions { created, document_id: [7; 16] }, &mut |_, _| {}).unwrap();
        let pdf = lopdf::Document::load_mem(&bytes).unwrap();
        let page = *pdf.get_pages().values().next().unwrap();
        let content = lopdf::content::Content::decode(&pdf.get_page_content(page)).unwrap();
        let ops: Vec<&str> = content.operations.iter().map(|o| o.operator.as_str()).collect();
        let filled = ops.windows(2).filter(|w| w == &["re", "f"]).count();
        let stroked = ops.windows(2).filter(|w| w == &["re", "S"]).count();
        assert_eq!(filled, 6, "filled rectangles (re f): {ops:?}");
        assert!(stroked >= 5, "bar frames and legend boxes (re S): {stroked}");
        assert!(!content.operations.iter().any(|o| o.operator == "Do"), "no image");
    }
}
