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
//! one `impl_standard_traits!` line for the `pkcs8` / `spki` traits.

use core::fmt;

use der::asn1::{AnyRef, BitStringRef, ContextSpecific, OctetStringRef};
use der::{Decode, Encode, Reader, Tag, TagMode, TagNumber, Tagged};
use pkcs8::pkcs5::pbes2;
use pkcs8::{EncryptedPrivateKeyInfoRef, PrivateKeyInfoRef};
use spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use subtle::ConstantTimeEq;

pub use der::zeroize::Zeroizing;
pub use der::{Document, SecretDocument};
pub use pkcs8::der::pem::LineEnding;
pub use pkcs8::ObjectIdentifier;
pub use pkcs8::{DecodePrivateKey, EncodePrivateKey};
pub use spki::{DecodePublicKey, EncodePublicKey};

use crate::error::{Error, Result};
use crate::mldsa::{DsaParams, SigningKey, VerifyingKey};
use crate::mlkem::{DecapsulationKey, EncapsulationKey, KemParams};
use crate::rng;
use crate::slhdsa::{SigningKey as SlhSigningKey, SlhParams, VerifyingKey as SlhVerifyingKey};

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

/// The most memory an encrypted key may ask scrypt for (128 * r * N bytes)
/// before pqfence refuses to decrypt it, by default: 256 MiB.
pub const MAX_SCRYPT_MEMORY: u64 = 256 << 20;
/// The most scrypt work an encrypted key may ask for, by default, counted as
/// N * r * p (the running time is proportional to it): 2^21, one pass of the
/// largest memory allowed (N = 2^18, r = 8, p = 1), 16 times the cost pqfence
/// writes (about a second on a laptop core). Bounding memory and p
/// separately is not enough: N = 2^18, r = 8, p = 64 stays within 256 MiB but
/// runs 64 such passes (80 s) before the password can be found wrong.
pub const MAX_SCRYPT_WORK: u64 = 1 << 21;
/// The most PBKDF2 iterations an encrypted key may ask for, by default:
/// 2,000,000. That is over three times OWASP's 2023 advice for
/// PBKDF2-HMAC-SHA-256 (600,000, what pqfence writes) and above its advice
/// for HMAC-SHA-1 (1,300,000), so files written by careful tools load, while a
/// hostile file costs at most about 0.4 s (10,000,000 took 2 s).
pub const MAX_PBKDF2_ITERATIONS: u32 = 2_000_000;

/// Bounds on the key-derivation cost of an encrypted PKCS#8 file, checked
/// before the derivation runs: a file must not be able to make the reader
/// allocate gigabytes or spin for minutes before a wrong password is found
/// out. [`KdfLimits::DEFAULT`] is what every loader uses unless told
/// otherwise; the `*_with_limits` loaders take others (raise them to read a
/// trusted file written with a higher cost).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KdfLimits {
    /// The most memory scrypt may use, 128 * r * N bytes.
    pub max_scrypt_memory: u64,
    /// The most scrypt work, N * r * p.
    pub max_scrypt_work: u64,
    /// The most PBKDF2 iterations.
    pub max_pbkdf2_iterations: u32,
}

impl KdfLimits {
    /// [`MAX_SCRYPT_MEMORY`], [`MAX_SCRYPT_WORK`], [`MAX_PBKDF2_ITERATIONS`].
    pub const DEFAULT: KdfLimits = KdfLimits {
        max_scrypt_memory: MAX_SCRYPT_MEMORY,
        max_scrypt_work: MAX_SCRYPT_WORK,
        max_pbkdf2_iterations: MAX_PBKDF2_ITERATIONS,
    };
}

impl Default for KdfLimits {
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

// ---------------------------------------------------------------------------
// SubjectPublicKeyInfo
// ---------------------------------------------------------------------------

/// The set's OID; a set without one (Falcon) has no SPKI or PKCS#8 form.
fn oid_of(alg: &Algorithm) -> Result<ObjectIdentifier> {
    alg.oid.ok_or_else(|| Error::UnknownAlgorithm {
        name: format!("{} (no OID is assigned: raw keys only)", alg.name),
    })
}

fn algorithm_identifier(alg: &Algorithm) -> Result<AlgorithmIdentifierRef<'static>> {
    Ok(AlgorithmIdentifierRef {
        oid: oid_of(alg)?,
        parameters: None,
    })
}

/// Encodes a public key as a DER SubjectPublicKeyInfo.
pub fn to_public_key_der<K: PublicKey>(key: &K) -> Result<Document> {
    let spki = SubjectPublicKeyInfoRef {
        algorithm: algorithm_identifier(K::ALGORITHM)?,
        subject_public_key: BitStringRef::from_bytes(key.public_key_bytes())
            .map_err(|e| asn1("public key", e))?,
    };
    Document::encode_msg(&spki).map_err(|e| asn1("public key", e))
}

/// Encodes a public key as PEM ("PUBLIC KEY", LF line endings).
pub fn to_public_key_pem<K: PublicKey>(key: &K) -> Result<String> {
    to_public_key_der(key)?
        .to_pem(PUBLIC_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("public key", e))
}

/// Parses a DER SubjectPublicKeyInfo, returning its AlgorithmIdentifier and key bytes.
fn parse_spki(der: &[u8]) -> Result<(AlgorithmIdentifierRef<'_>, &[u8])> {
    let spki =
        SubjectPublicKeyInfoRef::from_der(der).map_err(|e| asn1("SubjectPublicKeyInfo", e))?;
    let bytes = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| invalid("the public key BIT STRING has unused bits".into()))?;
    Ok((spki.algorithm, bytes))
}

/// Loads a public key from a DER SubjectPublicKeyInfo (OID, absent
/// parameters, length and the algorithm's own checks).
pub fn from_public_key_der<K: PublicKey>(der: &[u8]) -> Result<K> {
    let (alg, bytes) = parse_spki(der)?;
    check_algorithm(&alg, K::ALGORITHM)?;
    K::from_public_key_bytes(bytes)
}

/// Decodes a PEM document, insisting on its label.
fn pem_document(pem: &str, label: &str) -> Result<Document> {
    let (found, doc) = Document::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    if found != label {
        return Err(invalid(format!(
            "expected a PEM \"{label}\" document, found \"{found}\""
        )));
    }
    Ok(doc)
}

/// Loads a public key from PEM ("PUBLIC KEY").
pub fn from_public_key_pem<K: PublicKey>(pem: &str) -> Result<K> {
    from_public_key_der(pem_document(pem, PUBLIC_KEY_LABEL)?.as_bytes())
}

// ---------------------------------------------------------------------------
// PKCS#8
// ---------------------------------------------------------------------------

/// The CHOICE inside the PKCS#8 `privateKey` OCTET STRING.
enum PrivateKeyBody<'a> {
    Seed(&'a [u8]),
    Expanded(&'a [u8]),
    Both(&'a [u8], &'a [u8]),
}

const SEED_TAG: TagNumber = TagNumber(0);

fn octets(bytes: &[u8]) -> Result<&OctetStringRef> {
    OctetStringRef::new(bytes).map_err(|e| asn1("private key", e))
}

/// Encodes the `privateKey` contents of `key` in `form` (zeroizing).
fn encode_body<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<Zeroizing<Vec<u8>>> {
    let alg = K::ALGORITHM;
    if let PrivateKeyShape::Raw { .. } = alg.private_key {
        // One form only: the raw key.
        return Ok(Zeroizing::new(key.expanded_key_bytes().to_vec()));
    }
    let seed = || {
        key.seed_bytes().ok_or(Error::InvalidKey {
            reason: "this key was loaded from its expanded form and has no seed: write it with the expanded form",
        })
    };
    let expanded = octets(key.expanded_key_bytes())?;
    let mut out = Zeroizing::new(Vec::new());
    let encoded = match form {
        PrivateKeyForm::Seed => ContextSpecific {
            tag_number: SEED_TAG,
            tag_mode: TagMode::Implicit,
            value: octets(seed()?)?,
        }
        .encode_to_vec(&mut out),
        PrivateKeyForm::Expanded => expanded.encode_to_vec(&mut out),
        PrivateKeyForm::Both => BothForms {
            seed: octets(seed()?)?,
            expanded,
        }
        .encode_to_vec(&mut out),
    };
    encoded.map_err(|e| asn1("private key", e))?;
    Ok(out)
}

/// `SEQUENCE { seed OCTET STRING, expandedKey OCTET STRING }`.
struct BothForms<'a> {
    seed: &'a OctetStringRef,
    expanded: &'a OctetStringRef,
}

impl der::EncodeValue for BothForms<'_> {
    fn value_len(&self) -> der::Result<der::Length> {
        self.seed.encoded_len()? + self.expanded.encoded_len()?
    }
    fn encode_value(&self, writer: &mut impl der::Writer) -> der::Result<()> {
        self.seed.encode(writer)?;
        self.expanded.encode(writer)
    }
}

impl der::FixedTag for BothForms<'_> {
    const TAG: Tag = Tag::Sequence;
}

/// Parses the `privateKey` contents (strict DER, one element, no trailing data).
fn decode_body<'a>(alg: &Algorithm, body: &'a [u8]) -> Result<PrivateKeyBody<'a>> {
    if let PrivateKeyShape::Raw { .. } = alg.private_key {
        return Ok(PrivateKeyBody::Expanded(body));
    }
    let what = "private key (expected seed [0], expandedKey or both)";
    let any = AnyRef::from_der(body).map_err(|e| asn1(what, e))?;
    match any.tag() {
        Tag::ContextSpecific {
            constructed: false,
            number,
        } if number == SEED_TAG => Ok(PrivateKeyBody::Seed(any.value())),
        Tag::OctetString => Ok(PrivateKeyBody::Expanded(any.value())),
        Tag::Sequence => any
            .sequence(|r| {
                let seed: &OctetStringRef = r.decode()?;
                let expanded: &OctetStringRef = r.decode()?;
                Ok::<_, der::Error>(PrivateKeyBody::Both(seed.as_bytes(), expanded.as_bytes()))
            })
            .map_err(|e| asn1(what, e)),
        tag => Err(invalid(format!(
            "malformed {} private key: unexpected {tag} (expected seed [0], expandedKey or both)",
            alg.name
        ))),
    }
}

/// Builds the key from a parsed PrivateKeyInfo whose OID was already checked.
pub(crate) fn key_from_info<K: KeyPair>(pki: &PrivateKeyInfoRef<'_>) -> Result<K> {
    let alg = K::ALGORITHM;
    check_no_parameters(&pki.algorithm, alg)?;
    let key = match decode_body(alg, pki.private_key.as_bytes())? {
        PrivateKeyBody::Seed(seed) => K::from_seed_bytes(seed)?,
        PrivateKeyBody::Expanded(expanded) => K::from_expanded_key_bytes(expanded)?,
        PrivateKeyBody::Both(seed, expanded) => {
            let key = K::from_seed_bytes(seed)?;
            let derived = key.expanded_key_bytes();
            if derived.len() != expanded.len() {
                return Err(Error::InvalidLength {
                    what: "expanded key (in the seed-and-expanded form)",
                    expected: derived.len(),
                    actual: expanded.len(),
                });
            }
            if !bool::from(derived.ct_eq(expanded)) {
                return Err(Error::InvalidKey {
                    reason: "the expanded key does not match the key derived from the seed",
                });
            }
            key
        }
    };
    if let Some(public) = &pki.public_key {
        let given = public
            .as_bytes()
            .ok_or_else(|| invalid("the publicKey BIT STRING has unused bits".into()))?;
        if given != key.public_key().public_key_bytes() {
            return Err(Error::InvalidKey {
                reason: "the publicKey field does not match the private key",
            });
        }
    }
    Ok(key)
}

fn parse_pkcs8(der: &[u8]) -> Result<PrivateKeyInfoRef<'_>> {
    PrivateKeyInfoRef::from_der(der).map_err(|e| asn1("PKCS#8 private key", e))
}

/// Encodes a private key as DER PKCS#8 (OneAsymmetricKey v1, no public key
/// field) in the chosen form.
pub fn to_pkcs8_der<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<SecretDocument> {
    let body = encode_body(key, form)?;
    let pki = PrivateKeyInfoRef::new(algorithm_identifier(K::ALGORITHM)?, octets(&body)?);
    SecretDocument::encode_msg(&pki).map_err(|e| asn1("private key", e))
}

/// Encodes a private key as PEM ("PRIVATE KEY", LF line endings).
pub fn to_pkcs8_pem<K: KeyPair>(key: &K, form: PrivateKeyForm) -> Result<Zeroizing<String>> {
    to_pkcs8_der(key, form)?
        .to_pem(PRIVATE_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("private key", e))
}

/// Loads a private key from DER PKCS#8 (any of the three forms; see the
/// module documentation for the checks).
pub fn from_pkcs8_der<K: KeyPair>(der: &[u8]) -> Result<K> {
    let pki = parse_pkcs8(der)?;
    check_algorithm(&pki.algorithm, K::ALGORITHM)?;
    key_from_info(&pki)
}

/// Decodes a PEM document holding a secret, insisting on its label.
fn secret_pem_document(pem: &str, label: &str) -> Result<SecretDocument> {
    let (found, doc) = SecretDocument::from_pem(pem).map_err(|e| asn1("PEM document", e))?;
    if found != label {
        return Err(invalid(format!(
            "expected a PEM \"{label}\" document, found \"{found}\""
        )));
    }
    Ok(doc)
}

/// Loads a private key from PEM ("PRIVATE KEY").
pub fn from_pkcs8_pem<K: KeyPair>(pem: &str) -> Result<K> {
    from_pkcs8_der(secret_pem_document(pem, PRIVATE_KEY_LABEL)?.as_bytes())
}

// ---------------------------------------------------------------------------
// Encrypted PKCS#8
// ---------------------------------------------------------------------------

fn pbes2_parameters(kdf: Kdf) -> Result<pbes2::Parameters> {
    let mut salt = [0u8; 16];
    let mut iv = [0u8; 16];
    rng::fill(&mut salt)?;
    rng::fill(&mut iv)?;
    let bad = |e: pkcs8::pkcs5::Error| invalid(format!("invalid key-derivation parameters: {e}"));
    match kdf {
        Kdf::Scrypt { log_n, r, p } => {
            check_scrypt_cost(
                1u64.checked_shl(u32::from(log_n)).unwrap_or(0),
                r,
                p,
                KdfLimits::DEFAULT,
            )?;
            let params = pkcs8::pkcs5::scrypt::Params::new(log_n, r, p).map_err(|_| {
                invalid(format!(
                    "invalid scrypt parameters log_n={log_n} r={r} p={p}"
                ))
            })?;
            pbes2::Parameters::generate_scrypt_aes256cbc(params, &salt, iv).map_err(bad)
        }
        Kdf::Pbkdf2Sha256 { iterations } => {
            check_pbkdf2_cost(iterations, KdfLimits::DEFAULT)?;
            pbes2::Parameters::generate_pbkdf2_sha256_aes256cbc(iterations, &salt, iv).map_err(bad)
        }
    }
}

fn check_scrypt_cost(n: u64, r: u32, p: u32, limits: KdfLimits) -> Result<()> {
    let memory = 128u128 * u128::from(r) * u128::from(n);
    let work = u128::from(n) * u128::from(r) * u128::from(p);
    if n < 2 || !n.is_power_of_two() || r == 0 || p == 0 || p > 64 {
        return Err(invalid(format!(
            "invalid scrypt parameters N={n} r={r} p={p} (N must be a power of two >= 2, r and p >= 1, p <= 64)"
        )));
    }
    let max_memory = limits.max_scrypt_memory;
    if memory > u128::from(max_memory) {
        return Err(invalid(format!(
            "scrypt parameters N={n} r={r} need {memory} bytes, more than the limit ({max_memory})"
        )));
    }
    let max_work = limits.max_scrypt_work;
    if work > u128::from(max_work) {
        return Err(invalid(format!(
            "scrypt parameters N={n} r={r} p={p} cost N*r*p = {work}, more than the limit ({max_work})"
        )));
    }
    Ok(())
}

fn check_pbkdf2_cost(iterations: u32, limits: KdfLimits) -> Result<()> {
    let max = limits.max_pbkdf2_iterations;
    if iterations == 0 || iterations > max {
        return Err(invalid(format!(
            "PBKDF2 iteration count {iterations} is outside 1..={max}"
        )));
    }
    Ok(())
}

/// Refuses encryption schemes pqfence does not run: PBES1, and PBES2 with a
/// key derivation whose cost is zero, malformed or beyond `limits`
/// (a file must not be able to make the reader allocate gigabytes or spin).
fn check_encryption_scheme(
    scheme: &pkcs8::pkcs5::EncryptionScheme,
    limits: KdfLimits,
) -> Result<()> {
    let params = scheme.pbes2().ok_or_else(|| {
        invalid(format!(
            "unsupported key encryption {} (PBES1): only PBES2 is supported",
            scheme.oid()
        ))
    })?;
    match &params.kdf {
        pbes2::Kdf::Pbkdf2(p) => check_pbkdf2_cost(p.iteration_count, limits),
        pbes2::Kdf::Scrypt(s) => check_scrypt_cost(
            s.cost_parameter,
            u32::from(s.block_size),
            u32::from(s.parallelization),
            limits,
        ),
        _ => Err(invalid("unsupported PBES2 key-derivation function".into())),
    }
}

fn check_password(password: &[u8]) -> Result<()> {
    if password.is_empty() {
        return Err(invalid("the password must not be empty".into()));
    }
    Ok(())
}

/// Encodes a private key as DER encrypted PKCS#8 (PBES2: `kdf`, then
/// AES-256-CBC; fresh random salt and IV). A `kdf` beyond
/// [`KdfLimits::DEFAULT`] is refused, so whatever is written loads with the
/// default limits.
pub fn to_pkcs8_encrypted_der<K: KeyPair>(
    key: &K,
    form: PrivateKeyForm,
    password: &[u8],
    kdf: Kdf,
) -> Result<Document> {
    check_password(password)?;
    let params = pbes2_parameters(kdf)?;
    let plain = to_pkcs8_der(key, form)?;
    let ciphertext = params
        .encrypt(password, plain.as_bytes())
        .map_err(|e| invalid(format!("encryption failed: {e}")))?;
    let info = EncryptedPrivateKeyInfoRef {
        encryption_algorithm: params.into(),
        encrypted_data: octets(&ciphertext)?,
    };
    Document::encode_msg(&info).map_err(|e| asn1("encrypted private key", e))
}

/// Encodes a private key as PEM ("ENCRYPTED PRIVATE KEY").
pub fn to_pkcs8_encrypted_pem<K: KeyPair>(
    key: &K,
    form: PrivateKeyForm,
    password: &[u8],
    kdf: Kdf,
) -> Result<String> {
    to_pkcs8_encrypted_der(key, form, password, kdf)?
        .to_pem(ENCRYPTED_PRIVATE_KEY_LABEL, LineEnding::LF)
        .map_err(|e| asn1("encrypted private key", e))
}

/// Decrypts a DER EncryptedPrivateKeyInfo into the PKCS#8 document inside.
/// A wrong password (or corrupted ciphertext) is [`Error::Decryption`]; a
/// key derivation beyond [`KdfLimits::DEFAULT`] is refused before it runs.
pub fn decrypt_pkcs8_der(der: &[u8], password: &[u8]) -> Result<SecretDocument> {
    decrypt_pkcs8_der_with_limits(der, password, KdfLimits::DEFAULT)
}

/// [`decrypt_pkcs8_der`] with other key-derivation limits.
pub fn decrypt_pkcs8_der_with_limits(
    der: &[u8],
    password: &[u8],
    limits: KdfLimits,
) -> Result<SecretDocument> {
    let info = EncryptedPrivateKeyInfoRef::from_der(der)
        .map_err(|e| asn1("encrypted PKCS#8 private key", e))?;
    check_encryption_scheme(&info.encryption_algorithm, limits)?;
    let plain = info.decrypt(password).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::UnsupportedAlgorithm { oid }) => {
            invalid(format!("unsupported key encryption algorithm {oid}"))
        }
        pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::AlgorithmParametersInvalid {
            oid,
        }) => invalid(format!(
            "invalid parameters for key encryption algorithm {oid}"
        )),
        // Bad padding, or a plaintext that is not DER: a wrong password.
        _ => Error::Decryption,
    })?;
    // Garbage that happens to have valid padding and a SEQUENCE header is
    // still a wrong password, not a malformed key.
    if parse_pkcs8(plain.as_bytes()).is_err() {
        return Err(Error::Decryption);
    }
    Ok(plain)
}

/// Loads a private key from DER encrypted PKCS#8 ([`KdfLimits::DEFAULT`]).
pub fn from_pkcs8_encrypted_der<K: KeyPair>(der: &[u8], password: &[u8]) -> Result<K> {
    from_pkcs8_encrypted_der_with_limits(der, password, KdfLimits::DEFAULT)
}

/// [`from_pkcs8_encrypted_der`] with other key-derivation limits.
pub fn from_pkcs8_encrypted_der_with_limits<K: KeyPair>(
    der: &[u8],
    password: &[u8],
    limits: KdfLimits,
) -> Result<K> {
    from_pkcs8_der(decrypt_pkcs8_der_with_limits(der, password, limits)?.as_bytes())
}

/// Loads a private key from PEM ("ENCRYPTED PRIVATE KEY").
pub fn from_pkcs8_encrypted_pem<K: KeyPair>(pem: &str, password: &[u8]) -> Result<K> {
    from_pkcs8_encrypted_pem_with_limits(pem, password, KdfLimits::DEFAULT)
}

/// [`from_pkcs8_encrypted_pem`] with other key-derivation limits.
pub fn from_pkcs8_encrypted_pem_with_limits<K: KeyPair>(
    pem: &str,
    password: &[u8],
    limits: KdfLimits,
) -> Result<K> {
    let doc = pem_document(pem, ENCRYPTED_PRIVATE_KEY_LABEL)?;
    from_pkcs8_encrypted_der_with_limits(doc.as_bytes(), password, limits)
}

/// True when `der` is an EncryptedPrivateKeyInfo (rather than a plain
/// PrivateKeyInfo): its first element is an AlgorithmIdentifier SEQUENCE,
/// not a version INTEGER.
pub fn is_encrypted_pkcs8_der(der: &[u8]) -> bool {
    EncryptedPrivateKeyInfoRef::from_der(der).is_ok()
}

/// True when `der` is a plain (unencrypted) PKCS#8 PrivateKeyInfo.
pub fn is_plain_pkcs8_der(der: &[u8]) -> bool {
    parse_pkcs8(der).is_ok()
}

/// The label of a PEM document, if `pem` is one.
pub fn pem_label(pem: &str) -> Result<&str> {
    der::pem::decode_label(pem.as_bytes()).map_err(|e| asn1("PEM document", e))
}

// ---------------------------------------------------------------------------
// Any supported key, chosen by OID
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// The RustCrypto traits
// ---------------------------------------------------------------------------

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
/// three forms with the same checks as [`from_pkcs8_der`], but its errors are
/// `pkcs8`'s coarser ones. For encrypted keys prefer
/// [`from_pkcs8_encrypted_der`]: it bounds the key-derivation cost before
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::secret::ByteArray;

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
