//! ML-DSA through the Rust API: every ACVP keyGen/sigGen/sigVer test, every
//! record of the pyca/cryptography KAT files, external mu, pre-hash, strict
//! decoding and bad input.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{acvp_cases, read_rsp, unhex, vectors_dir, AcvpCase};
use pqfence::mldsa::{DsaParams, MlDsa44, MlDsa65, MlDsa87, MuBuilder, SigningKey, VerifyingKey};
use pqfence::prehash::PreHash;
use pqfence::{ByteArray, Error};

macro_rules! for_set {
    ($name:expr, $f:ident, $($arg:expr),*) => {
        match $name {
            "ML-DSA-44" => $f::<MlDsa44>($($arg),*),
            "ML-DSA-65" => $f::<MlDsa65>($($arg),*),
            "ML-DSA-87" => $f::<MlDsa87>($($arg),*),
            other => panic!("unknown parameter set {other}"),
        }
    };
}

fn acvp_keygen<P: DsaParams>(c: &AcvpCase) {
    let sk = SigningKey::<P>::from_seed(&c.h("seed")).unwrap();
    assert_eq!(sk.verifying_key().as_bytes(), c.h("pk"));
    assert_eq!(sk.expanded_bytes().bytes(), c.h("sk").as_slice());
    // The expanded key validates and derives the same public key.
    let sk2 = SigningKey::<P>::from_expanded_bytes(&c.h("sk")).unwrap();
    assert_eq!(sk2.verifying_key().as_bytes(), c.h("pk"));
    // The uncached key generation (keygen_internal) gives the same keys.
    #[cfg(feature = "test-hooks")]
    {
        let sk3 = SigningKey::<P>::from_seed_uncached(&c.h("seed")).unwrap();
        assert_eq!(sk3.verifying_key().as_bytes(), c.h("pk"));
        assert_eq!(sk3.expanded_bytes().bytes(), c.h("sk").as_slice());
    }
}

fn acvp_siggen<P: DsaParams>(c: &AcvpCase) {
    let sk = SigningKey::<P>::from_expanded_bytes(&c.h("sk")).unwrap();
    let rnd: [u8; 32] = if c.group["deterministic"].as_bool().unwrap() {
        [0; 32]
    } else {
        c.h("rnd").try_into().unwrap()
    };
    let sig = sk.sign_internal(&c.h("message"), &rnd).unwrap();
    assert_eq!(sig.as_bytes(), c.h("signature"), "tcId {}", c.test["tcId"]);
    sk.verifying_key()
        .verify_internal(&c.h("message"), sig.as_bytes())
        .unwrap();
    // The uncached entry points (sign_internal, verify_internal) agree.
    #[cfg(feature = "test-hooks")]
    {
        let sig2 = sk.sign_internal_uncached(&c.h("message"), &rnd).unwrap();
        assert_eq!(sig2.as_bytes(), c.h("signature"), "tcId {}", c.test["tcId"]);
        sk.verifying_key()
            .verify_internal_uncached(&c.h("message"), sig.as_bytes())
            .unwrap();
    }
}

fn acvp_sigver<P: DsaParams>(c: &AcvpCase) {
    let vk = VerifyingKey::<P>::from_bytes(&c.h("pk")).unwrap();
    let r = vk.verify_internal(&c.h("message"), &c.h("signature"));
    assert_eq!(r.is_ok(), c.b("testPassed"), "tcId {}", c.test["tcId"]);
    #[cfg(feature = "test-hooks")]
    assert_eq!(
        vk.verify_internal_uncached(&c.h("message"), &c.h("signature")),
        r,
        "tcId {}",
        c.test["tcId"]
    );
    if let Err(e) = r {
        assert!(
            matches!(e, Error::InvalidSignature | Error::InvalidLength { .. }),
            "{e:?}"
        );
    }
}

#[test]
fn acvp_all_tests() {
    let Some(dir) = vectors_dir() else { return };
    let root = dir.join("nist-acvp-server");
    let mut n = [0usize; 4];
    for c in acvp_cases(&root.join("2024-08_f381834_65370b8/ML-DSA-keyGen-FIPS204")) {
        for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_keygen, &c);
        n[0] += 1;
    }
    for c in acvp_cases(&root.join("v1.1.0.40/ML-DSA-keyGen-FIPS204")) {
        for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_keygen, &c);
        n[1] += 1;
    }
    for c in acvp_cases(&root.join("2024-08_f381834_65370b8/ML-DSA-sigGen-FIPS204")) {
        for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_siggen, &c);
        n[2] += 1;
    }
    for c in acvp_cases(&root.join("2024-08_f381834_65370b8/ML-DSA-sigVer-FIPS204")) {
        for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_sigver, &c);
        n[3] += 1;
    }
    assert_eq!(n, [75, 75, 60, 45]);
}

fn kat_record<P: DsaParams>(r: &std::collections::HashMap<String, String>) {
    let sk = SigningKey::<P>::from_seed(&unhex(&r["xi"])).unwrap();
    assert_eq!(sk.verifying_key().as_bytes(), unhex(&r["pk"]));
    assert_eq!(sk.expanded_bytes().bytes(), unhex(&r["sk"]).as_slice());
    let (msg, ctx) = (unhex(&r["msg"]), unhex(&r["ctx"]));
    let sig = sk.sign_deterministic(&msg, &ctx).unwrap();
    let sm = unhex(&r["sm"]);
    assert_eq!(sig.as_bytes(), &sm[..P::Sig::LEN]);
    assert_eq!(&sm[P::Sig::LEN..], msg.as_slice());
    sk.verifying_key()
        .verify(&msg, &ctx, sig.as_bytes())
        .unwrap();
    // External mu gives the same signature.
    let mut b = sk.verifying_key().mu_builder(&ctx).unwrap();
    b.update(&msg);
    let mu = b.finalize();
    assert_eq!(sk.sign_mu(&mu, true).unwrap(), sig);
    sk.verifying_key().verify_mu(&mu, sig.as_bytes()).unwrap();
}

#[test]
fn kat_files_all_records() {
    let Some(dir) = vectors_dir() else { return };
    let mut total = 0;
    for (file, name) in [
        ("44", "ML-DSA-44"),
        ("65", "ML-DSA-65"),
        ("87", "ML-DSA-87"),
    ] {
        let path = dir.join(format!(
            "pyca-cryptography-vectors-50.0.2/MLDSA/kat_MLDSA_{file}_det_pure.rsp"
        ));
        let records = read_rsp(&path);
        assert_eq!(records.len(), 100);
        for r in &records {
            for_set!(name, kat_record, r);
        }
        total += records.len();
    }
    assert_eq!(total, 300);
}

fn behaviour<P: DsaParams>() {
    let sk = SigningKey::<P>::generate().unwrap();
    let vk = sk.verifying_key();
    let sig = sk.sign(b"msg", b"ctx").unwrap();
    vk.verify(b"msg", b"ctx", sig.as_bytes()).unwrap();
    // Hedged signing differs each time; deterministic does not.
    assert_ne!(sk.sign(b"msg", b"ctx").unwrap(), sig);
    assert_eq!(
        sk.sign_deterministic(b"m", b"").unwrap(),
        sk.sign_deterministic(b"m", b"").unwrap()
    );
    // Wrong message, context, key, or any flipped bit: InvalidSignature.
    assert_eq!(
        vk.verify(b"msh", b"ctx", sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        vk.verify(b"msg", b"ctY", sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    let other = SigningKey::<P>::generate().unwrap();
    assert_eq!(
        other.verifying_key().verify(b"msg", b"ctx", sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    for i in (0..P::Sig::LEN * 8).step_by(97) {
        let mut bad = sig.as_bytes().to_vec();
        bad[i / 8] ^= 1 << (i % 8);
        assert_eq!(
            vk.verify(b"msg", b"ctx", &bad),
            Err(Error::InvalidSignature),
            "bit {i}"
        );
    }
    // Truncated or extended signatures.
    assert_eq!(
        vk.verify(b"msg", b"ctx", &sig.as_bytes()[1..]),
        Err(Error::InvalidSignature)
    );
    // Context limits.
    assert!(sk.sign(b"m", &[0u8; 255]).is_ok());
    assert_eq!(
        sk.sign(b"m", &[0u8; 256]).err(),
        Some(Error::ContextTooLong { actual: 256 })
    );
    assert_eq!(
        vk.verify(b"m", &[0u8; 256], sig.as_bytes()),
        Err(Error::ContextTooLong { actual: 256 })
    );
    // Pre-hash with every function: verifies, and only under the same function.
    for ph in PreHash::ALL {
        let s = sk.sign_prehash(ph, b"big message", b"c", false).unwrap();
        vk.verify_prehash(ph, b"big message", b"c", s.as_bytes())
            .unwrap();
        vk.verify_prehashed(ph, &ph.digest(b"big message"), b"c", s.as_bytes())
            .unwrap();
        assert!(vk.verify(b"big message", b"c", s.as_bytes()).is_err());
        let other_ph = if ph == PreHash::Sha256 {
            PreHash::Sha512
        } else {
            PreHash::Sha256
        };
        assert!(vk
            .verify_prehash(other_ph, b"big message", b"c", s.as_bytes())
            .is_err());
    }
    assert!(matches!(
        sk.sign_prehashed(PreHash::Sha256, &[0u8; 31], b"", true),
        Err(Error::InvalidLength { expected: 32, .. })
    ));
    // Streaming mu equals one-shot mu regardless of how the message is split.
    let msg: Vec<u8> = (0..10_000u32).map(|i| i as u8).collect();
    let mut b1 = MuBuilder::new(&vk.tr(), b"ctx").unwrap();
    b1.update(&msg);
    let mut b2 = vk.mu_builder(b"ctx").unwrap();
    for chunk in msg.chunks(333) {
        b2.update(chunk);
    }
    let mu = b1.finalize();
    assert_eq!(mu, b2.finalize());
    let s = sk.sign_mu(&mu, false).unwrap();
    vk.verify(&msg, b"ctx", s.as_bytes()).unwrap();
    // Expanded-key loading rejects inconsistent keys.
    let exp = sk.expanded_bytes().bytes().to_vec();
    assert_eq!(SigningKey::<P>::from_expanded_bytes(&exp).unwrap(), sk);
    let mut bad_tr = exp.clone();
    bad_tr[64] ^= 1; // tr starts after rho (32) and K (32)
    assert!(matches!(
        SigningKey::<P>::from_expanded_bytes(&bad_tr),
        Err(Error::InvalidKey { .. })
    ));
    let mut bad_s1 = exp.clone();
    bad_s1[128] = 0xff; // s1 packed coefficients: all-ones is out of [-eta, eta]
    assert!(matches!(
        SigningKey::<P>::from_expanded_bytes(&bad_s1),
        Err(Error::InvalidKey { .. })
    ));
    // Lengths.
    assert!(matches!(
        VerifyingKey::<P>::from_bytes(&[0u8; 10]),
        Err(Error::InvalidLength { actual: 10, .. })
    ));
    assert!(matches!(
        SigningKey::<P>::from_seed(&[0u8; 33]),
        Err(Error::InvalidLength {
            expected: 32,
            actual: 33,
            ..
        })
    ));
    assert!(format!("{sk:?}").contains("REDACTED"));
}

#[test]
fn behaviour_all_sets() {
    behaviour::<MlDsa44>();
    behaviour::<MlDsa65>();
    behaviour::<MlDsa87>();
}

#[test]
fn prehash_digests_match_known_answers() {
    // Empty-message digests (FIPS 180-4 / FIPS 202 examples).
    let cases = [
        (
            PreHash::Sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ),
        (
            PreHash::Sha224,
            "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f",
        ),
        (
            PreHash::Sha512_256,
            "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a",
        ),
        (
            PreHash::Sha3_256,
            "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a",
        ),
        (
            PreHash::Shake128,
            "7f9c2ba4e88f827d616045507605853ed73b8093f6efbc88eb1a6eacfa66ef26",
        ),
    ];
    for (ph, hex) in cases {
        assert_eq!(ph.digest(b""), unhex(hex), "{}", ph.name());
    }
    for ph in PreHash::ALL {
        assert_eq!(PreHash::from_name(ph.name()).unwrap(), ph);
        assert_eq!(ph.digest(b"abc").len(), ph.digest_len());
    }
    assert_eq!(
        PreHash::from_name("sha512-224").unwrap(),
        PreHash::Sha512_224
    );
    assert_eq!(PreHash::from_name("SHA2-256").unwrap(), PreHash::Sha256);
    assert!(matches!(
        PreHash::from_name("md5"),
        Err(Error::UnknownAlgorithm { .. })
    ));
}

#[cfg(feature = "test-hooks")]
#[test]
fn pairwise_consistency_check_catches_a_broken_key() {
    pqfence::hooks::set_keygen_corruption(true);
    let r44 = SigningKey::<MlDsa44>::generate();
    let r87 = SigningKey::<MlDsa87>::from_seed(&[7u8; 32]);
    pqfence::hooks::set_keygen_corruption(false);
    assert_eq!(
        r44.err(),
        Some(Error::PairwiseConsistency {
            algorithm: "ML-DSA-44"
        })
    );
    assert!(matches!(r87, Err(Error::PairwiseConsistency { .. })));
    assert!(SigningKey::<MlDsa65>::generate().is_ok());
}

#[cfg(feature = "test-hooks")]
#[test]
fn randomness_failure_is_a_typed_error() {
    let sk = SigningKey::<MlDsa65>::from_seed(&[1u8; 32]).unwrap();
    pqfence::hooks::set_rng_failure(true);
    let gen = SigningKey::<MlDsa65>::generate();
    let hedged = sk.sign(b"m", b"");
    let det = sk.sign_deterministic(b"m", b"");
    pqfence::hooks::set_rng_failure(false);
    assert_eq!(gen.err(), Some(Error::Randomness));
    assert_eq!(hedged.err(), Some(Error::Randomness));
    assert!(det.is_ok(), "deterministic signing needs no randomness");
}

/// The expanded-key caches against the uncached entry points on random keys:
/// same keys, same signatures (hedged, deterministic, external mu), same
/// verification results on valid and tampered signatures; caches made lazily
/// and equal to a fresh expansion; caches of two different keys refused.
#[cfg(feature = "test-hooks")]
fn cached_matches_uncached<P: DsaParams>() {
    for i in 0..6u8 {
        let key = SigningKey::<P>::generate().unwrap();
        let seed = *key.seed().unwrap().expose();
        let plain = SigningKey::<P>::from_seed_uncached(&seed).unwrap();
        assert_eq!(key.verifying_key(), plain.verifying_key());
        assert_eq!(key.expanded_bytes(), plain.expanded_bytes());
        // A generated key has both expansions (its consistency check signed);
        // a key made without the cached entry points has none until used.
        assert!(key.is_expanded() && key.verifying_key().is_expanded());
        assert!(!plain.is_expanded() && !plain.verifying_key().is_expanded());

        let msg: Vec<u8> = (0..(40 + 13 * usize::from(i)))
            .map(|j| j as u8 ^ i)
            .collect();
        let rnd = [i ^ 0x5A; 32];
        let uncached = plain.sign_internal_uncached(&msg, &rnd).unwrap();
        assert_eq!(key.sign_internal(&msg, &rnd).unwrap(), uncached);
        assert_eq!(plain.sign_internal(&msg, &rnd).unwrap(), uncached);
        assert!(plain.is_expanded() && plain.verifying_key().is_expanded());
        assert!(key.verifying_key().expansion_is_fresh());
        assert!(plain.verifying_key().expansion_is_fresh());
        let det = key.sign_deterministic(&msg, b"ctx").unwrap();
        let mu = {
            let mut b = key.verifying_key().mu_builder(b"ctx").unwrap();
            b.update(&msg);
            b.finalize()
        };
        assert_eq!(plain.sign_mu_uncached(&mu, &[0; 32]).unwrap(), det);
        assert_eq!(key.sign_mu_cached_with_rnd(&mu, &[0; 32]).unwrap(), det);
        assert_eq!(
            key.sign_mu_cached_with_rnd(&mu, &rnd).unwrap(),
            plain.sign_mu_uncached(&mu, &rnd).unwrap()
        );

        // Verification: a key loaded from bytes expands on first use.
        let vk = VerifyingKey::<P>::from_bytes(key.verifying_key().as_bytes()).unwrap();
        assert!(!vk.is_expanded());
        vk.verify_internal(&msg, uncached.as_bytes()).unwrap();
        assert!(vk.is_expanded() && vk.expansion_is_fresh());
        vk.verify_internal_uncached(&msg, uncached.as_bytes())
            .unwrap();
        vk.verify_mu(&mu, det.as_bytes()).unwrap();
        vk.verify_mu_uncached(&mu, det.as_bytes()).unwrap();
        let mut bad = det.as_bytes().to_vec();
        for k in 0..8 {
            let at = (usize::from(i) * 997 + k * 409) % bad.len();
            bad[at] ^= 1 << (k % 8);
            assert_eq!(
                vk.verify(&msg, b"ctx", &bad),
                vk.verify_internal_uncached(&[&[0u8, 3][..], b"ctx", &msg].concat(), &bad)
            );
            assert_eq!(vk.verify_mu(&mu, &bad), vk.verify_mu_uncached(&mu, &bad));
            bad[at] ^= 1 << (k % 8);
        }
        // A clone keeps (a copy of) the expansion and signs the same.
        let twin = key.clone();
        assert!(twin.is_expanded());
        assert_eq!(twin.sign_internal(&msg, &rnd).unwrap(), uncached);

        // Caches of two different key pairs are refused (BAD_ARGUMENT).
        let other = SigningKey::<P>::generate().unwrap();
        assert_eq!(
            key.sign_with_foreign_pk_cache(&other, &msg).err(),
            Some(Error::Internal { code: -3 })
        );
    }
}

#[cfg(feature = "test-hooks")]
#[test]
fn cached_and_uncached_agree_on_random_keys() {
    cached_matches_uncached::<MlDsa44>();
    cached_matches_uncached::<MlDsa65>();
    cached_matches_uncached::<MlDsa87>();
}
