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

use common::{on_every_backend, outcome, unit, Prng};
use pqfence::falcon::{
    Falcon1024, Falcon1024Padded, Falcon512, Falcon512Padded, FalconParams, SigningKey,
    VerifyingKey,
};

const KEYS_PER_SET: usize = 3;
const SIGNATURES_PER_KEY: usize = 8;

fn compare_set<P: FalconParams>(rng: &mut Prng) {
    for _ in 0..KEYS_PER_SET {
        let seed = rng.bytes(48);
        let (pk, sk) = on_every_backend("keygen", || {
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
            let sig = on_every_backend("sign", || {
                outcome(
                    key.sign_with_randomness(&msg, &nonce, &sseed)
                        .map(|s| s.as_bytes().to_vec()),
                )
            })
            .unwrap();
            on_every_backend("verify", || unit(vk.verify(&msg, &sig))).unwrap();
            let mut bad = sig.clone();
            let i = 41 + rng.below(bad.len() - 41);
            bad[i] ^= 1 << rng.below(8);
            let r = on_every_backend("verify tampered", || unit(vk.verify(&msg, &bad)));
            assert!(r.is_err(), "a changed signature fails");
        }
        let junk = rng.bytes(P::SIG_BYTES.min(600));
        on_every_backend("verify random", || unit(vk.verify(b"m", &junk)))
            .expect_err("random bytes fail");

        let loaded = on_every_backend("from_keypair_bytes", || {
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
