//! Eight threads run 1000 mixed operations each (key generation, encapsulation,
//! decapsulation with and without implicit rejection, signing, verification,
//! loading, bad input, HPKE sessions; ML-KEM, X-Wing, MLKEM1024-P384, ML-DSA,
//! Falcon-512, SLH-DSA-SHAKE-128f, Composite ML-DSA with ECDSA P-256 and with
//! Ed448, HPKE with MLKEM768-X25519), sharing
//! keys across threads; every result must equal
//! the one the same operation gives on a single thread. Each thread runs the
//! same 1000 operations from a different starting point, so that at any moment
//! the threads are doing different things.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::Arc;
use std::thread;

use pqfence::composite::{self, CompositeParams, MlDsa65EcdsaP256Sha512, MlDsa87Ed448Shake256};
use pqfence::falcon::{self, Falcon512};
use pqfence::hpke;
use pqfence::hybrid::{self, HybridParams};
use pqfence::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87, SigningKey, VerifyingKey};
use pqfence::mlkem::{DecapsulationKey, KemParams, MlKem1024, MlKem512, MlKem768};
use pqfence::slhdsa::{self, SlhDsaShake_128f};

const THREADS: usize = 8;
const OPS: usize = 1000;

/// Keys shared by every thread (read-only), one per parameter set.
struct Shared {
    kem: Vec<Box<dyn KemSet>>,
    dsa: Vec<Box<dyn DsaSet>>,
}

trait KemSet: Send + Sync {
    fn op(&self, kind: usize, n: u64) -> Vec<u8>;
}

trait DsaSet: Send + Sync {
    fn op(&self, kind: usize, n: u64) -> Vec<u8>;
}

struct Kem<P: KemParams> {
    dk: DecapsulationKey<P>,
    ct: Vec<u8>,
}

fn bytes_of(n: u64, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (8 * (i % 8))) as u8 ^ i as u8)
        .collect()
}

impl<P: KemParams> Kem<P> {
    fn new() -> Self {
        let dk = DecapsulationKey::<P>::from_seed(&bytes_of(1, 64)).unwrap();
        let (_, ct) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&[3; 32])
            .unwrap();
        let ct = ct.as_bytes().to_vec();
        Kem { dk, ct }
    }
}

impl<P: KemParams> KemSet for Kem<P> {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        match kind {
            0 => {
                let k = DecapsulationKey::<P>::from_seed(&bytes_of(n, 64)).unwrap();
                [k.encapsulation_key().as_bytes(), k.expanded_bytes().bytes()].concat()
            }
            1 => {
                let m: [u8; 32] = bytes_of(n, 32).try_into().unwrap();
                let (ss, ct) = self
                    .dk
                    .encapsulation_key()
                    .encapsulate_deterministic(&m)
                    .unwrap();
                [ss.bytes(), ct.as_bytes()].concat()
            }
            2 => self
                .dk
                .decapsulate_bytes(&self.ct)
                .unwrap()
                .bytes()
                .to_vec(),
            3 => {
                let mut ct = self.ct.clone();
                let i = (n as usize) % ct.len();
                ct[i] ^= 1 << (n % 8);
                self.dk.decapsulate_bytes(&ct).unwrap().bytes().to_vec()
            }
            4 => {
                let dk = self.dk.expanded_bytes().bytes().to_vec();
                let k = DecapsulationKey::<P>::from_expanded_bytes(&dk).unwrap();
                k.encapsulation_key().as_bytes().to_vec()
            }
            _ => format!(
                "{:?}",
                self.dk.decapsulate_bytes(&bytes_of(n, (n % 50) as usize))
            )
            .into_bytes(),
        }
    }
}

/// A hybrid KEM (X-Wing and its siblings), shared like the ML-KEM keys.
struct Hybrid<P: HybridParams> {
    dk: hybrid::DecapsulationKey<P>,
    ct: Vec<u8>,
}

impl<P: HybridParams> Hybrid<P> {
    fn new() -> Self {
        let dk = hybrid::DecapsulationKey::<P>::from_seed(&bytes_of(4, 32)).unwrap();
        let eseed = bytes_of(5, 32 + P::GROUP_SEED_BYTES);
        let (_, ct) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&eseed)
            .unwrap();
        let ct = ct.as_bytes().to_vec();
        Hybrid { dk, ct }
    }
}

impl<P: HybridParams> KemSet for Hybrid<P> {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        match kind {
            0 => {
                let k = hybrid::DecapsulationKey::<P>::from_seed(&bytes_of(n, 32)).unwrap();
                [k.encapsulation_key().as_bytes(), k.expanded_bytes()].concat()
            }
            1 => {
                let eseed = bytes_of(n, 32 + P::GROUP_SEED_BYTES);
                match self
                    .dk
                    .encapsulation_key()
                    .encapsulate_deterministic(&eseed)
                {
                    Ok((ss, ct)) => [ss.bytes(), ct.as_bytes()].concat(),
                    Err(e) => format!("{e:?}").into_bytes(),
                }
            }
            2 => self
                .dk
                .decapsulate_bytes(&self.ct)
                .unwrap()
                .bytes()
                .to_vec(),
            3 => {
                // The ML-KEM half tampered: implicit rejection.
                let mut ct = self.ct.clone();
                let i = (n as usize) % 1000;
                ct[i] ^= 1 << (n % 8);
                self.dk.decapsulate_bytes(&ct).unwrap().bytes().to_vec()
            }
            4 => {
                let k =
                    hybrid::DecapsulationKey::<P>::from_expanded_bytes(self.dk.expanded_bytes())
                        .unwrap();
                k.encapsulation_key().as_bytes().to_vec()
            }
            _ => format!(
                "{:?}",
                self.dk.decapsulate_bytes(&bytes_of(n, (n % 50) as usize))
            )
            .into_bytes(),
        }
    }
}

/// HPKE sessions on one shared recipient key: deterministic senders,
/// single-shot opens, tampered messages, exports.
struct Hpke {
    suite: hpke::Suite,
    sk: hpke::PrivateKey,
    sealed: Vec<u8>,
}

impl Hpke {
    fn new() -> Self {
        let suite = hpke::Suite::new(
            hpke::Kem::MlKem768X25519,
            hpke::Kdf::Shake256,
            hpke::Aead::ChaCha20Poly1305,
        );
        let sk = hpke::PrivateKey::derive(suite.kem, &bytes_of(6, 32)).unwrap();
        let sealed = suite.encrypt(b"shared", sk.public_key(), b"info").unwrap();
        Hpke { suite, sk, sealed }
    }
}

impl KemSet for Hpke {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        let pk = self.sk.public_key();
        match kind {
            0 => hpke::PrivateKey::derive(self.suite.kem, &bytes_of(n, 32))
                .unwrap()
                .public_key()
                .as_bytes()
                .to_vec(),
            1 | 4 => {
                let (enc, mut ctx) = self
                    .suite
                    .setup_sender_deterministic(pk, b"info", None, None, &bytes_of(n, 64))
                    .unwrap();
                let ct = ctx.seal(b"aad", &bytes_of(n, (n % 100) as usize)).unwrap();
                let x = ctx.export(b"ctx", 32).unwrap();
                [enc, ct, x.to_vec()].concat()
            }
            2 => self.suite.decrypt(&self.sealed, &self.sk, b"info").unwrap(),
            3 => {
                let mut ct = self.sealed.clone();
                let i = (n as usize) % ct.len();
                ct[i] ^= 1 << (n % 8);
                format!("{:?}", self.suite.decrypt(&ct, &self.sk, b"info")).into_bytes()
            }
            _ => format!(
                "{:?}",
                self.suite
                    .decrypt(&bytes_of(n, (n % 50) as usize), &self.sk, b"")
            )
            .into_bytes(),
        }
    }
}

struct Dsa<P: DsaParams> {
    sk: SigningKey<P>,
    sig: Vec<u8>,
}

impl<P: DsaParams> Dsa<P> {
    fn new() -> Self {
        let sk = SigningKey::<P>::from_seed(&bytes_of(2, 32)).unwrap();
        let sig = sk
            .sign_deterministic(b"shared", b"")
            .unwrap()
            .as_bytes()
            .to_vec();
        Dsa { sk, sig }
    }
}

impl<P: DsaParams> DsaSet for Dsa<P> {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        let msg = bytes_of(n, (n % 100) as usize);
        match kind {
            0 => {
                let k = SigningKey::<P>::from_seed(&bytes_of(n, 32)).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
            1 => self
                .sk
                .sign_deterministic(&msg, b"ctx")
                .unwrap()
                .as_bytes()
                .to_vec(),
            2 => {
                let ok = self
                    .sk
                    .verifying_key()
                    .verify(b"shared", b"", &self.sig)
                    .is_ok();
                vec![u8::from(ok)]
            }
            3 => {
                let mut sig = self.sig.clone();
                let i = (n as usize) % sig.len();
                sig[i] ^= 1 << (n % 8);
                let r = self.sk.verifying_key().verify(b"shared", b"", &sig);
                format!("{r:?}").into_bytes()
            }
            4 => {
                // Hedged signatures differ each time: what must agree is that
                // they verify.
                let sig = self.sk.sign(&msg, b"").unwrap();
                let vk = VerifyingKey::<P>::from_bytes(self.sk.verifying_key().as_bytes()).unwrap();
                vec![u8::from(vk.verify(&msg, b"", sig.as_bytes()).is_ok())]
            }
            _ => {
                let sk = self.sk.expanded_bytes().bytes().to_vec();
                let k = SigningKey::<P>::from_expanded_bytes(&sk).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
        }
    }
}

/// Falcon-512: signing is randomized, so the deterministic variant (fixed
/// nonce and sampler seed from n) gives comparable outputs.
struct Fal {
    sk: falcon::SigningKey<Falcon512>,
    sig: Vec<u8>,
}

impl Fal {
    fn new() -> Self {
        let sk = falcon::SigningKey::<Falcon512>::from_seed(&bytes_of(3, 48)).unwrap();
        let sig = sk.sign(b"shared").unwrap().as_bytes().to_vec();
        Fal { sk, sig }
    }
}

impl DsaSet for Fal {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        let msg = bytes_of(n, (n % 100) as usize);
        let vk = self.sk.verifying_key();
        match kind {
            0 => {
                let k = falcon::SigningKey::<Falcon512>::from_seed(&bytes_of(n, 48)).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
            1 | 4 => {
                let nonce: [u8; 40] = bytes_of(n, 40).try_into().unwrap();
                let seed: [u8; 48] = bytes_of(n + 1, 48).try_into().unwrap();
                let sig = self.sk.sign_with_randomness(&msg, &nonce, &seed).unwrap();
                sig.as_bytes().to_vec()
            }
            2 => vec![u8::from(vk.verify(b"shared", &self.sig).is_ok())],
            3 => {
                let mut sig = self.sig.clone();
                let i = (n as usize) % sig.len();
                sig[i] ^= 1 << (n % 8);
                format!("{:?}", vk.verify(b"shared", &sig)).into_bytes()
            }
            _ => {
                let sk = self.sk.expanded_bytes().bytes().to_vec();
                let k = falcon::SigningKey::<Falcon512>::from_keypair_bytes(&sk, vk.as_bytes())
                    .unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
        }
    }
}

/// SLH-DSA-SHAKE-128f (the fastest set to sign with).
struct Slh {
    sk: slhdsa::SigningKey<SlhDsaShake_128f>,
    sig: Vec<u8>,
}

impl Slh {
    fn new() -> Self {
        let sk = slhdsa::SigningKey::<SlhDsaShake_128f>::from_seed(&bytes_of(4, 48)).unwrap();
        let sig = sk
            .sign_deterministic(b"shared", b"")
            .unwrap()
            .as_bytes()
            .to_vec();
        Slh { sk, sig }
    }
}

impl DsaSet for Slh {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        let msg = bytes_of(n, (n % 100) as usize);
        let vk = self.sk.verifying_key();
        match kind {
            0 => {
                let k =
                    slhdsa::SigningKey::<SlhDsaShake_128f>::from_seed(&bytes_of(n, 48)).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
            1 | 4 => self
                .sk
                .sign_deterministic(&msg, b"ctx")
                .unwrap()
                .as_bytes()
                .to_vec(),
            2 => vec![u8::from(vk.verify(b"shared", b"", &self.sig).is_ok())],
            3 => {
                let mut sig = self.sig.clone();
                let i = (n as usize) % sig.len();
                sig[i] ^= 1 << (n % 8);
                format!("{:?}", vk.verify(b"shared", b"", &sig)).into_bytes()
            }
            _ => {
                let sk = self.sk.expanded_bytes().bytes().to_vec();
                let k = slhdsa::SigningKey::<SlhDsaShake_128f>::from_expanded_bytes(&sk).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
        }
    }
}

/// A Composite ML-DSA key (ML-DSA and a traditional half from its crate).
struct Comp<C: CompositeParams> {
    sk: composite::SigningKey<C>,
    sig: Vec<u8>,
}

impl<C: CompositeParams> Comp<C> {
    fn new() -> Self {
        let sk = composite::SigningKey::<C>::generate().unwrap();
        let sig = sk
            .sign_deterministic(b"shared", b"")
            .unwrap()
            .as_bytes()
            .to_vec();
        Comp { sk, sig }
    }
}

impl<C: CompositeParams> DsaSet for Comp<C> {
    fn op(&self, kind: usize, n: u64) -> Vec<u8> {
        let msg = bytes_of(n, (n % 100) as usize);
        let vk = self.sk.verifying_key();
        match kind {
            0 => {
                // A key whose ML-DSA half comes from n, the traditional half
                // from the shared key.
                let raw = [&bytes_of(n, 32), &self.sk.as_bytes()[32..]].concat();
                let k = composite::SigningKey::<C>::from_bytes(&raw).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
            1 => self
                .sk
                .sign_deterministic(&msg, b"ctx")
                .unwrap()
                .as_bytes()
                .to_vec(),
            2 => vec![u8::from(vk.verify(b"shared", b"", &self.sig).is_ok())],
            3 => {
                let mut sig = self.sig.clone();
                let i = (n as usize) % sig.len();
                sig[i] ^= 1 << (n % 8);
                format!("{:?}", vk.verify(b"shared", b"", &sig)).into_bytes()
            }
            4 => {
                let sig = self.sk.sign(&msg, b"").unwrap();
                let vk = composite::VerifyingKey::<C>::from_bytes(vk.as_bytes()).unwrap();
                vec![u8::from(vk.verify(&msg, b"", sig.as_bytes()).is_ok())]
            }
            _ => {
                let der = composite::encoding::to_pkcs8_der(&self.sk).unwrap();
                let k = composite::encoding::from_pkcs8_der::<C>(der.as_bytes()).unwrap();
                k.verifying_key().as_bytes().to_vec()
            }
        }
    }
}

fn shared() -> Shared {
    Shared {
        kem: vec![
            Box::new(Kem::<MlKem512>::new()),
            Box::new(Kem::<MlKem768>::new()),
            Box::new(Kem::<MlKem1024>::new()),
            Box::new(Hybrid::<hybrid::MlKem768X25519>::new()),
            Box::new(Hybrid::<hybrid::MlKem1024P384>::new()),
            Box::new(Hpke::new()),
        ],
        dsa: vec![
            Box::new(Dsa::<MlDsa44>::new()),
            Box::new(Dsa::<MlDsa65>::new()),
            Box::new(Dsa::<MlDsa87>::new()),
            Box::new(Fal::new()),
            Box::new(Slh::new()),
            Box::new(Comp::<MlDsa65EcdsaP256Sha512>::new()),
            Box::new(Comp::<MlDsa87Ed448Shake256>::new()),
        ],
    }
}

/// Operation `j`: a parameter set and a kind, mixed.
fn operation(s: &Shared, j: usize) -> Vec<u8> {
    let n = j as u64;
    let sets = s.kem.len() + s.dsa.len();
    let set = (j * 5) % sets;
    let kind = (j * 7 / sets) % 6;
    match set.checked_sub(s.kem.len()) {
        None => s.kem[set].op(kind, n),
        Some(d) => s.dsa[d].op(kind, n),
    }
}

#[test]
fn eight_threads_agree_with_one() {
    let s = Arc::new(shared());
    let reference: Vec<Vec<u8>> = (0..OPS).map(|j| operation(&s, j)).collect();
    let start = |t: usize| t * OPS / THREADS;
    let handles: Vec<_> = (0..THREADS)
        .map(|t| {
            let s = Arc::clone(&s);
            thread::spawn(move || {
                (0..OPS)
                    .map(|i| {
                        let j = (start(t) + i) % OPS;
                        (j, operation(&s, j))
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut total = 0;
    for (t, h) in handles.into_iter().enumerate() {
        let got = h.join().expect("a thread panicked");
        assert_eq!(got.len(), OPS);
        for (j, out) in &got {
            assert!(
                *out == reference[*j],
                "thread {t}: operation {j} differs from the single-thread run"
            );
            total += 1;
        }
    }
    assert_eq!(total, THREADS * OPS);
}

/// The comparison can fail: operations that differ are seen to differ.
#[test]
fn different_operations_give_different_results() {
    let s = shared();
    assert_ne!(operation(&s, 0), operation(&s, 1));
    assert_ne!(s.kem[0].op(1, 1), s.kem[0].op(1, 2));
}
