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
use zeroize::Zeroizing;

use super::der as keyder;
use super::group::{self, DhGroup};
use crate::error::{Error, Result};
use crate::mlkem::{self, KemParams, MlKem1024, MlKem768, SharedSecret};
use crate::secret::Secret;

/// The 32-byte decapsulation key (seed) of the hybrid KEMs.
pub type Seed = Secret<[u8; 32]>;

/// A hybrid KEM of the CG construction (sealed: [`MlKem768X25519`] = X-Wing,
/// [`MlKem768P256`], [`MlKem1024P384`]).
pub trait HybridParams: Sized + Send + Sync + 'static + private::Sealed {
    /// The name in draft-irtf-cfrg-concrete-hybrid-kems / the HPKE registry.
    const NAME: &'static str;
    /// The combiner label.
    const LABEL: &'static [u8];
    /// The HPKE KEM identifier (draft-ietf-hpke-pq).
    const HPKE_KEM_ID: u16;
    /// The X.509 OID, where one is assigned (X-Wing only).
    const OID: Option<&'static str>;
    /// The ML-KEM half.
    type Pq: KemParams;
    /// Encapsulation key bytes (`Nek`).
    const EK_BYTES: usize;
    /// Ciphertext bytes (`Nct`).
    const CT_BYTES: usize;
    /// The group's seed length `Nseed` (the randomness of one encapsulation
    /// is 32 + `Nseed` bytes).
    const GROUP_SEED_BYTES: usize;
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
    fn t_public(sk: &[u8]) -> Result<Vec<u8>>;
    #[doc(hidden)]
    fn t_check_public(pk: &[u8]) -> Result<()>;
    #[doc(hidden)]
    fn t_dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>>;
}

mod private {
    pub trait Sealed {}
}

macro_rules! hybrid_params {
    ($(#[$doc:meta])* $t:ident, $name:literal, $label:expr, $id:literal, $oid:expr, $pq:ty,
     $group:ty, $nseed:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;
        impl private::Sealed for $t {}
        impl HybridParams for $t {
            const NAME: &'static str = $name;
            const LABEL: &'static [u8] = $label;
            const HPKE_KEM_ID: u16 = $id;
            const OID: Option<&'static str> = $oid;
            type Pq = $pq;
            const EK_BYTES: usize = <<$pq as KemParams>::Ek as crate::ByteArray>::LEN
                + <$group as DhGroup>::NPK;
            const CT_BYTES: usize = <<$pq as KemParams>::Ct as crate::ByteArray>::LEN
                + <$group as DhGroup>::NPK;
            const GROUP_SEED_BYTES: usize = $nseed;
            const T_SK: usize = <$group as DhGroup>::NSK;
            const T_PK: usize = <$group as DhGroup>::NPK;
            const NAME_EK: &'static str = concat!($name, " encapsulation key");
            const NAME_CT: &'static str = concat!($name, " ciphertext");
            const NAME_ESEED: &'static str = concat!($name, " encapsulation randomness");
            fn t_public(sk: &[u8]) -> Result<Vec<u8>> {
                <$group>::public_key(sk)
            }
            fn t_check_public(pk: &[u8]) -> Result<()> {
                <$group>::check_public(pk)
            }
            fn t_dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
                <$group>::dh(sk, pk)
            }
        }
    };
}

hybrid_params!(
    /// X-Wing = MLKEM768-X25519 (draft-connolly-cfrg-xwing-kem; HPKE 0x647a).
    MlKem768X25519, "MLKEM768-X25519", b"\\.//^\\", 0x647a, Some("1.3.6.1.4.1.62253.25722"),
    MlKem768, group::X25519, 32
);
hybrid_params!(
    /// MLKEM768-P256 (draft-irtf-cfrg-concrete-hybrid-kems; HPKE 0x0050).
    MlKem768P256, "MLKEM768-P256", b"MLKEM768-P256", 0x0050, None, MlKem768, group::P256, 128
);
hybrid_params!(
    /// MLKEM1024-P384 (draft-irtf-cfrg-concrete-hybrid-kems; HPKE 0x0051).
    MlKem1024P384, "MLKEM1024-P384", b"MLKEM1024-P384", 0x0051, None, MlKem1024, group::P384,
    48
);

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
        if P::t_public(window).is_ok() {
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
    let text = P::OID.ok_or_else(|| Error::InvalidEncoding {
        reason: format!("{} has no X.509 OID", P::NAME),
    })?;
    ObjectIdentifier::new(text).map_err(|_| Error::Internal { code: -202 })
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

/// A hybrid decapsulation key (secret): the 32-byte seed, kept with its
/// expansion (the ML-KEM key and the group scalar). Wiped on drop, redacted
/// in `Debug`, compared in constant time.
pub struct DecapsulationKey<P: HybridParams> {
    seed: Seed,
    pq: mlkem::DecapsulationKey<P::Pq>,
    sk_t: Zeroizing<Vec<u8>>,
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
        let mut expanded = Zeroizing::new(vec![0u8; 64 + P::GROUP_SEED_BYTES]);
        xof.finalize_xof().read(&mut expanded);
        let (pq_seed, t_seed) = expanded.split_at(64);
        let pq = mlkem::DecapsulationKey::<P::Pq>::from_seed(pq_seed)?;
        let sk_t = random_scalar::<P>(t_seed)?;
        let pk_t = P::t_public(&sk_t)?;
        let mut ek = Vec::with_capacity(P::EK_BYTES);
        ek.extend_from_slice(pq.encapsulation_key().as_bytes());
        ek.extend_from_slice(&pk_t);
        let ek = EncapsulationKey {
            bytes: ek,
            pq: pq.encapsulation_key().clone(),
        };
        Ok(DecapsulationKey { seed, pq, sk_t, ek })
    }

    /// The 32-byte seed: the decapsulation key's serialization.
    pub fn seed(&self) -> &Seed {
        &self.seed
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
        &self.sk_t
    }

    /// Decapsulates. The ML-KEM half rejects implicitly; an invalid group
    /// element in the ciphertext (off the curve, the identity, an all-zero
    /// X25519 output) is [`Error::InvalidKey`].
    pub fn decapsulate(&self, ct: &Ciphertext<P>) -> Result<SharedSecret> {
        let (ct_m, ct_t) = ct.bytes.split_at(P::CT_BYTES - P::T_PK);
        let ss_m = self
            .pq
            .decapsulate(&mlkem::Ciphertext::<P::Pq>::from_bytes(ct_m)?)?;
        let ss_t = P::t_dh(&self.sk_t, ct_t)?;
        Ok(combine(ss_m.bytes(), &ss_t, ct_t, self.ek.pk_t(), P::LABEL))
    }

    /// Decapsulates a ciphertext given as bytes (length checked).
    pub fn decapsulate_bytes(&self, ct: &[u8]) -> Result<SharedSecret> {
        self.decapsulate(&Ciphertext::from_bytes(ct)?)
    }

    /// DER PKCS#8 (X-Wing only): the 32-byte seed in the `privateKey` OCTET
    /// STRING, no public key, as the draft's appendix shows.
    pub fn to_pkcs8_der(&self) -> Result<der::SecretDocument> {
        keyder::pkcs8_to_der(oid::<P>()?, self.seed.bytes())
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
            pq: self.pq.clone(),
            sk_t: self.sk_t.clone(),
            ek: self.ek.clone(),
        }
    }
}
impl<P: HybridParams> PartialEq for DecapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        self.seed == other.seed
    }
}
impl<P: HybridParams> Eq for DecapsulationKey<P> {}
impl<P: HybridParams> fmt::Debug for DecapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecapsulationKey<{}>(REDACTED)", P::NAME)
    }
}
