//! Office conversion through Shiryo against LibreOffice alone (issue 13): `shiryo material add` of each fixture
//! as a whole process (open the workspace, sniff, convert with the private profile, check, store) against
//! `soffice --headless --convert-to pdf` on the same file, median of 5 interleaved runs, both with a warm
//! profile of their own; then the export of the packet holding the converted 資料 (conversion happens when the
//! file is added, never at export), per 100 pages.
//!
//! ```sh
//! cargo build --release -p shiryo-cli
//! cargo bench -p shiryo-cli --bench office
//! ```
//!
//! `SHIRYO_BIN` names another binary, `SOFFICE` another LibreOffice. Prints figures; asserts nothing but that the
//! commands succeed (timings belong to the machine, not to the test suite).
#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // a bench that cannot set itself up should stop

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const FIXTURES: [&str; 4] = ["hoshin.docx", "keikaku.odt", "jigyo.xlsx", "gaiyo.pptx"];

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn run(mut c: Command) -> Duration {
    c.stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = c.status().unwrap();
    let took = start.elapsed();
    assert!(status.success(), "{c:?} failed: {status}");
    took
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = std::env::var_os("SHIRYO_BIN").map_or_else(|| root.join("target/release/shiryo"), PathBuf::from);
    assert!(bin.exists(), "build it first: cargo build --release -p shiryo-cli ({} not found)", bin.display());
    let soffice = std::env::var_os("SOFFICE").map_or_else(|| PathBuf::from("soffice"), PathBuf::from);
    let fixtures = root.join("tests/fixtures/office");
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("shiryo-cache");
    let profile = dir.path().join("soffice-profile");
    let profile_url = format!("-env:UserInstallation=file://{}", profile.display());
    let pristine = dir.path().join("pristine.shiryo");
    run({
        let mut c = Command::new(&bin);
        c.arg("demo").arg("--db").arg(&pristine);
        c
    });
    let work = dir.path().join("w.shiryo");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();

    let shiryo_add = |file: &Path| {
        // A fresh copy of the demo workspace each time (not timed): every run adds the same 資料３－４.
        std::fs::copy(&pristine, &work).unwrap();
        let mut c = Command::new(&bin);
        c.args(["material", "add", "--item", "2 (3)", "--title", "ベンチ"]).arg("--db").arg(&work).arg(file);
        c.env("SHIRYO_CACHE_DIR", &cache).env("SHIRYO_SOFFICE", which(&soffice));
        c
    };
    let soffice_alone = |file: &Path| {
        let mut c = Command::new(&soffice);
        c.arg(&profile_url).args(["--headless", "--convert-to", "pdf", "--outdir"]).arg(&out).arg(file);
        c
    };
    // Warm-up: both profiles created, both programs in the page cache.
    for f in FIXTURES {
        run(shiryo_add(&fixtures.join(f)));
        run(soffice_alone(&fixtures.join(f)));
    }

    println!("{:<12} {:>12} {:>14} {:>9}", "fixture", "shiryo add", "soffice alone", "overhead");
    let (mut ours_total, mut theirs_total) = (Duration::ZERO, Duration::ZERO);
    for f in FIXTURES {
        let path = fixtures.join(f);
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            ours.push(run(shiryo_add(&path)));
            theirs.push(run(soffice_alone(&path)));
        }
        let (o, t) = (median(ours), median(theirs));
        ours_total += o;
        theirs_total += t;
        println!(
            "{f:<12} {:>9.0} ms {:>11.0} ms {:>+8.1}%",
            o.as_secs_f64() * 1000.0,
            t.as_secs_f64() * 1000.0,
            (o.as_secs_f64() / t.as_secs_f64() - 1.0) * 100.0
        );
    }
    println!(
        "{:<12} {:>9.0} ms {:>11.0} ms {:>+8.1}%  (sum of medians, median of {RUNS} interleaved runs each)",
        "all four",
        ours_total.as_secs_f64() * 1000.0,
        theirs_total.as_secs_f64() * 1000.0,
        (ours_total.as_secs_f64() / theirs_total.as_secs_f64() - 1.0) * 100.0
    );

    // The packet with the four converted 資料 in it: the demo's 165 pages and theirs.
    std::fs::copy(&pristine, &work).unwrap();
    for f in FIXTURES {
        let mut c = Command::new(&bin);
        c.args(["material", "add", "--item", "2 (3)", "--title", f]).arg("--db").arg(&work).arg(fixtures.join(f));
        c.env("SHIRYO_CACHE_DIR", &cache).env("SHIRYO_SOFFICE", which(&soffice));
        run(c);
    }
    let pdf = dir.path().join("packet.pdf");
    let export = || {
        let mut c = Command::new(&bin);
        c.arg("export").arg("--db").arg(&work).arg("--pdf").arg(&pdf).arg("--allow-empty");
        c
    };
    let times: Vec<Duration> = (0..RUNS).map(|_| run(export())).collect();
    let took = median(times);
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let pages: f64 = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|p| p.trim().parse().unwrap()))
        .unwrap();
    println!(
        "export of the packet with the converted 資料: {pages} pages in {:.0} ms (whole process, median of {RUNS}) = {:.2} s per 100 pages",
        took.as_secs_f64() * 1000.0,
        took.as_secs_f64() / pages * 100.0
    );
}

/// The program's full path (SHIRYO_SOFFICE must name a file).
fn which(program: &Path) -> PathBuf {
    if program.is_absolute() {
        return program.to_path_buf();
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join(program))
        .find(|p| p.is_file())
        .unwrap_or_else(|| program.to_path_buf())
}
