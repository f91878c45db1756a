//! Fuzz targets: every entry point that takes attacker-controlled bytes.
//!
//! Each target reads its first byte to pick a parameter set from the registry
//! below ([`KEMS`], [`SIGS`]) and hands the rest to that set. A target panics
//! only when pqfence breaks a promise: a panic or crash inside pqfence, an
//! error of the wrong kind for bad input, or a broken invariant (a key that
//! loads but does not round-trip, a validated secret key whose signatures do
//! not verify, a second valid signature for the same message). Bad input must
//! come back as a typed [`pqfence::Error`].
//!
//! The same functions run under libFuzzer (`fuzz/fuzz_targets/*.rs`, one line
//! each) and replay the committed corpora in `cargo test`
//! (`tests/fuzz_corpus.rs`).
//!
//! Registered: ML-KEM (3 sets), the hybrid KEMs (X-Wing, MLKEM768-P256,
//! MLKEM1024-P384 and the 8 composite ML-KEM sets), ML-DSA (3), SLH-DSA (the
//! 12 sets, pure signatures), Falcon (512, 1024 and their padded forms) and
//! Composite ML-DSA (the 18 algorithms; see [`CompositeSig`] for their
//! payloads); HPKE open on random messages ([`SUITES`]). The first byte
//! picks the set modulo the registry's length; new entries go at the end, and
//! the committed inputs' first bytes are rewritten to the index they picked
//! before (`sel % old length`), so that they keep their meaning.
//!
//! Adding an algorithm: implement [`Kem`] or [`Sig`] for it (the ML-KEM and
//! ML-DSA impls below are the model, generic over the parameter set) and append
//! one entry per parameter set to [`KEMS`] or [`SIGS`]. Every target then
//! covers it.

use std::marker::PhantomData;
use std::sync::OnceLock;

use pqfence::composite::{
    self, CompositeParams as CompositeSigParams, MlDsa44EcdsaP256Sha256, MlDsa44Ed25519Sha512,
    MlDsa44Rsa2048Pkcs15Sha256, MlDsa44Rsa2048PssSha256, MlDsa65EcdsaBrainpoolP256r1Sha512,
    MlDsa65EcdsaP256Sha512, MlDsa65EcdsaP384Sha512, MlDsa65Ed25519Sha512,
    MlDsa65Rsa3072Pkcs15Sha512, MlDsa65Rsa3072PssSha512, MlDsa65Rsa4096Pkcs15Sha512,
    MlDsa65Rsa4096PssSha512, MlDsa87EcdsaBrainpoolP384r1Sha512, MlDsa87EcdsaP384Sha512,
    MlDsa87EcdsaP521Sha512, MlDsa87Ed448Shake256, MlDsa87Rsa3072PssSha512, MlDsa87Rsa4096PssSha512,
};
use pqfence::falcon::{
    self, Falcon1024, Falcon1024Padded, Falcon512, Falcon512Padded, FalconParams,
};
use pqfence::hybrid::composite_kem::{
    self, CompositeMlKem1024EcdhBrainpoolP384r1, CompositeMlKem1024EcdhP384,
    CompositeMlKem1024EcdhP521, CompositeMlKem1024X448, CompositeMlKem768EcdhBrainpoolP256r1,
    CompositeMlKem768EcdhP256, CompositeMlKem768EcdhP384, CompositeMlKem768X25519, CompositeParams,
};
use pqfence::hybrid::{self, HybridParams, MlKem1024P384, MlKem768P256, MlKem768X25519};
use pqfence::mldsa::{self, DsaParams, MlDsa44, MlDsa65, MlDsa87};
use pqfence::mlkem::{self, KemParams, MlKem1024, MlKem512, MlKem768};
use pqfence::slhdsa::{
    self, SlhDsaSha2_128f, SlhDsaSha2_128s, SlhDsaSha2_192f, SlhDsaSha2_192s, SlhDsaSha2_256f,
    SlhDsaSha2_256s, SlhDsaShake_128f, SlhDsaShake_128s, SlhDsaShake_192f, SlhDsaShake_192s,
    SlhDsaShake_256f, SlhDsaShake_256s, SlhParams,
};
use pqfence::{hpke, ByteArray, Error};

/// A key-encapsulation parameter set under fuzzing.
pub trait Kem: Sync {
    /// The standard's name, e.g. "ML-KEM-768".
    fn name(&self) -> &'static str;
    /// Loads an encapsulation key from `bytes`; when it loads, it must
    /// round-trip and encapsulate.
    fn public_key(&self, bytes: &[u8]);
    /// Loads an expanded decapsulation key; when it loads, it must round-trip
    /// and decapsulate.
    fn secret_key(&self, bytes: &[u8]);
    /// Decapsulates `bytes` with a fixed key: the right length always gives a
    /// shared secret (implicit rejection), the same one twice; any other
    /// length is `InvalidLength`.
    fn decapsulate(&self, bytes: &[u8]);
    /// Valid inputs for the corpus: (public key, expanded secret key, ciphertext).
    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>);
}

/// A signature parameter set under fuzzing.
///
/// The verification payload is `[context length][context][signature]` for a
/// set that takes a context string (ML-DSA, SLH-DSA; see [`split_context`])
/// and the bare signature for one that does not (Falcon).
pub trait Sig: Sync {
    /// The standard's name, e.g. "ML-DSA-65".
    fn name(&self) -> &'static str;
    /// Whether verification takes a context string.
    fn has_context(&self) -> bool;
    /// Loads a public key from the first bytes and verifies the rest, a
    /// verification payload, over [`MESSAGE`].
    fn public_key(&self, bytes: &[u8]);
    /// Loads a secret key (the set's expanded encoding); when it loads, it
    /// must round-trip and its signatures must verify.
    fn secret_key(&self, bytes: &[u8]);
    /// Verifies a verification payload over [`MESSAGE`] with a fixed key:
    /// only the genuine signature (the corpus seed) may verify.
    fn verify(&self, bytes: &[u8]);
    /// Valid inputs for the corpus: (public key and secret key as the
    /// public-key and secret-key targets read them, genuine signature of
    /// [`MESSAGE`] with an empty context).
    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>);
}

/// The message every signature target signs and verifies.
pub const MESSAGE: &[u8] = b"pqfence fuzz message";

/// The seeds of the fixed keys (the same for every parameter set).
const KEM_SEED: [u8; 64] = [0x5c; 64];
const SIG_SEED: [u8; 32] = [0x5c; 32];

/// Splits `[length byte][that many bytes][rest]`; a short input gives an
/// empty context.
pub fn split_context(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.split_first() {
        Some((&n, rest)) if rest.len() >= usize::from(n) => rest.split_at(usize::from(n)),
        Some((_, rest)) => (&[], rest),
        None => (&[], &[]),
    }
}

/// Panics unless `e` is one of the errors bad input may cause.
pub fn expect_input_error(e: &Error, what: &str) {
    assert!(
        matches!(
            e,
            Error::InvalidLength { .. }
                | Error::InvalidKey { .. }
                | Error::InvalidSignature
                | Error::ContextTooLong { .. }
        ),
        "{what}: bad input gave a non-input error {e:?}"
    );
}

/// `verify(key, message, context, signature)` of a scheme with contexts.
type VerifyWithContext<K> = fn(&K, &[u8], &[u8], &[u8]) -> Result<(), Error>;

/// The public-key promise of a signature scheme with contexts: the first
/// `len` bytes load with `load` or fail with an input error; a loaded key
/// round-trips through `encode` and verifies the rest as
/// `[context length][context][signature]` over [`MESSAGE`], failing only with
/// an input error.
fn public_key_with_context<K>(
    name: &str,
    bytes: &[u8],
    len: usize,
    load: fn(&[u8]) -> Result<K, Error>,
    encode: fn(&K) -> &[u8],
    verify: VerifyWithContext<K>,
) {
    let (pk, rest) = bytes.split_at(bytes.len().min(len));
    match load(pk) {
        Ok(vk) => {
            assert_eq!(encode(&vk), pk, "{name}: pk round trip");
            let (ctx, sig) = split_context(rest);
            if let Err(e) = verify(&vk, MESSAGE, ctx, sig) {
                expect_input_error(&e, "verification");
            }
        }
        Err(e) => expect_input_error(&e, "public key"),
    }
}

/// ML-KEM, generic over the parameter set, with its fixed key cached.
pub struct MlKem<P: KemParams> {
    key: OnceLock<mlkem::DecapsulationKey<P>>,
    _p: PhantomData<P>,
}

impl<P: KemParams> MlKem<P> {
    const fn new() -> Self {
        MlKem {
            key: OnceLock::new(),
            _p: PhantomData,
        }
    }

    fn key(&self) -> &mlkem::DecapsulationKey<P> {
        self.key.get_or_init(
            || match mlkem::DecapsulationKey::<P>::from_seed(&KEM_SEED) {
                Ok(k) => k,
                Err(e) => panic!("{}: key generation from a seed failed: {e}", P::NAME),
            },
        )
    }
}

impl<P: KemParams> Kem for MlKem<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn public_key(&self, bytes: &[u8]) {
        match mlkem::EncapsulationKey::<P>::from_bytes(bytes) {
            Ok(ek) => {
                assert_eq!(ek.as_bytes(), bytes, "{}: ek round trip", P::NAME);
                if let Err(e) = ek.encapsulate_deterministic(&[7u8; 32]) {
                    panic!("{}: a loaded key failed to encapsulate: {e}", P::NAME);
                }
            }
            Err(e) => expect_input_error(&e, "encapsulation key"),
        }
    }

    fn secret_key(&self, bytes: &[u8]) {
        match mlkem::DecapsulationKey::<P>::from_expanded_bytes(bytes) {
            Ok(dk) => {
                assert_eq!(
                    dk.expanded_bytes().bytes(),
                    bytes,
                    "{}: dk round trip",
                    P::NAME
                );
                let ct = match dk.encapsulation_key().encapsulate_deterministic(&[9u8; 32]) {
                    Ok((_, ct)) => ct,
                    Err(e) => panic!("{}: the embedded ek failed to encapsulate: {e}", P::NAME),
                };
                if let Err(e) = dk.decapsulate(&ct) {
                    panic!("{}: a loaded key failed to decapsulate: {e}", P::NAME);
                }
            }
            Err(e) => expect_input_error(&e, "decapsulation key"),
        }
    }

    fn decapsulate(&self, bytes: &[u8]) {
        let dk = self.key();
        match (dk.decapsulate_bytes(bytes), dk.decapsulate_bytes(bytes)) {
            (Ok(a), Ok(b)) => assert!(a == b, "{}: decapsulation is not deterministic", P::NAME),
            (Err(Error::InvalidLength { .. }), Err(Error::InvalidLength { .. })) => {
                assert_ne!(bytes.len(), <P::Ct as ByteArray>::LEN, "{}", P::NAME);
            }
            (a, b) => panic!("{}: decapsulation gave {a:?} then {b:?}", P::NAME),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let dk = self.key();
        let ct = match dk.encapsulation_key().encapsulate_deterministic(&[1u8; 32]) {
            Ok((_, ct)) => ct.as_bytes().to_vec(),
            Err(e) => panic!("{}: {e}", P::NAME),
        };
        (
            dk.encapsulation_key().as_bytes().to_vec(),
            dk.expanded_bytes().bytes().to_vec(),
            ct,
        )
    }
}

/// The hybrid KEMs of the CG construction (X-Wing, MLKEM768-P256,
/// MLKEM1024-P384), generic over the set, with their fixed key cached. The
/// secret-key target loads the expanded form `d || z || sk_T`. An invalid
/// curve point in a ciphertext or a low-order X25519 key is `InvalidKey`
/// (explicit rejection of the traditional half), never anything else.
pub struct Hybrid<P: HybridParams> {
    key: OnceLock<hybrid::DecapsulationKey<P>>,
}

impl<P: HybridParams> Hybrid<P> {
    const fn new() -> Self {
        Hybrid {
            key: OnceLock::new(),
        }
    }

    fn key(&self) -> &hybrid::DecapsulationKey<P> {
        self.key.get_or_init(
            || match hybrid::DecapsulationKey::<P>::from_seed(&KEM_SEED[..32]) {
                Ok(k) => k,
                Err(e) => panic!("{}: key generation from a seed failed: {e}", P::NAME),
            },
        )
    }

    fn eseed(tag: u8) -> Vec<u8> {
        vec![tag; 32 + P::GROUP_SEED_BYTES]
    }
}

impl<P: HybridParams> Kem for Hybrid<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn public_key(&self, bytes: &[u8]) {
        match hybrid::EncapsulationKey::<P>::from_bytes(bytes) {
            Ok(ek) => {
                assert_eq!(ek.as_bytes(), bytes, "{}: ek round trip", P::NAME);
                if let Err(e) = ek.encapsulate_deterministic(&Self::eseed(7)) {
                    expect_input_error(&e, "encapsulation (a low-order X25519 half)");
                }
            }
            Err(e) => expect_input_error(&e, "encapsulation key"),
        }
    }

    fn secret_key(&self, bytes: &[u8]) {
        match hybrid::DecapsulationKey::<P>::from_expanded_bytes(bytes) {
            Ok(dk) => {
                assert_eq!(dk.expanded_bytes(), bytes, "{}: dk round trip", P::NAME);
                let ct = match dk
                    .encapsulation_key()
                    .encapsulate_deterministic(&Self::eseed(9))
                {
                    Ok((_, ct)) => ct,
                    Err(e) => panic!("{}: a loaded key failed to encapsulate: {e}", P::NAME),
                };
                if let Err(e) = dk.decapsulate(&ct) {
                    panic!("{}: a loaded key failed to decapsulate: {e}", P::NAME);
                }
            }
            Err(e) => expect_input_error(&e, "decapsulation key"),
        }
    }

    fn decapsulate(&self, bytes: &[u8]) {
        let dk = self.key();
        match (dk.decapsulate_bytes(bytes), dk.decapsulate_bytes(bytes)) {
            (Ok(a), Ok(b)) => assert!(a == b, "{}: decapsulation is not deterministic", P::NAME),
            (Err(Error::InvalidLength { .. }), Err(Error::InvalidLength { .. })) => {
                assert_ne!(bytes.len(), P::CT_BYTES, "{}", P::NAME);
            }
            (Err(Error::InvalidKey { .. }), Err(Error::InvalidKey { .. })) => {
                assert_eq!(bytes.len(), P::CT_BYTES, "{}", P::NAME);
            }
            (a, b) => panic!("{}: decapsulation gave {a:?} then {b:?}", P::NAME),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let dk = self.key();
        let ct = match dk
            .encapsulation_key()
            .encapsulate_deterministic(&Self::eseed(1))
        {
            Ok((_, ct)) => ct.as_bytes().to_vec(),
            Err(e) => panic!("{}: {e}", P::NAME),
        };
        (
            dk.encapsulation_key().as_bytes().to_vec(),
            dk.expanded_bytes().to_vec(),
            ct,
        )
    }
}

/// Composite ML-KEM, generic over the algorithm, with its fixed key cached.
/// The secret-key target loads the draft's serialization (`mlkemSeed ||
/// tradSK`, the ECPrivateKey parsed), and then PKCS#8 of the same bytes.
pub struct Composite<P: CompositeParams> {
    key: OnceLock<composite_kem::DecapsulationKey<P>>,
}

impl<P: CompositeParams> Composite<P> {
    const fn new() -> Self {
        Composite {
            key: OnceLock::new(),
        }
    }

    fn key(&self) -> &composite_kem::DecapsulationKey<P> {
        self.key.get_or_init(|| {
            // A fixed key: the ML-KEM seed, and a fixed scalar below every
            // curve's order (P-521's first byte holds one bit).
            let mut trad = vec![0x5cu8; P::T_SK];
            if P::T_SK == 66 {
                trad[0] = 1;
            }
            let key = mlkem::DecapsulationKey::<P::Pq>::from_seed(&KEM_SEED)
                .and_then(|pq| composite_kem::DecapsulationKey::<P>::from_components(&pq, &trad));
            match key {
                Ok(k) => k,
                Err(e) => panic!("{}: fixed key: {e}", P::NAME),
            }
        })
    }
}

impl<P: CompositeParams> Kem for Composite<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn public_key(&self, bytes: &[u8]) {
        match composite_kem::EncapsulationKey::<P>::from_bytes(bytes) {
            Ok(ek) => {
                assert_eq!(ek.as_bytes(), bytes, "{}: ek round trip", P::NAME);
                if let Err(e) = ek.encapsulate() {
                    expect_input_error(&e, "encapsulation (a low-order X25519 / X448 half)");
                }
            }
            Err(e) => expect_input_error(&e, "encapsulation key"),
        }
    }

    fn secret_key(&self, bytes: &[u8]) {
        match composite_kem::DecapsulationKey::<P>::from_bytes(bytes) {
            Ok(dk) => {
                // The canonical encoding reloads to the same key (the input
                // may carry an ECPrivateKey publicKey, which is dropped).
                match composite_kem::DecapsulationKey::<P>::from_bytes(dk.as_bytes()) {
                    Ok(again) => assert!(again == dk, "{}: dk round trip", P::NAME),
                    Err(e) => panic!("{}: a key's own encoding fails to load: {e}", P::NAME),
                }
                let (ss, ct) = match dk.encapsulation_key().encapsulate() {
                    Ok(out) => out,
                    Err(e) => panic!("{}: a loaded key failed to encapsulate: {e}", P::NAME),
                };
                match dk.decapsulate(&ct) {
                    Ok(back) => assert!(back == ss, "{}: round trip", P::NAME),
                    Err(e) => panic!("{}: a loaded key failed to decapsulate: {e}", P::NAME),
                }
            }
            Err(e) => expect_input_error(&e, "decapsulation key"),
        }
    }

    fn decapsulate(&self, bytes: &[u8]) {
        let dk = self.key();
        match (dk.decapsulate_bytes(bytes), dk.decapsulate_bytes(bytes)) {
            (Ok(a), Ok(b)) => assert!(a == b, "{}: decapsulation is not deterministic", P::NAME),
            (Err(Error::InvalidLength { .. }), Err(Error::InvalidLength { .. })) => {
                assert_ne!(bytes.len(), P::CT_BYTES, "{}", P::NAME);
            }
            (Err(Error::InvalidKey { .. }), Err(Error::InvalidKey { .. })) => {
                assert_eq!(bytes.len(), P::CT_BYTES, "{}", P::NAME);
            }
            (a, b) => panic!("{}: decapsulation gave {a:?} then {b:?}", P::NAME),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let dk = self.key();
        let ct = match dk.encapsulation_key().encapsulate() {
            Ok((_, ct)) => ct.as_bytes().to_vec(),
            Err(e) => panic!("{}: {e}", P::NAME),
        };
        (
            dk.encapsulation_key().as_bytes().to_vec(),
            dk.as_bytes().to_vec(),
            ct,
        )
    }
}

/// ML-DSA, generic over the parameter set, with its fixed key and its
/// genuine signature cached.
pub struct MlDsa<P: DsaParams> {
    key: OnceLock<(mldsa::SigningKey<P>, Vec<u8>)>,
    _p: PhantomData<P>,
}

impl<P: DsaParams> MlDsa<P> {
    const fn new() -> Self {
        MlDsa {
            key: OnceLock::new(),
            _p: PhantomData,
        }
    }

    fn key(&self) -> &(mldsa::SigningKey<P>, Vec<u8>) {
        self.key.get_or_init(|| {
            let sk = match mldsa::SigningKey::<P>::from_seed(&SIG_SEED) {
                Ok(k) => k,
                Err(e) => panic!("{}: key generation from a seed failed: {e}", P::NAME),
            };
            let sig = match sk.sign_deterministic(MESSAGE, b"") {
                Ok(s) => s.as_bytes().to_vec(),
                Err(e) => panic!("{}: signing failed: {e}", P::NAME),
            };
            (sk, sig)
        })
    }
}

impl<P: DsaParams> Sig for MlDsa<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn has_context(&self) -> bool {
        true
    }

    fn public_key(&self, bytes: &[u8]) {
        public_key_with_context(
            P::NAME,
            bytes,
            <P::Pk as ByteArray>::LEN,
            mldsa::VerifyingKey::<P>::from_bytes,
            mldsa::VerifyingKey::<P>::as_bytes,
            mldsa::VerifyingKey::<P>::verify,
        );
    }

    fn secret_key(&self, bytes: &[u8]) {
        match mldsa::SigningKey::<P>::from_expanded_bytes(bytes) {
            Ok(sk) => {
                assert_eq!(
                    sk.expanded_bytes().bytes(),
                    bytes,
                    "{}: sk round trip",
                    P::NAME
                );
                let sig = match sk.sign_deterministic(MESSAGE, b"fuzz") {
                    Ok(s) => s,
                    Err(e) => panic!("{}: a validated secret key failed to sign: {e}", P::NAME),
                };
                if let Err(e) = sk.verifying_key().verify(MESSAGE, b"fuzz", sig.as_bytes()) {
                    panic!(
                        "{}: a validated secret key made a bad signature: {e}",
                        P::NAME
                    );
                }
            }
            Err(e) => expect_input_error(&e, "secret key"),
        }
    }

    fn verify(&self, bytes: &[u8]) {
        let (sk, genuine) = self.key();
        let (ctx, sig) = split_context(bytes);
        match sk.verifying_key().verify(MESSAGE, ctx, sig) {
            Ok(()) => assert!(
                ctx.is_empty() && sig == genuine.as_slice(),
                "{}: a second signature verified (ctx {} bytes)",
                P::NAME,
                ctx.len()
            ),
            Err(e) => expect_input_error(&e, "verification"),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let (sk, sig) = self.key();
        (
            sk.verifying_key().as_bytes().to_vec(),
            sk.expanded_bytes().bytes().to_vec(),
            sig.clone(),
        )
    }
}

/// The seed of SLH-DSA's fixed keys (the first 3n bytes).
const SLH_SEED: [u8; 96] = [0x5c; 96];

/// SLH-DSA (pure signatures), generic over the parameter set, with its fixed
/// key and its genuine signature cached, each made on first use.
///
/// Cost: no SLH-DSA operation is cheap. Key generation and loading a 4n-byte
/// secret key (which recomputes the top XMSS tree to compare PK.root) take 2
/// to 11 ms for an "f" set and 0.1 to 0.35 s for an "s" set; signing takes
/// 45 to 190 ms ("f") or 1 to 2.5 s ("s"); verification 1 to 6 ms (figures
/// at -O2 without instrumentation; several times more under ASan). The "s"
/// sets run the same C as the "f" sets with other loop bounds (tree heights,
/// layers), so the expensive steps are kept for the "f" sets:
/// - verification target: an "f" set verifies against a generated key, whose
///   deterministic signature is made when a signature first verifies; an
///   "s" set verifies against a fixed public key that no secret key is known
///   for (PK.seed = PK.root = 0x5c bytes), so nothing may verify and neither
///   key generation nor signing is ever needed;
/// - secret-key target: an "s" key of the right length is loaded only when
///   it is the fixed key (generated once, on first need); a mutated one is
///   not loaded. Every other length still goes through the loader;
/// - a loaded "f" key must be the key its seed (its first 3n bytes)
///   generates, one key generation, the price of the load. A key that loads
///   differs from its generated twin at most in SK.prf (the part the check
///   cannot tie to the others), so this shows its bytes, seed and public key
///   are what key generation gives. Signing with it (deterministic, then
///   verified) is done only for the fixed key of the two 128f sets (45 to
///   100 ms): signing every mutated SK.prf would bring this target's rate
///   down to that of SLH-DSA signing.
pub struct SlhDsa<P: SlhParams> {
    key: OnceLock<slhdsa::SigningKey<P>>,
    genuine: OnceLock<Vec<u8>>,
    keyless: OnceLock<slhdsa::VerifyingKey<P>>,
    _p: PhantomData<P>,
}

impl<P: SlhParams> SlhDsa<P> {
    const fn new() -> Self {
        SlhDsa {
            key: OnceLock::new(),
            genuine: OnceLock::new(),
            keyless: OnceLock::new(),
            _p: PhantomData,
        }
    }

    /// An "s" (small signature, slow) set, by its FIPS 205 name.
    fn small() -> bool {
        P::NAME.ends_with('s')
    }

    fn key(&self) -> &slhdsa::SigningKey<P> {
        self.key.get_or_init(|| {
            let seed = SLH_SEED.get(..3 * P::N).unwrap_or(&[]);
            match slhdsa::SigningKey::<P>::from_seed(seed) {
                Ok(k) => k,
                Err(e) => panic!("{}: key generation from a seed failed: {e}", P::NAME),
            }
        })
    }

    fn genuine(&self) -> &[u8] {
        self.genuine
            .get_or_init(|| match self.key().sign_deterministic(MESSAGE, b"") {
                Ok(s) => s.as_bytes().to_vec(),
                Err(e) => panic!("{}: signing failed: {e}", P::NAME),
            })
    }

    /// The "s" sets' verification key: 2n bytes of 0x5c, no secret key known.
    fn keyless(&self) -> &slhdsa::VerifyingKey<P> {
        self.keyless.get_or_init(|| {
            let pk = SLH_SEED.get(..2 * P::N).unwrap_or(&[]);
            match slhdsa::VerifyingKey::<P>::from_bytes(pk) {
                Ok(k) => k,
                Err(e) => panic!(
                    "{}: a {}-byte public key failed to load: {e}",
                    P::NAME,
                    pk.len()
                ),
            }
        })
    }
}

impl<P: SlhParams> Sig for SlhDsa<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn has_context(&self) -> bool {
        true
    }

    fn public_key(&self, bytes: &[u8]) {
        public_key_with_context(
            P::NAME,
            bytes,
            <P::Pk as ByteArray>::LEN,
            slhdsa::VerifyingKey::<P>::from_bytes,
            slhdsa::VerifyingKey::<P>::as_bytes,
            slhdsa::VerifyingKey::<P>::verify,
        );
    }

    fn secret_key(&self, bytes: &[u8]) {
        // The seed prefix first: an "s" set's fixed key costs a key generation.
        let fixed = bytes.len() == <P::Sk as ByteArray>::LEN
            && bytes.get(..3 * P::N) == SLH_SEED.get(..3 * P::N)
            && bytes == self.key().expanded_bytes().bytes();
        if Self::small() && bytes.len() == <P::Sk as ByteArray>::LEN && !fixed {
            return;
        }
        match slhdsa::SigningKey::<P>::from_expanded_bytes(bytes) {
            Ok(sk) => {
                let n = P::N;
                assert_eq!(
                    sk.expanded_bytes().bytes(),
                    bytes,
                    "{}: sk round trip",
                    P::NAME
                );
                let seed = match sk.seed() {
                    Some(seed) => seed.bytes(),
                    None => panic!("{}: a loaded key lost its seed", P::NAME),
                };
                assert_eq!(Some(seed), bytes.get(..3 * n), "{}: seed", P::NAME);
                assert_eq!(
                    Some(sk.verifying_key().as_bytes()),
                    bytes.get(2 * n..),
                    "{}: public key",
                    P::NAME
                );
                if Self::small() {
                    return;
                }
                match slhdsa::SigningKey::<P>::from_seed(seed) {
                    Ok(generated) => assert!(
                        generated == sk,
                        "{}: a loaded key is not the key its seed generates",
                        P::NAME
                    ),
                    Err(e) => panic!("{}: key generation from a loaded seed: {e}", P::NAME),
                }
                if fixed && P::N == 16 {
                    let sig = match sk.sign_deterministic(MESSAGE, b"fuzz") {
                        Ok(s) => s,
                        Err(e) => panic!("{}: a loaded key failed to sign: {e}", P::NAME),
                    };
                    if let Err(e) = sk.verifying_key().verify(MESSAGE, b"fuzz", sig.as_bytes()) {
                        panic!("{}: a loaded key made a bad signature: {e}", P::NAME);
                    }
                }
            }
            Err(e) => expect_input_error(&e, "secret key"),
        }
    }

    fn verify(&self, bytes: &[u8]) {
        let (ctx, sig) = split_context(bytes);
        if Self::small() {
            match self.keyless().verify(MESSAGE, ctx, sig) {
                Ok(()) => panic!(
                    "{}: a signature verified under a key nobody has the secret of",
                    P::NAME
                ),
                Err(e) => expect_input_error(&e, "verification"),
            }
            return;
        }
        match self.key().verifying_key().verify(MESSAGE, ctx, sig) {
            // Signing is hedged, so the key has many valid signatures, but
            // the fuzzer knows only the deterministic one (the corpus seed):
            // any other that verifies is a forgery or a malleable encoding.
            Ok(()) => assert!(
                ctx.is_empty() && sig == self.genuine(),
                "{}: a second signature verified (ctx {} bytes)",
                P::NAME,
                ctx.len()
            ),
            Err(e) => expect_input_error(&e, "verification"),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let sk = self.key();
        (
            sk.verifying_key().as_bytes().to_vec(),
            sk.expanded_bytes().bytes().to_vec(),
            self.genuine().to_vec(),
        )
    }
}

/// The seed of Falcon's fixed keys.
const FALCON_SEED: [u8; 48] = [0x5c; 48];
/// The randomness of Falcon's genuine signature (nonce, sampler seed).
const FALCON_NONCE: [u8; 40] = [0x3a; 40];
const FALCON_SAMPLER: [u8; 48] = [0xc5; 48];
/// The randomness the secret-key target signs with.
const FALCON_NONCE_SK: [u8; 40] = [0x11; 40];
const FALCON_SAMPLER_SK: [u8; 48] = [0x22; 48];

/// Falcon, generic over the parameter set, with its fixed key and its
/// genuine signature cached.
///
/// Falcon takes no context: the verification payload is the bare signature.
/// Its secret key is loaded as a pair (`from_keypair_bytes`), so the
/// secret-key target reads `[secret key (SK_BYTES)][public key (the rest)]`.
///
/// Signing is randomized (a 40-byte nonce and a sampler seed), so a key has
/// many valid signatures and "the" signature of a message is not defined.
/// The targets sign with caller randomness (`sign_with_randomness`, the
/// NIST known-answer path, so reproducible and pinned by the KAT tests), and
/// the verification target keeps the promise in the form that holds for a
/// randomized scheme: the fuzzer knows only the one genuine signature of the
/// corpus, so a different byte string that verifies is a forgery or a second
/// encoding of the same signature (the compressed and padded encodings are
/// both meant to be canonical).
pub struct Falcon<P: FalconParams> {
    key: OnceLock<(falcon::SigningKey<P>, Vec<u8>)>,
    _p: PhantomData<P>,
}

impl<P: FalconParams> Falcon<P> {
    const fn new() -> Self {
        Falcon {
            key: OnceLock::new(),
            _p: PhantomData,
        }
    }

    fn key(&self) -> &(falcon::SigningKey<P>, Vec<u8>) {
        self.key.get_or_init(|| {
            let sk = match falcon::SigningKey::<P>::from_seed(&FALCON_SEED) {
                Ok(k) => k,
                Err(e) => panic!("{}: key generation from a seed failed: {e}", P::NAME),
            };
            let sig = match sk.sign_with_randomness(MESSAGE, &FALCON_NONCE, &FALCON_SAMPLER) {
                Ok(s) => s.as_bytes().to_vec(),
                Err(e) => panic!("{}: signing failed: {e}", P::NAME),
            };
            (sk, sig)
        })
    }
}

impl<P: FalconParams> Sig for Falcon<P> {
    fn name(&self) -> &'static str {
        P::NAME
    }

    fn has_context(&self) -> bool {
        false
    }

    fn public_key(&self, bytes: &[u8]) {
        let (pk, sig) = bytes.split_at(bytes.len().min(<P::Pk as ByteArray>::LEN));
        match falcon::VerifyingKey::<P>::from_bytes(pk) {
            Ok(vk) => {
                assert_eq!(vk.as_bytes(), pk, "{}: pk round trip", P::NAME);
                if let Err(e) = vk.verify(MESSAGE, sig) {
                    expect_input_error(&e, "verification");
                }
            }
            Err(e) => expect_input_error(&e, "public key"),
        }
    }

    fn secret_key(&self, bytes: &[u8]) {
        let (sk_bytes, pk) = bytes.split_at(bytes.len().min(<P::Sk as ByteArray>::LEN));
        match falcon::SigningKey::<P>::from_keypair_bytes(sk_bytes, pk) {
            Ok(sk) => {
                assert_eq!(
                    sk.expanded_bytes().bytes(),
                    sk_bytes,
                    "{}: sk round trip",
                    P::NAME
                );
                assert_eq!(
                    sk.verifying_key().as_bytes(),
                    pk,
                    "{}: pk round trip",
                    P::NAME
                );
                assert!(sk.seed().is_none(), "{}: a loaded key has a seed", P::NAME);
                let sig =
                    match sk.sign_with_randomness(MESSAGE, &FALCON_NONCE_SK, &FALCON_SAMPLER_SK) {
                        Ok(s) => s,
                        Err(e) => panic!("{}: a loaded key failed to sign: {e}", P::NAME),
                    };
                if let Err(e) = sk.verifying_key().verify(MESSAGE, sig.as_bytes()) {
                    panic!("{}: a loaded key made a bad signature: {e}", P::NAME);
                }
            }
            Err(e) => expect_input_error(&e, "secret key"),
        }
    }

    fn verify(&self, bytes: &[u8]) {
        let (sk, genuine) = self.key();
        match sk.verifying_key().verify(MESSAGE, bytes) {
            Ok(()) => {
                assert!(
                    bytes == genuine.as_slice(),
                    "{}: a second signature verified ({} bytes)",
                    P::NAME,
                    bytes.len()
                );
                if let Err(e) = falcon::Signature::<P>::from_bytes(bytes) {
                    panic!("{}: a signature that verifies does not load: {e}", P::NAME);
                }
            }
            Err(e) => expect_input_error(&e, "verification"),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let (sk, sig) = self.key();
        let pk = sk.verifying_key().as_bytes().to_vec();
        let pair = [sk.expanded_bytes().bytes(), pk.as_slice()].concat();
        (pk, pair, sig.clone())
    }
}

/// The traditional half of a composite's fixed key: how to write its
/// private key from fixed bytes, or, for RSA (which pqfence cannot sign
/// with), a fixed public key with no private key.
#[derive(Clone, Copy)]
pub enum FixedTrad {
    /// EdDSA: the raw private key of this many 0x5c bytes.
    Eddsa(usize),
    /// ECDSA: an RFC 5915 ECPrivateKey of a scalar of `n` bytes (the first
    /// one `top`, the others 0x5c: below the group order) on the named curve
    /// whose OID has these DER contents.
    Ecdsa {
        /// Scalar length.
        n: usize,
        /// The scalar's first byte.
        top: u8,
        /// The curve OID's DER contents.
        oid: &'static [u8],
    },
    /// RSA with a modulus of this many bits: a fixed RSAPublicKey (n of
    /// 0xc5 bytes, e = 65537) that no private key is known for.
    Rsa(usize),
}

/// A DER element: tag, length (short or long form), contents.
fn der(tag: u8, contents: &[u8]) -> Vec<u8> {
    let len = contents.len();
    let mut out = vec![tag];
    if len < 0x80 {
        out.push(len as u8);
    } else if len < 0x100 {
        out.extend_from_slice(&[0x81, len as u8]);
    } else {
        out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]);
    }
    out.extend_from_slice(contents);
    out
}

impl FixedTrad {
    /// The traditional private key (EdDSA, ECDSA), or `None` (RSA).
    fn private_key(self) -> Option<Vec<u8>> {
        match self {
            FixedTrad::Eddsa(n) => Some(vec![0x5c; n]),
            FixedTrad::Ecdsa { n, top, oid } => {
                let mut scalar = vec![0x5c; n];
                if let Some(first) = scalar.first_mut() {
                    *first = top;
                }
                let body = [
                    der(0x02, &[1]),
                    der(0x04, &scalar),
                    der(0xa0, &der(0x06, oid)),
                ]
                .concat();
                Some(der(0x30, &body))
            }
            FixedTrad::Rsa(_) => None,
        }
    }

    /// The fixed RSAPublicKey (RSA only).
    fn rsa_public_key(self) -> Vec<u8> {
        let bits = match self {
            FixedTrad::Rsa(bits) => bits,
            _ => return Vec::new(),
        };
        let modulus = [vec![0], vec![0xc5; bits / 8]].concat();
        der(0x30, &[der(0x02, &modulus), der(0x02, &[1, 0, 1])].concat())
    }
}

/// The fixed key of a composite: a signing key (EdDSA, ECDSA) with its
/// genuine deterministic signature of [`MESSAGE`], or (RSA) a public key
/// alone.
enum CompositeSigKey<C: CompositeSigParams> {
    Signing(composite::SigningKey<C>, Vec<u8>),
    Keyless(composite::VerifyingKey<C>),
}

/// Composite ML-DSA, generic over the algorithm, with its fixed key cached.
///
/// Payloads: the public-key target reads `[public key length, 2 bytes big
/// endian][public key][context length][context][signature]` (RSA public
/// keys vary in length); the secret-key target the raw private key
/// (mldsaSeed || tradSK); the verification target `[context
/// length][context][signature]`. The fixed key's ML-DSA half comes from the
/// seed every ML-DSA target uses; its traditional half is written from fixed
/// bytes ([`FixedTrad`]). RSA composites verify and load but never sign, so
/// their verification target runs against a fixed public key nobody has the
/// private key of: nothing may verify. A loaded RSA composite private key
/// must refuse to sign with `UnsupportedAlgorithm`, and every other loaded
/// key must sign and verify.
///
/// What "only the genuine signature verifies" means here: the ML-DSA half
/// must be the genuine one, and so must an EdDSA half (Ed25519 is checked
/// strictly, Ed448 is canonical); an ECDSA half may also be its twin (r,
/// n - s), which ECDSA accepts by design.
pub struct CompositeSig<C: CompositeSigParams> {
    trad: FixedTrad,
    key: OnceLock<CompositeSigKey<C>>,
}

impl<C: CompositeSigParams> CompositeSig<C> {
    const fn new(trad: FixedTrad) -> Self {
        CompositeSig {
            trad,
            key: OnceLock::new(),
        }
    }

    fn name(&self) -> &'static str {
        C::COMPOSITE.name
    }

    fn ml_sig_len(&self) -> usize {
        <<C::MlDsa as DsaParams>::Sig as ByteArray>::LEN
    }

    fn key(&self) -> &CompositeSigKey<C> {
        self.key.get_or_init(|| {
            let name = self.name();
            match self.trad.private_key() {
                Some(trad) => {
                    let raw = [SIG_SEED.as_slice(), &trad].concat();
                    let sk = match composite::SigningKey::<C>::from_bytes(&raw) {
                        Ok(k) => k,
                        Err(e) => panic!("{name}: the fixed key does not load: {e}"),
                    };
                    let sig = match sk.sign_deterministic(MESSAGE, b"") {
                        Ok(s) => s.as_bytes().to_vec(),
                        Err(e) => panic!("{name}: signing failed: {e}"),
                    };
                    CompositeSigKey::Signing(sk, sig)
                }
                None => {
                    let ml = match mldsa::SigningKey::<C::MlDsa>::from_seed(&SIG_SEED) {
                        Ok(k) => k.verifying_key().as_bytes().to_vec(),
                        Err(e) => panic!("{name}: key generation from a seed failed: {e}"),
                    };
                    let pk = [ml, self.trad.rsa_public_key()].concat();
                    match composite::VerifyingKey::<C>::from_bytes(&pk) {
                        Ok(vk) => CompositeSigKey::Keyless(vk),
                        Err(e) => panic!("{name}: the fixed public key does not load: {e}"),
                    }
                }
            }
        })
    }

    fn verifying_key(&self) -> &composite::VerifyingKey<C> {
        match self.key() {
            CompositeSigKey::Signing(sk, _) => sk.verifying_key(),
            CompositeSigKey::Keyless(vk) => vk,
        }
    }
}

impl<C: CompositeSigParams> Sig for CompositeSig<C> {
    fn name(&self) -> &'static str {
        CompositeSig::name(self)
    }

    fn has_context(&self) -> bool {
        true
    }

    fn public_key(&self, bytes: &[u8]) {
        let (len, rest) = match bytes {
            [hi, lo, rest @ ..] => (usize::from(*hi) << 8 | usize::from(*lo), rest),
            _ => return,
        };
        public_key_with_context(
            self.name(),
            rest,
            len,
            composite::VerifyingKey::<C>::from_bytes,
            composite::VerifyingKey::<C>::as_bytes,
            composite::VerifyingKey::<C>::verify,
        );
    }

    fn secret_key(&self, bytes: &[u8]) {
        let name = self.name();
        match composite::SigningKey::<C>::from_bytes(bytes) {
            Ok(sk) => {
                // An ECPrivateKey may carry its public key, which is not
                // written back: the raw form re-loads to the same key.
                match composite::SigningKey::<C>::from_bytes(sk.as_bytes()) {
                    Ok(again) => assert!(again == sk, "{name}: sk round trip"),
                    Err(e) => panic!("{name}: a loaded key's raw form does not load: {e}"),
                }
                assert_eq!(sk.as_bytes().get(..32), bytes.get(..32), "{name}: seed");
                let vk = sk.verifying_key();
                match sk.sign_deterministic(MESSAGE, b"fuzz") {
                    Ok(sig) => {
                        if let Err(e) = vk.verify(MESSAGE, b"fuzz", sig.as_bytes()) {
                            panic!("{name}: a loaded key made a bad signature: {e}");
                        }
                    }
                    Err(Error::UnsupportedAlgorithm { .. }) if !C::COMPOSITE.can_sign => {}
                    Err(e) => panic!("{name}: a loaded key failed to sign: {e}"),
                }
            }
            Err(e) => expect_input_error(&e, "secret key"),
        }
    }

    fn verify(&self, bytes: &[u8]) {
        let name = self.name();
        let (ctx, sig) = split_context(bytes);
        let verdict = self.verifying_key().verify(MESSAGE, ctx, sig);
        match (verdict, self.key()) {
            (Ok(()), CompositeSigKey::Keyless(_)) => {
                panic!("{name}: a signature verified under a key nobody has the secret of")
            }
            (Ok(()), CompositeSigKey::Signing(_, genuine)) => {
                let k = self.ml_sig_len();
                assert!(
                    ctx.is_empty() && sig.get(..k) == genuine.get(..k),
                    "{name}: a second ML-DSA half verified (ctx {} bytes)",
                    ctx.len()
                );
                let ecdsa = C::COMPOSITE.traditional.starts_with("ECDSA");
                assert!(
                    ecdsa || sig == genuine.as_slice(),
                    "{name}: a second EdDSA half verified"
                );
            }
            (Err(e), _) => expect_input_error(&e, "verification"),
        }
    }

    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let vk = self.verifying_key().as_bytes();
        let len = u16::try_from(vk.len()).unwrap_or(u16::MAX).to_be_bytes();
        let pk = [len.as_slice(), vk].concat();
        match self.key() {
            CompositeSigKey::Signing(sk, sig) => (pk, sk.as_bytes().to_vec(), sig.clone()),
            CompositeSigKey::Keyless(_) => {
                // No RSA private key is at hand: a seed with a truncated
                // traditional half, and a signature whose ML-DSA half is
                // genuine (over M', with the label) but whose RSA half is not.
                let alg = C::COMPOSITE;
                let digest = alg.prehash.digest(MESSAGE);
                let m_prime = match composite::message_representative(alg.label, b"", &digest) {
                    Ok(m) => m,
                    Err(e) => panic!("{}: M': {e}", alg.name),
                };
                let ml_sig = match mldsa::SigningKey::<C::MlDsa>::from_seed(&SIG_SEED)
                    .and_then(|k| k.sign_deterministic(&m_prime, alg.label))
                {
                    Ok(s) => s.as_bytes().to_vec(),
                    Err(e) => panic!("{}: ML-DSA half: {e}", alg.name),
                };
                let rsa_sig = vec![0x3a; alg.signature_len.1 - ml_sig.len()];
                let sk = [SIG_SEED.as_slice(), &self.trad.rsa_public_key()].concat();
                (pk, sk, [ml_sig, rsa_sig].concat())
            }
        }
    }
}

const P256_OID: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const P384_OID: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const P521_OID: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
const BP256_OID: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07];
const BP384_OID: &[u8] = &[0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x0b];
const P256: FixedTrad = FixedTrad::Ecdsa {
    n: 32,
    top: 0x5c,
    oid: P256_OID,
};
const P384: FixedTrad = FixedTrad::Ecdsa {
    n: 48,
    top: 0x5c,
    oid: P384_OID,
};
// P-521's order has 521 bits: a 66-byte scalar below it starts with 0x01.
const P521: FixedTrad = FixedTrad::Ecdsa {
    n: 66,
    top: 0x01,
    oid: P521_OID,
};
const BP256: FixedTrad = FixedTrad::Ecdsa {
    n: 32,
    top: 0x5c,
    oid: BP256_OID,
};
const BP384: FixedTrad = FixedTrad::Ecdsa {
    n: 48,
    top: 0x5c,
    oid: BP384_OID,
};

static MLDSA44_RSA2048_PSS: CompositeSig<MlDsa44Rsa2048PssSha256> =
    CompositeSig::new(FixedTrad::Rsa(2048));
static MLDSA44_RSA2048_PKCS15: CompositeSig<MlDsa44Rsa2048Pkcs15Sha256> =
    CompositeSig::new(FixedTrad::Rsa(2048));
static MLDSA44_ED25519: CompositeSig<MlDsa44Ed25519Sha512> =
    CompositeSig::new(FixedTrad::Eddsa(32));
static MLDSA44_P256: CompositeSig<MlDsa44EcdsaP256Sha256> = CompositeSig::new(P256);
static MLDSA65_RSA3072_PSS: CompositeSig<MlDsa65Rsa3072PssSha512> =
    CompositeSig::new(FixedTrad::Rsa(3072));
static MLDSA65_RSA3072_PKCS15: CompositeSig<MlDsa65Rsa3072Pkcs15Sha512> =
    CompositeSig::new(FixedTrad::Rsa(3072));
static MLDSA65_RSA4096_PSS: CompositeSig<MlDsa65Rsa4096PssSha512> =
    CompositeSig::new(FixedTrad::Rsa(4096));
static MLDSA65_RSA4096_PKCS15: CompositeSig<MlDsa65Rsa4096Pkcs15Sha512> =
    CompositeSig::new(FixedTrad::Rsa(4096));
static MLDSA65_P256: CompositeSig<MlDsa65EcdsaP256Sha512> = CompositeSig::new(P256);
static MLDSA65_P384: CompositeSig<MlDsa65EcdsaP384Sha512> = CompositeSig::new(P384);
static MLDSA65_BP256: CompositeSig<MlDsa65EcdsaBrainpoolP256r1Sha512> = CompositeSig::new(BP256);
static MLDSA65_ED25519: CompositeSig<MlDsa65Ed25519Sha512> =
    CompositeSig::new(FixedTrad::Eddsa(32));
static MLDSA87_P384: CompositeSig<MlDsa87EcdsaP384Sha512> = CompositeSig::new(P384);
static MLDSA87_BP384: CompositeSig<MlDsa87EcdsaBrainpoolP384r1Sha512> = CompositeSig::new(BP384);
static MLDSA87_ED448: CompositeSig<MlDsa87Ed448Shake256> = CompositeSig::new(FixedTrad::Eddsa(57));
static MLDSA87_RSA3072_PSS: CompositeSig<MlDsa87Rsa3072PssSha512> =
    CompositeSig::new(FixedTrad::Rsa(3072));
static MLDSA87_RSA4096_PSS: CompositeSig<MlDsa87Rsa4096PssSha512> =
    CompositeSig::new(FixedTrad::Rsa(4096));
static MLDSA87_P521: CompositeSig<MlDsa87EcdsaP521Sha512> = CompositeSig::new(P521);

static MLKEM512: MlKem<MlKem512> = MlKem::new();
static MLKEM768: MlKem<MlKem768> = MlKem::new();
static MLKEM1024: MlKem<MlKem1024> = MlKem::new();
static MLDSA44: MlDsa<MlDsa44> = MlDsa::new();
static MLDSA65: MlDsa<MlDsa65> = MlDsa::new();
static MLDSA87: MlDsa<MlDsa87> = MlDsa::new();
static SLH_SHA2_128S: SlhDsa<SlhDsaSha2_128s> = SlhDsa::new();
static SLH_SHA2_128F: SlhDsa<SlhDsaSha2_128f> = SlhDsa::new();
static SLH_SHA2_192S: SlhDsa<SlhDsaSha2_192s> = SlhDsa::new();
static SLH_SHA2_192F: SlhDsa<SlhDsaSha2_192f> = SlhDsa::new();
static SLH_SHA2_256S: SlhDsa<SlhDsaSha2_256s> = SlhDsa::new();
static SLH_SHA2_256F: SlhDsa<SlhDsaSha2_256f> = SlhDsa::new();
static SLH_SHAKE_128S: SlhDsa<SlhDsaShake_128s> = SlhDsa::new();
static SLH_SHAKE_128F: SlhDsa<SlhDsaShake_128f> = SlhDsa::new();
static SLH_SHAKE_192S: SlhDsa<SlhDsaShake_192s> = SlhDsa::new();
static SLH_SHAKE_192F: SlhDsa<SlhDsaShake_192f> = SlhDsa::new();
static SLH_SHAKE_256S: SlhDsa<SlhDsaShake_256s> = SlhDsa::new();
static SLH_SHAKE_256F: SlhDsa<SlhDsaShake_256f> = SlhDsa::new();
static FALCON512: Falcon<Falcon512> = Falcon::new();
static FALCON1024: Falcon<Falcon1024> = Falcon::new();
static FALCON512_PADDED: Falcon<Falcon512Padded> = Falcon::new();
static FALCON1024_PADDED: Falcon<Falcon1024Padded> = Falcon::new();

static XWING: Hybrid<MlKem768X25519> = Hybrid::new();
static MLKEM768_P256: Hybrid<MlKem768P256> = Hybrid::new();
static MLKEM1024_P384: Hybrid<MlKem1024P384> = Hybrid::new();
static C768_X25519: Composite<CompositeMlKem768X25519> = Composite::new();
static C768_P256: Composite<CompositeMlKem768EcdhP256> = Composite::new();
static C768_P384: Composite<CompositeMlKem768EcdhP384> = Composite::new();
static C768_BP256: Composite<CompositeMlKem768EcdhBrainpoolP256r1> = Composite::new();
static C1024_P384: Composite<CompositeMlKem1024EcdhP384> = Composite::new();
static C1024_BP384: Composite<CompositeMlKem1024EcdhBrainpoolP384r1> = Composite::new();
static C1024_X448: Composite<CompositeMlKem1024X448> = Composite::new();
static C1024_P521: Composite<CompositeMlKem1024EcdhP521> = Composite::new();

/// The KEM registry: one entry per parameter set (see the module
/// documentation on adding entries).
pub static KEMS: &[&dyn Kem] = &[
    &MLKEM512,
    &MLKEM768,
    &MLKEM1024,
    &XWING,
    &MLKEM768_P256,
    &MLKEM1024_P384,
    &C768_X25519,
    &C768_P256,
    &C768_P384,
    &C768_BP256,
    &C1024_P384,
    &C1024_BP384,
    &C1024_X448,
    &C1024_P521,
];

/// The signature registry: one entry per parameter set (see the module
/// documentation on adding entries).
pub static SIGS: &[&dyn Sig] = &[
    &MLDSA44,
    &MLDSA65,
    &MLDSA87,
    &SLH_SHA2_128S,
    &SLH_SHA2_128F,
    &SLH_SHA2_192S,
    &SLH_SHA2_192F,
    &SLH_SHA2_256S,
    &SLH_SHA2_256F,
    &SLH_SHAKE_128S,
    &SLH_SHAKE_128F,
    &SLH_SHAKE_192S,
    &SLH_SHAKE_192F,
    &SLH_SHAKE_256S,
    &SLH_SHAKE_256F,
    &FALCON512,
    &FALCON1024,
    &FALCON512_PADDED,
    &FALCON1024_PADDED,
    &MLDSA44_RSA2048_PSS,
    &MLDSA44_RSA2048_PKCS15,
    &MLDSA44_ED25519,
    &MLDSA44_P256,
    &MLDSA65_RSA3072_PSS,
    &MLDSA65_RSA3072_PKCS15,
    &MLDSA65_RSA4096_PSS,
    &MLDSA65_RSA4096_PKCS15,
    &MLDSA65_P256,
    &MLDSA65_P384,
    &MLDSA65_BP256,
    &MLDSA65_ED25519,
    &MLDSA87_P384,
    &MLDSA87_BP384,
    &MLDSA87_ED448,
    &MLDSA87_RSA3072_PSS,
    &MLDSA87_RSA4096_PSS,
    &MLDSA87_P521,
];

/// The HPKE `info` of the fuzzed messages.
const HPKE_INFO: &[u8] = b"pqfence fuzz info";

/// An HPKE suite under fuzzing: a fixed recipient key (DeriveKeyPair of
/// the KEM seed) and one genuine message (`enc || ct` of [`MESSAGE`],
/// pyca's single-shot layout), cached. Opening anything else must fail with
/// an input error (`InvalidTag`, or `InvalidKey` / `InvalidLength` for a
/// malformed `enc`): a success is a forgery.
pub struct HpkeSuite {
    suite: hpke::Suite,
    key: OnceLock<(hpke::PrivateKey, Vec<u8>)>,
}

impl HpkeSuite {
    const fn new(kem: hpke::Kem, kdf: hpke::Kdf, aead: hpke::Aead) -> Self {
        HpkeSuite {
            suite: hpke::Suite::new(kem, kdf, aead),
            key: OnceLock::new(),
        }
    }

    /// The deterministic encapsulation randomness of the KEM: the ML-KEM
    /// coin, a hybrid's eseed, a DHKEM ephemeral's DeriveKeyPair input.
    fn ikm_e(&self) -> Vec<u8> {
        let len = match self.suite.kem {
            hpke::Kem::MlKem512 | hpke::Kem::MlKem768 | hpke::Kem::MlKem1024 => 32,
            hpke::Kem::MlKem768X25519 => 32 + MlKem768X25519::GROUP_SEED_BYTES,
            hpke::Kem::MlKem768P256 => 32 + MlKem768P256::GROUP_SEED_BYTES,
            hpke::Kem::MlKem1024P384 => 32 + MlKem1024P384::GROUP_SEED_BYTES,
            _ => 64,
        };
        vec![0x3a; len]
    }

    fn key(&self) -> &(hpke::PrivateKey, Vec<u8>) {
        self.key.get_or_init(|| {
            let name = self.suite.kem.name();
            let sk = match hpke::PrivateKey::derive(self.suite.kem, &KEM_SEED) {
                Ok(k) => k,
                Err(e) => panic!("{name}: DeriveKeyPair failed: {e}"),
            };
            let sealed = self
                .suite
                .setup_sender_deterministic(sk.public_key(), HPKE_INFO, None, None, &self.ikm_e())
                .and_then(|(enc, mut ctx)| Ok([enc, ctx.seal(b"", MESSAGE)?].concat()));
            match sealed {
                Ok(m) => (sk, m),
                Err(e) => panic!("{name}: sealing failed: {e}"),
            }
        })
    }

    /// Opens `bytes` as `enc || ct` with the fixed key.
    pub fn open(&self, bytes: &[u8]) {
        let (sk, genuine) = self.key();
        let name = self.suite.kem.name();
        match self.suite.decrypt(bytes, sk, HPKE_INFO) {
            Ok(pt) => {
                assert!(
                    bytes == genuine.as_slice(),
                    "{name}: a forged message opened"
                );
                assert_eq!(pt, MESSAGE, "{name}: the genuine message");
            }
            Err(Error::InvalidTag | Error::InvalidKey { .. } | Error::InvalidLength { .. }) => {}
            Err(e) => panic!("{name}: open gave a non-input error {e:?}"),
        }
    }

    /// The genuine message (for the corpus).
    pub fn genuine(&self) -> Vec<u8> {
        self.key().1.clone()
    }

    /// The suite's name, e.g. "MLKEM768-X25519".
    pub fn name(&self) -> &'static str {
        self.suite.kem.name()
    }
}

static HPKE_X25519: HpkeSuite = HpkeSuite::new(
    hpke::Kem::DhkemX25519,
    hpke::Kdf::HkdfSha256,
    hpke::Aead::Aes128Gcm,
);
static HPKE_P256: HpkeSuite = HpkeSuite::new(
    hpke::Kem::DhkemP256,
    hpke::Kdf::HkdfSha256,
    hpke::Aead::ChaCha20Poly1305,
);
static HPKE_P384: HpkeSuite = HpkeSuite::new(
    hpke::Kem::DhkemP384,
    hpke::Kdf::HkdfSha384,
    hpke::Aead::Aes256Gcm,
);
static HPKE_P521: HpkeSuite = HpkeSuite::new(
    hpke::Kem::DhkemP521,
    hpke::Kdf::HkdfSha512,
    hpke::Aead::Aes256Gcm,
);
static HPKE_X448: HpkeSuite = HpkeSuite::new(
    hpke::Kem::DhkemX448,
    hpke::Kdf::Shake256,
    hpke::Aead::ChaCha20Poly1305,
);
static HPKE_MLKEM512: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem512,
    hpke::Kdf::HkdfSha256,
    hpke::Aead::Aes128Gcm,
);
static HPKE_MLKEM768: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem768,
    hpke::Kdf::Shake128,
    hpke::Aead::Aes256Gcm,
);
static HPKE_MLKEM1024: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem1024,
    hpke::Kdf::TurboShake256,
    hpke::Aead::ChaCha20Poly1305,
);
static HPKE_XWING: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem768X25519,
    hpke::Kdf::HkdfSha256,
    hpke::Aead::ChaCha20Poly1305,
);
static HPKE_MLKEM768_P256: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem768P256,
    hpke::Kdf::Shake256,
    hpke::Aead::Aes128Gcm,
);
static HPKE_MLKEM1024_P384: HpkeSuite = HpkeSuite::new(
    hpke::Kem::MlKem1024P384,
    hpke::Kdf::TurboShake128,
    hpke::Aead::Aes256Gcm,
);

/// The HPKE registry: one suite per KEM, the KDFs and AEADs rotating.
pub static SUITES: &[&HpkeSuite] = &[
    &HPKE_X25519,
    &HPKE_P256,
    &HPKE_P384,
    &HPKE_P521,
    &HPKE_X448,
    &HPKE_MLKEM512,
    &HPKE_MLKEM768,
    &HPKE_MLKEM1024,
    &HPKE_XWING,
    &HPKE_MLKEM768_P256,
    &HPKE_MLKEM1024_P384,
];

/// Picks the registry entry named by the first byte (modulo the registry's
/// length) and returns it with the rest.
fn pick<'a, T: ?Sized>(registry: &'a [&'a T], data: &'a [u8]) -> Option<(&'a T, &'a [u8])> {
    let (&sel, rest) = data.split_first()?;
    let n = registry.len();
    if n == 0 {
        return None;
    }
    registry
        .get(usize::from(sel) % n)
        .map(|entry| (*entry, rest))
}

/// Target: load a KEM public (encapsulation) key.
pub fn kem_public_key(data: &[u8]) {
    if let Some((kem, rest)) = pick(KEMS, data) {
        kem.public_key(rest);
    }
}

/// Target: load a KEM expanded secret (decapsulation) key.
pub fn kem_secret_key(data: &[u8]) {
    if let Some((kem, rest)) = pick(KEMS, data) {
        kem.secret_key(rest);
    }
}

/// Target: decapsulate attacker-chosen ciphertext bytes.
pub fn kem_decapsulate(data: &[u8]) {
    if let Some((kem, rest)) = pick(KEMS, data) {
        kem.decapsulate(rest);
    }
}

/// Target: load a signature public key and verify with it.
pub fn sig_public_key(data: &[u8]) {
    if let Some((sig, rest)) = pick(SIGS, data) {
        sig.public_key(rest);
    }
}

/// Target: load an expanded signature secret key and sign with it.
pub fn sig_secret_key(data: &[u8]) {
    if let Some((sig, rest)) = pick(SIGS, data) {
        sig.secret_key(rest);
    }
}

/// Target: verify attacker-chosen context and signature bytes.
pub fn sig_verify(data: &[u8]) {
    if let Some((sig, rest)) = pick(SIGS, data) {
        sig.verify(rest);
    }
}

/// Target: open attacker-chosen `enc || ct` with an HPKE suite's fixed key.
pub fn hpke_open(data: &[u8]) {
    if let Some((suite, rest)) = pick(SUITES, data) {
        suite.open(rest);
    }
}

/// A fuzz target: one input, panics only on a finding.
pub type Target = fn(&[u8]);

/// Every target by name (the corpus folder names under fuzz/corpus/).
pub static TARGETS: &[(&str, Target)] = &[
    ("kem_public_key", kem_public_key),
    ("kem_secret_key", kem_secret_key),
    ("kem_decapsulate", kem_decapsulate),
    ("sig_public_key", sig_public_key),
    ("sig_secret_key", sig_secret_key),
    ("sig_verify", sig_verify),
    ("hpke_open", hpke_open),
];
