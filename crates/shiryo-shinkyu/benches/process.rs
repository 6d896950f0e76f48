//! `shiryo shinkyu` as a whole process against `git diff --word-diff-regex=.` on the same files (issue 4, item 9).
//!
//! Build the binary first, then run the bench (release profile both, one after the other):
//!
//! ```sh
//! cargo build --release -p shiryo-cli
//! cargo bench -p shiryo-shinkyu --bench process
//! ```
//!
//! `SHIRYO_BIN` names another binary. Prints the median of several runs per input and the ratio to git;
//! nothing is asserted (timings belong to the machine, not to the test suite).
#![allow(clippy::unwrap_used, clippy::disallowed_methods)] // a bench that cannot set itself up should stop

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 21;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs the commands in turn, `RUNS` rounds, so that a busy machine slows them alike; medians per command.
fn time_interleaved(cmds: &[&dyn Fn() -> Command]) -> Vec<Duration> {
    let mut times = vec![Vec::with_capacity(RUNS); cmds.len()];
    for _ in 0..RUNS {
        for (cmd, t) in cmds.iter().zip(times.iter_mut()) {
            let mut c = cmd();
            c.stdout(Stdio::null()).stderr(Stdio::null());
            let start = Instant::now();
            let status = c.status().unwrap();
            t.push(start.elapsed());
            // git diff exits 1 when the files differ; anything else is a failure.
            assert!(status.code().is_some_and(|code| code <= 1), "{c:?} failed: {status}");
        }
    }
    times.into_iter().map(median).collect()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let bin = std::env::var_os("SHIRYO_BIN").map_or_else(|| root.join("target/release/shiryo"), PathBuf::from);
    assert!(bin.exists(), "build it first: cargo build --release -p shiryo-cli ({} not found)", bin.display());
    let seed = root.join("assets/demo/shinkyu");
    let old = std::fs::read_to_string(seed.join("policy_old.txt")).unwrap();
    let new = std::fs::read_to_string(seed.join("policy_new.txt")).unwrap();
    let dir = std::env::temp_dir().join(format!("shiryo-shinkyu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();

    println!(
        "{:<10} {:>8} {:>16} {:>16} {:>12} {:>12} {:>11}",
        "input", "chars", "shiryo (stdout)", "shiryo --json", "git diff", "ratio stdout", "ratio json"
    );
    for times in [1usize, 20] {
        let (o, n) = (dir.join(format!("old{times}.txt")), dir.join(format!("new{times}.txt")));
        std::fs::write(&o, old.repeat(times)).unwrap();
        std::fs::write(&n, new.repeat(times)).unwrap();
        let json = dir.join("out.json");
        let shiryo_text = || {
            let mut c = Command::new(&bin);
            c.arg("shinkyu").arg(&o).arg(&n);
            c
        };
        let shiryo_json = || {
            let mut c = Command::new(&bin);
            c.arg("shinkyu").arg(&o).arg(&n).arg("--json").arg(&json);
            c
        };
        let git_diff = || {
            let mut c = Command::new("git");
            c.args(["diff", "--no-index", "--word-diff=porcelain", "--word-diff-regex=."]).arg(&o).arg(&n);
            c
        };
        let [text, with_json, git] = time_interleaved(&[&shiryo_text, &shiryo_json, &git_diff])[..] else {
            unreachable!("three commands, three medians")
        };
        let chars = old.chars().count() * times;
        let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
        let ratio = |d: Duration| d.as_secs_f64() / git.as_secs_f64();
        println!(
            "{:<10} {:>8} {:>16} {:>16} {:>12} {:>11.2}x {:>10.2}x",
            format!("seed x{times}"),
            chars,
            ms(text),
            ms(with_json),
            ms(git),
            ratio(text),
            ratio(with_json)
        );
    }
    // A real law in two versions (issue 12): `SHIRYO_LAW_PAIR=DIR` holding old.txt/new.txt and old.xml/new.xml, as
    // `tests/fixtures/shinkyu/derive_law_fixtures.py LAWS_DOC --bench DIR` writes them (電気事業法, whole).
    if let Some(pair) = std::env::var_os("SHIRYO_LAW_PAIR").map(PathBuf::from) {
        for ext in ["txt", "xml"] {
            let (o, n) = (pair.join(format!("old.{ext}")), pair.join(format!("new.{ext}")));
            let shiryo_text = || {
                let mut c = Command::new(&bin);
                c.arg("shinkyu").arg(&o).arg(&n);
                c
            };
            let git_diff = || {
                let mut c = Command::new("git");
                c.args(["diff", "--no-index", "--word-diff=porcelain", "--word-diff-regex=."]).arg(&o).arg(&n);
                c
            };
            let [text, git] = time_interleaved(&[&shiryo_text, &git_diff])[..] else {
                unreachable!("two commands, two medians")
            };
            let chars = std::fs::read_to_string(&o).unwrap().chars().count();
            let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
            let ratio = text.as_secs_f64() / git.as_secs_f64();
            println!(
                "{:<10} {:>8} {:>16} {:>16} {:>12} {:>11.2}x",
                format!("law .{ext}"),
                chars,
                ms(text),
                "",
                ms(git),
                ratio
            );
        }
    }
    println!("median of {RUNS} interleaved runs each; ratio = shiryo / git, below 1 is faster than git. Both print to stdout");
    println!("(sent to /dev/null); --json also creates and writes a file on disk, which git does not have to do.");
    let _ = std::fs::remove_dir_all(&dir);
}
