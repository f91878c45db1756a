//! The eighteen Composite ML-DSA algorithms, each declared once (draft
//! section "Algorithm Identifiers and Parameters"): type, name, OID, label,
//! ML-DSA parameter set, traditional component and pre-hash. The types, the
//! [`ALGORITHMS`] table and the OID/name look-ups follow from that one list
//! (and so does `with_composites!`, for code generated per algorithm).

use der::oid::ObjectIdentifier;

use super::ecdsa::{EcdsaBrainpoolP256r1, EcdsaBrainpoolP384r1, EcdsaP256, EcdsaP384, EcdsaP521};
use super::eddsa::{Ed25519, Ed448};
use super::rsa::{Rsa2048Pkcs15, Rsa2048Pss, Rsa3072Pkcs15, Rsa3072Pss, Rsa4096Pkcs15, Rsa4096Pss};
use super::traditional::{sealed::Component, Traditional};
use crate::error::{Error, Result};
use crate::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87};
use crate::prehash::PreHash;
use crate::secret::ByteArray;

/// What the registry knows about one composite algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CompositeAlgorithm {
    /// The algorithm's name, e.g. "MLDSA65-ECDSA-P256-SHA512".
    pub name: &'static str,
    /// The ASN.1 identifier name, e.g. "id-MLDSA65-ECDSA-P256-SHA512".
    pub id: &'static str,
    /// The OID (1.3.6.1.5.5.7.6.37 to .54), both the public key's and the
    /// signature's AlgorithmIdentifier, with parameters absent.
    pub oid: ObjectIdentifier,
    /// The signature label (ASCII), which binds M' to this algorithm and is
    /// the ML-DSA component's context.
    pub label: &'static [u8],
    /// The pre-hash PH (SHA-256, SHA-512, or SHAKE256 with 64 bytes).
    pub prehash: PreHash,
    /// The ML-DSA parameter set, e.g. "ML-DSA-65".
    pub mldsa: &'static str,
    /// The traditional component, e.g. "ECDSA P-256 with SHA-256".
    pub traditional: &'static str,
    /// Whether pqfence generates keys and signs (false for the RSA
    /// composites: verification and key loading only).
    pub can_sign: bool,
    /// The shortest and longest raw public key.
    pub public_key_len: (usize, usize),
    /// The shortest and longest raw signature.
    pub signature_len: (usize, usize),
}

/// A Composite ML-DSA algorithm (sealed): one of the eighteen types below.
pub trait CompositeParams: Sized + Send + Sync + 'static + private::Sealed {
    /// The algorithm's registry entry.
    const ALGORITHM: &'static CompositeAlgorithm;
    /// The ML-DSA parameter set.
    type MlDsa: DsaParams;
    /// The traditional component.
    type Trad: Traditional;
}

mod private {
    pub trait Sealed {}
}

/// The registry row of a composite of `M` and `T`.
const fn row<M: DsaParams, T: Component>(
    name: &'static str,
    id: &'static str,
    oid: &str,
    label: &'static str,
    prehash: PreHash,
) -> CompositeAlgorithm {
    let pk = <M::Pk as ByteArray>::LEN;
    let sig = <M::Sig as ByteArray>::LEN;
    CompositeAlgorithm {
        name,
        id,
        oid: ObjectIdentifier::new_unwrap(oid),
        label: label.as_bytes(),
        prehash,
        mldsa: M::NAME,
        traditional: T::NAME,
        can_sign: T::CAN_SIGN,
        public_key_len: (pk + T::PUBLIC_KEY_LEN.0, pk + T::PUBLIC_KEY_LEN.1),
        signature_len: (sig + T::SIGNATURE_LEN.0, sig + T::SIGNATURE_LEN.1),
    }
}

macro_rules! composites {
    ($(
        $(#[$doc:meta])*
        $t:ident, $name:literal, $oid:literal, $label:literal, $mldsa:ty, $trad:ty, $ph:ident;
    )*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
            pub struct $t;

            impl private::Sealed for $t {}

            impl CompositeParams for $t {
                const ALGORITHM: &'static CompositeAlgorithm = &row::<$mldsa, $trad>(
                    $name,
                    concat!("id-", $name),
                    $oid,
                    $label,
                    PreHash::$ph,
                );
                type MlDsa = $mldsa;
                type Trad = $trad;
            }
        )*

        /// Every composite algorithm, in OID order.
        pub const ALGORITHMS: &[&CompositeAlgorithm] = &[$(<$t as CompositeParams>::ALGORITHM),*];

        /// Calls `$m! { Type, Type, ... }` with every composite type, in OID
        /// order: for code written once per algorithm (enums, bindings).
        macro_rules! with_composites {
            ($m:ident) => { $m! { $($t),* } };
        }
        pub(crate) use with_composites;
    };
}

composites! {
    /// ML-DSA-44 with RSASSA-PSS 2048 (SHA-256); PH = SHA-256. Verification only.
    MlDsa44Rsa2048PssSha256, "MLDSA44-RSA2048-PSS-SHA256", "1.3.6.1.5.5.7.6.37",
        "COMPSIG-MLDSA44-RSA2048-PSS-SHA256", MlDsa44, Rsa2048Pss, Sha256;
    /// ML-DSA-44 with RSASSA-PKCS1-v1_5 2048 (SHA-256); PH = SHA-256. Verification only.
    MlDsa44Rsa2048Pkcs15Sha256, "MLDSA44-RSA2048-PKCS15-SHA256", "1.3.6.1.5.5.7.6.38",
        "COMPSIG-MLDSA44-RSA2048-PKCS15-SHA256", MlDsa44, Rsa2048Pkcs15, Sha256;
    /// ML-DSA-44 with Ed25519; PH = SHA-512.
    MlDsa44Ed25519Sha512, "MLDSA44-Ed25519-SHA512", "1.3.6.1.5.5.7.6.39",
        "COMPSIG-MLDSA44-Ed25519-SHA512", MlDsa44, Ed25519, Sha512;
    /// ML-DSA-44 with ECDSA P-256 (SHA-256); PH = SHA-256.
    MlDsa44EcdsaP256Sha256, "MLDSA44-ECDSA-P256-SHA256", "1.3.6.1.5.5.7.6.40",
        "COMPSIG-MLDSA44-ECDSA-P256-SHA256", MlDsa44, EcdsaP256, Sha256;
    /// ML-DSA-65 with RSASSA-PSS 3072 (SHA-256); PH = SHA-512. Verification only.
    MlDsa65Rsa3072PssSha512, "MLDSA65-RSA3072-PSS-SHA512", "1.3.6.1.5.5.7.6.41",
        "COMPSIG-MLDSA65-RSA3072-PSS-SHA512", MlDsa65, Rsa3072Pss, Sha512;
    /// ML-DSA-65 with RSASSA-PKCS1-v1_5 3072 (SHA-256); PH = SHA-512. Verification only.
    MlDsa65Rsa3072Pkcs15Sha512, "MLDSA65-RSA3072-PKCS15-SHA512", "1.3.6.1.5.5.7.6.42",
        "COMPSIG-MLDSA65-RSA3072-PKCS15-SHA512", MlDsa65, Rsa3072Pkcs15, Sha512;
    /// ML-DSA-65 with RSASSA-PSS 4096 (SHA-384); PH = SHA-512. Verification only.
    MlDsa65Rsa4096PssSha512, "MLDSA65-RSA4096-PSS-SHA512", "1.3.6.1.5.5.7.6.43",
        "COMPSIG-MLDSA65-RSA4096-PSS-SHA512", MlDsa65, Rsa4096Pss, Sha512;
    /// ML-DSA-65 with RSASSA-PKCS1-v1_5 4096 (SHA-384); PH = SHA-512. Verification only.
    MlDsa65Rsa4096Pkcs15Sha512, "MLDSA65-RSA4096-PKCS15-SHA512", "1.3.6.1.5.5.7.6.44",
        "COMPSIG-MLDSA65-RSA4096-PKCS15-SHA512", MlDsa65, Rsa4096Pkcs15, Sha512;
    /// ML-DSA-65 with ECDSA P-256 (SHA-256); PH = SHA-512. The draft's
    /// general recommendation.
    MlDsa65EcdsaP256Sha512, "MLDSA65-ECDSA-P256-SHA512", "1.3.6.1.5.5.7.6.45",
        "COMPSIG-MLDSA65-ECDSA-P256-SHA512", MlDsa65, EcdsaP256, Sha512;
    /// ML-DSA-65 with ECDSA P-384 (SHA-384); PH = SHA-512.
    MlDsa65EcdsaP384Sha512, "MLDSA65-ECDSA-P384-SHA512", "1.3.6.1.5.5.7.6.46",
        "COMPSIG-MLDSA65-ECDSA-P384-SHA512", MlDsa65, EcdsaP384, Sha512;
    /// ML-DSA-65 with ECDSA brainpoolP256r1 (SHA-256); PH = SHA-512.
    MlDsa65EcdsaBrainpoolP256r1Sha512, "MLDSA65-ECDSA-brainpoolP256r1-SHA512", "1.3.6.1.5.5.7.6.47",
        "COMPSIG-MLDSA65-ECDSA-BP256-SHA512", MlDsa65, EcdsaBrainpoolP256r1, Sha512;
    /// ML-DSA-65 with Ed25519; PH = SHA-512.
    MlDsa65Ed25519Sha512, "MLDSA65-Ed25519-SHA512", "1.3.6.1.5.5.7.6.48",
        "COMPSIG-MLDSA65-Ed25519-SHA512", MlDsa65, Ed25519, Sha512;
    /// ML-DSA-87 with ECDSA P-384 (SHA-384); PH = SHA-512.
    MlDsa87EcdsaP384Sha512, "MLDSA87-ECDSA-P384-SHA512", "1.3.6.1.5.5.7.6.49",
        "COMPSIG-MLDSA87-ECDSA-P384-SHA512", MlDsa87, EcdsaP384, Sha512;
    /// ML-DSA-87 with ECDSA brainpoolP384r1 (SHA-384); PH = SHA-512.
    MlDsa87EcdsaBrainpoolP384r1Sha512, "MLDSA87-ECDSA-brainpoolP384r1-SHA512", "1.3.6.1.5.5.7.6.50",
        "COMPSIG-MLDSA87-ECDSA-BP384-SHA512", MlDsa87, EcdsaBrainpoolP384r1, Sha512;
    /// ML-DSA-87 with Ed448; PH = SHAKE256 (64 bytes).
    MlDsa87Ed448Shake256, "MLDSA87-Ed448-SHAKE256", "1.3.6.1.5.5.7.6.51",
        "COMPSIG-MLDSA87-Ed448-SHAKE256", MlDsa87, Ed448, Shake256;
    /// ML-DSA-87 with RSASSA-PSS 3072 (SHA-256); PH = SHA-512. Verification only.
    MlDsa87Rsa3072PssSha512, "MLDSA87-RSA3072-PSS-SHA512", "1.3.6.1.5.5.7.6.52",
        "COMPSIG-MLDSA87-RSA3072-PSS-SHA512", MlDsa87, Rsa3072Pss, Sha512;
    /// ML-DSA-87 with RSASSA-PSS 4096 (SHA-384); PH = SHA-512. Verification only.
    MlDsa87Rsa4096PssSha512, "MLDSA87-RSA4096-PSS-SHA512", "1.3.6.1.5.5.7.6.53",
        "COMPSIG-MLDSA87-RSA4096-PSS-SHA512", MlDsa87, Rsa4096Pss, Sha512;
    /// ML-DSA-87 with ECDSA P-521 (SHA-512); PH = SHA-512.
    MlDsa87EcdsaP521Sha512, "MLDSA87-ECDSA-P521-SHA512", "1.3.6.1.5.5.7.6.54",
        "COMPSIG-MLDSA87-ECDSA-P521-SHA512", MlDsa87, EcdsaP521, Sha512;
}

/// The algorithm with this OID.
pub fn algorithm_by_oid(oid: &ObjectIdentifier) -> Option<&'static CompositeAlgorithm> {
    ALGORITHMS.iter().copied().find(|a| a.oid == *oid)
}

/// The algorithm with this name: the draft's name with or without its `id-`
/// prefix ("MLDSA65-ECDSA-P256-SHA512", "id-MLDSA65-ECDSA-P256-SHA512"),
/// ignoring ASCII case, or its dotted OID.
pub fn algorithm_by_name(name: &str) -> Result<&'static CompositeAlgorithm> {
    let bare = match name.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("id-") => name.get(3..).unwrap_or(name),
        _ => name,
    };
    ALGORITHMS
        .iter()
        .copied()
        .find(|a| a.name.eq_ignore_ascii_case(bare) || a.oid.to_string() == name)
        .ok_or_else(|| Error::UnknownAlgorithm {
            name: name.to_string(),
        })
}
