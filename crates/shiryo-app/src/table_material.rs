//! 表 資料: a sheet (.csv in UTF-8 or Shift_JIS, or one sheet of an .xlsx/.ods workbook) kept byte for byte as
//! the department sent it (file role `table`), and the layout the person chose for printing it (`table_layout`,
//! migration 0006): which columns print, in what order, under which heading; group columns; orientation; the
//! title line and ※ notes. Replacing the file keeps the layout when the columns match. A KPI 資料 can carry such
//! a file too (the demo's 資料2-2 prints its 事業 list this way while its KPI rows stay reviewable).

use chrono::NaiveDateTime;
use shiryo_core::table::{headings, LayoutColumn};
pub use shiryo_core::table::{TableLayout, TableOrientation};
use shiryo_core::MaterialKind as CoreKind;
use shiryo_print::{ColumnAlign, Grid, GridColumn, Orientation, TablePrint};
use shiryo_store::{MaterialFile, Workspace};

use crate::{App, AppError, Result};

/// The role of a 表 資料's sheet among its stored files.
pub const TABLE_ROLE: &str = "table";

/// Why a 表 資料's layout was refused (its Japanese message is error.rs's, as every error's).
pub use crate::error::{ColumnRole, LayoutRefusal};

fn refused(refusal: LayoutRefusal) -> AppError {
    AppError::TableLayout(refusal)
}

/// What the person chose when adding a 表 資料 (the CLI's flags): column numbers are 1-based, as a person counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableChoice {
    pub sheet: Option<String>,
    pub header_rows: Option<usize>,
    /// The columns to print, in order (none: all, in the sheet's order).
    pub columns: Option<Vec<usize>>,
    pub group: Vec<usize>,
    pub orientation: TableOrientation,
}

/// The bytes of a sheet file on disk, refused past the table size limit before it is read whole.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    shiryo_kpi::read_capped(path).map_err(AppError::Kpi)
}

/// Whether a file is one a 表 資料 reads its table from (.csv, .txt, .xlsx, .xlsm, .xls, .ods), by its name, as
/// [`shiryo_core::sniff`] tells kinds apart.
pub fn is_sheet(file_name: &str) -> bool {
    let kind = shiryo_core::sniff(file_name, &[]);
    kind.is_spreadsheet() || kind == shiryo_core::FileKind::Text
}

/// Reads the sheet a layout names.
pub fn read_sheet(file_name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<shiryo_kpi::Grid> {
    shiryo_kpi::read_grid(file_name, bytes, sheet).map_err(AppError::Kpi)
}

/// The layout a new 表 資料 gets from the person's choice, checked against the sheet.
pub fn layout_for(file_name: &str, bytes: &[u8], choice: &TableChoice) -> Result<TableLayout> {
    let grid = read_sheet(file_name, bytes, choice.sheet.as_deref())?;
    let header_rows = choice.header_rows.unwrap_or(1);
    if header_rows > grid.rows.len() {
        return Err(refused(LayoutRefusal::TooManyHeaderRows { header_rows, rows: grid.rows.len() }));
    }
    let heads = headings(&grid.rows, header_rows);
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0).max(heads.len());
    let check = |n: usize, role: ColumnRole| {
        if n == 0 || n > width {
            Err(refused(LayoutRefusal::ColumnOutside { role, column: n, width }))
        } else {
            Ok(n - 1)
        }
    };
    let mut layout = TableLayout::for_headers(&heads);
    layout.columns = (0..width).map(|source| LayoutColumn { source, title: String::new(), print: true }).collect();
    if let Some(chosen) = &choice.columns {
        if chosen.is_empty() {
            return Err(refused(LayoutRefusal::NoColumnChosen));
        }
        let chosen: Vec<usize> = chosen.iter().map(|&n| check(n, ColumnRole::Print)).collect::<Result<_>>()?;
        let mut columns: Vec<LayoutColumn> =
            chosen.iter().map(|&source| LayoutColumn { source, title: String::new(), print: true }).collect();
        columns.extend((0..width).filter(|c| !chosen.contains(c)).map(|source| LayoutColumn {
            source,
            title: String::new(),
            print: false,
        }));
        layout.columns = columns;
    }
    layout.group = choice.group.iter().map(|&n| check(n, ColumnRole::Group)).collect::<Result<_>>()?;
    layout.sheet = choice.sheet.clone().filter(|_| grid.sheets.len() > 1 || choice.sheet.is_some());
    layout.header_rows = header_rows;
    layout.orientation = choice.orientation;
    Ok(layout)
}

/// The saved layout of a 資料, or the default one for its sheet (every column, as read).
fn stored_layout(ws: &Workspace, material_id: i64, file: &MaterialFile) -> Result<TableLayout> {
    if let Some(json) = ws.table_layout(material_id)? {
        if let Ok(layout) = serde_json::from_str::<TableLayout>(&json) {
            return Ok(layout);
        }
    }
    let grid = read_sheet(&file.file_name, &file.content, None)?;
    Ok(TableLayout::for_headers(&headings(&grid.rows, 1)))
}

fn save_layout(ws: &mut Workspace, material_id: i64, layout: &TableLayout, now: NaiveDateTime) -> Result<()> {
    let json = serde_json::to_string(layout).map_err(|source| AppError::Json { what: "a table layout", source })?;
    ws.set_table_layout(material_id, &json, now)?;
    Ok(())
}

/// The print engine's tables for a layout over a sheet's rows.
pub fn to_print(layout: &TableLayout, rows: &[Vec<String>], title: &str) -> TablePrint {
    let orientation = match layout.orientation {
        TableOrientation::Auto => Orientation::Auto,
        TableOrientation::Portrait => Orientation::Portrait,
        TableOrientation::Landscape => Orientation::Landscape,
    };
    let sections = layout
        .apply(rows, title)
        .into_iter()
        .map(|t| Grid {
            title: t.title,
            caption: t.caption,
            columns: t
                .columns
                .into_iter()
                .map(|c| GridColumn { title: c.title, align: ColumnAlign::Auto, group: c.group })
                .collect(),
            rows: t.rows,
            notes: t.notes,
            size: shiryo_print::grid::GRID_SIZE,
        })
        .collect();
    TablePrint { orientation, sections }
}

/// What a 資料 with a sheet (role `table`) prints; `None` when it has none.
pub(crate) fn print_content(ws: &Workspace, material_id: i64, title: &str) -> Result<Option<TablePrint>> {
    let Some(file) = ws.material_files(material_id)?.into_iter().find(|f| f.role == TABLE_ROLE) else {
        return Ok(None);
    };
    let layout = stored_layout(ws, material_id, &file)?;
    let grid = read_sheet(&file.file_name, &file.content, layout.sheet.as_deref())?;
    Ok(Some(to_print(&layout, &grid.rows, title)))
}

impl App {
    /// Adds a 表 資料 from a sheet as the last 資料 of an agenda item, with the layout `choice` makes; answers with
    /// its id.
    #[allow(clippy::too_many_arguments)]
    pub fn add_table_material(
        &mut self,
        meeting_id: i64,
        item_id: i64,
        title: &str,
        file_name: &str,
        bytes: &[u8],
        choice: &TableChoice,
        now: NaiveDateTime,
    ) -> Result<i64> {
        crate::validate::title("資料名", title)?;
        crate::validate::file_name(file_name)?;
        let layout = layout_for(file_name, bytes, choice)?;
        let file = MaterialFile {
            role: TABLE_ROLE.to_string(),
            file_name: file_name.to_string(),
            media_type: shiryo_core::sniff(file_name, bytes).media_type().to_string(),
            content: bytes.to_vec(),
        };
        // One 次第 step: undo takes the 資料 out with its sheet and layout, redo brings all three back.
        let rows = crate::editor::material_rows(meeting_id);
        self.recorded(crate::history::Scope::Shidai, Some(meeting_id), &rows, |ws| {
            let material = shiryo_store::NewMaterial {
                title: title.to_string(),
                kind: CoreKind::Table,
                text: None,
                files: vec![file],
            };
            let id = ws.add_material(meeting_id, item_id, &material, now)?;
            save_layout(ws, id, &layout, now)?;
            Ok(id)
        })
    }

    /// The layout a 資料's sheet prints with (saved, or the default).
    pub fn table_layout(&self, material_id: i64) -> Result<Option<TableLayout>> {
        match self.ws.material_files(material_id)?.into_iter().find(|f| f.role == TABLE_ROLE) {
            Some(file) => Ok(Some(stored_layout(&self.ws, material_id, &file)?)),
            None => Ok(None),
        }
    }

    /// Saves a layout for a 資料's sheet after checking it against the sheet.
    pub fn set_table_layout(&mut self, material_id: i64, layout: &TableLayout, now: NaiveDateTime) -> Result<()> {
        save_checked(&mut self.ws, material_id, layout, now)
    }

    /// Replaces a 資料's sheet with a new version. The layout stays when the new sheet's headings are the same;
    /// otherwise it starts again from every column (the answer says which).
    pub fn replace_table_file(
        &mut self,
        material_id: i64,
        file_name: &str,
        bytes: &[u8],
        now: NaiveDateTime,
    ) -> Result<bool> {
        crate::validate::file_name(file_name)?;
        let old = self.table_layout(material_id)?;
        let sheet = old.as_ref().and_then(|l| l.sheet.clone());
        let header_rows = old.as_ref().map_or(1, |l| l.header_rows);
        let grid = read_sheet(file_name, bytes, sheet.as_deref()).or_else(|_| read_sheet(file_name, bytes, None))?;
        let heads = headings(&grid.rows, header_rows);
        let kept = old.as_ref().is_some_and(|l| l.matches(&heads));
        let file = MaterialFile {
            role: TABLE_ROLE.to_string(),
            file_name: file_name.to_string(),
            media_type: shiryo_core::sniff(file_name, bytes).media_type().to_string(),
            content: bytes.to_vec(),
        };
        self.ws.replace_material_file(material_id, &file)?;
        if !kept {
            let layout = TableLayout { header_rows, ..TableLayout::for_headers(&heads) };
            save_layout(&mut self.ws, material_id, &layout, now)?;
        }
        Ok(kept)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    const CSV: &str = "part,no,field,project,note\n行政,1,分野Ａ,研修,抽出メモ\n行政,2,分野Ａ,監査,\n";

    #[test]
    fn a_choice_of_columns_ticks_them_in_order_and_leaves_the_rest_unprinted() {
        let choice = TableChoice { columns: Some(vec![2, 4]), group: vec![3], ..TableChoice::default() };
        let layout = layout_for("p.csv", CSV.as_bytes(), &choice).unwrap();
        let ticked: Vec<usize> = layout.columns.iter().filter(|c| c.print).map(|c| c.source).collect();
        assert_eq!(ticked, [1, 3]);
        assert_eq!(layout.group, [2]);
        let print = to_print(&layout, &read_sheet("p.csv", CSV.as_bytes(), None).unwrap().rows, "一覧");
        assert_eq!(print.sections[0].rows, [["1", "研修"], ["2", "監査"]]);
        assert!(!format!("{print:?}").contains("抽出メモ"));
    }

    #[test]
    fn a_column_past_the_sheet_is_refused_in_japanese() {
        let choice = TableChoice { columns: Some(vec![9]), ..TableChoice::default() };
        let err = layout_for("p.csv", CSV.as_bytes(), &choice).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        assert!(err.message_ja().contains("列番号 9"), "{}", err.message_ja());
    }

    #[test]
    fn a_shift_jis_csv_reads_as_its_text() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("番号,事業名\n1,研修\n");
        let layout = layout_for("s.csv", &bytes, &TableChoice::default()).unwrap();
        assert_eq!(layout.headers, ["番号", "事業名"]);
    }
}

/// Saves a layout for a 資料's sheet after checking it against the sheet.
pub(crate) fn save_checked(
    ws: &mut Workspace,
    material_id: i64,
    layout: &TableLayout,
    now: NaiveDateTime,
) -> Result<()> {
    let file = ws
        .material_files(material_id)?
        .into_iter()
        .find(|f| f.role == TABLE_ROLE)
        .ok_or_else(|| refused(LayoutRefusal::NoSheet { material_id }))?;
    let grid = read_sheet(&file.file_name, &file.content, layout.sheet.as_deref())?;
    let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
    if let Some(bad) = layout.columns.iter().map(|c| c.source).chain(layout.group.iter().copied()).find(|&c| c >= width)
    {
        return Err(refused(LayoutRefusal::ColumnOutside { role: ColumnRole::Layout, column: bad + 1, width }));
    }
    if !layout.columns.iter().any(|c| c.print) {
        return Err(refused(LayoutRefusal::NoColumnChosen));
    }
    save_layout(ws, material_id, layout, now)
}

pub use screen::{TableColumnEdit, TableColumnView, TableLayoutRequest, TableView};

/// The 表 screen: the layout as a column list, edited one step at a time (each an undo step).
mod screen {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Serialize};
    use shiryo_core::table::{headings, LayoutColumn, TableOrientation};
    use ts_rs::TS;

    use shiryo_store::Rows;

    use super::{read_sheet, refused, save_checked, LayoutRefusal, TABLE_ROLE};
    use crate::history::Scope;
    // The screen names its 資料 as every 資料 command does.
    use crate::dto::MaterialRef;
    use crate::{App, AppError, Result};

    /// A column of the sheet as the screen lists it, in print order (ticked ones first as the layout orders them).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
    #[serde(rename_all = "camelCase")]
    #[ts(export)]
    pub struct TableColumnView {
        /// 0-based column of the sheet.
        pub source: u32,
        /// The sheet's own heading.
        pub heading: String,
        /// The heading printed instead (empty: the sheet's).
        pub title: String,
        pub print: bool,
        pub group: bool,
        /// The first values of the column, to recognise it.
        pub sample: String,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
    #[serde(rename_all = "camelCase")]
    #[ts(export)]
    pub struct TableView {
        pub label: String,
        pub title: String,
        pub file_name: String,
        pub sheets: Vec<String>,
        pub sheet: String,
        pub header_rows: u32,
        pub rows: u32,
        pub columns: Vec<TableColumnView>,
        /// `auto`, `portrait` or `landscape`.
        pub orientation: String,
        /// The title line (empty: the 資料's title).
        pub title_line: String,
        pub notes: Vec<String>,
        pub can_undo: bool,
        pub can_redo: bool,
    }

    #[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
    #[serde(rename_all = "camelCase")]
    #[ts(export)]
    pub struct TableColumnEdit {
        pub source: u32,
        pub title: String,
        pub print: bool,
        pub group: bool,
    }

    /// The layout the screen sends after one change (the whole column list, in order).
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
    #[serde(rename_all = "camelCase")]
    #[ts(export)]
    pub struct TableLayoutRequest {
        #[ts(type = "number")]
        pub meeting_id: i64,
        #[ts(type = "number")]
        pub material_id: i64,
        #[ts(optional)]
        pub sheet: Option<String>,
        pub header_rows: u32,
        pub columns: Vec<TableColumnEdit>,
        pub orientation: String,
        pub title_line: String,
        pub notes: Vec<String>,
    }

    fn orientation_code(o: TableOrientation) -> &'static str {
        match o {
            TableOrientation::Auto => "auto",
            TableOrientation::Portrait => "portrait",
            TableOrientation::Landscape => "landscape",
        }
    }

    impl App {
        /// The 表 screen of a 資料 with a sheet.
        pub fn table_view(&self, req: &MaterialRef) -> Result<TableView> {
            let meeting = self.ws.load_meeting(req.meeting_id)?;
            let m = meeting.numbered_materials().into_iter().find(|m| m.material.id == req.material_id).ok_or(
                shiryo_store::Error::MaterialNotFound { meeting_id: req.meeting_id, material_id: req.material_id },
            )?;
            let no_sheet = || refused(LayoutRefusal::NoSheet { material_id: req.material_id });
            let file = self
                .ws
                .material_files(req.material_id)?
                .into_iter()
                .find(|f| f.role == TABLE_ROLE)
                .ok_or_else(no_sheet)?;
            let layout = self.table_layout(req.material_id)?.ok_or_else(no_sheet)?;
            let grid = read_sheet(&file.file_name, &file.content, layout.sheet.as_deref())?;
            let heads = headings(&grid.rows, layout.header_rows);
            let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0).max(heads.len());
            let body = grid.rows.get(layout.header_rows..).unwrap_or(&[]);
            let sample = |c: usize| {
                body.iter()
                    .filter_map(|r| r.get(c).map(|s| s.trim()).filter(|s| !s.is_empty()))
                    .take(3)
                    .map(|s| s.chars().take(16).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let mut order: Vec<LayoutColumn> = layout.columns.iter().filter(|c| c.source < width).cloned().collect();
            for c in 0..width {
                if !order.iter().any(|o| o.source == c) {
                    order.push(LayoutColumn { source: c, title: String::new(), print: false });
                }
            }
            let columns = order
                .into_iter()
                .map(|c| TableColumnView {
                    source: u32::try_from(c.source).unwrap_or(u32::MAX),
                    heading: heads.get(c.source).cloned().unwrap_or_default(),
                    title: c.title,
                    print: c.print,
                    group: layout.group.contains(&c.source),
                    sample: sample(c.source),
                })
                .collect();
            let scope = Scope::Content(req.material_id);
            Ok(TableView {
                label: m.label.clone(),
                title: m.material.title.clone(),
                file_name: file.file_name,
                sheets: grid.sheets,
                sheet: grid.sheet,
                header_rows: u32::try_from(layout.header_rows).unwrap_or(u32::MAX),
                rows: u32::try_from(body.len()).unwrap_or(u32::MAX),
                columns,
                orientation: orientation_code(layout.orientation).to_string(),
                title_line: layout.title.clone(),
                notes: layout.notes.clone(),
                can_undo: self.history.can_undo(scope),
                can_redo: self.history.can_redo(scope),
            })
        }

        /// One change on the 表 screen: the new layout is checked and saved, the previous one kept for undo.
        pub fn table_set_layout(&mut self, req: &TableLayoutRequest, now: NaiveDateTime) -> Result<TableView> {
            for n in &req.notes {
                crate::validate::note("注記", n)?;
            }
            crate::validate::note("表題", &req.title_line)?;
            for c in &req.columns {
                crate::validate::note("見出し", &c.title)?;
            }
            // The 資料 is a 表 資料 of this meeting, and the sheet one of its file's, before anything is saved.
            let view = self.table_view(&MaterialRef { meeting_id: req.meeting_id, material_id: req.material_id })?;
            if let Some(sheet) = req.sheet.as_deref().filter(|s| !view.sheets.iter().any(|n| n == s)) {
                return Err(refused(LayoutRefusal::NoSuchSheet {
                    file: view.file_name.clone(),
                    sheet: sheet.to_string(),
                }));
            }
            let before = self
                .table_layout(req.material_id)?
                .ok_or_else(|| refused(LayoutRefusal::NoSheet { material_id: req.material_id }))?;
            let orientation = match req.orientation.as_str() {
                "portrait" => TableOrientation::Portrait,
                "landscape" => TableOrientation::Landscape,
                "auto" => TableOrientation::Auto,
                other => {
                    let value: String = other.chars().take(20).collect();
                    return Err(AppError::InvalidValue {
                        field: "用紙の向き（auto・portrait・landscape）", value
                    });
                }
            };
            let mut layout = before.clone();
            if req.sheet != before.sheet || req.header_rows as usize != before.header_rows {
                // Another sheet or other header rows: the headings are read again.
                let file = self.ws.material_files(req.material_id)?.into_iter().find(|f| f.role == TABLE_ROLE);
                if let Some(file) = file {
                    let grid = read_sheet(&file.file_name, &file.content, req.sheet.as_deref())?;
                    layout.headers = headings(&grid.rows, req.header_rows as usize);
                }
            }
            layout.sheet = req.sheet.clone();
            layout.header_rows = (req.header_rows as usize).max(1);
            layout.columns = req
                .columns
                .iter()
                .map(|c| LayoutColumn { source: c.source as usize, title: c.title.trim().to_string(), print: c.print })
                .collect();
            layout.group = req.columns.iter().filter(|c| c.group).map(|c| c.source as usize).collect();
            layout.orientation = orientation;
            layout.title = req.title_line.trim().to_string();
            layout.notes = req.notes.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
            if layout != before {
                // One step of the app's history in this 資料's scope: undo puts the layout row back as it was.
                let rows = [Rows::TableLayout(req.material_id)];
                self.recorded(Scope::Content(req.material_id), Some(req.meeting_id), &rows, |ws| {
                    save_checked(ws, req.material_id, &layout, now)
                })?;
            }
            self.table_view(&MaterialRef { meeting_id: req.meeting_id, material_id: req.material_id })
        }

        /// Undoes (or with `redo`, redoes) the last change of this 資料's layout.
        pub fn table_undo(&mut self, req: &MaterialRef, redo: bool, now: NaiveDateTime) -> Result<TableView> {
            // Checks the 資料 is a 表 資料 of this meeting before anything is taken back.
            self.table_view(req)?;
            let scope = Scope::Content(req.material_id);
            if redo {
                self.step_forward(scope, now)?;
            } else {
                self.step_back(scope, now)?;
            }
            self.table_view(req)
        }
    }
}
