//! The ECDSA components (FIPS 186-5), from RustCrypto's `ecdsa` with the
//! `p256`, `p384`, `p521`, `bp256` and `bp384` curve crates.
//!
//! Encodings (draft section "Serialization"): the public key is the
//! uncompressed X9.62 point `04 || x || y` (compressed points are refused);
//! the private key is an RFC 5915 ECPrivateKey, version 1, whose private
//! key has exactly the field length, with the curve's OID as its named-curve
//! parameters and no public key (an embedded public key is accepted only
//! when it matches the private key); the signature is a DER Ecdsa-Sig-Value
//! (RFC 3279), parsed strictly (re-encoding must give the same bytes).
//! The component hash is the one the draft's table names for each curve:
//! SHA-256 (P-256, brainpoolP256r1), SHA-384 (P-384, brainpoolP384r1),
//! SHA-512 (P-521). Signing is RFC 6979, hedged with 32 fresh OS bytes
//! unless the deterministic variant is asked for.

use der::{Decode, Encode};
use ecdsa::elliptic_curve::Generate;
use ecdsa::signature::{RandomizedSigner, Signer, Verifier};
use sec1::{EcParameters, EcPrivateKey};
use zeroize::Zeroizing;

use super::traditional::{der_tlv, sealed::Component, OsRng};
use crate::error::{check_len, Error, Result};

/// The longest DER Ecdsa-Sig-Value for a curve whose order has `n` bytes:
/// two INTEGERs of at most n + 1 content bytes (a leading zero), in a
/// SEQUENCE whose length takes two bytes once it passes 127.
const fn der_signature_max(n: usize) -> usize {
    let content = 2 * (2 + n + 1);
    if content < 128 {
        2 + content
    } else {
        3 + content
    }
}

/// The shortest DER Ecdsa-Sig-Value: two one-byte INTEGERs.
const DER_SIGNATURE_MIN: usize = 8;

/// The longest RFC 5915 ECPrivateKey accepted: version, the private key of
/// `n` bytes, the named curve (an OID of `oid` content bytes, `[0]`
/// EXPLICIT) and an optional public key (an uncompressed point in a BIT
/// STRING, `[1]` EXPLICIT).
const fn ec_private_key_max(n: usize, oid: usize) -> usize {
    der_tlv(der_tlv(1) + der_tlv(n) + der_tlv(der_tlv(oid)) + der_tlv(der_tlv(2 + 2 * n)))
}

/// Encodes a DER value into zeroizing memory (for private keys).
fn encode_secret(value: &impl Encode) -> Result<Zeroizing<Vec<u8>>> {
    let len = value
        .encoded_len()
        .and_then(usize::try_from)
        .map_err(|_| Error::Internal { code: -111 })?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    value
        .encode_to_slice(&mut out)
        .map_err(|_| Error::Internal { code: -111 })?;
    Ok(out)
}

macro_rules! ecdsa_component {
    (
        $(#[$doc:meta])* $t:ident, $curve:ty, $name:literal, $what:literal,
        $oid:literal ($oid_len:literal), $field:literal
    ) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $t;

        impl $t {
            const CURVE_OID: der::oid::ObjectIdentifier =
                der::oid::ObjectIdentifier::new_unwrap($oid);
        }

        const _: () = assert!($t::CURVE_OID.as_bytes().len() == $oid_len);

        impl Component for $t {
            const NAME: &'static str = $name;
            const CAN_SIGN: bool = true;
            const PUBLIC_KEY_LEN: (usize, usize) = (1 + 2 * $field, 1 + 2 * $field);
            const SIGNATURE_LEN: (usize, usize) = (DER_SIGNATURE_MIN, der_signature_max($field));
            const PRIVATE_KEY_MAX: usize = ec_private_key_max($field, $oid_len);
            type Public = ecdsa::VerifyingKey<$curve>;
            type Private = ecdsa::SigningKey<$curve>;

            fn parse_public(bytes: &[u8]) -> Result<Self::Public> {
                check_len(concat!($what, " public key"), 1 + 2 * $field, bytes)?;
                if bytes.first() != Some(&0x04) {
                    return Err(Error::InvalidKey {
                        reason: concat!($what, " public key must be an uncompressed point (04 || x || y)"),
                    });
                }
                ecdsa::VerifyingKey::<$curve>::from_sec1_bytes(bytes).map_err(|_| {
                    Error::InvalidKey {
                        reason: concat!($what, " public key is not a point on the curve"),
                    }
                })
            }

            fn encode_public(key: &Self::Public) -> Result<Vec<u8>> {
                Ok(key.to_sec1_point(false).as_bytes().to_vec())
            }

            fn parse_private(bytes: &[u8]) -> Result<Self::Private> {
                let ec = EcPrivateKey::from_der(bytes).map_err(|_| Error::InvalidKey {
                    reason: concat!($what, " private key is not a DER ECPrivateKey (RFC 5915)"),
                })?;
                check_len(concat!($what, " private scalar"), $field, ec.private_key)?;
                if ec.parameters != Some(EcParameters::NamedCurve(Self::CURVE_OID)) {
                    return Err(Error::InvalidKey {
                        reason: concat!($what, " ECPrivateKey must name the curve ", $oid, " in its parameters"),
                    });
                }
                let key = ecdsa::SigningKey::<$curve>::from_slice(ec.private_key).map_err(|_| {
                    Error::InvalidKey {
                        reason: concat!($what, " private scalar is zero or not below the group order"),
                    }
                })?;
                if let Some(public) = ec.public_key {
                    if public != Self::encode_public(key.verifying_key())?.as_slice() {
                        return Err(Error::InvalidKey {
                            reason: concat!($what, " ECPrivateKey holds a public key that does not match its private key"),
                        });
                    }
                }
                Ok(key)
            }

            fn encode_private(key: &Self::Private) -> Result<Zeroizing<Vec<u8>>> {
                let scalar = Zeroizing::new(key.to_bytes());
                let ec = EcPrivateKey {
                    private_key: scalar.as_slice(),
                    parameters: Some(EcParameters::NamedCurve(Self::CURVE_OID)),
                    public_key: None,
                };
                encode_secret(&ec)
            }

            fn public_of(key: &Self::Private) -> Self::Public {
                *key.verifying_key()
            }

            fn generate() -> Result<Self::Private> {
                ecdsa::SigningKey::<$curve>::try_generate_from_rng(&mut OsRng::default())
            }

            fn sign(key: &Self::Private, msg: &[u8], deterministic: bool) -> Result<Vec<u8>> {
                let mut rng = OsRng::default();
                let sig: ecdsa::der::Signature<$curve> = if deterministic {
                    key.try_sign(msg)
                } else {
                    key.try_sign_with_rng(&mut rng, msg)
                }
                .map_err(|_| rng.error())?;
                Ok(sig.as_bytes().to_vec())
            }

            fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<()> {
                let der_sig = ecdsa::der::Signature::<$curve>::from_bytes(sig)
                    .map_err(|_| Error::InvalidSignature)?;
                // Strict DER: the fixed-size form re-encodes to the same bytes.
                let fixed = ecdsa::Signature::<$curve>::try_from(der_sig.clone())
                    .map_err(|_| Error::InvalidSignature)?;
                if fixed.to_der().as_bytes() != sig {
                    return Err(Error::InvalidSignature);
                }
                key.verify(msg, &der_sig).map_err(|_| Error::InvalidSignature)
            }
        }
    };
}

ecdsa_component!(
    /// ECDSA on NIST P-256 (secp256r1) with SHA-256.
    EcdsaP256, p256::NistP256, "ECDSA P-256 with SHA-256", "ECDSA P-256", "1.2.840.10045.3.1.7" (8), 32
);
ecdsa_component!(
    /// ECDSA on NIST P-384 (secp384r1) with SHA-384.
    EcdsaP384, p384::NistP384, "ECDSA P-384 with SHA-384", "ECDSA P-384", "1.3.132.0.34" (5), 48
);
ecdsa_component!(
    /// ECDSA on NIST P-521 (secp521r1) with SHA-512.
    EcdsaP521, p521::NistP521, "ECDSA P-521 with SHA-512", "ECDSA P-521", "1.3.132.0.35" (5), 66
);
ecdsa_component!(
    /// ECDSA on brainpoolP256r1 (RFC 5639) with SHA-256.
    EcdsaBrainpoolP256r1, bp256::BrainpoolP256r1, "ECDSA brainpoolP256r1 with SHA-256",
    "ECDSA brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7" (9), 32
);
ecdsa_component!(
    /// ECDSA on brainpoolP384r1 (RFC 5639) with SHA-384.
    EcdsaBrainpoolP384r1, bp384::BrainpoolP384r1, "ECDSA brainpoolP384r1 with SHA-384",
    "ECDSA brainpoolP384r1", "1.3.36.3.3.2.8.1.1.11" (9), 48
);
