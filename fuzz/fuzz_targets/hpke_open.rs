//! cargo-fuzz target `hpke_open`: see src/targets.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqfence_fuzz::targets::hpke_open(data));
