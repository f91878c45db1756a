//! Falcon on the portable C against the vector backend, in one process: key
//! generation from random seeds (with its pairwise consistency check),
//! signing random messages with caller-chosen nonces and sampler seeds
//! (compressed and padded), verification of valid, tampered and random
//! signatures, and loading a key from its encodings. Each operation runs with
//! `backend::limit(Portable)` and then under each vector backend, and the
//! results (bytes, or the error) must be equal: the AVX2 FFT and generator
//! must reproduce the portable doubles bit for bit, or some signature differs.
//!
//! One test function: the backend switch is process-wide, and a second test
//! running in parallel could flip it between the two runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use pqfence::backend::{self, Backend};
use pqfence::falcon::{
    Falcon1024, Falcon1024Padded, Falcon512, Falcon512Padded, FalconParams, SigningKey,
    VerifyingKey,
};

const KEYS_PER_SET: usize = 3;
const SIGNATURES_PER_KEY: usize = 8;

/// xorshift64*: test input only.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Runs `f` on the portable C, then on each vector backend the CPU has
/// (avx2, avx512); every result must equal the portable one, which is
/// returned.
fn on_both<T: PartialEq + std::fmt::Debug>(what: &str, f: impl Fn() -> T) -> T {
    assert_eq!(backend::limit(Backend::Portable), Backend::Portable);
    let portable = f();
    for b in common::vector_backends() {
        assert_eq!(backend::limit(b), b);
        let vector = f();
        assert!(
            portable == vector,
            "{what}: portable and {} differ",
            b.name()
        );
    }
    portable
}

/// An operation's outcome as comparable data: the bytes, or the error.
fn outcome<T: AsRef<[u8]>>(r: pqfence::Result<T>) -> Result<Vec<u8>, String> {
    r.map(|v| v.as_ref().to_vec()).map_err(|e| format!("{e:?}"))
}

fn unit(r: pqfence::Result<()>) -> Result<(), String> {
    r.map_err(|e| format!("{e:?}"))
}

fn compare_set<P: FalconParams>(rng: &mut Prng) {
    for _ in 0..KEYS_PER_SET {
        let seed = rng.bytes(48);
        let (pk, sk) = on_both("keygen", || {
            let k = SigningKey::<P>::from_seed(&seed).unwrap();
            (
                k.verifying_key().as_bytes().to_vec(),
                k.expanded_bytes().bytes().to_vec(),
            )
        });
        let key = SigningKey::<P>::from_seed(&seed).unwrap();
        let vk = VerifyingKey::<P>::from_bytes(&pk).unwrap();

        for _ in 0..SIGNATURES_PER_KEY {
            let n = rng.below(300);
            let msg = rng.bytes(n);
            let nonce: [u8; 40] = rng.bytes(40).try_into().unwrap();
            let sseed: [u8; 48] = rng.bytes(48).try_into().unwrap();
            let sig = on_both("sign", || {
                outcome(
                    key.sign_with_randomness(&msg, &nonce, &sseed)
                        .map(|s| s.as_bytes().to_vec()),
                )
            })
            .unwrap();
            on_both("verify", || unit(vk.verify(&msg, &sig))).unwrap();
            let mut bad = sig.clone();
            let i = 41 + rng.below(bad.len() - 41);
            bad[i] ^= 1 << rng.below(8);
            let r = on_both("verify tampered", || unit(vk.verify(&msg, &bad)));
            assert!(r.is_err(), "a changed signature fails");
        }
        let junk = rng.bytes(P::SIG_BYTES.min(600));
        on_both("verify random", || unit(vk.verify(b"m", &junk))).expect_err("random bytes fail");

        let loaded = on_both("from_keypair_bytes", || {
            outcome(
                SigningKey::<P>::from_keypair_bytes(&sk, &pk)
                    .map(|k| k.verifying_key().as_bytes().to_vec()),
            )
        });
        assert_eq!(loaded.unwrap(), pk);
    }
}

#[test]
fn falcon_portable_equals_vector() {
    let mut rng = Prng(0x2545_F491_4F6C_DD1D);
    compare_set::<Falcon512>(&mut rng);
    compare_set::<Falcon1024>(&mut rng);
    compare_set::<Falcon512Padded>(&mut rng);
    compare_set::<Falcon1024Padded>(&mut rng);
}
