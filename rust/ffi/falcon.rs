//! The Falcon wrappers, generic over the parameter set (vendor/include/pqfence_falcon.h).

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
pub(crate) fn verify<P: FalconParams>(pk: &P::Pk, msg: &[u8], sig: &[u8], tmp: &mut P::Tmp) -> i32 {
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
