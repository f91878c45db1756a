//! The RustCrypto key-format traits (`pkcs8`'s [`EncodePrivateKey`] /
//! [`DecodePrivateKey`], `spki`'s [`EncodePublicKey`] / [`DecodePublicKey`])
//! for every keyed family, on top of this module's functions.
//!
//! [`DecodePrivateKey`]: pkcs8::DecodePrivateKey
//! [`DecodePublicKey`]: spki::DecodePublicKey

use pkcs8::{EncodePrivateKey, PrivateKeyInfoRef};
use spki::{AlgorithmIdentifierRef, EncodePublicKey, SubjectPublicKeyInfoRef};

use super::pkcs8::{key_from_info, to_pkcs8_der};
use super::spki::to_public_key_der;
use super::{
    check_algorithm, oid_of, Algorithm, Document, KeyPair, PrivateKeyForm, PublicKey,
    SecretDocument,
};
use crate::composite::{
    CompositeParams, SigningKey as CompositeSigningKey, VerifyingKey as CompositeVerifyingKey,
};
use crate::error::Error;
use crate::mldsa::{DsaParams, SigningKey, VerifyingKey};
use crate::mlkem::{DecapsulationKey, EncapsulationKey, KemParams};
use crate::slhdsa::{SigningKey as SlhSigningKey, SlhParams, VerifyingKey as SlhVerifyingKey};

fn to_pkcs8_error(err: Error) -> pkcs8::Error {
    match err {
        Error::InvalidLength {
            expected, actual, ..
        } if actual < expected => pkcs8::Error::KeyMalformed(pkcs8::KeyError::TooShort),
        Error::InvalidLength { .. } => pkcs8::Error::KeyMalformed(pkcs8::KeyError::TooLong),
        _ => pkcs8::Error::KeyMalformed(pkcs8::KeyError::Invalid),
    }
}

fn to_spki_error(alg: &AlgorithmIdentifierRef<'_>, expected: &Algorithm) -> spki::Error {
    if Some(alg.oid) != expected.oid {
        spki::Error::OidUnknown { oid: alg.oid }
    } else {
        spki::Error::KeyMalformed
    }
}

/// The `pkcs8` and `spki` traits for one private / public key type. With
/// them, pqfence keys work wherever RustCrypto code expects those traits.
/// `EncodePrivateKey::to_pkcs8_der` writes the seed form when the key has
/// its seed and the expanded form otherwise; `DecodePrivateKey` reads all
/// three forms with the same checks as [`from_pkcs8_der`](super::from_pkcs8_der), but its errors are
/// `pkcs8`'s coarser ones. For encrypted keys prefer
/// [`from_pkcs8_encrypted_der`](super::from_pkcs8_encrypted_der): it bounds the key-derivation cost before
/// running it, which `DecodePrivateKey::from_pkcs8_encrypted_der` does not.
macro_rules! impl_standard_traits {
    ($sk:ident, $pk:ident, $bound:ident) => {
        impl<P: $bound> TryFrom<PrivateKeyInfoRef<'_>> for $sk<P> {
            type Error = pkcs8::Error;
            fn try_from(pki: PrivateKeyInfoRef<'_>) -> pkcs8::Result<Self> {
                if Some(pki.algorithm.oid) != P::ALGORITHM.oid {
                    return Err(pkcs8::Error::PublicKey(spki::Error::OidUnknown {
                        oid: pki.algorithm.oid,
                    }));
                }
                key_from_info(&pki).map_err(to_pkcs8_error)
            }
        }

        impl<P: $bound> EncodePrivateKey for $sk<P> {
            fn to_pkcs8_der(&self) -> pkcs8::Result<SecretDocument> {
                let form = match self.seed_bytes() {
                    Some(_) => PrivateKeyForm::Seed,
                    None => PrivateKeyForm::Expanded,
                };
                to_pkcs8_der(self, form).map_err(to_pkcs8_error)
            }
        }

        impl<P: $bound> TryFrom<SubjectPublicKeyInfoRef<'_>> for $pk<P> {
            type Error = spki::Error;
            fn try_from(spki: SubjectPublicKeyInfoRef<'_>) -> spki::Result<Self> {
                let bytes = spki
                    .subject_public_key
                    .as_bytes()
                    .ok_or(spki::Error::KeyMalformed)?;
                check_algorithm(&spki.algorithm, P::ALGORITHM)
                    .and_then(|()| Self::from_public_key_bytes(bytes))
                    .map_err(|_| to_spki_error(&spki.algorithm, P::ALGORITHM))
            }
        }

        impl<P: $bound> EncodePublicKey for $pk<P> {
            fn to_public_key_der(&self) -> spki::Result<Document> {
                to_public_key_der(self).map_err(|_| spki::Error::KeyMalformed)
            }
        }

        impl<P: $bound> spki::DynAssociatedAlgorithmIdentifier for $pk<P> {
            fn algorithm_identifier(&self) -> spki::Result<spki::AlgorithmIdentifierOwned> {
                Ok(spki::AlgorithmIdentifierOwned {
                    oid: oid_of(P::ALGORITHM).map_err(|_| spki::Error::KeyMalformed)?,
                    parameters: None,
                })
            }
        }
    };
}

impl_standard_traits!(DecapsulationKey, EncapsulationKey, KemParams);
impl_standard_traits!(SigningKey, VerifyingKey, DsaParams);
impl_standard_traits!(SlhSigningKey, SlhVerifyingKey, SlhParams);
impl_standard_traits!(CompositeSigningKey, CompositeVerifyingKey, CompositeParams);
