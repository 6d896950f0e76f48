//! Crash safety and a second process: a writer (`src/bin/shiryo-writer.rs`, KPI imports in a loop) is killed with
//! SIGKILL at random points; after every kill the workspace passes `integrity_check`, holds every import the
//! writer reported committed, and holds no import in part. A writer that meets another process's transaction
//! waits (busy timeout), and past the timeout stops with `workspace_in_use`. An exporter (`src/bin/shiryo-exporter.rs`)
//! killed the same way leaves at its target either nothing or the complete PDF, never part of one; a 新旧対照表
//! writer (`src/bin/shiryo-shinkyu-writer.rs`, ~2 MB texts regenerated in a loop) keeps every text whole.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use super::*;

/// SplitMix64: a seeded generator, so a failing kill schedule can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn csv() -> PathBuf {
    assets().join("kpi/kpi_r5.csv")
}

/// Starts the writer; the thread returns every committed number it printed.
fn spawn_writer(db: &Path, count: Option<u64>) -> (Child, JoinHandle<Vec<u64>>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shiryo-writer"));
    cmd.arg(db).arg(csv()).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(n) = count {
        cmd.arg(n.to_string());
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout).lines().map_while(Result::ok).filter_map(|l| l.trim().parse().ok()).collect()
    });
    (child, reader)
}

fn stderr_of(child: &mut Child) -> String {
    let mut text = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = e.read_to_string(&mut text);
    }
    text
}

fn new_workspace(path: &Path) {
    drop(shiryo_store::Workspace::create(path).unwrap());
}

/// (tables, indicators per table, values per table) as the raw file holds them after recovery.
fn census(path: &Path) -> Vec<(i64, i64, i64)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "integrity_check after a kill");
    let mut stmt = conn
        .prepare(
            "SELECT t.id,
                    (SELECT count(*) FROM kpi_indicator i WHERE i.table_id = t.id),
                    (SELECT count(*) FROM kpi_value v JOIN kpi_indicator i ON i.id = v.indicator_id
                      WHERE i.table_id = t.id)
             FROM kpi_table t ORDER BY t.id",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn killing_a_writer_at_random_points_never_loses_a_commit_or_leaves_half_of_one() {
    const ROUNDS: usize = 8; // a fresh workspace per round keeps the file, and each check, small
    const KILLS_PER_ROUND: usize = 26;
    let dir = tempfile::tempdir().unwrap();

    // One complete import, for the shape every table must have.
    let reference = dir.path().join("reference.shiryo");
    new_workspace(&reference);
    let (mut child, reader) = spawn_writer(&reference, Some(1));
    assert!(child.wait().unwrap().success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), [1]);
    let shape = census(&reference)[0];
    assert!(shape.1 > 50 && shape.2 > shape.1, "the reference import looks too small: {shape:?}");

    let mut rng = Rng(0x5348_5259);
    let (mut kills, mut commits, mut before_first_commit) = (0usize, 0u64, 0usize);
    for round in 0..ROUNDS {
        let path = dir.path().join(format!("crash{round}.shiryo"));
        new_workspace(&path);
        let mut reported = 0u64;
        for _ in 0..KILLS_PER_ROUND {
            let (mut child, reader) = spawn_writer(&path, None);
            // Somewhere in start-up, opening, or the middle of an import: one import takes a few tens of ms.
            std::thread::sleep(Duration::from_micros(rng.below(60_000)));
            child.kill().unwrap();
            let status = child.wait().unwrap();
            assert_eq!(status.signal(), Some(9), "the writer ended before the kill: {}", stderr_of(&mut child));
            kills += 1;
            let numbers = reader.join().unwrap();
            match numbers.last() {
                Some(&last) => {
                    assert!(last > reported, "numbers go on from the last commit: {last} after {reported}");
                    commits += last - reported;
                    reported = last;
                }
                None => before_first_commit += 1,
            }
            let tables = census(&path);
            let present = tables.len() as u64;
            // The writer may die between its commit and its print: one more than reported, never fewer.
            assert!(
                present == reported || present == reported + 1,
                "round {round}: {present} imports in the file, {reported} reported committed"
            );
            for t in &tables {
                assert_eq!((t.1, t.2), (shape.1, shape.2), "round {round}: table {} is half-written", t.0);
            }
            reported = present;
        }
        // And the store's own checks accept the file.
        drop(App::open(&path).unwrap());
    }
    // Written to the stream itself, not through eprintln!, so the summary shows without --nocapture.
    let _ = writeln!(
        std::io::stderr(),
        "crash test: {kills} SIGKILLs ({before_first_commit} before the first commit of that run), {commits} commits \
         reported and found, 0 integrity failures, 0 lost or half-written imports"
    );
    assert!(kills >= 200);
}

#[test]
fn a_writer_waits_for_another_process_and_then_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.shiryo");
    new_workspace(&path);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (mut child, reader) = spawn_writer(&path, Some(1));
    // Well inside the 5 s busy timeout: the writer is blocked, then goes on once the transaction ends.
    std::thread::sleep(Duration::from_millis(300));
    holder.execute_batch("COMMIT").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), [1]);
    assert_eq!(census(&path).len(), 1);
}

#[test]
fn a_writer_blocked_past_the_busy_timeout_stops_with_workspace_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("held.shiryo");
    new_workspace(&path);
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO kpi_column_mapping VALUES ('x', '{}', '2023-06-05T09:00:00')")
        .unwrap();
    let (mut child, reader) = spawn_writer(&path, Some(1));
    let status = child.wait().unwrap();
    let err = stderr_of(&mut child);
    assert_eq!(status.code(), Some(7), "{err}");
    assert!(err.starts_with("WorkspaceInUse"), "{err}");
    assert!(err.contains("他のプログラムが使用中"), "{err}");
    assert!(reader.join().unwrap().is_empty());
    holder.execute_batch("COMMIT").unwrap();
    assert!(census(&path).is_empty(), "nothing of the refused import is in the file");
}

/// Starts the exporter (`src/bin/shiryo-exporter.rs`); the thread returns how many exports it reported done.
fn spawn_exporter(workspace: &Path, out: &Path, count: Option<u64>) -> (Child, JoinHandle<usize>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shiryo-exporter"));
    cmd.arg(workspace).arg(out).stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(n) = count {
        cmd.arg(n.to_string());
    }
    let mut child = cmd.spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).count());
    (child, reader)
}

/// The files beside the target other than the target: what a killed export left.
fn leftovers(folder: &Path, target: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != target)
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn killing_an_export_at_random_points_never_leaves_a_partial_pdf() {
    const KILLS: usize = 60;
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("ws.shiryo");
    drop(App::create_demo(&workspace, now()).unwrap());
    let folder = dir.path().join("out");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("資料一式.pdf");

    // One complete export: the same workspace and time give the same bytes, so "complete" means "these bytes".
    let started = std::time::Instant::now();
    let (mut child, reader) = spawn_exporter(&workspace, &target, Some(1));
    assert!(child.wait().unwrap().success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), 1);
    let one_export = started.elapsed();
    let dead_pid = child.id();
    let reference = std::fs::read(&target).unwrap();
    assert!(reference.starts_with(b"%PDF-") && reference.len() > 100_000, "{} bytes", reference.len());

    let mut rng = Rng(0x4558_504f);
    let (mut absent, mut complete, mut during_overwrite, mut temps_seen) = (0, 0, 0, 0);
    let window = u64::try_from(one_export.as_micros()).unwrap() * 3 / 2;
    for kill in 0..KILLS {
        // Half the runs start without a target (a first export), half overwrite the complete one.
        let fresh = rng.below(2) == 0;
        if fresh {
            let _ = std::fs::remove_file(&target);
        }
        let was_there = target.exists();
        let (mut child, reader) = spawn_exporter(&workspace, &target, None);
        // Anywhere, or (every other kill) late in the first export, where the PDF is written and renamed.
        let at = if rng.below(2) == 0 { rng.below(window) } else { window * 7 / 15 + rng.below(window * 4 / 15) };
        std::thread::sleep(Duration::from_micros(at));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "the exporter ended before the kill: {}", stderr_of(&mut child));
        let done = reader.join().unwrap();
        match std::fs::read(&target) {
            Ok(bytes) => {
                assert!(
                    bytes == reference,
                    "kill {kill}: the target holds {} bytes, not the complete PDF",
                    bytes.len()
                );
                complete += 1;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                assert!(!was_there && done == 0, "kill {kill}: the target vanished after {done} exports");
                absent += 1;
            }
            Err(e) => panic!("kill {kill}: {e}"),
        }
        if done > 0 || was_there {
            during_overwrite += 1;
        }
        let left = leftovers(&folder, &target);
        for name in &left {
            assert!(name.starts_with(".shiryo-export-") && name.ends_with(".pdf.tmp"), "kill {kill}: {name} left");
        }
        temps_seen += left.len();
        assert_eq!(integrity(&workspace), "ok", "kill {kill}");
    }
    // The next export cleans what killed ones left (and one planted for a process that has ended), and its PDF
    // reads as a whole.
    std::fs::write(folder.join(format!(".shiryo-export-{dead_pid}-planted.pdf.tmp")), &reference[..1000]).unwrap();
    let stale = leftovers(&folder, &target).len();
    let (mut child, reader) = spawn_exporter(&workspace, &target, Some(1));
    assert!(child.wait().unwrap().success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), 1);
    assert_eq!(leftovers(&folder, &target), Vec::<String>::new(), "temporary files of killed exports are removed");
    assert!(std::fs::read(&target).unwrap() == reference);
    let pages: u32 = super::pdf::info(&target, "Pages").parse().unwrap();
    assert!(pages > 10, "{pages} pages");
    assert_eq!(integrity(&workspace), "ok");
    // Every 配付版 the killed exports recorded is whole: the 次第 and each of the ten 資料, and the PDF's hash.
    let conn = rusqlite::Connection::open(&workspace).unwrap();
    let versions: Vec<(String, i64, String)> = conn
        .prepare(
            "SELECT d.name, (SELECT count(*) FROM distribution_part p WHERE p.distribution_id = d.id), d.pdf_sha256
             FROM distribution d ORDER BY d.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(versions.len() >= 2, "the two uninterrupted exports at least: {versions:?}");
    let names: Vec<String> = (1..=versions.len()).map(|n| format!("配付{n}")).collect();
    assert_eq!(versions.iter().map(|v| v.0.clone()).collect::<Vec<_>>(), names, "none lost, none twice");
    assert!(versions.iter().all(|v| v.1 == 11 && v.2 == versions[0].2), "{versions:?}");
    let _ = writeln!(
        std::io::stderr(),
        "export crash test: {KILLS} SIGKILLs ({during_overwrite} with a complete PDF already in place), target absent \
         {absent}×, complete {complete}×, never partial; {temps_seen} temporary-file sightings, {stale} left at the \
         end and removed by the next export; integrity_check ok"
    );
}

/// The stored 新旧 texts of the demo's 新旧対照表 資料: (version, text) per side, from the raw file.
fn shinkyu_texts(path: &Path) -> [Option<(u64, String)>; 2] {
    let conn = rusqlite::Connection::open(path).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok", "integrity_check after a kill");
    let side = |role: &str| -> Option<(u64, String)> {
        let content: Vec<u8> = conn
            .query_row(
                "SELECT f.content FROM material_file f JOIN material m ON m.id = f.material_id
                 WHERE m.kind = 'shinkyu' AND f.role = ?1",
                [role],
                |r| r.get(0),
            )
            .ok()?;
        let text = String::from_utf8(content).unwrap();
        let version = text.strip_prefix('第').and_then(|t| t.split_once('版')).unwrap().0.parse().unwrap();
        Some((version, text))
    };
    [side("old"), side("new")]
}

#[test]
fn killing_a_big_shinkyu_generation_at_random_points_keeps_whole_texts_and_every_commit() {
    use shiryo_tests::{shinkyu_version_text, SHINKYU_COPIES};
    const KILLS: usize = 50;
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("ws.shiryo");
    drop(App::create_demo(&workspace, now()).unwrap());
    let bases = [
        std::fs::read_to_string(assets().join("shinkyu/policy_old.txt")).unwrap(),
        std::fs::read_to_string(assets().join("shinkyu/policy_new.txt")).unwrap(),
    ];
    let spawn = |start: u64, count: Option<u64>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shiryo-shinkyu-writer"));
        cmd.arg(&workspace).arg(assets()).env("SHINKYU_WRITER_START", start.to_string());
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some(n) = count {
            cmd.arg(n.to_string());
        }
        let mut child = cmd.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout).lines().map_while(Result::ok).map(|l| l.parse::<u64>().unwrap()).collect::<Vec<_>>()
        });
        (child, reader)
    };

    // Two generations, timed: one side each (1 old, 2 new); the kills fall within about two more.
    let started = std::time::Instant::now();
    let (mut child, reader) = spawn(1, Some(2));
    assert!(child.wait().unwrap().success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), [1, 2]);
    let window = u64::try_from(started.elapsed().as_micros()).unwrap();
    let first = shinkyu_texts(&workspace);
    let size = first[1].as_ref().unwrap().1.len();
    assert!(size > 1_000_000, "the new text is only {size} bytes");

    let mut rng = Rng(0x5348_494e);
    let (mut reported, mut commits, mut none) = (2u64, 2u64, 0usize);
    for kill in 0..KILLS {
        let (mut child, reader) = spawn(reported + 1, None);
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(9), "the writer ended before the kill: {}", stderr_of(&mut child));
        let numbers = reader.join().unwrap();
        if let Some(&last) = numbers.last() {
            commits += last - reported;
            reported = last;
        } else {
            none += 1;
        }
        let stored = shinkyu_texts(&workspace);
        let mut newest = 0;
        for (i, side) in stored.iter().enumerate() {
            let (version, text) = side.as_ref().unwrap();
            // Whole: exactly the text of its version, of the right side (odd versions old, even new).
            assert_eq!(version % 2, if i == 0 { 1 } else { 0 }, "kill {kill}: side {i} holds version {version}");
            assert!(*text == shinkyu_version_text(&bases[i], *version, SHINKYU_COPIES), "kill {kill}: half a text");
            newest = newest.max(*version);
        }
        // The writer may die between its commit and its print: one more than reported, never fewer.
        assert!(newest == reported || newest == reported + 1, "kill {kill}: newest {newest}, reported {reported}");
        let [old, new] = stored.map(|s| s.unwrap().0);
        assert_eq!(old.max(new) - old.min(new), 1, "kill {kill}: the other side is the commit before");
        commits += newest - reported;
        reported = newest;
    }
    // The workspace opens and the table regenerates from what was kept.
    let (mut child, reader) = spawn(reported + 1, Some(1));
    assert!(child.wait().unwrap().success(), "{}", stderr_of(&mut child));
    assert_eq!(reader.join().unwrap(), [reported + 1]);
    let _ = writeln!(
        std::io::stderr(),
        "新旧 crash test: {KILLS} SIGKILLs during {commits} generations of {size}-byte texts ({none} kills before a \
         commit of that run); every stored text whole, no commit lost; integrity_check ok"
    );
}
