//! Password-encrypted PKCS#8 (EncryptedPrivateKeyInfo, RFC 5958 section 3)
//! with PBES2 (RFC 8018): scrypt (RFC 7914) or PBKDF2-HMAC-SHA-256, then
//! AES-256-CBC. The key derivation's cost is checked against [`KdfLimits`]
//! before it runs.

use der::Decode;
use pkcs8::pkcs5::pbes2;
use pkcs8::EncryptedPrivateKeyInfoRef;

use super::pkcs8::{from_pkcs8_der, octets, parse_pkcs8, to_pkcs8_der};
use super::{
    asn1, invalid, pem_document, Document, Kdf, KeyPair, LineEnding, PrivateKeyForm,
    SecretDocument, ENCRYPTED_PRIVATE_KEY_LABEL,
};
use crate::error::{Error, Result};
use crate::rng;

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
