//! SLH-DSA on the vector backend gives the portable C's bytes: for random
//! seeds and messages, in one process, every parameter set's key generation,
//! signing (deterministic and hedged) and verification (of good and of
//! corrupted signatures) runs once capped at the portable code and once on
//! each vector backend the CPU has (avx2, avx512), and the results must agree.
//!
//! `backend::limit` is process-wide, so this file holds one test. On a CPU
//! without AVX2 both runs are portable and the test only checks itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use pqfence::backend::{self, Backend};
use pqfence::slhdsa::*;
use pqfence::Error;

/// xorshift64*: test input only.
struct Rng(u64);

impl Rng {
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n)
            .map(|_| {
                self.0 ^= self.0 << 13;
                self.0 ^= self.0 >> 7;
                self.0 ^= self.0 << 17;
                (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
            })
            .collect()
    }
}

/// What one backend produces for one key and message.
#[derive(PartialEq, Debug)]
struct Outputs {
    pk: Vec<u8>,
    sk: Vec<u8>,
    deterministic: Vec<u8>,
    hedged: Vec<u8>,
    verified: [bool; 3],
}

fn run<P: SlhParams>(b: Backend, seeds: &[Vec<u8>; 3], msg: &[u8], rnd: &[u8]) -> Outputs {
    backend::limit(b);
    let sk = SigningKey::<P>::from_seeds(&seeds[0], &seeds[1], &seeds[2]).unwrap();
    let vk = sk.verifying_key();
    let deterministic = sk.sign_internal(msg, None).unwrap();
    let hedged = sk.sign_internal(msg, Some(rnd)).unwrap();
    let mut bad = hedged.as_bytes().to_vec();
    // A byte of the last layer's authentication path, then one of R.
    let at = bad.len() - 5;
    bad[at] ^= 0x10;
    let bad_tail = vk.verify_internal(msg, &bad);
    bad[at] ^= 0x10;
    bad[3] ^= 1;
    let bad_r = vk.verify_internal(msg, &bad);
    for r in [&bad_tail, &bad_r] {
        if let Err(e) = r {
            assert_eq!(*e, Error::InvalidSignature);
        }
    }
    Outputs {
        pk: vk.as_bytes().to_vec(),
        sk: sk.expanded_bytes().bytes().to_vec(),
        deterministic: deterministic.as_bytes().to_vec(),
        hedged: hedged.as_bytes().to_vec(),
        verified: [
            vk.verify_internal(msg, hedged.as_bytes()).is_ok(),
            bad_tail.is_ok(),
            bad_r.is_ok(),
        ],
    }
}

fn compare<P: SlhParams>(rng: &mut Rng, keys: usize, seed: u64) {
    let name = P::NAME;
    for k in 0..keys {
        let seeds = [rng.bytes(P::N), rng.bytes(P::N), rng.bytes(P::N)];
        let len = usize::from(rng.bytes(1)[0]) * 3;
        let msg = rng.bytes(len);
        let rnd = rng.bytes(P::N);
        let portable = run::<P>(Backend::Portable, &seeds, &msg, &rnd);
        assert_eq!(
            portable.verified,
            [true, false, false],
            "{name} key {k} seed {seed}"
        );
        for b in common::vector_backends() {
            let vector = run::<P>(b, &seeds, &msg, &rnd);
            assert!(
                portable == vector,
                "{name} key {k}: portable and {} differ (seed {seed})",
                b.name()
            );
        }
    }
}

#[test]
fn portable_and_vector_backends_agree() {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    let mut rng = Rng(seed);
    let best = backend::limit(Backend::Avx512);
    // The "f" sets several keys each, the slower "s" sets one.
    compare::<SlhDsaSha2_128f>(&mut rng, 3, seed);
    compare::<SlhDsaSha2_192f>(&mut rng, 2, seed);
    compare::<SlhDsaSha2_256f>(&mut rng, 2, seed);
    compare::<SlhDsaShake_128f>(&mut rng, 3, seed);
    compare::<SlhDsaShake_192f>(&mut rng, 2, seed);
    compare::<SlhDsaShake_256f>(&mut rng, 2, seed);
    compare::<SlhDsaSha2_128s>(&mut rng, 1, seed);
    compare::<SlhDsaSha2_192s>(&mut rng, 1, seed);
    compare::<SlhDsaSha2_256s>(&mut rng, 1, seed);
    compare::<SlhDsaShake_128s>(&mut rng, 1, seed);
    compare::<SlhDsaShake_192s>(&mut rng, 1, seed);
    compare::<SlhDsaShake_256s>(&mut rng, 1, seed);
    assert_eq!(backend::limit(best), best);
}
