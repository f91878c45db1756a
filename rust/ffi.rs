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

/// The ML-KEM wrappers, generic over the parameter set.
pub(crate) mod mlkem {
    use super::{b, inp, out, ready, Words};
    use crate::mlkem::KemParams;

    const HALF: usize = b::PQF_MLKEM_SEED_BYTES as usize / 2;
    const SS: usize = b::PQF_MLKEM_SHARED_SECRET_BYTES as usize;
    const M: usize = b::PQF_MLKEM_MESSAGE_BYTES as usize;

    /// FIPS 203 Algorithm 16, ML-KEM.KeyGen_internal(d, z).
    /// (Test hooks only: the API uses the cached entry points.)
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn keygen<P: KemParams>(
        ek: &mut P::Ek,
        dk: &mut P::Dk,
        d: &[u8; HALF],
        z: &[u8; HALF],
    ) -> i32 {
        ready();
        // SAFETY: every pointer comes from a live reference to an array whose
        // length the set's row asserts equal to the header's macro; outputs
        // are exclusively borrowed; the C writes only within them and keeps
        // no pointer.
        unsafe { (P::C.keygen)(out(ek), out(dk), d.as_ptr(), z.as_ptr()) }
    }

    /// FIPS 203 Algorithm 17 after the section 7.2 modulus check.
    /// (Test hooks only: the API uses the cached entry points.)
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn encaps<P: KemParams>(
        ss: &mut [u8; SS],
        ct: &mut P::Ct,
        ek: &P::Ek,
        m: &[u8; M],
    ) -> i32 {
        ready();
        // SAFETY: as in `keygen`: header-sized arrays from live references,
        // outputs exclusively borrowed, no pointer retained.
        unsafe { (P::C.encaps)(ss.as_mut_ptr(), out(ct), inp(ek), m.as_ptr()) }
    }

    /// FIPS 203 Algorithm 18 after the section 7.3 hash check.
    /// (Test hooks only: the API uses the cached entry points.)
    #[cfg(any(test, feature = "test-hooks"))]
    pub(crate) fn decaps<P: KemParams>(ss: &mut [u8; SS], dk: &P::Dk, ct: &P::Ct) -> i32 {
        ready();
        // SAFETY: as in `keygen`.
        unsafe { (P::C.decaps)(ss.as_mut_ptr(), inp(dk), inp(ct)) }
    }

    /// FIPS 203 section 7.3 hash check.
    pub(crate) fn check_dk<P: KemParams>(dk: &P::Dk) -> i32 {
        ready();
        // SAFETY: a header-sized array from a live reference, read only.
        unsafe { (P::C.check_dk)(inp(dk)) }
    }

    /// Section 7.2 modulus check, then ek expanded into `cache`.
    pub(crate) fn ek_expand<P: KemParams>(cache: &mut P::Cache, ek: &P::Ek) -> i32 {
        ready();
        // SAFETY: `cache` is a live, exclusively borrowed u64 array of exactly
        // the header's EK_CACHE_BYTES (asserted by the row), so 8-byte aligned
        // as the C requires; `ek` is header-sized. No pointer retained.
        unsafe { (P::C.ek_expand)(cache.as_mut().as_mut_ptr().cast::<u8>(), inp(ek)) }
    }

    /// FIPS 203 Algorithm 16, also filling the ek cache.
    pub(crate) fn keygen_cached<P: KemParams>(
        ek: &mut P::Ek,
        dk: &mut P::Dk,
        cache: &mut P::Cache,
        d: &[u8; HALF],
        z: &[u8; HALF],
    ) -> i32 {
        ready();
        // SAFETY: as in `keygen` and `ek_expand`.
        unsafe {
            (P::C.keygen_cached)(
                out(ek),
                out(dk),
                cache.as_mut().as_mut_ptr().cast::<u8>(),
                d.as_ptr(),
                z.as_ptr(),
            )
        }
    }

    /// FIPS 203 Algorithm 17 through an ek cache from `ek_expand` or
    /// `keygen_cached`.
    pub(crate) fn encaps_cached<P: KemParams>(
        ss: &mut [u8; SS],
        ct: &mut P::Ct,
        cache: &P::Cache,
        m: &[u8; M],
    ) -> i32 {
        ready();
        // SAFETY: as in `ek_expand` (the cache read only).
        unsafe {
            (P::C.encaps_cached)(
                ss.as_mut_ptr(),
                out(ct),
                cache.as_ref().as_ptr().cast::<u8>(),
                m.as_ptr(),
            )
        }
    }

    /// FIPS 203 Algorithm 18 through the ek cache of dk's own ek; dk must
    /// have passed `check_dk`.
    pub(crate) fn decaps_cached<P: KemParams>(
        ss: &mut [u8; SS],
        dk: &P::Dk,
        cache: &P::Cache,
        ct: &P::Ct,
    ) -> i32 {
        ready();
        // SAFETY: as in `ek_expand` (the cache read only).
        unsafe {
            (P::C.decaps_cached)(
                ss.as_mut_ptr(),
                inp(dk),
                cache.as_ref().as_ptr().cast::<u8>(),
                inp(ct),
            )
        }
    }

    /// The cache's size, for the row's assertion.
    pub(crate) const fn cache_bytes<W: Words>() -> usize {
        W::WORDS * 8
    }
}

// ---------------------------------------------------------------------------
// ML-DSA (vendor/include/pqfence_mldsa.h)
// ---------------------------------------------------------------------------

/// The C entry points of one ML-DSA parameter set.
pub struct MlDsaC {
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In) -> c_int,
    pub(crate) sign: unsafe extern "C" fn(Out, In, In, usize, In, usize, In) -> c_int,
    pub(crate) sign_mu: unsafe extern "C" fn(Out, In, In, In) -> c_int,
    pub(crate) verify: unsafe extern "C" fn(In, In, usize, In, usize, In, usize) -> c_int,
    pub(crate) verify_mu: unsafe extern "C" fn(In, In, In, usize) -> c_int,
    pub(crate) sk_to_pk: unsafe extern "C" fn(Out, In) -> c_int,
}

/// `MlDsaC` of the set whose C prefix is `$p` (e.g. `mldsa65`).
macro_rules! mldsa_entry_points {
    ($p:ident) => {
        $crate::ffi::paste! {
            $crate::ffi::MlDsaC {
                keygen: $crate::ffi::bindings::[<pqf_ $p _keygen_internal>],
                sign: $crate::ffi::bindings::[<pqf_ $p _sign_internal>],
                sign_mu: $crate::ffi::bindings::[<pqf_ $p _sign_mu>],
                verify: $crate::ffi::bindings::[<pqf_ $p _verify_internal>],
                verify_mu: $crate::ffi::bindings::[<pqf_ $p _verify_mu>],
                sk_to_pk: $crate::ffi::bindings::[<pqf_ $p _sk_to_pk>],
            }
        }
    };
}
pub(crate) use mldsa_entry_points;

/// The entry points of an ML-DSA set (see [`MlKemSet`]).
pub trait MlDsaSet {
    /// The set's C entry points.
    const C: MlDsaC;
}

/// The ML-DSA wrappers, generic over the parameter set.
pub(crate) mod mldsa {
    use super::{b, inp, out, ptr_or_null, ready};
    use crate::mldsa::DsaParams;

    const SEED: usize = b::PQF_MLDSA_SEED_BYTES as usize;
    const RND: usize = b::PQF_MLDSA_RND_BYTES as usize;
    const MU: usize = b::PQF_MLDSA_MU_BYTES as usize;

    /// FIPS 204 Algorithm 6, ML-DSA.KeyGen_internal(xi).
    pub(crate) fn keygen<P: DsaParams>(pk: &mut P::Pk, sk: &mut P::Sk, xi: &[u8; SEED]) -> i32 {
        ready();
        // SAFETY: header-sized arrays (asserted by the set's row) from live
        // references; outputs exclusively borrowed; the C keeps no pointer.
        unsafe { (P::C.keygen)(out(pk), out(sk), xi.as_ptr()) }
    }

    /// FIPS 204 Algorithm 7, Sign_internal(sk, pre || msg, rnd).
    pub(crate) fn sign<P: DsaParams>(
        sig: &mut P::Sig,
        sk: &P::Sk,
        pre: &[u8],
        msg: &[u8],
        rnd: &[u8; RND],
    ) -> i32 {
        ready();
        // SAFETY: header-sized arrays and slices from live references, each
        // pointer paired with its slice's length (NULL only for length 0).
        unsafe {
            (P::C.sign)(
                out(sig),
                inp(sk),
                ptr_or_null(pre),
                pre.len(),
                ptr_or_null(msg),
                msg.len(),
                rnd.as_ptr(),
            )
        }
    }

    /// Sign_internal from an external mu.
    pub(crate) fn sign_mu<P: DsaParams>(
        sig: &mut P::Sig,
        sk: &P::Sk,
        mu: &[u8; MU],
        rnd: &[u8; RND],
    ) -> i32 {
        ready();
        // SAFETY: header-sized arrays from live references.
        unsafe { (P::C.sign_mu)(out(sig), inp(sk), mu.as_ptr(), rnd.as_ptr()) }
    }

    /// FIPS 204 Algorithm 8, Verify_internal(pk, pre || msg, sig).
    pub(crate) fn verify<P: DsaParams>(pk: &P::Pk, pre: &[u8], msg: &[u8], sig: &[u8]) -> i32 {
        ready();
        // SAFETY: pointers from live slices, each paired with its length.
        unsafe {
            (P::C.verify)(
                inp(pk),
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
    pub(crate) fn verify_mu<P: DsaParams>(pk: &P::Pk, mu: &[u8; MU], sig: &[u8]) -> i32 {
        ready();
        // SAFETY: pointers from live references/slices with their lengths.
        unsafe { (P::C.verify_mu)(inp(pk), mu.as_ptr(), sig.as_ptr(), sig.len()) }
    }

    /// Validates an expanded secret key and derives its public key.
    pub(crate) fn sk_to_pk<P: DsaParams>(pk: &mut P::Pk, sk: &P::Sk) -> i32 {
        ready();
        // SAFETY: header-sized arrays from live references.
        unsafe { (P::C.sk_to_pk)(out(pk), inp(sk)) }
    }
}

// ---------------------------------------------------------------------------
// Falcon (vendor/include/pqfence_falcon.h)
// ---------------------------------------------------------------------------

/// The C entry points of one Falcon degree (the padded sets share them).
pub struct FalconC {
    pub(crate) keygen: unsafe extern "C" fn(Out, Out, In, Out) -> c_int,
    pub(crate) sign: unsafe extern "C" fn(Out, *mut usize, In, In, usize, In, In, c_int, Out) -> c_int,
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

/// The Falcon wrappers, generic over the parameter set.
pub(crate) mod falcon {
    use super::{b, inp, out, ptr_or_null, ready};
    use crate::falcon::FalconParams;

    const SEED: usize = b::PQF_FALCON_SEED_BYTES as usize;
    const NONCE: usize = b::PQF_FALCON_NONCE_BYTES as usize;

    /// Falcon key generation from a 48-byte seed.
    pub(crate) fn keygen<P: FalconParams>(
        pk: &mut P::Pk,
        sk: &mut P::Sk,
        seed: &[u8; SEED],
        tmp: &mut P::Tmp,
    ) -> i32 {
        ready();
        // SAFETY: header-sized arrays from live references; `tmp` is an
        // 8-byte aligned workspace of at least the header's size (asserted by
        // the row).
        unsafe {
            (P::C.keygen)(
                out(pk),
                out(sk),
                seed.as_ptr(),
                tmp.as_mut().as_mut_ptr().cast(),
            )
        }
    }

    /// Falcon signing (the set's encoding); writes at most SIG_MAX bytes and
    /// sets `siglen`.
    pub(crate) fn sign<P: FalconParams>(
        sig: &mut P::SigBuf,
        siglen: &mut usize,
        sk: &P::Sk,
        msg: &[u8],
        nonce: &[u8; NONCE],
        seed: &[u8; SEED],
        tmp: &mut P::Tmp,
    ) -> i32 {
        ready();
        // SAFETY: `sig` holds SIG_MAX bytes, the most either encoding writes;
        // every other pointer comes from a live reference or slice paired with
        // its length; `tmp` is aligned and large enough.
        unsafe {
            (P::C.sign)(
                out(sig),
                siglen,
                inp(sk),
                ptr_or_null(msg),
                msg.len(),
                nonce.as_ptr(),
                seed.as_ptr(),
                i32::from(P::PADDED),
                tmp.as_mut().as_mut_ptr().cast(),
            )
        }
    }

    /// Falcon verification with strict decoding.
    pub(crate) fn verify<P: FalconParams>(
        pk: &P::Pk,
        msg: &[u8],
        sig: &[u8],
        tmp: &mut P::Tmp,
    ) -> i32 {
        ready();
        // SAFETY: pointers from live references/slices with their lengths;
        // `tmp` is aligned and large enough.
        unsafe {
            (P::C.verify)(
                inp(pk),
                ptr_or_null(msg),
                msg.len(),
                sig.as_ptr(),
                sig.len(),
                i32::from(P::PADDED),
                tmp.as_mut().as_mut_ptr().cast(),
            )
        }
    }

    /// Decode-checks a public key.
    pub(crate) fn check_pk<P: FalconParams>(pk: &P::Pk) -> i32 {
        ready();
        // SAFETY: a header-sized array from a live reference, read only.
        unsafe { (P::C.check_pk)(inp(pk)) }
    }

    /// Decode-checks a secret key (and its NTRU equation).
    pub(crate) fn check_sk<P: FalconParams>(sk: &P::Sk) -> i32 {
        ready();
        // SAFETY: a header-sized array from a live reference, read only.
        unsafe { (P::C.check_sk)(inp(sk)) }
    }
}

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

/// The SLH-DSA wrappers, generic over the parameter set.
pub(crate) mod slhdsa {
    use super::{inp, out, ptr_or_null, ready};
    use crate::secret::ByteArray;
    use crate::slhdsa::SlhParams;

    /// FIPS 205 Algorithm 18, slh_keygen_internal from SK.seed || SK.prf ||
    /// PK.seed (3n bytes, split here).
    pub(crate) fn keygen<P: SlhParams>(pk: &mut P::Pk, sk: &mut P::Sk, seed: &P::Seed) -> i32 {
        let n = P::Rand::LEN;
        let s = seed.as_ref();
        let (Some(sk_seed), Some(sk_prf), Some(pk_seed)) =
            (s.get(..n), s.get(n..2 * n), s.get(2 * n..3 * n))
        else {
            return super::codes::KEY_LAYOUT;
        };
        ready();
        // SAFETY: header-sized arrays from live references (the seed's three
        // n-byte thirds, n asserted equal to the header's N by the row);
        // outputs exclusively borrowed; the C keeps no pointer.
        unsafe {
            (P::C.keygen)(
                out(pk),
                out(sk),
                sk_seed.as_ptr(),
                sk_prf.as_ptr(),
                pk_seed.as_ptr(),
            )
        }
    }

    /// FIPS 205 Algorithm 19, slh_sign_internal(pre || msg, sk, addrnd);
    /// `None` selects the deterministic variant.
    pub(crate) fn sign<P: SlhParams>(
        sig: &mut P::Sig,
        sk: &P::Sk,
        pre: &[u8],
        msg: &[u8],
        addrnd: Option<&P::Rand>,
    ) -> i32 {
        let rnd = addrnd.map_or(core::ptr::null(), |r| inp(r));
        ready();
        // SAFETY: header-sized arrays and slices from live references, each
        // pointer paired with its length (NULL only for length 0, or for the
        // absent addrnd, which the C reads as "deterministic").
        unsafe {
            (P::C.sign)(
                out(sig),
                inp(sk),
                ptr_or_null(pre),
                pre.len(),
                ptr_or_null(msg),
                msg.len(),
                rnd,
            )
        }
    }

    /// FIPS 205 Algorithm 20, slh_verify_internal.
    pub(crate) fn verify<P: SlhParams>(pk: &P::Pk, pre: &[u8], msg: &[u8], sig: &[u8]) -> i32 {
        ready();
        // SAFETY: pointers from live slices, each paired with its length.
        unsafe {
            (P::C.verify)(
                inp(pk),
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
    pub(crate) fn check_sk<P: SlhParams>(sk: &P::Sk) -> i32 {
        ready();
        // SAFETY: a header-sized array from a live reference, read only.
        unsafe { (P::C.check_sk)(inp(sk)) }
    }
}
