//! 新旧対照表 資料: the engine's table (`shiryo-shinkyu`) built from the 資料's stored old and new texts, converted
//! into the print engine's comparison table.

use std::path::Path;

use shiryo_print::{Comparison, ComparisonCell, Content};
use shiryo_shinkyu::{Options, Table};
use shiryo_store::MaterialFile;

use crate::error::AppError;

/// The caption printed above a 新旧対照表 unless the 資料 says otherwise.
pub const DEFAULT_CAPTION: &str = "（下線部分は改正部分）";

/// The engine's table as the print engine's comparison table: headings and cells in column order, marks kept as
/// character offsets, an empty cell (no （新設）/（削る） placeholder) as an empty text.
pub fn to_comparison(table: &Table, caption: Option<&str>) -> Comparison {
    let [left, right] = table.column_headings();
    let cell = |c: Option<&shiryo_shinkyu::Cell>| match c {
        Some(c) => ComparisonCell { text: c.text.clone(), marks: c.marks.iter().map(|&[s, e]| s..e).collect() },
        None => ComparisonCell::default(),
    };
    let rows = table
        .rows
        .iter()
        .map(|row| {
            let [a, b] = row.cells(table.column_order);
            [cell(a), cell(b)]
        })
        .collect();
    Comparison { headings: [left.to_string(), right.to_string()], caption: caption.map(str::to_string), rows }
}

/// Decodes a stored old or new text (.txt in UTF-8 / Shift_JIS, or .docx), naming the file in errors.
pub(crate) fn decode_file(f: &MaterialFile) -> Result<String, AppError> {
    let name = Path::new(&f.file_name);
    let is_docx = f.file_name.to_ascii_lowercase().ends_with(".docx");
    let text = if is_docx {
        shiryo_shinkyu::input::docx_text(&f.content, name, shiryo_shinkyu::input::MAX_INPUT_BYTES)
    } else {
        shiryo_shinkyu::input::decode(&f.content, name)
    };
    text.map_err(AppError::Shinkyu)
}

/// What a 新旧 資料 prints: the engine's table of its old and new texts; a 資料 that holds only the printed pairs
/// of an older workspace (`pairs`) prints those; one with neither is empty.
pub(crate) fn print_content(files: Vec<MaterialFile>) -> Result<Content, AppError> {
    let old = files.iter().find(|f| f.role == "old");
    let new = files.iter().find(|f| f.role == "new");
    if let (Some(old), Some(new)) = (old, new) {
        let table = shiryo_shinkyu::compare(&decode_file(old)?, &decode_file(new)?, &Options::default());
        return Ok(Content::Comparison(to_comparison(&table, Some(DEFAULT_CAPTION))));
    }
    Ok(match files.into_iter().find(|f| f.role == "pairs") {
        Some(f) => Content::ShinkyuPairs(f.file_name, f.content),
        None => Content::Empty,
    })
}

/// Prints a table on its own (the CLI's `shiryo shinkyu --pdf`) and writes it to `out` atomically; returns the
/// page count. `created` is written as the PDF's date (same input and date, same bytes).
pub fn write_pdf(
    table: &Table,
    title: &str,
    caption: Option<&str>,
    out: &Path,
    created: chrono::NaiveDateTime,
) -> Result<usize, AppError> {
    let cmp = to_comparison(table, caption);
    let stamp = created.format("%Y-%m-%dT%H:%M:%S").to_string();
    let opts = shiryo_print::PrintOptions {
        layout: shiryo_print::LayoutOptions { author: String::new(), ..shiryo_print::LayoutOptions::default() },
        emit: shiryo_print::EmitOptions {
            created,
            document_id: crate::export::document_id(&["shiryo-shinkyu", title, &stamp]),
        },
    };
    let printed = shiryo_print::print_comparison(title, &cmp, &opts)?;
    crate::export::write_atomically(out, &printed.bytes)?;
    Ok(printed.pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_converts_in_column_order_with_character_marks() {
        let old = "第１ 見出し\n１ 監査実施要領を定める。\n";
        let new = "第１ 見出し\n１ 監査実施要綱を定める。\n";
        let options = Options { old_left: true, ..Options::default() };
        let cmp = to_comparison(&shiryo_shinkyu::compare(old, new, &options), Some(DEFAULT_CAPTION));
        assert_eq!(cmp.headings, ["旧".to_string(), "新".to_string()]);
        let changed = cmp.rows.iter().find(|r| !r[0].marks.is_empty()).unwrap();
        let marked = |c: &ComparisonCell| -> String {
            let m = &c.marks[0];
            c.text.chars().skip(m.start).take(m.end - m.start).collect()
        };
        assert_eq!(marked(&changed[0]), "領");
        assert_eq!(marked(&changed[1]), "綱");
        assert_eq!(cmp.caption.as_deref(), Some("（下線部分は改正部分）"));
    }
}
