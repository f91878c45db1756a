//! Hybrid (post-quantum + traditional) KEMs.
//!
//! - [`xwing`]: X-Wing (draft-connolly-cfrg-xwing-kem) = MLKEM768-X25519, and
//!   the two other concrete hybrids of draft-irtf-cfrg-concrete-hybrid-kems,
//!   MLKEM768-P256 and MLKEM1024-P384 (the KEMs of draft-ietf-hpke-pq).
//! - [`composite_kem`]: Composite ML-KEM (draft-ietf-lamps-pq-composite-kem),
//!   the X.509 / CMS hybrids, with their OIDs, PKCS#8 and SubjectPublicKeyInfo.
//!
//! The ML-KEM half is pqfence's own; the traditional half comes from
//! well-kept crates: X25519 from `aws-lc-rs` (AWS-LC's formally verified
//! s2n-bignum ladder), X448 and the prime curves from RustCrypto (`x448`,
//! `p256`, `p384`, `p521`, `bp256`, `bp384`), and SHA-3 from `sha3`.

pub mod composite_kem;
pub(crate) mod der;
pub(crate) mod group;
pub mod xwing;

pub use xwing::{
    Ciphertext, DecapsulationKey, EncapsulationKey, HybridParams, MlKem1024P384, MlKem768P256,
    MlKem768X25519, Seed, XWingCiphertext, XWingDecapsulationKey, XWingEncapsulationKey,
};
