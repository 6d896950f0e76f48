//! Every input that once crashed a fuzz target (`fuzz/fuzz_targets/`), kept in
//! `fixtures/fuzz-regressions/<target>/`, replayed through the very calls of the target (`fuzz/src/lib.rs`,
//! included here): each must now give a result or an error, never a panic. (The fuzz run also starts from these
//! files: `fuzz/seeds.py`.)

use std::path::Path;

#[path = "../fuzz/src/lib.rs"]
mod fuzz_calls;

#[test]
fn every_input_that_crashed_a_fuzz_target_is_replayed_through_its_calls_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions");
    let mut replayed = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        let Some((_, calls)) = fuzz_calls::TARGETS.iter().find(|(name, _)| *name == target) else {
            panic!("fixtures/fuzz-regressions/{target}: no such fuzz target");
        };
        let mut inputs = 0;
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| calls(&data));
            assert!(outcome.is_ok(), "{} panics again", file.display());
            inputs += 1;
        }
        assert!(inputs > 0, "fixtures/fuzz-regressions/{target} holds no input");
        replayed.push(format!("{target}: {inputs}"));
    }
    assert!(!replayed.is_empty(), "no regression input found under {}", root.display());
    eprintln!("fuzz regressions replayed, none panics: {}", replayed.join(", "));
}

#[test]
fn every_fuzz_target_has_its_calls_in_the_shared_file() {
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/fuzz_targets");
    let mut names: Vec<String> = std::fs::read_dir(targets)
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let shared: Vec<&str> = fuzz_calls::TARGETS.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, shared, "each fuzz_targets/<name>.rs calls shiryo_fuzz::<name>, listed in TARGETS");
}
