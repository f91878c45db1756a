//! cargo-fuzz target `sig_verify`: see src/targets.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqfence_fuzz::targets::sig_verify(data));
