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
//! use pqfence::hybrid::composite_kem::{DecapsulationKey, MlKem768EcdhP256};
//!
//! let dk = DecapsulationKey::<MlKem768EcdhP256>::generate()?;
//! let (ss, ct) = dk.encapsulation_key().encapsulate()?;
//! assert_eq!(dk.decapsulate(&ct)?, ss);
//! let pkcs8 = dk.to_pkcs8_der()?;
//! assert_eq!(DecapsulationKey::<MlKem768EcdhP256>::from_pkcs8_der(pkcs8.as_bytes())?, dk);
//! # Ok::<(), pqfence::Error>(())
//! ```

use core::fmt;
use core::marker::PhantomData;

use der::{Decode, Encode};
use spki::ObjectIdentifier;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::der as keyder;
use super::group::{self, DhGroup};
use super::xwing::combine;
use crate::error::{Error, Result};
use crate::mlkem::{self, KemParams, MlKem1024, MlKem768, SharedSecret};

/// A Composite ML-KEM algorithm (sealed; one type per OID).
pub trait CompositeParams: Sized + Send + Sync + 'static + private::Sealed {
    /// The algorithm's name in the draft ("id-MLKEM768-ECDH-P256-SHA3-256").
    const NAME: &'static str;
    /// The algorithm's OID (dotted).
    const OID: &'static str;
    /// The KEM combiner label.
    const LABEL: &'static [u8];
    /// The ML-KEM half.
    type Pq: KemParams;
    /// Encapsulation key bytes.
    const EK_BYTES: usize;
    /// Ciphertext bytes.
    const CT_BYTES: usize;
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

mod private {
    pub trait Sealed {}
}

macro_rules! composite {
    ($(#[$doc:meta])* $t:ident, $name:literal, $oid:literal, $label:expr, $pq:ty, $group:ty,
     $curve:expr) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;
        impl private::Sealed for $t {}
        impl CompositeParams for $t {
            const NAME: &'static str = $name;
            const OID: &'static str = $oid;
            const LABEL: &'static [u8] = $label;
            type Pq = $pq;
            const EK_BYTES: usize = <<$pq as KemParams>::Ek as crate::ByteArray>::LEN
                + <$group as DhGroup>::NPK;
            const CT_BYTES: usize = <<$pq as KemParams>::Ct as crate::ByteArray>::LEN
                + <$group as DhGroup>::NPK;
            const T_SK: usize = <$group as DhGroup>::NSK;
            const T_PK: usize = <$group as DhGroup>::NPK;
            const CURVE_OID: Option<&'static str> = $curve;
            fn t_public(sk: &[u8]) -> Result<Vec<u8>> {
                <$group>::public_key(sk)
            }
            fn t_check_public(pk: &[u8]) -> Result<()> {
                <$group>::check_public(pk)
            }
            fn t_dh(sk: &[u8], pk: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
                <$group>::dh(sk, pk)
            }
            fn t_generate() -> Result<Zeroizing<Vec<u8>>> {
                <$group>::generate_secret()
            }
        }
    };
}

composite!(
    /// id-MLKEM768-X25519-SHA3-256 (1.3.6.1.5.5.7.6.58).
    MlKem768X25519, "id-MLKEM768-X25519-SHA3-256", "1.3.6.1.5.5.7.6.58", b"\\.//^\\",
    MlKem768, group::X25519, None
);
composite!(
    /// id-MLKEM768-ECDH-P256-SHA3-256 (1.3.6.1.5.5.7.6.59).
    MlKem768EcdhP256, "id-MLKEM768-ECDH-P256-SHA3-256", "1.3.6.1.5.5.7.6.59", b"MLKEM768-P256",
    MlKem768, group::P256, Some("1.2.840.10045.3.1.7")
);
composite!(
    /// id-MLKEM768-ECDH-P384-SHA3-256 (1.3.6.1.5.5.7.6.60).
    MlKem768EcdhP384, "id-MLKEM768-ECDH-P384-SHA3-256", "1.3.6.1.5.5.7.6.60", b"MLKEM768-P384",
    MlKem768, group::P384, Some("1.3.132.0.34")
);
composite!(
    /// id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256 (1.3.6.1.5.5.7.6.61).
    MlKem768EcdhBrainpoolP256r1, "id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256",
    "1.3.6.1.5.5.7.6.61", b"MLKEM768-BP256", MlKem768, group::BrainpoolP256r1,
    Some("1.3.36.3.3.2.8.1.1.7")
);
composite!(
    /// id-MLKEM1024-ECDH-P384-SHA3-256 (1.3.6.1.5.5.7.6.63).
    MlKem1024EcdhP384, "id-MLKEM1024-ECDH-P384-SHA3-256", "1.3.6.1.5.5.7.6.63",
    b"MLKEM1024-P384", MlKem1024, group::P384, Some("1.3.132.0.34")
);
composite!(
    /// id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256 (1.3.6.1.5.5.7.6.64).
    MlKem1024EcdhBrainpoolP384r1, "id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256",
    "1.3.6.1.5.5.7.6.64", b"MLKEM1024-BP384", MlKem1024, group::BrainpoolP384r1,
    Some("1.3.36.3.3.2.8.1.1.11")
);
composite!(
    /// id-MLKEM1024-X448-SHA3-256 (1.3.6.1.5.5.7.6.65).
    MlKem1024X448, "id-MLKEM1024-X448-SHA3-256", "1.3.6.1.5.5.7.6.65", b"MLKEM1024-X448",
    MlKem1024, group::X448, None
);
composite!(
    /// id-MLKEM1024-ECDH-P521-SHA3-256 (1.3.6.1.5.5.7.6.66).
    MlKem1024EcdhP521, "id-MLKEM1024-ECDH-P521-SHA3-256", "1.3.6.1.5.5.7.6.66",
    b"MLKEM1024-P521", MlKem1024, group::P521, Some("1.3.132.0.35")
);

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
        let ct_t = P::t_public(&sk_e)?;
        let ss_t = P::t_dh(&sk_e, self.pk_t())?;
        let ss = combine(ss_m.bytes(), &ss_t, &ct_t, self.pk_t(), P::LABEL);
        let mut ct = Vec::with_capacity(P::CT_BYTES);
        ct.extend_from_slice(ct_m.as_bytes());
        ct.extend_from_slice(&ct_t);
        Ok((ss, Ciphertext::from_bytes(&ct)?))
    }

    /// DER SubjectPublicKeyInfo (the algorithm's OID, parameters absent).
    pub fn to_public_key_der(&self) -> Result<Vec<u8>> {
        keyder::spki_to_der(oid_of(P::OID)?, &self.bytes)
    }

    /// Loads a DER SubjectPublicKeyInfo.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self> {
        Self::from_bytes(keyder::spki_from_der(der, oid_of(P::OID)?, P::NAME)?)
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
        Ok(DecapsulationKey { pq, sk_t, ek })
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
        let seed = self.pq.seed().ok_or(Error::Internal { code: -402 })?;
        let mut out = Zeroizing::new(seed.bytes().to_vec());
        out.extend_from_slice(&encode_trad_sk::<P>(&self.sk_t)?);
        Ok(out)
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
        keyder::pkcs8_to_der(oid_of(P::OID)?, &self.to_bytes()?)
    }

    /// Loads a DER PKCS#8 key; an optional `publicKey` must be this key's.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let (raw, public) = keyder::pkcs8_from_der(der, oid_of(P::OID)?, P::NAME)?;
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
