//! Reading a table: CSV in UTF-8 (with or without BOM) or Shift_JIS, or the first sheet of an .xlsx workbook.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets, StyleRange};
use shiryo_core::kpi::FieldSpec;
use shiryo_core::limits::{undecodable_at, MAX_SHEET_CELLS, MAX_TABLE_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use shiryo_core::FileKind;

use crate::error::{Error, Result};

/// A table as read: the header row and the data rows, each with its row number as a spreadsheet shows it
/// (the header is row 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    /// Rows that could not be read at all, with the reason (kept out, reported).
    pub unreadable: Vec<(usize, String)>,
}

impl Table {
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h.trim() == header)
    }
}

/// Reads a file of the kind [`shiryo_core::sniff`] tells: `.csv` (or `.txt`) or `.xlsx`/`.xlsm`/`.xls`/`.ods`.
pub fn read_file(path: &Path) -> Result<Table> {
    let bytes = read_capped(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    read_bytes(&name, &bytes)
}

/// The bytes of a table file, never more than [`MAX_TABLE_BYTES`] + 1 of them: the size is checked before
/// anything is read, and the read itself stops past the limit (a file that grows meanwhile, a device or a pipe
/// reports no size), so a huge file is refused without filling memory.
pub fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let io = |source| Error::Io { path: path.to_path_buf(), source };
    let name = || path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_TABLE_BYTES {
        return Err(Error::TooLarge { name: name(), size, limit: MAX_TABLE_BYTES });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok(bytes)
}

/// Reads file content named `name` (its kind is [`shiryo_core::sniff`]'s).
/// A file over [`MAX_TABLE_BYTES`] is refused before it is parsed, and so is an .xlsx that would unpack to
/// more than [`MAX_UNZIPPED_BYTES`] (see [`check_zip`]).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Table> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_TABLE_BYTES {
        return Err(Error::TooLarge { name: name.to_string(), size, limit: MAX_TABLE_BYTES });
    }
    match shiryo_core::sniff(name, bytes) {
        FileKind::Csv | FileKind::Text => read_csv(name, bytes),
        kind if kind.is_spreadsheet() => read_sheet(name, bytes),
        _ => Err(Error::UnsupportedType { name: name.to_string() }),
    }
}

/// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else Shift_JIS when they decode without error.
pub fn decode_text(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    if had_errors {
        let (offset, encoding) = undecodable_at(bytes);
        return Err(Error::Encoding { name: name.to_string(), offset, encoding });
    }
    Ok(text.into_owned())
}

fn read_csv(name: &str, bytes: &[u8]) -> Result<Table> {
    let text = decode_text(name, bytes)?;
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|source| Error::Csv { name: name.to_string(), source })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(Error::Empty { name: name.to_string() });
    }
    let mut table = Table { name: name.to_string(), headers, rows: Vec::new(), unreadable: Vec::new() };
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(i + 2, |p| usize::try_from(p.line()).unwrap_or(i + 2));
                let cells: Vec<String> = r.iter().map(str::to_string).collect();
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                table.rows.push((line, cells));
            }
            Err(e) => {
                let line = e.position().map_or(i + 2, |p| usize::try_from(p.line()).unwrap_or(i + 2));
                table.unreadable.push((line, e.to_string()));
            }
        }
    }
    Ok(table)
}

/// Refuses a zip container (.xlsx, .xlsm, .ods) whose parts would unpack to more than [`MAX_UNZIPPED_BYTES`]
/// together or that holds more than [`MAX_ZIP_ENTRIES`] parts, before calamine unpacks anything.
pub fn check_zip(name: &str, bytes: &[u8]) -> Result<()> {
    let bomb = |reason: String| Error::ZipBomb { name: name.to_string(), reason };
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // not a zip (an .xls): calamine reports what it is
    };
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(bomb(format!("{} entries (limit {MAX_ZIP_ENTRIES})", archive.len())));
    }
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let size = archive
            .by_index_raw(i)
            .map_err(|e| Error::Spreadsheet { name: name.to_string(), reason: e.to_string() })?
            .size();
        total = total.saturating_add(size);
        if total > MAX_UNZIPPED_BYTES {
            return Err(bomb(format!("unpacks to more than {MAX_UNZIPPED_BYTES} bytes")));
        }
    }
    // calamine lays a sheet out as a dense grid from its first to its last cell: two cells far apart (A1 and
    // XFD1048576) would ask for hundreds of GB. Each sheet's span is measured first and refused past the limit.
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bomb(e.to_string()))?;
        let part = entry.name().to_string();
        if !(part.starts_with("xl/worksheets/") && part.ends_with(".xml")) {
            continue;
        }
        let mut xml = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut entry, MAX_UNZIPPED_BYTES), &mut xml)
            .map_err(|e| bomb(e.to_string()))?;
        let cells = sheet_span(&xml);
        if cells > MAX_SHEET_CELLS {
            return Err(bomb(format!("{part} spans {cells} cells (limit {MAX_SHEET_CELLS})")));
        }
    }
    Ok(())
}

/// The number of cells of the rectangle from a sheet's first to its last cell reference (`<c r="B7">`, and the
/// `<dimension ref="A1:D20">` it declares), as calamine would lay it out.
fn sheet_span(xml: &[u8]) -> u64 {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut rows, mut cols) = ((u64::MAX, 0u64), (u64::MAX, 0u64));
    let mut see = |reference: &[u8]| {
        for corner in reference.split(|&b| b == b':') {
            let letters = corner.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let col = corner[..letters]
                .iter()
                .fold(0u64, |n, b| n.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A' + 1)));
            let row = std::str::from_utf8(&corner[letters..]).ok().and_then(|r| r.parse::<u64>().ok());
            if let (true, Some(row)) = (col > 0, row) {
                rows = (rows.0.min(row), rows.1.max(row));
                cols = (cols.0.min(col), cols.1.max(col));
            }
        }
    };
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if matches!(e.local_name().as_ref(), b"c" | b"dimension") => {
                let key: &[u8] = if e.local_name().as_ref() == b"c" { b"r" } else { b"ref" };
                if let Some(a) = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key) {
                    see(&a.value);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    if rows.0 > rows.1 {
        return 0;
    }
    (rows.1 - rows.0 + 1).saturating_mul(cols.1 - cols.0 + 1)
}

fn read_sheet(name: &str, bytes: &[u8]) -> Result<Table> {
    let spreadsheet = |reason: String| Error::Spreadsheet { name: name.to_string(), reason };
    check_zip(name, bytes)?;
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| spreadsheet(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| Error::Empty { name: name.to_string() })?
        .map_err(|e| spreadsheet(e.to_string()))?;
    // Number formats (only .xlsx exposes them through calamine): a percentage is stored as 0.482 and shown 48.2%.
    let styles = match &mut book {
        Sheets::Xlsx(x) => match x.sheet_names().first().cloned() {
            Some(sheet) => x.worksheet_style(&sheet).ok(),
            None => None,
        },
        _ => None,
    };
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let text = |r: usize, c: usize, cell: &Data| {
        let at = (
            row0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX)),
            col0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX)),
        );
        cell_text_formatted(cell, percent_places(styles.as_ref(), at))
    };
    let mut rows = range.rows().enumerate();
    let headers: Vec<String> = rows
        .next()
        .ok_or_else(|| Error::Empty { name: name.to_string() })?
        .1
        .iter()
        .enumerate()
        .map(|(c, cell)| text(0, c, cell))
        .collect();
    let first_row = usize::try_from(row0).unwrap_or(0) + 1;
    let mut table = Table { name: name.to_string(), headers, rows: Vec::new(), unreadable: Vec::new() };
    for (r, row) in rows {
        let i = r - 1;
        let cells: Vec<String> = row.iter().enumerate().map(|(c, cell)| text(r, c, cell)).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        table.rows.push((first_row + i + 1, cells));
    }
    Ok(table)
}

/// The decimals a cell's number format shows when it is a percentage (`0.0%` → 1), `None` for other formats.
fn percent_places(styles: Option<&StyleRange>, at: (u32, u32)) -> Option<usize> {
    let code = &styles?.get(at)?.number_format.as_ref()?.format_code;
    // A `%` outside quotes and escapes, in the first (positive) section, makes it a percentage.
    let first = code.split(';').next().unwrap_or("");
    let mut quoted = false;
    let mut escaped = false;
    let mut percent = false;
    for ch in first.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => percent = true,
            _ => {}
        }
    }
    percent.then(|| first.split_once('.').map_or(0, |(_, dec)| dec.chars().take_while(|c| *c == '0').count()))
}

/// A number shown as a percentage: the stored fraction × 100, exactly as far as it goes (0.482 → `48.2%`), with at
/// least the decimals the format shows (0.5 in `0.0%` → `50.0%`).
fn percent_text(f: f64, places: usize) -> String {
    // Rounded to 9 decimals so that binary fractions (0.482 × 100 = 48.199999…) read as typed.
    let v = (f * 100.0 * 1e9).round() / 1e9;
    let exact = format!("{v}");
    let have = exact.split_once('.').map_or(0, |(_, d)| d.len());
    if have >= places {
        format!("{exact}%")
    } else {
        format!("{v:.places$}%")
    }
}

fn cell_text_formatted(cell: &Data, percent: Option<usize>) -> String {
    match (cell, percent) {
        (Data::Float(f), Some(places)) => percent_text(*f, places),
        #[allow(clippy::cast_precision_loss)]
        (Data::Int(i), Some(places)) => percent_text(*i as f64, places),
        _ => cell_text(cell),
    }
}

/// A cell as text: strings as they are, whole floats without `.0`. (Percent-formatted numbers: see
/// [`cell_text_formatted`].)
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        #[allow(clippy::cast_possible_truncation, clippy::float_cmp)]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

/// Reads a per-field summary table like 資料2-1 (`dx_summary.csv`): part, field_code, field, 事業数 and the printed
/// A / B of the year (columns `r4_projects`, `r4_kpi_projects`, `r4_achieved`, or their Japanese names).
/// Total rows (`合計`) are skipped: totals are computed.
pub fn read_field_specs(table: &Table, year_prefix: &str) -> Result<Vec<FieldSpec>> {
    let col = |names: &[&str]| names.iter().find_map(|n| table.column(n));
    let missing = |c: &str| Error::MappingColumn { column: c.to_string() };
    let part = col(&["part", "区分"]).ok_or_else(|| missing("part"))?;
    let code = col(&["field_code", "分野番号"]).ok_or_else(|| missing("field_code"))?;
    let field = col(&["field", "分野"]).ok_or_else(|| missing("field"))?;
    let projects = col(&[&format!("{year_prefix}_projects"), "事業数"]);
    let kpi = col(&[&format!("{year_prefix}_kpi_projects"), "KPI設定事業数"]);
    let achieved = col(&[&format!("{year_prefix}_achieved"), "達成"]);
    let get = |row: &[String], c: usize| row.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
    let num = |row: &[String], c: Option<usize>| c.and_then(|c| get(row, c).parse::<u32>().ok());
    Ok(table
        .rows
        .iter()
        .filter(|(_, r)| get(r, code) != "合計")
        .map(|(_, r)| FieldSpec {
            part: get(r, part),
            code: get(r, code),
            name: get(r, field),
            projects: num(r, projects),
            printed_kpi_projects: num(r, kpi),
            printed_achieved: num(r, achieved),
        })
        .collect())
}

#[cfg(test)]
mod tests {

    #[cfg(unix)]
    #[test]
    fn an_endless_file_is_refused_after_the_limit_not_read_to_the_end() {
        // /dev/zero reports size 0 and never ends: reading it whole would fill memory.
        let dir = tempfile::tempdir().unwrap();
        let endless = dir.path().join("endless.csv");
        std::os::unix::fs::symlink("/dev/zero", &endless).unwrap();
        let bytes = read_capped(&endless).unwrap();
        assert_eq!(bytes.len() as u64, MAX_TABLE_BYTES + 1);
        match read_file(&endless) {
            Err(Error::TooLarge { name, size, limit }) => {
                assert_eq!((name.as_str(), size, limit), ("endless.csv", MAX_TABLE_BYTES + 1, MAX_TABLE_BYTES));
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.csv");
        // Sparse: the size says 1 GB, nothing is written.
        std::fs::File::create(&big).unwrap().set_len(1 << 30).unwrap();
        match read_capped(&big) {
            Err(Error::TooLarge { size, .. }) => assert_eq!(size, 1 << 30),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
    use super::*;

    #[test]
    fn shift_jis_csv_is_decoded() {
        let text = "指標,目標\n建設業の総実労働時間,165.6時間\n";
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(text);
        let t = read_bytes("k.csv", &sjis).unwrap();
        assert_eq!(t.headers, vec!["指標", "目標"]);
        assert_eq!(t.rows, vec![(2, vec!["建設業の総実労働時間".to_string(), "165.6時間".to_string()])]);
    }

    #[test]
    fn utf8_bom_is_dropped_and_ragged_rows_are_reported() {
        let t = read_bytes("k.csv", "\u{feff}a,b\n1,2\n3\n4,5\n".as_bytes()).unwrap();
        assert_eq!(t.headers, vec!["a", "b"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.unreadable.len(), 1);
        assert_eq!(t.unreadable[0].0, 3);
    }

    #[test]
    fn other_types_are_refused() {
        assert!(matches!(read_bytes("k.pdf", b"%PDF"), Err(Error::UnsupportedType { .. })));
        assert!(matches!(read_bytes("k.xlsx", b"not a zip"), Err(Error::Spreadsheet { .. })));
    }
}

/// A sheet read as a grid of text, nothing interpreted: the rows as the sheet shows them (headings included) and
/// the names of the workbook's sheets (a CSV has one, named after the file). Used by the 表 資料, which lets the
/// person pick the sheet and the header rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub sheets: Vec<String>,
    /// The sheet read.
    pub sheet: String,
    pub rows: Vec<Vec<String>>,
}

/// Reads every row of a CSV (UTF-8 or Shift_JIS, ragged rows allowed) or of one sheet of an .xlsx/.xlsm/.xls/.ods
/// workbook (`sheet`, or the first), with the same size and zip limits as [`read_bytes`]. Blank rows at the end
/// are dropped; a row's trailing blank cells are kept (columns stay aligned).
pub fn read_grid(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Grid> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_TABLE_BYTES {
        return Err(Error::TooLarge { name: name.to_string(), size, limit: MAX_TABLE_BYTES });
    }
    let mut grid = match shiryo_core::sniff(name, bytes) {
        FileKind::Csv | FileKind::Text => {
            let text = decode_text(name, bytes)?;
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for record in reader.records() {
                let r = record.map_err(|source| Error::Csv { name: name.to_string(), source })?;
                rows.push(r.iter().map(str::to_string).collect::<Vec<String>>());
            }
            Grid { sheets: vec![name.to_string()], sheet: name.to_string(), rows }
        }
        kind if kind.is_spreadsheet() => {
            let spreadsheet = |reason: String| Error::Spreadsheet { name: name.to_string(), reason };
            check_zip(name, bytes)?;
            let mut book =
                open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(|e| spreadsheet(e.to_string()))?;
            let sheets = book.sheet_names();
            let chosen = match sheet {
                Some(s) => sheets
                    .iter()
                    .find(|n| n.as_str() == s)
                    .cloned()
                    .ok_or_else(|| spreadsheet(format!("no sheet named {s:?} (sheets: {})", sheets.join(", "))))?,
                None => sheets.first().cloned().ok_or_else(|| Error::Empty { name: name.to_string() })?,
            };
            let range = book.worksheet_range(&chosen).map_err(|e| spreadsheet(e.to_string()))?;
            let styles = match &mut book {
                Sheets::Xlsx(x) => x.worksheet_style(&chosen).ok(),
                _ => None,
            };
            let (row0, col0) = range.start().unwrap_or((0, 0));
            let rows = range
                .rows()
                .enumerate()
                .map(|(r, row)| {
                    row.iter()
                        .enumerate()
                        .map(|(c, cell)| {
                            let at = (
                                row0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX)),
                                col0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX)),
                            );
                            cell_text_formatted(cell, percent_places(styles.as_ref(), at))
                        })
                        .collect()
                })
                .collect();
            Grid { sheets, sheet: chosen, rows }
        }
        _ => return Err(Error::UnsupportedType { name: name.to_string() }),
    };
    while grid.rows.last().is_some_and(|r| r.iter().all(|c| c.trim().is_empty())) {
        grid.rows.pop();
    }
    if grid.rows.is_empty() {
        return Err(Error::Empty { name: name.to_string() });
    }
    Ok(grid)
}
