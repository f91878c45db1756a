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

/// Applies `PQFENCE_BACKEND` once, before the first call into the C: every
/// wrapper calls it. `portable` caps the C at its portable code for the whole
/// process; anything else (or no variable) lets it pick vector code.
fn ready() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var("PQFENCE_BACKEND").as_deref() == Ok("portable") {
            select_backend(b::PQF_BACKEND_PORTABLE as i32);
        }
    });
}

/// The backend the C uses now (`PQF_BACKEND_*`).
pub(crate) fn backend() -> i32 {
    ready();
    // SAFETY: no arguments; the C reads its cached CPU features.
    unsafe { b::pqf_backend() }
}

/// Caps the C's backend (`PQF_BACKEND_*`); returns the backend now in use.
pub(crate) fn select_backend(max: i32) -> i32 {
    // SAFETY: no pointers; the C stores the cap in an atomic word.
    unsafe { b::pqf_backend_select(max) }
}

/// The backend codes of the C header.
pub(crate) const BACKEND_PORTABLE: i32 = b::PQF_BACKEND_PORTABLE as i32;
pub(crate) const BACKEND_AVX2: i32 = b::PQF_BACKEND_AVX2 as i32;

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
    ($m:ident, $ek:ident, $dk:ident, $ct:ident, $cache:ident,
     $keygen:ident, $encaps:ident, $decaps:ident, $check_ek:ident, $check_dk:ident,
     $ek_expand:ident, $keygen_cached:ident, $encaps_cached:ident, $decaps_cached:ident) => {
        pub(crate) mod $m {
            use super::b;
            pub(crate) const EK: usize = b::$ek as usize;
            pub(crate) const DK: usize = b::$dk as usize;
            pub(crate) const CT: usize = b::$ct as usize;
            /// The ek cache (expanded encapsulation key) in bytes; the C reads it
            /// as int16 arrays and requires 8-byte alignment, so Rust holds it
            /// as `CACHE_WORDS` u64 words.
            pub(crate) const EK_CACHE: usize = b::$cache as usize;
            const CACHE_WORDS: usize = EK_CACHE / 8;
            const _: () = assert!(CACHE_WORDS * 8 == EK_CACHE);
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
                super::ready();
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
                super::ready();
                // SAFETY: as in `keygen`: exact-size arrays from live references,
                // outputs exclusively borrowed, no pointer retained.
                unsafe { b::$encaps(ss.as_mut_ptr(), ct.as_mut_ptr(), ek.as_ptr(), m.as_ptr()) }
            }

            /// FIPS 203 Algorithm 18 after the section 7.3 hash check.
            pub(crate) fn decaps(ss: &mut [u8; SS], dk: &[u8; DK], ct: &[u8; CT]) -> i32 {
                super::ready();
                // SAFETY: as in `keygen`: exact-size arrays from live references,
                // output exclusively borrowed, no pointer retained.
                unsafe { b::$decaps(ss.as_mut_ptr(), dk.as_ptr(), ct.as_ptr()) }
            }

            /// FIPS 203 section 7.2 modulus check.
            pub(crate) fn check_ek(ek: &[u8; EK]) -> i32 {
                super::ready();
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_ek(ek.as_ptr()) }
            }

            /// FIPS 203 section 7.3 hash check.
            pub(crate) fn check_dk(dk: &[u8; DK]) -> i32 {
                super::ready();
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_dk(dk.as_ptr()) }
            }

            /// Section 7.2 modulus check, then ek expanded into `cache`.
            pub(crate) fn ek_expand(cache: &mut [u64; CACHE_WORDS], ek: &[u8; EK]) -> i32 {
                super::ready();
                // SAFETY: `cache` is a live, exclusively borrowed u64 array of
                // exactly the header's EK_CACHE_BYTES, so 8-byte aligned as the C
                // requires; `ek` is an exact-size array from a live reference. The
                // C writes only within `cache` and keeps no pointer.
                unsafe { b::$ek_expand(cache.as_mut_ptr().cast::<u8>(), ek.as_ptr()) }
            }

            /// FIPS 203 Algorithm 16, also filling the ek cache.
            pub(crate) fn keygen_cached(
                ek: &mut [u8; EK],
                dk: &mut [u8; DK],
                cache: &mut [u64; CACHE_WORDS],
                d: &[u8; SEED_HALF],
                z: &[u8; SEED_HALF],
            ) -> i32 {
                super::ready();
                // SAFETY: as in `keygen` and `ek_expand`: exact-size arrays from
                // live references (the cache 8-byte aligned), outputs exclusively
                // borrowed, no pointer retained.
                unsafe {
                    b::$keygen_cached(
                        ek.as_mut_ptr(),
                        dk.as_mut_ptr(),
                        cache.as_mut_ptr().cast::<u8>(),
                        d.as_ptr(),
                        z.as_ptr(),
                    )
                }
            }

            /// FIPS 203 Algorithm 17 through an ek cache from `ek_expand` or
            /// `keygen_cached`.
            pub(crate) fn encaps_cached(
                ss: &mut [u8; SS],
                ct: &mut [u8; CT],
                cache: &[u64; CACHE_WORDS],
                m: &[u8; M],
            ) -> i32 {
                super::ready();
                // SAFETY: as in `ek_expand`: exact-size arrays from live references
                // (the cache 8-byte aligned, read only), outputs exclusively
                // borrowed, no pointer retained.
                unsafe {
                    b::$encaps_cached(
                        ss.as_mut_ptr(),
                        ct.as_mut_ptr(),
                        cache.as_ptr().cast::<u8>(),
                        m.as_ptr(),
                    )
                }
            }

            /// FIPS 203 Algorithm 18 through the ek cache of dk's own ek; dk
            /// must have passed `check_dk`.
            pub(crate) fn decaps_cached(
                ss: &mut [u8; SS],
                dk: &[u8; DK],
                cache: &[u64; CACHE_WORDS],
                ct: &[u8; CT],
            ) -> i32 {
                super::ready();
                // SAFETY: as in `ek_expand`: exact-size arrays from live references
                // (the cache 8-byte aligned, read only), output exclusively
                // borrowed, no pointer retained.
                unsafe {
                    b::$decaps_cached(
                        ss.as_mut_ptr(),
                        dk.as_ptr(),
                        cache.as_ptr().cast::<u8>(),
                        ct.as_ptr(),
                    )
                }
            }
        }
    };
}

mlkem_ffi!(
    mlkem512,
    PQF_MLKEM512_EK_BYTES,
    PQF_MLKEM512_DK_BYTES,
    PQF_MLKEM512_CT_BYTES,
    PQF_MLKEM512_EK_CACHE_BYTES,
    pqf_mlkem512_keygen_internal,
    pqf_mlkem512_encaps_internal,
    pqf_mlkem512_decaps_internal,
    pqf_mlkem512_check_ek,
    pqf_mlkem512_check_dk,
    pqf_mlkem512_ek_expand,
    pqf_mlkem512_keygen_cached,
    pqf_mlkem512_encaps_cached,
    pqf_mlkem512_decaps_cached
);
mlkem_ffi!(
    mlkem768,
    PQF_MLKEM768_EK_BYTES,
    PQF_MLKEM768_DK_BYTES,
    PQF_MLKEM768_CT_BYTES,
    PQF_MLKEM768_EK_CACHE_BYTES,
    pqf_mlkem768_keygen_internal,
    pqf_mlkem768_encaps_internal,
    pqf_mlkem768_decaps_internal,
    pqf_mlkem768_check_ek,
    pqf_mlkem768_check_dk,
    pqf_mlkem768_ek_expand,
    pqf_mlkem768_keygen_cached,
    pqf_mlkem768_encaps_cached,
    pqf_mlkem768_decaps_cached
);
mlkem_ffi!(
    mlkem1024,
    PQF_MLKEM1024_EK_BYTES,
    PQF_MLKEM1024_DK_BYTES,
    PQF_MLKEM1024_CT_BYTES,
    PQF_MLKEM1024_EK_CACHE_BYTES,
    pqf_mlkem1024_keygen_internal,
    pqf_mlkem1024_encaps_internal,
    pqf_mlkem1024_decaps_internal,
    pqf_mlkem1024_check_ek,
    pqf_mlkem1024_check_dk,
    pqf_mlkem1024_ek_expand,
    pqf_mlkem1024_keygen_cached,
    pqf_mlkem1024_encaps_cached,
    pqf_mlkem1024_decaps_cached
);

/// Incremental SHA-224 / SHA-256 backed by the C (vendor/common/sha2.c).
pub(crate) struct Sha256(b::pqf_sha256_ctx);

impl Sha256 {
    fn empty() -> Self {
        Sha256(b::pqf_sha256_ctx {
            h: [0; 8],
            nbytes: 0,
            buf: [0; 64],
            buflen: 0,
            outlen: 0,
        })
    }

    /// SHA-224 (`small = true`) or SHA-256.
    pub(crate) fn new(small: bool) -> Self {
        let mut c = Self::empty();
        if small {
            // SAFETY: `c.0` is a live, exclusively borrowed context of the C type.
            unsafe { b::pqf_sha224_init(&mut c.0) };
        } else {
            // SAFETY: `c.0` is a live, exclusively borrowed context of the C type.
            unsafe { b::pqf_sha256_init(&mut c.0) };
        }
        c
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        // SAFETY: live exclusive context; `data` describes readable memory.
        unsafe { b::pqf_sha256_update(&mut self.0, data.as_ptr(), data.len()) };
    }

    /// The digest (28 or 32 bytes).
    pub(crate) fn finalize(mut self) -> Vec<u8> {
        let mut out = [0u8; 32];
        // The C wipes the context in final: read the length first.
        let len = self.0.outlen as usize;
        // SAFETY: live exclusive context; `out` holds the 32 bytes the largest
        // variant writes.
        unsafe { b::pqf_sha256_final(&mut self.0, out.as_mut_ptr()) };
        out.get(..len).unwrap_or(&out).to_vec()
    }
}

/// Which member of the SHA-512 family a [`Sha512`] computes.
#[derive(Clone, Copy)]
pub(crate) enum Sha512Variant {
    Sha384,
    Sha512,
    Sha512_224,
    Sha512_256,
}

/// Incremental SHA-384 / SHA-512 / SHA-512/t backed by the C.
pub(crate) struct Sha512(b::pqf_sha512_ctx);

impl Sha512 {
    pub(crate) fn new(v: Sha512Variant) -> Self {
        let mut c = Sha512(b::pqf_sha512_ctx {
            h: [0; 8],
            nbytes: 0,
            buf: [0; 128],
            buflen: 0,
            outlen: 0,
        });
        let ctx = &mut c.0;
        match v {
            // SAFETY: `ctx` is a live, exclusively borrowed context of the C type.
            Sha512Variant::Sha384 => unsafe { b::pqf_sha384_init(ctx) },
            // SAFETY: as above.
            Sha512Variant::Sha512 => unsafe { b::pqf_sha512_init(ctx) },
            // SAFETY: as above.
            Sha512Variant::Sha512_224 => unsafe { b::pqf_sha512_224_init(ctx) },
            // SAFETY: as above.
            Sha512Variant::Sha512_256 => unsafe { b::pqf_sha512_256_init(ctx) },
        }
        c
    }

    pub(crate) fn update(&mut self, data: &[u8]) {
        // SAFETY: live exclusive context; `data` describes readable memory.
        unsafe { b::pqf_sha512_update(&mut self.0, data.as_ptr(), data.len()) };
    }

    /// The digest (28 to 64 bytes).
    pub(crate) fn finalize(mut self) -> Vec<u8> {
        let mut out = [0u8; 64];
        // The C wipes the context in final: read the length first.
        let len = self.0.outlen as usize;
        // SAFETY: live exclusive context; `out` holds the 64 bytes the largest
        // variant writes.
        unsafe { b::pqf_sha512_final(&mut self.0, out.as_mut_ptr()) };
        out.get(..len).unwrap_or(&out).to_vec()
    }
}

/// Optional pointer of a possibly empty slice: C receives NULL for an empty
/// prefix or message, as the headers allow.
fn ptr_or_null(s: &[u8]) -> *const u8 {
    if s.is_empty() {
        core::ptr::null()
    } else {
        s.as_ptr()
    }
}

/// ML-DSA wrappers, one module per parameter set.
macro_rules! mldsa_ffi {
    ($m:ident, $pk:ident, $sk:ident, $sig:ident, $keygen:ident, $sign:ident, $sign_mu:ident,
     $verify:ident, $verify_mu:ident, $sk_to_pk:ident) => {
        pub(crate) mod $m {
            use super::{b, ptr_or_null};
            pub(crate) const PK: usize = b::$pk as usize;
            pub(crate) const SK: usize = b::$sk as usize;
            pub(crate) const SIG: usize = b::$sig as usize;
            const SEED: usize = b::PQF_MLDSA_SEED_BYTES as usize;
            const RND: usize = b::PQF_MLDSA_RND_BYTES as usize;
            const MU: usize = b::PQF_MLDSA_MU_BYTES as usize;

            /// FIPS 204 Algorithm 6, ML-DSA.KeyGen_internal(xi).
            pub(crate) fn keygen(pk: &mut [u8; PK], sk: &mut [u8; SK], xi: &[u8; SEED]) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays from live references; outputs
                // exclusively borrowed; the C keeps no pointer.
                unsafe { b::$keygen(pk.as_mut_ptr(), sk.as_mut_ptr(), xi.as_ptr()) }
            }

            /// FIPS 204 Algorithm 7, Sign_internal(sk, pre || msg, rnd).
            pub(crate) fn sign(
                sig: &mut [u8; SIG],
                sk: &[u8; SK],
                pre: &[u8],
                msg: &[u8],
                rnd: &[u8; RND],
            ) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays and slices from live references, each
                // pointer paired with its slice's length (NULL only for length 0).
                unsafe {
                    b::$sign(
                        sig.as_mut_ptr(),
                        sk.as_ptr(),
                        ptr_or_null(pre),
                        pre.len(),
                        ptr_or_null(msg),
                        msg.len(),
                        rnd.as_ptr(),
                    )
                }
            }

            /// Sign_internal from an external mu.
            pub(crate) fn sign_mu(
                sig: &mut [u8; SIG],
                sk: &[u8; SK],
                mu: &[u8; MU],
                rnd: &[u8; RND],
            ) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays from live references.
                unsafe { b::$sign_mu(sig.as_mut_ptr(), sk.as_ptr(), mu.as_ptr(), rnd.as_ptr()) }
            }

            /// FIPS 204 Algorithm 8, Verify_internal(pk, pre || msg, sig).
            pub(crate) fn verify(pk: &[u8; PK], pre: &[u8], msg: &[u8], sig: &[u8]) -> i32 {
                super::ready();
                // SAFETY: pointers from live slices, each paired with its length.
                unsafe {
                    b::$verify(
                        pk.as_ptr(),
                        ptr_or_null(pre),
                        pre.len(),
                        ptr_or_null(msg),
                        msg.len(),
                        sig.as_ptr(),
                        sig.len(),
                    )
                }
            }

            /// Verify_internal from an external mu.
            pub(crate) fn verify_mu(pk: &[u8; PK], mu: &[u8; MU], sig: &[u8]) -> i32 {
                super::ready();
                // SAFETY: pointers from live references/slices with their lengths.
                unsafe { b::$verify_mu(pk.as_ptr(), mu.as_ptr(), sig.as_ptr(), sig.len()) }
            }

            /// Validates an expanded secret key and derives its public key.
            pub(crate) fn sk_to_pk(pk: &mut [u8; PK], sk: &[u8; SK]) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays from live references.
                unsafe { b::$sk_to_pk(pk.as_mut_ptr(), sk.as_ptr()) }
            }
        }
    };
}

mldsa_ffi!(
    mldsa44,
    PQF_MLDSA44_PK_BYTES,
    PQF_MLDSA44_SK_BYTES,
    PQF_MLDSA44_SIG_BYTES,
    pqf_mldsa44_keygen_internal,
    pqf_mldsa44_sign_internal,
    pqf_mldsa44_sign_mu,
    pqf_mldsa44_verify_internal,
    pqf_mldsa44_verify_mu,
    pqf_mldsa44_sk_to_pk
);
mldsa_ffi!(
    mldsa65,
    PQF_MLDSA65_PK_BYTES,
    PQF_MLDSA65_SK_BYTES,
    PQF_MLDSA65_SIG_BYTES,
    pqf_mldsa65_keygen_internal,
    pqf_mldsa65_sign_internal,
    pqf_mldsa65_sign_mu,
    pqf_mldsa65_verify_internal,
    pqf_mldsa65_verify_mu,
    pqf_mldsa65_sk_to_pk
);
mldsa_ffi!(
    mldsa87,
    PQF_MLDSA87_PK_BYTES,
    PQF_MLDSA87_SK_BYTES,
    PQF_MLDSA87_SIG_BYTES,
    pqf_mldsa87_keygen_internal,
    pqf_mldsa87_sign_internal,
    pqf_mldsa87_sign_mu,
    pqf_mldsa87_verify_internal,
    pqf_mldsa87_verify_mu,
    pqf_mldsa87_sk_to_pk
);

/// Falcon wrappers, one module per degree (the padded variants share them).
macro_rules! falcon_ffi {
    ($m:ident, $pk:ident, $sk:ident, $sigmax:ident, $sigpad:ident, $tmp:ident,
     $keygen:ident, $sign:ident, $verify:ident, $check_pk:ident, $check_sk:ident) => {
        pub(crate) mod $m {
            use super::b;
            pub(crate) const PK: usize = b::$pk as usize;
            pub(crate) const SK: usize = b::$sk as usize;
            pub(crate) const SIG_MAX: usize = b::$sigmax as usize;
            pub(crate) const SIG_PADDED: usize = b::$sigpad as usize;
            /// The workspace in 8-byte words (the C needs 8-byte alignment).
            pub(crate) const TMP_WORDS: usize = (b::$tmp as usize).div_ceil(8);
            const SEED: usize = b::PQF_FALCON_SEED_BYTES as usize;
            const NONCE: usize = b::PQF_FALCON_NONCE_BYTES as usize;

            /// Falcon key generation from a 48-byte seed.
            pub(crate) fn keygen(
                pk: &mut [u8; PK],
                sk: &mut [u8; SK],
                seed: &[u8; SEED],
                tmp: &mut [u64; TMP_WORDS],
            ) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays from live references; `tmp` is an
                // 8-byte aligned workspace of at least the header's size.
                unsafe {
                    b::$keygen(
                        pk.as_mut_ptr(),
                        sk.as_mut_ptr(),
                        seed.as_ptr(),
                        tmp.as_mut_ptr().cast(),
                    )
                }
            }

            /// Falcon signing; writes at most SIG_MAX bytes and sets `siglen`.
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn sign(
                sig: &mut [u8; SIG_MAX],
                siglen: &mut usize,
                sk: &[u8; SK],
                msg: &[u8],
                nonce: &[u8; NONCE],
                seed: &[u8; SEED],
                padded: bool,
                tmp: &mut [u64; TMP_WORDS],
            ) -> i32 {
                super::ready();
                // SAFETY: `sig` holds SIG_MAX bytes, the most either encoding
                // writes; every other pointer comes from a live reference or
                // slice paired with its length; `tmp` is aligned and large enough.
                unsafe {
                    b::$sign(
                        sig.as_mut_ptr(),
                        siglen,
                        sk.as_ptr(),
                        super::ptr_or_null(msg),
                        msg.len(),
                        nonce.as_ptr(),
                        seed.as_ptr(),
                        i32::from(padded),
                        tmp.as_mut_ptr().cast(),
                    )
                }
            }

            /// Falcon verification with strict decoding.
            pub(crate) fn verify(
                pk: &[u8; PK],
                msg: &[u8],
                sig: &[u8],
                padded: bool,
                tmp: &mut [u64; TMP_WORDS],
            ) -> i32 {
                super::ready();
                // SAFETY: pointers from live references/slices with their
                // lengths; `tmp` is aligned and large enough.
                unsafe {
                    b::$verify(
                        pk.as_ptr(),
                        super::ptr_or_null(msg),
                        msg.len(),
                        sig.as_ptr(),
                        sig.len(),
                        i32::from(padded),
                        tmp.as_mut_ptr().cast(),
                    )
                }
            }

            /// Decode-checks a public key.
            pub(crate) fn check_pk(pk: &[u8; PK]) -> i32 {
                super::ready();
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_pk(pk.as_ptr()) }
            }

            /// Decode-checks a secret key (and its NTRU equation).
            pub(crate) fn check_sk(sk: &[u8; SK]) -> i32 {
                super::ready();
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_sk(sk.as_ptr()) }
            }
        }
    };
}

falcon_ffi!(
    falcon512,
    PQF_FALCON512_PK_BYTES,
    PQF_FALCON512_SK_BYTES,
    PQF_FALCON512_SIG_MAX_BYTES,
    PQF_FALCON512_SIG_PADDED_BYTES,
    PQF_FALCON512_TMP_BYTES,
    pqf_falcon512_keygen,
    pqf_falcon512_sign,
    pqf_falcon512_verify,
    pqf_falcon512_check_pk,
    pqf_falcon512_check_sk
);
falcon_ffi!(
    falcon1024,
    PQF_FALCON1024_PK_BYTES,
    PQF_FALCON1024_SK_BYTES,
    PQF_FALCON1024_SIG_MAX_BYTES,
    PQF_FALCON1024_SIG_PADDED_BYTES,
    PQF_FALCON1024_TMP_BYTES,
    pqf_falcon1024_keygen,
    pqf_falcon1024_sign,
    pqf_falcon1024_verify,
    pqf_falcon1024_check_pk,
    pqf_falcon1024_check_sk
);

/// SLH-DSA wrappers, one module per parameter set.
macro_rules! slhdsa_ffi {
    ($m:ident, $n:ident, $pk:ident, $sk:ident, $sig:ident, $keygen:ident, $sign:ident, $verify:ident,
     $check_sk:ident) => {
        pub(crate) mod $m {
            use super::{b, ptr_or_null};
            pub(crate) const N: usize = b::$n as usize;
            pub(crate) const PK: usize = b::$pk as usize;
            pub(crate) const SK: usize = b::$sk as usize;
            pub(crate) const SIG: usize = b::$sig as usize;

            /// FIPS 205 Algorithm 18, slh_keygen_internal.
            pub(crate) fn keygen(
                pk: &mut [u8; PK],
                sk: &mut [u8; SK],
                sk_seed: &[u8; N],
                sk_prf: &[u8; N],
                pk_seed: &[u8; N],
            ) -> i32 {
                super::ready();
                // SAFETY: exact-size arrays from live references; outputs
                // exclusively borrowed; the C keeps no pointer.
                unsafe {
                    b::$keygen(
                        pk.as_mut_ptr(),
                        sk.as_mut_ptr(),
                        sk_seed.as_ptr(),
                        sk_prf.as_ptr(),
                        pk_seed.as_ptr(),
                    )
                }
            }

            /// FIPS 205 Algorithm 19, slh_sign_internal(pre || msg, sk, addrnd);
            /// `None` selects the deterministic variant.
            pub(crate) fn sign(
                sig: &mut [u8; SIG],
                sk: &[u8; SK],
                pre: &[u8],
                msg: &[u8],
                addrnd: Option<&[u8; N]>,
            ) -> i32 {
                let rnd = addrnd.map_or(core::ptr::null(), |r| r.as_ptr());
                super::ready();
                // SAFETY: exact-size arrays and slices from live references, each
                // pointer paired with its length (NULL only for length 0, or for
                // the absent addrnd, which the C reads as "deterministic").
                unsafe {
                    b::$sign(
                        sig.as_mut_ptr(),
                        sk.as_ptr(),
                        ptr_or_null(pre),
                        pre.len(),
                        ptr_or_null(msg),
                        msg.len(),
                        rnd,
                    )
                }
            }

            /// FIPS 205 Algorithm 20, slh_verify_internal.
            pub(crate) fn verify(pk: &[u8; PK], pre: &[u8], msg: &[u8], sig: &[u8]) -> i32 {
                super::ready();
                // SAFETY: pointers from live slices, each paired with its length.
                unsafe {
                    b::$verify(
                        pk.as_ptr(),
                        ptr_or_null(pre),
                        pre.len(),
                        ptr_or_null(msg),
                        msg.len(),
                        sig.as_ptr(),
                        sig.len(),
                    )
                }
            }

            /// Recomputes PK.root from the secret key and compares.
            pub(crate) fn check_sk(sk: &[u8; SK]) -> i32 {
                super::ready();
                // SAFETY: an exact-size array from a live reference, read only.
                unsafe { b::$check_sk(sk.as_ptr()) }
            }
        }
    };
}

slhdsa_ffi!(
    slhdsa_sha2_128s,
    PQF_SLHDSA_SHA2_128S_N,
    PQF_SLHDSA_SHA2_128S_PK_BYTES,
    PQF_SLHDSA_SHA2_128S_SK_BYTES,
    PQF_SLHDSA_SHA2_128S_SIG_BYTES,
    pqf_slhdsa_sha2_128s_keygen_internal,
    pqf_slhdsa_sha2_128s_sign_internal,
    pqf_slhdsa_sha2_128s_verify_internal,
    pqf_slhdsa_sha2_128s_check_sk
);
slhdsa_ffi!(
    slhdsa_sha2_128f,
    PQF_SLHDSA_SHA2_128F_N,
    PQF_SLHDSA_SHA2_128F_PK_BYTES,
    PQF_SLHDSA_SHA2_128F_SK_BYTES,
    PQF_SLHDSA_SHA2_128F_SIG_BYTES,
    pqf_slhdsa_sha2_128f_keygen_internal,
    pqf_slhdsa_sha2_128f_sign_internal,
    pqf_slhdsa_sha2_128f_verify_internal,
    pqf_slhdsa_sha2_128f_check_sk
);
slhdsa_ffi!(
    slhdsa_sha2_192s,
    PQF_SLHDSA_SHA2_192S_N,
    PQF_SLHDSA_SHA2_192S_PK_BYTES,
    PQF_SLHDSA_SHA2_192S_SK_BYTES,
    PQF_SLHDSA_SHA2_192S_SIG_BYTES,
    pqf_slhdsa_sha2_192s_keygen_internal,
    pqf_slhdsa_sha2_192s_sign_internal,
    pqf_slhdsa_sha2_192s_verify_internal,
    pqf_slhdsa_sha2_192s_check_sk
);
slhdsa_ffi!(
    slhdsa_sha2_192f,
    PQF_SLHDSA_SHA2_192F_N,
    PQF_SLHDSA_SHA2_192F_PK_BYTES,
    PQF_SLHDSA_SHA2_192F_SK_BYTES,
    PQF_SLHDSA_SHA2_192F_SIG_BYTES,
    pqf_slhdsa_sha2_192f_keygen_internal,
    pqf_slhdsa_sha2_192f_sign_internal,
    pqf_slhdsa_sha2_192f_verify_internal,
    pqf_slhdsa_sha2_192f_check_sk
);
slhdsa_ffi!(
    slhdsa_sha2_256s,
    PQF_SLHDSA_SHA2_256S_N,
    PQF_SLHDSA_SHA2_256S_PK_BYTES,
    PQF_SLHDSA_SHA2_256S_SK_BYTES,
    PQF_SLHDSA_SHA2_256S_SIG_BYTES,
    pqf_slhdsa_sha2_256s_keygen_internal,
    pqf_slhdsa_sha2_256s_sign_internal,
    pqf_slhdsa_sha2_256s_verify_internal,
    pqf_slhdsa_sha2_256s_check_sk
);
slhdsa_ffi!(
    slhdsa_sha2_256f,
    PQF_SLHDSA_SHA2_256F_N,
    PQF_SLHDSA_SHA2_256F_PK_BYTES,
    PQF_SLHDSA_SHA2_256F_SK_BYTES,
    PQF_SLHDSA_SHA2_256F_SIG_BYTES,
    pqf_slhdsa_sha2_256f_keygen_internal,
    pqf_slhdsa_sha2_256f_sign_internal,
    pqf_slhdsa_sha2_256f_verify_internal,
    pqf_slhdsa_sha2_256f_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_128s,
    PQF_SLHDSA_SHAKE_128S_N,
    PQF_SLHDSA_SHAKE_128S_PK_BYTES,
    PQF_SLHDSA_SHAKE_128S_SK_BYTES,
    PQF_SLHDSA_SHAKE_128S_SIG_BYTES,
    pqf_slhdsa_shake_128s_keygen_internal,
    pqf_slhdsa_shake_128s_sign_internal,
    pqf_slhdsa_shake_128s_verify_internal,
    pqf_slhdsa_shake_128s_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_128f,
    PQF_SLHDSA_SHAKE_128F_N,
    PQF_SLHDSA_SHAKE_128F_PK_BYTES,
    PQF_SLHDSA_SHAKE_128F_SK_BYTES,
    PQF_SLHDSA_SHAKE_128F_SIG_BYTES,
    pqf_slhdsa_shake_128f_keygen_internal,
    pqf_slhdsa_shake_128f_sign_internal,
    pqf_slhdsa_shake_128f_verify_internal,
    pqf_slhdsa_shake_128f_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_192s,
    PQF_SLHDSA_SHAKE_192S_N,
    PQF_SLHDSA_SHAKE_192S_PK_BYTES,
    PQF_SLHDSA_SHAKE_192S_SK_BYTES,
    PQF_SLHDSA_SHAKE_192S_SIG_BYTES,
    pqf_slhdsa_shake_192s_keygen_internal,
    pqf_slhdsa_shake_192s_sign_internal,
    pqf_slhdsa_shake_192s_verify_internal,
    pqf_slhdsa_shake_192s_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_192f,
    PQF_SLHDSA_SHAKE_192F_N,
    PQF_SLHDSA_SHAKE_192F_PK_BYTES,
    PQF_SLHDSA_SHAKE_192F_SK_BYTES,
    PQF_SLHDSA_SHAKE_192F_SIG_BYTES,
    pqf_slhdsa_shake_192f_keygen_internal,
    pqf_slhdsa_shake_192f_sign_internal,
    pqf_slhdsa_shake_192f_verify_internal,
    pqf_slhdsa_shake_192f_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_256s,
    PQF_SLHDSA_SHAKE_256S_N,
    PQF_SLHDSA_SHAKE_256S_PK_BYTES,
    PQF_SLHDSA_SHAKE_256S_SK_BYTES,
    PQF_SLHDSA_SHAKE_256S_SIG_BYTES,
    pqf_slhdsa_shake_256s_keygen_internal,
    pqf_slhdsa_shake_256s_sign_internal,
    pqf_slhdsa_shake_256s_verify_internal,
    pqf_slhdsa_shake_256s_check_sk
);
slhdsa_ffi!(
    slhdsa_shake_256f,
    PQF_SLHDSA_SHAKE_256F_N,
    PQF_SLHDSA_SHAKE_256F_PK_BYTES,
    PQF_SLHDSA_SHAKE_256F_SK_BYTES,
    PQF_SLHDSA_SHAKE_256F_SIG_BYTES,
    pqf_slhdsa_shake_256f_keygen_internal,
    pqf_slhdsa_shake_256f_sign_internal,
    pqf_slhdsa_shake_256f_verify_internal,
    pqf_slhdsa_shake_256f_check_sk
);
