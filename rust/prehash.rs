//! The pre-hash functions FIPS 204 (section 5.4) and FIPS 205 (section 10.2)
//! allow for HashML-DSA and HashSLH-DSA, and the message prefix of the
//! external (pure and pre-hash) interfaces that both standards share.

use crate::error::{Error, Result};
use crate::ffi::{Keccak, Sha256, Sha512, Sha512Variant};

/// A pre-hash function for HashML-DSA / HashSLH-DSA.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PreHash {
    /// SHA-224 (FIPS 180-4).
    Sha224,
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// SHA-512/224.
    Sha512_224,
    /// SHA-512/256.
    Sha512_256,
    /// SHA3-224 (FIPS 202).
    Sha3_224,
    /// SHA3-256.
    Sha3_256,
    /// SHA3-384.
    Sha3_384,
    /// SHA3-512.
    Sha3_512,
    /// SHAKE128 with 256 bits of output.
    Shake128,
    /// SHAKE256 with 512 bits of output.
    Shake256,
}

impl PreHash {
    /// Every pre-hash function, in the order of their OIDs.
    pub const ALL: [PreHash; 12] = [
        PreHash::Sha256,
        PreHash::Sha384,
        PreHash::Sha512,
        PreHash::Sha224,
        PreHash::Sha512_224,
        PreHash::Sha512_256,
        PreHash::Sha3_224,
        PreHash::Sha3_256,
        PreHash::Sha3_384,
        PreHash::Sha3_512,
        PreHash::Shake128,
        PreHash::Shake256,
    ];

    /// The conventional name ("SHA-256", "SHA3-256", "SHAKE128", ...).
    pub fn name(self) -> &'static str {
        match self {
            PreHash::Sha224 => "SHA-224",
            PreHash::Sha256 => "SHA-256",
            PreHash::Sha384 => "SHA-384",
            PreHash::Sha512 => "SHA-512",
            PreHash::Sha512_224 => "SHA-512/224",
            PreHash::Sha512_256 => "SHA-512/256",
            PreHash::Sha3_224 => "SHA3-224",
            PreHash::Sha3_256 => "SHA3-256",
            PreHash::Sha3_384 => "SHA3-384",
            PreHash::Sha3_512 => "SHA3-512",
            PreHash::Shake128 => "SHAKE128",
            PreHash::Shake256 => "SHAKE256",
        }
    }

    /// Looks a function up by name, ignoring case and the separators `-`, `_`,
    /// `/` and spaces: "SHA-256", "sha256", "SHA2-256", "sha512-224",
    /// "SHA3-256", "shake128" all work.
    pub fn from_name(name: &str) -> Result<Self> {
        let norm: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '/' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        Ok(match norm.as_str() {
            "sha224" | "sha2224" => PreHash::Sha224,
            "sha256" | "sha2256" => PreHash::Sha256,
            "sha384" | "sha2384" => PreHash::Sha384,
            "sha512" | "sha2512" => PreHash::Sha512,
            "sha512224" | "sha2512224" => PreHash::Sha512_224,
            "sha512256" | "sha2512256" => PreHash::Sha512_256,
            "sha3224" => PreHash::Sha3_224,
            "sha3256" => PreHash::Sha3_256,
            "sha3384" => PreHash::Sha3_384,
            "sha3512" => PreHash::Sha3_512,
            "shake128" => PreHash::Shake128,
            "shake256" => PreHash::Shake256,
            _ => {
                return Err(Error::UnknownAlgorithm {
                    name: name.to_string(),
                })
            }
        })
    }

    /// The DER encoding of the function's OID (2.16.840.1.101.3.4.2.x), as
    /// FIPS 204 Algorithm 4 and FIPS 205 Algorithm 23 put it in M'.
    pub fn oid_der(self) -> [u8; 11] {
        let last = match self {
            PreHash::Sha256 => 1,
            PreHash::Sha384 => 2,
            PreHash::Sha512 => 3,
            PreHash::Sha224 => 4,
            PreHash::Sha512_224 => 5,
            PreHash::Sha512_256 => 6,
            PreHash::Sha3_224 => 7,
            PreHash::Sha3_256 => 8,
            PreHash::Sha3_384 => 9,
            PreHash::Sha3_512 => 10,
            PreHash::Shake128 => 11,
            PreHash::Shake256 => 12,
        };
        [
            0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last,
        ]
    }

    /// The digest length in bytes (SHAKE128: 32, SHAKE256: 64).
    pub fn digest_len(self) -> usize {
        match self {
            PreHash::Sha224 | PreHash::Sha512_224 | PreHash::Sha3_224 => 28,
            PreHash::Sha256 | PreHash::Sha512_256 | PreHash::Sha3_256 | PreHash::Shake128 => 32,
            PreHash::Sha384 | PreHash::Sha3_384 => 48,
            PreHash::Sha512 | PreHash::Sha3_512 | PreHash::Shake256 => 64,
        }
    }

    /// A streaming hasher for this function.
    pub fn hasher(self) -> PreHasher {
        let state = match self {
            PreHash::Sha224 => State::Sha256(Sha256::new(true)),
            PreHash::Sha256 => State::Sha256(Sha256::new(false)),
            PreHash::Sha384 => State::Sha512(Sha512::new(Sha512Variant::Sha384)),
            PreHash::Sha512 => State::Sha512(Sha512::new(Sha512Variant::Sha512)),
            PreHash::Sha512_224 => State::Sha512(Sha512::new(Sha512Variant::Sha512_224)),
            PreHash::Sha512_256 => State::Sha512(Sha512::new(Sha512Variant::Sha512_256)),
            PreHash::Sha3_224 => State::Keccak(Keccak::sha3(28)),
            PreHash::Sha3_256 => State::Keccak(Keccak::sha3(32)),
            PreHash::Sha3_384 => State::Keccak(Keccak::sha3(48)),
            PreHash::Sha3_512 => State::Keccak(Keccak::sha3(64)),
            PreHash::Shake128 => State::Keccak(Keccak::shake128()),
            PreHash::Shake256 => State::Keccak(Keccak::shake256()),
        };
        PreHasher { alg: self, state }
    }

    /// The digest of `msg`.
    pub fn digest(self, msg: &[u8]) -> Vec<u8> {
        let mut h = self.hasher();
        h.update(msg);
        h.finalize()
    }

    /// Checks that a caller-supplied digest has this function's length.
    pub(crate) fn check_digest(self, digest: &[u8]) -> Result<()> {
        crate::error::check_len("pre-hash digest", self.digest_len(), digest)
    }
}

enum State {
    Sha256(Sha256),
    Sha512(Sha512),
    Keccak(Keccak),
}

/// A streaming pre-hash: feed a message of any size in pieces.
pub struct PreHasher {
    alg: PreHash,
    state: State,
}

impl PreHasher {
    /// Absorbs more of the message.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.state {
            State::Sha256(h) => h.update(data),
            State::Sha512(h) => h.update(data),
            State::Keccak(h) => h.absorb(data),
        }
    }

    /// The digest.
    pub fn finalize(self) -> Vec<u8> {
        match self.state {
            State::Sha256(h) => h.finalize(),
            State::Sha512(h) => h.finalize(),
            State::Keccak(mut h) => {
                let mut out = vec![0u8; self.alg.digest_len()];
                h.squeeze(&mut out);
                out
            }
        }
    }

    /// The function this hasher computes.
    pub fn algorithm(&self) -> PreHash {
        self.alg
    }
}

/// The prefix of M' for the external interfaces (FIPS 204 Algorithms 2 and 4,
/// FIPS 205 Algorithms 22 and 23): `0x00 || |ctx| || ctx` for pure signing, or
/// `0x01 || |ctx| || ctx || OID(PH)` for pre-hash signing, to which the caller
/// appends the message or its digest.
pub(crate) fn message_prefix(ctx: &[u8], ph: Option<PreHash>) -> Result<Vec<u8>> {
    let len = u8::try_from(ctx.len()).map_err(|_| Error::ContextTooLong { actual: ctx.len() })?;
    let mut out = Vec::with_capacity(2 + ctx.len() + 11);
    out.push(u8::from(ph.is_some()));
    out.push(len);
    out.extend_from_slice(ctx);
    if let Some(ph) = ph {
        out.extend_from_slice(&ph.oid_der());
    }
    Ok(out)
}
