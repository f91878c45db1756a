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
//! Adding an algorithm: implement [`Kem`] or [`Sig`] for it (the ML-KEM and
//! ML-DSA impls below are the model, generic over the parameter set) and append
//! one entry per parameter set to [`KEMS`] or [`SIGS`]. Every target then
//! covers it.

use std::marker::PhantomData;
use std::sync::OnceLock;

use pqfence::mldsa::{self, DsaParams, MlDsa44, MlDsa65, MlDsa87};
use pqfence::mlkem::{self, KemParams, MlKem1024, MlKem512, MlKem768};
use pqfence::{ByteArray, Error};

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
pub trait Sig: Sync {
    /// The standard's name, e.g. "ML-DSA-65".
    fn name(&self) -> &'static str;
    /// Loads a public key from the first bytes and verifies the rest as
    /// `[context length][context][signature]` over [`MESSAGE`].
    fn public_key(&self, bytes: &[u8]);
    /// Loads an expanded secret key; when it loads, its signatures must verify.
    fn secret_key(&self, bytes: &[u8]);
    /// Verifies `[context length][context][signature]` over [`MESSAGE`] with a
    /// fixed key: only the genuine deterministic signature may verify.
    fn verify(&self, bytes: &[u8]);
    /// Valid inputs for the corpus: (public key, expanded secret key,
    /// deterministic signature of [`MESSAGE`] with an empty context).
    fn seeds(&self) -> (Vec<u8>, Vec<u8>, Vec<u8>);
}

/// The message every signature target signs and verifies.
pub const MESSAGE: &[u8] = b"pqfence fuzz message";

/// The seeds of the fixed keys (the same for every parameter set).
const KEM_SEED: [u8; 64] = [0x5c; 64];
const SIG_SEED: [u8; 32] = [0x5c; 32];

/// Splits `[length byte][that many bytes][rest]`; a short input gives an
/// empty context.
fn split_context(bytes: &[u8]) -> (&[u8], &[u8]) {
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

    fn public_key(&self, bytes: &[u8]) {
        let (pk, rest) = bytes.split_at(bytes.len().min(<P::Pk as ByteArray>::LEN));
        match mldsa::VerifyingKey::<P>::from_bytes(pk) {
            Ok(vk) => {
                assert_eq!(vk.as_bytes(), pk, "{}: pk round trip", P::NAME);
                let (ctx, sig) = split_context(rest);
                if let Err(e) = vk.verify(MESSAGE, ctx, sig) {
                    expect_input_error(&e, "verification");
                }
            }
            Err(e) => expect_input_error(&e, "public key"),
        }
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

static MLKEM512: MlKem<MlKem512> = MlKem::new();
static MLKEM768: MlKem<MlKem768> = MlKem::new();
static MLKEM1024: MlKem<MlKem1024> = MlKem::new();
static MLDSA44: MlDsa<MlDsa44> = MlDsa::new();
static MLDSA65: MlDsa<MlDsa65> = MlDsa::new();
static MLDSA87: MlDsa<MlDsa87> = MlDsa::new();

/// The KEM registry: one entry per parameter set.
pub static KEMS: &[&dyn Kem] = &[&MLKEM512, &MLKEM768, &MLKEM1024];

/// The signature registry: one entry per parameter set.
pub static SIGS: &[&dyn Sig] = &[&MLDSA44, &MLDSA65, &MLDSA87];

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
];
