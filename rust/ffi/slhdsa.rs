//! The SLH-DSA wrappers, generic over the parameter set (vendor/include/pqfence_slhdsa.h).

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
    let rnd = addrnd.map_or(core::ptr::null(), inp);
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
