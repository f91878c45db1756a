//! The RustCrypto traits, so that pqfence's keys drop into generic code
//! written against them: [`signature`] 3.0 for ML-DSA, SLH-DSA and Falcon,
//! [`kem`] 0.3 for ML-KEM. (The key-format traits of `pkcs8` and `spki` are
//! in [`crate::encoding`].) Both crates are re-exported here, with
//! [`rand_core`] 0.10, so callers can name the exact versions pqfence
//! implements; [`OsRng`] is pqfence's OS randomness as a `rand_core` RNG.
//!
//! # Signatures
//!
//! | trait | ML-DSA / SLH-DSA | Falcon |
//! |---|---|---|
//! | [`Signer`] | pure signing, **empty context**, hedged with OS randomness | signing with OS randomness |
//! | [`RandomizedSigner`] | the same, hedge randomness drawn from the caller's RNG | nonce and sampler seed drawn from the caller's RNG |
//! | [`Verifier`] | pure verification, empty context | verification |
//! | [`Keypair`] | the verifying key (a clone) | the verifying key |
//! | [`SignatureEncoding`] | `Repr = Vec<u8>`, `TryFrom<&[u8]>` | the same |
//!
//! The traits have no context argument: a signature made through them is
//! the pure FIPS 204 / FIPS 205 signature with the empty context string, and
//! verifies with `verify(msg, b"", sig)`. Use the inherent methods for a
//! context, HashML-DSA / HashSLH-DSA, or deterministic signing.
//!
//! [`RandomizedSigner`] draws the hedge randomness (ML-DSA's 32-byte `rnd`,
//! SLH-DSA's n-byte `opt_rand`, Falcon's 40-byte nonce and 48-byte sampler
//! seed) from the given RNG into zeroizing buffers; a failing RNG is an
//! error, never a panic. [`Signer`] uses pqfence's own OS randomness
//! (`getrandom`), like the inherent `sign`. SLH-DSA signatures made through
//! either are verified before they are returned (fault check), as `sign` is.
//!
//! Failures become [`signature::Error`], which is opaque on purpose: a
//! signature that does not verify, or a signing fault, carries no source;
//! only a failure of the randomness source carries
//! [`Error::Randomness`] as its source.
//!
//! On the key types themselves the inherent methods win over the trait
//! methods of the same name (`sign`, `verify`, `verifying_key`): in
//! non-generic code call the trait explicitly, e.g.
//! `Signer::try_sign(&sk, msg)`.
//!
//! ```
//! use pqfence::mldsa::{MlDsa65, Signature, SigningKey};
//! use pqfence::traits::signature::{Keypair, Signer, Verifier};
//!
//! fn sign_and_check<S, V>(signer: &S, msg: &[u8]) -> Result<(), pqfence::traits::signature::Error>
//! where
//!     S: Signer<Signature<MlDsa65>> + Keypair<VerifyingKey = V>,
//!     V: Verifier<Signature<MlDsa65>>,
//! {
//!     let sig = signer.try_sign(msg)?;
//!     signer.verifying_key().verify(msg, &sig)
//! }
//!
//! let sk = SigningKey::<MlDsa65>::generate()?;
//! sign_and_check(&sk, b"message").expect("signs and verifies");
//! # Ok::<(), pqfence::Error>(())
//! ```
//!
//! # ML-KEM
//!
//! Each ML-KEM set (`MlKem512`, ...) implements [`kem::Kem`], with
//! [`EncapsulationKey`] as its `Encapsulate` type and [`DecapsulationKey`]
//! as its `TryDecapsulate` and `Generate` type, and [`KemSet`], the bound
//! for code generic over the set that uses both APIs. The `kem` traits are
//! infallible in places where pqfence's calls return a `Result`; this is
//! how the gaps are filled:
//!
//! - `Encapsulate::encapsulate_with_rng` draws the 32-byte message `m` from
//!   the caller's RNG into a zeroizing buffer. Encapsulation under a loaded
//!   key cannot fail (the key passed its modulus check when it was
//!   created); should the C report an internal fault all the same, the call
//!   fails closed: it returns a random ciphertext and a random shared key,
//!   so the two parties end up with unrelated keys and nothing is revealed.
//! - pqfence implements `TryDecapsulate` (with [`crate::Error`]) rather than
//!   the infallible `Decapsulate`, so an internal fault is reported. A
//!   tampered ciphertext is not an error: ML-KEM's implicit rejection gives
//!   an unrelated key.
//! - `Generate::try_generate_from_rng` draws the 64-byte seed from the
//!   caller's RNG (an RNG failure is returned as the RNG's error). Key
//!   generation then runs the FIPS 140-3 pairwise consistency check, whose
//!   failure `Generate`'s error type cannot carry. **It panics** in that
//!   case, which only a hardware or memory fault can cause; returning a key
//!   that failed its self-test would be worse. Code that must not panic
//!   calls `DecapsulationKey::generate()`, which returns the error.
//! - The shared key comes back as a plain `Array`, which is not wiped on
//!   drop (the inherent methods return a zeroizing
//!   [`SharedSecret`](crate::mlkem::SharedSecret)); wrap it in
//!   [`Zeroizing`](zeroize::Zeroizing) (hybrid-array's `zeroize` feature is
//!   enabled).
//!
//! ```
//! use pqfence::mlkem::{DecapsulationKey, MlKem768};
//! use pqfence::traits::kem::{Decapsulator, Encapsulate, Kem, TryDecapsulate};
//! use pqfence::traits::{rand_core::UnwrapErr, OsRng};
//!
//! fn exchange<K: Kem>(dk: &K::DecapsulationKey) -> bool {
//!     let mut rng = UnwrapErr(OsRng); // panics if the OS randomness fails
//!     let (ct, sent) = dk.encapsulation_key().encapsulate_with_rng(&mut rng);
//!     matches!(dk.try_decapsulate(&ct), Ok(received) if received == sent)
//! }
//!
//! let dk = DecapsulationKey::<MlKem768>::generate()?;
//! assert!(exchange::<MlKem768>(&dk));
//! # Ok::<(), pqfence::Error>(())
//! ```

use hybrid_array::{Array, ArraySize};
use kem::{InvalidKey, Kem, Key, KeyExport, KeySizeUser, TryKeyInit};
use rand_core::{CryptoRng, TryCryptoRng};
use signature::{Keypair, RandomizedSigner, SignatureEncoding, Signer, Verifier};

pub use kem;
pub use rand_core;
pub use signature;

use crate::error::{Error, Result};
use crate::falcon::{self, FalconParams};
use crate::mldsa::{self, DsaParams};
use crate::mlkem::{DecapsulationKey, EncapsulationKey, KemParams};
use crate::secret::{ByteArray, Secret};
use crate::slhdsa::{self, SlhParams};

// ---------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------

/// pqfence's randomness source (the operating system's, through
/// `getrandom`) as a `rand_core` 0.10 [`TryCryptoRng`], for the trait
/// methods that take an RNG. Its error is [`Error::Randomness`]; wrap it in
/// [`rand_core::UnwrapErr`] where an infallible [`CryptoRng`] is required
/// (that wrapper panics if the OS randomness fails).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OsRng;

impl rand_core::TryRng for OsRng {
    type Error = Error;

    fn try_next_u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        crate::rng::fill(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64> {
        let mut b = [0u8; 8];
        crate::rng::fill(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<()> {
        crate::rng::fill(dst)
    }
}

impl TryCryptoRng for OsRng {}

// ---------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------

/// A pqfence error as the opaque `signature::Error` (only a randomness
/// failure keeps its source; see the module documentation).
fn signature_error(err: Error) -> signature::Error {
    match err {
        Error::Randomness => signature::Error::from_source(Error::Randomness),
        _ => signature::Error::new(),
    }
}

/// A new secret filled from the caller's RNG.
fn secret_from_rng<A: ByteArray, R: TryCryptoRng + ?Sized>(
    rng: &mut R,
) -> core::result::Result<Secret<A>, signature::Error> {
    let mut s = Secret::<A>::zero();
    rng.try_fill_bytes(s.expose_mut().as_mut())
        .map_err(|_| signature::Error::from_source(Error::Randomness))?;
    Ok(s)
}

/// The traits every signature family shares: [`SignatureEncoding`] (with
/// the `TryFrom<&[u8]>` and `Into<Vec<u8>>` it asks for) and [`Keypair`].
macro_rules! signature_common {
    ($fam:ident, $bound:ident) => {
        impl<P: $bound> TryFrom<&[u8]> for $fam::Signature<P> {
            type Error = Error;
            fn try_from(bytes: &[u8]) -> Result<Self> {
                Self::from_bytes(bytes)
            }
        }

        impl<P: $bound> From<$fam::Signature<P>> for Vec<u8> {
            fn from(sig: $fam::Signature<P>) -> Vec<u8> {
                sig.as_bytes().to_vec()
            }
        }

        impl<P: $bound> SignatureEncoding for $fam::Signature<P> {
            type Repr = Vec<u8>;
            fn to_bytes(&self) -> Vec<u8> {
                self.as_bytes().to_vec()
            }
            fn to_vec(&self) -> Vec<u8> {
                self.as_bytes().to_vec()
            }
            fn encoded_len(&self) -> usize {
                self.as_bytes().len()
            }
        }

        impl<P: $bound> Keypair for $fam::SigningKey<P> {
            type VerifyingKey = $fam::VerifyingKey<P>;
            fn verifying_key(&self) -> $fam::VerifyingKey<P> {
                $fam::SigningKey::<P>::verifying_key(self).clone()
            }
        }
    };
}

signature_common!(mldsa, DsaParams);
signature_common!(slhdsa, SlhParams);
signature_common!(falcon, FalconParams);

/// Pure ML-DSA with the empty context, hedged with OS randomness.
impl<P: DsaParams> Signer<mldsa::Signature<P>> for mldsa::SigningKey<P> {
    fn try_sign(&self, msg: &[u8]) -> signature::Result<mldsa::Signature<P>> {
        mldsa::SigningKey::sign(self, msg, b"").map_err(signature_error)
    }
}

/// Pure ML-DSA with the empty context, `rnd` from the caller's RNG.
impl<P: DsaParams> RandomizedSigner<mldsa::Signature<P>> for mldsa::SigningKey<P> {
    fn try_sign_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        msg: &[u8],
    ) -> signature::Result<mldsa::Signature<P>> {
        let rnd = secret_from_rng::<[u8; 32], R>(rng)?;
        self.sign_with_rnd(msg, b"", rnd.expose())
            .map_err(signature_error)
    }
}

/// Pure ML-DSA verification with the empty context.
impl<P: DsaParams> Verifier<mldsa::Signature<P>> for mldsa::VerifyingKey<P> {
    fn verify(&self, msg: &[u8], sig: &mldsa::Signature<P>) -> signature::Result<()> {
        mldsa::VerifyingKey::verify(self, msg, b"", sig.as_bytes()).map_err(signature_error)
    }
}

/// Pure SLH-DSA with the empty context, hedged with OS randomness (and the
/// fault check).
impl<P: SlhParams> Signer<slhdsa::Signature<P>> for slhdsa::SigningKey<P> {
    fn try_sign(&self, msg: &[u8]) -> signature::Result<slhdsa::Signature<P>> {
        slhdsa::SigningKey::sign(self, msg, b"").map_err(signature_error)
    }
}

/// Pure SLH-DSA with the empty context, `opt_rand` from the caller's RNG
/// (and the fault check).
impl<P: SlhParams> RandomizedSigner<slhdsa::Signature<P>> for slhdsa::SigningKey<P> {
    fn try_sign_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        msg: &[u8],
    ) -> signature::Result<slhdsa::Signature<P>> {
        let opt_rand = secret_from_rng::<P::Rand, R>(rng)?;
        self.sign_with_opt_rand(msg, b"", opt_rand.expose())
            .map_err(signature_error)
    }
}

/// Pure SLH-DSA verification with the empty context.
impl<P: SlhParams> Verifier<slhdsa::Signature<P>> for slhdsa::VerifyingKey<P> {
    fn verify(&self, msg: &[u8], sig: &slhdsa::Signature<P>) -> signature::Result<()> {
        slhdsa::VerifyingKey::verify(self, msg, b"", sig.as_bytes()).map_err(signature_error)
    }
}

/// Falcon signing with a nonce and sampler seed from the OS.
impl<P: FalconParams> Signer<falcon::Signature<P>> for falcon::SigningKey<P> {
    fn try_sign(&self, msg: &[u8]) -> signature::Result<falcon::Signature<P>> {
        falcon::SigningKey::sign(self, msg).map_err(signature_error)
    }
}

/// Falcon signing with the nonce and sampler seed from the caller's RNG.
impl<P: FalconParams> RandomizedSigner<falcon::Signature<P>> for falcon::SigningKey<P> {
    fn try_sign_with_rng<R: TryCryptoRng + ?Sized>(
        &self,
        rng: &mut R,
        msg: &[u8],
    ) -> signature::Result<falcon::Signature<P>> {
        let nonce = secret_from_rng::<[u8; 40], R>(rng)?;
        let seed = secret_from_rng::<[u8; 48], R>(rng)?;
        self.sign_with_randomness(msg, nonce.expose(), seed.expose())
            .map_err(signature_error)
    }
}

/// Falcon verification.
impl<P: FalconParams> Verifier<falcon::Signature<P>> for falcon::VerifyingKey<P> {
    fn verify(&self, msg: &[u8], sig: &falcon::Signature<P>) -> signature::Result<()> {
        falcon::VerifyingKey::verify(self, msg, sig.as_bytes()).map_err(signature_error)
    }
}

// ---------------------------------------------------------------------------
// ML-KEM
// ---------------------------------------------------------------------------

/// An ML-KEM parameter set with the `kem` traits (every set implements
/// it): the one bound for generic code that uses both the inherent API
/// ([`KemParams`]) and the `kem` one ([`Kem`]), e.g. `fn f<P: KemSet>()`.
pub trait KemSet:
    KemParams
    + Kem<EncapsulationKey = EncapsulationKey<Self>, DecapsulationKey = DecapsulationKey<Self>>
{
    /// The encapsulation key's length, as the `kem` crate's array size.
    type EncapsulationKeySize: ArraySize;
}

/// Implements [`Kem`] and [`KemSet`] for one ML-KEM set (called by its
/// `declare!`): the `kem` crate names array sizes as types, which
/// hybrid-array maps from the set's `[u8; N]`.
macro_rules! kem_set {
    ($t:ident) => {
        impl ::kem::Kem for $t {
            type DecapsulationKey = $crate::mlkem::DecapsulationKey<$t>;
            type EncapsulationKey = $crate::mlkem::EncapsulationKey<$t>;
            type SharedKeySize = ::kem::consts::U32;
            type CiphertextSize =
                <<$t as $crate::mlkem::KemParams>::Ct as ::hybrid_array::AssocArraySize>::Size;
        }

        impl $crate::traits::KemSet for $t {
            type EncapsulationKeySize =
                <<$t as $crate::mlkem::KemParams>::Ek as ::hybrid_array::AssocArraySize>::Size;
        }

        const _: () = {
            use ::hybrid_array::typenum::Unsigned;
            assert!($t::SS_BYTES == 32);
            assert!(<$t as ::kem::Kem>::CiphertextSize::USIZE == $t::CT_BYTES);
            assert!(<$t as $crate::traits::KemSet>::EncapsulationKeySize::USIZE == $t::EK_BYTES);
        };
    };
}
pub(crate) use kem_set;

/// Copies `bytes` into an array of the same length (the lengths agree by
/// construction: both come from the same `[u8; N]`).
fn to_array<N: ArraySize>(bytes: &[u8]) -> Array<u8, N> {
    let mut out = Array::<u8, N>::default();
    for (o, b) in out.iter_mut().zip(bytes) {
        *o = *b;
    }
    out
}

impl<P: KemSet> KeySizeUser for EncapsulationKey<P> {
    type KeySize = P::EncapsulationKeySize;
}

/// Loads the key with the FIPS 203 modulus check.
impl<P: KemSet> TryKeyInit for EncapsulationKey<P> {
    fn new(key: &Key<Self>) -> core::result::Result<Self, InvalidKey> {
        Self::from_bytes(key.as_slice()).map_err(|_| InvalidKey)
    }
}

impl<P: KemSet> KeyExport for EncapsulationKey<P> {
    fn to_bytes(&self) -> Key<Self> {
        to_array(self.as_bytes())
    }
}

/// Encapsulation with `m` drawn from the caller's RNG (fails closed on an
/// internal fault; see the module documentation).
impl<P: KemSet> kem::Encapsulate for EncapsulationKey<P> {
    type Kem = P;

    fn encapsulate_with_rng<R: CryptoRng + ?Sized>(
        &self,
        rng: &mut R,
    ) -> (kem::Ciphertext<P>, kem::SharedKey<P>) {
        let mut m = Secret::<[u8; 32]>::zero();
        rng.fill_bytes(m.expose_mut());
        match self.encapsulate_deterministic(m.expose()) {
            Ok((ss, ct)) => (to_array(ct.as_bytes()), to_array(ss.bytes())),
            Err(_) => {
                let mut ct = kem::Ciphertext::<P>::default();
                let mut ss = kem::SharedKey::<P>::default();
                rng.fill_bytes(&mut ct);
                rng.fill_bytes(&mut ss);
                (ct, ss)
            }
        }
    }
}

impl<P: KemSet> kem::Decapsulator for DecapsulationKey<P> {
    type Kem = P;

    fn encapsulation_key(&self) -> &EncapsulationKey<P> {
        DecapsulationKey::<P>::encapsulation_key(self)
    }
}

/// Decapsulation (implicit rejection: a tampered ciphertext gives an
/// unrelated key, not an error; an error is an internal fault).
impl<P: KemSet> kem::TryDecapsulate for DecapsulationKey<P> {
    type Error = Error;

    fn try_decapsulate(&self, ct: &kem::Ciphertext<P>) -> Result<kem::SharedKey<P>> {
        let ss = self.decapsulate_bytes(ct.as_slice())?;
        Ok(to_array(ss.bytes()))
    }
}

/// Key generation from a 64-byte seed drawn from the caller's RNG.
///
/// # Panics
///
/// When the new key fails its pairwise consistency check (or the C reports
/// an internal fault): `Generate` cannot return that error. Only a hardware
/// or memory fault causes it; `DecapsulationKey::generate()` returns it
/// instead.
impl<P: KemParams> kem::Generate for DecapsulationKey<P> {
    fn try_generate_from_rng<R: TryCryptoRng + ?Sized>(
        rng: &mut R,
    ) -> core::result::Result<Self, R::Error> {
        let mut seed = Secret::<[u8; 64]>::zero();
        rng.try_fill_bytes(seed.expose_mut())?;
        match Self::from_seed(seed.bytes()) {
            Ok(key) => Ok(key),
            Err(err) => panic!("ML-KEM key generation failed its self-test: {err}"),
        }
    }
}
