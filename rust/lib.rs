//! # pqfence
//!
//! Post-quantum cryptography from the NIST standards: ML-KEM (FIPS 203),
//! ML-DSA (FIPS 204), SLH-DSA (FIPS 205) and Falcon, implemented in portable,
//! constant-time C written for this crate (`vendor/`), behind a safe Rust API.
//!
//! The Rust layer is the trusted zone: it validates every input against the
//! parameter set before the C sees it, allocates outputs with exact sizes,
//! checks every C return code, and keeps secrets in zeroize-on-drop types with
//! redacted `Debug` and constant-time equality. All randomness comes from the
//! operating system and enters the C as explicit seeds and coins.
//!
//! Building needs only a C compiler (the `cc` crate compiles `vendor/`); no
//! Python and no libclang (the FFI bindings are committed). The crate is an
//! `rlib` only; the Python extension module is built separately by maturin.
//!
//! ## Modules
//!
//! - [`mlkem`]: ML-KEM-512/768/1024 key encapsulation (FIPS 203).
//! - [`mldsa`]: ML-DSA-44/65/87 signatures (FIPS 204): pure, HashML-DSA,
//!   external mu.
//! - [`slhdsa`]: SLH-DSA signatures (FIPS 205), all twelve SHA2 and SHAKE
//!   parameter sets; pure and HashSLH-DSA.
//! - [`falcon`]: Falcon-512/1024 signatures (round-3 specification), compressed
//!   and padded.
//! - [`prehash`]: the pre-hash functions of HashML-DSA and HashSLH-DSA.
//! - [`encoding`]: SubjectPublicKeyInfo, PKCS#8, PEM, encrypted PKCS#8.
//! - [`algorithms`]: the catalogue, one row per parameter set.
//! - [`keys`]: the key traits every family implements.
//! - [`traits`]: the RustCrypto `signature` and `kem` traits, implemented
//!   (the `pkcs8` / `spki` ones are in [`encoding`]).
//! - [`backend`](mod@backend): which implementation of the C runs (portable or AVX2).
//! - [`secret`]: [`Secret`], the zeroize-on-drop container of secret bytes.
//! - [`error`]: [`Error`], every failure as a typed value (never a panic).
//!
//! Parameter sets are types (`MlKem768`, `MlDsa65`, `SlhDsaSha2_128f`,
//! `Falcon512`, ...), so a key of one set cannot be used with another.
//!
//! ## ML-KEM
//!
//! ```
//! use pqfence::mlkem::{DecapsulationKey, EncapsulationKey, MlKem768};
//!
//! let dk = DecapsulationKey::<MlKem768>::generate()?;
//! // Send the encapsulation key; loading it runs the FIPS 203 modulus check.
//! let ek = EncapsulationKey::<MlKem768>::from_bytes(dk.encapsulation_key().as_bytes())?;
//! let (shared_secret, ciphertext) = ek.encapsulate()?;
//! assert_eq!(dk.decapsulate(&ciphertext)?, shared_secret);
//!
//! // Store the 64-byte seed (d || z); it regenerates the same key.
//! let seed = dk.seed().expect("generated keys keep their seed").bytes().to_vec();
//! assert_eq!(DecapsulationKey::<MlKem768>::from_seed(&seed)?, dk);
//! # Ok::<(), pqfence::Error>(())
//! ```
//!
//! ## ML-DSA
//!
//! ```
//! use pqfence::mldsa::{MlDsa65, SigningKey};
//! use pqfence::prehash::PreHash;
//!
//! let sk = SigningKey::<MlDsa65>::generate()?;
//! let vk = sk.verifying_key();
//! let sig = sk.sign(b"message", b"app-v1")?; // hedged; the context may be empty
//! vk.verify(b"message", b"app-v1", sig.as_bytes())?;
//! assert_eq!(
//!     vk.verify(b"tampered", b"app-v1", sig.as_bytes()),
//!     Err(pqfence::Error::InvalidSignature)
//! );
//!
//! // HashML-DSA, and external mu for a message that arrives in pieces.
//! let ph = sk.sign_prehash(PreHash::Sha512, b"large document", b"", false)?;
//! vk.verify_prehash(PreHash::Sha512, b"large document", b"", ph.as_bytes())?;
//! let mut mu = vk.mu_builder(b"app-v1")?;
//! mu.update(b"streamed ");
//! mu.update(b"message");
//! let streamed = sk.sign_mu(&mu.finalize(), false)?;
//! vk.verify(b"streamed message", b"app-v1", streamed.as_bytes())?;
//! # Ok::<(), pqfence::Error>(())
//! ```
//!
//! ## SLH-DSA
//!
//! ```
//! use pqfence::slhdsa::{SigningKey, SlhDsaSha2_128f, VerifyingKey};
//!
//! let sk = SigningKey::<SlhDsaSha2_128f>::generate()?;
//! // Every signature is verified before it is returned (fault protection).
//! let sig = sk.sign(b"message", b"app-v1")?;
//! assert_eq!(sig.as_bytes().len(), 17088);
//! let vk = VerifyingKey::<SlhDsaSha2_128f>::from_bytes(sk.verifying_key().as_bytes())?;
//! vk.verify(b"message", b"app-v1", sig.as_bytes())?;
//! # Ok::<(), pqfence::Error>(())
//! ```
//!
//! ## Falcon
//!
//! ```
//! use pqfence::falcon::{Falcon512, Falcon512Padded, SigningKey};
//!
//! // Falcon takes no context. Compressed signatures vary in length...
//! let sk = SigningKey::<Falcon512>::generate()?;
//! let sig = sk.sign(b"message")?;
//! sk.verifying_key().verify(b"message", sig.as_bytes())?;
//! assert!(sig.as_bytes().len() <= 752);
//!
//! // ...padded ones have a fixed length. A 48-byte seed fixes the key.
//! let padded = SigningKey::<Falcon512Padded>::from_seed(&[7u8; 48])?;
//! let sig = padded.sign(b"message")?;
//! assert_eq!(sig.as_bytes().len(), 666);
//! padded.verifying_key().verify(b"message", sig.as_bytes())?;
//! # Ok::<(), pqfence::Error>(())
//! ```
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod algorithms;
pub mod backend;
pub mod composite;
pub mod encoding;
pub mod error;
pub mod falcon;
mod ffi;
pub mod hpke;
pub mod hybrid;
// The catalogue (`algorithms.rs`) reaches every family's `declare!` as
// `crate::<family>::declare!`; the hybrid families live in `hybrid`.
use hybrid::{composite_kem, xwing};
pub mod keys;
pub mod mldsa;
pub mod mlkem;
pub mod prehash;
#[cfg(feature = "python")]
mod python;
mod rng;
pub mod secret;
pub mod slhdsa;
pub mod traits;

pub use backend::{backend, Backend};
pub use error::{Error, Result};
pub use secret::{ByteArray, Secret};

/// Test hooks (fault injection); only with the `test-hooks` feature.
#[cfg(any(test, feature = "test-hooks"))]
pub mod hooks;

/// The README, compiled as a doctest (its code blocks name their language;
/// the Rust examples are on the documentation site's pages, below).
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The documentation site's Rust examples (docs/), compiled and run as
/// doctests; the pages' other code blocks name their language and are skipped.
#[cfg(doctest)]
pub mod docs_doctests {
    /// docs/quickstart.md
    #[doc = include_str!("../docs/quickstart.md")]
    pub struct Quickstart;
    /// docs/key-formats.md
    #[doc = include_str!("../docs/key-formats.md")]
    pub struct KeyFormats;
    /// docs/hpke.md
    #[doc = include_str!("../docs/hpke.md")]
    pub struct Hpke;
    /// docs/rust.md
    #[doc = include_str!("../docs/rust.md")]
    pub struct Rust;
}
