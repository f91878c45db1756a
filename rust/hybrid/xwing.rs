//! X-Wing (draft-connolly-cfrg-xwing-kem) and its two siblings of
//! draft-irtf-cfrg-concrete-hybrid-kems, MLKEM768-P256 and MLKEM1024-P384:
//! the "CG" construction of draft-irtf-cfrg-hybrid-kems over ML-KEM and a
//! nominal DH group, with SHAKE256 as the seed expander and SHA3-256 as the
//! combiner.
//!
//! - Key generation (X-Wing "expandDecapsulationKey"): the 32-byte seed is
//!   expanded with SHAKE256 to `d || z` (64 bytes, ML-KEM KeyGen_internal)
//!   followed by the group's seed, from which RandomScalar takes the private
//!   scalar (the bytes themselves for X25519; rejection sampling over
//!   `Nscalar`-byte big-endian candidates in `[1, n-1]` for P-256/P-384).
//! - Combiner: `SHA3-256(ss_M || ss_T || ct_T || pk_T || Label)`.
//! - Encapsulation key `pk_M || pk_T`, ciphertext `ct_M || ct_T`, decapsulation
//!   key the 32-byte seed.
//!
//! ```
//! use pqfence::hybrid::{XWingDecapsulationKey, XWingEncapsulationKey};
//!
//! let dk = XWingDecapsulationKey::generate()?;
//! let ek = XWingEncapsulationKey::from_bytes(dk.encapsulation_key().as_bytes())?;
//! let (ss, ct) = ek.encapsulate()?;
//! assert_eq!(dk.decapsulate(&ct)?, ss);
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;
use core::marker::PhantomData;

use sha3::digest::{Digest, ExtendableOutput, Update, XofReader};
use spki::ObjectIdentifier;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::der as keyder;
use crate::algorithms::AlgorithmId;
use crate::error::{Error, Result};
use crate::mlkem::{self, KemParams, SharedSecret};
use crate::secret::Secret;

/// The 32-byte decapsulation key (seed) of the hybrid KEMs.
pub type Seed = Secret<[u8; 32]>;

/// A hybrid KEM of the CG construction (sealed: [`MlKem768X25519`] = X-Wing,
/// [`MlKem768P256`], [`MlKem1024P384`]), declared by its row of the catalogue
/// (`rust/algorithms.rs`).
pub trait HybridParams: AlgorithmId + Sized + Send + Sync + 'static + private::Sealed {
    /// The name in draft-irtf-cfrg-concrete-hybrid-kems / the HPKE registry.
    const NAME: &'static str;
    /// The combiner label.
    const LABEL: &'static [u8];
    /// The HPKE KEM identifier (draft-ietf-hpke-pq).
    const HPKE_KEM_ID: u16;
    /// The ML-KEM half.
    type Pq: KemParams;
    /// Encapsulation key bytes (`Nek`).
    const EK_BYTES: usize;
    /// Ciphertext bytes (`Nct`).
    const CT_BYTES: usize;
    /// The group's seed length `Nseed` (the randomness of one encapsulation
    /// is 32 + `Nseed` bytes).
    const GROUP_SEED_BYTES: usize;
    /// The expanded decapsulation key: the ML-KEM seed `d || z` (64 bytes)
    /// followed by the group's private key.
    const EXPANDED_BYTES: usize;
    #[doc(hidden)]
    const T_SK: usize;
    #[doc(hidden)]
    const T_PK: usize;
    #[doc(hidden)]
    const NAME_EK: &'static str;
    #[doc(hidden)]
    const NAME_CT: &'static str;
    #[doc(hidden)]
    const NAME_ESEED: &'static str;
    #[doc(hidden)]
    const NAME_EXPANDED: &'static str;
    #[doc(hidden)]
    fn t_public(sk: &[u8]) -> Result<Vec<u8>>;
    #[doc(hidden)]
    fn t_check_public(pk: &[u8]) -> Result<()>;
    #[doc(hidden)]
    fn t_check_secret(sk: &[u8]) -> Result<()>;
    #[doc(hidden)]
    fn t_dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>>;
}

pub(crate) mod private {
    pub trait Sealed {}
}

/// Declares one hybrid KEM of the CG construction from its row in
/// `rust/algorithms.rs`: the type, its [`HybridParams`] (the ML-KEM set
/// `pq`, the DH `group` of `crate::hybrid::group`, the combiner `label`, the
/// group's seed length `nseed`, the HPKE identifier), its catalogue entry
/// and, with feature `python`, its classes. The hybrids have no C of their
/// own (`c: none`).
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:tt, c: none,
        standard: $std:literal, pq: $pq:ident, group: $group:ident, label: $label:literal,
        nseed: $nseed:literal, hpke: $hpke:literal $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;
        impl $crate::hybrid::xwing::private::Sealed for $t {}
        impl $crate::hybrid::HybridParams for $t {
            const NAME: &'static str = $name;
            const LABEL: &'static [u8] = $label;
            const HPKE_KEM_ID: u16 = $hpke;
            type Pq = $crate::mlkem::$pq;
            const EK_BYTES: usize = $crate::mlkem::$pq::EK_BYTES
                + <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const CT_BYTES: usize = $crate::mlkem::$pq::CT_BYTES
                + <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const GROUP_SEED_BYTES: usize = $nseed;
            const EXPANDED_BYTES: usize = $crate::mlkem::$pq::SEED_BYTES
                + <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NSK;
            const T_SK: usize =
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NSK;
            const T_PK: usize =
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const NAME_EK: &'static str = concat!($name, " encapsulation key");
            const NAME_CT: &'static str = concat!($name, " ciphertext");
            const NAME_ESEED: &'static str = concat!($name, " encapsulation randomness");
            const NAME_EXPANDED: &'static str =
                concat!($name, " expanded decapsulation key (ML-KEM seed || group private key)");
            fn t_public(sk: &[u8]) -> $crate::Result<Vec<u8>> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::public_key(sk)
            }
            fn t_check_public(pk: &[u8]) -> $crate::Result<()> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::check_public(pk)
            }
            fn t_check_secret(sk: &[u8]) -> $crate::Result<()> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::check_secret(sk)
            }
            fn t_dh(sk: &[u8], pk: &[u8]) -> $crate::Result<::zeroize::Zeroizing<Vec<u8>>> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::dh(sk, pk)
            }
        }

        impl $crate::algorithms::AlgorithmId for $t {
            const ALGORITHM: &'static $crate::algorithms::Algorithm =
                &$crate::algorithms::Algorithm {
                    name: $name,
                    standard: $std,
                    kind: $crate::algorithms::KeyKind::Kem,
                    oid: $crate::algorithms::oid!($oid),
                    python_name: stringify!($py),
                    public_key_len: <$t as $crate::hybrid::HybridParams>::EK_BYTES,
                    private_key_len: <$t as $crate::hybrid::HybridParams>::EXPANDED_BYTES,
                    seed_len: 32,
                    output_len: <$t as $crate::hybrid::HybridParams>::CT_BYTES,
                    shared_secret_len: 32,
                    private_key: $crate::hybrid::xwing::shape!($oid),
                };
        }

        impl $crate::keys::KeyTypes for $t {
            type PrivateKey = $crate::hybrid::DecapsulationKey<$t>;
            type PublicKey = $crate::hybrid::EncapsulationKey<$t>;
        }

        #[cfg(feature = "python")]
        $crate::python::hybrid::xwing_classes!($t, $py, $name, $group);
    };
}
pub(crate) use declare;

/// The PKCS#8 shape of a hybrid with an OID (the 32-byte seed, X-Wing
/// draft section "Use in X.509"); none without one.
macro_rules! shape {
    (none) => {
        $crate::algorithms::PrivateKeyShape::None
    };
    ($oid:literal) => {
        $crate::algorithms::PrivateKeyShape::Seed { len: 32 }
    };
}
pub(crate) use shape;

pub use crate::algorithms::xwing::{MlKem1024P384, MlKem768P256, MlKem768X25519};

/// X-Wing decapsulation key.
pub type XWingDecapsulationKey = DecapsulationKey<MlKem768X25519>;
/// X-Wing encapsulation key.
pub type XWingEncapsulationKey = EncapsulationKey<MlKem768X25519>;
/// X-Wing ciphertext.
pub type XWingCiphertext = Ciphertext<MlKem768X25519>;

/// The combiner: SHA3-256(ss_M || ss_T || ct_T || pk_T || label).
pub(crate) fn combine(
    ss_m: &[u8],
    ss_t: &[u8],
    ct_t: &[u8],
    pk_t: &[u8],
    label: &[u8],
) -> SharedSecret {
    let mut h = sha3::Sha3_256::new();
    Digest::update(&mut h, ss_m);
    Digest::update(&mut h, ss_t);
    Digest::update(&mut h, ct_t);
    Digest::update(&mut h, pk_t);
    Digest::update(&mut h, label);
    let mut ss = SharedSecret::zero();
    // Straight into the zeroizing buffer: no copy of the secret on the stack.
    Digest::finalize_into(h, ss.expose_mut().into());
    ss
}

/// The nominal group's RandomScalar: the first `Nscalar`-byte window of
/// `seed` that is a valid private key (for X25519 every 32 bytes are).
fn random_scalar<P: HybridParams>(seed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    for window in seed.chunks_exact(P::T_SK) {
        if P::t_check_secret(window).is_ok() {
            return Ok(Zeroizing::new(window.to_vec()));
        }
    }
    Err(Error::InvalidKey {
        reason:
            "hybrid KEM: RandomScalar found no valid scalar in the seed (rejection sampling failed)",
    })
}

/// A hybrid encapsulation key (public): `pk_M || pk_T`.
pub struct EncapsulationKey<P: HybridParams> {
    bytes: Vec<u8>,
    pq: mlkem::EncapsulationKey<P::Pq>,
}

impl<P: HybridParams> EncapsulationKey<P> {
    /// Loads an encapsulation key: checks the length, runs the FIPS 203
    /// modulus check on the ML-KEM half and validates the group element.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        crate::error::check_len(P::NAME_EK, P::EK_BYTES, bytes)?;
        let (pk_m, pk_t) = bytes.split_at(P::EK_BYTES - P::T_PK);
        let pq = mlkem::EncapsulationKey::<P::Pq>::from_bytes(pk_m)?;
        P::t_check_public(pk_t)?;
        Ok(EncapsulationKey {
            bytes: bytes.to_vec(),
            pq,
        })
    }

    /// The encoded key `pk_M || pk_T`.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn pk_t(&self) -> &[u8] {
        self.bytes.get(P::EK_BYTES - P::T_PK..).unwrap_or_default()
    }

    /// The ML-KEM half.
    pub fn pq_key(&self) -> &mlkem::EncapsulationKey<P::Pq> {
        &self.pq
    }

    /// The traditional half (the X25519 string, or the uncompressed point).
    pub fn traditional_bytes(&self) -> &[u8] {
        self.pk_t()
    }

    /// Encapsulates with fresh OS randomness: the shared secret and the
    /// ciphertext to send.
    pub fn encapsulate(&self) -> Result<(SharedSecret, Ciphertext<P>)> {
        let mut eseed = Zeroizing::new(vec![0u8; 32 + P::GROUP_SEED_BYTES]);
        crate::rng::fill(&mut eseed)?;
        self.encapsulate_deterministic(&eseed)
    }

    /// **Deterministic, for known-answer tests only** (EncapsulateDerand):
    /// `eseed` = the ML-KEM coin `m` (32 bytes) followed by the group's seed
    /// (32 bytes for X-Wing; a whole number of scalars, at least one, for the
    /// prime curves, which RandomScalar walks). Reusing `eseed` reveals the
    /// shared secret.
    pub fn encapsulate_deterministic(&self, eseed: &[u8]) -> Result<(SharedSecret, Ciphertext<P>)> {
        let t_len = eseed.len().saturating_sub(32);
        if eseed.len() < 32 + P::T_SK || !t_len.is_multiple_of(P::T_SK) {
            return Err(Error::InvalidLength {
                what: P::NAME_ESEED,
                expected: 32 + P::GROUP_SEED_BYTES,
                actual: eseed.len(),
            });
        }
        let (m, seed_t) = eseed.split_at(32);
        let m: &[u8; 32] = m.try_into().map_err(|_| Error::Internal { code: -201 })?;
        let sk_e = random_scalar::<P>(seed_t)?;
        let ct_t = P::t_public(&sk_e)?;
        let ss_t = P::t_dh(&sk_e, self.pk_t())?;
        let (ss_m, ct_m) = self.pq.encapsulate_deterministic(m)?;
        let ss = combine(ss_m.bytes(), &ss_t, &ct_t, self.pk_t(), P::LABEL);
        let mut ct = Vec::with_capacity(P::CT_BYTES);
        ct.extend_from_slice(ct_m.as_bytes());
        ct.extend_from_slice(&ct_t);
        Ok((ss, Ciphertext::from_bytes(&ct)?))
    }

    /// DER SubjectPublicKeyInfo (X-Wing only: the draft's OID, no parameters).
    pub fn to_public_key_der(&self) -> Result<Vec<u8>> {
        keyder::spki_to_der(oid::<P>()?, &self.bytes)
    }

    /// Loads a DER SubjectPublicKeyInfo (X-Wing only).
    pub fn from_public_key_der(der: &[u8]) -> Result<Self> {
        Self::from_bytes(keyder::spki_from_der(der, oid::<P>()?, P::NAME)?)
    }

    /// PEM ("PUBLIC KEY") SubjectPublicKeyInfo (X-Wing only).
    pub fn to_public_key_pem(&self) -> Result<String> {
        keyder::public_pem(&self.to_public_key_der()?)
    }

    /// Loads a PEM ("PUBLIC KEY") SubjectPublicKeyInfo (X-Wing only).
    pub fn from_public_key_pem(pem: &str) -> Result<Self> {
        Self::from_public_key_der(&keyder::pem_to_der(pem, keyder::PUBLIC_KEY_LABEL)?)
    }
}

fn oid<P: HybridParams>() -> Result<ObjectIdentifier> {
    P::ALGORITHM.oid.ok_or_else(|| Error::InvalidEncoding {
        reason: format!("{} has no X.509 OID", P::NAME),
    })
}

impl<P: HybridParams> Clone for EncapsulationKey<P> {
    fn clone(&self) -> Self {
        EncapsulationKey {
            bytes: self.bytes.clone(),
            pq: self.pq.clone(),
        }
    }
}
impl<P: HybridParams> PartialEq for EncapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}
impl<P: HybridParams> Eq for EncapsulationKey<P> {}
impl<P: HybridParams> fmt::Debug for EncapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncapsulationKey<{}>({} bytes)", P::NAME, P::EK_BYTES)
    }
}
impl<P: HybridParams> TryFrom<&[u8]> for EncapsulationKey<P> {
    type Error = Error;
    fn try_from(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
}

/// A hybrid ciphertext: `ct_M || ct_T`.
pub struct Ciphertext<P: HybridParams> {
    bytes: Vec<u8>,
    _p: PhantomData<P>,
}

impl<P: HybridParams> Ciphertext<P> {
    /// Loads a ciphertext, checking its length (the group element is checked
    /// at decapsulation).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        crate::error::check_len(P::NAME_CT, P::CT_BYTES, bytes)?;
        Ok(Ciphertext {
            bytes: bytes.to_vec(),
            _p: PhantomData,
        })
    }
    /// The encoded ciphertext.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}
impl<P: HybridParams> Clone for Ciphertext<P> {
    fn clone(&self) -> Self {
        Ciphertext {
            bytes: self.bytes.clone(),
            _p: PhantomData,
        }
    }
}
impl<P: HybridParams> PartialEq for Ciphertext<P> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}
impl<P: HybridParams> Eq for Ciphertext<P> {}
impl<P: HybridParams> fmt::Debug for Ciphertext<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ciphertext<{}>({} bytes)", P::NAME, P::CT_BYTES)
    }
}
impl<P: HybridParams> TryFrom<&[u8]> for Ciphertext<P> {
    type Error = Error;
    fn try_from(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
}

/// A hybrid decapsulation key (secret): the 32-byte seed when the key has
/// one, kept with its expansion (the ML-KEM seed `d || z` and the group's
/// private key, and the ML-KEM key derived from them). Wiped on drop,
/// redacted in `Debug`, compared in constant time.
pub struct DecapsulationKey<P: HybridParams> {
    seed: Option<Seed>,
    /// `d || z || sk_T` ([`HybridParams::EXPANDED_BYTES`]).
    expanded: Zeroizing<Vec<u8>>,
    pq: mlkem::DecapsulationKey<P::Pq>,
    ek: EncapsulationKey<P>,
}

impl<P: HybridParams> DecapsulationKey<P> {
    /// Generates a key from a fresh 32-byte OS seed (GenerateKeyPair).
    pub fn generate() -> Result<Self> {
        let mut seed = Seed::zero();
        crate::rng::fill(seed.expose_mut())?;
        Self::from_seed_secret(seed)
    }

    /// Derives the key from its 32-byte seed (GenerateKeyPairDerand).
    pub fn from_seed(seed: &[u8]) -> Result<Self> {
        Self::from_seed_secret(Seed::from_slice("hybrid KEM seed", seed)?)
    }

    fn from_seed_secret(seed: Seed) -> Result<Self> {
        let mut xof = shake::Shake256::default();
        Update::update(&mut xof, seed.bytes());
        let mut stream = Zeroizing::new(vec![0u8; 64 + P::GROUP_SEED_BYTES]);
        xof.finalize_xof().read(&mut stream);
        let (pq_seed, t_seed) = stream.split_at(64);
        let sk_t = random_scalar::<P>(t_seed)?;
        let mut key = Self::assemble(pq_seed, &sk_t)?;
        key.seed = Some(seed);
        Ok(key)
    }

    /// The key from the ML-KEM seed and the group's private key (checked).
    fn assemble(pq_seed: &[u8], sk_t: &[u8]) -> Result<Self> {
        let pq = mlkem::DecapsulationKey::<P::Pq>::from_seed(pq_seed)?;
        let pk_t = P::t_public(sk_t)?;
        let mut expanded = Zeroizing::new(Vec::with_capacity(P::EXPANDED_BYTES));
        expanded.extend_from_slice(pq_seed);
        expanded.extend_from_slice(sk_t);
        let mut ek = Vec::with_capacity(P::EK_BYTES);
        ek.extend_from_slice(pq.encapsulation_key().as_bytes());
        ek.extend_from_slice(&pk_t);
        let ek = EncapsulationKey {
            bytes: ek,
            pq: pq.encapsulation_key().clone(),
        };
        Ok(DecapsulationKey {
            seed: None,
            expanded,
            pq,
            ek,
        })
    }

    /// Loads the expanded key `d || z || sk_T` (64 bytes, then the group's
    /// private key: the X25519 string, or the big-endian P-256 / P-384
    /// scalar in [1, n-1]). Such a key has no 32-byte [`seed`](Self::seed).
    pub fn from_expanded_bytes(bytes: &[u8]) -> Result<Self> {
        crate::error::check_len(P::NAME_EXPANDED, P::EXPANDED_BYTES, bytes)?;
        let (pq_seed, sk_t) = bytes.split_at(64);
        Self::assemble(pq_seed, sk_t)
    }

    /// The key from its two components, as libraries that take them hold it
    /// (pyca/cryptography's `MLKEM768X25519PrivateKey(mlkem_key, x25519_key)`):
    /// the ML-KEM key, which must have its 64-byte seed, and the group's
    /// private key. Such a key has no 32-byte [`seed`](Self::seed).
    pub fn from_components(
        pq: &mlkem::DecapsulationKey<P::Pq>,
        traditional_secret: &[u8],
    ) -> Result<Self> {
        let seed = pq.seed().ok_or(Error::InvalidKey {
            reason: "hybrid KEM: the ML-KEM key was loaded in expanded form; its seed (d || z) is needed",
        })?;
        crate::error::check_len(
            "hybrid KEM traditional private key",
            P::T_SK,
            traditional_secret,
        )?;
        Self::assemble(seed.bytes(), traditional_secret)
    }

    /// The 32-byte seed, the decapsulation key's serialization, when the key
    /// was generated or derived from it (not when it was loaded from its
    /// components or expanded form).
    pub fn seed(&self) -> Option<&Seed> {
        self.seed.as_ref()
    }

    /// The expanded key `d || z || sk_T` (a secret).
    pub fn expanded_bytes(&self) -> &[u8] {
        &self.expanded
    }

    /// The matching encapsulation key.
    pub fn encapsulation_key(&self) -> &EncapsulationKey<P> {
        &self.ek
    }

    /// The expanded ML-KEM half (its `seed()` is `d || z`), for moving the
    /// key to a library that takes the components (pyca/cryptography's
    /// `MLKEM768X25519PrivateKey(mlkem_key, x25519_key)`). The X-Wing draft
    /// asks that expanded keys not be exchanged between implementations:
    /// prefer the 32-byte [`seed`](Self::seed).
    pub fn pq_key(&self) -> &mlkem::DecapsulationKey<P::Pq> {
        &self.pq
    }

    /// The traditional private key (the X25519 string, or the big-endian
    /// P-256 / P-384 scalar). Handle with care; see [`pq_key`](Self::pq_key).
    pub fn traditional_secret(&self) -> &[u8] {
        self.expanded.get(64..).unwrap_or_default()
    }

    /// Decapsulates. The ML-KEM half rejects implicitly; an invalid group
    /// element in the ciphertext (off the curve, the identity, an all-zero
    /// X25519 output) is [`Error::InvalidKey`].
    pub fn decapsulate(&self, ct: &Ciphertext<P>) -> Result<SharedSecret> {
        let (ct_m, ct_t) = ct.bytes.split_at(P::CT_BYTES - P::T_PK);
        let ss_m = self
            .pq
            .decapsulate(&mlkem::Ciphertext::<P::Pq>::from_bytes(ct_m)?)?;
        let ss_t = P::t_dh(self.traditional_secret(), ct_t)?;
        Ok(combine(ss_m.bytes(), &ss_t, ct_t, self.ek.pk_t(), P::LABEL))
    }

    /// Decapsulates a ciphertext given as bytes (length checked).
    pub fn decapsulate_bytes(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate(&Ciphertext::from_bytes(ct)?)
    }

    fn seed_or_err(&self) -> Result<&Seed> {
        self.seed.as_ref().ok_or(Error::InvalidKey {
            reason: "this hybrid key was loaded from its components or expanded form: it has no seed, so no PKCS#8 form",
        })
    }

    /// DER PKCS#8 (X-Wing only): the 32-byte seed in the `privateKey` OCTET
    /// STRING, no public key, as the draft's appendix shows.
    pub fn to_pkcs8_der(&self) -> Result<der::SecretDocument> {
        keyder::pkcs8_to_der(oid::<P>()?, self.seed_or_err()?.bytes())
    }

    /// Loads a DER PKCS#8 seed-form key (X-Wing only). A `publicKey` field is
    /// refused (the draft says it MUST be absent).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let (seed, public) = keyder::pkcs8_from_der(der, oid::<P>()?, P::NAME)?;
        if public.is_some() {
            return Err(Error::InvalidEncoding {
                reason: format!("{} PKCS#8: the publicKey field must be absent", P::NAME),
            });
        }
        Self::from_seed(&seed)
    }

    /// PEM ("PRIVATE KEY") PKCS#8 (X-Wing only).
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        keyder::private_pem(&self.to_pkcs8_der()?)
    }

    /// Loads a PEM ("PRIVATE KEY") PKCS#8 key (X-Wing only).
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
        Self::from_pkcs8_der(&keyder::pem_to_der(pem, keyder::PRIVATE_KEY_LABEL)?)
    }
}

impl<P: HybridParams> Clone for DecapsulationKey<P> {
    fn clone(&self) -> Self {
        DecapsulationKey {
            seed: self.seed.clone(),
            expanded: self.expanded.clone(),
            pq: self.pq.clone(),
            ek: self.ek.clone(),
        }
    }
}
impl<P: HybridParams> ConstantTimeEq for DecapsulationKey<P> {
    fn ct_eq(&self, other: &Self) -> subtle::Choice {
        // The seed determines the expansion; keys without a seed compare by
        // it too.
        self.expanded.as_slice().ct_eq(other.expanded.as_slice())
    }
}
impl<P: HybridParams> PartialEq for DecapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.ct_eq(other))
    }
}
impl<P: HybridParams> Eq for DecapsulationKey<P> {}
impl<P: HybridParams> fmt::Debug for DecapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecapsulationKey<{}>(REDACTED)", P::NAME)
    }
}

impl<P: HybridParams> crate::keys::PublicKey for EncapsulationKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    fn from_public_key_bytes(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
    fn public_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

impl<P: HybridParams> crate::keys::KeyPair for DecapsulationKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    type Public = EncapsulationKey<P>;
    fn generate_key() -> Result<Self> {
        Self::generate()
    }
    fn from_seed_bytes(seed: &[u8]) -> Result<Self> {
        Self::from_seed(seed)
    }
    fn from_expanded_key_bytes(expanded: &[u8]) -> Result<Self> {
        Self::from_expanded_bytes(expanded)
    }
    fn seed_bytes(&self) -> Option<&[u8]> {
        self.seed().map(|s| s.bytes())
    }
    fn expanded_key_bytes(&self) -> &[u8] {
        self.expanded_bytes()
    }
    fn public_key(&self) -> &Self::Public {
        self.encapsulation_key()
    }
}
