//! The ML-KEM wrappers, generic over the parameter set (vendor/include/pqfence_mlkem.h).

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
