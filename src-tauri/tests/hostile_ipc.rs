//! Hostile IPC: every command registered in `src/lib.rs` is sent, through Tauri's real dispatch on the mock
//! runtime, its valid arguments and then hostile variants of them: each argument missing or of the wrong type;
//! each id negative, huge, fractional or a string; each string a path traversal, 17 MB long or a number; each
//! array of the wrong type. A hostile call must be refused — with an `AppErrorDto` (code, Japanese message,
//! detail) or Tauri's deserialization error — and leave the workspace's rows exactly as they were; none may
//! create a file. A few variants may also be accepted because they are valid input (a title that reads like a
//! path is just a title; a missing optional field has a default): those must still write no file.
//!
//! The command list is read from `generate_handler!` in `src/lib.rs`: a command added there without a valid
//! call in `valid_call` below fails this test, so every new command gets its hostile cases.
#![allow(clippy::unwrap_used)] // a test harness that cannot set itself up should fail loudly

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// The commands `generate_handler!` registers, in order.
fn registered_commands() -> Vec<String> {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("generate_handler! in src/lib.rs") + "generate_handler![".len();
    let end = start + lib[start..].find(']').unwrap();
    lib[start..end]
        .split(',')
        .map(|c| c.trim().rsplit("::").next().unwrap().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// Ids in the demo workspace that valid calls refer to.
struct Ids {
    meeting: i64,
    item: i64,
    second_item: i64,
    child_item: i64,
    text_material: i64,
    /// A 資料 after another one of the same item (it can move up).
    second_material: i64,
    shinkyu: i64,
    kpi: i64,
    kpi_table: i64,
    kpi_row: i64,
    /// A 表 資料 (the demo's 資料2-3).
    table: i64,
}

/// A valid call of each command (its arguments), or None for a command this test does not know yet.
/// A Word 要綱 with tracked changes (見え消し) and a department's 新旧対照表, as the Word ways in of the 新旧 screen read them.
const TRACKED_DOCX: &[u8] = include_bytes!("../../tests/fixtures/docx/yoko-numbered/tracked.docx");
const RECEIVED_DOCX: &[u8] = include_bytes!("../../tests/fixtures/docx/received-table/planted.docx");

fn valid_call(command: &str, ids: &Ids) -> Option<Value> {
    let (m, item) = (ids.meeting, ids.item);
    let material = ids.text_material;
    Some(match command {
        "workspace_info" | "list_meetings" | "undo" | "redo" | "exported_pdf" => json!({}),
        "get_shidai" | "open_meeting" | "duplicate_meeting" | "delete_meeting" => json!({"req": {"meetingId": m}}),
        "check_meeting" | "material_pages" => json!({"req": {"meetingId": m}}),
        "create_meeting" => json!({"req": {"titleLines": ["第２回会議"]}}),
        "update_header" => json!({"req": {"meetingId": m, "titleLines": ["本部会議"], "date": "2024-04-01",
                                          "timeNote": "午後２時から", "placeLines": ["本庁舎"]}}),
        "add_item" => json!({"req": {"meetingId": m, "afterItemId": item, "parentItemId": null, "title": "報告"}}),
        "rename_item" => json!({"req": {"meetingId": m, "itemId": item, "title": "開会のあいさつ"}}),
        "delete_item" | "indent_item" => json!({"req": {"meetingId": m, "itemId": ids.second_item}}),
        "outdent_item" => json!({"req": {"meetingId": m, "itemId": ids.child_item}}),
        "move_item" => json!({"req": {"meetingId": m, "itemId": ids.second_item, "direction": "up"}}),
        "move_material" => json!({"req": {"meetingId": m, "materialId": ids.second_material, "direction": "up"}}),
        "attach_material" => json!({"req": {"meetingId": m, "materialId": material, "itemId": ids.second_item}}),
        "place_material" => {
            json!({"req": {"meetingId": m, "materialId": material, "itemId": ids.second_item, "index": 0}})
        }
        "place_item" => json!({"req": {"meetingId": m, "itemId": ids.second_item, "parentItemId": null, "index": 0}}),
        "export_pdf" => json!({"req": {"meetingId": m, "materialId": material, "continuousPageNumbers": false,
                                       "allowEmpty": true, "allowMissingGlyphs": true},
                               "run": 1, "onProgress": "__CHANNEL__:1"}),
        "cancel_export" => json!({"run": 1}),
        "list_distributions" => json!({"req": {"meetingId": m}}),
        "change_report" => json!({"req": {"meetingId": m, "since": "事前送付"}}),
        "export_replacements" => json!({"req": {"meetingId": m, "since": "事前送付", "stamp": "sashikae",
                                                "date": "2023-06-02", "withShidai": true},
                                        "run": 4, "onProgress": "__CHANNEL__:4"}),
        "export_split" => json!({"req": {"meetingId": m, "materialId": null, "allowEmpty": true},
                                 "run": 2, "onProgress": "__CHANNEL__:2"}),
        "list_printers" | "today" => json!({}),
        "day_label" => json!({"req": {"date": "2023-06-05"}}),
        "sheet_plan" => json!({"req": {"export": {"meetingId": m, "materialId": null, "allowEmpty": true},
                                       "printer": "", "copies": 2}}),
        // No printer of that name exists (and the test machine's CUPS, if any, is not the test server).
        "print_packet" => json!({"req": {"export": {"meetingId": m, "materialId": null, "allowEmpty": true},
                                         "printer": "Shiryo-no-such-printer", "copies": 1},
                                 "run": 3, "onProgress": "__CHANNEL__:3"}),
        "add_material" => json!({"req": {"meetingId": m, "itemId": item, "title": "参考資料",
                                         "source": {"kind": "text", "text": "本文"}}}),
        "rename_material" => json!({"req": {"meetingId": m, "materialId": material, "title": "報告書"}}),
        "delete_material" | "material_text" => json!({"req": {"meetingId": m, "materialId": material}}),
        "set_material_text" => json!({"req": {"meetingId": m, "materialId": material, "text": "一行目\n二行目"}}),
        "open_shinkyu" | "undo_shinkyu" | "redo_shinkyu" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu}}),
        "set_shinkyu_text" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu, "side": "old",
                                             "fileName": "old.txt", "bytes": "第１条　目的\n".as_bytes()}}),
        "set_shinkyu_options" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu, "preset": "kaisei",
                                                "columnOrder": "old-left", "caption": "（傍線部分は改正部分）"}}),
        // Real Word files (tests/fixtures/docx): a 要綱 with tracked changes, a received table.
        "set_shinkyu_tracked" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu, "fileName": "tracked.docx",
                                                "bytes": TRACKED_DOCX}}),
        "import_shinkyu_received" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu,
                                                    "fileName": "planted.docx", "bytes": RECEIVED_DOCX}}),
        "edit_shinkyu" => json!({"req": {"meetingId": m, "materialId": ids.shinkyu,
                                         "edit": {"kind": "omit", "key": "no-such-row"}}}),
        "kpi_review" | "kpi_undo" | "kpi_redo" => json!({"req": {"meetingId": m, "materialId": ids.kpi}}),
        "kpi_edit_row" => json!({"req": {"meetingId": m, "materialId": ids.kpi, "tableId": ids.kpi_table,
                                         "row": ids.kpi_row, "note": "確認済み"}}),
        "kpi_import" => json!({"req": {"meetingId": m, "materialId": ids.kpi, "fileName": "kpi.csv",
                                       "bytes": "施策名,指標名\n".as_bytes()}}),
        "table_view" | "table_preview" => json!({"req": {"meetingId": m, "materialId": ids.table}}),
        "table_undo" => json!({"req": {"meetingId": m, "materialId": ids.table}, "redo": false}),
        "table_set_layout" => json!({"req": {"meetingId": m, "materialId": ids.table, "sheet": null, "headerRows": 1,
                                             "columns": [{"source": 0, "title": "番号", "print": true, "group": false},
                                                         {"source": 1, "title": "", "print": true, "group": true}],
                                             "orientation": "landscape", "titleLine": "（参考資料）一覧",
                                             "notes": ["※ 注記"]}}),
        "text_structure" => json!({"req": {"text": "１ はじめに\n本文です。", "label": "資料１"}}),
        // Office 資料: a .docx that is not one is refused before LibreOffice starts (real conversions are tested in
        // shiryo-convert, shiryo-cli and e2e), so the hostile variants below never start a converter.
        "converter_status" => json!({}),
        "cancel_conversion" => json!({"run": 1}),
        "add_office_material" => {
            json!({"req": {"meetingId": m, "itemId": item, "title": "方針案", "fileName": "x.docx",
                                                "bytes": "本文".as_bytes()}, "run": 1, "onProgress": "__CHANNEL__:1"})
        }
        "replace_material_file" => json!({"req": {"meetingId": m, "materialId": material, "fileName": "x.txt",
                                                  "bytes": "本文".as_bytes()}, "run": 1, "onProgress": "__CHANNEL__:1"}),
        "reconvert_material" => json!({"req": {"meetingId": m, "materialId": material}, "run": 1,
                                       "onProgress": "__CHANNEL__:1"}),
        "office_material" => json!({"req": {"meetingId": m, "materialId": material}}),
        // The path comes from the backend's dialog: the page sends nothing (and the test opens no dialog).
        "open_workspace" | "new_workspace" => json!({}),
        "recent_workspaces" | "list_backups" => json!({}),
        // Only paths the backend listed are accepted; these are not listed in a fresh test profile.
        "open_recent" | "forget_recent" | "restore_backup" => json!({"path": "ws.shiryo"}),
        _ => return None,
    })
}

/// Commands that open a native dialog: never sent here (they take no argument from the page to mutate).
const DIALOG_COMMANDS: [&str; 2] = ["open_workspace", "new_workspace"];
/// Commands whose valid call needs state a fresh profile does not have (a listed path); their hostile variants
/// are still sent.
/// `add_office_material` and `reconvert_material` are refused by design here (see `valid_call`).
const VALID_CALL_NEEDS_STATE: [&str; 17] = [
    "open_recent",
    "restore_backup",
    "undo",
    "redo",
    "undo_shinkyu",
    "redo_shinkyu",
    "exported_pdf",
    "edit_shinkyu",
    "table_undo",
    "kpi_undo",
    "kpi_redo",
    // A printer (and a running print service) the test machine may not have.
    "list_printers",
    "print_packet",
    "add_office_material",
    "reconvert_material",
    // A 配付版 recorded first (the pristine demo has none): refused with DistributionNotFound, no file written.
    "change_report",
    "export_replacements",
];

/// How a hostile variant may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Refused, workspace unchanged.
    Refused,
    /// Refused, or accepted as the valid input it also is (no file written either way).
    MayPass,
}

/// The hostile variants of a valid call: (description, arguments, expectation).
fn hostile_variants(command: &str, valid: &Value) -> Vec<(String, Value, Expect)> {
    let mut out = Vec::new();
    let Value::Object(args) = valid else { unreachable!() };
    if !args.is_empty() {
        out.push(("no arguments".into(), json!({}), Expect::Refused));
    }
    for (key, value) in args {
        for wrong in [json!("../../etc/passwd"), json!(-1), json!([]), Value::Null, json!(true)] {
            if std::mem::discriminant(&wrong) == std::mem::discriminant(value) {
                continue;
            }
            // serde also reads a struct from an array of its fields: `[]` is a request of all defaults.
            let expect = if wrong == json!([]) && optional(command, "*") { Expect::MayPass } else { Expect::Refused };
            let mut a = args.clone();
            a.insert(key.clone(), wrong.clone());
            out.push((format!("{key} = {wrong}"), Value::Object(a), expect));
        }
        let mut leaves = Vec::new();
        collect_leaves(value, &mut Vec::new(), &mut leaves);
        for (path, leaf) in leaves {
            let name = path.last().cloned().unwrap_or_default();
            let id_like = name.ends_with("Id") || name == "run" || name == "row";
            let optional = optional(command, &name);
            let mut variants: Vec<(String, Value, Expect)> = Vec::new();
            let may = |e: Expect| if optional { Expect::MayPass } else { e };
            variants.push(("missing".into(), Value::Null, may(Expect::Refused))); // Null here means "remove"
            match &leaf {
                Value::Number(_) => {
                    let strict = if id_like { Expect::Refused } else { Expect::MayPass };
                    for n in [json!(-1), json!(i64::MIN), json!(i64::MAX)] {
                        variants.push((n.to_string(), n, strict));
                    }
                    for n in [json!(1.5), json!(1e300), json!("7"), json!({"$gt": 0})] {
                        variants.push((n.to_string(), n, Expect::Refused));
                    }
                }
                Value::String(s) if s.starts_with("__CHANNEL__") => {
                    variants.push(("not a channel".into(), json!("../../etc/passwd"), Expect::Refused));
                }
                Value::String(_) => {
                    for p in ["../../etc/passwd", "..\\..\\Windows\\win.ini", "/etc/passwd\u{0}.txt", TRAVERSAL] {
                        variants.push((format!("{p:?}"), json!(p), Expect::MayPass));
                    }
                    variants.push(("17 MB string".into(), json!("長".repeat((17 << 20) / 3 + 1)), Expect::Refused));
                    variants.push(("a number".into(), json!(42), Expect::Refused));
                }
                Value::Bool(_) => variants.push(("\"true\"".into(), json!("true"), Expect::Refused)),
                Value::Array(_) => {
                    variants.push(("a string".into(), json!("x"), Expect::Refused));
                    variants.push(("[null]".into(), json!([null]), Expect::Refused));
                    variants.push(("[256, -1]".into(), json!([256, -1]), may(Expect::Refused)));
                }
                Value::Null => variants.push(("a string".into(), json!("../../etc/passwd"), Expect::Refused)),
                Value::Object(_) => {}
            }
            for (what, replacement, expect) in variants {
                let mut a = Value::Object(args.clone());
                let mut full = vec![key.clone()];
                full.extend(path.iter().cloned());
                set_at(&mut a, &full, if what == "missing" { None } else { Some(replacement) });
                out.push((format!("{} {what}", full.join(".")), a, expect));
            }
        }
    }
    out
}

/// Fields a request may leave out (they have defaults); `*`: every field of the command.
fn optional(command: &str, field: &str) -> bool {
    matches!(
        (command, field),
        ("create_meeting", _)
            | ("export_pdf", "materialId" | "continuousPageNumbers" | "allowEmpty" | "allowMissingGlyphs")
            | ("export_split" | "sheet_plan" | "print_packet", "materialId" | "allowEmpty" | "perMaterial")
            | ("kpi_edit_row", "polarity" | "note" | "status")
            | ("export_replacements", "stamp" | "withShidai")
            | ("kpi_import", "mapping" | "bytes")
            | ("table_set_layout", "sheet")
            | (_, "afterItemId" | "parentItemId" | "caption" | "date")
    )
}

/// A file name that would land next to the test's folders if a command ever joined it to a path.
const TRAVERSAL: &str = "../../../../../../../../tmp/shiryo-hostile-ipc-written.txt";

fn collect_leaves(value: &Value, path: &mut Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if k == "kind" {
                    continue; // the tag of an enum: its wrong values are covered by the type checks
                }
                path.push(k.clone());
                collect_leaves(v, path, out);
                path.pop();
            }
        }
        leaf => out.push((path.clone(), leaf.clone())),
    }
}

fn set_at(value: &mut Value, path: &[String], replacement: Option<Value>) {
    let Value::Object(map) = value else { unreachable!() };
    if path.len() == 1 {
        match replacement {
            Some(r) => map.insert(path[0].clone(), r),
            None => map.remove(&path[0]),
        };
    } else {
        set_at(map.get_mut(&path[0]).unwrap(), &path[1..], replacement);
    }
}

/// The app on the mock runtime, on its own copy of the workspace.
struct Shell {
    workspace: PathBuf,
    window: WebviewWindow<MockRuntime>,
    _app: tauri::App<MockRuntime>,
}

fn shell(workspace: &Path) -> Shell {
    // One test function drives every shell, one after the other: the variable is read once, at build.
    std::env::set_var("SHIRYO_WORKSPACE", workspace);
    let mut app = shiryo_desktop::app(mock_builder()).build(mock_context(noop_assets())).unwrap();
    // `build` leaves the setup hook (which opens the workspace) to the event loop: one iteration runs it.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Shell { workspace: workspace.to_path_buf(), window, _app: app }
}

fn invoke(shell: &Shell, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(&shell.window, request)
        .map(|body| body.deserialize::<Value>().unwrap_or_else(|_| Value::String("(raw bytes)".into())))
}

/// Every row of every table (a hash of each, sorted): the workspace's content as a value to compare.
fn rows(workspace: &Path) -> Vec<u64> {
    use rusqlite::types::ValueRef;
    use std::hash::{Hash, Hasher};
    let conn = rusqlite::Connection::open(workspace).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            for i in 0..n {
                match row.get_ref(i).unwrap() {
                    ValueRef::Null => 0u8.hash(&mut h),
                    ValueRef::Integer(v) => v.hash(&mut h),
                    ValueRef::Real(v) => v.to_bits().hash(&mut h),
                    ValueRef::Text(v) | ValueRef::Blob(v) => v.hash(&mut h),
                }
            }
            out.push(h.finish());
        }
    }
    out.sort_unstable();
    out
}

/// Every file under `dir` (the workspace folder, its backups and the export folder), to see that none appears.
fn files(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if !p.to_string_lossy().ends_with("-wal") && !p.to_string_lossy().ends_with("-shm") {
                out.insert(p);
            }
        }
    }
    out
}

/// A refusal as IPC carries it: an AppErrorDto with a known code and a Japanese message, or Tauri's own
/// error string for arguments that do not deserialize.
fn check_refusal(err: &Value) -> Result<(), String> {
    match err {
        // Tauri's own refusal of arguments that do not deserialize (our commands answer with AppErrorDto).
        Value::String(s) if !s.is_empty() => Ok(()),
        Value::Object(o) => {
            let code = o.get("code").and_then(Value::as_str).ok_or("no code")?;
            let message = o.get("message").and_then(Value::as_str).ok_or("no message")?;
            let detail = o.get("detail").and_then(Value::as_str).ok_or("no detail")?;
            if code.is_empty() || detail.is_empty() || !message.chars().any(|c| c > '\u{3000}') {
                return Err(format!("not a proper AppErrorDto: {err}"));
            }
            if code == "internal" {
                return Err(format!("refused as an internal error, not as bad input: {err}"));
            }
            Ok(())
        }
        other => Err(format!("unexpected error form: {other}")),
    }
}

fn demo_ids(shell: &Shell) -> Ids {
    let meetings = invoke(shell, "list_meetings", json!({})).unwrap();
    let meeting = meetings[0]["id"].as_i64().unwrap();
    let view = invoke(shell, "get_shidai", json!({"req": {"meetingId": meeting}})).unwrap();
    let agenda = view["agenda"].as_array().unwrap();
    let materials = view["materials"].as_array().unwrap();
    let of_kind = |kind: &str| {
        materials.iter().find(|m| m["kind"] == kind).unwrap_or_else(|| panic!("no {kind} 資料 in the demo"))["id"]
            .as_i64()
            .unwrap()
    };
    let (shinkyu, kpi) = (of_kind("shinkyu"), of_kind("kpiTable"));
    let review = invoke(shell, "kpi_review", json!({"req": {"meetingId": meeting, "materialId": kpi}})).unwrap();
    let row = &review["rows"][0];
    Ids {
        meeting,
        item: agenda[0]["id"].as_i64().unwrap(),
        second_item: agenda[1]["id"].as_i64().unwrap(),
        child_item: agenda.iter().find(|a| a["depth"] == 1).unwrap()["id"].as_i64().unwrap(),
        text_material: of_kind("text"),
        second_material: materials
            .windows(2)
            .find(|w| w[0]["agendaItemId"] == w[1]["agendaItemId"])
            .expect("an item with two 資料 in the demo")[1]["id"]
            .as_i64()
            .unwrap(),
        shinkyu,
        kpi,
        kpi_table: row["tableId"].as_i64().unwrap(),
        kpi_row: row["row"].as_i64().unwrap(),
        table: of_kind("table"),
    }
}

#[test]
fn every_registered_command_has_a_valid_call_here() {
    let ids = Ids {
        meeting: 1,
        item: 1,
        second_item: 2,
        child_item: 3,
        text_material: 1,
        second_material: 2,
        shinkyu: 1,
        kpi: 1,
        kpi_table: 1,
        kpi_row: 1,
        table: 1,
    };
    let commands = registered_commands();
    assert!(commands.len() >= 20, "generate_handler! not read: {commands:?}");
    let missing: Vec<&String> = commands.iter().filter(|c| valid_call(c, &ids).is_none()).collect();
    assert!(missing.is_empty(), "commands without hostile IPC cases (add them to valid_call): {missing:?}");
}

#[test]
#[cfg_attr(
    not(feature = "e2e-hooks"),
    ignore = "needs the save dialogs answered in SHIRYO_EXPORT_DIR: cargo test --features shiryo-desktop/e2e-hooks"
)]
fn hostile_values_are_refused_by_every_command_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    std::env::set_var("SHIRYO_EXPORT_DIR", &exports);
    let pristine = dir.path().join("pristine.shiryo");
    let ids = {
        let first = shell(&dir.path().join("first.shiryo")); // opening a missing file creates the demo
        let ids = demo_ids(&first);
        let conn = rusqlite::Connection::open(&first.workspace).unwrap();
        conn.execute("VACUUM INTO ?1", [pristine.to_str().unwrap()]).unwrap();
        ids
    };

    let traversal_target = Path::new("/tmp/shiryo-hostile-ipc-written.txt");
    let _ = std::fs::remove_file(traversal_target);
    let mut n = 0;
    let fresh = |n: &mut usize| {
        *n += 1;
        let folder = dir.path().join(format!("ws{n}"));
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("ws.shiryo");
        std::fs::copy(&pristine, &path).unwrap();
        shell(&path)
    };
    let (mut sent, mut refused, mut accepted, mut ignored) = (0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::<String>::new();
    for command in registered_commands() {
        // A command without a valid call fails the other test; here it is left out.
        let Some(valid) = valid_call(&command, &ids) else { continue };
        if DIALOG_COMMANDS.contains(&command.as_str()) {
            continue;
        }
        // The valid call first, on its own copy: the variants below differ from a call that works.
        let s = fresh(&mut n);
        match invoke(&s, &command, valid.clone()) {
            Err(e) if !VALID_CALL_NEEDS_STATE.contains(&command.as_str()) => {
                failures.push(format!("{command}: the valid call was refused: {e}"))
            }
            _ => {}
        }
        let mut s = fresh(&mut n);
        let mut before = (rows(&s.workspace), files(dir.path()));
        for (what, args, expect) in hostile_variants(&command, &valid) {
            sent += 1;
            let result = invoke(&s, &command, args);
            let after = (rows(&s.workspace), files(dir.path()));
            if traversal_target.exists() {
                failures.push(format!("{command} {what}: wrote {}", traversal_target.display()));
                let _ = std::fs::remove_file(traversal_target);
            }
            match result {
                Err(err) => {
                    refused += 1;
                    if let Err(why) = check_refusal(&err) {
                        failures.push(format!("{command} {what}: {why}"));
                    }
                    if after != before {
                        failures.push(format!("{command} {what}: refused, but the workspace or files changed"));
                    }
                }
                Ok(_) if expect == Expect::MayPass => {
                    accepted += 1;
                    let new_files: Vec<_> = after.1.difference(&before.1).collect();
                    if new_files.iter().any(|f| !f.starts_with(&exports) && !f.to_string_lossy().contains(".backups")) {
                        failures.push(format!("{command} {what}: accepted and wrote {new_files:?}"));
                    }
                    // Start the next variant from the pristine state again.
                    s = fresh(&mut n);
                    before = (rows(&s.workspace), files(dir.path()));
                    continue;
                }
                // Accepted and ignored (a no-op such as forgetting a path that is not listed): harmless.
                Ok(_) if after == before => {
                    ignored += 1;
                    continue;
                }
                Ok(answer) => {
                    let shown: String = answer.to_string().chars().take(200).collect();
                    failures.push(format!("{command} {what}: accepted ({shown})"));
                    s = fresh(&mut n);
                    before = (rows(&s.workspace), files(dir.path()));
                    continue;
                }
            }
            before = after;
        }
    }
    let commands = registered_commands().len();
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!(
            "hostile IPC: {commands} commands, {sent} hostile calls: {refused} refused with the workspace unchanged, \
             {accepted} accepted as valid input without writing a file, {ignored} ignored as no-ops, {} failures\n",
            failures.len()
        )
        .as_bytes(),
    );
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
