//! 表 資料: a sheet as the department made it, and the layout the person chose for printing it — which columns
//! print and in what order, their headings, the group columns, the orientation, a title line and note lines.
//! Pure: [`TableLayout::apply`] turns the sheet's rows into the tables to print; the print engine lays them out.

use serde::{Deserialize, Serialize};

/// Portrait, landscape, or whichever the table's width asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableOrientation {
    #[default]
    Auto,
    Portrait,
    Landscape,
}

/// One column of the sheet as the layout uses it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutColumn {
    /// 0-based column of the sheet.
    pub source: usize,
    /// The heading printed; empty: the sheet's own heading.
    #[serde(default)]
    pub title: String,
    /// Ticked for print. A column that is not ticked is working data and never reaches the handout.
    #[serde(default)]
    pub print: bool,
}

/// The title and caption of the table of one value of the split column (行政 → （参考資料）行政のＤＸに係る…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionTitle {
    pub value: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub caption: String,
}

/// How a 表 資料 prints, saved in the workspace beside its source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableLayout {
    /// The sheet of a workbook (none: the first; a CSV has one).
    #[serde(default)]
    pub sheet: Option<String>,
    /// How many rows at the top are headings (joined with a line break per column).
    #[serde(default = "one")]
    pub header_rows: usize,
    /// The sheet's headings when the layout was made: a replaced file keeps the layout when they match.
    #[serde(default)]
    pub headers: Vec<String>,
    /// The columns in print order, ticked or not. Columns of the sheet missing here are not printed.
    #[serde(default)]
    pub columns: Vec<LayoutColumn>,
    /// Sheet columns printed once per run of equal values (分野, 項目, 担当課), in nesting order.
    #[serde(default)]
    pub group: Vec<usize>,
    #[serde(default)]
    pub orientation: TableOrientation,
    /// The title line above the table (empty: the 資料's title).
    #[serde(default)]
    pub title: String,
    /// A line above the table at the left (the plan's name in the seed).
    #[serde(default)]
    pub caption: String,
    /// Lines under the table (※ …).
    #[serde(default)]
    pub notes: Vec<String>,
    /// A sheet column whose runs of values each print as a table of their own (行政 / 地域), starting a page.
    #[serde(default)]
    pub split_by: Option<usize>,
    #[serde(default)]
    pub section_titles: Vec<SectionTitle>,
}

fn one() -> usize {
    1
}

impl Default for TableLayout {
    fn default() -> Self {
        TableLayout {
            sheet: None,
            header_rows: 1,
            headers: Vec::new(),
            columns: Vec::new(),
            group: Vec::new(),
            orientation: TableOrientation::Auto,
            title: String::new(),
            caption: String::new(),
            notes: Vec::new(),
            split_by: None,
            section_titles: Vec::new(),
        }
    }
}

/// A column as it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedColumn {
    pub title: String,
    pub group: bool,
}

/// One table to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedTable {
    pub title: String,
    pub caption: String,
    pub columns: Vec<PrintedColumn>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

/// The sheet's headings from its first `header_rows` rows: the rows' texts of a column joined by a line break
/// (blank parts and a part equal to the one above it, as merged cells read, are left out).
pub fn headings(rows: &[Vec<String>], header_rows: usize) -> Vec<String> {
    let width = rows.iter().take(header_rows).map(Vec::len).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            let mut parts: Vec<&str> = Vec::new();
            for row in rows.iter().take(header_rows) {
                let part = row.get(c).map_or("", |s| s.trim());
                if !part.is_empty() && parts.last() != Some(&part) {
                    parts.push(part);
                }
            }
            parts.join("\n")
        })
        .collect()
}

impl TableLayout {
    /// The layout of a newly added sheet: every column ticked in the sheet's order.
    pub fn for_headers(headers: &[String]) -> TableLayout {
        TableLayout {
            headers: headers.to_vec(),
            columns: (0..headers.len())
                .map(|source| LayoutColumn { source, title: String::new(), print: true })
                .collect(),
            ..TableLayout::default()
        }
    }

    /// Whether a replacing sheet has the same columns (same headings, same order): then the layout stays.
    pub fn matches(&self, headers: &[String]) -> bool {
        let norm = |h: &String| h.trim().to_string();
        self.headers.iter().map(norm).eq(headers.iter().map(norm))
    }

    /// The tables to print from the sheet's `rows` (headings included, as read). `title` is the 資料's title, the
    /// default title line.
    pub fn apply(&self, rows: &[Vec<String>], title: &str) -> Vec<PrintedTable> {
        let header_rows = self.header_rows.min(rows.len());
        let heads = headings(rows, header_rows);
        let body = &rows[header_rows..];
        let printed: Vec<&LayoutColumn> = self.columns.iter().filter(|c| c.print).collect();
        let columns: Vec<PrintedColumn> = printed
            .iter()
            .map(|c| PrintedColumn {
                title: if c.title.trim().is_empty() {
                    heads.get(c.source).cloned().unwrap_or_default()
                } else {
                    c.title.clone()
                },
                group: self.group.contains(&c.source),
            })
            .collect();
        // Group columns nest in the layout's group order: print them in that order among themselves is the
        // person's choice; the run logic nests by print order, which is what a reader sees.
        let cell = |row: &Vec<String>, c: usize| row.get(c).map_or(String::new(), |s| s.trim().to_string());
        let mut sections: Vec<(String, Vec<&Vec<String>>)> = Vec::new();
        for row in body.iter().filter(|r| r.iter().any(|c| !c.trim().is_empty())) {
            let key = self.split_by.map(|c| cell(row, c)).unwrap_or_default();
            match sections.last_mut() {
                Some((k, list)) if *k == key => list.push(row),
                _ => sections.push((key, vec![row])),
            }
        }
        if sections.is_empty() {
            sections.push((String::new(), Vec::new()));
        }
        let last = sections.len() - 1;
        sections
            .into_iter()
            .enumerate()
            .map(|(i, (key, list))| {
                let named = self.section_titles.iter().find(|s| s.value == key);
                let title = match named {
                    Some(s) if !s.title.is_empty() => s.title.clone(),
                    _ if !self.title.is_empty() => self.title.clone(),
                    _ => title.to_string(),
                };
                let caption = match named {
                    Some(s) if !s.caption.is_empty() => s.caption.clone(),
                    _ => self.caption.clone(),
                };
                PrintedTable {
                    title,
                    caption,
                    columns: columns.clone(),
                    rows: list.iter().map(|r| printed.iter().map(|c| cell(r, c.source)).collect()).collect(),
                    // The notes close the last table.
                    notes: if i == last { self.notes.clone() } else { Vec::new() },
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Vec<Vec<String>> {
        [
            vec!["part", "no", "field", "project", "note"],
            vec!["行政", "1", "1 まず", "研修", "抽出時のメモ"],
            vec!["行政", "2", "1 まず", "監査", ""],
            vec!["地域", "1", "2 地域", "観光", "メモ"],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
    }

    #[test]
    fn only_ticked_columns_print_in_the_chosen_order_with_their_new_headings() {
        let mut layout = TableLayout::for_headers(&headings(&sheet(), 1));
        layout.columns = vec![
            LayoutColumn { source: 3, title: "事業名".into(), print: true },
            LayoutColumn { source: 1, title: "番号".into(), print: true },
            LayoutColumn { source: 4, title: String::new(), print: false },
        ];
        let t = layout.apply(&sheet(), "一覧");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].title, "一覧");
        assert_eq!(t[0].columns.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["事業名", "番号"]);
        assert_eq!(t[0].rows[0], ["研修", "1"]);
        assert!(!format!("{t:?}").contains("メモ"), "an unticked column never prints");
    }

    #[test]
    fn a_split_column_makes_one_table_per_run_with_its_own_title() {
        let mut layout = TableLayout::for_headers(&headings(&sheet(), 1));
        layout.split_by = Some(0);
        layout.group = vec![2];
        layout.notes = vec!["※ 注".into()];
        layout.section_titles =
            vec![SectionTitle { value: "地域".into(), title: "地域の一覧".into(), caption: String::new() }];
        let t = layout.apply(&sheet(), "行政の一覧");
        assert_eq!(
            t.iter().map(|t| (t.title.as_str(), t.rows.len())).collect::<Vec<_>>(),
            [("行政の一覧", 2), ("地域の一覧", 1)]
        );
        assert!(t[0].columns[2].group && !t[0].columns[1].group);
        assert!(t[0].notes.is_empty() && t[1].notes == ["※ 注"]);
    }

    #[test]
    fn two_header_rows_join_per_column_and_a_replaced_sheet_keeps_the_layout_when_its_headings_match() {
        let rows: Vec<Vec<String>> = vec![
            vec!["目標値".into(), "目標値".into()],
            vec!["Ｒ４".into(), "Ｒ５".into()],
            vec!["1".into(), "2".into()],
        ];
        let heads = headings(&rows, 2);
        assert_eq!(heads, ["目標値\nＲ４", "目標値\nＲ５"]);
        let layout = TableLayout::for_headers(&heads);
        assert!(layout.matches(&heads));
        assert!(!layout.matches(&["目標値\nＲ４".to_string()]));
    }
}
