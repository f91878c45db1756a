//! The only module with `unsafe`: safe wrappers around each C entry point.
//!
//! Every wrapper takes fixed-size arrays, so the buffer lengths the C expects
//! are enforced by the types; the array sizes come from the C header's macros
//! (through the generated bindings), so the two cannot drift apart. Raw
//! pointers are derived from live Rust references and used only for the one
//! call. The C layer is reentrant and keeps no global state, so the wrappers
//! are safe to call from any thread.
#![allow(unsafe_code)]

#[allow(
    dead_code,
    missing_docs,
    non_camel_case_types,
    non_snake_case,
    non_upper_case_globals,
    unreachable_pub,
    clippy::all,
    clippy::pedantic,
    clippy::undocumented_unsafe_blocks,
    clippy::indexing_slicing
)]
mod bindings;

use bindings as b;

/// The C layer's return codes (vendor/include/pqfence.h).
pub(crate) mod codes {
    use super::b;
    pub(crate) const OK: i32 = b::PQF_OK as i32;
    pub(crate) const INVALID_KEY: i32 = b::PQF_ERR_INVALID_KEY;
    pub(crate) const INVALID_SIGNATURE: i32 = b::PQF_ERR_INVALID_SIGNATURE;
    #[allow(dead_code)]
    pub(crate) const BAD_ARGUMENT: i32 = b::PQF_ERR_BAD_ARGUMENT;
    #[allow(dead_code)]
    pub(crate) const INTERNAL: i32 = b::PQF_ERR_INTERNAL;
}

/// An incremental SHAKE / SHA-3 sponge backed by the C Keccak.
pub(crate) struct Keccak(b::pqf_keccak_ctx);

#[allow(dead_code)] // used by the signature schemes
impl Keccak {
    fn empty() -> Self {
        Keccak(b::pqf_keccak_ctx {
            s: [0; 25],
            pos: 0,
            rate: 0,
            dsbyte: 0,
            squeezing: 0,
        })
    }

    /// A SHAKE256 sponge.
    pub(crate) fn shake256() -> Self {
        let mut k = Self::empty();
        // SAFETY: `k.0` is a live, exclusively borrowed context of the C type.
        unsafe { b::pqf_shake256_init(&mut k.0) };
        k
    }

    /// A SHAKE128 sponge.
    #[allow(dead_code)]
    pub(crate) fn shake128() -> Self {
        let mut k = Self::empty();
        // SAFETY: `k.0` is a live, exclusively borrowed context of the C type.
        unsafe { b::pqf_shake128_init(&mut k.0) };
        k
    }

    /// SHA3-(8 * `outbytes`) for `outbytes` in {28, 32, 48, 64}.
    #[allow(dead_code)]
    pub(crate) fn sha3(outbytes: u32) -> Self {
        debug_assert!(matches!(outbytes, 28 | 32 | 48 | 64));
        let mut k = Self::empty();
        // SAFETY: `k.0` is a live, exclusively borrowed context of the C type.
        unsafe { b::pqf_sha3_init(&mut k.0, outbytes) };
        k
    }

    /// Absorbs `data` (must precede the first squeeze).
    pub(crate) fn absorb(&mut self, data: &[u8]) {
        // SAFETY: the context is live and exclusively borrowed; `data` is a live
        // slice whose pointer and length describe readable memory.
        unsafe { b::pqf_keccak_absorb(&mut self.0, data.as_ptr(), data.len()) };
    }

    /// Squeezes `out.len()` bytes (the first call pads).
    pub(crate) fn squeeze(&mut self, out: &mut [u8]) {
        // SAFETY: the context is live and exclusively borrowed; `out` is a live,
        // exclusively borrowed slice of exactly `out.len()` writable bytes.
        unsafe { b::pqf_keccak_squeeze(&mut self.0, out.as_mut_ptr(), out.len()) };
    }
}

impl Clone for Keccak {
    fn clone(&self) -> Self {
        Keccak(b::pqf_keccak_ctx { ..self.0 })
    }
}

impl Drop for Keccak {
    fn drop(&mut self) {
        // SAFETY: the context is live and exclusively borrowed.
        unsafe { b::pqf_keccak_wipe(&mut self.0) };
    }
}

/// ML-KEM wrappers, one module per parameter set.
macro_rules! mlkem_ffi {
    ($m:ident, $ek:ident, $dk:ident, $ct:ident,
     $keygen:ident, $encaps:ident, $decaps:ident, $check_ek:ident, $check_dk:ident) => {
        pub(crate) mod $m {
            use super::b;
            pub(crate) const EK: usize = b::$ek as usize;
            pub(crate) const DK: usize = b::$dk as usize;
            pub(crate) const CT: usize = b::$ct as usize;
            const SEED_HALF: usize = b::PQF_MLKEM_SEED_BYTES as usize / 2;
            const SS: usize = b::PQF_MLKEM_SHARED_SECRET_BYTES as usize;
            const M: usize = b::PQF_MLKEM_MESSAGE_BYTES as usize;

            /// FIPS 203 Algorithm 16, ML-KEM.KeyGen_internal(d, z).
            pub(crate) fn keygen(
                ek: &mut [u8; EK],
                dk: &mut [u8; DK],
                d: &[u8; SEED_HALF],
                z: &[u8; SEED_HALF],
            ) -> i32 {
                // SAFETY: every pointer comes from a live reference to an array of
                // exactly the size the C expects (the header's macros); the C
                // writes only within `ek` and `dk` and keeps no pointer.
                unsafe { b::$keygen(ek.as_mut_ptr(), dk.as_mut_ptr(), d.as_ptr(), z.as_ptr()) }
            }

            /// FIPS 203 Algorithm 17 after the section 7.2 modulus check.
            pub(crate) fn encaps(
                ss: &mut [u8; SS],
                ct: &mut [u8; CT],
                ek: &[u8; EK],
                m: &[u8; M],
            ) -> i32 {
                // SAFETY: as in `keygen`: exact-size arrays from live references,
                // outputs exclusively borrowed, no pointer retained.
                unsafe { b::$encaps(ss.as_mut_ptr(), ct.as_mut_ptr(), ek.as_ptr(), m.as_ptr()) }
            }

            /// FIPS 203 Algorithm 18 after the section 7.3 hash check.
            pub(crate) fn decaps(ss: &mut [u8; SS], dk: &[u8; DK], ct: &[u8; CT]) -> i32 {
                // SAFETY: as in `keygen`: exact-size arrays from live references,
                // output exclusively borrowed, no pointer retained.
                unsafe { b::$decaps(ss.as_mut_ptr(), dk.as_ptr(), ct.as_ptr()) }
            }

            /// FIPS 203 section 7.2 modulus check.
            pub(crate) fn check_ek(ek: &[u8; EK]) -> i32 {
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_ek(ek.as_ptr()) }
            }

            /// FIPS 203 section 7.3 hash check.
            pub(crate) fn check_dk(dk: &[u8; DK]) -> i32 {
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_dk(dk.as_ptr()) }
            }
        }
    };
}

mlkem_ffi!(
    mlkem512,
    PQF_MLKEM512_EK_BYTES,
    PQF_MLKEM512_DK_BYTES,
    PQF_MLKEM512_CT_BYTES,
    pqf_mlkem512_keygen_internal,
    pqf_mlkem512_encaps_internal,
    pqf_mlkem512_decaps_internal,
    pqf_mlkem512_check_ek,
    pqf_mlkem512_check_dk
);
mlkem_ffi!(
    mlkem768,
    PQF_MLKEM768_EK_BYTES,
    PQF_MLKEM768_DK_BYTES,
    PQF_MLKEM768_CT_BYTES,
    pqf_mlkem768_keygen_internal,
    pqf_mlkem768_encaps_internal,
    pqf_mlkem768_decaps_internal,
    pqf_mlkem768_check_ek,
    pqf_mlkem768_check_dk
);
mlkem_ffi!(
    mlkem1024,
    PQF_MLKEM1024_EK_BYTES,
    PQF_MLKEM1024_DK_BYTES,
    PQF_MLKEM1024_CT_BYTES,
    pqf_mlkem1024_keygen_internal,
    pqf_mlkem1024_encaps_internal,
    pqf_mlkem1024_decaps_internal,
    pqf_mlkem1024_check_ek,
    pqf_mlkem1024_check_dk
);
