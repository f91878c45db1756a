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

use crate::algorithms::AlgorithmId;
use crate::error::{check_len, Error, Result};
use crate::ffi::{self, check_rc, check_written, Words};
use crate::rng;
use crate::secret::{boxed_from_slice, ByteArray, Secret};

/// The 48-byte key-generation seed.
pub type Seed = Secret<[u8; 48]>;

pub use crate::algorithms::falcon::{Falcon1024, Falcon1024Padded, Falcon512, Falcon512Padded};

/// The C workspace, wiped when dropped (it holds secret intermediates).
struct Tmp<W: Words + Zeroize>(Box<W>);

impl<W: Words + Zeroize> Tmp<W> {
    fn new() -> Self {
        Tmp(W::boxed_zero())
    }
}

impl<W: Words + Zeroize> Drop for Tmp<W> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A Falcon parameter set (sealed): [`Falcon512`], [`Falcon1024`] and their
/// padded variants. Pure data: the set's name, encoding and array types,
/// whose lengths come from the C header.
pub trait FalconParams: AlgorithmId + ffi::FalconSet + Sized + Send + Sync + 'static {
    /// The set's name ("Falcon-512", "Falcon-padded-1024", ...).
    const NAME: &'static str;
    /// Whether signatures are padded to a fixed length.
    const PADDED: bool;
    /// The signature length: exact when padded, the maximum otherwise.
    const SIG_BYTES: usize;
    /// Public key bytes.
    type Pk: ByteArray;
    /// Secret key bytes.
    type Sk: ByteArray;
    /// A buffer for the longest signature of the degree.
    type SigBuf: ByteArray;
}

/// Declares one Falcon parameter set from its row in `rust/algorithms.rs`
/// (see `crate::mlkem::declare`); the padded sets share their degree's C.
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:tt,
        c: $c:ident, cdef: $cdef:literal, padded: $padded:literal $(,)?
    }) => {
        $crate::ffi::paste! {
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $t;

            impl $t {
                /// Public key size in bytes.
                pub const PK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _PK_BYTES>] as usize;
                /// Secret key size in bytes.
                pub const SK_BYTES: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SK_BYTES>] as usize;
                /// Key-generation seed size in bytes.
                pub const SEED_BYTES: usize = $crate::ffi::bindings::PQF_FALCON_SEED_BYTES as usize;
                const SIG_MAX: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SIG_MAX_BYTES>] as usize;
                const SIG_PADDED: usize =
                    $crate::ffi::bindings::[<PQF_ $c:upper _SIG_PADDED_BYTES>] as usize;
            }

            impl $crate::falcon::FalconParams for $t {
                const NAME: &'static str = $name;
                const PADDED: bool = $padded;
                const SIG_BYTES: usize = if $padded { $t::SIG_PADDED } else { $t::SIG_MAX };
                type Pk = [u8; $t::PK_BYTES];
                type Sk = [u8; $t::SK_BYTES];
                type SigBuf = [u8; $t::SIG_MAX];
            }

            impl $crate::ffi::FalconSet for $t {
                const C: $crate::ffi::FalconC = $crate::ffi::falcon_entry_points!($c);
                type Tmp = [u64; ($crate::ffi::bindings::[<PQF_ $c:upper _TMP_BYTES>] as usize)
                    .div_ceil(8)];
            }

            impl $crate::algorithms::AlgorithmId for $t {
                const ALGORITHM: &'static $crate::algorithms::Algorithm =
                    &$crate::algorithms::Algorithm {
                        name: $name,
                        standard: "Falcon round 3 (v1.2)",
                        kind: $crate::algorithms::KeyKind::Signature,
                        oid: $crate::algorithms::oid!($oid),
                        python_name: stringify!($py),
                        public_key_len: $t::PK_BYTES,
                        private_key_len: $t::SK_BYTES,
                        seed_len: $t::SEED_BYTES,
                        output_len: <$t as $crate::falcon::FalconParams>::SIG_BYTES,
                        shared_secret_len: 0,
                        private_key: $crate::algorithms::PrivateKeyShape::None,
                    };
            }

            impl $crate::keys::KeyTypes for $t {
                type PrivateKey = $crate::falcon::SigningKey<$t>;
                type PublicKey = $crate::falcon::VerifyingKey<$t>;
            }

            #[cfg(feature = "python")]
            $crate::python::falcon::classes!($t, $py, $name);
        }
    };
}
pub(crate) use declare;

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
            ffi::falcon::check_pk::<P>(&pk),
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
            ffi::falcon::verify::<P>(&self.bytes, msg, sig, &mut tmp.0),
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
            ffi::falcon::keygen::<P>(&mut pk, sk.expose_mut(), seed.expose(), &mut tmp.0),
            "key generation",
        )?;
        check_written((*pk).as_ref())?;
        check_written(sk.bytes())?;
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
        check_rc(
            ffi::falcon::check_sk::<P>(sk.expose()),
            "malformed Falcon secret key",
        )?;
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
            ffi::falcon::sign::<P>(
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
        let bytes = (*buf).as_ref().get(..len).ok_or(Error::Internal {
            code: ffi::codes::LENGTH_OUT_OF_RANGE,
        })?;
        if len < 41 {
            return Err(Error::Internal {
                code: ffi::codes::LENGTH_OUT_OF_RANGE,
            });
        }
        check_written(bytes)?;
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

impl<P: FalconParams> crate::keys::PublicKey for VerifyingKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    fn from_public_key_bytes(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
    fn public_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// Falcon's private key does not carry its public key, and the C does not
/// recompute it: load both with [`SigningKey::from_keypair_bytes`].
impl<P: FalconParams> crate::keys::KeyPair for SigningKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    type Public = VerifyingKey<P>;
    fn generate_key() -> Result<Self> {
        Self::generate()
    }
    fn from_seed_bytes(seed: &[u8]) -> Result<Self> {
        Self::from_seed(seed)
    }
    fn from_expanded_key_bytes(_: &[u8]) -> Result<Self> {
        Err(Error::InvalidKey {
            reason: "a Falcon secret key alone cannot be loaded: use from_keypair_bytes (secret and public key)",
        })
    }
    fn seed_bytes(&self) -> Option<&[u8]> {
        self.seed().map(|s| s.bytes())
    }
    fn expanded_key_bytes(&self) -> &[u8] {
        self.expanded_bytes().bytes()
    }
    fn public_key(&self) -> &Self::Public {
        self.verifying_key()
    }
}
