//! Key formats: SubjectPublicKeyInfo (RFC 5280) for public keys,
//! OneAsymmetricKey / PKCS#8 (RFC 5958) for private keys, PEM (RFC 7468)
//! around both, and password-encrypted PKCS#8 (PBES2, RFC 8018).
//!
//! Object identifiers and private-key encodings follow the IETF LAMPS
//! documents: ML-KEM (`id-alg-ml-kem-*`, 2.16.840.1.101.3.4.4.1-3), ML-DSA
//! (`id-ml-dsa-*`, 2.16.840.1.101.3.4.3.17-19) and SLH-DSA (RFC 9909,
//! `id-slh-dsa-*`, 2.16.840.1.101.3.4.3.20-31), with the AlgorithmIdentifier
//! parameters absent. A public key's BIT STRING holds the standard's raw
//! encoding (for SLH-DSA, PK.seed || PK.root). The ML-KEM and ML-DSA PKCS#8
//! `privateKey` holds one of three forms:
//!
//! ```text
//! PrivateKey ::= CHOICE {
//!     seed         [0] IMPLICIT OCTET STRING,     -- 80 20 .. (ML-DSA), 80 40 .. (ML-KEM)
//!     expandedKey  OCTET STRING,                  -- the FIPS 203 / 204 expanded key
//!     both         SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING } }
//! ```
//!
//! pqfence writes the seed form unless asked otherwise ([`PrivateKeyForm`]).
//! It reads all three: the expanded key is validated (FIPS 203 hash check,
//! FIPS 204 consistency check), and "both" is rejected when the expanded key
//! differs from the one derived from the seed. A key read from the expanded
//! form has **no seed**: it can sign or decapsulate and be written in the
//! expanded form again, but the seed form (and `seed()`) is no longer
//! available, and keys in that form are about 40 to 150 times larger.
//!
//! SLH-DSA has one form: the `privateKey` OCTET STRING holds the 4n-byte
//! FIPS 205 key SK.seed || SK.prf || PK.seed || PK.root itself, with no inner
//! encoding (RFC 9909, section 7). It contains the 3n-byte seed, so nothing
//! is lost, and [`PrivateKeyForm`] does not change it. Reading it recomputes
//! PK.root from SK.seed and PK.seed and rejects a key whose stored PK.root
//! differs (for the "s" sets that costs about one key generation).
//!
//! Parsing is strict DER (no BER, exact lengths, no trailing data), done by
//! RustCrypto's `der`, `spki` and `pkcs8` crates. Secrets are held in
//! zeroizing buffers ([`SecretDocument`], [`Zeroizing`]).
//!
//! The key types also implement the RustCrypto traits ([`EncodePrivateKey`],
//! [`DecodePrivateKey`], [`EncodePublicKey`], [`DecodePublicKey`]). One
//! caution: the encrypted-key methods that `DecodePrivateKey` provides
//! (`from_pkcs8_encrypted_der` / `_pem`) belong to `pkcs8` and run the file's
//! key derivation unchecked (with `pkcs5` 0.8.1 an scrypt cost of 0 even
//! panics). For files you did not write, use this module's
//! [`from_pkcs8_encrypted_der`] / [`load_private_key_der`], which refuse
//! malformed or excessive KDF parameters first ([`KdfLimits`]: memory,
//! total scrypt work N * r * p, PBKDF2 iterations; the `*_with_limits`
//! variants take other bounds).
//!
//! ```
//! use pqfence::encoding::{self, PrivateKeyForm};
//! use pqfence::mldsa::{MlDsa65, SigningKey};
//!
//! let sk = SigningKey::<MlDsa65>::generate()?;
//! let pem = encoding::to_pkcs8_pem(&sk, PrivateKeyForm::Seed)?;
//! let again: SigningKey<MlDsa65> = encoding::from_pkcs8_pem(&pem)?;
//! assert_eq!(again, sk);
//!
//! // Any supported algorithm, chosen by the file's OID:
//! let any = encoding::load_private_key_pem(&pem, None)?;
//! assert_eq!(any.algorithm().name, "ML-DSA-65");
//! # Ok::<(), pqfence::Error>(())
//! ```
//!
//! # Adding an algorithm family
//!
//! A parameter set is one row of the catalogue in `rust/algorithms.rs`,
//! whose OID makes its keys loadable here ([`AnyPrivateKey`] /
//! [`AnyPublicKey`] and the OID dispatch are built from the table). A new
//! family implements [`KeyPair`] / [`PublicKey`] for its key types and adds
//! one `impl_standard_traits!` line (in `traits.rs`) for the `pkcs8` /
//! `spki` traits.
//!
//! # Layout
//!
//! This module's items all live at `pqfence::encoding::*`; the code sits in
//! one file per format: `spki.rs` (SubjectPublicKeyInfo), `pkcs8.rs`
//! (PrivateKeyInfo and the seed / expanded / both forms), `pbes2.rs`
//! (encrypted PKCS#8 and its key-derivation limits), `registry.rs` (the
//! any-key types and loaders) and `traits.rs` (the RustCrypto traits).

use core::fmt;

use ::spki::AlgorithmIdentifierRef;

pub use ::pkcs8::der::pem::LineEnding;
pub use ::pkcs8::ObjectIdentifier;
pub use ::pkcs8::{DecodePrivateKey, EncodePrivateKey};
pub use ::spki::{DecodePublicKey, EncodePublicKey};
pub use der::zeroize::Zeroizing;
pub use der::{Document, SecretDocument};

use crate::error::{Error, Result};

mod pbes2;
mod pkcs8;
mod registry;
mod spki;
mod traits;

pub use self::pbes2::{
    decrypt_pkcs8_der, decrypt_pkcs8_der_with_limits, from_pkcs8_encrypted_der,
    from_pkcs8_encrypted_der_with_limits, from_pkcs8_encrypted_pem,
    from_pkcs8_encrypted_pem_with_limits, is_encrypted_pkcs8_der, to_pkcs8_encrypted_der,
    to_pkcs8_encrypted_pem, KdfLimits, MAX_PBKDF2_ITERATIONS, MAX_SCRYPT_MEMORY, MAX_SCRYPT_WORK,
};
pub(crate) use self::pkcs8::key_from_info;
pub use self::pkcs8::{
    from_pkcs8_der, from_pkcs8_pem, is_plain_pkcs8_der, to_pkcs8_der, to_pkcs8_pem,
};
pub(crate) use self::registry::key_registry;
pub use self::registry::{
    load_private_key_der, load_private_key_der_with_limits, load_private_key_pem,
    load_private_key_pem_with_limits, load_public_key_der, load_public_key_pem, AnyPrivateKey,
    AnyPublicKey,
};
pub use self::spki::{
    from_public_key_der, from_public_key_pem, to_public_key_der, to_public_key_pem,
};

/// PEM label of a SubjectPublicKeyInfo.
pub const PUBLIC_KEY_LABEL: &str = "PUBLIC KEY";
/// PEM label of an unencrypted PKCS#8 private key.
pub const PRIVATE_KEY_LABEL: &str = "PRIVATE KEY";
/// PEM label of a password-encrypted PKCS#8 private key.
pub const ENCRYPTED_PRIVATE_KEY_LABEL: &str = "ENCRYPTED PRIVATE KEY";

pub use crate::algorithms::{
    algorithm_by_name, algorithm_by_oid, Algorithm, AlgorithmId, KeyKind, PrivateKeyShape,
    ALGORITHMS,
};
pub use crate::keys::{KeyPair, KeyTypes, PublicKey};

// ---------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------

/// Which form of the private key to write into PKCS#8 (ML-KEM and ML-DSA;
/// SLH-DSA has a single form, which every choice writes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum PrivateKeyForm {
    /// The seed alone (`[0] IMPLICIT OCTET STRING`): compact, and what the
    /// LAMPS documents recommend. Needs a key that has its seed.
    #[default]
    Seed,
    /// The expanded key alone (`OCTET STRING`).
    Expanded,
    /// Both (`SEQUENCE { seed, expandedKey }`). Needs a key that has its seed.
    Both,
}

impl PrivateKeyForm {
    /// Parses "seed", "expanded" or "both".
    pub fn from_name(name: &str) -> Result<Self> {
        match name {
            "seed" => Ok(Self::Seed),
            "expanded" => Ok(Self::Expanded),
            "both" => Ok(Self::Both),
            _ => Err(invalid(format!(
                "unknown private key form {name:?} (expected \"seed\", \"expanded\" or \"both\")"
            ))),
        }
    }
}

/// The password-based key derivation of an encrypted PKCS#8 file (PBES2,
/// always with AES-256-CBC, as OpenSSL and pyca/cryptography write it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kdf {
    /// scrypt (RFC 7914) with N = 2^`log_n`, block size `r`, parallelism `p`.
    Scrypt {
        /// log2 of the cost N.
        log_n: u8,
        /// Block size.
        r: u32,
        /// Parallelism.
        p: u32,
    },
    /// PBKDF2 with HMAC-SHA-256 (RFC 8018).
    Pbkdf2Sha256 {
        /// Iteration count.
        iterations: u32,
    },
}

impl Kdf {
    /// The default: scrypt with N = 2^14, r = 8, p = 1 (16 MiB, about 50 ms;
    /// OpenSSL 3 reads it with its default memory limit).
    pub const DEFAULT: Kdf = Kdf::Scrypt {
        log_n: 14,
        r: 8,
        p: 1,
    };
    /// PBKDF2-HMAC-SHA-256 with 600,000 iterations (OWASP's 2023 advice).
    pub const PBKDF2_DEFAULT: Kdf = Kdf::Pbkdf2Sha256 {
        iterations: 600_000,
    };
}

impl Default for Kdf {
    fn default() -> Self {
        Self::DEFAULT
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

fn invalid(reason: String) -> Error {
    Error::InvalidEncoding { reason }
}

fn asn1(what: &str, err: impl fmt::Display) -> Error {
    invalid(format!("malformed {what}: {err}"))
}

fn describe_oid(oid: &ObjectIdentifier) -> String {
    match algorithm_by_oid(oid) {
        Some(a) => format!("{} (OID {oid})", a.name),
        None => format!("OID {oid}"),
    }
}

pub(crate) fn unsupported(oid: &ObjectIdentifier) -> Error {
    let name = match algorithm_by_oid(oid) {
        Some(a) => format!("{} (OID {oid}; its keys cannot be converted yet)", a.name),
        None => format!("OID {oid}"),
    };
    Error::UnknownAlgorithm { name }
}

/// Checks that an AlgorithmIdentifier names `expected` with parameters absent.
fn check_algorithm(alg: &AlgorithmIdentifierRef<'_>, expected: &Algorithm) -> Result<()> {
    let oid = oid_of(expected)?;
    if alg.oid != oid {
        return Err(invalid(format!(
            "expected a {} key (OID {oid}), found {}",
            expected.name,
            describe_oid(&alg.oid)
        )));
    }
    check_no_parameters(alg, expected)
}

pub(crate) fn check_no_parameters(
    alg: &AlgorithmIdentifierRef<'_>,
    expected: &Algorithm,
) -> Result<()> {
    if alg.parameters.is_some() {
        return Err(invalid(format!(
            "{} AlgorithmIdentifier parameters must be absent",
            expected.name
        )));
    }
    Ok(())
}

/// The set's OID; a set without one (Falcon) has no SPKI or PKCS#8 form.
fn oid_of(alg: &Algorithm) -> Result<ObjectIdentifier> {
    alg.oid.ok_or_else(|| Error::UnknownAlgorithm {
        name: format!("{} (no OID is assigned: raw keys only)", alg.name),
    })
}

/// The AlgorithmIdentifier of a set: its OID, parameters absent.
fn algorithm_identifier(alg: &Algorithm) -> Result<AlgorithmIdentifierRef<'static>> {
    Ok(AlgorithmIdentifierRef {
        oid: oid_of(alg)?,
        parameters: None,
    })
}

// ---------------------------------------------------------------------------
// PEM
// ---------------------------------------------------------------------------

/// Decodes a PEM document, insisting on its label.
fn pem_document(pem: &str, label: &str) -> Result<Document> {
    let (found, doc) = Document::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    check_label(label, found)?;
    Ok(doc)
}

/// Decodes a PEM document holding a secret, insisting on its label.
fn secret_pem_document(pem: &str, label: &str) -> Result<SecretDocument> {
    let (found, doc) = SecretDocument::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    check_label(label, found)?;
    Ok(doc)
}

fn check_label(expected: &str, found: &str) -> Result<()> {
    if found != expected {
        return Err(invalid(format!(
            "expected a PEM \"{expected}\" document, found \"{found}\""
        )));
    }
    Ok(())
}

/// The label of a PEM document, if `pem` is one.
pub fn pem_label(pem: &str) -> Result<&str> {
    der::pem::decode_label(pem.as_bytes()).map_err(|e| asn1("PEM document", e))
}
