//! Any supported key, chosen by the OID of its file: the [`AnyPrivateKey`]
//! and [`AnyPublicKey`] enums (built by [`key_registry!`] from the catalogue
//! in `rust/algorithms.rs`) and the loaders that return them.

use super::pbes2::{decrypt_pkcs8_der_with_limits, is_encrypted_pkcs8_der, KdfLimits};
use super::pkcs8::parse_pkcs8;
use super::spki::parse_spki;
use super::{
    asn1, invalid, pem_document, SecretDocument, ENCRYPTED_PRIVATE_KEY_LABEL, PRIVATE_KEY_LABEL,
    PUBLIC_KEY_LABEL,
};
use crate::error::Result;

/// Builds [`AnyPrivateKey`] and [`AnyPublicKey`] (and their OID dispatch)
/// from the keyed rows of the catalogue; invoked once, by `rust/algorithms.rs`.
macro_rules! key_registry {
    ($($variant:ident => $params:ty,)*) => {
        /// A private key of any algorithm pqfence can load, chosen by the OID
        /// (built from the catalogue of `rust/algorithms.rs`).
        #[non_exhaustive]
        #[allow(non_camel_case_types)] // SLH-DSA variants are named after their types.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum AnyPrivateKey {
            $(
                #[doc = concat!("A ", stringify!($variant), " key.")]
                $variant(<$params as $crate::keys::KeyTypes>::PrivateKey),
            )*
        }

        /// A public key of any algorithm pqfence can load, chosen by the OID.
        #[non_exhaustive]
        #[allow(non_camel_case_types)] // SLH-DSA variants are named after their types.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum AnyPublicKey {
            $(
                #[doc = concat!("A ", stringify!($variant), " key.")]
                $variant(<$params as $crate::keys::KeyTypes>::PublicKey),
            )*
        }

        impl AnyPrivateKey {
            /// The key's algorithm.
            pub fn algorithm(&self) -> &'static $crate::algorithms::Algorithm {
                match self {
                    $(Self::$variant(_) => <$params as $crate::algorithms::AlgorithmId>::ALGORITHM,)*
                }
            }

            /// The matching public key.
            pub fn public_key(&self) -> AnyPublicKey {
                match self {
                    $(Self::$variant(k) => AnyPublicKey::$variant($crate::keys::KeyPair::public_key(k).clone()),)*
                }
            }

            /// Encodes the key as DER PKCS#8 in the chosen form.
            pub fn to_pkcs8_der(&self, form: $crate::encoding::PrivateKeyForm) -> $crate::Result<$crate::encoding::SecretDocument> {
                match self {
                    $(Self::$variant(k) => $crate::encoding::to_pkcs8_der(k, form),)*
                }
            }

            pub(crate) fn from_info(pki: &::pkcs8::PrivateKeyInfoRef<'_>) -> $crate::Result<Self> {
                let oid = pki.algorithm.oid;
                $(
                    if Some(oid) == <$params as $crate::algorithms::AlgorithmId>::ALGORITHM.oid {
                        return Ok(Self::$variant($crate::encoding::key_from_info(pki)?));
                    }
                )*
                Err($crate::encoding::unsupported(&oid))
            }
        }

        impl AnyPublicKey {
            /// The key's algorithm.
            pub fn algorithm(&self) -> &'static $crate::algorithms::Algorithm {
                match self {
                    $(Self::$variant(_) => <$params as $crate::algorithms::AlgorithmId>::ALGORITHM,)*
                }
            }

            /// The raw public key.
            pub fn as_bytes(&self) -> &[u8] {
                match self {
                    $(Self::$variant(k) => $crate::keys::PublicKey::public_key_bytes(k),)*
                }
            }

            /// Encodes the key as a DER SubjectPublicKeyInfo.
            pub fn to_public_key_der(&self) -> $crate::Result<$crate::encoding::Document> {
                match self {
                    $(Self::$variant(k) => $crate::encoding::to_public_key_der(k),)*
                }
            }

            pub(crate) fn from_parts(alg: &::spki::AlgorithmIdentifierRef<'_>, bytes: &[u8]) -> $crate::Result<Self> {
                $(
                    if Some(alg.oid) == <$params as $crate::algorithms::AlgorithmId>::ALGORITHM.oid {
                        $crate::encoding::check_no_parameters(alg, <$params as $crate::algorithms::AlgorithmId>::ALGORITHM)?;
                        return Ok(Self::$variant(<<$params as $crate::keys::KeyTypes>::PublicKey as $crate::keys::PublicKey>::from_public_key_bytes(bytes)?));
                    }
                )*
                Err($crate::encoding::unsupported(&alg.oid))
            }
        }
    };
}

pub use crate::algorithms::{AnyPrivateKey, AnyPublicKey};
pub(crate) use key_registry;

/// Loads a private key of any supported algorithm from DER: plain PKCS#8
/// when `password` is `None`, encrypted PKCS#8 otherwise. An encrypted key
/// without a password, or a password for a plain key, is an error.
pub fn load_private_key_der(der: &[u8], password: Option<&[u8]>) -> Result<AnyPrivateKey> {
    load_private_key_der_with_limits(der, password, KdfLimits::DEFAULT)
}

/// [`load_private_key_der`] with other key-derivation limits.
pub fn load_private_key_der_with_limits(
    der: &[u8],
    password: Option<&[u8]>,
    limits: KdfLimits,
) -> Result<AnyPrivateKey> {
    match password {
        None => {
            if is_encrypted_pkcs8_der(der) {
                return Err(invalid(
                    "the private key is encrypted: a password is needed".into(),
                ));
            }
            AnyPrivateKey::from_info(&parse_pkcs8(der)?)
        }
        Some(password) => {
            if !is_encrypted_pkcs8_der(der) && parse_pkcs8(der).is_ok() {
                return Err(invalid(
                    "a password was given but the private key is not encrypted".into(),
                ));
            }
            let plain = decrypt_pkcs8_der_with_limits(der, password, limits)?;
            AnyPrivateKey::from_info(&parse_pkcs8(plain.as_bytes())?)
        }
    }
}

/// Loads a private key of any supported algorithm from PEM: "PRIVATE KEY"
/// (no password) or "ENCRYPTED PRIVATE KEY" (with one).
pub fn load_private_key_pem(pem: &str, password: Option<&[u8]>) -> Result<AnyPrivateKey> {
    load_private_key_pem_with_limits(pem, password, KdfLimits::DEFAULT)
}

/// [`load_private_key_pem`] with other key-derivation limits.
pub fn load_private_key_pem_with_limits(
    pem: &str,
    password: Option<&[u8]>,
    limits: KdfLimits,
) -> Result<AnyPrivateKey> {
    let (label, doc) = SecretDocument::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    match (label, password) {
        (PRIVATE_KEY_LABEL, None) => AnyPrivateKey::from_info(&parse_pkcs8(doc.as_bytes())?),
        (ENCRYPTED_PRIVATE_KEY_LABEL, Some(password)) => {
            let plain = decrypt_pkcs8_der_with_limits(doc.as_bytes(), password, limits)?;
            AnyPrivateKey::from_info(&parse_pkcs8(plain.as_bytes())?)
        }
        (ENCRYPTED_PRIVATE_KEY_LABEL, None) => Err(invalid(
            "the private key is encrypted: a password is needed".into(),
        )),
        (PRIVATE_KEY_LABEL, Some(_)) => Err(invalid(
            "a password was given but the private key is not encrypted".into(),
        )),
        (other, _) => Err(invalid(format!(
            "expected a PEM \"PRIVATE KEY\" or \"ENCRYPTED PRIVATE KEY\" document, found \"{other}\""
        ))),
    }
}

/// Loads a public key of any supported algorithm from a DER SubjectPublicKeyInfo.
pub fn load_public_key_der(der: &[u8]) -> Result<AnyPublicKey> {
    let (alg, bytes) = parse_spki(der)?;
    AnyPublicKey::from_parts(&alg, bytes)
}

/// Loads a public key of any supported algorithm from PEM ("PUBLIC KEY").
pub fn load_public_key_pem(pem: &str) -> Result<AnyPublicKey> {
    load_public_key_der(pem_document(pem, PUBLIC_KEY_LABEL)?.as_bytes())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::algorithms::{AlgorithmId, PrivateKeyShape};
    use crate::mldsa::DsaParams;
    use crate::mlkem::KemParams;
    use crate::secret::ByteArray;
    use crate::slhdsa::SlhParams;

    #[test]
    fn sizes_match_parameter_sets() {
        fn kem<P: KemParams + AlgorithmId>() {
            assert_eq!(P::ALGORITHM.name, P::NAME);
            assert_eq!(P::ALGORITHM.public_key_len, P::Ek::LEN);
            assert_eq!(
                P::ALGORITHM.private_key,
                PrivateKeyShape::SeedOrExpanded {
                    seed: 64,
                    expanded: P::Dk::LEN
                }
            );
        }
        fn dsa<P: DsaParams + AlgorithmId>() {
            assert_eq!(P::ALGORITHM.name, P::NAME);
            assert_eq!(P::ALGORITHM.public_key_len, P::Pk::LEN);
            assert_eq!(
                P::ALGORITHM.private_key,
                PrivateKeyShape::SeedOrExpanded {
                    seed: 32,
                    expanded: P::Sk::LEN
                }
            );
        }
        kem::<crate::mlkem::MlKem512>();
        kem::<crate::mlkem::MlKem768>();
        kem::<crate::mlkem::MlKem1024>();
        dsa::<crate::mldsa::MlDsa44>();
        dsa::<crate::mldsa::MlDsa65>();
        dsa::<crate::mldsa::MlDsa87>();
        fn slh<P: SlhParams + AlgorithmId>() {
            assert_eq!(P::ALGORITHM.name, P::NAME);
            assert_eq!(P::ALGORITHM.public_key_len, P::Pk::LEN);
            assert_eq!(
                P::ALGORITHM.private_key,
                PrivateKeyShape::Raw { len: P::Sk::LEN }
            );
        }
        slh::<crate::slhdsa::SlhDsaSha2_128s>();
        slh::<crate::slhdsa::SlhDsaSha2_128f>();
        slh::<crate::slhdsa::SlhDsaSha2_192s>();
        slh::<crate::slhdsa::SlhDsaSha2_192f>();
        slh::<crate::slhdsa::SlhDsaSha2_256s>();
        slh::<crate::slhdsa::SlhDsaSha2_256f>();
        slh::<crate::slhdsa::SlhDsaShake_128s>();
        slh::<crate::slhdsa::SlhDsaShake_128f>();
        slh::<crate::slhdsa::SlhDsaShake_192s>();
        slh::<crate::slhdsa::SlhDsaShake_192f>();
        slh::<crate::slhdsa::SlhDsaShake_256s>();
        slh::<crate::slhdsa::SlhDsaShake_256f>();
    }
}
