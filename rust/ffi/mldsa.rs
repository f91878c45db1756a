//! The ML-DSA wrappers, generic over the parameter set (vendor/include/pqfence_mldsa.h).

use super::{b, inp, out, ptr_or_null, ready, MlDsaSet, Words};
use crate::mldsa::DsaParams;

type PkCache<P> = <P as MlDsaSet>::PkCache;
type SkCache<P> = <P as MlDsaSet>::SkCache;

fn words_out<W: Words>(w: &mut W) -> *mut u8 {
    w.as_mut().as_mut_ptr().cast::<u8>()
}

fn words_in<W: Words>(w: &W) -> *const u8 {
    w.as_ref().as_ptr().cast::<u8>()
}

/// A cache's size in bytes, for the set row's assertion.
pub(crate) const fn cache_bytes<W: Words>() -> usize {
    W::WORDS * 8
}

const SEED: usize = b::PQF_MLDSA_SEED_BYTES as usize;
const RND: usize = b::PQF_MLDSA_RND_BYTES as usize;
const MU: usize = b::PQF_MLDSA_MU_BYTES as usize;

/// FIPS 204 Algorithm 6, ML-DSA.KeyGen_internal(xi).
#[cfg(any(test, feature = "test-hooks"))]
pub(crate) fn keygen<P: DsaParams>(pk: &mut P::Pk, sk: &mut P::Sk, xi: &[u8; SEED]) -> i32 {
    ready();
    // SAFETY: header-sized arrays (asserted by the set's row) from live
    // references; outputs exclusively borrowed; the C keeps no pointer.
    unsafe { (P::C.keygen)(out(pk), out(sk), xi.as_ptr()) }
}

/// FIPS 204 Algorithm 7, Sign_internal(sk, pre || msg, rnd).
#[cfg(any(test, feature = "test-hooks"))]
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
#[cfg(any(test, feature = "test-hooks"))]
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
#[cfg(any(test, feature = "test-hooks"))]
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
#[cfg(any(test, feature = "test-hooks"))]
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

/// KeyGen_internal that also fills the pk cache (A-hat expanded once).
pub(crate) fn keygen_cached<P: DsaParams>(
    pk: &mut P::Pk,
    sk: &mut P::Sk,
    pk_cache: &mut PkCache<P>,
    xi: &[u8; SEED],
) -> i32 {
    ready();
    // SAFETY: header-sized arrays and caches (word arrays, so 8-byte aligned,
    // of the header's cache sizes as the set's row asserts) from live
    // references; outputs exclusively borrowed; the C keeps no pointer.
    unsafe { (P::C.keygen_cached)(out(pk), out(sk), words_out(pk_cache), xi.as_ptr()) }
}

/// Fills the pk cache from pk.
pub(crate) fn pk_expand<P: DsaParams>(pk_cache: &mut PkCache<P>, pk: &P::Pk) -> i32 {
    ready();
    // SAFETY: as in `keygen_cached`.
    unsafe { (P::C.pk_expand)(words_out(pk_cache), inp(pk)) }
}

/// Fills the sk cache from a validated expanded sk.
pub(crate) fn sk_expand<P: DsaParams>(sk_cache: &mut SkCache<P>, sk: &P::Sk) -> i32 {
    ready();
    // SAFETY: as in `keygen_cached`.
    unsafe { (P::C.sk_expand)(words_out(sk_cache), inp(sk)) }
}

/// Sign_internal(sk, pre || msg, rnd) from the key pair's caches.
pub(crate) fn sign_cached<P: DsaParams>(
    sig: &mut P::Sig,
    sk_cache: &SkCache<P>,
    pk_cache: &PkCache<P>,
    pre: &[u8],
    msg: &[u8],
    rnd: &[u8; RND],
) -> i32 {
    ready();
    // SAFETY: as in `keygen_cached` (caches read only); each slice pointer
    // paired with its length (NULL only for length 0).
    unsafe {
        (P::C.sign_cached)(
            out(sig),
            words_in(sk_cache),
            words_in(pk_cache),
            ptr_or_null(pre),
            pre.len(),
            ptr_or_null(msg),
            msg.len(),
            rnd.as_ptr(),
        )
    }
}

/// Sign_internal from an external mu and the key pair's caches.
pub(crate) fn sign_mu_cached<P: DsaParams>(
    sig: &mut P::Sig,
    sk_cache: &SkCache<P>,
    pk_cache: &PkCache<P>,
    mu: &[u8; MU],
    rnd: &[u8; RND],
) -> i32 {
    ready();
    // SAFETY: as in `keygen_cached` (caches read only).
    unsafe {
        (P::C.sign_mu_cached)(
            out(sig),
            words_in(sk_cache),
            words_in(pk_cache),
            mu.as_ptr(),
            rnd.as_ptr(),
        )
    }
}

/// Verify_internal(pk, pre || msg, sig) from the pk cache.
pub(crate) fn verify_cached<P: DsaParams>(
    pk_cache: &PkCache<P>,
    pre: &[u8],
    msg: &[u8],
    sig: &[u8],
) -> i32 {
    ready();
    // SAFETY: the cache as in `keygen_cached` (read only); pointers from live
    // slices, each paired with its length.
    unsafe {
        (P::C.verify_cached)(
            words_in(pk_cache),
            ptr_or_null(pre),
            pre.len(),
            ptr_or_null(msg),
            msg.len(),
            sig.as_ptr(),
            sig.len(),
        )
    }
}

/// Verify_internal from an external mu and the pk cache.
pub(crate) fn verify_mu_cached<P: DsaParams>(
    pk_cache: &PkCache<P>,
    mu: &[u8; MU],
    sig: &[u8],
) -> i32 {
    ready();
    // SAFETY: as in `verify_cached`.
    unsafe { (P::C.verify_mu_cached)(words_in(pk_cache), mu.as_ptr(), sig.as_ptr(), sig.len()) }
}
