//! The fuzz targets of pqfence, shared with the corpus replay test
//! (tests/fuzz_corpus.rs compiles `targets.rs` directly).
pub mod targets;
