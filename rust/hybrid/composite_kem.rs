//! Composite ML-KEM (draft-ietf-lamps-pq-composite-kem): ML-KEM-768/1024
//! combined with a traditional ECDH / X25519 / X448 KEM for X.509 and CMS.
//!
//! - Keys: public `mlkemPK || tradPK` (tradPK an uncompressed SEC1 point or
//!   the RFC 7748 string); private `mlkemSeed (d || z, 64 bytes) || tradSK`
//!   (tradSK an RFC 5915 ECPrivateKey with the curve's namedCurve parameter
//!   and no publicKey, or the raw X25519 / X448 key). Ciphertext
//!   `mlkemCT || tradCT`.
//! - Combiner (section "KEM Combiner Function"):
//!   `SHA3-256(mlkemSS || tradSS || tradCT || tradPK || Label)`.
//! - SubjectPublicKeyInfo and PKCS#8 with the algorithm's OID (parameters
//!   absent); keys are read from certificates with `x509-cert`.
//!
//! **Not provided: the RSA-OAEP combinations** (id-MLKEM768-RSA2048/3072/4096,
//! id-MLKEM1024-RSA3072). Their decapsulation is an RSA private-key operation,
//! and the one pure-Rust RSA crate, `rsa`, carries the open advisory
//! RUSTSEC-2023-0071 (Marvin attack: its private-key operations are not
//! constant time, no fixed version exists). pqfence ships no secret-dependent
//! timing leak it knows of, so these four algorithms wait for a constant-time
//! RSA implementation.
//!
//! ```
//! use pqfence::hybrid::composite_kem::{CompositeMlKem768EcdhP256, DecapsulationKey};
//!
//! let dk = DecapsulationKey::<CompositeMlKem768EcdhP256>::generate()?;
//! let (ss, ct) = dk.encapsulation_key().encapsulate()?;
//! assert_eq!(dk.decapsulate(&ct)?, ss);
//! let pkcs8 = dk.to_pkcs8_der()?;
//! assert_eq!(DecapsulationKey::<CompositeMlKem768EcdhP256>::from_pkcs8_der(pkcs8.as_bytes())?, dk);
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;
use core::marker::PhantomData;

use der::{Decode, Encode};
use spki::ObjectIdentifier;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::der as keyder;
use super::xwing::combine;
use crate::algorithms::AlgorithmId;
use crate::error::{Error, Result};
use crate::mlkem::{self, KemParams, SharedSecret};

/// A Composite ML-KEM algorithm (sealed; one type per OID), declared by its
/// row of the catalogue (`rust/algorithms.rs`).
pub trait CompositeParams: AlgorithmId + Sized + Send + Sync + 'static + private::Sealed {
    /// The algorithm's name in the draft ("id-MLKEM768-ECDH-P256-SHA3-256").
    const NAME: &'static str;
    /// The KEM combiner label.
    const LABEL: &'static [u8];
    /// The ML-KEM half.
    type Pq: KemParams;
    /// Encapsulation key bytes.
    const EK_BYTES: usize;
    /// Ciphertext bytes.
    const CT_BYTES: usize;
    /// Serialized private key bytes as pqfence writes it: the 64-byte
    /// ML-KEM seed, then the raw X25519 / X448 key or the RFC 5915
    /// ECPrivateKey (namedCurve, no publicKey).
    const SK_BYTES: usize;
    #[doc(hidden)]
    const T_SK: usize;
    #[doc(hidden)]
    const T_PK: usize;
    /// The curve OID of the ECPrivateKey, `None` for X25519 / X448 (raw keys).
    #[doc(hidden)]
    const CURVE_OID: Option<&'static str>;
    #[doc(hidden)]
    fn t_public(sk: &[u8]) -> Result<Vec<u8>>;
    #[doc(hidden)]
    fn t_check_public(pk: &[u8]) -> Result<()>;
    #[doc(hidden)]
    fn t_dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>>;
    #[doc(hidden)]
    fn t_generate() -> Result<Zeroizing<Vec<u8>>>;
}

pub(crate) mod private {
    pub trait Sealed {}
}

/// The DER length of an RFC 5915 ECPrivateKey with an `nsk`-byte scalar,
/// the namedCurve parameter `curve` and no publicKey; `nsk` for the raw
/// X25519 / X448 keys (`curve` = `None`).
pub(crate) const fn trad_sk_len(nsk: usize, curve: Option<&str>) -> usize {
    const fn tlv(len: usize) -> usize {
        // Tag, length (short or long form, up to 65535), value.
        1 + if len < 0x80 {
            1
        } else if len < 0x100 {
            2
        } else {
            3
        } + len
    }
    match curve {
        None => nsk,
        Some(oid) => {
            let oid = ObjectIdentifier::new_unwrap(oid).as_bytes().len();
            // SEQUENCE { INTEGER 1, OCTET STRING sk, [0] { OID } }
            tlv(tlv(1) + tlv(nsk) + tlv(tlv(oid)))
        }
    }
}

/// Declares one Composite ML-KEM algorithm from its row in
/// `rust/algorithms.rs`: the type, its [`CompositeParams`] (the ML-KEM set
/// `pq`, the DH `group` of `crate::hybrid::group`, the combiner `label`, the
/// ECPrivateKey's `curve` OID or `none`), its catalogue entry and, with
/// feature `python`, its classes. No C of its own (`c: none`).
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident, oid: $oid:literal, c: none,
        pq: $pq:ident, group: $group:ident, label: $label:literal, curve: $curve:tt $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;
        impl $crate::hybrid::composite_kem::private::Sealed for $t {}
        impl $crate::hybrid::composite_kem::CompositeParams for $t {
            const NAME: &'static str = $name;
            const LABEL: &'static [u8] = $label;
            type Pq = $crate::mlkem::$pq;
            const EK_BYTES: usize = $crate::mlkem::$pq::EK_BYTES
                + <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const CT_BYTES: usize = $crate::mlkem::$pq::CT_BYTES
                + <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const SK_BYTES: usize = $crate::mlkem::$pq::SEED_BYTES
                + $crate::hybrid::composite_kem::trad_sk_len(
                    <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NSK,
                    $crate::hybrid::composite_kem::curve!($curve),
                );
            const T_SK: usize =
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NSK;
            const T_PK: usize =
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::NPK;
            const CURVE_OID: Option<&'static str> = $crate::hybrid::composite_kem::curve!($curve);
            fn t_public(sk: &[u8]) -> $crate::Result<Vec<u8>> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::public_key(sk)
            }
            fn t_check_public(pk: &[u8]) -> $crate::Result<()> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::check_public(pk)
            }
            fn t_dh(sk: &[u8], pk: &[u8]) -> $crate::Result<::zeroize::Zeroizing<Vec<u8>>> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::dh(sk, pk)
            }
            fn t_generate() -> $crate::Result<::zeroize::Zeroizing<Vec<u8>>> {
                <$crate::hybrid::group::$group as $crate::hybrid::group::DhGroup>::generate_secret()
            }
        }

        impl $crate::algorithms::AlgorithmId for $t {
            const ALGORITHM: &'static $crate::algorithms::Algorithm =
                &$crate::algorithms::Algorithm {
                    name: $name,
                    standard: "draft-ietf-lamps-pq-composite-kem",
                    kind: $crate::algorithms::KeyKind::Kem,
                    oid: $crate::algorithms::oid!($oid),
                    python_name: stringify!($py),
                    public_key_len:
                        <$t as $crate::hybrid::composite_kem::CompositeParams>::EK_BYTES,
                    private_key_len:
                        <$t as $crate::hybrid::composite_kem::CompositeParams>::SK_BYTES,
                    seed_len: <$t as $crate::hybrid::composite_kem::CompositeParams>::SK_BYTES,
                    output_len: <$t as $crate::hybrid::composite_kem::CompositeParams>::CT_BYTES,
                    shared_secret_len: 32,
                    private_key: $crate::algorithms::PrivateKeyShape::Raw {
                        len: <$t as $crate::hybrid::composite_kem::CompositeParams>::SK_BYTES,
                    },
                };
        }

        impl $crate::keys::KeyTypes for $t {
            type PrivateKey = $crate::hybrid::composite_kem::DecapsulationKey<$t>;
            type PublicKey = $crate::hybrid::composite_kem::EncapsulationKey<$t>;
        }

        #[cfg(feature = "python")]
        $crate::python::hybrid::composite_classes!($t, $py, $name);
    };
}
pub(crate) use declare;

/// `Some(curve OID)` of a row, or `None` for `none`.
macro_rules! curve {
    (none) => {
        None
    };
    ($s:literal) => {
        Some($s)
    };
}
pub(crate) use curve;

pub use crate::algorithms::composite_kem::{
    CompositeMlKem1024EcdhBrainpoolP384r1, CompositeMlKem1024EcdhP384, CompositeMlKem1024EcdhP521,
    CompositeMlKem1024X448, CompositeMlKem768EcdhBrainpoolP256r1, CompositeMlKem768EcdhP256,
    CompositeMlKem768EcdhP384, CompositeMlKem768X25519,
};

fn oid<P: CompositeParams>() -> Result<ObjectIdentifier> {
    P::ALGORITHM.oid.ok_or(Error::Internal { code: -403 })
}

fn oid_of(text: &str) -> Result<ObjectIdentifier> {
    ObjectIdentifier::new(text).map_err(|_| Error::Internal { code: -400 })
}

fn bad_trad(reason: &'static str) -> Error {
    Error::InvalidKey { reason }
}

/// tradSK -> the raw scalar / key (ECPrivateKey parsed for the curves).
fn decode_trad_sk<P: CompositeParams>(encoded: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let Some(curve) = P::CURVE_OID else {
        crate::error::check_len("composite KEM traditional private key", P::T_SK, encoded)?;
        return Ok(Zeroizing::new(encoded.to_vec()));
    };
    let ec = sec1::EcPrivateKey::from_der(encoded).map_err(|_| {
        bad_trad("composite KEM: the traditional private key is not a DER ECPrivateKey")
    })?;
    match ec.parameters {
        Some(sec1::EcParameters::NamedCurve(oid)) if oid == oid_of(curve)? => {}
        _ => {
            return Err(bad_trad(
                "composite KEM: the ECPrivateKey must name the algorithm's curve",
            ))
        }
    }
    if ec.private_key.len() != P::T_SK {
        return Err(bad_trad(
            "composite KEM: the ECPrivateKey scalar has the wrong length",
        ));
    }
    let sk = Zeroizing::new(ec.private_key.to_vec());
    if let Some(public) = ec.public_key {
        if public != P::t_public(&sk)?.as_slice() {
            return Err(bad_trad(
                "composite KEM: the ECPrivateKey publicKey does not match its scalar",
            ));
        }
    }
    Ok(sk)
}

/// The raw scalar / key -> tradSK (ECPrivateKey without publicKey).
fn encode_trad_sk<P: CompositeParams>(sk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let Some(curve) = P::CURVE_OID else {
        return Ok(Zeroizing::new(sk.to_vec()));
    };
    let ec = sec1::EcPrivateKey {
        private_key: sk,
        parameters: Some(sec1::EcParameters::NamedCurve(oid_of(curve)?)),
        public_key: None,
    };
    ec.to_der()
        .map(Zeroizing::new)
        .map_err(|_| Error::Internal { code: -401 })
}

/// A composite encapsulation key (public): `mlkemPK || tradPK`.
pub struct EncapsulationKey<P: CompositeParams> {
    bytes: Vec<u8>,
    pq: mlkem::EncapsulationKey<P::Pq>,
}

impl<P: CompositeParams> EncapsulationKey<P> {
    /// Loads a composite public key: length, the ML-KEM modulus check, and
    /// the traditional key's validity (on the curve, not the identity).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        crate::error::check_len("composite KEM public key", P::EK_BYTES, bytes)?;
        let (pk_m, pk_t) = bytes.split_at(P::EK_BYTES - P::T_PK);
        let pq = mlkem::EncapsulationKey::from_bytes(pk_m)?;
        P::t_check_public(pk_t)?;
        Ok(EncapsulationKey {
            bytes: bytes.to_vec(),
            pq,
        })
    }

    /// The serialized key.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    fn pk_t(&self) -> &[u8] {
        self.bytes.get(P::EK_BYTES - P::T_PK..).unwrap_or_default()
    }

    /// Encaps: a fresh ML-KEM encapsulation and a fresh ephemeral key pair
    /// for the traditional half.
    pub fn encapsulate(&self) -> Result<(SharedSecret, Ciphertext<P>)> {
        let (ss_m, ct_m) = self.pq.encapsulate()?;
        let sk_e = P::t_generate()?;
        self.finish(ss_m, ct_m, &sk_e)
    }

    /// **Deterministic, for tests only**: encapsulates with `eseed` = the
    /// ML-KEM coin `m` (32 bytes) followed by the traditional ephemeral
    /// private key (the X25519 / X448 string or the big-endian scalar).
    /// Reusing `eseed` reveals the shared secret.
    pub fn encapsulate_deterministic(&self, eseed: &[u8]) -> Result<(SharedSecret, Ciphertext<P>)> {
        crate::error::check_len(
            "composite KEM encapsulation randomness (m || ephemeral private key)",
            32 + P::T_SK,
            eseed,
        )?;
        let (m, sk_e) = eseed.split_at(32);
        let m: &[u8; 32] = m.try_into().map_err(|_| Error::Internal { code: -405 })?;
        let (ss_m, ct_m) = self.pq.encapsulate_deterministic(m)?;
        self.finish(ss_m, ct_m, sk_e)
    }

    fn finish(
        &self,
        ss_m: SharedSecret,
        ct_m: mlkem::Ciphertext<P::Pq>,
        sk_e: &[u8],
    ) -> Result<(SharedSecret, Ciphertext<P>)> {
        let ct_t = P::t_public(sk_e)?;
        let ss_t = P::t_dh(sk_e, self.pk_t())?;
        let ss = combine(ss_m.bytes(), &ss_t, &ct_t, self.pk_t(), P::LABEL);
        let mut ct = Vec::with_capacity(P::CT_BYTES);
        ct.extend_from_slice(ct_m.as_bytes());
        ct.extend_from_slice(&ct_t);
        Ok((ss, Ciphertext::from_bytes(&ct)?))
    }

    /// DER SubjectPublicKeyInfo (the algorithm's OID, parameters absent).
    pub fn to_public_key_der(&self) -> Result<Vec<u8>> {
        keyder::spki_to_der(oid::<P>()?, &self.bytes)
    }

    /// Loads a DER SubjectPublicKeyInfo.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self> {
        Self::from_bytes(keyder::spki_from_der(der, oid::<P>()?, P::NAME)?)
    }

    /// PEM ("PUBLIC KEY").
    pub fn to_public_key_pem(&self) -> Result<String> {
        keyder::public_pem(&self.to_public_key_der()?)
    }

    /// Loads a PEM ("PUBLIC KEY") SubjectPublicKeyInfo.
    pub fn from_public_key_pem(pem: &str) -> Result<Self> {
        Self::from_public_key_der(&keyder::pem_to_der(pem, keyder::PUBLIC_KEY_LABEL)?)
    }

    /// The key of a DER X.509 certificate (parsed with `x509-cert`; the
    /// certificate's signature is not verified here).
    pub fn from_certificate_der(der: &[u8]) -> Result<Self> {
        let cert = x509_cert::Certificate::from_der(der).map_err(|e| Error::InvalidEncoding {
            reason: format!("X.509 certificate: {e}"),
        })?;
        let spki = cert
            .tbs_certificate()
            .subject_public_key_info()
            .to_der()
            .map_err(|e| Error::InvalidEncoding {
                reason: format!("X.509 certificate key: {e}"),
            })?;
        Self::from_public_key_der(&spki)
    }
}

impl<P: CompositeParams> Clone for EncapsulationKey<P> {
    fn clone(&self) -> Self {
        EncapsulationKey {
            bytes: self.bytes.clone(),
            pq: self.pq.clone(),
        }
    }
}
impl<P: CompositeParams> PartialEq for EncapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}
impl<P: CompositeParams> Eq for EncapsulationKey<P> {}
impl<P: CompositeParams> fmt::Debug for EncapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EncapsulationKey<{}>({} bytes)", P::NAME, P::EK_BYTES)
    }
}

/// A composite ciphertext: `mlkemCT || tradCT`.
pub struct Ciphertext<P: CompositeParams> {
    bytes: Vec<u8>,
    _p: PhantomData<P>,
}

impl<P: CompositeParams> Ciphertext<P> {
    /// Loads a ciphertext, checking its length.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        crate::error::check_len("composite KEM ciphertext", P::CT_BYTES, bytes)?;
        Ok(Ciphertext {
            bytes: bytes.to_vec(),
            _p: PhantomData,
        })
    }
    /// The serialized ciphertext.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }
}
impl<P: CompositeParams> Clone for Ciphertext<P> {
    fn clone(&self) -> Self {
        Ciphertext {
            bytes: self.bytes.clone(),
            _p: PhantomData,
        }
    }
}
impl<P: CompositeParams> fmt::Debug for Ciphertext<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ciphertext<{}>({} bytes)", P::NAME, P::CT_BYTES)
    }
}

/// A composite decapsulation key (secret): the ML-KEM seed and the
/// traditional private key, with the public key (derived from them).
pub struct DecapsulationKey<P: CompositeParams> {
    pq: mlkem::DecapsulationKey<P::Pq>,
    sk_t: Zeroizing<Vec<u8>>,
    /// SerializePrivateKey: `mlkemSeed || tradSK`, written once.
    serialized: Zeroizing<Vec<u8>>,
    ek: EncapsulationKey<P>,
}

impl<P: CompositeParams> DecapsulationKey<P> {
    /// KeyGen: a fresh ML-KEM seed and a fresh traditional key.
    pub fn generate() -> Result<Self> {
        let pq = mlkem::DecapsulationKey::<P::Pq>::generate()?;
        let sk_t = P::t_generate()?;
        Self::assemble(pq, sk_t)
    }

    fn assemble(pq: mlkem::DecapsulationKey<P::Pq>, sk_t: Zeroizing<Vec<u8>>) -> Result<Self> {
        let pk_t = P::t_public(&sk_t)?;
        let mut ek = Vec::with_capacity(P::EK_BYTES);
        ek.extend_from_slice(pq.encapsulation_key().as_bytes());
        ek.extend_from_slice(&pk_t);
        let ek = EncapsulationKey {
            bytes: ek,
            pq: pq.encapsulation_key().clone(),
        };
        let seed = pq.seed().ok_or(Error::Internal { code: -402 })?;
        // Sized up front: a growing Vec would free a copy of the seed unwiped.
        let mut serialized = Zeroizing::new(Vec::with_capacity(P::SK_BYTES));
        serialized.extend_from_slice(seed.bytes());
        serialized.extend_from_slice(&encode_trad_sk::<P>(&sk_t)?);
        if serialized.len() != P::SK_BYTES {
            return Err(Error::Internal { code: -404 });
        }
        Ok(DecapsulationKey {
            pq,
            sk_t,
            serialized,
            ek,
        })
    }

    /// The key from its components: the ML-KEM key (which must have its
    /// seed) and the raw traditional private key (the X25519 / X448 string,
    /// or the big-endian scalar, checked).
    pub fn from_components(
        pq: &mlkem::DecapsulationKey<P::Pq>,
        traditional_secret: &[u8],
    ) -> Result<Self> {
        crate::error::check_len(
            "composite KEM traditional private key",
            P::T_SK,
            traditional_secret,
        )?;
        if pq.seed().is_none() {
            return Err(Error::InvalidKey {
                reason:
                    "composite KEM: the ML-KEM key was loaded in expanded form; its seed is needed",
            });
        }
        Self::assemble(pq.clone(), Zeroizing::new(traditional_secret.to_vec()))
    }

    /// DeserializePrivateKey: `mlkemSeed (64) || tradSK`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < 64 {
            return Err(Error::InvalidLength {
                what: "composite KEM private key (at least the 64-byte ML-KEM seed)",
                expected: 64,
                actual: bytes.len(),
            });
        }
        let (seed, trad) = bytes.split_at(64);
        let pq = mlkem::DecapsulationKey::<P::Pq>::from_seed(seed)?;
        Self::assemble(pq, decode_trad_sk::<P>(trad)?)
    }

    /// SerializePrivateKey: `mlkemSeed || tradSK`.
    pub fn to_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
        Ok(self.serialized.clone())
    }

    /// SerializePrivateKey, borrowed (a secret).
    pub fn as_bytes(&self) -> &[u8] {
        &self.serialized
    }

    /// The matching encapsulation key.
    pub fn encapsulation_key(&self) -> &EncapsulationKey<P> {
        &self.ek
    }

    /// Decaps. The ML-KEM half rejects implicitly; an invalid traditional
    /// ciphertext (off the curve, the identity, an all-zero X25519/X448
    /// output) is [`Error::InvalidKey`] (explicit rejection, as the draft's
    /// section "Error Handling" requires).
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

    /// DER PKCS#8 v1: the serialized private key under the OID, no public key.
    pub fn to_pkcs8_der(&self) -> Result<der::SecretDocument> {
        keyder::pkcs8_to_der(oid::<P>()?, &self.to_bytes()?)
    }

    /// Loads a DER PKCS#8 key; an optional `publicKey` must be this key's.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let (raw, public) = keyder::pkcs8_from_der(der, oid::<P>()?, P::NAME)?;
        let key = Self::from_bytes(&raw)?;
        if let Some(public) = public {
            if public != key.ek.bytes {
                return Err(Error::InvalidKey {
                    reason: "composite KEM PKCS#8: the publicKey field is not this key's",
                });
            }
        }
        Ok(key)
    }

    /// PEM ("PRIVATE KEY") PKCS#8.
    pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
        keyder::private_pem(&self.to_pkcs8_der()?)
    }

    /// Loads a PEM ("PRIVATE KEY") PKCS#8 key.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
        Self::from_pkcs8_der(&keyder::pem_to_der(pem, keyder::PRIVATE_KEY_LABEL)?)
    }
}

impl<P: CompositeParams> Clone for DecapsulationKey<P> {
    fn clone(&self) -> Self {
        DecapsulationKey {
            pq: self.pq.clone(),
            sk_t: self.sk_t.clone(),
            serialized: self.serialized.clone(),
            ek: self.ek.clone(),
        }
    }
}
impl<P: CompositeParams> PartialEq for DecapsulationKey<P> {
    fn eq(&self, other: &Self) -> bool {
        bool::from(self.pq.ct_eq(&other.pq) & self.sk_t.as_slice().ct_eq(other.sk_t.as_slice()))
    }
}
impl<P: CompositeParams> Eq for DecapsulationKey<P> {}
impl<P: CompositeParams> fmt::Debug for DecapsulationKey<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DecapsulationKey<{}>(REDACTED)", P::NAME)
    }
}

impl<P: CompositeParams> crate::keys::PublicKey for EncapsulationKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    fn from_public_key_bytes(bytes: &[u8]) -> Result<Self> {
        Self::from_bytes(bytes)
    }
    fn public_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
}

/// The composite private key has one form, the draft's serialization
/// `mlkemSeed || tradSK`: it is both the "seed" and the "expanded" key of
/// [`KeyPair`](crate::keys::KeyPair), and what PKCS#8 holds.
impl<P: CompositeParams> crate::keys::KeyPair for DecapsulationKey<P> {
    const ALGORITHM: &'static crate::algorithms::Algorithm = P::ALGORITHM;
    type Public = EncapsulationKey<P>;
    fn generate_key() -> Result<Self> {
        Self::generate()
    }
    fn from_seed_bytes(seed: &[u8]) -> Result<Self> {
        Self::from_bytes(seed)
    }
    fn from_expanded_key_bytes(expanded: &[u8]) -> Result<Self> {
        Self::from_bytes(expanded)
    }
    fn seed_bytes(&self) -> Option<&[u8]> {
        Some(self.as_bytes())
    }
    fn expanded_key_bytes(&self) -> &[u8] {
        self.as_bytes()
    }
    fn public_key(&self) -> &Self::Public {
        self.encapsulation_key()
    }
}
