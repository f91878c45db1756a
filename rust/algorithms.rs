//! The catalogue: every parameter set pqfence offers, each declared once.
//!
//! One row of the `table!` invocation at the end of this file holds a set's
//! Rust type, the standard's name, its C prefix, its Python class stem and
//! its OID. From that row the family's `declare!` macro builds the parameter
//! type and its data (sizes taken from the C header's macros, through the
//! prefix), the table of C entry points the FFI calls (`pqf_<prefix>_*`), the
//! catalogue entry [`Algorithm`], and, with feature `python`, the two Python
//! classes. The table then builds [`ALGORITHMS`], the key registry of
//! [`crate::encoding`] ([`AnyPrivateKey`],
//! dispatch by OID) and the Python module's class list and
//! `_native.ALGORITHMS` records, from which `pqfence.registry`,
//! `pqfence.serialization` and the stubs are derived.
//!
//! Adding a parameter set of an existing family is one row here, plus the C
//! for it: the family's `params.h` case and the one-line declaration in its
//! header. The hybrid KEM families (`xwing`, `composite_kem`, in
//! `crate::hybrid`) and Composite ML-DSA (`composite`, in `crate::composite`)
//! have no C of their own (`c: none`, which build.rs and the assurance
//! harness skip): a new set of a known curve or traditional half is this row
//! alone; its fields (the ML-KEM set `pq`, the DH `group`, the combiner
//! `label`; the ML-DSA set, the traditional half `trad`, the pre-hash `ph`,
//! ...) are what the family's `declare!` reads. A new family brings its
//! `declare!` macro and [`KeyPair`](crate::keys::KeyPair) impls beside its
//! code, and one Python hook in `rust/python/`. The Python class names follow
//! one scheme: the standard's family name without hyphens, then the set
//! (`MLKEM768`, `MLDSA65`, `Falcon512`, `FalconPadded512`,
//! `SLHDSA_SHA2_128s`: an underscore when the set part starts with a letter;
//! a composite's stem is the draft's name with underscores for hyphens).

use pkcs8::ObjectIdentifier;

/// What an algorithm's keys are for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// A key-encapsulation mechanism (ML-KEM, the hybrids).
    Kem,
    /// A signature scheme (ML-DSA, SLH-DSA, Falcon, Composite ML-DSA).
    Signature,
}

/// How an algorithm's private key sits in the PKCS#8 `privateKey` OCTET
/// STRING (see [`crate::encoding`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PrivateKeyShape {
    /// The LAMPS ML-KEM / ML-DSA CHOICE of `seed [0]`, `expandedKey` or
    /// `both`, with the two lengths in bytes.
    SeedOrExpanded {
        /// Seed length (64 for ML-KEM, 32 for ML-DSA).
        seed: usize,
        /// Expanded key length.
        expanded: usize,
    },
    /// The key bytes themselves, with no inner encoding (SLH-DSA, RFC 9909:
    /// SK.seed || SK.prf || PK.seed || PK.root).
    Raw {
        /// Key length in bytes.
        len: usize,
    },
    /// The seed itself, with no inner encoding (X-Wing: the 32-byte
    /// decapsulation key). A key without its seed has no PKCS#8 form.
    Seed {
        /// Seed length in bytes.
        len: usize,
    },
    /// No PKCS#8 form (Falcon, MLKEM768-P256: no OID is assigned; keys are
    /// raw bytes).
    None,
}

/// One parameter set: its names, OID and sizes in bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Algorithm {
    /// The standard's name, e.g. "ML-KEM-768".
    pub name: &'static str,
    /// The document that defines it, e.g. "FIPS 203".
    pub standard: &'static str,
    /// KEM or signature.
    pub kind: KeyKind,
    /// The AlgorithmIdentifier OID (parameters absent), when one is assigned.
    pub oid: Option<ObjectIdentifier>,
    /// The Python class stem: `<stem>PrivateKey` / `<stem>PublicKey`.
    pub python_name: &'static str,
    /// Public key length.
    pub public_key_len: usize,
    /// Private key length (the standard's expanded form).
    pub private_key_len: usize,
    /// Seed length (the compact private key form).
    pub seed_len: usize,
    /// Ciphertext length (KEMs), or the maximum signature length.
    pub output_len: usize,
    /// Shared secret length (KEMs; 0 for signatures).
    pub shared_secret_len: usize,
    /// The private key's PKCS#8 encoding.
    pub private_key: PrivateKeyShape,
}

/// A parameter set's catalogue entry (every parameter type implements it).
pub trait AlgorithmId {
    /// The entry in [`ALGORITHMS`].
    const ALGORITHM: &'static Algorithm;
}

/// The entry with this name (exact, as the standard spells it).
pub fn algorithm_by_name(name: &str) -> Option<&'static Algorithm> {
    ALGORITHMS.iter().copied().find(|a| a.name == name)
}

/// The entry with this OID.
pub fn algorithm_by_oid(oid: &ObjectIdentifier) -> Option<&'static Algorithm> {
    ALGORITHMS
        .iter()
        .copied()
        .find(|a| a.oid.as_ref() == Some(oid))
}

/// `Some(OID)` from a dotted string, or `None` for `none`.
macro_rules! oid {
    (none) => {
        None
    };
    ($s:literal) => {
        Some(::pkcs8::ObjectIdentifier::new_unwrap($s))
    };
}
pub(crate) use oid;

/// The catalogue, grouped by family. `keyed` families have PKCS#8 and
/// SubjectPublicKeyInfo forms and join the any-key registry (a row of a keyed
/// family with `oid: none`, such as MLKEM768-P256, has a variant in the
/// registry's enums, but no file loads as it); `raw` families have raw keys
/// only. Each family's rows become a module here (re-exported
/// by the family's own module, e.g. `crate::mlkem::MlKem768`).
macro_rules! table {
    (
        keyed { $($kfam:ident { $($kt:ident { $($krow:tt)* })* })* }
        raw { $($rfam:ident { $($rt:ident { $($rrow:tt)* })* })* }
    ) => {
        $(
            #[doc = concat!("The parameter sets of [`crate::", stringify!($kfam), "`].")]
            pub mod $kfam {
                $( crate::$kfam::declare!($kt { $($krow)* }); )*

                /// Calls `$m! { Type, ... }` with the family's types, in
                /// catalogue order (for code written once per set).
                #[allow(unused_macros)]
                macro_rules! for_each_set {
                    ($m:ident) => { $m! { $($kt),* } };
                }
                #[allow(unused_imports)]
                pub(crate) use for_each_set;
            }
        )*
        $(
            #[doc = concat!("The parameter sets of [`crate::", stringify!($rfam), "`].")]
            pub mod $rfam {
                $( crate::$rfam::declare!($rt { $($rrow)* }); )*
            }
        )*

        /// Every parameter set, in a stable order (by family, then security).
        pub static ALGORITHMS: &[&Algorithm] = &[
            $( $( <$kfam::$kt as AlgorithmId>::ALGORITHM, )* )*
            $( $( <$rfam::$rt as AlgorithmId>::ALGORITHM, )* )*
        ];

        crate::encoding::key_registry!($( $( $kt => $kfam::$kt, )* )*);

        #[cfg(feature = "python")]
        crate::python::module_table!(
            keyed: $( $( $kfam $kt, )* )* ;
            raw: $( $( $rfam $rt, )* )*
        );
    };
}

table! {
    keyed {
        mlkem {
            MlKem512 {
                /// ML-KEM-512 (NIST security category 1).
                name: "ML-KEM-512", py: MLKEM512, oid: "2.16.840.1.101.3.4.4.1",
                c: mlkem512, cdef: "PQF_MLKEM_K=2",
            }
            MlKem768 {
                /// ML-KEM-768 (NIST security category 3), the recommended default.
                name: "ML-KEM-768", py: MLKEM768, oid: "2.16.840.1.101.3.4.4.2",
                c: mlkem768, cdef: "PQF_MLKEM_K=3",
            }
            MlKem1024 {
                /// ML-KEM-1024 (NIST security category 5).
                name: "ML-KEM-1024", py: MLKEM1024, oid: "2.16.840.1.101.3.4.4.3",
                c: mlkem1024, cdef: "PQF_MLKEM_K=4",
            }
        }
        mldsa {
            MlDsa44 {
                /// ML-DSA-44 (NIST security category 2).
                name: "ML-DSA-44", py: MLDSA44, oid: "2.16.840.1.101.3.4.3.17",
                c: mldsa44, cdef: "PQF_MLDSA_MODE=44",
            }
            MlDsa65 {
                /// ML-DSA-65 (NIST security category 3), the recommended default.
                name: "ML-DSA-65", py: MLDSA65, oid: "2.16.840.1.101.3.4.3.18",
                c: mldsa65, cdef: "PQF_MLDSA_MODE=65",
            }
            MlDsa87 {
                /// ML-DSA-87 (NIST security category 5).
                name: "ML-DSA-87", py: MLDSA87, oid: "2.16.840.1.101.3.4.3.19",
                c: mldsa87, cdef: "PQF_MLDSA_MODE=87",
            }
        }
        slhdsa {
            SlhDsaSha2_128s {
                /// SLH-DSA-SHA2-128s: category 1, small signatures, slow signing.
                name: "SLH-DSA-SHA2-128s", py: SLHDSA_SHA2_128s, oid: "2.16.840.1.101.3.4.3.20",
                c: slhdsa_sha2_128s, cdef: "PQF_SLHDSA_SET=1",
            }
            SlhDsaSha2_128f {
                /// SLH-DSA-SHA2-128f: category 1, fast signing.
                name: "SLH-DSA-SHA2-128f", py: SLHDSA_SHA2_128f, oid: "2.16.840.1.101.3.4.3.21",
                c: slhdsa_sha2_128f, cdef: "PQF_SLHDSA_SET=2",
            }
            SlhDsaSha2_192s {
                /// SLH-DSA-SHA2-192s: category 3, small signatures.
                name: "SLH-DSA-SHA2-192s", py: SLHDSA_SHA2_192s, oid: "2.16.840.1.101.3.4.3.22",
                c: slhdsa_sha2_192s, cdef: "PQF_SLHDSA_SET=3",
            }
            SlhDsaSha2_192f {
                /// SLH-DSA-SHA2-192f: category 3, fast signing.
                name: "SLH-DSA-SHA2-192f", py: SLHDSA_SHA2_192f, oid: "2.16.840.1.101.3.4.3.23",
                c: slhdsa_sha2_192f, cdef: "PQF_SLHDSA_SET=4",
            }
            SlhDsaSha2_256s {
                /// SLH-DSA-SHA2-256s: category 5, small signatures.
                name: "SLH-DSA-SHA2-256s", py: SLHDSA_SHA2_256s, oid: "2.16.840.1.101.3.4.3.24",
                c: slhdsa_sha2_256s, cdef: "PQF_SLHDSA_SET=5",
            }
            SlhDsaSha2_256f {
                /// SLH-DSA-SHA2-256f: category 5, fast signing.
                name: "SLH-DSA-SHA2-256f", py: SLHDSA_SHA2_256f, oid: "2.16.840.1.101.3.4.3.25",
                c: slhdsa_sha2_256f, cdef: "PQF_SLHDSA_SET=6",
            }
            SlhDsaShake_128s {
                /// SLH-DSA-SHAKE-128s: category 1, small signatures.
                name: "SLH-DSA-SHAKE-128s", py: SLHDSA_SHAKE_128s, oid: "2.16.840.1.101.3.4.3.26",
                c: slhdsa_shake_128s, cdef: "PQF_SLHDSA_SET=7",
            }
            SlhDsaShake_128f {
                /// SLH-DSA-SHAKE-128f: category 1, fast signing.
                name: "SLH-DSA-SHAKE-128f", py: SLHDSA_SHAKE_128f, oid: "2.16.840.1.101.3.4.3.27",
                c: slhdsa_shake_128f, cdef: "PQF_SLHDSA_SET=8",
            }
            SlhDsaShake_192s {
                /// SLH-DSA-SHAKE-192s: category 3, small signatures.
                name: "SLH-DSA-SHAKE-192s", py: SLHDSA_SHAKE_192s, oid: "2.16.840.1.101.3.4.3.28",
                c: slhdsa_shake_192s, cdef: "PQF_SLHDSA_SET=9",
            }
            SlhDsaShake_192f {
                /// SLH-DSA-SHAKE-192f: category 3, fast signing.
                name: "SLH-DSA-SHAKE-192f", py: SLHDSA_SHAKE_192f, oid: "2.16.840.1.101.3.4.3.29",
                c: slhdsa_shake_192f, cdef: "PQF_SLHDSA_SET=10",
            }
            SlhDsaShake_256s {
                /// SLH-DSA-SHAKE-256s: category 5, small signatures.
                name: "SLH-DSA-SHAKE-256s", py: SLHDSA_SHAKE_256s, oid: "2.16.840.1.101.3.4.3.30",
                c: slhdsa_shake_256s, cdef: "PQF_SLHDSA_SET=11",
            }
            SlhDsaShake_256f {
                /// SLH-DSA-SHAKE-256f: category 5, fast signing.
                name: "SLH-DSA-SHAKE-256f", py: SLHDSA_SHAKE_256f, oid: "2.16.840.1.101.3.4.3.31",
                c: slhdsa_shake_256f, cdef: "PQF_SLHDSA_SET=12",
            }
        }
        xwing {
            MlKem768X25519 {
                /// X-Wing = MLKEM768-X25519 (draft-connolly-cfrg-xwing-kem; HPKE 0x647a).
                name: "MLKEM768-X25519", py: MLKEM768X25519, oid: "1.3.6.1.4.1.62253.25722",
                c: none, standard: "draft-connolly-cfrg-xwing-kem", pq: MlKem768, group: X25519,
                label: b"\\.//^\\", nseed: 32, hpke: 0x647a,
            }
            MlKem768P256 {
                /// MLKEM768-P256 (draft-irtf-cfrg-concrete-hybrid-kems; HPKE 0x0050).
                name: "MLKEM768-P256", py: MLKEM768P256, oid: none,
                c: none, standard: "draft-irtf-cfrg-concrete-hybrid-kems", pq: MlKem768,
                group: P256, label: b"MLKEM768-P256", nseed: 128, hpke: 0x0050,
            }
            MlKem1024P384 {
                /// MLKEM1024-P384 (draft-irtf-cfrg-concrete-hybrid-kems; HPKE 0x0051).
                name: "MLKEM1024-P384", py: MLKEM1024P384, oid: none,
                c: none, standard: "draft-irtf-cfrg-concrete-hybrid-kems", pq: MlKem1024,
                group: P384, label: b"MLKEM1024-P384", nseed: 48, hpke: 0x0051,
            }
        }
        composite_kem {
            CompositeMlKem768X25519 {
                /// id-MLKEM768-X25519-SHA3-256.
                name: "id-MLKEM768-X25519-SHA3-256", py: CompositeMLKEM768X25519,
                oid: "1.3.6.1.5.5.7.6.58", c: none,
                pq: MlKem768, group: X25519, label: b"\\.//^\\", curve: none,
            }
            CompositeMlKem768EcdhP256 {
                /// id-MLKEM768-ECDH-P256-SHA3-256.
                name: "id-MLKEM768-ECDH-P256-SHA3-256", py: CompositeMLKEM768P256,
                oid: "1.3.6.1.5.5.7.6.59", c: none,
                pq: MlKem768, group: P256, label: b"MLKEM768-P256", curve: "1.2.840.10045.3.1.7",
            }
            CompositeMlKem768EcdhP384 {
                /// id-MLKEM768-ECDH-P384-SHA3-256.
                name: "id-MLKEM768-ECDH-P384-SHA3-256", py: CompositeMLKEM768P384,
                oid: "1.3.6.1.5.5.7.6.60", c: none,
                pq: MlKem768, group: P384, label: b"MLKEM768-P384", curve: "1.3.132.0.34",
            }
            CompositeMlKem768EcdhBrainpoolP256r1 {
                /// id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256.
                name: "id-MLKEM768-ECDH-brainpoolP256r1-SHA3-256", py: CompositeMLKEM768BP256,
                oid: "1.3.6.1.5.5.7.6.61", c: none,
                pq: MlKem768, group: BrainpoolP256r1, label: b"MLKEM768-BP256",
                curve: "1.3.36.3.3.2.8.1.1.7",
            }
            CompositeMlKem1024EcdhP384 {
                /// id-MLKEM1024-ECDH-P384-SHA3-256.
                name: "id-MLKEM1024-ECDH-P384-SHA3-256", py: CompositeMLKEM1024P384,
                oid: "1.3.6.1.5.5.7.6.63", c: none,
                pq: MlKem1024, group: P384, label: b"MLKEM1024-P384", curve: "1.3.132.0.34",
            }
            CompositeMlKem1024EcdhBrainpoolP384r1 {
                /// id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256.
                name: "id-MLKEM1024-ECDH-brainpoolP384r1-SHA3-256", py: CompositeMLKEM1024BP384,
                oid: "1.3.6.1.5.5.7.6.64", c: none,
                pq: MlKem1024, group: BrainpoolP384r1, label: b"MLKEM1024-BP384",
                curve: "1.3.36.3.3.2.8.1.1.11",
            }
            CompositeMlKem1024X448 {
                /// id-MLKEM1024-X448-SHA3-256.
                name: "id-MLKEM1024-X448-SHA3-256", py: CompositeMLKEM1024X448,
                oid: "1.3.6.1.5.5.7.6.65", c: none,
                pq: MlKem1024, group: X448, label: b"MLKEM1024-X448", curve: none,
            }
            CompositeMlKem1024EcdhP521 {
                /// id-MLKEM1024-ECDH-P521-SHA3-256.
                name: "id-MLKEM1024-ECDH-P521-SHA3-256", py: CompositeMLKEM1024P521,
                oid: "1.3.6.1.5.5.7.6.66", c: none,
                pq: MlKem1024, group: P521, label: b"MLKEM1024-P521", curve: "1.3.132.0.35",
            }
        }
        composite {
            MlDsa44Rsa2048PssSha256 {
                /// ML-DSA-44 with RSASSA-PSS 2048 (SHA-256); PH = SHA-256. Verification only.
                name: "MLDSA44-RSA2048-PSS-SHA256", py: MLDSA44_RSA2048_PSS_SHA256,
                oid: "1.3.6.1.5.5.7.6.37", label: "COMPSIG-MLDSA44-RSA2048-PSS-SHA256",
                mldsa: MlDsa44, trad: Rsa2048Pss, ph: Sha256,
                c: none,
            }
            MlDsa44Rsa2048Pkcs15Sha256 {
                /// ML-DSA-44 with RSASSA-PKCS1-v1_5 2048 (SHA-256); PH = SHA-256. Verification only.
                name: "MLDSA44-RSA2048-PKCS15-SHA256", py: MLDSA44_RSA2048_PKCS15_SHA256,
                oid: "1.3.6.1.5.5.7.6.38", label: "COMPSIG-MLDSA44-RSA2048-PKCS15-SHA256",
                mldsa: MlDsa44, trad: Rsa2048Pkcs15, ph: Sha256,
                c: none,
            }
            MlDsa44Ed25519Sha512 {
                /// ML-DSA-44 with Ed25519; PH = SHA-512.
                name: "MLDSA44-Ed25519-SHA512", py: MLDSA44_Ed25519_SHA512,
                oid: "1.3.6.1.5.5.7.6.39", label: "COMPSIG-MLDSA44-Ed25519-SHA512",
                mldsa: MlDsa44, trad: Ed25519, ph: Sha512,
                c: none,
            }
            MlDsa44EcdsaP256Sha256 {
                /// ML-DSA-44 with ECDSA P-256 (SHA-256); PH = SHA-256.
                name: "MLDSA44-ECDSA-P256-SHA256", py: MLDSA44_ECDSA_P256_SHA256,
                oid: "1.3.6.1.5.5.7.6.40", label: "COMPSIG-MLDSA44-ECDSA-P256-SHA256",
                mldsa: MlDsa44, trad: EcdsaP256, ph: Sha256,
                c: none,
            }
            MlDsa65Rsa3072PssSha512 {
                /// ML-DSA-65 with RSASSA-PSS 3072 (SHA-256); PH = SHA-512. Verification only.
                name: "MLDSA65-RSA3072-PSS-SHA512", py: MLDSA65_RSA3072_PSS_SHA512,
                oid: "1.3.6.1.5.5.7.6.41", label: "COMPSIG-MLDSA65-RSA3072-PSS-SHA512",
                mldsa: MlDsa65, trad: Rsa3072Pss, ph: Sha512,
                c: none,
            }
            MlDsa65Rsa3072Pkcs15Sha512 {
                /// ML-DSA-65 with RSASSA-PKCS1-v1_5 3072 (SHA-256); PH = SHA-512. Verification only.
                name: "MLDSA65-RSA3072-PKCS15-SHA512", py: MLDSA65_RSA3072_PKCS15_SHA512,
                oid: "1.3.6.1.5.5.7.6.42", label: "COMPSIG-MLDSA65-RSA3072-PKCS15-SHA512",
                mldsa: MlDsa65, trad: Rsa3072Pkcs15, ph: Sha512,
                c: none,
            }
            MlDsa65Rsa4096PssSha512 {
                /// ML-DSA-65 with RSASSA-PSS 4096 (SHA-384); PH = SHA-512. Verification only.
                name: "MLDSA65-RSA4096-PSS-SHA512", py: MLDSA65_RSA4096_PSS_SHA512,
                oid: "1.3.6.1.5.5.7.6.43", label: "COMPSIG-MLDSA65-RSA4096-PSS-SHA512",
                mldsa: MlDsa65, trad: Rsa4096Pss, ph: Sha512,
                c: none,
            }
            MlDsa65Rsa4096Pkcs15Sha512 {
                /// ML-DSA-65 with RSASSA-PKCS1-v1_5 4096 (SHA-384); PH = SHA-512. Verification only.
                name: "MLDSA65-RSA4096-PKCS15-SHA512", py: MLDSA65_RSA4096_PKCS15_SHA512,
                oid: "1.3.6.1.5.5.7.6.44", label: "COMPSIG-MLDSA65-RSA4096-PKCS15-SHA512",
                mldsa: MlDsa65, trad: Rsa4096Pkcs15, ph: Sha512,
                c: none,
            }
            MlDsa65EcdsaP256Sha512 {
                /// ML-DSA-65 with ECDSA P-256 (SHA-256); PH = SHA-512. The draft's general recommendation.
                name: "MLDSA65-ECDSA-P256-SHA512", py: MLDSA65_ECDSA_P256_SHA512,
                oid: "1.3.6.1.5.5.7.6.45", label: "COMPSIG-MLDSA65-ECDSA-P256-SHA512",
                mldsa: MlDsa65, trad: EcdsaP256, ph: Sha512,
                c: none,
            }
            MlDsa65EcdsaP384Sha512 {
                /// ML-DSA-65 with ECDSA P-384 (SHA-384); PH = SHA-512.
                name: "MLDSA65-ECDSA-P384-SHA512", py: MLDSA65_ECDSA_P384_SHA512,
                oid: "1.3.6.1.5.5.7.6.46", label: "COMPSIG-MLDSA65-ECDSA-P384-SHA512",
                mldsa: MlDsa65, trad: EcdsaP384, ph: Sha512,
                c: none,
            }
            MlDsa65EcdsaBrainpoolP256r1Sha512 {
                /// ML-DSA-65 with ECDSA brainpoolP256r1 (SHA-256); PH = SHA-512.
                name: "MLDSA65-ECDSA-brainpoolP256r1-SHA512", py: MLDSA65_ECDSA_brainpoolP256r1_SHA512,
                oid: "1.3.6.1.5.5.7.6.47", label: "COMPSIG-MLDSA65-ECDSA-BP256-SHA512",
                mldsa: MlDsa65, trad: EcdsaBrainpoolP256r1, ph: Sha512,
                c: none,
            }
            MlDsa65Ed25519Sha512 {
                /// ML-DSA-65 with Ed25519; PH = SHA-512.
                name: "MLDSA65-Ed25519-SHA512", py: MLDSA65_Ed25519_SHA512,
                oid: "1.3.6.1.5.5.7.6.48", label: "COMPSIG-MLDSA65-Ed25519-SHA512",
                mldsa: MlDsa65, trad: Ed25519, ph: Sha512,
                c: none,
            }
            MlDsa87EcdsaP384Sha512 {
                /// ML-DSA-87 with ECDSA P-384 (SHA-384); PH = SHA-512.
                name: "MLDSA87-ECDSA-P384-SHA512", py: MLDSA87_ECDSA_P384_SHA512,
                oid: "1.3.6.1.5.5.7.6.49", label: "COMPSIG-MLDSA87-ECDSA-P384-SHA512",
                mldsa: MlDsa87, trad: EcdsaP384, ph: Sha512,
                c: none,
            }
            MlDsa87EcdsaBrainpoolP384r1Sha512 {
                /// ML-DSA-87 with ECDSA brainpoolP384r1 (SHA-384); PH = SHA-512.
                name: "MLDSA87-ECDSA-brainpoolP384r1-SHA512", py: MLDSA87_ECDSA_brainpoolP384r1_SHA512,
                oid: "1.3.6.1.5.5.7.6.50", label: "COMPSIG-MLDSA87-ECDSA-BP384-SHA512",
                mldsa: MlDsa87, trad: EcdsaBrainpoolP384r1, ph: Sha512,
                c: none,
            }
            MlDsa87Ed448Shake256 {
                /// ML-DSA-87 with Ed448; PH = SHAKE256 (64 bytes).
                name: "MLDSA87-Ed448-SHAKE256", py: MLDSA87_Ed448_SHAKE256,
                oid: "1.3.6.1.5.5.7.6.51", label: "COMPSIG-MLDSA87-Ed448-SHAKE256",
                mldsa: MlDsa87, trad: Ed448, ph: Shake256,
                c: none,
            }
            MlDsa87Rsa3072PssSha512 {
                /// ML-DSA-87 with RSASSA-PSS 3072 (SHA-256); PH = SHA-512. Verification only.
                name: "MLDSA87-RSA3072-PSS-SHA512", py: MLDSA87_RSA3072_PSS_SHA512,
                oid: "1.3.6.1.5.5.7.6.52", label: "COMPSIG-MLDSA87-RSA3072-PSS-SHA512",
                mldsa: MlDsa87, trad: Rsa3072Pss, ph: Sha512,
                c: none,
            }
            MlDsa87Rsa4096PssSha512 {
                /// ML-DSA-87 with RSASSA-PSS 4096 (SHA-384); PH = SHA-512. Verification only.
                name: "MLDSA87-RSA4096-PSS-SHA512", py: MLDSA87_RSA4096_PSS_SHA512,
                oid: "1.3.6.1.5.5.7.6.53", label: "COMPSIG-MLDSA87-RSA4096-PSS-SHA512",
                mldsa: MlDsa87, trad: Rsa4096Pss, ph: Sha512,
                c: none,
            }
            MlDsa87EcdsaP521Sha512 {
                /// ML-DSA-87 with ECDSA P-521 (SHA-512); PH = SHA-512.
                name: "MLDSA87-ECDSA-P521-SHA512", py: MLDSA87_ECDSA_P521_SHA512,
                oid: "1.3.6.1.5.5.7.6.54", label: "COMPSIG-MLDSA87-ECDSA-P521-SHA512",
                mldsa: MlDsa87, trad: EcdsaP521, ph: Sha512,
                c: none,
            }
        }
    }
    raw {
        falcon {
            Falcon512 {
                /// Falcon-512 (NIST security category 1), compressed signatures.
                name: "Falcon-512", py: Falcon512, oid: none,
                c: falcon512, cdef: "PQF_FALCON_LOGN=9", padded: false,
            }
            Falcon1024 {
                /// Falcon-1024 (NIST security category 5), compressed signatures.
                name: "Falcon-1024", py: Falcon1024, oid: none,
                c: falcon1024, cdef: "PQF_FALCON_LOGN=10", padded: false,
            }
            Falcon512Padded {
                /// Falcon-512 with fixed-length (padded) signatures.
                name: "Falcon-padded-512", py: FalconPadded512, oid: none,
                c: falcon512, cdef: "PQF_FALCON_LOGN=9", padded: true,
            }
            Falcon1024Padded {
                /// Falcon-1024 with fixed-length (padded) signatures.
                name: "Falcon-padded-1024", py: FalconPadded1024, oid: none,
                c: falcon1024, cdef: "PQF_FALCON_LOGN=10", padded: true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_oids_and_python_names_are_unique() {
        for (i, a) in ALGORITHMS.iter().enumerate() {
            assert_eq!(algorithm_by_name(a.name), Some(*a));
            if let Some(oid) = &a.oid {
                assert_eq!(algorithm_by_oid(oid), Some(*a));
            }
            for b in ALGORITHMS.iter().skip(i + 1) {
                assert_ne!(a.name, b.name);
                assert_ne!(a.python_name, b.python_name);
                if a.oid.is_some() {
                    assert_ne!(a.oid, b.oid);
                }
            }
        }
        assert_eq!(ALGORITHMS.len(), 51);
    }

    #[test]
    fn composite_class_stems_are_the_drafts_names() {
        let composites: Vec<_> = ALGORITHMS
            .iter()
            .filter(|a| a.standard == "draft-ietf-lamps-pq-composite-sigs")
            .collect();
        assert_eq!(composites.len(), 18);
        for a in composites {
            assert_eq!(a.python_name, a.name.replace('-', "_"));
        }
    }
}
