//! The ML-DSA wrappers, generic over the parameter set (vendor/include/pqfence_mldsa.h).

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
