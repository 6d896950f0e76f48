//! Shiryo's cross-crate tests: use cases through `shiryo-app` on real workspace files, checked against the
//! demo assets and the raw SQLite file. The CLI's own process-level tests live in `crates/shiryo-cli/tests/`.
//!
//! Index:
//! - `demo`: the bundled 合同会議 lands in a workspace complete, byte for byte, with the seed's exact titles.
//! - `workspace`: first start creates the demo once; duplicating a meeting; refused files keep their bytes.
//! - `kpi`: the seed's KPI tables checked (agreed / flagged rows, 資料2-1 roll-ups) and imported all-or-nothing.
//! - `shinkyu`: 新旧対照表 fixtures (one folder per case in `fixtures/shinkyu/`) and the seed's 資料3-2.
//! - `shinkyu_law`: law-style tables of real law versions (`fixtures/shinkyu/law-*/`, text and 法令標準XML).
//! - `pdf`: what the print tests share: poppler-utils on a PDF, a page's text, the demo packet exported.
//! - `print`: the exported PDF read back with poppler-utils: fonts subset, A4, 次第 text, labels, outline, kinsoku,
//!   repeated table headers, identical bytes, imported and encrypted PDFs.
//! - `packets`: the duplex-safe packet (each 資料 on a front page, blank pages unprinted and uncounted) and the
//!   folder of one PDF per 資料 (labels on every page, its list, replaced whole or refused); the sheet count.
//! - `kpi_print`: KPI 資料 printed from the KPI model: 令和 headings on every page, the 資料2-1 roll-up and chart.
//! - `table_print`: 表 資料 (資料2-2, 2-3) and structured text (2-5, 3-1) in the demo packet; no KPI note ever printed.
//! - `crash`: a writer process SIGKILLed ≥ 200 times loses no commit and leaves nothing half-written; busy waits.
//! - `reliability`: deleting a meeting, an item with 資料, or restoring backs the workspace up first.
//! - `limits`: oversized files, zip bombs, deep nesting, bad encodings and missing glyphs: refused clearly.
//! - `docx`: Word files as Word shows them: list numbers, 見え消し as two versions, received tables checked.
//! - `fuzz_regressions`: every input that once crashed a fuzz target is replayed and handled.
//! - `architecture`: no file-level import cycle inside any crate.
#![allow(clippy::unwrap_used)] // a test that cannot read its own fixtures should fail loudly

mod kpi;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use shiryo_app::{App, ErrorCode, ShidaiRequest};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2023, 5, 20).unwrap().and_hms_opt(10, 0, 0).unwrap()
}

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/demo")
}

mod demo {
    use super::*;

    #[test]
    fn every_source_file_is_stored_byte_for_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.shiryo");
        App::create_demo(&path, now()).unwrap();
        drop(App::open(&path).unwrap());

        let conn = rusqlite::Connection::open(&path).unwrap();
        let files: Vec<(String, String, Vec<u8>)> = conn
            .prepare(
                "SELECT m.title, f.file_name, f.content FROM material_file f JOIN material m ON m.id = f.material_id
                 ORDER BY f.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let on_disk = |rel: &str| std::fs::read(assets().join(rel)).unwrap();
        let find = |name: &str| files.iter().find(|f| f.1 == name).unwrap_or_else(|| panic!("{name} not stored"));
        assert_eq!(find("kpi_r5.csv").2, on_disk("kpi/kpi_r5.csv"));
        assert_eq!(find("kpi_r5.csv").0, "（参考資料）行政・地域のＤＸ等に係る令和５年度ＫＰＩ一覧");
        assert_eq!(find("policy_old.txt").2, on_disk("shinkyu/policy_old.txt"));
        assert_eq!(find("shinkyu_pairs.json").0, "福島県情報セキュリティポリシー改正  新旧対照表");
        assert_eq!(find("projects_r5.csv").2, on_disk("table/projects_r5.csv"));
        assert_eq!(files.len(), 10, "{:?}", files.iter().map(|f| &f.1).collect::<Vec<_>>());

        let body: String = conn
            .query_row(
                "SELECT t.body FROM material_text t JOIN material m ON m.id = t.material_id
                 WHERE m.title = '情報セキュリティ基本方針'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(body.as_bytes(), on_disk("shinkyu/policy_new.txt"));
        let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
    }

    #[test]
    fn titles_and_labels_match_the_seed_packet() {
        let dir = tempfile::tempdir().unwrap();
        let (app, id) = App::create_demo(&dir.path().join("demo.shiryo"), now()).unwrap();
        let view = app.shidai(&ShidaiRequest { meeting_id: id }).unwrap();

        let seed: serde_json::Value =
            serde_json::from_slice(&std::fs::read(assets().join("agenda.json")).unwrap()).unwrap();
        let printed = seed["materials"].as_array().unwrap();
        assert_eq!(view.materials.len(), printed.len());
        for (ours, theirs) in view.materials.iter().zip(printed) {
            assert_eq!(ours.title, theirs["title"].as_str().unwrap());
            // The packet mixes －, ― and ー; ours is always －, otherwise the same label.
            let as_printed = theirs["label_as_printed"].as_str().unwrap().replace(['―', 'ー'], "－");
            assert_eq!(ours.label, as_printed);
        }
        assert_eq!(view.date_label, seed["date_wareki"].as_str().unwrap());
        assert_eq!(view.time_note, seed["time_note"].as_str().unwrap());
        let agenda: Vec<String> = view.agenda.iter().map(|a| format!("{}{}", a.label, a.title)).collect();
        assert_eq!(
            agenda[..3],
            [
                "１開会".to_string(),
                "２議題".into(),
                format!("(1){}", seed["items"][1]["children"][0]["title"].as_str().unwrap())
            ]
        );
        let empty: Vec<&str> = view.materials.iter().filter(|m| m.empty).map(|m| m.label.as_str()).collect();
        assert_eq!(empty, ["資料１－２"], "only 資料1-2 has no content in the seed");
    }
}

mod workspace {
    use super::*;

    #[test]
    fn first_start_creates_the_demo_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ws.shiryo");
        let first = App::open_or_create_demo(&path, now(), &Default::default()).unwrap();
        assert_eq!(first.list_meetings().unwrap().len(), 1);
        drop(first);
        let second = App::open_or_create_demo(&path, now(), &Default::default()).unwrap();
        let info = second.workspace_info().unwrap();
        assert_eq!(info.meeting_count, 1, "reopening must not add the demo again");
        assert_eq!(info.schema_version, shiryo_store::SCHEMA_VERSION);
    }

    #[test]
    fn duplicating_the_demo_starts_an_undated_meeting_with_the_same_packet() {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, id) = App::create_demo(&dir.path().join("ws.shiryo"), now()).unwrap();
        let copy = app.duplicate_meeting(id, now()).unwrap();
        let list = app.list_meetings().unwrap();
        assert_eq!(
            list.iter().map(|m| (m.id, m.date_label.is_some())).collect::<Vec<_>>(),
            [(copy, false), (id, true)]
        );
        let (a, b) = (
            app.shidai(&ShidaiRequest { meeting_id: id }).unwrap(),
            app.shidai(&ShidaiRequest { meeting_id: copy }).unwrap(),
        );
        assert_eq!(b.date_label, "令和\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日（\u{3000}）");
        let labels = |v: &shiryo_app::ShidaiView| {
            v.materials.iter().map(|m| (m.label.clone(), m.title.clone(), m.empty)).collect::<Vec<_>>()
        };
        assert_eq!(labels(&b), labels(&a));
        assert_ne!(b.materials[0].id, a.materials[0].id, "the copy has its own 資料");
    }

    #[test]
    fn a_refused_file_reports_a_japanese_message_and_keeps_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text.shiryo");
        std::fs::write(&path, "議事録\n").unwrap();
        let dto: shiryo_app::AppErrorDto =
            App::open_or_create_demo(&path, now(), &Default::default()).unwrap_err().into();
        assert_eq!(dto.code, ErrorCode::NotAWorkspace);
        assert!(dto.message.contains("Shiryo のワークスペースではありません"), "{}", dto.message);
        assert!(dto.detail.contains("no SQLite header"), "{}", dto.detail);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "議事録\n");
    }

    #[test]
    fn a_demo_is_never_created_over_an_existing_file_nor_in_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let existing = dir.path().join("ws.shiryo");
        std::fs::write(&existing, "議事録\n").unwrap();
        let err = App::create_demo(&existing, now()).unwrap_err();
        assert!(matches!(err, shiryo_app::AppError::Store(shiryo_store::Error::AlreadyExists { .. })), "{err}");
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "議事録\n", "its bytes are kept");
        let missing = dir.path().join("no-such-folder").join("ws.shiryo");
        let err = App::create_demo(&missing, now()).unwrap_err();
        assert!(matches!(err, shiryo_app::AppError::Store(shiryo_store::Error::NotFound { .. })), "{err}");
        assert!(!dir.path().join("no-such-folder").exists(), "no folder is created for it");
    }
}

mod shinkyu;
// Law-style 新旧対照表 on real law versions (text and 法令標準XML), printed to PDF.
mod shinkyu_law;

mod architecture;
mod crash;
#[path = "docx.rs"]
mod docx_files;

mod fuzz_regressions;
mod kpi_print;
mod limits;
mod packets;
mod pdf;
mod print;
mod reliability;
mod table_print;
