//! cargo-fuzz target `kem_public_key`: see src/targets.rs.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pqfence_fuzz::targets::kem_public_key(data));
