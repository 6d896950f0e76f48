//! `shiryo print` to a real CUPS server with the cups-pdf virtual printer, `shiryo printers`, and the export's
//! `--duplex` / `--split` as a user runs them.
//!
//! The print tests need the server `tests/cups/with-cups.sh` starts (scripts/test.sh runs this file through it):
//! it sets CUPS_SERVER, SHIRYO_TEST_PRINTER, SHIRYO_TEST_CUPS_OUT (where cups-pdf writes one PDF per job) and
//! SHIRYO_TEST_CUPS_DOWN (a socket no server listens on). Without them those tests say so and pass, unless
//! SHIRYO_REQUIRE_CUPS=1 (set by scripts/test.sh) makes that a failure.
#![allow(clippy::unwrap_used)] // a test that cannot read its own temp files should fail loudly

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn shiryo(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shiryo"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run shiryo")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn demo(dir: &Path) -> String {
    let db = dir.join("d.shiryo").display().to_string();
    let o = shiryo(&["demo", "--db", &db], &[]);
    assert!(o.status.success(), "demo failed: {}", text(&o.stderr));
    db
}

/// The test CUPS server's printer and output folder, or None (with a note) when this run has none.
fn cups() -> Option<(String, PathBuf)> {
    let printer = std::env::var("SHIRYO_TEST_PRINTER").ok().filter(|v| !v.is_empty());
    let out = std::env::var_os("SHIRYO_TEST_CUPS_OUT").map(PathBuf::from);
    match (printer, out) {
        (Some(p), Some(o)) if std::env::var_os("CUPS_SERVER").is_some() => Some((p, o)),
        _ => {
            assert!(
                std::env::var("SHIRYO_REQUIRE_CUPS").as_deref() != Ok("1"),
                "SHIRYO_REQUIRE_CUPS=1 but no test CUPS server: run through tests/cups/with-cups.sh"
            );
            eprintln!("note: no test CUPS server (tests/cups/with-cups.sh): print test not run");
            None
        }
    }
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(o.status.success(), "{}", text(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pdf_pages(pdf: &Path) -> u32 {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    assert!(o.status.success(), "{}", text(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").and_then(|n| n.trim().parse().ok()))
        .expect("a page count")
}

/// The job title in a cups-pdf file name: its bytes written as octal numbers between underscores
/// (`350_263_207…-job_1.pdf` is 資…), other characters as they are.
fn title_of(pdf: &Path) -> String {
    let name = pdf.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.split("-job_").next().unwrap_or_default();
    let mut bytes = Vec::new();
    for token in stem.split('_') {
        match u8::from_str_radix(token, 8) {
            Ok(b) if token.len() == 3 => bytes.push(b),
            _ => bytes.extend_from_slice(token.as_bytes()),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// cups-pdf names each output after its job: `…-job_<n>.pdf`. Waits until every job id has its finished file.
fn outputs(dir: &Path, ids: &[String], timeout: Duration) -> BTreeMap<String, PathBuf> {
    let start = Instant::now();
    loop {
        let mut found = BTreeMap::new();
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(n) = name.strip_suffix(".pdf").and_then(|s| s.rsplit("job_").next()) else { continue };
            if let Some(id) = ids.iter().find(|id| id.rsplit('-').next() == Some(n)) {
                found.insert(id.clone(), entry.path());
            }
        }
        // cups-pdf writes the file and then sets its mode: wait until each one reads as a whole PDF.
        let complete = found.len() == ids.len()
            && found.values().all(|p| std::fs::read(p).is_ok_and(|b| b.windows(5).any(|w| w == b"%%EOF")));
        if complete || start.elapsed() > timeout {
            return found;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn two_copies_per_material_reach_the_virtual_printer_as_one_job_per_material_set_after_set() {
    let Some((printer, out_dir)) = cups() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());

    let o = shiryo(&["printers"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).lines().any(|l| l == printer), "{}", text(&o.stdout));

    // The labels of the packet, from the CLI's own split (so the test follows the demo as it changes).
    let split = dir.path().join("split");
    let o = shiryo(&["export", "--db", &db, "--split", split.to_str().unwrap(), "--allow-empty"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let list = std::fs::read_to_string(split.join("一覧.csv")).unwrap();
    let labels: Vec<String> = list.lines().skip(1).map(|l| l.split(',').nth(1).unwrap().to_string()).collect();
    assert_eq!(labels[0], "次第");

    let start = Instant::now();
    let o = shiryo(
        &["print", "--db", &db, "--printer", &printer, "--copies", "2", "--per-material", "--duplex", "--allow-empty"],
        &[],
    );
    let elapsed = start.elapsed();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let stdout = text(&o.stdout);
    // One line per job: id, label, set, pages.
    let jobs: Vec<Vec<&str>> = stdout.lines().skip(1).map(|l| l.trim().split('\t').collect()).collect();
    assert_eq!(jobs.len(), 2 * labels.len(), "2 × (資料 + 次第) jobs: {stdout}");
    for (i, job) in jobs.iter().enumerate() {
        assert!(job[0].starts_with(&format!("{printer}-")), "a CUPS job id: {job:?}");
        assert_eq!(job[1], labels[i % labels.len()], "set after set, in packet order");
        assert_eq!(job[2], if i < labels.len() { "第1部" } else { "第2部" });
    }
    let ids: Vec<String> = jobs.iter().map(|j| j[0].to_string()).collect();
    let found = outputs(&out_dir, &ids, Duration::from_secs(240));
    eprintln!(
        "print run: {} jobs sent in {:.2} s, all {} printed by cups-pdf after {:.1} s",
        ids.len(),
        elapsed.as_secs_f64(),
        found.len(),
        start.elapsed().as_secs_f64()
    );
    assert_eq!(found.len(), ids.len(), "every job came out of the virtual printer: {found:?}");
    // cups-pdf prints through PostScript and Ghostscript, which on Debian drops the fonts' ToUnicode maps: the
    // text of its output may not read back. The page count of each job always does, and it must be the part's
    // own (from the split's 一覧.csv): each job is one 資料 (or the 次第), whole, with no blank page inside.
    let pages_of: BTreeMap<String, u32> = list
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[1].to_string(), cells[cells.len() - 1].trim().parse().unwrap())
        })
        .collect();
    for (job, id) in jobs.iter().zip(&ids) {
        let label = job[1];
        assert_eq!(pdf_pages(&found[id]), pages_of[label], "{id} ({label}): {}", found[id].display());
        // The job's title (the label, `lp -t`) came through CUPS: cups-pdf names the file after it.
        assert!(title_of(&found[id]).contains(label), "{id}: {} is not titled {label}", found[id].display());
        assert_eq!(
            job[3].trim_end_matches(" ページ").parse::<u32>().ok(),
            Some(pages_of[label]),
            "the CLI's page count of {id}: {job:?}"
        );
        let printed = pdftotext(&found[id]);
        if printed.contains("資料") || printed.contains("次第") {
            if label == "次第" {
                assert!(printed.contains("【資料１－１】"), "{id}: {printed}");
            } else {
                // Every page of the 資料 carries its label.
                for p in printed.split('\u{c}').filter(|p| !p.trim().is_empty()) {
                    assert!(p.contains(label), "{id} ({label}): a page without its label: {p}");
                }
            }
        }
    }
}

#[test]
fn a_missing_printer_and_a_stopped_cups_give_their_japanese_messages_and_print_nothing() {
    let Some((_, out_dir)) = cups() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let before = std::fs::read_dir(&out_dir).unwrap().count();

    let o = shiryo(&["print", "--db", &db, "--printer", "存在しないプリンター", "--allow-empty"], &[]);
    assert_eq!(o.status.code(), Some(25), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("プリンター「存在しないプリンター」が見つかりません"), "{err}");
    assert!(err.contains("何も印刷していません"), "{err}");

    let down = std::env::var("SHIRYO_TEST_CUPS_DOWN").unwrap();
    let printer = std::env::var("SHIRYO_TEST_PRINTER").unwrap();
    let o = shiryo(&["print", "--db", &db, "--printer", &printer, "--allow-empty"], &[("CUPS_SERVER", &down)]);
    assert_eq!(o.status.code(), Some(26), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(err.contains("印刷サービス（CUPS）が動いていないため印刷できません"), "{err}");
    let o = shiryo(&["printers"], &[("CUPS_SERVER", &down)]);
    assert_eq!(o.status.code(), Some(26), "{}", text(&o.stderr));

    // The export's checks come first: an empty 資料 stops the print before any job.
    let o = shiryo(&["print", "--db", &db, "--printer", &printer], &[]);
    assert_eq!(o.status.code(), Some(21), "{}", text(&o.stderr));
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), before, "nothing was printed");
}

#[test]
fn export_duplex_and_split_report_their_blanks_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let pdf = dir.path().join("d.pdf");
    let o = shiryo(&["export", "--db", &db, "--pdf", pdf.to_str().unwrap(), "--duplex", "--allow-empty"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let said = text(&o.stdout);
    assert!(said.contains("うち白紙 ") && said.contains(" ページ"), "the blanks are reported: {said}");

    let split = dir.path().join("folder");
    let o = shiryo(&["export", "--db", &db, "--split", split.to_str().unwrap(), "--allow-empty"], &[]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let said = text(&o.stdout);
    let files = std::fs::read_dir(&split).unwrap().count();
    assert!(said.contains(&format!("({} ファイル", files - 1)), "{said}");
    // --split and --pdf exclude each other; one of them is needed.
    let o = shiryo(&["export", "--db", &db, "--split", "x", "--pdf", "y.pdf"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = shiryo(&["export", "--db", &db], &[]);
    assert_eq!(o.status.code(), Some(2));
}
