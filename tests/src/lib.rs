//! Shiryo's cross-crate test suite lives in `tests.rs`; this library is empty on purpose.
