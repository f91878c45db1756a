//! Secrets are wiped before their memory is returned: proven by a global
//! allocator that inspects every heap block freed while a probe is armed.
//!
//! A test first computes, unarmed, the secret bytes a flow will handle (seeds,
//! expanded secret keys, shared secrets), then arms the probe on its thread with
//! 16-byte windows of those bytes and runs the flow again from scratch:
//! generation, cloning, loading, every operation, error paths, drops. Any freed
//! block that still contains one of the windows is a secret that was not wiped
//! before its memory went back to the allocator. A negative control drops an
//! unwiped copy and must be caught, so the probe cannot pass by being blind.
#![allow(
    unsafe_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};

mod common;

use pqfence::composite::{
    self, CompositeParams as CompositeSigParams, MlDsa44EcdsaP256Sha256, MlDsa44Ed25519Sha512,
    MlDsa65EcdsaBrainpoolP256r1Sha512, MlDsa65EcdsaP384Sha512, MlDsa65Rsa3072PssSha512,
    MlDsa87EcdsaBrainpoolP384r1Sha512, MlDsa87EcdsaP521Sha512, MlDsa87Ed448Shake256,
};
use pqfence::encoding::{self, PrivateKeyForm};
#[cfg(feature = "test-hooks")]
use pqfence::hpke;
use pqfence::hybrid::composite_kem::{self, CompositeParams};
use pqfence::hybrid::{self, HybridParams};
use pqfence::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87, SigningKey};
use pqfence::mlkem::{Ciphertext, DecapsulationKey, KemParams, MlKem1024, MlKem512, MlKem768};
use pqfence::{ByteArray, Error};

const WIN: usize = 16;
const STEP: usize = 8;
const MAX_NEEDLES: usize = 2048;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    /// Sorted first 8 bytes of each window, and the windows themselves.
    static KEYS: RefCell<[(u64, [u8; WIN]); MAX_NEEDLES]> =
        const { RefCell::new([(0, [0; WIN]); MAX_NEEDLES]) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
    static HITS: Cell<usize> = const { Cell::new(0) };
    static FREED: Cell<usize> = const { Cell::new(0) };
    /// Block sizes whose freed blocks must be all zero, and the counts.
    static SIZES: Cell<[usize; 2]> = const { Cell::new([0, 0]) };
    static SIZED: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

fn watch_sizes(sizes: [usize; 2]) {
    SIZES.with(|s| s.set(sizes));
    SIZED.with(|s| s.set((0, 0)));
}

/// (freed blocks of a watched size holding a non-zero byte, such blocks).
fn sized() -> (usize, usize) {
    SIZED.with(Cell::get)
}

/// The system allocator, with an inspection of every block freed on an armed
/// thread.
struct Inspecting;

fn prefix(bytes: &[u8]) -> u64 {
    let mut k = [0u8; 8];
    k.copy_from_slice(bytes.get(..8).unwrap_or(&[0; 8]));
    u64::from_le_bytes(k)
}

/// Counts the windows present in `block` (no allocation: runs inside dealloc).
fn inspect(block: &[u8]) {
    let n = COUNT.with(Cell::get);
    let found = KEYS.with_borrow(|keys| {
        let keys = keys.get(..n).unwrap_or(&[]);
        let mut found = 0;
        if block.len() >= WIN {
            for pos in 0..=block.len() - WIN {
                let Some(at) = block.get(pos..pos + WIN) else {
                    break;
                };
                let p = prefix(at);
                if let Ok(mut i) = keys.binary_search_by_key(&p, |k| k.0) {
                    while i > 0 && keys.get(i - 1).is_some_and(|k| k.0 == p) {
                        i -= 1;
                    }
                    while let Some(k) = keys.get(i).filter(|k| k.0 == p) {
                        if k.1 == at {
                            found += 1;
                            break;
                        }
                        i += 1;
                    }
                }
            }
        }
        found
    });
    HITS.with(|h| h.set(h.get() + found));
    FREED.with(|f| f.set(f.get() + 1));
    if SIZES.with(Cell::get).contains(&block.len()) {
        let nonzero = usize::from(block.iter().any(|&b| b != 0));
        SIZED.with(|s| {
            let (n, w) = s.get();
            s.set((n + nonzero, w + 1));
        });
    }
}

// SAFETY: every method forwards to the system allocator with the caller's
// arguments unchanged; `dealloc` only reads the block it was given, which is
// valid for `layout.size()` bytes until it is passed on to `System.dealloc`.
unsafe impl GlobalAlloc for Inspecting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.with(Cell::get) {
            ARMED.with(|a| a.set(false)); // no inspection of our own work
                                          // SAFETY: `ptr` is a live block of `layout.size()` bytes (the
                                          // caller's `dealloc` contract), read before it is freed.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            inspect(block);
            ARMED.with(|a| a.set(true));
        }
        // SAFETY: forwarded unchanged.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if ARMED.with(Cell::get) {
            ARMED.with(|a| a.set(false));
            // SAFETY: as in `dealloc`: the old block is live until realloc.
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            inspect(block);
            ARMED.with(|a| a.set(true));
        }
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Inspecting = Inspecting;

/// Arms the probe on this thread with the windows of `secrets`.
fn arm(secrets: &[&[u8]]) {
    KEYS.with_borrow_mut(|keys| {
        let mut n = 0;
        for s in secrets {
            let mut off = 0;
            while off + WIN <= s.len() && n < MAX_NEEDLES {
                let mut w = [0u8; WIN];
                w.copy_from_slice(&s[off..off + WIN]);
                keys[n] = (prefix(&w), w);
                n += 1;
                off += STEP;
            }
        }
        assert!(n < MAX_NEEDLES, "too many windows");
        keys[..n].sort_unstable();
        COUNT.with(|c| c.set(n));
    });
    HITS.with(|h| h.set(0));
    FREED.with(|f| f.set(0));
    ARMED.with(|a| a.set(true));
}

/// Disarms the probe: (windows found in freed blocks, blocks inspected).
fn disarm() -> (usize, usize) {
    ARMED.with(|a| a.set(false));
    SIZES.with(|s| s.set([0, 0]));
    (HITS.with(Cell::get), FREED.with(Cell::get))
}

/// Runs `flow` armed with `secrets`; asserts no freed block held a secret.
fn assert_wiped(what: &str, secrets: &[&[u8]], flow: impl FnOnce()) {
    arm(secrets);
    flow();
    let (hits, freed) = disarm();
    assert!(
        freed > 0,
        "{what}: no block was freed: the probe saw nothing"
    );
    assert_eq!(
        hits, 0,
        "{what}: {hits} secret windows found in {freed} freed blocks"
    );
}

#[test]
fn the_probe_catches_an_unwiped_copy() {
    let secret: [u8; 64] = core::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0xA5);
    arm(&[&secret]);
    drop(secret.to_vec()); // a copy freed without wiping
    let (hits, freed) = disarm();
    assert!(freed >= 1);
    assert!(hits >= 1, "the probe missed an unwiped copy");
    // And a wiped copy passes.
    arm(&[&secret]);
    let mut v = secret.to_vec();
    zeroize::Zeroize::zeroize(&mut v);
    drop(v);
    assert_eq!(disarm().0, 0);
}

fn pattern<const N: usize>(tag: u8) -> [u8; N] {
    core::array::from_fn(|i| (i as u8).wrapping_mul(151).wrapping_add(tag) ^ 0x3C)
}

/// The secret bytes of an expanded ML-KEM key: dk_pke and z (not the
/// embedded ek and its hash, which are public).
fn kem_dk_secret<P: KemParams>(dk: &[u8]) -> Vec<u8> {
    let pke = P::Dk::LEN - P::Ek::LEN - 64;
    [&dk[..pke], &dk[P::Dk::LEN - 32..]].concat()
}

fn kem_flow<P: KemParams>() {
    let seed: [u8; 64] = pattern(P::Ek::LEN as u8);
    let m: [u8; 32] = pattern(7);
    // Unarmed: learn the secrets the flow handles.
    let (dk_secret, dk_bytes, ss, ct) = {
        let dk = DecapsulationKey::<P>::from_seed(&seed).unwrap();
        let (ss, ct) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&m)
            .unwrap();
        let bytes = dk.expanded_bytes().bytes().to_vec();
        (
            kem_dk_secret::<P>(&bytes),
            bytes,
            ss.bytes().to_vec(),
            ct.as_bytes().to_vec(),
        )
    };
    let mut bad = dk_bytes.clone();
    let hpos = P::Dk::LEN - 64;
    bad[hpos] ^= 1; // fails the FIPS 203 hash check
    let mut tampered = ct.clone();
    tampered[0] ^= 1;
    let secrets: [&[u8]; 4] = [&seed, &m, &dk_secret, &ss];
    assert_wiped(P::NAME, &secrets, || {
        let dk = DecapsulationKey::<P>::from_seed(&seed).unwrap();
        let copy = dk.clone();
        let loaded = DecapsulationKey::<P>::from_expanded_bytes(&dk_bytes).unwrap();
        assert!(loaded == copy);
        let (ss1, ct1) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&m)
            .unwrap();
        let ss2 = loaded.decapsulate(&ct1).unwrap();
        assert!(ss1 == ss2);
        let ct2 = Ciphertext::<P>::from_bytes(&tampered).unwrap();
        let rejected = copy.decapsulate(&ct2).unwrap();
        assert!(rejected != ss1);
        // Error paths: the copy made before the check is wiped too.
        assert!(matches!(
            DecapsulationKey::<P>::from_expanded_bytes(&bad),
            Err(Error::InvalidKey { .. })
        ));
        assert!(DecapsulationKey::<P>::from_seed(&seed[..63]).is_err());
        drop((dk, copy, loaded, ss1, ss2, rejected, ct1, ct2));
    });
}

#[test]
fn mlkem_secrets_are_wiped() {
    kem_flow::<MlKem512>();
    kem_flow::<MlKem768>();
    kem_flow::<MlKem1024>();
}

/// The secret bytes of an expanded ML-DSA key: K and s1 || s2 || t0 (not rho
/// and tr, which are public).
fn dsa_sk_secret(sk: &[u8]) -> Vec<u8> {
    [&sk[32..64], &sk[128..]].concat()
}

fn dsa_flow<P: DsaParams>() {
    let seed: [u8; 32] = pattern(P::Pk::LEN as u8);
    let (sk_secret, sk_bytes) = {
        let sk = SigningKey::<P>::from_seed(&seed).unwrap();
        let bytes = sk.expanded_bytes().bytes().to_vec();
        (dsa_sk_secret(&bytes), bytes)
    };
    let mut bad = sk_bytes.clone();
    let last = bad.len() - 1;
    bad[last] ^= 0x10; // a t0 coefficient changes: the t0 check fails
    let secrets: [&[u8]; 2] = [&seed, &sk_secret];
    assert_wiped(P::NAME, &secrets, || {
        let sk = SigningKey::<P>::from_seed(&seed).unwrap();
        let copy = sk.clone();
        let loaded = SigningKey::<P>::from_expanded_bytes(&sk_bytes).unwrap();
        assert!(loaded == copy);
        let sig = sk.sign_deterministic(b"message", b"ctx").unwrap();
        loaded
            .verifying_key()
            .verify(b"message", b"ctx", sig.as_bytes())
            .unwrap();
        let hedged = copy.sign(b"message", b"").unwrap();
        copy.verifying_key()
            .verify(b"message", b"", hedged.as_bytes())
            .unwrap();
        assert!(matches!(
            SigningKey::<P>::from_expanded_bytes(&bad),
            Err(Error::InvalidKey { .. })
        ));
        drop((sk, copy, loaded, sig, hedged));
    });
}

#[test]
fn mldsa_secrets_are_wiped() {
    dsa_flow::<MlDsa44>();
    dsa_flow::<MlDsa65>();
    dsa_flow::<MlDsa87>();
}

/// The secret parts of a composite's traditional private key as it is
/// encoded: the whole key for EdDSA and ECDSA (an ECPrivateKey written by
/// pqfence holds no public key), and for RSA the private INTEGERs (d, p, q,
/// dP, dQ, qInv), not the public modulus and exponent it also holds.
fn trad_secrets<C: CompositeSigParams>(trad: &[u8]) -> Vec<Vec<u8>> {
    if !C::COMPOSITE.traditional.starts_with("RSASSA") {
        return vec![trad.to_vec()];
    }
    let k = rsa::pkcs1::RsaPrivateKey::<rsa::pkcs1::UintRef<'_>>::try_from(trad).unwrap();
    [
        k.private_exponent,
        k.prime1,
        k.prime2,
        k.exponent1,
        k.exponent2,
        k.coefficient,
    ]
    .iter()
    .map(|u| u.as_bytes().to_vec())
    .collect()
}

/// A Composite ML-DSA key's life: loading the raw key (mldsaSeed ||
/// tradSK), cloning, PKCS#8 out and back (the composite encoder and the
/// catalogue's, and the any-key loader that boxes the key), signing (or the
/// RSA refusal), an error path, drops. The secrets: the ML-DSA seed and the
/// half's expanded secret, and the traditional key's secret parts as they
/// are encoded ([`trad_secrets`]). The traditional halves' own in-memory
/// forms (limbs, expanded scalars) are their crates' to wipe, and are not
/// looked for.
fn composite_sig_flow<C: CompositeSigParams>(raw: &[u8]) {
    let name = C::COMPOSITE.name;
    let ml_secret = {
        let ml = SigningKey::<C::MlDsa>::from_seed(&raw[..32]).unwrap();
        dsa_sk_secret(ml.expanded_bytes().bytes())
    };
    let trad = trad_secrets::<C>(&raw[32..]);
    let mut secrets: Vec<&[u8]> = vec![&raw[..32], &ml_secret];
    secrets.extend(trad.iter().map(Vec::as_slice));
    assert_wiped(name, &secrets, || {
        let sk = composite::SigningKey::<C>::from_bytes(raw).unwrap();
        let copy = sk.clone();
        let der = composite::encoding::to_pkcs8_der(&sk).unwrap();
        let loaded = composite::encoding::from_pkcs8_der::<C>(der.as_bytes()).unwrap();
        assert!(loaded == copy);
        let pem = encoding::to_pkcs8_pem(&sk, PrivateKeyForm::Seed).unwrap();
        let any = encoding::load_private_key_pem(&pem, None).unwrap();
        let boxed = composite::encoding::load_private_key_der(der.as_bytes()).unwrap();
        assert_eq!(any.algorithm().name, name);
        assert_eq!(boxed.algorithm().name, name);
        let raw_again = sk.to_bytes().unwrap();
        assert_eq!(raw_again.as_slice(), raw);
        if C::COMPOSITE.can_sign {
            let sig = sk.sign_deterministic(b"message", b"ctx").unwrap();
            let hedged = loaded.sign(b"message", b"").unwrap();
            let vk = copy.verifying_key();
            vk.verify(b"message", b"ctx", sig.as_bytes()).unwrap();
            vk.verify(b"message", b"", hedged.as_bytes()).unwrap();
        } else {
            assert!(matches!(
                sk.sign(b"message", b""),
                Err(Error::UnsupportedAlgorithm { .. })
            ));
        }
        assert!(composite::SigningKey::<C>::from_bytes(&raw[..raw.len() - 1]).is_err());
        drop((sk, copy, der, loaded, pem, any, boxed, raw_again));
    });
}

fn composite_sig_generated<C: CompositeSigParams>() {
    let raw = composite::SigningKey::<C>::generate()
        .unwrap()
        .to_bytes()
        .unwrap();
    composite_sig_flow::<C>(&raw);
}

#[test]
fn composite_sig_secrets_are_wiped() {
    composite_sig_generated::<MlDsa44Ed25519Sha512>();
    composite_sig_generated::<MlDsa44EcdsaP256Sha256>();
    composite_sig_generated::<MlDsa65EcdsaP384Sha512>();
    composite_sig_generated::<MlDsa65EcdsaBrainpoolP256r1Sha512>();
    composite_sig_generated::<MlDsa87EcdsaBrainpoolP384r1Sha512>();
    composite_sig_generated::<MlDsa87EcdsaP521Sha512>();
    composite_sig_generated::<MlDsa87Ed448Shake256>();
    // RSA: no key generation; the vector's key, when the vectors are here.
    if let Some(dir) = common::vectors_dir() {
        let v = common::read_json(&dir.join("composite-sigs/testvectors.json"));
        let t = v["tests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["tcId"] == "id-MLDSA65-RSA3072-PSS-SHA512")
            .unwrap();
        let raw = base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            t["sk"].as_str().unwrap(),
        )
        .unwrap();
        composite_sig_flow::<MlDsa65Rsa3072PssSha512>(&raw);
    }
}

fn hybrid_flow<P: HybridParams>() {
    let seed: [u8; 32] = pattern(P::EK_BYTES as u8);
    let eseed: Vec<u8> = (0..32 + P::GROUP_SEED_BYTES)
        .map(|i| (i as u8).wrapping_mul(29) ^ 0x5A)
        .collect();
    let (expanded, ss, ct) = {
        let dk = hybrid::DecapsulationKey::<P>::from_seed(&seed).unwrap();
        let (ss, ct) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&eseed)
            .unwrap();
        (
            dk.expanded_bytes().to_vec(),
            ss.bytes().to_vec(),
            ct.as_bytes().to_vec(),
        )
    };
    let mut zero_t = ct.clone();
    let n = zero_t.len();
    for b in &mut zero_t[n - (P::EK_BYTES - <<P::Pq as KemParams>::Ek as ByteArray>::LEN)..] {
        *b = 0;
    }
    let secrets: [&[u8]; 4] = [&seed, &eseed, &expanded, &ss];
    assert_wiped(P::NAME, &secrets, || {
        let dk = hybrid::DecapsulationKey::<P>::from_seed(&seed).unwrap();
        let copy = dk.clone();
        let loaded = hybrid::DecapsulationKey::<P>::from_expanded_bytes(&expanded).unwrap();
        let halves =
            hybrid::DecapsulationKey::<P>::from_components(dk.pq_key(), dk.traditional_secret())
                .unwrap();
        assert!(loaded == copy && halves == dk);
        let (ss1, ct1) = dk
            .encapsulation_key()
            .encapsulate_deterministic(&eseed)
            .unwrap();
        let ss2 = loaded.decapsulate(&ct1).unwrap();
        assert!(ss1 == ss2);
        assert!(matches!(
            halves.decapsulate_bytes(&zero_t),
            Err(Error::InvalidKey { .. })
        ));
        if P::ALGORITHM.oid.is_some() {
            let der = encoding::to_pkcs8_der(&dk, encoding::PrivateKeyForm::Seed).unwrap();
            let back: hybrid::DecapsulationKey<P> =
                encoding::from_pkcs8_der(der.as_bytes()).unwrap();
            assert!(back == dk);
            drop((der, back));
        }
        drop((dk, copy, loaded, halves, ss1, ss2, ct1));
    });
}

fn composite_flow<P: CompositeParams>() {
    let (raw, ss, ct) = {
        let dk = composite_kem::DecapsulationKey::<P>::generate().unwrap();
        let (ss, ct) = dk.encapsulation_key().encapsulate().unwrap();
        (
            dk.as_bytes().to_vec(),
            ss.bytes().to_vec(),
            ct.as_bytes().to_vec(),
        )
    };
    let secrets: [&[u8]; 2] = [&raw, &ss];
    assert_wiped(P::NAME, &secrets, || {
        let dk = composite_kem::DecapsulationKey::<P>::from_bytes(&raw).unwrap();
        let copy = dk.clone();
        let der = dk.to_pkcs8_der().unwrap();
        let back = composite_kem::DecapsulationKey::<P>::from_pkcs8_der(der.as_bytes()).unwrap();
        assert!(back == copy);
        let ss1 = back.decapsulate_bytes(&ct).unwrap();
        assert!(ss1.bytes() == ss.as_slice());
        assert!(composite_kem::DecapsulationKey::<P>::from_bytes(&raw[..70]).is_err());
        drop((dk, copy, der, back, ss1));
    });
}

#[test]
fn hybrid_secrets_are_wiped() {
    hybrid_flow::<hybrid::MlKem768X25519>();
    hybrid_flow::<hybrid::MlKem768P256>();
    hybrid_flow::<hybrid::MlKem1024P384>();
    composite_flow::<composite_kem::CompositeMlKem768X25519>();
    composite_flow::<composite_kem::CompositeMlKem768EcdhP256>();
    composite_flow::<composite_kem::CompositeMlKem1024X448>();
    composite_flow::<composite_kem::CompositeMlKem1024EcdhP521>();
}

/// HPKE: the key pair, the PSK, the context's key, base nonce and exporter
/// secret, and an exported secret, through a whole session in psk mode.
#[cfg(feature = "test-hooks")]
fn hpke_flow(kem: hpke::Kem, kdf: hpke::Kdf, aead: hpke::Aead) {
    let suite = hpke::Suite::new(kem, kdf, aead);
    let ikm_r: [u8; 64] = pattern(kem.n_enc() as u8);
    let ikm_e: Vec<u8> = (0..64).map(|i| (i as u8).wrapping_mul(53) ^ 0xC3).collect();
    let ikm_e = &ikm_e[..match kem {
        hpke::Kem::MlKem768X25519 => 64,
        hpke::Kem::MlKem768 => 32,
        _ => 64,
    }];
    let psk: [u8; 32] = pattern(0x77);
    let psk_ref = || {
        Some(hpke::Psk {
            psk: &psk,
            psk_id: b"id",
        })
    };
    let (sk_bytes, key, nonce, exporter, exported) = {
        let sk = hpke::PrivateKey::derive(kem, &ikm_r).unwrap();
        let (enc, sender) = suite
            .setup_sender_deterministic(sk.public_key(), b"info", psk_ref(), None, ikm_e)
            .unwrap();
        let r = suite
            .setup_recipient(&enc, &sk, b"info", psk_ref(), None)
            .unwrap();
        let (k, n, e) = r.secrets_for_test();
        let x = sender.export(b"ctx", 64).unwrap().to_vec();
        (sk.to_bytes().unwrap().to_vec(), k, n, e, x)
    };
    let secrets: [&[u8]; 7] = [&ikm_r, &sk_bytes, &psk, &key, &nonce, &exporter, &exported];
    assert_wiped(kem.name(), &secrets, || {
        let sk = hpke::PrivateKey::derive(kem, &ikm_r).unwrap();
        let again = hpke::PrivateKey::from_bytes(kem, &sk.to_bytes().unwrap()).unwrap();
        let (enc, mut sender) = suite
            .setup_sender_deterministic(sk.public_key(), b"info", psk_ref(), None, ikm_e)
            .unwrap();
        let mut recipient = suite
            .setup_recipient(&enc, &again, b"info", psk_ref(), None)
            .unwrap();
        if aead != hpke::Aead::ExportOnly {
            for msg in [&b"one"[..], b"two", b"three"] {
                let ct = sender.seal(b"aad", msg).unwrap();
                assert_eq!(recipient.open(b"aad", &ct).unwrap(), msg);
            }
            let sealed = suite.encrypt(b"single", sk.public_key(), b"i").unwrap();
            assert_eq!(suite.decrypt(&sealed, &sk, b"i").unwrap(), b"single");
        }
        let x1 = sender.export(b"ctx", 64).unwrap();
        let x2 = recipient.export(b"ctx", 64).unwrap();
        assert!(x1 == x2);
        let wrong = hpke::Psk {
            psk: &[1u8; 32],
            psk_id: b"id",
        };
        let other = suite.setup_recipient(&enc, &sk, b"info", Some(wrong), None);
        if kem.supports_auth() {
            // The authenticated modes concatenate two DH outputs.
            let (enc, ct) = suite
                .seal(sk.public_key(), b"i", b"a", b"m", psk_ref(), Some(&again))
                .unwrap();
            let pt = suite
                .open(
                    &enc,
                    &sk,
                    b"i",
                    b"a",
                    &ct,
                    psk_ref(),
                    Some(again.public_key()),
                )
                .unwrap();
            assert_eq!(pt, b"m");
        }
        drop((sk, again, sender, recipient, x1, x2, other));
    });
}

#[cfg(feature = "test-hooks")]
#[test]
fn hpke_secrets_are_wiped() {
    use hpke::{Aead, Kdf, Kem};
    hpke_flow(Kem::DhkemX25519, Kdf::HkdfSha256, Aead::Aes128Gcm);
    hpke_flow(Kem::DhkemP256, Kdf::TurboShake128, Aead::ChaCha20Poly1305);
    hpke_flow(Kem::MlKem768X25519, Kdf::Shake256, Aead::Aes256Gcm);
    hpke_flow(Kem::MlKem768, Kdf::HkdfSha384, Aead::ExportOnly);
}

/// On a randomness failure nothing is returned, and the buffers that would
/// have held the seed or the coins are all zero when freed.
#[cfg(feature = "test-hooks")]
#[test]
fn randomness_failure_leaves_only_zeros() {
    // Control: the size probe sees a non-zero block of a watched size.
    arm(&[]);
    watch_sizes([64, 32]);
    drop(vec![1u8; 64]);
    let (nonzero, watched) = sized();
    disarm();
    assert_eq!((nonzero, watched), (1, 1), "the size probe is blind");

    pqfence::hooks::set_rng_failure(true);
    arm(&[]);
    watch_sizes([64, 32]);
    assert_eq!(
        DecapsulationKey::<MlKem768>::generate().err(),
        Some(Error::Randomness)
    );
    let ek = DecapsulationKey::<MlKem768>::from_seed(&[1u8; 64]).unwrap();
    assert_eq!(
        ek.encapsulation_key().encapsulate().err(),
        Some(Error::Randomness)
    );
    assert_eq!(
        SigningKey::<MlDsa65>::generate().err(),
        Some(Error::Randomness)
    );
    let sk = SigningKey::<MlDsa65>::from_seed(&[2u8; 32]).unwrap();
    assert_eq!(sk.sign(b"m", b"").err(), Some(Error::Randomness));
    let (nonzero, watched) = sized();
    disarm();
    pqfence::hooks::set_rng_failure(false);
    assert!(watched >= 4, "only {watched} seed/coin buffers were freed");
    assert_eq!(
        nonzero, 0,
        "{nonzero} of {watched} seed/coin buffers freed unwiped"
    );
    drop((ek, sk));
}
