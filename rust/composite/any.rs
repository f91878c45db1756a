//! Keys of any composite algorithm, chosen at run time by name or OID (for
//! loaders that read the algorithm from a key file, and for bindings).

use der::oid::ObjectIdentifier;
use pkcs8::PrivateKeyInfoRef;
use zeroize::Zeroizing;

use super::encoding::{self, key_from_info};
use super::keys::{SigningKey, VerifyingKey};
use super::params::*;
use crate::error::{Error, Result};

fn unknown(oid: &ObjectIdentifier) -> Error {
    Error::UnknownAlgorithm {
        name: format!("OID {oid} (not a composite ML-DSA algorithm)"),
    }
}

macro_rules! any_keys {
    ($($t:ident),*) => {
        /// A composite private key of any algorithm.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum AnySigningKey {
            $(
                #[doc = concat!("A [`", stringify!($t), "`] key.")]
                $t(Box<SigningKey<$t>>),
            )*
        }

        /// A composite public key of any algorithm.
        #[non_exhaustive]
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum AnyVerifyingKey {
            $(
                #[doc = concat!("A [`", stringify!($t), "`] key.")]
                $t(Box<VerifyingKey<$t>>),
            )*
        }

        impl AnySigningKey {
            /// Its algorithm.
            pub fn algorithm(&self) -> &'static CompositeAlgorithm {
                match self {
                    $(Self::$t(_) => <$t as CompositeParams>::COMPOSITE,)*
                }
            }

            /// Generates a key of `alg`.
            pub fn generate(alg: &CompositeAlgorithm) -> Result<Self> {
                $(
                    if alg.oid == <$t as CompositeParams>::COMPOSITE.oid {
                        return Ok(Self::$t(Box::new(SigningKey::<$t>::generate()?)));
                    }
                )*
                Err(unknown(&alg.oid))
            }

            /// Loads a raw composite private key of `alg`.
            pub fn from_bytes(alg: &CompositeAlgorithm, bytes: &[u8]) -> Result<Self> {
                $(
                    if alg.oid == <$t as CompositeParams>::COMPOSITE.oid {
                        return Ok(Self::$t(Box::new(SigningKey::<$t>::from_bytes(bytes)?)));
                    }
                )*
                Err(unknown(&alg.oid))
            }

            pub(crate) fn from_info(pki: &PrivateKeyInfoRef<'_>) -> Result<Self> {
                let oid = pki.algorithm.oid;
                $(
                    if oid == <$t as CompositeParams>::COMPOSITE.oid {
                        return Ok(Self::$t(Box::new(key_from_info::<$t>(pki)?)));
                    }
                )*
                Err(unknown(&oid))
            }

            /// The raw private key (mldsaSeed || tradSK), zeroizing.
            pub fn to_bytes(&self) -> Result<Zeroizing<Vec<u8>>> {
                match self {
                    $(Self::$t(k) => k.to_bytes(),)*
                }
            }

            /// The matching public key.
            pub fn verifying_key(&self) -> AnyVerifyingKey {
                match self {
                    $(Self::$t(k) => AnyVerifyingKey::$t(Box::new(k.verifying_key().clone())),)*
                }
            }

            /// Signs `msg` with context `ctx` (hedged); the encoded signature.
            pub fn sign(&self, msg: &[u8], ctx: &[u8]) -> Result<Vec<u8>> {
                match self {
                    $(Self::$t(k) => k.sign(msg, ctx).map(|s| s.as_bytes().to_vec()),)*
                }
            }

            /// Signs deterministically; the encoded signature.
            pub fn sign_deterministic(&self, msg: &[u8], ctx: &[u8]) -> Result<Vec<u8>> {
                match self {
                    $(Self::$t(k) => k.sign_deterministic(msg, ctx).map(|s| s.as_bytes().to_vec()),)*
                }
            }

            /// DER PKCS#8.
            pub fn to_pkcs8_der(&self) -> Result<der::SecretDocument> {
                match self {
                    $(Self::$t(k) => encoding::to_pkcs8_der(k.as_ref()),)*
                }
            }

            /// PEM PKCS#8 ("PRIVATE KEY").
            pub fn to_pkcs8_pem(&self) -> Result<Zeroizing<String>> {
                match self {
                    $(Self::$t(k) => encoding::to_pkcs8_pem(k.as_ref()),)*
                }
            }
        }

        impl AnyVerifyingKey {
            /// Its algorithm.
            pub fn algorithm(&self) -> &'static CompositeAlgorithm {
                match self {
                    $(Self::$t(_) => <$t as CompositeParams>::COMPOSITE,)*
                }
            }

            /// Loads a raw composite public key of `alg`.
            pub fn from_bytes(alg: &CompositeAlgorithm, bytes: &[u8]) -> Result<Self> {
                $(
                    if alg.oid == <$t as CompositeParams>::COMPOSITE.oid {
                        return Ok(Self::$t(Box::new(VerifyingKey::<$t>::from_bytes(bytes)?)));
                    }
                )*
                Err(unknown(&alg.oid))
            }

            pub(crate) fn from_public_key_der(oid: &ObjectIdentifier, der: &[u8]) -> Result<Self> {
                $(
                    if *oid == <$t as CompositeParams>::COMPOSITE.oid {
                        return Ok(Self::$t(Box::new(encoding::from_public_key_der::<$t>(der)?)));
                    }
                )*
                Err(unknown(oid))
            }

            /// The raw public key.
            pub fn as_bytes(&self) -> &[u8] {
                match self {
                    $(Self::$t(k) => k.as_bytes(),)*
                }
            }

            /// Verifies a composite signature over `msg` with context `ctx`.
            pub fn verify(&self, msg: &[u8], ctx: &[u8], sig: &[u8]) -> Result<()> {
                match self {
                    $(Self::$t(k) => k.verify(msg, ctx, sig),)*
                }
            }

            /// DER SubjectPublicKeyInfo.
            pub fn to_public_key_der(&self) -> Result<der::Document> {
                match self {
                    $(Self::$t(k) => encoding::to_public_key_der(k.as_ref()),)*
                }
            }

            /// PEM SubjectPublicKeyInfo ("PUBLIC KEY").
            pub fn to_public_key_pem(&self) -> Result<String> {
                match self {
                    $(Self::$t(k) => encoding::to_public_key_pem(k.as_ref()),)*
                }
            }
        }
    };
}

with_composites!(any_keys);
