//! Falcon (round-3 specification v1.2): compact lattice signatures over NTRU
//! lattices, with fast-Fourier sampling.
//!
//! Four parameter sets: [`Falcon512`] and [`Falcon1024`] with compressed,
//! variable-length signatures, and [`Falcon512Padded`] / [`Falcon1024Padded`]
//! whose signatures have a fixed length (666 / 1280 bytes). Falcon takes no
//! context string. Signing draws a fresh 40-byte nonce and a 48-byte sampler
//! seed from the OS; key generation runs a pairwise consistency check.
//!
//! ```
//! use pqfence::falcon::{Falcon512, SigningKey};
//!
//! let sk = SigningKey::<Falcon512>::from_seed(&[42u8; 48])?;
//! let sig = sk.sign(b"message")?;
//! sk.verifying_key().verify(b"message", sig.as_bytes())?;
//! assert!(sk.verifying_key().verify(b"other", sig.as_bytes()).is_err());
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::error::{check_len, Error, Result};
use crate::ffi;
use crate::rng;
use crate::secret::{boxed_from_slice, check_rc, ct_is_all_zero, ByteArray, Secret};

/// The 48-byte key-generation seed.
pub type Seed = Secret<[u8; 48]>;

/// A workspace of 8-byte words for the C (sealed; `[u64; N]`).
pub trait Workspace: AsMut<[u64]> + Zeroize + Send + Sync + 'static + private::Sealed {
    #[doc(hidden)]
    fn boxed_zero() -> Box<Self>;
}

impl<const N: usize> Workspace for [u64; N] {
    fn boxed_zero() -> Box<Self> {
        match vec![0u64; N].into_boxed_slice().try_into() {
            Ok(b) => b,
            Err(_) => unreachable!("length is N by construction"),
        }
    }
}

mod private {
    pub trait Sealed {}
    impl<const N: usize> Sealed for [u64; N] {}
}

/// The C workspace, wiped when dropped (it holds secret intermediates).
struct Tmp<W: Workspace>(Box<W>);

impl<W: Workspace> Tmp<W> {
    fn new() -> Self {
        Tmp(W::boxed_zero())
    }
}

impl<W: Workspace> Drop for Tmp<W> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A Falcon parameter set (sealed).
pub trait FalconParams: Sized + Send + Sync + 'static + SealedParams {
    /// The set's name ("Falcon-512", "Falcon-padded-1024", ...).
    const NAME: &'static str;
    /// Whether signatures use the fixed-length padded encoding.
    const PADDED: bool;
    /// Signature size: the maximum (compressed) or the fixed size (padded).
    const SIG_BYTES: usize;
    /// Public key bytes.
    type Pk: ByteArray;
    /// Secret key bytes (the specification's encoding of f, g, F).
    type Sk: ByteArray;
    /// The largest signature the C writes.
    type SigBuf: ByteArray;
    #[doc(hidden)]
    type Tmp: Workspace;
    #[doc(hidden)]
    fn ffi_keygen(
        pk: &mut Self::Pk,
        sk: &mut Self::Sk,
        seed: &[u8; 48],
        tmp: &mut Self::Tmp,
    ) -> i32;
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    fn ffi_sign(
        sig: &mut Self::SigBuf,
        siglen: &mut usize,
        sk: &Self::Sk,
        msg: &[u8],
        nonce: &[u8; 40],
        seed: &[u8; 48],
        tmp: &mut Self::Tmp,
    ) -> i32;
    #[doc(hidden)]
    fn ffi_verify(pk: &Self::Pk, msg: &[u8], sig: &[u8], tmp: &mut Self::Tmp) -> i32;
    #[doc(hidden)]
    fn ffi_check_pk(pk: &Self::Pk) -> i32;
    #[doc(hidden)]
    fn ffi_check_sk(sk: &Self::Sk) -> i32;
}

#[doc(hidden)]
pub trait SealedParams {}

macro_rules! falcon_params {
    ($(#[$doc:meta])* $t:ident, $name:literal, $m:ident, $padded:literal, $pk:literal, $sk:literal,
     $sigmax:literal, $sigpad:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;

        impl $t {
            /// Public key size in bytes.
            pub const PK_BYTES: usize = $pk;
            /// Secret key size in bytes.
            pub const SK_BYTES: usize = $sk;
            /// Seed size in bytes.
            pub const SEED_BYTES: usize = 48;
        }

        const _: () = assert!($t::PK_BYTES == ffi::$m::PK);
        const _: () = assert!($t::SK_BYTES == ffi::$m::SK);
        const _: () = assert!($sigmax == ffi::$m::SIG_MAX);
        const _: () = assert!($sigpad == ffi::$m::SIG_PADDED);

        impl SealedParams for $t {}

        impl FalconParams for $t {
            const NAME: &'static str = $name;
            const PADDED: bool = $padded;
            const SIG_BYTES: usize = if $padded { $sigpad } else { $sigmax };
            type Pk = [u8; $pk];
            type Sk = [u8; $sk];
            type SigBuf = [u8; $sigmax];
            type Tmp = [u64; ffi::$m::TMP_WORDS];
            fn ffi_keygen(
                pk: &mut Self::Pk,
                sk: &mut Self::Sk,
                seed: &[u8; 48],
                tmp: &mut Self::Tmp,
            ) -> i32 {
                ffi::$m::keygen(pk, sk, seed, tmp)
            }
            fn ffi_sign(
                sig: &mut Self::SigBuf,
                siglen: &mut usize,
                sk: &Self::Sk,
                msg: &[u8],
                nonce: &[u8; 40],
                seed: &[u8; 48],
                tmp: &mut Self::Tmp,
            ) -> i32 {
                ffi::$m::sign(sig, siglen, sk, msg, nonce, seed, $padded, tmp)
            }
            fn ffi_verify(pk: &Self::Pk, msg: &[u8], sig: &[u8], tmp: &mut Self::Tmp) -> i32 {
                ffi::$m::verify(pk, msg, sig, $padded, tmp)
            }
            fn ffi_check_pk(pk: &Self::Pk) -> i32 {
                ffi::$m::check_pk(pk)
            }
            fn ffi_check_sk(sk: &Self::Sk) -> i32 {
                ffi::$m::check_sk(sk)
            }
        }
    };
}

falcon_params!(
    /// Falcon-512 (NIST security category 1), compressed signatures.
    Falcon512, "Falcon-512", falcon512, false, 897, 1281, 752, 666
);
falcon_params!(
    /// Falcon-1024 (NIST security category 5), compressed signatures.
    Falcon1024, "Falcon-1024", falcon1024, false, 1793, 2305, 1462, 1280
);
falcon_params!(
    /// Falcon-512 with fixed-length (padded) 666-byte signatures.
    Falcon512Padded, "Falcon-padded-512", falcon512, true, 897, 1281, 752, 666
);
falcon_params!(
    /// Falcon-1024 with fixed-length (padded) 1280-byte signatures.
    Falcon1024Padded, "Falcon-padded-1024", falcon1024, true, 1793, 2305, 1462, 1280
);

/// A Falcon signature: header byte, 40-byte nonce, encoded s2.
pub struct Signature<P: FalconParams> {
    bytes: Vec<u8>,
    _p: core::marker::PhantomData<P>,
}

impl<P: FalconParams> Signature<P> {
    /// Loads a signature: at most the set's maximum length (compressed) or
    /// exactly the fixed length (padded). Its encoding is checked strictly
    /// when it is verified.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if P::PADDED {
            check_len("Falcon padded signature", P::SIG_BYTES, bytes)?;
        } else if bytes.len() > P::SIG_BYTES || bytes.len() < 41 {
            return Err(Error::InvalidLength {
                what: "Falcon signature (41 bytes minimum, at most)",
                expected: P::SIG_BYTES,
                actual: bytes.len(),
            });
        }
        Ok(Signature {
            bytes: bytes.to_vec(),
            _p: core::marker::PhantomData,
        })
    }

    /// The encoded signature.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl<P: FalconParams> Clone for Signature<P> {
    fn clone(&self) -> Self {
        Signature {
            bytes: self.bytes.clone(),
            _p: core::marker::PhantomData,
        }
    }
}

impl<P: FalconParams> PartialEq for Signature<P> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}
impl<P: FalconParams> Eq for Signature<P> {}

impl<P: FalconParams> fmt::Debug for Signature<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Signature<{}>({} bytes)", P::NAME, self.bytes.len())
    }
}

/// A Falcon public (verifying) key.
pub struct VerifyingKey<P: FalconParams> {
    bytes: Box<P::Pk>,
}

impl<P: FalconParams> VerifyingKey<P> {
    /// Loads a public key: length, header byte, and every coefficient below q.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let pk = boxed_from_slice::<P::Pk>("Falcon public key", bytes)?;
        check_rc(
            P::ffi_check_pk(&pk),
            "malformed Falcon public key (header or coefficient >= q)",
        )?;
        Ok(VerifyingKey { bytes: pk })
    }

    /// The encoded public key.
    pub fn as_bytes(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    /// Verifies `sig` over `msg`, rejecting any non-canonical encoding.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<()> {
        let mut tmp = Tmp::<P::Tmp>::new();
        check_rc(
            P::ffi_verify(&self.bytes, msg, sig, &mut tmp.0),
            "malformed Falcon public key",
        )
    }
}

/// A Falcon secret (signing) key: wiped on drop, redacted in `Debug`,
/// compared in constant time, never `Copy`.
pub struct SigningKey<P: FalconParams> {
    seed: Option<Seed>,
    sk: Secret<P::Sk>,
    vk: VerifyingKey<P>,
}

impl<P: FalconParams> SigningKey<P> {
    /// Generates a key pair from a fresh 48-byte OS seed.
    pub fn generate() -> Result<Self> {
        Self::from_seed_secret(rng::random_secret()?)
    }

    /// Derives the key pair from a 48-byte seed (it drives SHAKE256 inside
    /// key generation).
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        Self::from_seed_secret(Seed::from_slice("Falcon seed", seed)?)
    }

    fn from_seed_secret(seed: Seed) -> Result<Self> {
        let mut pk = P::Pk::boxed_zero();
        let mut sk = Secret::<P::Sk>::zero();
        let mut tmp = Tmp::<P::Tmp>::new();
        check_rc(
            P::ffi_keygen(&mut pk, sk.expose_mut(), seed.expose(), &mut tmp.0),
            "key generation",
        )?;
        if ct_is_all_zero((*pk).as_ref()) || ct_is_all_zero(sk.bytes()) {
            return Err(Error::Internal { code: -100 });
        }
        #[cfg(any(test, feature = "test-hooks"))]
        if let Some(coeffs) = sk.expose_mut().as_mut().get_mut(1..) {
            crate::hooks::maybe_corrupt(coeffs);
        }
        let key = SigningKey {
            seed: Some(seed),
            sk,
            vk: VerifyingKey { bytes: pk },
        };
        key.pairwise_consistency_check()?;
        Ok(key)
    }

    /// Loads a key pair from the specification's encodings of the secret key
    /// and the public key. Both are decode-checked, the secret key's NTRU
    /// equation is verified, and a signature by the secret key must verify
    /// under the public key. The seed is not recoverable from this form.
    pub fn from_keypair_bytes(sk: &[u8], pk: &[u8]) -> Result<Self> {
        let sk = Secret::<P::Sk>::from_slice("Falcon secret key", sk)?;
        check_rc(P::ffi_check_sk(sk.expose()), "malformed Falcon secret key")?;
        let vk = VerifyingKey::from_bytes(pk)?;
        let key = SigningKey { seed: None, sk, vk };
        key.pairwise_consistency_check().map_err(|e| match e {
            Error::PairwiseConsistency { .. } => Error::InvalidKey {
                reason: "Falcon secret key does not match the public key",
            },
            other => other,
        })?;
        Ok(key)
    }

    /// A signature by the key must verify under its public key.
    fn pairwise_consistency_check(&self) -> Result<()> {
        const MSG: &[u8] = b"pqfence pairwise consistency check";
        let sig = match self.sign_with_randomness(MSG, &[0x5A; 40], &[0xA5; 48]) {
            Ok(sig) => sig,
            Err(Error::InvalidKey { .. }) => {
                return Err(Error::PairwiseConsistency { algorithm: P::NAME })
            }
            Err(e) => return Err(e),
        };
        match self.vk.verify(MSG, sig.as_bytes()) {
            Ok(()) => Ok(()),
            Err(Error::InvalidSignature) => Err(Error::PairwiseConsistency { algorithm: P::NAME }),
            Err(e) => Err(e),
        }
    }

    /// The 48-byte seed, when the key was generated or loaded from it.
    pub fn seed(&self) -> Option<&Seed> {
        self.seed.as_ref()
    }

    /// The secret key in the specification's encoding.
    pub fn expanded_bytes(&self) -> &Secret<P::Sk> {
        &self.sk
    }

    /// The matching public key.
    pub fn verifying_key(&self) -> &VerifyingKey<P> {
        &self.vk
    }

    /// Signs `msg` with a fresh nonce and sampler seed from the OS.
    pub fn sign(&self, msg: &[u8]) -> Result<Signature<P>> {
        let nonce = rng::random_secret::<[u8; 40]>()?;
        let seed = rng::random_secret::<[u8; 48]>()?;
        self.sign_with_randomness(msg, nonce.expose(), seed.expose())
    }

    /// **Deterministic, for tests only**: signs with the caller's nonce and
    /// sampler seed (known-answer tests). Reusing a nonce across messages is
    /// unsafe; use [`sign`](Self::sign) in applications.
    ///
    /// Signing makes at most 1000 attempts (Algorithm 10's restarts; an
    /// honest key needs more than one with probability about 4e-6 for
    /// Falcon-512): running out is [`Error::Internal`] with code -4, which
    /// only a key that is not a Falcon key can cause.
    pub fn sign_with_randomness(
        &self,
        msg: &[u8],
        nonce: &[u8; 40],
        seed: &[u8; 48],
    ) -> Result<Signature<P>> {
        let mut buf = P::SigBuf::boxed_zero();
        let mut len = 0usize;
        let mut tmp = Tmp::<P::Tmp>::new();
        check_rc(
            P::ffi_sign(
                &mut buf,
                &mut len,
                self.sk.expose(),
                msg,
                nonce,
                seed,
                &mut tmp.0,
            ),
            "malformed Falcon secret key",
        )?;
        let bytes = (*buf)
            .as_ref()
            .get(..len)
            .ok_or(Error::Internal { code: -102 })?;
        if len < 41 || ct_is_all_zero(bytes) {
            return Err(Error::Internal { code: -100 });
        }
        Ok(Signature {
            bytes: bytes.to_vec(),
            _p: core::marker::PhantomData,
        })
    }
}

#[cfg(any(test, feature = "test-hooks"))]
impl<P: FalconParams> SigningKey<P> {
    /// Test hook: a key pair from its encodings with no check at all (neither
    /// the NTRU equation nor the pairwise consistency check), so a test can
    /// hand the signer a key that no loader accepts.
    #[doc(hidden)]
    pub fn from_keypair_bytes_unchecked(sk: &[u8], pk: &[u8]) -> Result<Self> {
        Ok(SigningKey {
            seed: None,
            sk: Secret::<P::Sk>::from_slice("Falcon secret key", sk)?,
            vk: VerifyingKey::from_bytes(pk)?,
        })
    }
}

impl<P: FalconParams> Clone for SigningKey<P> {
    fn clone(&self) -> Self {
        SigningKey {
            seed: self.seed.clone(),
            sk: self.sk.clone(),
            vk: self.vk.clone(),
        }
    }
}

impl<P: FalconParams> ConstantTimeEq for SigningKey<P> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        self.sk.ct_eq(&other.sk)
    }
}

impl<P: FalconParams> PartialEq for SigningKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}
impl<P: FalconParams> Eq for SigningKey<P> {}

impl<P: FalconParams> fmt::Debug for SigningKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey<{}>(REDACTED)", P::NAME)
    }
}

crate::secret::public_value_impls!(VerifyingKey, FalconParams);
