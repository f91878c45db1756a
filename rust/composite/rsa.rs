//! The RSA components (RFC 8017), from RustCrypto's `rsa`: RSASSA-PSS and
//! RSASSA-PKCS1-v1_5 with 2048-, 3072- and 4096-bit moduli.
//!
//! **Verification and key loading only.** RSA signing needs the private-key
//! operation, and the `rsa` crate (0.10.0, the only RSA implementation among
//! the well-kept Rust crates) is the subject of RUSTSEC-2023-0071 (the
//! "Marvin attack", a timing side channel on the private-key operation),
//! which lists no patched version. Verification is a public-key operation on
//! public data and is not affected. So pqfence loads RSA composite keys
//! (checking them), exports them and verifies, but refuses to generate RSA
//! composite keys or to sign with them: [`Error::UnsupportedAlgorithm`].
//!
//! Encodings (draft section "Serialization"): the public key is a DER
//! RSAPublicKey, the private key a DER RSAPrivateKey, version 0 (two primes,
//! no otherPrimeInfos), and the signature is exactly k bytes (the modulus
//! length). Loading checks the modulus has exactly the named size, the
//! crate's key checks (`PrivateKey::validate`), and that the stored CRT values
//! agree with the primes (the key re-encodes to the same bytes).
//! Parameters: PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt at 2048 and
//! 3072 bits, SHA-384 / MGF1-SHA-384 / 48 bytes at 4096 bits; PKCS#1 v1.5
//! with SHA-256 at 2048 and 3072 bits, SHA-384 at 4096 bits.

use rsa::pkcs1::{
    DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey,
};
use rsa::signature::Verifier;
use rsa::traits::PublicKeyParts;
use zeroize::Zeroizing;

use super::traditional::{der_tlv, sealed::Component};
use crate::error::{Error, Result};

/// Why RSA composites neither sign nor generate keys.
pub const RSA_SIGNING_REFUSED: &str = "RSA signing and key generation are not offered: the \
     only RSA crate at hand (rsa 0.10) has an open timing advisory on its private-key \
     operation (RUSTSEC-2023-0071, Marvin attack) with no patched version; RSA composite \
     keys can be loaded and RSA composite signatures verified";

/// Checks an RSA key's modulus has exactly `bits` bits.
fn check_modulus_bits(key: &impl PublicKeyParts, bits: u32, what: &'static str) -> Result<()> {
    if key.n().as_ref().bit_width() == bits {
        Ok(())
    } else {
        Err(Error::InvalidKey { reason: what })
    }
}

fn refuse<T>(name: &'static str) -> Result<T> {
    Err(Error::UnsupportedAlgorithm {
        algorithm: name,
        reason: RSA_SIGNING_REFUSED,
    })
}

macro_rules! rsa_component {
    (
        $(#[$doc:meta])* $t:ident, $name:literal, $bits:literal,
        $verifying:ty, $new:expr, $sig:ty
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;

        impl Component for $t {
            const NAME: &'static str = $name;
            const CAN_SIGN: bool = false;
            // A SEQUENCE of n (bits/8 bytes and a leading zero, as its top bit
            // is set) and e (3 to 2^33 - 1).
            const PUBLIC_KEY_LEN: (usize, usize) = ($bits / 8 + 12, $bits / 8 + 17);
            const REFUSAL: &'static str = RSA_SIGNING_REFUSED;
            const SIGNATURE_LEN: (usize, usize) = ($bits / 8, $bits / 8);
            // version, then eight INTEGERs (n, e, d, p, q, dP, dQ, qInv), each
            // below n: at most bits/8 content bytes and a leading zero.
            const PRIVATE_KEY_MAX: usize = der_tlv(der_tlv(1) + 8 * der_tlv($bits / 8 + 1));
            type Public = $verifying;
            type Private = rsa::PrivateKey;

            fn parse_public(bytes: &[u8]) -> Result<Self::Public> {
                let key = rsa::PublicKey::from_pkcs1_der(bytes).map_err(|_| Error::InvalidKey {
                    reason: concat!($name, " public key is not a valid DER RSAPublicKey"),
                })?;
                check_modulus_bits(&key, $bits, concat!($name, " public key modulus must have exactly ", $bits, " bits"))?;
                let canonical = key.to_pkcs1_der().map_err(|_| Error::Internal { code: -113 })?;
                if canonical.as_bytes() != bytes {
                    return Err(Error::InvalidKey {
                        reason: concat!($name, " public key is not in canonical DER"),
                    });
                }
                let new: fn(rsa::PublicKey) -> $verifying = $new;
                Ok(new(key))
            }

            fn encode_public(key: &Self::Public) -> Result<Vec<u8>> {
                let public: &rsa::PublicKey = key.as_ref();
                public
                    .to_pkcs1_der()
                    .map(|d| d.as_bytes().to_vec())
                    .map_err(|_| Error::Internal { code: -113 })
            }

            fn parse_private(bytes: &[u8]) -> Result<Self::Private> {
                let key = rsa::PrivateKey::from_pkcs1_der(bytes).map_err(|_| Error::InvalidKey {
                    reason: concat!($name, " private key is not a valid two-prime DER RSAPrivateKey"),
                })?;
                check_modulus_bits(&key, $bits, concat!($name, " private key modulus must have exactly ", $bits, " bits"))?;
                key.validate().map_err(|_| Error::InvalidKey {
                    reason: concat!($name, " private key is inconsistent (n, e, d, p, q)"),
                })?;
                let canonical = key.to_pkcs1_der().map_err(|_| Error::InvalidKey {
                    reason: concat!($name, " private key"),
                })?;
                if canonical.as_bytes() != bytes {
                    return Err(Error::InvalidKey {
                        reason: concat!($name, " private key is not canonical DER, or its CRT values (dP, dQ, qInv) do not match its primes"),
                    });
                }
                Ok(key)
            }

            fn encode_private(key: &Self::Private) -> Result<Zeroizing<Vec<u8>>> {
                let doc = key.to_pkcs1_der().map_err(|_| Error::Internal { code: -113 })?;
                Ok(Zeroizing::new(doc.as_bytes().to_vec()))
            }

            fn public_of(key: &Self::Private) -> Self::Public {
                let new: fn(rsa::PublicKey) -> $verifying = $new;
                new(key.to_public_key())
            }

            fn generate() -> Result<Self::Private> {
                refuse($name)
            }

            fn sign(_key: &Self::Private, _msg: &[u8], _deterministic: bool) -> Result<Vec<u8>> {
                refuse($name)
            }

            fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<()> {
                if sig.len() != $bits / 8 {
                    return Err(Error::InvalidSignature);
                }
                let sig = <$sig>::try_from(sig).map_err(|_| Error::InvalidSignature)?;
                key.verify(msg, &sig).map_err(|_| Error::InvalidSignature)
            }
        }
    };
}

rsa_component!(
    /// RSASSA-PSS, 2048-bit modulus, SHA-256, MGF1-SHA-256, 32-byte salt
    /// (verification only).
    Rsa2048Pss, "RSASSA-PSS 2048 with SHA-256", 2048,
    rsa::pss::VerifyingKey<sha2::Sha256>,
    |k| rsa::pss::VerifyingKey::new_with_salt_len(k, 32),
    rsa::pss::Signature
);
rsa_component!(
    /// RSASSA-PSS, 3072-bit modulus, SHA-256, MGF1-SHA-256, 32-byte salt
    /// (verification only).
    Rsa3072Pss, "RSASSA-PSS 3072 with SHA-256", 3072,
    rsa::pss::VerifyingKey<sha2::Sha256>,
    |k| rsa::pss::VerifyingKey::new_with_salt_len(k, 32),
    rsa::pss::Signature
);
rsa_component!(
    /// RSASSA-PSS, 4096-bit modulus, SHA-384, MGF1-SHA-384, 48-byte salt
    /// (verification only).
    Rsa4096Pss, "RSASSA-PSS 4096 with SHA-384", 4096,
    rsa::pss::VerifyingKey<sha2::Sha384>,
    |k| rsa::pss::VerifyingKey::new_with_salt_len(k, 48),
    rsa::pss::Signature
);
rsa_component!(
    /// RSASSA-PKCS1-v1_5, 2048-bit modulus, SHA-256 (verification only).
    Rsa2048Pkcs15, "RSASSA-PKCS1-v1_5 2048 with SHA-256", 2048,
    rsa::pkcs1v15::VerifyingKey<sha2::Sha256>,
    rsa::pkcs1v15::VerifyingKey::new,
    rsa::pkcs1v15::Signature
);
rsa_component!(
    /// RSASSA-PKCS1-v1_5, 3072-bit modulus, SHA-256 (verification only).
    Rsa3072Pkcs15, "RSASSA-PKCS1-v1_5 3072 with SHA-256", 3072,
    rsa::pkcs1v15::VerifyingKey<sha2::Sha256>,
    rsa::pkcs1v15::VerifyingKey::new,
    rsa::pkcs1v15::Signature
);
rsa_component!(
    /// RSASSA-PKCS1-v1_5, 4096-bit modulus, SHA-384 (verification only).
    Rsa4096Pkcs15, "RSASSA-PKCS1-v1_5 4096 with SHA-384", 4096,
    rsa::pkcs1v15::VerifyingKey<sha2::Sha384>,
    rsa::pkcs1v15::VerifyingKey::new,
    rsa::pkcs1v15::Signature
);
