//! The traditional component of a composite: what each one provides, and the
//! OS randomness adapter the crates' key generation and hedged signing take.
//!
//! Every traditional algorithm comes from a well-kept crate (RustCrypto or
//! dalek); nothing here is hand-written cryptography. Encodings follow the
//! draft's section "Serialization": EdDSA raw keys and signatures (RFC 8032),
//! ECDSA uncompressed X9.62 points, RFC 5915 ECPrivateKey (named curve, no
//! public key) and RFC 3279 Ecdsa-Sig-Value, RSA RFC 8017 RSAPublicKey /
//! RSAPrivateKey (two primes) and k-byte signatures.

use crate::error::{Error, Result};

pub(crate) use sealed::Component;

/// A traditional signature algorithm usable as a composite component
/// (sealed: the types are [`Ed25519`](super::Ed25519),
/// [`Ed448`](super::Ed448), [`EcdsaP256`](super::EcdsaP256) and the other
/// curves, and the RSA variants such as [`Rsa3072Pss`](super::Rsa3072Pss)).
pub trait Traditional: sealed::Component {}

impl<T: sealed::Component> Traditional for T {}

pub(crate) mod sealed {
    use zeroize::Zeroizing;

    use crate::error::Result;

    /// The operations and encodings of one traditional algorithm.
    pub trait Component: Send + Sync + 'static {
        /// Its name, e.g. "Ed25519", "ECDSA P-256 with SHA-256".
        const NAME: &'static str;
        /// Whether pqfence signs (and generates keys) with it.
        const CAN_SIGN: bool;
        /// Why it does not, when it does not.
        const REFUSAL: &'static str = "";
        /// The shortest and longest encoded public key.
        const PUBLIC_KEY_LEN: (usize, usize);
        /// The shortest and longest encoded signature.
        const SIGNATURE_LEN: (usize, usize);
        /// The longest private key encoding [`parse_private`](Self::parse_private)
        /// accepts.
        const PRIVATE_KEY_MAX: usize;
        /// A parsed, checked public key.
        type Public: Clone + Send + Sync;
        /// A parsed, checked private key; wiped on drop by its crate.
        type Private: Clone + Send + Sync;

        /// Parses and checks an encoded public key.
        fn parse_public(bytes: &[u8]) -> Result<Self::Public>;
        /// The public key's encoding.
        fn encode_public(key: &Self::Public) -> Result<Vec<u8>>;
        /// Parses and checks an encoded private key (its internal
        /// consistency, and an embedded public key if the encoding has one).
        fn parse_private(bytes: &[u8]) -> Result<Self::Private>;
        /// The private key's encoding, in zeroizing memory.
        fn encode_private(key: &Self::Private) -> Result<Zeroizing<Vec<u8>>>;
        /// The public key of a private key.
        fn public_of(key: &Self::Private) -> Self::Public;
        /// A fresh key from OS randomness.
        fn generate() -> Result<Self::Private>;
        /// Signs `msg` (hedged when the algorithm has a random nonce and
        /// `deterministic` is false).
        fn sign(key: &Self::Private, msg: &[u8], deterministic: bool) -> Result<Vec<u8>>;
        /// Verifies a signature; any malformed input is `InvalidSignature`.
        fn verify(key: &Self::Public, msg: &[u8], sig: &[u8]) -> Result<()>;
    }
}

/// The operating system's generator as a `rand_core` RNG, for the crates'
/// key generation and hedged signing. It reports failure as
/// [`Error::Randomness`] (never panics) and remembers it, so that a caller
/// whose crate wraps the error can tell a randomness failure from another.
#[derive(Default)]
pub(crate) struct OsRng {
    failed: bool,
}

impl OsRng {
    /// The error to report after an operation that used this RNG failed.
    pub(crate) fn error(&self) -> Error {
        if self.failed {
            Error::Randomness
        } else {
            Error::Internal { code: -112 }
        }
    }
}

impl rand_core::TryRng for OsRng {
    type Error = Error;

    fn try_next_u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<()> {
        let r = crate::rng::fill(dst);
        self.failed |= r.is_err();
        r
    }
}

impl rand_core::TryCryptoRng for OsRng {}

/// The length of a DER element (tag, length, contents) whose contents are
/// `len` bytes long (up to 65535).
pub(crate) const fn der_tlv(len: usize) -> usize {
    let header = if len < 0x80 {
        1
    } else if len < 0x100 {
        2
    } else {
        3
    };
    1 + header + len
}

/// A fixed-size copy of `bytes`, or `InvalidLength`.
pub(crate) fn array<const N: usize>(what: &'static str, bytes: &[u8]) -> Result<[u8; N]> {
    bytes.try_into().map_err(|_| Error::InvalidLength {
        what,
        expected: N,
        actual: bytes.len(),
    })
}
