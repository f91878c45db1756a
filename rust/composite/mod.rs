//! Composite ML-DSA: ML-DSA paired with a traditional signature under one
//! OID, one key and one signature (draft-ietf-lamps-pq-composite-sigs, the
//! IETF LAMPS "Composite ML-DSA for use in X.509 PKI"). A composite
//! signature is valid only when both halves are, so a certificate signed
//! with it stays secure while either algorithm stands.
//!
//! # The construction
//!
//! ```text
//! M'        = Prefix || Label || len(ctx) || ctx || PH(M)
//! signature = ML-DSA.Sign(sk_mldsa, M', ctx = Label) || Trad.Sign(sk_trad, M')
//! ```
//!
//! `Prefix` is "CompositeAlgorithmSignatures2025", `Label` is the algorithm's
//! signature label (`COMPSIG-...`), `ctx` the application context (at most
//! 255 bytes) and `PH` the algorithm's pre-hash (SHA-256, SHA-512 or
//! SHAKE256/64). Keys and signatures are the concatenation of the halves'
//! encodings ([`keys`]); the ML-DSA private key is its 32-byte seed. The
//! ML-DSA half is pqfence's own ([`crate::mldsa`], constant time, hedged);
//! the traditional half comes from a well-kept crate.
//!
//! # The eighteen algorithms
//!
//! | Algorithm | OID 1.3.6.1.5.5.7.6. | Traditional half (crate) | Sign |
//! |---|---|---|---|
//! | MLDSA44-RSA2048-PSS-SHA256 | 37 | RSASSA-PSS SHA-256 (`rsa`) | verify only |
//! | MLDSA44-RSA2048-PKCS15-SHA256 | 38 | RSASSA-PKCS1-v1_5 SHA-256 (`rsa`) | verify only |
//! | MLDSA44-Ed25519-SHA512 | 39 | Ed25519 (`ed25519-dalek`) | yes |
//! | MLDSA44-ECDSA-P256-SHA256 | 40 | ECDSA P-256 SHA-256 (`p256`) | yes |
//! | MLDSA65-RSA3072-PSS-SHA512 | 41 | RSASSA-PSS SHA-256 (`rsa`) | verify only |
//! | MLDSA65-RSA3072-PKCS15-SHA512 | 42 | RSASSA-PKCS1-v1_5 SHA-256 (`rsa`) | verify only |
//! | MLDSA65-RSA4096-PSS-SHA512 | 43 | RSASSA-PSS SHA-384 (`rsa`) | verify only |
//! | MLDSA65-RSA4096-PKCS15-SHA512 | 44 | RSASSA-PKCS1-v1_5 SHA-384 (`rsa`) | verify only |
//! | MLDSA65-ECDSA-P256-SHA512 | 45 | ECDSA P-256 SHA-256 (`p256`) | yes |
//! | MLDSA65-ECDSA-P384-SHA512 | 46 | ECDSA P-384 SHA-384 (`p384`) | yes |
//! | MLDSA65-ECDSA-brainpoolP256r1-SHA512 | 47 | ECDSA brainpoolP256r1 SHA-256 (`bp256`) | yes |
//! | MLDSA65-Ed25519-SHA512 | 48 | Ed25519 (`ed25519-dalek`) | yes |
//! | MLDSA87-ECDSA-P384-SHA512 | 49 | ECDSA P-384 SHA-384 (`p384`) | yes |
//! | MLDSA87-ECDSA-brainpoolP384r1-SHA512 | 50 | ECDSA brainpoolP384r1 SHA-384 (`bp384`) | yes |
//! | MLDSA87-Ed448-SHAKE256 | 51 | Ed448 (`ed448-goldilocks`) | yes |
//! | MLDSA87-RSA3072-PSS-SHA512 | 52 | RSASSA-PSS SHA-256 (`rsa`) | verify only |
//! | MLDSA87-RSA4096-PSS-SHA512 | 53 | RSASSA-PSS SHA-384 (`rsa`) | verify only |
//! | MLDSA87-ECDSA-P521-SHA512 | 54 | ECDSA P-521 SHA-512 (`p521`) | yes |
//!
//! **RSA composites verify and load keys, but do not sign or generate
//! keys**: see [`rsa::RSA_SIGNING_REFUSED`]. They return
//! [`Error::UnsupportedAlgorithm`](crate::Error::UnsupportedAlgorithm).
//!
//! # Crate choices and advisory checks
//!
//! Checked against the RustSec advisory database and the crates' own
//! security notes when this module was written:
//!
//! - `ed25519-dalek` 3.0 (dalek-cryptography): no open advisory (the old
//!   RUSTSEC-2022-0093 key-pair oracle was fixed in 2.0; this API takes no
//!   separate public key when signing).
//! - `ed448-goldilocks` 0.14.0-pre.15 (RustCrypto): the only maintained Ed448
//!   with signing; no advisory. It is a pre-release (the last stable
//!   release, 0.9, predates RustCrypto's maintenance and has no signing), so
//!   it is pinned exactly; its README says it has not been audited.
//! - `ecdsa` 0.17 with `p256`, `p384`, `p521` 0.14 (RustCrypto): no open
//!   advisory; their READMEs warn that the curve arithmetic was never
//!   independently audited (designed to be constant time with `subtle`).
//! - `bp256` / `bp384` 0.14 (RustCrypto): arithmetic and ECDSA now offered
//!   (earlier versions had none); no advisory; no audit either.
//! - `rsa` 0.10.0 (RustCrypto): RUSTSEC-2023-0071 (Marvin attack, timing of
//!   the private-key operation) lists no patched version, although the 0.10
//!   release notes report the side channels found so far as fixed and
//!   constant-time hardening continues. pqfence uses it for public-key
//!   operations only (verification, key parsing and checking); signing stays
//!   refused until the advisory records a patched release.
//!
//! # Example
//!
//! ```
//! use pqfence::composite::{MlDsa65EcdsaP256Sha512, SigningKey, VerifyingKey};
//!
//! let sk = SigningKey::<MlDsa65EcdsaP256Sha512>::generate()?;
//! let tbs = b"a to-be-signed certificate body";
//! let sig = sk.sign(tbs, b"")?;
//! let pk = VerifyingKey::<MlDsa65EcdsaP256Sha512>::from_bytes(sk.verifying_key().as_bytes())?;
//! pk.verify(tbs, b"", sig.as_bytes())?;
//! assert!(pk.verify(b"another body", b"", sig.as_bytes()).is_err());
//!
//! // Keys travel as PKCS#8 and SubjectPublicKeyInfo, like any other.
//! let pem = pqfence::composite::encoding::to_pkcs8_pem(&sk)?;
//! let again = pqfence::composite::encoding::from_pkcs8_pem::<MlDsa65EcdsaP256Sha512>(&pem)?;
//! assert_eq!(again, sk);
//! # Ok::<(), pqfence::Error>(())
//! ```

mod any;
mod ecdsa;
mod eddsa;
pub mod encoding;
pub mod keys;
pub mod message;
pub mod params;
pub mod rsa;
pub mod traditional;

pub use self::any::{AnySigningKey, AnyVerifyingKey};
pub use self::ecdsa::{
    EcdsaBrainpoolP256r1, EcdsaBrainpoolP384r1, EcdsaP256, EcdsaP384, EcdsaP521,
};
pub use self::eddsa::{Ed25519, Ed448};
pub use self::rsa::{
    Rsa2048Pkcs15, Rsa2048Pss, Rsa3072Pkcs15, Rsa3072Pss, Rsa4096Pkcs15, Rsa4096Pss,
};
pub use keys::{prehash, prehasher, Signature, SigningKey, VerifyingKey};
pub use message::{message_representative, MessageHasher, MAX_CONTEXT_LEN, PREFIX};
pub(crate) use params::declare;
pub use params::{
    algorithm_by_name, algorithm_by_oid, CompositeAlgorithm, CompositeParams, ALGORITHMS,
};
pub use params::{
    MlDsa44EcdsaP256Sha256, MlDsa44Ed25519Sha512, MlDsa44Rsa2048Pkcs15Sha256,
    MlDsa44Rsa2048PssSha256, MlDsa65EcdsaBrainpoolP256r1Sha512, MlDsa65EcdsaP256Sha512,
    MlDsa65EcdsaP384Sha512, MlDsa65Ed25519Sha512, MlDsa65Rsa3072Pkcs15Sha512,
    MlDsa65Rsa3072PssSha512, MlDsa65Rsa4096Pkcs15Sha512, MlDsa65Rsa4096PssSha512,
    MlDsa87EcdsaBrainpoolP384r1Sha512, MlDsa87EcdsaP384Sha512, MlDsa87EcdsaP521Sha512,
    MlDsa87Ed448Shake256, MlDsa87Rsa3072PssSha512, MlDsa87Rsa4096PssSha512,
};
pub use traditional::Traditional;
