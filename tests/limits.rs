//! Hostile and oversized input files: each is refused before it is parsed, with an error code, a Japanese
//! message and an English detail, and the workspace is left as it was. The bad files are built here: a file one
//! byte over its limit, zip bombs (.xlsx and .docx that unpack to more than the limit, or hold too many parts),
//! PDFs nested 100 000 deep, text that is neither UTF-8 nor Shift_JIS (reported with its byte offset), and
//! characters the fonts lack (外字, emoji, an IVS sequence) reported with their 資料 and line at export.

use std::io::Write;

use shiryo_app::{AppError, AppErrorDto, ExportRequest};
use shiryo_core::limits::{MAX_PDF_BYTES, MAX_TABLE_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES};
use shiryo_core::{MaterialKind, MeetingHeader};
use shiryo_store::{NewAgendaItem, NewMaterial, NewMeeting, Workspace};

use super::*;

fn kpi_tables(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM kpi_table", [], |r| r.get(0)).unwrap()
}

/// Imports `bytes` as the KPI file `name` into a fresh demo workspace; returns the refusal and checks that the
/// workspace did not change.
fn refused_kpi_import(name: &str, bytes: &[u8]) -> AppErrorDto {
    let dir = tempfile::tempdir().unwrap();
    let (ws, file) = (dir.path().join("ws.shiryo"), dir.path().join(name));
    std::fs::write(&file, bytes).unwrap();
    let (mut app, id) = App::create_demo(&ws, now()).unwrap();
    let before = kpi_tables(&ws);
    let err = app.import_kpi_file(&file, Some(id), None, now()).unwrap_err();
    assert_eq!(kpi_tables(&ws), before, "nothing imported");
    err.into()
}

/// A zip whose `big` entry unpacks to `big_size` bytes of zeros (deflated to a few hundred KB), plus `small`
/// tiny entries: a zip bomb or a part bomb.
fn zip_with(names: &[&str], big: &str, big_size: u64, small: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(big_size > u64::from(u32::MAX));
    for name in names {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(b"<x/>").unwrap();
    }
    zip.start_file(big, opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    let mut left = big_size;
    while left > 0 {
        let n = left.min(chunk.len() as u64) as usize;
        zip.write_all(&chunk[..n]).unwrap();
        left -= n as u64;
    }
    for i in 0..small {
        zip.start_file(format!("x/{i}.xml"), opts).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_kpi_table_over_the_size_limit_is_refused_before_reading() {
    let mut bytes = "施策名,指標名\n".as_bytes().to_vec();
    bytes.resize(MAX_TABLE_BYTES as usize + 1, b'a');
    let dto = refused_kpi_import("big.csv", &bytes);
    assert_eq!(dto.code, ErrorCode::FileTooLarge);
    assert!(dto.message.contains("「big.csv」は大きすぎるため読み込めません（CSVは 32 MB まで）"), "{}", dto.message);
    assert!(dto.detail.contains("over the limit of 33554432 bytes"), "{}", dto.detail);
}

#[test]
fn an_xlsx_zip_bomb_is_refused_before_unpacking() {
    // 300 MB of spaces in one sheet, a few hundred KB as a file.
    let bomb = zip_with(&["[Content_Types].xml", "xl/workbook.xml"], "xl/worksheets/sheet1.xml", 300 << 20, 0);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    const { assert!(300 << 20 > MAX_UNZIPPED_BYTES) };
    let dto = refused_kpi_import("bomb.xlsx", &bomb);
    assert_eq!(dto.code, ErrorCode::KpiInput);
    assert!(dto.message.contains("「bomb.xlsx」は展開すると極端に大きくなる"), "{}", dto.message);
    assert!(dto.detail.contains("zip bomb: unpacks to more than 268435456 bytes"), "{}", dto.detail);

    let parts = zip_with(&["[Content_Types].xml"], "xl/workbook.xml", 10, MAX_ZIP_ENTRIES);
    let dto = refused_kpi_import("parts.xlsx", &parts);
    assert_eq!(dto.code, ErrorCode::KpiInput);
    assert!(dto.detail.contains("10002 entries (limit 10000)"), "{}", dto.detail);
}

#[test]
fn a_docx_zip_bomb_is_refused_before_unpacking() {
    let limit = shiryo_core::limits::MAX_DOCX_BYTES;
    let bomb = zip_with(&["[Content_Types].xml"], "word/document.xml", limit + (1 << 20), 0);
    let err = shiryo_shinkyu::input::docx_text(&bomb, Path::new("爆弾.docx"), limit).unwrap_err();
    assert!(matches!(err, shiryo_shinkyu::Error::TooLarge { .. }), "{err}");
    let dto: AppErrorDto = AppError::Shinkyu(err).into();
    assert_eq!(dto.code, ErrorCode::FileTooLarge);
    assert!(
        dto.message.contains("「爆弾.docx」は大きすぎるため読み込めません（Word（.docx）は 64 MB まで）"),
        "{}",
        dto.message
    );

    let parts = zip_with(&["[Content_Types].xml"], "word/document.xml", 10, MAX_ZIP_ENTRIES);
    let err = shiryo_shinkyu::input::docx_text(&parts, Path::new("部品.docx"), limit).unwrap_err();
    assert!(err.to_string().contains("10002 parts"), "{err}");
    assert_eq!(AppErrorDto::from(AppError::Shinkyu(err)).code, ErrorCode::ShinkyuInput);
}

#[test]
fn text_that_is_neither_utf8_nor_shift_jis_is_reported_with_its_byte_offset() {
    // Shift_JIS 施策名,指標名 then a lead byte 0x82 followed by a newline: bad at byte 14 (the 15th).
    let (mut sjis, _, _) = encoding_rs::SHIFT_JIS.encode("施策名,指標名\n");
    let mut bytes = sjis.to_mut().clone();
    assert_eq!(bytes.len(), 14);
    bytes.extend_from_slice(b"\x82\n1,2\n");
    let dto = refused_kpi_import("broken.csv", &bytes);
    assert_eq!(dto.code, ErrorCode::KpiInput);
    assert!(
        dto.message.contains("先頭から 15 バイト目に UTF-8 としても Shift_JIS としても読めない文字"),
        "{}",
        dto.message
    );
    assert!(dto.detail.contains("the Shift_JIS reading fails at byte offset 14"), "{}", dto.detail);

    // UTF-8 text cut in the middle of a character: the UTF-8 reading goes further.
    let mut utf8 = "第１条　目的\n".as_bytes().to_vec();
    let cut = utf8.len();
    utf8.extend_from_slice(&"第２条".as_bytes()[..2]);
    utf8.extend_from_slice(b"\n");
    let err = shiryo_shinkyu::input::decode(&utf8, Path::new("old.txt")).unwrap_err();
    assert!(
        matches!(err, shiryo_shinkyu::Error::Encoding { offset, encoding: "UTF-8", .. } if offset == cut),
        "{err:?}"
    );
    assert!(err.to_string().contains(&format!("the UTF-8 reading fails at byte offset {cut}")), "{err}");
    let dto: AppErrorDto = AppError::Shinkyu(err).into();
    assert!(
        dto.message.contains(&format!("先頭から {} バイト目が UTF-8 として読めません", cut + 1)),
        "{}",
        dto.message
    );
}

#[test]
fn a_pdf_over_the_size_limit_is_refused_before_parsing() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(MAX_PDF_BYTES as usize + 1, b' ');
    let err = shiryo_print::import::inspect("資料１－１", "huge.pdf", &bytes).unwrap_err();
    let dto: AppErrorDto = AppError::Print(err).into();
    assert_eq!(dto.code, ErrorCode::FileTooLarge);
    assert!(
        dto.message.contains("資料１－１のPDF「huge.pdf」は大きすぎるため取り込めません（PDF は 64 MB まで）"),
        "{}",
        dto.message
    );
    assert!(dto.detail.contains(&format!("over the limit of {MAX_PDF_BYTES} bytes")), "{}", dto.detail);
}

#[test]
fn a_deeply_nested_pdf_is_refused_without_overflowing_the_stack() {
    // Run on a thread with a small stack (256 KiB, less than the app's): unbounded recursion would abort.
    for (open, close) in [("[", "]"), ("<<", ">>"), ("<</A ", ">>")] {
        let depth = 100_000;
        let body = format!("{}{}", open.repeat(depth), close.repeat(depth));
        let pdf = format!(
            "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X {body} >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
        );
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || shiryo_print::import::inspect("資料１－１", "deep.pdf", pdf.as_bytes()).map(|_| ()))
            .unwrap()
            .join()
            .expect("the parser must not panic");
        let dto: AppErrorDto = AppError::Print(result.unwrap_err()).into();
        assert_eq!(dto.code, ErrorCode::ImportedPdf, "{open}: {}", dto.detail);
    }
}

#[test]
fn gaiji_emoji_and_ivs_are_reported_by_material_and_line_at_export() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("glyphs.shiryo");
    let mut ws = Workspace::create(&path).unwrap();
    // Line 2: a 外字 (private use area); line 3: an emoji; line 4: 葛 with an IVS selector (U+E0100).
    let text = "一行目\n外字\u{E000}の行\n絵文字😀の行\n葛\u{E0100}城市\n";
    let meeting = NewMeeting {
        header: MeetingHeader { title_lines: vec!["文字試験会議".into()], ..MeetingHeader::default() },
        agenda: vec![NewAgendaItem {
            title: "報告".into(),
            children: vec![],
            materials: vec![NewMaterial {
                title: "報告書".into(),
                kind: MaterialKind::Text,
                text: Some(text.into()),
                files: vec![],
            }],
        }],
    };
    let id = ws.insert_meeting(&meeting, now()).unwrap();
    drop(ws);
    let app = App::open(&path).unwrap();
    let out = dir.path().join("x.pdf");
    let err = app.export_pdf(&ExportRequest { meeting_id: id, ..ExportRequest::default() }, &out, now(), &mut |_| {});
    let dto: AppErrorDto = err.unwrap_err().into();
    assert_eq!(dto.code, ErrorCode::MissingGlyph);
    for shown in ["資料１－１ 2行目の U+E000", "資料１－１ 3行目の U+1F600 😀", "資料１－１ 4行目の U+E0100"]
    {
        assert!(dto.message.contains(shown), "{shown} not in {}", dto.message);
    }
    assert!(dto.detail.contains("3 character(s) missing"), "{}", dto.detail);
    assert!(!out.exists(), "no PDF is written when characters are missing");
}

#[test]
fn an_xlsx_whose_two_cells_span_the_whole_sheet_is_refused_not_laid_out() {
    // 1.5 KB: A1 and XFD1048576. Laid out as a grid it would ask for 17 billion cells (549 GB): the app aborted.
    let wide = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions/kpi_xlsx/a1-to-xfd1048576.xlsx"),
    )
    .unwrap();
    assert!(wide.len() < 4096);
    let dto = refused_kpi_import("wide.xlsx", &wide);
    assert_eq!(dto.code, ErrorCode::KpiInput);
    assert!(dto.message.contains("「wide.xlsx」は展開すると極端に大きくなる"), "{}", dto.message);
    assert!(dto.detail.contains("spans 17179869184 cells (limit 2000000)"), "{}", dto.detail);
    // The seed's real workbook still reads.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/kpi/results.xlsx");
    assert!(shiryo_kpi::read_file(&fixture).unwrap().rows.len() >= 3);
}
