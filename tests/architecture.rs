//! The shape of the source tree: no file-level import cycle inside a crate.
//!
//! Two modules of one crate that name each other (`use crate::a` in b.rs, `crate::b::f` in a.rs) are one module
//! split in two files: neither can be read, tested or moved without the other. This reads every `crate::…`
//! path in `crates/*/src` and `src-tauri/src` (a module's sub-files count as the module; the crate root, which
//! only declares and re-exports, is left out) and fails on any cycle, naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The module graph of one crate: top-level module → the top-level modules it names.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    collect_rs(src, &mut files);
    let module_of = |file: &Path| -> Option<String> {
        let rel = file.strip_prefix(src).ok()?;
        let first = rel.components().next()?.as_os_str().to_string_lossy().into_owned();
        let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        (name != "lib" && name != "main").then_some(name)
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(from) = module_of(file) else { continue };
        let text = std::fs::read_to_string(file).unwrap();
        let entry = graph.entry(from.clone()).or_default();
        for to in crate_paths(&text) {
            if to != from && modules.contains(&to) {
                entry.insert(to);
            }
        }
    }
    graph
}

fn collect_rs(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_rs(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The first segment of every `crate::` path in `text`, including each of a group: `crate::{a::X, b}` → a, b.
fn crate_paths(text: &str) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut found = Vec::new();
    for (i, _) in text.match_indices("crate::") {
        // `shiryo_print::…` contains no `crate::`; but `$crate::` or `my_crate::` would: skip those.
        if text[..i].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let body = &group[..group.find('}').unwrap_or(group.len())];
            found.extend(body.split(',').map(|part| ident(part.trim())).filter(|s| !s.is_empty()));
        } else {
            found.push(ident(rest));
        }
    }
    found
}

/// Every elementary cycle, each once, as its modules from the smallest name.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<Vec<String>> {
    fn walk(
        graph: &BTreeMap<String, BTreeSet<String>>,
        start: &str,
        path: &mut Vec<String>,
        out: &mut BTreeSet<Vec<String>>,
    ) {
        let Some(last) = path.last().cloned() else { return };
        for next in graph.get(&last).into_iter().flatten() {
            if next == start {
                out.insert(path.clone());
            } else if next.as_str() > start && !path.contains(next) {
                path.push(next.clone());
                walk(graph, start, path, out);
                path.pop();
            }
        }
    }
    let mut out = BTreeSet::new();
    for start in graph.keys() {
        walk(graph, start, &mut vec![start.clone()], &mut out);
    }
    out
}

#[test]
fn no_module_of_a_crate_imports_a_module_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut sources: Vec<(String, PathBuf)> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p.join("src")))
        .collect();
    sources.push(("src-tauri".to_string(), root.join("src-tauri/src")));
    let mut found = Vec::new();
    let mut modules = 0;
    for (name, src) in &sources {
        let graph = module_graph(src);
        modules += graph.len();
        for cycle in cycles(&graph) {
            found.push(format!("{name}: {} → {}", cycle.join(" → "), cycle[0]));
        }
    }
    assert!(modules > 40, "read only {modules} modules: the source tree was not found");
    assert!(found.is_empty(), "file-level import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_finder_reports_a_two_and_a_three_module_cycle_and_nothing_else() {
    let text_a = "use crate::b::X;\nuse std::io;\n";
    let text_b = "use crate::{c::Y, error::Error};\nfn f() { crate::a::g() }\nmacro_rules! m { () => { $crate::z } }";
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, text) in [("a", text_a), ("b", text_b), ("c", "use crate::a;"), ("error", "use crate::b;")] {
        graph.insert(m.to_string(), crate_paths(text).into_iter().filter(|t| t != m).collect());
    }
    let found: Vec<Vec<String>> = cycles(&graph).into_iter().collect();
    let as_strs: Vec<Vec<&str>> = found.iter().map(|c| c.iter().map(String::as_str).collect()).collect();
    assert_eq!(as_strs, [vec!["a", "b"], vec!["a", "b", "c"], vec!["b", "error"]]);
}
