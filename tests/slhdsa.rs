//! SLH-DSA through the Rust API: every ACVP keyGen, sigGen and sigVer test,
//! and behaviour of all twelve parameter sets (pure, pre-hash, fault check,
//! bad input).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::{acvp_cases, vectors_dir, AcvpCase};
use pqfence::prehash::PreHash;
use pqfence::slhdsa::*;
use pqfence::{ByteArray, Error};

macro_rules! for_set {
    ($name:expr, $f:ident, $($arg:expr),*) => {
        match $name {
            "SLH-DSA-SHA2-128s" => $f::<SlhDsaSha2_128s>($($arg),*),
            "SLH-DSA-SHA2-128f" => $f::<SlhDsaSha2_128f>($($arg),*),
            "SLH-DSA-SHA2-192s" => $f::<SlhDsaSha2_192s>($($arg),*),
            "SLH-DSA-SHA2-192f" => $f::<SlhDsaSha2_192f>($($arg),*),
            "SLH-DSA-SHA2-256s" => $f::<SlhDsaSha2_256s>($($arg),*),
            "SLH-DSA-SHA2-256f" => $f::<SlhDsaSha2_256f>($($arg),*),
            "SLH-DSA-SHAKE-128s" => $f::<SlhDsaShake_128s>($($arg),*),
            "SLH-DSA-SHAKE-128f" => $f::<SlhDsaShake_128f>($($arg),*),
            "SLH-DSA-SHAKE-192s" => $f::<SlhDsaShake_192s>($($arg),*),
            "SLH-DSA-SHAKE-192f" => $f::<SlhDsaShake_192f>($($arg),*),
            "SLH-DSA-SHAKE-256s" => $f::<SlhDsaShake_256s>($($arg),*),
            "SLH-DSA-SHAKE-256f" => $f::<SlhDsaShake_256f>($($arg),*),
            other => panic!("unknown parameter set {other}"),
        }
    };
}

const ALL: [&str; 12] = [
    "SLH-DSA-SHA2-128s",
    "SLH-DSA-SHA2-128f",
    "SLH-DSA-SHA2-192s",
    "SLH-DSA-SHA2-192f",
    "SLH-DSA-SHA2-256s",
    "SLH-DSA-SHA2-256f",
    "SLH-DSA-SHAKE-128s",
    "SLH-DSA-SHAKE-128f",
    "SLH-DSA-SHAKE-192s",
    "SLH-DSA-SHAKE-192f",
    "SLH-DSA-SHAKE-256s",
    "SLH-DSA-SHAKE-256f",
];

fn acvp_keygen<P: SlhParams>(c: &AcvpCase) {
    let sk = SigningKey::<P>::from_seeds(&c.h("skSeed"), &c.h("skPrf"), &c.h("pkSeed")).unwrap();
    assert_eq!(sk.verifying_key().as_bytes(), c.h("pk"));
    assert_eq!(sk.expanded_bytes().bytes(), c.h("sk").as_slice());
    assert_eq!(
        SigningKey::<P>::from_expanded_bytes(&c.h("sk")).unwrap(),
        sk
    );
}

fn acvp_siggen<P: SlhParams>(c: &AcvpCase) {
    let sk = SigningKey::<P>::from_expanded_bytes(&c.h("sk")).unwrap();
    let rnd = if c.group["deterministic"].as_bool().unwrap() {
        None
    } else {
        Some(c.h("additionalRandomness"))
    };
    let sig = sk.sign_internal(&c.h("message"), rnd.as_deref()).unwrap();
    assert_eq!(sig.as_bytes(), c.h("signature"), "tcId {}", c.test["tcId"]);
}

fn acvp_sigver<P: SlhParams>(c: &AcvpCase) {
    let vk = VerifyingKey::<P>::from_bytes(&c.h("pk")).unwrap();
    let r = vk.verify_internal(&c.h("message"), &c.h("signature"));
    assert_eq!(r.is_ok(), c.b("testPassed"), "tcId {}", c.test["tcId"]);
    if let Err(e) = r {
        assert_eq!(e, Error::InvalidSignature);
    }
}

/// Every ACVP keyGen, sigGen and sigVer case. The time goes to the C (always
/// compiled at -O2, whatever the test profile), nearly all of it to sigGen of
/// the "s" sets: the sigGen cases run on two threads, so that `cargo test` on a
/// 2-core machine is not held up by this one test.
#[test]
fn acvp_all_tests() {
    let Some(dir) = vectors_dir() else { return };
    let root = dir.join("nist-acvp-server");
    let mut n = Vec::new();
    for sub in [
        "v1.1.0.35/SLH-DSA-keyGen-FIPS205",
        "v1.1.0.38/SLH-DSA-keyGen-FIPS205",
        "v1.1.0.40/SLH-DSA-keyGen-FIPS205",
    ] {
        let cases = acvp_cases(&root.join(sub));
        for c in &cases {
            for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_keygen, c);
        }
        n.push(cases.len());
    }
    let cases = acvp_cases(&root.join("v1.1.0.35/SLH-DSA-sigGen-FIPS205"));
    let run = |part: usize| {
        for c in cases.iter().skip(part).step_by(2) {
            for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_siggen, c);
        }
    };
    std::thread::scope(|s| {
        let other = s.spawn(|| run(1));
        run(0);
        other.join().unwrap();
    });
    n.push(cases.len());
    let cases = acvp_cases(&root.join("v1.1.0.35/SLH-DSA-sigVer-FIPS205"));
    for c in &cases {
        for_set!(c.group["parameterSet"].as_str().unwrap(), acvp_sigver, c);
    }
    n.push(cases.len());
    assert_eq!(n, [40, 120, 120, 88, 45]);
}

/// `full`: every property; otherwise those that need few signatures (the
/// small "s" sets sign slowly by design).
fn behaviour<P: SlhParams>(full: bool) {
    let sk = SigningKey::<P>::generate().unwrap();
    let vk = sk.verifying_key();
    let sig = sk.sign(b"msg", b"ctx").unwrap();
    assert_eq!(sig.as_bytes().len(), P::Sig::LEN);
    vk.verify(b"msg", b"ctx", sig.as_bytes()).unwrap();
    assert_eq!(
        vk.verify(b"msg", b"ctX", sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        vk.verify(b"msh", b"ctx", sig.as_bytes()),
        Err(Error::InvalidSignature)
    );
    let mut bad = sig.as_bytes().to_vec();
    let last = bad.len() - 1;
    bad[last] ^= 0x80;
    assert_eq!(
        vk.verify(b"msg", b"ctx", &bad),
        Err(Error::InvalidSignature)
    );
    bad[last] ^= 0x80;
    bad[0] ^= 1; // the randomizer R
    assert_eq!(
        vk.verify(b"msg", b"ctx", &bad),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        vk.verify(b"msg", b"ctx", &bad[1..]),
        Err(Error::InvalidSignature)
    );
    // Contexts and lengths.
    assert_eq!(
        sk.sign(b"m", &[0; 256]).err(),
        Some(Error::ContextTooLong { actual: 256 })
    );
    assert!(matches!(
        SigningKey::<P>::from_seed(&[0; 7]),
        Err(Error::InvalidLength { actual: 7, .. })
    ));
    // An expanded key whose PK.root does not match is refused.
    let mut exp = sk.expanded_bytes().bytes().to_vec();
    let l = exp.len() - 1;
    exp[l] ^= 1;
    assert!(matches!(
        SigningKey::<P>::from_expanded_bytes(&exp),
        Err(Error::InvalidKey { .. })
    ));
    assert!(format!("{sk:?}").contains("REDACTED"));
    if !full {
        return;
    }
    // Deterministic is reproducible; hedged is not; unverified gives a valid one.
    let d = sk.sign_deterministic(b"m", b"").unwrap();
    assert_eq!(d, sk.sign_deterministic(b"m", b"").unwrap());
    assert_ne!(sk.sign(b"m", b"").unwrap(), sk.sign(b"m", b"").unwrap());
    vk.verify(b"m", b"", sk.sign_unverified(b"m", b"").unwrap().as_bytes())
        .unwrap();
    // Pre-hash (one SHA-2 and one SHAKE function; every function is covered
    // by the Python oracle tests).
    for ph in [PreHash::Sha512, PreHash::Shake128] {
        let s = sk.sign_prehash(ph, b"big", b"c", true).unwrap();
        vk.verify_prehash(ph, b"big", b"c", s.as_bytes()).unwrap();
        assert!(vk.verify(b"big", b"c", s.as_bytes()).is_err());
    }
}

fn behaviour_by_name<P: SlhParams>(full: bool) {
    behaviour::<P>(full);
}

#[test]
fn behaviour_fast_sets() {
    for name in ALL.iter().filter(|n| n.ends_with('f')) {
        for_set!(*name, behaviour_by_name, true);
    }
}

#[test]
fn behaviour_small_sets() {
    for name in ALL.iter().filter(|n| n.ends_with('s')) {
        for_set!(*name, behaviour_by_name, false);
    }
}
