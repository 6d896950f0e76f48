//! The converter against the real LibreOffice (scripts/setup.sh installs it) and against fake `soffice`
//! scripts that hang or write garbage.
//!
//! Index: fixtures convert with their pages, print areas, hidden sheets and landscape slides · fonts asked for and
//! replaced · password-protected and broken files refused before LibreOffice starts · a hung converter is
//! killed with its children at the deadline · cancel · garbage output refused · discovery.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use shiryo_convert::fonts::ReplacementFonts;
use shiryo_convert::{Converter, Error, Job, LibreOffice, Settings};

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/office").join(name);
    (name.to_string(), std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

fn bundled_fonts() -> ReplacementFonts {
    let read = |name: &str| -> &'static [u8] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts").join(name);
        Box::leak(std::fs::read(path).unwrap().into_boxed_slice())
    };
    ReplacementFonts { mincho: read("BIZUDMincho-Regular.ttf"), gothic: read("BIZUDGothic-Regular.ttf") }
}

fn settings(cache: &Path, program: Option<PathBuf>, timeout: Duration, fonts: bool) -> Settings {
    Settings {
        program,
        search_path: std::env::var_os("PATH"),
        install_dirs: shiryo_convert::default_install_dirs(),
        cache_dir: cache.to_path_buf(),
        timeout,
        replacement_fonts: fonts.then(bundled_fonts),
    }
}

fn convert(lo: &LibreOffice, name: &str) -> shiryo_convert::Result<shiryo_convert::Converted> {
    let (file, bytes) = fixture(name);
    let cancel = AtomicBool::new(false);
    lo.convert(&Job { file_name: &file, bytes: &bytes, cancel: &cancel }, &mut |_| {})
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&path).arg("-").output().expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32)).collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

fn no_files_left(cache: &Path) {
    let jobs = cache.join("jobs");
    let left: Vec<_> = std::fs::read_dir(&jobs).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "working folders left behind: {left:?}");
}

#[test]
fn the_four_fixtures_convert_with_their_text_print_areas_hidden_sheets_and_landscape_slides() {
    let cache = tempfile::tempdir().unwrap();
    let lo = LibreOffice::new(&settings(cache.path(), None, Duration::from_secs(120), true)).unwrap();

    let docx = convert(&lo, "hoshin.docx").unwrap();
    assert_eq!(docx.pages, 1);
    let text = pdftotext(&docx.pdf);
    for want in ["デジタル変革推進方針（案）", "1.", "庁内の文書事務を電子化する。", "オンライン申請率", "48.2%"]
    {
        assert!(text.contains(want), "{want} not in {text}");
    }

    let odt = convert(&lo, "keikaku.odt").unwrap();
    assert!(pdftotext(&odt.pdf).contains("情報セキュリティ対策実施計画"));

    let xlsx = convert(&lo, "jigyo.xlsx").unwrap();
    let text = pdftotext(&xlsx.pdf);
    assert_eq!(xlsx.pages, 2, "one page per visible sheet: {text}");
    assert!(text.contains("電子申請推進事業") && text.contains("合計予算額"), "{text}");
    // Sheet order kept: 事業一覧 before 集計.
    assert!(text.find("事業名").unwrap() < text.find("事業数").unwrap(), "{text}");
    assert!(!text.contains("印刷範囲外"), "a cell outside the print area was printed: {text}");
    assert!(!text.contains("非表示シート"), "the hidden sheet was printed: {text}");
    assert!(page_sizes(&xlsx.pdf).iter().all(|(w, h)| w > h), "the sheet's landscape page setup is kept");

    let pptx = convert(&lo, "gaiyo.pptx").unwrap();
    assert_eq!(pptx.pages, 2, "one slide per page");
    assert!(page_sizes(&pptx.pdf).iter().all(|(w, h)| w > h), "slides print landscape");
    let text = pdftotext(&pptx.pdf);
    assert!(text.contains("ＤＸ推進計画の概要") && text.contains("重点取組"), "{text}");
    no_files_left(cache.path());
}

#[test]
fn windows_japanese_fonts_are_replaced_by_the_bundled_biz_ud_fonts_and_reported_without_them() {
    let (file, bytes) = fixture("hoshin.docx");
    let requested = shiryo_convert::fonts::requested_fonts(&file, &bytes);
    assert!(
        requested.iter().any(|f| f == "ＭＳ 明朝") && requested.iter().any(|f| f == "ＭＳ ゴシック"),
        "{requested:?}"
    );

    let cache = tempfile::tempdir().unwrap();
    let with = LibreOffice::new(&settings(cache.path(), None, Duration::from_secs(120), true)).unwrap();
    let replaced = convert(&with, "hoshin.docx").unwrap();
    assert!(replaced.embedded_fonts.iter().any(|f| f == "BIZUDMincho-Regular"), "{:?}", replaced.embedded_fonts);
    assert!(replaced.embedded_fonts.iter().any(|f| f == "BIZUDGothic-Regular"), "{:?}", replaced.embedded_fonts);
    // Still substituted (this machine has no ＭＳ 明朝), so 印刷前の確認 says so.
    let subs = shiryo_convert::fonts::substitutions(&requested, &replaced.embedded_fonts);
    let names: Vec<&str> = subs.iter().map(|s| s.requested.as_str()).collect();
    assert!(names.contains(&"ＭＳ 明朝") && names.contains(&"ＭＳ ゴシック"), "{names:?}");

    let pptx = fixture("gaiyo.pptx");
    assert!(shiryo_convert::fonts::requested_fonts(&pptx.0, &pptx.1).iter().any(|f| f == "メイリオ"));
    let xlsx = fixture("jigyo.xlsx");
    assert!(shiryo_convert::fonts::requested_fonts(&xlsx.0, &xlsx.1).iter().any(|f| f == "ＭＳ Ｐゴシック"));
}

#[test]
fn password_protected_and_broken_documents_are_refused_before_libreoffice_starts() {
    let cache = tempfile::tempdir().unwrap();
    // A program that would fail the test if it ran at all.
    let never = cache.path().join("never-soffice");
    std::fs::write(&never, "#!/bin/sh\nexit 99\n").unwrap();
    let lo = LibreOffice::new(&settings(cache.path(), Some(never), Duration::from_secs(5), false)).unwrap();
    assert!(matches!(convert(&lo, "password.docx"), Err(Error::PasswordProtected { .. })));
    assert!(matches!(convert(&lo, "corrupt.docx"), Err(Error::Broken { .. })));
    let cancel = AtomicBool::new(false);
    let text = Job { file_name: "本文.docx", bytes: "docxではない文章".as_bytes(), cancel: &cancel };
    assert!(matches!(lo.convert(&text, &mut |_| {}), Err(Error::Broken { .. })));
    let pdf = Job { file_name: "資料.pdf", bytes: b"%PDF-1.7", cancel: &cancel };
    assert!(matches!(lo.convert(&pdf, &mut |_| {}), Err(Error::Unsupported { .. })));
}

#[test]
fn a_document_libreoffice_cannot_load_fails_with_its_message_and_leaves_nothing() {
    // A .doc that is an OLE file in name only passes the sniffing; LibreOffice itself refuses it.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0u8, 2048));
    let cache = tempfile::tempdir().unwrap();
    let lo = LibreOffice::new(&settings(cache.path(), None, Duration::from_secs(120), false)).unwrap();
    let cancel = AtomicBool::new(false);
    let err = lo.convert(&Job { file_name: "壊れた.doc", bytes: &bytes, cancel: &cancel }, &mut |_| {}).unwrap_err();
    assert!(matches!(&err, Error::Failed { output, .. } if output.contains("could not be loaded")), "{err}");
    no_files_left(cache.path());
}

#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(target_os = "linux")]
fn alive(pid: &str) -> bool {
    // A killed child reparented to init is reaped at once; a zombie counts as gone.
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| !s.contains(") Z "))
}

#[cfg(target_os = "linux")]
#[test]
fn a_hung_converter_is_killed_with_its_children_at_a_2_s_timeout_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let pids = dir.path().join("pids");
    let fake = script(
        dir.path(),
        "soffice",
        &format!("echo $$ > '{p}'\nsleep 60 &\necho $! >> '{p}'\nwait", p = pids.display()),
    );
    let cache = dir.path().join("cache");
    let lo = LibreOffice::new(&settings(&cache, Some(fake), Duration::from_secs(2), false)).unwrap();
    let (file, bytes) = fixture("hoshin.docx");
    let cancel = AtomicBool::new(false);
    let mut told = Vec::new();
    let start = Instant::now();
    let err = lo.convert(&Job { file_name: &file, bytes: &bytes, cancel: &cancel }, &mut |t| told.push(t)).unwrap_err();
    let took = start.elapsed();
    assert!(matches!(err, Error::Timeout { seconds: 2, .. }), "{err}");
    assert!(took >= Duration::from_secs(2) && took < Duration::from_secs(10), "{took:?}");
    assert!(told.len() >= 4, "progress was told {} times", told.len());
    let pids = std::fs::read_to_string(&pids).unwrap();
    let pids: Vec<&str> = pids.split_whitespace().collect();
    assert_eq!(pids.len(), 2, "the script and its sleep");
    let deadline = Instant::now() + Duration::from_secs(2);
    while pids.iter().any(|p| alive(p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!pids.iter().any(|p| alive(p)), "still running: {pids:?}");
    no_files_left(&cache);
}

#[cfg(unix)]
#[test]
fn a_cancelled_conversion_stops_at_once_and_keeps_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let fake = script(dir.path(), "soffice", "sleep 60");
    let cache = dir.path().join("cache");
    let lo = LibreOffice::new(&settings(&cache, Some(fake), Duration::from_secs(60), false)).unwrap();
    let (file, bytes) = fixture("hoshin.docx");
    let cancel = AtomicBool::new(false);
    let start = Instant::now();
    let err = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            cancel.store(true, Ordering::Relaxed);
        });
        lo.convert(&Job { file_name: &file, bytes: &bytes, cancel: &cancel }, &mut |_| {}).unwrap_err()
    });
    assert!(matches!(err, Error::Cancelled), "{err}");
    // Far before the fake's 60 s (the wait may include another test's conversion holding the one-at-a-time lock).
    assert!(start.elapsed() < Duration::from_secs(40), "{:?}", start.elapsed());
    no_files_left(&cache);
}

#[cfg(unix)]
#[test]
fn output_that_is_not_a_pdf_with_pages_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Writes its "PDF" where --outdir says, as soffice would.
    let fake = script(
        dir.path(),
        "soffice",
        "while [ $# -gt 0 ]; do if [ \"$1\" = --outdir ]; then out=$2; fi; shift; done\necho 'not a pdf' > \"$out/source.pdf\"",
    );
    let cache = dir.path().join("cache");
    let lo = LibreOffice::new(&settings(&cache, Some(fake), Duration::from_secs(10), false)).unwrap();
    let err = convert(&lo, "hoshin.docx").unwrap_err();
    assert!(matches!(err, Error::BadOutput { .. }), "{err}");
    no_files_left(&cache);
}

#[test]
fn discovery_takes_the_named_program_then_the_search_path_then_install_folders_and_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-soffice");
    assert!(matches!(
        shiryo_convert::find_program(Some(&missing), None, &[]),
        Err(Error::ProgramMissing { program }) if program == missing
    ));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let path = std::env::join_paths([&empty]).unwrap();
    let err = shiryo_convert::find_program(None, Some(&path), &[dir.path().join("opt")]).unwrap_err();
    assert!(matches!(&err, Error::NotInstalled { searched } if searched.len() == 2), "{err}");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let name = if cfg!(windows) { "soffice.exe" } else { "soffice" };
    std::fs::write(bin.join(name), "").unwrap();
    let found = shiryo_convert::find_program(None, Some(&path), std::slice::from_ref(&bin)).unwrap();
    assert_eq!(found, bin.join(name));
}
