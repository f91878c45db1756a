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
//! Modules: [`mlkem`] (key encapsulation), [`mldsa`] (signatures),
//! [`prehash`] (the pre-hash functions of HashML-DSA and HashSLH-DSA),
//! [`encoding`] (SubjectPublicKeyInfo, PKCS#8, PEM, encrypted PKCS#8).
#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod encoding;
pub mod error;
pub mod falcon;
mod ffi;
pub mod mldsa;
pub mod mlkem;
pub mod prehash;
#[cfg(feature = "python")]
mod python;
mod rng;
pub mod secret;
pub mod slhdsa;

pub use error::{Error, Result};
pub use secret::{ByteArray, Secret};

/// Test hooks (fault injection); only with the `test-hooks` feature.
#[cfg(any(test, feature = "test-hooks"))]
pub mod hooks;

/// The README's Rust example, compiled and run as a doctest.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
