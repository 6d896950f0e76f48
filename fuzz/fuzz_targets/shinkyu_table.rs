//! 新旧対照表 from two texts: the bytes before the first NUL are the old text, the rest the new one. Each is
//! decoded as a .txt import is (BOM, UTF-8, Shift_JIS), parsed, aligned, built into a table and rendered.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use shiryo_shinkyu::{compare, input, render_text, Document, Options, PairJoin};

fuzz_target!(|data: &[u8]| {
    let (old, new) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => data.split_at(data.len() / 2),
    };
    let text = |bytes: &[u8]| {
        input::decode(bytes, Path::new("fuzz.txt")).unwrap_or_else(|_| String::from_utf8_lossy(bytes).into_owned())
    };
    let (old, new) = (text(old), text(new));
    for line in old.lines() {
        let _ = shiryo_shinkyu::parse::parse_label(line);
    }
    for node in &Document::parse(&old).nodes {
        let _ = (node.content(), node.label_text(), node.caption());
    }
    for (placeholders, pair_join) in [(true, PairJoin::Range), (false, PairJoin::Oyobi)] {
        let options = Options { placeholders, pair_join, old_left: !placeholders, ..Options::default() };
        let table = compare(&old, &new, &options);
        let _ = render_text(&table);
    }
});
