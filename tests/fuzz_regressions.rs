//! Every input that once crashed a fuzz target (`fuzz/fuzz_targets/`), kept in
//! `fixtures/fuzz-regressions/<target>/`, replayed through the same calls as the target: each must now give a
//! result or an error, never a panic. (The fuzz run also starts from these files: `fuzz/seeds.py`.)

use std::path::Path;

use shiryo_core::kpi::{judge, parse_value, Polarity};
use shiryo_shinkyu::{compare, input, render_text, Options, PairJoin};

/// The calls of fuzz target `target` on `data` (see fuzz/fuzz_targets/<target>.rs).
fn replay(target: &str, data: &[u8]) {
    match target {
        "shinkyu_table" => {
            let (old, new) = match data.iter().position(|&b| b == 0) {
                Some(i) => (&data[..i], &data[i + 1..]),
                None => data.split_at(data.len() / 2),
            };
            let text = |b: &[u8]| {
                input::decode(b, Path::new("fuzz.txt")).unwrap_or_else(|_| String::from_utf8_lossy(b).into_owned())
            };
            let (old, new) = (text(old), text(new));
            for (placeholders, pair_join) in [(true, PairJoin::Range), (false, PairJoin::Oyobi)] {
                let options = Options { placeholders, pair_join, old_left: !placeholders, ..Options::default() };
                let _ = render_text(&compare(&old, &new, &options));
            }
        }
        "kpi_value" => {
            let Ok(text) = std::str::from_utf8(data) else { return };
            let mut cells = text.splitn(3, '\t');
            let target = parse_value(cells.next().unwrap_or(""));
            let actual = parse_value(cells.next().unwrap_or(text));
            let baseline = parse_value(cells.next().unwrap_or(""));
            let _ = (target.describe(), actual.describe());
            if let (Some(a), Some(b)) = (target.quantity(), actual.quantity()) {
                let _ = (a.compare(b), a.describe());
            }
            for polarity in [Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::Keep] {
                let _ = format!("{:?}", judge(&target, &actual, &baseline, polarity));
            }
        }
        "kpi_csv" | "kpi_xlsx" => {
            let name = if target == "kpi_csv" { "fuzz.csv" } else { "fuzz.xlsx" };
            let Ok(table) = shiryo_kpi::read_bytes(name, data) else { return };
            if let Ok(mapping) = shiryo_kpi::mapping_for(&table, None) {
                let _ = shiryo_kpi::import(&table, &mapping);
            }
            let _ = shiryo_kpi::read_field_specs(&table, "R");
        }
        "shinkyu_docx" => {
            if let Ok(text) = input::docx_text(data, Path::new("fuzz.docx"), input::MAX_INPUT_BYTES) {
                let _ = compare(&text, "", &Options::default());
            }
        }
        "pdf_import" => {
            if shiryo_print::import::inspect("資料1", "fuzz.pdf", data).is_err() {
                return;
            }
            let Ok(source) = shiryo_print::import::load("資料1", "fuzz.pdf", data) else { return };
            let mut target = lopdf::Document::with_version("1.7");
            let _ = shiryo_print::import::pages_as_forms("資料1", "fuzz.pdf", source, &mut target);
        }
        other => panic!("fixtures/fuzz-regressions/{other}: no such fuzz target"),
    }
}

#[test]
fn every_input_that_crashed_a_fuzz_target_is_handled() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz-regressions");
    let mut replayed = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let target = dir.file_name().unwrap().to_string_lossy().into_owned();
        for file in std::fs::read_dir(&dir).unwrap() {
            let file = file.unwrap().path();
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| replay(&target, &data));
            assert!(outcome.is_ok(), "{} panics again", file.display());
            replayed += 1;
        }
    }
    let _ = std::io::Write::write_all(
        &mut std::io::stderr(),
        format!("fuzz regressions: {replayed} inputs replayed, none panics\n").as_bytes(),
    );
}
