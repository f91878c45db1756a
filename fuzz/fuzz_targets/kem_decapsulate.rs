//! cargo-fuzz target `kem_decapsulate`: see src/targets.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqfence_fuzz::targets::kem_decapsulate(data));
