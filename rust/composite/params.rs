//! The eighteen Composite ML-DSA algorithms (draft section "Algorithm
//! Identifiers and Parameters"). Each is one row of the catalogue in
//! `rust/algorithms.rs` (type, name, Python class stem, OID, label, ML-DSA
//! parameter set, traditional component and pre-hash); this module's
//! `declare!` turns a row into the type and its registry entries, and the
//! [`ALGORITHMS`] table and the OID/name look-ups follow from the rows (and
//! so does `with_composites!`, for code generated per algorithm).

use der::oid::ObjectIdentifier;

use super::traditional::{sealed::Component, Traditional};
use crate::algorithms::{Algorithm, AlgorithmId, KeyKind, PrivateKeyShape};
use crate::error::{Error, Result};
use crate::mldsa::DsaParams;
use crate::prehash::PreHash;
use crate::secret::ByteArray;

pub use crate::algorithms::composite::{
    MlDsa44EcdsaP256Sha256, MlDsa44Ed25519Sha512, MlDsa44Rsa2048Pkcs15Sha256,
    MlDsa44Rsa2048PssSha256, MlDsa65EcdsaBrainpoolP256r1Sha512, MlDsa65EcdsaP256Sha512,
    MlDsa65EcdsaP384Sha512, MlDsa65Ed25519Sha512, MlDsa65Rsa3072Pkcs15Sha512,
    MlDsa65Rsa3072PssSha512, MlDsa65Rsa4096Pkcs15Sha512, MlDsa65Rsa4096PssSha512,
    MlDsa87EcdsaBrainpoolP384r1Sha512, MlDsa87EcdsaP384Sha512, MlDsa87EcdsaP521Sha512,
    MlDsa87Ed448Shake256, MlDsa87Rsa3072PssSha512, MlDsa87Rsa4096PssSha512,
};

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
    /// The longest raw private key accepted (mldsaSeed || tradSK; the
    /// traditional key's DER varies in length).
    pub private_key_max: usize,
}

/// A Composite ML-DSA algorithm (sealed): one of the eighteen types of the
/// catalogue.
///
/// Its catalogue entry, `C::ALGORITHM` ([`AlgorithmId`]: name, OID, sizes),
/// is what every parameter set has; `C::COMPOSITE` is the composite's own
/// row (label, pre-hash, components).
pub trait CompositeParams: AlgorithmId + Sized + Send + Sync + 'static + private::Sealed {
    /// The algorithm's composite registry entry.
    const COMPOSITE: &'static CompositeAlgorithm;
    /// The ML-DSA parameter set.
    type MlDsa: DsaParams;
    /// The traditional component.
    type Trad: Traditional;
}

pub(crate) mod private {
    pub trait Sealed {}
}

/// The registry row of a composite of `M` and `T`.
pub(crate) const fn row<M: DsaParams, T: Component>(
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
        private_key_max: 32 + T::PRIVATE_KEY_MAX,
    }
}

/// Declares one composite algorithm from its row in `rust/algorithms.rs`:
/// the type, its [`CompositeParams`] (the registry row above), its
/// catalogue entry ([`crate::algorithms::AlgorithmId`], for the key formats
/// and the Python layer), its key types and, with feature `python`, its two
/// Python classes. A composite has no C of its own (`c: none`).
macro_rules! declare {
    ($t:ident {
        $(#[$doc:meta])*
        name: $name:literal, py: $py:ident,
        oid: $oid:literal, label: $label:literal,
        mldsa: $mldsa:ident, trad: $trad:ident, ph: $ph:ident,
        c: none $(,)?
    }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;

        impl $crate::composite::params::private::Sealed for $t {}

        impl $crate::composite::CompositeParams for $t {
            const COMPOSITE: &'static $crate::composite::CompositeAlgorithm =
                &$crate::composite::params::row::<$crate::mldsa::$mldsa, $crate::composite::$trad>(
                    $name,
                    concat!("id-", $name),
                    $oid,
                    $label,
                    $crate::prehash::PreHash::$ph,
                );
            type MlDsa = $crate::mldsa::$mldsa;
            type Trad = $crate::composite::$trad;
        }

        impl $crate::algorithms::AlgorithmId for $t {
            const ALGORITHM: &'static $crate::algorithms::Algorithm =
                &$crate::composite::params::catalogue_entry(
                    <$t as $crate::composite::CompositeParams>::COMPOSITE,
                    stringify!($py),
                );
        }

        impl $crate::keys::KeyTypes for $t {
            type PrivateKey = $crate::composite::SigningKey<$t>;
            type PublicKey = $crate::composite::VerifyingKey<$t>;
        }

        #[cfg(feature = "python")]
        $crate::python::composite::classes!($t, $py, $name);
    };
}
pub(crate) use declare;

/// The catalogue entry ([`Algorithm`]) of a composite. Sizes that vary
/// (RSA public keys, ECDSA signatures, the traditional private key's DER)
/// are given as their maximum. The "seed" of a composite is its raw private
/// key, mldsaSeed || tradSK: the draft defines no other seed (see
/// [`SigningKey`](super::SigningKey)'s `KeyPair` implementation).
pub(crate) const fn catalogue_entry(
    c: &CompositeAlgorithm,
    python_name: &'static str,
) -> Algorithm {
    Algorithm {
        name: c.name,
        standard: "draft-ietf-lamps-pq-composite-sigs",
        kind: KeyKind::Signature,
        oid: Some(c.oid),
        python_name,
        public_key_len: c.public_key_len.1,
        private_key_len: c.private_key_max,
        seed_len: c.private_key_max,
        output_len: c.signature_len.1,
        shared_secret_len: 0,
        private_key: PrivateKeyShape::Raw {
            len: c.private_key_max,
        },
    }
}

macro_rules! algorithm_list {
    ($($t:ident),*) => {
        /// Every composite algorithm, in OID order.
        pub const ALGORITHMS: &[&CompositeAlgorithm] = &[$(<$t as CompositeParams>::COMPOSITE),*];
    };
}
crate::algorithms::composite::for_each_set!(algorithm_list);

/// Calls `$m! { Type, Type, ... }` with every composite type, in OID order:
/// for code written once per algorithm (enums, bindings).
pub(crate) use crate::algorithms::composite::for_each_set as with_composites;

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
