//! Shiryo's cross-crate test suite lives in `tests.rs`; this library holds only what the test-only binaries in
//! `src/bin/` share with it.

/// Version `n` of a 新旧 input for the crash test: a first line naming the version, then `base` `copies` times.
/// The test finds the version in a stored text's first line and checks the whole text against this.
pub fn shinkyu_version_text(base: &str, n: u64, copies: usize) -> String {
    let mut text = format!("第{n}版\n");
    for _ in 0..copies {
        text.push_str(base);
        if !base.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

/// How many copies of the demo policy text each version holds (about 1.8 MB a side).
pub const SHINKYU_COPIES: usize = 16;
