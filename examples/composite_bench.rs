//! Composite ML-DSA cost against its two halves measured alone, in the same
//! run (a benchmark, not a test): `cargo run --release --example composite_bench`.
//!
//! Arguments: batches (default 20) and rounds per batch (default 25).
//!
//! For each algorithm, one key; each round times, back to back, a composite
//! sign (hedged) of a 1 KiB message, then the ML-DSA half alone (pqfence
//! `mldsa`, hedged, over M' with the label as context) and the traditional
//! half alone (its crate, over M'); the same for deterministic signing
//! (where both sides do identical ML-DSA work, so that row isolates the
//! composite's own cost from ML-DSA's rejection-sampling variance) and for
//! verification. Interleaving
//! keeps frequency drift out of the ratio. The target: composite
//! <= 1.1 x (ML-DSA + traditional).

use std::error::Error;
use std::hint::black_box;
use std::time::{Duration, Instant};

use der::Decode;
use ecdsa::signature::{RandomizedSigner, Signer, Verifier};
use pqfence::composite::{
    message_representative, prehash, CompositeParams, MlDsa44Ed25519Sha512, MlDsa65EcdsaP256Sha512,
    MlDsa65Ed25519Sha512, MlDsa87EcdsaP384Sha512, MlDsa87Ed448Shake256, SigningKey,
};
use pqfence::mldsa;

type Res<T> = Result<T, Box<dyn Error>>;

/// The OS generator for the ECDSA crates' hedged signing (as the composite
/// uses internally).
struct OsRng;

impl rand_core::TryRng for OsRng {
    type Error = std::io::Error;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        getrandom::fill(dst).map_err(|e| std::io::Error::other(e.to_string()))
    }
}
impl rand_core::TryCryptoRng for OsRng {}

/// A traditional half, driven through its own crate.
trait Half {
    fn load(sk: &[u8], pk: &[u8]) -> Res<Self>
    where
        Self: Sized;
    fn sign(&self, m: &[u8]) -> Res<Vec<u8>>;
    fn sign_deterministic(&self, m: &[u8]) -> Res<Vec<u8>> {
        self.sign(m)
    }
    fn verify(&self, m: &[u8], sig: &[u8]) -> Res<()>;
}

struct Ed25519Half(ed25519_dalek::SigningKey, ed25519_dalek::VerifyingKey);

impl Half for Ed25519Half {
    fn load(sk: &[u8], _pk: &[u8]) -> Res<Self> {
        let sk = ed25519_dalek::SigningKey::from_bytes(sk.try_into()?);
        let vk = sk.verifying_key();
        Ok(Ed25519Half(sk, vk))
    }
    fn sign(&self, m: &[u8]) -> Res<Vec<u8>> {
        Ok(self.0.try_sign(m)?.to_bytes().to_vec())
    }
    fn verify(&self, m: &[u8], sig: &[u8]) -> Res<()> {
        Ok(self
            .1
            .verify_strict(m, &ed25519_dalek::Signature::from_slice(sig)?)?)
    }
}

struct Ed448Half(ed448_goldilocks::SigningKey, ed448_goldilocks::VerifyingKey);

impl Half for Ed448Half {
    fn load(sk: &[u8], _pk: &[u8]) -> Res<Self> {
        let sk = ed448_goldilocks::SigningKey::try_from(sk)?;
        let vk = sk.verifying_key();
        Ok(Ed448Half(sk, vk))
    }
    fn sign(&self, m: &[u8]) -> Res<Vec<u8>> {
        Ok(self.0.sign_raw(m).to_bytes().to_vec())
    }
    fn verify(&self, m: &[u8], sig: &[u8]) -> Res<()> {
        let sig = ed448_goldilocks::Signature::from_slice(sig)?;
        Ok(self.1.verify_raw(&sig, m)?)
    }
}

macro_rules! ecdsa_half {
    ($t:ident, $curve:ty) => {
        struct $t(ecdsa::SigningKey<$curve>, ecdsa::VerifyingKey<$curve>);

        impl Half for $t {
            fn load(sk: &[u8], pk: &[u8]) -> Res<Self> {
                let ec = sec1::EcPrivateKey::from_der(sk)?;
                let sk = ecdsa::SigningKey::<$curve>::from_slice(ec.private_key)?;
                let vk = ecdsa::VerifyingKey::<$curve>::from_sec1_bytes(pk)?;
                Ok($t(sk, vk))
            }
            fn sign(&self, m: &[u8]) -> Res<Vec<u8>> {
                let sig: ecdsa::der::Signature<$curve> = self.0.try_sign_with_rng(&mut OsRng, m)?;
                Ok(sig.as_bytes().to_vec())
            }
            fn sign_deterministic(&self, m: &[u8]) -> Res<Vec<u8>> {
                let sig: ecdsa::der::Signature<$curve> = self.0.try_sign(m)?;
                Ok(sig.as_bytes().to_vec())
            }
            fn verify(&self, m: &[u8], sig: &[u8]) -> Res<()> {
                let sig = ecdsa::der::Signature::<$curve>::from_bytes(sig)?;
                Ok(self.1.verify(m, &sig)?)
            }
        }
    };
}

ecdsa_half!(P256Half, p256::NistP256);
ecdsa_half!(P384Half, p384::NistP384);

/// Total time of each of the three columns over one batch of rounds.
#[derive(Clone, Copy, Default)]
struct Times {
    composite: Duration,
    mldsa: Duration,
    trad: Duration,
}

/// Microseconds per round: (composite, ML-DSA, traditional).
fn per_round(t: &Times, n: u32) -> (f64, f64, f64) {
    let us = |d: Duration| d.as_secs_f64() * 1e6 / f64::from(n);
    (us(t.composite), us(t.mldsa), us(t.trad))
}

/// Prints the mean times over all batches, and the median over batches of
/// the per-batch ratio composite / (ML-DSA + traditional): each batch's three
/// columns ran interleaved in the same time window, so a loaded machine
/// disturbs them alike, and the median drops the batches it disturbed most.
fn report(what: &str, batches: &[Times], n: u32) {
    let mut total = Times::default();
    for b in batches {
        total.composite += b.composite;
        total.mldsa += b.mldsa;
        total.trad += b.trad;
    }
    let count = u32::try_from(batches.len()).unwrap_or(u32::MAX);
    let (c, m, t) = per_round(&total, n.saturating_mul(count));
    let mut ratios: Vec<f64> = batches
        .iter()
        .map(|b| {
            let (c, m, t) = per_round(b, n);
            c / (m + t)
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN);
    println!(
        "  {what:<6} composite {c:>7.1} us   ML-DSA {m:>7.1} + trad {t:>7.1} = {:>7.1} us   \
         mean ratio {:.3}   median batch ratio {median:.3}",
        m + t,
        c / (m + t)
    );
}

fn bench<C: CompositeParams, H: Half>(batches: u32, rounds: u32) -> Res<()> {
    let alg = C::COMPOSITE;
    let msg: Vec<u8> = (0..1024u32).map(|i| (i * 7) as u8).collect();
    let sk = SigningKey::<C>::generate()?;
    let vk = sk.verifying_key().clone();
    let raw = sk.to_bytes()?;
    let (seed, trad_sk) = raw.split_at(32);
    let ml_sk = mldsa::SigningKey::<C::MlDsa>::from_seed(seed)?;
    let ml_vk = ml_sk.verifying_key().clone();
    let half = H::load(trad_sk, vk.traditional_key_bytes())?;
    let m_prime = message_representative(alg.label, b"", &prehash::<C>(&msg))?;

    let sig = sk.sign(&msg, b"")?;
    let ml_sig = ml_sk.sign(&m_prime, alg.label)?;
    let trad_sig = half.sign(&m_prime)?;
    let (mut signs, mut dets, mut verifies) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..batches {
        let mut sign = Times::default();
        let mut det = Times::default();
        let mut verify = Times::default();
        for _ in 0..rounds {
            // Deterministic: both sides do exactly the same ML-DSA work (the
            // same M', rnd = 0), so the ratio isolates the composite's cost.
            let t = Instant::now();
            black_box(sk.sign_deterministic(black_box(&msg), b"")?);
            det.composite += t.elapsed();
            let t = Instant::now();
            black_box(ml_sk.sign_deterministic(black_box(&m_prime), alg.label)?);
            det.mldsa += t.elapsed();
            let t = Instant::now();
            black_box(half.sign_deterministic(black_box(&m_prime))?);
            det.trad += t.elapsed();

            let t = Instant::now();
            black_box(sk.sign(black_box(&msg), b"")?);
            sign.composite += t.elapsed();
            // The halves alone, over M' (building M' is part of the
            // composite's cost, not of a half's).
            let t = Instant::now();
            black_box(ml_sk.sign(black_box(&m_prime), alg.label)?);
            sign.mldsa += t.elapsed();
            let t = Instant::now();
            black_box(half.sign(black_box(&m_prime))?);
            sign.trad += t.elapsed();

            let t = Instant::now();
            vk.verify(black_box(&msg), b"", sig.as_bytes())?;
            verify.composite += t.elapsed();
            let t = Instant::now();
            ml_vk.verify(black_box(&m_prime), alg.label, ml_sig.as_bytes())?;
            verify.mldsa += t.elapsed();
            let t = Instant::now();
            half.verify(black_box(&m_prime), &trad_sig)?;
            verify.trad += t.elapsed();
        }
        signs.push(sign);
        dets.push(det);
        verifies.push(verify);
    }
    println!("{} ({batches} x {rounds} rounds, 1 KiB message)", alg.name);
    report("sign", &signs, rounds);
    report("det.", &dets, rounds);
    report("verify", &verifies, rounds);
    Ok(())
}

fn main() -> Res<()> {
    let arg = |i: usize, default: u32| -> Res<u32> {
        Ok(std::env::args()
            .nth(i)
            .map(|s| s.parse())
            .transpose()?
            .unwrap_or(default))
    };
    let (batches, rounds) = (arg(1, 20)?, arg(2, 25)?);
    println!("backend: {:?}", pqfence::backend());
    bench::<MlDsa44Ed25519Sha512, Ed25519Half>(batches, rounds)?;
    bench::<MlDsa65Ed25519Sha512, Ed25519Half>(batches, rounds)?;
    bench::<MlDsa65EcdsaP256Sha512, P256Half>(batches, rounds)?;
    bench::<MlDsa87EcdsaP384Sha512, P384Half>(batches, rounds)?;
    bench::<MlDsa87Ed448Shake256, Ed448Half>(batches, rounds)?;
    Ok(())
}
