//! ML-DSA on the portable C against the vector backend, in one process: key
//! generation from random seeds (with its pairwise consistency check),
//! deterministic, hedged (caller-chosen rnd) and external-mu signing,
//! verification of valid, tampered and random signatures, and the expanded
//! key check on valid and corrupted keys. Signing and verification go through
//! the expanded-key caches the API uses, made once under each backend (fresh
//! keys inside the run) and, with `test-hooks`, through the uncached entry
//! points as well. Each operation runs with
//! `backend::limit(Portable)` and then under each vector backend, and the
//! results (bytes, or the error) must be equal.
//!
//! One test function: the backend switch is process-wide, and a second test
//! running in parallel could flip it between the two runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{on_every_backend, outcome, unit, Prng};
use pqfence::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87, SigningKey, VerifyingKey};

const KEYS_PER_SET: usize = 12;

fn compare_set<P: DsaParams>(rng: &mut Prng) {
    for _ in 0..KEYS_PER_SET {
        let seed = rng.bytes(32);
        let (pk, sk) = on_every_backend("keygen", || {
            let k = SigningKey::<P>::from_seed(&seed).unwrap();
            (
                k.verifying_key().as_bytes().to_vec(),
                k.expanded_bytes().bytes().to_vec(),
            )
        });
        let key = SigningKey::<P>::from_seed(&seed).unwrap();
        let vk = VerifyingKey::<P>::from_bytes(&pk).unwrap();

        let n = rng.below(300);
        let msg = rng.bytes(n);
        let n = rng.below(40);
        let ctx = rng.bytes(n);
        let det = on_every_backend("sign_deterministic", || {
            outcome(
                key.sign_deterministic(&msg, &ctx)
                    .map(|s| s.as_bytes().to_vec()),
            )
        })
        .unwrap();
        let rnd: [u8; 32] = rng.bytes(32).try_into().unwrap();
        let hedged = on_every_backend("sign_internal", || {
            outcome(key.sign_internal(&msg, &rnd).map(|s| s.as_bytes().to_vec()))
        })
        .unwrap();
        // Caches made under each backend: a fresh key in each run.
        let fresh = on_every_backend("sign/verify with caches made on this backend", || {
            let k = SigningKey::<P>::from_expanded_bytes(&sk).unwrap();
            let v = VerifyingKey::<P>::from_bytes(&pk).unwrap();
            let s = k.sign_internal(&msg, &rnd).unwrap().as_bytes().to_vec();
            let ok = unit(v.verify_internal(&msg, &s));
            (s, ok)
        });
        assert_eq!(fresh, (hedged.clone(), Ok(())));
        #[cfg(feature = "test-hooks")]
        {
            let plain = on_every_backend("keygen (uncached)", || {
                let k = SigningKey::<P>::from_seed_uncached(&seed).unwrap();
                (
                    k.verifying_key().as_bytes().to_vec(),
                    k.expanded_bytes().bytes().to_vec(),
                )
            });
            assert_eq!(plain, (pk.clone(), sk.clone()));
            let unc = on_every_backend("sign_internal (uncached)", || {
                outcome(
                    key.sign_internal_uncached(&msg, &rnd)
                        .map(|s| s.as_bytes().to_vec()),
                )
            });
            assert_eq!(unc.unwrap(), hedged);
            on_every_backend("verify_internal (uncached)", || {
                unit(vk.verify_internal_uncached(&msg, &hedged))
            })
            .unwrap();
        }
        let mu = {
            let mut b = vk.mu_builder(&ctx).unwrap();
            b.update(&msg);
            b.finalize()
        };
        let via_mu = on_every_backend("sign_mu", || {
            outcome(key.sign_mu(&mu, true).map(|s| s.as_bytes().to_vec()))
        })
        .unwrap();
        assert_eq!(via_mu, det, "external mu signs the same message");
        #[cfg(feature = "test-hooks")]
        {
            let unc = on_every_backend("sign_mu (uncached)", || {
                outcome(
                    key.sign_mu_uncached(&mu, &[0; 32])
                        .map(|s| s.as_bytes().to_vec()),
                )
            });
            assert_eq!(unc.unwrap(), det);
            on_every_backend("verify_mu (uncached)", || {
                unit(vk.verify_mu_uncached(&mu, &det))
            })
            .unwrap();
        }

        on_every_backend("verify", || unit(vk.verify(&msg, &ctx, &det))).unwrap();
        on_every_backend("verify_internal", || {
            unit(vk.verify_internal(&msg, &hedged))
        })
        .unwrap();
        on_every_backend("verify_mu", || unit(vk.verify_mu(&mu, &det))).unwrap();

        // Tampered signatures: one bit anywhere (challenge, z, hint), and a
        // small change of one z coefficient that keeps the encoding valid.
        for _ in 0..4 {
            let mut bad = det.clone();
            let i = rng.below(bad.len());
            bad[i] ^= 1 << rng.below(8);
            let r = on_every_backend("verify tampered", || unit(vk.verify(&msg, &ctx, &bad)));
            assert!(r.is_err());
        }
        let mut bad = det.clone();
        bad[64 + rng.below(64)] ^= 1; // inside z for every set (c~ is at most 64 bytes)
        on_every_backend("verify tampered z", || unit(vk.verify(&msg, &ctx, &bad)))
            .expect_err("a changed z fails");
        let junk = rng.bytes(det.len());
        on_every_backend("verify random", || unit(vk.verify(&msg, &ctx, &junk)))
            .expect_err("random bytes fail");

        // The expanded key: valid, then one byte of s1, s2 or t0 changed.
        let derived = on_every_backend("from_expanded_bytes", || {
            outcome(
                SigningKey::<P>::from_expanded_bytes(&sk)
                    .map(|k| k.verifying_key().as_bytes().to_vec()),
            )
        });
        assert_eq!(derived.unwrap(), pk);
        let mut broken = sk.clone();
        let i = 128 + rng.below(broken.len() - 128);
        broken[i] ^= 1 << rng.below(8);
        let r = on_every_backend("from_expanded_bytes corrupted", || {
            outcome(
                SigningKey::<P>::from_expanded_bytes(&broken)
                    .map(|k| k.verifying_key().as_bytes().to_vec()),
            )
        });
        assert!(r.is_err(), "a corrupted expanded key is refused");
    }
}

#[test]
fn mldsa_portable_equals_vector() {
    let mut rng = Prng(0x9E37_79B9_7F4A_7C15);
    compare_set::<MlDsa44>(&mut rng);
    compare_set::<MlDsa65>(&mut rng);
    compare_set::<MlDsa87>(&mut rng);
}
