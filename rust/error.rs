//! The one error type of pqfence. It carries what went wrong and never any
//! secret: messages name the input and the sizes, not its bytes.

use core::fmt;

/// Everything that can go wrong in pqfence.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// An input has the wrong length for the parameter set.
    InvalidLength {
        /// Which input (for example "ML-KEM-768 encapsulation key").
        what: &'static str,
        /// The length the parameter set requires (or the maximum, for
        /// variable-length inputs).
        expected: usize,
        /// The length that was given.
        actual: usize,
    },
    /// A key failed a validity check: the FIPS 203 section 7 input checks,
    /// out-of-range coefficients, a stored hash that does not match, a
    /// malformed encoding, a seed and expanded key that disagree.
    InvalidKey {
        /// Which key and which check failed.
        reason: &'static str,
    },
    /// A signature context is longer than 255 bytes (FIPS 204 / 205).
    ContextTooLong {
        /// The length that was given.
        actual: usize,
    },
    /// A signature did not verify, or was not canonically encoded.
    InvalidSignature,
    /// A name did not match any algorithm or pre-hash function pqfence ships.
    UnknownAlgorithm {
        /// The name that was given.
        name: String,
    },
    /// The algorithm is known but this operation is not offered for it, and
    /// the reason is a deliberate choice (for example, RSA signing inside a
    /// composite, while the only RSA implementation at hand has an open
    /// timing advisory).
    UnsupportedAlgorithm {
        /// The algorithm (for example "MLDSA65-RSA3072-PSS-SHA512").
        algorithm: &'static str,
        /// Why the operation is refused.
        reason: &'static str,
    },
    /// A key file or key encoding is malformed or not what was asked for:
    /// bad DER or PEM, a wrong OID, parameters where none belong, an
    /// unsupported encryption scheme, an invalid encoding choice.
    InvalidEncoding {
        /// What is wrong with it.
        reason: String,
    },
    /// An encrypted private key could not be decrypted: a wrong password, or
    /// corrupted ciphertext.
    Decryption,
    /// The operating system's random number generator failed.
    Randomness,
    /// AEAD decryption failed (HPKE `OpenError`): a wrong key, a tampered
    /// ciphertext, or a different `info`, `aad` or PSK than the sender's.
    InvalidTag,
    /// An HPKE context's sequence number would overflow
    /// (`MessageLimitReachedError`); the context can seal or open no more.
    MessageLimitReached,
    /// An argument is not allowed in this combination: an HPKE mode the KEM
    /// does not support, inconsistent PSK inputs (RFC 9180 section 5.1), a
    /// PSK shorter than 32 bytes, sealing with the export-only AEAD.
    InvalidParameter {
        /// What is wrong.
        reason: &'static str,
    },
    /// A freshly generated key failed its pairwise consistency check
    /// (encapsulate/decapsulate or sign/verify): a fault in key generation.
    /// The key was wiped and not returned.
    PairwiseConsistency {
        /// The parameter set.
        algorithm: &'static str,
    },
    /// The C layer reported an unexpected code, or an output failed its
    /// post-condition checks (for example it was left all zero). Report it: it
    /// indicates a bug or a fault, not bad input.
    Internal {
        /// The C return code or a pqfence-specific code.
        code: i32,
    },
}

/// `Result` with pqfence's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidLength {
                what,
                expected,
                actual,
            } => write!(f, "{what} must be {expected} bytes, got {actual}"),
            Error::InvalidKey { reason } => write!(f, "invalid key: {reason}"),
            Error::ContextTooLong { actual } => {
                write!(f, "context must be at most 255 bytes, got {actual}")
            }
            Error::InvalidSignature => f.write_str("signature verification failed"),
            Error::UnknownAlgorithm { name } => write!(f, "unknown algorithm {name:?}"),
            Error::UnsupportedAlgorithm { algorithm, reason } => {
                write!(f, "{algorithm}: operation not supported: {reason}")
            }
            Error::InvalidEncoding { reason } => write!(f, "invalid key encoding: {reason}"),
            Error::Decryption => f.write_str(
                "could not decrypt the private key: wrong password, or corrupted data",
            ),
            Error::Randomness => f.write_str("the operating system's random generator failed"),
            Error::InvalidTag => f.write_str(
                "decryption failed: wrong key, tampered ciphertext, or different info/aad/PSK",
            ),
            Error::MessageLimitReached => {
                f.write_str("the HPKE context reached its message limit (sequence number overflow)")
            }
            Error::InvalidParameter { reason } => write!(f, "invalid parameter: {reason}"),
            Error::PairwiseConsistency { algorithm } => write!(
                f,
                "{algorithm} key generation failed its pairwise consistency check; the key was discarded"
            ),
            Error::Internal { code } => write!(f, "internal error (code {code}); please report it"),
        }
    }
}

impl std::error::Error for Error {}

/// Checks an input's length, naming the input in the error.
pub(crate) fn check_len(what: &'static str, expected: usize, bytes: &[u8]) -> Result<()> {
    if bytes.len() == expected {
        Ok(())
    } else {
        Err(Error::InvalidLength {
            what,
            expected,
            actual: bytes.len(),
        })
    }
}
