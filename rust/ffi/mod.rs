//! The only module with `unsafe`: safe wrappers around each C entry point.
//!
//! Every wrapper takes fixed-size arrays, so the buffer lengths the C expects
//! are enforced by the types: each family's wrappers are generic over its
//! parameter sets, whose array types take their lengths from the C header's
//! macros (`rust/algorithms.rs` builds them, and the set's table of C entry
//! points, from one prefix), so the two cannot drift apart. Raw pointers are
//! derived from live Rust references and used only for the one call. The C
//! layer is reentrant; its only process-wide state is the cached CPU features
//! and the backend cap (vendor/common/cpu.c), so the wrappers are safe to call
//! from any thread.
#![allow(unsafe_code)]

#[allow(
    dead_code, // the header's macros and types bindgen emits are not all used
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
pub(crate) mod bindings;

use bindings as b;

use core::ffi::c_int;

use crate::error::{Error, Result};
use crate::secret::ByteArray;

pub(crate) use pastey::paste;

/// Return codes: the C layer's (vendor/include/pqfence.h), then the codes the
/// Rust side reports in [`Error::Internal`] when an outbound check fails.
pub(crate) mod codes {
    use super::b;
    pub(crate) const OK: i32 = b::PQF_OK as i32;
    pub(crate) const INVALID_KEY: i32 = b::PQF_ERR_INVALID_KEY;
    pub(crate) const INVALID_SIGNATURE: i32 = b::PQF_ERR_INVALID_SIGNATURE;
    pub(crate) const BAD_ARGUMENT: i32 = b::PQF_ERR_BAD_ARGUMENT;
    /// An output the C returned success for is all zero (not written).
    pub(crate) const NOT_WRITTEN: i32 = -100;
    /// A key's internal layout did not split as its sizes say.
    pub(crate) const KEY_LAYOUT: i32 = -101;
    /// The C reported an output length outside its buffer.
    pub(crate) const LENGTH_OUT_OF_RANGE: i32 = -102;
    /// A fault check failed: a new signature did not verify, or a lock
    /// was poisoned by a panic elsewhere.
    pub(crate) const FAULT: i32 = -103;
}

/// Maps a C return code to `Ok(())` or the matching [`Error`]; `invalid_key`
/// says which check a `PQF_ERR_INVALID_KEY` means.
pub(crate) fn check_rc(rc: i32, invalid_key: &'static str) -> Result<()> {
    match rc {
        codes::OK => Ok(()),
        codes::INVALID_KEY => Err(Error::InvalidKey {
            reason: invalid_key,
        }),
        codes::INVALID_SIGNATURE => Err(Error::InvalidSignature),
        code => Err(Error::Internal { code }),
    }
}

/// Checks, in constant time, that the C wrote an output it reported success
/// for (an all-zero output means it did not).
pub(crate) fn check_written(out: &[u8]) -> Result<()> {
    if crate::secret::ct_is_all_zero(out) {
        Err(Error::Internal {
            code: codes::NOT_WRITTEN,
        })
    } else {
        Ok(())
    }
}

/// Applies `PQFENCE_BACKEND` once, before the first call into the C: every
/// wrapper calls it. `portable` caps the C at its portable code for the whole
/// process, `avx2` at its AVX2 code without the AVX-512VL parts; anything
/// else (or no variable) lets it pick the best the CPU has.
fn ready() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| match std::env::var("PQFENCE_BACKEND").as_deref() {
        Ok("portable") => {
            select_backend(BACKEND_PORTABLE);
        }
        Ok("avx2") => {
            select_backend(BACKEND_AVX2);
        }
        _ => {}
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

/// Wipes `buf` with volatile stores that the compiler cannot drop (the
/// `zeroize` crate's), eight bytes at a time over the aligned middle: a
/// byte-at-a-time wipe of a 2,400-byte ML-KEM key took about 0.33 µs, a
/// tenth of a key generation. Every `Secret` is wiped through here on drop.
pub(crate) fn wipe(buf: &mut [u8]) {
    use zeroize::Zeroize;
    // SAFETY: `align_to_mut` splits the live, exclusively borrowed `buf` into
    // a byte prefix, a middle of properly aligned `u64`s and a byte suffix
    // that together cover it exactly; every bit pattern is a valid `u64`, so
    // viewing those bytes as words is sound, and only zeros are written.
    let (head, middle, tail) = unsafe { buf.align_to_mut::<u64>() };
    head.zeroize();
    middle.zeroize();
    tail.zeroize();
}

/// The backend codes of the C header.
pub(crate) const BACKEND_PORTABLE: i32 = b::PQF_BACKEND_PORTABLE as i32;
pub(crate) const BACKEND_AVX2: i32 = b::PQF_BACKEND_AVX2 as i32;
pub(crate) const BACKEND_AVX512: i32 = b::PQF_BACKEND_AVX512 as i32;

/// An incremental SHAKE / SHA-3 sponge backed by the C Keccak.
pub(crate) struct Keccak(b::pqf_keccak_ctx);

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
    pub(crate) fn shake128() -> Self {
        let mut k = Self::empty();
        // SAFETY: `k.0` is a live, exclusively borrowed context of the C type.
        unsafe { b::pqf_shake128_init(&mut k.0) };
        k
    }

    /// SHA3-(8 * `outbytes`) for `outbytes` in {28, 32, 48, 64}.
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

/// A fixed-size array of u64 words (`[u64; N]`): the C's 8-byte aligned
/// buffers (ML-KEM's expanded encapsulation key, Falcon's workspace).
pub trait Words: AsRef<[u64]> + AsMut<[u64]> + Send + Sync + 'static {
    /// The array's length in words.
    const WORDS: usize;
    /// An all-zero array on the heap.
    fn boxed_zero() -> Box<Self>;
}

impl<const N: usize> Words for [u64; N] {
    const WORDS: usize = N;
    fn boxed_zero() -> Box<Self> {
        match vec![0u64; N].into_boxed_slice().try_into() {
            Ok(b) => b,
            // A boxed slice of length N always converts to Box<[u64; N]>.
            Err(_) => unreachable!("length is N by construction"),
        }
    }
}

fn out<A: ByteArray>(a: &mut A) -> *mut u8 {
    a.as_mut().as_mut_ptr()
}

fn inp<A: ByteArray>(a: &A) -> *const u8 {
    a.as_ref().as_ptr()
}

// ---------------------------------------------------------------------------
// ML-KEM (vendor/include/pqfence_mlkem.h)
// ---------------------------------------------------------------------------

type Out = *mut u8;
type In = *const u8;

/// The C entry points of one ML-KEM parameter set. Built by
/// [`mlkem_entry_points!`] from the set's prefix.
pub struct MlKemC {
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In, In) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) encaps: unsafe extern "C" fn(Out, Out, In, In) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) decaps: unsafe extern "C" fn(Out, In, In) -> c_int,
    pub(crate) check_dk: unsafe extern "C" fn(In) -> c_int,
    pub(crate) ek_expand: unsafe extern "C" fn(Out, In) -> c_int,
    pub(crate) keygen_cached: unsafe extern "C" fn(Out, Out, Out, In, In) -> c_int,
    pub(crate) encaps_cached: unsafe extern "C" fn(Out, Out, In, In) -> c_int,
    pub(crate) decaps_cached: unsafe extern "C" fn(Out, In, In, In) -> c_int,
}

/// `MlKemC` of the set whose C prefix is `$p` (e.g. `mlkem768`).
macro_rules! mlkem_entry_points {
    ($p:ident) => {
        $crate::ffi::paste! {
            $crate::ffi::MlKemC {
                #[cfg(any(test, feature = "test-hooks"))]
                keygen: $crate::ffi::bindings::[<pqf_ $p _keygen_internal>],
                #[cfg(any(test, feature = "test-hooks"))]
                encaps: $crate::ffi::bindings::[<pqf_ $p _encaps_internal>],
                #[cfg(any(test, feature = "test-hooks"))]
                decaps: $crate::ffi::bindings::[<pqf_ $p _decaps_internal>],
                check_dk: $crate::ffi::bindings::[<pqf_ $p _check_dk>],
                ek_expand: $crate::ffi::bindings::[<pqf_ $p _ek_expand>],
                keygen_cached: $crate::ffi::bindings::[<pqf_ $p _keygen_cached>],
                encaps_cached: $crate::ffi::bindings::[<pqf_ $p _encaps_cached>],
                decaps_cached: $crate::ffi::bindings::[<pqf_ $p _decaps_cached>],
            }
        }
    };
}
pub(crate) use mlkem_entry_points;

/// What the FFI needs of an ML-KEM set beyond its public sizes: its entry
/// points and its expanded-key storage. Implemented by the row of
/// `rust/algorithms.rs`, whose compile-time assertions tie every array type
/// of the set to the header's macros.
pub trait MlKemSet {
    /// The set's C entry points.
    const C: MlKemC;
    /// The expanded encapsulation key, in words (8-byte aligned).
    type Cache: Words;
}

pub(crate) mod mlkem;

// ---------------------------------------------------------------------------
// ML-DSA (vendor/include/pqfence_mldsa.h)
// ---------------------------------------------------------------------------

/// The C entry points of one ML-DSA parameter set.
pub struct MlDsaC {
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) sign: unsafe extern "C" fn(Out, In, In, usize, In, usize, In) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) sign_mu: unsafe extern "C" fn(Out, In, In, In) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) verify: unsafe extern "C" fn(In, In, usize, In, usize, In, usize) -> c_int,
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) verify_mu: unsafe extern "C" fn(In, In, In, usize) -> c_int,
    pub(crate) sk_to_pk: unsafe extern "C" fn(Out, In) -> c_int,
    pub(crate) keygen_cached: unsafe extern "C" fn(Out, Out, Out, In) -> c_int,
    pub(crate) pk_expand: unsafe extern "C" fn(Out, In) -> c_int,
    pub(crate) sk_expand: unsafe extern "C" fn(Out, In) -> c_int,
    pub(crate) sign_cached: unsafe extern "C" fn(Out, In, In, In, usize, In, usize, In) -> c_int,
    pub(crate) sign_mu_cached: unsafe extern "C" fn(Out, In, In, In, In) -> c_int,
    pub(crate) verify_cached: unsafe extern "C" fn(In, In, usize, In, usize, In, usize) -> c_int,
    pub(crate) verify_mu_cached: unsafe extern "C" fn(In, In, In, usize) -> c_int,
}

/// `MlDsaC` of the set whose C prefix is `$p` (e.g. `mldsa65`).
macro_rules! mldsa_entry_points {
    ($p:ident) => {
        $crate::ffi::paste! {
            $crate::ffi::MlDsaC {
                #[cfg(any(test, feature = "test-hooks"))]
                keygen: $crate::ffi::bindings::[<pqf_ $p _keygen_internal>],
                #[cfg(any(test, feature = "test-hooks"))]
                sign: $crate::ffi::bindings::[<pqf_ $p _sign_internal>],
                #[cfg(any(test, feature = "test-hooks"))]
                sign_mu: $crate::ffi::bindings::[<pqf_ $p _sign_mu>],
                #[cfg(any(test, feature = "test-hooks"))]
                verify: $crate::ffi::bindings::[<pqf_ $p _verify_internal>],
                #[cfg(any(test, feature = "test-hooks"))]
                verify_mu: $crate::ffi::bindings::[<pqf_ $p _verify_mu>],
                sk_to_pk: $crate::ffi::bindings::[<pqf_ $p _sk_to_pk>],
                keygen_cached: $crate::ffi::bindings::[<pqf_ $p _keygen_cached>],
                pk_expand: $crate::ffi::bindings::[<pqf_ $p _pk_expand>],
                sk_expand: $crate::ffi::bindings::[<pqf_ $p _sk_expand>],
                sign_cached: $crate::ffi::bindings::[<pqf_ $p _sign_cached>],
                sign_mu_cached: $crate::ffi::bindings::[<pqf_ $p _sign_mu_cached>],
                verify_cached: $crate::ffi::bindings::[<pqf_ $p _verify_cached>],
                verify_mu_cached: $crate::ffi::bindings::[<pqf_ $p _verify_mu_cached>],
            }
        }
    };
}
pub(crate) use mldsa_entry_points;

/// The entry points of an ML-DSA set and its expanded-key storage (see
/// [`MlKemSet`]).
pub trait MlDsaSet {
    /// The set's C entry points.
    const C: MlDsaC;
    /// The expanded public key (pk cache), in words (8-byte aligned).
    type PkCache: Words;
    /// The expanded secret key (sk cache), in words (8-byte aligned); kept in a
    /// zeroize-on-drop box (`rust/secret.rs`).
    type SkCache: Words + zeroize::Zeroize;
}

pub(crate) mod mldsa;

// ---------------------------------------------------------------------------
// Falcon (vendor/include/pqfence_falcon.h)
// ---------------------------------------------------------------------------

/// The C entry points of one Falcon degree (the padded sets share them).
pub struct FalconC {
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In, Out) -> c_int,
    pub(crate) sign:
        unsafe extern "C" fn(Out, *mut usize, In, In, usize, In, In, c_int, Out) -> c_int,
    pub(crate) verify: unsafe extern "C" fn(In, In, usize, In, usize, c_int, Out) -> c_int,
    pub(crate) check_pk: unsafe extern "C" fn(In) -> c_int,
    pub(crate) check_sk: unsafe extern "C" fn(In) -> c_int,
}

/// `FalconC` of the degree whose C prefix is `$p` (e.g. `falcon512`).
macro_rules! falcon_entry_points {
    ($p:ident) => {
        $crate::ffi::paste! {
            $crate::ffi::FalconC {
                keygen: $crate::ffi::bindings::[<pqf_ $p _keygen>],
                sign: $crate::ffi::bindings::[<pqf_ $p _sign>],
                verify: $crate::ffi::bindings::[<pqf_ $p _verify>],
                check_pk: $crate::ffi::bindings::[<pqf_ $p _check_pk>],
                check_sk: $crate::ffi::bindings::[<pqf_ $p _check_sk>],
            }
        }
    };
}
pub(crate) use falcon_entry_points;

/// The entry points and workspace of a Falcon set (see [`MlKemSet`]).
pub trait FalconSet {
    /// The degree's C entry points.
    const C: FalconC;
    /// The C workspace in 8-byte words (at least the header's TMP_BYTES).
    type Tmp: Words + zeroize::Zeroize;
}

pub(crate) mod falcon;

// ---------------------------------------------------------------------------
// SLH-DSA (vendor/include/pqfence_slhdsa.h)
// ---------------------------------------------------------------------------

/// The C entry points of one SLH-DSA parameter set.
pub struct SlhDsaC {
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In, In, In) -> c_int,
    pub(crate) sign: unsafe extern "C" fn(Out, In, In, usize, In, usize, In) -> c_int,
    pub(crate) verify: unsafe extern "C" fn(In, In, usize, In, usize, In, usize) -> c_int,
    pub(crate) check_sk: unsafe extern "C" fn(In) -> c_int,
}

/// `SlhDsaC` of the set whose C prefix is `$p` (e.g. `slhdsa_sha2_128s`).
macro_rules! slhdsa_entry_points {
    ($p:ident) => {
        $crate::ffi::paste! {
            $crate::ffi::SlhDsaC {
                keygen: $crate::ffi::bindings::[<pqf_ $p _keygen_internal>],
                sign: $crate::ffi::bindings::[<pqf_ $p _sign_internal>],
                verify: $crate::ffi::bindings::[<pqf_ $p _verify_internal>],
                check_sk: $crate::ffi::bindings::[<pqf_ $p _check_sk>],
            }
        }
    };
}
pub(crate) use slhdsa_entry_points;

/// The entry points of an SLH-DSA set (see [`MlKemSet`]).
pub trait SlhDsaSet {
    /// The set's C entry points.
    const C: SlhDsaC;
}

pub(crate) mod slhdsa;
